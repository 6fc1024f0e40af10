//! From tags to suggestions: spans of each part, grouped into attributions
//! (each content to the nearest cue in its paragraph, contents sharing a cue
//! becoming fragments of one quote, the source nearest that cue), keeping
//! only those the rules did not find.

use crate::model::CharRange;
use crate::suggest::{QuoteKind, Suggestion, Target};

use super::tags::{O, Part, is_begin};
use super::tokenize::{Paragraph, TokKind};

/// A span of tokens `[start, end)` of one part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub part: Part,
    pub start: usize,
    pub end: usize,
}

/// The spans of a tag sequence.
pub fn spans(tags: &[u8]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut cur: Option<Span> = None;
    for (i, &t) in tags.iter().enumerate() {
        let part = Part::of(t);
        let continues = cur.is_some_and(|c| !is_begin(t) && Some(c.part) == part);
        if continues {
            if let Some(c) = cur.as_mut() {
                c.end = i + 1;
            }
            continue;
        }
        if let Some(c) = cur.take() {
            out.push(c);
        }
        if t != O {
            cur = part.map(|part| Span {
                part,
                start: i,
                end: i + 1,
            });
        }
    }
    out.extend(cur);
    out
}

/// Tokens between two spans (0 when they touch or overlap).
fn gap(a: &Span, b: &Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// One attribution found in a paragraph, by token spans.
#[derive(Clone, Debug)]
pub struct Found {
    pub contents: Vec<Span>,
    pub cue: Option<Span>,
    pub source: Option<Span>,
}

/// Groups a paragraph's spans into attributions.
pub fn group(spans: &[Span]) -> Vec<Found> {
    let of = |p: Part| spans.iter().filter(move |s| s.part == p).copied();
    let cues: Vec<Span> = of(Part::Cue).collect();
    let sources: Vec<Span> = of(Part::Speaker).collect();
    let mut out: Vec<Found> = Vec::new();
    let mut by_cue: Vec<Option<usize>> = vec![None; cues.len()];
    for c in of(Part::Quote) {
        let nearest = cues
            .iter()
            .enumerate()
            .min_by_key(|(_, k)| gap(&c, k))
            .map(|(i, _)| i);
        match nearest {
            Some(k) => match by_cue[k] {
                Some(a) => out[a].contents.push(c),
                None => {
                    by_cue[k] = Some(out.len());
                    out.push(Found {
                        contents: vec![c],
                        cue: Some(cues[k]),
                        source: None,
                    });
                }
            },
            None => out.push(Found {
                contents: vec![c],
                cue: None,
                source: None,
            }),
        }
    }
    for f in &mut out {
        let anchor = f.cue.unwrap_or(f.contents[0]);
        f.source = sources.iter().min_by_key(|s| gap(&anchor, s)).copied();
    }
    out
}

/// Reported clauses run to the end of their sentence (PolNeAR's
/// convention, and what annotators mostly do): a content after its cue that
/// stops short of the sentence's end, with only untagged words in between,
/// is carried on to just before the final full stop.
pub fn extend_to_sentence_end(par: &Paragraph, tags: &[u8], f: &mut Found) {
    let Some(cue) = f.cue else {
        return;
    };
    let Some(last) = f.contents.last_mut() else {
        return;
    };
    if last.start < cue.end {
        return;
    }
    let n = par.tokens.len();
    let mut end = last.end;
    while end < n {
        let t = &par.tokens[end];
        if tags[end] != O || matches!(t.text.as_str(), "." | "!" | "?" | ";") || t.kind == TokKind::Quote {
            break;
        }
        end += 1;
    }
    // Only when the sentence really ends there (not at another span).
    let at_end = end == n || tags[end] == O;
    if at_end && end > last.end && end - last.end <= 40 {
        last.end = end;
    }
}

/// The char range of a token span.
pub fn chars(par: &Paragraph, s: &Span) -> CharRange {
    CharRange {
        start: par.tokens[s.start].range.start,
        end: par.tokens[s.end - 1].range.end,
    }
}

/// Direct when the content is in quote marks, mixed when it holds some.
pub fn kind(par: &Paragraph, contents: &[Span]) -> QuoteKind {
    let is_q = |i: usize| par.tokens[i].kind == TokKind::Quote;
    let direct = contents
        .iter()
        .all(|s| is_q(s.start) && is_q(s.end - 1) && s.end - s.start > 2);
    let any = contents.iter().any(|s| (s.start..s.end).any(is_q));
    if direct {
        QuoteKind::Direct
    } else if any {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

/// How likely an attribution of this shape is right, before the model's
/// own margin: a complete one (content, cue and source) in quote marks is
/// nearly always right, a short clause with no cue rarely. Set by hand
/// from how often each shape was right in tests on news text.
pub fn prior(par: &Paragraph, f: &Found) -> f32 {
    let chars: usize = f.contents.iter().map(|s| chars(par, s).len()).sum();
    let long = chars >= 40;
    match (kind(par, &f.contents), f.cue.is_some(), f.source.is_some()) {
        (QuoteKind::Direct | QuoteKind::Mixed, true, true) => 0.95,
        (QuoteKind::Direct | QuoteKind::Mixed, true, false) => 0.8,
        (QuoteKind::Indirect, true, true) if long => 0.85,
        (QuoteKind::Indirect, true, _) if long => 0.75,
        (QuoteKind::Indirect, true, _) => 0.55,
        (QuoteKind::Direct, false, _) if long => 0.7,
        (_, false, _) => 0.3,
    }
}

/// How often a cue the model tagged alone is right, before its margin
/// (set by hand: about three in four in tests on news text).
pub const LONE_CUE_PRIOR: f32 = 0.85;

/// A cue suggested alone: its one fragment is the cue. `carried`: a less
/// sure suggestion carries it too (else no suggestion does).
pub fn lone_cue(
    text_of: &dyn Fn(CharRange) -> String,
    cue: CharRange,
    confidence: f32,
    carried: bool,
) -> Suggestion {
    let why = if carried {
        "surer than the quote that carries it"
    } else {
        "its quote not found"
    };
    Suggestion {
        target: Target::Cue,
        fragments: vec![cue],
        speaker: None,
        cue: Some(cue),
        person: None,
        confidence,
        rule: format!(
            "learned from your tags (cue \u{201c}{}\u{201d} alone: {why})",
            text_of(cue)
        ),
    }
}

/// Whether `r` overlaps any fragment the rules proposed.
pub fn rules_found(rules: &[Suggestion], r: &CharRange) -> bool {
    rules
        .iter()
        .filter(|s| !matches!(s.target, Target::Claim))
        .any(|s| s.fragments.iter().any(|f| f.overlaps(r)))
}

/// The suggestion for one attribution, its words for the rule line.
pub fn suggestion(
    text_of: &dyn Fn(CharRange) -> String,
    par: &Paragraph,
    f: &Found,
    confidence: f32,
) -> Suggestion {
    let fragments: Vec<CharRange> = f.contents.iter().map(|s| chars(par, s)).collect();
    let cue = f.cue.map(|s| chars(par, &s));
    let speaker = f.source.map(|s| chars(par, &s));
    let why = match cue {
        Some(c) => format!("cue \u{201c}{}\u{201d}", text_of(c)),
        None => "no cue".to_string(),
    };
    Suggestion {
        target: Target::Quote(kind(par, &f.contents)),
        fragments,
        speaker,
        cue,
        person: None,
        confidence,
        rule: format!("learned from your tags ({why})"),
    }
}
