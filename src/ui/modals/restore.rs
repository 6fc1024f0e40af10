//! Offers the recovery files a crash left behind: when each was saved and
//! what it holds; restore, discard or decide later.

use crate::format::RecoveryEntry;

/// What the user chose in the restore window.
pub enum RestoreChoice {
    Restore(usize),
    Discard(usize),
    Later,
}

/// The restore window over `entries` (still on disk until discarded).
pub struct Restore {
    pub entries: Vec<RecoveryEntry>,
}

impl Restore {
    pub fn show(&mut self, ctx: &egui::Context) -> Option<RestoreChoice> {
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("restore")).show(ctx, |ui| {
            ui.heading("Restore unsaved work?");
            ui.label("Quotebench did not close normally. This work was not saved:");
            for (i, e) in self.entries.iter().enumerate() {
                ui.separator();
                match e.info() {
                    Some(info) => {
                        let from = info
                            .original_path
                            .as_ref()
                            .map_or("a project that was never saved".to_string(), |p| {
                                p.display().to_string()
                            });
                        ui.label(egui::RichText::new(from).strong());
                        ui.label(format!(
                            "saved {} · {} documents, {} annotations",
                            info.saved_at, info.summary.documents, info.summary.annotations
                        ));
                    }
                    None => {
                        ui.label(format!("{} (damaged: it cannot be read)", e.path.display()));
                    }
                }
                ui.horizontal(|ui| {
                    if e.info().is_some() && ui.button("Restore").clicked() {
                        choice = Some(RestoreChoice::Restore(i));
                    }
                    if ui
                        .button("Discard")
                        .on_hover_text("Delete this recovery file")
                        .clicked()
                    {
                        choice = Some(RestoreChoice::Discard(i));
                    }
                });
            }
            ui.separator();
            if ui
                .button("Later")
                .on_hover_text("Keep the recovery files and decide at the next start")
                .clicked()
            {
                choice = Some(RestoreChoice::Later);
            }
        });
        choice
    }
}
