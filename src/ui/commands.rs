//! The one command table: every user command with its label, tooltip,
//! shortcut, menu and when it is enabled. Menus, key handling and the
//! keyboard reference all read it, and a test fails if two shortcuts clash.
//!
//! The table is exhaustive by construction: [`Command::info`] is a `match`
//! without a fallback (a new command does not compile until it has a label
//! and a menu), and [`Command::ALL`] is generated with the enum itself.

use egui::os::OperatingSystem;
use egui::{Key, KeyboardShortcut, Modifiers};

/// One `()` per token: counts a macro repetition in a const.
macro_rules! unit {
    ($x:tt) => {
        ()
    };
}

/// Defines an enum of unit variants around one tuple variant and its `ALL`
/// array (every value, in declaration order, the tuple variant expanded
/// over `$values`), so `ALL` cannot miss a variant. The tuple variant is
/// marked with a leading `+`.
macro_rules! listed_enum {
    (
        $(#[$m:meta])*
        pub enum $name:ident {
            $($(#[$am:meta])* $a:ident,)*
            + $(#[$tm:meta])* $t:ident($inner:ty) for $values:expr,
            $($(#[$bm:meta])* $b:ident,)*
        }
    ) => {
        $(#[$m])*
        pub enum $name {
            $($(#[$am])* $a,)*
            $(#[$tm])* $t($inner),
            $($(#[$bm])* $b,)*
        }

        impl $name {
            /// Every value, in table order.
            pub const ALL: [$name; <[()]>::len(&[$(unit!($a)),*]) + $values.len() + <[()]>::len(&[$(unit!($b)),*])] = {
                const VALUES: &[$inner] = &$values;
                let before: &[$name] = &[$($name::$a),*];
                let after: &[$name] = &[$($name::$b),*];
                let mut out = [$name::$t(VALUES[0]); <[()]>::len(&[$(unit!($a)),*]) + $values.len() + <[()]>::len(&[$(unit!($b)),*])];
                let mut i = 0;
                let mut k = 0;
                while k < before.len() {
                    out[i] = before[k];
                    i += 1;
                    k += 1;
                }
                k = 0;
                while k < VALUES.len() {
                    out[i] = $name::$t(VALUES[k]);
                    i += 1;
                    k += 1;
                }
                k = 0;
                while k < after.len() {
                    out[i] = after[k];
                    i += 1;
                    k += 1;
                }
                out
            };
        }
    };
}

listed_enum! {
    /// A user command: a menu item, a shortcut or a button in a panel.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Command {
        New,
        Open,
        Save,
        SaveAs,
        Import,
        Export,
        Quit,
        Undo,
        Redo,
        Delete,
        AddFragment,
        NextAnnotation,
        PreviousAnnotation,
        ClearSelection,
        PickSpeaker,
        ExtendLeft,
        ExtendRight,
        ExtendWordLeft,
        ExtendWordRight,
        Find,
        EditTagSet,
        ShowProblems,
        ToggleTheme,
        + /// Comparing annotators and curating a gold version.
        Review(ReviewCommand) for ReviewCommand::ALL,
        KeyboardReference,
        About,
    }
}

/// The annotators whose version [`ReviewCommand::Take`] can name by key (Alt+1 … Alt+9).
const TAKE_KEYS: [u8; 9] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

listed_enum! {
    /// The review commands (Review menu and keys).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum ReviewCommand {
        CompareWith,
        NextDisagreement,
        PreviousDisagreement,
        + /// Take annotator N's version (1-based) of the current disagreement.
        Take(u8) for TAKE_KEYS,
        TakeAll,
        TakeNeither,
        AcceptAgreed,
        AgreementReport,
        EndReview,
    }
}

impl From<ReviewCommand> for Command {
    fn from(c: ReviewCommand) -> Self {
        Command::Review(c)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
    Review,
    Help,
    /// Keys only (still listed in the keyboard reference).
    None,
}

impl Menu {
    /// The menu bar, left to right, with titles.
    pub const BAR: [(Menu, &'static str); 5] = [
        (Menu::File, "File"),
        (Menu::Edit, "Edit"),
        (Menu::View, "View"),
        (Menu::Review, "Review"),
        (Menu::Help, "Help"),
    ];
}

#[derive(Clone, Copy, Debug)]
pub struct CommandInfo {
    pub menu: Menu,
    pub label: &'static str,
    pub tooltip: &'static str,
    pub shortcut: Option<KeyboardShortcut>,
    /// Works while a text field has the keyboard (e.g. Ctrl+S while typing a note).
    pub global: bool,
}

/// What [`Command::enabled`] looks at.
#[derive(Clone, Copy, Debug, Default)]
pub struct CommandState {
    pub can_undo: bool,
    pub can_redo: bool,
    pub annotation_selected: bool,
    pub reviewing: bool,
}

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

/// Label, tooltip, shortcut and menu of `command`.
pub const fn info(command: Command) -> CommandInfo {
    command.info()
}

/// The human form of a shortcut on this computer, e.g. "Ctrl+Shift+S"
/// ("Cmd+Shift+S" on macOS).
pub fn shortcut_text(sc: &KeyboardShortcut) -> String {
    shortcut_text_for(sc, OperatingSystem::from_target_os())
}

/// The human form of a shortcut on `os`.
pub fn shortcut_text_for(sc: &KeyboardShortcut, os: OperatingSystem) -> String {
    let mac = os == OperatingSystem::Mac || os == OperatingSystem::IOS;
    let m = sc.modifiers;
    let mut parts = Vec::new();
    if mac {
        if m.ctrl && !m.command {
            parts.push("Ctrl");
        }
        if m.command || m.mac_cmd {
            parts.push("Cmd");
        }
        if m.alt {
            parts.push("Option");
        }
    } else {
        if m.command || m.ctrl {
            parts.push("Ctrl");
        }
        if m.alt {
            parts.push("Alt");
        }
    }
    if m.shift {
        parts.push("Shift");
    }
    let key = match sc.logical_key {
        Key::ArrowLeft => "Left",
        Key::ArrowRight => "Right",
        k => k.name(),
    };
    parts.push(key);
    parts.join("+")
}

/// The shortcut of a label key: the plain letter.
pub fn label_shortcut(c: char) -> Option<KeyboardShortcut> {
    Key::from_name(&c.to_ascii_uppercase().to_string()).map(|k| KeyboardShortcut::new(Modifiers::NONE, k))
}

/// A reason why `c` cannot be a label key, if it cannot.
pub fn label_key_conflict(c: char) -> Option<String> {
    let sc = label_shortcut(c)?;
    Command::ALL
        .iter()
        .map(|command| command.info())
        .find(|i| i.shortcut == Some(sc))
        .map(|i| format!("\"{c}\" is the shortcut of {}", i.label))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TagSet;

    #[test]
    fn no_two_shortcuts_clash() {
        let mut seen: Vec<(KeyboardShortcut, &str)> = Vec::new();
        for c in Command::ALL {
            if let Some(sc) = c.info().shortcut {
                if let Some((_, other)) = seen.iter().find(|(s, _)| *s == sc) {
                    panic!("{} and {} share {}", c.info().label, other, shortcut_text(&sc));
                }
                seen.push((sc, c.info().label));
            }
        }
        for l in TagSet::default().labels {
            let k = l.key_char().expect("default labels have keys");
            let sc = label_shortcut(k).expect("label keys are letters");
            assert!(!seen.iter().any(|(s, _)| *s == sc), "label key {k} clashes");
            assert!(label_key_conflict(k).is_none());
        }
    }

    #[test]
    fn every_command_is_in_the_table_once() {
        for (i, c) in Command::ALL.iter().enumerate() {
            assert!(!Command::ALL[..i].contains(c), "{c:?} is listed twice");
            assert!(!c.info().label.is_empty(), "{c:?} has no label");
            assert!(!c.info().tooltip.is_empty(), "{c:?} has no tooltip");
        }
        // Every review command, and each annotator key, is reachable as a `Command`.
        for r in ReviewCommand::ALL {
            assert!(Command::ALL.contains(&Command::from(r)), "{r:?} is missing");
        }
        for n in 1..=9 {
            assert!(Command::ALL.contains(&Command::Review(ReviewCommand::Take(n))));
        }
    }

    /// Every command can be reached by a user: from a menu or (being in the
    /// keyboard reference) by its key. `Command::ALL` is generated with the
    /// enum, so a new command is checked here without editing this test.
    #[test]
    fn every_command_is_listed() {
        let menus: Vec<Menu> = Menu::BAR.iter().map(|(m, _)| *m).collect();
        for c in Command::ALL {
            let i = c.info();
            assert!(
                menus.contains(&i.menu) || c.in_keyboard_reference(),
                "{c:?} ({}) is in no menu and has no key",
                i.label
            );
            assert!(
                i.menu == Menu::None || menus.contains(&i.menu),
                "{c:?} names a menu the bar does not show"
            );
        }
        // Keys-only commands are in the reference (they have a key).
        let keys_only: Vec<_> = Command::ALL
            .iter()
            .filter(|c| c.info().menu == Menu::None)
            .collect();
        assert!(keys_only.contains(&&Command::ExtendLeft));
        assert!(keys_only.iter().all(|c| c.in_keyboard_reference()));
    }

    #[test]
    fn shortcuts_read_per_os() {
        let save_as = Command::SaveAs.info().shortcut.expect("has one");
        assert_eq!(shortcut_text_for(&save_as, OperatingSystem::Mac), "Cmd+Shift+S");
        assert_eq!(shortcut_text_for(&save_as, OperatingSystem::Nix), "Ctrl+Shift+S");
        assert_eq!(
            shortcut_text_for(&save_as, OperatingSystem::Windows),
            "Ctrl+Shift+S"
        );
        let neither = Command::Review(ReviewCommand::TakeNeither)
            .info()
            .shortcut
            .expect("has one");
        assert_eq!(shortcut_text_for(&neither, OperatingSystem::Mac), "Option+0");
        assert_eq!(shortcut_text_for(&neither, OperatingSystem::Nix), "Alt+0");
        let delete = Command::Delete.info().shortcut.expect("has one");
        assert_eq!(shortcut_text_for(&delete, OperatingSystem::Mac), "Delete");
    }

    #[test]
    fn enabled_follows_the_state() {
        let idle = CommandState::default();
        assert!(!Command::Undo.enabled(&idle));
        assert!(!Command::Delete.enabled(&idle));
        assert!(!Command::Review(ReviewCommand::NextDisagreement).enabled(&idle));
        assert!(Command::Review(ReviewCommand::CompareWith).enabled(&idle));
        let busy = CommandState {
            can_undo: true,
            can_redo: true,
            annotation_selected: true,
            reviewing: true,
        };
        assert!(Command::ALL.iter().all(|c| c.enabled(&busy)));
    }

    /// A label key is one character; any character whose key is a command's
    /// key (Delete among them: the DEL and backspace characters, "\u{7f}"
    /// and "\u{8}") must be refused, and plain letters accepted.
    #[test]
    fn delete_key_cannot_be_a_label_key_but_letters_can() {
        let delete = Command::Delete.info().shortcut.expect("Delete has a key");
        assert_eq!(delete.logical_key, Key::Delete);
        let command_keys: Vec<KeyboardShortcut> =
            Command::ALL.iter().filter_map(|c| c.info().shortcut).collect();
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            if let Some(sc) = label_shortcut(c) {
                assert_ne!(sc.logical_key, Key::Delete, "{c:?} would type Delete");
                if command_keys.contains(&sc) {
                    assert!(label_key_conflict(c).is_some(), "{c:?} clashes unreported");
                }
            }
        }
        for c in ['\u{7f}', '\u{8}'] {
            assert!(label_shortcut(c).is_none(), "{c:?} names a key");
        }
        for c in 'a'..='z' {
            assert!(label_shortcut(c).is_some(), "{c} is a key");
            assert!(label_key_conflict(c).is_none(), "{c} is free");
        }
    }
}
