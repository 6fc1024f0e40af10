//! Keyboard linking's candidates: the annotations nearest before and after
//! the selected one that the tag set lets it link to (or be linked from).

use crate::model::{Annotation, Document, TagSet, names};

/// Which way the link goes from the selected annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// selected -> candidate (a quote to its speaker; a cue to its quote).
    Out,
    /// candidate -> selected (a cue to the selected quote).
    In,
}

/// Which relations a chooser offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Ctrl+L: the selected annotation to its speaker (any relation from it).
    Speaker,
    /// Ctrl+Shift+L: cue -> quote, from a selected cue or to a selected quote.
    Cue,
}

/// One annotation the selected one can be linked with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub id: String,
    pub label: String,
    /// Its text (or its person, for a speaker with one).
    pub text: String,
    /// The relation kind the link would have.
    pub kind: String,
    /// The link's ends.
    pub from: String,
    pub to: String,
    /// Before the selected annotation in the text.
    pub before: bool,
    /// Chars between the two annotations (0 when they touch or overlap).
    pub distance: usize,
    /// Already linked so.
    pub linked: bool,
}

/// Up to this many on each side, then the nearest nine in all.
const PER_SIDE: usize = 5;
pub const MAX_CANDIDATES: usize = 9;

/// The way and relation kinds `purpose` uses for an annotation labelled `label`.
fn kinds(tags: &TagSet, label: &str, purpose: Purpose) -> (Way, Vec<(String, String)>) {
    let is_speaker = |name: &str, to: &str| name == names::SAID_BY || to == names::SPEAKER;
    let out: Vec<(String, String)> = tags
        .relations
        .iter()
        .filter(|r| r.from == label)
        .filter(|r| match purpose {
            Purpose::Speaker => true,
            Purpose::Cue => !is_speaker(&r.name, &r.to),
        })
        .map(|r| (r.name.clone(), r.to.clone()))
        .collect();
    if purpose == Purpose::Speaker || !out.is_empty() {
        return (Way::Out, out);
    }
    let inbound = tags
        .relations
        .iter()
        .filter(|r| r.to == label && !is_speaker(&r.name, &r.to))
        .map(|r| (r.name.clone(), r.from.clone()))
        .collect();
    (Way::In, inbound)
}

fn gap(a: &Annotation, b: &Annotation) -> (bool, usize) {
    let (x, y) = (a.hull(), b.hull());
    if y.end <= x.start {
        (true, x.start - y.end)
    } else if y.start >= x.end {
        (false, y.start - x.end)
    } else {
        (y.start < x.start, 0)
    }
}

/// The candidates for linking `selected` for `purpose`, nearest first:
/// at most five before and five after it, nine in all. Empty when the
/// tag set defines no such relation for its label.
pub fn candidates(d: &Document, tags: &TagSet, selected: &str, purpose: Purpose) -> Vec<Candidate> {
    let Some(sel) = d.annotation(selected) else {
        return Vec::new();
    };
    let (way, kinds) = kinds(tags, &sel.label, purpose);
    if kinds.is_empty() {
        return Vec::new();
    }
    // The selected annotation's links, once (not once per candidate).
    let existing: Vec<(&str, &str, &str)> = d
        .relations_of(&sel.id)
        .map(|r| (r.kind.as_str(), r.from.as_str(), r.to.as_str()))
        .collect();
    let (mut before, mut after): (Vec<Candidate>, Vec<Candidate>) = (Vec::new(), Vec::new());
    for a in d.annotations() {
        if a.id == sel.id {
            continue;
        }
        let Some((kind, _)) = kinds.iter().find(|(_, l)| *l == a.label) else {
            continue;
        };
        let (is_before, distance) = gap(sel, a);
        let (from, to) = match way {
            Way::Out => (sel.id.clone(), a.id.clone()),
            Way::In => (a.id.clone(), sel.id.clone()),
        };
        let linked = existing.contains(&(kind.as_str(), from.as_str(), to.as_str()));
        let text = a
            .attribute(names::PERSON)
            .map(str::to_owned)
            .unwrap_or_else(|| a.covered_text());
        let c = Candidate {
            id: a.id.clone(),
            label: a.label.clone(),
            text,
            kind: kind.clone(),
            from,
            to,
            before: is_before,
            distance,
            linked,
        };
        if is_before { &mut before } else { &mut after }.push(c);
    }
    let near = |v: &mut Vec<Candidate>| {
        v.sort_by(|a, b| a.distance.cmp(&b.distance).then_with(|| a.id.cmp(&b.id)));
        v.truncate(PER_SIDE);
    };
    near(&mut before);
    near(&mut after);
    let mut all = before;
    all.extend(after);
    all.sort_by(|a, b| a.distance.cmp(&b.distance).then(b.before.cmp(&a.before)));
    all.truncate(MAX_CANDIDATES);
    all
}
