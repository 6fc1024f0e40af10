//! The frame around a quoted piece: who said it and with which verb.
//!
//! After the quote (`…,” Smith said`, `…,” said Smith`, `…,” she told the
//! committee`, `…,” according to Smith`), before it (`Smith said: “…”`,
//! `Smith said that “…”`, a lead-in `Smith said the plan was “…”`), or a
//! participle (`…, adding “…”`). The cue is the verb ("according to" for
//! that frame); the speaker is the whole mention (see [`super::speaker`]);
//! for tell/ask verbs the noun after the verb is the addressee.

use super::cues::{is_addressed, is_core_verb, is_noun_marker, is_participle, is_speech_verb};
use super::inside;
use super::marks::Piece;
use super::speaker;
use super::words::{Kind, Tok, end_before, ends_sentence, first_at_or_after, is_punct, is_quote_tok, lower};
use crate::model::CharRange;

/// Where the frame stands and how much it is trusted.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Frame {
    pub cue: CharRange,
    pub speaker: Option<CharRange>,
    /// Where a mixed quote's content starts (the lead-in or "that"); `None`
    /// for a direct quote.
    pub lead_in: Option<usize>,
    /// The words before a parenthetical frame (`South Carolina, he said,
    /// was “…”`): the first fragment of a mixed quote.
    pub prefix: Option<CharRange>,
    /// The char just past the frame (its closing comma, colon or period).
    pub end: usize,
    /// Whether the frame stands after the quote.
    pub after: bool,
    pub confidence: f32,
    pub rule: &'static str,
}

/// Tokens a frame may span at most.
const REACH: usize = 25;

fn word_is(c: &[char], toks: &[Tok], i: usize, w: &str) -> bool {
    toks.get(i)
        .is_some_and(|t| t.kind == Kind::Word && lower(c, t) == w)
}

/// A speech verb as a frame's cue: lower case (not a name like "Says").
/// Not after a determiner or preposition ("the report", "a post", "in
/// comments"), where the word is a noun.
fn speech_verb_at(c: &[char], toks: &[Tok], i: usize) -> bool {
    let Some(t) = toks.get(i) else {
        return false;
    };
    let w = lower(c, t);
    t.kind == Kind::Word
        && c[t.start].is_lowercase()
        && !w.ends_with("ing")
        && is_speech_verb(&w)
        && !(i > 0 && toks[i - 1].kind == Kind::Word && is_noun_marker(&lower(c, &toks[i - 1])))
        && (!noun_too(&w) || (i > 0 && subject_like(c, &toks[i - 1])))
}

/// Verbs of saying that are more often nouns in news ("45 states", "a
/// Trumpian post", "at one point").
fn noun_too(w: &str) -> bool {
    matches!(w, "state" | "states" | "post" | "posts" | "point" | "points")
}

/// A word that may end a verb's subject right before it: a capitalised
/// word (a name) or a pronoun.
fn subject_like(c: &[char], t: &Tok) -> bool {
    t.kind == Kind::Word
        && (c[t.start].is_uppercase()
            || matches!(
                lower(c, t).as_str(),
                "he" | "she" | "they" | "we" | "i" | "it" | "who"
            ))
}

fn blocks(c: &[char], t: &Tok) -> bool {
    ends_sentence(c, t) || is_quote_tok(c, t)
}

/// The char just past a frame whose last word (verb or speaker) ends at
/// `last`: past one comma, colon or sentence end right there, or `last`.
fn frame_end(c: &[char], toks: &[Tok], last: usize) -> usize {
    let i = first_at_or_after(toks, last);
    match toks.get(i) {
        Some(t) if ends_sentence(c, t) && t.kind != Kind::Break => t.end,
        Some(t) if is_punct(c, t, ',') || is_punct(c, t, ':') => t.end,
        _ => last,
    }
}

/// The end of the frame's words: its speaker when it follows the verb.
fn words_end(cue: CharRange, speaker: Option<CharRange>) -> usize {
    speaker.map_or(cue.end, |s| s.end.max(cue.end))
}

/// The char before the closing mark, and the mark's length.
pub(crate) fn inner_last(c: &[char], r: CharRange) -> Option<char> {
    let mark = if r.end >= 2 && c[r.end - 1] == '\'' && c[r.end - 2] == '\'' {
        2
    } else {
        1
    };
    (r.end > r.start + mark).then(|| c[r.end - mark - 1])
}

/// The frame after a closed piece.
pub(crate) fn after(c: &[char], toks: &[Tok], p: &Piece) -> Option<Frame> {
    if p.open_end {
        return None;
    }
    let inner = inner_last(c, p.range)?;
    let mut j = first_at_or_after(toks, p.range.end);
    let outer_comma = toks.get(j).is_some_and(|t| is_punct(c, t, ','));
    if outer_comma {
        j += 1;
    }
    let soft = outer_comma || matches!(inner, ',' | '?' | '!' | '—' | '–' | '-' | '…');
    let first = toks.get(j).filter(|t| t.kind == Kind::Word)?;
    if word_is(c, toks, j, "according") && word_is(c, toks, j + 1, "to") {
        let spk = speaker::after(c, toks, j + 2);
        return Some(Frame {
            cue: CharRange {
                start: first.start,
                end: toks[j + 1].end,
            },
            speaker: spk,
            lead_in: None,
            prefix: None,
            end: frame_end(
                c,
                toks,
                words_end(
                    CharRange {
                        start: first.start,
                        end: toks[j + 1].end,
                    },
                    spk,
                ),
            ),
            after: true,
            confidence: 0.95,
            rule: "quote followed by ', according to X'",
        });
    }
    // `said Smith`: only the common verbs invert ("reassure the public" is
    // no frame).
    if speech_verb_at(c, toks, j) && is_core_verb(&lower(c, first)) && !is_participle(&lower(c, first)) {
        let spk = speaker::after(c, toks, j + 1)?;
        return Some(Frame {
            cue: CharRange {
                start: first.start,
                end: first.end,
            },
            speaker: Some(spk),
            lead_in: None,
            prefix: None,
            end: frame_end(c, toks, spk.end),
            after: true,
            confidence: if soft { 0.97 } else { 0.85 },
            rule: "quote followed by ', said X'",
        });
    }
    let limit = (j + REACH).min(toks.len());
    let m = (j + 1..limit)
        .take_while(|&m| !blocks(c, &toks[m]))
        .find(|&m| speech_verb_at(c, toks, m))?;
    let spk = speaker::before(c, toks, m, j)
        .filter(|r| r.start == first.start)
        .or_else(|| {
            // A long apposition with "and" or "who" in it, after a comma.
            let opens_mention =
                c[first.start].is_uppercase() || matches!(lower(c, first).as_str(), "the" | "a" | "an");
            (soft && opens_mention)
                .then(|| speaker::between(c, toks, j, m))
                .flatten()
        })?;
    if !soft && !frame_closes_sentence(c, toks, m) {
        return None;
    }
    let verb = &toks[m];
    let (cue, spk) = speaker::according_after(c, toks, m + 1).unwrap_or((
        CharRange {
            start: verb.start,
            end: verb.end,
        },
        spk,
    ));
    Some(Frame {
        cue,
        speaker: Some(spk),
        lead_in: None,
        prefix: None,
        end: frame_end(c, toks, verb_phrase_end(toks, m)),
        after: true,
        confidence: if soft { 0.95 } else { 0.8 },
        rule: if is_addressed(&lower(c, verb)) {
            "quote followed by ', X told Y'"
        } else {
            "quote followed by ', X said'"
        },
    })
}

/// The end of `said` or `told the committee` (the addressee of a tell
/// verb, or a short time phrase, up to a comma or sentence end).
fn verb_phrase_end(toks: &[Tok], verb: usize) -> usize {
    let mut end = toks[verb].end;
    for t in toks.iter().skip(verb + 1).take(8) {
        if t.kind != Kind::Word {
            break;
        }
        end = t.end;
    }
    end
}

/// After `“…quote.” Smith said`: the frame must end its sentence within a
/// few words, or the verb introduces a new statement.
fn frame_closes_sentence(c: &[char], toks: &[Tok], verb: usize) -> bool {
    for t in toks.iter().skip(verb + 1).take(8) {
        if ends_sentence(c, t) || is_quote_tok(c, t) || is_punct(c, t, ':') {
            return true;
        }
        if t.kind == Kind::Word && lower(c, t) == "that" {
            return false;
        }
    }
    false
}

/// The token index a frame before piece `p` ends at: just before its mark,
/// or, for a paragraph that is all quote, after the colon ending the
/// previous paragraph (`Jared Potts echoed:` then the quote below).
pub(crate) fn frame_limit(c: &[char], toks: &[Tok], p: &Piece) -> usize {
    let k = end_before(toks, p.range.start);
    if !p.at_para_start {
        return k;
    }
    let mut kk = k;
    while kk > 0 && toks[kk - 1].kind == Kind::Break {
        kk -= 1;
    }
    if kk < k && kk > 0 && is_punct(c, &toks[kk - 1], ':') {
        kk
    } else {
        k
    }
}

/// The frame before a piece: `X said: “…”`, `X said that “…”`, a lead-in,
/// a participle or `According to X, “…”`.
pub(crate) fn before(c: &[char], toks: &[Tok], p: &Piece) -> Option<Frame> {
    let k = frame_limit(c, toks, p);
    let mut s = k;
    while s > 0 && k - s < 40 && !blocks(c, &toks[s - 1]) {
        s -= 1;
    }
    if s == k {
        return None;
    }
    // "According to X, “…”"
    if let Some(a) = (s..k).find(|&i| word_is(c, toks, i, "according") && word_is(c, toks, i + 1, "to")) {
        let spk = speaker::after(c, toks, a + 2);
        let last = &toks[k - 1];
        if spk.is_some() && (is_punct(c, last, ',') || is_punct(c, last, ':')) {
            return Some(Frame {
                cue: CharRange {
                    start: toks[a].start,
                    end: toks[a + 1].end,
                },
                speaker: spk,
                lead_in: None,
                prefix: None,
                end: p.range.start,
                after: false,
                confidence: 0.93,
                rule: "'according to X,' before the quote",
            });
        }
    }
    // The nearest common verb of saying, else the nearest of the wider lexicon.
    let v = (s..k)
        .rev()
        .find(|&i| {
            (speech_verb_at(c, toks, i) && is_core_verb(&lower(c, &toks[i])))
                || participle_at(c, toks, i)
                || bare_participle_at(c, toks, i, k)
        })
        .or_else(|| (s..k).rev().find(|&i| speech_verb_at(c, toks, i)))?;
    let between = &toks[v + 1..k];
    let verb = &toks[v];
    let w = lower(c, verb);
    let participle = is_participle(&w);
    let punct_led = between
        .last()
        .is_some_and(|t| is_punct(c, t, ':') || is_punct(c, t, ','));
    let that = (v + 1..k).find(|&i| word_is(c, toks, i, "that"));
    // `But, he said, “…”`: a connective before the frame opens the quote.
    let connective = toks.get(s).is_some_and(|t| {
        matches!(
            lower(c, t).as_str(),
            "but"
                | "and"
                | "so"
                | "instead"
                | "still"
                | "yet"
                | "however"
                | "now"
                | "if"
                | "because"
                | "otherwise"
                | "indeed"
                | "rather"
        ) || (lower(c, t) == "in" && toks.get(s + 1).is_some_and(|n| lower(c, n) == "other"))
    });
    if between.len() == 1
        && !participle
        && connective
        && let Some(f) = inside::parenthetical(c, toks, s, v, k)
    {
        return Some(f);
    }
    let (lead_in, confidence, rule): (Option<usize>, f32, &str) = if between.is_empty()
        || (punct_led && that.is_none() && between.len() <= 12 && !inside::has_clause(c, between))
    {
        (None, 0.9, "'X said:' before the quote")
    } else if let Some(t) = that {
        (Some(toks[t].start), 0.88, "'X said that' before the quote")
    } else if let Some(f) = inside::parenthetical(c, toks, s, v, k) {
        return Some(f);
    } else if between.len() <= 20 && !between.iter().any(|t| is_punct(c, t, ',')) {
        (
            Some(lead_in_start(c, between, is_addressed(&w)).unwrap_or(p.range.start)),
            0.8,
            "'X said' and a lead-in before the quote",
        )
    } else {
        return None;
    };
    let spk = if participle {
        // The subject may stand before an earlier quote of the sentence;
        // with no verb to find it by, the sentence's opening name.
        let s0 = sentence_start(c, toks, s, k);
        subject_of_sentence(c, toks, s0, v).or_else(|| super::loose::opening_subject(c, toks, s0, v))
    } else if v > s && word_is(c, toks, v - 1, "to") {
        // `O'Malley interjected to say: “…”`: the subject of the verb
        // the infinitive hangs on, never "to".
        let s0 = sentence_start(c, toks, s, k);
        subject_of_sentence(c, toks, s0, v - 1).or_else(|| super::loose::opening_subject(c, toks, s0, v - 1))
    } else {
        // The subject may stand further back than the frame's window in a
        // long sentence.
        speaker::before(c, toks, v, sentence_start(c, toks, s, k))
            .or_else(|| {
                // `criticized the policy and said …`: the sentence's subject
                // (which may stand before an earlier quote of the sentence:
                // `found it “charming” and called the plan “…”`).
                let joined = v > s
                    && toks[v - 1].kind == Kind::Word
                    && matches!(lower(c, &toks[v - 1]).as_str(), "and" | "but");
                joined
                    .then(|| {
                        let s0 = sentence_start(c, toks, s, k);
                        subject_of_sentence(c, toks, s0, v - 1)
                            .or_else(|| super::loose::opening_subject(c, toks, s0, v - 1))
                    })
                    .flatten()
            })
            .or_else(|| {
                // "said Smith: “…”" (not `called the plan “…”`, whose
                // object is no speaker).
                (lead_in.is_none() && v + 1 < k && !is_addressed(&w))
                    .then(|| speaker::after(c, toks, v + 1))
                    .flatten()
            })
    };
    // A lead-in with no subject found still makes the quote (its speaker
    // left for the annotator); a bare `said “…”` does not.
    if spk.is_none() && (participle || lead_in.is_none()) {
        return None;
    }
    Some(Frame {
        cue: CharRange {
            start: verb.start,
            end: verb.end,
        },
        speaker: spk,
        lead_in,
        prefix: None,
        end: p.range.start,
        after: false,
        confidence: if participle {
            confidence.min(0.85)
        } else {
            confidence
        },
        rule: if participle {
            "', adding “…”' before the quote"
        } else {
            rule
        },
    })
}

/// The first token of the sentence holding token `s` (reading back over
/// earlier quotes of the sentence, at most 80 tokens before `k`).
fn sentence_start(c: &[char], toks: &[Tok], s: usize, k: usize) -> usize {
    let mut s0 = s;
    while s0 > 0 && k - s0 < 80 && !ends_sentence(c, &toks[s0 - 1]) {
        s0 -= 1;
    }
    s0
}

fn participle_at(c: &[char], toks: &[Tok], i: usize) -> bool {
    toks.get(i)
        .is_some_and(|t| t.kind == Kind::Word && is_participle(&lower(c, t)))
        && i > 0
        && is_punct(c, &toks[i - 1], ',')
}

/// A participle right before the quote, with no comma before it (`by
/// saying “…”`, `protesters chanting “…”`, `an email saying, “…”`): only
/// a comma or colon may stand between it and the mark.
fn bare_participle_at(c: &[char], toks: &[Tok], i: usize, k: usize) -> bool {
    toks.get(i)
        .is_some_and(|t| t.kind == Kind::Word && c[t.start].is_lowercase() && is_participle(&lower(c, t)))
        && toks[i + 1..k]
            .iter()
            .all(|t| is_punct(c, t, ',') || is_punct(c, t, ':'))
}

/// The speaker of a participle frame: the subject of the sentence's first
/// speech verb, or the sentence's opening mention.
fn subject_of_sentence(c: &[char], toks: &[Tok], s: usize, v: usize) -> Option<CharRange> {
    let u = (s..v)
        .find(|&i| speech_verb_at(c, toks, i))
        .or_else(|| (s..v).find(|&i| super::loose::verb_like(c, toks, i)))?;
    speaker::before(c, toks, u, s)
}

/// Where a lead-in between a verb and its quote starts: past a time phrase
/// ("on Tuesday"), a preposition the verb governs ("called for", "warned
/// about") and, after a tell verb, its addressee pronoun ("told them").
///
/// `None` when only the verb's preposition stands before the quote
/// (`argued against “…”`): the content starts at the quote mark.
fn lead_in_start(c: &[char], between: &[Tok], addressed: bool) -> Option<usize> {
    let mut i = 0;
    let is = |i: usize, set: &[&str]| {
        between
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && set.contains(&lower(c, t).as_str()))
    };
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "again",
        "also",
    ];
    const PARTS: &[&str] = &["night", "morning", "evening", "afternoon"];
    loop {
        let from = i;
        if is(i, &["on", "last", "this"]) && is(i + 1, DAYS) {
            i += 2;
        } else if is(i, DAYS) {
            i += 1;
        }
        if i > from && is(i, PARTS) {
            i += 1;
        }
        if i == from {
            break;
        }
    }
    let preposition = is(i, &["for", "on", "about", "against", "of"]);
    if preposition || (addressed && is(i, &["him", "them", "us", "me", "reporters", "people"])) {
        i += 1;
    }
    if preposition && i == between.len() {
        return None;
    }
    // Leave at least one word before the quote mark.
    if i + 1 >= between.len() {
        i = 0;
    }
    Some(between[i].start)
}
