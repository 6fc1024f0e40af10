//! "Something went wrong": an error shown until dismissed, with an offer
//! to read a text file that is not UTF-8 as Windows-1252.

use std::path::PathBuf;

use egui::Key;

pub enum ErrorOutcome {
    Dismissed,
    /// Read this file again as Windows-1252.
    OpenAs1252(PathBuf),
}

pub struct ErrorModal {
    pub text: String,
    /// A text file that is not UTF-8: offer to read it as Windows-1252.
    pub offer_1252: Option<PathBuf>,
}

impl ErrorModal {
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            offer_1252: None,
        }
    }

    pub fn show(&mut self, ctx: &egui::Context) -> Option<ErrorOutcome> {
        let mut outcome = None;
        egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
            ui.heading("Something went wrong");
            ui.label(&self.text);
            ui.horizontal(|ui| {
                if ui.button("OK").clicked()
                    || ui.input(|i| i.key_pressed(Key::Enter) || i.key_pressed(Key::Escape))
                {
                    outcome = Some(ErrorOutcome::Dismissed);
                }
                if let Some(path) = &self.offer_1252
                    && ui
                        .button("Open as Windows-1252")
                        .on_hover_text("Read each byte as a Windows-1252 (Latin-1) character")
                        .clicked()
                {
                    outcome = Some(ErrorOutcome::OpenAs1252(path.clone()));
                }
            });
        });
        outcome
    }
}
