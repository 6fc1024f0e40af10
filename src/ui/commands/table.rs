//! The table itself: each command's label, tooltip, shortcut and menu, as
//! `match`es without a fallback, and when a command is enabled.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::caret_table::{FOCUS_INSPECTOR, caret_info};
use super::{Command, CommandInfo, CommandState, Menu, ReviewCommand};
use crate::ui::caret_moves::CaretMove;

const fn key(modifiers: Modifiers, key: Key) -> Option<KeyboardShortcut> {
    Some(KeyboardShortcut::new(modifiers, key))
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const NONE: Modifiers = Modifiers::NONE;
const ALT: Modifiers = Modifiers::ALT;
const SHIFT: Modifiers = Modifiers::SHIFT;
const CTRL_ALT: Modifiers = Modifiers {
    alt: true,
    ..Modifiers::COMMAND
};
const ALT_SHIFT: Modifiers = Modifiers {
    alt: true,
    shift: true,
    ..Modifiers::NONE
};

impl Command {
    /// Label, tooltip, shortcut and menu of this command.
    pub const fn info(self) -> CommandInfo {
        match self {
            Command::New => CommandInfo {
                menu: Menu::File,
                label: "New from text…",
                tooltip: "Start a project from a plain-text article",
                shortcut: key(CTRL, Key::N),
                global: true,
            },
            Command::Open => CommandInfo {
                menu: Menu::File,
                label: "Open…",
                tooltip: "Open a project (.qb.ron) or a plain-text article",
                shortcut: key(CTRL, Key::O),
                global: true,
            },
            Command::Save => CommandInfo {
                menu: Menu::File,
                label: "Save",
                tooltip: "Save the project (atomically; the previous version is kept as .bak)",
                shortcut: key(CTRL, Key::S),
                global: true,
            },
            Command::SaveAs => CommandInfo {
                menu: Menu::File,
                label: "Save As…",
                tooltip: "Save the project under a new name",
                shortcut: key(CTRL_SHIFT, Key::S),
                global: true,
            },
            Command::Import => CommandInfo {
                menu: Menu::File,
                label: "Import…",
                tooltip: "Import brat, doccano/Prodigy JSONL or text files as a new project",
                shortcut: key(CTRL, Key::I),
                global: true,
            },
            Command::Export => CommandInfo {
                menu: Menu::File,
                label: "Export…",
                tooltip: "Export to brat, doccano/Prodigy JSONL or a CSV table of quotes",
                shortcut: key(CTRL_SHIFT, Key::E),
                global: true,
            },
            Command::Quit => CommandInfo {
                menu: Menu::File,
                label: "Quit",
                tooltip: "Close Quotebench (asks before discarding unsaved changes)",
                shortcut: key(CTRL, Key::Q),
                global: true,
            },
            Command::Undo => CommandInfo {
                menu: Menu::Edit,
                label: "Undo",
                tooltip: "Undo the last change",
                shortcut: key(CTRL, Key::Z),
                global: false,
            },
            Command::Redo => CommandInfo {
                menu: Menu::Edit,
                label: "Redo",
                tooltip: "Redo the last undone change",
                shortcut: key(CTRL, Key::Y),
                global: false,
            },
            Command::Delete => CommandInfo {
                menu: Menu::Edit,
                label: "Delete annotation",
                tooltip: "Delete the selected annotation and its links",
                shortcut: key(NONE, Key::Delete),
                global: false,
            },
            Command::AddFragment => CommandInfo {
                menu: Menu::Edit,
                label: "Add selection as fragment",
                tooltip: "Add the selected text as another fragment of the selected annotation (a quote interrupted by \"she said\")",
                shortcut: key(CTRL, Key::E),
                global: false,
            },
            Command::NextAnnotation => CommandInfo {
                menu: Menu::Edit,
                label: "Next annotation",
                tooltip: "Select the next annotation in reading order",
                shortcut: key(NONE, Key::Tab),
                global: false,
            },
            Command::PreviousAnnotation => CommandInfo {
                menu: Menu::Edit,
                label: "Previous annotation",
                tooltip: "Select the previous annotation in reading order",
                shortcut: key(SHIFT, Key::Tab),
                global: false,
            },
            Command::ClearSelection => CommandInfo {
                menu: Menu::Edit,
                label: "Clear selection",
                tooltip: "Clear the text selection and the selected annotation",
                shortcut: key(NONE, Key::Escape),
                global: false,
            },
            Command::PickSpeaker => CommandInfo {
                menu: Menu::Edit,
                label: "Link to speaker…",
                tooltip: "List the speakers nearest the selected quote, numbered: press 1-9 or Enter to link (or click one in the text); Esc cancels",
                shortcut: key(CTRL, Key::L),
                global: false,
            },
            Command::Find => CommandInfo {
                menu: Menu::View,
                label: "Find annotations",
                tooltip: "Search the annotation list",
                shortcut: key(CTRL, Key::K),
                global: true,
            },
            Command::EditTagSet => CommandInfo {
                menu: Menu::View,
                label: "Tag set…",
                tooltip: "Add, rename and recolour labels and set their keys",
                shortcut: key(CTRL, Key::T),
                global: false,
            },
            Command::ShowProblems => CommandInfo {
                menu: Menu::View,
                label: "Problems…",
                tooltip: "What did not fit when the project was opened: re-anchored spans, spans kept aside",
                shortcut: key(CTRL_SHIFT, Key::P),
                global: true,
            },
            Command::ToggleTheme => CommandInfo {
                menu: Menu::View,
                label: "Dark / light theme",
                tooltip: "Switch between the dark and the light theme",
                shortcut: key(CTRL_SHIFT, Key::D),
                global: true,
            },
            Command::KeyboardReference => CommandInfo {
                menu: Menu::Help,
                label: "Keyboard reference",
                tooltip: "Every shortcut and label key",
                shortcut: key(NONE, Key::F1),
                global: true,
            },
            Command::About => CommandInfo {
                menu: Menu::Help,
                label: "About Quotebench",
                tooltip: "Version and project page",
                shortcut: None,
                global: true,
            },
            Command::Suggest => CommandInfo {
                menu: Menu::Suggest,
                label: "Suggest in this document",
                tooltip: "Propose quotes with their speakers and cues in the current document, drawn as dashed ghosts",
                shortcut: key(CTRL, Key::G),
                global: false,
            },
            Command::SuggestAll => CommandInfo {
                menu: Menu::Suggest,
                label: "Suggest in all documents",
                tooltip: "Propose quotes in every document, in the background, with a progress bar",
                shortcut: key(CTRL_ALT, Key::G),
                global: false,
            },
            Command::NextSuggestion => CommandInfo {
                menu: Menu::Suggest,
                label: "Next suggestion",
                tooltip: "Go to the next suggestion in the text and make it current",
                shortcut: key(ALT, Key::ArrowDown),
                global: false,
            },
            Command::PreviousSuggestion => CommandInfo {
                menu: Menu::Suggest,
                label: "Previous suggestion",
                tooltip: "Go to the previous suggestion in the text and make it current",
                shortcut: key(ALT, Key::ArrowUp),
                global: false,
            },
            Command::AcceptSuggestion => CommandInfo {
                menu: Menu::Suggest,
                label: "Accept suggestion",
                tooltip: "Tag the current suggestion: the quote with its speaker, cue, links and person, as one undo step",
                shortcut: key(NONE, Key::Enter),
                global: false,
            },
            Command::RejectSuggestion => CommandInfo {
                menu: Menu::Suggest,
                label: "Reject suggestion",
                tooltip: "Drop the current suggestion; the project remembers it, so it does not come back",
                shortcut: key(NONE, Key::Backspace),
                global: false,
            },
            Command::AcceptAbove => CommandInfo {
                menu: Menu::Suggest,
                label: "Accept suggestions above…",
                tooltip: "Accept every suggestion at or above a confidence, as one undo step",
                shortcut: key(CTRL, Key::Enter),
                global: false,
            },
            Command::SuggestionStartLeft => CommandInfo {
                menu: Menu::None,
                label: "Suggestion: start a word earlier",
                tooltip: "Move the start of the current suggestion's quote one word left",
                shortcut: key(ALT, Key::ArrowLeft),
                global: false,
            },
            Command::SuggestionStartRight => CommandInfo {
                menu: Menu::None,
                label: "Suggestion: start a word later",
                tooltip: "Move the start of the current suggestion's quote one word right",
                shortcut: key(ALT, Key::ArrowRight),
                global: false,
            },
            Command::SuggestionEndLeft => CommandInfo {
                menu: Menu::None,
                label: "Suggestion: end a word earlier",
                tooltip: "Move the end of the current suggestion's quote one word left",
                shortcut: key(ALT_SHIFT, Key::ArrowLeft),
                global: false,
            },
            Command::SuggestionEndRight => CommandInfo {
                menu: Menu::None,
                label: "Suggestion: end a word later",
                tooltip: "Move the end of the current suggestion's quote one word right",
                shortcut: key(ALT_SHIFT, Key::ArrowRight),
                global: false,
            },
            Command::SuggestionFromSelection => CommandInfo {
                menu: Menu::Suggest,
                label: "Set the suggested quote to the selection",
                tooltip: "The selected text becomes the current suggestion's quote (its speaker and cue stay); then accept it",
                shortcut: key(NONE, Key::F2),
                global: false,
            },
            Command::TrainSuggestions => CommandInfo {
                menu: Menu::Suggest,
                label: "Learn from this project's tags",
                tooltip: "Train the suggestion model on the quotes, speakers and cues tagged here (in the background); it is kept beside the project file and adds what the rules miss",
                shortcut: None,
                global: false,
            },
            Command::ClearSuggestions => CommandInfo {
                menu: Menu::Suggest,
                label: "Hide suggestions",
                tooltip: "Forget the suggestions shown (nothing is rejected; Suggest brings them back)",
                shortcut: None,
                global: false,
            },
            Command::Review(r) => r.info(),
            // issue 13: caret
            Command::CaretLeft => caret_info(CaretMove::Left, false),
            Command::CaretRight => caret_info(CaretMove::Right, false),
            Command::CaretWordLeft => caret_info(CaretMove::WordLeft, false),
            Command::CaretWordRight => caret_info(CaretMove::WordRight, false),
            Command::CaretUp => caret_info(CaretMove::Up, false),
            Command::CaretDown => caret_info(CaretMove::Down, false),
            Command::CaretLineStart => caret_info(CaretMove::LineStart, false),
            Command::CaretLineEnd => caret_info(CaretMove::LineEnd, false),
            Command::CaretPageUp => caret_info(CaretMove::PageUp, false),
            Command::CaretPageDown => caret_info(CaretMove::PageDown, false),
            Command::CaretDocStart => caret_info(CaretMove::DocStart, false),
            Command::CaretDocEnd => caret_info(CaretMove::DocEnd, false),
            Command::SelectLeft => caret_info(CaretMove::Left, true),
            Command::SelectRight => caret_info(CaretMove::Right, true),
            Command::SelectWordLeft => caret_info(CaretMove::WordLeft, true),
            Command::SelectWordRight => caret_info(CaretMove::WordRight, true),
            Command::SelectUp => caret_info(CaretMove::Up, true),
            Command::SelectDown => caret_info(CaretMove::Down, true),
            Command::SelectLineStart => caret_info(CaretMove::LineStart, true),
            Command::SelectLineEnd => caret_info(CaretMove::LineEnd, true),
            Command::SelectPageUp => caret_info(CaretMove::PageUp, true),
            Command::SelectPageDown => caret_info(CaretMove::PageDown, true),
            Command::SelectDocStart => caret_info(CaretMove::DocStart, true),
            Command::SelectDocEnd => caret_info(CaretMove::DocEnd, true),
            Command::FocusInspector => FOCUS_INSPECTOR,
            // issue 13: links you can see
            Command::LinkCue => CommandInfo {
                menu: Menu::Edit,
                label: "Link cue and quote…",
                tooltip: "With a cue selected, list the nearest quotes (with a quote selected, the nearest cues), numbered: 1-9 or Enter links; Esc cancels",
                shortcut: key(CTRL_SHIFT, Key::L),
                global: false,
            },
            Command::ShowSpeakers => CommandInfo {
                menu: Menu::View,
                label: "Show speakers",
                tooltip: "Show each quote's speaker (its person) in a badge at its start; quotes with no speaker are marked",
                shortcut: key(CTRL, Key::B),
                global: false,
            },
            Command::TakeOfferedLinks => CommandInfo {
                menu: Menu::Edit,
                label: "Take the offered links",
                tooltip: "Link the quote just tagged to the speaker and cue of its sentence, as one undo step",
                shortcut: key(CTRL, Key::J),
                global: false,
            },
            Command::AlwaysLinkSentence => CommandInfo {
                menu: Menu::Edit,
                label: "Always link the sentence's speaker and cue",
                tooltip: "Switch on or off: a quote tagged is linked at once to the speaker and cue tagged in its sentence",
                shortcut: None,
                global: false,
            },
            // issue 13: progress
            Command::CycleDocumentStatus => CommandInfo {
                menu: Menu::Edit,
                label: "Next document status",
                tooltip: "Move this document on to its next status: new → in progress → done → needs review → new",
                shortcut: key(CTRL, Key::M),
                global: false,
            },
            Command::DocumentInspector => CommandInfo {
                menu: Menu::View,
                label: "Document inspector…",
                tooltip: "This document's status and attributes (outlet, date, section, topic, any key=value)",
                shortcut: key(CTRL_SHIFT, Key::I),
                global: true,
            },
            // issue 13: find and tag all
            Command::FindInDocument => CommandInfo {
                menu: Menu::Edit,
                label: "Find…",
                tooltip: "Find text or a regular expression in this document; every match is highlighted",
                shortcut: key(CTRL, Key::F),
                global: true,
            },
            Command::FindInAll => CommandInfo {
                menu: Menu::Edit,
                label: "Find in all documents…",
                tooltip: "Find in every document of the project, listing the hits by document",
                shortcut: key(CTRL_SHIFT, Key::F),
                global: true,
            },
            Command::FindNext => CommandInfo {
                menu: Menu::Edit,
                label: "Find next",
                tooltip: "Go to the next match (Enter in the find bar)",
                shortcut: key(NONE, Key::F3),
                global: true,
            },
            Command::FindPrevious => CommandInfo {
                menu: Menu::Edit,
                label: "Find previous",
                tooltip: "Go to the previous match (Shift+Enter in the find bar)",
                shortcut: key(SHIFT, Key::F3),
                global: true,
            },
            Command::TagAllMatches => CommandInfo {
                menu: Menu::Edit,
                label: "Tag all matches…",
                tooltip: "Give every match of the find bar (or the ticked ones) a label, in one undoable step",
                shortcut: key(ALT, Key::Enter),
                global: true,
            },
            // issue 14: people
            Command::MergePeople => CommandInfo {
                menu: Menu::Edit,
                label: "Merge people…",
                tooltip: "Merge two people of the register into one (their speakers, aliases and attributes), one undoable step",
                shortcut: key(CTRL_SHIFT, Key::M),
                global: true,
            },
            Command::FocusPeople => CommandInfo {
                menu: Menu::View,
                label: "Focus the people panel",
                tooltip: "The keyboard goes to the people register's \"New person\" field",
                shortcut: key(NONE, Key::F4),
                global: true,
            },
            // issue 14: report view
            Command::ReportView => CommandInfo {
                menu: Menu::View,
                label: "Report…",
                tooltip: "Who gets quoted: charts and tables of quotes per person, person attribute, outlet, month and kind, with the quotes behind every figure",
                shortcut: key(NONE, Key::F9),
                global: true,
            },
        }
    }

    /// Whether the command can run now (menus grey it out otherwise).
    pub fn enabled(self, s: &CommandState) -> bool {
        match self {
            Command::Undo => s.can_undo,
            Command::Redo => s.can_redo,
            Command::Delete => s.annotation_selected,
            Command::AcceptSuggestion
            | Command::RejectSuggestion
            | Command::SuggestionStartLeft
            | Command::SuggestionStartRight
            | Command::SuggestionEndLeft
            | Command::SuggestionEndRight
            | Command::SuggestionFromSelection => s.suggestion_current,
            Command::NextSuggestion
            | Command::PreviousSuggestion
            | Command::AcceptAbove
            | Command::ClearSuggestions => s.suggestions_shown,
            Command::Review(ReviewCommand::CompareWith) => true,
            Command::Review(_) => s.reviewing,
            _ => true,
        }
    }

    /// Decides on or moves among suggestions: plain keys (Enter, Backspace)
    /// that must not reach the article from behind a modal.
    pub fn is_suggestion(self) -> bool {
        matches!(self.info().menu, Menu::Suggest)
            || matches!(
                self,
                Command::SuggestionStartLeft
                    | Command::SuggestionStartRight
                    | Command::SuggestionEndLeft
                    | Command::SuggestionEndRight
            )
    }

    /// Listed in the keyboard reference (every command with a shortcut).
    pub fn in_keyboard_reference(self) -> bool {
        self.info().shortcut.is_some()
    }
}
