//! The annotators' marks in the article while reviewing. Spans everybody
//! agrees on (and that are not in the gold file yet) get a faint fill of
//! their label's colour, once; at a disagreement each annotator's spans get
//! a bar of that annotator's colour above the text, one lane each, and the
//! current disagreement is outlined. Hovering lists who tagged what.
//!
//! The article view calls it through [`Decoration`]; the two share only
//! `article_geometry`.

use std::collections::HashMap;

use egui::{Color32, Galley, Pos2, Stroke, Ui, pos2, vec2};

use super::annotator_color;
use crate::model::{CharRange, Document};
use crate::review::{Cluster, DocComparison};
use crate::ui::article_geometry::{Decoration, REVIEW_LANE, range_rects};

/// What the article view needs to draw the review over one document.
pub struct Overlay<'a> {
    pub doc: &'a DocComparison,
    pub annotators: &'a [String],
    /// The gold document (agreed spans already in it are not drawn again).
    pub gold: &'a Document,
    /// The current disagreement's cluster index.
    pub current: Option<usize>,
}

impl Decoration for Overlay<'_> {
    /// Paints the marks of the clusters in paragraph `[start, end)`, laid out as `g` at `origin`.
    fn paint(
        &self,
        ui: &Ui,
        g: &Galley,
        origin: Pos2,
        (start, end): (usize, usize),
        colors: &HashMap<String, Color32>,
    ) {
        let painter = ui.painter();
        let para = CharRange {
            start,
            end: end.max(start + 1),
        };
        let rects = |r: &CharRange| {
            let (a, b) = (
                r.start.max(start) - start,
                r.end.min(end).max(r.start.max(start)) - start,
            );
            range_rects(g, a, b)
                .into_iter()
                .map(|x| x.translate(origin.to_vec2()))
                .collect::<Vec<_>>()
        };
        for (offset, c) in self.doc.clusters_in(para).iter().enumerate() {
            let index = self.doc.clusters.partition_point(|x| x.hull.end <= para.start) + offset;
            let in_gold = self.gold.index().fragments_in(c.hull).next().is_some();
            if c.agreed {
                if in_gold {
                    continue;
                }
                let Some(&first) = self.doc.present.first() else {
                    continue;
                };
                for item in c.of(first) {
                    let color = colors.get(item.label()).copied().unwrap_or(Color32::GRAY);
                    for &(s, e) in &item.key.1 {
                        for r in rects(&CharRange { start: s, end: e }) {
                            painter.rect_filled(r.shrink2(vec2(0.0, 2.0)), 2.0, color.gamma_multiply(0.14));
                        }
                    }
                }
                continue;
            }
            for item in &c.items {
                let lane = self
                    .doc
                    .present
                    .iter()
                    .position(|&a| a == item.annotator)
                    .unwrap_or(0);
                let color = annotator_color(item.annotator);
                for &(s, e) in &item.key.1 {
                    for r in rects(&CharRange { start: s, end: e }) {
                        let y = r.bottom() + 1.5 + lane as f32 * REVIEW_LANE;
                        painter
                            .line_segment([pos2(r.left(), y), pos2(r.right(), y)], Stroke::new(1.8, color));
                    }
                }
            }
            if self.current == Some(index) {
                let stroke = Stroke::new(1.5, ui.visuals().warn_fg_color);
                for r in rects(&c.hull) {
                    painter.rect_stroke(r.expand(2.0), 3.0, stroke, egui::StrokeKind::Outside);
                }
            }
        }
    }

    /// Lines for the tooltip at char `c`: what each annotator has there.
    fn tooltip(&self, c: usize) -> Vec<String> {
        let Some((_, cluster)) = self.doc.cluster_at(c) else {
            return Vec::new();
        };
        describe_versions(cluster, &self.doc.present, self.annotators)
    }

    fn hits_heading(&self) -> Option<&'static str> {
        Some("In the gold file:")
    }
}

/// "ana: Quote 12–40 said by Cressida Dick", one line per annotator, with what
/// differs first (or that everybody agrees).
pub fn describe_versions(c: &Cluster, present: &[usize], annotators: &[String]) -> Vec<String> {
    let mut lines = vec![if c.agreed {
        "All annotators agree".to_string()
    } else {
        c.summary.clone()
    }];
    for &a in present {
        let name = annotators.get(a).map_or("?", String::as_str);
        let items: Vec<String> = c.of(a).map(|i| i.describe()).collect();
        let what = if items.is_empty() {
            "nothing here".to_string()
        } else {
            items.join("; ")
        };
        lines.push(format!("{name}: {what}"));
    }
    lines
}
