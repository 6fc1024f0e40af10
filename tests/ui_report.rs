//! kittest: the report view (issue 14). F9 opens it; a click on a bar lists
//! the quotes behind it (checked against counts made here, from the model,
//! not by the report code); a click on one of them opens its document at
//! that quote. The figures are computed once, not per frame, and again
//! after an edit. A snapshot of the window: `tests/snapshots/report_view.png`
//! (after a deliberate change of the look: `UPDATE_SNAPSHOTS=1 cargo test
//! --test ui_report`, then look at the picture before committing it).
#![cfg(feature = "gui")]

mod common;
mod report_fixture;

use std::collections::BTreeMap;

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use quotebench::format::parse_project;
use quotebench::model::{Annotation, Document, Edit, Project, Relation, Source, Status};
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

/// The quotes a filter keeps, counted here from the model: documents that
/// `doc_ok` keeps, spans of one of `labels`, made by one of `annotators`
/// (their provenance, or the project's annotator without one; empty: all).
fn kept(
    p: &Project,
    doc_ok: &dyn Fn(&Document) -> bool,
    labels: &[&str],
    annotators: &[&str],
) -> (usize, usize) {
    let docs: Vec<&Document> = p.documents.iter().filter(|d| doc_ok(d)).collect();
    let quotes = docs
        .iter()
        .flat_map(|d| d.annotations())
        .filter(|a| labels.contains(&a.label.as_str()))
        .filter(|a| {
            annotators.is_empty()
                || if a.annotators.is_empty() {
                    annotators.contains(&p.annotator.as_str())
                } else {
                    a.annotators.iter().any(|x| annotators.contains(&x.as_str()))
                }
        })
        .count();
    (docs.len(), quotes)
}

fn counted(h: &Harness<'static, QuotebenchApp>) -> (usize, usize) {
    let r = h.state().report().expect("figures");
    (r.documents, r.total.count)
}

fn tick(h: &mut Harness<'static, QuotebenchApp>, label: &str) {
    h.get_by_role_and_label(Role::CheckBox, label).click();
    h.run();
    h.run();
}

/// The filters in the window (done only, outlets, date range, labels,
/// annotators), each clicked or typed, count what they keep.
#[test]
fn the_filters_in_the_window_keep_the_documents_and_quotes_asked_for() {
    let mut p = project();
    // The café article is done, and one of its quotes was curated from ana's file.
    Edit::SetDocumentStatus {
        doc: 1,
        status: Status::Done,
    }
    .apply(&mut p)
    .expect("status");
    let mut q1 = p.documents[1].annotation("b-q1").expect("b-q1").clone();
    q1.annotators = vec!["ana".into()];
    Edit::ReplaceAnnotation {
        doc: 1,
        annotation: q1,
    }
    .apply(&mut p)
    .expect("provenance");
    let all = |_: &Document| true;
    let outlet = |d: &Document, o: &str| d.source.as_ref().is_some_and(|s| s.outlet == o);
    let expect_all = kept(&p, &all, &["Quote"], &[]);
    let expect_done = kept(&p, &|d| d.status() == Status::Done, &["Quote"], &[]);
    let expect_independent = kept(&p, &|d| outlet(d, "The Independent"), &["Quote"], &[]);
    let expect_speakers = kept(&p, &all, &["Quote", "Speaker"], &[]);
    let expect_ana = kept(&p, &all, &["Quote"], &["ana"]);
    let dated = |d: &Document| {
        d.source
            .as_ref()
            .is_some_and(|s| ("2018-12-01".."2019-02-04").contains(&s.date.as_str()))
    };
    let expect_dated = kept(&p, &dated, &["Quote"], &[]);
    // The cases differ, or the test would prove nothing.
    let cases = [
        expect_done,
        expect_independent,
        expect_speakers,
        expect_ana,
        expect_dated,
    ];
    assert!(
        cases.iter().all(|c| *c != expect_all),
        "{cases:?} vs {expect_all:?}"
    );

    let mut h = harness(QuotebenchApp::with_workspace(Workspace::new(p, None)), false);
    open_report(&mut h);
    assert_eq!(counted(&h), expect_all);
    h.get_by_label("Filters").click();
    h.run();
    h.run();

    tick(&mut h, "Done documents only");
    assert_eq!(counted(&h), expect_done, "done only");
    tick(&mut h, "Done documents only");
    assert_eq!(counted(&h), expect_all);

    tick(&mut h, "The Independent");
    assert_eq!(counted(&h), expect_independent, "one outlet");
    tick(&mut h, "The Independent");

    tick(&mut h, "Quote");
    tick(&mut h, "Speaker");
    assert_eq!(counted(&h), expect_speakers, "quotes and speakers");
    tick(&mut h, "Quote");
    tick(&mut h, "Speaker");

    tick(&mut h, "ana");
    assert_eq!(counted(&h), expect_ana, "ana's quotes");
    tick(&mut h, "ana");
    assert_eq!(counted(&h), expect_all);

    for (field, day) in [("Dated from", "2018-12-01"), ("to", "2019-02-03")] {
        h.get_by_role_and_label(Role::TextInput, field).click();
        h.run();
        h.get_by_role_and_label(Role::TextInput, field).type_text(day);
        h.run();
        h.run();
    }
    assert_eq!(counted(&h), expect_dated, "dated from 2018-12-01 to 2019-02-03");
    let f = h.state_mut().report_query_mut().filter.clone();
    assert_eq!(
        (f.date_from.as_deref(), f.date_to.as_deref()),
        (Some("2018-12-01"), Some("2019-02-03"))
    );
}

/// A curated gold file in the window: the headline and each person's row
/// say how many of the quotes all annotators agreed on (counted here from
/// the list the annotators' layers were made of).
#[test]
fn the_view_says_how_many_quotes_all_annotators_agreed_on() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let p = report_fixture::gold::gold_file(dir.path());
    let expect = report_fixture::gold::expected_by_person();
    let mut h = harness(QuotebenchApp::with_workspace(Workspace::new(p, None)), false);
    open_report(&mut h);
    let all: usize = expect.values().map(|(n, _)| n).sum();
    let agreed: usize = expect.values().map(|(_, a)| a).sum();
    h.get_by_label(&format!("Quotes: {all} (100.0%) · {agreed} agreed"));
    let (n, a) = expect[&None];
    h.get_by_label(&format!(
        "Without a speaker: {n} ({:.1}%) · {a} agreed",
        n as f64 * 100.0 / all as f64
    ));
    // Each person's row: its count and "N agreed" cells (Renée Côté's 1 of 1,
    // Zoë Martin's 1 of 2, Critics' 0 of 1).
    let report = h.state().report().expect("figures").clone();
    let person = report
        .tables
        .iter()
        .position(|t| t.dimension == Dimension::Person)
        .expect("a table by person");
    let rows: BTreeMap<Option<&str>, (usize, usize)> = report.tables[person]
        .rows
        .iter()
        .map(|r| {
            (
                Some(r.key.as_str()),
                (r.figure.count, r.figure.agreed.unwrap_or(usize::MAX)),
            )
        })
        .collect();
    let mut people = expect.clone();
    people.remove(&None);
    assert_eq!(rows, people);
    let cells: Vec<String> = h
        .query_all_by_label_contains(" agreed")
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    for (_, a) in people.values() {
        assert!(
            cells.iter().any(|c| *c == format!("{a} agreed")),
            "{a} agreed in {cells:?}"
        );
    }
    // A click on Zoë Martin's agreed cell lists her quotes.
    let zoe = people[&Some("Zoë Martin")];
    assert_ne!(zoe.0, zoe.1, "not all of Zoë Martin's quotes were agreed on");
    h.get_by_label("Zoë Martin").click();
    h.run();
    h.run();
    h.get_by_label(&format!(
        "Quotes per person: Zoë Martin — {} ({:.1}%) · {} agreed",
        zoe.0,
        zoe.0 as f64 * 100.0 / (all - n) as f64,
        zoe.1
    ));
}
