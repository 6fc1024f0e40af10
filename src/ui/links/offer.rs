//! Tagging a quote whose sentence already holds a tagged speaker and cue
//! ("Ms Dick said …") offers those links at once: [`sentence_offer`] finds
//! them, [`Offer::edit`] makes them one undoable step.

use crate::model::{Annotation, CharRange, Document, Edit, Relation, TagSet, new_id};

/// How far a sentence is looked for on each side of the quote, in chars
/// (a paragraph without a full stop must not make tagging slow).
const REACH: usize = 2_000;

/// One link offered: `from` -> `to` with relation `kind`; `other` is the
/// end that is not the quote, `text` its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfferedLink {
    pub kind: String,
    pub from: String,
    pub to: String,
    pub other: String,
    pub label: String,
    pub text: String,
}

/// The links offered for a quote just tagged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    pub quote: String,
    pub links: Vec<OfferedLink>,
}

/// Whether `c` ends a sentence when followed by a space (or the end).
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// Closing marks that may stand between a full stop and the space after it.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '」' | '』')
}

/// The sentence(s) holding chars `r` of `text`: from after the last
/// sentence end (or line break) before `r.start` to the first one after
/// `r.end`, within [`REACH`] chars on each side. Char offsets.
pub fn sentence_around(d: &Document, r: CharRange) -> CharRange {
    let len = d.char_len();
    let lo = r.start.saturating_sub(REACH);
    let hi = (r.end + REACH).min(len);
    let before: Vec<char> = d
        .slice(CharRange {
            start: lo,
            end: r.start,
        })
        .chars()
        .collect();
    let mut start = lo;
    for i in (0..before.len()).rev() {
        let c = before[i];
        if c == '\n' {
            start = lo + i + 1;
            break;
        }
        if c.is_whitespace() && i > 0 {
            // "… end.” Next": the space after a sentence end (and its closers).
            let mut j = i;
            while j > 0 && is_closer(before[j - 1]) {
                j -= 1;
            }
            if j > 0 && ends_sentence(before[j - 1]) {
                start = lo + i + 1;
                break;
            }
        }
    }
    let after: Vec<char> = d
        .slice(CharRange {
            start: r.end,
            end: hi,
        })
        .chars()
        .collect();
    let mut end = hi;
    let mut i = 0;
    // A quote ending in a full stop ("we act.”) ends its sentence.
    let last = d
        .slice(CharRange {
            start: r.start,
            end: r.end,
        })
        .chars()
        .next_back();
    if last.is_some_and(ends_sentence) {
        let j = after.iter().take_while(|c| is_closer(**c)).count();
        if j == after.len() || after[j].is_whitespace() {
            return CharRange {
                start,
                end: r.end + j,
            };
        }
    }
    while i < after.len() {
        let c = after[i];
        if c == '\n' {
            end = r.end + i;
            break;
        }
        if ends_sentence(c) {
            let mut j = i + 1;
            while j < after.len() && is_closer(after[j]) {
                j += 1;
            }
            if j == after.len() || after[j].is_whitespace() {
                end = r.end + j;
                break;
            }
        }
        i += 1;
    }
    CharRange { start, end }
}

fn distance(a: CharRange, b: CharRange) -> usize {
    if b.end <= a.start {
        a.start - b.end
    } else {
        b.start.saturating_sub(a.end)
    }
}

fn describe(kind: &str, from: &Annotation, to: &Annotation, other: &Annotation) -> OfferedLink {
    OfferedLink {
        kind: kind.into(),
        from: from.id.clone(),
        to: to.id.clone(),
        other: other.id.clone(),
        label: other.label.clone(),
        text: other.covered_text(),
    }
}

/// The links to offer for quote `quote_id`: the nearest annotation in its
/// sentence it may link to (its speaker), unless it has such a link, and
/// the nearest one there that may link to it (its cue), unless that one is
/// linked so already. `None` when there is nothing to offer.
pub fn sentence_offer(d: &Document, tags: &TagSet, quote_id: &str) -> Option<Offer> {
    let q = d.annotation(quote_id)?;
    let hull = q.hull();
    let sentence = sentence_around(d, hull);
    let mut best_out: Option<(usize, OfferedLink)> = None;
    let mut best_in: Option<(usize, OfferedLink)> = None;
    let mut seen = std::collections::HashSet::new();
    for (_, id) in d.index().fragments_in(sentence) {
        if id == q.id || !seen.insert(id) {
            continue;
        }
        let Some(a) = d.annotation(id) else { continue };
        let dist = distance(hull, a.hull());
        if a.hull().overlaps(&hull) {
            continue;
        }
        if let Some(def) = tags.relation_between(&q.label, &a.label)
            && !d
                .relations_of(&q.id)
                .any(|r| r.from == q.id && r.kind == def.name)
            && best_out.as_ref().is_none_or(|(b, _)| dist < *b)
        {
            best_out = Some((dist, describe(&def.name, q, a, a)));
        }
        if let Some(def) = tags.relation_between(&a.label, &q.label)
            && !d
                .relations_of(&a.id)
                .any(|r| r.from == a.id && r.kind == def.name)
            && best_in.as_ref().is_none_or(|(b, _)| dist < *b)
        {
            best_in = Some((dist, describe(&def.name, a, q, a)));
        }
    }
    let links: Vec<OfferedLink> = best_out.into_iter().chain(best_in).map(|(_, l)| l).collect();
    (!links.is_empty()).then(|| Offer {
        quote: q.id.clone(),
        links,
    })
}

impl Offer {
    /// The prompt: "Link to speaker 'Ms Dick' and cue 'said'? Ctrl+J".
    pub fn prompt(&self, key: &str) -> String {
        let parts: Vec<String> = self
            .links
            .iter()
            .map(|l| format!("{} '{}'", l.label.to_lowercase(), super::elide(&l.text, 40)))
            .collect();
        format!("Link to {}? {key}", parts.join(" and "))
    }

    /// Still applies to `d`: every end exists and no link is there yet.
    pub fn is_valid(&self, d: &Document) -> bool {
        self.links.iter().all(|l| {
            d.annotation(&l.from).is_some()
                && d.annotation(&l.to).is_some()
                && !d
                    .relations_of(&l.from)
                    .any(|r| r.from == l.from && r.kind == l.kind)
        })
    }

    /// All links as one edit (one undo step), with fresh ids by `prefix`.
    pub fn edit(&self, doc: usize, prefix: &str) -> Edit {
        Edit::Batch(
            self.links
                .iter()
                .map(|l| Edit::AddRelation {
                    doc,
                    relation: Relation {
                        id: new_id(prefix),
                        kind: l.kind.clone(),
                        from: l.from.clone(),
                        to: l.to.clone(),
                        attributes: Default::default(),
                    },
                })
                .collect(),
        )
    }
}
