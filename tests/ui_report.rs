//! kittest: the report view (issue 14). F9 opens it; a click on a bar lists
//! the quotes behind it (checked against counts made here, from the model,
//! not by the report code); a click on one of them opens its document at
//! that quote. The figures are computed once, not per frame, and again
//! after an edit. A snapshot of the window: `tests/snapshots/report_view.png`
//! (after a deliberate change of the look: `UPDATE_SNAPSHOTS=1 cargo test
//! --test ui_report`, then look at the picture before committing it).
#![cfg(feature = "gui")]

mod common;

use std::collections::BTreeMap;

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::format::parse_project;
use quotebench::model::{Annotation, Document, Project, Relation, Source};
use quotebench::report::{Dimension, QuoteRef};
use quotebench::ui::report::Pick;
use quotebench::ui::{QuotebenchApp, Workspace};

/// A second article: combining marks, emoji, Arabic (right to left) and a
/// quote without a speaker. (egui's fonts and ours have no CJK letters:
/// kittest refuses a glyph it cannot draw.)
const TEXT: &str = "“We will stay open,” said Renée Côté of the café. \
Later the owner added: “Prices rise 👩‍🔬.” \
دانة said the plan was late. Nobody knows why the lights went out.";

fn with_person(mut a: Annotation, person: &str) -> Annotation {
    a.attributes.insert("person".into(), person.into());
    a
}

fn with_kind(mut a: Annotation, kind: &str) -> Annotation {
    a.attributes.insert("kind".into(), kind.into());
    a
}

/// The built-in sample and a second article (another outlet, another month).
fn project() -> Project {
    let mut p = parse_project(quotebench::SAMPLE_PROJECT, "sample.qb.ron")
        .expect("the sample reads")
        .project;
    let span = |id: &str, label: &str, needle: &str| common::span(TEXT, id, label, needle);
    let anns = vec![
        with_kind(span("b-q1", "Quote", "We will stay open,"), "direct"),
        with_person(span("b-s1", "Speaker", "Renée Côté"), "Renée Côté"),
        with_kind(span("b-q2", "Quote", "Prices rise 👩‍🔬."), "direct"),
        with_person(span("b-s2", "Speaker", "the owner"), "Renée Côté"),
        with_kind(span("b-q3", "Quote", "the plan was late"), "indirect"),
        with_person(span("b-s3", "Speaker", "دانة"), "دانة"),
        with_kind(span("b-q4", "Quote", "the lights went out"), "indirect"),
    ];
    let rels: Vec<Relation> = [("b-q1", "b-s1"), ("b-q2", "b-s2"), ("b-q3", "b-s3")]
        .iter()
        .map(|(q, s)| common::said_by(&format!("{q}-said_by"), q, s))
        .collect();
    let source = Source {
        url: String::new(),
        outlet: "Café Zeitung".into(),
        date: "2019-02-03".into(),
    };
    let (doc, _, _) = Document::from_parts(
        "cafe".into(),
        "The café stays open".into(),
        Some(source),
        TEXT.into(),
        anns,
        rels,
    );
    p.documents.push(doc);
    p
}

/// The quotes of each person, counted here from the model: a Quote's
/// first `said_by` speaker's `person` attribute (or its text).
fn quotes_by_person(p: &Project) -> BTreeMap<String, Vec<(usize, String)>> {
    let mut by: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    for (i, d) in p.documents.iter().enumerate() {
        for q in d.annotations().filter(|a| a.label == "Quote") {
            let speaker = d
                .relations()
                .find(|r| r.kind == "said_by" && r.from == q.id)
                .and_then(|r| d.annotation(&r.to));
            if let Some(s) = speaker {
                let person = s
                    .attributes
                    .get("person")
                    .cloned()
                    .unwrap_or_else(|| s.fragments.iter().map(|f| f.text.as_str()).collect());
                by.entry(person).or_default().push((i, q.id.clone()));
            }
        }
    }
    by
}

fn harness(app: QuotebenchApp, wgpu: bool) -> Harness<'static, QuotebenchApp> {
    let mut b = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false);
    if wgpu {
        b = b.wgpu();
    }
    let mut h = b.build_eframe(move |cc| {
        quotebench::ui::fonts::install(&cc.egui_ctx);
        app
    });
    h.run();
    h
}

fn open_report(h: &mut Harness<'static, QuotebenchApp>) {
    h.key_press(Key::F9);
    h.run();
    h.run();
    assert!(h.state().report_open(), "F9 opens the report view");
}

fn click_at(h: &mut Harness<'static, QuotebenchApp>, pos: egui::Pos2) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    h.run();
}

#[test]
fn a_click_on_a_bar_lists_its_quotes_and_a_click_on_one_opens_it() {
    let p = project();
    let expected = quotes_by_person(&p);
    let mut h = harness(QuotebenchApp::with_workspace(Workspace::new(p, None)), false);
    open_report(&mut h);

    let report = h.state().report().expect("figures").clone();
    let person = report
        .tables
        .iter()
        .position(|t| t.dimension == Dimension::Person)
        .expect("a table by person");
    // The rows are the people counted here, with the same counts.
    let rows: BTreeMap<String, usize> = report.tables[person]
        .rows
        .iter()
        .map(|r| (r.key.clone(), r.figure.count))
        .collect();
    let counted: BTreeMap<String, usize> = expected.iter().map(|(k, v)| (k.clone(), v.len())).collect();
    assert_eq!(rows, counted);

    // Renée Côté's bar: 2 quotes, both in the second article.
    let bar = report.tables[person]
        .rows
        .iter()
        .position(|r| r.key == "Renée Côté")
        .expect("Renée Côté has a row");
    let at = h.state().report_bar_pos(person, bar).expect("the bar is drawn");
    click_at(&mut h, at);
    assert_eq!(
        h.state().report_pick(),
        Some(&Pick::Row {
            table: person,
            key: "Renée Côté".into()
        }),
        "the click picked the bar's row"
    );

    // Its quotes are listed: the two counted here.
    let listed: Vec<&QuoteRef> = report.tables[person].rows[bar]
        .figure
        .quotes
        .iter()
        .map(|&i| &report.quotes[i])
        .collect();
    let ids: Vec<(usize, String)> = listed.iter().map(|q| (q.doc, q.quote_id.clone())).collect();
    assert_eq!(ids, expected["Renée Côté"]);
    for q in &listed {
        h.get_by_label(&format!("{} · Renée Côté: “{}”", q.doc_id, q.text));
    }

    // A click on the second opens its document, selects it and shows it.
    assert_eq!(h.state().ws().doc, 0, "the sample is open first");
    h.get_by_label_contains("Prices rise 👩‍🔬.").click();
    h.run();
    h.run();
    h.run();
    let ws = h.state().ws();
    assert_eq!(ws.doc, 1, "the quote's document is open");
    assert_eq!(ws.selected.as_deref(), Some("b-q2"), "the quote is selected");
    let start = ws.selected_annotation().expect("selected").hull().start;
    let y = h.state().view().screen_pos_of_char(start).expect("laid out").y;
    assert!((0.0..800.0).contains(&y), "the quote is on screen (y = {y})");
}

#[test]
fn figures_are_computed_once_and_again_after_an_edit_or_a_new_query() {
    let mut h = harness(
        QuotebenchApp::with_workspace(Workspace::new(project(), None)),
        false,
    );
    open_report(&mut h);
    let first = h.state().report_computations();
    assert_eq!(first, 1);
    for _ in 0..5 {
        h.run();
    }
    assert_eq!(h.state().report_computations(), 1, "not per frame");
    let total = h.state().report().expect("figures").total.count;

    // An edit: the quote b-q4 (no speaker) deleted.
    {
        let app = h.state_mut();
        app.ws_mut().set_document(1);
        app.ws_mut().select_annotation(Some("b-q4".into()));
        app.ws_mut().delete_selected().expect("deleted");
    }
    h.run();
    assert_eq!(h.state().report_computations(), 2);
    assert_eq!(h.state().report().expect("figures").total.count, total - 1);

    // A new query: only the second article's outlet.
    h.state_mut().report_query_mut().filter.outlets = vec!["Café Zeitung".into()];
    h.run();
    assert_eq!(h.state().report_computations(), 3);
    let report = h.state().report().expect("figures");
    assert_eq!(report.documents, 1);
    assert_eq!(report.total.count, 3, "b-q1..b-q3 (b-q4 was deleted)");
    assert_eq!(report.without_speaker.count, 0);
}

#[test]
fn the_report_view_looks_right() {
    let mut h = harness(
        QuotebenchApp::with_workspace(Workspace::new(project(), None)),
        true,
    );
    open_report(&mut h);
    let person = h
        .state()
        .report()
        .expect("figures")
        .tables
        .iter()
        .position(|t| t.dimension == Dimension::Person)
        .expect("a table by person");
    let at = h.state().report_bar_pos(person, 0).expect("the bar is drawn");
    click_at(&mut h, at);
    h.snapshot("report_view");
}
