//! The status bar: counts per label, the file, the unsaved marker, the last message.

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
        ui.label(RichText::new(path).weak());
        if ws.is_dirty() {
            ui.label(RichText::new("Modified, not saved").color(ui.visuals().warn_fg_color));
        }
        if !message.is_empty() {
            ui.separator();
            ui.label(message);
        }
    });
}
