//! What the article view and the features drawn over it share: where a
//! paragraph's chars are on screen ([`range_rects`]), the room each review
//! lane takes, and the [`Decoration`] hook through which the view calls
//! them. The view and the review overlay both import this; neither imports
//! the other.

use std::collections::HashMap;

use egui::{Color32, Galley, Pos2, Rect, Ui, pos2};

/// Extra row height per review lane (one per annotator while comparing).
pub const REVIEW_LANE: f32 = 2.5;

/// One paragraph (line) of a document: its chars `[start, end)` and bytes
/// `[byte_start, byte_end)`, newline excluded.
#[derive(Clone, Copy, Debug)]
pub struct Para {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// Something drawn over the article by another feature (the review's
/// marks, the suggestions' ghosts): the view calls it for every visible paragraph and when the
/// pointer rests on a char.
pub trait Decoration {
    /// Paints over chars `[start, end)` of a paragraph laid out as `g` at `origin`.
    fn paint(
        &self,
        ui: &Ui,
        g: &Galley,
        origin: Pos2,
        para: (usize, usize),
        colors: &HashMap<String, Color32>,
    );

    /// Lines for the tooltip at char `c` (none: nothing to add).
    fn tooltip(&self, c: usize) -> Vec<String>;

    /// What the annotations' own tooltip lines are, said above them when
    /// this decoration adds lines of its own ("In the gold file:").
    fn hits_heading(&self) -> Option<&'static str> {
        None
    }
}

/// Rectangles (relative to the galley) covering chars `[a, b)` of a paragraph galley.
pub fn range_rects(g: &Galley, a: usize, b: usize) -> Vec<Rect> {
    // A right-to-left paragraph: a range may be several pieces of a row.
    if let Some(orders) = super::article_bidi::orders_of(g) {
        return super::article_bidi::range_rects(g, &orders, a, b);
    }
    let mut out = Vec::new();
    let mut rs = 0;
    for row in &g.rows {
        let n = row.glyphs.len() + usize::from(row.ends_with_newline);
        let re = rs + n;
        let (s, e) = (a.max(rs), b.min(re));
        if s < e {
            let x0 = row.pos.x + row.x_offset(egui::text::CharIndex(s - rs));
            let x1 = row.pos.x + row.x_offset(egui::text::CharIndex(e - rs));
            out.push(Rect::from_min_max(
                pos2(x0, row.min_y()),
                pos2(x1.max(x0 + 2.0), row.max_y()),
            ));
        }
        if re >= b {
            break;
        }
        rs = re;
    }
    out
}

/// Where the article view put its text in the last frame, for features
/// drawn over it after it (the links' connectors and edge markers): the
/// paragraphs, their galleys (laid out for the visible ones), their tops,
/// the screen position of the text and the visible part of the view.
pub struct ViewLayout<'a> {
    pub paras: &'a [Para],
    pub galleys: &'a [Option<std::sync::Arc<Galley>>],
    /// `tops[i]`: y of paragraph i from the top of the text (estimated for
    /// paragraphs never laid out); one more entry than paragraphs.
    pub tops: &'a [f32],
    /// Screen position of the top-left of the text.
    pub origin: Pos2,
    /// The visible part of the article on screen.
    pub clip: Rect,
    /// The paragraphs painted in the last frame.
    pub visible: std::ops::Range<usize>,
    pub row_height: f32,
}

impl ViewLayout<'_> {
    /// The paragraph holding char `c` (a line break belongs to the line before it).
    pub fn para_of_char(&self, c: usize) -> usize {
        self.paras
            .partition_point(|p| p.end < c)
            .min(self.paras.len().saturating_sub(1))
    }

    /// Screen rectangles of chars `[a, b)` in the paragraphs painted in the
    /// last frame (none where the range lies elsewhere).
    pub fn rects(&self, a: usize, b: usize) -> Vec<Rect> {
        let mut out = Vec::new();
        if self.paras.is_empty() || a >= b {
            return out;
        }
        let first = self.para_of_char(a).max(self.visible.start);
        let last = self
            .para_of_char(b.saturating_sub(1))
            .min(self.visible.end.saturating_sub(1));
        for i in first..=last {
            let (Some(Some(g)), Some(p), Some(top)) =
                (self.galleys.get(i), self.paras.get(i), self.tops.get(i))
            else {
                continue;
            };
            let (s, e) = (a.max(p.start), b.min(p.end));
            if s >= e {
                continue;
            }
            let shift = self.origin.to_vec2() + egui::vec2(0.0, *top);
            out.extend(
                range_rects(g, s - p.start, e - p.start)
                    .into_iter()
                    .map(|r| r.translate(shift)),
            );
        }
        out
    }

    /// The screen y of the paragraph holding char `c` (its estimated place
    /// when it is off screen and was never laid out).
    pub fn y_of_char(&self, c: usize) -> f32 {
        let i = self.para_of_char(c);
        self.origin.y + self.tops.get(i).copied().unwrap_or(0.0)
    }
}
