//! `quotebench suggest`, run as a user runs it: a text or a project in, the
//! project with the suggestions accepted out; bad input gives a clear error
//! or sensible output, never a panic.

mod common;
use common::run_cli as run;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use quotebench::format::{load_project, project_to_string, save_project};
use quotebench::model::{Document, Edit, Project, names};
use quotebench::suggest::accept::reject;
use quotebench::suggest::{Context, rules};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally, not by a signal")
}

/// Exit 2 with an `error:` line that names `what`, and no panic.
fn assert_clear_error(o: &Output, what: &str) {
    let err = stderr(o);
    assert_eq!(code(o), 2, "{err}");
    assert!(err.lines().any(|l| l.starts_with("error: ")), "{err}");
    assert!(err.contains(what), "the error names {what:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Hand-written news sentences: a quote with `, X told Y`, a split quote
/// with `said X`, and text around them with an emoji and CJK.
const PARKS: &str = "The city’s 🌳 park budget has doubled since 2020 (中文).

“We will open two new parks this summer,” Mayor Ana Ruiz told reporters on Monday.

“The money is there,” said the treasurer, Bo Chen. “It was always there.”
";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).expect("write");
    path
}

fn open(path: &Path) -> Project {
    let loaded = load_project(path).expect("the output opens");
    assert_eq!(loaded.problems, vec![], "the output is a clean project");
    loaded.project
}

fn quotes(d: &Document) -> Vec<&quotebench::model::Annotation> {
    d.annotations_in_order()
        .filter(|a| a.label == names::QUOTE)
        .collect()
}

#[test]
fn a_text_file_in_gives_a_project_with_linked_quotes_speakers_and_cues() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "parks.txt", PARKS);
    let o = run(dir.path(), &["suggest", "parks.txt", "-o", "parks.qb.ron"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("wrote parks.qb.ron"), "{}", stdout(&o));
    let p = open(&dir.path().join("parks.qb.ron"));
    let d = &p.documents[0];
    assert_eq!(d.text(), PARKS);
    let qs = quotes(d);
    assert!(qs.len() >= 2, "both quotes: {qs:?}");
    let first = qs
        .iter()
        .find(|q| q.fragments[0].text.contains("We will open two new parks"))
        .expect("the first quote is accepted");
    assert_eq!(first.attribute(names::KIND), Some("direct"));
    let speaker = d
        .targets(&first.id, names::SAID_BY)
        .next()
        .expect("said_by a speaker");
    assert!(speaker.covered_text().contains("Ana Ruiz"), "{speaker:?}");
    assert_eq!(d.sources(&first.id, names::CUE_OF).count(), 1, "one cue");
    let split = qs
        .iter()
        .find(|q| q.covered_text().contains("The money is there"))
        .expect("the split quote");
    assert_eq!(split.fragments.len(), 2, "one quote in two fragments");
    for q in &qs {
        let origin = q
            .origin
            .as_ref()
            .expect("an accepted suggestion records its origin");
        assert_eq!(origin.by, "suggested");
        assert!(!origin.rule.is_empty());
        assert!(
            (0.5..=1.0).contains(&origin.confidence),
            "at or above the default 0.5"
        );
        assert!(
            d.targets(&q.id, names::SAID_BY).next().is_some(),
            "each quote has its speaker"
        );
    }
}

#[test]
fn export_writes_accepted_suggestions_like_hand_made_tags() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "parks.txt", PARKS);
    let o = run(dir.path(), &["suggest", "parks.txt", "-o", "parks.qb.ron"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // The same project as if every tag had been made by hand: no origins.
    let mut by_hand = open(&dir.path().join("parks.qb.ron"));
    let ids: Vec<String> = by_hand.documents[0].annotations().map(|a| a.id.clone()).collect();
    for id in ids {
        let mut a = by_hand.documents[0].annotation(&id).expect("there").clone();
        assert!(a.origin.take().is_some());
        Edit::ReplaceAnnotation {
            doc: 0,
            annotation: a,
        }
        .apply(&mut by_hand)
        .expect("replace");
    }
    save_project(&by_hand, &dir.path().join("by-hand.qb.ron")).expect("save");
    for (to, ext) in [("brat", ""), ("csv", ".csv"), ("jsonl", ".jsonl")] {
        let a = format!("suggested-{to}{ext}");
        let b = format!("by-hand-{to}{ext}");
        for (project, out) in [("parks.qb.ron", &a), ("by-hand.qb.ron", &b)] {
            let o = run(dir.path(), &["export", "--to", to, project, "-o", out]);
            assert_eq!(code(&o), 0, "{to}: {}", stderr(&o));
        }
        let read = |name: &str| -> Vec<(String, String)> {
            let path = dir.path().join(name);
            if path.is_dir() {
                let mut v: Vec<(String, String)> = fs::read_dir(&path)
                    .expect("folder")
                    .map(|e| {
                        let e = e.expect("entry");
                        let text = fs::read_to_string(e.path()).expect("read");
                        (e.file_name().to_string_lossy().into_owned(), text)
                    })
                    .collect();
                v.sort();
                v
            } else {
                vec![(String::new(), fs::read_to_string(&path).expect("read"))]
            }
        };
        let (sa, sb) = (read(&a), read(&b));
        assert_eq!(
            sa, sb,
            "{to}: the export does not tell suggested tags from hand-made ones"
        );
        let all: String = sa.iter().map(|(_, t)| t.as_str()).collect();
        assert!(all.contains("We will open two new parks"), "{to}: {all}");
        if to == "brat" {
            assert!(
                all.contains("\nR1\tsaid_by") || all.contains("said_by Arg1"),
                "{to}: links: {all}"
            );
        }
    }
}

#[test]
fn json_prints_counts_per_document_that_match_the_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "“No,” she said.\n\nNothing else here.";
    let mut p = Project::from_text("two", PARKS, "ana");
    p.documents.push(Document::new("second", "Second", text));
    save_project(&p, &dir.path().join("in.qb.ron")).expect("save");
    let o = run(
        dir.path(),
        &["suggest", "in.qb.ron", "-o", "out.qb.ron", "--json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("stdout is JSON");
    let out = open(&dir.path().join("out.qb.ron"));
    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 2);
    for (d, j) in out.documents.iter().zip(docs) {
        assert_eq!(j["id"], d.id.as_str());
        let n = |k: &str| j[k].as_u64().expect(k) as usize;
        assert_eq!(
            n("accepted"),
            d.label_count(names::QUOTE) + d.label_count(names::CLAIM)
        );
        assert_eq!(
            n("direct") + n("indirect") + n("mixed"),
            d.label_count(names::QUOTE)
        );
        assert_eq!(n("speakers"), d.label_count(names::SPEAKER));
        assert_eq!(n("cues"), d.label_count(names::CUE));
        assert_eq!(n("links"), d.relations().count());
        assert!(n("suggested") >= n("accepted") + n("below_threshold"));
    }
    assert!(docs[0]["accepted"].as_u64() >= Some(2), "{v}");
}

#[test]
fn the_threshold_keeps_back_less_confident_suggestions_and_must_be_from_0_to_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "parks.txt", PARKS);
    let count = |min: &str| {
        let out = format!("out-{min}.qb.ron");
        let o = run(
            dir.path(),
            &[
                "suggest",
                "parks.txt",
                "-o",
                &out,
                "--min-confidence",
                min,
                "--json",
            ],
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
        let p = open(&dir.path().join(&out));
        let d = &p.documents[0];
        assert!(quotes(d).iter().all(|q| {
            q.origin
                .as_ref()
                .is_some_and(|o| o.confidence >= min.parse::<f32>().expect("f32"))
        }));
        (
            d.label_count(names::QUOTE),
            v["documents"][0]["below_threshold"].as_u64().expect("n"),
        )
    };
    let (all, below_none) = count("0");
    let (none, below_all) = count("1");
    assert!(all >= 2);
    assert_eq!(below_none, 0);
    assert!(none < all, "nothing in the engine is that sure of everything");
    assert!(below_all >= 1);
    for bad in ["2", "-0.1", "high", "NaN"] {
        let flag = format!("--min-confidence={bad}");
        let o = run(dir.path(), &["suggest", "parks.txt", "-o", "x.qb.ron", &flag]);
        assert_eq!(code(&o), 2, "{bad}");
        assert!(
            stderr(&o).contains("confidence from 0 to 1"),
            "{bad}: {}",
            stderr(&o)
        );
        assert!(!dir.path().join("x.qb.ron").exists());
    }
}

#[test]
fn tagged_and_rejected_quotes_are_not_added_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Project::from_text("parks", PARKS, "ana");
    let suggestions = rules::suggest(PARKS, &Context::default());
    let split = suggestions
        .iter()
        .find(|s| s.fragments.len() == 2)
        .expect("the rules find the split quote");
    reject(0, &p.documents[0], split).apply(&mut p).expect("reject");
    save_project(&p, &dir.path().join("in.qb.ron")).expect("save");
    let o = run(
        dir.path(),
        &[
            "suggest",
            "in.qb.ron",
            "-o",
            "once.qb.ron",
            "--min-confidence",
            "0",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let once = open(&dir.path().join("once.qb.ron"));
    let d = &once.documents[0];
    assert!(
        quotes(d)
            .iter()
            .all(|q| !q.covered_text().contains("The money is there")),
        "the rejected quote stays out"
    );
    assert_eq!(d.rejected().len(), 1, "the rejection is kept in the output");
    // Running again on the output adds nothing: all is tagged or rejected.
    let o = run(
        dir.path(),
        &[
            "suggest",
            "once.qb.ron",
            "-o",
            "twice.qb.ron",
            "--min-confidence",
            "0",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let twice = open(&dir.path().join("twice.qb.ron"));
    assert_eq!(twice, once);
}

#[test]
fn bad_input_gives_a_clear_error_never_a_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A missing file.
    let o = run(dir.path(), &["suggest", "missing.txt", "-o", "out.qb.ron"]);
    assert_clear_error(&o, "missing.txt");
    // A project file cut short: the syntax error with line:column.
    let whole = project_to_string(&Project::from_text("parks", PARKS, "ana")).expect("text");
    write(dir.path(), "cut.qb.ron", &whole[..whole.len() / 2]);
    let o = run(dir.path(), &["suggest", "cut.qb.ron", "-o", "out.qb.ron"]);
    assert_clear_error(&o, "cut.qb.ron:");
    assert!(!dir.path().join("out.qb.ron").exists(), "nothing is written");
    // Not UTF-8 text.
    fs::write(dir.path().join("latin1.txt"), b"caf\xe9 \x93quoted\x94").expect("write");
    let o = run(dir.path(), &["suggest", "latin1.txt", "-o", "out.qb.ron"]);
    assert_clear_error(&o, "latin1.txt");
    assert!(stderr(&o).contains("--encoding windows-1252"), "{}", stderr(&o));
    // ... and the flag the hint names reads it, curly quote marks and all.
    let o = run(
        dir.path(),
        &[
            "suggest",
            "latin1.txt",
            "-o",
            "out.qb.ron",
            "--encoding",
            "windows-1252",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let project = open(&dir.path().join("out.qb.ron"));
    assert_eq!(project.documents[0].text(), "caf\u{e9} \u{201c}quoted\u{201d}");
    fs::remove_file(dir.path().join("out.qb.ron")).expect("remove");
    // An output that exists is not overwritten without --force.
    write(dir.path(), "parks.txt", PARKS);
    write(dir.path(), "taken.qb.ron", "mine");
    let o = run(dir.path(), &["suggest", "parks.txt", "-o", "taken.qb.ron"]);
    assert_clear_error(&o, "--force");
    assert_eq!(
        fs::read_to_string(dir.path().join("taken.qb.ron")).expect("read"),
        "mine"
    );
}

#[test]
fn empty_unbalanced_and_huge_texts_give_sensible_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let unbalanced = "He said “this never ends. And ”this” starts ‘badly. «Nor» this ''one.\n\n\"";
    let mut huge = String::new();
    while huge.len() < 1 << 20 {
        huge.push_str(PARKS);
        huge.push_str("“Open quote with no end 👩‍👩‍👧 مرحبا, said nobody\n\n");
    }
    for (name, text) in [
        ("empty.txt", ""),
        ("blank.txt", "\n\n   \n"),
        ("unbalanced.txt", unbalanced),
        ("no-quotes.txt", "A plain report with no quotes at all."),
        ("huge.txt", huge.as_str()),
    ] {
        write(dir.path(), name, text);
        let out = format!("{name}.qb.ron");
        let o = run(dir.path(), &["suggest", name, "-o", &out, "--json"]);
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{name}");
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
        let p = open(&dir.path().join(&out));
        assert_eq!(p.documents[0].text(), text, "{name}: the text is kept");
        let accepted = v["documents"][0]["accepted"].as_u64().expect("accepted");
        if text.trim().is_empty() {
            assert_eq!(accepted, 0, "{name}");
            assert!(stderr(&o).contains("no text"), "{name}: {}", stderr(&o));
        }
        if name == "huge.txt" {
            assert!(
                accepted >= 100,
                "the quotes of a 1 MiB text are found: {accepted}"
            );
        }
    }
}

#[test]
fn train_learns_from_gold_projects_and_says_what_it_needs() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "parks.txt", PARKS);
    write(dir.path(), "gold.qb.ron", quotebench::SAMPLE_PROJECT);
    // Rules alone, then rules and a model trained on the tagged sample.
    let o = run(
        dir.path(),
        &["suggest", "parks.txt", "-o", "rules.qb.ron", "--json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(
        dir.path(),
        &[
            "suggest",
            "parks.txt",
            "-o",
            "trained.qb.ron",
            "--json",
            "--train",
            "gold.qb.ron",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("trained a model on 1 document"),
        "{}",
        stderr(&o)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["trained_on"], 1);
    let rules_only = open(&dir.path().join("rules.qb.ron"));
    let trained = open(&dir.path().join("trained.qb.ron"));
    let texts =
        |p: &Project| -> Vec<String> { quotes(&p.documents[0]).iter().map(|q| q.covered_text()).collect() };
    for q in texts(&rules_only) {
        assert!(
            texts(&trained).contains(&q),
            "the model adds to the rules, {q:?} stays"
        );
    }
    // A missing project, and projects with nothing to learn from.
    let o = run(
        dir.path(),
        &[
            "suggest",
            "parks.txt",
            "-o",
            "o.qb.ron",
            "--train",
            "missing-gold.qb.ron",
        ],
    );
    assert_clear_error(&o, "missing-gold.qb.ron");
    save_project(
        &Project::from_text("untagged", PARKS, "ana"),
        &dir.path().join("untagged.qb.ron"),
    )
    .expect("save");
    let o = run(
        dir.path(),
        &[
            "suggest",
            "parks.txt",
            "-o",
            "o.qb.ron",
            "--train",
            "untagged.qb.ron",
        ],
    );
    assert_clear_error(&o, "no Quote annotations to learn from");
    assert!(!dir.path().join("o.qb.ron").exists());
}

#[test]
fn a_tag_set_without_quote_or_claim_is_said_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "Police shot more than 120 people last year. “It must stop,” said the mayor.";
    let mut p = Project::from_text("no-quote", text, "ana");
    p.tagset.labels.retain(|l| l.name != names::QUOTE);
    save_project(&p, &dir.path().join("no-quote.qb.ron")).expect("save");
    let o = run(dir.path(), &["suggest", "no-quote.qb.ron", "-o", "out.qb.ron"]);
    assert_clear_error(&o, "no label \"Quote\"");
    assert!(!dir.path().join("out.qb.ron").exists());
    // Without Claim, the quotes are still accepted.
    let mut p = Project::from_text("no-claim", text, "ana");
    p.tagset.labels.retain(|l| l.name != names::CLAIM);
    save_project(&p, &dir.path().join("no-claim.qb.ron")).expect("save");
    let o = run(
        dir.path(),
        &[
            "suggest",
            "no-claim.qb.ron",
            "-o",
            "out.qb.ron",
            "--min-confidence",
            "0",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = open(&dir.path().join("out.qb.ron"));
    assert!(out.documents[0].label_count(names::QUOTE) >= 1);
    assert_eq!(out.documents[0].label_count(names::CLAIM), 0);
}
