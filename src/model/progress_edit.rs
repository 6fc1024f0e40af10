//! The edits of a document's progress and of relation attributes (issue 13):
//! a document's status, its free attributes, a relation's attributes. Each
//! returns the same kind of edit holding the old value, which is its exact
//! inverse (setting a value back needs no check the first edit passed).

use std::collections::BTreeMap;

use super::edit::{Edit, EditError, doc_mut};
use super::project::Project;
use super::status::Status;

pub(super) fn set_status(p: &mut Project, doc: usize, status: Status) -> Result<Edit, EditError> {
    let old = doc_mut(p, doc)?.set_status(status);
    Ok(Edit::SetDocumentStatus { doc, status: old })
}

pub(super) fn set_attribute(
    p: &mut Project,
    doc: usize,
    key: String,
    value: Option<String>,
) -> Result<Edit, EditError> {
    let d = doc_mut(p, doc)?;
    if key.trim().is_empty() {
        return Err(EditError::EmptyAttributeKey);
    }
    let old = d.set_attribute(&key, value);
    Ok(Edit::SetDocumentAttribute { doc, key, value: old })
}

pub(super) fn set_relation_attributes(
    p: &mut Project,
    doc: usize,
    id: String,
    attributes: BTreeMap<String, String>,
) -> Result<Edit, EditError> {
    let d = doc_mut(p, doc)?;
    if attributes.keys().any(|k| k.trim().is_empty()) {
        return Err(EditError::EmptyAttributeKey);
    }
    match d.set_relation_attributes(&id, attributes) {
        Some(old) => Ok(Edit::SetRelationAttributes {
            doc,
            id,
            attributes: old,
        }),
        None => Err(EditError::NoRelation(id)),
    }
}
