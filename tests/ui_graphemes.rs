//! kittest: selections in the window never cut a character. Dragging over
//! part of a ZWJ family (👩‍👩‍👧, five chars) or half a flag (🇩🇪, two) selects
//! and tags the whole of it, with word snapping and with Alt ("exact
//! characters"); Shift+arrows move a whole cluster at a time. The window's
//! emoji font is installed as the real window installs it, so the mouse
//! aims at what a user sees.
#![cfg(feature = "gui")]

use egui::{Event, Key, Modifiers, Pos2};
use egui_kittest::Harness;
use quotebench::model::{CharRange, Project, names};
use quotebench::ui::{QuotebenchApp, Workspace};

const TEXT: &str = "The family 👩\u{200d}👩\u{200d}👧 came from 🇩🇪 today, said Ann.";
const FAMILY: &str = "👩\u{200d}👩\u{200d}👧";
const FLAG: &str = "🇩🇪";

fn harness() -> Harness<'static, QuotebenchApp> {
    let ws = Workspace::new(Project::from_text("Emoji", TEXT, "tester"), None);
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .build_eframe(move |cc| {
            quotebench::ui::fonts::install(&cc.egui_ctx);
            QuotebenchApp::with_workspace(ws)
        });
    h.run();
    h
}

/// Char offset of the first occurrence of `phrase`.
fn offset(h: &Harness<'_, QuotebenchApp>, phrase: &str) -> usize {
    let text = h.state().ws().document().expect("a document").text();
    text[..text.find(phrase).expect("in the text")].chars().count()
}

fn pos_of(h: &Harness<'_, QuotebenchApp>, c: usize) -> Pos2 {
    h.state().view().screen_pos_of_char(c).expect("on screen")
}

fn drag(h: &mut Harness<'_, QuotebenchApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    h.event(Event::ModifiersChanged(modifiers));
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
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

fn selected_text(h: &Harness<'_, QuotebenchApp>) -> String {
    let ws = h.state().ws();
    let sel = ws.selection.expect("something is selected").range();
    ws.document().expect("doc").slice(sel).to_string()
}

#[test]
fn dragging_from_inside_a_zwj_family_selects_and_tags_all_of_it() {
    let mut h = harness();
    let fam = offset(&h, FAMILY);
    // From the second woman (char fam + 2) into "came": words snap, and the
    // start, inside the family (no word), widens to the family's start.
    let (a, b) = (pos_of(&h, fam + 2), pos_of(&h, offset(&h, "came") + 1));
    drag(&mut h, a, b, Modifiers::NONE);
    assert_eq!(selected_text(&h), format!("{FAMILY} came"));

    h.key_press(Key::Q);
    h.run();
    let ws = h.state().ws();
    let quote = ws.selected_annotation().expect("the new quote is selected");
    assert_eq!(quote.label, names::QUOTE);
    assert_eq!(quote.covered_text(), format!("{FAMILY} came"));
    assert_eq!(quote.fragments[0].range(), CharRange::new(fam, fam + 10));
}

#[test]
fn alt_dragging_within_a_zwj_family_takes_the_whole_family_not_a_word() {
    let mut h = harness();
    let fam = offset(&h, FAMILY);
    let (a, b) = (pos_of(&h, fam + 2), pos_of(&h, fam + 4));
    drag(&mut h, a, b, Modifiers::ALT);
    assert_eq!(selected_text(&h), FAMILY);
    // Ending anywhere over the family, from "The": all of it or none.
    let y = pos_of(&h, fam).y;
    let (start, x1) = (pos_of(&h, 0), pos_of(&h, fam + 5).x);
    let mut x = pos_of(&h, fam - 1).x;
    while x <= x1 {
        drag(&mut h, start, Pos2::new(x, y), Modifiers::ALT);
        let end = h.state().ws().selection.expect("selected").range().end;
        assert!(end <= fam || end >= fam + 5, "end {end} cuts the family at x {x}");
        x += 2.0;
    }

    // Alt still means exact characters otherwise: from inside "came" to
    // inside "from" is not widened to whole words.
    let came = offset(&h, "came");
    let (a, b) = (pos_of(&h, came + 1), pos_of(&h, came + 7));
    drag(&mut h, a, b, Modifiers::ALT);
    let sel = h.state().ws().selection.expect("selected").range();
    assert!(sel.start > came, "not snapped to the word's start: {sel:?}");
    assert!(sel.end < came + 9, "not snapped to the word's end: {sel:?}");
}

#[test]
fn dragging_onto_any_part_of_a_flag_selects_all_or_none_of_it() {
    let mut h = harness();
    let flag = offset(&h, FLAG);
    let today = offset(&h, "today");
    let from = offset(&h, "from");
    let y = pos_of(&h, flag).y;
    let (x0, x1) = (pos_of(&h, flag - 1).x, pos_of(&h, flag + 2).x);
    let (in_today, at_from) = (pos_of(&h, today + 2), pos_of(&h, from));
    // Sweep the pointer across the flag (its two regional indicators are
    // one glyph), ending drags that start on either side of it.
    let mut whole = 0;
    let mut x = x0;
    while x <= x1 {
        // Backward from inside "today", word snapping.
        drag(&mut h, in_today, Pos2::new(x, y), Modifiers::NONE);
        let sel = h.state().ws().selection.expect("selected");
        assert!(
            sel.head == flag || sel.head >= flag + 2,
            "head {} cuts the flag at x {x}",
            sel.head
        );
        if sel.head == flag {
            assert_eq!(selected_text(&h), format!("{FLAG} today"));
        }
        // Forward from "from", exact characters.
        drag(&mut h, at_from, Pos2::new(x, y), Modifiers::ALT);
        let sel = h.state().ws().selection.expect("selected").range();
        assert!(
            sel.end <= flag || sel.end == flag + 2,
            "end {} cuts the flag at x {x}",
            sel.end
        );
        if sel.end == flag + 2 {
            whole += 1;
            assert!(selected_text(&h).ends_with(FLAG), "{:?}", selected_text(&h));
        }
        x += 1.5;
    }
    assert!(whole > 0, "some drag over the flag took it");

    // Tagging the last whole selection tags the whole flag.
    drag(&mut h, at_from, Pos2::new(x1, y), Modifiers::ALT);
    h.key_press(Key::L);
    h.run();
    let claim = h.state().ws().selected_annotation().expect("tagged").clone();
    assert_eq!(claim.label, names::CLAIM);
    assert!(claim.covered_text().contains(FLAG), "{:?}", claim.covered_text());
    assert_eq!(
        claim.fragments[0].range().start,
        from + 1,
        "{:?}",
        claim.covered_text()
    );
}

#[test]
fn shift_arrows_move_a_whole_cluster_at_a_time() {
    let mut h = harness();
    let fam = offset(&h, FAMILY);
    let flag = offset(&h, FLAG);
    // A caret before the family: one Shift+Right takes all five chars.
    h.state_mut().ws_mut().caret = fam;
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(selected_text(&h), FAMILY);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert!(h.state().ws().selection.is_none_or(|s| s.range().is_empty()));

    // A caret after the flag: one Shift+Left takes both indicators.
    h.state_mut().ws_mut().selection = None;
    h.state_mut().ws_mut().caret = flag + 2;
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(selected_text(&h), FLAG);

    // A caret inside the family (a click can put it there): the selection
    // widens to the whole family and goes on from its end.
    h.state_mut().ws_mut().selection = None;
    h.state_mut().ws_mut().caret = fam + 2;
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(selected_text(&h), FAMILY);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(selected_text(&h), format!("{FAMILY} came"));
}
