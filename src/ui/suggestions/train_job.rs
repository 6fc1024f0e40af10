//! Training the suggestion model on a thread: the window hands it copies of
//! the documents with tagged quotes and goes on drawing; the thread reports
//! its progress, then the model, written beside the project file when
//! there is one (`news.qb.ron` -> `news.suggest-model.json`).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::bridge;
use crate::format::{FormatError, save_model};
use crate::model::Document;
use crate::suggest::learn::Model;

/// What a finished training gives.
pub struct Trained {
    pub model: Model,
    /// How many documents it learned from.
    pub documents: usize,
    /// Where it was written, or why not (None: the project has no file yet).
    pub saved: Option<Result<PathBuf, FormatError>>,
}

/// A training in the background.
pub struct TrainJob {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    answer: Receiver<Trained>,
}

impl TrainJob {
    /// Trains on `examples`, then writes the model to `save_to` if given.
    pub fn start(examples: Vec<Document>, save_to: Option<PathBuf>) -> Self {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(1));
        let (tx, answer) = channel();
        let (d, t) = (done.clone(), total.clone());
        let _ = std::thread::Builder::new()
            .name("quotebench-train".into())
            .spawn(move || {
                let refs: Vec<&Document> = examples.iter().collect();
                let model = bridge::train(&refs, &|n, all| {
                    d.store(n, Ordering::Relaxed);
                    t.store(all.max(1), Ordering::Relaxed);
                });
                let saved = save_to.map(|p| save_model(&p, &model).map(|()| p));
                let _ = tx.send(Trained {
                    model,
                    documents: examples.len(),
                    saved,
                });
            });
        Self { done, total, answer }
    }

    /// (done, total) steps so far.
    pub fn progress(&self) -> (usize, usize) {
        let total = self.total.load(Ordering::Relaxed).max(1);
        (self.done.load(Ordering::Relaxed).min(total), total)
    }

    /// The result once training has finished; `Some(None)`: the thread stopped without one.
    pub fn poll(&self) -> Option<Option<Trained>> {
        match self.answer.try_recv() {
            Ok(t) => Some(Some(t)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}
