//! The review commands' rows of the table (moved out of `table.rs` so each
//! file stays small): label, tooltip, shortcut and menu of each.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::{CommandInfo, Menu, ReviewCommand};

const fn key(modifiers: Modifiers, key: Key) -> Option<KeyboardShortcut> {
    Some(KeyboardShortcut::new(modifiers, key))
}

const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const NONE: Modifiers = Modifiers::NONE;
const ALT: Modifiers = Modifiers::ALT;
const SHIFT: Modifiers = Modifiers::SHIFT;

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
