//! Files: open, save, the unsaved-changes guard, recovery restore and the
//! result of an import or export.

use std::path::{Path, PathBuf};

use super::modals::Modal;
use super::{LARGE_FILE_BYTES, MAX_RECENT, Pending, QuotebenchApp, Session};
use crate::format::{
    BaseVersion, DiskState, Hint, OpenedFile, RecoveryEntry, TextEncoding, load_project, open_project_file,
};
use crate::model::{Project, replace_project};
use crate::ui::dialogs::Purpose;
use crate::ui::import_export::{ImportDialog, JobResult};
use crate::ui::modals::{ConflictModal, ErrorModal, GuardChoice};
use crate::ui::save_job::SaveJob;
use crate::ui::workspace::Workspace;

impl QuotebenchApp {
    pub(super) fn remember(&mut self, path: &Path) {
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
        if large && self.job.is_none() {
            // Read off the UI thread: the window keeps drawing, with a
            // progress bar, and the project opens when it is read.
            self.job = Some(crate::ui::import_export::Job::start_open(path.to_path_buf()));
            return;
        }
        let result = open_project_file(path, &|_, _| {}).map(Box::new);
        self.opened(result, path, large);
    }

    /// Shows a project read from `path`, with the file's text and state as
    /// read (or why it could not be read).
    pub(super) fn opened(
        &mut self,
        result: Result<Box<OpenedFile>, crate::format::FormatError>,
        path: &Path,
        large: bool,
    ) {
        match result {
            Ok(opened) => {
                let OpenedFile { loaded, base, state } = *opened;
                let problems = loaded.problems.len();
                let ws = Workspace::new(loaded.project, Some(path.to_path_buf()));
                self.replace_session_read(Session::with_problems(ws, loaded.problems), Some(state));
                // The version opened, parsed again only if the file changes on disk.
                self.session.base = Some(base);
                self.remember(path);
                self.message = format!("Opened {}", path.display());
                if crate::review::is_gold(&self.session.ws.project) {
                    self.message.push_str(
                        ": a gold project; Review > Compare with… on the colleagues' files resumes its review",
                    );
                }
                if large {
                    self.message.push_str(" (a large file: over 20 MB)");
                }
                if problems > 0 {
                    self.message.push_str(&format!("; {problems} problems"));
                }
            }
            Err(e) => self.show_error(e.to_string()),
        }
    }

    /// Makes a new, unsaved project from a plain-text article.
    pub fn open_text(&mut self, path: &Path, encoding: TextEncoding) {
        match crate::format::project_from_article(path, None, &crate::format::user_name(), encoding) {
            Ok((project, notes)) => {
                self.replace_workspace(Workspace::new(project, None));
                self.session.ws.history.mark_unsaved();
                self.message = format!("New project from {}", path.display());
                if !notes.is_empty() {
                    self.message.push_str(&format!(" ({})", notes.join("; ")));
                }
            }
            Err(e) if e.hint() == Some(Hint::ReadAsWindows1252) => {
                self.modals.push(Modal::Error(ErrorModal {
                    text: e.to_string(),
                    offer_1252: Some(path.to_path_buf()),
                }));
            }
            Err(e) => self.show_error(e.to_string()),
        }
    }

    /// Opens `ws` as a fresh session (nothing of the previous project stays).
    pub(super) fn replace_workspace(&mut self, ws: Workspace) {
        self.replace_session(Session::new(ws));
    }

    /// Makes `session` the open one and tells the safekeeping about it.
    pub(super) fn replace_session(&mut self, session: Session) {
        self.replace_session_read(session, None);
    }

    /// As [`Self::replace_session`], `state` being its file's as it was
    /// read (`None`: the safekeeping reads the file to know it).
    fn replace_session_read(&mut self, session: Session, state: Option<DiskState>) {
        // The project before goes on a thread of its own: freeing a large
        // one takes a while.
        let old = std::mem::replace(&mut self.session, session);
        let _ = std::thread::Builder::new()
            .name("quotebench-drop".into())
            .spawn(move || drop(old));
        self.session_serial += 1;
        let ws = &self.session.ws;
        if let Some(w) = self
            .safe
            .opened(ws.path.as_deref(), ws.history.change_count(), state)
        {
            self.show_notice(w);
        }
        // What its file holds: the recovery journal records changes from there.
        let ws = &self.session.ws;
        if ws.path.is_some() && !ws.is_dirty() {
            self.safe.track(&ws.project);
        }
    }

    /// Saves to the current path, or asks for one. The write runs off the
    /// UI thread; its result is applied by [`Self::poll_save`].
    pub fn save(&mut self) {
        self.save_then(None);
    }

    /// Saves, then (once the save has succeeded) runs `then`.
    pub(super) fn save_then(&mut self, then: Option<Pending>) {
        match self.session.ws.path.clone() {
            Some(p) => self.save_to(&p, then),
            None => {
                self.after_save = then;
                self.request_dialog(Purpose::SaveAs);
            }
        }
    }

    pub(super) fn save_to(&mut self, path: &Path, then: Option<Pending>) {
        if self.session.ws.path.as_deref() == Some(path)
            && let Some(conflict) =
                self.safe
                    .check_disk(path, self.session.base.as_ref(), &self.session.ws.project)
        {
            let recovery = self.safe.store().is_some();
            self.modals
                .push(Modal::DiskConflict(ConflictModal { conflict, recovery }));
            return;
        }
        self.save_over(path, then);
    }

    /// Saves without checking the file on disk (the user chose to overwrite).
    pub(super) fn save_over(&mut self, path: &Path, then: Option<Pending>) {
        if self.saving.is_some() {
            self.message = "A save is still running; try again when it has finished.".into();
            return;
        }
        let ws = &self.session.ws;
        let job = SaveJob::start(ws.project.clone(), path.to_path_buf(), ws.history.change_count());
        self.message = format!("Saving {}…", path.display());
        self.saving = Some((job, self.session_serial, then));
    }

    /// Applies a finished save: the project is marked saved (if nothing
    /// changed meanwhile) and whatever waited for the save runs; a failure
    /// is shown and the waiting action dropped.
    pub(super) fn poll_save(&mut self) {
        let Some((job, _, _)) = &self.saving else { return };
        let Some((result, written)) = job.poll() else {
            return;
        };
        let Some((job, serial, then)) = self.saving.take() else {
            return;
        };
        let path = job.path;
        match result {
            Ok(()) => {
                self.remember(&path);
                self.message = format!("Saved {}", path.display());
                // Another project was opened meanwhile: the file is written, nothing more.
                if serial != self.session_serial {
                    return;
                }
                let history = &mut self.session.ws.history;
                if history.change_count() == job.changes {
                    history.mark_saved();
                } else {
                    // Changed while writing: the file holds an older state.
                    history.mark_unsaved();
                }
                self.session.ws.path = Some(path.clone());
                // What the file holds now: the base of the next comparison.
                // What the save wrote, known without reading the file again.
                let state = match &written {
                    Some(BaseVersion::Opened(file)) => Some(file.state()),
                    _ => None,
                };
                self.session.base = written;
                self.safe.saved(&path, job.changes, state);
                if self.session.ws.history.change_count() == job.changes {
                    // The file holds what is open: journal changes from here.
                    self.safe.track(&self.session.ws.project);
                }
                if let Some(next) = then {
                    self.run_pending(next);
                }
            }
            Err(e) => {
                self.message = "Not saved".into();
                self.show_error(format!(
                    "The project was not saved; your work is still here.\n{e}"
                ));
            }
        }
    }

    pub(super) fn request_dialog(&mut self, purpose: Purpose) {
        let dir = self
            .session
            .ws
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf));
        let dir = dir.or_else(|| std::env::current_dir().ok());
        let ws = &self.session.ws;
        let suggested = suggested_file_name(ws.path.as_deref(), &ws.display_name());
        self.dialogs.request(purpose, dir, &suggested);
    }

    pub(super) fn dialog_done(&mut self, purpose: Purpose, path: Option<PathBuf>) {
        let Some(path) = path else {
            self.after_save = None;
            return;
        };
        match purpose {
            Purpose::Open | Purpose::NewFromText => self.open_path(&path),
            Purpose::CompareSource => {
                if let Some(Modal::Compare(d, _)) =
                    self.modals.iter_mut().find(|m| matches!(m, Modal::Compare(..)))
                {
                    if !d.paths.is_empty() && !d.paths.ends_with('\n') {
                        d.paths.push('\n');
                    }
                    d.paths.push_str(&path.display().to_string());
                }
            }
            Purpose::ImportSource => {
                if let Some(Modal::Import(d, _)) =
                    self.modals.iter_mut().find(|m| matches!(m, Modal::Import(..)))
                {
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
                let then = self.after_save.take();
                self.save_to(&path, then);
            }
        }
    }

    /// Runs `p` now, or after the unsaved-changes guard.
    pub(super) fn guard(&mut self, p: Pending) {
        if self.session.ws.is_dirty() {
            self.push_guard(p);
        } else {
            self.run_pending(p);
        }
    }

    pub(super) fn run_pending(&mut self, p: Pending) {
        match p {
            Pending::New => self.request_dialog(Purpose::NewFromText),
            Pending::Import => self.modals.push(Modal::Import(ImportDialog::default(), None)),
            Pending::Open => self.request_dialog(Purpose::Open),
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::Compare(req) => self.compare(&req),
            Pending::Restore(entry) => self.restore(*entry),
            Pending::Quit => {
                self.allow_close = true;
                self.quit_requested = true;
            }
        }
    }

    pub(super) fn guard_choice(&mut self, choice: GuardChoice, p: Pending) {
        match choice {
            GuardChoice::Cancel => {}
            GuardChoice::Discard => {
                self.safe.discard_recovery();
                self.run_pending(p);
            }
            GuardChoice::Save => self.save_then(Some(p)),
        }
    }

    /// Restores an offered recovery file as one undoable step over the
    /// project as its file holds it (Ctrl+Z gives back the file as opened;
    /// an empty project when it was never saved or its file is gone). The
    /// restored work is written under this window's key before the offered
    /// file goes.
    pub(super) fn restore(&mut self, entry: RecoveryEntry) {
        let Some(store) = self.safe.store().cloned() else {
            return;
        };
        // A journal over a file that changed since: the restore window said
        // so and the user chose "Restore anyway".
        let loaded = if entry.info().is_some_and(|i| i.other_version) {
            store.load_journal(&entry, true)
        } else {
            store.load(&entry)
        };
        let recovered = match loaded {
            Ok(project) => project,
            Err(crate::format::FormatError::JournalOfOtherVersion { .. }) => {
                // The file changed since the journal was started (saved a
                // moment ago, say): ask again, the window now saying so.
                let now = store.list().into_iter().find(|e| e.path == entry.path);
                let entries = vec![now.unwrap_or(entry)];
                self.modals
                    .push(Modal::Restore(crate::ui::modals::Restore { entries }));
                return;
            }
            Err(e) => {
                return self.show_error(format!(
                    "The recovery file could not be restored (it is kept): {e}"
                ));
            }
        };
        let path = entry.info().and_then(|i| i.original_path.clone());
        let on_disk = path
            .as_deref()
            .and_then(|p| load_project(p).ok())
            .map(|l| l.project);
        let from_disk = on_disk.is_some();
        let base = on_disk.unwrap_or_else(|| Project {
            people: Default::default(),
            name: recovered.name.clone(),
            annotator: recovered.annotator.clone(),
            ..Project::default()
        });
        let edit = replace_project(&base, recovered.clone());
        let kept_base = from_disk.then(|| base.clone());
        self.replace_workspace(Workspace::new(base, path.clone()));
        self.session.base = kept_base.map(BaseVersion::Parsed);
        if !from_disk {
            // Nothing on disk matches even the state before the restore.
            self.session.ws.history.mark_unsaved();
        }
        if let Some(edit) = edit
            && self
                .session
                .ws
                .perform(edit, "Restore unsaved work", None)
                .is_err()
        {
            // Not expressible as edits (should not happen): restore it plainly.
            self.replace_workspace(Workspace::new(recovered, path));
            self.session.ws.history.mark_unsaved();
        }
        let ws = &self.session.ws;
        let written = self.safe.write_now(&ws.project, ws.path.as_deref());
        if written.is_some_and(|w| w != entry.path) {
            let _ = store.discard(&entry);
        }
        self.message = "Restored unsaved work; save it to keep it (Ctrl+Z goes back to the file)".into();
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
                self.session.ws.history.mark_unsaved();
                self.message = format!("Imported {docs} documents, {anns} annotations");
                let mut notes = Vec::new();
                if !others.is_empty() {
                    notes.push(format!(
                        "The files hold {} annotators; this is {}. Import again with the annotator set to open another: {}.",
                        others.len() + 1,
                        self.session.ws.project.annotator,
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
                    self.show_notice(notes.join("\n"));
                }
            }
            JobResult::Imported(Ok(_)) => self.show_error("Nothing to import was found there."),
            JobResult::Imported(Err(e)) => {
                let hint = e.hint().map(|h| format!("\nHint: {h}.")).unwrap_or_default();
                self.show_error(format!("Import failed; your project is unchanged.\n{e}{hint}"))
            }
            JobResult::Exported(Ok((rep, out))) => {
                self.message = format!("Exported {} items to {}", rep.items, out.display());
            }
            JobResult::Exported(Err(e)) => self.show_error(format!("Export failed: {e}")),
            JobResult::Opened(result, path) => self.opened(result, &path, true),
        }
    }
}

/// The name Save As proposes: the file's own name when it has one (so
/// `s1.qb.ron` stays `s1.qb.ron`), else the project's name made safe.
fn suggested_file_name(path: Option<&Path>, name: &str) -> String {
    match path.and_then(Path::file_name) {
        Some(file) => file.to_string_lossy().into_owned(),
        None => format!("{}.qb.ron", crate::model::slug(name)),
    }
}
