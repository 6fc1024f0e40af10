//! What can go wrong while reviewing, typed so that callers can act on it;
//! the words are for the status line, a modal or stderr, where the value
//! becomes text.

use thiserror::Error;

use super::layers::LeftOut;
use crate::format::FormatError;
use crate::format::interchange::LabelMapError;
use crate::model::EditError;

#[derive(Debug, Error)]
pub enum ReviewError {
    /// A colleague's file could not be read.
    #[error(transparent)]
    Read(#[from] FormatError),
    #[error("Name at least one colleague's project file or brat folder.")]
    NoPaths,
    #[error("The label map is not understood: {0}")]
    LabelMap(#[from] LabelMapError),
    #[error("A comparison needs at least two annotators; these files hold {found}.")]
    TooFewAnnotators { found: usize },
    #[error(
        "No document is shared by two of these annotators (documents are matched by their text).{}",
        list_left_out(.left_out)
    )]
    NothingShared { left_out: Vec<LeftOut> },
    #[error(
        "The gold project's document {id:?} ({title}) is not in two of these files (documents are matched by their text): compare the files the gold project was made from."
    )]
    GoldDocumentMissing { id: String, title: String },
    #[error("No review is open: use Review > Compare with… first.")]
    NoReview,
    #[error("Go to a disagreement first (F8).")]
    NoCurrent,
    #[error("There is no annotator {0}.")]
    NoAnnotator(usize),
    #[error("The annotators agree everywhere.")]
    NoDisagreement,
    #[error("Everything all annotators agree on is in the gold file already.")]
    NothingToAccept,
    #[error("That is what the gold file has here already.")]
    AlreadyTaken,
    /// The gold project refused the edit (it changed under the review).
    #[error("The gold project could not take this: {0}")]
    Edit(#[from] EditError),
}

/// The first ten left-out documents, one a line.
fn list_left_out(left_out: &[LeftOut]) -> String {
    left_out.iter().take(10).map(|l| format!("\n{l}")).collect()
}
