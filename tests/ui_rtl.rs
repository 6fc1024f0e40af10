//! kittest: right-to-left text in the article. An Arabic line is drawn
//! right to left (its first letter rightmost), an English sentence quoting
//! Arabic keeps the English left to right around the Arabic, and the
//! mouse still speaks logical char offsets: dragging across part of an
//! Arabic word selects that word's chars, and Q tags exactly them. A
//! snapshot shows a mixed paragraph with a span split by the reordering.
#![cfg(feature = "gui")]

mod common;

use egui::{Event, Key, Modifiers, Pos2};
use egui_kittest::Harness;
use quotebench::model::{CharRange, Project, names};
use quotebench::ui::{QuotebenchApp, Workspace};

const TEXT: &str = "Quotes in two scripts\n\
The minister said «مرحبا بكم في المؤتمر» on Monday, 2024.\n\
وقال الوزير إن الخطة 2030 ستنجح في النهاية\n\
אמר השר: התוכנית תצליח";

fn app(p: Project) -> QuotebenchApp {
    QuotebenchApp::with_workspace(Workspace::new(p, None))
}

fn harness(p: Project) -> Harness<'static, QuotebenchApp> {
    let mut h = Harness::builder()
        .with_size([1000.0, 500.0])
        .with_accessibility_check(false)
        .build_eframe(move |cc| {
            quotebench::ui::fonts::install(&cc.egui_ctx);
            app(p)
        });
    h.run();
    h
}

/// Char offset of the first occurrence of `phrase`.
fn offset(phrase: &str) -> usize {
    TEXT[..TEXT.find(phrase).expect("in the text")].chars().count()
}

fn pos_of(h: &Harness<'_, QuotebenchApp>, c: usize) -> Pos2 {
    h.state().view().screen_pos_of_char(c).expect("on screen")
}

fn drag(h: &mut Harness<'_, QuotebenchApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(Pos2::new((from.x + to.x) / 2.0, to.y));
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
}

#[test]
fn an_arabic_line_is_drawn_right_to_left_and_english_around_arabic_left_to_right() {
    let h = harness(Project::from_text("RTL", TEXT, "tester"));
    // The Arabic paragraph: each next letter of "الوزير" lies to the left.
    let w = offset("الوزير");
    for c in w..w + 5 {
        let (a, b) = (pos_of(&h, c), pos_of(&h, c + 1));
        assert!(
            b.x < a.x,
            "char {} at {} is left of char {c} at {}",
            c + 1,
            b.x,
            a.x
        );
        assert!((a.y - b.y).abs() < 1.0);
    }
    // Its first word is the rightmost: right of its last word.
    assert!(pos_of(&h, offset("وقال")).x > pos_of(&h, offset("النهاية")).x);
    // The number inside it still reads left to right.
    let n = offset("2030");
    assert!(pos_of(&h, n).x < pos_of(&h, n + 3).x);
    // The English sentence: "said" before the quote, "on" after it, on
    // the left and the right of the Arabic; in the quote, its first word
    // "مرحبا" is the rightmost, its last "المؤتمر" the leftmost.
    let m = offset("مرحبا");
    let last = offset("المؤتمر");
    assert!(pos_of(&h, m + 1).x < pos_of(&h, m).x);
    assert!(pos_of(&h, offset("said")).x < pos_of(&h, last).x);
    assert!(pos_of(&h, last).x < pos_of(&h, m).x);
    assert!(pos_of(&h, offset(" on")).x > pos_of(&h, m).x);
    // Hebrew too: letters and words.
    let s = offset("השר");
    assert!(pos_of(&h, s + 1).x < pos_of(&h, s).x);
    assert!(pos_of(&h, offset("תצליח")).x < pos_of(&h, offset("אמר")).x);
}

#[test]
fn dragging_across_an_arabic_word_selects_its_logical_chars_and_q_tags_them() {
    let mut h = harness(Project::from_text("RTL", TEXT, "tester"));
    let w = offset("الخطة");
    let word = CharRange::new(w, w + "الخطة".chars().count());
    // A click on a letter puts the caret at that letter (or just after it).
    let click = pos_of(&h, w + 2);
    h.hover_at(click);
    h.run();
    h.event(Event::PointerButton {
        pos: click,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: click,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    let caret = h.state().ws().caret;
    assert!(
        caret == w + 2 || caret == w + 3,
        "caret {caret} not at char {}",
        w + 2
    );
    // From the second letter to the fourth (leftwards on screen): words
    // snap, so the whole word is selected, in logical offsets.
    let (a, b) = (pos_of(&h, w + 1), pos_of(&h, w + 3));
    assert!(b.x < a.x);
    drag(&mut h, a, b);
    let sel = h.state().ws().selection.expect("a selection").range();
    assert_eq!(sel, word);
    h.key_press(Key::Q);
    h.run();
    let ws = h.state().ws();
    let quote = ws.selected_annotation().expect("the new quote is selected");
    assert_eq!(quote.label, names::QUOTE);
    assert_eq!(quote.covered_text(), "الخطة");
    assert_eq!(quote.fragments[0].range(), word);
}

#[test]
fn a_mixed_paragraph_with_a_span_split_by_the_reordering() {
    // "said «مرحبا": logically one run of chars, on screen two pieces.
    let p = common::one_document(
        "tester",
        "rtl",
        TEXT,
        vec![
            common::span(TEXT, "q1", names::QUOTE, "said «مرحبا"),
            common::span(TEXT, "q2", names::QUOTE, "الخطة 2030 ستنجح"),
            common::span(TEXT, "s1", names::SPEAKER, "الوزير"),
        ],
        vec![common::said_by("r1", "q2", "s1")],
    );
    // More pixels than a plain window, so the letters can be checked by eye.
    let mut h = Harness::builder()
        .with_size([1150.0, 250.0])
        .with_pixels_per_point(1.5)
        .with_accessibility_check(false)
        .wgpu()
        .build_eframe(move |cc| {
            quotebench::ui::fonts::install(&cc.egui_ctx);
            app(p)
        });
    h.run();
    h.snapshot("rtl_mixed_paragraph");
}
