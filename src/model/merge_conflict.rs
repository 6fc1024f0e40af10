//! A merge conflict kept in the file (issue 17): where two versions of a
//! project (git's "ours" and "theirs") changed the same field of one item
//! differently, or one removed what the other changed. The merged document
//! holds the item as it stands (the base's value of each clashing field, or
//! the changed version where the other side removed it) and, beside it,
//! this record with every version, so the file still opens and passes
//! `check`, and the window lists it to settle with the keys of a review
//! disagreement (take ours / theirs / both / neither).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::annotation::{Annotation, Relation};
use super::document::Source;
use super::status::Status;

/// A document's own fields, as one side had them (a conflict on the
/// document itself: its title, source, status, attributes or text, or the
/// whole document removed on one side and changed on the other).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentVersion {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    #[serde(default)]
    pub text: String,
}

/// One conflict of a document: the item, the fields that clashed, and the
/// three versions (`None`: the item did not exist on that side).
// Conflicts are few (a merge's leftovers), so the variants' sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MergeConflict {
    Annotation {
        id: String,
        fields: Vec<String>,
        base: Option<Annotation>,
        ours: Option<Annotation>,
        theirs: Option<Annotation>,
    },
    Relation {
        id: String,
        fields: Vec<String>,
        base: Option<Relation>,
        ours: Option<Relation>,
        theirs: Option<Relation>,
    },
    Document {
        fields: Vec<String>,
        base: Option<DocumentVersion>,
        ours: Option<DocumentVersion>,
        theirs: Option<DocumentVersion>,
    },
}

/// A field name for a removal: "removed in ours" / "removed in theirs".
pub const REMOVED_IN_OURS: &str = "removed in ours";
pub const REMOVED_IN_THEIRS: &str = "removed in theirs";
pub const ADDED_ON_BOTH: &str = "added on both sides";

impl MergeConflict {
    /// The annotation or relation id; `None` for the document itself.
    pub fn item_id(&self) -> Option<&str> {
        match self {
            MergeConflict::Annotation { id, .. } | MergeConflict::Relation { id, .. } => Some(id),
            MergeConflict::Document { .. } => None,
        }
    }

    /// What clashed, e.g. `["label", "attributes.kind"]` or `["removed in theirs"]`.
    pub fn fields(&self) -> &[String] {
        match self {
            MergeConflict::Annotation { fields, .. }
            | MergeConflict::Relation { fields, .. }
            | MergeConflict::Document { fields, .. } => fields,
        }
    }

    /// "annotation q1: label, note", "document: title".
    pub fn describe(&self) -> String {
        let what = match self {
            MergeConflict::Annotation { id, .. } => format!("annotation {id}"),
            MergeConflict::Relation { id, .. } => format!("relation {id}"),
            MergeConflict::Document { .. } => "document".to_string(),
        };
        format!("{what}: {}", self.fields().join(", "))
    }

    /// The same conflict seen from the other side (ours and theirs swapped).
    pub fn swapped(&self) -> MergeConflict {
        let swap = |f: &[String]| -> Vec<String> {
            f.iter()
                .map(|x| match x.as_str() {
                    REMOVED_IN_OURS => REMOVED_IN_THEIRS.to_string(),
                    REMOVED_IN_THEIRS => REMOVED_IN_OURS.to_string(),
                    _ => x.clone(),
                })
                .collect()
        };
        match self.clone() {
            MergeConflict::Annotation {
                id,
                fields,
                base,
                ours,
                theirs,
            } => MergeConflict::Annotation {
                id,
                fields: swap(&fields),
                base,
                ours: theirs,
                theirs: ours,
            },
            MergeConflict::Relation {
                id,
                fields,
                base,
                ours,
                theirs,
            } => MergeConflict::Relation {
                id,
                fields: swap(&fields),
                base,
                ours: theirs,
                theirs: ours,
            },
            MergeConflict::Document {
                fields,
                base,
                ours,
                theirs,
            } => MergeConflict::Document {
                fields: swap(&fields),
                base,
                ours: theirs,
                theirs: ours,
            },
        }
    }
}
