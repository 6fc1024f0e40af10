//! Unlimited undo/redo of [`Edit`]s, and the "unsaved changes" marker.

use super::edit::{Edit, EditError};
use super::project::Project;

#[derive(Debug)]
struct Entry {
    /// Applying this reverts (on the undo stack) or repeats (on the redo stack) the step.
    edit: Edit,
    label: String,
    merge_key: Option<String>,
    /// Identifies the project state after this step.
    seq: u64,
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
        let inverse = edit.apply(project)?;
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
        self.undo.push(Entry {
            edit: inverse,
            label: label.into(),
            merge_key,
            seq: self.next_seq,
        });
        Ok(())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self, project: &mut Project) -> Option<String> {
        let entry = self.undo.pop()?;
        match entry.edit.clone().apply(project) {
            Ok(redo) => {
                self.changes += 1;
                let label = entry.label.clone();
                self.redo.push(Entry {
                    edit: redo,
                    merge_key: None,
                    ..entry
                });
                Some(label)
            }
            Err(_) => {
                // Keep the step rather than lose it; the caller reports nothing undone.
                self.undo.push(entry);
                None
            }
        }
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, project: &mut Project) -> Option<String> {
        let entry = self.redo.pop()?;
        match entry.edit.clone().apply(project) {
            Ok(undo) => {
                self.changes += 1;
                let label = entry.label.clone();
                self.undo.push(Entry {
                    edit: undo,
                    merge_key: None,
                    ..entry
                });
                Some(label)
            }
            Err(_) => {
                self.redo.push(entry);
                None
            }
        }
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
