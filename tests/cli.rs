//! The headless command line (`new`, `check`, `stats`), run as a user runs
//! it: the built binary, in a scratch folder, with no display available.

mod common;
use common::run_cli as run;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use quotebench::format::{load_project, project_to_string};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally, not by a signal")
}

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

fn write_sample(dir: &Path) -> PathBuf {
    let path = dir.join("sample.qb.ron");
    fs::write(&path, quotebench::SAMPLE_PROJECT).expect("write sample");
    path
}

/// A copy of the shipped sample (the 2018 armed-police article), pinned in
/// `tests/fixtures/` so that the people and counts the `stats` tests expect
/// stay true when `assets/sample.qb.ron` is regenerated.
const PINNED_SAMPLE: &str = include_str!("fixtures/sample-2018.qb.ron");

fn write_pinned_sample(dir: &Path) -> PathBuf {
    let path = dir.join("sample.qb.ron");
    fs::write(&path, PINNED_SAMPLE).expect("write sample");
    path
}

const ARTICLE: &str = "Park budget doubles\r\n\r\n“We will open two new parks 🌳,” Mayor Ana Ruiz said.\r\n";

#[test]
fn new_makes_a_project_that_check_accepts() {
    let dir = scratch();
    fs::write(dir.path().join("article.txt"), ARTICLE).expect("write");
    let o = run(
        dir.path(),
        &[
            "new",
            "article.txt",
            "-o",
            "parks.qb.ron",
            "--title",
            "Parks",
            "--annotator",
            "Ana",
        ],
    );
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("parks.qb.ron"), "{}", stdout(&o));

    let loaded = load_project(&dir.path().join("parks.qb.ron")).expect("opens");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let p = &loaded.project;
    assert_eq!(p.annotator, "Ana");
    assert_eq!(p.documents.len(), 1);
    let d = &p.documents[0];
    assert_eq!(d.title, "Parks");
    assert_eq!(d.annotation_count(), 0);
    // Windows line ends become \n; everything else is kept exactly.
    assert_eq!(d.text(), ARTICLE.replace("\r\n", "\n"));
    assert!(!p.tagset.labels.is_empty(), "the default tag set is there");

    let o = run(dir.path(), &["check", "parks.qb.ron"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("OK"), "{}", stdout(&o));
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let dir = scratch();
    fs::write(dir.path().join("article.txt"), ARTICLE).expect("write");
    let target = dir.path().join("parks.qb.ron");
    fs::write(&target, "precious work").expect("write");
    let args = [
        "new",
        "article.txt",
        "-o",
        "parks.qb.ron",
        "--title",
        "Parks",
        "--annotator",
        "Ana",
    ];
    let o = run(dir.path(), &args);
    assert_ne!(code(&o), 0);
    assert!(stderr(&o).contains("parks.qb.ron"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&target).expect("read"), "precious work");

    let mut forced = args.to_vec();
    forced.push("--force");
    let o = run(dir.path(), &forced);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        load_project(&target).expect("opens").project.documents[0].title,
        "Parks"
    );
    // The overwritten file is kept as the backup.
    let bak = dir.path().join("parks.qb.ron.bak");
    assert_eq!(fs::read_to_string(bak).expect("bak"), "precious work");
}

#[test]
fn new_from_a_missing_file_fails_naming_it() {
    let dir = scratch();
    let o = run(dir.path(), &["new", "no-such-article.txt", "-o", "x.qb.ron"]);
    assert_ne!(code(&o), 0);
    assert!(stderr(&o).contains("no-such-article.txt"), "{}", stderr(&o));
    assert!(!dir.path().join("x.qb.ron").exists());
}

#[test]
fn new_from_a_file_that_is_not_utf8_fails_naming_it() {
    let dir = scratch();
    // "Café" in Latin-1.
    fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 society\n").expect("write");
    let o = run(dir.path(), &["new", "latin1.txt", "-o", "x.qb.ron"]);
    assert_ne!(code(&o), 0);
    let err = stderr(&o);
    assert!(err.contains("latin1.txt"), "{err}");
    assert!(err.contains("UTF-8"), "{err}");
    assert!(err.contains("offset 3"), "{err}");
    assert!(!dir.path().join("x.qb.ron").exists());
}

#[test]
fn check_accepts_the_sample() {
    let dir = scratch();
    write_sample(dir.path());
    let o = run(dir.path(), &["check", "sample.qb.ron"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("sample.qb.ron: OK"), "{out}");
    // The counts of the shipped sample, whatever it holds.
    let sample = quotebench::format::parse_project(quotebench::SAMPLE_PROJECT, "sample.qb.ron")
        .expect("the sample parses")
        .project;
    let annotations: usize = sample.documents.iter().map(|d| d.annotation_count()).sum();
    let relations: usize = sample.documents.iter().map(|d| d.relations().count()).sum();
    assert!(annotations > 0 && relations > 0);
    assert!(
        out.contains(&format!("{annotations} annotations"))
            && out.contains(&format!("{relations} relations")),
        "{out}"
    );
}

#[test]
fn check_lists_each_problem_with_path_line_and_column() {
    let dir = scratch();
    let text = quotebench::SAMPLE_PROJECT
        // A fragment whose text no longer matches the article (a Claim, linked to nothing).
        .replacen(
            "text: \"a rise in violent crime in the capital\")",
            "text: \"a rise in violent crimes in the capital\")",
            1,
        )
        // A relation to an annotation that is not there.
        .replacen("to: \"sample-s13\")", "to: \"sample-s99\")", 1);
    assert_ne!(text, quotebench::SAMPLE_PROJECT);
    let path = dir.path().join("bad.qb.ron");
    fs::write(&path, &text).expect("write");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).expect("needle") + 1;
    let mismatch_line = line_of("violent crimes");
    let relation_line = line_of("sample-s99");
    let problems = load_project(&path).expect("opens").problems.len();

    let o = run(dir.path(), &["check", "bad.qb.ron"]);
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), problems, "one line per problem:\n{out}");
    assert_eq!(problems, 2, "{out}");
    for l in &lines {
        assert!(l.starts_with("bad.qb.ron:"), "{l}");
    }
    let mismatch = lines
        .iter()
        .find(|l| l.contains("violent crimes"))
        .expect("mismatch reported");
    assert!(
        mismatch.starts_with(&format!("bad.qb.ron:{mismatch_line}:18: ")),
        "{mismatch}"
    );
    assert!(mismatch.contains("sample-m01"), "{mismatch}");
    let missing = lines
        .iter()
        .find(|l| l.contains("sample-s99"))
        .expect("missing end reported");
    assert!(
        missing.starts_with(&format!("bad.qb.ron:{relation_line}:18: ")),
        "{missing}"
    );
    assert!(missing.contains("sample-r29"), "{missing}");
}

#[test]
fn check_reports_malformed_ron_with_path_line_column_and_exit_2() {
    let dir = scratch();
    let good = {
        let p = quotebench::model::Project::from_text("t", "Some text.", "a");
        project_to_string(&p).expect("serialise")
    };
    // Line 5 loses the quote that opens the annotator's name.
    let bad = good.replacen("annotator: \"a\",", "annotator: a\",", 1);
    assert_eq!(bad.lines().position(|l| l.contains("annotator: a")), Some(4));
    fs::write(dir.path().join("broken.qb.ron"), bad).expect("write");
    let o = run(dir.path(), &["check", "broken.qb.ron"]);
    assert_eq!(code(&o), 2, "{}{}", stdout(&o), stderr(&o));
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(all.contains("broken.qb.ron:5:16:"), "{all}");

    // A file that is not there at all: also 2, naming it.
    let o = run(dir.path(), &["check", "missing.qb.ron"]);
    assert_eq!(code(&o), 2);
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(all.contains("missing.qb.ron"), "{all}");
}

#[test]
fn stats_json_counts_labels_and_people_of_the_sample() {
    let dir = scratch();
    write_pinned_sample(dir.path());
    let o = run(dir.path(), &["stats", "--json", "sample.qb.ron"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(
        d["title"],
        "Armed police may be deployed to patrol areas of London where 'gang activity is likely' to combat violence"
    );
    assert_eq!(d["id"], "armed-police-london-2018");
    assert_eq!(
        d["labels"],
        serde_json::json!({"Quote": 27, "Speaker": 24, "Cue": 27, "Claim": 17})
    );
    assert_eq!(d["relations"], serde_json::json!({"said_by": 27, "cue_of": 27}));
    // Most quoted first; equal counts by name.
    assert_eq!(
        d["people"],
        serde_json::json!([
            {"person": "Cressida Dick", "quotes": 9},
            {"person": "Steve House", "quotes": 6},
            {"person": "Metropolitan Police", "quotes": 4},
            {"person": "David Lammy", "quotes": 2},
            {"person": "Harris of Haringey", "quotes": 2},
            {"person": "Sadiq Khan", "quotes": 1},
            {"person": "critics", "quotes": 1},
            {"person": "government", "quotes": 1},
            {"person": "spokesperson for the mayor", "quotes": 1},
        ])
    );
}

#[test]
fn stats_prints_the_people_most_quoted_first() {
    let dir = scratch();
    write_pinned_sample(dir.path());
    let o = run(dir.path(), &["stats", "sample.qb.ron"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let line = |person: &str| {
        out.lines()
            .position(|l| l.contains(person))
            .unwrap_or_else(|| panic!("{person} missing from:\n{out}"))
    };
    let dick = out.lines().nth(line("Cressida Dick")).expect("line");
    assert!(dick.contains("9 quotes"), "{dick}");
    let house = out.lines().nth(line("Steve House")).expect("line");
    assert!(house.contains("6 quotes"), "{house}");
    assert!(line("Cressida Dick") < line("Steve House"));
    assert!(line("Steve House") < line("Metropolitan Police"));
    assert!(line("Metropolitan Police") < line("spokesperson for the mayor"));
    assert!(out.contains("Quote") && out.contains("27"), "{out}");
}

#[test]
fn stats_on_an_unreadable_file_fails_naming_it() {
    let dir = scratch();
    let o = run(dir.path(), &["stats", "--json", "gone.qb.ron"]);
    assert_ne!(code(&o), 0);
    assert!(stderr(&o).contains("gone.qb.ron"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "no half-written JSON: {}", stdout(&o));
}

#[test]
fn new_names_the_project_and_document_after_the_text_file() {
    let dir = scratch();
    fs::write(dir.path().join("émoji-test.txt"), ARTICLE).expect("write");
    let o = run(dir.path(), &["new", "émoji-test.txt", "-o", "p.qb.ron"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let p = load_project(&dir.path().join("p.qb.ron"))
        .expect("written")
        .project;
    assert_eq!(p.name, "émoji-test");
    assert_eq!(
        p.documents[0].id, "émoji-test",
        "the brat export is émoji-test.txt/.ann"
    );
    // The title is still the article's first line.
    assert_eq!(p.documents[0].title, "Park budget doubles");
}

#[test]
fn the_format_values_and_their_help_come_from_the_format_table() {
    use quotebench::format::interchange::{ExportFormat, FORMATS, ImportFormat};
    let dir = scratch();
    let export_help = stdout(&run(dir.path(), &["export", "--help"]));
    for f in ExportFormat::all() {
        assert!(export_help.contains(f.info().name), "{export_help}");
        assert!(export_help.contains(f.info().help), "{export_help}");
    }
    let import_help = stdout(&run(dir.path(), &["import", "--help"]));
    for f in ImportFormat::all() {
        assert!(import_help.contains(f.info().help), "{import_help}");
    }
    // CSV cannot be imported: the table says so and the command line refuses it.
    assert!(
        FORMATS
            .iter()
            .any(|f| f.name == "csv" && f.import_format().is_none())
    );
    fs::write(dir.path().join("q.csv"), "a,b\n").expect("write");
    let o = run(
        dir.path(),
        &["import", "--from", "csv", "q.csv", "-o", "x.qb.ron"],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    // PolNeAR's map, spelled out once in the format layer, is in the help.
    assert!(
        import_help.contains("Source=Speaker, Content=Quote, Cue=Cue"),
        "{import_help}"
    );
}

#[test]
fn an_import_that_finds_nothing_says_which_files_it_looked_for() {
    let dir = scratch();
    fs::create_dir(dir.path().join("empty")).expect("mkdir");
    fs::write(dir.path().join("empty/readme.csv"), "x").expect("write");
    let o = run(
        dir.path(),
        &["import", "--from", "brat", "empty", "-o", "x.qb.ron"],
    );
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("nothing to import: no .ann or .txt files found"),
        "{}",
        stderr(&o)
    );
}
