//! What the window knows about suggestions: the engine's output per
//! document, the current document's pending ones (those not tagged or
//! rejected yet, recomputed when the document changes), and which one is
//! current. No egui here.

use std::collections::HashMap;

use super::bridge;
use super::job::SuggestJob;
use super::train_job::TrainJob;
use crate::model::{CharRange, Document, next_cluster, prev_cluster};
use crate::suggest::learn::Model;
use crate::suggest::{Suggestion, Target};
use crate::ui::workspace::Workspace;

/// Tells one suggestion of a document from another: its quote's hull and
/// what it proposes (a claim and a quote may cover the same words).
pub type SuggestionKey = (CharRange, Target);

/// The key of `s`.
pub fn key_of(s: &Suggestion) -> SuggestionKey {
    (s.hull(), s.target)
}

/// What the engine found in one document's text.
struct Found {
    /// The text's length in chars when the engine ran (a guard: ids are
    /// unique in a project, texts never change under them).
    char_len: usize,
    list: Vec<Suggestion>,
}

/// The suggestions of the open project (one per session).
#[derive(Default)]
pub struct Suggestions {
    found: HashMap<String, Found>,
    /// The current document's pending suggestions, in reading order.
    shown: Vec<Suggestion>,
    /// What `shown` was computed from: document index and id, its revision,
    /// and `generation`.
    shown_key: Option<(usize, String, u64, u64)>,
    /// Grows whenever `found` changes.
    generation: u64,
    current: Option<SuggestionKey>,
    /// See [`Suggestions::reach`].
    reach: usize,
    /// The engine running in the background.
    pub job: Option<SuggestJob>,
    /// The model trained on this project's tags (beside its file), used
    /// with the rules; looked for once.
    pub model: Option<std::sync::Arc<Model>>,
    pub model_looked: bool,
    /// A training running in the background.
    pub training: Option<TrainJob>,
}

impl Suggestions {
    /// Keeps what the engine found for document `doc_id` (its text `char_len` chars long).
    pub fn set_found(&mut self, doc_id: &str, char_len: usize, mut list: Vec<Suggestion>) {
        list.sort_by_key(|s| (s.hull().start, s.hull().end));
        self.found.insert(doc_id.to_string(), Found { char_len, list });
        self.generation += 1;
    }

    /// Forgets every suggestion (nothing is rejected).
    pub fn clear(&mut self) {
        self.found.clear();
        self.current = None;
        self.generation += 1;
    }

    /// How many documents have suggestions (pending or not).
    pub fn documents(&self) -> usize {
        self.found.len()
    }

    /// Recomputes the current document's pending suggestions if the document,
    /// its annotations or the engine's output changed. The current
    /// suggestion stays; once it is gone (accepted, rejected, tagged by
    /// hand) the next one in the text becomes current.
    pub fn refresh(&mut self, ws: &Workspace) {
        let Some(d) = ws.document() else {
            self.shown.clear();
            self.shown_key = None;
            self.current = None;
            return;
        };
        let key = (ws.doc, d.id.clone(), d.revision(), self.generation);
        if self.shown_key.as_ref() == Some(&key) {
            return;
        }
        let same_doc = self
            .shown_key
            .as_ref()
            .is_some_and(|(i, id, _, _)| *i == ws.doc && *id == d.id);
        self.shown_key = Some(key);
        self.shown = self.pending_in(d);
        self.reach = self.shown.iter().map(|s| extent(s).len()).max().unwrap_or(0);
        if !same_doc {
            self.current = None;
        }
        if let Some((hull, target)) = self.current
            && !self.shown.iter().any(|s| key_of(s) == (hull, target))
        {
            self.current = self
                .shown
                .iter()
                .find(|s| s.hull().start >= hull.start)
                .map(key_of);
        }
    }

    /// The pending suggestions of document `d`, in reading order.
    pub fn pending_in(&self, d: &Document) -> Vec<Suggestion> {
        match self.found.get(&d.id) {
            Some(f) if f.char_len == d.char_len() => bridge::pending(d, &f.list),
            _ => Vec::new(),
        }
    }

    /// The current document's pending suggestions (as of the last [`Self::refresh`]).
    pub fn shown(&self) -> &[Suggestion] {
        &self.shown
    }

    /// The longest stretch of text one shown suggestion covers, from its
    /// first part (quote, speaker or cue) to its last: how far before a
    /// paragraph a suggestion reaching into it can start.
    pub fn reach(&self) -> usize {
        self.reach
    }

    /// The index in [`Self::shown`] of the current suggestion.
    pub fn current_index(&self) -> Option<usize> {
        let k = self.current?;
        self.shown.iter().position(|s| key_of(s) == k)
    }

    pub fn current(&self) -> Option<&Suggestion> {
        self.current_index().map(|i| &self.shown[i])
    }

    /// Makes suggestion `i` of [`Self::shown`] current.
    pub fn set_current(&mut self, i: usize) -> Option<&Suggestion> {
        let s = self.shown.get(i)?;
        self.current = Some(key_of(s));
        Some(s)
    }

    /// Makes the suggestion with key `k` current (it may come into view only
    /// after the next refresh).
    pub fn set_current_key(&mut self, k: Option<SuggestionKey>) {
        self.current = k;
    }

    /// The key of the suggestion after the current one (None: it is the last).
    pub fn key_after_current(&self) -> Option<SuggestionKey> {
        let i = self.current_index()?;
        self.shown.get(i + 1).map(key_of)
    }

    /// Makes the next (or previous) suggestion current, going round at the
    /// ends; with none current, the first one after (or before) `caret`.
    pub fn step(&mut self, forward: bool, caret: usize) -> Option<&Suggestion> {
        let n = self.shown.len();
        if n == 0 {
            return None;
        }
        let i = match self.current_index() {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None if forward => self
                .shown
                .iter()
                .position(|s| s.hull().start >= caret)
                .unwrap_or(0),
            None => self
                .shown
                .iter()
                .rposition(|s| s.hull().start < caret)
                .unwrap_or(n - 1),
        };
        self.set_current(i)
    }

    /// The suggestion containing char `c` (its quote, speaker or cue), innermost first.
    pub fn at(&self, c: usize) -> Option<usize> {
        self.shown
            .iter()
            .enumerate()
            .filter(|(_, s)| parts(s).any(|r| r.contains(c)))
            .min_by_key(|(_, s)| s.hull().len())
            .map(|(i, _)| i)
    }

    /// Changes the current suggestion of document `d` with `f` (its
    /// boundaries, before accepting); it stays current.
    pub fn edit_current(&mut self, d: &Document, f: impl FnOnce(&mut Suggestion)) -> bool {
        let Some(k) = self.current else { return false };
        let Some(found) = self.found.get_mut(&d.id) else {
            return false;
        };
        let Some(s) = found.list.iter_mut().find(|s| key_of(s) == k) else {
            return false;
        };
        let before = s.clone();
        f(s);
        let ok =
            !s.fragments.is_empty() && s.fragments.iter().all(|r| !r.is_empty() && r.end <= d.char_len());
        if !ok {
            *s = before;
            return false;
        }
        if *s != before && !s.rule.ends_with(EDITED) {
            s.rule.push_str(EDITED);
        }
        self.current = Some(key_of(s));
        found.list.sort_by_key(|s| (s.hull().start, s.hull().end));
        self.generation += 1;
        true
    }

    /// Moves the current suggestion's start (or end) one step left or right:
    /// over a word, or over one mark of punctuation (a quote mark, a comma),
    /// never onto a space, never past the other end.
    pub fn move_end(&mut self, d: &Document, start: bool, forward: bool) -> bool {
        self.edit_current(d, |s| {
            let (Some(first), Some(last)) = (s.fragments.first().copied(), s.fragments.last().copied())
            else {
                return;
            };
            if start {
                let mut to = boundary_step(d, first.start, forward);
                if forward {
                    to = skip_space(d, to, true);
                }
                if to < first.end {
                    s.fragments[0].start = to;
                }
            } else {
                let mut to = boundary_step(d, last.end, forward);
                if !forward {
                    to = skip_space(d, to, false);
                }
                let n = s.fragments.len();
                if to > last.start {
                    s.fragments[n - 1].end = to.min(d.char_len());
                }
            }
        })
    }
}

/// The text of the cluster after (or before) `at`, and where it ends.
fn cluster(d: &Document, at: usize, forward: bool) -> (usize, bool, bool) {
    let (text, index) = (d.text(), d.text_index());
    let to = if forward {
        next_cluster(text, index, at)
    } else {
        prev_cluster(text, index, at)
    };
    let c = index.slice(text, CharRange::new(at, to));
    let word = c.chars().any(char::is_alphanumeric);
    let space = !c.is_empty() && c.chars().all(char::is_whitespace);
    (to, word, space)
}

/// From `at`, past spaces (forward or back).
fn skip_space(d: &Document, mut at: usize, forward: bool) -> usize {
    loop {
        let (to, _, space) = cluster(d, at, forward);
        if !space || to == at {
            return at;
        }
        at = to;
    }
}

/// From `at`, past spaces, then past a word or one mark.
fn boundary_step(d: &Document, at: usize, forward: bool) -> usize {
    let mut at = skip_space(d, at, forward);
    let (to, word, _) = cluster(d, at, forward);
    if !word {
        return to;
    }
    loop {
        let (to, word, _) = cluster(d, at, forward);
        if !word || to == at {
            return at;
        }
        at = to;
    }
}

/// Said in the rule of a suggestion whose boundaries the annotator changed.
const EDITED: &str = " (boundaries edited)";

/// From the start of a suggestion's first part to the end of its last.
pub fn extent(s: &Suggestion) -> CharRange {
    let start = parts(s).map(|r| r.start).min().unwrap_or(0);
    let end = parts(s).map(|r| r.end).max().unwrap_or(0);
    CharRange { start, end }
}

/// The ranges a suggestion covers: its fragments, speaker and cue.
pub fn parts(s: &Suggestion) -> impl Iterator<Item = CharRange> + '_ {
    s.fragments.iter().copied().chain(s.speaker).chain(s.cue)
}
