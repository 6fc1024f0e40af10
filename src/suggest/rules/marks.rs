//! Pairing quotation marks, paragraph by paragraph.
//!
//! Every style: curly double (“…”) and single (‘…’), straight `"`, two
//! apostrophes `''` (the NYT's double quote), guillemets («…», ‹…›) and
//! low-high („…“). An apostrophe inside or at the end of a word (don't,
//! Trump's, '90s) is not a mark. Single marks inside a double quote are a
//! quote within the quote and stay part of it. A double quote still open
//! at a paragraph's end gives a piece marked `open_end`; joining it to the
//! next paragraph's piece is [`super::direct`]'s work.

use super::words::is_word_char;
use crate::model::CharRange;

/// Whether `c` can be a quotation mark.
pub(crate) fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '‹' | '›' | '‘' | '’' | '\'' | '‚' | '`'
    )
}

/// Double or single marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Double,
    Single,
}

/// A quoted stretch inside one paragraph, marks included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub range: CharRange,
    /// Index of its paragraph in [`paragraphs`]' list.
    pub para: usize,
    pub style: Style,
    /// Still open at the paragraph's end (no closing mark).
    pub open_end: bool,
    /// Its opening mark is the paragraph's first non-space char.
    pub at_para_start: bool,
    /// Its closing mark is the paragraph's last non-space char.
    pub at_para_end: bool,
}

/// The paragraphs (lines) of a text, without their line break; blank ones
/// included so that indices are stable.
pub(crate) fn paragraphs(c: &[char]) -> Vec<CharRange> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &ch) in c.iter().enumerate() {
        if ch == '\n' {
            out.push(CharRange { start, end: i });
            start = i + 1;
        }
    }
    out.push(CharRange { start, end: c.len() });
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

/// What the char at `i` is as a mark: (role, style, length in chars).
fn classify(c: &[char], i: usize, para: CharRange) -> Option<(Role, Style, usize)> {
    let prev = (i > para.start).then(|| c[i - 1]);
    let next = (i + 1 < para.end).then(|| c[i + 1]);
    let word_before = prev.is_some_and(is_word_char);
    let word_after = next.is_some_and(is_word_char);
    match c[i] {
        // A mark typed the wrong way round: “ glued to the end of a word
        // closes, ” glued to the start of one opens.
        '“' if prev.is_some_and(|p| !p.is_whitespace() && !matches!(p, '(' | '[' | '—' | '–'))
            && next.is_none_or(|n| n.is_whitespace() || matches!(n, ',' | '.' | ';' | ':')) =>
        {
            Some((Role::Close, Style::Double, 1))
        }
        '”' if prev.is_none_or(char::is_whitespace) && word_after => Some((Role::Open, Style::Double, 1)),
        '“' | '„' | '«' | '‟' => Some((Role::Open, Style::Double, 1)),
        '”' | '»' => Some((Role::Close, Style::Double, 1)),
        // Three apostrophes close a single quote inside a double one, then the double.
        '\'' if next == Some('\'') && i + 2 < para.end && c[i + 2] == '\'' => {
            Some((Role::Close, Style::Single, 1))
        }
        '"' => Some((Role::Either, Style::Double, 1)),
        '\'' if next == Some('\'') => Some((Role::Either, Style::Double, 2)),
        '`' if next == Some('`') => Some((Role::Open, Style::Double, 2)),
        '‘' | '‹' | '‚' if !word_before => Some((Role::Open, Style::Single, 1)),
        '›' => Some((Role::Close, Style::Single, 1)),
        '’' | '\'' => {
            let year =
                next.is_some_and(|n| n.is_ascii_digit()) && c.get(i + 2).is_some_and(|n| n.is_ascii_digit());
            if word_before && word_after {
                None // don't, Trump's
            } else if !word_before && word_after && !year && c[i] == '\'' {
                Some((Role::Open, Style::Single, 1))
            } else if !word_after && prev.is_some_and(|p| !p.is_whitespace()) {
                Some((Role::Close, Style::Single, 1))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Last non-space char offset + 1 in `[start, end)`, or `start`.
pub(crate) fn trim_end(c: &[char], start: usize, end: usize) -> usize {
    let mut e = end;
    while e > start && c[e - 1].is_whitespace() {
        e -= 1;
    }
    e
}

/// First non-space char offset in `[start, end)`, or `end`.
pub(crate) fn trim_start(c: &[char], start: usize, end: usize) -> usize {
    let mut s = start;
    while s < end && c[s].is_whitespace() {
        s += 1;
    }
    s
}

/// Every quoted piece of `c`, in text order.
pub(crate) fn pieces(c: &[char], paras: &[CharRange]) -> Vec<Piece> {
    let mut out = Vec::new();
    for (p, &para) in paras.iter().enumerate() {
        pair_in(c, p, para, &mut out);
    }
    out
}

fn pair_in(c: &[char], p: usize, para: CharRange, out: &mut Vec<Piece>) {
    let first = trim_start(c, para.start, para.end);
    let last = trim_end(c, para.start, para.end);
    let piece = |start: usize, end: usize, style: Style, open_end: bool| Piece {
        range: CharRange { start, end },
        para: p,
        style,
        open_end,
        at_para_start: start == first,
        at_para_end: end == last,
    };
    let mut double: Option<usize> = None;
    let mut single: Option<usize> = None;
    let mut i = para.start;
    while i < para.end {
        let Some((role, style, len)) = classify(c, i, para) else {
            i += 1;
            continue;
        };
        match (style, double) {
            // An attribute in pasted markup (tweet-id="…") is no quote.
            (Style::Double, None) if i > para.start && c[i - 1] == '=' => {
                i = skip_attribute(c, i + len, para.end);
                continue;
            }
            (Style::Double, None) if role != Role::Close => {
                double = Some(i);
                single = None;
            }
            (Style::Double, Some(o)) if role != Role::Open => {
                out.push(piece(o, i + len, Style::Double, false));
                double = None;
            }
            (Style::Double, Some(o)) => {
                // A second opener: the first quote was never closed.
                let end = trim_end(c, o, i);
                if end > o + 1 {
                    out.push(piece(o, end, Style::Double, true));
                }
                double = Some(i);
            }
            (Style::Single, None) => match (role, single) {
                (Role::Open, None) => single = Some(i),
                (Role::Close, Some(o)) if i > o + 1 => {
                    out.push(piece(o, i + len, Style::Single, false));
                    single = None;
                }
                _ => {}
            },
            _ => {}
        }
        i += len;
    }
    if let Some(o) = double {
        let end = trim_end(c, o, para.end);
        if end > o + 1 {
            out.push(piece(o, end, Style::Double, true));
        }
    }
}

/// Just past the mark that closes an attribute value opened before `from`.
fn skip_attribute(c: &[char], from: usize, end: usize) -> usize {
    (from..end)
        .find(|&i| matches!(c[i], '"' | '”'))
        .map_or(end, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(s: &str) -> Vec<String> {
        let c: Vec<char> = s.chars().collect();
        pieces(&c, &paragraphs(&c))
            .iter()
            .map(|p| c[p.range.start..p.range.end].iter().collect())
            .collect()
    }

    #[test]
    fn every_style_pairs() {
        assert_eq!(quoted("He said “yes.” Then"), ["“yes.”"]);
        assert_eq!(quoted("He said \"yes.\" Then"), ["\"yes.\""]);
        assert_eq!(quoted("''We won,'' he said."), ["''We won,''"]);
        assert_eq!(quoted("Il dit « non » hier"), ["« non »"]);
        assert_eq!(quoted("She said ‘never’ twice"), ["‘never’"]);
        assert_eq!(quoted("She said 'never' twice"), ["'never'"]);
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert!(quoted("Trump's plan, don't ask, the '90s, voters’ views").is_empty());
        assert_eq!(
            quoted("“Trump’s plan isn’t ‘great,’ it’s bad,” he said."),
            ["“Trump’s plan isn’t ‘great,’ it’s bad,”"]
        );
    }

    #[test]
    fn open_at_paragraph_end_is_marked() {
        let s = "“First part.\n\n“Second part,” she said.";
        let c: Vec<char> = s.chars().collect();
        let ps = pieces(&c, &paragraphs(&c));
        assert_eq!(ps.len(), 2);
        assert!(ps[0].open_end && ps[0].at_para_start);
        assert!(!ps[1].open_end && ps[1].at_para_start);
    }

    #[test]
    fn unbalanced_marks_do_not_panic() {
        for s in ["”", "“", "''", "'", "\"", "“a “b", "a” b” c", "’", "‘", "``"] {
            let _ = quoted(s);
        }
    }
}
