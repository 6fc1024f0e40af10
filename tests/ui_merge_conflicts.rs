//! A file a three-way merge left with conflicts (issue 17), opened in the
//! window: the review panel's place lists them (the project's own first), and the keys of a review
//! disagreement settle them (Alt+1 ours, Alt+2 theirs, Alt+A both, Alt+0
//! neither), each one undoable edit.
#![cfg(feature = "gui")]

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::format::{parse_project, project_to_string};
use quotebench::model::{Edit, Project, merge_versions};
use quotebench::ui::{QuotebenchApp, Workspace};

const TEXT: &str = "„Wir schaffen das“, sagte 👩‍👩‍👧 Ümit in 東京.";

/// Both sides changed the quote's note and the speaker's note differently.
fn conflicted() -> Project {
    let base = common::one_document(
        "team",
        "d1",
        TEXT,
        vec![
            common::span(TEXT, "q1", "Quote", "Wir schaffen das"),
            common::span(TEXT, "s1", "Speaker", "👩‍👩‍👧 Ümit"),
        ],
        vec![common::said_by("r1", "q1", "s1")],
    );
    let sides = ["ours", "theirs"].map(|side| {
        let mut p = base.clone();
        for id in ["q1", "s1"] {
            renote(&mut p, id, &format!("{side} {id}"));
        }
        p
    });
    merged_file(&base, &sides)
}

/// The merge of `sides` over `base`, as the file on disk holds it.
fn merged_file(base: &Project, [ours, theirs]: &[Project; 2]) -> Project {
    let merged = merge_versions(base, ours, theirs).project;
    let text = project_to_string(&merged).expect("writes");
    parse_project(&text, "merged.qb.ron").expect("opens").project
}

/// Annotation `id` of the first document given `note`.
fn renote(p: &mut Project, id: &str, note: &str) {
    let mut a = p.documents[0].annotation(id).expect("there").clone();
    a.note = note.into();
    Edit::ReplaceAnnotation {
        doc: 0,
        annotation: a,
    }
    .apply(p)
    .expect("applies");
}

/// The window on `p`, as opened.
fn window(p: Project) -> Harness<'static, QuotebenchApp> {
    let app = QuotebenchApp::with_workspace(Workspace::new(p, None));
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .allow_missing_glyphs()
        .build_eframe(move |_cc| app)
}

fn note(h: &Harness<'_, QuotebenchApp>, id: &str) -> Option<String> {
    h.state().ws().document()?.annotation(id).map(|a| a.note.clone())
}

#[test]
fn merge_conflicts_are_listed_and_settled_by_keyboard_with_undo() {
    let mut h = window(conflicted());
    h.run();
    h.get_by_label("Merge conflicts");
    h.get_by_label_contains("2 to settle");
    h.get_by_label_contains("annotation q1: note");
    h.get_by_label_contains("ours: Quote “Wir schaffen das”, note “ours q1”");
    h.get_by_label_contains("theirs: Quote “Wir schaffen das”, note “theirs q1”");

    // Alt+2 takes theirs for the first (q1); Alt+1 ours for the next (s1).
    h.key_press_modifiers(Modifiers::ALT, Key::Num2);
    h.run();
    assert_eq!(note(&h, "q1").as_deref(), Some("theirs q1"));
    h.get_by_label_contains("1 to settle");
    h.key_press_modifiers(Modifiers::ALT, Key::Num1);
    h.run();
    assert_eq!(note(&h, "s1").as_deref(), Some("ours s1"));
    assert!(h.state().ws().document().expect("doc").conflicts().is_empty());
    assert!(
        h.query_by_label("Merge conflicts").is_none(),
        "nothing left to list"
    );

    // Ctrl+Z gives the last conflict back, exactly.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().ws().document().expect("doc").conflicts().len(), 1);
    assert_eq!(note(&h, "s1").as_deref(), Some(""));
    h.get_by_label_contains("annotation s1: note");
    // Alt+0: neither (the base's note); Alt+A would keep both.
    h.key_press_modifiers(Modifiers::ALT, Key::Num0);
    h.run();
    assert_eq!(note(&h, "s1").as_deref(), Some(""));
    assert!(h.state().ws().document().expect("doc").conflicts().is_empty());
    assert_eq!(h.state().ws().project.format_version(), 4);
}

/// Both sides renamed the project and recoloured Quote differently, and
/// changed the quote's note: the project's clashes are listed first and
/// settled first, then the document's.
fn conflicted_project() -> Project {
    let base = conflicted_base();
    let sides = [("ours", "#111111"), ("theirs", "#222222")].map(|(side, colour)| {
        let mut p = base.clone();
        p.name = format!("Team {side} 東京");
        p.tagset
            .labels
            .iter_mut()
            .find(|l| l.name == "Quote")
            .expect("Quote")
            .color = colour.into();
        renote(&mut p, "q1", &format!("{side} q1"));
        p
    });
    merged_file(&base, &sides)
}

fn conflicted_base() -> Project {
    common::one_document(
        "team",
        "d1",
        TEXT,
        vec![common::span(TEXT, "q1", "Quote", "Wir schaffen das")],
        vec![],
    )
}

#[test]
fn project_conflicts_are_listed_first_and_settled_by_keyboard_with_undo() {
    let mut h = window(conflicted_project());
    h.run();
    h.get_by_label("Merge conflicts on the project");
    h.get_by_label_contains("2 to settle");
    h.get_by_label("the project name");
    h.get_by_label("  ours: “Team ours 東京”");
    h.get_by_label("  theirs: “Team theirs 東京”");
    h.get_by_label("label Quote");
    h.get_by_label_contains("theirs: colour #222222, key q");
    let project = |h: &Harness<'_, QuotebenchApp>| h.state().ws().project.clone();
    assert_eq!(project(&h).name, "Team ours 東京", "ours stands");

    // Alt+2: theirs' name; Alt+0: the base's colour.
    h.key_press_modifiers(Modifiers::ALT, Key::Num2);
    h.run();
    assert_eq!(project(&h).name, "Team theirs 東京");
    h.get_by_label_contains("1 to settle");
    h.key_press_modifiers(Modifiers::ALT, Key::Num0);
    h.run();
    let base_colour = conflicted_base()
        .tagset
        .label("Quote")
        .expect("Quote")
        .color
        .clone();
    assert_eq!(
        project(&h).tagset.label("Quote").expect("Quote").color,
        base_colour
    );
    assert!(project(&h).conflicts.is_empty());
    // Then the document's own conflict is listed and the keys settle it.
    assert!(h.query_by_label("Merge conflicts on the project").is_none());
    h.get_by_label("Merge conflicts");
    h.get_by_label_contains("annotation q1: note");

    // Ctrl+Z twice: the colour, then the name, and both records back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project(&h), conflicted_project());
    h.get_by_label("Merge conflicts on the project");
    assert_eq!(project(&h).format_version(), 5);
}
