//! The modals over the main view, in one stack (the last one is shown and
//! answered), and the plain windows (tag set, report, keyboard reference,
//! About, Problems) with their `open` flags.

use super::disk::Take;
use super::{Pending, QuotebenchApp};
use crate::format::TextEncoding;
use crate::ui::actions::Actions;
use crate::ui::dialogs::Purpose;
use crate::ui::import_export::{DialogOutcome, ExportDialog, ImportDialog, Job};
use crate::ui::modals::{
    ConflictChoice, ConflictModal, ErrorModal, ErrorOutcome, Guard, Notice, Restore, RestoreChoice,
};
use crate::ui::review::open_dialog::CompareDialog;
use crate::ui::suggestions::accept_dialog::{AcceptAboveDialog, AcceptAboveOutcome};

/// One modal on the stack, with what the app needs to act on its answer.
pub(super) enum Modal {
    /// Unsaved changes stand in front of `Pending`.
    Guard(Guard, Pending),
    Error(ErrorModal),
    Notice(Notice),
    Restore(Restore),
    DiskConflict(ConflictModal),
    /// The import dialog and the error of its last Run.
    Import(ImportDialog, Option<String>),
    Export(ExportDialog),
    /// The compare dialog and the error of its last Run.
    Compare(CompareDialog, Option<String>),
    /// Accept every suggestion at or above a confidence.
    AcceptAbove(AcceptAboveDialog),
}

impl QuotebenchApp {
    pub(super) fn show_error(&mut self, text: impl Into<String>) {
        self.modals.push(Modal::Error(ErrorModal::new(text)));
    }

    pub(super) fn show_notice(&mut self, text: impl Into<String>) {
        self.modals.push(Modal::Notice(Notice { text: text.into() }));
    }

    pub(super) fn push_guard(&mut self, p: Pending) {
        let name = self.session.ws.display_name();
        self.modals.push(Modal::Guard(Guard { name }, p));
    }

    /// Shows the restore window for the recovery files not yet decided on.
    pub(super) fn offer_restore(&mut self) {
        let entries = std::mem::take(&mut self.safe.offered);
        if !entries.is_empty() {
            self.modals.push(Modal::Restore(Restore { entries }));
        }
    }

    /// Shows the top modal and acts on its answer.
    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(top) = self.modals.pop() else { return };
        match top {
            Modal::Guard(mut g, p) => match g.show(ctx) {
                Some(choice) => self.guard_choice(choice, p),
                None => self.modals.push(Modal::Guard(g, p)),
            },
            Modal::Error(mut m) => match m.show(ctx) {
                Some(ErrorOutcome::Dismissed) => {}
                Some(ErrorOutcome::OpenAs1252(path)) => self.open_text(&path, TextEncoding::Windows1252),
                None => self.modals.push(Modal::Error(m)),
            },
            Modal::Notice(mut n) => {
                if n.show(ctx).is_none() {
                    self.modals.push(Modal::Notice(n));
                }
            }
            Modal::Restore(mut r) => match r.show(ctx) {
                Some(RestoreChoice::Restore(i)) => {
                    let entry = r.entries.remove(i);
                    if !r.entries.is_empty() {
                        self.modals.push(Modal::Restore(r));
                    }
                    // Over unsaved work (another file restored a moment
                    // ago, say) the guard asks first.
                    self.guard(Pending::Restore(Box::new(entry)));
                }
                Some(RestoreChoice::Discard(i)) => {
                    let entry = r.entries.remove(i);
                    if let Some(store) = self.safe.store() {
                        let _ = store.discard(&entry);
                    }
                    if !r.entries.is_empty() {
                        self.modals.push(Modal::Restore(r));
                    }
                }
                // Kept on disk and offered again when asked (or at the next start).
                Some(RestoreChoice::Later) => self.safe.offered = r.entries,
                None => self.modals.push(Modal::Restore(r)),
            },
            Modal::DiskConflict(mut c) => match c.show(ctx) {
                Some(ConflictChoice::Overwrite) => {
                    self.save_over(&c.conflict.path, None);
                }
                Some(ConflictChoice::SaveAs) => self.request_dialog(Purpose::SaveAs),
                Some(ConflictChoice::Reload) => self.take_disk_version(c.conflict, Take::Disk),
                Some(ConflictChoice::Merge) => self.take_disk_version(c.conflict, Take::Merged),
                Some(ConflictChoice::Cancel) => {}
                None => self.modals.push(Modal::DiskConflict(c)),
            },
            Modal::Import(mut d, mut error) => match d.ui(ctx, &mut error) {
                Some(DialogOutcome::Run(())) => match d.options() {
                    Ok((paths, opts)) => self.job = Some(Job::start_import(paths, opts)),
                    Err(e) => self.modals.push(Modal::Import(d, Some(e.to_string()))),
                },
                Some(DialogOutcome::Browse) => {
                    self.modals.push(Modal::Import(d, error));
                    self.dialogs.request(Purpose::ImportSource, None, "");
                }
                Some(DialogOutcome::Cancel) => {}
                None => self.modals.push(Modal::Import(d, error)),
            },
            Modal::Export(mut d) => {
                let ws = &self.session.ws;
                match d.ui(ctx, ws.path.as_deref(), &ws.display_name()) {
                    Some(DialogOutcome::Run((format, out))) => {
                        self.job = Some(Job::start_export(ws.project.clone(), format, out));
                    }
                    Some(DialogOutcome::Cancel) => {}
                    _ => self.modals.push(Modal::Export(d)),
                }
            }
            Modal::Compare(mut d, mut error) => match d.ui(ctx, &mut error) {
                Some(DialogOutcome::Run(())) => match d.request() {
                    // Resuming keeps the gold project open: nothing to save first.
                    Ok(req) if d.resume => self.run_pending(Pending::Compare(req)),
                    Ok(req) => self.guard(Pending::Compare(req)),
                    Err(e) => self.modals.push(Modal::Compare(d, Some(e.to_string()))),
                },
                Some(DialogOutcome::Browse) => {
                    self.modals.push(Modal::Compare(d, error));
                    self.request_dialog(Purpose::CompareSource);
                }
                Some(DialogOutcome::Cancel) => {}
                None => self.modals.push(Modal::Compare(d, error)),
            },
            Modal::AcceptAbove(mut d) => match d.show(ctx) {
                Some(AcceptAboveOutcome::Accept { min, everywhere }) => {
                    self.accept_min = min;
                    if let Err(e) = self.accept_above(min, everywhere) {
                        self.message = e.to_string();
                    }
                }
                Some(AcceptAboveOutcome::Cancel) => {}
                None => self.modals.push(Modal::AcceptAbove(d)),
            },
        }
    }

    /// The running import or export: its progress, then its result.
    fn job_ui(&mut self, ctx: &egui::Context) {
        if let Some(job) = &self.job {
            job.ui(ctx);
            if let Some(result) = job.poll() {
                self.job = None;
                self.job_done(result);
            }
        }
    }

    pub(super) fn windows(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        if let Some(r) = &mut self.session.review
            && let Some(mut view) = r.report.take()
            && crate::ui::review::report::window(ctx, r, &mut view)
        {
            r.report = Some(view);
        }
        if let Some(ed) = &mut self.tagset_editor {
            ed.ui(ctx, actions);
            if !ed.open {
                self.tagset_editor = None;
            }
        }
        self.doc_inspector.ui(ctx, &self.session.ws, actions); // issue 13: progress
        self.merge_people.ui(ctx, &self.session.ws.project, actions); // issue 14: people
        self.report_window(ctx, actions); // issue 14: report view
        if self.show_keys {
            crate::ui::keyboard_reference::window(ctx, &mut self.show_keys, &self.session.ws.project.tagset);
        }
        if self.show_about {
            crate::ui::about::window(ctx, &mut self.show_about);
        }
        if self.session.show_problems {
            crate::ui::problems::window(
                ctx,
                &mut self.session.show_problems,
                &self.session.problems,
                &self.session.ws,
                actions,
            );
        }
        self.job_ui(ctx);
        self.suggest_progress(ctx);
        self.training_progress(ctx);
        self.modal_ui(ctx);
        if let Some((purpose, path)) = self.dialogs.prompt_ui(ctx) {
            self.dialog_done(purpose, path);
        }
    }
}
