//! The keyboard reference (F1): every command with a key, from the command
//! table, then the label keys of the open tag set.

use egui::{RichText, Ui};

use super::commands::{Command, shortcut_text};
use crate::model::TagSet;

/// The keyboard reference window; `open` turns false when it is closed.
pub fn window(ctx: &egui::Context, open: &mut bool, tagset: &TagSet) {
    egui::Window::new("Keyboard reference")
        .open(open)
        .show(ctx, |ui| {
            // Taller than a small window: it scrolls instead of running off the screen.
            egui::ScrollArea::vertical().show(ui, |ui| grid(ui, tagset));
        });
}

fn grid(ui: &mut Ui, tagset: &TagSet) {
    egui::Grid::new("keys").striped(true).show(ui, |ui| {
        for c in Command::ALL {
            let info = c.info();
            if let Some(sc) = info.shortcut {
                ui.label(RichText::new(shortcut_text(&sc)).monospace());
                ui.label(info.label);
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
