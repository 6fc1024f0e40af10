//! Command dispatch: commands and panel actions applied after the UI pass,
//! and keys turned into commands.

use egui::Modifiers;

use super::{Pending, QuotebenchApp};
use crate::ui::actions::{Action, Actions};
use crate::ui::commands::{COMMANDS, Command, label_shortcut};
use crate::ui::dialogs::Purpose;
use crate::ui::import_export::ExportDialog;
use crate::ui::review::open_dialog::CompareDialog;
use crate::ui::tagset_editor::TagSetEditor;
use crate::ui::workspace::word_step;

impl QuotebenchApp {
    pub fn run_command(&mut self, c: Command) {
        let result: Result<(), String> = match c {
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
                self.export_dialog = Some(ExportDialog::new(
                    self.ws.path.as_deref(),
                    &self.ws.display_name(),
                ));
                Ok(())
            }
            Command::Undo | Command::Redo => self.undo_redo(c == Command::Undo),
            Command::Delete => self.ws.delete_selected(),
            Command::AddFragment => self.ws.add_fragment(),
            Command::NextAnnotation | Command::PreviousAnnotation => {
                if let Some(id) = self.ws.walk(c == Command::NextAnnotation) {
                    self.scroll_to_annotation(&id);
                }
                Ok(())
            }
            Command::ClearSelection => {
                self.ws.selection = None;
                self.ws.selected = None;
                self.picking = false;
                Ok(())
            }
            Command::PickSpeaker => {
                if self.ws.selected.is_some() {
                    self.picking = !self.picking;
                    self.message = "Click the speaker (or quote) to link to; Esc cancels".into();
                    Ok(())
                } else {
                    Err("Select a quote (or cue) first.".into())
                }
            }
            Command::ExtendLeft => {
                self.ws.extend_selection(|_, h| h.saturating_sub(1));
                Ok(())
            }
            Command::ExtendRight => {
                self.ws.extend_selection(|_, h| h + 1);
                Ok(())
            }
            Command::ExtendWordLeft => {
                self.ws.extend_selection(|d, h| word_step(d, h, false));
                Ok(())
            }
            Command::ExtendWordRight => {
                self.ws.extend_selection(|d, h| word_step(d, h, true));
                Ok(())
            }
            Command::Find => {
                self.list.focus_search = true;
                Ok(())
            }
            Command::EditTagSet => {
                self.tagset_editor = Some(TagSetEditor::new(&self.ws.project.tagset));
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
                if self.problems.is_empty() {
                    self.message = "No problems were found when this project was opened.".into();
                } else {
                    self.show_problems = true;
                }
                Ok(())
            }
            Command::About => {
                self.show_about = true;
                Ok(())
            }
            Command::CompareWith => {
                let mine = self.ws.project.documents.iter().any(|d| d.annotation_count() > 0);
                let resume = crate::review::is_gold(&self.ws.project);
                self.compare_dialog = Some(CompareDialog::new(mine, resume));
                self.compare_error = None;
                Ok(())
            }
            Command::NextDisagreement
            | Command::PreviousDisagreement
            | Command::Take(_)
            | Command::TakeAll
            | Command::TakeNeither
            | Command::AcceptAgreed
            | Command::AgreementReport
            | Command::EndReview => self.review_command(c).map_err(|e| e.to_string()),
        };
        if let Err(e) = result {
            self.message = e;
        }
    }

    /// Undo or redo; the window goes to the change (in a review, to the
    /// disagreement it changed). A step that cannot be applied is an error
    /// (and stays on the stack), not "Nothing to undo".
    fn undo_redo(&mut self, undo: bool) -> Result<(), String> {
        let (verb, label) = if undo {
            ("undo", self.ws.history.undo_label().map(str::to_owned))
        } else {
            ("redo", self.ws.history.redo_label().map(str::to_owned))
        };
        let before = self.review_marks();
        let result = if undo { self.ws.undo() } else { self.ws.redo() };
        match result {
            Ok(Some(step)) => {
                self.message = format!("{} {}", if undo { "Undid" } else { "Redid" }, step.label);
                if let Some(id) = self.ws.selected.clone() {
                    self.scroll_to_annotation(&id);
                }
                self.show_review_change(before);
                Ok(())
            }
            Ok(None) => {
                self.message = format!("Nothing to {verb}");
                Ok(())
            }
            Err(e) => Err(format!("Could not {verb} {}: {e}", label.unwrap_or_default())),
        }
    }

    pub(super) fn scroll_to_annotation(&mut self, id: &str) {
        if let Some(a) = self.ws.document().and_then(|d| d.annotation(id)) {
            self.view.scroll_to_char(a.hull().start);
        }
    }

    pub(super) fn apply(&mut self, action: Action) {
        let result = match action {
            Action::Command(c) => {
                self.run_command(c);
                Ok(())
            }
            Action::Tag(label) => self.ws.tag_selection(&label).map(|_| ()),
            Action::Select { id, scroll } => {
                if self.picking
                    && let (Some(from), Some(to)) = (self.ws.selected.clone(), id.clone())
                {
                    self.picking = false;
                    self.ws.link(&from, &to)
                } else {
                    if scroll && let Some(id) = &id {
                        self.scroll_to_annotation(id);
                    }
                    self.ws.select_annotation(id);
                    Ok(())
                }
            }
            Action::SetDocument(i) => {
                self.ws.set_document(i);
                Ok(())
            }
            Action::Perform {
                edit,
                label,
                merge_key,
            } => self
                .ws
                .perform(*edit, &label, merge_key)
                .map_err(|e| e.to_string()),
            Action::RemoveFragment(i) => self.ws.remove_fragment(i),
            Action::Link { from, to } => self.ws.link(&from, &to),
            Action::Unlink(id) => self.ws.unlink(&id),
            Action::OpenPath(p) => {
                self.guard(Pending::OpenPath(p));
                Ok(())
            }
            Action::GoToSpot(i) => {
                self.go_to_spot(i);
                Ok(())
            }
        };
        if let Err(e) = result {
            self.message = e;
        }
    }

    /// Keyboard: the command table, then label keys. While a text field has
    /// the keyboard only the global commands (Save, Open, ...) apply.
    pub(super) fn handle_keys(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        if self.guard_open || self.dialogs.prompt.is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        let mut table: Vec<_> = COMMANDS.iter().filter(|c| c.shortcut.is_some()).collect();
        // More modifiers first: Ctrl+S would also match Ctrl+Shift+S.
        table.sort_by_key(|c| {
            let m = c.shortcut.map_or(Modifiers::NONE, |s| s.modifiers);
            std::cmp::Reverse(u8::from(m.shift) + u8::from(m.command || m.ctrl) + u8::from(m.alt))
        });
        for c in table {
            if typing && !c.global {
                continue;
            }
            if let Some(sc) = c.shortcut
                && ctx.input_mut(|i| i.consume_shortcut(&sc))
            {
                actions.command(c.command);
            }
        }
        if typing {
            return;
        }
        for l in &self.ws.project.tagset.labels {
            if let Some(sc) = l.key_char().and_then(label_shortcut)
                && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, sc.logical_key))
            {
                actions.push(Action::Tag(l.name.clone()));
            }
        }
    }
}
