//! Where the caret goes: the pure half of keyboard navigation in the article.
//!
//! The caret is a char offset in the document (`Workspace::caret`); a move
//! gives the next offset, and with Shift the selection grows from an anchor
//! (where the caret was when the selection began) to it. Moves along the text
//! (by cluster, by word, to either end) need only the text; moves by visual
//! line (Home/End, Up/Down, Page Up/Down) need the laid-out rows, which the
//! article view has (`article_view/caret_view.rs`): here they get the row's
//! char bounds. No egui here, so every rule is tested on plain strings.
//!
//! Every result lands on a grapheme cluster boundary, and word moves stop at
//! word starts and ends only: a selection begun by a word move inside a word
//! first widens to that word (a caret clicked into "says" and Ctrl+Shift+Right
//! three times selects "says it is", not "ays it is").

use crate::model::{
    CharRange, TextIndex, cluster_start, next_cluster, prev_cluster, snap_selection, word_step,
};

use super::workspace::Selection;

/// How far [`word_start_before`] and [`word_end_after`] look (a "word" of
/// thousands of letters stops there, on a cluster boundary).
const WORD_LIMIT: usize = 200;

/// One caret move; with Shift it selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CaretMove {
    /// One grapheme cluster left (Left).
    Left,
    /// One grapheme cluster right (Right).
    Right,
    /// To the start of the previous word (Ctrl+Left).
    WordLeft,
    /// To the end of the next word (Ctrl+Right).
    WordRight,
    /// The visual line above, keeping the x (Up).
    Up,
    /// The visual line below, keeping the x (Down).
    Down,
    /// The start of the visual line (Home).
    LineStart,
    /// The end of the visual line (End).
    LineEnd,
    /// A view's height up (Page Up).
    PageUp,
    /// A view's height down (Page Down).
    PageDown,
    /// The start of the document (Ctrl+Home).
    DocStart,
    /// The end of the document (Ctrl+End).
    DocEnd,
}

impl CaretMove {
    /// Every move, in the order of the keyboard reference.
    pub const ALL: [CaretMove; 12] = [
        CaretMove::Left,
        CaretMove::Right,
        CaretMove::WordLeft,
        CaretMove::WordRight,
        CaretMove::Up,
        CaretMove::Down,
        CaretMove::LineStart,
        CaretMove::LineEnd,
        CaretMove::PageUp,
        CaretMove::PageDown,
        CaretMove::DocStart,
        CaretMove::DocEnd,
    ];

    /// Moves by visual line: the article view works them out from its rows.
    pub fn is_vertical(self) -> bool {
        matches!(
            self,
            CaretMove::Up | CaretMove::Down | CaretMove::PageUp | CaretMove::PageDown
        )
    }

    /// Moves towards the end of the text.
    pub fn is_forward(self) -> bool {
        matches!(
            self,
            CaretMove::Right
                | CaretMove::WordRight
                | CaretMove::Down
                | CaretMove::LineEnd
                | CaretMove::PageDown
                | CaretMove::DocEnd
        )
    }
}

/// The target of a move that needs only the text (cluster, word, document
/// ends); `None` for the moves by visual line. O(cluster) or O(word), never
/// O(document).
pub fn text_target(text: &str, index: &TextIndex, at: usize, mv: CaretMove) -> Option<usize> {
    let at = at.min(index.char_len());
    Some(match mv {
        CaretMove::Left => prev_cluster(text, index, at),
        CaretMove::Right => next_cluster(text, index, at),
        CaretMove::WordLeft => word_step(text, index, at, false),
        CaretMove::WordRight => word_step(text, index, at, true),
        CaretMove::DocStart => 0,
        CaretMove::DocEnd => index.char_len(),
        _ => return None,
    })
}

/// The char bounds `[start, end)` of a visual line (a galley row, newline
/// excluded), and whether the text wraps after it (the row's end is then
/// also the next row's start).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    pub wrapped: bool,
}

/// Home and End on `row`. A wrapped row usually ends with the space it
/// broke at: End stops before that white space, where the caret is drawn
/// on this row rather than at the start of the next, and Shift+End selects
/// the line's words without the space. Never inside a cluster.
pub fn line_target(text: &str, index: &TextIndex, row: Row, mv: CaretMove) -> usize {
    let start = cluster_start(text, index, row.start);
    match mv {
        CaretMove::LineStart => start,
        _ => {
            let mut end = row.end;
            if row.wrapped {
                while end > row.start
                    && index
                        .slice(text, CharRange::new(end - 1, end))
                        .chars()
                        .all(char::is_whitespace)
                {
                    end -= 1;
                }
            }
            cluster_start(text, index, end).max(start)
        }
    }
}

fn wordy(text: &str, index: &TextIndex, a: usize, b: usize) -> bool {
    index
        .slice(text, CharRange::new(a, b))
        .chars()
        .any(char::is_alphanumeric)
}

/// Is `at` strictly inside a word (a word cluster on both sides)?
pub fn inside_word(text: &str, index: &TextIndex, at: usize) -> bool {
    let at = cluster_start(text, index, at);
    let (p, n) = (prev_cluster(text, index, at), next_cluster(text, index, at));
    p < at && at < n && wordy(text, index, p, at) && wordy(text, index, at, n)
}

/// The start of the word `at` is in (`at` when it is not inside a word).
pub fn word_start_before(text: &str, index: &TextIndex, at: usize) -> usize {
    let mut pos = cluster_start(text, index, at);
    if !inside_word(text, index, pos) {
        return pos;
    }
    while pos > 0 && at - pos < WORD_LIMIT {
        let p = prev_cluster(text, index, pos);
        if !wordy(text, index, p, pos) {
            break;
        }
        pos = p;
    }
    pos
}

/// The end of the word `at` is in (`at` when it is not inside a word).
pub fn word_end_after(text: &str, index: &TextIndex, at: usize) -> usize {
    let from = cluster_start(text, index, at);
    if !inside_word(text, index, from) {
        return from;
    }
    let (len, mut pos) = (index.char_len(), from);
    while pos < len && pos - from < WORD_LIMIT {
        let n = next_cluster(text, index, pos);
        if !wordy(text, index, pos, n) {
            break;
        }
        pos = n;
    }
    pos
}

/// The caret and the selection after moving to `target` with `mv`.
///
/// Without Shift the selection goes; Left or Right with a selection only
/// collapses it to its start or end (as editors do). With Shift the
/// selection runs from its anchor (the caret when there is none) to
/// `target`, both ends on cluster boundaries; a word move that begins a
/// selection inside a word first takes that word's start (or end, going
/// left) as the anchor. An empty selection is none.
pub fn apply(
    text: &str,
    index: &TextIndex,
    selection: Option<Selection>,
    caret: usize,
    mv: CaretMove,
    target: usize,
    extend: bool,
) -> (Option<Selection>, usize) {
    let len = index.char_len();
    let target = cluster_start(text, index, target.min(len));
    let selection = selection.filter(|s| s.anchor != s.head);
    if !extend {
        let to = match (selection, mv) {
            (Some(s), CaretMove::Left) => s.range().start,
            (Some(s), CaretMove::Right) => s.range().end,
            _ => target,
        };
        return (None, to);
    }
    let anchor = match selection {
        Some(s) => s.anchor,
        None if matches!(mv, CaretMove::WordLeft | CaretMove::WordRight) => {
            if mv == CaretMove::WordRight {
                word_start_before(text, index, caret)
            } else {
                word_end_after(text, index, caret)
            }
        }
        None => caret.min(len),
    };
    let (anchor, head) = snap_selection(text, index, anchor, target);
    let sel = (anchor != head).then_some(Selection { anchor, head });
    (sel, head)
}

/// The char a vertical move aims at, as the view found it under the kept
/// x, moved onto a cluster boundary.
pub fn vertical_target(text: &str, index: &TextIndex, found: usize) -> usize {
    cluster_start(text, index, found.min(index.char_len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn off(text: &str, needle: &str) -> usize {
        text[..text.find(needle).expect("in text")].chars().count()
    }

    /// Runs `moves` (with or without Shift) from `caret` and returns the selected text.
    fn run(text: &str, caret: usize, moves: &[(CaretMove, bool)]) -> (String, usize) {
        let idx = TextIndex::new(text);
        let (mut sel, mut c) = (None, caret);
        for &(mv, extend) in moves {
            let head = sel.map_or(c, |s: Selection| s.head);
            let target = text_target(text, &idx, head, mv).expect("a text move");
            (sel, c) = apply(text, &idx, sel, c, mv, target, extend);
        }
        let s = sel
            .map(|s| idx.slice(text, s.range()).to_string())
            .unwrap_or_default();
        (s, c)
    }

    #[test]
    fn ctrl_shift_right_from_inside_says_selects_whole_words() {
        let t = "Ms Dick says it is safe.";
        let r = (CaretMove::WordRight, true);
        // A click into "says" (after the "s", or in its middle) ...
        for caret in [off(t, "ays"), off(t, "ys")] {
            assert_eq!(run(t, caret, &[r, r, r]).0, "says it is");
        }
        // ... and from its start.
        assert_eq!(run(t, off(t, "says"), &[r, r, r]).0, "says it is");
        // Going left from inside "safe": to its end, then whole words back.
        let l = (CaretMove::WordLeft, true);
        assert_eq!(run(t, off(t, "fe."), &[l, l]).0, "is safe");
    }

    #[test]
    fn plain_moves_step_clusters_and_collapse_a_selection() {
        let t = "a 👩\u{200d}👩\u{200d}👧 e\u{301} 中文";
        let idx = TextIndex::new(t);
        let fam = off(t, "👩");
        assert_eq!(text_target(t, &idx, fam, CaretMove::Right), Some(fam + 5));
        assert_eq!(text_target(t, &idx, fam + 5, CaretMove::Left), Some(fam));
        let e = off(t, "e\u{301}");
        assert_eq!(text_target(t, &idx, e, CaretMove::Right), Some(e + 2));
        assert_eq!(text_target(t, &idx, 3, CaretMove::DocEnd), Some(idx.char_len()));
        assert_eq!(text_target(t, &idx, 3, CaretMove::DocStart), Some(0));
        assert_eq!(text_target(t, &idx, 3, CaretMove::Up), None);
        // A selection: Left goes to its start, Right to its end, and it goes.
        let sel = Some(Selection { anchor: 7, head: 2 });
        assert_eq!(apply(t, &idx, sel, 2, CaretMove::Right, 3, false), (None, 7));
        assert_eq!(apply(t, &idx, sel, 2, CaretMove::Left, 0, false), (None, 2));
        assert_eq!(apply(t, &idx, sel, 2, CaretMove::DocEnd, 12, false).0, None);
    }

    #[test]
    fn shift_selects_from_the_anchor_with_emoji_cjk_and_marks() {
        let t = "x 😀中文 e\u{301}te y";
        let rt = (CaretMove::Right, true);
        let lt = (CaretMove::Left, true);
        let c = off(t, "😀");
        assert_eq!(run(t, c, &[rt]).0, "😀");
        assert_eq!(run(t, c, &[rt, rt, rt]).0, "😀中文");
        // Back over the anchor: the selection turns round it.
        assert_eq!(run(t, c + 1, &[lt, lt]).0, " 😀");
        assert_eq!(run(t, c, &[rt, lt]).0, "");
        let e = off(t, "e\u{301}");
        assert_eq!(run(t, e, &[rt]).0, "e\u{301}");
        // Shift+Ctrl+Right then Shift+Right goes on from the head.
        let w = (CaretMove::WordRight, true);
        assert_eq!(run(t, e, &[w, rt]).0, "e\u{301}te ");
        // A caret inside a cluster (a click may leave it there) widens first.
        let (s, caret) = run(t, e + 1, &[rt]);
        assert_eq!(s, "e\u{301}");
        assert_eq!(caret, e + 2);
    }

    #[test]
    fn word_bounds_and_inside() {
        let t = "one two, three";
        let idx = TextIndex::new(t);
        assert!(inside_word(t, &idx, 1));
        assert!(!inside_word(t, &idx, 3));
        assert!(!inside_word(t, &idx, 0));
        assert_eq!(word_start_before(t, &idx, 6), 4);
        assert_eq!(word_end_after(t, &idx, 5), 7);
        assert_eq!(word_start_before(t, &idx, 3), 3);
        assert_eq!(word_end_after(t, &idx, 8), 8);
        // From inside a cluster (a click can leave the caret there).
        let m = "ae\u{301}b c";
        let mi = TextIndex::new(m);
        assert_eq!(word_end_after(m, &mi, 2), 4);
        assert_eq!(word_start_before(m, &mi, 2), 0);
    }

    #[test]
    fn home_and_end_stay_on_the_row_and_skip_the_wrap_space() {
        let t = "the first row and the second";
        let idx = TextIndex::new(t);
        // Wrapped after "row " (chars 0..14), then "and the second".
        let first = Row {
            start: 0,
            end: 14,
            wrapped: true,
        };
        let second = Row {
            start: 14,
            end: 28,
            wrapped: false,
        };
        assert_eq!(line_target(t, &idx, first, CaretMove::LineStart), 0);
        assert_eq!(line_target(t, &idx, first, CaretMove::LineEnd), 13);
        assert_eq!(line_target(t, &idx, second, CaretMove::LineStart), 14);
        assert_eq!(line_target(t, &idx, second, CaretMove::LineEnd), 28);
        // A row of spaces only keeps its start.
        let blank = "    x";
        let bi = TextIndex::new(blank);
        let r = Row {
            start: 0,
            end: 4,
            wrapped: true,
        };
        assert_eq!(line_target(blank, &bi, r, CaretMove::LineEnd), 0);
    }

    #[test]
    fn vertical_targets_land_on_cluster_starts() {
        let t = "ab 🇩🇪 cd";
        let idx = TextIndex::new(t);
        assert_eq!(vertical_target(t, &idx, 4), 3);
        assert_eq!(vertical_target(t, &idx, 99), idx.char_len());
        assert!(CaretMove::PageDown.is_vertical() && CaretMove::PageDown.is_forward());
        assert!(!CaretMove::LineStart.is_vertical() && !CaretMove::LineStart.is_forward());
    }
}
