//! The find bar in the window: its commands (Ctrl+F, Ctrl+Shift+F, F3,
//! Shift+F3, Alt+Enter), drawing it over the article, and moving the view
//! to the match it asks for. The bar itself is `ui::find`.

use egui::Ui;

use super::QuotebenchApp;
use crate::ui::actions::Actions;
use crate::ui::commands::Command;
use crate::ui::find::{BarOutput, FindBar, Go, Scope};

impl QuotebenchApp {
    pub(super) fn find_command(&mut self, c: Command) {
        let go = match c {
            Command::FindInDocument => {
                self.find.open(Scope::Document);
                None
            }
            Command::FindInAll => {
                self.find.open(Scope::All);
                None
            }
            Command::FindNext | Command::FindPrevious => {
                if self.find.open && !self.find.text.is_empty() {
                    self.find.step(c == Command::FindNext)
                } else {
                    self.find.open(self.find.scope);
                    None
                }
            }
            Command::TagAllMatches => {
                if self.find.tag_key()
                    && let Some(step) = self.find.tag(&self.session.ws.project)
                {
                    match self.session.ws.perform(step.edit, &step.undo_label, None) {
                        Ok(()) => self.message = step.message,
                        Err(e) => self.message = e.to_string(),
                    }
                }
                None
            }
            _ => None,
        };
        if let Some(go) = go {
            self.find_go(go);
        }
    }

    /// Enter, Shift+Enter and Escape in the bar's field, before the
    /// window's keys see them.
    pub(super) fn find_keys(&mut self, ctx: &egui::Context) {
        self.find.pick_label_keys(ctx, &self.session.ws.project.tagset);
        let out = self.find.keys(ctx);
        self.find_output(ctx, out);
    }

    /// The bar over the article (nothing when closed).
    pub(super) fn find_bar(&mut self, ui: &mut Ui, actions: &mut Actions) {
        let out = self.find.ui(ui, &self.session.ws, actions);
        self.find_output(ui.ctx(), out);
    }

    fn find_output(&mut self, ctx: &egui::Context, out: BarOutput) {
        if let Some(go) = out.go {
            self.find_go(go);
        }
        if let Some(m) = out.message {
            self.message = m;
        }
        if out.closed
            && let Some(id) = ctx.memory(|m| m.focused())
        {
            // The article has the keyboard again (label keys, arrows).
            ctx.memory_mut(|m| m.surrender_focus(id));
        }
    }

    /// Shows a match: its document, scrolled so that it is in view.
    fn find_go(&mut self, go: Go) {
        self.session.ws.set_document(go.doc);
        self.session.view.scroll_to_char(go.range.start);
    }

    /// The find bar (tests).
    #[doc(hidden)]
    pub fn find(&self) -> &FindBar {
        &self.find
    }
}
