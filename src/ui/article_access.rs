//! The article for screen readers: the view paints its own text, so
//! without this AccessKit (and a screen reader) sees none of it.
//!
//! Each visible paragraph becomes a node (role `Paragraph`) named by its
//! text, and each annotation in it a child node (role `Mark`) named by what
//! a reader needs: its label, for a quote its speaker, and its text there
//! ("Quote, said by Cressida Dick: The possible proposal…"). Nodes are made
//! for the paragraphs on screen only, so the cost per frame is bounded by
//! what is shown, and nothing at all is done when AccessKit is off (no
//! screen reader and no test asking).

use egui::accesskit::{Rect as AkRect, Role, TextDirection};
use egui::{Galley, Pos2, Rect, Sense, Ui, UiBuilder};

use super::article_geometry::{Para, range_rects};
use crate::model::{CharRange, Document, names};

/// How many chars of a span's text its name quotes before "…".
const EXCERPT_CHARS: usize = 60;

/// AccessKit is on this frame (a screen reader or a test asked for it).
pub fn enabled(ui: &Ui) -> bool {
    // Every `Ui` has a node when AccessKit is on; asking for it creates nothing new.
    ui.ctx().accesskit_node_builder(ui.unique_id(), |_| ()).is_some()
}

/// The name of an annotation's node: label, speaker (a quote's) or person
/// (a speaker's), and the text it covers in this paragraph.
pub fn span_name(d: &Document, id: &str, text: &str) -> String {
    let Some(a) = d.annotation(id) else {
        return excerpt(text);
    };
    let mut s = a.label.clone();
    if let Some(p) = d.person_of_quote(&a.id) {
        s.push_str(&format!(", said by {p}"));
    } else if a.label == names::QUOTE {
        s.push_str(", no speaker");
    }
    if a.label == names::SPEAKER {
        let person = crate::model::person_of_speaker(a);
        if person != text {
            s.push_str(&format!(", {person}"));
        }
    }
    s.push_str(": ");
    s.push_str(&excerpt(text));
    s
}

/// `text` cut to about [`EXCERPT_CHARS`] chars at a word's end, with "…".
fn excerpt(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > EXCERPT_CHARS / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c == ',')
    )
}

fn ak_rect(r: Rect) -> AkRect {
    AkRect {
        x0: r.min.x.into(),
        y0: r.min.y.into(),
        x1: r.max.x.into(),
        y1: r.max.y.into(),
    }
}

/// Adds paragraph `i` (laid out as `g` at `origin`) and its spans to the
/// accessibility tree when AccessKit is on. Call once per visible
/// paragraph per frame.
pub fn expose(ui: &mut Ui, d: &Document, i: usize, p: Para, g: &Galley, origin: Pos2) {
    if enabled(ui) {
        expose_paragraph(ui, d, i, p, g, origin);
    }
}

fn expose_paragraph(ui: &mut Ui, d: &Document, i: usize, p: Para, g: &Galley, origin: Pos2) {
    let text = &d.text()[p.byte_start..p.byte_end];
    if text.trim().is_empty() {
        return;
    }
    let rect = g.rect.translate(origin.to_vec2());
    let mut para = ui.new_child(
        UiBuilder::new()
            .id_salt(("article_paragraph", i))
            .max_rect(rect)
            .sense(Sense::hover())
            .accessibility_role(Role::Paragraph)
            .accessibility_label(text.to_string()),
    );
    let rtl = super::article_bidi::is_rtl_paragraph(g);
    ui.ctx().accesskit_node_builder(para.unique_id(), |n| {
        n.set_bounds(ak_rect(rect));
        n.set_text_direction(if rtl {
            TextDirection::RightToLeft
        } else {
            TextDirection::LeftToRight
        });
    });
    let range = CharRange {
        start: p.start,
        end: p.end.max(p.start + 1),
    };
    for (r, id) in d.index().fragments_in(range) {
        let (a, b) = (r.start.max(p.start), r.end.min(p.end));
        if a >= b {
            continue;
        }
        let bounds = range_rects(g, a - p.start, b - p.start)
            .into_iter()
            .fold(Rect::NOTHING, |u, r| u.union(r))
            .translate(origin.to_vec2());
        let covered = d.slice(CharRange { start: a, end: b });
        let span = para.new_child(
            UiBuilder::new()
                .id_salt(("article_span", id, a))
                .max_rect(if bounds.is_positive() { bounds } else { rect })
                .sense(Sense::hover())
                .accessibility_role(Role::Mark)
                .accessibility_label(span_name(d, id, covered)),
        );
        if bounds.is_positive() {
            ui.ctx()
                .accesskit_node_builder(span.unique_id(), |n| n.set_bounds(ak_rect(bounds)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_span_is_quoted_to_a_word_end() {
        let text = "The possible proposal here is half a step on from that, which is that if something";
        assert_eq!(
            excerpt(text),
            "The possible proposal here is half a step on from that…"
        );
        assert_eq!(excerpt("  she  "), "she");
    }
}
