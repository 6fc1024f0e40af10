//! kittest: the file-changed dialog in the window, with a real file changed
//! on disk between frames (issue 11, items 2 and 4). A colleague changes
//! only the title; the window has unsaved edits (a new annotation and a
//! note). The dialog tells the two apart; Reload says what it drops, is one
//! undoable step and keeps the window's version in a recovery file; Merge
//! takes both.
#![cfg(feature = "gui")]

mod common;
use common::finish_save;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::format::{RecoveryStore, load_project, save_project};
use quotebench::model::{Edit, Project};
use quotebench::ui::{QuotebenchApp, Selection};

// Latin only: the test window's fonts have no CJK or emoji glyphs (kittest
// refuses to draw them); tests/three_way.rs covers emoji and CJK offsets.
const TEXT: &str = "Alpha, said Ümit Öztürk: \"Wir schaffen das\" in Köln.";

struct Setup {
    _dir: tempfile::TempDir,
    data: tempfile::TempDir,
    path: std::path::PathBuf,
    h: Harness<'static, QuotebenchApp>,
    /// The window's version before the dialog.
    window: Project,
}

/// The file with one quote; the window opens it, tags "Alpha" and writes a
/// note on the quote (unsaved); then a colleague retitles the file on disk.
fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = tempfile::tempdir().expect("data dir");
    let path = dir.path().join("shared.qb.ron");
    let p = common::one_document(
        "me",
        "d1",
        TEXT,
        vec![common::span(TEXT, "q1", "Quote", "Wir schaffen das")],
        vec![],
    );
    save_project(&p, &path).expect("save");

    let mut app = QuotebenchApp::with_sample();
    app.enable_recovery(RecoveryStore::new(data.path()));
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .build_eframe(move |_cc| app);
    h.run();
    h.state_mut().open_path(&path);
    h.run();
    // Tag "Alpha" with the Cue key, as a drag and a key press would.
    h.state_mut().ws_mut().selection = Some(Selection { anchor: 0, head: 5 });
    h.run();
    h.key_press(Key::C);
    h.run();
    // A note on the quote, as the inspector writes it.
    let mut q = h.state().ws().project.documents[0]
        .annotation("q1")
        .expect("q1")
        .clone();
    q.note = "check the Köln source".into();
    h.state_mut()
        .ws_mut()
        .perform(
            Edit::ReplaceAnnotation {
                doc: 0,
                annotation: q,
            },
            "Note",
            None,
        )
        .expect("note");
    h.run();
    assert!(h.state().ws().is_dirty());
    let window = h.state().ws().project.clone();

    // The colleague changes only the title and saves the same file.
    let mut theirs = load_project(&path).expect("load").project;
    let mut d = theirs.documents[0].clone();
    d.title = "Merkel, retitled".into();
    theirs.documents[0] = d;
    save_project(&theirs, &path).expect("their save");
    Setup {
        _dir: dir,
        data,
        path,
        h,
        window,
    }
}

fn disk(s: &Setup) -> Project {
    load_project(&s.path).expect("disk").project
}

/// Ctrl+S, which finds the file changed and opens the dialog.
fn save_into_the_dialog(h: &mut Harness<'_, QuotebenchApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("The file changed on disk");
}

#[test]
fn the_dialog_tells_the_colleagues_change_from_the_windows_own() {
    let mut s = setup();
    save_into_the_dialog(&mut s.h);
    s.h.get_by_label("on disk: title changed");
    s.h.get_by_label("in this window: 1 annotation added, 1 note changed");
    assert!(
        s.h.query_by_label_contains("removed").is_none(),
        "the window's own addition is not blamed on the disk"
    );
}

#[test]
fn reload_says_what_it_drops_is_undoable_and_keeps_a_recovery_file() {
    let mut s = setup();
    let theirs = disk(&s);
    save_into_the_dialog(&mut s.h);
    s.h.get_by_label_contains("your 2 unsaved changes: 1 annotation added, 1 note changed will be dropped");
    s.h.get_by_label("Reload").click();
    s.h.run();
    assert!(s.h.query_by_label("The file changed on disk").is_none());
    assert_eq!(s.h.state().ws().project, theirs, "the file's version");
    assert!(!s.h.state().ws().is_dirty(), "the window matches the file");
    assert_eq!(disk(&s), theirs, "the file is untouched");

    // The window's version is kept in a recovery file, not deleted.
    let store = RecoveryStore::new(s.data.path());
    let kept: Vec<Project> = store.list().iter().filter_map(|e| store.load(e).ok()).collect();
    assert!(
        kept.contains(&s.window),
        "a recovery file holds the window's version ({} files)",
        kept.len()
    );

    // Ctrl+Z brings the window's version back.
    s.h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    s.h.run();
    assert!(
        !s.h.state().message().contains("Nothing to undo"),
        "{}",
        s.h.state().message()
    );
    assert_eq!(s.h.state().ws().project, s.window, "the window's version is back");
    assert!(s.h.state().ws().is_dirty());
    // And the recovery file is still there after more frames.
    s.h.run();
    let kept: Vec<Project> = store.list().iter().filter_map(|e| store.load(e).ok()).collect();
    assert!(kept.contains(&s.window));
}

#[test]
fn merge_takes_the_colleagues_title_and_the_windows_edits_as_one_step() {
    let mut s = setup();
    let theirs = disk(&s);
    save_into_the_dialog(&mut s.h);
    s.h.get_by_label_contains("they touch different things");
    s.h.get_by_label("Merge").click();
    s.h.run();
    let merged = s.h.state().ws().project.clone();
    let d = &merged.documents[0];
    assert_eq!(d.title, "Merkel, retitled", "the colleague's title");
    assert_eq!(
        d.annotation("q1").map(|a| a.note.as_str()),
        Some("check the Köln source")
    );
    assert_eq!(d.annotation_count(), 2, "the window's new tag is kept");
    assert!(s.h.state().ws().is_dirty(), "the merge is not on disk yet");

    // One undoable step: Ctrl+Z gives the window's version, Ctrl+Y the merge.
    s.h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    s.h.run();
    assert_eq!(s.h.state().ws().project, s.window);
    s.h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    s.h.run();
    assert_eq!(s.h.state().ws().project, merged);

    // Saving now writes the merge without asking again.
    s.h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    finish_save(&mut s.h);
    assert!(s.h.query_by_label("The file changed on disk").is_none());
    assert!(!s.h.state().ws().is_dirty());
    assert_eq!(disk(&s), merged);
    assert_ne!(disk(&s), theirs);
}

#[test]
fn when_both_changed_one_annotation_merge_keeps_the_windows_and_says_so() {
    let mut s = setup();
    // The colleague also rewrote the quote's note.
    let mut theirs = disk(&s);
    let mut q = theirs.documents[0].annotation("q1").expect("q1").clone();
    q.note = "theirs: ask Öztürk".into();
    Edit::ReplaceAnnotation {
        doc: 0,
        annotation: q,
    }
    .apply(&mut theirs)
    .expect("their note");
    save_project(&theirs, &s.path).expect("their save");
    save_into_the_dialog(&mut s.h);
    s.h.get_by_label("on disk: title changed, 1 note changed");
    s.h.get_by_label_contains(
        "both changed 1 item, where this window's version is kept: annotation q1 in d1",
    );
    s.h.get_by_label("Merge").click();
    s.h.run();
    let d = &s.h.state().ws().project.documents[0];
    assert_eq!(d.title, "Merkel, retitled");
    assert_eq!(
        d.annotation("q1").map(|a| a.note.as_str()),
        Some("check the Köln source")
    );
    assert!(
        s.h.state().message().contains("yours is kept"),
        "{}",
        s.h.state().message()
    );
}
