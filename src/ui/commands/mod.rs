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
        Find,
        EditTagSet,
        ShowProblems,
        ToggleTheme,
        Suggest,
        SuggestAll,
        NextSuggestion,
        PreviousSuggestion,
        AcceptSuggestion,
        RejectSuggestion,
        AcceptAbove,
        SuggestionStartLeft,
        SuggestionStartRight,
        SuggestionEndLeft,
        SuggestionEndRight,
        SuggestionFromSelection,
        TrainSuggestions,
        ClearSuggestions,
        + /// Comparing annotators and curating a gold version.
        Review(ReviewCommand) for ReviewCommand::ALL,
        KeyboardReference,
        About,
        // issue 13: caret (moves, Shift+moves select; F6 to the inspector)
        CaretLeft,
        CaretRight,
        CaretWordLeft,
        CaretWordRight,
        CaretUp,
        CaretDown,
        CaretLineStart,
        CaretLineEnd,
        CaretPageUp,
        CaretPageDown,
        CaretDocStart,
        CaretDocEnd,
        SelectLeft,
        SelectRight,
        SelectWordLeft,
        SelectWordRight,
        SelectUp,
        SelectDown,
        SelectLineStart,
        SelectLineEnd,
        SelectPageUp,
        SelectPageDown,
        SelectDocStart,
        SelectDocEnd,
        FocusInspector,
        // issue 13: links you can see
        LinkCue,
        ShowSpeakers,
        TakeOfferedLinks,
        AlwaysLinkSentence,
        // issue 13: progress
        CycleDocumentStatus,
        DocumentInspector,
        // issue 13: find and tag all
        FindInDocument,
        FindInAll,
        FindNext,
        FindPrevious,
        TagAllMatches,
        // issue 14: people
        MergePeople,
        FocusPeople,
        // issue 14: report view
        ReportView,
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

mod caret_table;
mod review_table;
mod table;

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
    Suggest,
    Review,
    Help,
    /// Keys only (still listed in the keyboard reference).
    None,
}

impl Menu {
    /// The menu bar, left to right, with titles.
    pub const BAR: [(Menu, &'static str); 6] = [
        (Menu::File, "File"),
        (Menu::Edit, "Edit"),
        (Menu::View, "View"),
        (Menu::Suggest, "Suggest"),
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
    /// A suggestion is current (drawn outlined): accept, reject and the
    /// boundary keys act on it.
    pub suggestion_current: bool,
    /// The current document shows suggestions.
    pub suggestions_shown: bool,
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
mod tests;
