//! The unsaved-changes guard: save, discard or cancel before something
//! replaces the open project (open, new, import, compare, quit).

/// What the user chose in the unsaved-changes guard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuardChoice {
    Save,
    Discard,
    Cancel,
}

/// The guard for the project called `name`.
pub struct Guard {
    pub name: String,
}

impl Guard {
    pub fn show(&mut self, ctx: &egui::Context) -> Option<GuardChoice> {
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("unsaved_guard")).show(ctx, |ui| {
            ui.heading("Unsaved changes");
            ui.label(format!("Save the changes to {} first?", self.name));
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some(GuardChoice::Save);
                }
                if ui
                    .button("Discard")
                    .on_hover_text("Lose the changes made since the last save")
                    .clicked()
                {
                    choice = Some(GuardChoice::Discard);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some(GuardChoice::Cancel);
                }
            });
        });
        choice
    }
}
