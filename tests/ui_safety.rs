//! kittest tests of work never being lost in the window: the recovery file
//! after a crash, the on-disk change check before saving, the lock warning.
#![cfg(feature = "gui")]

mod common;
use common::harness;

use common::finish_save;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::format::{RecoveryStore, load_project, read_journal, save_project};
use quotebench::model::{Annotation, Edit, Fragment, Project};
use quotebench::ui::{QuotebenchApp, Selection, Workspace};

fn tag_first_word(h: &mut Harness<'_, QuotebenchApp>) -> String {
    h.state_mut().ws_mut().selection = Some(Selection { anchor: 0, head: 5 });
    h.run();
    h.key_press(Key::C);
    h.run();
    h.state().ws().selected.clone().expect("tagged")
}

/// Runs frames (the window keeping its focus) until the journal holds the
/// project's latest change; the append runs on the writer thread.
fn until_journaled(h: &mut Harness<'_, QuotebenchApp>) {
    for _ in 0..2000 {
        let changes = h.state().ws().history.change_count();
        if h.state().safekeeping().journaled_changes() == Some(changes) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    panic!("the edit was never journaled");
}

/// The records in the window's one journal.
fn records(store: &RecoveryStore) -> usize {
    let entries = store.list();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let bytes = std::fs::read(&entries[0].path).expect("journal");
    read_journal(&bytes).expect("a journal").records
}

#[test]
fn an_edit_is_journaled_at_once_and_a_new_window_restores_it() {
    let data = tempfile::tempdir().expect("temp dir");
    let store = RecoveryStore::new(data.path());
    let mut app = QuotebenchApp::with_sample();
    app.enable_recovery(RecoveryStore::new(data.path()));
    let mut h = harness(app);
    h.run();
    assert!(store.list().is_empty(), "nothing to keep before an edit");
    let id = tag_first_word(&mut h);
    // The window keeps its focus and no time passes: the journal holds the
    // edit anyway, as soon as the writer thread has appended it.
    assert!(h.ctx.input(|i| i.focused), "the window has focus");
    until_journaled(&mut h);
    let entries = store.list();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(
        store.load(&entries[0]).expect("replays"),
        h.state().ws().project,
        "the journal holds the edit"
    );
    let before = records(&store);

    // Two edits in one frame make one record.
    let doc = h.state().ws().doc;
    for note in ["first note", "second note"] {
        let mut a = h
            .state()
            .ws()
            .document()
            .expect("doc")
            .annotation(&id)
            .expect("tagged")
            .clone();
        a.note = note.into();
        h.state_mut()
            .ws_mut()
            .perform(Edit::ReplaceAnnotation { doc, annotation: a }, "Note", None)
            .expect("note");
    }
    h.step();
    until_journaled(&mut h);
    assert_eq!(
        records(&store),
        before + 1,
        "one record for the frame's two edits"
    );
    let crashed = h.state().ws().project.clone();
    assert_eq!(store.load(&store.list()[0]).expect("replays"), crashed);
    drop(h); // a crash: nothing is discarded

    // A new window: the restore offer shows when and what. (The writer was
    // this test process, which is still alive, so the offer is made by hand
    // as a later start would; tests/recovery_windows.rs kills a real window.)
    let mut app = QuotebenchApp::with_sample();
    app.enable_recovery(RecoveryStore::new(data.path()));
    assert!(
        app.recovery_offered().is_empty(),
        "a running instance's file is not offered"
    );
    app.offer_recovery(store.list());
    let mut h = harness(app);
    h.run();
    h.get_by_label("Restore unsaved work?");
    // The sample's counts plus the tag (derived: the sample may be regenerated).
    let annotations: usize = crashed.documents.iter().map(|d| d.annotation_count()).sum();
    let docs = crashed.documents.len();
    let docs = format!("{docs} document{}", if docs == 1 { "" } else { "s" });
    h.get_by_label_contains(&format!("{docs}, {annotations} annotations"));
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(h.state().ws().project, crashed);
    let restored = h
        .state()
        .ws()
        .document()
        .expect("doc")
        .annotation(&id)
        .expect("the tag");
    assert_eq!(restored.note, "second note");
    assert!(h.state().ws().is_dirty(), "restored work is unsaved until saved");
    // The work stays recoverable until it is saved.
    assert_eq!(store.list().len(), 1);
}

#[test]
fn declining_keeps_the_recovery_file_until_discarded() {
    let data = tempfile::tempdir().expect("temp dir");
    let store = RecoveryStore::new(data.path());
    let p = Project::from_text("Lost", "Unsaved words.", "me");
    store
        .write(&quotebench::format::RecoveryKey::unsaved(), &p, None)
        .expect("write");
    let entries = store.list();
    assert_eq!(entries.len(), 1);

    let mut app = QuotebenchApp::with_sample();
    app.enable_recovery(RecoveryStore::new(data.path()));
    // This process is alive, so its own file is not offered; force the offer as a later start would.
    app.offer_recovery(entries);
    let mut h = harness(app);
    h.run();
    h.get_by_label("Later").click();
    h.run();
    assert!(h.query_by_label("Restore unsaved work?").is_none());
    assert_eq!(store.list().len(), 1, "kept after Later");
    h.state_mut().reopen_recovery();
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    assert!(store.list().is_empty(), "gone after Discard");
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shared.qb.ron");
    let mut p = Project::from_text("Shared", "Alpha beta gamma delta.", "me");
    save_project(&p, &path).expect("save");
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    h.state_mut().open_path(&path);
    h.run();
    tag_first_word(&mut h);

    // A colleague adds an annotation and saves the same file.
    let theirs = Annotation {
        id: "colleague-1".into(),
        label: "Quote".into(),
        fragments: vec![Fragment {
            start: 6,
            end: 10,
            text: "beta".into(),
        }],
        attributes: Default::default(),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        annotators: Vec::new(),
        origin: None,
    };
    Edit::AddAnnotation {
        doc: 0,
        annotation: theirs,
    }
    .apply(&mut p)
    .expect("add");
    save_project(&p, &path).expect("their save");

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("The file changed on disk");
    // Their addition is theirs, the window's own unsaved tag is the window's
    // (not "1 removed" on disk: compared with the version the window opened).
    h.get_by_label("on disk: 1 annotation added");
    h.get_by_label("in this window: 1 annotation added");
    assert!(h.state().ws().is_dirty(), "nothing saved yet");
    assert_eq!(
        load_project(&path).expect("theirs").project,
        p,
        "their file untouched"
    );

    h.get_by_label("Overwrite").click();
    h.step();
    finish_save(&mut h);
    assert!(!h.state().ws().is_dirty());
    assert_eq!(load_project(&path).expect("ours").project, h.state().ws().project);
    assert_eq!(
        load_project(&quotebench::format::backup_path(&path))
            .expect("bak")
            .project,
        p,
        "their version kept as .bak"
    );
}

#[test]
fn a_second_window_on_the_same_project_warns() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("busy.qb.ron");
    save_project(&Project::from_text("Busy", "Some text.", "me"), &path).expect("save");
    let mut first = QuotebenchApp::with_workspace(Workspace::new(Project::default(), None));
    first.open_path(&path);
    assert!(first.notice().is_none());
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    h.state_mut().open_path(&path);
    h.run();
    h.get_by_label("Please note");
    h.get_by_label_contains("already open in another Quotebench");
    drop(first);
}
