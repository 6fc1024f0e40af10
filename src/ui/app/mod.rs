//! The application: owns the workspace and the panels, turns keys and menu
//! clicks into commands, and applies every action in one place after the UI
//! pass.
//!
//! The `impl` is split by concern: this file holds the struct, its
//! construction and the frame; `commands` dispatches commands, actions and
//! keys; `files` opens, saves, guards unsaved changes and restores;
//! `review` runs a comparison; `menus` draws the menu and label bars;
//! `modals` the windows and modals over the main view.

use std::path::PathBuf;

use egui::Ui;

use super::actions::{Action, Actions};
use super::annotation_list::AnnotationList;
use super::commands::Command;
use super::dialogs::{Backend, Dialogs};
use super::import_export::Job;
use super::people::PeoplePanel;
use super::safekeeping::Safekeeping;
use super::save_job::SaveJob;
use super::tagset_editor::TagSetEditor;
use super::workspace::Workspace;
use super::{documents, inspector, status_bar};
use crate::format::{RecoveryStore, parse_project};
use crate::review::CompareRequest;
use crate::ui::article_geometry::Decoration;
use crate::ui::suggestions::ghosts::Ghosts;
use crate::ui::suggestions::panel::ui as suggestions_panel;

const RECENT_KEY: &str = "recent_files";
/// Where the confidence of "Accept suggestions above…" is kept between runs.
const ACCEPT_MIN_KEY: &str = "accept_suggestions_min";
const MAX_RECENT: usize = 10;
/// Files above this size open with a warning.
const LARGE_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// Something the unsaved-changes guard stands in front of.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    New,
    Import,
    Open,
    OpenPath(PathBuf),
    Compare(CompareRequest),
    /// Restore a recovery file (it replaces the open project).
    Restore(Box<crate::format::RecoveryEntry>),
    Quit,
}

/// The window. Its fields are private: tests read it through kittest
/// queries and the few accessors in `testing.rs`.
pub struct QuotebenchApp {
    /// Everything that belongs to the open project; replaced whole when another opens.
    session: Session,
    list: AnnotationList,
    people: PeoplePanel,
    tagset_editor: Option<TagSetEditor>,
    /// issue 13: progress: the document inspector window.
    doc_inspector: crate::ui::document_inspector::DocumentInspector,
    dialogs: Dialogs,
    /// The last status message.
    message: String,
    /// Recovery file, lock and on-disk checks.
    safe: Safekeeping,
    /// The modals over the window; the last one is shown.
    modals: Vec<Modal>,
    /// A running import or export.
    job: Option<Job>,
    /// Continue with this once a Save As finishes.
    after_save: Option<Pending>,
    /// A save in progress: the job, the session it saves, what waits for it.
    saving: Option<(SaveJob, u64, Option<Pending>)>,
    /// Counts the sessions opened, so a save finishing after another
    /// project was opened is not applied to it.
    session_serial: u64,
    recent: Vec<PathBuf>,
    allow_close: bool,
    show_keys: bool,
    show_about: bool,
    /// The confidence "Accept suggestions above…" proposes (the last one used).
    accept_min: f32,
    title: String,
    toggle_theme: bool,
    quit_requested: bool,
    /// `QUOTEBENCH_FIRST_FRAME_FILE`: write the wall-clock time (ms since
    /// the epoch) there once the first frame is built (start-up timing).
    first_frame_file: Option<PathBuf>,
    /// The find bar over the article (issue 13: find and tag all).
    find: crate::ui::find::FindBar,
    /// issue 13: who has the keyboard (the article unless a field has it).
    focus: crate::ui::keyboard_focus::KeyboardFocus,
    /// issue 13: links you can see (show speakers, always link the sentence).
    link_settings: crate::ui::links::LinkSettings,
    /// issue 14: people: the register in the people panel, "Merge people…".
    register: crate::ui::people::register::RegisterPanel,
    merge_people: crate::ui::people::merge_window::MergeWindow,
    /// issue 14: the report view (its query outlives the project opened).
    report: crate::ui::report::ReportView,
}

mod caret;
mod commands;
mod disk;
mod files;
mod find;
mod links;
mod menus;
mod modals;
mod report;
mod review;
mod session;
mod suggestions;
mod testing;
mod training;

use modals::Modal;
pub use session::Session;

impl QuotebenchApp {
    /// The app with the tagged sample open as an unsaved project.
    pub fn with_sample() -> Self {
        let ws = match parse_project(crate::SAMPLE_PROJECT, "sample.qb.ron") {
            Ok(loaded) => Workspace::new(loaded.project, None),
            Err(e) => {
                let mut app = Self::with_workspace(Workspace::new(Default::default(), None));
                app.show_error(format!("The built-in sample could not be read: {e}"));
                return app;
            }
        };
        Self::with_workspace(ws)
    }

    pub fn with_workspace(ws: Workspace) -> Self {
        Self {
            session: Session::new(ws),
            list: AnnotationList::default(),
            people: PeoplePanel::default(),
            tagset_editor: None,
            doc_inspector: Default::default(),
            register: Default::default(),
            merge_people: Default::default(),
            dialogs: Dialogs::default(),
            message: String::new(),
            modals: Vec::new(),
            safe: Safekeeping::default(),
            job: None,
            after_save: None,
            saving: None,
            session_serial: 0,
            recent: Vec::new(),
            allow_close: false,
            show_keys: false,
            show_about: false,
            accept_min: 0.8,
            title: String::new(),
            toggle_theme: false,
            quit_requested: false,
            first_frame_file: None,
            find: Default::default(),
            focus: Default::default(),
            link_settings: Default::default(),
            report: Default::default(),
        }
    }

    /// For eframe: restores recent files, opens `path` or the sample.
    pub fn new(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        let mut app = Self::with_sample();
        if let Some(storage) = cc.storage {
            app.recent = eframe::get_value(storage, RECENT_KEY).unwrap_or_default();
            if let Some(min) = eframe::get_value::<f32>(storage, ACCEPT_MIN_KEY) {
                app.accept_min = min.clamp(0.0, 1.0);
            }
            app.links_restore(storage);
        }
        app.first_frame_file = std::env::var_os("QUOTEBENCH_FIRST_FRAME_FILE").map(PathBuf::from);
        if let Some(dir) = RecoveryStore::default_dir() {
            app.enable_recovery(RecoveryStore::new(dir));
        }
        if let Some(p) = path {
            app.open_path(&p);
        }
        app
    }

    /// Keeps recovery files in `store` and offers those a crash left behind.
    pub fn enable_recovery(&mut self, store: RecoveryStore) {
        self.enable_recovery_every(store, crate::format::AutosaveClock::RETRY);
    }

    /// As [`Self::enable_recovery`], a failed journal append tried again
    /// after `retry` instead of 30 s (tests).
    pub fn enable_recovery_every(&mut self, store: RecoveryStore, retry: std::time::Duration) {
        self.safe = Safekeeping::with_store_every(store, retry);
        self.safe.find_offers();
        self.offer_restore();
        let warning = self.safe.opened(
            self.session.ws.path.as_deref(),
            self.session.ws.history.change_count(),
            None,
        );
        let ws = &self.session.ws;
        if ws.path.is_some() && !ws.is_dirty() {
            self.safe.track(&ws.project);
        }
        if let Some(w) = warning {
            self.show_notice(w);
        }
    }

    /// Use the in-app path field instead of native dialogs (tests, headless).
    pub fn use_in_app_dialogs(&mut self) {
        self.dialogs.backend = Some(Backend::InApp);
    }

    /// One frame of the whole window.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let mut actions = Actions::default();
        if let Some((purpose, path)) = self.dialogs.poll() {
            self.dialog_done(purpose, path);
        }
        self.poll_save();
        self.poll_suggest(&ctx);
        self.poll_training(&ctx);
        self.session.suggestions.refresh(&self.session.ws);
        self.links_refresh();
        if self.saving.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(20));
        }
        if self.dialogs.is_busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next() {
            actions.push(Action::OpenPath(p));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.session.ws.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            if !self.modals.iter().any(|m| matches!(m, Modal::Guard(..))) {
                self.push_guard(Pending::Quit);
            }
        }
        self.find_keys(&ctx);
        self.handle_keys(&ctx, &mut actions);
        self.take_caret_moves(&mut actions);
        let limits = crate::ui::panel_layout::limits(ctx.content_rect().width());
        // Tab walks annotations here; keep egui from also moving keyboard focus.
        let walked = actions.0.iter().any(|a| {
            matches!(
                a,
                Action::Command(Command::NextAnnotation | Command::PreviousAnnotation)
            )
        });

        egui::Panel::top("menu_bar").show(ui, |ui| {
            self.menu_bar(ui, &mut actions);
            self.label_bar(ui, &mut actions);
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| status_bar::ui(ui, &self.session.ws, &self.message));
        egui::Panel::left("left_panel")
            .resizable(true)
            .default_size(crate::ui::panel_layout::LEFT_DEFAULT)
            .size_range(limits.left)
            .show(ui, |ui| {
                if self.session.ws.project.documents.len() > 1 {
                    ui.heading("Documents");
                    documents::ui(ui, &self.session.ws, &mut actions);
                    ui.separator();
                }
                if let Some(r) = &self.session.review {
                    crate::ui::review::panel::ui(ui, r, &self.session.ws.project, &mut actions);
                    ui.separator();
                } else if !self.session.ws.project.conflicts.is_empty() {
                    // issue 17: clashes on the project itself, settled first.
                    crate::ui::review::conflicts::project_ui(
                        ui,
                        &self.session.ws.project.conflicts,
                        &mut actions,
                    );
                    ui.separator();
                } else if let Some(d) = self.session.ws.document()
                    && !d.conflicts().is_empty()
                {
                    // issue 17: a merge's conflicts, settled with the review keys.
                    crate::ui::review::conflicts::ui(ui, d, &mut actions);
                    ui.separator();
                }
                ui.heading("Annotations");
                self.list
                    .ui(ui, &self.session.ws, &self.session.suggestions, &mut actions);
            });
        egui::Panel::right("right_panel")
            .resizable(true)
            .default_size(crate::ui::panel_layout::RIGHT_DEFAULT)
            .size_range(limits.right)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("right_scroll")
                    .show(ui, |ui| {
                        if let Some(d) = self.session.ws.document()
                            && suggestions_panel(ui, d, &self.session.suggestions, &mut actions)
                        {
                            ui.separator();
                        }
                        ui.heading("Inspector");
                        self.focus.before_inspector(ui);
                        inspector::ui(ui, &self.session.ws, self.session.picking, &mut actions);
                        ui.separator();
                        ui.heading("People");
                        self.people.ui(ui, &self.session.ws, &mut actions);
                        ui.separator(); // issue 14: people
                        self.register.ui(ui, &self.session.ws.project, &mut actions);
                    });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            self.find_bar(ui, &mut actions);
            let overlay = self.session.review.as_ref().and_then(|r| {
                Some(crate::ui::review::overlay::Overlay {
                    doc: r.cmp.docs.get(self.session.ws.doc)?,
                    annotators: &r.set.annotators,
                    gold: self.session.ws.document()?,
                    current: r
                        .current_spot()
                        .filter(|s| s.doc == self.session.ws.doc)
                        .map(|s| s.cluster),
                })
            });
            let ghosts = self.session.ws.document().map(|doc| Ghosts {
                doc,
                list: self.session.suggestions.shown(),
                current: self.session.suggestions.current_index(),
                reach: self.session.suggestions.reach(),
            });
            let mut decorations: Vec<&dyn Decoration> = Vec::new();
            if let Some(o) = &overlay {
                decorations.push(o);
            }
            if let Some(g) = &ghosts {
                decorations.push(g);
            }
            let found = self.find.highlights(self.session.ws.doc);
            if let Some(f) = &found {
                decorations.push(f);
            }
            let badges = crate::ui::links::badges::Badges::when(
                self.link_settings.show_speakers,
                self.session.ws.document(),
                &self.session.links.map,
            );
            if let Some(b) = &badges {
                decorations.push(b);
            }
            let out = self
                .session
                .view
                .show(ui, &self.session.ws, self.session.picking, &decorations);
            self.links_overlay(ui, &out);
            if let Some(sel) = out.selection {
                self.session.ws.selection = sel;
                if let Some(s) = sel {
                    self.session.ws.caret = s.head;
                }
            }
            if let Some(c) = out.clicked_at {
                self.session.ws.caret = c;
                // A click on a ghost where nothing is tagged makes it current.
                if out.clicked == Some(None) && !self.session.picking {
                    self.clicked_suggestion(c);
                }
            }
            if let Some(id) = out.clicked
                && (id.is_some() || !self.session.picking)
            {
                actions.push(Action::Select { id, scroll: false });
            }
            if let Some(c) = out.caret {
                self.session.ws.caret = c;
            }
        });
        self.windows(&ctx, &mut actions);
        if walked && let Some(id) = ctx.memory(|m| m.focused()) {
            ctx.memory_mut(|m| m.surrender_focus(id));
        }

        for a in actions.0 {
            self.apply(a);
        }
        self.focus.end_pass(&ctx, self.session.view.caret_pending());
        // After this frame's edits, all of them in one journal record,
        // appended at once by the writer thread.
        self.safe.tick(
            &self.session.ws.project,
            self.session.ws.path.as_deref(),
            self.session.ws.is_dirty(),
            self.session.ws.history.change_count(),
        );
        if std::mem::take(&mut self.toggle_theme) {
            let dark = ctx.global_style().visuals.dark_mode;
            ctx.set_theme(if dark {
                egui::Theme::Light
            } else {
                egui::Theme::Dark
            });
        }
        if std::mem::take(&mut self.quit_requested) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let title = format!(
            "{}{} — Quotebench",
            if self.session.ws.is_dirty() { "● " } else { "" },
            self.session.ws.display_name()
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if let Some(path) = self.first_frame_file.take() {
            let ms = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis());
            let _ = std::fs::write(path, ms.to_string());
        }
    }
}

impl eframe::App for QuotebenchApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
        eframe::set_value(storage, ACCEPT_MIN_KEY, &self.accept_min);
        eframe::set_value(storage, links::LINK_SETTINGS_KEY, &self.link_settings);
    }
}
