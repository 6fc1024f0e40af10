//! Who has the keyboard: the article, unless a field has it.
//!
//! The article paints its own text and is no egui widget, so it holds the
//! keyboard whenever no widget has focus: at start, after a dialog closes
//! (egui drops the focus of a widget that is gone) and after Escape in a
//! field. Then the command table's keys (arrows, Tab, label keys) act on
//! the article; while a field or the inspector has focus, only the global
//! commands do, and Tab and Shift+Tab are egui's own: they move between
//! fields. F6 puts the keyboard in the inspector's first field; Escape
//! gives it back to the article without also clearing the selection.

use egui::{Context, FocusDirection, Id, Key, Modifiers, Ui};

#[derive(Debug, Default)]
pub struct KeyboardFocus {
    /// The widget that had the keyboard at the end of the last pass.
    last_focused: Option<Id>,
    /// F6 was pressed: give the inspector's first field the keyboard.
    to_inspector: bool,
}

impl KeyboardFocus {
    /// Before the command table reads the keys: an Escape that just took the
    /// keyboard from a field only returns it to the article (egui has
    /// already dropped the field's focus); it does not also clear the
    /// selection the user was editing.
    pub fn before_keys(&mut self, ctx: &Context) {
        if self.last_focused.is_some() && ctx.memory(|m| m.focused()).is_none() {
            ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
        }
    }

    /// The article has the keyboard: no widget has focus.
    pub fn article_has_keyboard(ctx: &Context) -> bool {
        ctx.memory(|m| m.focused()).is_none()
    }

    /// F6: the inspector's first field gets the keyboard in the next pass.
    pub fn focus_inspector(&mut self) {
        self.to_inspector = true;
    }

    /// Called just before the inspector's first widget: with F6 pending, the
    /// next widget that can take the keyboard takes it (egui's own Tab
    /// order from here on).
    pub fn before_inspector(&mut self, ui: &Ui) {
        if std::mem::take(&mut self.to_inspector) {
            ui.memory_mut(|m| {
                if let Some(id) = m.focused() {
                    m.surrender_focus(id);
                }
                m.move_focus(FocusDirection::Next);
            });
        }
    }

    /// At the end of a pass: remembers who has the keyboard, and asks for
    /// another pass when F6 or queued caret moves (`more`) wait for one.
    pub fn end_pass(&mut self, ctx: &Context, more: bool) {
        self.last_focused = ctx.memory(|m| m.focused());
        if self.to_inspector || more {
            ctx.request_repaint();
        }
    }
}
