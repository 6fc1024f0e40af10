//! When to write a recovery file: 30 s after the first unsaved change, or
//! at once when the window loses focus. Pure (every call takes `now`), so
//! it is tested without sleeping; the window hands its answer to the
//! recovery writer thread (`ui/safekeeping.rs`), which writes at the due
//! time whether or not the window still runs frames.

use std::time::{Duration, Instant};

/// When to write a recovery file. Feed it the changes and writes; ask it
/// every frame (cheap). Holds no clock of its own: every call takes `now`,
/// so it is tested without sleeping.
#[derive(Clone, Debug)]
pub struct AutosaveClock {
    delay: Duration,
    /// The first change not yet in a recovery file or a save.
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
    pub const DELAY: Duration = Duration::from_secs(30);

    pub fn new() -> Self {
        Self::with_delay(Self::DELAY)
    }

    pub fn with_delay(delay: Duration) -> Self {
        AutosaveClock {
            delay,
            first_unsaved: None,
            last_change: None,
            retry_at: None,
        }
    }

    /// How long after the first unsaved change a write falls due.
    pub fn delay(&self) -> Duration {
        self.delay
    }

    /// The project changed (an edit, undo or redo).
    pub fn changed(&mut self, now: Instant) {
        self.first_unsaved.get_or_insert(now);
        self.last_change = Some(now);
    }

    /// A recovery file was written, or the project saved, from a snapshot
    /// taken at `snapshot_at` (pass the time the project was copied or
    /// serialised; for a write on the UI thread, simply now). Changes made
    /// after that instant stay unsaved.
    pub fn written(&mut self, snapshot_at: Instant) {
        self.retry_at = None;
        match self.last_change {
            Some(last) if last > snapshot_at => {
                // Some change came after the snapshot; count from the
                // snapshot (a little early rather than late).
                self.first_unsaved = Some(snapshot_at);
            }
            _ => self.first_unsaved = None,
        }
    }

    /// A write failed: stay dirty, and try again after the delay rather
    /// than every frame.
    pub fn write_failed(&mut self, now: Instant) {
        self.retry_at = Some(now + self.delay);
    }

    /// There are changes not yet in a recovery file or a save.
    pub fn is_dirty(&self) -> bool {
        self.first_unsaved.is_some()
    }

    /// When a write falls due while the window keeps focus (for scheduling
    /// a repaint); `None` when there is nothing to write.
    pub fn due_at(&self) -> Option<Instant> {
        let first = self.first_unsaved?;
        let due = first + self.delay;
        Some(self.retry_at.map_or(due, |r| r.max(due)))
    }

    /// Whether to write a recovery file now: dirty, and either the delay has
    /// passed since the first unsaved change, or the window does not have
    /// focus (the user switched away; the app may be closed or killed next).
    pub fn should_write(&self, now: Instant, focused: bool) -> bool {
        let Some(first) = self.first_unsaved else {
            return false;
        };
        if self.retry_at.is_some_and(|r| now < r) {
            return false;
        }
        !focused || now >= first + self.delay
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
        assert!(!c.should_write(t0 + secs(3600), true));
        assert!(!c.should_write(t0, false), "nothing to write on focus loss");
        assert_eq!(c.due_at(), None);
    }

    #[test]
    fn writes_thirty_seconds_after_the_first_change() {
        let t0 = Instant::now();
        let mut c = AutosaveClock::new();
        c.changed(t0);
        c.changed(t0 + secs(10)); // later changes do not postpone it
        assert!(!c.should_write(t0 + secs(29), true));
        assert!(c.should_write(t0 + secs(30), true));
        assert_eq!(c.due_at(), Some(t0 + secs(30)));
        c.written(t0 + secs(30));
        assert!(!c.is_dirty());
        assert!(!c.should_write(t0 + secs(100), true));
        // The next change starts a new 30 s.
        c.changed(t0 + secs(100));
        assert!(!c.should_write(t0 + secs(129), true));
        assert!(c.should_write(t0 + secs(130), true));
    }

    #[test]
    fn writes_at_once_on_focus_loss_when_dirty() {
        let t0 = Instant::now();
        let mut c = AutosaveClock::new();
        c.changed(t0);
        assert!(c.should_write(t0 + secs(1), false));
        c.written(t0 + secs(1));
        assert!(!c.should_write(t0 + secs(2), false));
    }

    #[test]
    fn a_change_during_a_background_write_stays_unsaved() {
        let t0 = Instant::now();
        let mut c = AutosaveClock::new();
        c.changed(t0);
        let snapshot = t0 + secs(30);
        c.changed(t0 + secs(31)); // while the copy is being written
        c.written(snapshot);
        assert!(c.is_dirty());
        assert!(c.should_write(t0 + secs(60), true));
    }

    #[test]
    fn a_failed_write_is_retried_after_the_delay_not_every_frame() {
        let t0 = Instant::now();
        let mut c = AutosaveClock::new();
        c.changed(t0);
        c.write_failed(t0 + secs(30));
        assert!(c.is_dirty());
        assert!(!c.should_write(t0 + secs(31), true));
        assert!(!c.should_write(t0 + secs(31), false));
        assert!(c.should_write(t0 + secs(60), true));
        assert_eq!(c.due_at(), Some(t0 + secs(60)));
    }
}
