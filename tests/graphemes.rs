//! Property tests of grapheme-safe selection over random text made of the
//! characters that are more than one char: ZWJ sequences (families, skin
//! tones, professions), flags (and lone or odd runs of regional indicators),
//! letters with one or more combining marks, Hangul jamo, CRLF, next to
//! plain ASCII, CJK, Arabic and Hebrew. The reference for where clusters
//! begin and end is `unicode-segmentation`'s own iterator over the whole
//! text; the model answers from a cursor around one offset.
//!
//! Checked: every snapped selection (drag, Alt+drag, word snapping) starts
//! and ends on a cluster boundary and contains what the pointer covered
//! (word snapping may trim white space at its ends); keyboard extension
//! (Shift and Ctrl+Shift with arrows, in any order, from a caret anywhere)
//! never stops inside a cluster; `validate` reports a fragment as splitting
//! a cluster exactly when one of its ends is not a boundary.

use proptest::prelude::*;
use proptest::test_runner::Config;
use unicode_segmentation::UnicodeSegmentation;

use quotebench::model::{
    Annotation, CharRange, Document, Fragment, ProblemKind, Project, TextIndex, is_cluster_boundary,
    next_cluster, prev_cluster, snap_selection, snap_to_clusters, snap_to_words, validate, word_step,
};

const PIECES: &[&str] = &[
    "a",
    "word",
    " ",
    "  ",
    ", ",
    ".",
    "“",
    "”",
    "\r\n",
    "\n",
    "👩\u{200d}👩\u{200d}👧",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "👩🏽\u{200d}💻",
    "👍🏿",
    "🏳\u{fe0f}\u{200d}🌈",
    "❤\u{fe0f}",
    "😀",
    "🇩🇪",
    "🇬🇧",
    "\u{1F1E9}",
    "🇩🇪🇫",
    "e\u{301}",
    "a\u{300}\u{316}",
    "\u{301}",
    "\u{200d}",
    "n\u{303}o",
    "\u{1100}\u{1161}\u{11a8}",
    "中文",
    "日本語",
    "שָׁלוֹם",
    "مرحبا",
    "\u{200f}",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

/// Cluster boundaries as char offsets, from segmenting the whole text.
fn reference(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    let mut at = 0;
    for g in text.graphemes(true) {
        at += g.chars().count();
        out.push(at);
    }
    out
}

fn config() -> Config {
    Config {
        cases: 400,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Two offsets in `0..=len`, from two fractions.
fn offsets(len: usize, a: f64, b: f64) -> (usize, usize) {
    let f = |x: f64| ((x * (len + 1) as f64) as usize).min(len);
    (f(a), f(b))
}

#[derive(Clone, Copy, Debug)]
enum Key {
    ShiftLeft,
    ShiftRight,
    CtrlShiftLeft,
    CtrlShiftRight,
}

fn keys() -> impl Strategy<Value = Vec<Key>> {
    prop::collection::vec(
        prop::sample::select(
            &[
                Key::ShiftLeft,
                Key::ShiftRight,
                Key::CtrlShiftLeft,
                Key::CtrlShiftRight,
            ][..],
        ),
        1..30,
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn boundaries_and_steps_agree_with_segmenting_the_whole_text(t in text()) {
        let idx = TextIndex::new(&t);
        let bounds = reference(&t);
        for at in 0..=idx.char_len() {
            prop_assert_eq!(is_cluster_boundary(&t, &idx, at), bounds.contains(&at), "at {} in {:?}", at, t);
            let next = bounds.iter().copied().find(|&b| b > at).unwrap_or(idx.char_len());
            let prev = bounds.iter().copied().rev().find(|&b| b < at).unwrap_or(0);
            prop_assert_eq!(next_cluster(&t, &idx, at), next, "next from {} in {:?}", at, t);
            prop_assert_eq!(prev_cluster(&t, &idx, at), prev, "prev from {} in {:?}", at, t);
        }
    }

    #[test]
    fn a_snapped_drag_is_whole_clusters_and_holds_what_was_dragged_over(
        t in text(), a in 0.0..1.0f64, b in 0.0..1.0f64,
    ) {
        let idx = TextIndex::new(&t);
        let bounds = reference(&t);
        let (a, b) = offsets(idx.char_len(), a, b);
        let raw = CharRange::new(a, b);

        // Alt+drag: exact characters, but whole clusters, and the smallest such.
        let s = snap_to_clusters(&t, &idx, raw);
        prop_assert!(bounds.contains(&s.start) && bounds.contains(&s.end), "{:?} from {:?} in {:?}", s, raw, t);
        prop_assert!(s.start <= raw.start && raw.end <= s.end, "{:?} lost part of {:?}", s, raw);
        prop_assert!(bounds.iter().all(|&x| x <= s.start || x > raw.start || x == s.start),
            "{:?} grew past a boundary before {:?}", s, raw);
        prop_assert!(bounds.iter().all(|&x| x >= s.end || x < raw.end || x == s.end),
            "{:?} grew past a boundary after {:?}", s, raw);

        // A drag backwards keeps its direction.
        let (anchor, head) = snap_selection(&t, &idx, b, a);
        prop_assert!(bounds.contains(&anchor) && bounds.contains(&head));
        prop_assert_eq!(CharRange::new(anchor, head), s);
        if a != b {
            prop_assert_eq!(head < anchor, a < b);
        }

        // A plain drag snaps to words too; it may trim white space at its
        // ends but never cuts a cluster.
        let w = snap_to_words(&t, &idx, raw);
        prop_assert!(bounds.contains(&w.start) && bounds.contains(&w.end), "{:?} from {:?} in {:?}", w, raw, t);
    }

    #[test]
    fn keyboard_extension_never_stops_inside_a_cluster(
        t in text(), caret in 0.0..1.0f64, keys in keys(),
    ) {
        let idx = TextIndex::new(&t);
        let bounds = reference(&t);
        let (caret, _) = offsets(idx.char_len(), caret, 0.0);
        // The way the window extends a selection: step the head, then keep
        // the selection on whole clusters (the caret may be mid-cluster).
        let (mut anchor, mut head) = (caret, caret);
        for k in keys {
            let to = match k {
                Key::ShiftLeft => prev_cluster(&t, &idx, head),
                Key::ShiftRight => next_cluster(&t, &idx, head),
                Key::CtrlShiftLeft => word_step(&t, &idx, head, false),
                Key::CtrlShiftRight => word_step(&t, &idx, head, true),
            };
            prop_assert!(bounds.contains(&to), "{:?} from {} stopped at {} in {:?}", k, head, to, t);
            match k {
                Key::ShiftLeft | Key::CtrlShiftLeft => prop_assert!(to <= head),
                Key::ShiftRight | Key::CtrlShiftRight => prop_assert!(to >= head),
            }
            (anchor, head) = snap_selection(&t, &idx, anchor, to);
            prop_assert!(bounds.contains(&anchor) && bounds.contains(&head), "{:?} {} {} in {:?}", k, anchor, head, t);
        }
    }

    #[test]
    fn validate_reports_a_fragment_that_splits_a_cluster_exactly_when_it_does(
        t in text(), a in 0.0..1.0f64, b in 0.0..1.0f64,
    ) {
        let idx = TextIndex::new(&t);
        let bounds = reference(&t);
        let (a, b) = offsets(idx.char_len(), a, b);
        let r = CharRange::new(a, b);
        prop_assume!(!r.is_empty());
        let mut p = Project::from_text("T", "", "me");
        let ann = Annotation {
            id: "q1".into(),
            label: "quote".into(),
            fragments: vec![Fragment { start: r.start, end: r.end, text: idx.slice(&t, r).to_string() }],
            attributes: Default::default(),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            annotators: Vec::new(),
            origin: None,
        };
        let (doc, _, _) = Document::from_parts("d1".into(), "T".into(), None, t.clone(), vec![ann], vec![]);
        p.documents = vec![doc];
        let split_at: Vec<usize> = validate(&p)
            .into_iter()
            .filter_map(|pr| match pr.kind {
                ProblemKind::SplitCluster { at, cluster, range, .. } => {
                    assert_eq!(pr.id.as_deref(), Some("q1"));
                    assert_eq!(range, r);
                    assert!(cluster.start < at && at < cluster.end);
                    Some(at)
                }
                _ => None,
            })
            .collect();
        let expected: Vec<usize> = [r.start, r.end].into_iter().filter(|x| !bounds.contains(x)).collect();
        prop_assert_eq!(split_at, expected, "{:?} in {:?}", r, t);
    }
}

/// The window's own selection state: `Workspace::extend_selection` with the
/// steps the Shift/Ctrl+Shift+arrow commands use, from a caret anywhere
/// (a click can leave it inside an emoji) and after any selection.
#[cfg(feature = "gui")]
mod workspace {
    use super::*;
    use quotebench::ui::{Selection, Workspace};

    proptest! {
        #![proptest_config(Config { cases: 200, ..config() })]

        #[test]
        fn the_windows_selection_never_ends_inside_a_cluster(
            t in text(), caret in 0.0..1.0f64, start in prop::option::of((0.0..1.0f64, 0.0..1.0f64)), keys in keys(),
        ) {
            let bounds = reference(&t);
            let len = t.chars().count();
            let mut ws = Workspace::new(Project::from_text("T", &t, "me"), None);
            prop_assume!(ws.document().is_some_and(|d| d.text() == t));
            ws.caret = offsets(len, caret, 0.0).0;
            ws.selection = start.map(|(a, b)| {
                let (anchor, head) = offsets(len, a, b);
                Selection { anchor, head }
            });
            for k in keys {
                match k {
                    Key::ShiftLeft => ws.extend_selection(|d, h| prev_cluster(d.text(), d.text_index(), h)),
                    Key::ShiftRight => ws.extend_selection(|d, h| next_cluster(d.text(), d.text_index(), h)),
                    Key::CtrlShiftLeft => ws.extend_selection(|d, h| word_step(d.text(), d.text_index(), h, false)),
                    Key::CtrlShiftRight => ws.extend_selection(|d, h| word_step(d.text(), d.text_index(), h, true)),
                }
                let sel = ws.selection.expect("extending makes a selection");
                prop_assert!(
                    bounds.contains(&sel.anchor) && bounds.contains(&sel.head),
                    "{:?} after {:?} in {:?}", sel, k, t
                );
                prop_assert_eq!(ws.caret, sel.head);
            }
        }
    }
}
