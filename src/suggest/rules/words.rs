//! Words and punctuation of a text as char ranges, for the frame rules.
//!
//! A light scanner kept beside the rules (they need to step word by word
//! around a quote mark, and to know where a sentence ends); it never fails
//! and counts chars, so any text (emoji, CJK, combining marks, right-to-left
//! scripts) is safe.

use super::marks::is_quote_char;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters and digits, with inner apostrophes, hyphens and dots
    /// ("don't", "U.S", "3.5") and the dot of a known abbreviation ("Mr.").
    Word,
    /// One punctuation char (quote marks included).
    Punct,
    /// A line break: paragraphs end here.
    Break,
}

/// One token: `[start, end)` in chars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Abbreviations whose dot does not end a sentence (lower case, no dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "gov", "rep", "reps", "sens", "jr", "sr", "st", "lt", "gen", "col",
    "sgt", "capt", "prof", "rev", "hon", "u.s", "u.k", "d.c", "u.n", "inc", "co", "corp", "ltd", "vs", "no",
    "mt", "ft", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "adm", "maj", "gov", "pres", "supt",
    "insp", "det", "cmdr", "messrs", "a.m", "p.m", "e.g", "i.e", "etc",
];

/// Chars that belong to a word: letters, digits and combining marks.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// The common combining-mark blocks (std has no Unicode category tables).
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x200D | 0xFE0F)
}

/// Joiners that may sit inside a word between two word chars.
fn is_inner_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '.' | '&')
}

/// Every token of `c`, in order.
pub(crate) fn tokenize(c: &[char]) -> Vec<Tok> {
    let n = c.len();
    let mut out = Vec::with_capacity(n / 5 + 1);
    let mut i = 0;
    while i < n {
        let ch = c[i];
        if ch == '\n' {
            out.push(Tok {
                start: i,
                end: i + 1,
                kind: Kind::Break,
            });
            i += 1;
            continue;
        }
        if ch.is_whitespace() {
            i += 1;
            continue;
        }
        // '90s: an apostrophe before a year's digits is part of the word.
        let year = matches!(ch, '\'' | '’')
            && i + 2 < n
            && c[i + 1].is_ascii_digit()
            && c[i + 2].is_ascii_digit()
            && (i == 0 || !is_word_char(c[i - 1]));
        if is_word_char(ch) || year {
            let start = i;
            i += 1;
            while i < n {
                if is_word_char(c[i]) {
                    i += 1;
                } else if is_inner_joiner(c[i])
                    && i + 1 < n
                    && is_word_char(c[i + 1])
                    // two apostrophes are a quote mark, never inside a word
                    && !(c[i] == '\'' && i > 0 && c[i - 1] == '\'')
                {
                    i += 2;
                } else {
                    break;
                }
            }
            let closes_bracket = i + 1 < n && matches!(c[i + 1], ')' | ',');
            if i < n
                && c[i] == '.'
                && (is_abbreviation(&c[start..i]) || (closes_bracket && is_party_state(&c[start..i])))
            {
                i += 1;
            }
            // The plural possessive: "Sanders’ campaign manager".
            if i + 2 < n
                && matches!(c[i], '’' | '\'')
                && matches!(c[i - 1], 's' | 'S')
                && c[i + 1] == ' '
                && c[i + 2].is_alphabetic()
            {
                i += 1;
            }
            out.push(Tok {
                start,
                end: i,
                kind: Kind::Word,
            });
            continue;
        }
        out.push(Tok {
            start: i,
            end: i + 1,
            kind: Kind::Punct,
        });
        i += 1;
    }
    out
}

/// Whether `w` (without its dot) is an abbreviation or an initial.
/// A party and state after a politician's name (`D-Ill`, `R-N.Y`), whose
/// period before a bracket or comma ends no sentence.
fn is_party_state(w: &[char]) -> bool {
    w.len() >= 3 && w.len() <= 8 && matches!(w[0], 'D' | 'R' | 'I') && w[1] == '-' && w[2].is_uppercase()
}

fn is_abbreviation(w: &[char]) -> bool {
    if w.len() == 1 {
        return w[0].is_uppercase();
    }
    if w.len() > 6 {
        return false;
    }
    let lower: String = w.iter().flat_map(|c| c.to_lowercase()).collect();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Whether a token ends a sentence: `.`, `!`, `?`, `;`, or a break.
pub(crate) fn ends_sentence(c: &[char], t: &Tok) -> bool {
    match t.kind {
        Kind::Break => true,
        Kind::Punct => matches!(c[t.start], '.' | '!' | '?' | ';' | '…'),
        Kind::Word => false,
    }
}

/// The token's text, lower-cased.
pub(crate) fn lower(c: &[char], t: &Tok) -> String {
    c[t.start..t.end].iter().flat_map(|c| c.to_lowercase()).collect()
}

/// Whether the token is a word starting with a capital letter.
pub(crate) fn is_capitalized(c: &[char], t: &Tok) -> bool {
    t.kind == Kind::Word && c[t.start].is_uppercase()
}

/// Whether the token is this punctuation char.
pub(crate) fn is_punct(c: &[char], t: &Tok, p: char) -> bool {
    t.kind == Kind::Punct && c[t.start] == p
}

/// Whether the token is a quote mark (of any style).
pub(crate) fn is_quote_tok(c: &[char], t: &Tok) -> bool {
    t.kind == Kind::Punct && is_quote_char(c[t.start])
}

/// Index of the first token starting at or after `pos`.
pub(crate) fn first_at_or_after(toks: &[Tok], pos: usize) -> usize {
    toks.partition_point(|t| t.start < pos)
}

/// Index one past the last token ending at or before `pos`.
pub(crate) fn end_before(toks: &[Tok], pos: usize) -> usize {
    toks.partition_point(|t| t.end <= pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        let c: Vec<char> = s.chars().collect();
        tokenize(&c)
            .iter()
            .map(|t| c[t.start..t.end].iter().collect())
            .collect()
    }

    #[test]
    fn apostrophes_abbreviations_and_years_stay_in_words() {
        assert_eq!(
            words("Mr. Trump's don't U.S. '90s"),
            ["Mr.", "Trump's", "don't", "U.S.", "'90s"]
        );
        assert_eq!(words("''No,'' he"), ["'", "'", "No", ",", "'", "'", "he"]);
    }

    #[test]
    fn offsets_are_chars_in_any_script() {
        let s = "😀 日本語 é́ שלום.";
        let c: Vec<char> = s.chars().collect();
        let t = tokenize(&c);
        assert_eq!(words(s), ["😀", "日本語", "é́", "שלום", "."]);
        assert_eq!((t[1].start, t[1].end), (2, 5));
    }
}
