//! Naming frames: `X called Y “Z”`, `calling him “a total stiff”`,
//! `X referred to Y as “Z”`, `X described Y as “Z”`. The quoted words are
//! the speaker's, and the named thing belongs to the content (PolNeAR's
//! convention: "him “a total stiff.”" is one mixed content, cue the verb).
//!
//! Only active frames with a named object and a subject are taken: "a
//! group called “X”", "what is called “Y”" and "called for" are not quotes
//! of anyone named.

use super::clause::{clause_end, kind_of, range};
use super::line_words::{Tok, is_quote_tok};
use super::subject;
use crate::suggest::{QuoteKind, Suggestion, Target};

/// The verbs that name something, in every form (hand-written).
const NAMING: &[&str] = &[
    "call",
    "calls",
    "called",
    "calling",
    "dub",
    "dubs",
    "dubbed",
    "dubbing",
    "label",
    "labels",
    "labeled",
    "labelled",
    "labeling",
    "labelling",
    "brand",
    "brands",
    "branded",
    "branding",
];
/// The verbs that take `Y as “Z”`.
const AS_VERBS: &[&str] = &[
    "describe",
    "describes",
    "described",
    "describing",
    "refer",
    "refers",
    "referred",
    "referring",
    "characterize",
    "characterizes",
    "characterized",
    "characterizing",
    "portray",
    "portrays",
    "portrayed",
    "portraying",
];

/// Verbs of judging that take their object, a preposition and the
/// speaker's words (`dismissed the report as “absurd”`, `blamed the law
/// on “reckless politicians”`, `accused them of “lying”`, `mocked Smith
/// for “having a tough night”`), with the prepositions each takes.
/// Hand-written from general English usage.
#[rustfmt::skip]
const JUDGING: &[(&[&str], &[&str])] = &[
    (&["dismiss", "dismisses", "dismissed", "dismissing", "denounce", "denounces", "denounced",
       "denouncing", "deride", "derides", "derided", "deriding", "decry", "decries", "decried",
       "decrying", "ridicule", "ridicules", "ridiculed", "ridiculing", "cast", "casts", "casting",
       "paint", "paints", "painted", "painting", "hail", "hails", "hailed", "hailing", "tout",
       "touts", "touted", "touting", "defend", "defends", "defended", "defending",
       "condemn", "condemns", "condemned", "condemning", "reject", "rejects", "rejected",
       "rejecting"], &["as"]),
    (&["blame", "blames", "blamed", "blaming"], &["on", "for"]),
    (&["accuse", "accuses", "accused", "accusing"], &["of"]),
    (&["mock", "mocks", "mocked", "mocking", "criticize", "criticizes", "criticized",
       "criticizing", "criticise", "criticised", "slam", "slams", "slammed", "slamming", "blast",
       "blasts", "blasted", "blasting", "fault", "faults", "faulted", "faulting", "praise",
       "praises", "praised", "praising", "credit", "credits", "credited", "crediting", "attack",
       "attacks", "attacked", "attacking", "chide", "chides", "chided", "chiding", "scold",
       "scolds", "scolded", "scolding"], &["for", "as"]),
];

/// The prepositions that must stand between the object and the quoted
/// words after `verb` (lower case), if it is a verb that takes them.
fn prepositions(verb: &str) -> Option<&'static [&'static str]> {
    if AS_VERBS.contains(&verb) {
        return Some(&["as"]);
    }
    JUDGING
        .iter()
        .find(|(forms, _)| forms.contains(&verb))
        .map(|(_, preps)| *preps)
}

/// Most words between the preposition and the opening mark (`as part
/// of the “…”`, `of engaging in “…”`).
const AFTER_PREPOSITION: usize = 3;

/// Words after a naming verb that make it something else ("called for").
const PARTICLES: &[&str] = &[
    "for", "on", "off", "up", "out", "in", "back", "into", "upon", "it", "to", "by", "from", "with", "at",
];
/// Words before a naming verb that make it passive or a description.
const PASSIVE: &[&str] = &[
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "being",
    "so",
    "'s",
    "also",
    "often",
    "informally",
];
/// The most words the named object may have.
const MAX_OBJECT: usize = 8;

/// The naming frame whose verb is `toks[verb]`, if any: a mixed quote from
/// the object through the closing mark, the speaker the verb's subject
/// (the sentence's opening subject for ", calling …"), the cue the verb.
/// `inside` flags the tokens inside quotation marks; `opening` finds the
/// sentence's opening subject before a token.
pub fn frame(
    toks: &[Tok<'_>],
    inside: &[bool],
    verb: usize,
    opening: impl Fn(usize) -> Option<(usize, usize)>,
) -> Option<Suggestion> {
    let lower = toks[verb].lower();
    let preps = prepositions(&lower);
    let as_verb = preps.is_some();
    if inside[verb] || !(as_verb || NAMING.contains(&lower.as_str())) {
        return None;
    }
    if verb > 0 && PASSIVE.contains(&toks[verb - 1].lower().as_str()) {
        return None;
    }
    let mut obj = verb + 1;
    if as_verb && lower.starts_with("refer") {
        if !toks.get(obj)?.is("to") {
            return None;
        }
        obj += 1;
    }
    let first = toks.get(obj)?;
    if !first.is_word() || (!as_verb && PARTICLES.contains(&first.lower().as_str()) && !first.is("it")) {
        return None;
    }
    // The object's words, then (for the "as" verbs) "as", then the mark.
    let mut q = obj;
    while q < toks.len() && q - obj <= MAX_OBJECT && toks[q].is_word() && !inside[q] {
        q += 1;
    }
    let open = toks.get(q)?;
    if q == obj || !is_quote_tok(open) || !inside[q] || matches!(open.text, "”" | "’") {
        return None;
    }
    // The preposition right before the mark or a few words before it,
    // after at least one word of the object.
    if let Some(preps) = preps {
        let from = q.saturating_sub(AFTER_PREPOSITION + 1).max(obj + 1);
        if !(from..q).any(|k| preps.iter().any(|p| toks[k].is(p))) {
            return None;
        }
    }
    // The quotation's end: the last token still inside it.
    let mut end = q;
    while end + 1 < toks.len() && inside[end + 1] {
        end += 1;
    }
    if end == q {
        return None;
    }
    let speaker = if verb > 0 && toks[verb - 1].text == "," && lower.ends_with("ing") {
        opening(verb - 1)
    } else {
        subject::before(toks, 0, verb)
    }?;
    Some(Suggestion {
        target: Target::Quote(QuoteKind::Mixed),
        fragments: vec![range(toks, obj, end + 1)],
        speaker: Some(range(toks, speaker.0, speaker.1)),
        cue: Some(range(toks, verb, verb + 1)),
        person: None,
        confidence: 0.85,
        rule: "naming frame 'X called Y “Z”'".into(),
    })
}

/// Nouns of saying that take a "that" clause ("his claim that …").
const CLAIM_NOUNS: &[&str] = &[
    "claim",
    "claims",
    "assertion",
    "assertions",
    "statement",
    "suggestion",
    "insistence",
    "contention",
    "promise",
    "pledge",
    "warning",
    "argument",
    "remark",
    "remarks",
    "comment",
    "comments",
    "charge",
    "accusation",
    "allegation",
    "declaration",
    "boast",
    "vow",
];

/// `his claim that “…”` / `Trump's assertion that … “…”`: a mixed quote
/// from "that" to the clause's end, cue the noun, speaker the possessor
/// (a possessive word at most three words before the noun), which must
/// be there: without it the speaker is too often wrong.
pub fn noun_frame(toks: &[Tok<'_>], inside: &[bool], noun: usize) -> Option<Suggestion> {
    if inside[noun] || !CLAIM_NOUNS.contains(&toks[noun].lower().as_str()) || !toks.get(noun + 1)?.is("that")
    {
        return None;
    }
    let start = noun + 1;
    let end = clause_end(toks, start);
    if end <= start + 2 || kind_of(toks, start, end)? != QuoteKind::Mixed {
        return None;
    }
    let possessor = (noun.saturating_sub(3)..noun).rev().find(|&k| {
        let w = toks[k].lower();
        w.ends_with("'s") || matches!(w.as_str(), "his" | "her" | "their" | "its")
    });
    let k = possessor?;
    let mut a = k;
    while a > 0 && toks[a - 1].is_capitalised() && toks[a - 1].is_word() && k - a < 4 {
        a -= 1;
    }
    let speaker = Some(range(toks, a, k + 1));
    Some(Suggestion {
        target: Target::Quote(QuoteKind::Mixed),
        fragments: vec![range(toks, start, end)],
        speaker,
        cue: Some(range(toks, noun, noun + 1)),
        person: None,
        confidence: 0.8,
        rule: "clause with quotation marks after 'his claim that'".into(),
    })
}
