//! Frames that follow their clause: `CLAUSE, X said.`, `CLAUSE, said X.`,
//! and `according to X` before or after its clause.

use super::clause::{MIN_WORDS, clause_end, kind_of, range, short_tail, word_count};
use super::line_words::Tok;
use super::subject;
use super::verbs::Verb;
use crate::model::CharRange;
use crate::suggest::{Suggestion, Target};

/// `CLAUSE, X said.` with the subject at `[sa, sb)`.
pub(super) fn clause_before(
    toks: &[Tok<'_>],
    floor: usize,
    speaker: (usize, usize),
    verb: usize,
    v: &Verb,
) -> Option<Suggestion> {
    let (sa, sb) = speaker;
    if sa <= floor || toks[sa - 1].text != "," || !short_tail(toks, verb + 1) || v.that_only {
        return None;
    }
    let start = floor;
    let end = sa - 1;
    closing_frame(toks, start, end, (sa, sb), verb, "clause followed by ', X said'")
}

/// `CLAUSE, said X.`
pub(super) fn clause_before_inverted(
    toks: &[Tok<'_>],
    floor: usize,
    verb: usize,
    v: &Verb,
) -> Option<Suggestion> {
    if !v.inverts {
        return None;
    }
    let (sa, sb) = subject::after(toks, verb, toks.len())?;
    if !short_tail(toks, sb) {
        return None;
    }
    let mut s = closing_frame(
        toks,
        floor,
        verb - 1,
        (sa, sb),
        verb,
        "clause followed by ', said X'",
    )?;
    s.confidence = 0.9;
    Some(s)
}

pub(super) fn closing_frame(
    toks: &[Tok<'_>],
    start: usize,
    end: usize,
    speaker: (usize, usize),
    verb: usize,
    rule: &str,
) -> Option<Suggestion> {
    if end <= start || word_count(&toks[start..end]) < 4 {
        return None;
    }
    let kind = kind_of(toks, start, end)?;
    Some(Suggestion {
        target: Target::Quote(kind),
        fragments: vec![range(toks, start, end)],
        speaker: Some(range(toks, speaker.0, speaker.1)),
        cue: Some(range(toks, verb, verb + 1)),
        person: None,
        // Measured on PolNeAR train: 0.83 (the guide's 0.66 was before
        // the subject had to name someone).
        confidence: 0.8,
        rule: rule.into(),
    })
}

/// `According to X, CLAUSE` and `CLAUSE, according to X.`
pub(super) fn according_to(toks: &[Tok<'_>], inside: &[bool], out: &mut Vec<Suggestion>) {
    let Some(i) = (0..toks.len().saturating_sub(1))
        .find(|&i| !inside[i] && toks[i].is("according") && toks[i + 1].is("to"))
    else {
        return;
    };
    let cue = CharRange::new(toks[i].start, toks[i + 1].end);
    let lead = i == 0 || (i <= 2 && toks[..i].iter().all(|t| t.is_word() && !t.is("that")) && i <= 1);
    if lead {
        // According to X, CLAUSE
        let Some(comma) = (i + 2..toks.len().min(i + 20)).find(|&k| toks[k].text == ",") else {
            return;
        };
        if comma == i + 2 {
            return;
        }
        let start = comma + 1;
        let end = clause_end(toks, start);
        let speaker = range(toks, i + 2, comma);
        out.extend(clause_suggestion(
            toks,
            start,
            end,
            speaker,
            cue,
            0.9,
            "clause after 'according to X,'",
        ));
    } else if i > 0 && toks[i - 1].text == "," {
        // CLAUSE, according to X.
        let mut b = i + 2;
        while b < toks.len() && !matches!(toks[b].text, "," | "." | ";" | ":" | "?" | "!") {
            b += 1;
        }
        if b == i + 2 || !short_tail(toks, b) {
            return;
        }
        let speaker = range(toks, i + 2, b);
        let rule = "clause followed by ', according to X'";
        out.extend(clause_suggestion(toks, 0, i - 1, speaker, cue, 0.95, rule));
    }
}

/// The clause `[start, end)` as a quote suggestion, when it has at least
/// [`MIN_WORDS`] words and a kind.
fn clause_suggestion(
    toks: &[Tok<'_>],
    start: usize,
    end: usize,
    speaker: CharRange,
    cue: CharRange,
    confidence: f32,
    rule: &str,
) -> Option<Suggestion> {
    if end <= start || word_count(&toks[start..end]) < MIN_WORDS {
        return None;
    }
    Some(Suggestion {
        target: Target::Quote(kind_of(toks, start, end)?),
        fragments: vec![range(toks, start, end)],
        speaker: Some(speaker),
        cue: Some(cue),
        person: None,
        confidence,
        rule: rule.into(),
    })
}
