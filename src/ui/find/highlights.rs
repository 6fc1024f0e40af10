//! The matches drawn in the article: a fill under every match of the
//! visible paragraphs (looked up by binary search in the sorted matches,
//! so a million matches cost the same per frame as ten), the current one
//! in a stronger colour with an outline.

use std::collections::HashMap;

use egui::{Color32, Galley, Pos2, Stroke, StrokeKind, Ui};

use crate::model::CharRange;
use crate::ui::article_geometry::{Decoration, range_rects};

/// The current document's matches as the view draws them.
pub struct Highlights<'a> {
    /// In text order, non-overlapping.
    pub matches: &'a [CharRange],
    /// Index in `matches` of the current one.
    pub current: Option<usize>,
}

const FILL: Color32 = Color32::from_rgba_premultiplied(120, 110, 0, 110);
const CURRENT_FILL: Color32 = Color32::from_rgba_premultiplied(200, 110, 0, 170);
const CURRENT_STROKE: Color32 = Color32::from_rgb(230, 90, 0);

impl Highlights<'_> {
    /// The indexes of the matches that touch chars `[a, b)`.
    pub fn within(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let from = self.matches.partition_point(|m| m.end <= a);
        let to = self.matches.partition_point(|m| m.start < b);
        from..to.max(from)
    }
}

impl Decoration for Highlights<'_> {
    fn paint(
        &self,
        ui: &Ui,
        g: &Galley,
        origin: Pos2,
        (start, end): (usize, usize),
        _colors: &HashMap<String, Color32>,
    ) {
        let painter = ui.painter();
        // The line break belongs to the line: a match over it shows there.
        for i in self.within(start, end + 1) {
            let m = self.matches[i];
            let (a, b) = (m.start.max(start), m.end.min(end + 1));
            if a >= b {
                continue;
            }
            let current = self.current == Some(i);
            for rect in range_rects(g, a - start, b - start) {
                let rect = rect.translate(origin.to_vec2());
                painter.rect_filled(rect, 2.0, if current { CURRENT_FILL } else { FILL });
                if current {
                    painter.rect_stroke(rect, 2.0, Stroke::new(2.0, CURRENT_STROKE), StrokeKind::Outside);
                }
            }
        }
    }

    fn tooltip(&self, _c: usize) -> Vec<String> {
        Vec::new()
    }
}
