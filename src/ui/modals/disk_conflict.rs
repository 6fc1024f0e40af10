//! The file changed on disk since we read or wrote it: what the colleague
//! changed and what this window changed (each against the version the
//! window opened or last saved), then overwrite, save as, merge, reload or
//! cancel. Reload says which unsaved changes it drops; both reload and
//! merge are one undoable step.

use crate::ui::safekeeping::{DiskConflict, OnDisk};

pub enum ConflictChoice {
    Overwrite,
    SaveAs,
    Merge,
    Reload,
    Cancel,
}

pub struct ConflictModal {
    pub conflict: DiskConflict,
    /// Recovery files are kept (a data folder exists): Reload keeps one.
    pub recovery: bool,
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
            let versions = match &self.conflict.on_disk {
                OnDisk::Deleted => {
                    ui.label("the file was deleted or moved");
                    None
                }
                OnDisk::Unreadable(e) => {
                    ui.label(format!("The file on disk cannot be read: {e}"));
                    None
                }
                OnDisk::Changed(v) => {
                    ui.label(v.on_disk_text());
                    ui.label(v.in_window_text());
                    Some(v)
                }
            };
            let drops = versions.and_then(|v| v.reload_drops());
            let merge = versions.and_then(|v| v.merge_text());
            if let Some(drops) = &drops {
                let kept = if self.recovery {
                    "Ctrl+Z brings them back; they are also kept in a recovery file"
                } else {
                    "Ctrl+Z brings them back"
                };
                ui.label(format!("Reload: {drops} ({kept})."));
            }
            if let Some(m) = &merge {
                ui.label(m);
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
                let can_merge = merge.is_some() && drops.is_some();
                if ui
                    .add_enabled(can_merge, egui::Button::new("Merge"))
                    .on_hover_text("Take the changes on disk and keep yours, as one step Ctrl+Z undoes")
                    .clicked()
                {
                    choice = Some(ConflictChoice::Merge);
                }
                let reload_tip = match &drops {
                    Some(d) => format!("Open the file's version: {d} (Ctrl+Z brings them back)"),
                    None => "Open the file's version (you have no unsaved changes)".into(),
                };
                if ui
                    .add_enabled(versions.is_some(), egui::Button::new("Reload"))
                    .on_hover_text(reload_tip)
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
