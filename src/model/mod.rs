//! The annotation model: pure data and rules. No egui, no file I/O.
//!
//! Everything a user can change goes through an [`Edit`], which is applied to a
//! [`Project`] and returns its own inverse; [`History`] keeps those inverses for
//! undo and redo, and reports each undone or redone [`Step`] with the document
//! and annotations it changed. An edit that would leave a state its inverse
//! could not undo is refused when applied (see `edit.rs`), so undo keeps its
//! promise.
//!
//! # What this layer may import
//! The bottom layer: everything else imports it, it imports none of them.
//! - May: `std`, `serde` (the file shapes), `thiserror` (typed errors), and
//!   small pure crates that do text or data work without I/O or global state
//!   (e.g. `unicode-segmentation`).
//! - May not: `egui`/`eframe`/`rfd` or anything that draws; `crate::format`
//!   (files), `crate::review`, `crate::ui`, `crate::cli`; `std::fs`, `std::net`,
//!   processes, threads, or anything else that touches the world outside the
//!   values it is given; the one exception is `ids.rs`, which reads the clock
//!   and the process id for fresh ids and timestamps ([`new_id`],
//!   [`now_timestamp`]).

mod annotation;
mod by_id;
mod changelog;
mod decision;
mod document;
mod edit;
mod graphemes;
mod history;
mod ids;
mod inverse;
mod merge;
mod merge_conflict;
mod merge_versions;
mod people;
mod people_edit;
mod people_link;
mod progress_edit;
mod project;
mod project_conflict;
mod rejection;
mod repair;
mod replace;
mod settle_conflict;
mod span_index;
mod status;
mod tagset;
mod text;
mod three_way;
mod validate;

pub use annotation::{Annotation, Fragment, Origin, Relation};
pub use changelog::{Change, changes_between, outline, quoted};
pub use decision::{Decision, Taken};
pub use edit::{Edit, EditError};
pub use graphemes::{
    cluster_end, cluster_split_at, cluster_start, is_cluster_boundary, next_cluster, prev_cluster,
    snap_selection, snap_to_clusters, word_step,
};
pub use history::{History, Step};
pub use ids::{id_prefix, new_id, now_timestamp};
pub use inverse::Inverse;
pub use merge::{Conflict, Merged, merge};
pub use merge_conflict::{ADDED_ON_BOTH, DocumentVersion, MergeConflict, REMOVED_IN_OURS, REMOVED_IN_THEIRS};
pub use merge_versions::{VersionsMerged, merge_versions};
pub use people::{People, Person};
pub use people_edit::has_speakers;
pub use people_link::{link_mentions, person_for_mention, points_to, register_speakers};
pub use project::{
    CONFLICTS_FORMAT_VERSION, Document, FORMAT_VERSION, Project, Source, person_of_speaker, slug,
};
pub use project_conflict::ProjectConflict;
pub use rejection::Rejection;
pub use repair::{REANCHOR_WINDOW, find_near, repair_document};
pub use replace::replace_project;
pub use settle_conflict::{Settle, settle_conflict, settle_project_conflict};
pub use span_index::SpanIndex;
pub use status::Status;
pub use tagset::{AttributeDef, LabelDef, RelationDef, TagSet, names, parse_color};
pub use text::{CharRange, TextIndex, snap_to_words};
pub use three_way::{Changes, changes};
pub use validate::{Problem, ProblemKind, validate, validate_one};
