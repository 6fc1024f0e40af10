//! When to append to the recovery journal: at once after every change (the
//! window hands over the edits of one frame as one record at the end of that
//! frame), so a crash loses at most the edit being appended (issue 16). The
//! record costs what the edit touched (`format/journal.rs`), so there is no
//! reason to wait. After a failed append, not again before a delay (a full
//! disk is not hammered every frame). Pure (every call takes `now`), so it
//! is tested without sleeping; the window hands its answer to the recovery
//! writer thread (`ui/recovery_writer.rs`), which appends at the due time
//! whether or not the window still runs frames.

use std::time::{Duration, Instant};

/// When to append to the journal. Feed it the changes and writes; ask it
/// every frame (cheap). Holds no clock of its own: every call takes `now`,
/// so it is tested without sleeping.
#[derive(Clone, Debug)]
pub struct AutosaveClock {
    /// After a failed append: how long until the next try.
    retry: Duration,
    /// The first change not yet in the journal or a save.
    first_unsaved: Option<Instant>,
    last_change: Option<Instant>,
    /// After a failed write: not again before this.
    retry_at: Option<Instant>,
}

impl Default for AutosaveClock {
    fn default() -> Self {
        Self::new()
    }
}

impl AutosaveClock {
    /// How long after a failed append the next one is tried.
    pub const RETRY: Duration = Duration::from_secs(30);

    pub fn new() -> Self {
        Self::with_retry(Self::RETRY)
    }

    pub fn with_retry(retry: Duration) -> Self {
        AutosaveClock {
            retry,
            first_unsaved: None,
            last_change: None,
            retry_at: None,
        }
    }

    /// How long after a failed append the next one is tried.
    pub fn retry(&self) -> Duration {
        self.retry
    }

    /// The project changed (an edit, undo or redo).
    pub fn changed(&mut self, now: Instant) {
        self.first_unsaved.get_or_insert(now);
        self.last_change = Some(now);
    }

    /// The journal was appended to, or the project saved, from a snapshot
    /// taken at `snapshot_at` (pass the time the changes were copied; for a
    /// write on the UI thread, simply now). Changes made after that instant
    /// stay unsaved.
    pub fn written(&mut self, snapshot_at: Instant) {
        self.retry_at = None;
        match self.last_change {
            Some(last) if last > snapshot_at => {
                // Some change came after the snapshot: still due.
                self.first_unsaved = Some(snapshot_at);
            }
            _ => self.first_unsaved = None,
        }
    }

    /// A write failed: stay dirty, and try again after the retry delay
    /// rather than every frame.
    pub fn write_failed(&mut self, now: Instant) {
        self.retry_at = Some(now + self.retry);
    }

    /// There are changes not yet in the journal or a save.
    pub fn is_dirty(&self) -> bool {
        self.first_unsaved.is_some()
    }

    /// When the next append falls due: at the first unsaved change (that
    /// is, at once), or at the retry time after a failure; `None` when
    /// there is nothing to write.
    pub fn due_at(&self) -> Option<Instant> {
        let first = self.first_unsaved?;
        Some(self.retry_at.map_or(first, |r| r.max(first)))
    }

    /// Whether to append now: dirty, and not waiting to retry a failure.
    pub fn should_write(&self, now: Instant) -> bool {
        self.due_at().is_some_and(|due| now >= due)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn clean_clock_never_writes() {
        let t0 = Instant::now();
        let c = AutosaveClock::new();
        assert!(!c.is_dirty());
        assert!(!c.should_write(t0 + secs(3600)));
        assert_eq!(c.due_at(), None);
    }

    #[test]
    fn writes_at_once_after_every_change() {
        let t0 = Instant::now();
        let mut c = AutosaveClock::new();
        c.changed(t0);
        assert_eq!(c.due_at(), Some(t0));
        assert!(c.should_write(t0));
        c.written(t0);
        assert!(!c.is_dirty());
        assert!(!c.should_write(t0 + secs(100)));
        // The next change is due at once too.
        c.changed(t0 + secs(100));
        assert!(c.should_write(t0 + secs(100)));
        assert_eq!(c.due_at(), Some(t0 + secs(100)));
    }

    #[test]
    fn a_change_during_a_background_write_stays_unsaved() {
        let t0 = Instant::now();
        let mut c = AutosaveClock::new();
        c.changed(t0);
        let snapshot = t0 + secs(1);
        c.changed(t0 + secs(2)); // while the copy is being written
        c.written(snapshot);
        assert!(c.is_dirty());
        assert!(c.should_write(t0 + secs(2)));
    }

    #[test]
    fn a_failed_write_is_retried_after_the_delay_not_every_frame() {
        let t0 = Instant::now();
        let mut c = AutosaveClock::new();
        c.changed(t0);
        c.write_failed(t0);
        assert!(c.is_dirty());
        assert!(!c.should_write(t0 + secs(1)));
        c.changed(t0 + secs(5)); // a change does not hurry the retry
        assert!(!c.should_write(t0 + secs(5)));
        assert!(c.should_write(t0 + secs(30)));
        assert_eq!(c.due_at(), Some(t0 + secs(30)));
        c.written(t0 + secs(30));
        assert!(!c.is_dirty());
        assert_eq!(c.due_at(), None);
    }
}
