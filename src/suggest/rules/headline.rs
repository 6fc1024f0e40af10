//! The headline of the form `Speaker: what they said` (“Kasich: ‘We Are
//! Going All the Way.’”, “Lynch: No outside influence on FBI probe”): the
//! words after the colon are the speaker's, the colon is the cue.
//!
//! Only the first non-blank paragraph, only when it holds no sentence end
//! before its last word, and only when the part before the colon reads as a
//! short name (every word capitalised, at most [`MAX_NAME`] words, not a
//! section label like "The Latest" or "Breaking"). A headline with quote
//! marks gives a direct (all quoted) or mixed quote; without marks, an
//! indirect one.

use super::frames::Frame;
use super::marks::{self, is_quote_char};
use super::words::{Kind, Tok, ends_sentence, first_at_or_after, is_punct, lower};
use crate::model::CharRange;
use crate::suggest::QuoteKind;

/// Most words of the part before the colon.
const MAX_NAME: usize = 6;

/// Most words read as the speaker, when the part before the colon is longer
/// ("Carly Fiorina Endorses Ted Cruz: …" -> "Carly Fiorina").
const SHORT_NAME: usize = 4;

/// Most words after the colon (a headline, not a transcript's paragraph).
const MAX_WORDS: usize = 40;

/// Section labels that stand before a colon in headlines but speak nothing.
const LABELS: &[&str] = &[
    "the",
    "breaking",
    "revealed",
    "byline",
    "update",
    "watch",
    "video",
    "exclusive",
    "opinion",
    "analysis",
    "live",
    "photos",
    "editorial",
    "paid",
    "correction",
    "wow",
    "busted",
    "bombshell",
];

/// A headline quote: its paragraph, fragment, kind, speaker and cue.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Headline {
    pub para: usize,
    pub fragment: CharRange,
    pub kind: QuoteKind,
    pub frame: Frame,
}

/// The `Speaker: words` headline of the text, if its first paragraph is one.
pub(crate) fn colon(c: &[char], toks: &[Tok], paras: &[CharRange]) -> Option<Headline> {
    let (para, p) = paras
        .iter()
        .enumerate()
        .find(|(_, p)| marks::trim_start(c, p.start, p.end) < p.end)?;
    let from = first_at_or_after(toks, p.start);
    let to = toks.partition_point(|t| t.start < p.end);
    let line = &toks[from..to];
    let colon = line.iter().position(|t| is_punct(c, t, ':'))?;
    let name = &line[..colon];
    let words: Vec<&Tok> = name.iter().filter(|t| t.kind == Kind::Word).collect();
    let first = words.first()?;
    if words.len() > MAX_NAME
        || name
            .iter()
            .any(|t| t.kind == Kind::Punct && c[t.start] != '.' && c[t.start] != '-')
        || !words
            .iter()
            .all(|t| c[t.start].is_uppercase() || c[t.start].is_ascii_digit())
        || LABELS.contains(&lower(c, first).as_str())
    {
        return None;
    }
    let rest = &line[colon + 1..];
    // One statement: no sentence end before the last token, no question.
    let last = rest.last()?;
    let inner_end = rest.iter().rposition(|t| {
        !(t.kind == Kind::Punct && (matches!(c[t.start], '.' | ';') || is_quote_char(c[t.start])))
    })?;
    if rest[..inner_end]
        .iter()
        .any(|t| ends_sentence(c, t) && !is_punct(c, t, '…'))
        || rest.iter().any(|t| is_punct(c, t, '?'))
        || !(2..=MAX_WORDS).contains(&rest.iter().filter(|t| t.kind == Kind::Word).count())
    {
        return None;
    }
    // The span: after the colon to the end; a period or semicolon after
    // the closing mark is left out (one inside the marks stays).
    let start = rest[0].start;
    let mut end = last.end;
    if matches!(c[end - 1], '.' | ';') && end - 1 > start {
        end = marks::trim_end(c, start, end - 1);
    }
    let text = &c[start..end];
    let has_marks = !marks::pieces(c, &[*p]).is_empty();
    let kind = if !has_marks {
        QuoteKind::Indirect
    } else if is_quote_char(text[0]) && is_quote_char(text[text.len() - 1]) && inner_marks(text) == 2 {
        QuoteKind::Direct
    } else {
        QuoteKind::Mixed
    };
    // The speaker: the name, or its first words when it goes on with a verb
    // or "on" ("CNN President On Trump:").
    let mut n = words.len();
    if n > SHORT_NAME {
        n = (1..n)
            .find(|&i| {
                let w = lower(c, words[i]);
                w == "on"
                    || (w.ends_with('s') && !w.ends_with("ss") && !w.contains(['\'', '’']) && w.len() > 3)
            })
            .unwrap_or(n);
    }
    let speaker = CharRange {
        start: first.start,
        end: words[n - 1].end,
    };
    let cue = CharRange {
        start: line[colon].start,
        end: line[colon].end,
    };
    Some(Headline {
        para,
        fragment: CharRange { start, end },
        kind,
        frame: Frame {
            cue,
            speaker: Some(speaker),
            lead_in: None,
            prefix: None,
            end: start,
            after: false,
            confidence: if kind == QuoteKind::Indirect { 0.6 } else { 0.8 },
            rule: "headline 'X: …'",
        },
    })
}

/// Quote marks in a stretch of text (apostrophes inside words left out).
fn inner_marks(text: &[char]) -> usize {
    text.iter()
        .enumerate()
        .filter(|&(i, &ch)| {
            let word = |j: Option<&char>| j.is_some_and(|c| c.is_alphanumeric());
            is_quote_char(ch) && !(word(i.checked_sub(1).and_then(|j| text.get(j))) && word(text.get(i + 1)))
        })
        .count()
}
