//! The thread that writes recovery files. The window hands it a copy of the
//! project and the time the write falls due whenever the project changes;
//! the thread writes at that time on its own clock. egui runs no frames for
//! a hidden or covered window, so a write that waited for a frame (even one
//! asked for with `request_repaint_after`) would wait until the window is
//! raised again. Writes and discards go through this one thread in order,
//! so a discard can never be overtaken by a write that was already running.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::format::{FormatError, RecoveryKey, RecoveryStore};
use crate::model::Project;

/// A copy of the project to write under `key` once `due` has come.
struct Job {
    key: RecoveryKey,
    project: Box<Project>,
    path: Option<PathBuf>,
    due: Instant,
    /// The project's change count and when the copy was taken.
    changes: u64,
    taken_at: Instant,
}

enum Order {
    Write(Job),
    Discard(RecoveryKey),
}

/// The answer to one write.
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
            .spawn(move || run(&store, retry, &inbox, &outbox))
            .map_or_else(
                // No thread: the orders go nowhere, and `poll` reports nothing.
                |_| Self {
                    orders: channel().0,
                    answers: channel().1,
                },
                |_| Self { orders, answers },
            )
    }

    /// Write `project` under `key` at `due` (at once if it has passed),
    /// replacing what was waiting for the same key.
    pub fn schedule(
        &self,
        key: &RecoveryKey,
        project: &Project,
        path: Option<&Path>,
        due: Instant,
        changes: u64,
    ) {
        let job = Job {
            key: key.clone(),
            project: Box::new(project.clone()),
            path: path.map(Path::to_path_buf),
            due,
            changes,
            taken_at: Instant::now(),
        };
        let _ = self.orders.send(Order::Write(job));
    }

    /// Remove `key`'s file, after any write of it that is under way, and
    /// drop a write of it that is still waiting.
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

fn run(store: &RecoveryStore, retry: Duration, inbox: &Receiver<Order>, outbox: &Sender<Written>) {
    let mut waiting: Option<Job> = None;
    let write = |job: &Job| {
        let result = store.write(&job.key, &job.project, job.path.as_deref());
        let ok = result.is_ok();
        let _ = outbox.send(Written {
            changes: job.changes,
            taken_at: job.taken_at,
            result,
        });
        ok
    };
    loop {
        let order = match &waiting {
            Some(job) => inbox.recv_timeout(job.due.saturating_duration_since(Instant::now())),
            None => inbox.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match order {
            Ok(Order::Write(job)) => {
                // Another project's copy still waiting is written now, not dropped.
                if let Some(old) = waiting.take()
                    && old.key != job.key
                {
                    write(&old);
                }
                waiting = Some(job);
            }
            Ok(Order::Discard(key)) => {
                if waiting.as_ref().is_some_and(|j| j.key == key) {
                    waiting = None;
                }
                let _ = store.discard_key(&key);
            }
            Err(RecvTimeoutError::Timeout) => {
                if let Some(mut job) = waiting.take()
                    && !write(&job)
                {
                    job.due = Instant::now() + retry;
                    waiting = Some(job);
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                if let Some(job) = waiting.take() {
                    write(&job);
                }
                return;
            }
        }
    }
}
