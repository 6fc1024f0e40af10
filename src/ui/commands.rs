//! The one command table: every user command with its label, tooltip,
//! shortcut and menu. Menus, key handling and the keyboard reference all
//! read it, and a test fails if two shortcuts clash.

use egui::{Key, KeyboardShortcut, Modifiers};

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
    KeyboardReference,
    About,
    CompareWith,
    NextDisagreement,
    PreviousDisagreement,
    /// Take annotator N's version (1-based) of the current disagreement.
    Take(u8),
    TakeAll,
    TakeNeither,
    AcceptAgreed,
    AgreementReport,
    EndReview,
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

pub struct CommandInfo {
    pub command: Command,
    pub menu: Menu,
    pub label: &'static str,
    pub tooltip: &'static str,
    pub shortcut: Option<KeyboardShortcut>,
    /// Works while a text field has the keyboard (e.g. Ctrl+S while typing a note).
    pub global: bool,
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

macro_rules! cmd {
    ($c:ident, $m:ident, $label:expr, $tip:expr, $sc:expr, $global:expr) => {
        CommandInfo {
            command: Command::$c,
            menu: Menu::$m,
            label: $label,
            tooltip: $tip,
            shortcut: $sc,
            global: $global,
        }
    };
}

pub const COMMANDS: &[CommandInfo] = &[
    cmd!(
        New,
        File,
        "New from text…",
        "Start a project from a plain-text article",
        key(CTRL, Key::N),
        true
    ),
    cmd!(
        Open,
        File,
        "Open…",
        "Open a project (.qb.ron) or a plain-text article",
        key(CTRL, Key::O),
        true
    ),
    cmd!(
        Save,
        File,
        "Save",
        "Save the project (atomically; the previous version is kept as .bak)",
        key(CTRL, Key::S),
        true
    ),
    cmd!(
        SaveAs,
        File,
        "Save As…",
        "Save the project under a new name",
        key(CTRL_SHIFT, Key::S),
        true
    ),
    cmd!(
        Import,
        File,
        "Import…",
        "Import brat, doccano/Prodigy JSONL or text files as a new project",
        key(CTRL, Key::I),
        true
    ),
    cmd!(
        Export,
        File,
        "Export…",
        "Export to brat, doccano/Prodigy JSONL or a CSV table of quotes",
        key(CTRL_SHIFT, Key::E),
        true
    ),
    cmd!(
        Quit,
        File,
        "Quit",
        "Close Quotebench (asks before discarding unsaved changes)",
        key(CTRL, Key::Q),
        true
    ),
    cmd!(
        Undo,
        Edit,
        "Undo",
        "Undo the last change",
        key(CTRL, Key::Z),
        false
    ),
    cmd!(
        Redo,
        Edit,
        "Redo",
        "Redo the last undone change",
        key(CTRL, Key::Y),
        false
    ),
    cmd!(
        Delete,
        Edit,
        "Delete annotation",
        "Delete the selected annotation and its links",
        key(NONE, Key::Delete),
        false
    ),
    cmd!(
        AddFragment,
        Edit,
        "Add selection as fragment",
        "Add the selected text as another fragment of the selected annotation (a quote interrupted by \"she said\")",
        key(CTRL, Key::E),
        false
    ),
    cmd!(
        NextAnnotation,
        Edit,
        "Next annotation",
        "Select the next annotation in reading order",
        key(NONE, Key::Tab),
        false
    ),
    cmd!(
        PreviousAnnotation,
        Edit,
        "Previous annotation",
        "Select the previous annotation in reading order",
        key(SHIFT, Key::Tab),
        false
    ),
    cmd!(
        ClearSelection,
        Edit,
        "Clear selection",
        "Clear the text selection and the selected annotation",
        key(NONE, Key::Escape),
        false
    ),
    cmd!(
        PickSpeaker,
        Edit,
        "Link to speaker…",
        "Then click a Speaker in the text to link the selected quote to it (or a Quote, for a selected cue)",
        key(CTRL, Key::L),
        false
    ),
    cmd!(
        ExtendLeft,
        None,
        "Extend selection left",
        "Move the selection's end one character left",
        key(SHIFT, Key::ArrowLeft),
        false
    ),
    cmd!(
        ExtendRight,
        None,
        "Extend selection right",
        "Move the selection's end one character right",
        key(SHIFT, Key::ArrowRight),
        false
    ),
    cmd!(
        ExtendWordLeft,
        None,
        "Extend selection a word left",
        "Move the selection's end one word left",
        key(CTRL_SHIFT, Key::ArrowLeft),
        false
    ),
    cmd!(
        ExtendWordRight,
        None,
        "Extend selection a word right",
        "Move the selection's end one word right",
        key(CTRL_SHIFT, Key::ArrowRight),
        false
    ),
    cmd!(
        Find,
        View,
        "Find annotations",
        "Search the annotation list",
        key(CTRL, Key::F),
        true
    ),
    cmd!(
        EditTagSet,
        View,
        "Tag set…",
        "Add, rename and recolour labels and set their keys",
        key(CTRL, Key::T),
        false
    ),
    cmd!(
        ShowProblems,
        View,
        "Problems…",
        "What did not fit when the project was opened: re-anchored spans, spans kept aside",
        key(CTRL_SHIFT, Key::P),
        true
    ),
    cmd!(
        ToggleTheme,
        View,
        "Dark / light theme",
        "Switch between the dark and the light theme",
        key(CTRL_SHIFT, Key::D),
        true
    ),
    cmd!(
        CompareWith,
        Review,
        "Compare with…",
        "Open colleagues' project files (or brat folders) for the same documents, see where you differ and curate a gold version",
        key(CTRL_SHIFT, Key::R),
        true
    ),
    cmd!(
        NextDisagreement,
        Review,
        "Next disagreement",
        "Go to the next place where the annotators differ",
        key(NONE, Key::F8),
        false
    ),
    cmd!(
        PreviousDisagreement,
        Review,
        "Previous disagreement",
        "Go to the previous place where the annotators differ",
        key(SHIFT, Key::F8),
        false
    ),
    take(1, Key::Num1),
    take(2, Key::Num2),
    take(3, Key::Num3),
    take(4, Key::Num4),
    take(5, Key::Num5),
    take(6, Key::Num6),
    take(7, Key::Num7),
    take(8, Key::Num8),
    take(9, Key::Num9),
    cmd!(
        TakeAll,
        Review,
        "Take every version",
        "Accept every distinct span the annotators made at the current disagreement",
        key(ALT, Key::A),
        false
    ),
    cmd!(
        TakeNeither,
        Review,
        "Take neither",
        "Accept nothing at the current disagreement (removes what the gold file has there)",
        key(ALT, Key::Num0),
        false
    ),
    cmd!(
        AcceptAgreed,
        Review,
        "Accept everything all agree on",
        "Copy into the gold file every span all annotators made the same way (one undo step)",
        key(CTRL_SHIFT, Key::A),
        true
    ),
    cmd!(
        AgreementReport,
        Review,
        "Agreement report",
        "F1, Cohen's and Fleiss' kappa and Krippendorff's alpha per label, pair and document",
        key(CTRL_SHIFT, Key::G),
        true
    ),
    cmd!(
        EndReview,
        Review,
        "End review",
        "Close the colleagues' files; the gold project stays open",
        None,
        true
    ),
    cmd!(
        KeyboardReference,
        Help,
        "Keyboard reference",
        "Every shortcut and label key",
        key(NONE, Key::F1),
        true
    ),
    cmd!(
        About,
        Help,
        "About Quotebench",
        "Version and project page",
        None,
        true
    ),
];

/// "Take annotator N's version", Alt+N.
const fn take(n: u8, k: Key) -> CommandInfo {
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
    CommandInfo {
        command: Command::Take(n),
        menu: Menu::None,
        label: LABELS[(n - 1) as usize],
        tooltip: "Accept this annotator's spans at the current disagreement (annotators are numbered as in the review panel)",
        shortcut: key(ALT, k),
        global: false,
    }
}

pub fn info(command: Command) -> &'static CommandInfo {
    COMMANDS
        .iter()
        .find(|c| c.command == command)
        .unwrap_or(&COMMANDS[0])
}

/// The human form of a shortcut, e.g. "Ctrl+Shift+S".
pub fn shortcut_text(sc: &KeyboardShortcut) -> String {
    let mut parts = Vec::new();
    if sc.modifiers.command || sc.modifiers.ctrl {
        parts.push("Ctrl");
    }
    if sc.modifiers.alt {
        parts.push("Alt");
    }
    if sc.modifiers.shift {
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
    COMMANDS
        .iter()
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
        for c in COMMANDS {
            if let Some(sc) = c.shortcut {
                if let Some((_, other)) = seen.iter().find(|(s, _)| *s == sc) {
                    panic!("{} and {} share {}", c.label, other, shortcut_text(&sc));
                }
                seen.push((sc, c.label));
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
        for c in COMMANDS {
            assert_eq!(
                COMMANDS.iter().filter(|o| o.command == c.command).count(),
                1,
                "{:?}",
                c.command
            );
            assert!(!c.tooltip.is_empty());
        }
        assert_eq!(
            shortcut_text(&info(Command::SaveAs).shortcut.expect("has one")),
            "Ctrl+Shift+S"
        );
    }

    #[test]
    fn delete_key_cannot_be_a_label_key_but_letters_can() {
        assert!(label_key_conflict('q').is_none());
        assert!(label_shortcut('q').is_some());
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    /// Every command can be reached from the table (menu or shortcut).
    #[test]
    fn every_command_is_listed() {
        for c in [
            Command::New,
            Command::Open,
            Command::Save,
            Command::SaveAs,
            Command::Import,
            Command::Export,
            Command::Quit,
            Command::Undo,
            Command::Redo,
            Command::Delete,
            Command::AddFragment,
            Command::NextAnnotation,
            Command::PreviousAnnotation,
            Command::ClearSelection,
            Command::PickSpeaker,
            Command::ExtendLeft,
            Command::ExtendRight,
            Command::ExtendWordLeft,
            Command::ExtendWordRight,
            Command::Find,
            Command::EditTagSet,
            Command::ShowProblems,
            Command::ToggleTheme,
            Command::KeyboardReference,
            Command::About,
            Command::CompareWith,
            Command::NextDisagreement,
            Command::PreviousDisagreement,
            Command::Take(1),
            Command::Take(9),
            Command::TakeAll,
            Command::TakeNeither,
            Command::AcceptAgreed,
            Command::AgreementReport,
            Command::EndReview,
        ] {
            assert!(
                COMMANDS.iter().any(|i| i.command == c),
                "{c:?} is missing from COMMANDS"
            );
        }
    }
}
