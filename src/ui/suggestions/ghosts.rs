//! Suggestions drawn as ghosts over the article: a dashed underline in the
//! colour of the label each part would get (quote, speaker, cue), no fill,
//! so that they never look like annotations (which have a fill and a solid
//! underline). The current suggestion is also outlined, dashed. Hovering a
//! ghost says what it proposes, the rule and the confidence.
//!
//! The article view calls it through [`Decoration`].

use std::collections::HashMap;

use egui::{Color32, Galley, Pos2, Rect, Shape, Stroke, Ui, pos2};

use super::bridge::label_of;
use super::state::parts;
use crate::model::{CharRange, Document, names};
use crate::suggest::{Suggestion, Target};
use crate::ui::article_geometry::{Decoration, range_rects};
use crate::ui::commands::{Command, shortcut_text};

const DASH: f32 = 4.0;
const GAP: f32 = 3.0;

/// The current document's pending suggestions, as the view draws them.
pub struct Ghosts<'a> {
    pub doc: &'a Document,
    pub list: &'a [Suggestion],
    /// Index in `list` of the current suggestion.
    pub current: Option<usize>,
    /// No suggestion covers more chars than this (its quote, speaker and
    /// cue together): the paragraphs look only at those that can reach them.
    pub reach: usize,
}

impl Ghosts<'_> {
    /// The indexes of the suggestions that may touch chars `[a, b)`: `list`
    /// is sorted by quote start, and a suggestion's quote starts less than
    /// `reach` chars before the end of anything it covers.
    fn near(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let from = self.list.partition_point(|s| s.hull().start + self.reach < a);
        let to = self.list.partition_point(|s| s.hull().start < b + self.reach);
        from..to.max(from)
    }
}

impl Decoration for Ghosts<'_> {
    fn paint(
        &self,
        ui: &Ui,
        g: &Galley,
        origin: Pos2,
        (start, end): (usize, usize),
        colors: &HashMap<String, Color32>,
    ) {
        let para = CharRange {
            start,
            end: end.max(start + 1),
        };
        let painter = ui.painter();
        let color = |label: &str| colors.get(label).copied().unwrap_or(Color32::GRAY);
        for i in self.near(para.start, para.end) {
            let s = &self.list[i];
            let current = self.current == Some(i);
            let roles = s
                .fragments
                .iter()
                .map(|r| (*r, label_of(s.target)))
                .chain(s.speaker.map(|r| (r, names::SPEAKER)))
                .chain(s.cue.map(|r| (r, names::CUE)));
            for (r, label) in roles {
                let Some(r) = r.intersection(&para) else { continue };
                let c = color(label);
                let width = if current { 2.5 } else { 1.8 };
                for rect in range_rects(g, r.start - start, r.end.min(end).max(r.start) - start) {
                    let rect = rect.translate(origin.to_vec2());
                    let y = rect.bottom() - 1.0;
                    painter.extend(Shape::dashed_line(
                        &[pos2(rect.left(), y), pos2(rect.right(), y)],
                        Stroke::new(width, c),
                        DASH,
                        GAP,
                    ));
                    if current {
                        painter.extend(dashed_rect(rect.expand(1.5), Stroke::new(1.5, c)));
                    }
                }
            }
        }
    }

    fn tooltip(&self, c: usize) -> Vec<String> {
        let here: Vec<&Suggestion> = self.list[self.near(c, c + 1)]
            .iter()
            .filter(|s| parts(s).any(|r| r.contains(c)))
            .collect();
        let mut lines: Vec<String> = here.iter().flat_map(|s| describe(self.doc, s)).collect();
        if !here.is_empty() {
            lines.push(keys());
        }
        lines
    }
}

/// What a suggestion proposes, in a few lines.
pub fn describe(d: &Document, s: &Suggestion) -> Vec<String> {
    let what = match s.target {
        Target::Quote(k) => format!("Suggested quote ({})", k.as_str()),
        Target::Claim => "Suggested claim".to_string(),
        Target::Cue => "Suggested cue (its quote not found)".to_string(),
    };
    let mut lines = vec![
        format!("{what} · confidence {:.2}", s.confidence),
        format!("Rule: {}", s.rule),
    ];
    if let Some(r) = s.speaker {
        let person = s.person.as_deref().map(|p| format!(" ({p})")).unwrap_or_default();
        lines.push(format!("Speaker: {}{person}", d.slice(r)));
    }
    if let Some(r) = s.cue {
        lines.push(format!("Cue: {}", d.slice(r)));
    }
    lines
}

/// The keys that decide on a suggestion, from the command table.
fn keys() -> String {
    let key = |c: Command| c.info().shortcut.map(|k| shortcut_text(&k)).unwrap_or_default();
    format!(
        "{} accepts · {} rejects · {} next",
        key(Command::AcceptSuggestion),
        key(Command::RejectSuggestion),
        key(Command::NextSuggestion)
    )
}

fn dashed_rect(r: Rect, stroke: Stroke) -> Vec<Shape> {
    let path = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    Shape::dashed_line(&path, stroke, DASH, GAP)
}
