//! The inverses that no public [`Edit`] expresses exactly. Only the model
//! makes them (the field of [`Inverse`] is private), as the result of
//! applying an edit, so each is applied to the state it was made for: it
//! checks only that its target is there (or not), never the rules the edit
//! it undoes was checked against, so an undo cannot be refused by a rule
//! (a relation to a missing end, fragments the tag set or the text now
//! disallow in a file read without repair).

use super::annotation::{Annotation, Relation};
use super::edit::{Edit, EditError, Touched, doc_mut};
use super::people::Person;
use super::project::Project;
use super::rejection::Rejection;

/// An exact inverse, made by [`Edit::apply`]; see the module doc.
#[derive(Clone, Debug, PartialEq)]
pub struct Inverse(Exact);

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Exact {
    /// Undoes `AddAnnotation`: removes the annotation only (a bare removal,
    /// never public: it could leave a relation dangling).
    Unadd { doc: usize, id: String },
    /// Undoes `Unadd` and `ReplaceAnnotation`: puts this version of the
    /// annotation back, unchecked.
    Put { doc: usize, annotation: Annotation },
    /// Undoes `DeleteAnnotation`: the annotation and the relations it took.
    Undelete {
        doc: usize,
        annotation: Annotation,
        relations: Vec<Relation>,
    },
    /// Undoes `RemoveRelation`: the relation back, its ends unchecked.
    PutRelation { doc: usize, relation: Relation },
    /// Undoes `ForgetRejection`: the rejection back, its fragments
    /// unchecked (one loaded from a file may no longer match the text).
    PutRejection { doc: usize, rejection: Rejection },
    /// Undoes `RemovePerson`: the person back in the register, unchecked.
    PutPerson(Person),
}

impl Inverse {
    pub(super) fn edit(exact: Exact) -> Edit {
        Edit::Inverse(Inverse(exact))
    }

    pub(super) fn apply(self, p: &mut Project) -> Result<Edit, EditError> {
        Ok(match self.0 {
            Exact::Unadd { doc, id } => {
                let d = doc_mut(p, doc)?;
                let annotation = d.remove_annotation(&id).ok_or(EditError::NoAnnotation(id))?;
                Inverse::edit(Exact::Put { doc, annotation })
            }
            Exact::Put { doc, annotation } => {
                let d = doc_mut(p, doc)?;
                let id = annotation.id.clone();
                match d.insert_annotation(annotation) {
                    Some(old) => Inverse::edit(Exact::Put { doc, annotation: old }),
                    None => Inverse::edit(Exact::Unadd { doc, id }),
                }
            }
            Exact::Undelete {
                doc,
                annotation,
                relations,
            } => {
                let d = doc_mut(p, doc)?;
                if d.annotation(&annotation.id).is_some() {
                    return Err(EditError::DuplicateAnnotation(annotation.id));
                }
                if let Some(r) = relations.iter().find(|r| d.relation(&r.id).is_some()) {
                    return Err(EditError::DuplicateRelation(r.id.clone()));
                }
                let id = annotation.id.clone();
                d.insert_annotation(annotation);
                for r in relations {
                    d.insert_relation(r);
                }
                Edit::DeleteAnnotation { doc, id }
            }
            Exact::PutRelation { doc, relation } => {
                let d = doc_mut(p, doc)?;
                if d.relation(&relation.id).is_some() {
                    return Err(EditError::DuplicateRelation(relation.id));
                }
                let id = relation.id.clone();
                d.insert_relation(relation);
                Edit::RemoveRelation { doc, id }
            }
            Exact::PutRejection { doc, rejection } => {
                let d = doc_mut(p, doc)?;
                if !d.add_rejection(rejection.clone()) {
                    return Err(EditError::DuplicateRejection(rejection.label));
                }
                Edit::ForgetRejection { doc, rejection }
            }
            Exact::PutPerson(person) => super::people_edit::put_back(p, person)?,
        })
    }

    pub(super) fn touches(&self, out: &mut Touched) {
        match &self.0 {
            Exact::Unadd { doc, id } => out.annotation(*doc, id),
            Exact::Put { doc, annotation } | Exact::Undelete { doc, annotation, .. } => {
                out.annotation(*doc, &annotation.id)
            }
            Exact::PutRelation { doc, relation } => {
                out.annotation(*doc, &relation.from);
                out.annotation(*doc, &relation.to);
            }
            Exact::PutRejection { doc, .. } => out.document(*doc),
            Exact::PutPerson(_) => {}
        }
    }
}
