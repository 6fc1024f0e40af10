//! "Tag all": every match (or the ticked ones) becomes an annotation of one
//! label, in ONE undoable step.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use thiserror::Error;

use crate::model::{
    Annotation, CharRange, Document, Edit, Fragment, Project, TagSet, id_prefix, new_id, now_timestamp,
};

/// What tagging the matches of one document gives.
#[derive(Clone, Debug, PartialEq)]
pub struct Tagging {
    /// One [`Edit::Batch`] adding every new annotation; `None` when every
    /// match was tagged already.
    pub edit: Option<Edit>,
    /// Annotations the edit adds.
    pub tagged: usize,
    /// Matches that already carry the label over exactly their range.
    pub already: usize,
}

/// Counts of a tagging, for reports (`--json`) and the status line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TagCounts {
    pub tagged: usize,
    pub already: usize,
}

impl Tagging {
    /// "tagged 12, 3 already tagged".
    pub fn summary(&self) -> String {
        format!("tagged {}, {} already tagged", self.tagged, self.already)
    }
}

/// Why the matches cannot be tagged.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum TagError {
    #[error("there is no label \"{label}\" in the tag set (it has: {known})")]
    UnknownLabel { label: String, known: String },
    #[error("label \"{label}\" has no attribute \"{key}\" (it has: {known})")]
    UnknownAttribute {
        label: String,
        key: String,
        known: String,
    },
    #[error("attribute \"{key}\" of label \"{label}\" cannot be \"{value}\" (it can be: {allowed})")]
    BadValue {
        label: String,
        key: String,
        value: String,
        allowed: String,
    },
    #[error("there is no document #{0}")]
    NoDocument(usize),
    #[error("the match {start}..{end} is not inside document #{doc} ({len} characters)")]
    OutOfRange {
        doc: usize,
        start: usize,
        end: usize,
        len: usize,
    },
}

fn or_none(names: Vec<&str>) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

/// Checks that `label` is in the tag set and takes `attributes` (free-text
/// attributes take any value), before anything is tagged.
pub fn check_label(
    tagset: &TagSet,
    label: &str,
    attributes: &BTreeMap<String, String>,
) -> Result<(), TagError> {
    let Some(def) = tagset.label(label) else {
        return Err(TagError::UnknownLabel {
            label: label.into(),
            known: or_none(tagset.labels.iter().map(|l| l.name.as_str()).collect()),
        });
    };
    for (key, value) in attributes {
        let Some(a) = def.attributes.iter().find(|a| &a.name == key) else {
            return Err(TagError::UnknownAttribute {
                label: label.into(),
                key: key.clone(),
                known: or_none(def.attributes.iter().map(|a| a.name.as_str()).collect()),
            });
        };
        if !a.values.is_empty() && !a.values.contains(value) {
            return Err(TagError::BadValue {
                label: label.into(),
                key: key.clone(),
                value: value.clone(),
                allowed: a.values.join(", "),
            });
        }
    }
    Ok(())
}

/// Is `range` tagged `label` already, by an annotation of exactly that one range?
fn already_tagged(d: &Document, range: CharRange, label: &str) -> bool {
    d.index().fragments_in(range).any(|(r, id)| {
        r == range
            && d.annotation(id)
                .is_some_and(|a| a.label == label && a.fragments.len() == 1)
    })
}

/// The id prefix of annotations made by `annotator` (as the window makes them).
/// Tags `matches` of document `doc` with `label` and `attributes`, as one
/// [`Edit::Batch`]: see [`Tagging`]. A match listed twice is tagged once
/// (and counted as already tagged the second time). The label and the
/// attributes must be in the tag set (free-text attributes take any value).
pub fn tag_all(
    project: &Project,
    doc: usize,
    matches: &[CharRange],
    label: &str,
    attributes: &BTreeMap<String, String>,
) -> Result<Tagging, TagError> {
    check_label(&project.tagset, label, attributes)?;
    let d = project.documents.get(doc).ok_or(TagError::NoDocument(doc))?;
    let prefix = id_prefix(&project.annotator);
    let now = now_timestamp();
    let mut seen: HashSet<CharRange> = HashSet::new();
    let mut edits = Vec::new();
    let mut already = 0;
    for &range in matches {
        if range.is_empty() || range.end > d.char_len() {
            return Err(TagError::OutOfRange {
                doc,
                start: range.start,
                end: range.end,
                len: d.char_len(),
            });
        }
        if !seen.insert(range) || already_tagged(d, range, label) {
            already += 1;
            continue;
        }
        edits.push(Edit::AddAnnotation {
            doc,
            annotation: Annotation {
                id: new_id(&prefix),
                label: label.to_string(),
                fragments: vec![Fragment {
                    start: range.start,
                    end: range.end,
                    text: d.slice(range).to_string(),
                }],
                attributes: attributes.clone(),
                note: String::new(),
                created: now.clone(),
                modified: now.clone(),
                annotators: Vec::new(),
                origin: None,
            },
        });
    }
    Ok(Tagging {
        tagged: edits.len(),
        already,
        edit: (!edits.is_empty()).then_some(Edit::Batch(edits)),
    })
}
