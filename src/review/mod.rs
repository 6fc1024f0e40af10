//! Reviewing colleagues' tags of the same documents: matching their files
//! ([`layers`]), measuring agreement ([`agreement`]), finding where they
//! differ and settling each difference into a curated gold project
//! ([`compare`], [`curate`]). No egui here: the window draws what these
//! compute.

pub mod agreement;
pub mod compare;
pub mod curate;
pub mod layers;

pub use compare::{Cluster, Comparison, DocComparison, Item, Spot, span_key};
pub use curate::{Choice, accept_agreed, gold_project, is_settled_in, take};
pub use layers::{Layer, LeftOut, ReviewDoc, ReviewSet, open_layers};
