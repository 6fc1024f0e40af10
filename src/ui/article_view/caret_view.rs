//! The caret in the article view: the moves that need the laid-out text
//! (by visual line, by page), the thin bar drawn at the caret, and the
//! scrolling that keeps it in sight. The rules of where a move goes are in
//! [`crate::ui::caret_moves`]; this half only measures.
//!
//! Moves are queued by the app (they are commands from the table) and run
//! in the view's next pass, where the galleys can be laid out. Each lays out
//! at most the caret's paragraph and the one it lands in: the vertical moves
//! aim at a y (a row up or down, a view height) and take the char under the
//! kept x there, so they cost O(line), never O(document).

use egui::text::CCursor;
use egui::{Align, Galley, Pos2, Rect, Ui, vec2};
use unicode_bidi::{BidiClass, bidi_class};

use super::{ArticleView, ViewOutput};
use crate::model::{CharRange, Document, cluster_start};
use crate::ui::article_bidi;
use crate::ui::caret_moves::{self, CaretMove, Row};
use crate::ui::workspace::Workspace;

/// Width of the caret bar, in points.
const CARET_WIDTH: f32 = 1.5;

/// The caret's state that belongs to the view (its offset and the
/// selection are the workspace's).
#[derive(Debug, Default)]
pub struct CaretState {
    /// Moves asked for since the last pass, in order, each with Shift or not.
    queue: Vec<(CaretMove, bool)>,
    /// The x kept by a run of vertical moves (relative to the text's left).
    keep_x: Option<f32>,
    /// Drawn once a click or a key placed it (not over a fresh window).
    shown: bool,
}

impl ArticleView {
    /// Asks for a caret move (Shift: `select`) in the next pass.
    pub fn queue_caret(&mut self, mv: CaretMove, select: bool) {
        self.caret.queue.push((mv, select));
    }

    /// Moves are waiting for a pass (the app asks for one).
    pub fn caret_pending(&self) -> bool {
        !self.caret.queue.is_empty()
    }

    /// The caret bar is drawn (a click or a key placed it).
    pub fn caret_shown(&self) -> bool {
        self.caret.shown
    }

    /// Runs the queued moves, takes a click's caret, draws the caret and
    /// keeps it in sight. Called inside the scroll area after the text is
    /// painted; `viewport` is the visible part, in content coordinates.
    pub(super) fn caret_pass(
        &mut self,
        ui: &Ui,
        d: &Document,
        ws: &Workspace,
        viewport: Rect,
        out: &mut ViewOutput,
    ) {
        let mut caret = ws.caret.min(d.char_len());
        if let Some(c) = out.clicked_at {
            // A click puts the caret on the nearest cluster start.
            caret = cluster_start(d.text(), d.text_index(), c);
            out.caret = Some(caret);
            self.caret.shown = true;
            self.caret.keep_x = None;
        }
        if out.selection.is_some() {
            self.caret.keep_x = None;
            self.caret.shown = true;
        }
        let queue = std::mem::take(&mut self.caret.queue);
        if !queue.is_empty() {
            let paged = queue
                .iter()
                .any(|(mv, _)| matches!(mv, CaretMove::PageUp | CaretMove::PageDown));
            let before = self.caret_rect(ui, d, caret);
            let mut selection = ws.selection;
            for (mv, select) in queue {
                let head = selection.filter(|s| s.anchor != s.head).map_or(caret, |s| s.head);
                let target = self.caret_target(ui, d, head, mv, viewport);
                (selection, caret) =
                    caret_moves::apply(d.text(), d.text_index(), selection, caret, mv, target, select);
                if !mv.is_vertical() {
                    self.caret.keep_x = None;
                }
            }
            if selection != ws.selection {
                out.selection = Some(selection);
            }
            out.caret = Some(caret);
            self.caret.shown = true;
            let after = self.caret_rect(ui, d, caret);
            match (paged, before, after) {
                // A page move scrolls the view with the caret: it stays where it was on screen.
                (true, Some(b), Some(a)) => {
                    let page = viewport.translate(vec2(0.0, a.min.y - b.min.y));
                    ui.scroll_to_rect(page.translate(ui.max_rect().min.to_vec2()), Some(Align::Min));
                }
                _ => self.reveal(ui, d, caret),
            }
            // The new selection is painted in the next pass.
            ui.ctx().request_repaint();
        }
        if self.caret.shown {
            self.paint_caret(ui, d, caret, viewport);
        }
    }

    /// Where `mv` from `head` lands.
    fn caret_target(&mut self, ui: &Ui, d: &Document, head: usize, mv: CaretMove, viewport: Rect) -> usize {
        let (text, index) = (d.text(), d.text_index());
        if let Some(t) = caret_moves::text_target(text, index, head, mv) {
            return t;
        }
        if self.paras.is_empty() {
            return 0;
        }
        let i = self.para_of_char(head);
        let g = self.galley(ui, d, i);
        self.update_tops();
        let p = self.paras[i];
        let local = head - p.start;
        let cursor = CCursor {
            index: egui::text::CharIndex(local),
            prefer_next_row: true,
        };
        if matches!(mv, CaretMove::LineStart | CaretMove::LineEnd) {
            let begin = g.cursor_begin_of_row(&cursor).index.0;
            let end = g.cursor_end_of_row(&cursor).index.0;
            let row = Row {
                start: p.start + begin,
                end: p.start + end,
                wrapped: end < p.end - p.start,
            };
            return caret_moves::line_target(text, index, row, mv);
        }
        let at = g.pos_from_cursor(cursor);
        let x = *self.caret.keep_x.get_or_insert(at.min.x);
        let y = self.tops[i] + at.center().y;
        let row = at.height().max(1.0);
        let page = (viewport.height() - 2.0 * row).max(row);
        let target_y = match mv {
            CaretMove::Up => y - row,
            CaretMove::Down => y + row,
            CaretMove::PageUp => y - page,
            _ => y + page,
        };
        let total = self.tops.last().copied().unwrap_or(0.0);
        if target_y < 0.0 {
            return 0;
        }
        if target_y >= total {
            return d.char_len();
        }
        let found = self.char_at(ui, d, self.origin + vec2(x, target_y));
        caret_moves::vertical_target(text, index, found)
    }

    /// The caret's rect in content coordinates (from the text's top-left).
    fn caret_rect(&mut self, ui: &Ui, d: &Document, c: usize) -> Option<Rect> {
        if self.paras.is_empty() {
            return None;
        }
        let i = self.para_of_char(c);
        let g = self.galley(ui, d, i);
        self.update_tops();
        let local = c.saturating_sub(self.paras[i].start);
        Some(caret_in_galley(&g, d, c, local).translate(vec2(0.0, self.tops[i])))
    }

    /// Scrolls as little as keeps the caret's line (and one line around it) in sight.
    fn reveal(&mut self, ui: &Ui, d: &Document, c: usize) {
        if let Some(r) = self.caret_rect(ui, d, c) {
            let rect = Rect::from_min_max(
                Pos2::new(0.0, r.min.y - r.height()),
                Pos2::new(self.wrap_width, r.max.y + r.height()),
            )
            .translate(self.origin.to_vec2());
            ui.scroll_to_rect(rect, None::<Align>);
        }
    }

    fn paint_caret(&mut self, ui: &Ui, d: &Document, c: usize, viewport: Rect) {
        let i = self.para_of_char(c);
        // Only a caret in a paragraph on screen (its galley is laid out).
        let on_screen = self
            .tops
            .get(i)
            .zip(self.tops.get(i + 1))
            .is_some_and(|(&t, &b)| {
                b + super::MARGIN >= viewport.min.y && t + super::MARGIN <= viewport.max.y
            });
        if !on_screen || self.galleys.get(i).is_none_or(Option::is_none) {
            return;
        }
        let Some(r) = self.caret_rect(ui, d, c) else {
            return;
        };
        let bar = Rect::from_min_size(
            self.origin + r.min.to_vec2() - vec2(CARET_WIDTH / 2.0, 0.0),
            vec2(CARET_WIDTH, r.height()),
        );
        ui.painter().rect_filled(bar, 0.0, ui.visuals().text_color());
    }

    /// Screen rect of the caret bar, if its paragraph was shown in the last
    /// pass (tests look at it).
    pub fn caret_screen_rect(&self, d: &Document, c: usize) -> Option<Rect> {
        let i = self.para_of_char(c);
        let g = self.galleys.get(i)?.as_ref()?;
        let local = c.checked_sub(self.paras.get(i)?.start)?;
        let r = caret_in_galley(g, d, c, local);
        Some(r.translate(self.origin.to_vec2() + vec2(0.0, *self.tops.get(i)?)))
    }
}

/// The caret before char `c` (`local` in its paragraph) as a zero-width
/// rect in the paragraph's galley. A line laid out in visual order
/// (right-to-left text, `article_bidi`) has the caret at the logical start
/// of the char: its right edge when the char runs right to left.
fn caret_in_galley(g: &Galley, d: &Document, c: usize, local: usize) -> Rect {
    if article_bidi::orders_of(g).is_none() {
        return g.pos_from_cursor(CCursor {
            index: egui::text::CharIndex(local),
            prefer_next_row: true,
        });
    }
    let r = article_bidi::char_rect(g, local);
    let ch = d.slice(CharRange::new(c, c + 1)).chars().next();
    let rtl = ch.is_some_and(|ch| matches!(bidi_class(ch), BidiClass::R | BidiClass::AL));
    let x = if rtl { r.max.x } else { r.min.x };
    Rect::from_x_y_ranges(x..=x, r.y_range())
}
