//! `quotebench stats` and document progress (issue 13): the status counts
//! in the text report, `status` and `attributes` per document in `--json`,
//! the existing fields kept.

mod common;
use common::run_cli as run;

use std::fs;

const V3: &str = include_str!("fixtures/progress/v3.qb.ron");
const V1: &str = include_str!("fixtures/progress/v1.qb.ron");

fn out(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn stats_json_gives_status_and_attributes_per_document_and_the_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("p.qb.ron"), V3).expect("write");
    let o = run(dir.path(), &["stats", "--json", "p.qb.ron"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    let docs = v["documents"].as_array().expect("documents");
    let statuses: Vec<&str> = docs
        .iter()
        .map(|d| d["status"].as_str().expect("status"))
        .collect();
    assert_eq!(statuses, ["in_progress", "done", "new"]);
    assert_eq!(
        docs[0]["attributes"],
        serde_json::json!({
            "section": "Politics",
            "topic": "حكومة",
            "outlet": "The Daily",
            "date": "2018-11-30",
            "url": "https://example.org/1",
        })
    );
    assert_eq!(docs[1]["attributes"], serde_json::json!({}));
    // The fields stats printed before are still there.
    assert_eq!(docs[0]["labels"], serde_json::json!({"Quote": 1, "Speaker": 1}));
    assert_eq!(docs[0]["relations"], serde_json::json!({"said_by": 1}));
    assert_eq!(
        docs[0]["people"],
        serde_json::json!([{"person": "Ana", "quotes": 1}])
    );
    assert_eq!(docs[0]["id"], "d1");
    assert_eq!(
        v["statuses"],
        serde_json::json!({"new": 1, "in_progress": 1, "done": 1, "needs_review": 0})
    );
}

#[test]
fn stats_text_reports_each_status_and_how_many_are_done() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("p.qb.ron"), V3).expect("write");
    let o = run(dir.path(), &["stats", "p.qb.ron"]);
    assert_eq!(o.status.code(), Some(0));
    let text = out(&o);
    assert!(
        text.contains("1 of 3 done (new 1, in progress 1, done 1, needs review 0)"),
        "{text}"
    );
    let one = text.lines().position(|l| l.starts_with("One (d1)")).expect("d1");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[one + 1].contains("status") && lines[one + 1].ends_with("in progress"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("section") && l.ends_with("Politics")),
        "{text}"
    );
}

#[test]
fn stats_of_a_version_1_file_counts_every_document_new() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("p.qb.ron"), V1).expect("write");
    let o = run(dir.path(), &["stats", "--json", "p.qb.ron"]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    assert_eq!(v["documents"][0]["status"], "new");
    assert_eq!(
        v["statuses"],
        serde_json::json!({"new": 1, "in_progress": 0, "done": 0, "needs_review": 0})
    );
}
