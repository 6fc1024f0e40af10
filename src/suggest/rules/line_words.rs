//! Words and sentences as the indirect-quote, people and claim rules see
//! them: a token is a word (letters, digits, inner apostrophes, hyphens and
//! dots, as in "don’t", "U.S", "39,000") or one punctuation char, with its
//! char offsets; a sentence never crosses a line break.

/// One token of a line, with half-open char offsets into the whole text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Tok<'_> {
    /// Whether this is a word (not one punctuation char).
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(word_char)
    }
    /// Whether the word starts with an upper-case letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    /// The word in lower case (ASCII apostrophe for ’).
    pub fn lower(&self) -> String {
        self.text.to_lowercase().replace('’', "'")
    }
    /// Whether the token is exactly `s`, ignoring ASCII case.
    pub fn is(&self, s: &str) -> bool {
        self.text.eq_ignore_ascii_case(s)
    }
}

/// Whether `c` may be part of a word (letters, digits, marks, symbols such
/// as emoji: everything but white space and punctuation).
fn word_char(c: char) -> bool {
    !c.is_whitespace() && !is_punct(c)
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‹' | '›' | '—' | '–' | '…' | '\u{a0}'
        )
}

/// Chars that join two word parts into one word when letters follow.
fn joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | ',' | '&')
}

/// One line's tokens (a line is a paragraph in our articles).
pub struct Line<'a> {
    pub toks: Vec<Tok<'a>>,
}

/// Splits `text` into lines and tokens, in one pass.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut char_at = 0usize;
    for raw in text.split('\n') {
        let len = raw.chars().count();
        out.push(Line {
            toks: tokens(raw, char_at),
        });
        char_at += len + 1;
    }
    out
}

/// The tokens of `s`, whose first char is at char offset `base`.
pub fn tokens(s: &str, base: usize) -> Vec<Tok<'_>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if c.is_whitespace() || c == '\u{a0}' {
            i += 1;
            continue;
        }
        let start = i;
        if word_char(c) {
            i += 1;
            loop {
                if i < chars.len() && word_char(chars[i].1) {
                    i += 1;
                } else if i + 1 < chars.len()
                    && joiner(chars[i].1)
                    && chars[i + 1].1.is_alphanumeric()
                    && (chars[i].1 != ','
                        || (chars[i - 1].1.is_ascii_digit() && chars[i + 1].1.is_ascii_digit()))
                {
                    i += 2;
                } else {
                    break;
                }
            }
        } else {
            i += 1;
        }
        let end_b = chars.get(i).map_or(s.len(), |&(eb, _)| eb);
        toks.push(Tok {
            text: &s[b..end_b],
            start: base + start,
            end: base + i,
        });
    }
    toks
}

/// Abbreviations whose dot does not end a sentence (lower case, no dot).
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "jr", "sr", "lt", "col", "sgt", "capt",
    "prof", "rev", "hon", "inc", "co", "corp", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr",
    "aug", "sept", "sep", "oct", "nov", "dec", "u.s", "u.k", "d.c", "a.m", "p.m", "mt", "ft", "ave",
    "sens", "reps", "gens", "messrs", "cmdr", "adm", "supt", "insp", "det", "pres",
];

/// Whether the token before a dot makes it an abbreviation's dot.
fn abbreviation(t: &Tok<'_>) -> bool {
    let l = t.lower();
    ABBREVIATIONS.contains(&l.as_str())
        || (t.text.chars().count() == 1 && t.is_capitalised())
        || l.contains('.')
}

fn closing(c: &str) -> bool {
    matches!(c, "”" | "\"" | "’" | "'" | ")" | "»")
}

/// The sentences of a line, as token index ranges `[a, b)`.
pub fn sentences(toks: &[Tok<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut a = 0;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i].text;
        // "No." is an abbreviation only before a number ("No. 2").
        let number_next = toks
            .get(i + 1)
            .is_some_and(|n| n.text.starts_with(|c: char| c.is_ascii_digit()));
        let abbreviated =
            t == "." && i > 0 && abbreviation(&toks[i - 1]) && (!toks[i - 1].is("no") || number_next);
        if matches!(t, "." | "?" | "!") && !abbreviated {
            let mut j = i + 1;
            while j < toks.len() && closing(toks[j].text) && toks[j].start == toks[j - 1].end {
                j += 1;
            }
            let next_opens = toks.get(j).is_none_or(|n| {
                n.is_capitalised()
                    || n.text.chars().next().is_some_and(|c| c.is_ascii_digit())
                    || !n.is_word()
            });
            if next_opens {
                out.push((a, j));
                a = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if a < toks.len() {
        out.push((a, toks.len()));
    }
    out
}

/// Whether tokens hold a quotation mark (the NYT `''` is two adjacent `'`).
pub fn toks_have_quote(toks: &[Tok<'_>]) -> bool {
    toks.iter().enumerate().any(|(k, t)| {
        matches!(t.text, "“" | "”" | "\"" | "«" | "»" | "„" | "‘" | "`")
            || (t.text == "'" && toks.get(k + 1).is_some_and(|n| n.text == "'" && n.start == t.end))
    })
}

/// For each token of a line: whether it lies inside a quotation (its
/// marks included). Curly, straight, NYT `''`, guillemets and curly single
/// marks; a quotation left open runs to the line's end.
pub fn inside_quotes(toks: &[Tok<'_>]) -> Vec<bool> {
    let mut out = Vec::with_capacity(toks.len());
    let (mut curly, mut straight, mut nyt, mut guil, mut single) = (0u32, false, false, 0u32, false);
    let mut k = 0;
    while k < toks.len() {
        let t = toks[k].text;
        let pair = t == "'"
            && toks
                .get(k + 1)
                .is_some_and(|n| n.text == "'" && n.start == toks[k].end);
        let before = curly > 0 || straight || nyt || guil > 0 || single;
        match t {
            "“" | "„" => curly += 1,
            "”" => curly = curly.saturating_sub(1),
            "\"" => straight = !straight,
            "«" => guil += 1,
            "»" => guil = guil.saturating_sub(1),
            "‘" => single = true,
            "’" if single => single = false,
            "`" => nyt = true,
            _ if pair => nyt = !nyt,
            _ => {}
        }
        let after = curly > 0 || straight || nyt || guil > 0 || single;
        out.push(before || after);
        if pair {
            out.push(before || after);
            k += 1;
        }
        k += 1;
    }
    out
}

/// Whether the token is a quotation mark (the NYT `''` is two tokens `'`).
pub fn is_quote_tok(t: &Tok<'_>) -> bool {
    matches!(t.text, "“" | "”" | "\"" | "«" | "»" | "„" | "‘" | "'" | "’" | "`")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(toks: &[Tok<'a>]) -> Vec<&'a str> {
        toks.iter().map(|t| t.text).collect()
    }

    #[test]
    fn words_keep_apostrophes_numbers_and_abbreviations() {
        let t = tokens("Britain’s U.S. police said 39,000 offences, “don't”.", 0);
        assert_eq!(
            texts(&t),
            [
                "Britain’s",
                "U.S",
                ".",
                "police",
                "said",
                "39,000",
                "offences",
                ",",
                "“",
                "don't",
                "”",
                "."
            ]
        );
        assert_eq!((t[0].start, t[0].end), (0, 9));
    }

    #[test]
    fn offsets_are_chars_with_emoji_and_cjk() {
        let text = "😀 北京 said\nnext é line";
        let ls = lines(text);
        assert_eq!(ls.len(), 2);
        let said = ls[0].toks.iter().find(|t| t.text == "said").expect("said");
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[said.start..said.end].iter().collect::<String>(), "said");
        assert_eq!(ls[1].toks[0].start, 10);
    }

    #[test]
    fn sentences_do_not_end_after_titles() {
        let t = tokens("Mr. Smith said no. Then he left. “Fine.” She went.", 0);
        let s = sentences(&t);
        assert_eq!(s.len(), 4);
        assert_eq!(t[s[1].0].text, "Then");
        assert_eq!(t[s[3].0].text, "She");
    }
}
