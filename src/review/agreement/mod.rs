//! How far annotators agree, computed from a [`ReviewSet`]: span F1 (exact
//! and overlap) and Cohen's kappa per pair, Fleiss' kappa and Krippendorff's
//! alpha per label, an overall alpha over all labels, `said_by` links and
//! the persons quotes are attributed to. Per document and pooled over
//! documents (pooled figures come from summed counts, not averages).
//!
//! Character-level figures treat every character of a document as a unit
//! coded 1 for label L when the annotator's spans of L cover it.

mod coefficients;
mod document;
mod matrix;
mod render;
mod spans;
mod tally;

use std::collections::{BTreeSet, HashMap};

pub use coefficients::Figure;
pub use matrix::{LabelMatrix, MatrixSummary, PairMeasure};
pub use tally::{PairLabelTally, RelationTally};

use crate::review::{LeftOut, ReviewSet};
use document::{Context, tally_document};
use tally::Tally;

/// What to measure.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgreementOptions {
    /// The labels to measure, in this order; `None`: every label any
    /// annotator used, in name order.
    pub labels: Option<Vec<String>>,
}

/// One pair's figures for one label.
#[derive(Clone, Debug, PartialEq)]
pub struct PairLabelFigures {
    pub label: String,
    pub counts: PairLabelTally,
    pub f1_exact: Figure,
    pub f1_overlap: Figure,
    pub cohen_kappa: Figure,
}

/// One pair's agreement on `said_by` links.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationFigures {
    pub counts: RelationTally,
    pub f1_exact: Figure,
    pub f1_overlap: Figure,
}

/// One pair's agreement on who quotes (matched by overlap) are attributed to.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonFigures {
    /// Quotes matched by overlap.
    pub n: u64,
    /// Of those, the ones with the same person (or both none).
    pub same: u64,
    pub agreement: Figure,
    pub cohen_kappa: Figure,
}

/// Everything measured for one pair of annotators.
#[derive(Clone, Debug, PartialEq)]
pub struct PairFigures {
    pub a: String,
    pub b: String,
    /// Documents both have (the ones counted).
    pub documents: u64,
    pub labels: Vec<PairLabelFigures>,
    pub said_by: RelationFigures,
    pub person: PersonFigures,
}

/// Figures across all annotators for one label.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelFigures {
    pub label: String,
    /// Character positions counted for Fleiss' kappa (documents every annotator has).
    pub fleiss_units: u64,
    pub fleiss_kappa: Figure,
    pub krippendorff_alpha: Figure,
}

/// The figures for some documents (one, or all pooled).
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Pairs a < b in annotator order.
    pub pairs: Vec<PairFigures>,
    pub labels: Vec<LabelFigures>,
    /// Krippendorff's alpha over {none, label 1, ...}.
    pub overall_alpha: Figure,
    /// Documents counted in `overall_alpha`.
    pub overall_documents: u64,
}

/// One document's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentReport {
    pub id: String,
    pub title: String,
    /// The annotators who have it.
    pub annotators: Vec<String>,
    pub section: Section,
    /// Why the document is left out of the overall alpha, if it is.
    pub overall_left_out: Option<String>,
}

/// The whole agreement report.
#[derive(Clone, Debug, PartialEq)]
pub struct AgreementReport {
    pub annotators: Vec<String>,
    pub labels: Vec<String>,
    /// Pooled over every document.
    pub section: Section,
    pub documents: Vec<DocumentReport>,
    /// Documents the review set could not line up.
    pub left_out: Vec<LeftOut>,
}

/// Measures agreement over every document of `set`.
pub fn agreement(set: &ReviewSet, opts: &AgreementOptions) -> AgreementReport {
    let labels: Vec<String> = match &opts.labels {
        Some(ls) => {
            let mut seen = BTreeSet::new();
            ls.iter().filter(|l| seen.insert(l.as_str())).cloned().collect()
        }
        None => set
            .documents
            .iter()
            .flat_map(|d| d.versions.iter().flatten())
            .flat_map(|d| d.annotations().map(|a| a.label.as_str()))
            .collect::<BTreeSet<&str>>()
            .into_iter()
            .map(str::to_string)
            .collect(),
    };
    let k = set.annotators.len();
    let pairs: Vec<(usize, usize)> = (0..k).flat_map(|a| (a + 1..k).map(move |b| (a, b))).collect();
    let ctx = Context {
        annotators: &set.annotators,
        pairs: &pairs,
        labels: &labels,
        label_index: labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i))
            .collect::<HashMap<_, _>>(),
    };
    let tallies: Vec<(Tally, Option<String>)> = tally_all(&ctx, set);
    let mut total = Tally::new(k, pairs.len(), labels.len());
    let mut documents = Vec::with_capacity(set.documents.len());
    for (doc, (t, left)) in set.documents.iter().zip(tallies) {
        total.add(&t);
        let why = left.clone().unwrap_or_default();
        documents.push(DocumentReport {
            id: doc.id.clone(),
            title: doc.title.clone(),
            annotators: doc
                .versions
                .iter()
                .zip(&set.annotators)
                .filter(|(v, _)| v.is_some())
                .map(|(_, a)| a.clone())
                .collect(),
            section: t.figures(&set.annotators, &pairs, &labels, &why),
            overall_left_out: left,
        });
    }
    let section = total.figures(
        &set.annotators,
        &pairs,
        &labels,
        "every document has characters carrying two labels",
    );
    AgreementReport {
        annotators: set.annotators.clone(),
        labels,
        section,
        documents,
        left_out: set.left_out.clone(),
    }
}

/// Counts every document, on as many threads as there are cores (each
/// document is independent).
fn tally_all(ctx: &Context<'_>, set: &ReviewSet) -> Vec<(Tally, Option<String>)> {
    let docs = &set.documents;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(docs.len().max(1));
    if threads <= 1 || docs.len() < 8 {
        return docs.iter().map(|d| tally_document(ctx, d)).collect();
    }
    let chunk = docs.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = docs
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(|d| tally_document(ctx, d)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
