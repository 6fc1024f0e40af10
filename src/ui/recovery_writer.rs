//! The thread that keeps the recovery journal. The window hands it what
//! changed (a [`JournalDelta`]: the documents a frame's edits touched,
//! copied on the window's thread) and the time it falls due (at once; after
//! a failed append, the retry time) whenever the project changes; the thread
//! appends then, with its fsync, on its own clock, so the window never waits
//! for the disk and needs no further frame (egui runs none for a hidden or
//! covered window). Appends and discards go through this one thread in order,
//! so a discard can never be overtaken by an append that was already
//! running. A journal costs what the edits touched: no copy or rewrite of
//! the whole project (issue 16).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::format::{FormatError, JournalBase, JournalDelta, JournalWriter, RecoveryKey, RecoveryStore};

/// What changed, to append under `key` once `due` has come.
struct Job {
    key: RecoveryKey,
    base: JournalBase,
    delta: JournalDelta,
    due: Instant,
    /// The project's change count and when the copy was taken.
    changes: u64,
    taken_at: Instant,
}

enum Order {
    Append(Box<Job>),
    Discard(RecoveryKey),
}

/// The answer to one write (all the records that were due).
pub struct Written {
    pub changes: u64,
    pub taken_at: Instant,
    pub result: Result<PathBuf, FormatError>,
}

/// The window's side of the writer thread. Dropping it ends the thread,
/// after a last write of what is still waiting (nothing is thrown away).
pub struct RecoveryWriter {
    orders: Sender<Order>,
    answers: Receiver<Written>,
}

impl RecoveryWriter {
    /// Starts the thread; a failed write is tried again after `retry`.
    pub fn start(store: RecoveryStore, retry: Duration) -> Self {
        let (orders, inbox) = channel();
        let (outbox, answers) = channel();
        std::thread::Builder::new()
            .name("quotebench-recovery".into())
            .spawn(move || Thread::new(store, outbox).run(retry, &inbox))
            .map_or_else(
                // No thread: the orders go nowhere, and `poll` reports nothing.
                |_| Self {
                    orders: channel().0,
                    answers: channel().1,
                },
                |_| Self { orders, answers },
            )
    }

    /// Append `delta` to `key`'s journal (started over `base` if it is not
    /// yet) at `due` (at once if it has passed). Deltas waiting for the same
    /// key are all appended, in order; the latest due time counts.
    pub fn schedule(
        &self,
        key: &RecoveryKey,
        base: JournalBase,
        delta: JournalDelta,
        due: Instant,
        changes: u64,
    ) {
        let job = Job {
            key: key.clone(),
            base,
            delta,
            due,
            changes,
            taken_at: Instant::now(),
        };
        let _ = self.orders.send(Order::Append(Box::new(job)));
    }

    /// Remove `key`'s journal and recovery file, after any append to it
    /// that is under way, and drop what is waiting for it.
    pub fn discard(&self, key: &RecoveryKey) {
        let _ = self.orders.send(Order::Discard(key.clone()));
    }

    /// The answers of the writes finished since the last call.
    pub fn poll(&self) -> Vec<Written> {
        let mut out = Vec::new();
        loop {
            match self.answers.try_recv() {
                Ok(w) => out.push(w),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return out,
            }
        }
    }
}

/// Deltas waiting for one key.
struct Waiting {
    key: RecoveryKey,
    base: JournalBase,
    deltas: Vec<JournalDelta>,
    due: Instant,
    changes: u64,
    taken_at: Instant,
}

struct Thread {
    store: RecoveryStore,
    outbox: Sender<Written>,
    /// The journals open for appending, by key.
    open: HashMap<RecoveryKey, JournalWriter>,
}

impl Thread {
    fn new(store: RecoveryStore, outbox: Sender<Written>) -> Self {
        Thread {
            store,
            outbox,
            open: HashMap::new(),
        }
    }

    /// Appends what is waiting; on failure it stays waiting (the journal is
    /// cut back to its last whole record, so a retry appends cleanly).
    fn write(&mut self, w: &mut Waiting) -> bool {
        let result = self.append_all(w);
        let ok = result.is_ok();
        let _ = self.outbox.send(Written {
            changes: w.changes,
            taken_at: w.taken_at,
            result,
        });
        ok
    }

    fn append_all(&mut self, w: &mut Waiting) -> Result<PathBuf, FormatError> {
        let path = self.store.journal_path_for(&w.key);
        // Over another version of the file (saved, reloaded): a new journal.
        if self.open.get(&w.key).is_some_and(|j| j.base() != &w.base) {
            self.open.remove(&w.key);
        }
        if !self.open.contains_key(&w.key) {
            let journal = JournalWriter::create(&path, &w.base)?;
            self.open.insert(w.key.clone(), journal);
        }
        let Some(journal) = self.open.get_mut(&w.key) else {
            return Err(FormatError::Damaged {
                path: path.display().to_string(),
                message: "the journal is not open".into(),
            });
        };
        // Deltas that queued up while the last append ran: one write, one fsync.
        journal.append_all(&w.deltas)?;
        w.deltas.clear();
        // The journal holds everything since the saved file: a full copy
        // written for this key before (after a restore) can go.
        let _ = self.store.discard_copy(&w.key);
        Ok(path)
    }

    fn run(mut self, retry: Duration, inbox: &Receiver<Order>) {
        let mut waiting: Option<Waiting> = None;
        loop {
            let order = match &waiting {
                Some(w) => inbox.recv_timeout(w.due.saturating_duration_since(Instant::now())),
                None => inbox.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match order {
                Ok(Order::Append(job)) => match &mut waiting {
                    Some(w) if w.key == job.key => {
                        w.deltas.push(job.delta);
                        w.due = job.due;
                        w.changes = job.changes;
                        w.taken_at = job.taken_at;
                    }
                    _ => {
                        // Another project's changes still waiting are written now, not dropped.
                        if let Some(mut old) = waiting.take() {
                            self.write(&mut old);
                        }
                        waiting = Some(Waiting {
                            key: job.key,
                            base: job.base,
                            deltas: vec![job.delta],
                            due: job.due,
                            changes: job.changes,
                            taken_at: job.taken_at,
                        });
                    }
                },
                Ok(Order::Discard(key)) => {
                    if waiting.as_ref().is_some_and(|w| w.key == key) {
                        waiting = None;
                    }
                    self.open.remove(&key);
                    let _ = self.store.discard_key(&key);
                }
                Err(RecvTimeoutError::Timeout) => {
                    if let Some(mut w) = waiting.take()
                        && !self.write(&mut w)
                    {
                        w.due = Instant::now() + retry;
                        waiting = Some(w);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    if let Some(mut w) = waiting.take() {
                        self.write(&mut w);
                    }
                    return;
                }
            }
        }
    }
}
