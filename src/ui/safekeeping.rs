//! Keeping the user's work safe while the window runs: the recovery journal
//! (the documents each change touched, one record per frame that changed
//! the project, handed over at the end of that frame and appended at once
//! by the writer thread in `recovery_writer.rs`, so a slow disk never
//! freezes the window and a crash loses at most the edit being appended;
//! one journal per window and opening, see `RecoveryKey::for_window`; its
//! cost is the edit's, not the project's, see `format/journal.rs`),
//! the lock that warns a second instance, and the on-disk state that tells
//! whether someone else changed the file since we opened or saved it.
//! The file-level mechanisms live in `format`; this decides when to use them.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::format::{
    AutosaveClock, BaseVersion, DiskChange, DiskState, DiskVersions, JournalBase, JournalTracker,
    LockOutcome, ProjectLock, RecoveryEntry, RecoveryKey, RecoveryStore,
};
use crate::model::Project;
use crate::ui::recovery_writer::RecoveryWriter;

/// Someone changed the file on disk since we read or wrote it.
#[derive(Debug)]
pub struct DiskConflict {
    pub path: PathBuf,
    pub on_disk: OnDisk,
    /// The file's state now (`None` when it is gone).
    pub now: Option<DiskState>,
}

/// What the file on disk holds now.
#[derive(Debug)]
pub enum OnDisk {
    Deleted,
    /// It could not be read as a project (the error, in words).
    Unreadable(String),
    /// Another version: what each side changed, and the merge of both.
    Changed(Box<DiskVersions>),
}

#[derive(Default)]
pub struct Safekeeping {
    store: Option<RecoveryStore>,
    /// This window's recovery file for the open project (new at each opening).
    key: Option<RecoveryKey>,
    clock: AutosaveClock,
    seen_changes: u64,
    /// The copy last handed to the writer: its change count and due time.
    scheduled: Option<(u64, Instant)>,
    /// The file as we last read or wrote it.
    disk: Option<DiskState>,
    lock: Option<ProjectLock>,
    /// Recovery files found at start-up, offered for restoring.
    pub offered: Vec<RecoveryEntry>,
    pub last_write: Option<String>,
    /// Writes recovery files at their due time, frames or not.
    writer: Option<RecoveryWriter>,
    /// The change count the journal held at its last successful append.
    journaled: Option<u64>,
    /// What the journal holds already (or the file, when it holds nothing).
    tracker: JournalTracker,
}

impl Safekeeping {
    /// Journals every change into `store` (the real app uses the user's
    /// data folder); a failed append is tried again after 30 s.
    pub fn with_store(store: RecoveryStore) -> Self {
        Self::with_store_every(store, AutosaveClock::RETRY)
    }

    /// As [`Safekeeping::with_store`], a failed append tried again after `retry`.
    pub fn with_store_every(store: RecoveryStore, retry: Duration) -> Self {
        Self {
            writer: Some(RecoveryWriter::start(store.clone(), retry)),
            store: Some(store),
            clock: AutosaveClock::with_retry(retry),
            ..Self::default()
        }
    }

    /// The project's change count (`History::change_count`) that the
    /// journal held at its last append this window has been told of;
    /// `None` before the first.
    pub fn journaled_changes(&self) -> Option<u64> {
        self.journaled
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

    /// A project was opened from `path` (or made new, `None`); `state` is
    /// the file's as it was read, when known (else it is read here). Returns
    /// a warning when another running instance has it open.
    pub fn opened(&mut self, path: Option<&Path>, changes: u64, state: Option<DiskState>) -> Option<String> {
        self.lock = None;
        // Until `track` is told the project: journal all of it.
        self.tracker.forget();
        self.seen_changes = changes;
        self.clock = AutosaveClock::with_retry(self.clock.retry());
        self.journaled = None;
        self.scheduled = None;
        // A key of its own: never over a file that is offered for restoring
        // ("Later") or that another window on this project writes.
        self.key = Some(RecoveryKey::for_window(path));
        self.disk = path.and_then(|p| state.or_else(|| DiskState::read(p).ok()));
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

    /// `project` is what the file (the one opened or saved last) holds: the
    /// journal records changes from there. Not called for a project that
    /// has no file, or whose file holds another state: the journal then
    /// starts with all of it.
    pub fn track(&mut self, project: &Project) {
        self.tracker = JournalTracker::at(project);
    }

    /// The project was saved to `path` (maybe a new path, after Save As);
    /// `written` is what the file holds, when the save knows it (else the
    /// file is read again to tell).
    pub fn saved(&mut self, path: &Path, changes: u64, written: Option<DiskState>) {
        if !self.key.as_ref().is_some_and(|k| k.is_for_path(path)) {
            // Saved under a new name: the old recovery file and lock go.
            self.discard_recovery();
            self.lock = None;
            self.lock = ProjectLock::acquire(path).ok().and_then(LockOutcome::into_lock);
            self.key = Some(RecoveryKey::for_window(Some(path)));
        }
        self.disk = written.or_else(|| DiskState::read(path).ok());
        self.seen_changes = changes;
        self.clock.written(Instant::now());
        self.discard_recovery();
        // Until `track` says the file holds what is open: journal all of it.
        self.tracker.forget();
    }

    /// Before saving over `path`: has it changed on disk since we read or
    /// wrote it? `base` is the project as we read or wrote it (what each
    /// side changed is told against it), `window` the one open now.
    pub fn check_disk(
        &self,
        path: &Path,
        base: Option<&BaseVersion>,
        window: &Project,
    ) -> Option<DiskConflict> {
        let disk = self.disk.as_ref()?;
        let change = disk.changed_since(path).ok()??;
        let (on_disk, now) = match change {
            DiskChange::Deleted => (OnDisk::Deleted, None),
            DiskChange::Modified { now } => match DiskVersions::load(path, base, window) {
                Ok(v) => (OnDisk::Changed(Box::new(v)), Some(now)),
                Err(e) => (OnDisk::Unreadable(e.to_string()), Some(now)),
            },
        };
        Some(DiskConflict {
            path: path.to_path_buf(),
            on_disk,
            now,
        })
    }

    /// The window took the file's version `now` (reload or merge): the next
    /// save compares with it.
    pub fn took_disk_version(&mut self, now: DiskState) {
        self.disk = Some(now);
        // The journal was over the old version: the next delta, all that is
        // open, starts one over this version (the old one stays until then).
        self.tracker.forget();
        self.scheduled = None;
    }

    /// Keeps `project` in a recovery file of its own, never discarded by
    /// this window (a reload is about to replace it): offered at the next
    /// start like any recovery file left behind. Returns where it is.
    pub fn set_aside(&self, project: &Project, path: Option<&Path>) -> Option<PathBuf> {
        let store = self.store.as_ref()?;
        store.write(&RecoveryKey::for_window(path), project, path).ok()
    }

    /// Called at the end of every frame, after the frame's edits: hands what
    /// they changed (the documents they touched, copied) to the writer
    /// thread, which appends it to the journal at once (the edits of one
    /// frame make one record), or after the retry delay when the last
    /// append failed. The thread writes whether or not another frame runs.
    pub fn tick(&mut self, project: &Project, path: Option<&Path>, dirty: bool, changes: u64) {
        let now = Instant::now();
        self.poll_writes(now);
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
        let (Some(writer), Some(key)) = (&self.writer, &self.key) else {
            return;
        };
        if !dirty || !self.clock.is_dirty() {
            return;
        }
        let Some(due) = self.clock.due_at() else {
            return;
        };
        // One delta per change, not per frame.
        let stale = self.scheduled.is_none_or(|(c, _)| c != changes);
        if stale {
            let base = match (path, &self.disk) {
                (Some(p), Some(d)) => JournalBase::new(Some(p), d.len, d.hash),
                (Some(p), None) => JournalBase::new(Some(p), u64::MAX, 0),
                _ => JournalBase::new(None, 0, 0),
            };
            if let Some(delta) = self.tracker.delta(project) {
                writer.schedule(key, base, delta, due, changes);
            }
            self.scheduled = Some((changes, due));
        }
    }

    /// Takes the answers of finished writes.
    fn poll_writes(&mut self, now: Instant) {
        let Some(writer) = &self.writer else { return };
        for w in writer.poll() {
            match w.result {
                Ok(p) => {
                    self.last_write = Some(p.display().to_string());
                    self.journaled = Some(w.changes);
                    self.clock.written(w.taken_at);
                }
                // The thread tries again after the delay.
                Err(_) => self.clock.write_failed(now),
            }
        }
    }

    /// Writes the recovery file now, on this thread (after restoring one, so
    /// that the restored work is safe before the restored file goes).
    pub fn write_now(&mut self, project: &Project, path: Option<&Path>) -> Option<PathBuf> {
        let (Some(store), Some(key)) = (&self.store, &self.key) else {
            return None;
        };
        let written = store.write(key, project, path).ok()?;
        self.clock.written(Instant::now());
        Some(written)
    }

    /// The user discarded the changes or saved them: the recovery file goes
    /// (after a write of it that is under way, never before).
    pub fn discard_recovery(&mut self) {
        self.scheduled = None;
        if let (Some(writer), Some(key)) = (&self.writer, &self.key) {
            writer.discard(key);
        } else if let (Some(store), Some(key)) = (&self.store, &self.key) {
            let _ = store.discard_key(key);
        }
    }
}
