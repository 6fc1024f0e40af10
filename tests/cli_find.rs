//! `quotebench find`, run as a user runs it: list matches (text and
//! `--json`), tag them into a new project, and the errors that say what
//! and where.

mod common;
use common::run_cli as run;

use std::fs;
use std::path::Path;
use std::process::Output;

use quotebench::format::{load_project, save_project};
use quotebench::model::{Document, Project, TagSet};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally, not by a signal")
}

/// Two documents in several scripts: "Khan" 3 times in the first (once
/// inside "Khanate", once after an emoji), twice in the second.
fn write_project(dir: &Path) {
    let p = Project {
        people: Default::default(),
        name: "find".into(),
        annotator: "Ana".into(),
        tagset: TagSet::default(),
        documents: vec![
            Document::new(
                "london",
                "London",
                "Mayor 😀 Khan said.\n\nThe Khanate fell; “Khan’s” aides left.",
            ),
            Document::new("tokyo", "Tokyo", "東京で KHAN は言った。\nkhan"),
        ],
        conflicts: Vec::new(),
    };
    save_project(&p, &dir.join("p.qb.ron")).expect("saved");
}

#[test]
fn lists_matches_with_document_line_column_and_context() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_project(dir.path());
    let o = run(dir.path(), &["find", "p.qb.ron", "khan", "--whole-words"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "london:1:9: 8..12: Mayor 😀 [Khan] said.",
            "london:3:20: 39..43: The Khanate fell; “[Khan]’s” aides left.",
            "tokyo:1:5: 4..8: 東京で [KHAN] は言った。",
            "tokyo:2:1: 15..19: [khan]",
            "4 matches in 2 documents",
        ]
    );
    // Match case narrows it; nothing found exits 1.
    let o = run(dir.path(), &["find", "p.qb.ron", "Khan", "--match-case"]);
    assert_eq!(stdout(&o).lines().count(), 4, "{}", stdout(&o));
    let o = run(dir.path(), &["find", "p.qb.ron", "Cressida"]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("0 matches in 0 documents"), "{}", stdout(&o));
}

#[test]
fn json_lists_ranges_per_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_project(dir.path());
    let o = run(
        dir.path(),
        &["find", "p.qb.ron", r"K\w+", "--regex", "--match-case", "--json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["total"], 4);
    assert_eq!(v["capped"], false);
    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1]["matches"][0]["text"], "KHAN");
    assert_eq!(docs[0]["id"], "london");
    let texts: Vec<&str> = docs[0]["matches"]
        .as_array()
        .expect("matches")
        .iter()
        .map(|m| m["text"].as_str().expect("text"))
        .collect();
    assert_eq!(texts, ["Khan", "Khanate", "Khan"]);
    assert_eq!(docs[0]["matches"][1]["range"]["start"], 24);
    assert_eq!(docs[0]["matches"][1]["line"], 3);
}

#[test]
fn tag_writes_a_new_project_and_skips_what_is_tagged() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_project(dir.path());
    let args = [
        "find",
        "p.qb.ron",
        "khan",
        "--whole-words",
        "--tag",
        "Speaker",
        "--attr",
        "person=Sadiq Khan",
        "-o",
        "tagged.qb.ron",
    ];
    let o = run(dir.path(), &args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("tagged 4 as Speaker, 0 already tagged"),
        "{}",
        stdout(&o)
    );
    let p = load_project(&dir.path().join("tagged.qb.ron"))
        .expect("opens")
        .project;
    let speakers: Vec<(String, Option<String>)> = p
        .documents
        .iter()
        .flat_map(|d| d.annotations_in_order())
        .map(|a| (a.covered_text(), a.attribute("person").map(str::to_string)))
        .collect();
    assert_eq!(speakers.len(), 4);
    assert!(
        speakers
            .iter()
            .all(|(t, p)| t.eq_ignore_ascii_case("khan") && p.as_deref() == Some("Sadiq Khan"))
    );
    // The input is left as it was.
    let input = load_project(&dir.path().join("p.qb.ron")).expect("opens").project;
    assert_eq!(input.documents[0].annotation_count(), 0);

    // The output exists: refused without --force, and untouched.
    let before = fs::read_to_string(dir.path().join("tagged.qb.ron")).expect("read");
    let o = run(dir.path(), &args);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.path().join("tagged.qb.ron")).expect("read"),
        before
    );

    // Tagging the tagged project again skips every match, counted.
    let o = run(
        dir.path(),
        &[
            "find",
            "tagged.qb.ron",
            "khan",
            "--whole-words",
            "--tag",
            "Speaker",
            "-o",
            "again.qb.ron",
            "--json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["documents"][0]["tagging"]["tagged"], 0);
    assert_eq!(v["documents"][0]["tagging"]["already"], 2);
    assert_eq!(v["documents"][1]["tagging"]["already"], 2);
}

#[test]
fn tag_needs_an_output_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_project(dir.path());
    let o = run(dir.path(), &["find", "p.qb.ron", "khan", "--tag", "Speaker"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("-o OUT"), "{}", stderr(&o));
}

#[test]
fn a_bad_regex_says_what_is_wrong_and_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_project(dir.path());
    let o = run(dir.path(), &["find", "p.qb.ron", "Khan (said", "--regex"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("Khan (said"), "{err}");
    assert!(err.contains("unclosed group"), "{err}");
    assert!(err.contains('^'), "the regex crate's caret is kept: {err}");
    assert!(stdout(&o).is_empty());
    // As plain text the same pattern is fine (and not found).
    let o = run(dir.path(), &["find", "p.qb.ron", "Khan (said"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
}

#[test]
fn an_unknown_label_is_refused_naming_the_labels_there_are() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_project(dir.path());
    let o = run(
        dir.path(),
        &["find", "p.qb.ron", "khan", "--tag", "Speakr", "-o", "out.qb.ron"],
    );
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("\"Speakr\""), "{err}");
    assert!(err.contains("Quote, Speaker, Cue, Claim"), "{err}");
    assert!(!dir.path().join("out.qb.ron").exists());
    let o = run(
        dir.path(),
        &[
            "find",
            "p.qb.ron",
            "khan",
            "--tag",
            "Speaker",
            "--attr",
            "age=3",
            "-o",
            "out.qb.ron",
        ],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("\"age\""), "{}", stderr(&o));
    let o = run(
        dir.path(),
        &[
            "find",
            "p.qb.ron",
            "khan",
            "--tag",
            "Speaker",
            "--attr",
            "person",
            "-o",
            "out.qb.ron",
        ],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("KEY=VALUE"), "{}", stderr(&o));
    assert!(!dir.path().join("out.qb.ron").exists());
}

#[test]
fn a_broken_project_file_is_named_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_project(dir.path());
    let text = fs::read_to_string(dir.path().join("p.qb.ron")).expect("read");
    // Break the file on its third line.
    let mut lines: Vec<&str> = text.lines().collect();
    lines[2] = "    name: \"unclosed,";
    fs::write(dir.path().join("broken.qb.ron"), lines.join("\n")).expect("write");
    let o = run(dir.path(), &["find", "broken.qb.ron", "khan"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("broken.qb.ron:"), "{err}");
    let located = err.split("broken.qb.ron:").nth(1).and_then(|rest| {
        let mut parts = rest.splitn(3, ':');
        Some((
            parts.next()?.parse::<usize>().ok()?,
            parts.next()?.trim().parse::<usize>().ok()?,
        ))
    });
    assert!(located.is_some(), "FILE:LINE:COLUMN expected in {err}");
    let o = run(dir.path(), &["find", "missing.qb.ron", "khan"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("missing.qb.ron"), "{}", stderr(&o));
}
