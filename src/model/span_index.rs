//! Position index of a document's annotations, so the view can ask "which
//! fragments touch these chars?" in O(log n + hits) on a book with tens of
//! thousands of spans, and lists can walk annotations in reading order.

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use super::annotation::Annotation;
use super::text::CharRange;

#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    /// (start, end, id) of every fragment. An annotation's id is one
    /// shared copy for all its entries (issue 16: a project of thousands of
    /// articles is mostly ids).
    fragments: BTreeSet<(usize, usize, Arc<str>)>,
    /// (start, end, id) of every annotation's hull: reading order.
    hulls: BTreeSet<(usize, usize, Arc<str>)>,
    /// Longest fragment ever inserted: bounds how far back an overlap query looks.
    max_len: usize,
}

/// The empty id, the least of all: the bounds of a range query.
fn empty() -> Arc<str> {
    static EMPTY: OnceLock<Arc<str>> = OnceLock::new();
    EMPTY.get_or_init(|| Arc::from("")).clone()
}

impl SpanIndex {
    /// The index of `annotations`, built in bulk (full B-tree nodes, where
    /// inserting in reading order leaves them half empty).
    pub fn of(annotations: &[Annotation]) -> Self {
        let max_len = annotations
            .iter()
            .flat_map(|a| &a.fragments)
            .map(|f| f.end.saturating_sub(f.start))
            .max()
            .unwrap_or(0);
        let ids: Vec<Arc<str>> = annotations.iter().map(|a| Arc::from(a.id.as_str())).collect();
        let fragments = annotations
            .iter()
            .zip(&ids)
            .flat_map(|(a, id)| a.fragments.iter().map(|f| (f.start, f.end, id.clone())))
            .collect();
        let hulls = annotations
            .iter()
            .zip(ids)
            .map(|(a, id)| {
                let h = a.hull();
                (h.start, h.end, id)
            })
            .collect();
        SpanIndex {
            fragments,
            hulls,
            max_len,
        }
    }

    pub fn insert(&mut self, a: &Annotation) {
        let id: Arc<str> = Arc::from(a.id.as_str());
        for f in &a.fragments {
            self.max_len = self.max_len.max(f.end.saturating_sub(f.start));
            self.fragments.insert((f.start, f.end, id.clone()));
        }
        let h = a.hull();
        self.hulls.insert((h.start, h.end, id));
    }

    pub fn remove(&mut self, a: &Annotation) {
        let id: Arc<str> = Arc::from(a.id.as_str());
        for f in &a.fragments {
            self.fragments.remove(&(f.start, f.end, id.clone()));
        }
        let h = a.hull();
        self.hulls.remove(&(h.start, h.end, id));
    }

    /// Fragments overlapping `range` (or touching an empty range's offset),
    /// as (fragment range, annotation id), in order of start.
    pub fn fragments_in(&self, range: CharRange) -> impl Iterator<Item = (CharRange, &str)> {
        let from = range.start.saturating_sub(self.max_len);
        self.fragments
            .range((from, 0, empty())..(range.end.max(range.start + 1), 0, empty()))
            .filter(move |(s, e, _)| *e > range.start || (*s == *e && *s == range.start))
            .map(|(s, e, id)| (CharRange { start: *s, end: *e }, &**id))
    }

    /// Annotation ids in reading order.
    pub fn in_order(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.hulls.iter().map(|(_, _, id)| &**id)
    }

    pub fn len(&self) -> usize {
        self.hulls.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hulls.is_empty()
    }
}
