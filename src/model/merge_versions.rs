//! The three-way merge of two versions of a project file with their common
//! base (issue 17): what git's merge driver runs (`quotebench merge-file`).
//!
//! Unlike `merge.rs` (the window against the disk, where the window's
//! version wins a clash), both sides are equal here and the result does not
//! depend on which is "ours": the merge of (base, ours, theirs) holds the
//! same documents, annotations and relations as that of (base, theirs,
//! ours), with the conflict records' sides swapped.
//!
//! Items are matched by id (documents, annotations, relations), people by
//! name, labels by name after renames are found. Added on one side: kept;
//! removed on one side and untouched on the other: removed; changed on one
//! side: that change; the same change on both: once. The same field changed
//! differently on both sides, or changed on one side and removed on the
//! other: a [`MergeConflict`] kept in the document, the item standing with
//! the base's value of each clashing field (or, against a removal, as the
//! side that changed it left it).
//!
//! The tag set merges too: a label added on both sides is there once, and a
//! label renamed on one side (found as a label gone and a new one with the
//! same colour and key) renames the annotations of the other side before
//! anything else is compared. A document whose text changed takes the new
//! text and its annotations are re-anchored as on load ([`repair_document`]);
//! what cannot be placed is kept aside and reported.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::annotation::{Annotation, Relation};
use super::document::Document;
use super::merge_conflict::{
    ADDED_ON_BOTH, DocumentVersion, MergeConflict, REMOVED_IN_OURS, REMOVED_IN_THEIRS,
};
use super::people::People;
use super::project::Project;
use super::project_conflict::ProjectConflict;
use super::repair::repair_document;
use super::tagset::{LabelDef, TagSet};
use super::validate::Problem;

/// The result of [`merge_versions`].
#[derive(Clone, Debug)]
pub struct VersionsMerged {
    pub project: Project,
    /// Conflicts this merge recorded in documents (`(document id, conflict)`).
    pub conflicts: Vec<(String, MergeConflict)>,
    /// What re-anchoring did to documents whose text changed (moved or set
    /// aside), and relations dropped because an end was removed.
    pub problems: Vec<Problem>,
    /// Labels renamed on one side and applied to the other (`old -> new`).
    pub renamed: Vec<(String, String)>,
}

impl VersionsMerged {
    /// Whether a person needs to look: a conflict in a document or on the
    /// project itself (`project.conflicts`: its name, annotator, a label's
    /// definition, a person of the register, where ours stands until
    /// settled), or something set aside.
    pub fn needs_a_person(&self) -> bool {
        !self.conflicts.is_empty()
            || !self.project.conflicts.is_empty()
            || self.problems.iter().any(|p| p.set_aside)
    }
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge_versions(base: &Project, ours: &Project, theirs: &Project) -> VersionsMerged {
    let mut out = VersionsMerged {
        project: Project::default(),
        conflicts: Vec::new(),
        problems: Vec::new(),
        renamed: Vec::new(),
    };
    // Label renames first: each side's renames applied to the other two, so
    // that a rename is no change to compare and the other side's new
    // annotations carry the new name.
    let ours_renames = label_renames(&base.tagset, &ours.tagset);
    let theirs_renames = label_renames(&base.tagset, &theirs.tagset);
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    let mut clashes = Vec::new();
    for (old, new) in ours_renames.iter().chain(&theirs_renames) {
        match renames.get(old) {
            Some(first) if first != new => clashes.push(ProjectConflict::LabelRenamed {
                from: old.clone(),
                ours: first.clone(),
                theirs: new.clone(),
            }),
            Some(_) => {}
            None => {
                renames.insert(old.clone(), new.clone());
            }
        }
    }
    // Where both renamed one label differently, theirs' name becomes ours'.
    let mut theirs_extra = BTreeMap::new();
    for (old, new) in &theirs_renames {
        if let Some(first) = ours_renames.get(old)
            && first != new
        {
            theirs_extra.insert(new.clone(), first.clone());
        }
    }
    out.renamed = renames.iter().map(|(a, b)| (a.clone(), b.clone())).collect();
    let base = relabelled(base, &renames);
    let ours = relabelled(ours, &without(&renames, &ours_renames));
    let mut theirs_map = without(&renames, &theirs_renames);
    theirs_map.extend(theirs_extra);
    let theirs = relabelled(theirs, &theirs_map);
    let (base, ours, theirs) = (base.as_ref(), ours.as_ref(), theirs.as_ref());

    let name = pick_project(&base.name, &ours.name, &theirs.name).unwrap_or_else(|| {
        clashes.push(ProjectConflict::Name {
            base: base.name.clone(),
            ours: ours.name.clone(),
            theirs: theirs.name.clone(),
        });
        ours.name.clone()
    });
    let annotator = pick_project(&base.annotator, &ours.annotator, &theirs.annotator).unwrap_or_else(|| {
        clashes.push(ProjectConflict::Annotator {
            base: base.annotator.clone(),
            ours: ours.annotator.clone(),
            theirs: theirs.annotator.clone(),
        });
        ours.annotator.clone()
    });
    let tagset = merge_tagset(&base.tagset, &ours.tagset, &theirs.tagset, &mut clashes);
    let mut people_clashes = Vec::new();
    let people = People::from_vec(merge_named(
        base.people.as_slice(),
        ours.people.as_slice(),
        theirs.people.as_slice(),
        |p| &p.name,
        &mut people_clashes,
    ));
    clashes.extend(
        people_clashes
            .into_iter()
            .map(|(name, base, ours, theirs)| ProjectConflict::Person {
                name,
                base,
                ours,
                theirs,
            }),
    );
    // Conflicts the versions already held and did not settle stay (once).
    let mut conflicts = merge_set(&base.conflicts, &ours.conflicts, &theirs.conflicts);
    for c in clashes {
        if !conflicts.contains(&c) {
            conflicts.push(c);
        }
    }
    let documents = merge_documents(base, ours, theirs, &mut out);
    out.project = Project {
        name,
        annotator,
        tagset,
        documents,
        people,
        conflicts,
    };
    out
}

/// `all` without the entries `own` (a side's own renames) already made.
fn without(all: &BTreeMap<String, String>, own: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    all.iter()
        .filter(|(k, _)| !own.contains_key(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Labels of `base` that `side` renamed: a label gone from `side` paired
/// with a new one of the same colour and key (or, when one label went and
/// one came, those two).
fn label_renames(base: &TagSet, side: &TagSet) -> BTreeMap<String, String> {
    let has = |t: &TagSet, name: &str| t.labels.iter().any(|l| l.name == name);
    let gone: Vec<&LabelDef> = base.labels.iter().filter(|l| !has(side, &l.name)).collect();
    let new: Vec<&LabelDef> = side.labels.iter().filter(|l| !has(base, &l.name)).collect();
    let mut out = BTreeMap::new();
    let mut taken = BTreeSet::new();
    for g in &gone {
        let found = new
            .iter()
            .find(|n| !taken.contains(&n.name) && n.color == g.color && n.key == g.key);
        if let Some(n) = found {
            taken.insert(n.name.clone());
            out.insert(g.name.clone(), n.name.clone());
        }
    }
    if gone.len() == 1 && new.len() == 1 && out.is_empty() {
        out.insert(gone[0].name.clone(), new[0].name.clone());
    }
    out
}

/// The project with labels renamed by `map` (annotations, the tag set's
/// labels and relation kinds' ends); borrowed when there is nothing to do.
fn relabelled<'a>(p: &'a Project, map: &BTreeMap<String, String>) -> Cow<'a, Project> {
    if map.is_empty() {
        return Cow::Borrowed(p);
    }
    let mut p = p.clone();
    let rename = |s: &mut String| {
        if let Some(n) = map.get(s.as_str()) {
            *s = n.clone();
        }
    };
    for l in &mut p.tagset.labels {
        rename(&mut l.name);
    }
    for r in &mut p.tagset.relations {
        rename(&mut r.from);
        rename(&mut r.to);
    }
    for d in &mut p.documents {
        let ids: Vec<String> = d
            .annotations()
            .filter(|a| map.contains_key(&a.label))
            .map(|a| a.id.clone())
            .collect();
        for id in ids {
            if let Some(mut a) = d.annotation(&id).cloned() {
                rename(&mut a.label);
                d.insert_annotation(a);
            }
        }
        for a in &mut d.set_aside {
            rename(&mut a.label);
        }
    }
    Cow::Owned(p)
}

/// Three-way choice of one value and whether both sides changed it
/// differently (then the base's value stands).
fn pick3<'a, T: PartialEq>(b: &'a T, o: &'a T, t: &'a T) -> (&'a T, bool) {
    if o == b {
        (t, false)
    } else if t == b || o == t {
        (o, false)
    } else {
        (b, true)
    }
}

/// [`pick3`] of values made on the spot.
fn pick3_owned<T: PartialEq>(b: T, o: T, t: T) -> (T, bool) {
    if o == b {
        (t, false)
    } else if t == b || o == t {
        (o, false)
    } else {
        (b, true)
    }
}

/// A project-level value three-way; `None` when both sides changed it
/// differently (a clash: ours stands, the caller records the conflict).
fn pick_project<T: PartialEq + Clone>(b: &T, o: &T, t: &T) -> Option<T> {
    let (v, clash) = pick3(b, o, t);
    (!clash).then(|| v.clone())
}

/// A clash on a named item of the project: its name and the three
/// versions (`None`: not on that side).
type NamedClash<T> = (String, Option<T>, Option<T>, Option<T>);

fn merge_tagset(b: &TagSet, o: &TagSet, t: &TagSet, conflicts: &mut Vec<ProjectConflict>) -> TagSet {
    let (mut labels, mut relations, mut attributes) = (Vec::new(), Vec::new(), Vec::new());
    let tagset = TagSet {
        labels: merge_named(&b.labels, &o.labels, &t.labels, |l| &l.name, &mut labels),
        relations: merge_named(
            &b.relations,
            &o.relations,
            &t.relations,
            |r| &r.name,
            &mut relations,
        ),
        person_attributes: merge_named(
            &b.person_attributes,
            &o.person_attributes,
            &t.person_attributes,
            |a| &a.name,
            &mut attributes,
        ),
    };
    conflicts.extend(
        labels
            .into_iter()
            .map(|(name, base, ours, theirs)| ProjectConflict::Label {
                name,
                base,
                ours,
                theirs,
            }),
    );
    conflicts.extend(
        relations
            .into_iter()
            .map(|(name, base, ours, theirs)| ProjectConflict::RelationKind {
                name,
                base,
                ours,
                theirs,
            }),
    );
    conflicts.extend(attributes.into_iter().map(|(name, base, ours, theirs)| {
        ProjectConflict::PersonAttribute {
            name,
            base,
            ours,
            theirs,
        }
    }));
    tagset
}

/// A list of named things three-way, by name: ours' order, then what only
/// theirs has. A clash (changed differently, or removed and changed)
/// keeps ours' version, or the changed one against a removal, and is
/// pushed to `clashes`.
fn merge_named<T: Clone + PartialEq>(
    b: &[T],
    o: &[T],
    t: &[T],
    name: impl Fn(&T) -> &String,
    clashes: &mut Vec<NamedClash<T>>,
) -> Vec<T> {
    let find = |list: &'_ [T], n: &str| list.iter().position(|x| name(x) == n);
    let mut names: Vec<&String> = o.iter().map(&name).collect();
    for x in t {
        if find(o, name(x)).is_none() {
            names.push(name(x));
        }
    }
    let mut out = Vec::new();
    for n in names {
        let (bx, ox, tx) = (
            find(b, n).map(|i| &b[i]),
            find(o, n).map(|i| &o[i]),
            find(t, n).map(|i| &t[i]),
        );
        let x = match (bx, ox, tx) {
            (_, None, None) => None,
            (None, Some(x), None) | (None, None, Some(x)) => Some(x.clone()),
            (None, Some(o), Some(t)) => {
                if o != t {
                    clashes.push((n.clone(), None, Some(o.clone()), Some(t.clone())));
                }
                Some(o.clone())
            }
            (Some(b), Some(x), None) | (Some(b), None, Some(x)) => {
                if x != b {
                    clashes.push((n.clone(), Some(b.clone()), ox.cloned(), tx.cloned()));
                    Some(x.clone())
                } else {
                    None
                }
            }
            (Some(b), Some(o), Some(t)) => {
                let (v, clash) = pick3(b, o, t);
                if clash {
                    clashes.push((n.clone(), Some(b.clone()), Some(o.clone()), Some(t.clone())));
                    Some(o.clone())
                } else {
                    Some(v.clone())
                }
            }
        };
        out.extend(x);
    }
    out
}

/// One item (annotation or relation) three-way.
enum Outcome<T> {
    Gone,
    Keep(T),
    /// Live: the item as it stands in the merge (or none); the clashing fields.
    Conflict(Option<T>, Vec<String>),
}

/// `fields(b, o, t)` merges an item both sides changed differently and
/// names the fields that clashed.
fn merge_item<T: Clone + PartialEq + std::fmt::Debug>(
    b: Option<&T>,
    o: Option<&T>,
    t: Option<&T>,
    fields: impl Fn(&T, &T, &T) -> (T, Vec<String>),
) -> Outcome<T> {
    match (b, o, t) {
        (_, None, None) => Outcome::Gone,
        (None, Some(x), None) | (None, None, Some(x)) => Outcome::Keep(x.clone()),
        (None, Some(o), Some(t)) => {
            if o == t {
                Outcome::Keep(o.clone())
            } else {
                // Which stands must not depend on the side: the smaller.
                let live = if format!("{o:?}") <= format!("{t:?}") {
                    o
                } else {
                    t
                };
                Outcome::Conflict(Some(live.clone()), vec![ADDED_ON_BOTH.to_string()])
            }
        }
        (Some(b), Some(o), None) => {
            if o == b {
                Outcome::Gone
            } else {
                Outcome::Conflict(Some(o.clone()), vec![REMOVED_IN_THEIRS.to_string()])
            }
        }
        (Some(b), None, Some(t)) => {
            if t == b {
                Outcome::Gone
            } else {
                Outcome::Conflict(Some(t.clone()), vec![REMOVED_IN_OURS.to_string()])
            }
        }
        (Some(b), Some(o), Some(t)) => {
            if o == b || o == t {
                Outcome::Keep(t.clone())
            } else if t == b {
                Outcome::Keep(o.clone())
            } else {
                let (x, clashed) = fields(b, o, t);
                if clashed.is_empty() {
                    Outcome::Keep(x)
                } else {
                    Outcome::Conflict(Some(x), clashed)
                }
            }
        }
    }
}

/// A string map key by key; clashing keys keep the base's value and are
/// named `prefix.KEY`.
fn merge_map(
    b: &BTreeMap<String, String>,
    o: &BTreeMap<String, String>,
    t: &BTreeMap<String, String>,
    prefix: &str,
    clashed: &mut Vec<String>,
) -> BTreeMap<String, String> {
    let keys: BTreeSet<&String> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    let mut out = BTreeMap::new();
    for k in keys {
        let (v, clash) = pick3_owned(b.get(k), o.get(k), t.get(k));
        if clash {
            clashed.push(format!("{prefix}.{k}"));
        }
        if let Some(v) = v {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}

fn annotation_fields(b: &Annotation, o: &Annotation, t: &Annotation) -> (Annotation, Vec<String>) {
    let mut clashed = Vec::new();
    let mut field = |name: &str, clash: bool| {
        if clash {
            clashed.push(name.to_string());
        }
    };
    let (label, c) = pick3(&b.label, &o.label, &t.label);
    field("label", c);
    let (fragments, c) = pick3(&b.fragments, &o.fragments, &t.fragments);
    field("span", c);
    let (note, c) = pick3(&b.note, &o.note, &t.note);
    field("note", c);
    let (annotators, c) = pick3(&b.annotators, &o.annotators, &t.annotators);
    field("annotators", c);
    let (origin, c) = pick3(&b.origin, &o.origin, &t.origin);
    field("origin", c);
    let attributes = merge_map(
        &b.attributes,
        &o.attributes,
        &t.attributes,
        "attributes",
        &mut clashed,
    );
    let a = Annotation {
        id: b.id.clone(),
        label: label.clone(),
        fragments: fragments.clone(),
        attributes,
        note: note.clone(),
        created: o.created.clone().min(t.created.clone()),
        modified: o.modified.clone().max(t.modified.clone()),
        annotators: annotators.clone(),
        origin: origin.clone(),
    };
    (a, clashed)
}

fn relation_fields(b: &Relation, o: &Relation, t: &Relation) -> (Relation, Vec<String>) {
    let mut clashed = Vec::new();
    let ends = |r: &Relation| (r.kind.clone(), r.from.clone(), r.to.clone());
    let (e, clash) = pick3_owned(ends(b), ends(o), ends(t));
    if clash {
        clashed.push("link".to_string());
    }
    let (kind, from, to) = e;
    let attributes = merge_map(
        &b.attributes,
        &o.attributes,
        &t.attributes,
        "attributes",
        &mut clashed,
    );
    (
        Relation {
            id: b.id.clone(),
            kind,
            from,
            to,
            attributes,
        },
        clashed,
    )
}

fn version(d: &Document) -> DocumentVersion {
    DocumentVersion {
        title: d.title.clone(),
        source: d.source.clone(),
        status: d.status(),
        attributes: d.attributes().clone(),
        text: d.text().to_string(),
    }
}

fn merge_documents(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    out: &mut VersionsMerged,
) -> Vec<Document> {
    let by_id = |p: &'_ Project| -> BTreeMap<String, usize> {
        p.documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect()
    };
    let (b, o, t) = (by_id(base), by_id(ours), by_id(theirs));
    fn get<'p>(p: &'p Project, m: &BTreeMap<String, usize>, id: &str) -> Option<&'p Document> {
        m.get(id).map(|&i| &p.documents[i])
    }
    let mut docs: Vec<Document> = Vec::new();
    let mut one = |id: &str, docs: &mut Vec<Document>, at: Option<usize>| {
        let merged = merge_document(id, get(base, &b, id), get(ours, &o, id), get(theirs, &t, id), out);
        if let Some(d) = merged {
            match at {
                Some(i) => docs.insert(i.min(docs.len()), d),
                None => docs.push(d),
            }
        }
    };
    for d in &ours.documents {
        one(&d.id, &mut docs, None);
    }
    for (i, d) in theirs.documents.iter().enumerate() {
        if !o.contains_key(&d.id) {
            one(&d.id, &mut docs, Some(i));
        }
    }
    docs
}

fn merge_document(
    id: &str,
    b: Option<&Document>,
    o: Option<&Document>,
    t: Option<&Document>,
    out: &mut VersionsMerged,
) -> Option<Document> {
    let mut conflict = |fields: &str, b: Option<&Document>, o: Option<&Document>, t: Option<&Document>| {
        out.conflicts.push((
            id.to_string(),
            MergeConflict::Document {
                fields: vec![fields.to_string()],
                base: b.map(version),
                ours: o.map(version),
                theirs: t.map(version),
            },
        ));
    };
    match (b, o, t) {
        (_, None, None) => None,
        (None, Some(x), None) | (None, None, Some(x)) => Some(x.clone()),
        (None, Some(od), Some(td)) => {
            if od == td {
                return Some(od.clone());
            }
            if od.text() != td.text() {
                let live = if od.text() <= td.text() { od } else { td };
                conflict(ADDED_ON_BOTH, None, Some(od), Some(td));
                let d = live.clone();
                return Some(with_new_conflicts(d, out, id));
            }
            // The same article added twice: merged against an empty one.
            let empty = Document::new(id, "", od.text());
            Some(merge_both(&empty, od, td, out))
        }
        (Some(bd), Some(x), None) | (Some(bd), None, Some(x)) => {
            if x == bd {
                return None;
            }
            let removed = if o.is_none() {
                REMOVED_IN_OURS
            } else {
                REMOVED_IN_THEIRS
            };
            conflict(removed, b, o, t);
            Some(with_new_conflicts(x.clone(), out, id))
        }
        (Some(bd), Some(od), Some(td)) => Some(merge_both(bd, od, td, out)),
    }
}

/// `d` with the conflicts just recorded for it added to its own.
fn with_new_conflicts(d: Document, out: &VersionsMerged, id: &str) -> Document {
    let mut conflicts = d.conflicts().to_vec();
    for (doc, c) in &out.conflicts {
        if doc == id && !conflicts.contains(c) {
            conflicts.push(c.clone());
        }
    }
    d.with_conflicts(conflicts)
}

/// A document all three versions have.
fn merge_both(b: &Document, o: &Document, t: &Document, out: &mut VersionsMerged) -> Document {
    if o == b || o == t {
        return t.clone();
    }
    if t == b {
        return o.clone();
    }
    let id = b.id.clone();
    let mut doc_clashes = Vec::new();
    let mut field = |name: &str, clash: bool| {
        if clash {
            doc_clashes.push(name.to_string());
        }
    };
    let (title, c) = pick3(&b.title, &o.title, &t.title);
    field("title", c);
    let (source, c) = pick3(&b.source, &o.source, &t.source);
    field("source", c);
    let (status, c) = pick3_owned(b.status(), o.status(), t.status());
    field("status", c);
    let (text, c) = pick3_owned(b.text(), o.text(), t.text());
    field("text", c);
    let attributes = merge_map(
        b.attributes(),
        o.attributes(),
        t.attributes(),
        "attributes",
        &mut doc_clashes,
    );
    let mut new_conflicts = Vec::new();
    if !doc_clashes.is_empty() {
        new_conflicts.push(MergeConflict::Document {
            fields: doc_clashes,
            base: Some(version(b)),
            ours: Some(version(o)),
            theirs: Some(version(t)),
        });
    }

    // Annotations by id.
    let ids: BTreeSet<&str> = b
        .annotations()
        .chain(o.annotations())
        .chain(t.annotations())
        .map(|a| a.id.as_str())
        .collect();
    let mut annotations: BTreeMap<String, Annotation> = BTreeMap::new();
    // Annotations kept against a removal: their links come back with them.
    let mut kept_against_removal = BTreeSet::new();
    for aid in ids {
        let (ba, oa, ta) = (b.annotation(aid), o.annotation(aid), t.annotation(aid));
        match merge_item(ba, oa, ta, annotation_fields) {
            Outcome::Gone => {}
            Outcome::Keep(a) => {
                annotations.insert(aid.to_string(), a);
            }
            Outcome::Conflict(live, fields) => {
                if ba.is_some() && (oa.is_none() || ta.is_none()) {
                    kept_against_removal.insert(aid.to_string());
                }
                new_conflicts.push(MergeConflict::Annotation {
                    id: aid.to_string(),
                    fields,
                    base: ba.cloned(),
                    ours: oa.cloned(),
                    theirs: ta.cloned(),
                });
                if let Some(a) = live {
                    annotations.insert(aid.to_string(), a);
                }
            }
        }
    }

    // Relations by id.
    let ids: BTreeSet<&str> = b
        .relations()
        .chain(o.relations())
        .chain(t.relations())
        .map(|r| r.id.as_str())
        .collect();
    let mut relations: BTreeMap<String, Relation> = BTreeMap::new();
    for rid in ids {
        let (br, or, tr) = (b.relation(rid), o.relation(rid), t.relation(rid));
        match merge_item(br, or, tr, relation_fields) {
            Outcome::Gone => {
                // Dropped with an annotation that the merge keeps.
                if let Some(r) = br
                    && (kept_against_removal.contains(&r.from) || kept_against_removal.contains(&r.to))
                {
                    relations.insert(rid.to_string(), r.clone());
                }
            }
            Outcome::Keep(r) => {
                relations.insert(rid.to_string(), r);
            }
            Outcome::Conflict(live, fields) => {
                new_conflicts.push(MergeConflict::Relation {
                    id: rid.to_string(),
                    fields,
                    base: br.cloned(),
                    ours: or.cloned(),
                    theirs: tr.cloned(),
                });
                if let Some(r) = live {
                    relations.insert(rid.to_string(), r);
                }
            }
        }
    }
    // A link whose end the other side removed goes (and is reported).
    let dangling: Vec<(String, String)> = relations
        .values()
        .filter_map(|r| {
            [&r.from, &r.to]
                .into_iter()
                .find(|end| !annotations.contains_key(*end))
                .map(|end| (r.id.clone(), end.clone()))
        })
        .collect();
    for (rid, end) in dangling {
        relations.remove(&rid);
        out.problems.push(Problem {
            document: id.clone(),
            id: Some(rid),
            kind: super::validate::ProblemKind::MissingEndpoint(end),
            set_aside: false,
        });
    }

    let (mut doc, _, _) = Document::from_parts(
        id.clone(),
        title.clone(),
        source.clone(),
        text.to_string(),
        annotations.into_values().collect(),
        relations.into_values().collect(),
    );
    doc.set_aside = merge_set(&b.set_aside, &o.set_aside, &t.set_aside);
    doc.set_aside_relations = merge_set(
        &b.set_aside_relations,
        &o.set_aside_relations,
        &t.set_aside_relations,
    );
    let mut conflicts = merge_set(&b.conflicts, &o.conflicts, &t.conflicts);
    for c in &new_conflicts {
        out.conflicts.push((id.clone(), c.clone()));
    }
    conflicts.extend(new_conflicts);
    let mut doc = doc
        .with_decisions(merge_set(b.decisions(), o.decisions(), t.decisions()))
        .with_rejections(merge_set(b.rejected(), o.rejected(), t.rejected()))
        .with_progress(status, attributes)
        .with_conflicts(conflicts);
    if text != o.text() || text != t.text() {
        // Some side's offsets were made on another text: re-anchor as on load.
        out.problems.extend(repair_document(&mut doc));
    }
    doc
}

/// Three-way as sets, in a side-independent order: what all keep or either
/// added since the base; what either removed stays removed.
fn merge_set<T: Clone + PartialEq + std::fmt::Debug>(b: &[T], o: &[T], t: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for x in o.iter().chain(t) {
        let keep = if b.contains(x) {
            o.contains(x) && t.contains(x)
        } else {
            true
        };
        if keep && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out.sort_by_cached_key(|x| format!("{x:?}"));
    out
}
