//! "Please note": a warning shown until dismissed (e.g. the project is
//! open elsewhere, lines an import skipped).

pub struct Notice {
    pub text: String,
}

impl Notice {
    /// `Some(())` once dismissed.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<()> {
        let mut done = None;
        egui::Modal::new(egui::Id::unique("notice")).show(ctx, |ui| {
            ui.heading("Please note");
            ui.label(&self.text);
            if ui.button("OK").clicked() {
                done = Some(());
            }
        });
        done
    }
}
