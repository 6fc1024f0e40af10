//! File > Import… and Export…: the same options as the command line, run off
//! the UI thread with a progress bar, so a folder of 840 articles never
//! freezes the window.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};

use thiserror::Error;

use crate::format::interchange::{
    ExportFormat, ExportReport, ImportFormat, ImportOptions, ImportResult, LabelMap, LabelMapError, export,
    import, paths_field,
};
use crate::format::{FormatError, OpenedFile, open_project_file};
use crate::model::Project;

/// A finished job; the error keeps its type until the window shows it.
pub enum JobResult {
    Imported(Result<ImportResult, FormatError>),
    /// A large project file read off the UI thread (issue 16), with the
    /// version opened (the base of later comparisons with the disk).
    Opened(Result<Box<OpenedFile>, FormatError>, PathBuf),
    Exported(Result<(ExportReport, PathBuf), FormatError>),
}

/// A running import or export.
pub struct Job {
    pub title: String,
    /// What the progress counts ("files", "documents").
    unit: &'static str,
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    rx: Receiver<JobResult>,
    /// The window to wake when the job ends (known from its first frame),
    /// so the result is taken at once, not at the next timed repaint.
    waker: Waker,
}

type Waker = Arc<std::sync::Mutex<Option<egui::Context>>>;

/// Runs `work` on a thread of its own; its result comes on the receiver,
/// and the window the waker holds then is asked to repaint.
fn spawn(work: impl FnOnce() -> JobResult + Send + 'static) -> (Receiver<JobResult>, Waker) {
    let (tx, rx) = channel();
    let waker: Waker = Default::default();
    let wake = waker.clone();
    std::thread::spawn(move || {
        let _ = tx.send(work());
        if let Some(ctx) = wake.lock().ok().and_then(|w| w.clone()) {
            ctx.request_repaint();
        }
    });
    (rx, waker)
}

impl Job {
    pub fn start_import(paths: Vec<PathBuf>, opts: ImportOptions) -> Job {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (d, t) = (done.clone(), total.clone());
        let (rx, waker) = spawn(move || {
            let progress = move |n: usize, of: usize| {
                d.store(n, Ordering::Relaxed);
                t.store(of, Ordering::Relaxed);
            };
            JobResult::Imported(import(&paths, &opts, &progress))
        });
        Job {
            title: "Importing".into(),
            unit: "files",
            done,
            total,
            rx,
            waker,
        }
    }

    pub fn start_export(project: Project, format: ExportFormat, out: PathBuf) -> Job {
        let (rx, waker) =
            spawn(move || JobResult::Exported(export(&project, format, &out).map(|rep| (rep, out))));
        let one = Arc::new(AtomicUsize::new(0));
        Job {
            title: "Exporting".into(),
            unit: "files",
            done: one.clone(),
            total: one,
            rx,
            waker,
        }
    }

    /// Reads the project file at `path` (its documents in parallel), so
    /// that the window keeps drawing, with a progress bar, while a large
    /// project loads.
    pub fn start_open(path: PathBuf) -> Job {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (d, t) = (done.clone(), total.clone());
        let title = format!(
            "Opening {}",
            path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
        );
        let (rx, waker) = spawn(move || {
            let progress = move |n: usize, of: usize| {
                d.store(n, Ordering::Relaxed);
                t.store(of, Ordering::Relaxed);
            };
            let r = open_project_file(&path, &progress).map(Box::new);
            JobResult::Opened(r, path)
        });
        Job {
            title,
            unit: "documents",
            done,
            total,
            rx,
            waker,
        }
    }

    /// The result, once the job has finished.
    pub fn poll(&self) -> Option<JobResult> {
        self.rx.try_recv().ok()
    }

    pub fn ui(&self, ctx: &egui::Context) {
        if let Ok(mut w) = self.waker.lock()
            && w.is_none()
        {
            *w = Some(ctx.clone());
        }
        let (done, total) = (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        );
        egui::Window::new(&self.title)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                let bar = if total > 0 {
                    egui::ProgressBar::new(done as f32 / total as f32)
                        .text(format!("{done} of {total} {}", self.unit))
                } else {
                    egui::ProgressBar::new(0.0).animate(true)
                };
                ui.add(bar.desired_width(320.0));
            });
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
    }
}

/// The Import window's choices.
#[derive(Default)]
pub struct ImportDialog {
    pub paths: String,
    pub format: Option<ImportFormat>,
    pub map: String,
    pub annotator: String,
}

pub enum DialogOutcome<T> {
    Run(T),
    Browse,
    Cancel,
}

/// Why the Import window's fields cannot be run as they stand.
#[derive(Debug, Error)]
pub enum ImportDialogError {
    #[error("Name at least one file or folder to import.")]
    NoPaths,
    #[error(transparent)]
    LabelMap(#[from] LabelMapError),
}

impl ImportDialog {
    pub fn options(&self) -> Result<(Vec<PathBuf>, ImportOptions), ImportDialogError> {
        let paths = paths_field(&self.paths);
        if paths.is_empty() {
            return Err(ImportDialogError::NoPaths);
        }
        let map = LabelMap::parse_field(&self.map)?;
        let annotator = Some(self.annotator.trim().to_string()).filter(|a| !a.is_empty());
        Ok((
            paths,
            ImportOptions {
                format: self.format,
                map,
                annotator,
            },
        ))
    }

    pub fn ui(&mut self, ctx: &egui::Context, error: &mut Option<String>) -> Option<DialogOutcome<()>> {
        let mut out = None;
        egui::Modal::new(egui::Id::unique("import_dialog")).show(ctx, |ui| {
            ui.heading("Import annotations");
            ui.label("Files or folders, one per line (a brat folder of .txt + .ann, JSONL, or text files):");
            ui.add(
                egui::TextEdit::multiline(&mut self.paths)
                    .desired_rows(3)
                    .desired_width(460.0)
                    .id_salt("import_paths"),
            );
            egui::Grid::new("import_grid").num_columns(2).show(ui, |ui| {
                ui.label("Format");
                let shown = self.format.map_or("Guess from the files", |f| f.info().title);
                egui::ComboBox::from_id_salt("import_format")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.format, None, "Guess from the files");
                        for f in ImportFormat::all() {
                            ui.selectable_value(&mut self.format, Some(f), f.info().title);
                        }
                    });
                ui.end_row();
                ui.label("Label map");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut self.map)
                            .hint_text("FROM=TO, ...")
                            .id_salt("import_map"),
                    );
                    let polnear = LabelMap::polnear().to_field();
                    if ui.button("PolNeAR").on_hover_text(&polnear).clicked() {
                        self.map = polnear;
                    }
                });
                ui.end_row();
                ui.label("Annotator");
                ui.add(
                    egui::TextEdit::singleline(&mut self.annotator)
                        .hint_text("all")
                        .id_salt("import_annotator"),
                );
                ui.end_row();
            });
            if let Some(e) = error.as_ref() {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            ui.horizontal(|ui| {
                if ui.button("Import").clicked() {
                    out = Some(DialogOutcome::Run(()));
                }
                if ui
                    .button("Browse…")
                    .on_hover_text("Add a folder with the system dialog")
                    .clicked()
                {
                    out = Some(DialogOutcome::Browse);
                }
                if ui.button("Cancel").clicked() {
                    out = Some(DialogOutcome::Cancel);
                }
            });
        });
        out
    }
}

/// The Export window's choices.
pub struct ExportDialog {
    pub format: ExportFormat,
    pub out: String,
}

impl ExportDialog {
    pub fn new(project_path: Option<&Path>, name: &str) -> Self {
        let mut d = Self {
            format: ExportFormat::Csv,
            out: String::new(),
        };
        d.suggest(project_path, name);
        d
    }

    fn suggest(&mut self, project_path: Option<&Path>, name: &str) {
        let dir = project_path
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let file = self.format.info().default_file(&crate::model::slug(name));
        self.out = dir.join(file).display().to_string();
    }

    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        project_path: Option<&Path>,
        name: &str,
    ) -> Option<DialogOutcome<(ExportFormat, PathBuf)>> {
        let mut out = None;
        egui::Modal::new(egui::Id::unique("export_dialog")).show(ctx, |ui| {
            ui.heading("Export annotations");
            let before = self.format;
            egui::Grid::new("export_grid").num_columns(2).show(ui, |ui| {
                ui.label("Format");
                egui::ComboBox::from_id_salt("export_format")
                    .selected_text(self.format.info().title)
                    .show_ui(ui, |ui| {
                        for f in ExportFormat::all() {
                            ui.selectable_value(&mut self.format, f, f.info().title);
                        }
                    });
                ui.end_row();
                ui.label(if self.format.info().folder {
                    "Folder"
                } else {
                    "File"
                });
                ui.add(
                    egui::TextEdit::singleline(&mut self.out)
                        .desired_width(380.0)
                        .id_salt("export_out"),
                );
                ui.end_row();
            });
            if self.format != before {
                self.suggest(project_path, name);
            }
            ui.horizontal(|ui| {
                if ui.button("Export").clicked() && !self.out.trim().is_empty() {
                    out = Some(DialogOutcome::Run((self.format, PathBuf::from(self.out.trim()))));
                }
                if ui.button("Cancel").clicked() {
                    out = Some(DialogOutcome::Cancel);
                }
            });
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_job_wakes_the_window_that_showed_it() {
        let (release, wait) = channel::<()>();
        let (rx, waker) = spawn(move || {
            let _ = wait.recv();
            JobResult::Exported(Err(FormatError::Io {
                path: "x".into(),
                action: "write",
                source: std::io::Error::other("test"),
            }))
        });
        let ctx = egui::Context::default();
        let (woken_tx, woken) = channel::<std::time::Duration>();
        let woken_tx = std::sync::Mutex::new(woken_tx);
        ctx.set_request_repaint_callback(move |info| {
            let _ = woken_tx.lock().expect("lock").send(info.delay);
        });
        *waker.lock().expect("lock") = Some(ctx.clone());
        assert!(woken.try_recv().is_err(), "nothing asked before the job ends");
        release.send(()).expect("the job waits");
        assert!(matches!(
            rx.recv().expect("a result"),
            JobResult::Exported(Err(_))
        ));
        let delay = woken
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("a repaint asked for");
        assert_eq!(delay, std::time::Duration::ZERO, "at once");
    }
}
