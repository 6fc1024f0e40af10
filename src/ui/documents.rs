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
    egui::ScrollArea::vertical()
        .id_salt("documents")
        .max_height(200.0)
        .show(ui, |ui| {
            let mut shown = 0;
            for (i, d) in ws.project.documents.iter().enumerate() {
                if !filter.admits(d) {
                    continue;
                }
                shown += 1;
                let title = if d.title.is_empty() {
                    d.id.clone()
                } else {
                    d.title.clone()
                };
                ui.horizontal(|ui| {
                    status_badge(ui, d.status());
                    let r = ui.add(
                        egui::Button::selectable(i == ws.doc, format!("{title} ({})", d.annotation_count()))
                            .truncate(),
                    );
                    if r.clicked() {
                        actions.push(Action::SetDocument(i));
                    }
                });
                // Counts per label, in the tag set's order and colours.
                ui.horizontal(|ui| {
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
            if shown == 0 {
                ui.label(RichText::new("No document has this status.").weak());
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
