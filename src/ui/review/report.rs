//! The agreement report window (Review > Agreement report, Ctrl+Shift+G):
//! the same figures as `quotebench agree`, for the labels ticked.

use egui::RichText;

use super::ReviewState;
use crate::review::agreement::{AgreementOptions, agreement};

/// Which labels the report measures, and the report for them.
#[derive(Default)]
pub struct ReportView {
    /// (label, measured)
    pub labels: Vec<(String, bool)>,
    pub text: String,
    pub json: String,
}

impl ReportView {
    pub fn new(r: &ReviewState) -> Self {
        let mut labels: Vec<String> = r
            .set
            .documents
            .iter()
            .flat_map(|d| d.versions.iter().flatten())
            .flat_map(|d| d.annotations().map(|a| a.label.clone()))
            .collect();
        labels.sort();
        labels.dedup();
        let mut v = Self {
            labels: labels.into_iter().map(|l| (l, true)).collect(),
            ..Self::default()
        };
        v.compute(r);
        v
    }

    pub fn compute(&mut self, r: &ReviewState) {
        let labels = self
            .labels
            .iter()
            .filter(|(_, on)| *on)
            .map(|(l, _)| l.clone())
            .collect();
        let report = agreement(&r.set, &AgreementOptions { labels: Some(labels) });
        self.text = report.to_text();
        self.json = serde_json::to_string_pretty(&report.to_json()).unwrap_or_default();
    }
}

/// Shows the window; returns false once it is closed.
pub fn window(ctx: &egui::Context, r: &ReviewState, view: &mut ReportView) -> bool {
    let mut open = true;
    let mut changed = false;
    egui::Window::new("Agreement report")
        .open(&mut open)
        .default_size([720.0, 520.0])
        .show(ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label("Labels:");
                for (l, on) in &mut view.labels {
                    changed |= ui.checkbox(on, l.as_str()).changed();
                }
            });
            ui.label(
                RichText::new(
                    "The overall alpha needs documents where no character carries two labels: untick overlapping labels (e.g. PolNeAR's Attribution) to get it.",
                )
                .weak(),
            );
            ui.horizontal(|ui| {
                if ui.button("Copy as JSON").on_hover_text("The same JSON as `quotebench agree --json`").clicked() {
                    ui.ctx().copy_text(view.json.clone());
                }
                if ui.button("Copy as text").clicked() {
                    ui.ctx().copy_text(view.text.clone());
                }
            });
            ui.separator();
            egui::ScrollArea::both().id_salt("report_text").show(ui, |ui| {
                ui.label(RichText::new(&view.text).monospace());
            });
        });
    if changed {
        view.compute(r);
    }
    open
}
