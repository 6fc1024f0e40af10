//! The source audit (issue 14): who gets quoted across a corpus. Figures
//! over people, documents and quotes, each one traceable to the quotes
//! behind it ([`Figure::quotes`] indexes [`Report::quotes`]).
//!
//! [`compute`] takes one or more projects and a [`Query`] (the dimensions
//! to count by and a [`Filter`]) and returns a [`Report`]: the number of
//! documents and quotes counted, the quotes without a speaker, and one
//! [`Table`] per dimension. The outputs (`json`, `csv`, `html`) turn a
//! report into text; writing it to disk is the caller's business.
//!
//! # What this layer may import
//! `crate::model` only, plus `serde`/`serde_json` and `csv` for the text
//! outputs. No egui, no files, no `format`, no `review`: pure values in,
//! values out (like `suggest`).

mod compute;
pub mod csv;
mod day;
mod dimension;
pub mod html;
pub mod json;
mod svg;

use serde::Serialize;

use crate::model::Status;

pub use compute::compute;
pub use day::is_day;
pub use dimension::NOT_SET;

/// What the quotes are counted by: one [`Table`] per dimension.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "by", content = "name", rename_all = "snake_case")]
pub enum Dimension {
    /// The person of the quote's first `said_by` speaker
    /// ([`crate::model::person_of_speaker`]). Quotes without a speaker are
    /// counted in [`Report::without_speaker`], not as a row.
    Person,
    /// That person's register attribute (e.g. `gender`); [`NOT_SET`] when
    /// missing or when the person is not in the register. Quotes without a
    /// speaker are not rows here either.
    PersonAttribute(String),
    /// A document attribute (e.g. `section`): `Document::attribute`.
    DocumentAttribute(String),
    /// `source.outlet`, else the document attribute `outlet`.
    Outlet,
    /// `YYYY-MM` of `source.date`, else of the document attribute `date`;
    /// rows in month order (a timeline).
    Month,
    /// The quote's `kind` attribute (direct / indirect / mixed).
    Kind,
}

/// Which documents and quotes are counted. `Default` counts everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Filter {
    /// Documents with one of these statuses; empty: every status.
    pub statuses: Vec<Status>,
    /// Documents of one of these outlets (see [`Dimension::Outlet`]); empty: every outlet.
    pub outlets: Vec<String>,
    /// Documents dated on or after this day, `YYYY-MM-DD` (inclusive).
    pub date_from: Option<String>,
    /// Documents dated on or before this day, `YYYY-MM-DD` (inclusive).
    pub date_to: Option<String>,
    /// The labels counted as quotes; empty: `["Quote"]`.
    pub labels: Vec<String>,
    /// Quotes whose `annotators` provenance (or, when it is empty, the
    /// project's annotator) holds one of these; empty: all.
    pub annotators: Vec<String>,
}

/// What to count and by what.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Query {
    pub by: Vec<Dimension>,
    pub filter: Filter,
}

/// One counted quote, for the lists behind a figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuoteRef {
    /// Index into the `projects` given to [`compute`].
    pub project: usize,
    /// Index into that project's documents.
    pub doc: usize,
    pub doc_id: String,
    pub quote_id: String,
    /// The quote's first 160 chars.
    pub text: String,
    /// The person of its first `said_by` speaker.
    pub person: Option<String>,
}

/// A number of quotes, with the quotes behind it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Figure {
    pub count: usize,
    /// `count` / the table's total (0 when that is 0).
    pub share: f64,
    /// How many of these quotes all the document's annotators agreed on
    /// (their `annotators` provenance); `None` when no counted quote carries
    /// provenance.
    pub agreed: Option<usize>,
    /// Indexes into [`Report::quotes`].
    pub quotes: Vec<usize>,
}

/// One row of a table: a value of the dimension and its figure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub key: String,
    pub figure: Figure,
}

/// The quotes counted by one dimension. Rows: most quotes first, then key;
/// [`Dimension::Month`] rows in month order ([`NOT_SET`] last).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    pub dimension: Dimension,
    pub title: String,
    pub rows: Vec<Row>,
}

/// Everything [`compute`] found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Documents that passed the filter.
    pub documents: usize,
    /// Every counted quote, in project, document and reading order.
    pub quotes: Vec<QuoteRef>,
    /// All counted quotes (share 1 when there are any).
    pub total: Figure,
    /// Counted quotes with no `said_by` speaker (share of the total).
    pub without_speaker: Figure,
    /// One table per dimension of the query, in its order.
    pub tables: Vec<Table>,
}
