//! Frames set inside a sentence: a parenthetical `, he said,` between the
//! words that open a quote and the quote itself, and the clause test for a
//! colon frame. Split from [`super::frames`] to keep files small.

use super::frames::Frame;
use super::speaker;
use super::words::{Kind, Tok, first_at_or_after, is_punct, lower};
use crate::model::CharRange;

/// Whether words between a verb and a colon make a clause of their own
/// (`said Curiel was from Mexico: “…”`), which the quote then continues.
pub(super) fn has_clause(c: &[char], between: &[Tok]) -> bool {
    between.iter().any(|t| {
        t.kind == Kind::Word
            && matches!(
                lower(c, t).as_str(),
                "is" | "was"
                    | "were"
                    | "are"
                    | "has"
                    | "had"
                    | "have"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "should"
            )
    })
}

/// `South Carolina, he said, was “…”`: a frame set off by commas between
/// the words before it and a lead-in to the quote.
pub(super) fn parenthetical(c: &[char], toks: &[Tok], s: usize, v: usize, k: usize) -> Option<Frame> {
    if k < v + 2
        || toks.len() <= v + 2
        || !is_punct(c, &toks[v + 1], ',')
        || toks[v + 2..k].iter().any(|t| is_punct(c, t, ','))
    {
        return None;
    }
    let spk = speaker::before(c, toks, v, s)?;
    let first = first_at_or_after(toks, spk.start);
    if first < s + 2 || !is_punct(c, &toks[first - 1], ',') {
        return None;
    }
    let verb = &toks[v];
    Some(Frame {
        cue: CharRange {
            start: verb.start,
            end: verb.end,
        },
        speaker: Some(spk),
        lead_in: Some(toks[v + 2].start),
        prefix: Some(CharRange {
            start: toks[s].start,
            end: toks[first - 2].end,
        }),
        end: toks[v + 1].end,
        after: false,
        confidence: 0.83,
        rule: "parenthetical ', he said,' before the quote",
    })
}
