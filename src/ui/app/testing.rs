//! Read access (and a few writes) for the kittest tests in `tests/ui_*.rs`.
//! Hidden from the docs: the window's state is private, and these are the
//! only doors into it; they set nothing a user could not set by hand.

use std::path::PathBuf;

use super::QuotebenchApp;
use crate::format::RecoveryEntry;
use crate::ui::article_view::ArticleView;
use crate::ui::import_export::ImportDialog;
use crate::ui::review::ReviewState;
use crate::ui::safekeeping::Safekeeping;
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

    /// The text of the error modal, if one is open.
    pub fn error(&self) -> Option<String> {
        self.error.clone()
    }

    /// The text of the notice modal, if one is open.
    pub fn notice(&self) -> Option<String> {
        self.notice.clone()
    }

    /// Dismisses the notice (as its OK button does).
    pub fn dismiss_notice(&mut self) {
        self.notice = None;
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
        self.show_restore = !self.safe.offered.is_empty();
    }

    /// Opens the recovery window again (after "Later").
    pub fn reopen_recovery(&mut self) {
        self.show_restore = true;
    }

    pub fn recovery_window_open(&self) -> bool {
        self.show_restore
    }

    /// The in-app path prompt (Open, Save As…) is open.
    pub fn path_prompt_open(&self) -> bool {
        self.dialogs.prompt.is_some()
    }

    pub fn compare_dialog_open(&self) -> bool {
        self.compare_dialog.is_some()
    }

    /// An import or export is running.
    pub fn job_running(&self) -> bool {
        self.job.is_some()
    }

    pub fn import_dialog_mut(&mut self) -> Option<&mut ImportDialog> {
        self.import_dialog.as_mut()
    }

    pub fn recent_files(&self) -> &[PathBuf] {
        &self.recent
    }
}
