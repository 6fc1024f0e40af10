//! Document progress and relation attributes in the window (issue 13):
//! Ctrl+M cycles the status, undone and saved; the document inspector sets
//! the status and adds, changes and removes attributes, saved and reopened;
//! the documents list filters by status; the status bar says "N of M
//! done"; a relation attribute is edited in the inspector and undone.
#![cfg(feature = "gui")]

mod common;
use common::finish_save;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::format::{load_project, parse_project};
use quotebench::model::Status;
use quotebench::ui::{QuotebenchApp, Workspace};

const V3: &str = include_str!("fixtures/progress/v3.qb.ron");

/// The version-3 fixture (documents in progress, done, new) opened from a
/// file in a scratch folder.
fn open_fixture(dir: &std::path::Path) -> (Harness<'static, QuotebenchApp>, std::path::PathBuf) {
    let path = dir.join("p.qb.ron");
    // The test harness has no Arabic font (the emoji font is installed as
    // the window installs it): the topic in Latin letters here.
    std::fs::write(&path, V3.replace("حكومة", "gouvernement")).expect("write");
    let project = load_project(&path).expect("opens").project;
    let app = QuotebenchApp::with_workspace(Workspace::new(project, Some(path.clone())));
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .build_eframe(move |cc| {
            quotebench::ui::fonts::install(&cc.egui_ctx);
            app
        });
    h.run();
    (h, path)
}

fn status(h: &Harness<'_, QuotebenchApp>) -> Status {
    h.state().ws().document().expect("doc").status()
}

fn ctrl(h: &mut Harness<'_, QuotebenchApp>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.run();
}

fn save(h: &mut Harness<'_, QuotebenchApp>) {
    ctrl(h, Key::S);
    finish_save(h);
    assert!(!h.state().ws().is_dirty(), "saved: {}", h.state().message());
}

#[test]
fn ctrl_m_cycles_the_status_undoably_and_it_is_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, path) = open_fixture(dir.path());
    assert_eq!(status(&h), Status::InProgress);
    h.get_by_label("1 of 3 done");

    ctrl(&mut h, Key::M);
    assert_eq!(status(&h), Status::Done);
    assert_eq!(h.state().message(), "Set status to done");
    h.get_by_label("2 of 3 done");
    assert!(h.query_by_label("1 of 3 done").is_none());

    ctrl(&mut h, Key::Z);
    assert_eq!(status(&h), Status::InProgress, "undone");
    h.get_by_label("1 of 3 done");
    ctrl(&mut h, Key::Y);
    assert_eq!(status(&h), Status::Done, "{}", h.state().message());
    ctrl(&mut h, Key::M);
    assert_eq!(status(&h), Status::NeedsReview);

    save(&mut h);
    let text = std::fs::read_to_string(&path).expect("saved file");
    assert!(text.contains("status: needs_review,"), "{text}");
    let reopened = parse_project(&text, "p").expect("reopens").project;
    assert_eq!(reopened.documents[0].status(), Status::NeedsReview);
    assert_eq!(reopened.documents[1].status(), Status::Done, "others untouched");
}

#[test]
fn document_inspector_sets_status_and_attributes_each_undoable_and_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, path) = open_fixture(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    h.run();
    h.get_by_label("Document");

    // The status, by a click.
    h.get_by_label("needs review").click();
    h.run();
    assert_eq!(status(&h), Status::NeedsReview);

    // Add topic = élection 🌳 (the existing "topic" is changed: "Change").
    h.get_by(|n: &egui_kittest::kittest::AccessKitNode<'_>| n.placeholder() == Some("key"))
        .focus();
    h.run();
    h.get_by(|n: &egui_kittest::kittest::AccessKitNode<'_>| n.placeholder() == Some("key"))
        .type_text("desk");
    h.run();
    h.get_by(|n: &egui_kittest::kittest::AccessKitNode<'_>| n.placeholder() == Some("value"))
        .focus();
    h.run();
    h.get_by(|n: &egui_kittest::kittest::AccessKitNode<'_>| n.placeholder() == Some("value"))
        .type_text("élection 🌳");
    h.run();
    h.get_by_label("Add").click();
    h.run();
    let d = h.state().ws().document().expect("doc");
    assert_eq!(d.attribute("desk"), Some("élection 🌳"));

    // Change one: typing into its field.
    let politics = |n: &egui_kittest::kittest::AccessKitNode<'_>| {
        n.role() == egui::accesskit::Role::TextInput && n.value().as_deref() == Some("Politics")
    };
    h.get_by(politics).focus();
    h.run();
    h.key_press(Key::End);
    h.run();
    h.get_by(politics).type_text(" & society");
    h.run();
    assert_eq!(
        h.state().ws().document().expect("doc").attribute("section"),
        Some("Politics & society")
    );
    h.key_press(Key::Escape);
    h.run();

    // Remove one: the × of "topic" (attributes are listed by key: desk,
    // section, topic).
    let removes: Vec<_> = h.get_all_by_label("×").collect();
    assert_eq!(removes.len(), 3, "one × per attribute");
    removes[2].click();
    h.run();
    let d = h.state().ws().document().expect("doc");
    assert_eq!(d.attribute("topic"), None);

    // Each change is one undo step: undo the removal, then the change.
    ctrl(&mut h, Key::Z);
    assert_eq!(
        h.state().ws().document().expect("doc").attribute("topic"),
        Some("gouvernement")
    );
    ctrl(&mut h, Key::Z);
    assert_eq!(
        h.state().ws().document().expect("doc").attribute("section"),
        Some("Politics")
    );
    ctrl(&mut h, Key::Y);

    save(&mut h);
    let reopened = load_project(&path).expect("reopens").project;
    let d = &reopened.documents[0];
    assert_eq!(d.status(), Status::NeedsReview);
    assert_eq!(d.attribute("desk"), Some("élection 🌳"));
    assert_eq!(d.attribute("section"), Some("Politics & society"));
    assert_eq!(d.attribute("topic"), Some("gouvernement"));
}

#[test]
fn documents_list_shows_status_and_counts_and_filters_by_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = open_fixture(dir.path());
    for title in ["One (2)", "Two (0)", "Three (0)"] {
        h.get_by_label(title);
    }
    // The counts per label of each document.
    assert!(h.get_all_by_label("Quote 1").count() >= 1);
    h.get_by_label("Done 1").click();
    h.run();
    h.get_by_label("Two (0)");
    assert!(h.query_by_label("One (2)").is_none(), "only the done one");
    assert!(h.query_by_label("Three (0)").is_none());
    h.get_by_label("Needs review 0").click();
    h.run();
    h.get_by_label("No document has this status.");
    h.get_by_label("All 3").click();
    h.run();
    h.get_by_label("One (2)");
    h.get_by_label("Three (0)");
}

#[test]
fn a_relation_attribute_is_edited_in_the_inspector_and_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = open_fixture(dir.path());
    h.state_mut().ws_mut().select_annotation(Some("q1".into()));
    h.run();
    let certainty = |h: &Harness<'_, QuotebenchApp>| {
        h.state()
            .ws()
            .document()
            .and_then(|d| d.relation("r1"))
            .and_then(|r| r.attribute("certainty"))
            .map(str::to_owned)
    };
    assert_eq!(certainty(&h).as_deref(), Some("likely"));
    // The tag set's values are offered in a list.
    h.get_by_value("likely").click();
    h.run();
    h.get_by_label("certain").click();
    h.run();
    assert_eq!(certainty(&h).as_deref(), Some("certain"));
    ctrl(&mut h, Key::Z);
    assert_eq!(
        certainty(&h).as_deref(),
        Some("likely"),
        "{}",
        h.state().message()
    );
    assert!(
        h.state().message().contains("certainty"),
        "{}",
        h.state().message()
    );
    // The free-text attribute is there with its value.
    h.get_by_value("the 👩\u{200d}👩\u{200d}👧 committee");
}
