//! The agreement report window (Review > Agreement report, Ctrl+Shift+G):
//! the same figures as `quotebench agree`, for the labels ticked. First a
//! matrix per label (annotators × annotators, the chosen pairwise figure in
//! each cell) with a summary line, then the full tables, unwrapped, in a
//! scroll area.

use egui::{RichText, TextWrapMode};

use super::ReviewState;
use crate::review::agreement::{AgreementOptions, AgreementReport, LabelMatrix, PairMeasure, agreement};

/// Which labels the report measures, and the report for them.
#[derive(Default)]
pub struct ReportView {
    /// (label, measured)
    pub labels: Vec<(String, bool)>,
    /// The pairwise figure the matrices show.
    pub measure: PairMeasure,
    pub text: String,
    pub json: String,
    /// One per measured label, pooled over the documents.
    pub matrices: Vec<LabelMatrix>,
    report: Option<AgreementReport>,
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
        self.report = Some(report);
        self.remeasure();
    }

    fn remeasure(&mut self) {
        self.matrices = self.report.as_ref().map_or_else(Vec::new, |rep| {
            rep.section.matrices(&rep.annotators, &rep.labels, self.measure)
        });
    }
}

/// Shows the window; returns false once it is closed.
pub fn window(ctx: &egui::Context, r: &ReviewState, view: &mut ReportView) -> bool {
    let mut open = true;
    let mut changed = false;
    let mut measure = view.measure;
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
                ui.label("Pairs by");
                egui::ComboBox::from_id_salt("report_measure")
                    .selected_text(measure.name())
                    .show_ui(ui, |ui| {
                        for m in PairMeasure::ALL {
                            ui.selectable_value(&mut measure, m, m.name());
                        }
                    });
                if ui.button("Copy as JSON").on_hover_text("The same JSON as `quotebench agree --json`").clicked() {
                    ui.ctx().copy_text(view.json.clone());
                }
                if ui.button("Copy as text").clicked() {
                    ui.ctx().copy_text(view.text.clone());
                }
            });
            ui.separator();
            egui::ScrollArea::both()
                .id_salt("report_text")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    // Two annotators are one pair: the tables say it all.
                    let several = r.set.annotators.len() > 2;
                    if several {
                        for m in &view.matrices {
                            matrix(ui, m);
                        }
                    }
                    egui::CollapsingHeader::new("All figures (as `quotebench agree` prints them)")
                        .id_salt("report_all")
                        .default_open(!several)
                        .show(ui, |ui| {
                            // Tables never wrap: the scroll area scrolls sideways.
                            ui.add(egui::Label::new(RichText::new(&view.text).monospace()).wrap_mode(TextWrapMode::Extend));
                        });
                });
        });
    if measure != view.measure {
        view.measure = measure;
        view.remeasure();
    }
    if changed {
        view.compute(r);
    }
    open
}

/// A label's summary line and its matrix as a grid.
fn matrix(ui: &mut egui::Ui, m: &LabelMatrix) {
    use crate::review::agreement::Figure;
    ui.label(RichText::new(m.summary_line()).strong());
    egui::Grid::new(("report_matrix", &m.label))
        .striped(true)
        .min_col_width(48.0)
        .show(ui, |ui| {
            ui.label("");
            for (b, name) in m.annotators.iter().enumerate() {
                ui.label(format!("{}", b + 1)).on_hover_text(name);
            }
            ui.end_row();
            for (a, name) in m.annotators.iter().enumerate() {
                ui.label(format!("{} {name}", a + 1));
                for b in 0..m.annotators.len() {
                    let cell = match &m.cells[a][b] {
                        _ if a == b => "—".to_string(),
                        Some(Figure::Value(v)) => format!("{v:.3}"),
                        Some(Figure::Undefined(why)) => {
                            ui.label("n/a").on_hover_text(why.as_str());
                            continue;
                        }
                        None => String::new(),
                    };
                    ui.label(RichText::new(cell).monospace());
                }
                ui.end_row();
            }
        });
    ui.add_space(6.0);
}
