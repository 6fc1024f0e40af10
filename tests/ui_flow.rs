//! Drives the real app with kittest: drag-select a phrase, press the Quote
//! key, see it in the list, link it to a speaker, undo and redo, save, and
//! read the saved file back.
#![cfg(feature = "gui")]

mod common;
use common::harness;

use common::finish_save;

use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::format::load_project;
use quotebench::model::names;
use quotebench::ui::QuotebenchApp;

/// Char offset of the first occurrence of `phrase` in the open document.
fn char_offset(app: &QuotebenchApp, phrase: &str) -> usize {
    let text = app.ws().document().expect("a document is open").text();
    let byte = text.find(phrase).expect("phrase is in the text");
    text[..byte].chars().count()
}

fn pos_of(h: &Harness<'_, QuotebenchApp>, c: usize) -> Pos2 {
    h.state()
        .view()
        .screen_pos_of_char(c)
        .expect("the char is on screen")
}

fn drag(h: &mut Harness<'_, QuotebenchApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    let mid = Pos2::new((from.x + to.x) / 2.0, (from.y + to.y) / 2.0);
    h.hover_at(mid);
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
}

fn click(h: &mut Harness<'_, QuotebenchApp>, at: Pos2) {
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.drop_at(at);
    h.run();
}

#[test]
fn tag_link_undo_redo_save_and_reopen() {
    let mut app = QuotebenchApp::with_sample();
    app.use_in_app_dialogs();
    let mut h = harness(app);
    h.run();

    // Drag from the middle of "Home" to the middle of "Correspondent": snaps to whole words.
    let phrase = "Home Affairs Correspondent";
    let start = char_offset(h.state(), phrase);
    let end = start + phrase.chars().count();
    let (a, b) = (pos_of(&h, start + 1), pos_of(&h, end - 3));
    drag(&mut h, a, b);
    let sel = h.state().ws().selection.expect("dragging selects text").range();
    assert_eq!(h.state().ws().document().expect("doc").slice(sel), phrase);

    // Press the Quote key.
    let before = h.state().ws().document().expect("doc").annotation_count();
    h.key_press(Key::Q);
    h.run();
    let app = h.state();
    let d = app.ws().document().expect("doc");
    assert_eq!(d.annotation_count(), before + 1);
    let quote = app
        .ws()
        .selected_annotation()
        .expect("the new quote is selected")
        .clone();
    assert_eq!(quote.label, names::QUOTE);
    assert_eq!(quote.covered_text(), phrase);
    assert!(app.ws().is_dirty());

    // It is in the annotation list.
    h.get_by_label_contains(&format!("Quote: {phrase}"));

    // Link it to a speaker: Ctrl+L, then click the speaker "Lizzie Dearden"? No: a tagged Speaker.
    let speaker_phrase = "Commissioner Cressida Dick";
    let sp = char_offset(h.state(), speaker_phrase);
    let speaker_id = h
        .state()
        .ws()
        .document()
        .and_then(|d| d.innermost_at(sp + 3))
        .map(|a| a.id.clone())
        .expect("the sample tags this speaker");
    h.state_mut().view_mut().scroll_to_char(sp);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run();
    assert!(h.state().picking(), "Ctrl+L starts picking a speaker");
    let at = pos_of(&h, sp + 3);
    click(&mut h, at);
    let linked = |h: &Harness<'_, QuotebenchApp>| {
        let d = h.state().ws().document().expect("doc");
        d.targets(&quote.id, names::SAID_BY)
            .map(|s| s.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(linked(&h), vec![speaker_id.clone()]);
    assert_eq!(
        h.state()
            .ws()
            .document()
            .and_then(|d| d.person_of_quote(&quote.id))
            .as_deref(),
        Some("Cressida Dick")
    );

    // Undo removes the link, a second undo the quote; redo brings both back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(linked(&h).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state()
            .ws()
            .document()
            .expect("doc")
            .annotation(&quote.id)
            .is_none()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(
        h.state()
            .ws()
            .document()
            .expect("doc")
            .annotation(&quote.id)
            .is_some()
    );
    assert_eq!(linked(&h), vec![speaker_id.clone()]);

    // Save: the sample has no file yet, so the path field asks for one.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mine.qb.ron");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().path_prompt_open(), "Save asks for a path");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(path.display().to_string()));
    h.run();
    h.key_press(Key::Enter);
    h.step();
    finish_save(&mut h);
    assert!(!h.state().path_prompt_open());
    assert!(!h.state().ws().is_dirty(), "saved: {}", h.state().message());
    assert_eq!(h.state().ws().path.as_deref(), Some(path.as_path()));

    // Read the saved file back.
    let loaded = load_project(&path).expect("the saved file opens");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let d = &loaded.project.documents[0];
    assert_eq!(
        d.annotation(&quote.id).map(|a| a.covered_text()),
        Some(phrase.to_string())
    );
    assert_eq!(d.person_of_quote(&quote.id).as_deref(), Some("Cressida Dick"));
    assert_eq!(loaded.project, h.state().ws().project);
}

#[test]
fn keyboard_selection_tab_walk_and_delete() {
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    // Tab selects the first annotation in reading order, Shift+Tab wraps to the last.
    h.key_press(Key::Tab);
    h.run();
    let first = h
        .state()
        .ws()
        .document()
        .and_then(|d| d.annotations_in_order().next())
        .map(|a| a.id.clone());
    assert_eq!(h.state().ws().selected, first);
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    let last = h
        .state()
        .ws()
        .document()
        .and_then(|d| d.annotations_in_order().next_back())
        .map(|a| a.id.clone());
    assert_eq!(h.state().ws().selected, last);

    // Delete removes it (and its links); undo restores them.
    let id = last.expect("sample has annotations");
    let rels = |h: &Harness<'_, QuotebenchApp>| h.state().ws().document().expect("doc").relations().count();
    let rels_before = rels(&h);
    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().ws().document().expect("doc").annotation(&id).is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().ws().document().expect("doc").annotation(&id).is_some());
    assert_eq!(rels(&h), rels_before);

    // Shift+arrows select from the caret; the Speaker key tags the selection.
    h.key_press(Key::Escape);
    h.run();
    h.state_mut().ws_mut().caret = 0;
    for _ in 0..5 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    h.run();
    let sel = h.state().ws().selection.expect("shift+arrows select").range();
    assert_eq!(h.state().ws().document().expect("doc").slice(sel), "Armed");
    h.key_press(Key::S);
    h.run();
    let a = h.state().ws().selected_annotation().expect("tagged").clone();
    assert_eq!(
        (a.label.as_str(), a.covered_text().as_str()),
        ("Speaker", "Armed")
    );
}

#[test]
fn unsaved_guard_cancel_keeps_work() {
    let mut app = QuotebenchApp::with_sample();
    app.use_in_app_dialogs();
    let mut h = harness(app);
    h.run();
    h.state_mut().ws_mut().selection = Some(quotebench::ui::Selection { anchor: 0, head: 5 });
    h.key_press(Key::C);
    h.run();
    assert!(h.state().ws().is_dirty());
    // Ctrl+O with unsaved work asks first; Cancel keeps everything.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("Unsaved changes");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Unsaved changes").is_none());
    assert!(h.state().ws().is_dirty());
    assert!(!h.state().path_prompt_open(), "cancel does not go on to open");
}

#[test]
fn a_broken_file_leaves_the_open_project_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.qb.ron");
    std::fs::write(
        &bad,
        "(\n    format_version: 1,\n    name: \"x\",\n    documents: [ (id: oops ] ,\n)",
    )
    .expect("write");
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    let before = h.state().ws().project.clone();
    h.state_mut().open_path(&bad);
    h.run();
    let err = h.state().error().expect("an error is shown");
    assert!(err.contains("bad.qb.ron:4:"), "{err}");
    assert_eq!(h.state().ws().project, before);
    h.get_by_label("Something went wrong");
}
