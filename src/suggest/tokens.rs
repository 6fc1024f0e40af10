//! Tokens, paragraphs and sentences of an article, with char offsets.
//!
//! One pass over the text. Words keep their inner apostrophes and hyphens
//! ("don't", "Trump's", "well-known"), numbers their inner separators
//! ("39,000", "3.5"), dotted abbreviations their dots ("U.S."). Every other
//! visible character is a token of its own, except two apostrophes in a row
//! (`''`), which some outlets write for a double quote mark and which is one
//! token. Offsets are chars (Unicode scalar values), half-open; each token
//! also keeps its byte range so that its text costs nothing.

use crate::model::CharRange;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (and marks), with inner apostrophes, hyphens or dots.
    Word,
    /// Digits, with inner `,` `.` or `:`.
    Number,
    /// A quotation mark (or an apostrophe that may be one): `"` `“` `”`
    /// `‘` `’` `'` `''` `«` `»` `‹` `›` `„` `‚`.
    Quote,
    /// Any other visible character.
    Punct,
}

/// One token: its kind and where it is, in chars and in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    /// A line break (one or more) lies between the previous token and this one.
    pub after_newline: bool,
    /// A paragraph break (an empty line, or a line break when the text has
    /// no empty lines) lies between the previous token and this one.
    pub starts_paragraph: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.byte_start..self.byte_end).unwrap_or("")
    }
    pub fn range(&self) -> CharRange {
        CharRange {
            start: self.start,
            end: self.end,
        }
    }
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// Whether `c` can be a quotation mark (apostrophes included: whether one
/// is a quote is for the pairing to decide).
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '‹' | '›' | '„' | '‚' | '‟' | '‛'
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks (accents typed as separate code points) belong to the
/// word they follow.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
        || matches!(c, '\u{200D}' | '\u{FE0F}')
}

/// A tokenised text: the tokens, and the paragraphs and sentences as token
/// index ranges.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    /// Token index ranges `[start, end)` of paragraphs, in order.
    pub paragraphs: Vec<(usize, usize)>,
    /// Token index ranges `[start, end)` of sentences, in order; a sentence
    /// never crosses a paragraph break.
    pub sentences: Vec<(usize, usize)>,
}

impl Tokens {
    /// Tokenises `text`. Never panics; linear in the text's length.
    pub fn new(text: &str) -> Self {
        let tokens = tokenize(text);
        let paragraphs = paragraphs(&tokens, text);
        let sentences = sentences(&tokens, &paragraphs, text);
        Self {
            tokens,
            paragraphs,
            sentences,
        }
    }

    /// The index of the first token that ends after char `offset` (the
    /// token holding it, or the next one).
    pub fn at_char(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= offset)
    }

    /// The sentence (index into `sentences`) holding token `i`.
    pub fn sentence_of(&self, i: usize) -> Option<usize> {
        let s = self.sentences.partition_point(|&(_, end)| end <= i);
        (s < self.sentences.len() && self.sentences[s].0 <= i).then_some(s)
    }

    /// The paragraph (index into `paragraphs`) holding token `i`.
    pub fn paragraph_of(&self, i: usize) -> Option<usize> {
        let p = self.paragraphs.partition_point(|&(_, end)| end <= i);
        (p < self.paragraphs.len() && self.paragraphs[p].0 <= i).then_some(p)
    }
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut out = Vec::with_capacity(n / 5);
    let mut i = 0;
    let mut newlines = 0usize;
    let mut blank_line = false;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
                if newlines >= 2 {
                    blank_line = true;
                }
            }
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_numeric() {
            kind = TokenKind::Number;
            i += 1;
            while i < n {
                let d = chars[i].1;
                let next_digit = i + 1 < n && chars[i + 1].1.is_numeric();
                if d.is_numeric() || (matches!(d, ',' | '.' | ':') && next_digit) {
                    i += 1;
                } else {
                    break;
                }
            }
            // "1990s", "3rd": letters glued to a number make a word.
            if i < n && chars[i].1.is_alphabetic() {
                while i < n && is_word_char(chars[i].1) {
                    i += 1;
                }
            }
        } else if is_word_char(c) {
            kind = TokenKind::Word;
            i += 1;
            while i < n {
                let d = chars[i].1;
                let next_word = i + 1 < n && is_word_char(chars[i + 1].1);
                let inner = matches!(d, '\'' | '’' | '-' | '‐' | '.') && next_word;
                // "U.S." keeps its dots: a dot between single letters.
                let dotted = d == '.' && i >= 1 && i + 2 <= n && {
                    let single_before = i < 2 || !is_word_char(chars[i - 2].1);
                    single_before && chars[i - 1].1.is_alphabetic()
                };
                if is_word_char(d) || (inner && (d != '.' || dotted)) {
                    i += 1;
                } else if d == '.' && dotted {
                    // The final dot of "U.S." (no letter follows).
                    i += 1;
                    break;
                } else {
                    break;
                }
            }
        } else if c == '\'' && i + 1 < n && chars[i + 1].1 == '\'' {
            kind = TokenKind::Quote;
            i += 2;
        } else {
            kind = if is_quote_char(c) {
                TokenKind::Quote
            } else {
                TokenKind::Punct
            };
            i += 1;
        }
        out.push(Token {
            kind,
            start,
            end: i,
            byte_start: byte_at(start),
            byte_end: byte_at(i),
            after_newline: newlines > 0,
            starts_paragraph: blank_line,
        });
        newlines = 0;
        blank_line = false;
    }
    out
}

/// Paragraph breaks: empty lines; in a text without any, every line break.
fn paragraphs(tokens: &[Token], _text: &str) -> Vec<(usize, usize)> {
    let any_blank = tokens.iter().any(|t| t.starts_paragraph);
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        let brk = if any_blank {
            t.starts_paragraph
        } else {
            t.after_newline
        };
        if brk && i > start {
            out.push((start, i));
            start = i;
        }
    }
    if start < tokens.len() {
        out.push((start, tokens.len()));
    }
    out
}

/// Words after which a dot does not end a sentence (lower-cased, no dot).
const NO_STOP_AFTER: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "st", "jr",
    "sr", "rev", "hon", "pres", "vs", "no", "inc", "corp", "co", "ltd", "dept", "jan", "feb", "mar", "apr",
    "aug", "sept", "sep", "oct", "nov", "dec", "mt", "ft", "sen", "supt", "insp", "det", "cmdr", "adm",
    "maj", "cpl", "pvt", "e.g", "i.e", "etc", "approx", "est",
];

fn sentences(tokens: &[Token], paragraphs: &[(usize, usize)], text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(p_start, p_end) in paragraphs {
        let mut start = p_start;
        let mut i = p_start;
        while i < p_end {
            let t = &tokens[i];
            let s = t.text(text);
            let is_stop = matches!(s, "." | "!" | "?" | "…") && !stop_is_abbreviation(tokens, i, text);
            if is_stop {
                // Closing quote marks and brackets right after the stop belong to it.
                let mut end = i + 1;
                while end < p_end
                    && matches!(tokens[end].kind, TokenKind::Quote | TokenKind::Punct)
                    && matches!(
                        tokens[end].text(text),
                        "”" | "’" | "\"" | "''" | "'" | "»" | "›" | ")" | "]"
                    )
                    && tokens[end].start == tokens[end - 1].end
                {
                    end += 1;
                }
                // A sentence ends only where the next word does not go on in lower case.
                let next_lower = tokens
                    .get(end)
                    .filter(|_| end < p_end)
                    .and_then(|n| n.text(text).chars().next())
                    .is_some_and(|c| c.is_lowercase());
                if !next_lower || s != "." {
                    out.push((start, end));
                    start = end;
                }
                i = end;
                continue;
            }
            i += 1;
        }
        if start < p_end {
            out.push((start, p_end));
        }
    }
    out
}

/// A dot right after a known abbreviation or a single capital ("J. Smith").
fn stop_is_abbreviation(tokens: &[Token], i: usize, text: &str) -> bool {
    if tokens[i].text(text) != "." || i == 0 {
        return false;
    }
    let prev = &tokens[i - 1];
    if prev.end != tokens[i].start || prev.kind != TokenKind::Word {
        return false;
    }
    let w = prev.text(text);
    let single_capital = {
        let mut cs = w.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
    };
    single_capital || NO_STOP_AFTER.contains(&w.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        Tokens::new(text).tokens.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_hyphens_and_dots() {
        assert_eq!(
            words("Trump's well-known U.S. plan, don’t."),
            ["Trump's", "well-known", "U.S.", "plan", ",", "don’t", "."]
        );
    }

    #[test]
    fn numbers_keep_separators_and_two_apostrophes_are_one_token() {
        let text = "''More than 39,000 offences,'' he said in 2018.";
        assert_eq!(
            words(text),
            [
                "''", "More", "than", "39,000", "offences", ",", "''", "he", "said", "in", "2018", "."
            ]
        );
        let t = Tokens::new(text);
        assert_eq!(t.tokens[0].kind, TokenKind::Quote);
        assert_eq!(t.tokens[3].kind, TokenKind::Number);
    }

    #[test]
    fn offsets_are_chars_with_emoji_cjk_combining_and_rtl() {
        let text = "😀 “東京” e\u{301}te שלום.";
        let t = Tokens::new(text);
        let chars: Vec<char> = text.chars().collect();
        for tok in &t.tokens {
            let by_chars: String = chars[tok.start..tok.end].iter().collect();
            assert_eq!(by_chars, tok.text(text));
        }
        assert_eq!(words(text), ["😀", "“", "東京", "”", "e\u{301}te", "שלום", "."]);
    }

    #[test]
    fn paragraphs_split_at_empty_lines_and_sentences_at_stops() {
        let text = "Mr. Smith said it. Then he left!\n\n“We won,” she said.";
        let t = Tokens::new(text);
        assert_eq!(t.paragraphs.len(), 2);
        let sentences: Vec<String> = t
            .sentences
            .iter()
            .map(|&(a, b)| {
                let (s, e) = (t.tokens[a].byte_start, t.tokens[b - 1].byte_end);
                text[s..e].to_string()
            })
            .collect();
        assert_eq!(
            sentences,
            ["Mr. Smith said it.", "Then he left!", "“We won,” she said."]
        );
        assert_eq!(t.sentence_of(0), Some(0));
        assert_eq!(t.paragraph_of(t.tokens.len() - 1), Some(1));
    }

    #[test]
    fn lines_are_paragraphs_when_no_line_is_empty() {
        let t = Tokens::new("One line.\nAnother line.");
        assert_eq!(t.paragraphs.len(), 2);
    }

    #[test]
    fn empty_and_blank_texts_have_no_tokens() {
        assert!(Tokens::new("").tokens.is_empty());
        assert!(Tokens::new(" \n\n ").paragraphs.is_empty());
    }
}
