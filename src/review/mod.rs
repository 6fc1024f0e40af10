//! Reviewing colleagues' tags of the same documents: lining their projects
//! up ([`layers`]), measuring agreement ([`agreement`]), finding where they
//! differ and settling each difference into a curated gold project
//! ([`compare`], [`curate`]), starting or resuming a review ([`begin`],
//! [`request`]).
//!
//! What this layer may import: `crate::model` (projects, edits, decisions);
//! `crate::format` only for its types and pure helpers (the colleagues'
//! projects as read, the label map, errors, the text hash), never to read
//! or write a file: reading colleagues' files is
//! [`crate::format::colleagues`]'s job, and the caller hands the result in.
//! Never egui, `crate::ui` or the command line (`src/cli`, part of the
//! binary): the window and the command line draw and print what these
//! compute. Errors are [`ReviewError`]; they
//! become words only at the edge (status line, modal, stderr).

pub mod agreement;
pub mod begin;
pub mod compare;
pub mod curate;
pub mod error;
pub mod layers;
pub mod request;

pub use begin::{Begun, OpenProject, begin, gold_name, is_gold};
pub use compare::{Cluster, Comparison, DocComparison, Item, Spot, span_key};
pub use curate::{Accepted, Choice, Settled, accept_agreed, gold_project, is_settled_in, settlement, take};
pub use error::ReviewError;
pub use layers::{Layer, LeftOut, ReviewDoc, ReviewSet, layers_of};
pub use request::CompareRequest;
