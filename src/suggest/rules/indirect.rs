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

use super::names;
use super::subject;
use super::verbs::{self, Verb};
use super::line_words::{self as words, Tok, is_quote_tok};
use crate::model::CharRange;
use crate::suggest::{QuoteKind, Suggestion, Target};

/// Words of a short adjunct between a verb and its "that" ("said in a
/// statement on Tuesday that", "pointed out that").
const ADJUNCT: &[&str] = &[
    "on", "in", "at", "during", "last", "this", "earlier", "later", "out", "also", "again", "repeatedly",
    "publicly", "privately", "yesterday", "today", "tonight", "recently", "previously", "flatly", "simply",
    "often", "then", "now", "a", "an", "the", "statement", "interview", "interviews", "speech", "week",
    "month", "year", "night", "morning", "afternoon", "evening", "weekend", "email", "e-mail", "letter",
    "post", "tweet", "telephone", "phone", "call", "conference", "briefing", "repeatedly", "before",
    "after", "when", "once", "later", "time", "times", "day", "days", "ago", "his", "her", "their", "its",
    "recent", "separate", "written", "brief", "an", "with", "to", "reporters", "afterward", "afterwards",
    "long", "frequently", "many", "several", "two", "three", "weeks", "months", "years", "over",
];

/// Fewest words a reported clause must have to be suggested.
const MIN_WORDS: usize = 3;

/// Adds the indirect and mixed quotes of `text` to the direct ones in
/// `out`: a mixed clause takes the place of the quotations it holds
/// (PolNeAR's convention: "X said “a” of b" is one mixed content); a
/// clause that overlaps a direct quote otherwise is left out.
pub fn add(text: &str, out: &mut Vec<Suggestion>) {
    for s in suggest(text) {
        let hull = s.hull();
        let inside = |d: &Suggestion| {
            let h = d.hull();
            hull.start <= h.start && h.end <= hull.end
        };
        let overlapping: Vec<bool> = out.iter().map(|d| d.hull().overlaps(&hull)).collect();
        if !overlapping.iter().any(|&o| o) {
            out.push(s);
            continue;
        }
        let mixed = s.target == Target::Quote(QuoteKind::Mixed);
        let all_inside = out.iter().zip(&overlapping).all(|(d, &o)| !o || inside(d));
        if mixed && all_inside {
            let mut k = 0;
            out.retain(|_| {
                k += 1;
                !overlapping[k - 1]
            });
            out.push(s);
        }
    }
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
            sentence(&line.toks[a..b], &inside[a..b], &mut out);
        }
    }
    out
}

/// A title-case line with no sentence end ("Clinton Says Trump Is Wrong"):
/// headlines are not quotes.
fn headline(toks: &[Tok<'_>]) -> bool {
    let long: Vec<&Tok<'_>> = toks.iter().filter(|t| t.is_word() && t.text.chars().count() > 3).collect();
    let caps = long.iter().filter(|t| t.is_capitalised()).count();
    let ends = toks.last().is_some_and(|t| matches!(t.text, "." | "”" | "\"" | "'"));
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
        if here > floor && toks[here - 1].text == "," {
            if let Some(v) = verbs::participle_frame(&lower) {
                if let Some(speaker) = opening_subject(toks, floor, here) {
                    if let Some((mut s, end)) = clause_after(toks, speaker, here, &v) {
                        s.confidence = 0.75;
                        s.rule = "clause after ', saying (that)' (the sentence's subject speaks)".into();
                        out.push(s);
                        floor = end;
                        i = end.max(i);
                    }
                }
                continue;
            }
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
                s.confidence = 0.8;
                s.rule = "clause after '… and said' (the sentence's subject speaks)".into();
            }
            out.push(s);
            floor = end;
            i = end.max(i);
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
    opening_subject(toks, floor, k)
}

/// The subject opening the sentence (from `floor`, before `limit`): a
/// pronoun or a name, after "But"/"And".
fn opening_subject(toks: &[Tok<'_>], floor: usize, limit: usize) -> Option<(usize, usize)> {
    let k = limit;
    let mut f = floor;
    while f < k && matches!(toks[f].lower().as_str(), "but" | "and" | "still" | "yet" | "so" | "then") {
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
    let quoted = words::toks_have_quote(&toks[first.0..first.1]) || words::toks_have_quote(&toks[start2..end2]);
    let kind = if quoted { QuoteKind::Mixed } else { QuoteKind::Indirect };
    Some(Suggestion {
        target: Target::Quote(kind),
        fragments: vec![range(toks, first.0, first.1), range(toks, start2, end2)],
        speaker: Some(range(toks, sa, sb)),
        cue: Some(range(toks, verb, verb + 1)),
        person: None,
        confidence: 0.8,
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

fn range(toks: &[Tok<'_>], a: usize, b: usize) -> CharRange {
    CharRange::new(toks[a].start, toks[b - 1].end)
}

fn word_count(toks: &[Tok<'_>]) -> usize {
    toks.iter().filter(|t| t.is_word()).count()
}

/// Direct (one whole quotation: rules for direct quotes handle it), mixed
/// (quote marks inside) or indirect, for the clause `[a, b)`.
fn kind_of(toks: &[Tok<'_>], a: usize, b: usize) -> Option<QuoteKind> {
    if !words::toks_have_quote(&toks[a..b]) {
        return Some(QuoteKind::Indirect);
    }
    let opens = is_quote_tok(&toks[a]) && toks[a].text != "’";
    let mut e = b;
    while e > a && matches!(toks[e - 1].text, "." | "," | "?" | "!") {
        e -= 1;
    }
    let closes = e > a && is_quote_tok(&toks[e - 1]);
    if opens && closes {
        // One quotation from the start to the end: direct, unless its
        // marks close and reopen inside ("“a” and “b”").
        if e < a + 2 || !words::toks_have_quote(&toks[a + 1..e - 1]) {
            return None;
        }
    }
    Some(QuoteKind::Mixed)
}

/// The clause's end: the sentence end without its final period (a period
/// inside a closing quotation mark stays), or a comma before another frame.
fn clause_end(toks: &[Tok<'_>], start: usize) -> usize {
    let mut i = start;
    while i < toks.len() {
        let t = &toks[i];
        if t.text == ";" {
            return i;
        }
        if t.text == "," && i + 1 < toks.len() {
            let next = toks[i + 1].lower();
            let second = toks.get(i + 2).map(|t| t.lower()).unwrap_or_default();
            if verbs::participle(&next) || (next == "according" && second == "to") {
                return i;
            }
            if verbs::speech_verb(&next).is_some() {
                return i;
            }
            // ", he said" after the clause: another frame starts.
            if i + 2 < toks.len() && verbs::speech_verb(&second).is_some() && subject::before(toks, i + 1, i + 2).is_some() {
                return i;
            }
        }
        i += 1;
    }
    let mut end = toks.len();
    while end > start && matches!(toks[end - 1].text, "." | "," | ":" | "?" | "!" | "—" | "-") {
        end -= 1;
    }
    // `.”`: the period belongs to the quotation.
    if end < toks.len() && end > start && is_quote_tok(&toks[end - 1]) {
        return end;
    }
    if end > start && is_quote_tok(&toks[end - 1]) && end < toks.len() {
        return end;
    }
    end
}

/// Where the reported clause starts after the verb at `verb`: "that", or a
/// word that can open a clause, after an addressee for tell-verbs and a
/// short time phrase ("said on Tuesday that").
fn clause_start(toks: &[Tok<'_>], verb: usize, v: &Verb) -> Option<usize> {
    let first = verb + 1;
    let limit = (first + 8).min(toks.len());
    // "that" within a few words with nothing but words before it.
    let mut k = first;
    while k < limit && toks[k].is_word() {
        if toks[k].is("that") || (v.question && (toks[k].is("whether") || toks[k].is("if"))) {
            return (k == first || k - first <= 6).then_some(k);
        }
        // Only an addressee or a short adjunct may come between the verb
        // and "that" ("said on Tuesday that", "told CNN that"), not an
        // object ("wants a bill that …").
        let w = toks[k].lower();
        if !v.addressee && !toks[k].is_capitalised() && !ADJUNCT.contains(&w.as_str()) {
            break;
        }
        k += 1;
    }
    if v.that_only {
        return None;
    }
    let mut k = first;
    if v.addressee {
        // "told reporters he would": skip up to four words to a pronoun.
        while k < limit && k - first < 5 && toks[k].is_word() {
            if k > first && matches!(toks[k].lower().as_str(), "he" | "she" | "they" | "we" | "i" | "it" | "there") {
                return Some(k);
            }
            k += 1;
        }
        return None;
    }
    let t = toks.get(first)?;
    let lower = t.lower();
    // "he’d", "they’re": the pronoun before the apostrophe.
    let w = lower.split('\'').next().unwrap_or_default();
    if is_quote_tok(t) && t.text != "’" {
        return Some(first);
    }
    let opens = matches!(
        w,
        "he" | "she" | "they" | "we" | "i" | "you" | "it" | "there" | "the" | "a" | "an" | "his" | "her"
            | "their" | "its" | "our" | "my" | "your" | "some" | "many" | "most" | "no" | "all" | "if"
            | "whether" | "this" | "these" | "those" | "both" | "every" | "each" | "several" | "more"
            | "none" | "nobody" | "everyone" | "people" | "americans" | "voters"
    ) || (t.is_capitalised() && w != "i")
        || t.text.chars().next().is_some_and(|c| c.is_ascii_digit());
    opens.then_some(first)
}

/// `X said (that) CLAUSE`.
fn clause_after(toks: &[Tok<'_>], speaker: (usize, usize), verb: usize, v: &Verb) -> Option<(Suggestion, usize)> {
    let start = clause_start(toks, verb, v)?;
    let end = clause_end(toks, start);
    if end <= start || word_count(&toks[start..end]) < MIN_WORDS {
        return None;
    }
    let kind = kind_of(toks, start, end)?;
    let that = toks[start].is("that");
    let confidence = match (kind, that) {
        (QuoteKind::Indirect, true) => 0.9,
        (QuoteKind::Indirect, false) => 0.85,
        _ => 0.85,
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

/// What may follow the verb of a closing frame before the sentence ends:
/// a few words ("on Tuesday", "in a statement"), no clause.
fn short_tail(toks: &[Tok<'_>], from: usize) -> bool {
    let rest = &toks[from..];
    let words_left = rest.iter().filter(|t| t.is_word()).count();
    let end_ok = rest.iter().all(|t| t.is_word() || matches!(t.text, "." | "," | "’" | "'" | "!" | "?"));
    words_left <= 6 && end_ok && !rest.iter().any(|t| t.is("that"))
}

/// `CLAUSE, X said.` with the subject at `[sa, sb)`.
fn clause_before(toks: &[Tok<'_>], floor: usize, speaker: (usize, usize), verb: usize, v: &Verb) -> Option<Suggestion> {
    let (sa, sb) = speaker;
    if sa <= floor || toks[sa - 1].text != "," || !short_tail(toks, verb + 1) || v.that_only {
        return None;
    }
    let start = floor;
    let end = sa - 1;
    closing_frame(toks, start, end, (sa, sb), verb, "clause followed by ', X said'")
}

/// `CLAUSE, said X.`
fn clause_before_inverted(toks: &[Tok<'_>], floor: usize, verb: usize, v: &Verb) -> Option<Suggestion> {
    if !v.inverts {
        return None;
    }
    let (sa, sb) = subject::after(toks, verb, toks.len())?;
    if !short_tail(toks, sb) {
        return None;
    }
    closing_frame(toks, floor, verb - 1, (sa, sb), verb, "clause followed by ', said X'")
}

fn closing_frame(
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
        confidence: 0.66,
        rule: rule.into(),
    })
}

/// `According to X, CLAUSE` and `CLAUSE, according to X.`
fn according_to(toks: &[Tok<'_>], inside: &[bool], out: &mut Vec<Suggestion>) {
    let Some(i) = (0..toks.len().saturating_sub(1)).find(|&i| !inside[i] && toks[i].is("according") && toks[i + 1].is("to")) else {
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
        if end <= start || word_count(&toks[start..end]) < MIN_WORDS {
            return;
        }
        let Some(kind) = kind_of(toks, start, end) else {
            return;
        };
        out.push(Suggestion {
            target: Target::Quote(kind),
            fragments: vec![range(toks, start, end)],
            speaker: Some(range(toks, i + 2, comma)),
            cue: Some(cue),
            person: None,
            confidence: 0.9,
            rule: "clause after 'according to X,'".into(),
        });
    } else if i > 0 && toks[i - 1].text == "," {
        // CLAUSE, according to X.
        let mut b = i + 2;
        while b < toks.len() && !matches!(toks[b].text, "," | "." | ";" | ":" | "?" | "!") {
            b += 1;
        }
        if b == i + 2 || !short_tail(toks, b) {
            return;
        }
        let end = i - 1;
        let start = 0;
        if end <= start || word_count(&toks[start..end]) < MIN_WORDS {
            return;
        }
        let Some(kind) = kind_of(toks, start, end) else {
            return;
        };
        out.push(Suggestion {
            target: Target::Quote(kind),
            fragments: vec![range(toks, start, end)],
            speaker: Some(range(toks, i + 2, b)),
            cue: Some(cue),
            person: None,
            confidence: 0.95,
            rule: "clause followed by ', according to X'".into(),
        });
    }
}
