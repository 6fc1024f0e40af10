//! The engine on threads (one per core): the window hands them copies of
//! the documents' texts and goes on drawing; each document's suggestions
//! come back as soon as they are made, and are counted. The window applies each answer to
//! the document as it is when the answer arrives (found by id, checked
//! against the text), and shows the count in a progress bar with a Cancel
//! button. Dropping the job (another project opened) stops the thread
//! after the document it is on.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use super::bridge;
use crate::suggest::learn::Model;
use crate::suggest::{Context, Suggestion};

/// One document to run the engine on.
pub struct DocText {
    pub id: String,
    pub title: String,
    pub text: String,
}

/// What came back for one document.
pub struct Answer {
    pub id: String,
    pub title: String,
    /// A hash of the text the engine read (to check the document still has it).
    pub text_hash: u64,
    /// The suggestions, or why there are none (the engine stopped on this text).
    pub result: Result<Vec<Suggestion>, String>,
}

/// A run of the engine in the background.
pub struct SuggestJob {
    pub total: usize,
    done: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    answers: Receiver<Answer>,
    finished: bool,
}

impl SuggestJob {
    /// Starts the engine on `docs`, with the trained `model` if there is one.
    pub fn start(docs: Vec<DocText>, ctx: Context, model: Option<Arc<Model>>) -> Self {
        let total = docs.len();
        let done = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, answers) = channel();
        let (d, c) = (done.clone(), cancel.clone());
        let spawned = std::thread::Builder::new()
            .name("quotebench-suggest".into())
            .spawn(move || run(&docs, &ctx, model.as_deref(), &d, &c, &tx));
        Self {
            total,
            done,
            cancel,
            answers,
            // No thread: nothing will come.
            finished: spawned.is_err(),
        }
    }

    /// Documents done so far.
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed).min(self.total)
    }

    /// Stops after the current document.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The answers that came since the last call, and whether the job is
    /// over (every answer taken).
    pub fn poll(&mut self) -> (Vec<Answer>, bool) {
        let mut out = Vec::new();
        while !self.finished {
            match self.answers.try_recv() {
                Ok(a) => out.push(a),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => self.finished = true,
            }
        }
        (out, self.finished)
    }
}

impl Drop for SuggestJob {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// Runs the engine on `docs` on every core: each worker takes the next
/// document not taken yet, so the answers come back roughly in order.
fn run(
    docs: &[DocText],
    ctx: &Context,
    model: Option<&Model>,
    done: &AtomicUsize,
    cancel: &AtomicBool,
    tx: &Sender<Answer>,
) {
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(docs.len())
        .max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(doc) = docs.get(i) else { break };
                    if cancel.load(Ordering::Relaxed) {
                        break;
                    }
                    // A panic in the engine loses this document's
                    // suggestions, not the window or the other documents.
                    let result = std::panic::catch_unwind(|| bridge::suggest(&doc.text, ctx, model))
                        .map_err(|p| panic_text(p.as_ref()));
                    done.fetch_add(1, Ordering::Relaxed);
                    let answer = Answer {
                        id: doc.id.clone(),
                        title: doc.title.clone(),
                        text_hash: text_hash(&doc.text),
                        result,
                    };
                    if tx.send(answer).is_err() {
                        break;
                    }
                }
            });
        }
    });
}

/// A hash of a document's text, the same in the window and on the threads.
pub fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "the engine stopped".into())
}
