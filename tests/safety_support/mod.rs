//! What tests/safety.rs and its child process (tests/bin/test_child.rs)
//! share: the environment variables that tell the child what to do, and the
//! projects both sides build.

#![allow(dead_code)] // each side uses a part

use std::collections::BTreeMap;

use quotebench::model::{Annotation, Document, Fragment, Project, Relation, names};

/// Set in a child process: the project file to save in a loop.
pub const SAVER_CHILD: &str = "QUOTEBENCH_SAFETY_SAVER_PATH";
/// Set in a child process: the folder with the versions to save.
pub const SAVER_SOURCES: &str = "QUOTEBENCH_SAFETY_SAVER_SOURCES";
/// Set in a child process: the project whose lock to hold until killed.
pub const LOCKER_CHILD: &str = "QUOTEBENCH_SAFETY_LOCKER_PATH";
/// Set in a child process: the recovery folder to write to.
pub const RECOVERY_CHILD: &str = "QUOTEBENCH_SAFETY_RECOVERY_DIR";
/// Set in a child process: print `RecoveryStore::default_dir()`.
pub const DIR_CHILD: &str = "QUOTEBENCH_SAFETY_PRINT_DIR";
/// Set in a child process: the project a headless window opens (role `window`).
pub const WINDOW_PROJECT: &str = "QUOTEBENCH_SAFETY_WINDOW_PROJECT";
/// The spans the window tags as quotes in its first document, `start-end`
/// in chars, separated by commas (e.g. `0-5,10-20`).
pub const WINDOW_TAGS: &str = "QUOTEBENCH_SAFETY_WINDOW_TAGS";
/// When set: the number of recovery files the window must be offered at
/// its start; it answers "Later" (Escape) before it edits.
pub const WINDOW_LATER: &str = "QUOTEBENCH_SAFETY_WINDOW_LATER";
/// When set: the window must be warned that another one has the project.
pub const WINDOW_WARNED: &str = "QUOTEBENCH_SAFETY_WINDOW_WARNED";
/// A file the child creates when it is under way.
pub const READY_FILE: &str = "QUOTEBENCH_SAFETY_READY";

/// A project of `docs` documents of about `text_len` ASCII chars each, with
/// `per_doc` quote annotations; `variant` changes notes and which ones exist,
/// so two variants differ in annotations added, removed and changed.
pub fn project(docs: usize, text_len: usize, per_doc: usize, variant: u32) -> Project {
    let sentence = "The minister said the plan \"will change nothing\" according to officials. ";
    let mut project = Project {
        people: Default::default(),
        name: format!("Safety v{variant}"),
        annotator: "tester".into(),
        ..Project::default()
    };
    for d in 0..docs {
        let text: String = sentence.repeat(text_len / sentence.len() + 1);
        let step = text.len() / per_doc.max(1);
        let mut annotations = Vec::new();
        let mut relations = Vec::new();
        for i in 0..per_doc {
            // Variant 1 drops every 7th and adds a few at the end.
            if variant == 1 && i.is_multiple_of(7) {
                continue;
            }
            let start = i * step;
            let end = start + 20.min(step);
            annotations.push(annotation(&text, &format!("q-{d}-{i}"), start, end, variant, i));
            if i > 0 && i.is_multiple_of(5) && !(variant == 1 && (i - 1).is_multiple_of(7)) {
                relations.push(Relation {
                    id: format!("r-{d}-{i}"),
                    kind: names::SAID_BY.into(),
                    from: format!("q-{d}-{i}"),
                    to: format!("q-{d}-{}", i - 1),
                    attributes: Default::default(),
                });
            }
        }
        if variant == 1 {
            for i in 0..3 {
                annotations.push(annotation(
                    &text,
                    &format!("new-{d}-{i}"),
                    i * 30,
                    i * 30 + 10,
                    variant,
                    i,
                ));
            }
        }
        let (doc, dup_a, dup_r) = Document::from_parts(
            format!("doc-{d}"),
            format!("Article {d}"),
            None,
            text,
            annotations,
            relations,
        );
        assert!(dup_a.is_empty() && dup_r.is_empty());
        project.documents.push(doc);
    }
    project
}

pub fn annotation(text: &str, id: &str, start: usize, end: usize, variant: u32, i: usize) -> Annotation {
    Annotation {
        id: id.into(),
        // Every 5th is the speaker of the quote after it (see the relations).
        label: if id.starts_with("q-") && i % 5 == 4 {
            names::SPEAKER.into()
        } else {
            names::QUOTE.into()
        },
        fragments: vec![Fragment {
            start,
            end,
            text: text[start..end].to_string(), // ASCII: chars are bytes
        }],
        attributes: BTreeMap::new(),
        note: if variant == 1 && i.is_multiple_of(3) {
            format!("checked in variant {variant}")
        } else {
            String::new()
        },
        created: "2026-01-01T00:00:00Z".into(),
        modified: "2026-01-01T00:00:00Z".into(),
        annotators: Vec::new(),
        origin: None,
    }
}

pub fn small() -> Project {
    project(2, 2_000, 20, 0)
}

// issue 16: the recovery journal.

/// Set in a child process: the project file the journal editor edits.
pub const JOURNAL_PROJECT: &str = "QUOTEBENCH_SAFETY_JOURNAL_PROJECT";
/// Set in a child process: the recovery folder its journal goes to.
pub const JOURNAL_DIR: &str = "QUOTEBENCH_SAFETY_JOURNAL_DIR";
/// Set in a child process: the file where it writes how many edits are journaled.
pub const JOURNAL_COUNT: &str = "QUOTEBENCH_SAFETY_JOURNAL_COUNT";

/// The project the journal tests edit: 6 documents, so that edits touch
/// one document in six.
pub fn journal_base() -> Project {
    project(6, 3_000, 10, 0)
}

/// Edit number `step` of the journal tests (the same in the test and in its
/// child): a quote added in document `step % 6`, every third step the quote
/// of the step before taken away again, every seventh a document status set.
pub fn journal_edit(p: &Project, step: usize) -> quotebench::model::Edit {
    use quotebench::model::{Edit, Status};
    let doc = step % p.documents.len();
    if step % 7 == 6 {
        let status = [Status::InProgress, Status::Done][step / 7 % 2];
        return Edit::SetDocumentStatus { doc, status };
    }
    if step % 3 == 2 {
        let before = (step - 1) % p.documents.len();
        let id = format!("j-{}", step - 1);
        if p.documents[before].annotation(&id).is_some() {
            return Edit::DeleteAnnotation { doc: before, id };
        }
    }
    let text = p.documents[doc].text();
    let start = (step * 37) % (text.len() - 40);
    Edit::AddAnnotation {
        doc,
        annotation: annotation(text, &format!("j-{step}"), start, start + 12, 0, 0),
    }
}

/// Set in a child process (role `window`): the file where the window writes
/// how many of its edits are journaled; it then tags `window_edit_span(k)`
/// for k = 0, 1, … one a frame, each once its journal holds the one before,
/// until killed (issue 16).
pub const WINDOW_EDIT_COUNT: &str = "QUOTEBENCH_SAFETY_WINDOW_EDIT_COUNT";

/// The span (start, end) in chars of the window's edit number `k`.
pub fn window_edit_span(k: usize) -> (usize, usize) {
    (6 * k, 6 * k + 5)
}

/// A seeded random source for the kill tests (xorshift): a seed from the
/// clock, printed so that a failing run can be told apart, and a function
/// giving a number below `n`.
pub fn random_below() -> impl FnMut(u64) -> u64 {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    eprintln!("random seed {seed}");
    let mut rng = seed;
    move |n: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % n
    }
}
