//! The windows and modals over the main view: errors, notices, the guard,
//! recovery, disk conflicts, import/export, compare, keyboard reference.

use egui::{Key, RichText};

use super::{Pending, QuotebenchApp};
use crate::format::TextEncoding;
use crate::ui::actions::Actions;
use crate::ui::commands::{COMMANDS, shortcut_text};
use crate::ui::dialogs::{Purpose, guard_ui};
use crate::ui::import_export::{DialogOutcome, Job};

impl QuotebenchApp {
    pub(super) fn safety_windows(&mut self, ctx: &egui::Context) {
        use crate::ui::safekeeping::{ConflictChoice, RestoreChoice, conflict_window, restore_window};
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

    /// Import and export: their dialogs, the running job, its result.
    pub(super) fn interchange_windows(&mut self, ctx: &egui::Context) {
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

    pub(super) fn compare_window(&mut self, ctx: &egui::Context) {
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

    pub(super) fn windows(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        self.safety_windows(ctx);
        self.compare_window(ctx);
        if let Some(r) = &mut self.review
            && let Some(mut view) = r.report.take()
            && crate::ui::review::report::window(ctx, r, &mut view)
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
            crate::ui::problems::window(ctx, &mut open, &self.problems, &self.ws, actions);
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
}
