//! Running a search without stalling the window: small texts are searched
//! at once (well under a millisecond), large ones on a thread of their own
//! whose answer is picked up by a later frame. Each keystroke starts a new
//! search; an answer for an older query is dropped when it arrives.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::model::{CharRange, Project};
use crate::search::{Finder, Query, SearchError, find_all, find_all_texts, find_in};

/// Texts up to this many bytes in all are searched on the UI thread.
const SEARCH_HERE_BYTES: usize = 256 * 1024;

/// Where to search.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The document shown.
    #[default]
    Document,
    /// Every document of the project.
    All,
}

/// What a search found: the matches of each document that has some.
#[derive(Clone, Debug, Default)]
pub struct Results {
    /// (document index, its matches in text order), by document.
    pub hits: Vec<(usize, Vec<CharRange>)>,
    pub capped: bool,
    pub limit: usize,
    /// The pattern only matched empty text (`\b`, `x*` on no x).
    pub empty_only: bool,
    /// The query could not run (a bad regex): said in the bar.
    pub error: Option<String>,
}

impl Results {
    pub fn total(&self) -> usize {
        self.hits.iter().map(|(_, m)| m.len()).sum()
    }

    /// The matches of document `doc` (empty when it has none).
    pub fn of(&self, doc: usize) -> &[CharRange] {
        self.hits
            .iter()
            .find(|(d, _)| *d == doc)
            .map_or(&[], |(_, m)| m.as_slice())
    }

    fn failed(e: &SearchError) -> Self {
        Self {
            error: Some(e.short()),
            ..Self::default()
        }
    }
}

/// What a set of results answers: the query, where, and which texts (by
/// address and length: a document added, removed or reopened changes it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchKey {
    pub query: Query,
    pub scope: Scope,
    pub doc: usize,
    pub texts: Vec<(usize, usize)>,
}

impl SearchKey {
    pub fn new(query: Query, scope: Scope, project: &Project, doc: usize) -> Self {
        let fingerprint = |i: usize| {
            project
                .documents
                .get(i)
                .map(|d| (d.text().as_ptr() as usize, d.text().len()))
        };
        let texts = match scope {
            Scope::Document => fingerprint(doc).into_iter().collect(),
            Scope::All => (0..project.documents.len()).filter_map(fingerprint).collect(),
        };
        Self {
            query,
            scope,
            // The document shown only matters when only it is searched.
            doc: if scope == Scope::Document { doc } else { 0 },
            texts,
        }
    }
}

/// A search on its thread.
pub struct Running {
    pub key: SearchKey,
    answer: Receiver<Results>,
}

impl Running {
    /// The results once the thread is done (`None` while it runs).
    pub fn poll(&self) -> Option<Results> {
        match self.answer.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            // The thread died (it cannot panic on user input, but should
            // it): say so rather than wait forever.
            Err(TryRecvError::Disconnected) => Some(Results {
                error: Some("The search stopped unexpectedly.".into()),
                ..Results::default()
            }),
        }
    }
}

/// Either the results now, or a search running for them.
pub enum Started {
    Done(Results),
    Running(Running),
}

fn collect(hits: Vec<crate::search::DocumentHits>, limit: usize) -> Results {
    Results {
        capped: hits.iter().any(|h| h.found.capped),
        empty_only: false,
        limit,
        hits: hits.into_iter().map(|h| (h.doc, h.found.matches)).collect(),
        error: None,
    }
}

/// Searches one text (`doc` of the project) with `finder`.
fn search_one(doc: usize, text: &str, finder: &Finder) -> Results {
    let found = find_in(text, finder);
    Results {
        capped: found.capped,
        empty_only: found.matches.is_empty() && found.empty_skipped > 0,
        limit: finder.limit(),
        hits: if found.matches.is_empty() {
            Vec::new()
        } else {
            vec![(doc, found.matches)]
        },
        error: None,
    }
}

/// Starts the search `key` asks for in `project`; a search on its thread
/// wakes `waker` (the window) when it is done, so the results are painted
/// by the very next frame.
pub fn start(key: SearchKey, project: &Project, waker: Option<egui::Context>) -> Started {
    if key.query.pattern.is_empty() {
        return Started::Done(Results::default());
    }
    let finder = match key.query.compile() {
        Ok(f) => f,
        Err(e) => return Started::Done(Results::failed(&e)),
    };
    let bytes: usize = key.texts.iter().map(|(_, len)| len).sum();
    let (tx, rx) = channel();
    match key.scope {
        Scope::Document => {
            let Some(d) = project.documents.get(key.doc) else {
                return Started::Done(Results::default());
            };
            if bytes <= SEARCH_HERE_BYTES {
                return Started::Done(search_one(key.doc, d.text(), &finder));
            }
            let (doc, text) = (key.doc, d.text().to_string());
            std::thread::spawn(move || {
                let _ = tx.send(search_one(doc, &text, &finder));
                waker.inspect(egui::Context::request_repaint);
            });
        }
        Scope::All => {
            if bytes <= SEARCH_HERE_BYTES {
                let limit = finder.limit();
                return Started::Done(collect(find_all(project, &finder), limit));
            }
            // The thread gets its own copy of the texts (the project keeps changing).
            let texts: Vec<String> = project.documents.iter().map(|d| d.text().to_string()).collect();
            std::thread::spawn(move || {
                let limit = finder.limit();
                let _ = tx.send(collect(find_all_texts(&texts, &finder), limit));
                waker.inspect(egui::Context::request_repaint);
            });
        }
    }
    Started::Running(Running { key, answer: rx })
}
