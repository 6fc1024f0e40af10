//! Review > Compare with…: which colleagues' files to open, whether the open
//! project is one of the annotators, and how brat labels map.

use std::path::PathBuf;

use crate::format::interchange::LabelMap;
use crate::ui::import_export::{DialogOutcome, paths_and_map};

/// What to compare.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRequest {
    pub paths: Vec<PathBuf>,
    /// The open project is one of the annotators.
    pub include_open: bool,
    pub map: LabelMap,
}

#[derive(Default)]
pub struct CompareDialog {
    pub paths: String,
    pub include_open: bool,
    pub map: String,
    /// Put the keyboard in the paths field on the first frame.
    focus: bool,
}

impl CompareDialog {
    pub fn new(include_open: bool) -> Self {
        Self {
            include_open,
            focus: true,
            ..Self::default()
        }
    }

    pub fn request(&self) -> Result<CompareRequest, String> {
        let (paths, map) = paths_and_map(
            &self.paths,
            &self.map,
            "Name at least one colleague's project file or brat folder.",
        )?;
        Ok(CompareRequest {
            paths,
            include_open: self.include_open,
            map,
        })
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
            ui.checkbox(&mut self.include_open, "The open project is one of the annotators")
                .on_hover_text("Compare your own tags with theirs");
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
            ui.label(
                egui::RichText::new(
                    "The curated gold project opens in place of the current one (you are asked to save first).",
                )
                .weak(),
            );
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
