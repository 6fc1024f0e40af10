//! The current suggestion in the right panel: what it proposes, the rule
//! and confidence, and buttons for what its keys do (for the mouse, and to
//! show the keys).

use egui::{RichText, Ui};

use super::Suggestions;
use super::ghosts::describe;
use crate::model::Document;
use crate::ui::actions::Actions;
use crate::ui::commands::{Command, shortcut_text};

/// Draws the current suggestion of `d`, if there is one; returns whether it drew.
pub fn ui(ui: &mut Ui, d: &Document, suggestions: &Suggestions, actions: &mut Actions) -> bool {
    let (Some(i), Some(s)) = (suggestions.current_index(), suggestions.current()) else {
        return false;
    };
    ui.heading(format!("Suggestion {} of {}", i + 1, suggestions.shown().len()));
    for line in describe(d, s) {
        ui.label(line);
    }
    let text: String = s
        .fragments
        .iter()
        .map(|r| d.slice(*r))
        .collect::<Vec<_>>()
        .join(" … ");
    ui.label(RichText::new(text).italics().weak());
    ui.horizontal_wrapped(|ui| {
        for c in [
            Command::AcceptSuggestion,
            Command::RejectSuggestion,
            Command::PreviousSuggestion,
            Command::NextSuggestion,
        ] {
            let info = c.info();
            let name = info.label.trim_end_matches(" suggestion");
            let key = info.shortcut.map(|k| shortcut_text(&k)).unwrap_or_default();
            if ui
                .button(format!("{name} ({key})"))
                .on_hover_text(info.tooltip)
                .clicked()
            {
                actions.command(c);
            }
        }
    });
    let key = |c: Command| c.info().shortcut.map(|k| shortcut_text(&k)).unwrap_or_default();
    let hint = format!(
        "{} / {} move its start, {} / {} its end; {} makes the selected text its quote.",
        key(Command::SuggestionStartLeft),
        key(Command::SuggestionStartRight),
        key(Command::SuggestionEndLeft),
        key(Command::SuggestionEndRight),
        key(Command::SuggestionFromSelection),
    );
    ui.label(RichText::new(hint).small().weak());
    true
}
