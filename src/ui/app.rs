//! The application: owns the workspace and the panels, turns keys and menu
//! clicks into commands, and applies every action in one place after the UI
//! pass.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, RichText, Ui};

use super::actions::{Action, Actions};
use super::annotation_list::AnnotationList;
use super::article_view::ArticleView;
use super::commands::{COMMANDS, Command, Menu, info, label_shortcut, shortcut_text};
use super::dialogs::{Backend, Dialogs, GuardChoice, Purpose, guard_ui};
use super::import_export::{DialogOutcome, ExportDialog, ImportDialog, Job, JobResult};
use super::people::PeoplePanel;
use super::review::ReviewState;
use super::review::open_dialog::CompareDialog;
use super::safekeeping::{DiskConflict, Safekeeping};
use super::tagset_editor::TagSetEditor;
use super::workspace::{Workspace, word_step};
use super::{documents, inspector, status_bar};
use crate::review::{CompareRequest, ReviewError};
use crate::format::{
    FormatError, LocatedProblem, RecoveryStore, TextEncoding, load_project, parse_project, save_project,
};

const RECENT_KEY: &str = "recent_files";
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
    Quit,
}

pub struct QuotebenchApp {
    pub ws: Workspace,
    pub view: ArticleView,
    list: AnnotationList,
    people: PeoplePanel,
    tagset_editor: Option<TagSetEditor>,
    pub dialogs: Dialogs,
    /// The last status message.
    pub message: String,
    /// An error shown in a modal until dismissed.
    pub error: Option<String>,
    /// Problems found when the project was opened.
    pub problems: Vec<LocatedProblem>,
    pub show_problems: bool,
    /// Recovery file, lock and on-disk checks.
    pub safe: Safekeeping,
    pub show_restore: bool,
    /// The file changed on disk before a save: ask what to do.
    pub disk_conflict: Option<DiskConflict>,
    /// A warning shown until dismissed (e.g. the project is open elsewhere).
    pub notice: Option<String>,
    pub import_dialog: Option<ImportDialog>,
    import_error: Option<String>,
    pub export_dialog: Option<ExportDialog>,
    /// A running import or export.
    pub job: Option<Job>,
    /// An open review of colleagues' files (the workspace holds the gold project).
    pub review: Option<ReviewState>,
    pub compare_dialog: Option<CompareDialog>,
    compare_error: Option<String>,
    /// A text file that is not UTF-8: offer to read it as Windows-1252.
    offer_1252: Option<PathBuf>,
    /// The action waiting behind the unsaved-changes guard.
    guarded: Option<Pending>,
    guard_open: bool,
    /// Continue with this once a Save As finishes.
    after_save: Option<Pending>,
    /// Waiting for a click on a speaker (or quote) to link the selection to.
    pub picking: bool,
    pub recent: Vec<PathBuf>,
    allow_close: bool,
    show_keys: bool,
    show_about: bool,
    title: String,
    toggle_theme: bool,
    quit_requested: bool,
    /// `QUOTEBENCH_FIRST_FRAME_FILE`: write the wall-clock time (ms since
    /// the epoch) there once the first frame is built (start-up timing).
    first_frame_file: Option<PathBuf>,
}

impl QuotebenchApp {
    /// The app with the tagged sample open as an unsaved project.
    pub fn with_sample() -> Self {
        let ws = match parse_project(crate::SAMPLE_PROJECT, "sample.qb.ron") {
            Ok(loaded) => Workspace::new(loaded.project, None),
            Err(e) => {
                let mut app = Self::with_workspace(Workspace::new(Default::default(), None));
                app.error = Some(format!("The built-in sample could not be read: {e}"));
                return app;
            }
        };
        Self::with_workspace(ws)
    }

    pub fn with_workspace(ws: Workspace) -> Self {
        Self {
            ws,
            view: ArticleView::default(),
            list: AnnotationList::default(),
            people: PeoplePanel::default(),
            tagset_editor: None,
            dialogs: Dialogs::default(),
            message: String::new(),
            error: None,
            problems: Vec::new(),
            show_problems: false,
            offer_1252: None,
            safe: Safekeeping::default(),
            import_dialog: None,
            import_error: None,
            export_dialog: None,
            job: None,
            review: None,
            compare_dialog: None,
            compare_error: None,
            show_restore: false,
            disk_conflict: None,
            notice: None,
            guarded: None,
            guard_open: false,
            after_save: None,
            picking: false,
            recent: Vec::new(),
            allow_close: false,
            show_keys: false,
            show_about: false,
            title: String::new(),
            toggle_theme: false,
            quit_requested: false,
            first_frame_file: None,
        }
    }

    /// For eframe: restores recent files, opens `path` or the sample.
    pub fn new(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        let mut app = Self::with_sample();
        if let Some(storage) = cc.storage {
            app.recent = eframe::get_value(storage, RECENT_KEY).unwrap_or_default();
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
        self.safe = Safekeeping::with_store(store);
        self.safe.find_offers();
        self.show_restore = !self.safe.offered.is_empty();
        let warning = self
            .safe
            .opened(self.ws.path.as_deref(), self.ws.history.change_count());
        self.notice = warning.or(self.notice.take());
    }

    /// Use the in-app path field instead of native dialogs (tests, headless).
    pub fn use_in_app_dialogs(&mut self) {
        self.dialogs.backend = Some(Backend::InApp);
    }

    fn remember(&mut self, path: &Path) {
        let p = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|r| r != &p);
        self.recent.insert(0, p);
        self.recent.truncate(MAX_RECENT);
    }

    /// Opens a project or a plain-text file. On failure the open project is untouched.
    pub fn open_path(&mut self, path: &Path) {
        let is_text = path.extension().is_some_and(|e| e == "txt" || e == "md");
        if is_text {
            self.open_text(path, TextEncoding::Utf8);
            return;
        }
        let large = std::fs::metadata(path).is_ok_and(|m| m.len() > LARGE_FILE_BYTES);
        match load_project(path) {
            Ok(loaded) => {
                self.replace_workspace(Workspace::new(loaded.project, Some(path.to_path_buf())));
                self.remember(path);
                self.message = format!("Opened {}", path.display());
                if large {
                    self.message.push_str(" (a large file: over 20 MB)");
                }
                if !loaded.problems.is_empty() {
                    self.message
                        .push_str(&format!("; {} problems", loaded.problems.len()));
                    self.problems = loaded.problems;
                    self.show_problems = true;
                }
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Makes a new, unsaved project from a plain-text article.
    pub fn open_text(&mut self, path: &Path, encoding: TextEncoding) {
        match crate::cli::project_from_text_file(path, None, None, encoding) {
            Ok((project, notes)) => {
                self.replace_workspace(Workspace::new(project, None));
                self.ws.history.mark_unsaved();
                self.message = format!("New project from {}", path.display());
                if !notes.is_empty() {
                    self.message.push_str(&format!(" ({})", notes.join("; ")));
                }
            }
            Err(e @ FormatError::NotUtf8 { .. }) => {
                self.error = Some(e.to_string());
                self.offer_1252 = Some(path.to_path_buf());
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    fn replace_workspace(&mut self, ws: Workspace) {
        self.ws = ws;
        if let Some(w) = self
            .safe
            .opened(self.ws.path.as_deref(), self.ws.history.change_count())
        {
            self.notice = Some(w);
        }
        self.view.reset();
        self.picking = false;
        self.problems.clear();
        self.show_problems = false;
        self.review = None;
        self.view.review_lanes = 0;
    }

    /// Opens colleagues' files against each other (and the open project, if
    /// asked) and puts an empty gold project over them, or, when the open
    /// project is a gold project, resumes its review. Errors leave
    /// everything as it was.
    pub fn start_review(&mut self, req: &CompareRequest) -> Result<(), ReviewError> {
        let colleagues = crate::format::colleagues::read_colleagues(&req.paths, &req.map)?;
        let source = self
            .ws
            .path
            .as_ref()
            .map_or("the open project".into(), |p| p.display().to_string());
        let reviewer = std::env::var("USER").unwrap_or_else(|_| "reviewer".into());
        let open = crate::review::OpenProject {
            project: &self.ws.project,
            source,
        };
        let begun = crate::review::begin(req, colleagues, open, &reviewer)?;
        self.open_review(begun.set, begun.notes, begun.gold);
        Ok(())
    }

    /// Puts an empty gold project over an already matched review set.
    pub fn start_review_of(&mut self, set: crate::review::ReviewSet, notes: Vec<String>) -> Result<(), ReviewError> {
        if set.documents.is_empty() {
            return Err(ReviewError::NothingShared { left_out: set.left_out });
        }
        let reviewer = std::env::var("USER").unwrap_or_else(|_| "reviewer".into());
        let gold = crate::review::gold_project(&set, &crate::review::gold_name(&set), &reviewer);
        self.open_review(set, notes, Some(gold));
        Ok(())
    }

    /// Opens the review over `gold` (a new gold project), or over the open
    /// project when `gold` is None (a resumed review).
    fn open_review(&mut self, set: crate::review::ReviewSet, notes: Vec<String>, gold: Option<crate::model::Project>) {
        let state = ReviewState::new(set, notes);
        let (agreed, differ) = state.counts;
        let annotators = state.set.annotators.len();
        let docs = state.set.documents.len();
        let left_out = state.set.left_out.len();
        let resumed = gold.is_none();
        if let Some(gold) = gold {
            self.replace_workspace(Workspace::new(gold, None));
            self.ws.history.mark_unsaved();
        }
        self.view.review_lanes = annotators;
        self.view.reset();
        let settled = state.settled_count(&self.ws.project);
        self.review = Some(state);
        let left_out = if left_out > 0 {
            format!(", {left_out} documents left out")
        } else {
            String::new()
        };
        self.message = super::review::commands::opened_message(resumed, annotators, docs, (agreed, differ), settled, &left_out);
    }

    /// Makes disagreement `i` current: its document, scrolled into view.
    fn go_to_spot(&mut self, i: usize) {
        let Some(r) = &mut self.review else { return };
        let Some(&s) = r.spots.get(i) else { return };
        r.current = Some(i);
        self.show_spot(s);
    }

    fn show_spot(&mut self, s: crate::review::Spot) {
        let Some(r) = &self.review else { return };
        let Some(c) = r.cmp.cluster(s) else { return };
        let start = c.hull.start;
        if self.ws.doc != s.doc {
            self.ws.set_document(s.doc);
            self.view.reset();
        }
        self.ws.selected = None;
        self.view.scroll_to_char(start);
    }

    /// After an undo or redo in a review: go to the disagreement it changed.
    fn show_review_change(&mut self, before: Option<Vec<super::review::SpotMark>>) {
        let (Some(before), Some(r)) = (before, &self.review) else { return };
        if let Some(i) = r.changed_since(&before, &self.ws.project) {
            self.go_to_spot(i);
        }
    }

    fn review_command(&mut self, c: Command) -> Result<(), ReviewError> {
        use super::review::commands::{ReviewCommand, run};
        let Some(rc) = ReviewCommand::of(c) else { return Ok(()) };
        let Some(r) = &mut self.review else {
            return Err(ReviewError::NoReview);
        };
        let out = run(rc, r, &self.ws.project)?;
        if let Some((edit, label)) = out.edit {
            self.ws.perform(edit, &label, None)?;
        }
        if !out.message.is_empty() {
            self.message = out.message;
        }
        if out.end {
            self.review = None;
            self.view.review_lanes = 0;
            return Ok(());
        }
        let next = if out.then_next {
            self.review.as_mut().and_then(|r| r.step(&self.ws.project, true))
        } else {
            out.show
        };
        if let Some(s) = next {
            self.show_spot(s);
        }
        Ok(())
    }

    /// Saves to the current path, or asks for one. Returns true when saved now.
    pub fn save(&mut self) -> bool {
        match self.ws.path.clone() {
            Some(p) => self.save_to(&p),
            None => {
                self.request_dialog(Purpose::SaveAs);
                false
            }
        }
    }

    fn save_to(&mut self, path: &Path) -> bool {
        if self.ws.path.as_deref() == Some(path)
            && let Some(conflict) = self.safe.check_disk(path, &self.ws.project)
        {
            self.disk_conflict = Some(conflict);
            return false;
        }
        self.save_over(path)
    }

    /// Saves without checking the file on disk (the user chose to overwrite).
    fn save_over(&mut self, path: &Path) -> bool {
        match save_project(&self.ws.project, path) {
            Ok(()) => {
                self.ws.path = Some(path.to_path_buf());
                self.ws.history.mark_saved();
                self.safe.saved(path, self.ws.history.change_count());
                self.remember(path);
                self.message = format!("Saved {}", path.display());
                true
            }
            Err(e) => {
                self.error = Some(format!(
                    "The project was not saved; your work is still here.\n{e}"
                ));
                false
            }
        }
    }

    fn request_dialog(&mut self, purpose: Purpose) {
        let dir = self
            .ws
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf));
        let dir = dir.or_else(|| std::env::current_dir().ok());
        let suggested = format!("{}.qb.ron", crate::model::slug(&self.ws.display_name()));
        self.dialogs.request(purpose, dir, &suggested);
    }

    fn dialog_done(&mut self, purpose: Purpose, path: Option<PathBuf>) {
        let Some(path) = path else {
            self.after_save = None;
            return;
        };
        match purpose {
            Purpose::Open | Purpose::NewFromText => self.open_path(&path),
            Purpose::CompareSource => {
                if let Some(d) = &mut self.compare_dialog {
                    if !d.paths.is_empty() && !d.paths.ends_with('\n') {
                        d.paths.push('\n');
                    }
                    d.paths.push_str(&path.display().to_string());
                }
            }
            Purpose::ImportSource => {
                if let Some(d) = &mut self.import_dialog {
                    if !d.paths.is_empty() && !d.paths.ends_with('\n') {
                        d.paths.push('\n');
                    }
                    d.paths.push_str(&path.display().to_string());
                }
            }
            Purpose::SaveAs => {
                let path = if path.extension().is_none() {
                    path.with_extension("qb.ron")
                } else {
                    path
                };
                if self.save_to(&path)
                    && let Some(next) = self.after_save.take()
                {
                    self.run_pending(next);
                }
            }
        }
    }

    /// Runs `p` now, or after the unsaved-changes guard.
    fn guard(&mut self, p: Pending) {
        if self.ws.is_dirty() {
            self.guarded = Some(p);
            self.guard_open = true;
        } else {
            self.run_pending(p);
        }
    }

    fn run_pending(&mut self, p: Pending) {
        match p {
            Pending::New => self.request_dialog(Purpose::NewFromText),
            Pending::Import => self.import_dialog = Some(ImportDialog::default()),
            Pending::Open => self.request_dialog(Purpose::Open),
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::Compare(req) => {
                if let Err(e) = self.start_review(&req) {
                    self.error = Some(format!(
                        "The comparison could not be opened; nothing was changed.\n{e}"
                    ));
                }
            }
            Pending::Quit => {
                self.allow_close = true;
                self.quit_requested = true;
            }
        }
    }

    fn guard_choice(&mut self, choice: GuardChoice) {
        self.guard_open = false;
        let Some(p) = self.guarded.take() else { return };
        match choice {
            GuardChoice::Cancel => {}
            GuardChoice::Discard => {
                self.safe.discard_recovery();
                self.run_pending(p);
            }
            GuardChoice::Save => {
                if self.ws.path.is_some() {
                    if self.save() {
                        self.run_pending(p);
                    }
                } else {
                    self.after_save = Some(p);
                    self.request_dialog(Purpose::SaveAs);
                }
            }
        }
    }

    pub fn run_command(&mut self, c: Command) {
        let result: Result<(), String> = match c {
            Command::New => {
                self.guard(Pending::New);
                Ok(())
            }
            Command::Open => {
                self.guard(Pending::Open);
                Ok(())
            }
            Command::Save => {
                self.save();
                Ok(())
            }
            Command::SaveAs => {
                self.request_dialog(Purpose::SaveAs);
                Ok(())
            }
            Command::Quit => {
                self.guard(Pending::Quit);
                Ok(())
            }
            Command::Import => {
                self.guard(Pending::Import);
                Ok(())
            }
            Command::Export => {
                self.export_dialog = Some(ExportDialog::new(
                    self.ws.path.as_deref(),
                    &self.ws.display_name(),
                ));
                Ok(())
            }
            Command::Undo | Command::Redo => self.undo_redo(c == Command::Undo),
            Command::Delete => self.ws.delete_selected(),
            Command::AddFragment => self.ws.add_fragment(),
            Command::NextAnnotation | Command::PreviousAnnotation => {
                if let Some(id) = self.ws.walk(c == Command::NextAnnotation) {
                    self.scroll_to_annotation(&id);
                }
                Ok(())
            }
            Command::ClearSelection => {
                self.ws.selection = None;
                self.ws.selected = None;
                self.picking = false;
                Ok(())
            }
            Command::PickSpeaker => {
                if self.ws.selected.is_some() {
                    self.picking = !self.picking;
                    self.message = "Click the speaker (or quote) to link to; Esc cancels".into();
                    Ok(())
                } else {
                    Err("Select a quote (or cue) first.".into())
                }
            }
            Command::ExtendLeft => {
                self.ws.extend_selection(|_, h| h.saturating_sub(1));
                Ok(())
            }
            Command::ExtendRight => {
                self.ws.extend_selection(|_, h| h + 1);
                Ok(())
            }
            Command::ExtendWordLeft => {
                self.ws.extend_selection(|d, h| word_step(d, h, false));
                Ok(())
            }
            Command::ExtendWordRight => {
                self.ws.extend_selection(|d, h| word_step(d, h, true));
                Ok(())
            }
            Command::Find => {
                self.list.focus_search = true;
                Ok(())
            }
            Command::EditTagSet => {
                self.tagset_editor = Some(TagSetEditor::new(&self.ws.project.tagset));
                Ok(())
            }
            Command::ToggleTheme => {
                self.toggle_theme = true;
                Ok(())
            }
            Command::KeyboardReference => {
                self.show_keys = !self.show_keys;
                Ok(())
            }
            Command::ShowProblems => {
                if self.problems.is_empty() {
                    self.message = "No problems were found when this project was opened.".into();
                } else {
                    self.show_problems = true;
                }
                Ok(())
            }
            Command::About => {
                self.show_about = true;
                Ok(())
            }
            Command::CompareWith => {
                let mine = self.ws.project.documents.iter().any(|d| d.annotation_count() > 0);
                let resume = crate::review::is_gold(&self.ws.project);
                self.compare_dialog = Some(CompareDialog::new(mine, resume));
                self.compare_error = None;
                Ok(())
            }
            Command::NextDisagreement
            | Command::PreviousDisagreement
            | Command::Take(_)
            | Command::TakeAll
            | Command::TakeNeither
            | Command::AcceptAgreed
            | Command::AgreementReport
            | Command::EndReview => self.review_command(c).map_err(|e| e.to_string()),
        };
        if let Err(e) = result {
            self.message = e;
        }
    }

    /// Undo or redo; the window goes to the change. A step that cannot be
    /// applied is an error (and stays on the stack), not "Nothing to undo".
    fn undo_redo(&mut self, undo: bool) -> Result<(), String> {
        let (verb, label) = if undo {
            ("undo", self.ws.history.undo_label().map(str::to_owned))
        } else {
            ("redo", self.ws.history.redo_label().map(str::to_owned))
        };
        let before = self.review.as_ref().map(|r| r.marks(&self.ws.project));
        let result = if undo { self.ws.undo() } else { self.ws.redo() };
        match result {
            Ok(Some(step)) => {
                self.message = format!("{} {}", if undo { "Undid" } else { "Redid" }, step.label);
                if let Some(id) = self.ws.selected.clone() {
                    self.scroll_to_annotation(&id);
                }
                self.show_review_change(before);
                Ok(())
            }
            Ok(None) => {
                self.message = format!("Nothing to {verb}");
                Ok(())
            }
            Err(e) => Err(format!("Could not {verb} {}: {e}", label.unwrap_or_default())),
        }
    }

    fn scroll_to_annotation(&mut self, id: &str) {
        if let Some(a) = self.ws.document().and_then(|d| d.annotation(id)) {
            self.view.scroll_to_char(a.hull().start);
        }
    }

    fn apply(&mut self, action: Action) {
        let result = match action {
            Action::Command(c) => {
                self.run_command(c);
                Ok(())
            }
            Action::Tag(label) => self.ws.tag_selection(&label).map(|_| ()),
            Action::Select { id, scroll } => {
                if self.picking
                    && let (Some(from), Some(to)) = (self.ws.selected.clone(), id.clone())
                {
                    self.picking = false;
                    self.ws.link(&from, &to)
                } else {
                    if scroll && let Some(id) = &id {
                        self.scroll_to_annotation(id);
                    }
                    self.ws.select_annotation(id);
                    Ok(())
                }
            }
            Action::SetDocument(i) => {
                self.ws.set_document(i);
                Ok(())
            }
            Action::Perform {
                edit,
                label,
                merge_key,
            } => self
                .ws
                .perform(*edit, &label, merge_key)
                .map_err(|e| e.to_string()),
            Action::RemoveFragment(i) => self.ws.remove_fragment(i),
            Action::Link { from, to } => self.ws.link(&from, &to),
            Action::Unlink(id) => self.ws.unlink(&id),
            Action::OpenPath(p) => {
                self.guard(Pending::OpenPath(p));
                Ok(())
            }
            Action::GoToSpot(i) => {
                self.go_to_spot(i);
                Ok(())
            }
        };
        if let Err(e) = result {
            self.message = e;
        }
    }

    /// Keyboard: the command table, then label keys. While a text field has
    /// the keyboard only the global commands (Save, Open, ...) apply.
    fn handle_keys(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        if self.guard_open || self.dialogs.prompt.is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        let mut table: Vec<_> = COMMANDS.iter().filter(|c| c.shortcut.is_some()).collect();
        // More modifiers first: Ctrl+S would also match Ctrl+Shift+S.
        table.sort_by_key(|c| {
            let m = c.shortcut.map_or(Modifiers::NONE, |s| s.modifiers);
            std::cmp::Reverse(u8::from(m.shift) + u8::from(m.command || m.ctrl) + u8::from(m.alt))
        });
        for c in table {
            if typing && !c.global {
                continue;
            }
            if let Some(sc) = c.shortcut
                && ctx.input_mut(|i| i.consume_shortcut(&sc))
            {
                actions.command(c.command);
            }
        }
        if typing {
            return;
        }
        for l in &self.ws.project.tagset.labels {
            if let Some(sc) = l.key_char().and_then(label_shortcut)
                && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, sc.logical_key))
            {
                actions.push(Action::Tag(l.name.clone()));
            }
        }
    }

    fn menu_bar(&mut self, ui: &mut Ui, actions: &mut Actions) {
        egui::MenuBar::new().ui(ui, |ui| {
            for (menu, title) in [
                (Menu::File, "File"),
                (Menu::Edit, "Edit"),
                (Menu::View, "View"),
                (Menu::Review, "Review"),
                (Menu::Help, "Help"),
            ] {
                ui.menu_button(title, |ui| {
                    for c in COMMANDS.iter().filter(|c| c.menu == menu) {
                        let enabled = match c.command {
                            Command::Undo => self.ws.history.can_undo(),
                            Command::Redo => self.ws.history.can_redo(),
                            Command::Delete => self.ws.selected.is_some(),
                            Command::CompareWith => true,
                            c if info(c).menu == Menu::Review => self.review.is_some(),
                            _ => true,
                        };
                        let label = match c.command {
                            Command::Undo => self.ws.history.undo_label().map(|l| format!("Undo {l}")),
                            Command::Redo => self.ws.history.redo_label().map(|l| format!("Redo {l}")),
                            _ => None,
                        };
                        let mut b = egui::Button::new(label.unwrap_or_else(|| c.label.to_string()));
                        if let Some(sc) = c.shortcut {
                            b = b.shortcut_text(shortcut_text(&sc));
                        }
                        if ui.add_enabled(enabled, b).on_hover_text(c.tooltip).clicked() {
                            actions.command(c.command);
                        }
                    }
                    if menu == Menu::File && !self.recent.is_empty() {
                        ui.separator();
                        ui.menu_button("Open Recent", |ui| {
                            for p in &self.recent {
                                if ui.button(p.display().to_string()).clicked() {
                                    actions.push(Action::OpenPath(p.clone()));
                                }
                            }
                        });
                    }
                    if menu == Menu::Edit {
                        ui.separator();
                        ui.label(RichText::new("Tag selection as").weak());
                        for l in &self.ws.project.tagset.labels {
                            let mut b = egui::Button::new(&l.name);
                            if !l.key.is_empty() {
                                b = b.shortcut_text(l.key.to_uppercase());
                            }
                            if ui.add_enabled(self.ws.selection.is_some(), b).clicked() {
                                actions.push(Action::Tag(l.name.clone()));
                            }
                        }
                    }
                });
            }
        });
    }

    fn label_bar(&mut self, ui: &mut Ui, actions: &mut Actions) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Tag:");
            let colors = super::article_view::label_colors(&self.ws.project.tagset, ui.visuals().dark_mode);
            for l in &self.ws.project.tagset.labels {
                let text = if l.key.is_empty() {
                    l.name.clone()
                } else {
                    format!("{} ({})", l.name, l.key.to_uppercase())
                };
                let b = egui::Button::new(RichText::new(text).color(ui.visuals().strong_text_color()))
                    .fill(colors[&l.name].gamma_multiply(0.35));
                let tip = format!(
                    "Tag the selected text as {} (press {})",
                    l.name,
                    l.key.to_uppercase()
                );
                if ui
                    .add_enabled(self.ws.selection.is_some(), b)
                    .on_hover_text(tip)
                    .on_disabled_hover_text("Select text first")
                    .clicked()
                {
                    actions.push(Action::Tag(l.name.clone()));
                }
            }
            if self.picking {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Click the annotation to link to (Esc cancels)",
                );
            }
        });
    }

    fn safety_windows(&mut self, ctx: &egui::Context) {
        use super::safekeeping::{ConflictChoice, RestoreChoice, conflict_window, restore_window};
        if self.show_restore {
            match restore_window(ctx, &self.safe.offered) {
                Some(RestoreChoice::Restore(i)) => self.restore(i),
                Some(RestoreChoice::Discard(i)) => {
                    let entry = self.safe.offered.remove(i);
                    if let Some(store) = self.safe.store() {
                        let _ = store.discard(&entry);
                    }
                    self.show_restore = !self.safe.offered.is_empty();
                }
                Some(RestoreChoice::Later) => self.show_restore = false,
                None => {}
            }
        }
        if let Some(c) = &self.disk_conflict {
            match conflict_window(ctx, c) {
                Some(ConflictChoice::Overwrite) => {
                    let path = c.path.clone();
                    self.disk_conflict = None;
                    self.save_over(&path);
                }
                Some(ConflictChoice::SaveAs) => {
                    self.disk_conflict = None;
                    self.request_dialog(Purpose::SaveAs);
                }
                Some(ConflictChoice::Reload) => {
                    let path = c.path.clone();
                    self.disk_conflict = None;
                    self.safe.discard_recovery();
                    self.open_path(&path);
                }
                Some(ConflictChoice::Cancel) => self.disk_conflict = None,
                None => {}
            }
        }
        if let Some(n) = self.notice.clone() {
            egui::Modal::new(egui::Id::unique("notice")).show(ctx, |ui| {
                ui.heading("Please note");
                ui.label(n);
                if ui.button("OK").clicked() {
                    self.notice = None;
                }
            });
        }
    }

    /// Restores offered recovery file `i` as an unsaved project.
    fn restore(&mut self, i: usize) {
        let Some(store) = self.safe.store().cloned() else {
            return;
        };
        let entry = self.safe.offered.remove(i);
        self.show_restore = !self.safe.offered.is_empty();
        match store.load(&entry) {
            Ok(project) => {
                let path = entry.info().and_then(|i| i.original_path.clone());
                self.replace_workspace(Workspace::new(project, path));
                self.ws.history.mark_unsaved();
                // Safe under the new key before the old file goes.
                if self.safe.write_now(&self.ws.project, self.ws.path.as_deref())
                    && store.list().iter().any(|e| e.path == entry.path)
                    && self.ws.path.as_ref().is_none_or(|p| {
                        store.path_for(&crate::format::RecoveryKey::for_path(p)) != entry.path
                    })
                {
                    let _ = store.discard(&entry);
                }
                self.message = "Restored unsaved work; save it to keep it".into();
            }
            Err(e) => {
                self.error = Some(format!(
                    "The recovery file could not be restored (it is kept): {e}"
                ))
            }
        }
    }

    /// Import and export: their dialogs, the running job, its result.
    fn interchange_windows(&mut self, ctx: &egui::Context) {
        if let Some(d) = &mut self.import_dialog {
            match d.ui(ctx, &mut self.import_error) {
                Some(DialogOutcome::Run(())) => match d.options() {
                    Ok((paths, opts)) => {
                        self.import_dialog = None;
                        self.import_error = None;
                        self.job = Some(Job::start_import(paths, opts));
                    }
                    Err(e) => self.import_error = Some(e),
                },
                Some(DialogOutcome::Browse) => self.dialogs.request(Purpose::ImportSource, None, ""),
                Some(DialogOutcome::Cancel) => {
                    self.import_dialog = None;
                    self.import_error = None;
                }
                None => {}
            }
        }
        if let Some(d) = &mut self.export_dialog {
            match d.ui(ctx, self.ws.path.as_deref(), &self.ws.display_name()) {
                Some(DialogOutcome::Run((format, out))) => {
                    self.export_dialog = None;
                    self.job = Some(Job::start_export(self.ws.project.clone(), format, out));
                }
                Some(DialogOutcome::Cancel) => self.export_dialog = None,
                _ => {}
            }
        }
        if let Some(job) = &self.job {
            job.ui(ctx);
            if let Some(result) = job.poll() {
                self.job = None;
                self.job_done(result);
            }
        }
    }

    /// Applies a finished import or export.
    pub fn job_done(&mut self, result: JobResult) {
        match result {
            JobResult::Imported(Ok(mut r)) if !r.projects.is_empty() => {
                let others: Vec<String> = r.projects.iter().skip(1).map(|p| p.annotator.clone()).collect();
                let project = r.projects.remove(0);
                let docs = project.documents.len();
                let anns: usize = project.documents.iter().map(|d| d.annotation_count()).sum();
                self.replace_workspace(Workspace::new(project, None));
                self.ws.history.mark_unsaved();
                self.message = format!("Imported {docs} documents, {anns} annotations");
                let mut notes = Vec::new();
                if !others.is_empty() {
                    notes.push(format!(
                        "The files hold {} annotators; this is {}. Import again with the annotator set to open another: {}.",
                        others.len() + 1,
                        self.ws.project.annotator,
                        others.join(", ")
                    ));
                }
                if !r.issues.is_empty() {
                    notes.push(format!(
                        "{} lines could not be read and were skipped:",
                        r.issues.len()
                    ));
                    notes.extend(r.issues.iter().take(30).map(|i| i.to_string()));
                }
                if !notes.is_empty() {
                    self.notice = Some(notes.join("\n"));
                }
            }
            JobResult::Imported(Ok(_)) => self.error = Some("Nothing to import was found there.".into()),
            JobResult::Imported(Err(e)) => {
                self.error = Some(format!("Import failed; your project is unchanged.\n{e}"))
            }
            JobResult::Exported(Ok((rep, out))) => {
                self.message = format!("Exported {} items to {}", rep.items, out.display());
            }
            JobResult::Exported(Err(e)) => self.error = Some(format!("Export failed: {e}")),
        }
    }

    fn compare_window(&mut self, ctx: &egui::Context) {
        let Some(d) = &mut self.compare_dialog else { return };
        match d.ui(ctx, &mut self.compare_error) {
            Some(DialogOutcome::Run(())) => match d.request() {
                Ok(req) => {
                    let resume = d.resume;
                    self.compare_dialog = None;
                    self.compare_error = None;
                    if resume {
                        // The gold project stays open: nothing to save first.
                        self.run_pending(Pending::Compare(req));
                    } else {
                        self.guard(Pending::Compare(req));
                    }
                }
                Err(e) => self.compare_error = Some(e.to_string()),
            },
            Some(DialogOutcome::Browse) => self.request_dialog(Purpose::CompareSource),
            Some(DialogOutcome::Cancel) => {
                self.compare_dialog = None;
                self.compare_error = None;
            }
            None => {}
        }
    }

    fn windows(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        self.safety_windows(ctx);
        self.compare_window(ctx);
        if let Some(r) = &mut self.review
            && let Some(mut view) = r.report.take()
            && super::review::report::window(ctx, r, &mut view)
        {
            r.report = Some(view);
        }
        self.interchange_windows(ctx);
        if let Some(ed) = &mut self.tagset_editor {
            ed.ui(ctx, actions);
            if !ed.open {
                self.tagset_editor = None;
            }
        }
        if self.show_keys {
            let mut open = true;
            egui::Window::new("Keyboard reference")
                .open(&mut open)
                .show(ctx, |ui| {
                    egui::Grid::new("keys").striped(true).show(ui, |ui| {
                        for c in COMMANDS.iter() {
                            if let Some(sc) = c.shortcut {
                                ui.label(RichText::new(shortcut_text(&sc)).monospace());
                                ui.label(c.label);
                                ui.end_row();
                            }
                        }
                        for l in &self.ws.project.tagset.labels {
                            if !l.key.is_empty() {
                                ui.label(RichText::new(l.key.to_uppercase()).monospace());
                                ui.label(format!("Tag the selection as {}", l.name));
                                ui.end_row();
                            }
                        }
                        ui.label(RichText::new("Alt+drag").monospace());
                        ui.label("Select exact characters (no snapping to words)");
                        ui.end_row();
                    });
                });
            self.show_keys = open;
        }
        if self.show_about {
            let mut open = true;
            egui::Window::new("About Quotebench")
                .open(&mut open)
                .show(ctx, |ui| {
                    ui.label(format!("Quotebench {}", env!("CARGO_PKG_VERSION")));
                    ui.label(
                        "Annotate quotes, speakers, cues and claims in news articles. Offline, one binary.",
                    );
                });
            self.show_about = open;
        }
        if self.show_problems {
            let mut open = true;
            super::problems::window(ctx, &mut open, &self.problems, &self.ws, actions);
            self.show_problems = open;
        }
        if let Some(err) = self.error.clone() {
            egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
                ui.heading("Something went wrong");
                ui.label(err);
                ui.horizontal(|ui| {
                    if ui.button("OK").clicked()
                        || ui.input(|i| i.key_pressed(Key::Enter) || i.key_pressed(Key::Escape))
                    {
                        self.error = None;
                        self.offer_1252 = None;
                    }
                    if let Some(path) = self.offer_1252.clone()
                        && ui
                            .button("Open as Windows-1252")
                            .on_hover_text("Read each byte as a Windows-1252 (Latin-1) character")
                            .clicked()
                    {
                        self.error = None;
                        self.offer_1252 = None;
                        self.open_text(&path, TextEncoding::Windows1252);
                    }
                });
            });
        }
        if self.guard_open
            && let Some(choice) = guard_ui(ctx, &self.ws.display_name())
        {
            self.guard_choice(choice);
        }
        if let Some((purpose, path)) = self.dialogs.prompt_ui(ctx) {
            self.dialog_done(purpose, path);
        }
    }

    /// One frame of the whole window.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let mut actions = Actions::default();
        if let Some((purpose, path)) = self.dialogs.poll() {
            self.dialog_done(purpose, path);
        }
        let focused = ctx.input(|i| i.focused);
        let changes = self.ws.history.change_count();
        let dirty = self.ws.is_dirty();
        if let Some(due) = self
            .safe
            .tick(&self.ws.project, self.ws.path.as_deref(), dirty, changes, focused)
        {
            ctx.request_repaint_after(due.saturating_duration_since(std::time::Instant::now()));
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
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.ws.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.guarded = Some(Pending::Quit);
            self.guard_open = true;
        }
        self.handle_keys(&ctx, &mut actions);
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
        egui::Panel::bottom("status_bar").show(ui, |ui| status_bar::ui(ui, &self.ws, &self.message));
        egui::Panel::left("left_panel")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| {
                if self.ws.project.documents.len() > 1 {
                    ui.heading("Documents");
                    documents::ui(ui, &self.ws, &mut actions);
                    ui.separator();
                }
                if let Some(r) = &self.review {
                    super::review::panel::ui(ui, r, &self.ws.project, &mut actions);
                    ui.separator();
                }
                ui.heading("Annotations");
                self.list.ui(ui, &self.ws, &mut actions);
            });
        egui::Panel::right("right_panel")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("right_scroll")
                    .show(ui, |ui| {
                        ui.heading("Inspector");
                        inspector::ui(ui, &self.ws, self.picking, &mut actions);
                        ui.separator();
                        ui.heading("People");
                        self.people.ui(ui, &self.ws, &mut actions);
                    });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let overlay = self.review.as_ref().and_then(|r| {
                Some(super::review::overlay::Overlay {
                    doc: r.cmp.docs.get(self.ws.doc)?,
                    annotators: &r.set.annotators,
                    gold: self.ws.document()?,
                    current: r
                        .current_spot()
                        .filter(|s| s.doc == self.ws.doc)
                        .map(|s| s.cluster),
                })
            });
            let out = self.view.show(ui, &self.ws, self.picking, overlay.as_ref());
            if let Some(sel) = out.selection {
                self.ws.selection = sel;
                if let Some(s) = sel {
                    self.ws.caret = s.head;
                }
            }
            if let Some(c) = out.clicked_at {
                self.ws.caret = c;
            }
            if let Some(id) = out.clicked
                && (id.is_some() || !self.picking)
            {
                actions.push(Action::Select { id, scroll: false });
            }
        });
        self.windows(&ctx, &mut actions);
        if walked && let Some(id) = ctx.memory(|m| m.focused()) {
            ctx.memory_mut(|m| m.surrender_focus(id));
        }

        for a in actions.0 {
            self.apply(a);
        }
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
            if self.ws.is_dirty() { "● " } else { "" },
            self.ws.display_name()
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
    }
}
