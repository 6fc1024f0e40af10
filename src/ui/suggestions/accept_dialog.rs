//! The small dialog of "Accept suggestions above…": a confidence, this
//! document or all of them, and how many suggestions that accepts.

use egui::{RichText, Ui};

/// The dialog's state; the confidences are taken when it opens.
pub struct AcceptAboveDialog {
    pub min: f32,
    pub everywhere: bool,
    /// Confidences of the pending suggestions of the current document.
    here: Vec<f32>,
    /// ... and of every document.
    all: Vec<f32>,
}

/// What the user chose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AcceptAboveOutcome {
    Accept { min: f32, everywhere: bool },
    Cancel,
}

impl AcceptAboveDialog {
    pub fn new(min: f32, here: Vec<f32>, all: Vec<f32>) -> Self {
        Self {
            min: min.clamp(0.0, 1.0),
            everywhere: false,
            here,
            all,
        }
    }

    /// How many suggestions the current choice accepts.
    pub fn count(&self) -> usize {
        let list = if self.everywhere { &self.all } else { &self.here };
        list.iter().filter(|&&c| c >= self.min).count()
    }

    pub fn show(&mut self, ctx: &egui::Context) -> Option<AcceptAboveOutcome> {
        let mut outcome = None;
        egui::Modal::new(egui::Id::unique("accept_above")).show(ctx, |ui| {
            ui.heading("Accept suggestions");
            outcome = self.body(ui);
        });
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            outcome = Some(AcceptAboveOutcome::Cancel);
        }
        outcome
    }

    fn body(&mut self, ui: &mut Ui) -> Option<AcceptAboveOutcome> {
        ui.label("Accept every suggestion whose confidence is at least");
        ui.add(
            egui::Slider::new(&mut self.min, 0.0..=1.0)
                .step_by(0.05)
                .fixed_decimals(2)
                .text("confidence"),
        );
        ui.horizontal(|ui| {
            ui.radio_value(&mut self.everywhere, false, "in this document");
            ui.radio_value(&mut self.everywhere, true, "in every document");
        });
        let n = self.count();
        ui.label(RichText::new(format!("{n} suggestions, as one undo step")).weak());
        let mut out = None;
        ui.horizontal(|ui| {
            if ui
                .add_enabled(n > 0, egui::Button::new(format!("Accept {n}")))
                .clicked()
            {
                out = Some(AcceptAboveOutcome::Accept {
                    min: self.min,
                    everywhere: self.everywhere,
                });
            }
            if ui.button("Cancel").clicked() {
                out = Some(AcceptAboveOutcome::Cancel);
            }
        });
        out
    }
}
