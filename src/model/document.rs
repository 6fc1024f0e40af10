//! A document: one article's text with its annotations, relations and the
//! indexes that follow them; changes go through [`super::Edit`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::annotation::{Annotation, Relation};
use super::by_id::ById;
use super::decision::Decision;
use super::merge_conflict::MergeConflict;
use super::rejection::Rejection;
use super::span_index::SpanIndex;
use super::status::Status;
use super::tagset::names;
use super::text::{CharRange, TextIndex};

/// Where an article came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub outlet: String,
    #[serde(default)]
    pub date: String,
}

/// One article: its full text, annotations and relations. The fields are
/// private so that the position index and revision always match the data;
/// changes go through [`super::Edit`].
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub source: Option<Source>,
    /// How far its annotation has come (changed by [`super::Edit::SetDocumentStatus`]).
    status: Status,
    /// Free document-level attributes (outlet, section, topic, ...), by key;
    /// changed by [`super::Edit::SetDocumentAttribute`].
    attributes: BTreeMap<String, String>,
    text: String,
    text_index: TextIndex,
    annotations: ById<Annotation>,
    relations: ById<Relation>,
    index: SpanIndex,
    /// Annotations per label, kept with the annotations (the status bar shows it every frame).
    counts: BTreeMap<String, usize>,
    revision: u64,
    /// Changed when the people list may have changed (see [`Document::people_revision`]).
    people_revision: u64,
    /// Changed when a relation is added, changed or removed (see [`Document::relations_revision`]).
    relations_revision: u64,
    /// How many `said_by` relations start or end at each annotation id, by
    /// the id's hash (issue 16: no third copy of every id). Two ids of the
    /// same hash share a count: an annotation may then be taken for a
    /// `said_by` end when it is none (the people list is recomputed once
    /// more than needed), never the other way round.
    said_by_ends: std::collections::HashMap<u64, u32>,
    /// Annotations that did not fit the text when loaded: not shown, never
    /// dropped, written back to the file untouched (see `repair`).
    pub(super) set_aside: Vec<Annotation>,
    /// Relations whose ends were missing when loaded.
    pub(super) set_aside_relations: Vec<Relation>,
    /// In a gold project: the reviewer's decisions, sorted by place.
    decisions: Vec<Decision>,
    /// Suggestions the annotator rejected, sorted by [`Rejection::sort_key`],
    /// no two equal (kept so by `rejection.rs`).
    pub(super) rejected: Vec<Rejection>,
    /// Merge conflicts left by `quotebench merge-file` (issue 17), to settle.
    pub(super) conflicts: Vec<MergeConflict>,
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.title == other.title
            && self.source == other.source
            && self.status == other.status
            && self.attributes == other.attributes
            && self.text == other.text
            && self.annotations == other.annotations
            && self.relations == other.relations
            && self.set_aside == other.set_aside
            && self.set_aside_relations == other.set_aside_relations
            && self.decisions == other.decisions
            && self.rejected == other.rejected
            && self.conflicts == other.conflicts
    }
}

impl Document {
    pub fn new(id: impl Into<String>, title: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let revision = next_revision();
        Self {
            id: id.into(),
            title: title.into(),
            text_index: TextIndex::new(&text),
            text,
            revision,
            people_revision: revision,
            relations_revision: revision,
            ..Default::default()
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }
    pub fn status(&self) -> Status {
        self.status
    }
    /// The document's own attributes, by key (not those of its [`Source`]).
    pub fn attributes(&self) -> &BTreeMap<String, String> {
        &self.attributes
    }
    /// The value of attribute `key`: the document's own, else for `url`,
    /// `outlet` and `date` the [`Source`]'s (a version-1/2 file keeps those
    /// there); empty counts as unset.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        if let Some(v) = self.attributes.get(key) {
            return Some(v.as_str()).filter(|v| !v.is_empty());
        }
        let s = self.source.as_ref()?;
        match key {
            "url" => Some(s.url.as_str()),
            "outlet" => Some(s.outlet.as_str()),
            "date" => Some(s.date.as_str()),
            _ => None,
        }
        .filter(|v| !v.is_empty())
    }
    /// Every attribute with a value: the document's own, plus the
    /// [`Source`]'s non-empty `url`, `outlet` and `date` where the document
    /// has no attribute of that name (see [`Document::attribute`]).
    pub fn attributes_with_source(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        if let Some(s) = &self.source {
            for (k, v) in [("url", &s.url), ("outlet", &s.outlet), ("date", &s.date)] {
                if !v.is_empty() {
                    out.insert(k.to_string(), v.clone());
                }
            }
        }
        for (k, v) in &self.attributes {
            if v.is_empty() {
                out.remove(k);
            } else {
                out.insert(k.clone(), v.clone());
            }
        }
        out
    }
    /// The document with this status and these attributes (as loaded from
    /// a file or an import).
    pub fn with_progress(mut self, status: Status, attributes: BTreeMap<String, String>) -> Self {
        self.status = status;
        self.attributes = attributes;
        self
    }
    /// Sets the status; returns the old one.
    pub(super) fn set_status(&mut self, status: Status) -> Status {
        self.bump();
        std::mem::replace(&mut self.status, status)
    }
    /// Sets (`Some`) or removes (`None`) attribute `key`; returns its old value.
    pub(super) fn set_attribute(&mut self, key: &str, value: Option<String>) -> Option<String> {
        self.bump();
        match value {
            Some(v) => self.attributes.insert(key.to_string(), v),
            None => self.attributes.remove(key),
        }
    }
    /// Replaces relation `id`'s attributes; returns the old ones (`None`
    /// when there is no such relation).
    pub(super) fn set_relation_attributes(
        &mut self,
        id: &str,
        attributes: BTreeMap<String, String>,
    ) -> Option<BTreeMap<String, String>> {
        let old = self
            .relations
            .update(id, |r| std::mem::replace(&mut r.attributes, attributes))?;
        self.bump();
        Some(old)
    }
    pub fn text_index(&self) -> &TextIndex {
        &self.text_index
    }
    pub fn char_len(&self) -> usize {
        self.text_index.char_len()
    }
    /// The text of a char range.
    pub fn slice(&self, r: CharRange) -> &str {
        self.text_index.slice(&self.text, r)
    }
    /// Annotations kept aside when loaded because they did not fit the text.
    pub fn set_aside(&self) -> &[Annotation] {
        &self.set_aside
    }
    /// Relations kept aside when loaded because an end was missing.
    pub fn set_aside_relations(&self) -> &[Relation] {
        &self.set_aside_relations
    }
    /// Changed on every change, for caches in the view. Revisions come from
    /// one counter, so two documents (or two versions) never share one.
    pub fn revision(&self) -> u64 {
        self.revision
    }
    /// Changed when [`Document::people`] may have changed: a speaker, or an
    /// end of a `said_by` link, added or removed, or a `said_by` link changed.
    /// Like [`Document::revision`], unique across documents.
    pub fn people_revision(&self) -> u64 {
        self.people_revision
    }
    /// Changed when a relation is added, changed or removed (removing an
    /// annotation removes its relations, so that changes it too); what the
    /// links drawn in the text depend on. Unique across documents.
    pub fn relations_revision(&self) -> u64 {
        self.relations_revision
    }
    pub(super) fn bump(&mut self) {
        self.revision = next_revision();
    }
    /// Whether changing annotation `a` can change the people list.
    fn touches_people(&self, a: &Annotation) -> bool {
        a.label == names::SPEAKER || self.said_by_ends.contains_key(&id_hash(&a.id))
    }
    /// Keeps `said_by_ends` in step with a relation added (or removed).
    fn count_ends(&mut self, r: &Relation, added: bool) {
        if r.kind != names::SAID_BY {
            return;
        }
        for end in [&r.from, &r.to] {
            let end = id_hash(end);
            if added {
                *self.said_by_ends.entry(end).or_default() += 1;
            } else if let Some(n) = self.said_by_ends.get_mut(&end) {
                *n -= 1;
                if *n == 0 {
                    self.said_by_ends.remove(&end);
                }
            }
        }
    }
    pub fn index(&self) -> &SpanIndex {
        &self.index
    }
    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.annotations.get(id)
    }
    /// Annotations in id order.
    pub fn annotations(&self) -> impl Iterator<Item = &Annotation> {
        self.annotations.values()
    }
    /// Annotations in reading order.
    pub fn annotations_in_order(&self) -> impl DoubleEndedIterator<Item = &Annotation> {
        self.index.in_order().filter_map(|id| self.annotations.get(id))
    }
    pub fn annotation_count(&self) -> usize {
        self.annotations.len()
    }
    pub fn relation(&self, id: &str) -> Option<&Relation> {
        self.relations.get(id)
    }
    pub fn relations(&self) -> impl Iterator<Item = &Relation> {
        self.relations.values()
    }
    /// Relations that start or end at annotation `id`.
    pub fn relations_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Relation> {
        self.relations
            .values()
            .filter(move |r| r.from == id || r.to == id)
    }
    /// The annotations this one links to with relation `kind`.
    pub fn targets<'a>(&'a self, id: &'a str, kind: &'a str) -> impl Iterator<Item = &'a Annotation> {
        self.relations
            .values()
            .filter(move |r| r.from == id && r.kind == kind)
            .filter_map(|r| self.annotations.get(&r.to))
    }
    /// The annotations that link to this one with relation `kind`.
    pub fn sources<'a>(&'a self, id: &'a str, kind: &'a str) -> impl Iterator<Item = &'a Annotation> {
        self.relations
            .values()
            .filter(move |r| r.to == id && r.kind == kind)
            .filter_map(|r| self.annotations.get(&r.from))
    }
    /// The person a quote is attributed to: the `person` of its speaker, or
    /// the speaker's text when no person is set.
    pub fn person_of_quote(&self, quote_id: &str) -> Option<String> {
        let speaker = self.targets(quote_id, names::SAID_BY).next()?;
        Some(person_of_speaker(speaker))
    }
    /// Counts of annotations per label.
    pub fn label_counts(&self) -> BTreeMap<&str, usize> {
        self.counts.iter().map(|(l, n)| (l.as_str(), *n)).collect()
    }
    /// The number of annotations labelled `label`.
    pub fn label_count(&self, label: &str) -> usize {
        self.counts.get(label).copied().unwrap_or(0)
    }
    fn count(&mut self, label: &str, added: bool) {
        if added {
            // Looked up first: the label is nearly always counted already.
            match self.counts.get_mut(label) {
                Some(n) => *n += 1,
                None => {
                    self.counts.insert(label.to_string(), 1);
                }
            }
        } else if let Some(n) = self.counts.get_mut(label) {
            *n -= 1;
            if *n == 0 {
                self.counts.remove(label);
            }
        }
    }
    /// Each person with the ids of the quotes attributed to them, most quoted first.
    /// One pass over the annotations and one over the relations (a book has
    /// tens of thousands of spans).
    pub fn people(&self) -> Vec<(String, Vec<String>)> {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for s in self.annotations.values().filter(|a| a.label == names::SPEAKER) {
            map.entry(person_of_speaker(s)).or_default();
        }
        // A quote's speaker: its first `said_by` link (by id) to an annotation that exists.
        let mut speaker_of: std::collections::HashMap<&str, &Annotation> = Default::default();
        for r in self.relations.values().filter(|r| r.kind == names::SAID_BY) {
            if let Some(t) = self.annotations.get(&r.to) {
                speaker_of.entry(r.from.as_str()).or_insert(t);
            }
        }
        let mut quotes: Vec<(&Annotation, &Annotation)> = speaker_of
            .into_iter()
            .filter_map(|(q, s)| self.annotations.get(q).map(|q| (q, s)))
            .filter(|(q, _)| q.label == names::QUOTE)
            .collect();
        quotes.sort_by(|a, b| a.0.sort_key().cmp(&b.0.sort_key()));
        for (q, s) in quotes {
            map.entry(person_of_speaker(s)).or_default().push(q.id.clone());
        }
        let mut v: Vec<_> = map.into_iter().collect();
        v.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        v
    }
    /// The innermost (shortest) annotation covering char `offset`.
    pub fn innermost_at(&self, offset: usize) -> Option<&Annotation> {
        self.index
            .fragments_in(CharRange {
                start: offset,
                end: offset + 1,
            })
            .min_by_key(|(r, id)| (r.len(), *id))
            .and_then(|(_, id)| self.annotations.get(id))
    }

    pub(super) fn insert_annotation(&mut self, a: Annotation) -> Option<Annotation> {
        let old = self.remove_annotation(&a.id);
        self.index.insert(&a);
        self.count(&a.label, true);
        if self.touches_people(&a) {
            self.people_revision = next_revision();
        }
        self.annotations.insert(a);
        self.bump();
        old
    }
    pub(super) fn remove_annotation(&mut self, id: &str) -> Option<Annotation> {
        let a = self.annotations.remove(id)?;
        self.index.remove(&a);
        self.count(&a.label, false);
        if self.touches_people(&a) {
            self.people_revision = next_revision();
        }
        self.bump();
        Some(a)
    }
    pub(super) fn insert_relation(&mut self, r: Relation) -> Option<Relation> {
        self.bump();
        self.relations_revision = self.revision;
        let said_by = r.kind == names::SAID_BY;
        self.count_ends(&r, true);
        let old = self.relations.insert(r);
        if let Some(o) = &old {
            self.count_ends(o, false);
        }
        if said_by || old.as_ref().is_some_and(|o| o.kind == names::SAID_BY) {
            self.people_revision = next_revision();
        }
        old
    }
    pub(super) fn remove_relation(&mut self, id: &str) -> Option<Relation> {
        self.bump();
        self.relations_revision = self.revision;
        let old = self.relations.remove(id);
        if let Some(o) = &old {
            self.count_ends(o, false);
            if o.kind == names::SAID_BY {
                self.people_revision = next_revision();
            }
        }
        old
    }
    /// The merge conflicts left in this document by a three-way merge, to settle.
    pub fn conflicts(&self) -> &[MergeConflict] {
        &self.conflicts
    }
    /// The document with these merge conflicts (as loaded from a file).
    pub fn with_conflicts(mut self, conflicts: Vec<MergeConflict>) -> Self {
        self.conflicts = conflicts;
        self
    }
    /// The reviewer's decisions (in a gold project), in text order.
    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }
    /// The decision made for exactly the place `start..end`.
    pub fn decision(&self, start: usize, end: usize) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.start == start && d.end == end)
    }
    /// Records (or, with `None`, forgets) the decision at `start..end`;
    /// returns the one it replaces.
    pub(super) fn set_decision(&mut self, start: usize, end: usize, d: Option<Decision>) -> Option<Decision> {
        let old = self
            .decisions
            .iter()
            .position(|x| x.start == start && x.end == end)
            .map(|i| self.decisions.remove(i));
        if let Some(d) = d {
            let at = self
                .decisions
                .partition_point(|x| (x.start, x.end) < (d.start, d.end));
            self.decisions.insert(at, d);
        }
        self.bump();
        old
    }
    /// The document with these decisions (as loaded from a file): sorted,
    /// one per place (the last one given wins).
    pub fn with_decisions(mut self, decisions: Vec<Decision>) -> Self {
        for d in decisions {
            let (s, e) = (d.start, d.end);
            self.set_decision(s, e, Some(d));
        }
        self
    }
    pub(super) fn touch(&mut self) {
        self.bump();
        self.people_revision = next_revision();
        self.relations_revision = self.revision;
    }

    /// Builds a document from loaded parts. An id used twice is kept under
    /// a fresh id (`ID-dup2`, ...); the returned lists name the original ids
    /// of such annotations and relations so the loader can report them.
    pub fn from_parts(
        id: String,
        title: String,
        source: Option<Source>,
        text: String,
        annotations: Vec<Annotation>,
        relations: Vec<Relation>,
    ) -> (Self, Vec<String>, Vec<String>) {
        let mut doc = Document::new(id, title, text);
        doc.source = source;
        let mut dup_a = Vec::new();
        let mut dup_r = Vec::new();
        // The maps are built in bulk from sorted runs (full B-tree nodes):
        // inserted one by one in file order, their nodes are half empty, and
        // a project of thousands of articles is mostly these maps (issue 16).
        // An id used twice (rare) is renamed in file order first.
        let mut annotations = annotations;
        for a in &mut annotations {
            a.normalise();
            doc.count(&a.label, true);
        }
        doc.index = SpanIndex::of(&annotations);
        doc.annotations = ById::unique(annotations).unwrap_or_else(|items| {
            let renamed = renamed_repeats(items, &mut dup_a, |a| &mut a.id);
            doc.index = SpanIndex::of(&renamed);
            renamed.into_iter().collect()
        });
        for r in &relations {
            doc.count_ends(r, true);
        }
        doc.relations = ById::unique(relations).unwrap_or_else(|items| {
            renamed_repeats(items, &mut dup_r, |r| &mut r.id)
                .into_iter()
                .collect()
        });
        (doc, dup_a, dup_r)
    }

    /// Everything the file should hold: the annotations shown plus those
    /// kept aside, in file order (position, then id).
    pub fn annotations_for_file(&self) -> Vec<&Annotation> {
        let mut v: Vec<&Annotation> = self.annotations.values().chain(self.set_aside.iter()).collect();
        v.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        v
    }

    /// Relations shown plus those kept aside, by id.
    pub fn relations_for_file(&self) -> Vec<&Relation> {
        let mut v: Vec<&Relation> = self
            .relations
            .values()
            .chain(self.set_aside_relations.iter())
            .collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    }
}

/// The next revision number (shared by all documents).
fn next_revision() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// An id's hash, for [`Document`]'s `said_by_ends`.
fn id_hash(id: &str) -> u64 {
    xxhash_rust::xxh64::xxh64(id.as_bytes(), 0)
}

/// `items` with each id that comes again renamed (`ID-dup2`, ...), in
/// order: the first keeps it. The original ids of those renamed go to `dups`.
fn renamed_repeats<T>(items: Vec<T>, dups: &mut Vec<String>, id: impl Fn(&mut T) -> &mut String) -> Vec<T> {
    let mut taken = std::collections::HashSet::new();
    items
        .into_iter()
        .map(|mut item| {
            let id = id(&mut item);
            if taken.contains(id.as_str()) {
                dups.push(id.clone());
                *id = fresh_id(id, |i| taken.contains(i));
            }
            taken.insert(id.clone());
            item
        })
        .collect()
}

fn fresh_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    (2..)
        .map(|n| format!("{base}-dup{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// The canonical person of a speaker mention: its `person` attribute, or its text.
pub fn person_of_speaker(a: &Annotation) -> String {
    a.attribute(names::PERSON)
        .map(str::to_owned)
        .unwrap_or_else(|| a.covered_text())
}
