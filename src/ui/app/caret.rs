//! The app's side of the caret and of keyboard focus (issue 13, "By
//! keyboard alone"): caret commands go to the article view in the same pass
//! (so a key moves the caret before the frame is drawn), F6 goes to the
//! inspector, and Tab while picking a link target steps through the targets
//! instead of changing the annotation being linked.

use super::QuotebenchApp;
use crate::ui::actions::{Action, Actions};
use crate::ui::commands::Command;

impl QuotebenchApp {
    /// Takes this pass's caret keys out of `actions` and queues them in the
    /// article view, which runs them in this pass (before painting).
    pub(super) fn take_caret_moves(&mut self, actions: &mut Actions) {
        actions.0.retain(|a| match a {
            Action::Command(c) => match c.caret_move() {
                Some((mv, select)) => {
                    self.session.view.queue_caret(mv, select);
                    false
                }
                None => true,
            },
            _ => true,
        });
    }

    /// A caret command that came another way (a menu or a test): queued for
    /// the next pass (`KeyboardFocus::end_pass` asks for one); F6.
    pub(super) fn caret_command(&mut self, c: Command) {
        if let Some((mv, select)) = c.caret_move() {
            self.session.view.queue_caret(mv, select);
        } else if c == Command::FocusInspector {
            self.focus.focus_inspector();
        }
    }

    /// Tab (or Shift+Tab) while picking the annotation to link to: the
    /// caret goes to the next (previous) annotation the selected one can be
    /// linked to, and the view shows it; the selected annotation stays.
    /// Returns false when not picking (Tab then walks the annotations).
    pub(super) fn pick_step(&mut self, forward: bool) -> bool {
        if !self.session.picking {
            return false;
        }
        let ws = &self.session.ws;
        let (Some(d), Some(source)) = (ws.document(), ws.selected_annotation()) else {
            return false;
        };
        let targets: Vec<&str> = ws
            .project
            .tagset
            .relations
            .iter()
            .filter(|r| r.from == source.label)
            .map(|r| r.to.as_str())
            .collect();
        let caret = ws.caret;
        let candidates = || {
            d.annotations_in_order()
                .filter(|a| targets.contains(&a.label.as_str()))
        };
        let next = if forward {
            candidates()
                .find(|a| a.hull().start > caret)
                .or_else(|| candidates().next())
        } else {
            candidates()
                .rev()
                .find(|a| a.hull().start < caret)
                .or_else(|| candidates().next_back())
        };
        match next {
            Some(t) => {
                let (start, label) = (t.hull().start, t.label.clone());
                let text: String = t.covered_text().chars().take(40).collect();
                self.session.ws.caret = start;
                self.session.view.scroll_to_char(start);
                self.message = format!("{label} “{text}”: click it to link (Tab: next, Esc: cancel)");
            }
            None => self.message = "Nothing here can be linked to the selected annotation.".into(),
        }
        true
    }
}
