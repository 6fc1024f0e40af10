//! Painting the article's spans: label colours, the highlight fills and
//! underline lanes of one paragraph, the one-line description a tooltip
//! shows. Used by the article view (and its colours by the panels).

use std::collections::HashMap;

use egui::{Color32, Galley, Pos2, Sense, Stroke, Ui, pos2, vec2};

use super::article_geometry::{Para, range_rects};
use crate::model::{CharRange, Document, TagSet};

/// One line about an annotation for tooltips: label, attributes, speaker, note.
pub fn describe(d: &Document, a: &crate::model::Annotation, _tags: &TagSet) -> String {
    use crate::model::person_of_speaker as person;
    let mut s = a.label.clone();
    for (k, v) in &a.attributes {
        if !v.is_empty() {
            s.push_str(&format!(" · {k}: {v}"));
        }
    }
    if let Some(p) = d.person_of_quote(&a.id) {
        s.push_str(&format!(" · said by {p}"));
    }
    if a.label == crate::model::names::SPEAKER {
        let n = d.sources(&a.id, crate::model::names::SAID_BY).count();
        s.push_str(&format!(" · {} · {n} quotes", person(a)));
    }
    if !a.note.is_empty() {
        s.push_str(&format!("\nNote: {}", a.note));
    }
    s
}

/// Label colours for fills, tuned to the theme.
pub fn label_colors(tags: &TagSet, dark: bool) -> HashMap<String, Color32> {
    tags.labels
        .iter()
        .map(|l| {
            let [r, g, b] = l.rgb();
            let _ = dark;
            (l.name.clone(), Color32::from_rgb(r, g, b))
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
pub(super) fn paint_highlights(
    ui: &Ui,
    d: &Document,
    g: &Galley,
    origin: Pos2,
    p: Para,
    colors: &HashMap<String, Color32>,
    selected: Option<&str>,
    strong: Color32,
) {
    let range = CharRange {
        start: p.start,
        end: p.end.max(p.start + 1),
    };
    let mut spans: Vec<(CharRange, &str, Color32)> = d
        .index()
        .fragments_in(range)
        .map(|(r, id)| {
            let color = d
                .annotation(id)
                .and_then(|a| colors.get(&a.label))
                .copied()
                .unwrap_or(Color32::GRAY);
            (r, id, color)
        })
        .collect();
    if spans.is_empty() {
        return;
    }
    // Outer spans first; each gets the lowest free underline lane.
    spans.sort_by_key(|(r, id, _)| (r.start, std::cmp::Reverse(r.end), *id));
    let mut lane_ends: Vec<usize> = Vec::new();
    let painter = ui.painter();
    let row_gap = 2.5;
    let mut outlines = Vec::new();
    for (r, id, color) in &spans {
        let lane = match lane_ends.iter().position(|&e| e <= r.start) {
            Some(l) => {
                lane_ends[l] = r.end;
                l
            }
            None => {
                lane_ends.push(r.end);
                lane_ends.len() - 1
            }
        };
        let (a, b) = (r.start.max(p.start) - p.start, r.end.min(p.end) - p.start);
        for rect in range_rects(g, a, b) {
            let rect = rect.translate(origin.to_vec2());
            painter.rect_filled(rect.shrink2(vec2(0.0, 2.0)), 2.0, color.gamma_multiply(0.28));
            let y = rect.bottom() - 1.0 - lane as f32 * row_gap;
            painter.line_segment(
                [pos2(rect.left(), y), pos2(rect.right(), y)],
                Stroke::new(2.0, *color),
            );
            if Some(*id) == selected {
                outlines.push(rect);
            }
        }
    }
    for rect in outlines {
        painter.rect_stroke(
            rect.expand(1.0),
            2.0,
            Stroke::new(1.5, strong),
            egui::StrokeKind::Outside,
        );
    }
}

/// A small square of a label's colour (painted: no font has to carry a glyph for it).
pub fn color_chip(ui: &mut Ui, color: Color32) -> egui::Response {
    let h = ui.text_style_height(&egui::TextStyle::Body) * 0.7;
    let (rect, response) = ui.allocate_exact_size(vec2(h, h), Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
    response
}
