//! Where a match is, as a reader finds it: line and column, and the line
//! around it.

use serde::Serialize;

use crate::model::{CharRange, TextIndex};

/// At most this many chars of context on each side of a match.
const CONTEXT_CHARS: usize = 40;

/// A match placed in its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Located {
    pub range: CharRange,
    /// 1-based line; a line ends at `\n`.
    pub line: usize,
    /// 1-based column, in chars.
    pub column: usize,
    /// The line's text before the match (up to 40 chars, "…" when cut).
    pub before: String,
    /// The matched text.
    pub text: String,
    /// The line's text after the match (up to 40 chars, "…" when cut).
    pub after: String,
}

/// A walk through a text that only goes forward: the char and byte
/// offset reached, its line and where that line starts.
#[derive(Clone, Copy, Default)]
struct Walk {
    chars: usize,
    byte: usize,
    line: usize,
    line_byte: usize,
    line_char: usize,
}

impl Walk {
    fn to(&mut self, text: &str, target: usize) {
        for (i, c) in text[self.byte..].char_indices() {
            if self.chars == target {
                self.byte += i;
                return;
            }
            self.chars += 1;
            if c == '\n' {
                self.line += 1;
                self.line_byte = self.byte + i + 1;
                self.line_char = self.chars;
            }
        }
        self.byte = text.len();
    }
}

/// Places each of `matches` (in text order, as [`super::find_in`] gives
/// them) in `text`, with one walk over the text.
pub fn locate(text: &str, matches: &[CharRange]) -> Vec<Located> {
    let start = Walk {
        line: 1,
        ..Walk::default()
    };
    let mut walk = start;
    let mut out = Vec::with_capacity(matches.len());
    for &r in matches {
        if r.start < walk.chars {
            // Not in order: place it from the start (never wrong, only slower).
            walk = start;
        }
        walk.to(text, r.start);
        let s_byte = walk.byte;
        let end_byte = nth_byte(text, s_byte, r.end.saturating_sub(r.start));
        let line_end = text[end_byte..].find('\n').map_or(text.len(), |i| end_byte + i);
        out.push(Located {
            range: r,
            line: walk.line,
            column: r.start.min(walk.chars) - walk.line_char + 1,
            before: tail(&text[walk.line_byte..s_byte]),
            text: text[s_byte..end_byte].to_string(),
            after: head(&text[end_byte..line_end]),
        });
    }
    out
}

/// The byte offset `n` chars after byte `from`.
fn nth_byte(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

fn tail(s: &str) -> String {
    let n = s.chars().count();
    if n <= CONTEXT_CHARS {
        return s.to_string();
    }
    let skip = s.char_indices().nth(n - CONTEXT_CHARS).map_or(0, |(i, _)| i);
    format!("…{}", &s[skip..])
}

fn head(s: &str) -> String {
    match s.char_indices().nth(CONTEXT_CHARS) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A match's line of context without its line number, found from the
/// text's index (no walk from the start): for showing a few rows of a long
/// list, e.g. the window's list of hits.
pub fn snippet(text: &str, index: &TextIndex, range: CharRange) -> (String, String, String) {
    let s = index.char_to_byte(text, range.start);
    let e = index.char_to_byte(text, range.end.max(range.start));
    // Look back and ahead a bounded number of bytes only (a line may be a book).
    let mut from = s.saturating_sub(CONTEXT_CHARS * 4);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (e + CONTEXT_CHARS * 4).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let line_from = text[from..s].rfind('\n').map_or(from, |i| from + i + 1);
    let line_to = text[e..to].find('\n').map_or(to, |i| e + i);
    (
        tail(&text[line_from..s]),
        text[s..e].to_string(),
        head(&text[e..line_to]),
    )
}
