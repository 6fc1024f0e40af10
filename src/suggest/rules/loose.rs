//! Looser frames, tried when no verb of saying frames a quote: a
//! mention and any verb right after the quote (`“…,” Hannity pressed.`),
//! and a colon after a mention (`Carl Bialik: “…”`, `He listed them: “…”`).
//! Lower confidence than [`super::frames`].

use super::cues::{is_auxiliary, is_noun_marker, stops_after, stops_before};
use super::frames::{Frame, frame_limit, inner_last};
use super::marks::Piece;
use super::speaker;
use super::words::{Kind, Tok, ends_sentence, first_at_or_after, is_punct, is_quote_tok, lower};
use crate::model::CharRange;
use crate::suggest::lexicon;

/// A lower-case word that reads as a finite verb ("pressed", "recalls").
pub(crate) fn verb_like(c: &[char], toks: &[Tok], i: usize) -> bool {
    let Some(t) = toks
        .get(i)
        .filter(|t| t.kind == Kind::Word && c[t.start].is_lowercase())
    else {
        return false;
    };
    let w = lower(c, t);
    let shaped =
        (w.ends_with("ed") && w.len() > 3) || (w.ends_with('s') && !w.ends_with("ss") && w.len() > 3);
    shaped
        && !stops_after(&w)
        && !stops_before(&w)
        && !is_auxiliary(&w)
        && !is_noun_marker(&w)
        && !(i > 0 && toks[i - 1].kind == Kind::Word && is_noun_marker(&lower(c, &toks[i - 1])))
}

/// `“…,” Hannity pressed.`: a soft-closed quote, a short mention, a verb,
/// and the sentence ends within a few words.
pub(crate) fn after_any_verb(c: &[char], toks: &[Tok], p: &Piece) -> Option<Frame> {
    if p.open_end || !matches!(inner_last(c, p.range)?, ',' | '?' | '!') {
        return None;
    }
    let j = first_at_or_after(toks, p.range.end);
    let first = toks.get(j).filter(|t| t.kind == Kind::Word)?;
    let w = lower(c, first);
    if !(c[first.start].is_uppercase() || lexicon::is_speaker_pronoun(&w) || w == "the") {
        return None;
    }
    let m = (j + 1..(j + 8).min(toks.len()))
        .take_while(|&m| !ends_sentence(c, &toks[m]) && !is_quote_tok(c, &toks[m]))
        .find(|&m| verb_like(c, toks, m))?;
    let closes = toks
        .iter()
        .skip(m + 1)
        .take(7)
        .find(|t| ends_sentence(c, t) || is_punct(c, t, ',') || is_quote_tok(c, t))
        .is_some_and(|t| !is_quote_tok(c, t));
    let spk = speaker::before(c, toks, m, j).filter(|r| r.start == first.start)?;
    if !closes
        || toks[j..m]
            .iter()
            .any(|t| t.kind == Kind::Word && lower(c, t) == "that")
    {
        return None;
    }
    let verb = &toks[m];
    Some(Frame {
        cue: CharRange {
            start: verb.start,
            end: verb.end,
        },
        speaker: Some(spk),
        lead_in: None,
        prefix: None,
        end: verb.end,
        after: true,
        confidence: 0.75,
        rule: "quote followed by ', X <verb>'",
    })
}

/// `Carl Bialik: “…”` or `He listed them: “…”`: a colon before the quote;
/// the speaker is a short name right before it, or the sentence's subject.
pub(crate) fn colon_before(c: &[char], toks: &[Tok], p: &Piece) -> Option<Frame> {
    let k = frame_limit(c, toks, p);
    if k < 2 || !is_punct(c, &toks[k - 1], ':') {
        return None;
    }
    let mut s = k - 1;
    while s > 0 && !ends_sentence(c, &toks[s - 1]) && !is_quote_tok(c, &toks[s - 1]) && k - s < 40 {
        s -= 1;
    }
    // A name alone before the colon ("Rep. Trey Gowdy (R-S.C.):").
    let mut n = k - 1;
    while n > s && !matches!(c[toks[n - 1].start], '-' | '—' | '–' | ',') {
        n -= 1;
    }
    let name = &toks[n..k - 1];
    let names = !name.is_empty()
        && name.len() <= 8
        && c[name[0].start].is_uppercase()
        && name
            .iter()
            .all(|t| t.kind != Kind::Word || c[t.start].is_uppercase() || t.end - t.start <= 3);
    if names {
        return Some(Frame {
            cue: CharRange {
                start: toks[k - 1].start,
                end: toks[k - 1].end,
            },
            speaker: Some(CharRange {
                start: name[0].start,
                end: name[name.len() - 1].end,
            }),
            lead_in: None,
            prefix: None,
            end: p.range.start,
            after: false,
            confidence: 0.7,
            rule: "'X:' before the quote",
        });
    }
    let v = (s..k - 1).find(|&i| {
        verb_like(c, toks, i)
            || (toks[i].kind == Kind::Word
                && c[toks[i].start].is_lowercase()
                && super::cues::is_speech_verb(&lower(c, &toks[i])))
            || (lower(c, &toks[i]) == "put" && toks.get(i + 1).is_some_and(|t| lower(c, t) == "it"))
    })?;
    let spk = speaker::before(c, toks, v, s)?;
    Some(Frame {
        cue: CharRange {
            start: toks[v].start,
            end: toks[v].end,
        },
        speaker: Some(spk),
        lead_in: None,
        prefix: None,
        end: p.range.start,
        after: false,
        confidence: 0.7,
        rule: "'X did this:' before the quote",
    })
}

/// For a quote no frame attributes: the subject of the first verb in the
/// words before it, in its sentence or, when it opens the sentence, in the
/// sentence before (same paragraph): `He also seeks “…”`.
pub(crate) fn sentence_subject(c: &[char], toks: &[Tok], p: &Piece) -> Option<Frame> {
    let k = frame_limit(c, toks, p);
    let start_of = |k: usize| {
        let mut s = k;
        while s > 0 && k - s < 40 && !ends_sentence(c, &toks[s - 1]) && !is_quote_tok(c, &toks[s - 1]) {
            s -= 1;
        }
        s
    };
    let mut s = start_of(k);
    let mut e = k;
    if s == k {
        if k == 0 || toks[k - 1].kind == Kind::Break || is_quote_tok(c, &toks[k - 1]) {
            return None;
        }
        e = k - 1;
        s = start_of(e);
    }
    let v = (s..e).find(|&i| {
        verb_like(c, toks, i)
            || (toks[i].kind == Kind::Word
                && c[toks[i].start].is_lowercase()
                && super::cues::is_speech_verb(&lower(c, &toks[i])))
    })?;
    let spk = speaker::before(c, toks, v, s)?;
    Some(Frame {
        cue: CharRange {
            start: toks[v].start,
            end: toks[v].end,
        },
        speaker: Some(spk),
        lead_in: None,
        prefix: None,
        end: p.range.start,
        after: false,
        confidence: 0.55,
        rule: "quoted sentence; speaker: the subject before it",
    })
}

/// Most tokens between the verb and the quote of [`verb_object`].
const OBJECT_WORDS: usize = 10;

/// For short quoted words no frame attributes, inside a sentence whose
/// subject does something to them (`Ms Lee called the plan “a fraud” on
/// Monday`, `He praised the deal as a “breakthrough.”`): the subject and
/// the first verb before the quote, and where the verb's object starts
/// (the mixed content's start). `None` when the quote opens its sentence
/// or no subject and verb stand before it.
pub(crate) fn verb_object(c: &[char], toks: &[Tok], p: &Piece) -> Option<(Frame, usize)> {
    let k = super::words::end_before(toks, p.range.start);
    let mut s = k;
    while s > 0 && k - s < 40 && !ends_sentence(c, &toks[s - 1]) && !is_quote_tok(c, &toks[s - 1]) {
        s -= 1;
    }
    if s == k || (s > 0 && is_quote_tok(c, &toks[s - 1])) {
        return None;
    }
    // A "-s" word is a verb only right after a name or a pronoun (not
    // "patrol areas").
    let after_subject = |i: usize| {
        let w = lower(c, &toks[i]);
        w.ends_with("ed")
            || (i > 0
                && toks[i - 1].kind == Kind::Word
                && (c[toks[i - 1].start].is_uppercase()
                    || matches!(lower(c, &toks[i - 1]).as_str(), "he" | "she" | "it" | "who")))
    };
    // "may be deployed to …": a passive's subject does not speak.
    let passive = |i: usize| {
        i > 0
            && matches!(
                lower(c, &toks[i - 1]).as_str(),
                "be" | "been" | "being" | "is" | "are" | "was" | "were"
            )
    };
    let finite = |i: usize| {
        (verb_like(c, toks, i) && after_subject(i) && !passive(i))
            || (toks[i].kind == Kind::Word
                && c[toks[i].start].is_lowercase()
                && !lower(c, &toks[i]).ends_with("ing")
                && super::cues::is_speech_verb(&lower(c, &toks[i])))
    };
    // `…, calling the plan “a fraud”`: a participle of saying after a
    // comma, whose speaker is the subject of the sentence's verb.
    let participle = |i: usize| {
        let w = lower(c, &toks[i]);
        toks[i].kind == Kind::Word
            && c[toks[i].start].is_lowercase()
            && w.ends_with("ing")
            && i > 0
            && (is_punct(c, &toks[i - 1], ',')
                || matches!(lower(c, &toks[i - 1]).as_str(), "before" | "after" | "while"))
            && (super::cues::is_speech_verb(&w) || super::cues::is_participle(&w))
    };
    // The verb nearest the quote, a few words before it.
    let v = (s.max(k.saturating_sub(OBJECT_WORDS))..k)
        .rev()
        .find(|&i| finite(i) || participle(i))?;
    toks.get(v + 1).filter(|t| t.kind == Kind::Word && v + 1 < k)?;
    // The object starts past a preposition or particle the verb governs
    // (`referred to him as “…”`, `called for “a ban”`, `sized up X as`).
    let particle = matches!(
        lower(c, &toks[v + 1]).as_str(),
        "to" | "for" | "about" | "by" | "against" | "in" | "on" | "up" | "out" | "with" | "at"
    );
    let li = if particle && (v + 2 == k || toks[v + 2].kind == Kind::Word) {
        v + 2
    } else {
        v + 1
    };
    let lead = toks[li].start;
    let subject_verb = if participle(v) {
        (s..v).find(|&i| finite(i))
    } else {
        Some(v)
    };
    // Its subject a name, a noun phrase opening with a capital, or a
    // personal pronoun: not a number or a common noun ("the allies").
    // `He held his fire, calling him a “nice guy”`: with no finite verb
    // found, the pronoun or name opening the sentence.
    let spk = match subject_verb {
        Some(u) => speaker::before(c, toks, u, s)?,
        None => opening_subject(c, toks, s, v)?,
    };
    let head = toks.get(first_at_or_after(toks, spk.start))?;
    // Any subject that may speak: a name, a pronoun for people, "the
    // campaign", "the allies", "who"; not a thing pointed at ("it",
    // "this") nor a number.
    let thing = matches!(
        lower(c, head).as_str(),
        "it" | "this" | "that" | "these" | "those" | "there" | "which" | "what"
    ) || c[spk.start].is_ascii_digit();
    if thing {
        return None;
    }
    let frame = Frame {
        cue: CharRange {
            start: toks[v].start,
            end: toks[v].end,
        },
        speaker: Some(spk),
        lead_in: Some(lead),
        prefix: None,
        end: p.range.start,
        after: false,
        confidence: 0.4,
        rule: "quoted words in the object of the subject's verb",
    };
    Some((frame, lead))
}

/// The pronoun or name (capitalised words, titles' periods included) that
/// opens the sentence at token `s`, followed by a lower-case word before
/// token `v`: `He held …`, `Ms. Ortega took …`.
pub(crate) fn opening_subject(c: &[char], toks: &[Tok], s: usize, v: usize) -> Option<CharRange> {
    // Past an opening adverb and its comma ("However, he …").
    let adverb = toks.get(s).is_some_and(|t| t.kind == Kind::Word)
        && toks.get(s + 1).is_some_and(|t| is_punct(c, t, ','));
    let s = if adverb && s + 2 < v { s + 2 } else { s };
    let first = lower(c, toks.get(s)?);
    if matches!(first.as_str(), "he" | "she" | "they" | "we") {
        return (s + 1 < v).then(|| CharRange {
            start: toks[s].start,
            end: toks[s].end,
        });
    }
    if stops_before(&first)
        || stops_after(&first)
        || is_noun_marker(&first)
        || first == "it"
        || first == "there"
    {
        return None;
    }
    let mut e = s;
    while e < v && toks[e].kind == Kind::Word && super::names::is_name_word(&text_of(c, &toks[e])) {
        e += 1;
    }
    let next = toks.get(e).filter(|_| e > s && e < v)?;
    // "Minutes later came …": a time, not a name.
    let time = matches!(
        lower(c, next).as_str(),
        "later" | "ago" | "earlier" | "after" | "before"
    );
    (next.kind == Kind::Word && c[next.start].is_lowercase() && !time).then(|| CharRange {
        start: toks[s].start,
        end: toks[e - 1].end,
    })
}

fn text_of(c: &[char], t: &Tok) -> String {
    c[t.start..t.end].iter().collect()
}
