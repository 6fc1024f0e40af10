//! Review > Compare with…: which colleagues' files to open, whether the open
//! project is one of the annotators, and how brat labels map.

use crate::review::{CompareRequest, ReviewError};
use crate::ui::import_export::DialogOutcome;

#[derive(Default)]
pub struct CompareDialog {
    pub paths: String,
    pub include_open: bool,
    /// The open project is a gold project: comparing resumes its review.
    pub resume: bool,
    pub map: String,
    /// Put the keyboard in the paths field on the first frame.
    focus: bool,
}

impl CompareDialog {
    pub fn new(include_open: bool, resume: bool) -> Self {
        Self {
            include_open: include_open && !resume,
            resume,
            focus: true,
            ..Self::default()
        }
    }

    pub fn request(&self) -> Result<CompareRequest, ReviewError> {
        CompareRequest::parse(&self.paths, &self.map, self.include_open && !self.resume)
    }

    pub fn ui(&mut self, ctx: &egui::Context, error: &mut Option<String>) -> Option<DialogOutcome<()>> {
        let mut out = None;
        egui::Modal::new(egui::Id::unique("compare_dialog")).show(ctx, |ui| {
            ui.heading("Compare with colleagues");
            ui.label("Their project files (.qb.ron) or brat folders, one per line:");
            let field = ui.add(
                egui::TextEdit::multiline(&mut self.paths)
                    .desired_rows(3)
                    .desired_width(460.0)
                    .id_salt("compare_paths"),
            );
            if std::mem::take(&mut self.focus) {
                field.request_focus();
            }
            if self.resume {
                ui.label("The open project is a gold project: comparing resumes its review (what it settled stays settled).");
            } else {
                ui.checkbox(&mut self.include_open, "The open project is one of the annotators")
                    .on_hover_text("Compare your own tags with theirs");
            }
            ui.horizontal(|ui| {
                ui.label("brat label map");
                ui.add(
                    egui::TextEdit::singleline(&mut self.map)
                        .hint_text("FROM=TO, ...")
                        .id_salt("compare_map"),
                );
                let polnear = crate::format::interchange::LabelMap::polnear().to_field();
                if ui.button("PolNeAR").on_hover_text(&polnear).clicked() {
                    self.map = polnear;
                }
            });
            if !self.resume {
                ui.label(
                    egui::RichText::new(
                        "The curated gold project opens in place of the current one (you are asked to save first).",
                    )
                    .weak(),
                );
            }
            if let Some(e) = error.as_ref() {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            ui.horizontal(|ui| {
                if ui.button("Compare").clicked() {
                    out = Some(DialogOutcome::Run(()));
                }
                if ui.button("Browse…").on_hover_text("Add a file with the system dialog").clicked() {
                    out = Some(DialogOutcome::Browse);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    out = Some(DialogOutcome::Cancel);
                }
            });
        });
        out
    }
}
