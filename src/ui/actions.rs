//! What panels ask for. The UI pass only collects actions; the app applies
//! them in one place after drawing, so no panel writes the model directly.

use std::path::PathBuf;

use super::commands::Command;
use crate::model::Edit;

#[derive(Debug)]
pub enum Action {
    Command(Command),
    /// Tag the selection with this label.
    Tag(String),
    /// Select an annotation (None clears); scroll the article to it.
    Select {
        id: Option<String>,
        scroll: bool,
    },
    SetDocument(usize),
    /// Apply an edit as one undo step.
    Perform {
        edit: Box<Edit>,
        label: String,
        merge_key: Option<String>,
    },
    RemoveFragment(usize),
    Link {
        from: String,
        to: String,
    },
    Unlink(String),
    /// Open a file (after the unsaved-changes guard).
    OpenPath(PathBuf),
    /// Make the review's disagreement number N current.
    GoToSpot(usize),
    /// Make the current document's pending suggestion number N current.
    GoToSuggestion(usize),
}

#[derive(Default)]
pub struct Actions(pub Vec<Action>);

impl Actions {
    pub fn push(&mut self, a: Action) {
        self.0.push(a);
    }
    pub fn command(&mut self, c: Command) {
        self.0.push(Action::Command(c));
    }
}
