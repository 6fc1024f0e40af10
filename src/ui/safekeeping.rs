//! Keeping the user's work safe while the window runs: the recovery file
//! (written 30 s after an unsaved change and when the window loses focus,
//! on a thread so that a slow disk never freezes the window),
//! the lock that warns a second instance, and the on-disk state that tells
//! whether someone else changed the file since we opened or saved it.
//! The file-level mechanisms live in `format`; this decides when to use them.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

use crate::format::{
    DiskChange, DiskState, FormatError, LockOutcome, ProjectDiff, ProjectLock, RecoveryEntry, RecoveryKey,
    RecoveryStore,
};
use crate::model::Project;

/// Someone changed the file on disk since we read or wrote it.
#[derive(Debug)]
pub struct DiskConflict {
    pub path: PathBuf,
    pub diff: Option<ProjectDiff>,
    pub now: Option<DiskState>,
}

#[derive(Default)]
pub struct Safekeeping {
    store: Option<RecoveryStore>,
    key: Option<RecoveryKey>,
    clock: crate::format::AutosaveClock,
    seen_changes: u64,
    /// The file as we last read or wrote it.
    disk: Option<DiskState>,
    lock: Option<ProjectLock>,
    /// Recovery files found at start-up, offered for restoring.
    pub offered: Vec<RecoveryEntry>,
    pub last_write: Option<String>,
    /// A recovery write running off the UI thread.
    writing: Option<Receiver<Result<PathBuf, FormatError>>>,
    /// The recovery file was discarded while a write ran: discard what it wrote.
    discard_after_write: bool,
}

impl Safekeeping {
    /// Writes recovery files into `store` (the real app uses the user's data folder).
    pub fn with_store(store: RecoveryStore) -> Self {
        Self {
            store: Some(store),
            ..Self::default()
        }
    }

    pub fn store(&self) -> Option<&RecoveryStore> {
        self.store.as_ref()
    }

    /// Recovery files left by instances that are no longer running.
    pub fn find_offers(&mut self) {
        if let Some(store) = &self.store {
            self.offered = store
                .list()
                .into_iter()
                .filter(|e| !e.from_running_instance())
                .collect();
        }
    }

    /// A project was opened from `path` (or made new, `None`). Returns a
    /// warning when another running instance has it open.
    pub fn opened(&mut self, path: Option<&Path>, changes: u64) -> Option<String> {
        self.lock = None;
        self.seen_changes = changes;
        self.clock = crate::format::AutosaveClock::new();
        self.key = Some(path.map_or_else(RecoveryKey::unsaved, RecoveryKey::for_path));
        self.disk = path.and_then(|p| DiskState::read(p).ok());
        let path = path?;
        match ProjectLock::acquire(path) {
            Ok(LockOutcome::Acquired(lock)) => {
                self.lock = Some(lock);
                None
            }
            Ok(LockOutcome::TakenOverStale { lock, .. }) => {
                self.lock = Some(lock);
                None
            }
            Ok(LockOutcome::HeldByOther { pid, host, since }) => Some(format!(
                "{} is already open in another Quotebench (process {pid} on {host}, since {since}). \
                 Saving here may overwrite that window's work.",
                path.display()
            )),
            Err(e) => Some(format!("Could not lock the project: {e}")),
        }
    }

    /// The project was saved to `path` (maybe a new path, after Save As).
    pub fn saved(&mut self, path: &Path, changes: u64) {
        let key = RecoveryKey::for_path(path);
        if self.key.as_ref() != Some(&key) {
            // Saved under a new name: the old recovery file and lock go.
            self.discard_recovery();
            self.lock = None;
            self.lock = ProjectLock::acquire(path).ok().and_then(LockOutcome::into_lock);
            self.key = Some(key);
        }
        self.disk = DiskState::read(path).ok();
        self.seen_changes = changes;
        self.clock.written(Instant::now());
        self.discard_recovery();
    }

    /// Before saving over `path`: has it changed on disk since we read or wrote it?
    pub fn check_disk(&self, path: &Path, in_memory: &Project) -> Option<DiskConflict> {
        let disk = self.disk.as_ref()?;
        match disk.changed_since(path) {
            Ok(None) | Err(_) => None,
            Ok(Some(change)) => {
                let diff = change.describe(path, in_memory).ok();
                let now = match change {
                    DiskChange::Modified { now } => Some(now),
                    DiskChange::Deleted => None,
                };
                Some(DiskConflict {
                    path: path.to_path_buf(),
                    diff,
                    now,
                })
            }
        }
    }

    /// Called every frame: writes the recovery file when it is due.
    /// Returns when the next write falls due, to schedule a repaint.
    pub fn tick(
        &mut self,
        project: &Project,
        path: Option<&Path>,
        dirty: bool,
        changes: u64,
        focused: bool,
    ) -> Option<Instant> {
        let now = Instant::now();
        if changes != self.seen_changes {
            self.seen_changes = changes;
            if dirty {
                self.clock.changed(now);
            } else {
                // Undone back to the saved state: nothing to recover.
                self.clock.written(now);
                self.discard_recovery();
            }
        }
        self.poll_write(now);
        let (Some(store), Some(key)) = (&self.store, &self.key) else {
            return None;
        };
        if dirty && self.writing.is_none() && self.clock.should_write(now, focused) {
            // Written on a thread from a copy: a slow disk never freezes the window.
            let (tx, rx) = channel();
            let (store, key) = (store.clone(), key.clone());
            let (project, path) = (project.clone(), path.map(Path::to_path_buf));
            std::thread::spawn(move || {
                let _ = tx.send(store.write(&key, &project, path.as_deref()));
            });
            self.writing = Some(rx);
            // Not due again until this write has answered.
            self.clock.written(now);
        }
        if self.writing.is_some() {
            return Some(now + std::time::Duration::from_millis(20));
        }
        self.clock.due_at()
    }

    /// Takes the answer of a finished background write.
    fn poll_write(&mut self, now: Instant) {
        let Some(rx) = &self.writing else { return };
        let result = match rx.try_recv() {
            Ok(r) => r,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => {
                self.writing = None;
                self.clock.write_failed(now);
                return;
            }
        };
        self.writing = None;
        if std::mem::take(&mut self.discard_after_write) {
            self.discard_recovery();
            return;
        }
        match result {
            Ok(p) => self.last_write = Some(p.display().to_string()),
            Err(_) => self.clock.write_failed(now),
        }
    }

    /// Writes the recovery file now (after restoring one, say).
    pub fn write_now(&mut self, project: &Project, path: Option<&Path>) -> bool {
        let (Some(store), Some(key)) = (&self.store, &self.key) else {
            return false;
        };
        let ok = store.write(key, project, path).is_ok();
        if ok {
            self.clock.written(Instant::now());
        }
        ok
    }

    /// The user discarded the changes or saved them: the recovery file goes.
    pub fn discard_recovery(&mut self) {
        if self.writing.is_some() {
            self.discard_after_write = true;
        }
        if let (Some(store), Some(key)) = (&self.store, &self.key) {
            let _ = store.discard_key(key);
        }
    }
}
