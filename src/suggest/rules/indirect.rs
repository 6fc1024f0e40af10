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

use super::subject;
use super::verbs::{self, Verb};
use super::words::{self, Tok, is_quote_tok};
use crate::model::CharRange;
use crate::suggest::{QuoteKind, Suggestion, Target};

/// Fewest words a reported clause must have to be suggested.
const MIN_WORDS: usize = 3;

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
    long.len() >= 3 && caps * 10 >= long.len() * 7
}

/// The frames of one sentence.
fn sentence(toks: &[Tok<'_>], inside: &[bool], out: &mut Vec<Suggestion>) {
    let before = out.len();
    according_to(toks, inside, out);
    if out.len() > before {
        return;
    }
    for i in 0..toks.len() {
        if inside[i] {
            continue;
        }
        let Some(verb) = verbs::speech_verb(&toks[i].lower()) else {
            continue;
        };
        let subject = subject::before(toks, 0, i);
        if subject.is_none() && i > 0 && toks[i - 1].text == "," {
            if let Some(s) = clause_before_inverted(toks, i, &verb) {
                out.push(s);
                return;
            }
            continue;
        }
        let Some((sa, sb)) = subject else {
            continue;
        };
        if passive(toks, i) {
            continue;
        }
        if let Some(s) = clause_before(toks, sa, sb, i, &verb) {
            out.push(s);
            return;
        }
        if let Some(s) = clause_after(toks, (sa, sb), i, &verb) {
            out.push(s);
            // One frame per sentence: a second verb is inside the clause.
            return;
        }
    }
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
        if toks[k].is("that") {
            return (k == first || k - first <= 6).then_some(k);
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
    let w = t.lower();
    if is_quote_tok(t) && t.text != "’" {
        return Some(first);
    }
    let opens = matches!(
        w.as_str(),
        "he" | "she" | "they" | "we" | "i" | "you" | "it" | "there" | "the" | "a" | "an" | "his" | "her"
            | "their" | "its" | "our" | "my" | "your" | "some" | "many" | "most" | "no" | "all" | "if"
            | "whether" | "this" | "these" | "those" | "both" | "every" | "each" | "several" | "more"
            | "none" | "nobody" | "everyone" | "people" | "americans" | "voters"
    ) || (t.is_capitalised() && w != "i")
        || t.text.chars().next().is_some_and(|c| c.is_ascii_digit());
    opens.then_some(first)
}

/// `X said (that) CLAUSE`.
fn clause_after(toks: &[Tok<'_>], speaker: (usize, usize), verb: usize, v: &Verb) -> Option<Suggestion> {
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
    Some(Suggestion {
        target: Target::Quote(kind),
        fragments: vec![range(toks, start, end)],
        speaker: Some(range(toks, speaker.0, speaker.1)),
        cue: Some(range(toks, verb, verb + 1)),
        person: None,
        confidence,
        rule: rule.into(),
    })
}

/// What may follow the verb of a closing frame before the sentence ends:
/// a few words ("on Tuesday", "in a statement"), no clause.
fn short_tail(toks: &[Tok<'_>], from: usize) -> bool {
    let rest = &toks[from..];
    let words_left = rest.iter().filter(|t| t.is_word()).count();
    let end_ok = rest.iter().all(|t| t.is_word() || matches!(t.text, "." | "," | "’" | "'" | "!" | "?"));
    words_left <= 6 && end_ok && !rest.iter().any(|t| t.is("that"))
}

/// Start of the clause of a closing frame: the sentence's first token,
/// after a leading "But"/"And".
fn sentence_clause_start(_toks: &[Tok<'_>]) -> usize {
    0
}

/// `CLAUSE, X said.` with the subject at `[sa, sb)`.
fn clause_before(toks: &[Tok<'_>], sa: usize, sb: usize, verb: usize, v: &Verb) -> Option<Suggestion> {
    if sa == 0 || toks[sa - 1].text != "," || !short_tail(toks, verb + 1) || v.that_only {
        return None;
    }
    let start = sentence_clause_start(toks);
    let end = sa - 1;
    closing_frame(toks, start, end, (sa, sb), verb, "clause followed by ', X said'")
}

/// `CLAUSE, said X.`
fn clause_before_inverted(toks: &[Tok<'_>], verb: usize, v: &Verb) -> Option<Suggestion> {
    if !v.inverts {
        return None;
    }
    let (sa, sb) = subject::after(toks, verb, toks.len())?;
    if !short_tail(toks, sb) {
        return None;
    }
    closing_frame(toks, sentence_clause_start(toks), verb - 1, (sa, sb), verb, "clause followed by ', said X'")
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
        let start = sentence_clause_start(toks);
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
