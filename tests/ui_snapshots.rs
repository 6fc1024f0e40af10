//! Pictures of the window, rendered headless with wgpu (Mesa's lavapipe in
//! CI) and compared with `tests/snapshots/*.png`: the article with
//! overlapping and nested spans, the inspector, and the compare view. After
//! a deliberate change of the look: `UPDATE_SNAPSHOTS=1 cargo test --test
//! ui_snapshots`, then look at the new pictures before committing them.
#![cfg(feature = "gui")]

mod common;

use egui::Key;
use egui_kittest::Harness;
use quotebench::model::{Annotation, Project, Relation};
use quotebench::review::Layer;
use quotebench::ui::{QuotebenchApp, Workspace};

const TEXT: &str = "Council approves the river plan\n\
“The river will be clean by 2030, and the parks will be open to everyone,” said Mayor Ana Ruiz, \
who called the vote “a turning point for the city.”\n\
Opposition leader Tom Berg said the plan would cost more than 40 million euros and that \
“nobody has asked the people who live by the river.”";

fn ann(id: &str, label: &str, needle: &str) -> Annotation {
    common::span(TEXT, id, label, needle)
}

fn said_by(from: &str, to: &str) -> Relation {
    common::said_by(&format!("{from}-said_by"), from, to)
}

fn project(annotator: &str, anns: Vec<Annotation>, rels: Vec<Relation>) -> Project {
    common::one_document(annotator, "river", TEXT, anns, rels)
}

fn harness(app: QuotebenchApp) -> Harness<'static, QuotebenchApp> {
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .wgpu()
        .build_eframe(move |_cc| app);
    h.run();
    h
}

/// A quote with a claim overlapping its end and a speaker inside a quote,
/// the quote selected: the inspector shows it.
#[test]
fn article_with_overlapping_and_nested_spans_and_the_inspector() {
    let p = project(
        "ana",
        vec![
            ann(
                "q1",
                "Quote",
                "The river will be clean by 2030, and the parks will be open to everyone,",
            ),
            ann("k1", "Claim", "the parks will be open to everyone,” said Mayor"),
            ann("s1", "Speaker", "Mayor Ana Ruiz"),
            ann("c1", "Cue", "said"),
            ann("q2", "Quote", "a turning point for the city."),
            ann("s2", "Speaker", "Opposition leader Tom Berg"),
            ann(
                "q3",
                "Quote",
                "the plan would cost more than 40 million euros and that “nobody has asked",
            ),
            ann("k2", "Claim", "more than 40 million euros"),
            ann("s3", "Speaker", "the people"),
        ],
        vec![said_by("q1", "s1"), said_by("q3", "s2")],
    );
    let mut app = QuotebenchApp::with_workspace(Workspace::new(p, None));
    app.ws_mut().select_annotation(Some("q1".into()));
    let mut h = harness(app);
    h.run();
    h.snapshot("article_overlaps_inspector");
}

/// The shipped sample as it opens, in the light theme.
#[test]
fn the_sample_in_the_light_theme() {
    let mut h = harness(QuotebenchApp::with_sample());
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::D);
    h.run();
    h.run();
    h.snapshot("sample_light");
}

/// Two annotators compared: their marks under the rows, the disagreement
/// list and the current disagreement's versions.
#[test]
fn the_compare_view() {
    let ana = project(
        "ana",
        vec![
            ann(
                "q1",
                "Quote",
                "The river will be clean by 2030, and the parks will be open to everyone,",
            ),
            ann("s1", "Speaker", "Mayor Ana Ruiz"),
            ann("c1", "Cue", "said"),
            ann("k2", "Claim", "more than 40 million euros"),
        ],
        vec![said_by("q1", "s1")],
    );
    let bo = project(
        "bo",
        vec![
            ann("q1", "Quote", "The river will be clean by 2030"),
            ann("s1", "Speaker", "Mayor Ana Ruiz"),
            ann("c1", "Cue", "said"),
            ann("q2", "Quote", "a turning point for the city."),
        ],
        vec![said_by("q1", "s1"), said_by("q2", "s1")],
    );
    let mut app = QuotebenchApp::with_workspace(Workspace::new(Project::default(), None));
    let set = quotebench::review::ReviewSet::build(vec![
        Layer {
            annotator: "ana".into(),
            source: "ana.qb.ron".into(),
            project: ana,
        },
        Layer {
            annotator: "bo".into(),
            source: "bo.qb.ron".into(),
            project: bo,
        },
    ]);
    app.start_review_of(set, Vec::new()).expect("the review opens");
    let mut h = harness(app);
    h.key_press(Key::F8);
    h.run();
    h.run();
    h.snapshot("compare_view");
}
