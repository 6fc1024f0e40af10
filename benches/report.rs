//! Timings of the source audit (`cargo bench --bench report`): the 840
//! PolNeAR train articles imported with `--map polnear` as one project (the
//! first annotator's version of each text, as `frames.rs` builds it), a
//! register of every person quoted with a made-up `gender` (from the name's
//! length, so the person-attribute table has rows), and the report by
//! person, gender, kind, outlet, month and a document attribute. Prints
//! `BENCH report-840 median_ms=x` (issue 14 asks ≤ 200 ms) and the outputs'
//! times; skips when `../shared` is absent (fails then under CI).

use std::collections::HashSet;

use quotebench::format::interchange::{ImportFormat, ImportOptions, LabelMap, import};
use quotebench::model::{Document, People, Person, Project};
use quotebench::report::{Dimension, Filter, Query, compute, csv, html, json};

#[path = "../tests/common/mod.rs"]
mod common;
use common::timing::median_ms;

/// PolNeAR train in one project, one version of each article.
fn polnear_project(train: std::path::PathBuf) -> Project {
    let opts = ImportOptions {
        format: Some(ImportFormat::Brat),
        map: LabelMap::polnear(),
        annotator: None,
    };
    let r = import(&[train], &opts, &|_, _| {}).expect("PolNeAR imports");
    let mut projects = r.projects.into_iter();
    let mut merged = projects.next().expect("one annotator at least");
    let mut ids: HashSet<String> = merged.documents.iter().map(|d| d.id.clone()).collect();
    for p in projects {
        for d in p.documents {
            if ids.insert(d.id.clone()) {
                merged.documents.push(d);
            }
        }
    }
    merged.documents.sort_by(|a, b| a.id.cmp(&b.id));
    merged.annotator = "polnear".into();
    let mut names: Vec<String> = merged
        .documents
        .iter()
        .flat_map(Document::people)
        .map(|(name, _)| name)
        .collect();
    names.sort();
    names.dedup();
    merged.people = People::from_vec(
        names
            .into_iter()
            .map(|n| {
                let mut p = Person::new(n.clone());
                let g = ["woman", "man", "unknown"][n.chars().count() % 3];
                p.attributes.insert("gender".into(), g.into());
                p
            })
            .collect(),
    );
    merged
}

fn main() {
    // `cargo test --all-targets` runs benches too (debug, without `--bench`): skip the timings there.
    if !std::env::args().any(|a| a == "--bench") {
        println!("report bench: run it with `cargo bench --bench report`");
        return;
    }
    let Some(train) = common::shared_dir("corpora/polnear/train") else {
        println!("BENCH report-840 skipped: PolNeAR not found");
        return;
    };
    let project = polnear_project(train);
    let query = Query {
        by: vec![
            Dimension::Person,
            Dimension::PersonAttribute("gender".into()),
            Dimension::Kind,
            Dimension::Outlet,
            Dimension::Month,
            Dimension::DocumentAttribute("section".into()),
        ],
        filter: Filter::default(),
    };
    let r = compute(&[&project], &query);
    let ms = median_ms(21, || {
        std::hint::black_box(compute(&[&project], &query));
    });
    println!(
        "BENCH report-840 median_ms={ms:.2} ({} documents, {} quotes, {} without a speaker, {} people, {} tables)",
        r.documents,
        r.total.count,
        r.without_speaker.count,
        r.tables[0].rows.len(),
        r.tables.len()
    );
    let filtered = Query {
        filter: Filter {
            annotators: vec!["polnear".into()],
            labels: vec!["Quote".into(), "Cue".into()],
            ..Filter::default()
        },
        ..query.clone()
    };
    let ms = median_ms(21, || {
        std::hint::black_box(compute(&[&project], &filtered));
    });
    println!("BENCH report-840-filtered median_ms={ms:.2} (labels Quote+Cue, one annotator)");
    let mut sizes = (0, 0, 0);
    let ms = median_ms(11, || {
        sizes.0 = std::hint::black_box(json::to_json(&r, &query)).len()
    });
    println!("BENCH report-840-json median_ms={ms:.2} ({} bytes)", sizes.0);
    let ms = median_ms(11, || sizes.1 = std::hint::black_box(csv::to_csv(&r)).len());
    println!("BENCH report-840-csv median_ms={ms:.2} ({} bytes)", sizes.1);
    let ms = median_ms(11, || {
        sizes.2 = std::hint::black_box(html::to_html(&r, &query, "PolNeAR train")).len()
    });
    println!("BENCH report-840-html median_ms={ms:.2} ({} bytes)", sizes.2);
}
