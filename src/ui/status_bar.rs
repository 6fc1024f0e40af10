//! The status bar: counts per label, the file, the unsaved marker, the last
//! message (elided to fit, in full on hover).

use egui::{RichText, Ui};

use super::workspace::Workspace;

pub fn ui(ui: &mut Ui, ws: &Workspace, message: &str) {
    ui.horizontal(|ui| {
        if let Some(d) = ws.document() {
            let colors = super::article_view::label_colors(&ws.project.tagset, ui.visuals().dark_mode);
            for l in &ws.project.tagset.labels {
                let n = d.label_count(&l.name);
                super::article_view::color_chip(ui, colors[&l.name]);
                ui.label(format!("{} {n}", l.name));
            }
            ui.separator();
        }
        let path = ws
            .path
            .as_ref()
            .map_or("not saved yet".to_string(), |p| p.display().to_string());
        // The path gives way (elided, in full on hover) so the message keeps room.
        let path_width = (ui.available_width() * 0.3).max(80.0);
        ui.scope(|ui| {
            ui.set_max_width(path_width);
            ui.add(egui::Label::new(RichText::new(path).weak()).truncate());
        });
        if ws.is_dirty() {
            ui.label(RichText::new("Modified, not saved").color(ui.visuals().warn_fg_color));
        }
        if !message.is_empty() {
            ui.separator();
            // Elided at the window's edge; the whole message shows on hover.
            ui.add(egui::Label::new(message).truncate());
        }
    });
}
