//! The find bar, driven as a user drives it: Ctrl+F, type, see the count,
//! F3 / Enter move and scroll, Escape closes; "Tag all" in one undoable
//! step; a bad regex is said in the bar; find in all documents opens the
//! hit's document.
#![cfg(feature = "gui")]

mod common;
use common::harness;

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::model::{Document, Project, TagSet, names};
use quotebench::ui::{QuotebenchApp, Workspace};

fn type_text(h: &mut Harness<'_, QuotebenchApp>, text: &str) {
    h.event(Event::Text(text.into()));
    // The list of hits appearing resizes its scroll area for a few frames.
    h.run_steps(4);
    h.run();
}

fn open_and_type(h: &mut Harness<'_, QuotebenchApp>, text: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(h.state().find().open, "Ctrl+F opens the find bar");
    type_text(h, text);
}

fn speakers(h: &Harness<'_, QuotebenchApp>) -> usize {
    h.state()
        .ws()
        .document()
        .expect("doc")
        .label_count(names::SPEAKER)
}

/// Is char `c` of the open document on screen (in the 1280x800 window)?
fn on_screen(h: &Harness<'_, QuotebenchApp>, c: usize) -> bool {
    h.state()
        .view()
        .screen_pos_of_char(c)
        .is_some_and(|p| p.y > 0.0 && p.y < 800.0)
}

#[test]
fn ctrl_f_type_count_next_scrolls_escape_closes() {
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    open_and_type(&mut h, "Dick");
    // The sample names Ms Dick four times; all are highlighted, the first is current.
    h.get_by_label("1 of 4");
    let doc = h.state().ws().doc;
    let highlighted = h
        .state()
        .find()
        .highlights(doc)
        .expect("highlights")
        .matches
        .len();
    assert_eq!(highlighted, 4);
    let last = h.state().find().results().of(doc)[3];
    assert!(!on_screen(&h, last.start), "the last one starts below the fold");

    // Enter in the field: next; the field keeps the keyboard.
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("2 of 4");
    // F3 twice more: the last one, scrolled into view.
    h.key_press(Key::F3);
    h.run();
    h.key_press(Key::F3);
    h.run();
    h.get_by_label("4 of 4");
    assert_eq!(h.state().find().current().map(|g| g.range), Some(last));
    assert!(
        on_screen(&h, last.start),
        "F3 scrolls the current match into view"
    );
    // Shift+Enter and Shift+F3 go back; F3 wraps around.
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run();
    h.get_by_label("3 of 4");
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    h.get_by_label("2 of 4");
    // Typing narrows it: "Dick said" is there three times.
    type_text(&mut h, " said");
    assert!(h.state().find().results().total() == 3);
    h.get_by_label_contains("of 3");

    // Escape closes the bar and gives the keyboard back to the article.
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().find().open);
    assert!(h.ctx.memory(|m| m.focused()).is_none());
    assert!(
        h.state().find().highlights(doc).is_none(),
        "no highlights once closed"
    );
    // The annotation list's search moved to Ctrl+K and still works.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    type_text(&mut h, "Dick");
    h.get_by_label_contains("annotations");
    assert!(!h.state().find().open, "Ctrl+K is not the find bar");
}

#[test]
fn tag_all_is_one_step_and_undo_removes_it() {
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    let before = speakers(&h);
    let count_before = h.state().ws().document().expect("doc").annotation_count();
    open_and_type(&mut h, "Dick");
    // Alt+Enter opens "Tag all"; pick the label Speaker.
    h.key_press_modifiers(Modifiers::ALT, Key::Enter);
    h.run();
    assert!(h.state().find().tagging_open());
    h.get_by_label("Tag 4 as Quote");
    let combo = h
        .get_all_by_role(Role::ComboBox)
        .find(|n| format!("{n:?}").contains("Quote"))
        .expect("the label picker");
    combo.click();
    h.run();
    h.get_all_by_label("Speaker")
        .last()
        .expect("in the popup")
        .click();
    h.run();
    // Untick the first match: three are tagged.
    h.get_all_by_role(Role::CheckBox)
        .next()
        .expect("a tick box")
        .click();
    h.run();
    h.get_by_label("Tag 3 as Speaker").click();
    h.run();
    assert_eq!(speakers(&h), before + 3);
    assert_eq!(h.state().message(), "Tagged 3 as Speaker, 0 already tagged");

    // Tick it again: Alt+Enter tags it, skipping the three.
    h.get_all_by_role(Role::CheckBox)
        .next()
        .expect("a tick box")
        .click();
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::Enter);
    h.run();
    assert_eq!(speakers(&h), before + 4);
    assert_eq!(h.state().message(), "Tagged 1 as Speaker, 3 already tagged");
    // Once more: nothing left, said in the bar.
    h.key_press_modifiers(Modifiers::ALT, Key::Enter);
    h.run();
    h.get_by_label("Nothing to tag: 4 already tagged Speaker");
    assert_eq!(speakers(&h), before + 4);

    // Each "Tag all" is one step: two undos remove all four.
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(speakers(&h), before + 3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(speakers(&h), before);
    let d = h.state().ws().document().expect("doc");
    assert_eq!(d.annotation_count(), count_before);
}

#[test]
fn a_bad_regex_is_said_in_the_bar() {
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Regex").click();
    h.run();
    assert!(h.state().find().regex);
    type_text(&mut h, "Dick (said");
    h.get_by_label_contains("Not a valid regular expression");
    h.get_by_label_contains("unclosed group");
    assert_eq!(h.state().find().results().total(), 0);
    // Fixing it finds again.
    type_text(&mut h, ")");
    h.get_by_label("1 of 3");
    // A pattern of empty matches only is said, not looped on.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    type_text(&mut h, r"\b");
    h.get_by_label_contains("matches only empty text");
}

#[test]
fn find_in_all_documents_opens_the_hits_document() {
    let project = Project {
        people: Default::default(),
        name: "two".into(),
        annotator: "tester".into(),
        tagset: TagSet::default(),
        documents: vec![
            Document::new("london", "London", "Mayor Sadiq Khan said the parks open."),
            Document::new(
                "leeds",
                "Leeds",
                "Nothing here.\n\nLater, Khan told reporters “fine”.",
            ),
        ],
        conflicts: Vec::new(),
    };
    let mut h = harness(QuotebenchApp::with_workspace(Workspace::new(project, None)));
    h.run();
    assert_eq!(h.state().ws().doc, 0);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run();
    type_text(&mut h, "khan");
    h.get_by_label("1 of 2 in 2 documents");
    // Each hit is listed with its document and a line of context.
    h.get_by_label_contains("london · Mayor Sadiq Khan said");
    h.get_by_label_contains("leeds · Later, Khan told reporters")
        .click();
    h.run();
    assert_eq!(h.state().ws().doc, 1, "the hit's document is open");
    let cur = h.state().find().current().expect("current");
    assert_eq!(cur.doc, 1);
    let d = h.state().ws().document().expect("doc");
    assert_eq!(d.slice(cur.range), "Khan");
    h.get_by_label("2 of 2 in 2 documents");
    // F3 wraps to the first document.
    h.key_press(Key::F3);
    h.run();
    assert_eq!(h.state().ws().doc, 0);
}

/// The whole flow without the mouse: Ctrl+F, the name, Alt+Enter opens
/// "Tag all", Alt+S picks Speaker (Alt + the label's key), Alt+Enter tags.
#[test]
fn tag_all_by_keyboard_picks_the_label_with_alt_and_its_key() {
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    let before = speakers(&h);
    open_and_type(&mut h, "Dick");
    h.key_press_modifiers(Modifiers::ALT, Key::Enter);
    h.run();
    h.get_by_label("Tag 4 as Quote");
    // As a real keyboard does (winit), the letter also comes as text in the
    // same frame: it must not reach the search field.
    h.input_mut().events.extend([
        egui::Event::Key {
            key: Key::S,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::ALT,
        },
        egui::Event::Text("s".into()),
    ]);
    h.run();
    h.get_by_label("Tag 4 as Speaker");
    assert_eq!(h.state().find().text, "Dick");
    h.key_press_modifiers(Modifiers::ALT, Key::Enter);
    h.run();
    assert_eq!(speakers(&h), before + 4);
    assert_eq!(h.state().message(), "Tagged 4 as Speaker, 0 already tagged");
    // Alt + a key that is no label's changes nothing.
    h.key_press_modifiers(Modifiers::ALT, Key::X);
    h.run();
    h.get_by_label("Tag 4 as Speaker");
    assert_eq!(speakers(&h), before + 4);
}
