//! Properties of the caret's moves (`ui::caret_moves`), on text full of
//! emoji, flags, CJK, combining marks and right-to-left words: whatever the
//! keys, from a caret anywhere (a click can leave it inside a cluster), the
//! caret and both ends of the selection land on cluster boundaries; a
//! selection begun by a word move starts and ends on word bounds; and plain
//! moves leave no selection.
#![cfg(feature = "gui")]

use proptest::prelude::*;
use proptest::test_runner::Config;
use quotebench::model::TextIndex;
use quotebench::ui::caret_moves::{CaretMove, Row, apply, inside_word, line_target, text_target};
use unicode_segmentation::UnicodeSegmentation;

const PIECES: &[&str] = &[
    "a",
    "word",
    "says",
    " ",
    ", ",
    ".",
    "“",
    "\n",
    "👩\u{200d}👩\u{200d}👧",
    "👍🏿",
    "🇩🇪",
    "😀",
    "e\u{301}",
    "a\u{300}\u{316}",
    "\u{301}",
    "中文",
    "שָׁלוֹם",
    "مرحبا",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn boundaries(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    let mut at = 0;
    for g in text.graphemes(true) {
        at += g.chars().count();
        out.push(at);
    }
    out
}

/// A key: a move that needs only the text or a row, with Shift or not.
fn keys() -> impl Strategy<Value = Vec<(usize, bool)>> {
    prop::collection::vec((0usize..8, any::<bool>()), 1..12)
}

const MOVES: [CaretMove; 8] = [
    CaretMove::Left,
    CaretMove::Right,
    CaretMove::WordLeft,
    CaretMove::WordRight,
    CaretMove::DocStart,
    CaretMove::DocEnd,
    CaretMove::LineStart,
    CaretMove::LineEnd,
];

proptest! {
    #![proptest_config(Config { cases: 300, failure_persistence: None, ..Config::default() })]

    #[test]
    fn caret_and_selection_stay_on_cluster_boundaries(t in text(), start in 0.0..1.0f64, keys in keys(), wrap in 1usize..30) {
        let idx = TextIndex::new(&t);
        let len = idx.char_len();
        let bounds = boundaries(&t);
        let mut caret = ((len as f64) * start) as usize;
        let mut sel = None;
        for (k, shift) in keys {
            let mv = MOVES[k];
            let head = sel.map_or(caret, |s: quotebench::ui::Selection| s.head);
            let target = text_target(&t, &idx, head, mv).unwrap_or_else(|| {
                // Rows of `wrap` chars stand in for the laid-out lines.
                let r0 = head / wrap * wrap;
                let row = Row { start: r0.min(len), end: (r0 + wrap).min(len), wrapped: r0 + wrap < len };
                line_target(&t, &idx, row, mv)
            });
            let began = sel.is_none();
            (sel, caret) = apply(&t, &idx, sel, caret, mv, target, shift);
            prop_assert!(bounds.contains(&caret), "{:?} caret {} in {:?}", mv, caret, t);
            match sel {
                Some(s) => {
                    prop_assert!(shift, "only Shift selects");
                    prop_assert!(bounds.contains(&s.anchor) && bounds.contains(&s.head), "{:?} {:?} in {:?}", mv, s, t);
                    prop_assert_eq!(s.head, caret);
                    if began && matches!(mv, CaretMove::WordLeft | CaretMove::WordRight) {
                        prop_assert!(!inside_word(&t, &idx, s.anchor), "{:?} anchor inside a word in {:?}", s, t);
                        prop_assert!(!inside_word(&t, &idx, s.head), "{:?} head inside a word in {:?}", s, t);
                    }
                }
                None => prop_assert!(caret <= len),
            }
        }
    }
}
