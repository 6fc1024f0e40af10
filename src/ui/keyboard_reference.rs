//! The keyboard reference (F1): every command with a key, from the command
//! table, then the label keys of the open tag set.

use egui::{RichText, Ui};

use super::commands::{Command, shortcut_text};
use crate::model::TagSet;

/// The keyboard reference window; `open` turns false when it is closed.
pub fn window(ctx: &egui::Context, open: &mut bool, tagset: &TagSet) {
    // Taller than a small window: it scrolls instead of running off the
    // screen; its frame and title bar fit in the window too (800x600 included).
    let screen = ctx.content_rect();
    let height = (screen.height() - 2.0 * MARGIN - TITLE_AND_FRAME).max(80.0);
    egui::Window::new("Keyboard reference")
        .open(open)
        .constrain(true)
        .default_pos(screen.left_top() + egui::vec2(MARGIN, 2.0 * MARGIN))
        .max_width((screen.width() - 2.0 * MARGIN).max(200.0))
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("keyboard_reference")
                .max_height(height)
                .show(ui, |ui| grid(ui, tagset));
        });
}

/// Room kept between the window and the screen's edges.
const MARGIN: f32 = 16.0;
/// The window's title bar and frame around the scrolled list.
const TITLE_AND_FRAME: f32 = 60.0;

fn grid(ui: &mut Ui, tagset: &TagSet) {
    egui::Grid::new("keys").striped(true).show(ui, |ui| {
        for c in Command::ALL {
            let info = c.info();
            if let Some(sc) = info.shortcut {
                ui.label(RichText::new(shortcut_text(&sc)).monospace());
                ui.label(info.label).on_hover_text(info.tooltip);
                ui.end_row();
            }
        }
        for l in &tagset.labels {
            if !l.key.is_empty() {
                ui.label(RichText::new(l.key.to_uppercase()).monospace());
                ui.label(format!("Tag the selection as {}", l.name));
                ui.end_row();
            }
        }
        ui.label(RichText::new("Alt+drag").monospace());
        ui.label("Select exact characters (no snapping to words)");
        ui.end_row();
    });
}
