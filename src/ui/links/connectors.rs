//! What an annotation in focus (hovered, else selected) is linked to, drawn
//! over the article after it: the linked spans outlined, brat-like arcs
//! labelled with the relation between the ends on screen, and an edge
//! marker ("said by Cressida Dick, 12 lines up") for each end off screen,
//! which scrolls to it when clicked. Only the focus's links are looked at
//! (at most [`super::MAX_RELATED`]), never all spans.

use std::collections::HashMap;

use egui::epaint::CubicBezierShape;
use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, Ui, pos2, vec2};

use super::{LinkMap, Linked, Tie, edge_text, elide, kind_words};
use crate::model::{Document, names, person_of_speaker};
use crate::ui::article_geometry::ViewLayout;

/// Edge markers shown on each edge (the nearest ends); more are counted.
const MARKERS_PER_EDGE: usize = 3;

/// An end off screen, for its edge marker.
struct Away {
    id: String,
    text: String,
    rows: i64,
}

/// Paints the focus's links; returns the annotation whose edge marker was clicked.
pub fn show(
    ui: &mut Ui,
    layout: &ViewLayout<'_>,
    d: &Document,
    map: &LinkMap,
    focus: &str,
    colors: &HashMap<String, Color32>,
) -> Option<String> {
    let a = d.annotation(focus)?;
    let related = map.related(focus);
    if related.is_empty() {
        return None;
    }
    let clip = layout.clip;
    let painter = ui.painter().with_clip_rect(clip);
    let hull = a.hull();
    let focus_rect = layout.rects(hull.start, hull.end).first().copied();
    let focus_y = focus_rect.map_or_else(|| layout.y_of_char(hull.start), |r| r.center().y);
    let ink = ui.visuals().strong_text_color();
    let bg = ui.visuals().extreme_bg_color;
    let (mut up, mut down): (Vec<Away>, Vec<Away>) = (Vec::new(), Vec::new());
    let mut arcs = 0;
    for Linked { id, tie } in &related {
        let Some(other) = d.annotation(id) else { continue };
        let h = other.hull();
        let color = colors.get(&other.label).copied().unwrap_or(Color32::GRAY);
        let rects = layout.rects(h.start, h.end);
        let visible: Vec<Rect> = rects.iter().copied().filter(|r| r.intersects(clip)).collect();
        if let Some(first) = visible.first() {
            for r in &visible {
                painter.rect_filled(*r, 2.0, color.gamma_multiply(0.18));
                painter.rect_stroke(*r, 2.0, Stroke::new(1.5, color), egui::StrokeKind::Outside);
            }
            if let Some(f) = focus_rect.filter(|r| r.intersects(clip)) {
                // Direct links are labelled and staggered; the person's
                // other quotes get a thin dashed line only.
                let (from, to, kind) = match tie {
                    Tie::Out(k) => (f, *first, Some(kind_words(k))),
                    Tie::In(k) => (*first, f, Some(kind_words(k))),
                    Tie::SamePerson => (f, *first, None),
                };
                let lift = if kind.is_some() { arcs as f32 * 16.0 } else { 0.0 };
                arcs += usize::from(kind.is_some());
                arc(&painter, from, to, kind.as_deref(), color, ink, bg, lift);
            }
        } else {
            let y = layout.y_of_char(h.start);
            let rows = ((y - focus_y) / layout.row_height.max(1.0)).round() as i64;
            let name = match tie {
                Tie::Out(_) if other.label == names::SPEAKER || other.attribute(names::PERSON).is_some() => {
                    person_of_speaker(other)
                }
                _ => format!("“{}”", elide(&other.covered_text(), 30)),
            };
            let away = Away {
                id: id.clone(),
                text: edge_text(tie, &name, rows),
                rows,
            };
            if y < clip.top() { &mut up } else { &mut down }.push(away);
        }
    }
    let mut clicked = None;
    for (list, top) in [(&mut up, true), (&mut down, false)] {
        list.sort_by_key(|a| a.rows.abs());
        let more = list.len().saturating_sub(MARKERS_PER_EDGE);
        for (k, away) in list.iter().take(MARKERS_PER_EDGE).enumerate() {
            let step = 22.0 * k as f32;
            let text = if k + 1 == MARKERS_PER_EDGE && more > 0 {
                format!("{} (+{more} more)", away.text)
            } else {
                away.text.clone()
            };
            let font = egui::TextStyle::Small.resolve(ui.style());
            let w =
                (painter.layout_no_wrap(text.clone(), font, ink).size().x + 20.0).min(clip.width() - 16.0);
            let y = if top {
                clip.top() + 4.0 + step
            } else {
                clip.bottom() - 24.0 - step
            };
            let rect = Rect::from_min_size(pos2(clip.right() - w - 16.0, y), vec2(w, 20.0));
            let b = egui::Button::new(egui::RichText::new(text).small())
                .fill(bg)
                .wrap_mode(egui::TextWrapMode::Truncate);
            if ui.put(rect, b).on_hover_text("Scroll to it").clicked() {
                clicked = Some(away.id.clone());
            }
        }
    }
    clicked
}

/// A brat-like arc from the top of `from` to the top of `to`, rising over
/// the text, its label at the apex and an arrow head at `to`.
#[allow(clippy::too_many_arguments)]
fn arc(
    painter: &egui::Painter,
    from: Rect,
    to: Rect,
    label: Option<&str>,
    color: Color32,
    ink: Color32,
    bg: Color32,
    lift: f32,
) {
    // Anchored near each span's start: a long quote's middle may be far off.
    let anchor = |r: Rect| pos2(r.left() + (r.width() / 2.0).min(24.0), r.top() + 2.0);
    let (p0, p3) = (anchor(from), anchor(to));
    let rise = (14.0 + 0.12 * (p3.x - p0.x).abs()).min(48.0) + lift;
    let top = (p0.y.min(p3.y) - rise).max(painter.clip_rect().top() + 10.0);
    let (p1, p2) = (pos2(p0.x, top), pos2(p3.x, top));
    let dashed = label.is_none();
    let stroke = if dashed {
        Stroke::new(1.0, color.gamma_multiply(0.7))
    } else {
        Stroke::new(1.5, color)
    };
    if dashed {
        let pts: Vec<Pos2> = (0..=24)
            .map(|i| bezier([p0, p1, p2, p3], i as f32 / 24.0))
            .collect();
        for pair in pts.chunks(2) {
            if let [a, b] = pair {
                painter.line_segment([*a, *b], stroke);
            }
        }
    } else {
        painter.add(CubicBezierShape::from_points_stroke(
            [p0, p1, p2, p3],
            false,
            Color32::TRANSPARENT,
            stroke,
        ));
    }
    // Arrow head pointing down into `to`.
    painter.add(egui::Shape::convex_polygon(
        vec![p3, pos2(p3.x - 4.0, p3.y - 7.0), pos2(p3.x + 4.0, p3.y - 7.0)],
        color,
        Stroke::NONE,
    ));
    let Some(label) = label else { return };
    let mid = bezier([p0, p1, p2, p3], 0.5);
    let galley = painter.layout_no_wrap(label.to_string(), FontId::proportional(10.0), ink);
    let rect = Align2::CENTER_CENTER
        .anchor_size(mid, galley.size())
        .expand2(vec2(3.0, 1.0));
    painter.rect_filled(rect, 3.0, bg);
    painter.rect_stroke(rect, 3.0, Stroke::new(1.0, color), egui::StrokeKind::Inside);
    painter.galley(rect.min + vec2(3.0, 1.0), galley, ink);
}

fn bezier(p: [Pos2; 4], t: f32) -> Pos2 {
    let u = 1.0 - t;
    let (a, b, c, e) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    pos2(
        a * p[0].x + b * p[1].x + c * p[2].x + e * p[3].x,
        a * p[0].y + b * p[1].y + c * p[2].y + e * p[3].y,
    )
}
