//! Teams on git (issue 17), end to end with the real `git`: a repository
//! set up by `quotebench git-setup`, two clones that tag, relabel and
//! delete in the same project file, then `git merge` and `git rebase`
//! succeed with no conflict markers; a true conflict leaves a file that
//! opens, lists the conflict and passes `check`. Also the bad inputs of
//! `merge-file` and the readable `diff`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use quotebench::format::{load_project, parse_project, project_to_string};
use quotebench::model::{Annotation, Edit, Fragment, MergeConflict, Project};

const FILE: &str = "gold.qb.ron";

fn exe() -> &'static str {
    env!("CARGO_BIN_EXE_quotebench")
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_DATE", "2026-12-01T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-12-01T12:00:00Z")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap_or_else(|e| panic!("{program} {args:?}: {e}"))
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let out = run(dir, "git", args);
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn identity(dir: &Path) {
    git(dir, &["config", "user.name", "Tester"]);
    git(dir, &["config", "user.email", "tester@example.org"]);
    git(dir, &["config", "commit.gpgsign", "false"]);
}

fn setup(dir: &Path) {
    let out = run(dir, exe(), &["git-setup", "--program", exe()]);
    assert!(
        out.status.success(),
        "git-setup: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn sample() -> Project {
    parse_project(quotebench::SAMPLE_PROJECT, "sample")
        .expect("sample")
        .project
}

fn read(dir: &Path) -> (String, Project) {
    let text = std::fs::read_to_string(dir.join(FILE)).expect("file");
    let p = parse_project(&text, FILE).expect("opens").project;
    (text, p)
}

fn write(dir: &Path, p: &Project) {
    std::fs::write(dir.join(FILE), project_to_string(p).expect("writes")).expect("write");
}

fn edit(p: &mut Project, e: Edit) {
    e.apply(p).expect("edit applies");
}

/// A new annotation over chars `start..end` of the sample's document.
fn tag(p: &Project, id: &str, label: &str, start: usize, end: usize) -> Edit {
    let d = &p.documents[0];
    let text = d.slice(quotebench::model::CharRange { start, end }).to_string();
    Edit::AddAnnotation {
        doc: 0,
        annotation: Annotation {
            id: id.into(),
            label: label.into(),
            fragments: vec![Fragment { start, end, text }],
            attributes: Default::default(),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            annotators: Vec::new(),
            origin: None,
        },
    }
}

fn relabel(p: &Project, id: &str, label: &str) -> Edit {
    let mut a = p.documents[0].annotation(id).expect("there").clone();
    a.label = label.into();
    a.attributes.clear();
    Edit::ReplaceAnnotation {
        doc: 0,
        annotation: a,
    }
}

fn note(p: &Project, id: &str, text: &str) -> Edit {
    let mut a = p.documents[0].annotation(id).expect("there").clone();
    a.note = text.into();
    Edit::ReplaceAnnotation {
        doc: 0,
        annotation: a,
    }
}

fn commit(dir: &Path, message: &str) {
    git(dir, &["commit", "-q", "-am", message]);
}

/// origin with the sample committed, and two clones set up, each with an identity.
fn team() -> Option<(tempfile::TempDir, PathBuf, PathBuf)> {
    if !git_available() {
        println!("skipped: git is not on this machine");
        return None;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let origin = tmp.path().join("origin");
    std::fs::create_dir(&origin).expect("dir");
    git(&origin, &["init", "-q", "-b", "main"]);
    identity(&origin);
    write(&origin, &sample());
    setup(&origin);
    git(&origin, &["add", "-A"]);
    git(&origin, &["commit", "-q", "-m", "sample"]);
    let mut clones = Vec::new();
    for name in ["ana", "ben"] {
        let to = tmp.path().join(name);
        git(
            tmp.path(),
            &[
                "clone",
                "-q",
                origin.to_str().expect("utf-8"),
                to.to_str().expect("utf-8"),
            ],
        );
        identity(&to);
        setup(&to);
        clones.push(to);
    }
    let ben = clones.pop().expect("ben");
    let ana = clones.pop().expect("ana");
    Some((tmp, ana, ben))
}

/// Ana tags a cue and relabels a claim; Ben deletes the next annotation
/// and tags a speaker beside Ana's cue: line by line these clash.
fn both_work(ana: &Path, ben: &Path) {
    let (_, mut p) = read(ana);
    let e = tag(&p, "ana-c1", "Cue", 0, 5);
    edit(&mut p, e);
    let e = relabel(&p, "sample-m01", "Quote");
    edit(&mut p, e);
    write(ana, &p);
    commit(ana, "ana: tag and relabel");

    let (_, mut p) = read(ben);
    let e = tag(&p, "ben-s1", "Speaker", 0, 5);
    edit(&mut p, e);
    edit(
        &mut p,
        Edit::DeleteAnnotation {
            doc: 0,
            id: "sample-s02".into(),
        },
    );
    write(ben, &p);
    commit(ben, "ben: tag and delete");
}

fn assert_both_kept(dir: &Path) {
    let (text, p) = read(dir);
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "conflict markers"
    );
    let d = &p.documents[0];
    assert!(d.annotation("ana-c1").is_some(), "Ana's tag kept");
    assert!(d.annotation("ben-s1").is_some(), "Ben's tag kept");
    assert_eq!(
        d.annotation("sample-m01").map(|a| a.label.as_str()),
        Some("Quote")
    );
    assert!(d.annotation("sample-s02").is_none(), "Ben's deletion kept");
    assert!(d.conflicts().is_empty());
    let check = run(dir, exe(), &["check", FILE]);
    assert!(
        check.status.success(),
        "check: {}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn git_merge_of_two_clones_that_tag_relabel_and_delete_has_no_conflict() {
    let Some((_tmp, ana, ben)) = team() else { return };
    both_work(&ana, &ben);
    git(
        &ben,
        &[
            "pull",
            "-q",
            "--no-rebase",
            "--no-edit",
            &ana.display().to_string(),
            "main",
        ],
    );
    assert_both_kept(&ben);
    // And the same file without the driver conflicts line by line: the
    // driver is what made it merge.
    git(&ben, &["reset", "-q", "--hard", "HEAD~1"]);
    git(&ben, &["config", "--unset", "merge.quotebench.driver"]);
    let out = run(
        &ben,
        "git",
        &[
            "pull",
            "-q",
            "--no-rebase",
            "--no-edit",
            &ana.display().to_string(),
            "main",
        ],
    );
    assert!(
        !out.status.success(),
        "without the driver git's line merge conflicts"
    );
}

#[test]
fn git_rebase_of_two_clones_that_tag_relabel_and_delete_has_no_conflict() {
    let Some((_tmp, ana, ben)) = team() else { return };
    both_work(&ana, &ben);
    git(&ben, &["fetch", "-q", &ana.display().to_string(), "main"]);
    git(&ben, &["rebase", "-q", "FETCH_HEAD"]);
    assert_both_kept(&ben);
    let log = git(&ben, &["log", "--format=%s"]);
    assert_eq!(
        String::from_utf8_lossy(&log.stdout).lines().collect::<Vec<_>>(),
        ["ben: tag and delete", "ana: tag and relabel", "sample"]
    );
}

#[test]
fn a_true_conflict_leaves_a_file_that_opens_lists_it_and_passes_check() {
    let Some((_tmp, ana, ben)) = team() else { return };
    for (dir, text) in [(&ana, "Ana: direct"), (&ben, "Ben: indirect")] {
        let (_, mut p) = read(dir);
        let e = note(&p, "sample-q01", text);
        edit(&mut p, e);
        write(dir, &p);
        commit(dir, text);
    }
    let out = run(
        &ben,
        "git",
        &[
            "pull",
            "-q",
            "--no-rebase",
            "--no-edit",
            &ana.display().to_string(),
            "main",
        ],
    );
    assert!(!out.status.success(), "a true conflict stops the merge");
    let (text, p) = read(&ben);
    assert!(!text.contains("<<<<<<<"), "no conflict markers: the file opens");
    let conflicts = p.documents[0].conflicts();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let MergeConflict::Annotation {
        id,
        fields,
        ours,
        theirs,
        ..
    } = &conflicts[0]
    else {
        panic!("an annotation conflict: {conflicts:?}");
    };
    assert_eq!(id, "sample-q01");
    assert_eq!(fields, &["note"]);
    assert_eq!(ours.as_ref().map(|a| a.note.as_str()), Some("Ben: indirect"));
    assert_eq!(theirs.as_ref().map(|a| a.note.as_str()), Some("Ana: direct"));
    let check = run(&ben, exe(), &["check", FILE]);
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "check: {said}");
    assert!(
        said.contains("1 merge conflict to settle") && said.contains(": annotation sample-q01: note"),
        "check names the pending conflict: {said}"
    );
    let status = git(&ben, &["status", "--porcelain"]);
    assert!(String::from_utf8_lossy(&status.stdout).contains(&format!("UU {FILE}")));
}

#[test]
fn git_setup_writes_attributes_config_and_ignores_lock_files_once() {
    let Some((_tmp, ana, _ben)) = team() else { return };
    setup(&ana); // a second time changes nothing
    let attributes = std::fs::read_to_string(ana.join(".gitattributes")).expect("attributes");
    assert_eq!(attributes, "*.qb.ron merge=quotebench diff=quotebench\n");
    let ignore = std::fs::read_to_string(ana.join(".gitignore")).expect("ignore");
    assert_eq!(ignore, ".*.lock\n");
    let driver = git(&ana, &["config", "merge.quotebench.driver"]);
    assert_eq!(
        String::from_utf8_lossy(&driver.stdout).trim(),
        format!("{} merge-file %O %A %B", exe())
    );
    // A window's lock file beside the project is not an untracked file.
    std::fs::write(ana.join(format!(".{FILE}.lock")), "pid").expect("lock");
    let status = git(&ana, &["status", "--porcelain"]);
    assert_eq!(String::from_utf8_lossy(&status.stdout), "");
}

#[test]
fn git_log_reads_like_a_changelog() {
    let Some((_tmp, ana, _ben)) = team() else { return };
    let (_, mut p) = read(&ana);
    let mut s = p.documents[0].annotation("sample-s06").expect("Ms Dick").clone();
    s.attributes.insert("person".into(), "Steve House".into());
    edit(
        &mut p,
        Edit::ReplaceAnnotation {
            doc: 0,
            annotation: s,
        },
    );
    edit(
        &mut p,
        Edit::DeleteAnnotation {
            doc: 0,
            id: "sample-m03".into(),
        },
    );
    write(&ana, &p);
    commit(&ana, "Ms Dick is Steve House");
    let log = git(&ana, &["log", "-p", "-1"]);
    let log = String::from_utf8_lossy(&log.stdout);
    assert!(log.contains("-Speaker “Ms Dick” (Cressida Dick)"), "{log}");
    assert!(log.contains("+Speaker “Ms Dick” (Steve House)"), "{log}");
    assert!(
        log.contains("-Claim “Britain’s most senior police officer”"),
        "{log}"
    );
}

// ---- merge-file on its own: bad input leaves OURS untouched ----

fn files(dir: &Path, base: Option<&str>, ours: &str, theirs: &str) -> [PathBuf; 3] {
    let paths = [dir.join("base"), dir.join("ours"), dir.join("theirs")];
    if let Some(b) = base {
        std::fs::write(&paths[0], b).expect("write");
    }
    std::fs::write(&paths[1], ours).expect("write");
    std::fs::write(&paths[2], theirs).expect("write");
    paths
}

fn merge_file(paths: &[PathBuf; 3]) -> Output {
    Command::new(exe())
        .arg("merge-file")
        .args(paths)
        .output()
        .expect("runs")
}

#[test]
fn merge_file_refuses_a_missing_base_and_leaves_ours() {
    let tmp = tempfile::tempdir().expect("tmp");
    let text = project_to_string(&sample()).expect("writes");
    for base in [None, Some("")] {
        let paths = files(tmp.path(), base, &text, &text);
        let out = merge_file(&paths);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("added on both sides"), "{err}");
        assert_eq!(std::fs::read_to_string(&paths[1]).expect("ours"), text);
        let _ = std::fs::remove_file(&paths[0]);
    }
}

#[test]
fn merge_file_refuses_a_side_that_does_not_parse_with_its_line_and_column() {
    let tmp = tempfile::tempdir().expect("tmp");
    let text = project_to_string(&sample()).expect("writes");
    let broken = text.replacen("annotator: ", "annotator: ,", 1);
    let paths = files(tmp.path(), Some(&text), &text, &broken);
    let out = merge_file(&paths);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let line = text
        .lines()
        .position(|l| l.contains("annotator: "))
        .expect("line")
        + 1;
    assert!(err.contains("THEIRS does not parse"), "{err}");
    assert!(err.contains(&format!("theirs:{line}:16")), "{err}");
    assert_eq!(std::fs::read_to_string(&paths[1]).expect("ours"), text);
}

#[test]
fn merge_file_refuses_different_format_versions() {
    let tmp = tempfile::tempdir().expect("tmp");
    let text = project_to_string(&sample()).expect("writes");
    // The sample as shipped is format version 1.
    let paths = files(tmp.path(), Some(quotebench::SAMPLE_PROJECT), &text, &text);
    let out = merge_file(&paths);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("different format versions (BASE 1"), "{err}");
    assert_eq!(std::fs::read_to_string(&paths[1]).expect("ours"), text);
}

#[test]
fn merge_file_with_output_writes_there_and_exits_clean() {
    let tmp = tempfile::tempdir().expect("tmp");
    let base = sample();
    let mut ours = base.clone();
    let e = note(&ours, "sample-q02", "ours");
    edit(&mut ours, e);
    let mut theirs = base.clone();
    let e = relabel(&theirs, "sample-m02", "Quote");
    edit(&mut theirs, e);
    let t = |p: &Project| project_to_string(p).expect("writes");
    let paths = files(tmp.path(), Some(&t(&base)), &t(&ours), &t(&theirs));
    let out_path = tmp.path().join("out.qb.ron");
    let out = Command::new(exe())
        .arg("merge-file")
        .args(&paths)
        .arg("-o")
        .arg(&out_path)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&paths[1]).expect("ours"),
        t(&ours),
        "OURS untouched"
    );
    let merged = load_project(&out_path).expect("opens").project;
    let d = &merged.documents[0];
    assert_eq!(d.annotation("sample-q02").map(|a| a.note.as_str()), Some("ours"));
    assert_eq!(
        d.annotation("sample-m02").map(|a| a.label.as_str()),
        Some("Quote")
    );
}

#[test]
fn diff_tells_what_changed_in_words() {
    let tmp = tempfile::tempdir().expect("tmp");
    let old = sample();
    let mut new = old.clone();
    let mut s = new.documents[0]
        .annotation("sample-s06")
        .expect("Ms Dick")
        .clone();
    s.attributes.insert("person".into(), "Steve House".into());
    edit(
        &mut new,
        Edit::ReplaceAnnotation {
            doc: 0,
            annotation: s,
        },
    );
    edit(
        &mut new,
        Edit::DeleteAnnotation {
            doc: 0,
            id: "sample-m03".into(),
        },
    );
    let e = tag(&new, "new-q", "Quote", 1311, 1380);
    edit(&mut new, e);
    edit(
        &mut new,
        Edit::AddRelation {
            doc: 0,
            relation: quotebench::model::Relation::new("new-r", "said_by", "new-q", "sample-s04"),
        },
    );
    let (a, b) = (tmp.path().join("a.qb.ron"), tmp.path().join("b.qb.ron"));
    std::fs::write(&a, project_to_string(&old).expect("w")).expect("w");
    std::fs::write(&b, project_to_string(&new).expect("w")).expect("w");
    let out = Command::new(exe())
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "In armed-police-london-2018:",
            "  ~ Speaker “Ms Dick”: person Cressida Dick -> Steve House",
            "  + Quote “The possible proposal here is half a …” said by Cressida Dick",
            "  - Claim “Britain’s most senior police officer”",
        ]
    );
    let out = Command::new(exe())
        .arg("diff")
        .arg("--json")
        .arg(&a)
        .arg(&b)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let items: Vec<(&str, &str)> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|c| (c["sign"].as_str().unwrap_or(""), c["id"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(items, [("~", "sample-s06"), ("+", "new-q"), ("-", "sample-m03")]);
}

#[test]
fn merge_file_keeps_a_clash_on_the_project_in_the_file_and_check_lists_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.name = "Ana's 東京 gold".into();
    theirs.name = "Ben's 🇬🇧 gold".into();
    let t = |p: &Project| project_to_string(p).expect("writes");
    let paths = files(tmp.path(), Some(&t(&base)), &t(&ours), &t(&theirs));
    let out = merge_file(&paths);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "a person must settle it: {err}");
    assert!(
        err.contains("conflict on the project: the project name (ours stands until settled)"),
        "{err}"
    );
    // Written over OURS (git's %A), as version 5, opening with ours' name.
    let text = std::fs::read_to_string(&paths[1]).expect("ours");
    assert!(text.contains("format_version: 5,"), "{text:.300}");
    let merged = load_project(&paths[1]).expect("opens").project;
    assert_eq!(merged.name, "Ana's 東京 gold");
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    let check = Command::new(exe())
        .arg("check")
        .arg(&paths[1])
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "the file is sound: {said}");
    assert!(
        said.contains("1 merge conflict to settle") && said.contains("  project: the project name"),
        "check names the pending conflict: {said}"
    );
}
