//! Indirect and mixed quotes: reported speech and thought with a frame.
//!
//! - `X said (that) CLAUSE` (also "told reporters (that)", "argued",
//!   "believes" …): the clause runs from "that" or from the word after the
//!   verb to the sentence's end, the final period left out (PolNeAR's
//!   convention), or to a comma that opens another frame (", adding",
//!   ", according to").
//! - `CLAUSE, X said.` / `CLAUSE, said X.`: the clause is the sentence up to
//!   the frame's comma.
//! - `According to X, CLAUSE` and `CLAUSE, according to X.`
//!
//! A clause that holds quotation marks but is not one whole quotation is a
//! mixed quote; a clause that is one whole quotation is left to the
//! direct-quote rules. The speaker is the whole mention before the verb
//! ([`super::subject`]), the cue the verb (or "according to").

use super::clause::{MIN_WORDS, clause_end, clause_start, kind_of, range, word_count};
use super::closing::{according_to, clause_before, clause_before_inverted};
use super::line_words::{self as words, Tok, is_quote_tok};
use super::names;
use super::naming;
use super::subject;
use super::verbs::{self, Verb};
use crate::model::CharRange;
use crate::suggest::{QuoteKind, Suggestion, Target};
/// Adds the indirect and mixed quotes of `text` to the direct ones in
/// `out`: a mixed clause takes the place of the quotations it holds
/// (PolNeAR's convention: "X said “a” of b" is one mixed content); a
/// clause that overlaps a direct quote otherwise is left out.
pub fn add(text: &str, out: &mut Vec<Suggestion>) {
    out.sort_by_key(|d| d.hull().start);
    let hulls: Vec<CharRange> = out.iter().map(Suggestion::hull).collect();
    // The furthest end among the first i + 1 hulls: the backward scan for
    // overlaps stops where no earlier hull reaches (linear on long texts).
    let mut reach = Vec::with_capacity(hulls.len());
    for h in &hulls {
        reach.push(reach.last().map_or(h.end, |&r: &usize| r.max(h.end)));
    }
    let mut removed = vec![false; out.len()];
    let mut added = Vec::new();
    for s in suggest(text) {
        let hull = s.hull();
        let mut overlapping = Vec::new();
        let mut j = hulls.partition_point(|h| h.start < hull.end);
        while j > 0 && reach[j - 1] > hull.start {
            j -= 1;
            if hulls[j].overlaps(&hull) {
                overlapping.push(j);
            }
        }
        if overlapping.is_empty() {
            added.push(s);
            continue;
        }
        let mixed = s.target == Target::Quote(QuoteKind::Mixed);
        let all_inside = overlapping
            .iter()
            .all(|&j| hull.start <= hulls[j].start && hulls[j].end <= hull.end && !removed[j]);
        if mixed && all_inside {
            for j in overlapping {
                removed[j] = true;
            }
            added.push(s);
        }
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !removed[k - 1]
    });
    out.extend(added);
}

/// Every indirect and mixed quote found in `text`.
pub fn suggest(text: &str) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for line in words::lines(text) {
        if headline(&line.toks) {
            continue;
        }
        let inside = words::inside_quotes(&line.toks);
        for (a, b) in words::sentences(&line.toks) {
            let before = out.len();
            sentence(&line.toks[a..b], &inside[a..b], &mut out);
            naming_frames(&line.toks[a..b], &inside[a..b], before, &mut out);
        }
    }
    out
}

/// A title-case line with no sentence end ("Clinton Says Trump Is Wrong"):
/// headlines are not quotes.
fn headline(toks: &[Tok<'_>]) -> bool {
    let long: Vec<&Tok<'_>> = toks
        .iter()
        .filter(|t| t.is_word() && t.text.chars().count() > 3)
        .collect();
    let caps = long.iter().filter(|t| t.is_capitalised()).count();
    let ends = toks
        .last()
        .is_some_and(|t| matches!(t.text, "." | "”" | "\"" | "'"));
    !ends && long.len() >= 3 && caps * 10 >= long.len() * 7
}

/// The frames of one sentence.
fn sentence(toks: &[Tok<'_>], inside: &[bool], out: &mut Vec<Suggestion>) {
    let before = out.len();
    according_to(toks, inside, out);
    if out.len() > before {
        return;
    }
    // Tokens before `floor` belong to an earlier frame's clause.
    let mut floor = 0;
    let mut i = 0;
    while i < toks.len() {
        let here = i;
        i += 1;
        if inside[here] {
            continue;
        }
        let lower = toks[here].lower();
        let participle = (here > floor && toks[here - 1].text == ",")
            .then(|| verbs::participle_frame(&lower))
            .flatten();
        if let Some(v) = participle {
            let frame = opening_subject(toks, 0, here).and_then(|sp| clause_after(toks, sp, here, &v));
            if let Some((mut s, end)) = frame {
                s.confidence = 0.88;
                s.rule = "clause after ', saying (that)' (the sentence's subject speaks)".into();
                out.push(s);
                floor = end;
                i = end.max(i);
            }
            continue;
        }
        // "X is telling supporters that …" (the present of live reports).
        let progressive =
            here > floor + 1 && matches!(toks[here - 1].lower().as_str(), "is" | "are" | "was" | "were");
        if let Some(v) = progressive.then(|| verbs::participle_frame(&lower)).flatten() {
            let found =
                subject::before(toks, floor, here - 1).and_then(|sp| clause_after(toks, sp, here, &v));
            if let Some((mut s, end)) = found {
                s.rule = "clause after 'X is saying (that)'".into();
                out.push(s);
                floor = end;
                i = end.max(i);
            }
            continue;
        }
        // "He’s predicting he will …": the pronoun and "is" in one word.
        let contracted = here > floor
            && matches!(
                toks[here - 1].lower().as_str(),
                "he's" | "she's" | "they're" | "we're" | "i'm"
            );
        if let Some(v) = contracted.then(|| verbs::participle_frame(&lower)).flatten() {
            let t = toks[here - 1];
            if let Some((mut s, end)) = clause_after(toks, (here - 1, here), here, &v) {
                let pronoun = t.text.chars().take_while(|c| c.is_alphabetic()).count();
                s.speaker = Some(CharRange::new(t.start, t.start + pronoun));
                s.rule = "clause after 'X is saying (that)'".into();
                out.push(s);
                floor = end;
                i = end.max(i);
            }
            continue;
        }
        let Some(verb) = verbs::speech_verb(&lower) else {
            continue;
        };
        let subject = subject::before(toks, floor, here);
        if subject.is_none() && here > floor && toks[here - 1].text == "," {
            if let Some(s) = clause_before_inverted(toks, floor, here, &verb) {
                out.push(s);
                return;
            }
            continue;
        }
        let (speaker, coordinated) = match subject {
            Some(s) => (s, false),
            None => match coordination(toks, floor, here) {
                Some(s) => (s, true),
                None => continue,
            },
        };
        if passive(toks, here) {
            continue;
        }
        if !coordinated {
            if let Some(s) = parenthetical(toks, floor, speaker, here) {
                out.push(s);
                return;
            }
            if let Some(s) = clause_before(toks, floor, speaker, here, &verb) {
                out.push(s);
                return;
            }
        }
        if let Some((mut s, end)) = clause_after(toks, speaker, here, &verb) {
            if coordinated {
                s.confidence = 0.85;
                s.rule = "clause after '… and said' (the sentence's subject speaks)".into();
            }
            out.push(s);
            floor = end;
            i = end.max(i);
        }
    }
}

/// The naming frames of one sentence ([`naming`]) that overlap no quote
/// found in it from `before` on.
fn naming_frames(toks: &[Tok<'_>], inside: &[bool], before: usize, out: &mut Vec<Suggestion>) {
    for verb in 0..toks.len() {
        let found = naming::frame(toks, inside, verb, |k| opening_subject(toks, 0, k))
            .or_else(|| naming::noun_frame(toks, inside, verb));
        let Some(s) = found else {
            continue;
        };
        let hull = s.hull();
        if out[before..].iter().all(|o| !o.hull().overlaps(&hull)) {
            out.push(s);
        }
    }
}

/// "X did this and said …": the speaker is the sentence's opening subject
/// (a pronoun or a name right at the start, after "But"/"And").
fn coordination(toks: &[Tok<'_>], floor: usize, verb: usize) -> Option<(usize, usize)> {
    let mut k = verb;
    while k > floor && toks[k - 1].is("also") {
        k -= 1;
    }
    if k == floor || !(toks[k - 1].is("and") || toks[k - 1].is("but")) {
        return None;
    }
    opening_subject(toks, 0, k)
}

/// The subject opening the sentence (from `floor`, before `limit`): a
/// pronoun or a name, after "But"/"And".
fn opening_subject(toks: &[Tok<'_>], floor: usize, limit: usize) -> Option<(usize, usize)> {
    let k = limit;
    let mut f = floor;
    while f < k
        && matches!(
            toks[f].lower().as_str(),
            "but" | "and" | "still" | "yet" | "so" | "then"
        )
    {
        f += 1;
    }
    let first = toks.get(f)?;
    if matches!(first.lower().as_str(), "he" | "she" | "they" | "we" | "i") {
        return Some((f, f + 1));
    }
    let mut found = Vec::new();
    names::names_in(&toks[f..(f + 8).min(k)], &mut found);
    let n = found.first()?;
    if n.start != first.start {
        return None;
    }
    let end = toks[f..k].iter().position(|t| t.end == n.end)? + f + 1;
    Some((f, end))
}

/// `A, X said, B`: one quote in two fragments around the frame.
fn parenthetical(toks: &[Tok<'_>], floor: usize, speaker: (usize, usize), verb: usize) -> Option<Suggestion> {
    let (sa, sb) = speaker;
    if sa <= floor || toks[sa - 1].text != "," || toks.get(verb + 1)?.text != "," || sb > verb {
        return None;
    }
    let first = (floor, sa - 1);
    let start2 = verb + 2;
    let end2 = clause_end(toks, start2);
    if first.1 <= first.0 || end2 <= start2 || word_count(&toks[start2..end2]) < MIN_WORDS {
        return None;
    }
    if is_quote_tok(&toks[first.0]) || is_quote_tok(&toks[start2]) {
        return None;
    }
    let quoted =
        words::toks_have_quote(&toks[first.0..first.1]) || words::toks_have_quote(&toks[start2..end2]);
    let kind = if quoted {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    };
    Some(Suggestion {
        target: Target::Quote(kind),
        fragments: vec![range(toks, first.0, first.1), range(toks, start2, end2)],
        speaker: Some(range(toks, sa, sb)),
        cue: Some(range(toks, verb, verb + 1)),
        person: None,
        confidence: 0.88,
        rule: "clause around a parenthetical ', X said,'".into(),
    })
}

/// "was said to", "is thought": the subject is not the speaker.
fn passive(toks: &[Tok<'_>], verb: usize) -> bool {
    verb > 0
        && matches!(
            toks[verb - 1].lower().as_str(),
            "was" | "were" | "is" | "are" | "be" | "been" | "being" | "'s"
        )
}

/// `X said (that) CLAUSE`.
fn clause_after(
    toks: &[Tok<'_>],
    speaker: (usize, usize),
    verb: usize,
    v: &Verb,
) -> Option<(Suggestion, usize)> {
    let start = clause_start(toks, verb, v)?;
    let end = clause_end(toks, start);
    if end <= start || word_count(&toks[start..end]) < MIN_WORDS {
        return None;
    }
    let kind = kind_of(toks, start, end)?;
    let that = toks[start].is("that");
    // Measured precision of each on PolNeAR train (rounded down a little).
    let confidence = match (kind, that) {
        (QuoteKind::Indirect, true) => 0.92,
        (QuoteKind::Indirect, false) => 0.88,
        _ => 0.92,
    };
    let rule = match (kind, that) {
        (QuoteKind::Mixed, _) => "clause with quotation marks after 'X said'",
        (_, true) => "clause after 'X said that'",
        (_, false) => "clause after 'X said'",
    };
    let s = Suggestion {
        target: Target::Quote(kind),
        fragments: vec![range(toks, start, end)],
        speaker: Some(range(toks, speaker.0, speaker.1)),
        cue: Some(range(toks, verb, verb + 1)),
        person: None,
        confidence,
        rule: rule.into(),
    };
    Some((s, end))
}

#[cfg(test)]
#[path = "indirect_tests.rs"]
mod tests;
