//! Edits: every change to a project is a value that, applied, returns its
//! own inverse. History stores inverses, so undo is exact and cheap (no
//! snapshots of the project).

use thiserror::Error;

use super::annotation::{Annotation, Relation};
use super::decision::{Decision, Taken};
use super::project::{Document, Project};
use super::tagset::TagSet;

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    AddAnnotation {
        doc: usize,
        annotation: Annotation,
    },
    RemoveAnnotation {
        doc: usize,
        id: String,
    },
    /// Replace the annotation with the same id (label, fragments, attributes, note).
    ReplaceAnnotation {
        doc: usize,
        annotation: Annotation,
    },
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
    /// Several edits as one undo step; applied in order, undone in reverse.
    Batch(Vec<Edit>),
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum EditError {
    #[error("there is no document #{0}")]
    NoDocument(usize),
    #[error("there is no annotation {0}")]
    NoAnnotation(String),
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
    #[error("an annotation needs at least one non-empty fragment inside the text")]
    BadFragments,
    #[error("a review decision needs a non-empty place inside the text (got {start}..{end})")]
    BadPlace { start: usize, end: usize },
}

fn doc_mut(p: &mut Project, doc: usize) -> Result<&mut Document, EditError> {
    p.documents.get_mut(doc).ok_or(EditError::NoDocument(doc))
}

fn check_fragments(d: &Document, a: &Annotation) -> Result<(), EditError> {
    let n = d.char_len();
    if a.fragments.is_empty() || a.fragments.iter().any(|f| f.start >= f.end || f.end > n) {
        return Err(EditError::BadFragments);
    }
    Ok(())
}

impl Edit {
    /// Applies the edit; on success returns the edit that undoes it. On
    /// failure the project is unchanged.
    pub fn apply(self, p: &mut Project) -> Result<Edit, EditError> {
        Ok(match self {
            Edit::AddAnnotation { doc, mut annotation } => {
                let d = doc_mut(p, doc)?;
                if d.annotation(&annotation.id).is_some() {
                    return Err(EditError::DuplicateAnnotation(annotation.id));
                }
                annotation.normalise();
                check_fragments(d, &annotation)?;
                let id = annotation.id.clone();
                d.insert_annotation(annotation);
                Edit::RemoveAnnotation { doc, id }
            }
            Edit::RemoveAnnotation { doc, id } => {
                let d = doc_mut(p, doc)?;
                let annotation = d.remove_annotation(&id).ok_or(EditError::NoAnnotation(id))?;
                Edit::AddAnnotation { doc, annotation }
            }
            Edit::ReplaceAnnotation { doc, mut annotation } => {
                let d = doc_mut(p, doc)?;
                if d.annotation(&annotation.id).is_none() {
                    return Err(EditError::NoAnnotation(annotation.id));
                }
                annotation.normalise();
                check_fragments(d, &annotation)?;
                let old = d.insert_annotation(annotation).ok_or(EditError::BadFragments)?;
                Edit::ReplaceAnnotation { doc, annotation: old }
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
                Edit::AddRelation { doc, relation }
            }
            Edit::SetTagSet(tagset) => {
                let old = std::mem::replace(&mut p.tagset, tagset);
                p.documents.iter_mut().for_each(Document::touch);
                Edit::SetTagSet(old)
            }
            Edit::RenameLabel { from, to } => {
                // The name must be unused everywhere, not only in the tag set:
                // annotations (or relation kinds) already carrying it, e.g. from
                // a colleague's tag set, would be merged in and the inverse
                // rename would then relabel them too, so undo would not be exact.
                let in_use = p.tagset.label(&to).is_some()
                    || p.tagset.relations.iter().any(|r| r.from == to || r.to == to)
                    || p.documents.iter().any(|d| d.annotations().any(|a| a.label == to));
                if in_use {
                    return Err(EditError::DuplicateLabel(to));
                }
                let label = p.tagset.labels.iter_mut().find(|l| l.name == from);
                label.ok_or_else(|| EditError::NoLabel(from.clone()))?.name = to.clone();
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
                Edit::RenameLabel { from: to, to: from }
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
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for e in edits {
                    match e.apply(p) {
                        Ok(inv) => inverses.push(inv),
                        Err(err) => {
                            // Roll back what was applied so a failed batch changes nothing.
                            for inv in inverses.into_iter().rev() {
                                let _ = inv.apply(p);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
        })
    }

    /// Removes an annotation together with every relation that touches it.
    pub fn delete_annotation(p: &Project, doc: usize, id: &str) -> Edit {
        let mut edits: Vec<Edit> = p
            .documents
            .get(doc)
            .map(|d| {
                d.relations_of(id)
                    .map(|r| Edit::RemoveRelation {
                        doc,
                        id: r.id.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        edits.push(Edit::RemoveAnnotation {
            doc,
            id: id.to_string(),
        });
        Edit::Batch(edits)
    }
}
