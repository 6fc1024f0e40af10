//! kittest flows for issue 13, "By keyboard alone": the caret placed by a
//! click and moved by each key (the view scrolling with it), Shift-selection
//! tagged with a label key, word moves that never stop inside a word, keys
//! reaching the article without a click, F6 into the inspector and Escape
//! back, and the panels and key reference in an 800x600 window.
#![cfg(feature = "gui")]

mod common;

use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use quotebench::model::{Annotation, Project, names};
use quotebench::ui::{QuotebenchApp, Workspace};

const CTRL: Modifiers = Modifiers::COMMAND;
const SHIFT: Modifiers = Modifiers::SHIFT;

fn harness_sized(app: QuotebenchApp, w: f32, h: f32) -> Harness<'static, QuotebenchApp> {
    // Emoji and CJK render as tofu boxes (no system fonts in tests); offsets are what matters.
    let mut h = Harness::builder()
        .with_size([w, h])
        .with_accessibility_check(false)
        .allow_missing_glyphs()
        .build_eframe(move |_cc| app);
    h.run();
    h
}

fn app_with(text: &str) -> QuotebenchApp {
    QuotebenchApp::with_workspace(Workspace::new(Project::from_text("T", text, "tester"), None))
}

fn offset(h: &Harness<'_, QuotebenchApp>, needle: &str) -> usize {
    let text = h.state().ws().document().expect("a document").text();
    text[..text.find(needle).expect("in the text")].chars().count()
}

fn caret_rect(h: &Harness<'_, QuotebenchApp>, c: usize) -> Option<egui::Rect> {
    let app = h.state();
    app.view().caret_screen_rect(app.ws().document()?, c)
}

fn caret(h: &Harness<'_, QuotebenchApp>) -> usize {
    h.state().ws().caret
}

fn selected_text(h: &Harness<'_, QuotebenchApp>) -> String {
    let ws = h.state().ws();
    let d = ws.document().expect("a document");
    ws.selection
        .map(|s| d.slice(s.range()).to_string())
        .unwrap_or_default()
}

/// Clicks just right of the caret position before char `c`, so the click lands on `c`.
fn click_before(h: &mut Harness<'_, QuotebenchApp>, c: usize) {
    let r = caret_rect(h, c).expect("the char is on screen");
    let at = Pos2::new(r.min.x + 1.0, r.center().y);
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.drop_at(at);
    h.run();
}

fn press(h: &mut Harness<'_, QuotebenchApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// The article's visible band: the caret's bar must be inside it.
fn caret_in_sight(h: &Harness<'_, QuotebenchApp>, height: f32) -> bool {
    let c = caret(h);
    caret_rect(h, c).is_some_and(|r| r.min.y >= 0.0 && r.max.y <= height)
}

/// A paragraph that wraps over several rows, then many more paragraphs.
fn long_text() -> String {
    let para = "The committee met on Tuesday and said the river plan would go ahead, \
                whatever the cost, because the people who live by the river had waited long enough \
                for clean water and open parks.";
    let mut t = String::new();
    for i in 0..120 {
        t.push_str(&format!("{i}. {para}\n"));
    }
    t.push_str("The end.");
    t
}

#[test]
fn a_click_places_the_caret_and_each_key_moves_it_and_scrolls() {
    let mut h = harness_sized(app_with(&long_text()), 1280.0, 800.0);
    assert!(!h.state().view().caret_shown(), "no caret before a click or key");
    let c = offset(&h, "met on");
    click_before(&mut h, c);
    assert_eq!(caret(&h), c);
    assert!(h.state().view().caret_shown());

    press(&mut h, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(caret(&h), c + 1);
    press(&mut h, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(caret(&h), c);
    press(&mut h, CTRL, Key::ArrowRight);
    assert_eq!(caret(&h), c + "met".len(), "Ctrl+Right: to the end of the word");
    press(&mut h, CTRL, Key::ArrowRight);
    assert_eq!(caret(&h), offset(&h, "on Tuesday") + 2);
    press(&mut h, CTRL, Key::ArrowLeft);
    assert_eq!(
        caret(&h),
        offset(&h, "on Tuesday"),
        "Ctrl+Left: to the start of the word"
    );

    // Home and End stay on the visual row: the first paragraph wraps.
    press(&mut h, Modifiers::NONE, Key::Home);
    assert_eq!(caret(&h), 0);
    press(&mut h, Modifiers::NONE, Key::End);
    let row_end = caret(&h);
    let first_para_end = offset(&h, "\n");
    assert!(
        row_end > c && row_end < first_para_end,
        "End stops at the row's end: {row_end}"
    );
    let y_row1 = caret_rect(&h, row_end).expect("on screen").center().y;

    // Down goes to the next row at the same x; Up comes back.
    press(&mut h, Modifiers::NONE, Key::Home);
    press(&mut h, Modifiers::NONE, Key::ArrowRight);
    press(&mut h, Modifiers::NONE, Key::ArrowRight);
    let top = caret(&h);
    let top_rect = caret_rect(&h, top).expect("on screen");
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    let below = caret(&h);
    let below_rect = caret_rect(&h, below).expect("on screen");
    assert!(below > row_end, "Down: into the second row ({below})");
    assert!(below_rect.center().y > y_row1 + 5.0);
    assert!(
        (below_rect.min.x - top_rect.min.x).abs() < 12.0,
        "x kept: {top_rect:?} {below_rect:?}"
    );
    press(&mut h, Modifiers::NONE, Key::ArrowUp);
    assert_eq!(caret(&h), top, "Up: back where it was");

    // Page Down moves a view's height and scrolls with it.
    let before = caret(&h);
    press(&mut h, Modifiers::NONE, Key::PageDown);
    let paged = caret(&h);
    assert!(paged > before + 500, "Page Down went far: {before} -> {paged}");
    assert!(caret_in_sight(&h, 800.0), "the view scrolled to the caret");
    press(&mut h, Modifiers::NONE, Key::PageUp);
    assert!(caret(&h) < paged);
    assert!(caret_in_sight(&h, 800.0));

    // Ctrl+End and Ctrl+Home: the ends of the document, in sight.
    press(&mut h, CTRL, Key::End);
    let len = h.state().ws().document().expect("doc").char_len();
    assert_eq!(caret(&h), len);
    assert!(caret_in_sight(&h, 800.0), "the last line is shown");
    // Up from the last line (many keys in one frame run in order).
    for _ in 0..3 {
        h.key_press(Key::ArrowUp);
    }
    h.run();
    assert!(caret(&h) < len);
    assert!(caret_in_sight(&h, 800.0));
    press(&mut h, CTRL, Key::Home);
    assert_eq!(caret(&h), 0);
    assert!(caret_in_sight(&h, 800.0), "back at the top");
    assert!(h.state().ws().selection.is_none(), "plain moves select nothing");
}

#[test]
fn shift_moves_select_from_the_anchor_and_a_label_key_tags_exactly_that() {
    let text = "Ana said 😀 中文 cafe\u{301} now, and 👩\u{200d}👩\u{200d}👧 left.";
    let mut h = harness_sized(app_with(text), 1280.0, 800.0);
    let start = offset(&h, "😀");
    click_before(&mut h, start);
    assert_eq!(caret(&h), start);
    for _ in 0..4 {
        h.key_press_modifiers(SHIFT, Key::ArrowRight);
    }
    h.run();
    assert_eq!(selected_text(&h), "😀 中文");
    press(&mut h, CTRL | SHIFT, Key::ArrowRight);
    assert_eq!(selected_text(&h), "😀 中文 cafe\u{301}");
    // Back over the end of the word, one cluster: the combining mark goes with its letter.
    press(&mut h, SHIFT, Key::ArrowLeft);
    assert_eq!(selected_text(&h), "😀 中文 caf");
    press(&mut h, SHIFT, Key::ArrowRight);
    h.key_press(Key::Q);
    h.run();
    let a: Annotation = h.state().ws().selected_annotation().expect("tagged").clone();
    assert_eq!(a.label, names::QUOTE);
    assert_eq!(a.covered_text(), "😀 中文 cafe\u{301}");

    // The anchor is where the selection began, not the last selection:
    // a new Shift+Left selection starts at the caret, going left.
    let fam = offset(&h, "👩");
    click_before(&mut h, fam + 5);
    assert_eq!(caret(&h), fam + 5);
    press(&mut h, SHIFT, Key::ArrowLeft);
    assert_eq!(selected_text(&h), "👩\u{200d}👩\u{200d}👧");
    press(&mut h, SHIFT, Key::Home);
    assert_eq!(selected_text(&h), &text[..text.find(" left").expect("in text")]);
    press(&mut h, SHIFT, Key::End);
    assert_eq!(selected_text(&h), " left.");
    h.key_press(Key::S);
    h.run();
    let s = h.state().ws().selected_annotation().expect("tagged").clone();
    assert_eq!(
        (s.label.as_str(), s.covered_text().as_str()),
        (names::SPEAKER, " left.")
    );
}

#[test]
fn ctrl_shift_right_on_says_it_is_selects_whole_words() {
    let mut h = harness_sized(app_with("Ms Dick says it is safe to walk."), 1280.0, 800.0);
    // A click that lands inside "says" (after its "s").
    let says = offset(&h, "says");
    click_before(&mut h, says + 1);
    assert_eq!(caret(&h), says + 1);
    for _ in 0..3 {
        press(&mut h, CTRL | SHIFT, Key::ArrowRight);
    }
    assert_eq!(selected_text(&h), "says it is");
    h.key_press(Key::Q);
    h.run();
    let a = h.state().ws().selected_annotation().expect("tagged").clone();
    assert_eq!(a.covered_text(), "says it is");
}

fn focused(h: &Harness<'_, QuotebenchApp>) -> Option<egui::Id> {
    h.ctx.memory(|m| m.focused())
}

#[test]
fn f6_puts_the_keyboard_in_the_inspector_tab_moves_in_it_escape_returns() {
    let mut app = QuotebenchApp::with_sample();
    app.use_in_app_dialogs();
    let mut h = harness_sized(app, 1280.0, 800.0);
    // Keys reach the article without a click: Tab selects the first annotation.
    press(&mut h, Modifiers::NONE, Key::Tab);
    let quote = h.state().ws().selected.clone().expect("Tab selects");
    assert_eq!(focused(&h), None, "the article keeps the keyboard");

    press(&mut h, Modifiers::NONE, Key::F6);
    let first = focused(&h).expect("F6 focuses the inspector");
    // Tab moves between the inspector's fields and no longer walks annotations.
    let mut seen = vec![first];
    let mut note_reached = false;
    for _ in 0..12 {
        press(&mut h, Modifiers::NONE, Key::Tab);
        let now = focused(&h).expect("a field keeps the keyboard");
        assert_eq!(h.state().ws().selected.as_ref(), Some(&quote), "Tab did not walk");
        seen.push(now);
        if h.get_all_by_role(Role::MultilineTextInput)
            .chain(h.get_all_by_role(Role::TextInput))
            .any(|n| n.is_focused())
        {
            note_reached = true;
            break;
        }
    }
    assert!(
        note_reached,
        "Tab reached a text field of the inspector: {seen:?}"
    );
    assert!(seen.windows(2).all(|w| w[0] != w[1]), "each Tab moved: {seen:?}");
    // Shift+Tab goes back.
    press(&mut h, SHIFT, Key::Tab);
    assert_eq!(focused(&h), Some(seen[seen.len() - 2]));

    // Escape gives the keyboard back to the article and keeps the selection.
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(focused(&h), None);
    assert_eq!(h.state().ws().selected.as_ref(), Some(&quote));
    // The article has the keys again: Tab walks, arrows move the caret.
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_ne!(h.state().ws().selected.as_ref(), Some(&quote));
    let c = caret(&h);
    press(&mut h, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(caret(&h), c + 1);

    // After a dialog with a focused field closes, keys reach the article again.
    press(&mut h, CTRL, Key::O);
    assert!(h.state().path_prompt_open());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().path_prompt_open());
    let c = caret(&h);
    press(&mut h, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(caret(&h), c + 1, "arrows reach the article after the dialog");
    // And after the key reference closes.
    press(&mut h, Modifiers::NONE, Key::F1);
    press(&mut h, Modifiers::NONE, Key::F1);
    press(&mut h, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(caret(&h), c);
}

#[test]
fn tab_while_picking_a_speaker_steps_targets_not_the_source() {
    let mut h = harness_sized(QuotebenchApp::with_sample(), 1280.0, 800.0);
    // Select a quote (Tab until one is selected), then Ctrl+L.
    let mut quote = None;
    for _ in 0..40 {
        press(&mut h, Modifiers::NONE, Key::Tab);
        if h.state()
            .ws()
            .selected_annotation()
            .is_some_and(|a| a.label == names::QUOTE)
        {
            quote = h.state().ws().selected.clone();
            break;
        }
    }
    let quote = quote.expect("the sample has a quote");
    press(&mut h, CTRL, Key::L);
    assert!(h.state().picking());
    let before = caret(&h);
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(h.state().ws().selected.as_ref(), Some(&quote), "the source stays");
    assert!(h.state().picking());
    let d = h.state().ws().document().expect("doc");
    let at = caret(&h);
    assert_ne!(at, before);
    assert!(
        d.annotations()
            .any(|a| a.label == names::SPEAKER && a.hull().start == at),
        "the caret went to a speaker"
    );
    assert!(h.state().message().contains("Speaker"), "{}", h.state().message());
}

fn long_name_project() -> Project {
    let name = "Detective Chief Superintendent Alexandra Montgomery-Worthington of the Metropolitan Police Counter Terrorism Command";
    let text = format!("“We will act now,” said {name}, speaking in London.\nMore text follows here.");
    let q = common::span(&text, "q1", names::QUOTE, "We will act now,");
    let mut s = common::span(&text, "s1", names::SPEAKER, name);
    s.attributes.insert(names::PERSON.into(), name.into());
    common::one_document(
        "tester",
        "d1",
        &text,
        vec![q, s],
        vec![common::said_by("r1", "q1", "s1")],
    )
}

/// The left edge of the article's text and the left edge of the right panel.
fn article_span(h: &Harness<'_, QuotebenchApp>) -> (f32, f32) {
    let text_left = caret_rect(h, 0).expect("the first char is shown").min.x;
    let inspector_left = h.get_by_label("Inspector").rect().min.x;
    (text_left, inspector_left)
}

#[test]
fn at_800x600_a_long_speaker_name_leaves_half_the_window_and_delete_reachable() {
    let mut app = QuotebenchApp::with_workspace(Workspace::new(long_name_project(), None));
    app.ws_mut().select_annotation(Some("q1".into()));
    let mut h = harness_sized(app, 800.0, 600.0);
    h.run();
    let (left, right) = article_span(&h);
    // The article (from its text's left margin to the right panel) keeps half the window.
    assert!(right - left + 30.0 >= 400.0, "article {left}..{right}");
    let delete = h.get_by_label("Delete");
    delete.scroll_to_me();
    h.run();
    let r = h.get_by_label("Delete").rect();
    assert!(
        r.min.x >= right - 20.0 && r.max.x <= 800.0,
        "Delete across: {r:?}"
    );
    assert!(r.min.y >= 0.0 && r.max.y <= 600.0, "Delete in sight: {r:?}");
    // The note field is reachable too.
    let note = h.get_by_role(Role::MultilineTextInput);
    note.scroll_to_me();
    h.run();
    let n = h.get_by_role(Role::MultilineTextInput).rect();
    assert!(
        n.max.x <= 800.0 && n.min.y >= 0.0 && n.max.y <= 600.0,
        "note: {n:?}"
    );

    // A wide panel from a bigger window (a saved width) is clamped in a small one.
    h.set_size(Vec2::new(1920.0, 1000.0));
    h.run();
    let edge = h.get_by_label("Inspector").rect().min.x - 8.0;
    h.hover_at(Pos2::new(edge, 300.0));
    h.run();
    h.drag_at(Pos2::new(edge, 300.0));
    h.run();
    h.hover_at(Pos2::new(200.0, 300.0));
    h.run();
    h.drop_at(Pos2::new(200.0, 300.0));
    h.run();
    let (l, r) = article_span(&h);
    assert!(r - l + 30.0 >= 960.0, "dragging keeps half of 1920: {l}..{r}");
    h.set_size(Vec2::new(800.0, 600.0));
    h.run();
    h.run();
    let (l, r) = article_span(&h);
    assert!(r - l + 30.0 >= 400.0, "back at 800: {l}..{r}");
}

#[test]
fn the_key_reference_fits_an_800x600_window_and_scrolls() {
    let mut h = harness_sized(QuotebenchApp::with_sample(), 800.0, 600.0);
    press(&mut h, Modifiers::NONE, Key::F1);
    // The window is inside the 800x600 screen (its F1 row, further down, is scrolled away).
    let window = h
        .query_all_by_label("Keyboard reference")
        .find(|n| n.accesskit_node().role() == Role::Window)
        .expect("the window")
        .rect();
    assert!(
        window.min.x >= 0.0 && window.min.y >= 0.0 && window.max.x <= 800.0 && window.max.y <= 600.0,
        "{window:?}"
    );
    let first = h.get_by_label("New from text…").rect();
    assert!(first.max.y <= 600.0, "the first row is shown: {first:?}");
    // The last row is below the window until scrolled to.
    let last = "Select exact characters (no snapping to words)";
    h.get_by_label(last).scroll_to_me();
    h.run();
    let r = h.get_by_label(last).rect();
    assert!(r.min.y >= 0.0 && r.max.y <= 600.0 && r.max.x <= 800.0, "{r:?}");
    // The caret's keys are listed.
    h.get_by_label("Select a word right");
    h.get_by_label("Go to the inspector");
}

/// A picture of the 800x600 window: a long speaker name (elided in the
/// people list, the panel not widened), the quote selected in the
/// inspector, and a caret selection made with Shift+arrows in the article.
#[test]
fn snapshot_of_an_800x600_window_with_a_caret_selection() {
    let mut app = QuotebenchApp::with_workspace(Workspace::new(long_name_project(), None));
    app.ws_mut().select_annotation(Some("q1".into()));
    let mut h = Harness::builder()
        .with_size([800.0, 600.0])
        .with_accessibility_check(false)
        .wgpu()
        .build_eframe(move |_cc| app);
    h.run();
    let at = offset(&h, "speaking");
    click_before(&mut h, at);
    press(&mut h, CTRL | SHIFT, Key::ArrowRight);
    press(&mut h, CTRL | SHIFT, Key::ArrowRight);
    assert_eq!(selected_text(&h), "speaking in");
    // Tab selects the quote: the inspector shows it, its long speaker elided.
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(h.state().ws().selected.as_deref(), Some("q1"));
    // Away from the text, so no tooltip covers it.
    h.hover_at(Pos2::new(790.0, 590.0));
    h.run();
    h.snapshot("caret_800x600");
}

/// A line with Hebrew and Arabic words (laid out in visual order): the caret
/// keys still move and select in logical order, by whole clusters, and the
/// caret is drawn inside the line.
#[test]
fn caret_keys_in_right_to_left_text_select_logical_words() {
    let text = "Hello שָׁלוֹם עולם and مرحبا end.";
    let mut h = harness_sized(app_with(text), 1280.0, 800.0);
    press(&mut h, CTRL, Key::Home);
    for _ in 0..2 {
        press(&mut h, CTRL | SHIFT, Key::ArrowRight);
    }
    assert_eq!(selected_text(&h), "Hello שָׁלוֹם");
    press(&mut h, SHIFT, Key::ArrowLeft);
    // One cluster back: the final letter goes, the vav keeps its point.
    assert_eq!(selected_text(&h), "Hello ש\u{5b8}\u{5c1}לו\u{5b9}");
    press(&mut h, SHIFT, Key::ArrowRight);
    h.key_press(Key::Q);
    h.run();
    let a = h.state().ws().selected_annotation().expect("tagged").clone();
    assert_eq!(a.covered_text(), "Hello שָׁלוֹם");
    // The caret in the Arabic word is drawn within the line's width.
    let ar = offset(&h, "رحبا");
    press(&mut h, CTRL, Key::End);
    let first = caret_rect(&h, 0).expect("shown");
    for _ in 0..(text.chars().count() - ar) {
        h.key_press(Key::ArrowLeft);
    }
    h.run();
    assert_eq!(caret(&h), ar);
    let r = caret_rect(&h, ar).expect("shown");
    assert!(r.min.x > first.min.x && r.min.x < first.min.x + 600.0, "{r:?}");
    assert!((r.center().y - first.center().y).abs() < 2.0, "same line: {r:?}");
}
