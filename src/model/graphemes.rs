//! Grapheme clusters: what a reader sees as one character.
//!
//! 👩‍👩‍👧 is five chars (three emoji joined by two ZWJs), 🇩🇪 is two regional
//! indicators, "é" may be "e" plus a combining accent. A span that starts or
//! ends inside such a cluster tags half a character, so every selection the
//! user makes (drag, word snapping, Shift+arrows) and every re-anchored
//! fragment lands on cluster boundaries (extended grapheme clusters, UAX #29).
//!
//! Offsets in and out are chars, like everywhere in the model; the text is
//! never segmented whole: a cursor looks at the few chars around an offset.

use unicode_segmentation::GraphemeCursor;

use super::text::{CharRange, TextIndex};

/// How far word stepping looks before it stops (the text may be a book).
const WORD_STEP_LIMIT: usize = 200;

/// Is char offset `at` a cluster boundary? The start and end of the text are.
pub fn is_cluster_boundary(text: &str, index: &TextIndex, at: usize) -> bool {
    if at == 0 || at >= index.char_len() {
        return true;
    }
    let b = index.char_to_byte(text, at);
    // The whole text is the chunk, so the cursor never asks for more context;
    // should it, calling the offset a boundary only keeps a span as it is.
    GraphemeCursor::new(b, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(true)
}

/// The first cluster boundary after `at` (the end of the text at the end).
pub fn next_cluster(text: &str, index: &TextIndex, at: usize) -> usize {
    let len = index.char_len();
    if at >= len {
        return len;
    }
    let b = index.char_to_byte(text, at);
    match GraphemeCursor::new(b, text.len(), true).next_boundary(text, 0) {
        Ok(Some(nb)) => index.byte_to_char(text, nb),
        Ok(None) => len,
        Err(_) => at + 1,
    }
}

/// The last cluster boundary before `at` (0 at the start).
pub fn prev_cluster(text: &str, index: &TextIndex, at: usize) -> usize {
    if at == 0 {
        return 0;
    }
    let at = at.min(index.char_len());
    let b = index.char_to_byte(text, at);
    match GraphemeCursor::new(b, text.len(), true).prev_boundary(text, 0) {
        Ok(Some(pb)) => index.byte_to_char(text, pb),
        Ok(None) => 0,
        Err(_) => at - 1,
    }
}

/// The start of the cluster `at` is in (`at` itself on a boundary).
pub fn cluster_start(text: &str, index: &TextIndex, at: usize) -> usize {
    if is_cluster_boundary(text, index, at) {
        at.min(index.char_len())
    } else {
        prev_cluster(text, index, at)
    }
}

/// The end of the cluster `at` is in (`at` itself on a boundary).
pub fn cluster_end(text: &str, index: &TextIndex, at: usize) -> usize {
    if is_cluster_boundary(text, index, at) {
        at.min(index.char_len())
    } else {
        next_cluster(text, index, at)
    }
}

/// The cluster that `at` falls strictly inside, if it splits one: where a
/// fragment boundary at `at` would cut a character in two.
pub fn cluster_split_at(text: &str, index: &TextIndex, at: usize) -> Option<CharRange> {
    (!is_cluster_boundary(text, index, at)).then(|| CharRange {
        start: prev_cluster(text, index, at),
        end: next_cluster(text, index, at),
    })
}

/// Widens `range` outward to whole clusters: the result contains `range`
/// and starts and ends on cluster boundaries.
pub fn snap_to_clusters(text: &str, index: &TextIndex, range: CharRange) -> CharRange {
    CharRange {
        start: cluster_start(text, index, range.start),
        end: cluster_end(text, index, range.end),
    }
}

/// Widens a directed selection (anchor, head) outward to whole clusters,
/// keeping its direction: the end that is further along moves forward.
pub fn snap_selection(text: &str, index: &TextIndex, anchor: usize, head: usize) -> (usize, usize) {
    let r = snap_to_clusters(text, index, CharRange::new(anchor, head));
    if head >= anchor {
        (r.start, r.end)
    } else {
        (r.end, r.start)
    }
}

/// One word left or right of `at` (Ctrl+Shift+arrows), cluster by cluster:
/// forward to the end of the next word, backward to the start of the
/// previous one. A cluster belongs to a word when it has a letter or digit,
/// so "é" as e + accent is one step, and the step never stops inside a
/// cluster. Gives up after about 200 chars, on a cluster boundary.
pub fn word_step(text: &str, index: &TextIndex, at: usize, forward: bool) -> usize {
    let step = |p: usize| {
        if forward {
            next_cluster(text, index, p)
        } else {
            prev_cluster(text, index, p)
        }
    };
    let wordy = |p: usize, q: usize| {
        let r = CharRange::new(p, q);
        index.slice(text, r).chars().any(char::is_alphanumeric)
    };
    let mut pos = cluster_start(text, index, at);
    if forward {
        pos = cluster_end(text, index, at);
    }
    let limit_hit = |p: usize| p.abs_diff(at) >= WORD_STEP_LIMIT;
    for want_word in [false, true] {
        loop {
            let next = step(pos);
            if next == pos || wordy(pos, next) != want_word || limit_hit(pos) {
                break;
            }
            pos = next;
        }
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(text: &str, a: usize, b: usize) -> String {
        let idx = TextIndex::new(text);
        idx.slice(text, snap_to_clusters(text, &idx, CharRange::new(a, b)))
            .to_string()
    }

    #[test]
    fn a_drag_over_part_of_a_zwj_family_or_a_flag_takes_the_whole() {
        let t = "a 👩\u{200d}👩\u{200d}👧 b 🇩🇪 c";
        // "a " is 2 chars, the family 5, " b " 3, the flag 2.
        assert_eq!(snap(t, 3, 5), "👩\u{200d}👩\u{200d}👧");
        assert_eq!(snap(t, 0, 4), "a 👩\u{200d}👩\u{200d}👧");
        assert_eq!(snap(t, 11, 11), "🇩🇪");
        assert_eq!(snap(t, 10, 11), "🇩🇪");
        assert_eq!(snap(t, 2, 7), "👩\u{200d}👩\u{200d}👧");
    }

    #[test]
    fn splits_are_found_with_their_cluster() {
        let t = "e\u{301}t 🇩🇪";
        let idx = TextIndex::new(t);
        assert_eq!(cluster_split_at(t, &idx, 1), Some(CharRange::new(0, 2)));
        assert_eq!(cluster_split_at(t, &idx, 2), None);
        assert_eq!(cluster_split_at(t, &idx, 5), Some(CharRange::new(4, 6)));
        assert_eq!(cluster_split_at(t, &idx, 6), None);
    }

    #[test]
    fn word_steps_take_combining_marks_and_emoji_whole() {
        let t = "ab e\u{301}le\u{300}ve 👩\u{200d}👧 cd";
        let idx = TextIndex::new(t);
        assert_eq!(word_step(t, &idx, 0, true), 2);
        assert_eq!(word_step(t, &idx, 2, true), 10);
        assert_eq!(word_step(t, &idx, 10, true), 17);
        assert_eq!(word_step(t, &idx, 17, false), 15);
        assert_eq!(word_step(t, &idx, 15, false), 3);
        assert_eq!(word_step(t, &idx, 5, false), 3);
    }
}
