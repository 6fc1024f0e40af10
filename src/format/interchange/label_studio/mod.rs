//! Label Studio's JSON tasks, imported and exported. Offsets count code
//! points (Label Studio's current exports; older ones counted UTF-16 code
//! units, which the importer recognises by the covered text and says so).
//!
//! One task per document: `data` holds the `text` and our `document`,
//! `title`, `status` and `attributes`; one entry of `annotations` holds the
//! project's annotations as `result` items:
//! - a span: `{"id", "from_name": "label", "to_name": "text", "type":
//!   "labels", "value": {"start", "end", "text", "labels": [LABEL]}}`, its
//!   note in `meta.text`;
//! - each attribute: a per-region `choices` item with the span's `id` and
//!   `from_name` the attribute's name (`"choices": [VALUE]`);
//! - a relation: `{"from_id", "to_id", "type": "relation", "direction":
//!   "right", "labels": [KIND]}`;
//! - a discontinuous annotation (Label Studio has none): one region a
//!   fragment, the first linked to each further one by a relation labelled
//!   [`FRAGMENT`], put back together on import.
//!
//! Read: every task's `annotations` (one layer per annotator, named by
//! `created_username` or `completed_by`) and `predictions` (one layer per
//! `model_version`), skipping cancelled ones; `choices` without a region
//! are document attributes.

mod read;
mod write;

pub(super) use read::import;
pub(super) use write::export;

/// The relation label that joins the regions of one discontinuous annotation.
pub(super) const FRAGMENT: &str = "quotebench:fragment";
/// The `from_name` of the Labels control and the `to_name` of the text.
const LABELS: &str = "label";
const TEXT: &str = "text";
