//! File dialogs without freezing the UI: native (rfd, on a thread) where a
//! backend exists, else an in-app path field. Also the unsaved-changes guard.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

/// Why a file dialog was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    NewFromText,
    SaveAs,
    /// A folder (or file) to import.
    ImportSource,
    /// A colleague's project file to compare with.
    CompareSource,
}

impl Purpose {
    pub fn title(self) -> &'static str {
        match self {
            Purpose::Open => "Open a project or text file",
            Purpose::NewFromText => "New project from a text file",
            Purpose::SaveAs => "Save project as",
            Purpose::ImportSource => "Choose a folder to import",
            Purpose::CompareSource => "Choose a colleague's project file",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Native,
    InApp,
}

impl Backend {
    /// rfd needs the XDG portal (over D-Bus) or zenity; without either its
    /// dialogs silently return nothing, so we use the in-app field instead.
    pub fn detect() -> Self {
        let dbus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
        let zenity = std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("zenity").is_file()));
        if dbus || zenity || cfg!(any(target_os = "windows", target_os = "macos")) {
            Backend::Native
        } else {
            Backend::InApp
        }
    }
}

pub struct PathPrompt {
    pub purpose: Purpose,
    pub path: String,
    pub focus: bool,
}

#[derive(Default)]
pub struct Dialogs {
    pub backend: Option<Backend>,
    pending: Option<(Purpose, Receiver<Option<PathBuf>>)>,
    pub prompt: Option<PathPrompt>,
}

impl Dialogs {
    pub fn is_busy(&self) -> bool {
        self.pending.is_some() || self.prompt.is_some()
    }

    pub fn request(&mut self, purpose: Purpose, start_dir: Option<PathBuf>, suggested: &str) {
        if self.is_busy() {
            return;
        }
        match *self.backend.get_or_insert_with(Backend::detect) {
            Backend::Native => {
                let (tx, rx) = channel();
                let suggested = suggested.to_string();
                std::thread::spawn(move || {
                    let mut d = rfd::FileDialog::new().set_title(purpose.title());
                    if let Some(dir) = start_dir {
                        d = d.set_directory(dir);
                    }
                    let picked = match purpose {
                        Purpose::Open => d
                            .add_filter("Quotebench project or text", &["ron", "txt", "md"])
                            .add_filter("All files", &["*"])
                            .pick_file(),
                        Purpose::NewFromText => d
                            .add_filter("Text", &["txt", "md"])
                            .add_filter("All files", &["*"])
                            .pick_file(),
                        Purpose::ImportSource => d.pick_folder(),
                        Purpose::CompareSource => d
                            .add_filter("Quotebench project", &["ron"])
                            .add_filter("All files", &["*"])
                            .pick_file(),
                        Purpose::SaveAs => d
                            .add_filter("Quotebench project", &["ron"])
                            .set_file_name(suggested)
                            .save_file(),
                    };
                    let _ = tx.send(picked);
                });
                self.pending = Some((purpose, rx));
            }
            Backend::InApp => {
                let path = match purpose {
                    Purpose::SaveAs => start_dir
                        .unwrap_or_default()
                        .join(suggested)
                        .display()
                        .to_string(),
                    _ => start_dir.map(|d| format!("{}/", d.display())).unwrap_or_default(),
                };
                self.prompt = Some(PathPrompt {
                    purpose,
                    path,
                    focus: true,
                });
            }
        }
    }

    /// A finished native dialog: (purpose, picked path or None if cancelled).
    pub fn poll(&mut self) -> Option<(Purpose, Option<PathBuf>)> {
        let (purpose, rx) = self.pending.as_ref()?;
        let purpose = *purpose;
        match rx.try_recv() {
            Ok(p) => {
                self.pending = None;
                Some((purpose, p))
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.pending = None;
                Some((purpose, None))
            }
        }
    }

    /// The in-app path field; returns the chosen path (or None if cancelled) when done.
    pub fn prompt_ui(&mut self, ctx: &egui::Context) -> Option<(Purpose, Option<PathBuf>)> {
        let prompt = self.prompt.as_mut()?;
        let mut result = None;
        egui::Modal::new(egui::Id::unique("path_prompt")).show(ctx, |ui| {
            ui.heading(prompt.purpose.title());
            ui.label("No system file dialog is available here: type the file's path.");
            let r = ui.add(
                egui::TextEdit::singleline(&mut prompt.path)
                    .desired_width(420.0)
                    .id_salt("path_field"),
            );
            if std::mem::take(&mut prompt.focus) {
                r.request_focus();
            }
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.button("OK").clicked() || enter {
                    let p = prompt.path.trim();
                    result = Some((prompt.purpose, (!p.is_empty()).then(|| PathBuf::from(p))));
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    result = Some((prompt.purpose, None));
                }
            });
        });
        if result.is_some() {
            self.prompt = None;
        }
        result
    }
}
