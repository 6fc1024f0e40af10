//! Merging the file on disk with the window's unsaved edits, three-way:
//! `base` is the version the window opened or last saved, `disk` what a
//! colleague saved since, `window` what the user has now. Each item is
//! matched by id; what only one side changed is taken from that side, and
//! an annotation both sides changed is merged field by field (label, span,
//! note, each attribute). Where both changed the same field, or one side
//! removed what the other changed, the window's version is kept and the
//! item is listed in [`Merged::kept_ours`] so the user is told.
//!
//! A document whose text changed on one side while the other changed its
//! annotations cannot be merged by offsets: the window's document is kept
//! whole (listed as a conflict).
//!
//! `replace.rs` turns the open project into the merge (or the file's
//! version) as one undoable edit.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::annotation::{Annotation, Relation};
use super::project::{Document, Project};
use super::three_way::{attribute_names_changed, documents_by_id};

/// Something both sides changed, where the window's version was kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// The project's name, annotator or tag set.
    Project(&'static str),
    /// A whole document (removed on one side, changed on the other, or its
    /// text changed under the other side's annotations).
    Document {
        doc: String,
    },
    Annotation {
        doc: String,
        id: String,
    },
    Relation {
        doc: String,
        id: String,
    },
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Conflict::Project(what) => write!(f, "the {what}"),
            Conflict::Document { doc } => write!(f, "document {doc}"),
            Conflict::Annotation { doc, id } => write!(f, "annotation {id} in {doc}"),
            Conflict::Relation { doc, id } => write!(f, "relation {id} in {doc}"),
        }
    }
}

/// The result of [`merge`].
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub project: Project,
    /// Where both sides changed the same thing: the window's version was kept.
    pub kept_ours: Vec<Conflict>,
}

/// The disk's changes plus the window's, both since `base`.
pub fn merge(base: &Project, disk: &Project, window: &Project) -> Merged {
    let mut kept = Vec::new();
    let name = pick(&base.name, &disk.name, &window.name, || {
        kept.push(Conflict::Project("project name"))
    });
    let annotator = pick(&base.annotator, &disk.annotator, &window.annotator, || {
        kept.push(Conflict::Project("annotator"))
    });
    let tagset = pick(&base.tagset, &disk.tagset, &window.tagset, || {
        kept.push(Conflict::Project("tag set"))
    });
    let people = pick(&base.people, &disk.people, &window.people, || {
        kept.push(Conflict::Project("people register"))
    });
    let conflicts = pick(&base.conflicts, &disk.conflicts, &window.conflicts, || {
        kept.push(Conflict::Project("merge conflicts"))
    });
    let (name, annotator, tagset, people, conflicts) = (
        name.clone(),
        annotator.clone(),
        tagset.clone(),
        people.clone(),
        conflicts.clone(),
    );
    let documents = merge_documents(base, disk, window, &mut kept);
    Merged {
        project: Project {
            people,
            name,
            annotator,
            tagset,
            documents,
            conflicts,
        },
        kept_ours: kept,
    }
}

/// Three-way choice of one value: the side that changed it; the window's
/// when both changed it differently (and `conflict` is called).
fn pick<'a, T: PartialEq>(base: &'a T, disk: &'a T, window: &'a T, conflict: impl FnOnce()) -> &'a T {
    if window == base {
        disk
    } else {
        if disk != base && disk != window {
            conflict();
        }
        window
    }
}

fn merge_documents(
    base: &Project,
    disk: &Project,
    window: &Project,
    kept: &mut Vec<Conflict>,
) -> Vec<Document> {
    let (b, d, w) = (
        documents_by_id(base),
        documents_by_id(disk),
        documents_by_id(window),
    );
    let mut out: Vec<Document> = Vec::new();
    // The disk's order, then what only the window has at its place there.
    for dd in &disk.documents {
        let id = dd.id.as_str();
        if let Some(doc) = merge_document(id, b.get(id).copied(), Some(dd), w.get(id).copied(), kept) {
            out.push(doc);
        }
    }
    for (index, wd) in window.documents.iter().enumerate() {
        let id = wd.id.as_str();
        if d.contains_key(id) {
            continue;
        }
        if let Some(doc) = merge_document(id, b.get(id).copied(), None, Some(wd), kept) {
            out.insert(index.min(out.len()), doc);
        }
    }
    out
}

fn merge_document(
    id: &str,
    base: Option<&Document>,
    disk: Option<&Document>,
    window: Option<&Document>,
    kept: &mut Vec<Conflict>,
) -> Option<Document> {
    let conflict = |kept: &mut Vec<Conflict>| kept.push(Conflict::Document { doc: id.to_string() });
    match (base, disk, window) {
        (_, None, None) => None,
        (None, Some(d), None) => Some(d.clone()),
        (None, None, Some(w)) => Some(w.clone()),
        (None, Some(d), Some(w)) => {
            if d != w {
                conflict(kept);
            }
            Some(w.clone())
        }
        // Removed on one side: gone, unless the other side changed it.
        (Some(b), Some(d), None) => {
            if d != b {
                conflict(kept);
            }
            None
        }
        (Some(b), None, Some(w)) => {
            if w != b {
                conflict(kept);
                return Some(w.clone());
            }
            None
        }
        (Some(b), Some(d), Some(w)) => Some(merge_both(b, d, w, kept)),
    }
}

/// A document both sides still have.
fn merge_both(b: &Document, d: &Document, w: &Document, kept: &mut Vec<Conflict>) -> Document {
    if w == b {
        return d.clone();
    }
    if d == b {
        return w.clone();
    }
    if d.text() != w.text() {
        // Offsets on one text do not hold on the other.
        kept.push(Conflict::Document { doc: w.id.clone() });
        return w.clone();
    }
    let mut clash = false;
    let title = pick(&b.title, &d.title, &w.title, || clash = true).clone();
    let source = pick(&b.source, &d.source, &w.source, || clash = true).clone();
    let status = pick(&b.status(), &d.status(), &w.status(), || clash = true).to_owned();
    let attributes = merge_map(b.attributes(), d.attributes(), w.attributes(), || clash = true);
    if clash {
        kept.push(Conflict::Document { doc: w.id.clone() });
    }
    let mut annotations = merge_annotations(b, d, w, kept);
    let mut relations = merge_relations(b, d, w, kept);
    mend_relations(w, &mut annotations, &mut relations, kept);
    restore_links(d, w, &annotations, &mut relations);
    let (mut doc, _, _) = Document::from_parts(
        w.id.clone(),
        title,
        source,
        w.text().to_string(),
        annotations.into_values().collect(),
        relations.into_values().collect(),
    );
    doc.set_aside = pick(&b.set_aside, &d.set_aside, &w.set_aside, || {}).clone();
    doc.set_aside_relations = pick(
        &b.set_aside_relations,
        &d.set_aside_relations,
        &w.set_aside_relations,
        || {},
    )
    .clone();
    doc.with_decisions(merge_set(b.decisions(), d.decisions(), w.decisions()))
        .with_rejections(merge_set(b.rejected(), d.rejected(), w.rejected()))
        .with_progress(status, attributes)
}

/// Rejected suggestions or review decisions, three-way as sets: what both
/// sides keep and what either added since the base (what either removed
/// stays removed). The window's items come last, so where a decision for
/// one place was made on both sides, the window's wins (the last one given
/// wins in `with_decisions`).
fn merge_set<T: Clone + PartialEq>(b: &[T], d: &[T], w: &[T]) -> Vec<T> {
    let added_on_disk = d.iter().filter(|x| !b.contains(x) && !w.contains(x));
    let kept_in_window = w.iter().filter(|x| d.contains(x) || !b.contains(x));
    added_on_disk.chain(kept_in_window).cloned().collect()
}

/// Items of one kind by id, three-way; `both` merges one that both sides
/// still have and says whether they clashed. Returns the items and the ids
/// where the window's version was kept over a change on disk.
fn merge_items<T: Clone + PartialEq>(
    b: BTreeMap<&str, &T>,
    d: BTreeMap<&str, &T>,
    w: BTreeMap<&str, &T>,
    both: impl Fn(&T, &T, &T) -> (T, bool),
) -> (BTreeMap<String, T>, Vec<String>) {
    let ids: BTreeSet<&str> = b.keys().chain(d.keys()).chain(w.keys()).copied().collect();
    let mut out = BTreeMap::new();
    let mut clashed = Vec::new();
    for id in ids {
        let (merged, clash) = match (b.get(id).copied(), d.get(id).copied(), w.get(id).copied()) {
            (_, None, None) => (None, false),
            (None, Some(x), None) | (None, None, Some(x)) => (Some(x.clone()), false),
            (None, Some(d), Some(w)) => (Some(w.clone()), d != w),
            // Removed in the window: gone, even if the disk changed it.
            (Some(b), Some(d), None) => (None, d != b),
            // Removed on disk: gone, unless the window changed it.
            (Some(b), None, Some(w)) => ((w != b).then(|| w.clone()), w != b),
            (Some(b), Some(d), Some(w)) => {
                let (x, clash) = both(b, d, w);
                (Some(x), clash)
            }
        };
        if clash {
            clashed.push(id.to_string());
        }
        if let Some(item) = merged {
            out.insert(id.to_string(), item);
        }
    }
    (out, clashed)
}

fn merge_annotations(
    b: &Document,
    d: &Document,
    w: &Document,
    kept: &mut Vec<Conflict>,
) -> BTreeMap<String, Annotation> {
    fn by_id(doc: &Document) -> BTreeMap<&str, &Annotation> {
        doc.annotations().map(|a| (a.id.as_str(), a)).collect()
    }
    let (out, clashed) = merge_items(by_id(b), by_id(d), by_id(w), merge_fields);
    kept.extend(clashed.into_iter().map(|id| Conflict::Annotation {
        doc: w.id.clone(),
        id,
    }));
    out
}

/// One annotation both sides still have, field by field; `true` when both
/// changed one field differently (the window's value is taken).
fn merge_fields(b: &Annotation, d: &Annotation, w: &Annotation) -> (Annotation, bool) {
    let mut clash = false;
    let mut a = w.clone();
    a.label = pick(&b.label, &d.label, &w.label, || clash = true).clone();
    a.fragments = pick(&b.fragments, &d.fragments, &w.fragments, || clash = true).clone();
    a.note = pick(&b.note, &d.note, &w.note, || clash = true).clone();
    a.annotators = pick(&b.annotators, &d.annotators, &w.annotators, || clash = true).clone();
    a.origin = pick(&b.origin, &d.origin, &w.origin, || clash = true).clone();
    // Attributes one by one: the disk's where only the disk changed one.
    for name in attribute_names_changed(b, d) {
        if b.attribute(name) == w.attribute(name) {
            match d.attributes.get(name) {
                Some(v) => a.attributes.insert(name.to_string(), v.clone()),
                None => a.attributes.remove(name),
            };
        } else if d.attribute(name) != w.attribute(name) {
            clash = true;
        }
    }
    a.created = w.created.clone().min(d.created.clone());
    a.modified = w.modified.clone().max(d.modified.clone());
    (a, clash)
}

fn merge_relations(
    b: &Document,
    d: &Document,
    w: &Document,
    kept: &mut Vec<Conflict>,
) -> BTreeMap<String, Relation> {
    fn by_id(doc: &Document) -> BTreeMap<&str, &Relation> {
        doc.relations().map(|r| (r.id.as_str(), r)).collect()
    }
    let (out, clashed) = merge_items(by_id(b), by_id(d), by_id(w), |b, d, w| {
        // The link itself (kind and ends) as one value, its attributes one
        // by one: a certainty set on disk and an addressee in the window
        // both stay.
        let mut clash = false;
        let ends = |r: &Relation| (r.kind.clone(), r.from.clone(), r.to.clone());
        let (kind, from, to) = pick(&ends(b), &ends(d), &ends(w), || clash = true).clone();
        let attributes = merge_map(&b.attributes, &d.attributes, &w.attributes, || clash = true);
        let r = Relation {
            id: w.id.clone(),
            kind,
            from,
            to,
            attributes,
        };
        (r, clash)
    });
    kept.extend(clashed.into_iter().map(|id| Conflict::Relation {
        doc: w.id.clone(),
        id,
    }));
    out
}

/// A relation whose end the other side removed: the window's annotation
/// comes back when the window has it (its link is kept), else the
/// relation goes. Either way it is listed.
fn mend_relations(
    w: &Document,
    annotations: &mut BTreeMap<String, Annotation>,
    relations: &mut BTreeMap<String, Relation>,
    kept: &mut Vec<Conflict>,
) {
    let mut dangling = Vec::new();
    for r in relations.values() {
        for end in [&r.from, &r.to] {
            if annotations.contains_key(end) {
                continue;
            }
            match w.annotation(end) {
                Some(a) => {
                    annotations.insert(end.clone(), a.clone());
                    kept.push(Conflict::Annotation {
                        doc: w.id.clone(),
                        id: end.clone(),
                    });
                }
                None => dangling.push(r.id.clone()),
            }
        }
    }
    for id in dangling {
        if relations.remove(&id).is_some() {
            kept.push(Conflict::Relation {
                doc: w.id.clone(),
                id,
            });
        }
    }
}

/// An annotation the disk removed but the merge keeps (the window changed
/// or links to it) keeps the window's links too: those the disk dropped
/// with it, where both ends are in the merge.
fn restore_links(
    d: &Document,
    w: &Document,
    annotations: &BTreeMap<String, Annotation>,
    relations: &mut BTreeMap<String, Relation>,
) {
    for r in w.relations() {
        let dropped_with_an_end =
            d.relation(&r.id).is_none() && (d.annotation(&r.from).is_none() || d.annotation(&r.to).is_none());
        let ends_kept = annotations.contains_key(&r.from) && annotations.contains_key(&r.to);
        if dropped_with_an_end && ends_kept && !relations.contains_key(&r.id) {
            relations.insert(r.id.clone(), r.clone());
        }
    }
}

/// A string map three-way, key by key: the side that changed a key wins;
/// both changed it differently: the window's value, and `conflict` is
/// called. A key removed counts as a change.
fn merge_map(
    b: &BTreeMap<String, String>,
    d: &BTreeMap<String, String>,
    w: &BTreeMap<String, String>,
    mut conflict: impl FnMut(),
) -> BTreeMap<String, String> {
    let mut out = w.clone();
    let keys: BTreeSet<&String> = b.keys().chain(d.keys()).chain(w.keys()).collect();
    for k in keys {
        let (bv, dv, wv) = (b.get(k), d.get(k), w.get(k));
        if dv == bv {
            continue; // the window's value stands
        }
        if wv == bv {
            match dv {
                Some(v) => out.insert(k.clone(), v.clone()),
                None => out.remove(k),
            };
        } else if dv != wv {
            conflict();
        }
    }
    out
}
