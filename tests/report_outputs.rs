//! The report's outputs (issue 14): the HTML page parsed back with
//! `scraper` (its tables hold the figures; a person named like markup or a
//! formula comes out as text; no script, no external file), the CSV read
//! back (formula cells inert), the JSON, and `quotebench report`.

mod common;
mod report_fixture;

use std::collections::BTreeMap;

use quotebench::format::save_project;
use quotebench::report::{Dimension, Filter, NOT_SET, Query, Report, compute, csv, html, json};
use report_fixture::{FORMULA, QUOTES, SCRIPT, project};
use scraper::{Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

fn query() -> Query {
    Query {
        by: vec![
            Dimension::Person,
            Dimension::PersonAttribute("gender".into()),
            Dimension::Month,
            Dimension::Kind,
        ],
        filter: Filter::default(),
    }
}

fn report() -> Report {
    let p = project();
    compute(&[&p], &query())
}

/// Quotes per person, counted from the fixture's list.
fn persons() -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for q in QUOTES.iter().filter(|q| q.label == "Quote") {
        if let Some((p, _)) = q.speaker {
            *m.entry(p.to_string()).or_default() += 1;
        }
    }
    m
}

/// Each table of the page: dimension name -> [(key, quotes)].
fn page_tables(doc: &Html) -> BTreeMap<String, Vec<(String, usize)>> {
    let mut out = BTreeMap::new();
    for section in doc.select(&sel("section[data-dimension]")) {
        let name = section
            .value()
            .attr("data-dimension")
            .unwrap_or_default()
            .to_string();
        let rows = section
            .select(&sel("tbody > tr"))
            .map(|tr| {
                let key: String = tr.select(&sel("span.key")).flat_map(|k| k.text()).collect();
                let n: String = tr
                    .select(&sel("td.n"))
                    .next()
                    .map(|td| td.text().collect())
                    .unwrap_or_default();
                (key, n.parse().expect("a count"))
            })
            .collect();
        out.insert(name, rows);
    }
    out
}

#[test]
fn the_html_page_holds_the_figures_and_every_text_as_text() {
    let r = report();
    let page = html::to_html(&r, &query(), "Audit <b>&</b>");
    let doc = Html::parse_document(&page);
    // No script, no external file, no event handler: a page to mail around.
    assert_eq!(doc.select(&sel("script")).count(), 0);
    assert_eq!(doc.select(&sel("[src], link, iframe, object, embed")).count(), 0);
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        for (name, _) in el.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "event handler {name} on <{}>",
                el.value().name()
            );
        }
    }
    let title: String = doc.select(&sel("h1")).flat_map(|h| h.text()).collect();
    assert_eq!(title, "Audit <b>&</b>");
    assert_eq!(doc.select(&sel("h1 b")).count(), 0);

    let tables = page_tables(&doc);
    let shown: BTreeMap<String, usize> = tables["person"].iter().cloned().collect();
    assert_eq!(shown, persons());
    assert!(
        shown.contains_key(SCRIPT) && shown.contains_key(FORMULA),
        "{shown:?}"
    );
    // The same rows, in the same order, as the report's tables.
    for t in &r.tables {
        let rows: Vec<(String, usize)> = t
            .rows
            .iter()
            .map(|row| (row.key.clone(), row.figure.count))
            .collect();
        assert_eq!(tables[&t.dimension.name()], rows, "{}", t.title);
    }
    // The charts: one SVG per table, a bar (or column) per row, labels as text.
    assert_eq!(doc.select(&sel("svg.chart")).count(), r.tables.len());
    let person_chart = doc
        .select(&sel("section[data-dimension=person] svg rect"))
        .count();
    assert_eq!(person_chart, persons().len());
    let labels: Vec<String> = doc
        .select(&sel("section[data-dimension=person] svg text"))
        .map(|t| t.text().collect())
        .collect();
    assert!(labels.iter().any(|l| l == SCRIPT), "{labels:?}");
    // The quotes behind a figure are listed under it, as text too.
    let listed: String = doc
        .select(&sel("section[data-dimension=person] details li"))
        .flat_map(|li| li.text())
        .collect();
    assert!(listed.contains("«نحن مستعدون» said plainly") && listed.contains("警察は「準備ができている」"));
    let summary: String = doc
        .select(&sel("p"))
        .next()
        .map(|p| p.text().collect())
        .unwrap_or_default();
    assert!(
        summary.contains(&format!("{} quotes", r.total.count)),
        "{summary}"
    );
}

#[test]
fn the_csv_has_every_row_and_no_live_formula() {
    let r = report();
    let text = csv::to_csv(&r);
    let mut rd = ::csv::Reader::from_reader(text.as_bytes());
    let head: Vec<String> = rd.headers().expect("a header").iter().map(String::from).collect();
    assert_eq!(head, ["table", "dimension", "key", "quotes", "share", "agreed"]);
    let rows: Vec<Vec<String>> = rd
        .records()
        .map(|rec| rec.expect("a record").iter().map(String::from).collect())
        .collect();
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "live formula {cell:?}");
        }
    }
    let person: BTreeMap<String, usize> = rows
        .iter()
        .filter(|row| row[1] == "person")
        .map(|row| (row[2].clone(), row[3].parse().expect("a count")))
        .collect();
    let mut expect = persons();
    let n = expect.remove(FORMULA).expect("the formula person");
    expect.insert(format!("'{FORMULA}"), n);
    assert_eq!(person, expect);
    assert_eq!(
        rows.len(),
        2 + r.tables.iter().map(|t| t.rows.len()).sum::<usize>()
    );
    assert_eq!(rows[0][3], r.total.count.to_string());
    assert!(
        rows.iter()
            .any(|row| row[1] == "person.gender" && row[2] == NOT_SET)
    );
}

#[test]
fn the_json_lists_every_figure_with_its_quotes() {
    let r = report();
    let v: serde_json::Value = serde_json::from_str(&json::to_json(&r, &query())).expect("JSON");
    assert_eq!(v["total"]["count"], r.total.count);
    assert_eq!(v["quotes"].as_array().map(Vec::len), Some(r.quotes.len()));
    assert_eq!(v["query"]["by"][0]["by"], "person");
    assert_eq!(v["query"]["by"][1]["name"], "gender");
    let rows = v["tables"][0]["rows"].as_array().expect("rows");
    let script = rows
        .iter()
        .find(|row| row["key"] == SCRIPT)
        .expect("the script person");
    let i = script["figure"]["quotes"][0].as_u64().expect("an index") as usize;
    assert_eq!(v["quotes"][i]["person"], SCRIPT);
}

#[test]
fn quotebench_report_writes_each_output_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("fixture.qb.ron");
    save_project(&project(), &path).expect("saved");
    let ok = |args: &[&str]| {
        let out = common::run_cli(dir.path(), args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    ok(&[
        "report",
        "fixture.qb.ron",
        "--by",
        "person",
        "--html",
        "-o",
        "audit.html",
    ]);
    let page = std::fs::read_to_string(dir.path().join("audit.html")).expect("the page");
    let shown: BTreeMap<String, usize> = page_tables(&Html::parse_document(&page))["person"]
        .iter()
        .cloned()
        .collect();
    assert_eq!(shown, persons());

    ok(&[
        "report",
        "fixture.qb.ron",
        "--by",
        "outlet",
        "--by",
        "month",
        "-o",
        "audit.json",
    ]);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("audit.json")).expect("json"))
            .expect("JSON");
    let outlets: BTreeMap<String, u64> = v["tables"][0]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            (
                row["key"].as_str().unwrap_or_default().to_string(),
                row["figure"]["count"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let mut expect: BTreeMap<String, u64> = BTreeMap::new();
    for q in QUOTES.iter().filter(|q| q.label == "Quote") {
        let d = &report_fixture::DOCS[q.doc];
        let o = d.source.map(|s| s.0).or(d.outlet_attr).unwrap_or(NOT_SET);
        *expect.entry(o.to_string()).or_default() += 1;
    }
    assert_eq!(outlets, expect);

    // Filters from the command line: done documents only.
    let text = ok(&["report", "fixture.qb.ron", "--by", "kind", "--status", "done"]);
    let done = QUOTES
        .iter()
        .filter(|q| {
            q.label == "Quote" && report_fixture::DOCS[q.doc].status == quotebench::model::Status::Done
        })
        .count();
    assert!(text.contains(&format!("2 documents, {done} quotes")), "{text}");

    ok(&["report", "fixture.qb.ron", "--csv", "-o", "audit.csv"]);
    let csv = std::fs::read_to_string(dir.path().join("audit.csv")).expect("csv");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");

    let again = common::run_cli(
        dir.path(),
        &["report", "fixture.qb.ron", "--csv", "-o", "audit.csv"],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    ok(&["report", "fixture.qb.ron", "--csv", "-o", "audit.csv", "--force"]);

    let bad = common::run_cli(dir.path(), &["report", "fixture.qb.ron", "--status", "finished"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown status"));
    let bad = common::run_cli(
        dir.path(),
        &["report", "fixture.qb.ron", "--date-from", "2018/03/01"],
    );
    assert_eq!(bad.status.code(), Some(2));
    let bad = common::run_cli(dir.path(), &["report", "fixture.qb.ron", "-o", "audit.xlsx"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(!dir.path().join("audit.xlsx").exists());
}

/// The `agreed` figures of a curated gold file, in every output: the JSON
/// figures, the CSV's `agreed` column, the HTML page's Agreed column and
/// summary, each from `quotebench report` on the saved gold file, against
/// counts made here from the list its layers were made of.
#[test]
fn every_output_says_how_many_quotes_all_annotators_agreed_on() {
    use report_fixture::gold;
    let dir = tempfile::tempdir().expect("a temp dir");
    gold::gold_file(dir.path());
    let expect = gold::expected_by_person();
    let people: BTreeMap<String, (usize, usize)> = expect
        .iter()
        .filter_map(|(p, n)| p.map(|p| (p.to_string(), *n)))
        .collect();
    let all_agreed: usize = expect.values().map(|(_, a)| a).sum();
    let all: usize = expect.values().map(|(n, _)| n).sum();
    for out in ["audit.json", "audit.csv", "audit.html"] {
        let run = common::run_cli(
            dir.path(),
            &["report", "gold.qb.ron", "--by", "person", "-o", out],
        );
        assert!(
            run.status.success(),
            "{out}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).expect(name);

    let v: serde_json::Value = serde_json::from_str(&read("audit.json")).expect("JSON");
    assert_eq!(v["total"]["agreed"], all_agreed);
    let rows: BTreeMap<String, (usize, usize)> = v["tables"][0]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            let n = |k: &str| row["figure"][k].as_u64().expect("a number") as usize;
            (
                row["key"].as_str().unwrap_or_default().to_string(),
                (n("count"), n("agreed")),
            )
        })
        .collect();
    assert_eq!(rows, people);

    let csv_text = read("audit.csv");
    let mut rd = ::csv::Reader::from_reader(csv_text.as_bytes());
    let records: Vec<Vec<String>> = rd
        .records()
        .map(|rec| rec.expect("a record").iter().map(String::from).collect())
        .collect();
    let rows: BTreeMap<String, (usize, usize)> = records
        .iter()
        .filter(|row| row[1] == "person")
        .map(|row| {
            (
                row[2].clone(),
                (
                    row[3].parse().expect("a count"),
                    row[5].parse().expect("an agreed count"),
                ),
            )
        })
        .collect();
    assert_eq!(rows, people);
    assert_eq!(records[0][3], all.to_string());
    assert_eq!(records[0][5], all_agreed.to_string());

    let page = Html::parse_document(&read("audit.html"));
    let head: Vec<String> = page
        .select(&sel("section[data-dimension=person] thead th"))
        .map(|th| th.text().collect())
        .collect();
    assert_eq!(head.last().map(String::as_str), Some("Agreed"));
    let rows: BTreeMap<String, (usize, usize)> = page
        .select(&sel("section[data-dimension=person] tbody > tr"))
        .map(|tr| {
            let key: String = tr.select(&sel("span.key")).flat_map(|k| k.text()).collect();
            let n: Vec<usize> = tr
                .select(&sel("td.n"))
                .map(|td| td.text().collect::<String>())
                .filter_map(|t| t.parse().ok())
                .collect();
            (key, (n[0], n[1]))
        })
        .collect();
    assert_eq!(rows, people);
    let summary: String = page
        .select(&sel("p"))
        .next()
        .map(|p| p.text().collect())
        .unwrap_or_default();
    assert!(
        summary.contains(&format!("All annotators agreed on {all_agreed} of them.")),
        "{summary}"
    );
}

/// Every filter of the report as a command-line option (`--status`,
/// `--outlet`, `--date-from`/`--date-to`, `--label`, `--annotator`): the
/// quotes `quotebench report --json` counts, against the fixture's list.
#[test]
fn every_filter_is_a_command_line_option() {
    use quotebench::model::Status;
    use report_fixture::{DOCS, Quote};
    let dir = tempfile::tempdir().expect("a temp dir");
    save_project(&project(), &dir.path().join("fixture.qb.ron")).expect("saved");
    let quote = |q: &Quote| q.label == "Quote";
    type Keeps = Box<dyn Fn(&Quote) -> bool>;
    let cases: Vec<(Vec<&str>, Keeps)> = vec![
        (
            vec!["--status", "done"],
            Box::new(move |q| quote(q) && DOCS[q.doc].status == Status::Done),
        ),
        (
            vec!["--outlet", "Times"],
            Box::new(move |q| quote(q) && DOCS[q.doc].outlet_attr == Some("Times")),
        ),
        (
            vec!["--outlet", "Guardian", "--outlet", "Times"],
            Box::new(move |q| quote(q) && DOCS[q.doc].id != "d-none"),
        ),
        (
            vec!["--date-from", "2018-03-28", "--date-to", "2018-04-20"],
            Box::new(move |q| quote(q) && matches!(DOCS[q.doc].id, "d-times" | "d-guardian-2")),
        ),
        (
            vec!["--label", "Quote", "--label", "Claim"],
            Box::new(|q| q.label == "Quote" || q.label == "Claim"),
        ),
        (
            vec!["--annotator", "ann2"],
            Box::new(move |q| quote(q) && q.annotators.contains(&"ann2")),
        ),
        (
            vec!["--status", "done", "--annotator", report_fixture::ANNOTATOR],
            Box::new(move |q| quote(q) && DOCS[q.doc].status == Status::Done && q.annotators.is_empty()),
        ),
    ];
    for (flags, keep) in cases {
        let mut args = vec!["report", "fixture.qb.ron", "--by", "person", "--json"];
        args.extend(&flags);
        let out = common::run_cli(dir.path(), &args);
        assert!(
            out.status.success(),
            "{flags:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
        let expect = QUOTES.iter().filter(|q| keep(q)).count();
        assert_eq!(v["total"]["count"], expect, "{flags:?}");
        assert_eq!(v["quotes"].as_array().map(Vec::len), Some(expect), "{flags:?}");
    }
}
