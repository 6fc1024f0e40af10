//! The report's figures (issue 14), checked against counts made here from
//! the fixture's plain lists (`report_fixture`), not by the report code.

mod report_fixture;

use std::collections::{BTreeMap, BTreeSet};

use quotebench::model::{Project, Status};
use quotebench::report::{Dimension, Figure, Filter, NOT_SET, Query, Report, compute};
use report_fixture::{DOCS, QUOTES, Quote, REGISTER, project, quote_id};

/// The spec indexes of the quotes in a figure, through `Report::quotes`.
fn ids(r: &Report, f: &Figure) -> BTreeSet<String> {
    f.quotes.iter().map(|&i| r.quotes[i].quote_id.clone()).collect()
}

/// The expected groups: key -> spec ids, for the quotes `counted` keeps.
fn groups(
    counted: impl Fn(&Quote) -> bool,
    key: impl Fn(&Quote) -> Option<String>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (i, q) in QUOTES.iter().enumerate() {
        if counted(q)
            && let Some(k) = key(q)
        {
            m.entry(k).or_default().insert(quote_id(i));
        }
    }
    m
}

/// A table's rows as key -> ids, checking count, share and order on the way.
fn table_groups(r: &Report, t: usize) -> BTreeMap<String, BTreeSet<String>> {
    let table = &r.tables[t];
    let total: usize = table.rows.iter().map(|row| row.figure.count).sum();
    let mut m = BTreeMap::new();
    for row in &table.rows {
        assert_eq!(row.figure.count, row.figure.quotes.len(), "{}", row.key);
        let share = row.figure.count as f64 / total as f64;
        assert!(
            (row.figure.share - share).abs() < 1e-12,
            "{}: {} vs {share}",
            row.key,
            row.figure.share
        );
        assert!(
            m.insert(row.key.clone(), ids(r, &row.figure)).is_none(),
            "{} twice",
            row.key
        );
    }
    if table.dimension != Dimension::Month {
        for w in table.rows.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            assert!(
                a.figure.count > b.figure.count || (a.figure.count == b.figure.count && a.key < b.key),
                "{} before {}",
                a.key,
                b.key
            );
        }
    }
    m
}

fn is_quote(q: &Quote) -> bool {
    q.label == "Quote"
}

fn person(q: &Quote) -> Option<String> {
    q.speaker.map(|(p, _)| p.to_string())
}

fn gender(q: &Quote) -> Option<String> {
    let (p, _) = q.speaker?;
    let g = REGISTER.iter().find(|(name, _)| *name == p).and_then(|(_, g)| *g);
    Some(g.unwrap_or(NOT_SET).to_string())
}

fn run(by: Vec<Dimension>, filter: Filter) -> Report {
    let p = project();
    compute(&[&p], &Query { by, filter })
}

#[test]
fn every_table_matches_counts_made_from_the_lists() {
    let by = vec![
        Dimension::Person,
        Dimension::PersonAttribute("gender".into()),
        Dimension::DocumentAttribute("section".into()),
        Dimension::Outlet,
        Dimension::Month,
        Dimension::Kind,
    ];
    let r = run(by, Filter::default());
    let quotes: Vec<&Quote> = QUOTES.iter().filter(|q| is_quote(q)).collect();
    assert_eq!(r.documents, DOCS.len());
    assert_eq!(r.total.count, quotes.len());
    assert_eq!(r.total.share, 1.0);
    let without: BTreeSet<String> = groups(is_quote, |q| q.speaker.is_none().then(|| "x".into()))
        .remove("x")
        .unwrap_or_default();
    assert_eq!(ids(&r, &r.without_speaker), without);
    assert_eq!(
        r.without_speaker.share,
        without.len() as f64 / quotes.len() as f64
    );

    assert_eq!(table_groups(&r, 0), groups(is_quote, person));
    assert_eq!(table_groups(&r, 1), groups(is_quote, gender));
    let doc_key = |f: fn(&report_fixture::Doc) -> Option<String>| {
        move |q: &Quote| Some(f(&DOCS[q.doc]).unwrap_or(NOT_SET.into()))
    };
    assert_eq!(
        table_groups(&r, 2),
        groups(is_quote, doc_key(|d| d.section.map(Into::into)))
    );
    assert_eq!(
        table_groups(&r, 3),
        groups(
            is_quote,
            doc_key(|d| d.source.map(|s| s.0).or(d.outlet_attr).map(Into::into))
        )
    );
    assert_eq!(
        table_groups(&r, 4),
        groups(
            is_quote,
            doc_key(|d| d.source.map(|s| s.1).or(d.date_attr).map(|s| s[..7].to_string()))
        )
    );
    assert_eq!(
        table_groups(&r, 5),
        groups(is_quote, |q| Some(q.kind.unwrap_or(NOT_SET).into()))
    );

    // The person table, written out once by hand as a reader would check it.
    let persons: Vec<(&str, usize)> = r.tables[0]
        .rows
        .iter()
        .map(|row| (row.key.as_str(), row.figure.count))
        .collect();
    assert_eq!(persons[0], ("Cressida Dick", 3));
    assert_eq!(persons[1], ("Steve House", 2));
    // The month table is a timeline: months in order, "(not set)" last.
    let months: Vec<&str> = r.tables[4].rows.iter().map(|row| row.key.as_str()).collect();
    assert_eq!(months, ["2018-03", "2018-04", NOT_SET]);
}

#[test]
fn quote_refs_point_back_at_their_document_and_text() {
    let p = project();
    let r = compute(&[&p, &p], &Query::default());
    let n = QUOTES.iter().filter(|q| is_quote(q)).count();
    assert_eq!(r.quotes.len(), 2 * n, "two projects count twice");
    assert_eq!(r.documents, 2 * DOCS.len());
    for q in &r.quotes {
        let i: usize = q.quote_id[1..].parse().expect("q<index>");
        let spec = &QUOTES[i];
        assert_eq!(q.doc_id, DOCS[spec.doc].id);
        assert_eq!(q.doc, spec.doc);
        assert_eq!(q.text, spec.text);
        assert_eq!(q.person, person(spec));
        let doc = &[&p, &p][q.project].documents[q.doc];
        assert_eq!(
            doc.annotation(&q.quote_id).map(|a| a.covered_text()),
            Some(spec.text.to_string())
        );
    }
    assert!(r.quotes[..n].iter().all(|q| q.project == 0) && r.quotes[n..].iter().all(|q| q.project == 1));
}

#[test]
fn filters_keep_only_the_documents_and_quotes_asked_for() {
    let check = |filter: Filter, doc_ok: &dyn Fn(usize) -> bool, quote_ok: &dyn Fn(&Quote) -> bool| {
        let r = run(vec![Dimension::Person], filter.clone());
        let docs = (0..DOCS.len()).filter(|&d| doc_ok(d)).count();
        assert_eq!(r.documents, docs, "{filter:?}");
        let expect = groups(|q| doc_ok(q.doc) && quote_ok(q), |_| Some("all".into()))
            .remove("all")
            .unwrap_or_default();
        assert_eq!(ids(&r, &r.total), expect, "{filter:?}");
        assert_eq!(
            table_groups(&r, 0),
            groups(|q| doc_ok(q.doc) && quote_ok(q), person),
            "{filter:?}"
        );
    };
    let all = |_: usize| true;
    check(
        Filter {
            statuses: vec![Status::Done],
            ..Filter::default()
        },
        &|d| DOCS[d].status == Status::Done,
        &is_quote,
    );
    check(
        Filter {
            outlets: vec!["Guardian".into()],
            ..Filter::default()
        },
        &|d| DOCS[d].source.is_some_and(|s| s.0 == "Guardian"),
        &is_quote,
    );
    check(
        Filter {
            outlets: vec!["Times".into()],
            ..Filter::default()
        },
        &|d| DOCS[d].outlet_attr == Some("Times"),
        &is_quote,
    );
    // Inclusive at both ends; undated documents are left out.
    check(
        Filter {
            date_from: Some("2018-03-28".into()),
            date_to: Some("2018-04-20".into()),
            ..Filter::default()
        },
        &|d| matches!(DOCS[d].id, "d-times" | "d-guardian-2"),
        &is_quote,
    );
    check(
        Filter {
            date_to: Some("2018-03-05".into()),
            ..Filter::default()
        },
        &|d| DOCS[d].id == "d-guardian",
        &is_quote,
    );
    check(
        Filter {
            labels: vec!["Quote".into(), "Claim".into()],
            ..Filter::default()
        },
        &all,
        &|q| q.label == "Quote" || q.label == "Claim",
    );
    check(
        Filter {
            labels: vec!["Claim".into()],
            ..Filter::default()
        },
        &all,
        &|q| q.label == "Claim",
    );
    // Provenance decides; a quote without it belongs to the project's annotator.
    check(
        Filter {
            annotators: vec!["ann2".into()],
            ..Filter::default()
        },
        &all,
        &|q| is_quote(q) && q.annotators.contains(&"ann2"),
    );
    check(
        Filter {
            annotators: vec![report_fixture::ANNOTATOR.into(), "ann3".into()],
            ..Filter::default()
        },
        &all,
        &|q| is_quote(q) && (q.annotators.is_empty() || q.annotators.contains(&"ann3")),
    );
    check(
        Filter {
            outlets: vec!["Nobody".into()],
            ..Filter::default()
        },
        &|_| false,
        &is_quote,
    );
}

#[test]
fn agreed_counts_follow_the_provenance_of_each_document() {
    let r = run(vec![Dimension::Person, Dimension::Kind], Filter::default());
    // A document's annotators: everyone in the provenance of any of its spans.
    let agreed = |i: usize| -> Option<bool> {
        let q = &QUOTES[i];
        if q.annotators.is_empty() {
            return None;
        }
        let all: BTreeSet<&str> = QUOTES
            .iter()
            .filter(|o| o.doc == q.doc)
            .flat_map(|o| o.annotators.iter().copied())
            .collect();
        Some(all.iter().all(|a| q.annotators.contains(a)))
    };
    let expect = |f: &Figure| -> Option<usize> {
        let idx: Vec<usize> = f
            .quotes
            .iter()
            .map(|&i| r.quotes[i].quote_id[1..].parse().expect("q<index>"))
            .collect();
        let with: Vec<bool> = idx.iter().filter_map(|&i| agreed(i)).collect();
        (!with.is_empty()).then(|| with.iter().filter(|a| **a).count())
    };
    assert_eq!(r.total.agreed, expect(&r.total));
    assert_eq!(
        r.total.agreed,
        Some(3),
        "q0 and q2 (ann1+ann2), q10 (ann3 alone in its document)"
    );
    for t in &r.tables {
        for row in &t.rows {
            assert_eq!(row.figure.agreed, expect(&row.figure), "{} {}", t.title, row.key);
        }
    }
    let person = |k: &str| {
        r.tables[0]
            .rows
            .iter()
            .find(|row| row.key == k)
            .map(|row| row.figure.agreed)
    };
    assert_eq!(person("Cressida Dick"), Some(Some(1)));
    assert_eq!(person("residents"), Some(None), "no provenance: no agreed count");
}

#[test]
fn empty_projects_and_labels_give_zero_figures_not_nan() {
    let p = Project::default();
    let r = compute(
        &[&p],
        &Query {
            by: vec![Dimension::Person, Dimension::Month],
            filter: Filter::default(),
        },
    );
    assert_eq!(
        (r.documents, r.total.count, r.total.share, r.total.agreed),
        (0, 0, 0.0, None)
    );
    assert!(r.tables.iter().all(|t| t.rows.is_empty()));
    let r = run(
        vec![Dimension::Kind],
        Filter {
            labels: vec!["Nothing".into()],
            ..Filter::default()
        },
    );
    assert_eq!(
        (r.documents, r.total.count, r.without_speaker.share),
        (DOCS.len(), 0, 0.0)
    );
}

/// From a curated gold file (three annotators' layers curated by the review
/// code, saved and read back), each figure says how many of its quotes all
/// annotators agreed on: counted here from the list the layers were made of.
#[test]
fn a_curated_gold_file_says_how_many_quotes_of_each_figure_all_annotators_agreed_on() {
    use report_fixture::gold::{self, GOLD_QUOTES};
    let dir = tempfile::tempdir().expect("a temp dir");
    let p = gold::gold_file(dir.path());
    // The curation recorded who had each quote, as the list says.
    let provenance: BTreeMap<String, Vec<String>> = p.documents[0]
        .annotations()
        .filter(|a| a.label == "Quote")
        .map(|a| (a.covered_text(), a.annotators.clone()))
        .collect();
    let listed: BTreeMap<String, Vec<String>> = GOLD_QUOTES
        .iter()
        .map(|q| {
            (
                q.quote.to_string(),
                q.exact.iter().map(|a| a.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(provenance, listed);

    let r = compute(
        &[&p],
        &Query {
            by: vec![Dimension::Person, Dimension::Kind],
            filter: Filter::default(),
        },
    );
    let expect = gold::expected_by_person();
    let all_count: usize = expect.values().map(|(n, _)| n).sum();
    let all_agreed: usize = expect.values().map(|(_, a)| a).sum();
    assert_eq!((r.total.count, r.total.agreed), (all_count, Some(all_agreed)));
    assert_eq!(
        (r.without_speaker.count, r.without_speaker.agreed),
        (expect[&None].0, Some(expect[&None].1))
    );
    let rows: BTreeMap<Option<&str>, (usize, usize)> = r.tables[0]
        .rows
        .iter()
        .map(|row| {
            let agreed = row.figure.agreed.expect("every quote has provenance");
            (Some(row.key.as_str()), (row.figure.count, agreed))
        })
        .collect();
    let mut people = expect.clone();
    people.remove(&None);
    assert_eq!(rows, people);
    // Another table, the same quotes: its figures add up to the same agreement.
    let by_kind: usize = r.tables[1].rows.iter().filter_map(|row| row.figure.agreed).sum();
    assert_eq!(by_kind, all_agreed);

    // The annotators filter reads the same provenance: cy's quotes only.
    let cy = compute(
        &[&p],
        &Query {
            by: vec![Dimension::Person],
            filter: Filter {
                annotators: vec!["cy".into()],
                ..Filter::default()
            },
        },
    );
    let cy_had = GOLD_QUOTES.iter().filter(|q| q.exact.contains(&"cy")).count();
    assert_eq!(cy.total.count, cy_had);
}
