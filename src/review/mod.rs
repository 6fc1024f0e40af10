//! Reviewing colleagues' tags of the same documents: matching their files
//! ([`layers`]), measuring agreement ([`agreement`]), finding where they
//! differ and settling each difference into a curated gold project
//! ([`compare`], [`curate`]). No egui here: the window draws what these
//! compute.

pub mod agreement;
pub mod layers;

pub use layers::{Layer, LeftOut, ReviewDoc, ReviewSet, open_layers};
