//! What one side changed since a common base: the colleague's file on disk
//! against the version the window opened or last saved, or the window's
//! unsaved edits against that same version. Comparing each side with the
//! base (not the two sides with each other) is what tells "they changed the
//! title" apart from "you added an annotation" (issue 11, item 4).
//!
//! Items are matched by id (documents, annotations, relations); a changed
//! annotation is counted once per field that changed (label, span, note,
//! each attribute), so "1 note changed" says what a user would look for.
//! The `created`/`modified` stamps are not counted: they follow the fields.
//!
//! API: [`changes`]`(base, side) -> Changes`; `Changes` displays as
//! "title changed, 1 annotation added" and counts with [`Changes::count`].
//! The merge of two sides is in `merge.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::annotation::Annotation;
use super::project::{Document, Project};

/// What one side changed since the base, counted per kind of change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub name_changed: bool,
    pub annotator_changed: bool,
    pub tagset_changed: bool,
    pub documents_added: usize,
    pub documents_removed: usize,
    pub titles_changed: usize,
    pub sources_changed: usize,
    pub texts_changed: usize,
    /// Documents whose progress status changed.
    pub statuses_changed: usize,
    /// Per document and attribute key.
    pub document_attributes_changed: usize,
    pub annotations_added: usize,
    pub annotations_removed: usize,
    pub labels_changed: usize,
    pub spans_changed: usize,
    pub notes_changed: usize,
    /// Per annotation and attribute name.
    pub attributes_changed: usize,
    /// Annotations changed in nothing above (e.g. the annotators of a gold span).
    pub annotations_otherwise_changed: usize,
    pub relations_added: usize,
    pub relations_removed: usize,
    pub relations_changed: usize,
    /// Rejected suggestions remembered or forgotten.
    pub rejections_changed: usize,
}

impl Changes {
    /// How many changes, each item and field counted once.
    pub fn count(&self) -> usize {
        let flags = [self.name_changed, self.annotator_changed, self.tagset_changed];
        flags.iter().filter(|f| **f).count()
            + self.documents_added
            + self.documents_removed
            + self.titles_changed
            + self.sources_changed
            + self.texts_changed
            + self.statuses_changed
            + self.document_attributes_changed
            + self.annotations_added
            + self.annotations_removed
            + self.labels_changed
            + self.spans_changed
            + self.notes_changed
            + self.attributes_changed
            + self.annotations_otherwise_changed
            + self.relations_added
            + self.relations_removed
            + self.relations_changed
            + self.rejections_changed
    }

    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }
}

/// "3 annotations added", or for a thing most projects have once,
/// "title changed" (one) / "2 titles changed".
fn counted(n: usize, what: &str, verb: &str, bare_when_one: bool) -> Option<String> {
    match n {
        0 => None,
        1 if bare_when_one => Some(format!("{what} {verb}")),
        1 => Some(format!("1 {what} {verb}")),
        n => Some(format!("{n} {what}s {verb}")),
    }
}

impl fmt::Display for Changes {
    /// "title changed, 1 annotation added, 1 note changed"; "no changes".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let flag = |on: bool, text: &str| on.then(|| text.to_string());
        let parts: Vec<String> = [
            flag(self.name_changed, "project name changed"),
            flag(self.annotator_changed, "annotator changed"),
            flag(self.tagset_changed, "tag set changed"),
            counted(self.documents_added, "document", "added", false),
            counted(self.documents_removed, "document", "removed", false),
            counted(self.titles_changed, "title", "changed", true),
            counted(self.sources_changed, "source", "changed", true),
            counted(self.texts_changed, "text", "changed", true),
            match self.statuses_changed {
                0 => None,
                1 => Some("status changed".to_string()),
                n => Some(format!("{n} statuses changed")),
            },
            counted(
                self.document_attributes_changed,
                "document attribute",
                "changed",
                false,
            ),
            counted(self.annotations_added, "annotation", "added", false),
            counted(self.annotations_removed, "annotation", "removed", false),
            counted(self.labels_changed, "label", "changed", false),
            counted(self.spans_changed, "span", "changed", false),
            counted(self.notes_changed, "note", "changed", false),
            counted(self.attributes_changed, "attribute", "changed", false),
            counted(self.annotations_otherwise_changed, "annotation", "changed", false),
            counted(self.relations_added, "relation", "added", false),
            counted(self.relations_removed, "relation", "removed", false),
            counted(self.relations_changed, "relation", "changed", false),
            counted(self.rejections_changed, "rejected suggestion", "changed", false),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            write!(f, "no changes")
        } else {
            write!(f, "{}", parts.join(", "))
        }
    }
}

/// What `side` changed since `base`.
pub fn changes(base: &Project, side: &Project) -> Changes {
    let mut c = Changes {
        name_changed: base.name != side.name,
        annotator_changed: base.annotator != side.annotator,
        tagset_changed: base.tagset != side.tagset,
        ..Changes::default()
    };
    let (b, s) = (documents_by_id(base), documents_by_id(side));
    for id in b.keys().chain(s.keys()).collect::<BTreeSet<_>>() {
        let (bd, sd) = (b.get(id).copied(), s.get(id).copied());
        match (bd, sd) {
            (None, Some(_)) => c.documents_added += 1,
            (Some(_), None) => c.documents_removed += 1,
            (Some(bd), Some(sd)) => {
                c.titles_changed += usize::from(bd.title != sd.title);
                c.sources_changed += usize::from(bd.source != sd.source);
                c.texts_changed += usize::from(bd.text() != sd.text());
                c.statuses_changed += usize::from(bd.status() != sd.status());
                c.document_attributes_changed += keys_changed(bd.attributes(), sd.attributes());
            }
            (None, None) => {}
        }
        // A document added or removed counts once, not with its annotations.
        if let (Some(bd), Some(sd)) = (bd, sd) {
            count_annotations(&mut c, bd, sd);
            count_relations(&mut c, bd, sd);
            c.rejections_changed += bd
                .rejected()
                .iter()
                .filter(|r| !sd.rejected().contains(r))
                .count()
                + sd.rejected()
                    .iter()
                    .filter(|r| !bd.rejected().contains(r))
                    .count();
        }
    }
    c
}

pub(super) fn documents_by_id(p: &Project) -> BTreeMap<&str, &Document> {
    p.documents.iter().map(|d| (d.id.as_str(), d)).collect()
}

fn count_annotations(c: &mut Changes, base: &Document, side: &Document) {
    for a in side.annotations() {
        match base.annotation(&a.id) {
            None => c.annotations_added += 1,
            Some(old) => count_fields(c, old, a),
        }
    }
    c.annotations_removed += base
        .annotations()
        .filter(|a| side.annotation(&a.id).is_none())
        .count();
}

fn count_fields(c: &mut Changes, old: &Annotation, new: &Annotation) {
    let before = c.count();
    c.labels_changed += usize::from(old.label != new.label);
    c.spans_changed += usize::from(old.fragments != new.fragments);
    c.notes_changed += usize::from(old.note != new.note);
    c.attributes_changed += attribute_names_changed(old, new).len();
    if c.count() == before && (old.annotators != new.annotators || old.origin != new.origin) {
        c.annotations_otherwise_changed += 1;
    }
}

/// The attribute names whose value differs (missing and empty are the same).
pub(super) fn attribute_names_changed<'a>(old: &'a Annotation, new: &'a Annotation) -> BTreeSet<&'a str> {
    old.attributes
        .keys()
        .chain(new.attributes.keys())
        .map(String::as_str)
        .filter(|k| old.attribute(k) != new.attribute(k))
        .collect()
}

fn count_relations(c: &mut Changes, base: &Document, side: &Document) {
    for r in side.relations() {
        match base.relation(&r.id) {
            None => c.relations_added += 1,
            Some(old) if old != r => c.relations_changed += 1,
            Some(_) => {}
        }
    }
    c.relations_removed += base
        .relations()
        .filter(|r| side.relation(&r.id).is_none())
        .count();
}

/// How many keys have a different value (or none) in `new` than in `old`.
fn keys_changed(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> usize {
    old.keys()
        .chain(new.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|k| old.get(*k) != new.get(*k))
        .count()
}
