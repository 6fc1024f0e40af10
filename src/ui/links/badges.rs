//! "Show speakers": each quote carries a compact badge with its speaker's
//! person at its start; a quote with no speaker a "no speaker" badge. A
//! [`Decoration`] of the article view: it paints over the paragraphs the
//! view paints, in the room above the text start, so no paragraph is laid
//! out again; the persons come from the [`LinkMap`] (built per revision).

use std::collections::HashMap;

use egui::{Color32, FontId, Galley, Pos2, Rect, Stroke, Ui, vec2};

use super::{LinkMap, elide};
use crate::model::{CharRange, Document};
use crate::ui::article_geometry::{Decoration, range_rects};

/// The badge of a quote without a speaker.
pub const NO_SPEAKER: &str = "no speaker";

/// The badges of one document.
pub struct Badges<'a> {
    pub doc: &'a Document,
    pub map: &'a LinkMap,
}

impl<'a> Badges<'a> {
    /// The badges of `doc` when `show` is on.
    pub fn when(show: bool, doc: Option<&'a Document>, map: &'a LinkMap) -> Option<Self> {
        Some(Badges { doc: doc?, map }).filter(|_| show)
    }

    /// The badge text of quote `id`: its person, or [`NO_SPEAKER`].
    pub fn text(map: &LinkMap, id: &str) -> String {
        map.person(id)
            .map_or_else(|| NO_SPEAKER.to_string(), |p| elide(p, 24))
    }
}

impl Decoration for Badges<'_> {
    fn paint(
        &self,
        ui: &Ui,
        g: &Galley,
        origin: Pos2,
        para: (usize, usize),
        colors: &HashMap<String, Color32>,
    ) {
        let range = CharRange {
            start: para.0,
            end: para.1.max(para.0 + 1),
        };
        let painter = ui.painter();
        let ink = ui.visuals().strong_text_color();
        let warn = ui.visuals().warn_fg_color;
        let bg = ui.visuals().extreme_bg_color;
        for (r, id) in self.doc.index().fragments_in(range) {
            if r.start < para.0 {
                continue;
            }
            let Some(a) = self.doc.annotation(id) else {
                continue;
            };
            if !self.map.is_quote_label(&a.label) || a.hull().start != r.start {
                continue;
            }
            let Some(at) = range_rects(g, r.start - para.0, r.start - para.0 + 1)
                .first()
                .copied()
            else {
                continue;
            };
            let at = at.translate(origin.to_vec2());
            let person = self.map.person(id);
            let text = Self::text(self.map, id);
            let size = (at.height() * 0.38).clamp(7.0, 12.0);
            let color = if person.is_some() { ink } else { warn };
            let galley = painter.layout_no_wrap(text, FontId::proportional(size), color);
            // In the row's room above the glyphs, over the start of the quote.
            let rect = Rect::from_min_size(at.min + vec2(0.0, -size * 0.55), galley.size() + vec2(6.0, 0.0));
            let edge = colors.get(&a.label).copied().unwrap_or(Color32::GRAY);
            let stroke = if person.is_some() {
                Stroke::new(1.0, edge)
            } else {
                Stroke::new(1.0, warn)
            };
            painter.rect_filled(rect, 3.0, bg.gamma_multiply(0.92));
            painter.rect_stroke(rect, 3.0, stroke, egui::StrokeKind::Inside);
            painter.galley(rect.min + vec2(3.0, 0.0), galley, color);
        }
    }

    fn tooltip(&self, _c: usize) -> Vec<String> {
        Vec::new()
    }
}
