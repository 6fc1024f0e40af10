//! Building blocks shared by the tests: spans found by their text, speaker
//! links and one-document projects, and the way to the data folder beside
//! the checkout ([`shared_dir`]). (Each test crate or bench uses a part.)
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use quotebench::model::{Annotation, Document, Fragment, Project, Relation, TagSet};

/// An annotation over the first occurrence of `needle` in `text` (char offsets).
pub fn span(text: &str, id: &str, label: &str, needle: &str) -> Annotation {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let start = text[..byte].chars().count();
    Annotation {
        id: id.into(),
        label: label.into(),
        fragments: vec![Fragment {
            start,
            end: start + needle.chars().count(),
            text: needle.into(),
        }],
        attributes: BTreeMap::new(),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        annotators: Vec::new(),
        origin: None,
    }
}

/// `quote` said_by `speaker`.
pub fn said_by(id: &str, quote: &str, speaker: &str) -> Relation {
    Relation {
        id: id.into(),
        kind: "said_by".into(),
        from: quote.into(),
        to: speaker.into(),
        attributes: Default::default(),
    }
}

/// A project of one document, by `annotator`, with the default tag set.
pub fn one_document(
    annotator: &str,
    doc_id: &str,
    text: &str,
    anns: Vec<Annotation>,
    rels: Vec<Relation>,
) -> Project {
    let (doc, _, _) = Document::from_parts(doc_id.into(), "Win".into(), None, text.into(), anns, rels);
    Project {
        people: Default::default(),
        name: "colleague".into(),
        annotator: annotator.into(),
        tagset: TagSet::default(),
        documents: vec![doc],
        conflicts: Vec::new(),
    }
}

/// Whether this runs under CI: the variable `CI` is set (to anything but
/// empty, `0` or `false`), as CI services set it.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// `rel` inside the read-only data folder beside the checkout
/// (`CARGO_MANIFEST_DIR/../shared`), e.g. `corpora/polnear`, if it is there.
/// Where it is absent a test that needs it is skipped, with a message; under
/// CI ([`under_ci`]) it panics instead, so that a missing corpus fails the
/// run rather than passing it silently.
pub fn shared_dir(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared").join(rel);
    if path.exists() {
        return Some(path);
    }
    assert!(
        !under_ci(),
        "{} is missing and CI is set: the tests that need ../shared must run under CI",
        path.display()
    );
    eprintln!("skipped: {} is absent (CI unset)", path.display());
    None
}

/// Steps the app until the save running off the UI thread has finished
/// (stepping, not running, while it is in flight, so that a slow disk cannot
/// exceed kittest's settle limit).
#[cfg(feature = "gui")]
pub fn finish_save(h: &mut egui_kittest::Harness<'_, quotebench::ui::QuotebenchApp>) {
    for _ in 0..1000 {
        h.step();
        if !h.state().saving() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the save did not finish");
}

/// Runs `quotebench ARGS` in `dir` with no X11 or Wayland display.
pub fn run_cli(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_quotebench"))
        .args(args)
        .current_dir(dir)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the binary runs")
}

/// The app in a kittest harness of the default window size (1280x800).
#[cfg(feature = "gui")]
pub fn harness(
    app: quotebench::ui::QuotebenchApp,
) -> egui_kittest::Harness<'static, quotebench::ui::QuotebenchApp> {
    egui_kittest::Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .build_eframe(move |_cc| app)
}

/// PolNeAR train as gold data (see `polnear.rs`).
pub mod polnear;
/// The benches' timing and run check (see `timing.rs`).
pub mod timing;
