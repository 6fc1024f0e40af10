//! kittest tests of the recovery file in the window (issue 11): written
//! while the window runs no frames (hidden), restored as one undoable step,
//! the prompt in local time and counted right, "Later" keeping the offered
//! file while new work goes to a new one.
#![cfg(feature = "gui")]

mod common;
use common::harness;

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use quotebench::format::{RecoveryKey, RecoveryStore, load_project, save_project};
use quotebench::model::{Annotation, Edit, Fragment, Project};
use quotebench::ui::modals::restore::local_time;
use quotebench::ui::{QuotebenchApp, Selection};

fn quote(id: &str, text: &str, start: usize, end: usize) -> Annotation {
    Annotation {
        id: id.into(),
        label: "Quote".into(),
        fragments: vec![Fragment {
            start,
            end,
            text: text.chars().skip(start).take(end - start).collect(),
        }],
        attributes: Default::default(),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        annotators: Vec::new(),
        origin: None,
    }
}

/// A one-document project saved at `path`, and the same with one quote more.
fn saved_and_edited(path: &Path) -> (Project, Project) {
    let text = "Alpha beta gamma delta.";
    let saved = Project::from_text("Piece", text, "me");
    save_project(&saved, path).expect("save");
    let mut edited = saved.clone();
    Edit::AddAnnotation {
        doc: 0,
        annotation: quote("q-lost", text, 6, 10),
    }
    .apply(&mut edited)
    .expect("add");
    (saved, edited)
}

/// Waits (a bounded poll, no frames) until `store` holds `n` files.
fn wait_for_files(store: &RecoveryStore, n: usize) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if store.list().len() == n {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

#[test]
fn a_hidden_window_writes_its_recovery_file_without_another_frame() {
    let data = tempfile::tempdir().expect("temp dir");
    let store = RecoveryStore::new(data.path());
    let mut app = QuotebenchApp::with_sample();
    app.enable_recovery(RecoveryStore::new(data.path()));
    let mut h = harness(app);
    h.run();
    h.state_mut().ws_mut().selection = Some(Selection { anchor: 0, head: 5 });
    h.run();
    // One frame with the Quote key going down (a press is two events, so
    // two frames), then the window is hidden: no frame runs.
    h.key_down(Key::C);
    h.step();
    let tagged = h.state().ws().project.clone();
    assert!(h.state().ws().is_dirty(), "the key tagged the selection");

    assert!(wait_for_files(&store, 1), "no recovery file while no frame ran");
    let entries = store.list();
    assert_eq!(store.load(&entries[0]).expect("load"), tagged);
    assert!(
        h.state().safekeeping().last_write.is_none(),
        "no frame has run to see the write: the timer wrote it"
    );
}

#[test]
fn restoring_is_one_undoable_step_and_the_prompt_says_local_time_and_1_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("piece.qb.ron");
    let (saved, edited) = saved_and_edited(&path);
    let store = RecoveryStore::new(dir.path().join("recovery"));
    store
        .write(&RecoveryKey::for_window(Some(&path)), &edited, Some(&path))
        .expect("write");
    let entries = store.list();
    let info = entries[0].info().expect("readable").clone();

    let mut app = QuotebenchApp::with_sample();
    app.enable_recovery(store.clone());
    // This process wrote it and is alive: offer it as a later start would.
    app.offer_recovery(entries);
    let mut h = harness(app);
    h.run();
    h.get_by_label_contains("1 document, 1 annotation");
    let local = local_time(info.saved_at_unix, &jiff::tz::TimeZone::system());
    h.get_by_label_contains(&format!("saved {local} ·"));
    assert!(
        h.query_by_label_contains(&info.saved_at).is_none(),
        "not the raw UTC stamp {}",
        info.saved_at
    );

    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(h.state().ws().project, edited, "the recovered work");
    assert!(h.state().ws().is_dirty());
    assert_eq!(h.state().ws().path.as_deref(), Some(path.as_path()));

    // Ctrl+Z: the file as it was opened, and nothing unsaved.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().ws().project, saved);
    assert_eq!(load_project(&path).expect("disk").project, saved);
    assert!(!h.state().ws().is_dirty(), "back to what is on disk");
    // And redo (Ctrl+Y) brings the recovered work back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().ws().project, edited);
}

#[test]
fn later_keeps_the_offered_file_and_new_work_goes_to_a_new_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("piece.qb.ron");
    let (_, edited) = saved_and_edited(&path);
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let offered = store
        .write(&RecoveryKey::for_window(Some(&path)), &edited, Some(&path))
        .expect("write");
    let offered_bytes = std::fs::read(&offered).expect("read");

    let mut app = QuotebenchApp::with_sample();
    app.enable_recovery_every(store.clone(), Duration::from_millis(100));
    app.open_path(&path);
    app.offer_recovery(store.list());
    let mut h = harness(app);
    h.run();
    h.get_by_label("Later").click();
    h.run();
    assert!(h.query_by_label("Restore unsaved work?").is_none());

    // New work in this window: journaled at once.
    h.state_mut().ws_mut().selection = Some(Selection { anchor: 0, head: 5 });
    h.run();
    h.key_press(Key::C);
    h.run();
    assert!(wait_for_files(&store, 2), "the new work in a file of its own");
    assert_eq!(
        std::fs::read(&offered).expect("still there"),
        offered_bytes,
        "the offered file is not written over"
    );
    let new_work = store
        .list()
        .into_iter()
        .find(|e| e.path != offered)
        .expect("the new file");
    assert_eq!(store.load(&new_work).expect("load"), h.state().ws().project);
    // Offered again when asked.
    assert_eq!(h.state().recovery_offered().len(), 1);
}
