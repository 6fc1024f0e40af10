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
