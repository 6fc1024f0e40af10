//! A reviewer's decisions in a curated (gold) project: at a place where
//! annotators differed, which version was taken. Kept with the document and
//! saved in the file, so that "take neither" (which adds no span) is still
//! known to be settled when the file is opened again, and so that every
//! decision is an ordinary [`super::Edit`] that undo takes back.

use serde::{Deserialize, Serialize};

/// What was taken at a place.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Taken {
    /// Nothing: the place stays empty in the gold file.
    Neither,
    /// The version these annotators made (the same spans), by name.
    Version(Vec<String>),
    /// Every distinct span anyone made there.
    All,
}

/// The decision at one place (the chars `start..end` where the annotators'
/// spans overlap), half-open char offsets like every range in the file.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Decision {
    pub start: usize,
    pub end: usize,
    pub taken: Taken,
}

impl Decision {
    /// Whether this decision's place overlaps `start..end`.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end.max(start.saturating_add(1)) && start < self.end.max(self.start.saturating_add(1))
    }
}
