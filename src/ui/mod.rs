//! The window (egui only): the app, the command table, the article view and
//! one file per panel or modal. Panels emit [`actions::Action`]s; the app
//! applies them after the UI pass.
//!
//! May import: `model`, `format`, `review`, `suggest`, `search` (and egui, eframe,
//! rfd; jiff for local times). Never `cli` (a leaf only `main.rs` uses).
//! Inside the layer, panels, modals and the article view do not import one
//! another or the app: they read the workspace and return actions or
//! outcomes, and `app/` wires them (the article view, the review overlay
//! and the suggestions' ghosts share only `article_geometry`; the
//! annotation list reads the suggestions' state as it reads the workspace).

pub mod about;
pub mod actions;
pub mod annotation_list;
pub mod app;
pub mod article_access;
pub mod article_bidi;
pub mod article_geometry;
pub mod article_paint;
pub mod article_view;
pub mod bidi_order;
pub mod caret_moves;
pub mod commands;
pub mod dialogs;
pub mod documents;
pub mod find;
pub mod fonts;
pub mod import_export;
pub mod inspector;
pub mod keyboard_focus;
pub mod keyboard_reference;
pub mod links;
pub mod modals;
pub mod panel_layout;
pub mod people;
pub mod problems;
pub mod recovery_writer;
pub mod report;
pub mod review;
pub mod safekeeping;
pub mod save_job;
pub mod status_bar;
pub mod suggestions;
pub mod tagset_editor;
// issue 13: progress
pub mod document_inspector;
pub mod relation_attributes;
pub mod workspace;

pub use app::QuotebenchApp;
pub use workspace::{Selection, Workspace};

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the window with `path` (a project or a text file) or the tagged sample.
pub fn run_window(path: Option<PathBuf>) -> ExitCode {
    run_window_with(path, None)
}

/// Opens the window, then (if asked) the compare view on colleagues' files.
pub fn run_window_with(path: Option<PathBuf>, compare: Option<crate::review::CompareRequest>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Quotebench")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        // With QUOTEBENCH_DATA_DIR set (the end-to-end script), the window's
        // own state stays there, out of the user's data folder.
        persistence_path: crate::format::app_state_file(),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Quotebench",
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            let mut app = QuotebenchApp::new(cc, path);
            if let Some(req) = compare {
                app.compare(&req);
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot open the window: {e}");
            ExitCode::from(1)
        }
    }
}
