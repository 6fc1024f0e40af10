//! The caret's rows of the command table (issue 13, "By keyboard alone"):
//! each caret move twice, plain and with Shift (select), and the key that
//! puts the keyboard in the inspector. Keys only: they are listed in the
//! keyboard reference, not in a menu.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::{Command, CommandInfo, Menu};
use crate::ui::caret_moves::CaretMove;

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// One move's row: its key (and modifiers without Shift), then for the
/// plain and the Shift command a label and a tooltip.
struct Row {
    mods: Modifiers,
    key: Key,
    labels: [&'static str; 2],
    tooltips: [&'static str; 2],
}

macro_rules! row {
    ($mods:expr, $key:ident, $label:literal, $select:literal, $where:literal) => {
        Row {
            mods: $mods,
            key: Key::$key,
            labels: [$label, $select],
            tooltips: [
                concat!(
                    "Move the caret ",
                    $where,
                    "; the article scrolls to keep it in sight"
                ),
                concat!("Select from where the selection began ", $where),
            ],
        }
    };
}

const fn row(mv: CaretMove) -> Row {
    match mv {
        CaretMove::Left => row!(
            Modifiers::NONE,
            ArrowLeft,
            "Caret left",
            "Select left",
            "one character left (a whole emoji or accented letter)"
        ),
        CaretMove::Right => row!(
            Modifiers::NONE,
            ArrowRight,
            "Caret right",
            "Select right",
            "one character right (a whole emoji or accented letter)"
        ),
        CaretMove::WordLeft => row!(
            CTRL,
            ArrowLeft,
            "Caret a word left",
            "Select a word left",
            "to the start of the word before (never inside a word)"
        ),
        CaretMove::WordRight => row!(
            CTRL,
            ArrowRight,
            "Caret a word right",
            "Select a word right",
            "to the end of the next word (never inside a word)"
        ),
        CaretMove::Up => row!(
            Modifiers::NONE,
            ArrowUp,
            "Caret up a line",
            "Select up a line",
            "to the line above, at the same place across"
        ),
        CaretMove::Down => row!(
            Modifiers::NONE,
            ArrowDown,
            "Caret down a line",
            "Select down a line",
            "to the line below, at the same place across"
        ),
        CaretMove::LineStart => row!(
            Modifiers::NONE,
            Home,
            "Caret to line start",
            "Select to line start",
            "to the start of the line on screen"
        ),
        CaretMove::LineEnd => row!(
            Modifiers::NONE,
            End,
            "Caret to line end",
            "Select to line end",
            "to the end of the line on screen"
        ),
        CaretMove::PageUp => row!(
            Modifiers::NONE,
            PageUp,
            "Caret up a page",
            "Select up a page",
            "a view's height up"
        ),
        CaretMove::PageDown => row!(
            Modifiers::NONE,
            PageDown,
            "Caret down a page",
            "Select down a page",
            "a view's height down"
        ),
        CaretMove::DocStart => row!(
            CTRL,
            Home,
            "Caret to document start",
            "Select to document start",
            "to the start of the document"
        ),
        CaretMove::DocEnd => row!(
            CTRL,
            End,
            "Caret to document end",
            "Select to document end",
            "to the end of the document"
        ),
    }
}

/// The table row of `mv`, plain (`select` false) or with Shift.
pub(super) const fn caret_info(mv: CaretMove, select: bool) -> CommandInfo {
    let r = row(mv);
    let modifiers = match (select, r.mods.command) {
        (false, _) => r.mods,
        (true, true) => CTRL_SHIFT,
        (true, false) => Modifiers::SHIFT,
    };
    let i = select as usize;
    CommandInfo {
        menu: Menu::None,
        label: r.labels[i],
        tooltip: r.tooltips[i],
        shortcut: Some(KeyboardShortcut::new(modifiers, r.key)),
        global: false,
    }
}

pub(super) const FOCUS_INSPECTOR: CommandInfo = CommandInfo {
    menu: Menu::View,
    label: "Go to the inspector",
    tooltip: "Put the keyboard in the inspector's first field; Tab and Shift+Tab move between its fields, Esc returns to the article",
    shortcut: Some(KeyboardShortcut::new(Modifiers::NONE, Key::F6)),
    global: true,
};

impl Command {
    /// The caret move this command makes, and whether it selects (Shift).
    pub const fn caret_move(self) -> Option<(CaretMove, bool)> {
        Some(match self {
            Command::CaretLeft => (CaretMove::Left, false),
            Command::CaretRight => (CaretMove::Right, false),
            Command::CaretWordLeft => (CaretMove::WordLeft, false),
            Command::CaretWordRight => (CaretMove::WordRight, false),
            Command::CaretUp => (CaretMove::Up, false),
            Command::CaretDown => (CaretMove::Down, false),
            Command::CaretLineStart => (CaretMove::LineStart, false),
            Command::CaretLineEnd => (CaretMove::LineEnd, false),
            Command::CaretPageUp => (CaretMove::PageUp, false),
            Command::CaretPageDown => (CaretMove::PageDown, false),
            Command::CaretDocStart => (CaretMove::DocStart, false),
            Command::CaretDocEnd => (CaretMove::DocEnd, false),
            Command::SelectLeft => (CaretMove::Left, true),
            Command::SelectRight => (CaretMove::Right, true),
            Command::SelectWordLeft => (CaretMove::WordLeft, true),
            Command::SelectWordRight => (CaretMove::WordRight, true),
            Command::SelectUp => (CaretMove::Up, true),
            Command::SelectDown => (CaretMove::Down, true),
            Command::SelectLineStart => (CaretMove::LineStart, true),
            Command::SelectLineEnd => (CaretMove::LineEnd, true),
            Command::SelectPageUp => (CaretMove::PageUp, true),
            Command::SelectPageDown => (CaretMove::PageDown, true),
            Command::SelectDocStart => (CaretMove::DocStart, true),
            Command::SelectDocEnd => (CaretMove::DocEnd, true),
            _ => return None,
        })
    }

    /// Moves the caret (or selects with it): a key for the article, not for
    /// a dialog in front of it.
    pub const fn is_caret(self) -> bool {
        self.caret_move().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_move_has_a_plain_and_a_shift_command_with_its_key() {
        for mv in CaretMove::ALL {
            for select in [false, true] {
                let c = Command::ALL
                    .into_iter()
                    .find(|c| c.caret_move() == Some((mv, select)))
                    .unwrap_or_else(|| panic!("no command for {mv:?} {select}"));
                let sc = c.info().shortcut.expect("a key");
                assert_eq!(sc.modifiers.shift, select, "{c:?}");
                assert!(c.in_keyboard_reference());
            }
        }
        assert!(!Command::Undo.is_caret());
    }
}
