//! A file whose spans cut a character in two (part of a ZWJ family, half a
//! flag), as an older Quotebench or another tool wrote them: `check` says
//! where (document, annotation, char offset, line:column), opening it lists
//! the problem and keeps the span where it is, and saving or exporting
//! writes it back unchanged.

use std::fs;
use std::path::Path;

mod common;
use common::run_cli as run;

use common::span;
use quotebench::format::{load_project, project_to_string};
use quotebench::model::{CharRange, Document, ProblemKind, Project, TagSet};

const TEXT: &str = "The family 👩\u{200d}👩\u{200d}👧 came from 🇩🇪 today, said Ann.";

/// q1 ends after the first woman of the family (char 12, inside 11..16),
/// c1 starts at the second half of the flag (char 28, inside 27..29), s1 is
/// whole.
fn split_project() -> Project {
    let anns = vec![
        span(TEXT, "q1", "Quote", "The family 👩"),
        span(TEXT, "c1", "Claim", "\u{1F1EA} today"),
        span(TEXT, "s1", "Speaker", "Ann"),
    ];
    let (doc, _, _) = Document::from_parts("d1".into(), "Split".into(), None, TEXT.into(), anns, vec![]);
    Project {
        people: Default::default(),
        name: "split".into(),
        annotator: "me".into(),
        tagset: TagSet::default(),
        documents: vec![doc],
        conflicts: Vec::new(),
    }
}

fn write_split_file(dir: &Path) -> String {
    let text = project_to_string(&split_project()).expect("serialise");
    fs::write(dir.join("split.qb.ron"), &text).expect("write");
    text
}

#[test]
fn check_reports_each_span_that_splits_a_cluster_with_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write_split_file(dir.path());
    let o = run(dir.path(), &["check", "split.qb.ron"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "one line per split, none for the whole span:\n{out}"
    );

    let line_of = |id: &str| {
        file.lines()
            .position(|l| l.contains(&format!("id: \"{id}\"")))
            .expect("id in file")
            + 1
    };
    let family = lines.iter().find(|l| l.contains("q1")).expect("q1 reported");
    assert!(
        family.starts_with(&format!("split.qb.ron:{}:", line_of("q1"))),
        "{family}"
    );
    assert!(family.contains("document d1"), "{family}");
    assert!(family.contains("fragment 0..12 ends inside"), "{family}");
    assert!(family.contains("(chars 11..16) at char 12"), "{family}");
    assert!(family.contains("👩\\u{200d}👩\\u{200d}👧"), "{family}");

    let flag = lines.iter().find(|l| l.contains("c1")).expect("c1 reported");
    assert!(
        flag.starts_with(&format!("split.qb.ron:{}:", line_of("c1"))),
        "{flag}"
    );
    assert!(flag.contains("fragment 28..35 starts inside"), "{flag}");
    assert!(
        flag.contains("🇩🇪") && flag.contains("(chars 27..29) at char 28"),
        "{flag}"
    );
}

#[test]
fn check_accepts_the_same_spans_on_whole_clusters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anns = vec![
        span(TEXT, "q1", "Quote", "The family 👩\u{200d}👩\u{200d}👧"),
        span(TEXT, "c1", "Claim", "🇩🇪 today"),
    ];
    let (doc, _, _) = Document::from_parts("d1".into(), "Whole".into(), None, TEXT.into(), anns, vec![]);
    let p = Project {
        people: Default::default(),
        name: "whole".into(),
        annotator: "me".into(),
        tagset: TagSet::default(),
        documents: vec![doc],
        conflicts: Vec::new(),
    };
    fs::write(
        dir.path().join("whole.qb.ron"),
        project_to_string(&p).expect("serialise"),
    )
    .expect("write");
    let o = run(dir.path(), &["check", "whole.qb.ron"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("OK"), "{out}");
}

#[test]
fn opening_lists_the_split_and_keeps_the_span_and_saving_writes_it_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write_split_file(dir.path());
    let loaded = load_project(&dir.path().join("split.qb.ron")).expect("opens");

    let splits: Vec<(Option<&str>, usize, CharRange, bool)> = loaded
        .problems
        .iter()
        .filter_map(|lp| match &lp.problem.kind {
            ProblemKind::SplitCluster { at, cluster, .. } => {
                Some((lp.problem.id.as_deref(), *at, *cluster, lp.problem.set_aside))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        splits,
        vec![
            (Some("q1"), 12, CharRange::new(11, 16), false),
            (Some("c1"), 28, CharRange::new(27, 29), false),
        ]
    );
    assert_eq!(loaded.problems.len(), 2, "nothing else: {:?}", loaded.problems);

    // Kept where the file has it: shown (not kept aside), not moved.
    let d = &loaded.project.documents[0];
    assert!(d.set_aside().is_empty());
    let q1 = d.annotation("q1").expect("q1 is in the document");
    assert_eq!(q1.fragments[0].range(), CharRange::new(0, 12));
    assert_eq!(q1.covered_text(), "The family 👩");
    let c1 = d.annotation("c1").expect("c1 is in the document");
    assert_eq!(c1.fragments[0].range(), CharRange::new(28, 35));

    // Saving writes the same bytes.
    assert_eq!(project_to_string(&loaded.project).expect("serialise"), file);
}

#[test]
fn export_keeps_the_split_span_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_split_file(dir.path());
    let o = run(
        dir.path(),
        &["export", "--to", "jsonl", "split.qb.ron", "-o", "out.jsonl"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let out = fs::read_to_string(dir.path().join("out.jsonl")).expect("exported");
    let record: serde_json::Value =
        serde_json::from_str(out.lines().next().expect("a record")).expect("json");
    let spans = record["label"].as_array().expect("doccano label list");
    let has = |start: u64, end: u64, label: &str| {
        spans.iter().any(|s| {
            s[0].as_u64() == Some(start) && s[1].as_u64() == Some(end) && s[2].as_str() == Some(label)
        })
    };
    assert!(has(0, 12, "Quote") && has(28, 35, "Claim"), "{record}");
}
