//! kittest tests of the panels and windows: inspector attributes and links,
//! the tag set editor, drag and drop, documents list, problems, save errors,
//! theme.
#![cfg(feature = "gui")]

mod common;

use common::finish_save;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::model::{Document, Project, names};
use quotebench::ui::{QuotebenchApp, Selection, Workspace};

fn harness(app: QuotebenchApp) -> Harness<'static, QuotebenchApp> {
    // Emoji and CJK render as tofu boxes here (no system fonts in tests); offsets are what matters.
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .allow_missing_glyphs()
        .build_eframe(move |_cc| app)
}

/// The text field holding `value` (combo boxes may show the same value).
fn text_field<'a>(h: &'a Harness<'_, QuotebenchApp>, value: &'a str) -> egui_kittest::Node<'a> {
    h.get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.value().as_deref() == Some(value))
        .expect("a text field with that value")
}

fn small_project() -> Project {
    Project::from_text(
        "Test",
        "Ms Dick said she would “act now” in London.\n\nAnd more text 😀 here.",
        "tester",
    )
}

fn tag(h: &mut Harness<'_, QuotebenchApp>, start: usize, end: usize, key: Key) -> String {
    h.state_mut().ws_mut().selection = Some(Selection {
        anchor: start,
        head: end,
    });
    h.run();
    h.key_press(key);
    h.run();
    h.state()
        .ws()
        .selected
        .clone()
        .expect("tagging selects the new annotation")
}

#[test]
fn inspector_sets_attributes_and_links_quote_to_speaker() {
    let mut h = harness(QuotebenchApp::with_workspace(Workspace::new(
        small_project(),
        None,
    )));
    h.run();
    let speaker = tag(&mut h, 0, 7, Key::S); // "Ms Dick"
    // The person attribute is a text field: type the canonical name.
    h.get_by_label("person").hover();
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .nth(1)
        .expect("person field");
    field.focus();
    h.run();
    h.event(egui::Event::Text("Cressida Dick".into()));
    h.run();
    let d = h.state().ws().document().expect("doc");
    assert_eq!(
        d.annotation(&speaker).and_then(|a| a.attribute(names::PERSON)),
        Some("Cressida Dick")
    );
    // Typing is one undo step.
    h.key_press(Key::Escape);
    h.run();

    let quote = tag(&mut h, 24, 31, Key::Q); // "act now"
    // Quote kind from the combo box.
    h.get_by_value("—").click();
    h.run();
    h.get_by_label("direct").click();
    h.run();
    let d = h.state().ws().document().expect("doc");
    assert_eq!(
        d.annotation(&quote).and_then(|a| a.attribute(names::KIND)),
        Some("direct")
    );
    // Link from the inspector's list of speakers.
    h.get_by_value("Link to a Speaker…").click();
    h.run();
    h.get_by_label("Ms Dick (Cressida Dick)").click();
    h.run();
    let d = h.state().ws().document().expect("doc");
    assert_eq!(d.person_of_quote(&quote).as_deref(), Some("Cressida Dick"));
    // The people panel lists her with one quote.
    h.get_by_label("Cressida Dick (1)");
    // Undo the link, the kind, the quote; then the person's typing in one step.
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    let d = h.state().ws().document().expect("doc");
    assert!(d.annotation(&quote).is_none());
    assert_eq!(
        d.annotation(&speaker).and_then(|a| a.attribute(names::PERSON)),
        Some("Cressida Dick")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let d = h.state().ws().document().expect("doc");
    assert_eq!(
        d.annotation(&speaker).and_then(|a| a.attribute(names::PERSON)),
        None
    );
}

#[test]
fn tag_set_editor_renames_a_label_and_its_annotations() {
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    let claims = |h: &Harness<'_, QuotebenchApp>, l: &str| {
        h.state()
            .ws()
            .document()
            .expect("doc")
            .annotations()
            .filter(|a| a.label == l)
            .count()
    };
    // As many as the sample has (it may be regenerated).
    let before = claims(&h, "Claim");
    assert!(before > 0, "the sample has claims");
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    h.get_by_label("Tag set");
    let field = text_field(&h, "Claim");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Fact".into()));
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    assert_eq!(claims(&h, "Claim"), 0);
    assert_eq!(claims(&h, "Fact"), before);
    assert!(h.state().ws().project.tagset.label("Fact").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(claims(&h, "Claim"), before);
}

#[test]
fn tag_set_editor_refuses_a_clashing_key() {
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    let field = text_field(&h, "l");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("q".into()));
    h.run();
    h.get_by_label_contains("key \"q\" is used by two labels");
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_text_file_opens_it_as_a_new_project() {
    let dir = tempfile::tempdir().expect("temp dir");
    let txt = dir.path().join("article.txt");
    std::fs::write(&txt, "\u{feff}Headline here\r\nBody “quoted” text.\r\n").expect("write");
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    h.input_mut().dropped_files.push(Arc::new(Dropped(txt)));
    h.run();
    let ws = &h.state().ws();
    let d = ws.document().expect("doc");
    assert_eq!(
        d.text(),
        "Headline here\nBody “quoted” text.\n",
        "BOM stripped, CRLF -> LF"
    );
    assert_eq!(d.title, "Headline here");
    assert!(ws.path.is_none());
    assert!(ws.is_dirty(), "a project made from a text is unsaved");
}

#[test]
fn several_documents_show_a_document_list() {
    let mut p = small_project();
    p.documents
        .push(Document::new("second", "Second article", "Another text."));
    let mut h = harness(QuotebenchApp::with_workspace(Workspace::new(p, None)));
    h.run();
    h.get_by_label("Documents");
    h.get_by_label_contains("Second article").click();
    h.run();
    assert_eq!(h.state().ws().doc, 1);
    assert_eq!(h.state().ws().document().map(|d| d.text()), Some("Another text."));
}

#[test]
fn opening_a_file_with_mismatched_spans_lists_the_problems() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mismatch.qb.ron");
    let text = quotebench::SAMPLE_PROJECT.replacen("text: \"Scotland Yard\"", "text: \"Scotland Yarn\"", 1);
    assert_ne!(text, quotebench::SAMPLE_PROJECT);
    std::fs::write(&path, text).expect("write");
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    h.state_mut().open_path(&path);
    h.run();
    h.get_by_label("Problems in this project");
    h.get_by_label_contains("should cover \"Scotland Yarn\"");
    assert_eq!(h.state().ws().path.as_deref(), Some(path.as_path()));
}

#[test]
fn a_failed_save_keeps_the_work_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("no-such-folder").join("x.qb.ron");
    let mut ws = Workspace::new(small_project(), Some(path));
    ws.history.mark_unsaved();
    let mut h = harness(QuotebenchApp::with_workspace(ws));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.step();
    finish_save(&mut h);
    let err = h.state().error().expect("the failure is shown");
    assert!(
        err.contains("not saved") && err.contains("no-such-folder"),
        "{err}"
    );
    assert!(h.state().ws().is_dirty());
    h.get_by_label("Something went wrong");
}

#[test]
fn theme_toggles_between_dark_and_light() {
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    let dark = h.ctx.global_style().visuals.dark_mode;
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    h.run();
    assert_ne!(h.ctx.global_style().visuals.dark_mode, dark);
}

#[test]
fn menus_show_shortcuts() {
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Save As…");
    h.get_by_label_contains("Ctrl+Shift+S");
}

#[test]
fn a_text_that_is_not_utf8_is_offered_as_windows_1252() {
    let dir = tempfile::tempdir().expect("temp dir");
    let txt = dir.path().join("latin.txt");
    std::fs::write(&txt, b"caf\xe9 \x93quoted\x94\n").expect("write");
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    let before = h.state().ws().project.clone();
    h.state_mut().open_path(&txt);
    h.run();
    h.get_by_label_contains("invalid byte at offset 3");
    assert_eq!(h.state().ws().project, before, "nothing replaced yet");
    h.get_by_label("Open as Windows-1252").click();
    h.run();
    assert_eq!(
        h.state().ws().document().map(|d| d.text()),
        Some("café “quoted”\n")
    );
    assert!(h.state().error().is_none());
}
