//! Position index of a document's annotations, so the view can ask "which
//! fragments touch these chars?" in O(log n + hits) on a book with tens of
//! thousands of spans, and lists can walk annotations in reading order.

use std::collections::BTreeSet;

use super::annotation::Annotation;
use super::text::CharRange;

#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    /// (start, end, id) of every fragment.
    fragments: BTreeSet<(usize, usize, String)>,
    /// (start, end, id) of every annotation's hull: reading order.
    hulls: BTreeSet<(usize, usize, String)>,
    /// Longest fragment ever inserted: bounds how far back an overlap query looks.
    max_len: usize,
}

impl SpanIndex {
    pub fn insert(&mut self, a: &Annotation) {
        for f in &a.fragments {
            self.max_len = self.max_len.max(f.end.saturating_sub(f.start));
            self.fragments.insert((f.start, f.end, a.id.clone()));
        }
        let h = a.hull();
        self.hulls.insert((h.start, h.end, a.id.clone()));
    }

    pub fn remove(&mut self, a: &Annotation) {
        for f in &a.fragments {
            self.fragments.remove(&(f.start, f.end, a.id.clone()));
        }
        let h = a.hull();
        self.hulls.remove(&(h.start, h.end, a.id.clone()));
    }

    /// Fragments overlapping `range` (or touching an empty range's offset),
    /// as (fragment range, annotation id), in order of start.
    pub fn fragments_in(&self, range: CharRange) -> impl Iterator<Item = (CharRange, &str)> {
        let from = range.start.saturating_sub(self.max_len);
        self.fragments
            .range((from, 0, String::new())..(range.end.max(range.start + 1), 0, String::new()))
            .filter(move |(s, e, _)| *e > range.start || (*s == *e && *s == range.start))
            .map(|(s, e, id)| (CharRange { start: *s, end: *e }, id.as_str()))
    }

    /// Annotation ids in reading order.
    pub fn in_order(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.hulls.iter().map(|(_, _, id)| id.as_str())
    }

    pub fn len(&self) -> usize {
        self.hulls.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hulls.is_empty()
    }
}
