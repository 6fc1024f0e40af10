//! Finding one text's matches, as char ranges.

use super::query::Finder;
use super::words::{is_cluster_boundary, is_whole_word};
use crate::model::CharRange;

/// One text's matches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// In text order, non-overlapping, never empty, never cutting a cluster.
    pub matches: Vec<CharRange>,
    /// There were more than [`Finder::limit`]; the first ones are listed.
    pub capped: bool,
    /// Matches of no text that were skipped (a pattern like `a*` or `\b`).
    pub empty_skipped: usize,
}

/// Turns increasing byte offsets into char offsets with one walk over the
/// text: each call counts only the chars since the previous one.
pub(super) struct ByteToChar<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> ByteToChar<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// The char offset of byte `b` (a char boundary, not before the last one asked).
    pub(super) fn char_of(&mut self, b: usize) -> usize {
        if self.ascii {
            return b;
        }
        debug_assert!(b >= self.byte, "offsets must not go back");
        if b > self.byte {
            self.chars += self.text[self.byte..b].chars().count();
            self.byte = b;
        }
        self.chars
    }
}

/// The matches of `finder` in `text`: see [`Found`]. Work is linear in the
/// text (the `regex` crate never backtracks) and stops at the limit.
pub fn find_in(text: &str, finder: &Finder) -> Found {
    let mut found = Found::default();
    let mut to_char = ByteToChar::new(text);
    for m in finder.regex.find_iter(text) {
        if m.is_empty() {
            found.empty_skipped += 1;
            continue;
        }
        let (s, e) = (m.start(), m.end());
        let fits = if finder.whole_words {
            is_whole_word(text, s, e)
        } else {
            is_cluster_boundary(text, s) && is_cluster_boundary(text, e)
        };
        if !fits {
            continue;
        }
        if found.matches.len() == finder.limit {
            found.capped = true;
            break;
        }
        let start = to_char.char_of(s);
        let end = to_char.char_of(e);
        found.matches.push(CharRange { start, end });
    }
    found
}
