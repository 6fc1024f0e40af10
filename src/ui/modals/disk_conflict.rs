//! The file changed on disk since we read or wrote it: overwrite, save
//! as, reload or cancel.

use crate::ui::safekeeping::DiskConflict;

pub enum ConflictChoice {
    Overwrite,
    SaveAs,
    Reload,
    Cancel,
}

pub struct ConflictModal {
    pub conflict: DiskConflict,
}

impl ConflictModal {
    pub fn show(&mut self, ctx: &egui::Context) -> Option<ConflictChoice> {
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("disk_conflict")).show(ctx, |ui| {
            ui.heading("The file changed on disk");
            ui.label(format!(
                "{} was changed by someone or something else since you opened or saved it.",
                self.conflict.path.display()
            ));
            if let Some(d) = &self.conflict.diff {
                ui.label(d.to_string());
            }
            ui.horizontal(|ui| {
                if ui
                    .button("Overwrite")
                    .on_hover_text("Save your version over the file (the file's version is kept as .bak)")
                    .clicked()
                {
                    choice = Some(ConflictChoice::Overwrite);
                }
                if ui
                    .button("Save As…")
                    .on_hover_text("Keep both: save your version under another name")
                    .clicked()
                {
                    choice = Some(ConflictChoice::SaveAs);
                }
                if ui
                    .button("Reload")
                    .on_hover_text("Open the file's version; your unsaved changes are dropped")
                    .clicked()
                {
                    choice = Some(ConflictChoice::Reload);
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(ConflictChoice::Cancel);
                }
            });
        });
        choice
    }
}
