//! The modals the app stacks over the window, one file each, each with one
//! `show(&mut self, ctx) -> Option<Outcome>` (`None` while it stays open).
//! The app keeps them in one stack and shows the top one
//! (`app/modals.rs`); the import, export and compare dialogs live beside
//! their features (`import_export.rs`, `review/open_dialog.rs`).
//!
//! May import: `model`, `format`, the ui's plain types (`safekeeping`).
//! Never the app, never `cli`.

pub mod disk_conflict;
pub mod error;
pub mod guard;
pub mod notice;
pub mod restore;

pub use disk_conflict::{ConflictChoice, ConflictModal};
pub use error::{ErrorModal, ErrorOutcome};
pub use guard::{Guard, GuardChoice};
pub use notice::Notice;
pub use restore::{Restore, RestoreChoice};
