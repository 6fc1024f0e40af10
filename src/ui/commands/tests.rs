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
    assert!(keys_only.contains(&&Command::SelectLeft));
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
    // Nothing to decide on without a current suggestion; Suggest always runs.
    assert!(!Command::AcceptSuggestion.enabled(&idle));
    assert!(!Command::RejectSuggestion.enabled(&idle));
    assert!(!Command::NextSuggestion.enabled(&idle));
    assert!(Command::Suggest.enabled(&idle));
    let busy = CommandState {
        can_undo: true,
        can_redo: true,
        annotation_selected: true,
        reviewing: true,
        suggestion_current: true,
        suggestions_shown: true,
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
    let command_keys: Vec<KeyboardShortcut> = Command::ALL.iter().filter_map(|c| c.info().shortcut).collect();
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
