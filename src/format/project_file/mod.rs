//! The project file: RON, `*.qb.ron`, versioned, deterministic and
//! diff-friendly (one annotation per line, sorted by position), so two
//! people's files diff and merge cleanly in git. See docs/FORMAT.md.

//!
//! `read` parses a file (`locate` finds the line:column of every problem),
//! `merge_texts` is merge-file's parse, merge and write of three versions,
//! `saved_lines` reads the writer's annotation and relation lines by hand
//! (the fast path of an open), `write` is the hand-written writer that makes saving fast; its test
//! (`ron_identity`) holds it to ron's own output.

mod blocks;
mod locate;
mod merge_texts;
mod read;
mod saved_lines;
mod write;

#[cfg(test)]
mod ron_identity;

pub use merge_texts::{MergeFilesError, MergedFile, merge_files};
pub use read::{
    OpenedFile, Progress, declared_format_version, load_project, load_project_with_progress,
    open_project_file, parse_project, parse_project_with_progress, parse_projects,
};
pub use write::{project_to_string, save_project, save_project_kept};

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::decode::{Decoding, decode_text};
use super::error::FormatError;
use std::collections::BTreeMap;

use crate::model::{
    Annotation, Decision, MergeConflict, Person, Problem, Project, ProjectConflict, Rejection, Relation,
    Source, Status, TagSet,
};

/// Files larger than this are refused before reading: 2 GiB, what a
/// machine that opens a project of 5,000 articles (about 280 MB) can hold
/// several times over. The window still warns about files over 20 MB.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
struct VersionProbe {
    format_version: u32,
}

#[derive(Serialize, Deserialize)]
struct ProjectFile {
    format_version: u32,
    #[serde(default)]
    name: String,
    #[serde(default)]
    annotator: String,
    #[serde(default)]
    tagset: TagSet,
    /// The people register (format version 4), sorted by name; absent when
    /// empty. A file of an older version has none: its speakers' `person`
    /// attributes become register entries when it is read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    people: Vec<Person>,
    /// Clashes on the project itself that a three-way merge left to
    /// settle (format version 5); absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    conflicts: Vec<ProjectConflict>,
    #[serde(default)]
    documents: Vec<DocumentFile>,
}

#[derive(Serialize, Deserialize)]
struct DocumentFile {
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    source: Option<Source>,
    /// The document's progress (format version 3); absent when `new`.
    #[serde(default, skip_serializing_if = "Status::is_new")]
    status: Status,
    /// Free document attributes (format version 3); absent when none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    attributes: BTreeMap<String, String>,
    text: String,
    #[serde(default)]
    annotations: Vec<Annotation>,
    #[serde(default)]
    relations: Vec<Relation>,
    /// A gold project's review decisions; absent from other files (and from
    /// files written before decisions were saved), so those are unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    decisions: Vec<Decision>,
    /// Suggestions the annotator rejected (format version 2); absent when
    /// there are none, so other files are unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    rejected: Vec<Rejection>,
    /// Merge conflicts left by `quotebench merge-file` (issue 17), one a
    /// line; absent when there are none, so other files are unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    conflicts: Vec<MergeConflict>,
}

/// A problem found while loading, with the line:column of the item it
/// concerns when that could be found in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedProblem {
    pub problem: Problem,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl fmt::Display for LocatedProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "{l}:{c}: ")?;
        }
        write!(f, "{}", self.problem)
    }
}

/// A project read from disk, with every inconsistency found in it. The
/// project holds everything the file held: nothing is dropped for a fault.
#[derive(Debug)]
pub struct LoadedProject {
    pub project: Project,
    pub problems: Vec<LocatedProblem>,
}

/// Reads a file's bytes, refusing files over [`MAX_FILE_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, FormatError> {
    let shown = path.display().to_string();
    let io = |action| {
        let shown = shown.clone();
        move |source| FormatError::Io {
            path: shown,
            action,
            source,
        }
    };
    let size = std::fs::metadata(path).map_err(io("open"))?.len();
    if size > MAX_FILE_BYTES {
        return Err(FormatError::TooLarge {
            path: shown,
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    std::fs::read(path).map_err(io("read"))
}

/// Reads a UTF-8 data file (a BOM is stripped), refusing huge files: the
/// one decoder with [`Decoding::DATA`].
pub fn read_text_file(path: &Path) -> Result<String, FormatError> {
    text_of_bytes(read_bytes(path)?, path)
}

/// The text of a file's `bytes` (read from `path`, named in errors).
pub(crate) fn text_of_bytes(bytes: Vec<u8>, path: &Path) -> Result<String, FormatError> {
    // The bytes become the text without a copy (a project can be hundreds
    // of megabytes); anything but clean UTF-8 goes through the decoder,
    // which says what is wrong and where.
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(e) => Ok(decode_text(e.as_bytes(), Decoding::DATA, &path.display().to_string())?.text),
    }
}
