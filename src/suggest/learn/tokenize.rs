//! The model's own tokens: words (with inner apostrophes and hyphens),
//! numbers, quote marks (`''` and ``` `` ``` as one double mark) and single
//! punctuation, each with its char range; paragraphs split at line breaks.
//!
//! Kept here rather than shared so that the model's features stay exactly
//! those it was trained with, whatever the rules' tokenizer becomes.

use crate::model::CharRange;

/// What kind of token: decides shape and quote-state features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    /// A double quote mark (straight, curly, `''`, guillemet); `open` is a
    /// guess from the mark itself or, for straight marks, the state.
    Quote,
    /// A single quote mark not inside a word.
    SingleQuote,
    Punct,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub range: CharRange,
    pub text: String,
    pub kind: TokKind,
}

/// A paragraph's tokens (one training or tagging sequence).
#[derive(Clone, Debug, Default)]
pub struct Paragraph {
    pub tokens: Vec<Token>,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_double_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‟')
}

fn is_single_mark(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‹' | '›' | '`')
}

/// Splits `text` into paragraphs of tokens. Never panics; any text.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = Paragraph::default();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_alphanumeric() {
            let mut digits = true;
            while i < chars.len() {
                let d = chars[i];
                let joins = (is_apostrophe(d) || d == '-' || d == '.' || d == ',')
                    && i + 1 < chars.len()
                    && chars[i + 1].is_alphanumeric()
                    && i > start
                    // "3.5", "1,000", "don't", "well-known"; not "end.Next"
                    && (d == '-' || is_apostrophe(d) || (digits && chars[i + 1].is_ascii_digit()));
                if d.is_alphanumeric() || is_mark(d) {
                    digits &= d.is_ascii_digit();
                    i += 1;
                } else if joins {
                    i += 1;
                } else {
                    break;
                }
            }
            kind = if digits { TokKind::Number } else { TokKind::Word };
        } else if (c == '\'' && chars.get(i + 1) == Some(&'\''))
            || (c == '`' && chars.get(i + 1) == Some(&'`'))
        {
            i += 2;
            kind = TokKind::Quote;
        } else if is_double_mark(c) {
            i += 1;
            kind = TokKind::Quote;
        } else if is_single_mark(c) {
            i += 1;
            kind = TokKind::SingleQuote;
        } else {
            i += 1;
            // Runs of the same punctuation ("...", "--") are one token.
            while i < chars.len() && chars[i] == c && !c.is_alphanumeric() {
                i += 1;
            }
            kind = TokKind::Punct;
        }
        cur.tokens.push(Token {
            range: CharRange { start, end: i },
            text: chars[start..i].iter().collect(),
            kind,
        });
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

/// The tokens that overlap `r`, paragraph by paragraph: `(paragraph,
/// first, last)`, `last` included. Found by binary search (paragraphs and
/// their tokens are in text order); nothing for an empty range.
pub fn covered(pars: &[Paragraph], r: CharRange) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    if r.is_empty() {
        return out;
    }
    let from = pars.partition_point(|p| p.tokens.last().is_none_or(|t| t.range.end <= r.start));
    for (pi, par) in pars.iter().enumerate().skip(from) {
        if par.tokens.first().is_none_or(|t| t.range.start >= r.end) {
            break;
        }
        let first = par.tokens.partition_point(|t| t.range.end <= r.start);
        let end = par.tokens.partition_point(|t| t.range.start < r.end);
        if first < end {
            out.push((pi, first, end - 1));
        }
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<Vec<String>> {
        paragraphs(s)
            .into_iter()
            .map(|p| p.tokens.into_iter().map(|t| t.text).collect())
            .collect()
    }

    #[test]
    fn words_marks_and_paragraphs() {
        let t = texts("''We don't know,'' she said.\n\n“Yes” — 3.5 per cent");
        assert_eq!(t[0], ["''", "We", "don't", "know", ",", "''", "she", "said", "."]);
        assert_eq!(t[1], ["“", "Yes", "”", "—", "3.5", "per", "cent"]);
    }

    #[test]
    fn the_tokens_a_range_covers_paragraph_by_paragraph() {
        let pars = paragraphs("Ann said no.\nBob agreed.");
        let r = |start, end| CharRange { start, end };
        // "said no" inside the first paragraph.
        assert_eq!(covered(&pars, r(4, 11)), vec![(0, 1, 2)]);
        // Part of a token counts; a range over the break covers both.
        assert_eq!(covered(&pars, r(5, 6)), vec![(0, 1, 1)]);
        assert_eq!(covered(&pars, r(9, 16)), vec![(0, 2, 3), (1, 0, 0)]);
        // Empty, between tokens, past the end: nothing.
        assert!(covered(&pars, r(4, 4)).is_empty());
        assert!(covered(&pars, r(3, 4)).is_empty());
        assert!(covered(&pars, r(40, 50)).is_empty());
        assert!(covered(&[], r(0, 5)).is_empty());
    }

    #[test]
    fn offsets_are_chars() {
        let s = "😀 “日本語,” é́ said";
        for p in paragraphs(s) {
            for t in p.tokens {
                let covered: String = s.chars().skip(t.range.start).take(t.range.len()).collect();
                assert_eq!(covered, t.text);
            }
        }
    }
}
