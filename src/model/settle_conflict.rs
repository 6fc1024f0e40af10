//! Settling a merge conflict (issue 17), in a document or on the project with the keys of a review
//! disagreement: take ours, theirs, both or neither (the base). One
//! undoable edit: the document is replaced by its settled version (as
//! `replace.rs` replaces a project), so Ctrl+Z gives the conflict back
//! exactly, record and all.

use super::annotation::{Annotation, Relation};
use super::document::Document;
use super::edit::{Edit, EditError};
use super::merge_conflict::{DocumentVersion, MergeConflict};
use super::project::Project;
use super::project_conflict::ProjectConflict;
use super::repair::repair_document;
use super::tagset::TagSet;

/// Which version a conflict is settled with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settle {
    Ours,
    Theirs,
    /// Both: an annotation both sides have is kept twice (theirs under
    /// `ID-theirs`); for a relation or the document itself, ours.
    Both,
    /// The base's version (what neither side made).
    Neither,
}

/// The edit that settles conflict `index` of document `doc` with `take`.
pub fn settle_conflict(p: &Project, doc: usize, index: usize, take: Settle) -> Result<Edit, EditError> {
    let d = p.documents.get(doc).ok_or(EditError::NoDocument(doc))?;
    let conflict = d
        .conflicts
        .get(index)
        .ok_or(EditError::NoConflict(index))?
        .clone();
    let mut settled = d.clone();
    settled.conflicts.remove(index);
    match conflict {
        MergeConflict::Annotation {
            id,
            base,
            ours,
            theirs,
            ..
        } => {
            let versions: Vec<Annotation> = match take {
                Settle::Ours => ours.into_iter().collect(),
                Settle::Theirs => theirs.into_iter().collect(),
                Settle::Neither => base.into_iter().collect(),
                Settle::Both => match (ours, theirs) {
                    (Some(o), Some(mut t)) if o != t => {
                        t.id = format!("{id}-theirs");
                        vec![o, t]
                    }
                    (o, t) => o.or(t).into_iter().collect(),
                },
            };
            if versions.is_empty() {
                let links: Vec<String> = settled.relations_of(&id).map(|r| r.id.clone()).collect();
                for r in links {
                    settled.remove_relation(&r);
                }
                settled.remove_annotation(&id);
            }
            for a in versions {
                settled.insert_annotation(a);
            }
        }
        MergeConflict::Relation {
            id,
            base,
            ours,
            theirs,
            ..
        } => {
            let version: Option<Relation> = match take {
                Settle::Ours | Settle::Both => ours.or(if take == Settle::Both { theirs } else { None }),
                Settle::Theirs => theirs,
                Settle::Neither => base,
            };
            match version {
                Some(r) => {
                    for end in [&r.from, &r.to] {
                        if settled.annotation(end).is_none() {
                            return Err(EditError::NoAnnotation(end.clone()));
                        }
                    }
                    settled.insert_relation(r);
                }
                None => {
                    settled.remove_relation(&id);
                }
            }
        }
        MergeConflict::Document {
            base, ours, theirs, ..
        } => {
            let version: Option<DocumentVersion> = match take {
                Settle::Ours | Settle::Both => ours,
                Settle::Theirs => theirs,
                Settle::Neither => base,
            };
            let Some(v) = version else {
                // That side removed the document.
                return Ok(Edit::RemoveDocument { index: doc });
            };
            settled = with_version(settled, v);
        }
    }
    Ok(Edit::Batch(vec![
        Edit::RemoveDocument { index: doc },
        Edit::AddDocument {
            index: doc,
            document: Box::new(settled),
        },
    ]))
}

/// `d` with a side's own fields; a different text re-anchors its annotations.
fn with_version(d: Document, v: DocumentVersion) -> Document {
    let mut d = if d.text() == v.text {
        d
    } else {
        let (mut fresh, _, _) = Document::from_parts(
            d.id.clone(),
            d.title.clone(),
            d.source.clone(),
            v.text.clone(),
            d.annotations()
                .cloned()
                .chain(d.set_aside.iter().cloned())
                .collect(),
            d.relations()
                .cloned()
                .chain(d.set_aside_relations.iter().cloned())
                .collect(),
        );
        fresh.conflicts = d.conflicts.clone();
        let mut fresh = fresh
            .with_decisions(d.decisions().to_vec())
            .with_rejections(d.rejected().to_vec());
        repair_document(&mut fresh);
        fresh
    };
    d.title = v.title;
    d.source = v.source;
    d.with_progress(v.status, v.attributes)
}

/// The edit that settles the project's own conflict `index` with `take`:
/// both keeps what stands; ours, theirs or neither (the base) put that
/// version in its place. A version that removes a label or relation kind
/// still used is refused ([`EditError::InUse`]).
pub fn settle_project_conflict(p: &Project, index: usize, take: Settle) -> Result<Edit, EditError> {
    let conflict = p
        .conflicts
        .get(index)
        .ok_or(EditError::NoProjectConflict(index))?;
    let mut rest = p.conflicts.clone();
    rest.remove(index);
    // Both keeps what stands (ours, or the changed version against a
    // removal); the others put that side's version in its place.
    let side = match take {
        Settle::Both => return Ok(Edit::SetProjectConflicts(rest)),
        Settle::Ours => Side::Ours,
        Settle::Theirs => Side::Theirs,
        Settle::Neither => Side::Base,
    };
    let mut edits = Vec::new();
    match conflict {
        ProjectConflict::Name { base, ours, theirs } => edits.push(Edit::SetProjectInfo {
            name: side.pick(base, ours, theirs).clone(),
            annotator: p.annotator.clone(),
        }),
        ProjectConflict::Annotator { base, ours, theirs } => edits.push(Edit::SetProjectInfo {
            name: p.name.clone(),
            annotator: side.pick(base, ours, theirs).clone(),
        }),
        ProjectConflict::Label {
            name,
            base,
            ours,
            theirs,
        } => {
            let version = side.pick(base, ours, theirs);
            let used = || {
                p.documents
                    .iter()
                    .any(|d| d.annotations().any(|a| &a.label == name))
            };
            refuse_removal_in_use(version, used, || format!("label {name}"))?;
            edits.push(in_tagset(p, |t| &mut t.labels, name, version, |l| &l.name));
        }
        ProjectConflict::RelationKind {
            name,
            base,
            ours,
            theirs,
        } => {
            let version = side.pick(base, ours, theirs);
            let used = || p.documents.iter().any(|d| d.relations().any(|r| &r.kind == name));
            refuse_removal_in_use(version, used, || format!("relation kind {name}"))?;
            edits.push(in_tagset(p, |t| &mut t.relations, name, version, |r| &r.name));
        }
        ProjectConflict::PersonAttribute {
            name,
            base,
            ours,
            theirs,
        } => {
            let version = side.pick(base, ours, theirs);
            edits.push(in_tagset(
                p,
                |t| &mut t.person_attributes,
                name,
                version,
                |a| &a.name,
            ));
        }
        ProjectConflict::Person {
            name,
            base,
            ours,
            theirs,
        } => match (side.pick(base, ours, theirs), p.people.get(name)) {
            (Some(v), Some(_)) => edits.push(Edit::SetPerson(v.clone())),
            (Some(v), None) => edits.push(Edit::AddPerson(v.clone())),
            (None, Some(_)) => edits.push(Edit::RemovePerson { name: name.clone() }),
            (None, None) => {}
        },
        ProjectConflict::LabelRenamed { from, ours, theirs } => {
            // The merge carries ours' name.
            let to = side.pick(from, ours, theirs);
            if to != ours {
                edits.push(Edit::RenameLabel {
                    from: ours.clone(),
                    to: to.clone(),
                });
            }
        }
    }
    edits.push(Edit::SetProjectConflicts(rest));
    Ok(Edit::Batch(edits))
}

/// Refuses a version that removes (`None`) what is still `used`.
fn refuse_removal_in_use<T>(
    version: &Option<T>,
    used: impl FnOnce() -> bool,
    what: impl FnOnce() -> String,
) -> Result<(), EditError> {
    if version.is_none() && used() {
        return Err(EditError::InUse(what()));
    }
    Ok(())
}

/// Which version of a project conflict goes in.
#[derive(Clone, Copy)]
enum Side {
    Base,
    Ours,
    Theirs,
}

impl Side {
    fn pick<'a, T>(self, base: &'a T, ours: &'a T, theirs: &'a T) -> &'a T {
        match self {
            Side::Base => base,
            Side::Ours => ours,
            Side::Theirs => theirs,
        }
    }
}

/// The tag set with the item named `name` of one of its lists replaced by
/// `version` (added at the end when absent; taken out for `None`).
fn in_tagset<T: Clone>(
    p: &Project,
    list: impl Fn(&mut TagSet) -> &mut Vec<T>,
    name: &str,
    version: &Option<T>,
    name_of: impl Fn(&T) -> &String,
) -> Edit {
    let mut tagset = p.tagset.clone();
    let list = list(&mut tagset);
    let at = list.iter().position(|x| name_of(x) == name);
    match (at, version.clone()) {
        (Some(i), Some(v)) => list[i] = v,
        (None, Some(v)) => list.push(v),
        (Some(i), None) => {
            list.remove(i);
        }
        (None, None) => {}
    }
    Edit::SetTagSet(tagset)
}
