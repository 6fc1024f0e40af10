//! Command dispatch: commands and panel actions applied after the UI pass,
//! and keys turned into commands.

use egui::{KeyboardShortcut, Modifiers};

use super::modals::Modal;
use super::{Pending, QuotebenchApp};
use crate::model::EditError;
use crate::ui::actions::{Action, Actions};
use crate::ui::commands::{Command, ReviewCommand, label_shortcut};
use crate::ui::dialogs::Purpose;
use crate::ui::import_export::ExportDialog;
use crate::ui::review::open_dialog::CompareDialog;
use crate::ui::tagset_editor::TagSetEditor;
use crate::ui::workspace::WorkspaceError;

/// Why a command did not run; shown on the status line.
#[derive(Debug, thiserror::Error)]
enum CommandError {
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    /// A step that could not be undone or redone (it stays on the stack).
    #[error("Could not {verb} {label}: {source}")]
    Undo {
        verb: &'static str,
        label: String,
        source: Box<EditError>,
    },
    /// The review layer's refusals, typed until the status line.
    #[error(transparent)]
    Review(#[from] crate::review::ReviewError),
    #[error(transparent)]
    Suggest(#[from] super::suggestions::SuggestError),
}

impl QuotebenchApp {
    pub fn run_command(&mut self, c: Command) {
        let result: Result<(), CommandError> = match c {
            Command::New => {
                self.guard(Pending::New);
                Ok(())
            }
            Command::Open => {
                self.guard(Pending::Open);
                Ok(())
            }
            Command::Save => {
                self.save();
                Ok(())
            }
            Command::SaveAs => {
                self.request_dialog(Purpose::SaveAs);
                Ok(())
            }
            Command::Quit => {
                self.guard(Pending::Quit);
                Ok(())
            }
            Command::Import => {
                self.guard(Pending::Import);
                Ok(())
            }
            Command::Export => {
                self.modals.push(Modal::Export(ExportDialog::new(
                    self.session.ws.path.as_deref(),
                    &self.session.ws.display_name(),
                )));
                Ok(())
            }
            Command::Undo | Command::Redo => self.undo_redo(c == Command::Undo),
            Command::Delete => self.session.ws.delete_selected().map_err(Into::into),
            Command::AddFragment => self.session.ws.add_fragment().map_err(Into::into),
            Command::NextAnnotation | Command::PreviousAnnotation
                if self.pick_step(c == Command::NextAnnotation) =>
            {
                Ok(())
            }
            Command::NextAnnotation | Command::PreviousAnnotation => {
                if let Some(id) = self.session.ws.walk(c == Command::NextAnnotation) {
                    self.scroll_to_annotation(&id);
                }
                Ok(())
            }
            Command::ClearSelection => {
                self.session.ws.selection = None;
                self.session.ws.selected = None;
                self.session.picking = false;
                Ok(())
            }
            Command::Find => {
                self.list.focus_search = true;
                Ok(())
            }
            Command::EditTagSet => {
                self.tagset_editor = Some(TagSetEditor::new(&self.session.ws.project.tagset));
                Ok(())
            }
            Command::ToggleTheme => {
                self.toggle_theme = true;
                Ok(())
            }
            Command::KeyboardReference => {
                self.show_keys = !self.show_keys;
                Ok(())
            }
            Command::ShowProblems => {
                if self.session.problems.is_empty() {
                    self.message = "No problems were found when this project was opened.".into();
                } else {
                    self.session.show_problems = true;
                }
                Ok(())
            }
            Command::About => {
                self.show_about = true;
                Ok(())
            }
            Command::Review(ReviewCommand::CompareWith) => {
                let mine = self
                    .session
                    .ws
                    .project
                    .documents
                    .iter()
                    .any(|d| d.annotation_count() > 0);
                let resume = crate::review::is_gold(&self.session.ws.project);
                self.modals
                    .push(Modal::Compare(CompareDialog::new(mine, resume), None));
                Ok(())
            }
            Command::Suggest
            | Command::SuggestAll
            | Command::NextSuggestion
            | Command::PreviousSuggestion
            | Command::AcceptSuggestion
            | Command::RejectSuggestion
            | Command::AcceptAbove
            | Command::SuggestionStartLeft
            | Command::SuggestionStartRight
            | Command::SuggestionEndLeft
            | Command::SuggestionEndRight
            | Command::SuggestionFromSelection
            | Command::ClearSuggestions => self.suggest_command(c).map_err(Into::into),
            Command::TrainSuggestions => self.train_suggestions().map_err(Into::into),
            Command::Review(r) => self.review_command(r).map_err(CommandError::Review),
            // issue 13: caret
            Command::CaretLeft
            | Command::CaretRight
            | Command::CaretWordLeft
            | Command::CaretWordRight
            | Command::CaretUp
            | Command::CaretDown
            | Command::CaretLineStart
            | Command::CaretLineEnd
            | Command::CaretPageUp
            | Command::CaretPageDown
            | Command::CaretDocStart
            | Command::CaretDocEnd
            | Command::SelectLeft
            | Command::SelectRight
            | Command::SelectWordLeft
            | Command::SelectWordRight
            | Command::SelectUp
            | Command::SelectDown
            | Command::SelectLineStart
            | Command::SelectLineEnd
            | Command::SelectPageUp
            | Command::SelectPageDown
            | Command::SelectDocStart
            | Command::SelectDocEnd
            | Command::FocusInspector => {
                self.caret_command(c);
                Ok(())
            }
            // issue 13: links you can see
            Command::PickSpeaker
            | Command::LinkCue
            | Command::ShowSpeakers
            | Command::TakeOfferedLinks
            | Command::AlwaysLinkSentence => self.links_command(c).unwrap_or(Ok(())).map_err(Into::into),
            // issue 13: progress
            Command::CycleDocumentStatus => self.cycle_document_status(),
            Command::DocumentInspector => {
                self.doc_inspector.toggle();
                Ok(())
            }
            // issue 13: find and tag all
            Command::FindInDocument
            | Command::FindInAll
            | Command::FindNext
            | Command::FindPrevious
            | Command::TagAllMatches => {
                self.find_command(c);
                Ok(())
            }
            // issue 14: people
            Command::MergePeople => {
                self.merge_people.toggle();
                Ok(())
            }
            Command::FocusPeople => {
                self.register.request_focus();
                Ok(())
            }
            // issue 14: report view
            Command::ReportView => {
                self.report.toggle();
                Ok(())
            }
        };
        if let Err(e) = result {
            self.message = e.to_string();
        }
    }

    /// Ctrl+M: the current document's next status, one undo step.
    fn cycle_document_status(&mut self) -> Result<(), CommandError> {
        let Some((edit, label)) = crate::ui::document_inspector::cycle_status(&self.session.ws) else {
            return Ok(());
        };
        self.session
            .ws
            .perform(edit, &label, None)
            .map_err(WorkspaceError::from)?;
        self.message = label;
        Ok(())
    }

    /// Undo or redo; the window goes to the change (in a review, to the
    /// disagreement it changed). A step that cannot be applied is an error
    /// (and stays on the stack), not "Nothing to undo".
    fn undo_redo(&mut self, undo: bool) -> Result<(), CommandError> {
        let before = self.review_marks();
        let ws = &mut self.session.ws;
        let (verb, label) = if undo {
            ("undo", ws.history.undo_label().map(str::to_owned))
        } else {
            ("redo", ws.history.redo_label().map(str::to_owned))
        };
        let place = self.links_before_undo(undo);
        let ws = &mut self.session.ws;
        let result = if undo { ws.undo() } else { ws.redo() };
        match result {
            Ok(Some(step)) => {
                self.message = format!("{} {}", if undo { "Undid" } else { "Redid" }, step.label);
                if let Some(id) = self.session.ws.selected.clone() {
                    self.scroll_to_annotation(&id);
                }
                self.show_review_change(before);
                self.links_after_undo(place);
                Ok(())
            }
            Ok(None) => {
                self.message = format!("Nothing to {verb}");
                Ok(())
            }
            Err(source) => Err(CommandError::Undo {
                verb,
                label: label.unwrap_or_default(),
                source: Box::new(source),
            }),
        }
    }

    pub(super) fn scroll_to_annotation(&mut self, id: &str) {
        if let Some(a) = self.session.ws.document().and_then(|d| d.annotation(id)) {
            self.session.view.scroll_to_char(a.hull().start);
        }
    }

    pub(super) fn apply(&mut self, action: Action) {
        let result = match action {
            Action::Command(c) => {
                self.run_command(c);
                Ok(())
            }
            Action::Tag(label) => self.session.ws.tag_selection(&label).map(|id| {
                if self.links_offers_for(&label) {
                    self.links_after_tag(&id);
                }
            }),
            Action::Select { id, scroll } => {
                if self.session.picking
                    && let (Some(from), Some(to)) = (self.session.ws.selected.clone(), id.clone())
                {
                    self.session.picking = false;
                    let (from, to) = self.links_pick_ends(from, to);
                    self.session.ws.link(&from, &to)
                } else {
                    if scroll && let Some(id) = &id {
                        self.scroll_to_annotation(id);
                    }
                    self.session.ws.select_annotation(id);
                    Ok(())
                }
            }
            Action::SetDocument(i) => {
                self.session.ws.set_document(i);
                Ok(())
            }
            Action::Perform {
                edit,
                label,
                merge_key,
            } => self
                .session
                .ws
                .perform(*edit, &label, merge_key)
                .map_err(WorkspaceError::from),
            Action::RemoveFragment(i) => self.session.ws.remove_fragment(i),
            Action::Link { from, to } => self.session.ws.link(&from, &to),
            Action::Unlink(id) => self.session.ws.unlink(&id),
            Action::OpenPath(p) => {
                self.guard(Pending::OpenPath(p));
                Ok(())
            }
            Action::GoToSpot(i) => {
                self.go_to_spot(i);
                Ok(())
            }
            Action::GoToSuggestion(i) => {
                self.go_to_suggestion(i);
                Ok(())
            }
        };
        if let Err(e) = result {
            self.message = e.to_string();
        }
    }

    /// Keyboard: the command table, then label keys. While a text field has
    /// the keyboard only the global commands (Save, Open, ...) apply.
    pub(super) fn handle_keys(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        if matches!(
            self.modals.last(),
            Some(Modal::Guard(..) | Modal::AcceptAbove(..))
        ) || self.dialogs.prompt.is_some()
        {
            return;
        }
        self.focus.before_keys(ctx);
        if self.links_keys(ctx, actions) {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        // Enter or Backspace meant for a dialog never accepts or rejects
        // a suggestion behind it.
        let modal = !self.modals.is_empty();
        let mut table: Vec<(Command, KeyboardShortcut, bool)> = Command::ALL
            .iter()
            .filter_map(|&c| {
                let i = c.info();
                Some((c, i.shortcut?, i.global))
            })
            .collect();
        // More modifiers first: Ctrl+S would also match Ctrl+Shift+S.
        table.sort_by_key(|(_, sc, _)| {
            let m = sc.modifiers;
            std::cmp::Reverse(u8::from(m.shift) + u8::from(m.command || m.ctrl) + u8::from(m.alt))
        });
        for (c, sc, global) in table {
            if (typing && !global) || (modal && (c.is_suggestion() || c.is_caret())) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&sc)) {
                actions.command(c);
            }
        }
        if typing {
            return;
        }
        for l in &self.session.ws.project.tagset.labels {
            if let Some(sc) = l.key_char().and_then(label_shortcut)
                && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, sc.logical_key))
            {
                actions.push(Action::Tag(l.name.clone()));
            }
        }
    }
}
