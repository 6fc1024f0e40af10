//! The matches as a list, one row each with its line of context: the hits
//! of every document (find in all documents), and the tick boxes of "Tag
//! all". Only the rows in view are built, so 100,000 hits scroll smoothly.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Ui};

use super::FindBar;
use crate::model::{CharRange, Project};
use crate::search::snippet;

/// A click on a row: make match `index` of document `doc` current.
pub type Picked = Option<(usize, usize)>;

impl FindBar {
    /// The rows; returns the row clicked.
    pub(super) fn list_ui(&mut self, ui: &mut Ui, project: &Project, ticks: bool) -> Picked {
        let counts: Vec<usize> = self.results.hits.iter().map(|(_, m)| m.len()).collect();
        let total: usize = counts.iter().sum();
        if total == 0 {
            return None;
        }
        // Row r is match r - starts[h] of the h-th document with hits.
        let mut starts = Vec::with_capacity(counts.len());
        let mut sum = 0;
        for c in &counts {
            starts.push(sum);
            sum += c;
        }
        let font = FontId::proportional(13.0);
        let row_height = ui.fonts_mut(|f| f.row_height(&font)) + 4.0;
        let mut picked = None;
        let all = self.scope == super::Scope::All;
        egui::ScrollArea::vertical()
            .id_salt("find_hits")
            .max_height(180.0)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, total, |ui, rows| {
                for r in rows {
                    let h = starts.partition_point(|&s| s <= r) - 1;
                    let (doc, ref matches) = self.results.hits[h];
                    let i = r - starts[h];
                    let range = matches[i];
                    let Some(d) = project.documents.get(doc) else {
                        continue;
                    };
                    let (before, text, after) = snippet(d.text(), d.text_index(), range);
                    ui.horizontal(|ui| {
                        if ticks {
                            let mut on = !self.unticked.contains(&(doc, range));
                            if ui.checkbox(&mut on, "").on_hover_text("Tag this one").changed() {
                                self.toggle(doc, range, on);
                            }
                        }
                        let job = row_job(ui, all.then_some(d.id.as_str()), &before, &text, &after, &font);
                        let current = self.current == Some((doc, i));
                        if ui.selectable_label(current, job).clicked() {
                            picked = Some((doc, i));
                        }
                    });
                }
            });
        picked
    }

    fn toggle(&mut self, doc: usize, range: CharRange, on: bool) {
        if on {
            self.unticked.remove(&(doc, range));
        } else {
            self.unticked.insert((doc, range));
        }
    }
}

/// "doc · …before MATCH after…", the match in bold colour.
fn row_job(ui: &Ui, doc: Option<&str>, before: &str, text: &str, after: &str, font: &FontId) -> LayoutJob {
    let plain = TextFormat {
        font_id: font.clone(),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let weak = TextFormat {
        color: ui.visuals().weak_text_color(),
        ..plain.clone()
    };
    let hit = TextFormat {
        color: ui.visuals().strong_text_color(),
        background: Color32::from_rgba_premultiplied(120, 110, 0, 110),
        ..plain.clone()
    };
    let mut job = LayoutJob::default();
    if let Some(id) = doc {
        job.append(&format!("{id} · "), 0.0, weak);
    }
    job.append(before, 0.0, plain.clone());
    job.append(text, 0.0, hit);
    job.append(after, 0.0, plain);
    job.wrap.max_rows = 1;
    job
}
