//! Unlimited undo/redo of [`Edit`]s, and the "unsaved changes" marker.
//!
//! Each step remembers where it acted (the document and the annotations it
//! touched), so that undo and redo can show the change: [`Step`].

use super::edit::{Edit, EditError, Touched};
use super::project::Project;

#[derive(Debug)]
struct Entry {
    /// Applying this reverts (on the undo stack) or repeats (on the redo stack) the step.
    edit: Edit,
    label: String,
    merge_key: Option<String>,
    /// Identifies the project state after this step.
    seq: u64,
    /// The document the step changed, if it changed one.
    doc: Option<usize>,
    /// The annotations it touched in that document.
    selection: Vec<String>,
}

/// An undone or redone step, as the window shows it: its label, the document
/// it changed and the annotations it touched there (to select those that
/// exist after the undo or redo). Document indices are those of the project
/// as the undo or redo leaves it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub label: String,
    pub doc: Option<usize>,
    pub selection: Vec<String>,
}

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    next_seq: u64,
    saved_seq: u64,
    /// Counts every change (including merged ones), for autosave.
    changes: u64,
}

impl History {
    /// Applies `edit` and records it. Consecutive edits with the same
    /// `merge_key` (typing in one note, say) form one undo step.
    pub fn perform(
        &mut self,
        project: &mut Project,
        edit: Edit,
        label: impl Into<String>,
        merge_key: Option<String>,
    ) -> Result<(), EditError> {
        let mut touched = Touched::default();
        edit.touches(&mut touched);
        let inverse = edit.apply(project)?;
        inverse.touches(&mut touched);
        self.changes += 1;
        self.redo.clear();
        if let (Some(key), Some(top)) = (&merge_key, self.undo.last())
            && top.merge_key.as_ref() == Some(key)
            && top.seq != self.saved_seq
        {
            // Keep the older inverse: it restores the state before the first merged edit.
            return Ok(());
        }
        self.next_seq += 1;
        let doc = touched.doc;
        let selection = touched
            .annotations
            .into_iter()
            .filter(|(d, _)| Some(*d) == doc)
            .map(|(_, id)| id)
            .collect();
        self.undo.push(Entry {
            edit: inverse,
            label: label.into(),
            merge_key,
            seq: self.next_seq,
            doc,
            selection,
        });
        Ok(())
    }

    /// Undoes the last step. `Ok(None)`: nothing to undo. `Err`: the step
    /// could not be applied (the project was changed outside the history);
    /// the project is unchanged and the step is kept.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<Step>, EditError> {
        let step = Self::replay(&mut self.undo, &mut self.redo, project)?;
        self.changes += u64::from(step.is_some());
        Ok(step)
    }

    /// Redoes the last undone step; `Ok(None)` and `Err` as for [`History::undo`].
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<Step>, EditError> {
        let step = Self::replay(&mut self.redo, &mut self.undo, project)?;
        self.changes += u64::from(step.is_some());
        Ok(step)
    }

    /// Applies the top of `from` and moves it, inverted, to `to`.
    fn replay(
        from: &mut Vec<Entry>,
        to: &mut Vec<Entry>,
        project: &mut Project,
    ) -> Result<Option<Step>, EditError> {
        let Some(entry) = from.last() else {
            return Ok(None);
        };
        let inverse = entry.edit.clone().apply(project)?;
        let Some(entry) = from.pop() else {
            return Ok(None);
        };
        let step = Step {
            label: entry.label.clone(),
            doc: entry.doc,
            selection: entry.selection.clone(),
        };
        to.push(Entry {
            edit: inverse,
            merge_key: None,
            ..entry
        });
        Ok(Some(step))
    }

    /// Where the next undo acts, before it is applied: the document and the
    /// annotations the step touched (the window selects the text of one
    /// that the undo removes).
    pub fn undo_place(&self) -> Option<(Option<usize>, &[String])> {
        self.undo.last().map(|e| (e.doc, e.selection.as_slice()))
    }

    /// Where the next redo acts; see [`History::undo_place`].
    pub fn redo_place(&self) -> Option<(Option<usize>, &[String])> {
        self.redo.last().map(|e| (e.doc, e.selection.as_slice()))
    }

    /// Grows with every change applied, undone or redone (merged typing included).
    pub fn change_count(&self) -> u64 {
        self.changes
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    fn state(&self) -> u64 {
        self.undo.last().map_or(0, |e| e.seq)
    }
    /// Marks the current state as the one on disk.
    pub fn mark_saved(&mut self) {
        self.saved_seq = self.state();
    }
    /// Marks the project as changed since the last save, with no undo step
    /// (a new project made from a text that was never saved).
    pub fn mark_unsaved(&mut self) {
        self.saved_seq = u64::MAX;
    }
    pub fn is_dirty(&self) -> bool {
        self.state() != self.saved_seq
    }
}
