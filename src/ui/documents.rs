//! The document list, shown when a project holds several documents.

use egui::Ui;

use super::actions::{Action, Actions};
use super::workspace::Workspace;

pub fn ui(ui: &mut Ui, ws: &Workspace, actions: &mut Actions) {
    egui::ScrollArea::vertical()
        .id_salt("documents")
        .max_height(160.0)
        .show(ui, |ui| {
            for (i, d) in ws.project.documents.iter().enumerate() {
                let title = if d.title.is_empty() {
                    d.id.clone()
                } else {
                    d.title.clone()
                };
                let r = ui.add(
                    egui::Button::selectable(i == ws.doc, format!("{title} ({})", d.annotation_count()))
                        .truncate(),
                );
                if r.clicked() {
                    actions.push(Action::SetDocument(i));
                }
            }
        });
}
