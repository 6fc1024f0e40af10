//! Saving off the UI thread: the project is copied and written (atomically,
//! by `format::save_project`) on a thread, so a slow or hanging disk never
//! freezes the window. The app polls the result once a frame and only then
//! marks the project saved or shows the error.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::format::{FormatError, save_project};
use crate::model::Project;

/// A save in progress.
pub struct SaveJob {
    /// Where it is written.
    pub path: PathBuf,
    /// The history's change count when the copy was taken: the state on disk
    /// once the save succeeds.
    pub changes: u64,
    rx: Receiver<Result<(), FormatError>>,
}

impl SaveJob {
    /// Starts writing `project` to `path`.
    pub fn start(project: Project, path: PathBuf, changes: u64) -> Self {
        let (tx, rx) = channel();
        let target = path.clone();
        std::thread::spawn(move || {
            let _ = tx.send(save_project(&project, &target));
        });
        Self { path, changes, rx }
    }

    /// The result, once the write has finished.
    pub fn poll(&self) -> Option<Result<(), FormatError>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(FormatError::Io {
                path: self.path.display().to_string(),
                action: "write",
                source: std::io::Error::other("the saving thread stopped"),
            })),
        }
    }
}
