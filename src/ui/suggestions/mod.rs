//! Suggestions in the window: the engine's proposals drawn as ghosts over
//! the article ([`ghosts`]), which one is current and the boundaries the
//! annotator moved before accepting ([`state`]), the engine on a thread
//! with progress ([`job`]), training the model on the annotator's own tags
//! on a thread ([`train_job`]), the "accept above a confidence" dialog
//! ([`accept_dialog`]), the current suggestion in the right panel
//! ([`panel`]), and every call into the suggestion layer in one file
//! ([`bridge`]). The app (`app/suggestions.rs`) runs the commands:
//! accepting and rejecting are edits in the history.
//!
//! May import: `crate::suggest` (the engine, accept and reject), `model`,
//! egui; inside the layer the article geometry (ghosts are a
//! [`crate::ui::article_geometry::Decoration`]), the command table (keys
//! named in tooltips) and the workspace. No panel imports this but the
//! annotation list, which shows the pending suggestions.

pub mod accept_dialog;
pub mod bridge;
pub mod ghosts;
pub mod job;
pub mod panel;
mod state;
#[cfg(test)]
mod tests;
pub mod train_job;

pub use state::{SuggestionKey, Suggestions, key_of, parts};
