//! Links you can see (issue 13), driven through the real app with kittest:
//! the speakers' badges and a selected quote's connectors (a snapshot),
//! keyboard linking by digit and by Enter, the links a sentence offers
//! taken with one key and undone in one step, and undo/redo selecting and
//! scrolling to what they changed.
#![cfg(feature = "gui")]

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::model::{Project, names};
use quotebench::ui::{QuotebenchApp, Selection, Workspace};

fn char_offset(app: &QuotebenchApp, phrase: &str) -> usize {
    let text = app.ws().document().expect("a document is open").text();
    let byte = text.find(phrase).expect("phrase is in the text");
    text[..byte].chars().count()
}

fn ctrl(h: &mut Harness<'_, QuotebenchApp>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.run();
}

fn said_by(h: &Harness<'_, QuotebenchApp>, quote: &str) -> Vec<String> {
    let d = h.state().ws().document().expect("doc");
    d.targets(quote, names::SAID_BY).map(|s| s.id.clone()).collect()
}

/// The sample with "show speakers" on and a quote selected: badges at the
/// quotes' starts ("no speaker" where none), the quote's speaker, cue and
/// the other quotes of its person outlined, with labelled arcs.
#[test]
fn badges_and_a_selected_quotes_connectors() {
    let mut app = QuotebenchApp::with_sample();
    app.ws_mut().select_annotation(Some("sample-q09".into()));
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .wgpu()
        .build_eframe(move |_cc| app);
    h.run();
    ctrl(&mut h, Key::B);
    assert!(h.state().link_settings().show_speakers, "Ctrl+B shows speakers");
    let c = char_offset(h.state(), "Ms Dick said the idea");
    h.state_mut().view_mut().scroll_to_char(c);
    h.run();
    h.run();
    h.snapshot("sample_links");
}

/// A project whose quote is far below its speaker: filler paragraphs between.
fn far_apart() -> Project {
    let mut text = String::from("Commissioner Cressida Dick spoke first.\n");
    for i in 0..80 {
        text.push_str(&format!("Filler paragraph number {i} says nothing at all.\n"));
    }
    text.push_str("Later: “We will act.” Ms Dick said it.");
    let mut s = common::span(&text, "s1", "Speaker", "Commissioner Cressida Dick");
    s.attributes.insert("person".into(), "Cressida Dick".into());
    let q = common::span(&text, "q1", "Quote", "We will act.");
    common::one_document(
        "me",
        "far",
        &text,
        vec![s, q],
        vec![common::said_by("r1", "q1", "s1")],
    )
}

/// An end off screen gets an edge marker with its text and distance; a
/// click on it scrolls to it and selects it.
#[test]
fn an_edge_marker_scrolls_to_the_end_off_screen() {
    let mut app = QuotebenchApp::with_workspace(Workspace::new(far_apart(), None));
    app.ws_mut().select_annotation(Some("q1".into()));
    let mut h = common::harness(app);
    h.run();
    let q = char_offset(h.state(), "We will act.");
    h.state_mut().view_mut().scroll_to_char(q);
    h.run();
    h.run();
    assert!(
        h.state().view().screen_pos_of_char(0).is_none_or(|p| p.y < 0.0),
        "the speaker is off screen"
    );
    // "said by Cressida Dick, N lines up".
    h.get_by_label_contains("lines up");
    h.get_by_label_contains("said by Cressida Dick, ").click();
    // The scroll glides: a few frames.
    h.run_steps(12);
    assert_eq!(
        h.state().ws().selected.as_deref(),
        Some("s1"),
        "the speaker is selected"
    );
    let y = h
        .state()
        .view()
        .screen_pos_of_char(3)
        .expect("the speaker is laid out")
        .y;
    assert!((60.0..760.0).contains(&y), "the speaker is on screen: y = {y}");
}

/// Ctrl+L lists the nearest speakers, numbered; a digit links that one,
/// Enter the first; Escape cancels. Ctrl+Shift+L does cue -> quote.
#[test]
fn keyboard_linking_by_digit_and_by_enter() {
    let text = "Tom Berg spoke. Ms Dick said “we act” and later Ana Ruiz nodded. Later “more” came.";
    let anns = vec![
        common::span(text, "s1", "Speaker", "Tom Berg"),
        common::span(text, "s2", "Speaker", "Ms Dick"),
        common::span(text, "c1", "Cue", "said"),
        common::span(text, "q1", "Quote", "we act"),
        common::span(text, "s3", "Speaker", "Ana Ruiz"),
        common::span(text, "q2", "Quote", "more"),
    ];
    let p = common::one_document("me", "k", text, anns, Vec::new());
    let mut app = QuotebenchApp::with_workspace(Workspace::new(p, None));
    app.ws_mut().select_annotation(Some("q1".into()));
    let mut h = common::harness(app);
    h.run();

    // Ctrl+L: 1 = Ms Dick (nearest, before), 2 = Ana Ruiz (after), 3 = Tom Berg.
    ctrl(&mut h, Key::L);
    h.get_by_label_contains("1  Speaker: Ms Dick (before)");
    h.get_by_label_contains("2  Speaker: Ana Ruiz (after)");
    h.get_by_label_contains("3  Speaker: Tom Berg (before)");
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(
        said_by(&h, "q1"),
        vec!["s3".to_string()],
        "digit 2 linked Ana Ruiz"
    );
    assert!(!h.state().picking(), "the chooser closed");

    // Enter takes the first (nearest): Ms Dick; the link replaces the other, one undo step.
    ctrl(&mut h, Key::L);
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(said_by(&h, "q1"), vec!["s2".to_string()]);
    ctrl(&mut h, Key::Z);
    assert_eq!(
        said_by(&h, "q1"),
        vec!["s3".to_string()],
        "one undo, the previous link back"
    );

    // Escape cancels: nothing changes, and the selection stays.
    h.state_mut().ws_mut().select_annotation(Some("q2".into()));
    ctrl(&mut h, Key::L);
    assert!(h.state().picking());
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().picking());
    assert!(said_by(&h, "q2").is_empty());
    assert_eq!(
        h.state().ws().selected.as_deref(),
        Some("q2"),
        "Escape closed only the chooser"
    );

    // Ctrl+Shift+L with the cue selected: its quotes; 1 links cue -> nearest quote.
    h.state_mut().ws_mut().select_annotation(Some("c1".into()));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    h.run();
    h.get_by_label_contains("1  Quote: we act (after)");
    h.key_press(Key::Num1);
    h.run();
    let d = h.state().ws().document().expect("doc");
    let cue_of: Vec<&str> = d.targets("c1", names::CUE_OF).map(|a| a.id.as_str()).collect();
    assert_eq!(cue_of, vec!["q1"]);
}

/// Tagging a quote in "Ms Dick said …" offers its speaker and cue; Ctrl+J
/// takes both in one step, and one undo removes both (the quote stays).
/// With the setting on, tagging links at once.
#[test]
fn links_offered_taken_with_one_key_and_undone_in_one_step() {
    let text = "Intro line.\nMs Dick said the plan was “a small change” for London.";
    let anns = vec![
        common::span(text, "s1", "Speaker", "Ms Dick"),
        common::span(text, "c1", "Cue", "said"),
    ];
    let p = common::one_document("me", "o", text, anns, Vec::new());
    let mut h = common::harness(QuotebenchApp::with_workspace(Workspace::new(p, None)));
    h.run();
    let start = char_offset(h.state(), "a small change");
    let end = start + "a small change".chars().count();
    h.state_mut().ws_mut().selection = Some(Selection {
        anchor: start,
        head: end,
    });
    h.key_press(Key::Q);
    h.run();
    let quote = h
        .state()
        .ws()
        .selected
        .clone()
        .expect("the new quote is selected");
    assert_eq!(
        h.state().message(),
        "Link to speaker 'Ms Dick' and cue 'said'? Ctrl+J"
    );
    // On the status line and by the quote.
    assert_eq!(
        h.get_all_by_label_contains("Link to speaker 'Ms Dick' and cue 'said'?")
            .count(),
        2
    );
    assert!(said_by(&h, &quote).is_empty(), "only offered");

    ctrl(&mut h, Key::J);
    let d = h.state().ws().document().expect("doc");
    assert_eq!(said_by(&h, &quote), vec!["s1".to_string()]);
    assert_eq!(
        d.targets("c1", names::CUE_OF)
            .map(|a| a.id.clone())
            .collect::<Vec<_>>(),
        vec![quote.clone()]
    );
    assert_eq!(d.relations().count(), 2);

    ctrl(&mut h, Key::Z);
    let d = h.state().ws().document().expect("doc");
    assert_eq!(d.relations().count(), 0, "one undo removed both links");
    assert!(d.annotation(&quote).is_some(), "the quote stays");
    ctrl(&mut h, Key::J);
    assert_eq!(
        h.state().ws().document().expect("doc").relations().count(),
        0,
        "the offer was taken once"
    );

    // Always link: the setting (a menu command) links when the quote is tagged.
    ctrl(&mut h, Key::Z);
    assert!(
        h.state()
            .ws()
            .document()
            .expect("doc")
            .annotation(&quote)
            .is_none()
    );
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Always link the sentence's speaker and cue")
        .click();
    h.run();
    assert!(h.state().link_settings().always_link_sentence);
    h.state_mut().ws_mut().selection = Some(Selection {
        anchor: start,
        head: end,
    });
    h.key_press(Key::Q);
    h.run();
    let q2 = h.state().ws().selected.clone().expect("selected");
    assert_eq!(said_by(&h, &q2), vec!["s1".to_string()], "linked at once");
    assert_eq!(h.state().ws().document().expect("doc").relations().count(), 2);
}

/// Undo and redo select what they changed and scroll it into view: the
/// text of an annotation the undo removed, the annotation a redo restores.
#[test]
fn undo_and_redo_select_and_scroll_to_the_change() {
    let mut text = String::new();
    for i in 0..120 {
        text.push_str(&format!("Paragraph {i} of a long article about the river.\n"));
    }
    text.push_str("The last words are here.");
    let p = common::one_document("me", "u", &text, Vec::new(), Vec::new());
    let mut h = common::harness(QuotebenchApp::with_workspace(Workspace::new(p, None)));
    h.run();
    let start = char_offset(h.state(), "last words");
    let end = start + "last words".chars().count();
    h.state_mut().ws_mut().selection = Some(Selection {
        anchor: start,
        head: end,
    });
    h.key_press(Key::Q);
    h.run();
    let id = h.state().ws().selected.clone().expect("tagged");
    // Back to the top: the tag is far below.
    h.state_mut().view_mut().scroll_to_char(0);
    h.state_mut().ws_mut().select_annotation(None);
    h.run();
    h.run();
    assert!(
        h.state()
            .view()
            .screen_pos_of_char(start)
            .is_none_or(|p| p.y > 800.0)
    );

    let in_view = |h: &Harness<'_, QuotebenchApp>| {
        let y = h.state().view().screen_pos_of_char(start).map(|p| p.y);
        assert!(y.is_some_and(|y| (60.0..760.0).contains(&y)), "in view: {y:?}");
    };
    ctrl(&mut h, Key::Z);
    h.run();
    assert!(h.state().ws().document().expect("doc").annotation(&id).is_none());
    let sel = h
        .state()
        .ws()
        .selection
        .expect("the removed tag's text is selected")
        .range();
    assert_eq!((sel.start, sel.end), (start, end));
    in_view(&h);

    h.state_mut().view_mut().scroll_to_char(0);
    h.run();
    h.run();
    ctrl(&mut h, Key::Y);
    h.run();
    assert_eq!(
        h.state().ws().selected.as_deref(),
        Some(id.as_str()),
        "redo selects the tag"
    );
    in_view(&h);
}
