//! The annotation model: pure data and rules. No egui, no file I/O.
//!
//! Everything a user can change goes through an [`Edit`], which is applied to a
//! [`Project`] and returns its own inverse; [`History`] keeps those inverses for
//! undo and redo.

mod annotation;
mod decision;
mod edit;
mod history;
mod ids;
mod project;
mod repair;
mod span_index;
mod tagset;
mod text;
mod validate;

pub use annotation::{Annotation, Fragment, Relation};
pub use decision::{Decision, Taken};
pub use edit::{Edit, EditError};
pub use history::History;
pub use ids::{new_id, now_timestamp};
pub use project::{Document, FORMAT_VERSION, Project, Source, person_of_speaker, slug};
pub use repair::{REANCHOR_WINDOW, find_near, repair_document};
pub use span_index::SpanIndex;
pub use tagset::{AttributeDef, LabelDef, RelationDef, TagSet, names, parse_color};
pub use text::{CharRange, TextIndex, snap_to_words};
pub use validate::{Problem, ProblemKind, validate};
