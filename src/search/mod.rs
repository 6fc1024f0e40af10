//! Find text in documents, and tag what was found.
//!
//! "Find this text and tag every occurrence" is the second most requested
//! annotation feature (INCEpTION #705, Label Studio #484/#771, doccano
//! #1454). This layer is its pure half: a [`Query`] (plain text or a
//! regular expression, match case, whole words) compiles to a [`Finder`]
//! that lists a text's matches as CHAR ranges ([`find_in`]), a whole
//! project's by document in parallel ([`find_all`]); [`locate`] gives each
//! match its line:column and a line of context; [`tag_all`] turns matches
//! into ONE undoable [`Edit::Batch`](crate::model::Edit), skipping those
//! already tagged. The find bar (`ui::find`) and `quotebench find` use it.
//!
//! Anything typed never panics and never runs away: a bad regex is a
//! [`SearchError`] carrying the `regex` crate's message; a pattern's
//! compiled size is bounded ([`REGEX_SIZE_LIMIT`]); at most
//! [`Query::limit`] matches are returned, with a `capped` flag; empty
//! matches (a regex like `a*` or `\b`) are skipped and counted.
//!
//! Matches never start or end inside a grapheme cluster (half an emoji or
//! an accent without its letter would be tagged); "whole words" looks at
//! the clusters on both sides of each end (see `words.rs`).
//!
//! # What this layer may import
//! - May: `crate::model`, `regex`, and small pure crates for text or
//!   data work (`unicode-segmentation`, `rayon` for the documents in
//!   parallel).
//! - May not: `crate::format` (files), `crate::ui`, `crate::review`,
//!   `crate::suggest`, egui, or I/O of any kind.

mod all;
mod context;
mod find;
mod query;
mod tag;
mod words;

#[cfg(test)]
mod tests;

pub use all::{DocumentHits, find_all, find_all_texts};
pub use context::{Located, locate, snippet};
pub use find::{Found, find_in};
pub use query::{DEFAULT_LIMIT, Finder, Query, REGEX_SIZE_LIMIT, SearchError};
pub use tag::{TagCounts, TagError, Tagging, check_label, tag_all};
pub use words::is_whole_word;
