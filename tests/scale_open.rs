//! Opening large projects (issue 16): a file in the saved layout is read
//! document by document in parallel and gives exactly what one whole parse
//! gives; a file whose layout differs (hand-edited, a text that looks like
//! a document boundary) falls back to the whole parse; errors keep their
//! place in the file; the window reads a large file off the UI thread with
//! a progress bar.

mod common;

use std::sync::Mutex;

use quotebench::format::{
    FormatError, load_project, load_project_with_progress, parse_project, project_to_string,
};
use quotebench::model::{Document, Project, TagSet};

/// `n` documents, each with a few quotes; document 1's text holds lines
/// that look like the saved layout's document boundaries.
fn project(n: usize) -> Project {
    project_with(n, true)
}

/// As [`project`]; with `lookalike` false no text looks like a boundary.
fn project_with(n: usize, lookalike: bool) -> Project {
    let mut p = Project {
        name: "Newsroom".into(),
        annotator: "desk".into(),
        tagset: TagSet::default(),
        ..Project::default()
    };
    for d in 0..n {
        let mut text = format!("Article {d}. The minister said \"we will act\" on Monday.\n");
        if d == 1 && lookalike {
            text.push_str("        ),\n        (\n            id: \"fake\",\n    ],\n)\n");
        }
        text.push_str("Officials declined to comment.");
        let a = common::span(&text, &format!("q-{d}"), "Quote", "we will act");
        let b = common::span(&text, &format!("c-{d}"), "Cue", "said");
        let (doc, _, _) = Document::from_parts(
            format!("doc-{d}"),
            format!("Title {d}"),
            None,
            text,
            vec![a, b],
            Vec::new(),
        );
        p.documents.push(doc);
    }
    p
}

#[test]
fn a_saved_file_opens_as_it_was_saved_also_when_a_text_looks_like_a_boundary() {
    for (n, lookalike) in [
        (0, false),
        (1, false),
        (2, false),
        (7, false),
        (2, true),
        (7, true),
    ] {
        let p = project_with(n, lookalike);
        let text = project_to_string(&p).expect("written");
        let loaded = parse_project(&text, "news.qb.ron").expect("opens");
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.project, p, "{n} documents");
        // Hand-edited with Windows line ends: another layout, the same project.
        let crlf = text.replace('\n', "\r\n");
        let again = parse_project(&crlf, "news.qb.ron").expect("opens").project;
        assert_eq!(again.documents.len(), n);
        assert_eq!(again.name, p.name);
    }
}

#[test]
fn an_error_in_a_later_document_is_placed_in_the_whole_file() {
    let text = project_to_string(&project(5)).expect("written");
    // Break document 4's title: the error must name that line of the file.
    let needle = "title: \"Title 3\"";
    let at = text.find(needle).expect("title there");
    let line = text[..at].matches('\n').count() + 1;
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    let broken = format!("{}title: Title 3\"{}", &text[..at], &text[at + needle.len()..]);
    match parse_project(&broken, "news.qb.ron") {
        Err(FormatError::Syntax {
            line: l, column: c, ..
        }) => {
            assert_eq!(l, line, "the line in the file");
            assert!(c > column, "after `title:` ({c} vs {column})");
        }
        other => panic!("not a syntax error: {other:?}"),
    }
}

#[test]
fn a_problem_in_a_later_document_is_placed_in_the_whole_file() {
    let text = project_to_string(&project(4)).expect("written");
    // Document 3's cue becomes a second `q-2` in it: a duplicate id there.
    let broken = text.replace("id: \"c-2\"", "id: \"q-2\"");
    let loaded = parse_project(&broken, "news.qb.ron").expect("opens");
    let dup = loaded
        .problems
        .iter()
        .find(|p| p.problem.document == "doc-2")
        .expect("the duplicate is reported");
    let second = broken.match_indices("id: \"q-2\"").nth(1).expect("twice").0;
    let line = broken[..second].matches('\n').count() + 1;
    assert_eq!(dup.line, Some(line));
}

#[test]
fn progress_counts_the_documents_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("news.qb.ron");
    quotebench::format::save_project(&project_with(9, false), &path).expect("saved");
    let seen = Mutex::new(Vec::new());
    let loaded =
        load_project_with_progress(&path, &|n, of| seen.lock().expect("lock").push((n, of))).expect("opens");
    assert_eq!(loaded.project, load_project(&path).expect("opens").project);
    let mut seen = seen.into_inner().expect("lock");
    seen.sort();
    assert_eq!(seen, (1..=9).map(|n| (n, 9)).collect::<Vec<_>>());
}

#[cfg(feature = "gui")]
#[test]
fn the_window_opens_a_large_file_off_the_ui_thread_with_a_progress_bar() {
    use egui_kittest::kittest::Queryable;
    // Over the 20 MB of a large file: 24 documents of about 1 MB.
    let mut p = project(24);
    let filler = "Paragraph of a long report, repeated to make the file large. ".repeat(16_000);
    for (i, d) in p.documents.iter_mut().enumerate() {
        let text = format!("{}\n{filler}", d.text());
        let anns: Vec<_> = d.annotations_in_order().cloned().collect();
        *d = Document::from_parts(d.id.clone(), format!("Title {i}"), None, text, anns, Vec::new()).0;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.qb.ron");
    quotebench::format::save_project(&p, &path).expect("saved");
    assert!(std::fs::metadata(&path).expect("file").len() > 20 * 1024 * 1024);

    let mut h = common::harness(quotebench::ui::QuotebenchApp::with_sample());
    h.run();
    h.state_mut().open_path(&path);
    assert!(h.state().job_running(), "read on a thread of its own");
    // The window keeps drawing frames while the file is read, the progress shown.
    let mut shown = false;
    for _ in 0..6000 {
        h.step();
        shown |= h.query_by_label_contains("Opening big.qb.ron").is_some();
        if !h.state().job_running() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(shown, "the progress window was shown");
    h.run();
    assert!(!h.state().job_running(), "the file was read");
    assert_eq!(h.state().ws().project, p);
    assert!(
        h.state().message().contains("large file"),
        "{}",
        h.state().message()
    );

    // The version opened is the base of the check before saving (kept as
    // the file's text, parsed only now that the file changed): a
    // colleague's retitle is theirs, the window's note the window's.
    let mut theirs = p.clone();
    theirs.documents[0].title = "Retitled on disk".into();
    quotebench::format::save_project(&theirs, &path).expect("their save");
    let mut q = p.documents[1].annotation("q-1").expect("q-1").clone();
    q.note = "checked".into();
    h.state_mut()
        .ws_mut()
        .perform(
            quotebench::model::Edit::ReplaceAnnotation {
                doc: 1,
                annotation: q,
            },
            "Note",
            None,
        )
        .expect("note");
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    h.get_by_label("The file changed on disk");
    h.get_by_label_contains("on disk: title changed");
    h.get_by_label("in this window: 1 note changed");
}
