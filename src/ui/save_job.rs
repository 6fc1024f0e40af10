//! Saving off the UI thread: the project is copied and written (atomically,
//! by `format::save_project_kept`) on a thread, so a slow or hanging disk
//! never freezes the window. The app polls the result once a frame and only
//! then marks the project saved or shows the error. The version written
//! comes back as the base of a later comparison with the disk: the file
//! kept open (the copy is dropped on the thread), or the copy itself when
//! the file could not be opened again.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::format::{BaseVersion, FormatError, save_project_kept};
use crate::model::Project;

/// A save in progress.
pub struct SaveJob {
    /// Where it is written.
    pub path: PathBuf,
    /// The history's change count when the copy was taken: the state on disk
    /// once the save succeeds.
    pub changes: u64,
    rx: Receiver<(Result<(), FormatError>, BaseVersion)>,
}

impl SaveJob {
    /// Starts writing `project` to `path`.
    pub fn start(project: Project, path: PathBuf, changes: u64) -> Self {
        let (tx, rx) = channel();
        let target = path.clone();
        std::thread::spawn(move || {
            let (result, written) = match save_project_kept(&project, &target) {
                Ok(Some(opened)) => (Ok(()), BaseVersion::Opened(opened)),
                Ok(None) => (Ok(()), BaseVersion::Parsed(project)),
                Err(e) => (Err(e), BaseVersion::Parsed(project)),
            };
            let _ = tx.send((result, written));
        });
        Self { path, changes, rx }
    }

    /// The result, once the write has finished, with the version written
    /// (gone if the thread stopped).
    pub fn poll(&self) -> Option<(Result<(), FormatError>, Option<BaseVersion>)> {
        match self.rx.try_recv() {
            Ok((r, project)) => Some((r, Some(project))),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some((
                Err(FormatError::Io {
                    path: self.path.display().to_string(),
                    action: "write",
                    source: std::io::Error::other("the saving thread stopped"),
                }),
                None,
            )),
        }
    }
}
