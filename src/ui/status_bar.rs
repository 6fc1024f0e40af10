//! The status bar: counts per label, the project's progress ("12 of 40
//! done", the current document's status beside it), the file, the unsaved
//! marker, the last message (elided to fit, in full on hover).

use egui::{RichText, Ui};

use super::workspace::Workspace;
use crate::model::Status;

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
            progress(ui, ws, d.status());
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

/// "12 of 40 done", the counts per status on hover, and the current
/// document's status as a symbol.
fn progress(ui: &mut Ui, ws: &Workspace, current: Status) {
    let docs = &ws.project.documents;
    let count = |s: Status| docs.iter().filter(|d| d.status() == s).count();
    let detail: Vec<String> = Status::ALL
        .iter()
        .map(|s| format!("{s}: {}", count(*s)))
        .collect();
    super::document_inspector::status_badge(ui, current);
    ui.label(progress_text(count(Status::Done), docs.len()))
        .on_hover_text(format!(
            "This document is {current}. Documents by status: {} (Ctrl+M: next status)",
            detail.join(", ")
        ));
}

/// The words the status bar shows for `done` of `total` documents.
pub fn progress_text(done: usize, total: usize) -> String {
    format!("{done} of {total} done")
}
