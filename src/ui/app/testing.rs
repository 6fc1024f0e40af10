//! Read access (and a few writes) for the kittest tests in `tests/ui_*.rs`.
//! Hidden from the docs: the window's state is private, and these are the
//! only doors into it; they set nothing a user could not set by hand.

use std::path::PathBuf;

use super::QuotebenchApp;
use super::modals::Modal;
use crate::format::RecoveryEntry;
use crate::ui::article_view::ArticleView;
use crate::ui::import_export::ImportDialog;
use crate::ui::review::ReviewState;
use crate::ui::safekeeping::Safekeeping;
use crate::ui::suggestions::Suggestions;
use crate::ui::workspace::Workspace;

#[doc(hidden)]
impl QuotebenchApp {
    /// The open project, its history and selection.
    pub fn ws(&self) -> &Workspace {
        &self.session.ws
    }

    /// For tests that set a selection or caret the way a drag would.
    pub fn ws_mut(&mut self) -> &mut Workspace {
        &mut self.session.ws
    }

    pub fn view(&self) -> &ArticleView {
        &self.session.view
    }

    pub fn view_mut(&mut self) -> &mut ArticleView {
        &mut self.session.view
    }

    /// The status line.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The text of the topmost error modal, if one is open.
    pub fn error(&self) -> Option<String> {
        self.modals.iter().rev().find_map(|m| match m {
            Modal::Error(e) => Some(e.text.clone()),
            _ => None,
        })
    }

    /// The text of the topmost notice modal, if one is open.
    pub fn notice(&self) -> Option<String> {
        self.modals.iter().rev().find_map(|m| match m {
            Modal::Notice(n) => Some(n.text.clone()),
            _ => None,
        })
    }

    /// Dismisses the notices (as their OK buttons do).
    pub fn dismiss_notice(&mut self) {
        self.modals.retain(|m| !matches!(m, Modal::Notice(_)));
    }

    pub fn review(&self) -> Option<&ReviewState> {
        self.session.review.as_ref()
    }

    /// Waiting for a click on the annotation to link to.
    pub fn picking(&self) -> bool {
        self.session.picking
    }

    pub fn safekeeping(&self) -> &Safekeeping {
        &self.safe
    }

    /// Offers `entries` in the recovery window, as start-up does.
    pub fn offer_recovery(&mut self, entries: Vec<RecoveryEntry>) {
        self.safe.offered = entries;
        self.offer_restore();
    }

    /// Opens the recovery window again over what "Later" kept.
    pub fn reopen_recovery(&mut self) {
        self.offer_restore();
    }

    /// The recovery files offered (in the window, or kept for later).
    pub fn recovery_offered(&self) -> Vec<RecoveryEntry> {
        let shown = self.modals.iter().filter_map(|m| match m {
            Modal::Restore(r) => Some(r.entries.iter()),
            _ => None,
        });
        shown.flatten().chain(&self.safe.offered).cloned().collect()
    }

    /// The in-app path prompt (Open, Save As…) is open.
    pub fn path_prompt_open(&self) -> bool {
        self.dialogs.prompt.is_some()
    }

    /// The text in the in-app path prompt (Save As proposes a name there).
    pub fn path_prompt_text(&self) -> Option<String> {
        self.dialogs.prompt.as_ref().map(|p| p.path.clone())
    }

    pub fn compare_dialog_open(&self) -> bool {
        self.modals.iter().any(|m| matches!(m, Modal::Compare(..)))
    }

    /// An import or export is running.
    pub fn job_running(&self) -> bool {
        self.job.is_some()
    }

    pub fn import_dialog_mut(&mut self) -> Option<&mut ImportDialog> {
        self.modals.iter_mut().find_map(|m| match m {
            Modal::Import(d, _) => Some(d),
            _ => None,
        })
    }

    /// A save is being written.
    pub fn saving(&self) -> bool {
        self.saving.is_some()
    }

    /// The window title as last sent ("● " marks unsaved changes).
    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn recent_files(&self) -> &[PathBuf] {
        &self.recent
    }

    /// The suggestions: the current document's pending ones, the current one.
    pub fn suggestions(&self) -> &Suggestions {
        &self.session.suggestions
    }

    /// The engine is running in the background.
    pub fn suggesting(&self) -> bool {
        self.session.suggestions.job.is_some()
    }

    /// A model trained on the project's tags is in use.
    pub fn suggestion_model(&self) -> bool {
        self.session.suggestions.model.is_some()
    }

    /// The suggestion model is being trained.
    pub fn training(&self) -> bool {
        self.session.suggestions.training.is_some()
    }

    /// The "Accept suggestions above…" dialog is open.
    pub fn accept_above_open(&self) -> bool {
        self.modals.iter().any(|m| matches!(m, Modal::AcceptAbove(_)))
    }
}
