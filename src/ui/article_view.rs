//! The article: the text with highlighted spans, built for whole books.
//!
//! The text is split into paragraphs (lines). Each paragraph is laid out on
//! its own, once per wrap width, and only when it scrolls into view; the
//! galleys hold plain text only, so adding, changing or undoing a span never
//! lays anything out again. Highlights are painted under the text from the
//! document's position index, for the visible paragraphs only. Overlapping
//! and nested spans stay visible: translucent fills add up, and each span
//! gets its own underline lane.
//!
//! The selection lives in document char offsets (see [`Selection`]), so it
//! survives scrolling, unlike egui's label selection.

use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, Galley, Pos2, Rect, Sense, Ui, vec2};

use super::article_geometry::{Decoration, Para, REVIEW_LANE, ViewLayout, range_rects};
use super::article_paint::paint_highlights;
pub use super::article_paint::{color_chip, describe, label_colors};
use super::workspace::{Selection, Workspace};
use crate::model::{CharRange, Document, TagSet, snap_to_clusters, snap_to_words};

// issue 13: caret
mod caret_view;

/// Line height as a multiple of the font size: room for underline lanes.
const LINE_HEIGHT: f32 = 1.6;
const MARGIN: f32 = 12.0;

/// What the user did in the view this frame.
#[derive(Debug, Default)]
pub struct ViewOutput {
    /// A click (no drag) on the text: the innermost annotation there, if any.
    pub clicked: Option<Option<String>>,
    /// The char offset clicked.
    pub clicked_at: Option<usize>,
    /// The selection changed to this (None: cleared).
    pub selection: Option<Option<Selection>>,
    /// The caret moved here (a click or a caret key).
    pub caret: Option<usize>,
    /// The char under the pointer (the links show what it is linked to).
    pub hovered_at: Option<usize>,
}

#[derive(Default)]
pub struct ArticleView {
    /// Identifies the laid-out document: (id, char length, text pointer).
    key: Option<(String, usize, usize)>,
    paras: Vec<Para>,
    galleys: Vec<Option<Arc<Galley>>>,
    heights: Vec<f32>,
    /// `tops[i]` is the y of paragraph i from the top of the text; the last entry is the total height.
    tops: Vec<f32>,
    tops_dirty: bool,
    wrap_width: f32,
    font_size: f32,
    /// Scroll so that this char is in view (kept for a second frame, as heights settle).
    scroll_to: Option<(usize, u8)>,
    drag_anchor: Option<usize>,
    /// Screen position of the top-left of the text in the last frame.
    origin: Pos2,
    pub font_scale: f32,
    /// A different document was laid out: show it from the top.
    scroll_home: bool,
    /// Room under each row for this many annotators' marks (the compare view).
    pub review_lanes: usize,
    laid_lanes: usize,
    /// What the cached galleys were laid out against: egui clears its glyph
    /// atlas when the text options change (e.g. a theme switch) or the atlas
    /// fills up, and galleys from before then draw nothing.
    atlas: Option<(egui::epaint::text::TextOptions, f32, f32)>,
    /// issue 13: the caret's queued moves, kept x and visibility.
    caret: caret_view::CaretState,
    /// The visible part of the view and the paragraphs painted, last frame (see [`ArticleView::layout`]).
    clip: Option<Rect>,
    visible: std::ops::Range<usize>,
}

impl ArticleView {
    pub fn reset(&mut self) {
        *self = Self {
            font_scale: self.font_scale,
            review_lanes: self.review_lanes,
            ..Self::default()
        };
    }

    /// Where the text was put in the last frame (features drawn over it).
    pub fn layout(&self) -> ViewLayout<'_> {
        ViewLayout {
            paras: &self.paras,
            galleys: &self.galleys,
            tops: &self.tops,
            origin: self.origin,
            clip: self.clip.unwrap_or(Rect::NOTHING),
            visible: self.visible.clone(),
            row_height: self.row_height(),
        }
    }

    pub fn scroll_to_char(&mut self, c: usize) {
        self.scroll_to = Some((c, 3));
    }

    fn ensure_document(&mut self, d: &Document) {
        let key = (d.id.clone(), d.char_len(), d.text().as_ptr() as usize);
        if self.key.as_ref() == Some(&key) {
            return;
        }
        // Another document (not the same one laid out again) starts at its top.
        if self.key.as_ref().is_none_or(|k| (&k.0, k.1) != (&key.0, key.1)) {
            self.scroll_home = true;
        }
        self.key = Some(key);
        self.paras.clear();
        let text = d.text();
        let mut chars = 0;
        let mut byte = 0;
        for line in text.split('\n') {
            let n = line.chars().count();
            self.paras.push(Para {
                start: chars,
                end: chars + n,
                byte_start: byte,
                byte_end: byte + line.len(),
            });
            chars += n + 1;
            byte += line.len() + 1;
        }
        self.galleys = vec![None; self.paras.len()];
        self.heights.clear();
        self.wrap_width = 0.0;
    }

    /// Forgets the galleys when egui's glyph atlas was (or is about to be) rebuilt.
    fn check_atlas(&mut self, ui: &Ui) {
        let options = ui.visuals().text_options;
        let ppp = ui.ctx().pixels_per_point();
        let fill = ui.ctx().fonts(|f| f.font_atlas_fill_ratio());
        let stale = match &self.atlas {
            Some((o, p, f)) => *o != options || *p != ppp || fill < *f,
            None => false,
        };
        if stale {
            self.galleys.iter_mut().for_each(|g| *g = None);
        }
        self.atlas = Some((options, ppp, fill));
    }

    fn row_height(&self) -> f32 {
        self.font_size * LINE_HEIGHT + self.review_lanes as f32 * REVIEW_LANE
    }

    fn estimate(&self, p: &Para) -> f32 {
        let per_row = (self.wrap_width / (self.font_size * 0.5)).max(10.0);
        ((p.end - p.start) as f32 / per_row).ceil().max(1.0) * self.row_height()
    }

    /// Re-flows when the width or font changes: forget galleys, re-estimate.
    fn set_geometry(&mut self, width: f32, font_size: f32) {
        if (width - self.wrap_width).abs() < 0.5
            && font_size == self.font_size
            && self.laid_lanes == self.review_lanes
            && !self.heights.is_empty()
        {
            return;
        }
        self.laid_lanes = self.review_lanes;
        self.wrap_width = width;
        self.font_size = font_size;
        self.galleys.iter_mut().for_each(|g| *g = None);
        self.heights = self.paras.iter().map(|p| self.estimate(p)).collect();
        self.tops_dirty = true;
    }

    fn update_tops(&mut self) {
        if !self.tops_dirty && self.tops.len() == self.heights.len() + 1 {
            return;
        }
        self.tops.clear();
        let mut y = 0.0;
        for h in &self.heights {
            self.tops.push(y);
            y += h;
        }
        self.tops.push(y);
        self.tops_dirty = false;
    }

    fn galley(&mut self, ui: &Ui, d: &Document, i: usize) -> Arc<Galley> {
        if let Some(g) = &self.galleys[i] {
            return g.clone();
        }
        let p = self.paras[i];
        let text = &d.text()[p.byte_start..p.byte_end];
        let format = TextFormat {
            font_id: FontId::proportional(self.font_size),
            color: Color32::PLACEHOLDER,
            line_height: Some(self.row_height()),
            ..Default::default()
        };
        let mut job = LayoutJob::single_section(text.to_owned(), format);
        job.wrap.max_width = self.wrap_width;
        let g = super::article_bidi::reorder(ui, ui.painter().layout_job(job));
        let h = g.rect.height().max(self.row_height());
        if (h - self.heights[i]).abs() > 0.1 {
            self.heights[i] = h;
            self.tops_dirty = true;
        }
        self.galleys[i] = Some(g.clone());
        g
    }

    /// The paragraph holding char `c` (a line break belongs to the line before it).
    fn para_of_char(&self, c: usize) -> usize {
        self.paras
            .partition_point(|p| p.end < c)
            .min(self.paras.len().saturating_sub(1))
    }

    fn para_at_y(&self, y: f32) -> usize {
        self.tops
            .partition_point(|&t| t <= y)
            .saturating_sub(1)
            .min(self.paras.len().saturating_sub(1))
    }

    /// The char offset under a screen position.
    fn char_at(&mut self, ui: &Ui, d: &Document, pos: Pos2) -> usize {
        if self.paras.is_empty() {
            return 0;
        }
        self.update_tops();
        let i = self.para_at_y(pos.y - self.origin.y);
        let g = self.galley(ui, d, i);
        let local = pos - (self.origin + vec2(0.0, self.tops[i]));
        let c = super::article_bidi::char_at(&g, local).unwrap_or_else(|| g.cursor_from_pos(local).index.0);
        let p = self.paras[i];
        (p.start + c).min(p.end)
    }

    /// Screen position of the middle of char `c`, if its paragraph was shown
    /// in the last frame (used by tests to aim the mouse).
    pub fn screen_pos_of_char(&self, c: usize) -> Option<Pos2> {
        let i = self.para_of_char(c);
        let g = self.galleys.get(i)?.as_ref()?;
        let local = c - self.paras[i].start;
        if super::article_bidi::orders_of(g).is_some() {
            let r = super::article_bidi::char_rect(g, local);
            return Some(self.origin + vec2(r.center().x, self.tops.get(i)? + r.center().y));
        }
        let a = g.pos_from_cursor(CCursor::new(local));
        let b = g.pos_from_cursor(CCursor::new(local + 1));
        let x = if (b.min.y - a.min.y).abs() < 1.0 {
            (a.min.x + b.min.x) / 2.0
        } else {
            a.min.x + 2.0
        };
        Some(self.origin + vec2(x, self.tops.get(i)? + a.center().y))
    }

    /// Draws the current document; each decoration (the review's marks,
    /// the suggestions' ghosts) is called for each visible paragraph, in
    /// order, and for the tooltip.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        ws: &Workspace,
        picking: bool,
        decorations: &[&dyn Decoration],
    ) -> ViewOutput {
        let mut out = ViewOutput::default();
        let Some(d) = ws.document() else {
            ui.centered_and_justified(|ui| {
                ui.label("No document. Use File > New from text… or drop a .txt file here.")
            });
            return out;
        };
        self.ensure_document(d);
        self.check_atlas(ui);
        let font_size = ui
            .style()
            .text_styles
            .get(&egui::TextStyle::Body)
            .map_or(14.0, |f| f.size)
            * 1.15;
        let font_size = font_size
            * if self.font_scale > 0.0 {
                self.font_scale
            } else {
                1.0
            };
        let colors = label_colors(&ws.project.tagset, ui.visuals().dark_mode);
        let selected = ws.selected.as_deref();
        let selection = ws.selection.map(|s| s.range());
        let text_color = ui.visuals().text_color();
        let sel_fill = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
        let strong = ui.visuals().strong_text_color();

        let scroll_target = self.scroll_to.take();
        let mut area = egui::ScrollArea::vertical().id_salt("article").auto_shrink(false);
        if std::mem::take(&mut self.scroll_home) {
            area = area.vertical_scroll_offset(0.0);
        }
        area.show_viewport(ui, |ui, viewport| {
            let width = (ui.available_width() - 2.0 * MARGIN).max(100.0);
            self.set_geometry(width, font_size);
            self.update_tops();
            self.origin = ui.max_rect().min + vec2(MARGIN, MARGIN);

            // Scroll request: lay out the target paragraph first so its position is real.
            if let Some((c, frames)) = scroll_target {
                let i = self.para_of_char(c);
                let g = self.galley(ui, d, i);
                self.update_tops();
                let local = g.pos_from_cursor(CCursor::new(c - self.paras[i].start));
                let y = self.tops[i] + local.center().y;
                let rect = Rect::from_center_size(
                    self.origin + vec2(width / 2.0, y),
                    vec2(width, self.row_height()),
                );
                ui.scroll_to_rect(rect, Some(Align::Center));
                if frames > 1 {
                    self.scroll_to = Some((c, frames - 1));
                    ui.ctx().request_repaint();
                }
            }

            let total = self.tops.last().copied().unwrap_or(0.0) + 2.0 * MARGIN;
            let content = Rect::from_min_size(ui.max_rect().min, vec2(ui.available_width(), total));
            let response = ui.allocate_rect(content, Sense::click_and_drag());

            // Paint the visible paragraphs.
            let top = viewport.min.y - MARGIN;
            let bottom = viewport.max.y - MARGIN;
            let mut i = self.para_at_y(top);
            self.clip = Some(ui.clip_rect());
            self.visible = i..i;
            while i < self.paras.len() {
                self.update_tops();
                if self.tops[i] > bottom {
                    break;
                }
                let g = self.galley(ui, d, i);
                self.update_tops();
                let para_origin = self.origin + vec2(0.0, self.tops[i]);
                let p = self.paras[i];
                paint_highlights(ui, d, &g, para_origin, p, &colors, selected, strong);
                for o in decorations {
                    o.paint(ui, &g, para_origin, (p.start, p.end), &colors);
                }
                if let Some(r) = selection.and_then(|s| {
                    s.intersection(&CharRange {
                        start: p.start,
                        end: p.end + 1,
                    })
                }) {
                    for rect in range_rects(&g, r.start - p.start, r.end - p.start) {
                        ui.painter()
                            .rect_filled(rect.translate(para_origin.to_vec2()), 2.0, sel_fill);
                    }
                }
                super::article_access::expose(ui, d, i, p, &g, para_origin);
                ui.painter().galley(para_origin, g, text_color);
                i += 1;
                self.visible.end = i;
            }

            self.handle_pointer(ui, d, &response, &mut out, ws);
            self.caret_pass(ui, d, ws, viewport, &mut out);
            out.hovered_at = response.hover_pos().map(|p| self.char_at(ui, d, p));
            if picking {
                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            }
            self.hover_tooltip(ui, d, &response, &ws.project.tagset, decorations);
        });
        out
    }

    fn handle_pointer(
        &mut self,
        ui: &Ui,
        d: &Document,
        response: &egui::Response,
        out: &mut ViewOutput,
        ws: &Workspace,
    ) {
        let exact = ui.input(|i| i.modifiers.alt);
        if response.drag_started()
            && let Some(pos) = ui.input(|i| i.pointer.press_origin())
        {
            self.drag_anchor = Some(self.char_at(ui, d, pos));
        }
        if response.dragged()
            && let (Some(anchor), Some(pos)) = (self.drag_anchor, response.interact_pointer_pos())
        {
            let head = self.char_at(ui, d, pos);
            let raw = CharRange::new(anchor, head);
            // Alt: exact characters, but never part of one (an emoji, a flag).
            let r = match (raw.is_empty(), exact) {
                (true, _) => raw,
                (false, true) => snap_to_clusters(d.text(), d.text_index(), raw),
                (false, false) => snap_to_words(d.text(), d.text_index(), raw),
            };
            let sel = if head >= anchor {
                Selection {
                    anchor: r.start,
                    head: r.end,
                }
            } else {
                Selection {
                    anchor: r.end,
                    head: r.start,
                }
            };
            if ws.selection != Some(sel) {
                out.selection = Some((!r.is_empty()).then_some(sel));
            }
        }
        if response.drag_stopped() {
            self.drag_anchor = None;
        }
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            let c = self.char_at(ui, d, pos);
            out.clicked_at = Some(c);
            out.clicked = Some(d.innermost_at(c).map(|a| a.id.clone()));
            out.selection = Some(None);
        }
    }

    fn hover_tooltip(
        &mut self,
        ui: &Ui,
        d: &Document,
        response: &egui::Response,
        tags: &TagSet,
        decorations: &[&dyn Decoration],
    ) {
        let Some(pos) = response.hover_pos() else { return };
        if response.dragged() {
            return;
        }
        let c = self.char_at(ui, d, pos);
        let mut hits: Vec<String> = d
            .index()
            .fragments_in(CharRange { start: c, end: c + 1 })
            .filter_map(|(_, id)| d.annotation(id))
            .map(|a| describe(d, a, tags))
            .collect();
        let tagged = hits.len();
        for o in decorations {
            let more = o.tooltip(c);
            if more.is_empty() {
                continue;
            }
            // Say what the lines above are, once, before another layer's lines.
            if let Some(heading) = o.hits_heading()
                && tagged > 0
                && hits.len() == tagged
            {
                hits.insert(0, heading.to_string());
            }
            hits.extend(more);
        }
        if !hits.is_empty() {
            response.clone().on_hover_ui_at_pointer(|ui| {
                for h in hits {
                    ui.label(h);
                }
            });
        }
    }
}
