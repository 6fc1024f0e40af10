//! Right-to-left paragraphs of the article, the egui half: a galley whose
//! lines are drawn in visual order while its glyphs stay in logical order.
//!
//! [`reorder`] takes a paragraph's galley as egui laid it out and, when
//! the paragraph holds a right-to-left char, lays it out again: wrapped
//! here, each line in visual order (see `layout_visual` for why egui cannot
//! do it), with the glyphs kept in logical order at their visual positions.
//! So the galley draws the text right, and `row.glyphs[i]` is still logical
//! char `i` of the row: everything that counts chars in a galley keeps working. Only what
//! turns chars into x positions must know a row is reordered, because a
//! logical range can then cover several pieces of a row: [`range_rects`]
//! (through `article_geometry::range_rects`), [`char_at`] and
//! [`char_rect`].
//!
//! Why a side table: decorations (review marks, suggestion ghosts, the find
//! bar's matches, link ends) receive a `&Galley` only. The table maps a
//! reordered galley (by address, kept alive by a `Weak`, so an address is
//! never reused while listed) to its order. A paragraph without a
//! right-to-left char is never listed and takes the old path; with no
//! reordered galley the lookup is a check of an empty table.
//!
//! The work is once per layout (the view caches galleys), not per frame.
//! egui does not shape text: Arabic letters keep their isolated forms.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Weak};

use egui::epaint::text::Glyph;
use egui::text::{CCursor, LayoutJob};
use egui::{Galley, Mesh, Rect, Ui, Vec2, pos2};

use super::bidi_order::{Piece, break_lines, has_rtl, piece_text, pieces, visual_order};

/// What a reordered galley's rows need to map x <-> logical char.
#[derive(Debug)]
pub struct RowOrders {
    /// Per row: for each visual position, the char index within the row.
    rows: Vec<Vec<usize>>,
    /// Per row: for each char (logical, within the row), it runs right to left.
    rtl: Vec<Vec<bool>>,
    /// The paragraph runs right to left (its rows align right).
    pub rtl_paragraph: bool,
}

type Table = HashMap<usize, (Weak<Galley>, Arc<RowOrders>)>;

thread_local! {
    static REORDERED: RefCell<Table> = RefCell::new(HashMap::new());
}

fn register(g: &Arc<Galley>, orders: RowOrders) {
    REORDERED.with(|t| {
        let mut t = t.borrow_mut();
        // Forget galleys nobody holds any more, now and then.
        if t.len() >= 64 && t.len().is_power_of_two() {
            t.retain(|_, (w, _)| w.strong_count() > 0);
        }
        t.insert(Arc::as_ptr(g) as usize, (Arc::downgrade(g), Arc::new(orders)));
    });
}

/// The row orders of `g` if it was reordered by [`reorder`].
pub fn orders_of(g: &Galley) -> Option<Arc<RowOrders>> {
    REORDERED.with(|t| {
        let t = t.borrow();
        if t.is_empty() {
            return None;
        }
        let (w, o) = t.get(&(g as *const Galley as usize))?;
        (w.strong_count() > 0).then(|| o.clone())
    })
}

/// `g` laid out in visual order if its text needs it, else `g` itself.
/// `g` must be one paragraph (no `\n`) laid out by the article view.
pub fn reorder(ui: &Ui, g: Arc<Galley>) -> Arc<Galley> {
    if !has_rtl(g.text()) {
        return g;
    }
    match layout_visual(ui, &g) {
        Some((out, orders)) => {
            let out = Arc::new(out);
            register(&out, orders);
            out
        }
        None => g,
    }
}

/// One piece laid out: its width and one glyph per char (logical order,
/// x from the piece's left edge).
struct PieceLayout {
    width: f32,
    glyphs: Vec<Glyph>,
    mesh: Mesh,
}

/// Why the work is not left to egui: egui 0.37 shapes each run of one font
/// with harfrust, which turns a Hebrew or Arabic run right to left but keeps
/// the runs (the words) in logical order, and then counts one glyph too
/// many per extra char of such a run, so its char <-> glyph map is off. So
/// the paragraph is wrapped here (measuring words), each line cut into
/// [`pieces`] in visual order, each piece laid out on its own (a Hebrew or
/// Arabic word whole, so it is shaped, joined and turned by the shaper), and
/// the pieces' meshes placed side by side in one row per line.
fn layout_visual(ui: &Ui, g: &Galley) -> Option<(Galley, RowOrders)> {
    let format = g.job.sections.first()?.format.clone();
    let template = g.rows.first()?;
    let text = g.text();
    let chars: Vec<char> = text.chars().collect();
    let layout = |s: &str| {
        let mut job = LayoutJob::single_section(s.to_owned(), format.clone());
        job.wrap.max_width = f32::INFINITY;
        ui.painter().layout_job(job)
    };
    let width_of = |s: &str| layout(s).rows.first().map_or(0.0, |r| r.size.x);
    let max_width = g.job.wrap.max_width;
    let lens = break_lines(text, max_width, width_of);
    let order = visual_order(text, &lens);
    let row_height = template.size.y;
    let mut rows = Vec::with_capacity(lens.len());
    let mut row_orders = Vec::with_capacity(lens.len());
    let mut rtl = Vec::with_capacity(lens.len());
    let (mut mesh_bounds, mut vertices, mut indices) = (Rect::NOTHING, 0, 0);
    let mut widest = 0.0f32;
    let (mut start, mut v) = (0, 0);
    for (k, line) in pieces(text, &order).into_iter().enumerate() {
        let n = order.line_lens[k];
        let mut glyphs: Vec<Option<Glyph>> = vec![None; n];
        let mut mesh = Mesh::default();
        let mut x = 0.0;
        for p in line {
            let laid = layout_piece(&layout(&piece_text(&chars, p)), &chars, p, &order.clusters[k]);
            for (i, mut gl) in laid.glyphs.into_iter().enumerate() {
                gl.pos.x += x;
                if let Some(slot) = glyphs.get_mut(p.start + i - start) {
                    *slot = Some(gl);
                }
            }
            let mut m = laid.mesh;
            m.translate(Vec2::new(x, 0.0));
            if mesh.is_empty() || mesh.texture_id == m.texture_id {
                mesh.append(m);
            }
            x += laid.width;
        }
        let fallback = template.glyphs.first().cloned()?;
        let glyphs: Vec<Glyph> = glyphs
            .into_iter()
            .map(|gl| gl.unwrap_or_else(|| zero_glyph(&fallback, x, ' ')))
            .collect();
        let mut row = (*template.row).clone();
        row.size = Vec2::new(x, row_height);
        row.visuals.mesh_bounds = mesh.calc_bounds();
        row.visuals.glyph_index_start = 0;
        row.visuals.glyph_vertex_range = 0..mesh.vertices.len();
        (vertices, indices) = (vertices + mesh.vertices.len(), indices + mesh.indices.len());
        row.visuals.mesh = mesh;
        row.glyphs = glyphs;
        let left = if order.rtl && max_width.is_finite() {
            (max_width - x).max(0.0)
        } else {
            0.0
        };
        let pos = pos2(template.pos.x + left, template.pos.y + k as f32 * row_height);
        mesh_bounds = mesh_bounds.union(row.visuals.mesh_bounds.translate(pos.to_vec2()));
        widest = widest.max(left + x);
        rows.push(egui::epaint::text::PlacedRow {
            pos,
            row: Arc::new(row),
            ends_with_newline: false,
        });
        row_orders.push(
            order.visual_to_logical[v..v + n]
                .iter()
                .map(|l| l - start)
                .collect(),
        );
        rtl.push(order.rtl_chars[start..start + n].to_vec());
        start += n;
        v += n;
    }
    let mut out = g.clone();
    out.rows = rows;
    let width = if order.rtl && max_width.is_finite() {
        max_width.max(widest)
    } else {
        widest
    };
    out.rect = Rect::from_min_size(g.rect.min, Vec2::new(width, row_height * out.rows.len() as f32));
    out.mesh_bounds = mesh_bounds;
    out.num_vertices = vertices;
    out.num_indices = indices;
    let orders = RowOrders {
        rows: row_orders,
        rtl,
        rtl_paragraph: order.rtl,
    };
    Some((out, orders))
}

/// A glyph with no width at `x`, for a char the shaper drew as part of
/// another (a ligature) or not at all.
fn zero_glyph(like: &Glyph, x: f32, chr: char) -> Glyph {
    let mut g = like.clone();
    g.chr = chr;
    g.pos.x = x;
    g.advance_width = 0.0;
    g.uv_rect = Default::default();
    g
}

/// A piece's laid-out galley as one glyph per char. Where egui's glyphs
/// are one per char in order (a left-to-right piece, a lone char), they are
/// used as they are; a shaped right-to-left word shares its width out over
/// its grapheme clusters, right to left (its letters join: a selection of
/// part of one is drawn by share).
fn layout_piece(g: &Galley, chars: &[char], p: Piece, line_clusters: &[(usize, usize)]) -> PieceLayout {
    let Some(row) = g.rows.first() else {
        return PieceLayout {
            width: 0.0,
            glyphs: Vec::new(),
            mesh: Mesh::default(),
        };
    };
    let n = p.end - p.start;
    let chars = &chars[p.start..p.end];
    let width = row.size.x;
    let mut glyphs: Vec<Glyph> = Vec::with_capacity(n);
    if row.glyphs.len() == n && (!p.rtl || n == 1) {
        for (gl, &c) in row.glyphs.iter().zip(chars) {
            let mut gl = gl.clone();
            gl.chr = c;
            glyphs.push(gl);
        }
    } else if let Some(like) = row.glyphs.first() {
        // Clusters of the word, in logical order.
        let clusters: Vec<(usize, usize)> = line_clusters
            .iter()
            .filter(|(f, _)| (p.start..p.end).contains(f))
            .map(|&(f, len)| (f - p.start, len))
            .collect();
        let mut sorted = clusters;
        sorted.sort_unstable();
        let share = width / sorted.len().max(1) as f32;
        for (k, &(first, len)) in sorted.iter().enumerate() {
            // Logical cluster k sits k shares from the right (from the
            // left in a left-to-right piece).
            let x0 = if p.rtl {
                width - share * (k + 1) as f32
            } else {
                share * k as f32
            };
            for i in 0..len {
                let mut gl = zero_glyph(like, x0, chars[first + i]);
                if i == 0 {
                    gl.advance_width = share;
                }
                glyphs.push(gl);
            }
        }
    }
    // Row meshes and glyph positions are relative to their row.
    PieceLayout {
        width,
        glyphs,
        mesh: row.visuals.mesh.clone(),
    }
}

/// Horizontal pieces `(x0, x1)` (row-relative) of the chars `[s, e)` of
/// row `k` of a reordered galley, left to right.
pub fn row_pieces(g: &Galley, orders: &RowOrders, k: usize, s: usize, e: usize) -> Vec<(f32, f32)> {
    let (Some(row), Some(v2l)) = (g.rows.get(k), orders.rows.get(k)) else {
        return Vec::new();
    };
    let mut out: Vec<(f32, f32)> = Vec::new();
    let mut open = false;
    for &l in v2l {
        let inside = (s..e).contains(&l);
        if inside {
            let glyph = &row.glyphs[l];
            let (x0, x1) = (glyph.pos.x, glyph.pos.x + glyph.advance_width);
            match out.last_mut() {
                Some(last) if open => last.1 = last.1.max(x1),
                _ => out.push((x0, x1)),
            }
        }
        open = inside;
    }
    out
}

/// Rectangles (relative to the galley) covering logical chars `[a, b)` of a
/// reordered paragraph galley: one per visual piece of each row.
pub fn range_rects(g: &Galley, orders: &RowOrders, a: usize, b: usize) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut rs = 0;
    for (k, row) in g.rows.iter().enumerate() {
        let n = row.glyphs.len() + usize::from(row.ends_with_newline);
        let re = rs + n;
        let (s, e) = (a.max(rs), b.min(re));
        if s < e {
            for (x0, x1) in row_pieces(g, orders, k, s - rs, e - rs) {
                out.push(Rect::from_min_max(
                    pos2(row.pos.x + x0, row.min_y()),
                    pos2(row.pos.x + x1.max(x0 + 2.0), row.max_y()),
                ));
            }
        }
        if re >= b {
            break;
        }
        rs = re;
    }
    out
}

/// The logical char (from the paragraph's start) nearest to `pos`
/// (galley-relative) in a reordered galley: the char whose glyph is under
/// the pointer, or the one after it when the pointer is on the glyph's
/// trailing half (its left half if it runs right to left). `None` when `g`
/// was not reordered (use egui's own `cursor_from_pos`).
pub fn char_at(g: &Galley, pos: Vec2) -> Option<usize> {
    let orders = orders_of(g)?;
    let k = g
        .rows
        .iter()
        .position(|r| pos.y < r.max_y())
        .unwrap_or(g.rows.len().saturating_sub(1));
    let row = g.rows.get(k)?;
    let start: usize = g.rows[..k]
        .iter()
        .map(|r| r.glyphs.len() + usize::from(r.ends_with_newline))
        .sum();
    let (v2l, rtl) = (orders.rows.get(k)?, orders.rtl.get(k)?);
    let x = pos.x - row.pos.x;
    // The visible glyph under x, or the nearest end of the row.
    let visible = |l: &usize| row.glyphs[*l].advance_width > 0.0;
    let hit = v2l
        .iter()
        .filter(|l| visible(l))
        .find(|&&l| x < row.glyphs[l].pos.x + row.glyphs[l].advance_width)
        .or_else(|| v2l.iter().rev().find(|l| visible(l)))
        .copied();
    let Some(l) = hit else {
        return Some(start);
    };
    let glyph = &row.glyphs[l];
    let right_half = x >= glyph.pos.x + glyph.advance_width / 2.0;
    // After the char: right half of a left-to-right glyph, left half of a
    // right-to-left one (and past either end of the row accordingly).
    let after = right_half != rtl[l];
    let mut c = l + usize::from(after);
    // Not between a letter and its marks: skip marks drawn with no width.
    while after && c < row.glyphs.len() && !visible(&c) {
        c += 1;
    }
    Some(start + c)
}

/// Where char `c` of a paragraph galley is (galley-relative): its glyph's
/// box, or a thin box at the row's end for a char past the glyphs. Works for
/// reordered and plain galleys alike.
pub fn char_rect(g: &Galley, c: usize) -> Rect {
    if orders_of(g).is_none() {
        let a = g.pos_from_cursor(CCursor::new(c));
        let b = g.pos_from_cursor(CCursor::new(c + 1));
        return if (b.min.y - a.min.y).abs() < 1.0 {
            Rect::from_min_max(a.min, pos2(b.min.x.max(a.min.x), a.max.y))
        } else {
            a
        };
    }
    let mut rs = 0;
    for row in &g.rows {
        if c < rs + row.glyphs.len() {
            let glyph = &row.glyphs[c - rs];
            return Rect::from_min_max(
                pos2(row.pos.x + glyph.pos.x, row.min_y()),
                pos2(row.pos.x + glyph.pos.x + glyph.advance_width, row.max_y()),
            );
        }
        rs += row.glyphs.len() + usize::from(row.ends_with_newline);
    }
    // Past the last char: the paragraph's logical end (left if it runs
    // right to left).
    let Some(row) = g.rows.last() else {
        return Rect::NOTHING;
    };
    let x = if is_rtl_paragraph(g) {
        row.pos.x
    } else {
        row.pos.x + row.size.x
    };
    Rect::from_min_max(pos2(x, row.min_y()), pos2(x, row.max_y()))
}

/// The paragraph of `g` runs right to left.
pub fn is_rtl_paragraph(g: &Galley) -> bool {
    orders_of(g).is_some_and(|o| o.rtl_paragraph)
}
