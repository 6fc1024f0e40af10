//! kittest tests of small things a user meets in the window: where a newly
//! opened document starts, the name Save As proposes, a long status message.
#![cfg(feature = "gui")]

mod common;

use common::finish_save;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::format::save_project;
use quotebench::model::{Document, Project};
use quotebench::ui::{QuotebenchApp, Workspace};

const WIDTH: f32 = 1000.0;

fn harness(app: QuotebenchApp) -> Harness<'static, QuotebenchApp> {
    Harness::builder()
        .with_size([WIDTH, 700.0])
        .with_accessibility_check(false)
        .build_eframe(move |_cc| app)
}

/// A text of `n` numbered paragraphs, far taller than the window.
fn long_text(tag: &str, n: usize) -> String {
    (0..n)
        .map(|i| format!("{tag} paragraph {i}: a line of words that takes some room on the page."))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_newly_opened_document_starts_at_the_top() {
    let mut p = Project::from_text("Two long articles", &long_text("First", 200), "me");
    p.documents.push(Document::new(
        "second",
        "Second article",
        long_text("Second", 200),
    ));
    let mut app = QuotebenchApp::with_workspace(Workspace::new(p, None));
    app.use_in_app_dialogs();
    let mut h = harness(app);
    h.run();
    let top_y = h.state().view().screen_pos_of_char(0).expect("laid out").y;

    // Read far down the first document.
    let end = h.state().ws().document().expect("doc").char_len() - 2;
    h.state_mut().view_mut().scroll_to_char(end);
    for _ in 0..4 {
        h.run();
    }
    let scrolled = h.state().view().screen_pos_of_char(0).expect("laid out").y;
    assert!(scrolled < top_y - 1000.0, "scrolled down: {scrolled} vs {top_y}");

    // Open the second document: its first line is where the first one's was.
    h.get_by_label_contains("Second article").click();
    h.run();
    h.run();
    assert_eq!(h.state().ws().doc, 1);
    let second_top = h.state().view().screen_pos_of_char(0).expect("laid out").y;
    assert!(
        (second_top - top_y).abs() < 1.0,
        "the second document starts at its top: {second_top} vs {top_y}"
    );
}

#[test]
fn save_as_proposes_the_files_own_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("s1.qb.ron");
    save_project(&Project::from_text("Some title", "Some words.", "me"), &path).expect("save");
    let mut app = QuotebenchApp::with_sample();
    app.use_in_app_dialogs();
    let mut h = harness(app);
    h.run();
    h.state_mut().open_path(&path);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    let proposed = h.state().path_prompt_text().expect("Save As asks for a path");
    assert_eq!(proposed, path.display().to_string());

    // A project never saved is named after its title.
    let mut h = harness({
        let mut app = QuotebenchApp::with_workspace(Workspace::new(
            Project::from_text("Some title", "Some words.", "me"),
            None,
        ));
        app.use_in_app_dialogs();
        app
    });
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    let proposed = h.state().path_prompt_text().expect("Save As asks for a path");
    assert!(proposed.ends_with("some-title.qb.ron"), "{proposed}");
}

#[test]
fn a_long_status_message_fits_the_window_and_shows_in_full_on_hover() {
    let dir = tempfile::tempdir().expect("temp dir");
    let deep = dir
        .path()
        .join("a folder with a long name that keeps going for a while")
        .join("and another folder inside it whose name is long as well");
    std::fs::create_dir_all(&deep).expect("dirs");
    let path = deep.join("the project with the longest name you have seen today.qb.ron");
    save_project(&Project::from_text("Long", "Some words.", "me"), &path).expect("save");
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    h.state_mut().open_path(&path);
    h.run();
    let message = h.state().message().to_string();
    assert!(message.starts_with("Opened "), "{message}");

    let status = h.get_by_label_contains("Opened ");
    let rect = status.rect();
    assert!(
        rect.max.x <= WIDTH + 0.5,
        "the status message ends inside the window: {rect:?}"
    );
    status.hover();
    h.run();
    h.run();
    // The tooltip holds the whole message, file name and all.
    let full = h
        .query_all_by_label_contains("the longest name you have seen today.qb.ron")
        .count();
    assert!(full >= 1, "the full message shows on hover");
}

fn unsaved_at(path: std::path::PathBuf) -> QuotebenchApp {
    let mut ws = Workspace::new(Project::from_text("Notes", "Some words here.", "me"), Some(path));
    ws.history.mark_unsaved();
    let mut app = QuotebenchApp::with_workspace(ws);
    app.use_in_app_dialogs();
    app
}

#[test]
fn the_title_loses_its_unsaved_mark_once_the_save_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.qb.ron");
    let mut h = harness(unsaved_at(path.clone()));
    h.run();
    assert!(h.state().title().starts_with("● "), "{}", h.state().title());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.step();
    finish_save(&mut h);
    assert!(!h.state().title().starts_with("● "), "{}", h.state().title());
    assert!(
        h.state().title().starts_with("notes.qb.ron"),
        "{}",
        h.state().title()
    );
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    let back = quotebench::format::load_project(&path).expect("written");
    assert_eq!(back.project.documents[0].text(), "Some words here.");
}

#[test]
fn save_then_open_waits_for_the_save_and_stops_when_it_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("no-such-folder").join("notes.qb.ron");
    let mut h = harness(unsaved_at(bad));
    h.run();
    // Ctrl+O with unsaved work: the guard asks; choose Save.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("Unsaved changes");
    h.get_by_label("Save").click();
    h.step();
    finish_save(&mut h);
    let err = h.state().error().expect("the failed save is shown");
    assert!(err.contains("not saved"), "{err}");
    assert!(h.state().ws().is_dirty(), "the work is kept");
    assert!(
        !h.state().path_prompt_open(),
        "Open does not go on after a failed save"
    );
    assert!(h.state().title().starts_with("● "));

    // The same with a good path: Open goes on once the file is written.
    let good = dir.path().join("notes.qb.ron");
    let mut h = harness(unsaved_at(good.clone()));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("Save").click();
    h.step();
    finish_save(&mut h);
    assert!(good.exists());
    assert!(!h.state().ws().is_dirty());
    assert!(h.state().path_prompt_open(), "Open goes on after the save");
}

/// Undo and redo go to the document they changed, select what they changed
/// and scroll it into view.
#[test]
fn undo_and_redo_show_the_change() {
    let mut p = Project::from_text("Two long articles", &long_text("First", 200), "me");
    p.documents.push(Document::new(
        "second",
        "Second article",
        long_text("Second", 200),
    ));
    let mut h = harness(QuotebenchApp::with_workspace(Workspace::new(p, None)));
    h.run();
    // Tag a phrase far down the first document.
    let text = h.state().ws().document().expect("doc").text().to_string();
    let byte = text.find("First paragraph 190:").expect("in the text");
    let start = text[..byte].chars().count();
    h.state_mut().ws_mut().selection = Some(quotebench::ui::Selection {
        anchor: start,
        head: start + "First paragraph 190".chars().count(),
    });
    h.key_press(Key::Q);
    h.run();
    let id = h
        .state()
        .ws()
        .selected
        .clone()
        .expect("the new quote is selected");

    // Go to the second document, then undo there: back to the first.
    h.get_by_label_contains("Second article").click();
    h.run();
    assert_eq!(h.state().ws().doc, 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().ws().doc, 0, "undo goes to the document it changed");
    assert!(
        h.state().message().starts_with("Undid"),
        "{}",
        h.state().message()
    );

    // Redo: the quote is back, selected and on screen.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    for _ in 0..4 {
        h.run();
    }
    assert_eq!(h.state().ws().selected.as_deref(), Some(id.as_str()));
    let y = h
        .state()
        .view()
        .screen_pos_of_char(start)
        .expect("the change is laid out")
        .y;
    assert!((0.0..700.0).contains(&y), "scrolled into view: y = {y}");
}

/// Every command can be found by a user: its label is in the menu the table
/// names (opened here), or, for keys-only commands, in the keyboard
/// reference (F1). Derived from `Command::ALL`, so a new command is checked
/// without editing this test.
#[test]
fn every_command_is_in_a_menu_or_the_keyboard_reference() {
    use quotebench::ui::commands::{Command, Menu};
    let mut found = std::collections::HashSet::new();
    for (menu, title) in Menu::BAR {
        // A fresh window per menu: one menu open at a time.
        let mut h = harness(QuotebenchApp::with_sample());
        h.run();
        h.get_by_label(title).click();
        h.run();
        for c in Command::ALL.iter().filter(|c| c.info().menu == menu) {
            // A menu item's text is its label and its shortcut.
            if h.query_all_by_label_contains(c.info().label).next().is_some() {
                found.insert(*c);
            }
        }
    }
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    h.key_press(Key::F1);
    h.run();
    // The window's title, and its own row (F1).
    assert!(h.query_all_by_label("Keyboard reference").count() >= 2);
    for c in Command::ALL {
        if c.info().shortcut.is_some() && h.query_all_by_label(c.info().label).next().is_some() {
            found.insert(c);
        }
    }
    let missing: Vec<_> = Command::ALL.iter().filter(|c| !found.contains(c)).collect();
    assert!(
        missing.is_empty(),
        "not in any menu or the keyboard reference: {missing:?}"
    );
}
