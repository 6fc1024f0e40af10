//! JSONL, one document a line, in doccano's and Prodigy's shapes; offsets
//! count code points, half-open, in both.
//!
//! Read, each line on its own merits:
//! - doccano: `{"text", "label": [[start, end, "LABEL"], ...]}`, or
//!   `"entities": [{"id", "start_offset", "end_offset", "label"}]` with
//!   `"relations": [{"from_id", "to_id", "type"}]`;
//! - Prodigy: `{"text", "spans": [{"start", "end", "label"}]}` with
//!   `"relations": [{"head_span", "child_span", "label"}]`, and
//!   `_annotator_id` naming the annotator (one project each).
//!
//! A document's id and title come from `"document"`/`"title"` or `"meta"`
//! (what we write), else doccano's `"id"`, else the file name and line.
//!
//! Written: doccano `{"text", "label", "document", "title"}` (a project
//! with relations in doccano's relation-extraction shape instead:
//! `{"text", "entities": [{"id", "label", "start_offset", "end_offset"}],
//! "relations": [{"id", "from_id", "to_id", "type"}], ...}`) and Prodigy
//! `{"text", "spans", "relations": [{"head_span", "child_span", "label"}],
//! "meta": {"document", "title"}}`, each with the document's `"status"`
//! (`"done"`, ...) and `"attributes"` (an object of strings) beside
//! `"document"` when they are not the defaults; read back from the same
//! places. A discontinuous annotation becomes one span per fragment (its
//! relations point to the first); annotations' attributes and notes and
//! relations' attributes have no place in these shapes and are counted in
//! the report's notes.

mod read;
mod write;

pub(super) use read::import;
pub(super) use write::export;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Flavour {
    Doccano,
    Prodigy,
}
