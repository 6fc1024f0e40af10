//! Links you can see: what an annotation is linked to, drawn in the text.
//!
//! - [`LinkMap`]: built once per document revision (never per frame over
//!   all spans): each annotation's links both ways, each quote's speaker
//!   person (its badge) and each person's quotes.
//! - `connectors`: the arcs between the ends on screen, the linked spans
//!   outlined, edge markers for the ends off screen.
//! - `badges`: the "show speakers" mode, a badge at each quote's start.
//! - `nearest` and `chooser`: keyboard linking (Ctrl+L, Ctrl+Shift+L).
//! - `offer`: tagging a quote offers the speaker and cue of its sentence.
//!
//! The pure parts (`LinkMap`, `nearest`, `offer`, [`edge_text`]) take model
//! types only and are tested without a window.

pub mod badges;
pub mod chooser;
pub mod connectors;
pub mod nearest;
pub mod offer;

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::model::{Document, TagSet, names, person_of_speaker};

/// How one annotation is tied to another, seen from the first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tie {
    /// A relation from this annotation to the other (a quote `said_by` its speaker).
    Out(String),
    /// A relation from the other to this one (a cue `cue_of` this quote).
    In(String),
    /// Another quote of the same person (through another speaker mention too).
    SamePerson,
}

/// One annotation linked to the one in focus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Linked {
    pub id: String,
    pub tie: Tie,
}

/// The most ends drawn for one annotation (a speaker of a whole book).
pub const MAX_RELATED: usize = 200;

/// What the links layer knows of one document, rebuilt when its revision changes.
#[derive(Debug, Default)]
pub struct LinkMap {
    /// The document, its people revision and its relations revision: what
    /// the map is built from (not every edit: adding an unlinked span keeps it).
    key: Option<(String, u64, u64)>,
    /// Each annotation's relations, both ways, in relation-id order.
    ties: HashMap<String, Vec<Linked>>,
    /// The person of each quote that has a speaker, and of each speaker.
    person: HashMap<String, String>,
    /// Each person's quotes, in reading order.
    quotes_of: HashMap<String, Vec<String>>,
    /// Labels that name who said something (the `to` of a speaker relation).
    speaker_labels: HashSet<String>,
    /// Labels that carry a speaker (the `from` of a speaker relation): quotes.
    quote_labels: HashSet<String>,
}

/// Relation kinds that point at the speaker: `said_by`, or any relation to a `Speaker`.
fn is_speaker_relation(tags: &TagSet, kind: &str) -> bool {
    kind == names::SAID_BY || tags.relation(kind).is_some_and(|r| r.to == names::SPEAKER)
}

impl LinkMap {
    /// Builds the map for `d` unless it is already built for what it is
    /// built from: the relations (their ends, kinds and ids) and the people
    /// (speakers and the ends of `said_by` links, their text and order).
    /// Tagging or changing a span that no link touches keeps the map, so an
    /// edit in a long article does not walk every span again.
    pub fn refresh(&mut self, d: &Document, tags: &TagSet) {
        let key = (d.id.clone(), d.people_revision(), d.relations_revision());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        *self = Self::build(d, tags);
        self.key = Some(key);
    }

    /// One pass over the annotations and one over the relations.
    pub fn build(d: &Document, tags: &TagSet) -> Self {
        let mut m = LinkMap::default();
        for r in &tags.relations {
            if is_speaker_relation(tags, &r.name) {
                m.speaker_labels.insert(r.to.clone());
                m.quote_labels.insert(r.from.clone());
            }
        }
        if tags.relations.is_empty() {
            m.speaker_labels.insert(names::SPEAKER.into());
            m.quote_labels.insert(names::QUOTE.into());
        }
        for a in d.annotations() {
            if m.speaker_labels.contains(&a.label) {
                m.person.insert(a.id.clone(), person_of_speaker(a));
            }
        }
        for r in d.relations() {
            let (Some(from), Some(to)) = (d.annotation(&r.from), d.annotation(&r.to)) else {
                continue;
            };
            m.ties.entry(r.from.clone()).or_default().push(Linked {
                id: r.to.clone(),
                tie: Tie::Out(r.kind.clone()),
            });
            m.ties.entry(r.to.clone()).or_default().push(Linked {
                id: r.from.clone(),
                tie: Tie::In(r.kind.clone()),
            });
            // A quote's person: its first speaker link (by id), as `Document::person_of_quote`.
            if is_speaker_relation(tags, &r.kind) && from.label != to.label {
                m.person
                    .entry(r.from.clone())
                    .or_insert_with(|| person_of_speaker(to));
            }
        }
        for a in d.annotations_in_order() {
            if m.quote_labels.contains(&a.label)
                && let Some(p) = m.person.get(&a.id)
            {
                m.quotes_of.entry(p.clone()).or_default().push(a.id.clone());
            }
        }
        m
    }

    /// Whether annotations labelled `label` carry a speaker badge.
    pub fn is_quote_label(&self, label: &str) -> bool {
        self.quote_labels.contains(label)
    }

    /// The person of a quote (through its speaker) or of a speaker mention.
    pub fn person(&self, id: &str) -> Option<&str> {
        self.person.get(id).map(String::as_str)
    }

    /// What `id` is linked to: its relations both ways, then the other
    /// quotes of its person; at most [`MAX_RELATED`].
    pub fn related(&self, id: &str) -> Vec<Linked> {
        let mut out: Vec<Linked> = self.ties.get(id).cloned().unwrap_or_default();
        if let Some(p) = self.person.get(id)
            && let Some(quotes) = self.quotes_of.get(p)
        {
            let mut seen: HashSet<String> = out.iter().map(|l| l.id.clone()).collect();
            seen.insert(id.to_string());
            for q in quotes {
                if out.len() >= MAX_RELATED {
                    break;
                }
                if seen.insert(q.clone()) {
                    out.push(Linked {
                        id: q.clone(),
                        tie: Tie::SamePerson,
                    });
                }
            }
        }
        out.truncate(MAX_RELATED);
        out
    }
}

/// A relation kind in words: `said_by` -> "said by".
pub fn kind_words(kind: &str) -> String {
    kind.replace('_', " ")
}

/// At most `n` chars of `s`, "…" added when cut.
pub fn elide(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().nth(n).is_some() {
        out.push('…');
    }
    out
}

/// The text of an edge marker: how the end is tied, what it is, and how
/// far: "said by Cressida Dick, 12 lines up". `rows` < 0: above the view.
pub fn edge_text(tie: &Tie, name: &str, rows: i64) -> String {
    let what = match tie {
        Tie::Out(kind) => format!("{} {name}", kind_words(kind)),
        Tie::In(kind) => format!("{name} ({} this)", kind_words(kind)),
        Tie::SamePerson => format!("same person: {name}"),
    };
    let n = rows.unsigned_abs().max(1);
    let lines = if n == 1 { "line" } else { "lines" };
    let way = if rows < 0 { "up" } else { "down" };
    format!("{what}, {n} {lines} {way}")
}

/// The view settings of this part, kept between runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkSettings {
    /// Every quote shows its speaker's person at its start.
    pub show_speakers: bool,
    /// Tagging a quote links it to its sentence's speaker and cue at once.
    pub always_link_sentence: bool,
}

/// The links' per-project state (lives in the session).
#[derive(Debug, Default)]
pub struct LinksState {
    pub map: LinkMap,
    /// The keyboard-linking chooser, while open.
    pub chooser: Option<chooser::Chooser>,
    /// Links offered after tagging a quote (Ctrl+J takes them).
    pub offer: Option<offer::Offer>,
}

#[cfg(test)]
mod tests;
