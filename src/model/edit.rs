//! Edits: every change to a project is a value that, applied, returns its
//! own inverse. History stores inverses, so undo is exact and cheap (no
//! snapshots of the project).
//!
//! The promise is that an inverse always applies to the state its edit left.
//! It holds because an edit that would leave a state its inverse cannot undo
//! is refused up front: an annotation is removed only with the relations that
//! touch it ([`Edit::DeleteAnnotation`]); fragments are checked against the
//! text (in range, non-empty, in order, not overlapping, covering the text
//! they store); a label is renamed only when the name is unambiguous. The
//! inverses that no public edit expresses exactly (a bare removal, a restore
//! without checks) are [`Inverse`] values that only the model can make.

use std::collections::{BTreeMap, HashSet};

use thiserror::Error;

use super::annotation::{Annotation, Relation};
use super::decision::{Decision, Taken};
use super::inverse::{Exact, Inverse};
use super::people::Person;
use super::people_edit;
use super::progress_edit;
use super::project::{Document, Project};
use super::project_conflict::ProjectConflict;
use super::rejection::Rejection;
use super::status::Status;
use super::tagset::TagSet;
use super::validate::{ProblemKind, fragment_problems};

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Add an annotation; its fragments are put in text order and checked.
    AddAnnotation {
        doc: usize,
        annotation: Annotation,
    },
    /// Remove an annotation together with every relation that starts or
    /// ends at it (the only way to remove one: no relation is left dangling).
    DeleteAnnotation {
        doc: usize,
        id: String,
    },
    /// Replace the annotation with the same id (label, fragments, attributes,
    /// note); the new fragments are checked like an added annotation's.
    ReplaceAnnotation {
        doc: usize,
        annotation: Annotation,
    },
    /// Link two annotations that exist.
    AddRelation {
        doc: usize,
        relation: Relation,
    },
    RemoveRelation {
        doc: usize,
        id: String,
    },
    SetTagSet(TagSet),
    /// Rename a label in the tag set, its relation kinds and every annotation.
    /// Refused when `from` names two labels or `to` is used anywhere, since
    /// the rename back would then not be exact.
    RenameLabel {
        from: String,
        to: String,
    },
    SetProjectInfo {
        name: String,
        annotator: String,
    },
    AddDocument {
        index: usize,
        document: Box<Document>,
    },
    RemoveDocument {
        index: usize,
    },
    /// Records what a reviewer took at the place `start..end` of a gold
    /// document (`None` forgets the decision there).
    Decide {
        doc: usize,
        start: usize,
        end: usize,
        taken: Option<Taken>,
    },
    /// Remember that a suggestion was rejected in document `doc`, so that it
    /// is not offered again; its fragments are checked against the text
    /// like an added annotation's. Refused when an equal one is there.
    Reject {
        doc: usize,
        rejection: Rejection,
    },
    /// Forget a rejection (the suggestion may be offered again).
    ForgetRejection {
        doc: usize,
        rejection: Rejection,
    },
    // issue 13: progress
    /// Set document `doc`'s progress status.
    SetDocumentStatus {
        doc: usize,
        status: Status,
    },
    /// Set (`Some`) or remove (`None`) document `doc`'s attribute `key`;
    /// refused for an empty key.
    SetDocumentAttribute {
        doc: usize,
        key: String,
        value: Option<String>,
    },
    /// Replace the attributes of relation `id` (refused for an empty key).
    SetRelationAttributes {
        doc: usize,
        id: String,
        attributes: BTreeMap<String, String>,
    },
    // issue 14: people
    /// Add a person to the register; refused for an empty name, an empty
    /// attribute key or a name the register holds.
    AddPerson(Person),
    /// Take a person out of the register. Speakers pointing to them keep
    /// their `person` value (merge or rename to move them).
    RemovePerson {
        name: String,
    },
    /// Replace the aliases and attributes of the person of that name.
    SetPerson(Person),
    /// Rename a person in the register and in every speaker that points to
    /// them, in every document; refused when `to` is in the register (merge
    /// the two instead).
    RenamePerson {
        from: String,
        to: String,
    },
    /// Merge person `from` into `into`: `from`'s speakers point to `into`,
    /// `from`'s name and aliases become `into`'s aliases, attributes `into`
    /// lacks are taken from `from`, and `from` leaves the register.
    MergePeople {
        from: String,
        into: String,
    },
    /// Point speaker `id` of document `doc` at person `name`, a new register
    /// entry with the mention as alias when there is none of that name.
    SplitMention {
        doc: usize,
        id: String,
        name: String,
    },
    // issue 17: git
    /// Replace the project's own merge conflicts (what is left to settle).
    SetProjectConflicts(Vec<ProjectConflict>),
    /// Several edits as one undo step; applied in order, undone in reverse.
    /// If one fails, those applied before it are rolled back.
    Batch(Vec<Edit>),
    /// The exact inverse of one of the edits above, as [`Edit::apply`]
    /// returns it; it cannot be built outside the model.
    Inverse(Inverse),
}

#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum EditError {
    #[error("there is no document #{0}")]
    NoDocument(usize),
    #[error("there is no annotation {0}")]
    NoAnnotation(String),
    // issue 17
    #[error("there is no merge conflict #{0} in that document")]
    NoConflict(usize),
    #[error("there is no merge conflict #{0} on the project")]
    NoProjectConflict(usize),
    #[error("{0} is still in use; change what uses it first")]
    InUse(String),
    #[error("annotation {0} exists already")]
    DuplicateAnnotation(String),
    #[error("there is no relation {0}")]
    NoRelation(String),
    #[error("relation {0} exists already")]
    DuplicateRelation(String),
    #[error("a label named \"{0}\" exists already")]
    DuplicateLabel(String),
    #[error("there is no label \"{0}\"")]
    NoLabel(String),
    #[error("two labels are named \"{0}\"; rename one of them in the tag set first")]
    AmbiguousLabel(String),
    #[error("annotation {id} {problem}")]
    BadFragments { id: String, problem: ProblemKind },
    #[error("that {0} suggestion was rejected already")]
    DuplicateRejection(String),
    #[error("no {0} suggestion was rejected there")]
    NoRejection(String),
    #[error("the rejected {label} suggestion {problem}")]
    BadRejection { label: String, problem: ProblemKind },
    #[error("an attribute needs a name")]
    EmptyAttributeKey,
    #[error("a person needs a name")]
    EmptyPersonName,
    #[error("there is no person \"{0}\" in the register")]
    NoPerson(String),
    #[error("a person named \"{0}\" is in the register already")]
    DuplicatePerson(String),
    #[error("that is \"{0}\" already")]
    SamePerson(String),
    #[error("a review decision needs a non-empty place inside the text (got {start}..{end})")]
    BadPlace { start: usize, end: usize },
}

pub(super) fn doc_mut(p: &mut Project, doc: usize) -> Result<&mut Document, EditError> {
    p.documents.get_mut(doc).ok_or(EditError::NoDocument(doc))
}

/// Puts the fragments in text order and checks them against the text.
fn check_fragments(d: &Document, a: &mut Annotation) -> Result<(), EditError> {
    a.normalise();
    match fragment_problems(d, &a.fragments).into_iter().next() {
        None => Ok(()),
        Some(problem) => Err(EditError::BadFragments {
            id: a.id.clone(),
            problem,
        }),
    }
}

impl Edit {
    /// Applies the edit; on success returns the edit that undoes it, which
    /// applies to the project as this edit leaves it. On failure the project
    /// is unchanged.
    pub fn apply(self, p: &mut Project) -> Result<Edit, EditError> {
        Ok(match self {
            Edit::AddAnnotation { doc, mut annotation } => {
                let d = doc_mut(p, doc)?;
                if d.annotation(&annotation.id).is_some() {
                    return Err(EditError::DuplicateAnnotation(annotation.id));
                }
                check_fragments(d, &mut annotation)?;
                let id = annotation.id.clone();
                d.insert_annotation(annotation);
                Inverse::edit(Exact::Unadd { doc, id })
            }
            Edit::DeleteAnnotation { doc, id } => {
                let d = doc_mut(p, doc)?;
                if d.annotation(&id).is_none() {
                    return Err(EditError::NoAnnotation(id));
                }
                let ids: Vec<String> = d.relations_of(&id).map(|r| r.id.clone()).collect();
                let relations = ids.iter().filter_map(|r| d.remove_relation(r)).collect();
                let annotation = d.remove_annotation(&id).ok_or(EditError::NoAnnotation(id))?;
                Inverse::edit(Exact::Undelete {
                    doc,
                    annotation,
                    relations,
                })
            }
            Edit::ReplaceAnnotation { doc, mut annotation } => {
                let d = doc_mut(p, doc)?;
                if d.annotation(&annotation.id).is_none() {
                    return Err(EditError::NoAnnotation(annotation.id));
                }
                check_fragments(d, &mut annotation)?;
                let id = annotation.id.clone();
                let old = d
                    .insert_annotation(annotation)
                    .ok_or(EditError::NoAnnotation(id))?;
                Inverse::edit(Exact::Put { doc, annotation: old })
            }
            Edit::AddRelation { doc, relation } => {
                let d = doc_mut(p, doc)?;
                if d.relation(&relation.id).is_some() {
                    return Err(EditError::DuplicateRelation(relation.id));
                }
                for end in [&relation.from, &relation.to] {
                    if d.annotation(end).is_none() {
                        return Err(EditError::NoAnnotation(end.clone()));
                    }
                }
                let id = relation.id.clone();
                d.insert_relation(relation);
                Edit::RemoveRelation { doc, id }
            }
            Edit::RemoveRelation { doc, id } => {
                let d = doc_mut(p, doc)?;
                let relation = d.remove_relation(&id).ok_or(EditError::NoRelation(id))?;
                Inverse::edit(Exact::PutRelation { doc, relation })
            }
            Edit::SetTagSet(tagset) => {
                let old = std::mem::replace(&mut p.tagset, tagset);
                p.documents.iter_mut().for_each(Document::touch);
                Edit::SetTagSet(old)
            }
            Edit::RenameLabel { from, to } => rename_label(p, from, to)?,
            Edit::SetProjectConflicts(conflicts) => {
                Edit::SetProjectConflicts(std::mem::replace(&mut p.conflicts, conflicts))
            }
            Edit::SetProjectInfo { name, annotator } => {
                let old_name = std::mem::replace(&mut p.name, name);
                let old_annotator = std::mem::replace(&mut p.annotator, annotator);
                Edit::SetProjectInfo {
                    name: old_name,
                    annotator: old_annotator,
                }
            }
            Edit::AddDocument { index, document } => {
                let index = index.min(p.documents.len());
                p.documents.insert(index, *document);
                Edit::RemoveDocument { index }
            }
            Edit::RemoveDocument { index } => {
                if index >= p.documents.len() {
                    return Err(EditError::NoDocument(index));
                }
                let document = Box::new(p.documents.remove(index));
                Edit::AddDocument { index, document }
            }
            Edit::Decide {
                doc,
                start,
                end,
                taken,
            } => {
                let d = doc_mut(p, doc)?;
                if start >= end || end > d.char_len() {
                    return Err(EditError::BadPlace { start, end });
                }
                let new = taken.map(|taken| Decision { start, end, taken });
                let old = d.set_decision(start, end, new);
                Edit::Decide {
                    doc,
                    start,
                    end,
                    taken: old.map(|o| o.taken),
                }
            }
            Edit::Reject { doc, mut rejection } => {
                let d = doc_mut(p, doc)?;
                rejection.fragments.sort_by_key(|f| (f.start, f.end));
                if let Some(problem) = fragment_problems(d, &rejection.fragments).into_iter().next() {
                    return Err(EditError::BadRejection {
                        label: rejection.label,
                        problem,
                    });
                }
                if !d.add_rejection(rejection.clone()) {
                    return Err(EditError::DuplicateRejection(rejection.label));
                }
                Edit::ForgetRejection { doc, rejection }
            }
            Edit::ForgetRejection { doc, rejection } => {
                let d = doc_mut(p, doc)?;
                if !d.remove_rejection(&rejection) {
                    return Err(EditError::NoRejection(rejection.label));
                }
                Inverse::edit(Exact::PutRejection { doc, rejection })
            }
            Edit::SetDocumentStatus { doc, status } => progress_edit::set_status(p, doc, status)?,
            Edit::SetDocumentAttribute { doc, key, value } => {
                progress_edit::set_attribute(p, doc, key, value)?
            }
            Edit::SetRelationAttributes { doc, id, attributes } => {
                progress_edit::set_relation_attributes(p, doc, id, attributes)?
            }
            Edit::AddPerson(person) => people_edit::add(p, person)?,
            Edit::RemovePerson { name } => people_edit::remove(p, name)?,
            Edit::SetPerson(person) => people_edit::set(p, person)?,
            Edit::RenamePerson { from, to } => people_edit::rename(p, from, to)?,
            Edit::MergePeople { from, into } => people_edit::merge(p, from, into)?,
            Edit::SplitMention { doc, id, name } => people_edit::split(p, doc, id, name)?,
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for e in edits {
                    match e.apply(p) {
                        Ok(inv) => inverses.push(inv),
                        Err(err) => {
                            // Roll back what was applied so a failed batch
                            // changes nothing. Each inverse applies to the
                            // state its edit left, which is the state here.
                            for inv in inverses.into_iter().rev() {
                                let undone = inv.apply(p);
                                debug_assert!(undone.is_ok(), "rollback failed: {undone:?}");
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
            Edit::Inverse(inverse) => inverse.apply(p)?,
        })
    }

    /// Where the edit acts: each (document index, annotation id) it adds,
    /// changes, removes or links, in order, and the first document it
    /// changes as a whole (added or removed). For showing a change on undo.
    pub(super) fn touches(&self, out: &mut Touched) {
        match self {
            Edit::AddAnnotation { doc, annotation } | Edit::ReplaceAnnotation { doc, annotation } => {
                out.annotation(*doc, &annotation.id)
            }
            Edit::DeleteAnnotation { doc, id } => out.annotation(*doc, id),
            Edit::AddRelation { doc, relation } => {
                out.annotation(*doc, &relation.from);
                out.annotation(*doc, &relation.to);
            }
            Edit::RemoveRelation { doc, .. } => out.document(*doc),
            Edit::AddDocument { index, .. } | Edit::RemoveDocument { index } => out.document(*index),
            Edit::Decide { doc, .. } => out.document(*doc),
            Edit::Reject { doc, .. } | Edit::ForgetRejection { doc, .. } => out.document(*doc),
            Edit::SetDocumentStatus { doc, .. } | Edit::SetDocumentAttribute { doc, .. } => {
                out.document(*doc)
            }
            Edit::SetRelationAttributes { doc, id, .. } => out.relation(*doc, id),
            Edit::SetTagSet(_)
            | Edit::RenameLabel { .. }
            | Edit::SetProjectInfo { .. }
            | Edit::SetProjectConflicts(_) => {}
            Edit::SplitMention { doc, id, .. } => out.annotation(*doc, id),
            Edit::AddPerson(_)
            | Edit::RemovePerson { .. }
            | Edit::SetPerson(_)
            | Edit::RenamePerson { .. }
            | Edit::MergePeople { .. } => {}
            Edit::Batch(edits) => edits.iter().for_each(|e| e.touches(out)),
            Edit::Inverse(inverse) => inverse.touches(out),
        }
    }
}

/// The documents and annotations an edit touches (see [`Edit::touches`]).
#[derive(Debug, Default)]
pub(super) struct Touched {
    pub doc: Option<usize>,
    /// In the order first touched, each once (a batch that accepts thousands
    /// of spans touches thousands: hence the set).
    pub annotations: Vec<(usize, String)>,
    seen: HashSet<(usize, String)>,
}

impl Touched {
    pub fn document(&mut self, doc: usize) {
        self.doc.get_or_insert(doc);
    }
    /// A relation's attributes changed: where it is shown is found by the
    /// caller from the relation's ends; here only the document is kept.
    pub fn relation(&mut self, doc: usize, _id: &str) {
        self.document(doc);
    }
    pub fn annotation(&mut self, doc: usize, id: &str) {
        self.document(doc);
        if self.seen.insert((doc, id.to_string())) {
            self.annotations.push((doc, id.to_string()));
        }
    }
}

fn rename_label(p: &mut Project, from: String, to: String) -> Result<Edit, EditError> {
    // The name must be unused everywhere, not only in the tag set:
    // annotations (or relation kinds) already carrying it, e.g. from a
    // colleague's tag set, would be merged in and the inverse rename would
    // then relabel them too, so undo would not be exact.
    let in_use = p.tagset.label(&to).is_some()
        || p.tagset.relations.iter().any(|r| r.from == to || r.to == to)
        || p.documents.iter().any(|d| d.annotations().any(|a| a.label == to));
    if in_use {
        return Err(EditError::DuplicateLabel(to));
    }
    // Renaming one of two labels of one name would leave the name in use,
    // so the rename back would be refused.
    match p.tagset.labels.iter().filter(|l| l.name == from).count() {
        0 => return Err(EditError::NoLabel(from)),
        1 => {}
        _ => return Err(EditError::AmbiguousLabel(from)),
    }
    for l in p.tagset.labels.iter_mut().filter(|l| l.name == from) {
        l.name = to.clone();
    }
    for r in &mut p.tagset.relations {
        for end in [&mut r.from, &mut r.to] {
            if *end == from {
                *end = to.clone();
            }
        }
    }
    for d in &mut p.documents {
        let ids: Vec<String> = d
            .annotations()
            .filter(|a| a.label == from)
            .map(|a| a.id.clone())
            .collect();
        for id in ids {
            if let Some(mut a) = d.annotation(&id).cloned() {
                a.label = to.clone();
                d.insert_annotation(a);
            }
        }
        d.touch();
    }
    Ok(Edit::RenameLabel { from: to, to: from })
}
