//! Files: open, save, the unsaved-changes guard, recovery restore and the
//! result of an import or export.

use std::path::{Path, PathBuf};

use super::{LARGE_FILE_BYTES, MAX_RECENT, Pending, QuotebenchApp};
use crate::format::{Hint, TextEncoding, load_project, save_project};
use crate::ui::dialogs::{GuardChoice, Purpose};
use crate::ui::import_export::{ImportDialog, JobResult};
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
        match crate::format::project_from_article(path, None, &crate::format::user_name(), encoding) {
            Ok((project, notes)) => {
                self.replace_workspace(Workspace::new(project, None));
                self.ws.history.mark_unsaved();
                self.message = format!("New project from {}", path.display());
                if !notes.is_empty() {
                    self.message.push_str(&format!(" ({})", notes.join("; ")));
                }
            }
            Err(e) if e.hint() == Some(Hint::ReadAsWindows1252) => {
                self.error = Some(e.to_string());
                self.offer_1252 = Some(path.to_path_buf());
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    pub(super) fn replace_workspace(&mut self, ws: Workspace) {
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

    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        if self.ws.path.as_deref() == Some(path)
            && let Some(conflict) = self.safe.check_disk(path, &self.ws.project)
        {
            self.disk_conflict = Some(conflict);
            return false;
        }
        self.save_over(path)
    }

    /// Saves without checking the file on disk (the user chose to overwrite).
    pub(super) fn save_over(&mut self, path: &Path) -> bool {
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

    pub(super) fn request_dialog(&mut self, purpose: Purpose) {
        let dir = self
            .ws
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf));
        let dir = dir.or_else(|| std::env::current_dir().ok());
        let suggested = format!("{}.qb.ron", crate::model::slug(&self.ws.display_name()));
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
    pub(super) fn guard(&mut self, p: Pending) {
        if self.ws.is_dirty() {
            self.guarded = Some(p);
            self.guard_open = true;
        } else {
            self.run_pending(p);
        }
    }

    pub(super) fn run_pending(&mut self, p: Pending) {
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

    pub(super) fn guard_choice(&mut self, choice: GuardChoice) {
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

    /// Restores offered recovery file `i` as an unsaved project.
    pub(super) fn restore(&mut self, i: usize) {
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
}
