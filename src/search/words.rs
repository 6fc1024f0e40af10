//! Where a match may start and end: never inside a grapheme cluster, and
//! for "whole words" only where a word starts or ends.
//!
//! A word is a run of clusters whose first char is alphanumeric (or `_`):
//! combining marks ride on their letter (they are inside its cluster), an
//! emoji or a flag is no word char, and an apostrophe ends a word, so
//! "Dick" is found in "Dick's" as an editor's whole-word search finds it.
//! Han ideographs and kana are words of one cluster each, as Unicode's
//! word boundaries (UAX #29) treat them: Chinese and Japanese put no
//! spaces between words, so "文" is a whole word in "中文".
//!
//! Offsets here are bytes of the text: this is the inner loop of a search,
//! run before the matches become char ranges. Each check looks at the one
//! or two clusters around an offset, never the whole text.

use unicode_segmentation::GraphemeCursor;

/// Is byte `b` (a char boundary) a grapheme cluster boundary of `text`?
pub(super) fn is_cluster_boundary(text: &str, b: usize) -> bool {
    if b == 0 || b >= text.len() {
        return true;
    }
    // The whole text is the chunk, so the cursor never asks for context.
    GraphemeCursor::new(b, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(true)
}

/// The first char of the cluster that ends at byte `b` (a cluster boundary).
fn cluster_before(text: &str, b: usize) -> Option<char> {
    if b == 0 {
        return None;
    }
    let start = match GraphemeCursor::new(b, text.len(), true).prev_boundary(text, 0) {
        Ok(Some(p)) => p,
        _ => text[..b].char_indices().next_back().map_or(0, |(i, _)| i),
    };
    text[start..].chars().next()
}

/// The first char of the cluster that starts at byte `b`.
fn cluster_at(text: &str, b: usize) -> Option<char> {
    text.get(b..)?.chars().next()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Han ideographs, hiragana and katakana: each cluster is a word.
fn is_ideographic(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x3134F) // extensions B-G
}

/// Is byte `b` a word boundary: a cluster boundary with no word running
/// across it?
fn is_word_boundary(text: &str, b: usize) -> bool {
    if !is_cluster_boundary(text, b) {
        return false;
    }
    match (cluster_before(text, b), cluster_at(text, b)) {
        (Some(before), Some(after)) => {
            !(is_word_char(before) && is_word_char(after)) || is_ideographic(before) || is_ideographic(after)
        }
        _ => true,
    }
}

/// Does the match at bytes `[start, end)` of `text` cover whole words:
/// does it start and end at word boundaries?
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    is_word_boundary(text, start) && is_word_boundary(text, end)
}
