//! The open project and what the user is doing with it: the file path, undo
//! history, current document, text selection and selected annotation. No
//! egui here, so every user-level operation is testable without a window.

use std::path::PathBuf;

use crate::model::{
    Annotation, CharRange, Document, Edit, EditError, Fragment, History, Project, Relation, Step, id_prefix,
    new_id, now_timestamp, snap_selection,
};

/// Why a user-level operation on the workspace did not happen. The text is
/// what the status line says; callers keep the type until that edge.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("Select some text first, then press a label's key.")]
    NoTextSelected,
    #[error("Select the text of the new fragment first.")]
    NoFragmentText,
    #[error("Select an annotation first.")]
    NoAnnotationSelected,
    #[error("Select an annotation to delete.")]
    NothingToDelete,
    #[error("Select a quote (or cue) first.")]
    NothingToLink,
    #[error("No document is open.")]
    NoDocument,
    #[error("No annotation {0} in this document.")]
    NoSuchAnnotation(String),
    #[error("The selection overlaps a fragment of this annotation.")]
    FragmentOverlaps,
    #[error("An annotation keeps at least one fragment; delete the annotation instead.")]
    LastFragment,
    #[error("The tag set has no relation from {from} to {to}.")]
    NoRelation { from: String, to: String },
    #[error(transparent)]
    Edit(#[from] EditError),
}

/// A text selection in document coordinates: it survives scrolling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub anchor: usize,
    pub head: usize,
}

impl Selection {
    pub fn range(&self) -> CharRange {
        CharRange::new(self.anchor, self.head)
    }
}

pub struct Workspace {
    pub project: Project,
    /// Where the project is saved; `None` until the first Save As.
    pub path: Option<PathBuf>,
    pub history: History,
    pub doc: usize,
    pub selection: Option<Selection>,
    /// The selected annotation's id.
    pub selected: Option<String>,
    /// Where Shift+arrows start when there is no selection.
    pub caret: usize,
}

impl Workspace {
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        Self {
            project,
            path,
            history: History::default(),
            doc: 0,
            selection: None,
            selected: None,
            caret: 0,
        }
    }

    pub fn document(&self) -> Option<&Document> {
        self.project.documents.get(self.doc)
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// A short name for the title bar and dialogs.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None if self.project.name.is_empty() => "Untitled".into(),
            None => self.project.name.clone(),
        }
    }

    pub fn perform(&mut self, edit: Edit, label: &str, merge_key: Option<String>) -> Result<(), EditError> {
        self.history.perform(&mut self.project, edit, label, merge_key)?;
        self.fix_after_change();
        Ok(())
    }

    /// Undoes the last step and shows it (see [`Workspace::show_step`]).
    /// `Ok(None)`: nothing to undo; `Err`: the step could not be undone and
    /// is kept, the project unchanged.
    pub fn undo(&mut self) -> Result<Option<Step>, EditError> {
        let step = self.history.undo(&mut self.project)?;
        self.show_step(step.as_ref());
        Ok(step)
    }

    /// Redoes the last undone step and shows it; like [`Workspace::undo`].
    pub fn redo(&mut self) -> Result<Option<Step>, EditError> {
        let step = self.history.redo(&mut self.project)?;
        self.show_step(step.as_ref());
        Ok(step)
    }

    /// After an undo or redo: goes to the document the step changed and
    /// selects the first annotation it touched that is still there.
    fn show_step(&mut self, step: Option<&Step>) {
        self.fix_after_change();
        let Some(step) = step else { return };
        if let Some(doc) = step.doc {
            self.set_document(doc);
        }
        let there = |id: &&String| self.document().is_some_and(|d| d.annotation(id).is_some());
        if let Some(id) = step.selection.iter().find(there).cloned() {
            self.select_annotation(Some(id));
        }
    }

    /// Keeps indexes valid after the project changed under them.
    fn fix_after_change(&mut self) {
        if self.doc >= self.project.documents.len() {
            self.doc = self.project.documents.len().saturating_sub(1);
            self.selection = None;
        }
        if let Some(id) = &self.selected
            && self.document().and_then(|d| d.annotation(id)).is_none()
        {
            self.selected = None;
        }
    }

    pub fn selected_annotation(&self) -> Option<&Annotation> {
        self.document()?.annotation(self.selected.as_deref()?)
    }

    pub fn select_annotation(&mut self, id: Option<String>) {
        if let Some(a) = id.as_deref().and_then(|id| self.document()?.annotation(id)) {
            self.caret = a.hull().end;
        }
        self.selected = id;
    }

    pub fn set_document(&mut self, doc: usize) {
        if doc < self.project.documents.len() && doc != self.doc {
            self.doc = doc;
            self.selection = None;
            self.selected = None;
            self.caret = 0;
        }
    }

    /// Tags the selection with `label`; the new annotation becomes selected.
    pub fn tag_selection(&mut self, label: &str) -> Result<String, WorkspaceError> {
        let range = self.selection.map(|s| s.range()).filter(|r| !r.is_empty());
        let range = range.ok_or(WorkspaceError::NoTextSelected)?;
        let doc = self.document().ok_or(WorkspaceError::NoDocument)?;
        let now = now_timestamp();
        let annotation = Annotation {
            id: new_id(&id_prefix(&self.project.annotator)),
            label: label.to_string(),
            fragments: vec![Fragment {
                start: range.start,
                end: range.end,
                text: doc.slice(range).to_string(),
            }],
            attributes: Default::default(),
            note: String::new(),
            created: now.clone(),
            modified: now,
            annotators: Vec::new(),
            origin: None,
        };
        let id = annotation.id.clone();
        self.perform(
            Edit::AddAnnotation {
                doc: self.doc,
                annotation,
            },
            &format!("Tag {label}"),
            None,
        )?;
        self.selection = None;
        self.select_annotation(Some(id.clone()));
        Ok(id)
    }

    /// Adds the selection as another fragment of the selected annotation.
    pub fn add_fragment(&mut self) -> Result<(), WorkspaceError> {
        let range = self.selection.map(|s| s.range()).filter(|r| !r.is_empty());
        let range = range.ok_or(WorkspaceError::NoFragmentText)?;
        let mut a = self
            .selected_annotation()
            .cloned()
            .ok_or(WorkspaceError::NoAnnotationSelected)?;
        if a.fragments.iter().any(|f| f.range().overlaps(&range)) {
            return Err(WorkspaceError::FragmentOverlaps);
        }
        let text = self
            .document()
            .map(|d| d.slice(range).to_string())
            .unwrap_or_default();
        a.fragments.push(Fragment {
            start: range.start,
            end: range.end,
            text,
        });
        a.modified = now_timestamp();
        self.perform(
            Edit::ReplaceAnnotation {
                doc: self.doc,
                annotation: a,
            },
            "Add fragment",
            None,
        )?;
        self.selection = None;
        Ok(())
    }

    /// Removes fragment `index` of the selected annotation (not the last one).
    pub fn remove_fragment(&mut self, index: usize) -> Result<(), WorkspaceError> {
        let mut a = self
            .selected_annotation()
            .cloned()
            .ok_or(WorkspaceError::NoAnnotationSelected)?;
        if a.fragments.len() < 2 || index >= a.fragments.len() {
            return Err(WorkspaceError::LastFragment);
        }
        a.fragments.remove(index);
        a.modified = now_timestamp();
        self.perform(
            Edit::ReplaceAnnotation {
                doc: self.doc,
                annotation: a,
            },
            "Remove fragment",
            None,
        )?;
        Ok(())
    }

    pub fn delete_selected(&mut self) -> Result<(), WorkspaceError> {
        let id = self.selected.clone().ok_or(WorkspaceError::NothingToDelete)?;
        let edit = Edit::DeleteAnnotation { doc: self.doc, id };
        self.perform(edit, "Delete annotation", None)?;
        self.selected = None;
        Ok(())
    }

    /// Links `from` to `to` with the relation the tag set defines between
    /// their labels. A quote has one speaker and a cue one quote: an existing
    /// link of the same kind from `from` is replaced, in the same undo step.
    pub fn link(&mut self, from: &str, to: &str) -> Result<(), WorkspaceError> {
        let d = self.document().ok_or(WorkspaceError::NoDocument)?;
        let (fa, ta) = (
            d.annotation(from)
                .ok_or_else(|| WorkspaceError::NoSuchAnnotation(from.into()))?,
            d.annotation(to)
                .ok_or_else(|| WorkspaceError::NoSuchAnnotation(to.into()))?,
        );
        let kind = self
            .project
            .tagset
            .relation_between(&fa.label, &ta.label)
            .ok_or_else(|| WorkspaceError::NoRelation {
                from: fa.label.clone(),
                to: ta.label.clone(),
            })?
            .name
            .clone();
        let mut edits: Vec<Edit> = d
            .relations()
            .filter(|r| r.from == from && r.kind == kind)
            .map(|r| Edit::RemoveRelation {
                doc: self.doc,
                id: r.id.clone(),
            })
            .collect();
        let relation = Relation {
            id: new_id(&id_prefix(&self.project.annotator)),
            kind,
            from: from.into(),
            to: to.into(),
            attributes: Default::default(),
        };
        edits.push(Edit::AddRelation {
            doc: self.doc,
            relation,
        });
        Ok(self.perform(Edit::Batch(edits), "Link", None)?)
    }

    pub fn unlink(&mut self, relation_id: &str) -> Result<(), WorkspaceError> {
        let edit = Edit::RemoveRelation {
            doc: self.doc,
            id: relation_id.to_string(),
        };
        Ok(self.perform(edit, "Remove link", None)?)
    }

    /// Selects the next (or previous) annotation in reading order.
    pub fn walk(&mut self, forward: bool) -> Option<String> {
        let d = self.document()?;
        let current = self.selected.as_deref().and_then(|id| d.annotation(id));
        let next = match (current, forward) {
            (None, true) => d.annotations_in_order().next(),
            (None, false) => d.annotations_in_order().next_back(),
            (Some(c), true) => {
                let key = c.sort_key();
                d.annotations_in_order()
                    .find(|a| a.sort_key() > key)
                    .or_else(|| d.annotations_in_order().next())
            }
            (Some(c), false) => {
                let key = c.sort_key();
                d.annotations_in_order()
                    .rev()
                    .find(|a| a.sort_key() < key)
                    .or_else(|| d.annotations_in_order().next_back())
            }
        }?;
        let id = next.id.clone();
        self.select_annotation(Some(id.clone()));
        Some(id)
    }

    /// Moves the selection's head to `to(document, head)` (Shift+arrows),
    /// starting a selection at the caret when there is none; both ends then
    /// widen to whole grapheme clusters (a caret inside an emoji included).
    pub fn extend_selection(&mut self, to: impl FnOnce(&Document, usize) -> usize) {
        let Some(d) = self.document() else { return };
        let sel = self.selection.unwrap_or(Selection {
            anchor: self.caret,
            head: self.caret,
        });
        let head = to(d, sel.head).min(d.char_len());
        let (anchor, head) = snap_selection(d.text(), d.text_index(), sel.anchor, head);
        self.selection = Some(Selection { anchor, head });
        self.caret = head;
    }
}

/// Id prefix from the annotator's name: ids stay readable and unique per person.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_keep_their_type_and_change_nothing() {
        let mut ws = Workspace::new(Project::from_text("T", "Some words here.", "me"), None);
        assert!(matches!(
            ws.tag_selection("Quote"),
            Err(WorkspaceError::NoTextSelected)
        ));
        assert!(matches!(
            ws.delete_selected(),
            Err(WorkspaceError::NothingToDelete)
        ));
        assert!(matches!(
            ws.remove_fragment(0),
            Err(WorkspaceError::NoAnnotationSelected)
        ));
        ws.selection = Some(Selection { anchor: 0, head: 4 });
        let id = ws.tag_selection("Quote").expect("tagged");
        assert!(matches!(ws.remove_fragment(0), Err(WorkspaceError::LastFragment)));
        assert!(matches!(
            ws.link(&id, "nope"),
            Err(WorkspaceError::NoSuchAnnotation(missing)) if missing == "nope"
        ));
        assert_eq!(ws.history.change_count(), 1, "only the tag was recorded");
        assert_eq!(
            WorkspaceError::NoTextSelected.to_string(),
            "Select some text first, then press a label's key."
        );
    }
}
