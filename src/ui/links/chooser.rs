//! The keyboard-linking chooser: the nearest candidates, numbered 1-9; a
//! digit or Enter (the first) links, Escape cancels. A click on a
//! candidate (or on an annotation in the text) links too.

use egui::{Key, Modifiers, Pos2, RichText, Ui};

use super::nearest::{Candidate, MAX_CANDIDATES, Purpose};

/// An open chooser: what it links and the candidates, nearest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chooser {
    pub selected: String,
    pub purpose: Purpose,
    pub candidates: Vec<Candidate>,
}

/// What the user did in the chooser this frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Link with candidate N (0-based).
    Take(usize),
    Cancel,
}

const DIGITS: [Key; MAX_CANDIDATES] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

impl Chooser {
    /// Consumes the chooser's keys (digits, Enter, Escape) before the
    /// command table sees them.
    pub fn keys(&self, ctx: &egui::Context) -> Option<Choice> {
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                return Some(Choice::Cancel);
            }
            if i.consume_key(Modifiers::NONE, Key::Enter) && !self.candidates.is_empty() {
                return Some(Choice::Take(0));
            }
            for (n, k) in DIGITS.iter().enumerate().take(self.candidates.len()) {
                if i.consume_key(Modifiers::NONE, *k) {
                    return Some(Choice::Take(n));
                }
            }
            None
        })
    }

    /// The chooser as a small box at `at` (under the selected annotation).
    pub fn ui(&self, ctx: &egui::Context, at: Pos2) -> Option<Choice> {
        let mut choice = None;
        egui::Area::new(egui::Id::unique("link_chooser"))
            .order(egui::Order::Foreground)
            .fixed_pos(at)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    choice = self.rows(ui);
                });
            });
        choice
    }

    fn rows(&self, ui: &mut Ui) -> Option<Choice> {
        let mut choice = None;
        let title = match self.purpose {
            Purpose::Speaker => "Link to speaker",
            Purpose::Cue => "Link cue and quote",
        };
        ui.label(RichText::new(title).strong());
        if self.candidates.is_empty() {
            ui.label(RichText::new("Nothing near to link to.").weak());
        }
        for (n, c) in self.candidates.iter().enumerate() {
            let way = if c.before { "before" } else { "after" };
            let mark = if c.linked { " (linked)" } else { "" };
            let text = format!(
                "{}  {}: {} ({}){}",
                n + 1,
                c.label,
                super::elide(&c.text, 40),
                way,
                mark
            );
            let tip = format!("{} ({}), {} chars away", c.text, c.kind, c.distance);
            if ui.selectable_label(n == 0, text).on_hover_text(tip).clicked() {
                choice = Some(Choice::Take(n));
            }
        }
        ui.label(RichText::new("1-9 or Enter links · Esc cancels · or click it in the text").weak());
        choice
    }
}
