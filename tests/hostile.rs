//! Hostile and broken input: every loader answers with an error that says
//! what and where, never a panic, and nothing the file held is lost.

use quotebench::format::{
    FormatError, MAX_FILE_BYTES, TextEncoding, load_project, parse_project, project_to_string, read_article,
};
use quotebench::model::ProblemKind;

/// A copy of the shipped sample, pinned in `tests/fixtures/` so that the
/// ids, texts and counts below stay true when `assets/sample.qb.ron` is
/// regenerated.
const SAMPLE: &str = include_str!("fixtures/sample-2018.qb.ron");

/// The pinned sample with the first `find` replaced.
fn sample_with(find: &str, replace: &str) -> String {
    let s = SAMPLE.replacen(find, replace, 1);
    assert_ne!(s, SAMPLE, "the edit applies");
    s
}

#[test]
fn spans_that_do_not_fit_are_kept_aside_and_saved_back_untouched() {
    // sample-m01 is an unlinked Claim; move it out of the text.
    let line = SAMPLE
        .lines()
        .find(|l| l.contains("id: \"sample-m01\""))
        .expect("m01");
    let broken_line = regex_like_replace_offsets(line, 90_000, 90_010);
    let text = sample_with(line, &broken_line);
    let loaded = parse_project(&text, "broken.qb.ron").expect("opens anyway");
    let d = &loaded.project.documents[0];
    assert!(d.annotation("sample-m01").is_none(), "not shown");
    assert_eq!(d.set_aside().len(), 1);
    let p = loaded
        .problems
        .iter()
        .find(|p| p.problem.id.as_deref() == Some("sample-m01"))
        .expect("reported");
    assert!(matches!(p.problem.kind, ProblemKind::OutOfRange { .. }));
    assert!(p.problem.set_aside);
    let msg = p.to_string();
    assert!(
        msg.contains("kept aside") && msg.contains("outside the text"),
        "{msg}"
    );
    assert!(p.line.is_some(), "located in the file");
    // The rest is intact: 94 annotations shown.
    assert_eq!(d.annotation_count(), 94);
    // Saving writes the kept-aside annotation back exactly as it was.
    let saved = project_to_string(&loaded.project).expect("serialises");
    assert!(
        saved.contains(broken_line.trim()),
        "kept-aside line written back unchanged"
    );
    let again = parse_project(&saved, "again.qb.ron").expect("reopens");
    assert_eq!(again.project, loaded.project);
}

/// Replaces the first `start: N, end: M` of a line.
fn regex_like_replace_offsets(line: &str, start: usize, end: usize) -> String {
    let a = line.find("start: ").expect("start");
    let b = a + line[a..].find("text:").expect("text");
    format!("{}start: {start}, end: {end}, {}", &line[..a], &line[b..])
}

#[test]
fn a_span_whose_text_moved_is_reanchored_and_its_links_kept() {
    // Insert words before the quotes: every later offset is now off by 5.
    let text = sample_with("Lizzie Dearden", "Dr X Lizzie Dearden");
    let loaded = parse_project(&text, "shifted.qb.ron").expect("opens");
    let d = &loaded.project.documents[0];
    assert_eq!(d.annotation_count(), 95, "nothing kept aside");
    assert!(d.set_aside().is_empty() && d.set_aside_relations().is_empty());
    let moved = loaded
        .problems
        .iter()
        .filter(|p| matches!(p.problem.kind, ProblemKind::Reanchored { .. }))
        .count();
    assert!(moved > 80, "most spans lie after the insertion: {moved}");
    assert_eq!(d.person_of_quote("sample-q05").as_deref(), Some("Cressida Dick"));
    assert!(quotebench::model::validate(&loaded.project).is_empty());
}

#[test]
fn a_relation_to_a_kept_aside_span_says_so() {
    let line = SAMPLE
        .lines()
        .find(|l| l.contains("id: \"sample-s01\""))
        .expect("s01");
    let text = sample_with(line, &line.replace("\"Scotland Yard\"", "\"Scotland Yarn\""));
    let loaded = parse_project(&text, "x.qb.ron").expect("opens");
    let msgs: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("sample-s01, which was kept aside")),
        "{msgs:#?}"
    );
    assert_eq!(loaded.project.documents[0].set_aside_relations().len(), 1);
}

#[test]
fn deeply_nested_ron_is_refused_without_overflowing_the_stack() {
    let text = format!("(format_version: 1, documents: {}", "[".repeat(200_000));
    match parse_project(&text, "deep.qb.ron") {
        Err(FormatError::Syntax { line, .. }) => assert_eq!(line, 1),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn files_over_the_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.qb.ron");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(MAX_FILE_BYTES + 1).expect("sparse file");
    match load_project(&path) {
        Err(e @ FormatError::TooLarge { .. }) => assert!(e.to_string().contains("huge.qb.ron"), "{e}"),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn garbage_bytes_give_clear_errors() {
    for (i, bytes) in [
        &b"\x00\x01\x02"[..],
        b"(((((",
        b"format_version",
        b"\xff\xfe(",
        b"",
    ]
    .iter()
    .enumerate()
    {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(format!("g{i}.qb.ron"));
        std::fs::write(&path, bytes).expect("write");
        let e = load_project(&path).expect_err("garbage is refused");
        assert!(e.to_string().contains(&format!("g{i}.qb.ron")), "{e}");
    }
}

#[test]
fn windows_1252_text_is_offered_and_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("latin.txt");
    std::fs::write(&path, b"Ms Dick said \x93caf\xe9\x94\r\nnext line\r\n").expect("write");
    let e = read_article(&path, TextEncoding::Utf8).expect_err("not UTF-8");
    assert!(
        e.to_string().contains("latin.txt") && e.to_string().contains("offset 13"),
        "{e}"
    );
    let a = read_article(&path, TextEncoding::Windows1252).expect("reads as 1252");
    assert_eq!(a.text, "Ms Dick said “café”\nnext line\n");
    assert!(a.notes.iter().any(|n| n.contains("2 CRLF")));
}

#[test]
fn cli_new_reads_windows_1252_on_request() {
    let dir = tempfile::tempdir().expect("temp dir");
    let txt = dir.path().join("latin.txt");
    std::fs::write(&txt, b"caf\xe9\r\n").expect("write");
    let out = dir.path().join("p.qb.ron");
    let bin = env!("CARGO_BIN_EXE_quotebench");
    let refused = std::process::Command::new(bin)
        .arg("new")
        .arg(&txt)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("offset 3") && err.contains("--encoding windows-1252"),
        "{err}"
    );
    let ok = std::process::Command::new(bin)
        .args(["new", "--encoding", "windows-1252", "-o"])
        .arg(&out)
        .arg(&txt)
        .output()
        .expect("runs");
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let p = load_project(&out).expect("written");
    assert_eq!(p.project.documents[0].text(), "café\n");
}
