//! Finding in every document of a project, in parallel.

use rayon::prelude::*;

use super::find::{Found, find_in};
use super::query::Finder;
use crate::model::Project;

/// The matches of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentHits {
    /// The document's index in the project.
    pub doc: usize,
    pub found: Found,
}

/// Every document's matches, in document order, only documents with at
/// least one. The limit holds for the whole project: once the documents
/// before hold [`Finder::limit`] matches, the rest are cut and the last
/// document listed is marked `capped`.
pub fn find_all(project: &Project, finder: &Finder) -> Vec<DocumentHits> {
    let texts: Vec<&str> = project.documents.iter().map(|d| d.text()).collect();
    find_all_texts(&texts, finder)
}

/// As [`find_all`], over the texts of the documents (in document order).
pub fn find_all_texts<S: AsRef<str> + Sync>(texts: &[S], finder: &Finder) -> Vec<DocumentHits> {
    // Documents differ a lot in length; rayon's work stealing evens that out.
    let per_doc: Vec<Found> = texts.par_iter().map(|t| find_in(t.as_ref(), finder)).collect();
    let mut left = finder.limit();
    let mut out = Vec::new();
    for (doc, mut found) in per_doc.into_iter().enumerate() {
        if found.matches.is_empty() && !found.capped {
            continue;
        }
        if left == 0 {
            if let Some(last) = out.last_mut() {
                let last: &mut DocumentHits = last;
                last.found.capped = true;
            }
            break;
        }
        if found.matches.len() > left {
            found.matches.truncate(left);
            found.capped = true;
        }
        left -= found.matches.len();
        out.push(DocumentHits { doc, found });
    }
    out
}
