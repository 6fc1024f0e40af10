//! The people register in the window (issue 14): "Merge people…"
//! (Ctrl+Shift+M) merges two people in one step and Ctrl+Z undoes it; F4
//! takes the keyboard to the panel's "New person" field; the register's
//! attribute editors offer the tag set's values.
#![cfg(feature = "gui")]

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::format::parse_project;
use quotebench::model::{Edit, Project, TagSet};
use quotebench::ui::{QuotebenchApp, Workspace};

const V3: &str = include_str!("fixtures/people/v3.qb.ron");

/// The version-3 fixture (its register: Cressida Dick, aliases "Ms Dick"
/// and "the commissioner"), with "the commissioner" split off as a second
/// person typed separately, "Commissioner Dick", and the default person
/// attributes (gender, role).
fn project() -> Project {
    // The test harness has no Hebrew font: the same text in Latin letters.
    let mut p = parse_project(&V3.replace("מחר", "abc"), "v3")
        .expect("opens")
        .project;
    let mut tags = p.tagset.clone();
    tags.person_attributes = TagSet::default().person_attributes;
    Edit::SetTagSet(tags).apply(&mut p).expect("tag set");
    Edit::SplitMention {
        doc: 1,
        id: "s4".into(),
        name: "Commissioner Dick".into(),
    }
    .apply(&mut p)
    .expect("split");
    p
}

fn harness(p: Project) -> Harness<'static, QuotebenchApp> {
    let app = QuotebenchApp::with_workspace(Workspace::new(p, None));
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_accessibility_check(false)
        .build_eframe(move |cc| {
            quotebench::ui::fonts::install(&cc.egui_ctx);
            app
        });
    h.run();
    h
}

fn names(h: &Harness<'_, QuotebenchApp>) -> Vec<String> {
    h.state()
        .ws()
        .project
        .people
        .iter()
        .map(|p| p.name.clone())
        .collect()
}

#[test]
fn merge_two_people_in_the_window_then_undo() {
    let before = project();
    let mut h = harness(before.clone());
    assert_eq!(names(&h), ["Commissioner Dick", "Cressida Dick"]);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    h.run();
    h.get_by_label("Pick two different people");
    // Each name stands in the register and in both columns of the window
    // (drawn last): "merge this" is the one before last, "into" the last.
    let from: Vec<_> = h.get_all_by_label("Commissioner Dick").collect();
    assert!(from.len() >= 2, "the name in both columns");
    from[from.len() - 2].click();
    h.run();
    let into: Vec<_> = h.get_all_by_label("Cressida Dick").collect();
    into[into.len() - 1].click();
    h.run();
    h.get_by_label("Merge “Commissioner Dick” into “Cressida Dick”");
    h.get_by_label("Merge").click();
    h.run();
    let p = &h.state().ws().project;
    assert_eq!(names(&h), ["Cressida Dick"]);
    let cd = p.people.get("Cressida Dick").expect("kept");
    assert!(cd.aliases.contains(&"Commissioner Dick".to_string()), "{cd:?}");
    assert!(cd.aliases.contains(&"the commissioner".to_string()), "{cd:?}");
    let s4 = p.documents[1].annotation("s4").expect("s4");
    assert_eq!(s4.attribute("person"), Some("Cressida Dick"));
    assert!(h.state().ws().is_dirty());
    // One step: Ctrl+Z gives back both people and the speaker's person.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().ws().project == before, "undo gives the project back");
}

#[test]
fn f4_takes_the_keyboard_to_the_new_person_field() {
    let mut h = harness(project());
    h.key_press(Key::F4);
    h.run();
    h.event(Event::Text("Ana 👩‍👩‍👧 Ruiz".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        names(&h),
        ["Ana 👩‍👩‍👧 Ruiz", "Commissioner Dick", "Cressida Dick"],
        "{}",
        h.state().message()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(names(&h), ["Commissioner Dick", "Cressida Dick"]);
}

#[test]
fn a_person_attribute_with_values_is_set_from_a_combo_box() {
    let mut h = harness(project());
    h.get_by_label("Cressida Dick").click();
    h.run();
    // gender lists its values: a combo box showing "(not set)".
    h.get_by_value("(not set)").click();
    h.run();
    h.get_by_label("woman").click();
    h.run();
    let p = &h.state().ws().project;
    assert_eq!(
        p.people.get("Cressida Dick").expect("cd").attribute("gender"),
        Some("woman")
    );
}
