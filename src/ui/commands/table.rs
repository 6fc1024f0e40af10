//! The table itself: each command's label, tooltip, shortcut and menu, as
//! `match`es without a fallback, and when a command is enabled.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::{Command, CommandInfo, CommandState, Menu, ReviewCommand};

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
                tooltip: "Then click a Speaker in the text to link the selected quote to it (or a Quote, for a selected cue)",
                shortcut: key(CTRL, Key::L),
                global: false,
            },
            Command::ExtendLeft => CommandInfo {
                menu: Menu::None,
                label: "Extend selection left",
                tooltip: "Move the selection's end one character left",
                shortcut: key(SHIFT, Key::ArrowLeft),
                global: false,
            },
            Command::ExtendRight => CommandInfo {
                menu: Menu::None,
                label: "Extend selection right",
                tooltip: "Move the selection's end one character right",
                shortcut: key(SHIFT, Key::ArrowRight),
                global: false,
            },
            Command::ExtendWordLeft => CommandInfo {
                menu: Menu::None,
                label: "Extend selection a word left",
                tooltip: "Move the selection's end one word left",
                shortcut: key(CTRL_SHIFT, Key::ArrowLeft),
                global: false,
            },
            Command::ExtendWordRight => CommandInfo {
                menu: Menu::None,
                label: "Extend selection a word right",
                tooltip: "Move the selection's end one word right",
                shortcut: key(CTRL_SHIFT, Key::ArrowRight),
                global: false,
            },
            Command::Find => CommandInfo {
                menu: Menu::View,
                label: "Find annotations",
                tooltip: "Search the annotation list",
                shortcut: key(CTRL, Key::F),
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
            Command::Review(r) => r.info(),
        }
    }

    /// Whether the command can run now (menus grey it out otherwise).
    pub fn enabled(self, s: &CommandState) -> bool {
        match self {
            Command::Undo => s.can_undo,
            Command::Redo => s.can_redo,
            Command::Delete => s.annotation_selected,
            Command::Review(ReviewCommand::CompareWith) => true,
            Command::Review(_) => s.reviewing,
            _ => true,
        }
    }

    /// Listed in the keyboard reference (every command with a shortcut).
    pub fn in_keyboard_reference(self) -> bool {
        self.info().shortcut.is_some()
    }
}

impl ReviewCommand {
    pub const fn info(self) -> CommandInfo {
        match self {
            ReviewCommand::CompareWith => CommandInfo {
                menu: Menu::Review,
                label: "Compare with…",
                tooltip: "Open colleagues' project files (or brat folders) for the same documents, see where you differ and curate a gold version",
                shortcut: key(CTRL_SHIFT, Key::R),
                global: true,
            },
            ReviewCommand::NextDisagreement => CommandInfo {
                menu: Menu::Review,
                label: "Next disagreement",
                tooltip: "Go to the next place where the annotators differ",
                shortcut: key(NONE, Key::F8),
                global: false,
            },
            ReviewCommand::PreviousDisagreement => CommandInfo {
                menu: Menu::Review,
                label: "Previous disagreement",
                tooltip: "Go to the previous place where the annotators differ",
                shortcut: key(SHIFT, Key::F8),
                global: false,
            },
            ReviewCommand::TakeAll => CommandInfo {
                menu: Menu::Review,
                label: "Take every version",
                tooltip: "Accept every distinct span the annotators made at the current disagreement",
                shortcut: key(ALT, Key::A),
                global: false,
            },
            ReviewCommand::TakeNeither => CommandInfo {
                menu: Menu::Review,
                label: "Take neither",
                tooltip: "Accept nothing at the current disagreement (removes what the gold file has there)",
                shortcut: key(ALT, Key::Num0),
                global: false,
            },
            ReviewCommand::AcceptAgreed => CommandInfo {
                menu: Menu::Review,
                label: "Accept everything all agree on",
                tooltip: "Copy into the gold file every span all annotators made the same way (one undo step)",
                shortcut: key(CTRL_SHIFT, Key::A),
                global: true,
            },
            ReviewCommand::AgreementReport => CommandInfo {
                menu: Menu::Review,
                label: "Agreement report",
                tooltip: "F1, Cohen's and Fleiss' kappa and Krippendorff's alpha per label, pair and document",
                shortcut: key(CTRL_SHIFT, Key::G),
                global: true,
            },
            ReviewCommand::EndReview => CommandInfo {
                menu: Menu::Review,
                label: "End review",
                tooltip: "Close the colleagues' files; the gold project stays open",
                shortcut: None,
                global: true,
            },
            ReviewCommand::Take(n) => take(n),
        }
    }
}

/// "Take annotator N's version", Alt+N (no key above 9).
const fn take(n: u8) -> CommandInfo {
    const LABELS: [&str; 9] = [
        "Take annotator 1's version",
        "Take annotator 2's version",
        "Take annotator 3's version",
        "Take annotator 4's version",
        "Take annotator 5's version",
        "Take annotator 6's version",
        "Take annotator 7's version",
        "Take annotator 8's version",
        "Take annotator 9's version",
    ];
    const KEYS: [Key; 9] = [
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
    let (label, shortcut) = if n >= 1 && n <= 9 {
        (LABELS[(n - 1) as usize], key(ALT, KEYS[(n - 1) as usize]))
    } else {
        ("Take an annotator's version", None)
    };
    CommandInfo {
        menu: Menu::None,
        label,
        tooltip: "Accept this annotator's spans at the current disagreement (annotators are numbered as in the review panel)",
        shortcut,
        global: false,
    }
}
