//! A project: the tag set and the documents with their annotations.

pub use super::document::{Document, Source, person_of_speaker};
use super::people::People;
use super::project_conflict::ProjectConflict;
use super::tagset::TagSet;

/// The version of the project file format this build writes (it reads this
/// one and older ones). 2 added an annotation's `origin` and a document's
/// `rejected` suggestions; 3 a document's `status` and `attributes`, a
/// relation's `attributes` and a relation kind's `attributes` in the tag
/// set. An older file reads as one without them (status `new`). 4 added
/// the people register (`people`) and the tag set's `person_attributes`;
/// an older file's speakers' `person` attributes become register entries.
pub const FORMAT_VERSION: u32 = 4;

/// The version of a file that holds merge conflicts (issue 17: a
/// document's `conflicts`, or the project's own), and the newest this
/// build reads. Only such a file is written as 5, so that a build that does not know conflicts
/// refuses it rather than drop them; every other file stays 4.
pub const CONFLICTS_FORMAT_VERSION: u32 = 5;

impl Project {
    /// The version this project is written as: [`CONFLICTS_FORMAT_VERSION`]
    /// when the project or a document holds merge conflicts, else [`FORMAT_VERSION`].
    pub fn format_version(&self) -> u32 {
        if !self.conflicts.is_empty() || self.documents.iter().any(|d| !d.conflicts().is_empty()) {
            CONFLICTS_FORMAT_VERSION
        } else {
            FORMAT_VERSION
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Project {
    pub name: String,
    /// Who made these tags.
    pub annotator: String,
    pub tagset: TagSet,
    pub documents: Vec<Document>,
    /// The people speakers point to (format version 4).
    pub people: People,
    /// Clashes on the project itself that a three-way merge left to settle
    /// (issue 17; format version 5).
    pub conflicts: Vec<ProjectConflict>,
}

impl Project {
    /// A project of one document made from a plain text.
    pub fn from_text(title: &str, text: &str, annotator: &str) -> Self {
        let id = slug(title);
        Project {
            name: title.to_string(),
            annotator: annotator.to_string(),
            tagset: TagSet::default(),
            documents: vec![Document::new(id, title, text)],
            people: People::default(),
            conflicts: Vec::new(),
        }
    }
}

/// A file-name-safe id from a title.
pub fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
        if s.chars().count() >= 60 {
            break;
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() { "document".into() } else { s }
}
