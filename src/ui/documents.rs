//! The document list, shown when a project holds several documents: each
//! document's status (a symbol and colour, in words on hover), its title
//! and its counts per label; a row of filters shows only the documents at
//! one status (issue 13, "Document progress").

use egui::{RichText, Ui};

use super::actions::{Action, Actions};
use super::document_inspector::status_badge;
use super::workspace::Workspace;
use crate::model::{Document, Status};

/// Which documents the list shows (kept in egui's memory: view state only).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    All,
    Only(Status),
}

impl StatusFilter {
    pub fn admits(self, d: &Document) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Only(s) => d.status() == s,
        }
    }
}

pub fn ui(ui: &mut Ui, ws: &Workspace, actions: &mut Actions) {
    let id = egui::Id::unique("documents_status_filter");
    let mut filter: StatusFilter = ui.data(|m| m.get_temp(id)).unwrap_or_default();
    filter_row(ui, ws, &mut filter);
    ui.data_mut(|m| m.insert_temp(id, filter));
    let colors = super::article_paint::label_colors(&ws.project.tagset, ui.visuals().dark_mode);
    // Only the rows in view are laid out (a project can hold thousands of
    // documents): each document is two rows of one height, its title and
    // its counts per label.
    let admitted: Vec<usize> = (0..ws.project.documents.len())
        .filter(|&i| filter.admits(&ws.project.documents[i]))
        .collect();
    if admitted.is_empty() {
        ui.label(RichText::new("No document has this status.").weak());
        return;
    }
    let row = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("documents")
        .max_height(200.0)
        .show_rows(ui, row, admitted.len() * 2, |ui, rows| {
            for r in rows {
                let i = admitted[r / 2];
                let d = &ws.project.documents[i];
                if r % 2 == 0 {
                    title_row(ui, d, i, i == ws.doc, row, actions);
                } else {
                    counts_row(ui, d, ws, &colors, row);
                }
            }
        });
}

/// A document's status and title (with its annotation count), to click.
fn title_row(ui: &mut Ui, d: &Document, i: usize, current: bool, height: f32, actions: &mut Actions) {
    let title = if d.title.is_empty() { &d.id } else { &d.title };
    ui.horizontal(|ui| {
        ui.set_height(height);
        status_badge(ui, d.status());
        let r = ui
            .add(egui::Button::selectable(current, format!("{title} ({})", d.annotation_count())).truncate());
        if r.clicked() {
            actions.push(Action::SetDocument(i));
        }
    });
}

/// Counts per label, in the tag set's order and colours.
fn counts_row(
    ui: &mut Ui,
    d: &Document,
    ws: &Workspace,
    colors: &std::collections::HashMap<String, egui::Color32>,
    height: f32,
) {
    ui.horizontal(|ui| {
        ui.set_height(height);
        ui.add_space(ui.spacing().interact_size.y);
        ui.spacing_mut().item_spacing.x = 3.0;
        for l in &ws.project.tagset.labels {
            if let Some(c) = colors.get(&l.name) {
                super::article_paint::color_chip(ui, *c);
            }
            ui.label(RichText::new(format!("{} {}", l.name, d.label_count(&l.name))).small())
                .on_hover_text(format!(
                    "{} annotations labelled {}",
                    d.label_count(&l.name),
                    l.name
                ));
        }
    });
}

/// All / New / In progress / Done / Needs review, each with its count.
fn filter_row(ui: &mut Ui, ws: &Workspace, filter: &mut StatusFilter) {
    let docs = &ws.project.documents;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let all = StatusFilter::All;
        if ui
            .selectable_label(*filter == all, format!("All {}", docs.len()))
            .on_hover_text("Show every document")
            .clicked()
        {
            *filter = all;
        }
        for s in Status::ALL {
            let n = docs.iter().filter(|d| d.status() == s).count();
            let this = StatusFilter::Only(s);
            let words = s.to_string();
            let mut text = words.clone();
            if let Some(first) = text.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            if ui
                .selectable_label(*filter == this, format!("{text} {n}"))
                .on_hover_text(format!(
                    "Show only the documents that are {words} (click again for all)"
                ))
                .clicked()
            {
                *filter = if *filter == this { all } else { this };
            }
        }
    });
}
