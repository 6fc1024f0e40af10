//! Span matching between two annotators' versions of one document: exact
//! (same label, same fragments) and overlap (same label, shared characters,
//! largest overlap first), one-to-one in both cases.

use std::collections::{BTreeMap, HashMap};

use crate::model::Document;

/// One annotation as matching sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span<'a> {
    pub id: &'a str,
    /// Fragments (start, end), sorted: the key of exact matching.
    pub fragments: Vec<(usize, usize)>,
    /// The same characters as disjoint sorted ranges, for counting overlap.
    pub merged: Vec<(usize, usize)>,
}

impl<'a> Span<'a> {
    /// A span with these fragments (in any order).
    pub fn new(id: &'a str, fragments: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let mut fragments: Vec<(usize, usize)> = fragments.into_iter().collect();
        fragments.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(fragments.len());
        for &(s, e) in fragments.iter().filter(|(s, e)| e > s) {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        Span {
            id,
            fragments,
            merged,
        }
    }

    fn start(&self) -> usize {
        self.merged.first().map_or(0, |f| f.0)
    }

    fn end(&self) -> usize {
        self.merged.last().map_or(0, |f| f.1)
    }
}

/// A document's annotations grouped by label, each group in position order.
pub fn spans_by_label(doc: &Document) -> BTreeMap<&str, Vec<Span<'_>>> {
    let mut out: BTreeMap<&str, Vec<Span<'_>>> = BTreeMap::new();
    for a in doc.annotations() {
        let span = Span::new(&a.id, a.fragments.iter().map(|f| (f.start, f.end)));
        out.entry(a.label.as_str()).or_default().push(span);
    }
    for v in out.values_mut() {
        v.sort_by(|x, y| {
            (x.start(), x.end(), &x.fragments, x.id).cmp(&(y.start(), y.end(), &y.fragments, y.id))
        });
    }
    out
}

/// Exact one-to-one matching (multiset intersection of fragment lists):
/// pairs of indices into `a` and `b`.
pub fn match_exact(a: &[Span<'_>], b: &[Span<'_>]) -> Vec<(usize, usize)> {
    let mut ia: Vec<usize> = (0..a.len()).collect();
    let mut ib: Vec<usize> = (0..b.len()).collect();
    ia.sort_by(|&x, &y| a[x].fragments.cmp(&a[y].fragments).then(x.cmp(&y)));
    ib.sort_by(|&x, &y| b[x].fragments.cmp(&b[y].fragments).then(x.cmp(&y)));
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < ia.len() && j < ib.len() {
        match a[ia[i]].fragments.cmp(&b[ib[j]].fragments) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((ia[i], ib[j]));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Characters two sets of disjoint sorted ranges share.
fn shared(x: &[(usize, usize)], y: &[(usize, usize)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        let (s, e) = (x[i].0.max(y[j].0), x[i].1.min(y[j].1));
        if e > s {
            n += e - s;
        }
        if x[i].1 <= y[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    n
}

/// Overlap one-to-one matching: every pair sharing at least one character
/// is a candidate; the largest overlaps are taken first (ties by position),
/// each span at most once. `a` and `b` must be in position order (as
/// [`spans_by_label`] gives them).
pub fn match_overlap(a: &[Span<'_>], b: &[Span<'_>]) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (i, x) in a.iter().enumerate() {
        let (xs, xe) = (x.start(), x.end());
        for (j, y) in b.iter().enumerate() {
            if y.start() >= xe {
                break;
            }
            if y.end() <= xs {
                continue;
            }
            let n = shared(&x.merged, &y.merged);
            if n > 0 {
                candidates.push((n, i, j));
            }
        }
    }
    candidates.sort_by(|p, q| {
        q.0.cmp(&p.0).then_with(|| {
            (
                a[p.1].start(),
                a[p.1].end(),
                b[p.2].start(),
                b[p.2].end(),
                p.1,
                p.2,
            )
                .cmp(&(
                    a[q.1].start(),
                    a[q.1].end(),
                    b[q.2].start(),
                    b[q.2].end(),
                    q.1,
                    q.2,
                ))
        })
    });
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut out = Vec::new();
    for (_, i, j) in candidates {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            out.push((i, j));
        }
    }
    out
}

/// Matched annotation ids, A's id to B's, over every label.
pub type IdMatching<'a> = HashMap<&'a str, &'a str>;

#[cfg(test)]
mod tests {
    use super::*;

    fn span<'a>(id: &'a str, frags: &[(usize, usize)]) -> Span<'a> {
        Span::new(id, frags.iter().copied())
    }

    #[test]
    fn exact_is_a_multiset_intersection() {
        let a = vec![
            span("a1", &[(0, 5)]),
            span("a2", &[(0, 5)]),
            span("a3", &[(8, 9)]),
        ];
        let b = vec![span("b1", &[(0, 5)]), span("b2", &[(8, 10)])];
        assert_eq!(match_exact(&a, &b), vec![(0, 0)]);
    }

    #[test]
    fn discontinuous_spans_match_exactly_only_fragment_by_fragment() {
        let a = vec![span("a", &[(10, 20), (0, 5)])];
        let b = vec![span("b", &[(0, 5), (10, 20)])];
        let c = vec![span("c", &[(0, 20)])];
        assert_eq!(match_exact(&a, &b), vec![(0, 0)]);
        assert!(match_exact(&a, &c).is_empty());
        // Overlap counts shared characters fragment by fragment: 5 + 10.
        assert_eq!(shared(&a[0].merged, &c[0].merged), 15);
        // A gap in one annotation shared by nobody: no overlap.
        let d = vec![span("d", &[(5, 10)])];
        assert!(match_overlap(&a, &d).is_empty());
    }

    #[test]
    fn overlap_takes_the_largest_overlap_first() {
        // b1 overlaps a1 by 2 chars and a2 by 6; a2 is taken for b1 and a1
        // then goes to b2 (1 char), not left unmatched.
        let a = vec![span("a1", &[(0, 4)]), span("a2", &[(8, 20)])];
        let b = vec![span("b1", &[(2, 14)]), span("b2", &[(3, 4)])];
        let mut m = match_overlap(&a, &b);
        m.sort_unstable();
        assert_eq!(m, vec![(0, 1), (1, 0)]);
        // Largest first: b spanning both a's goes to the bigger share.
        let a = vec![span("a1", &[(0, 3)]), span("a2", &[(3, 10)])];
        let b = vec![span("b", &[(0, 10)])];
        assert_eq!(match_overlap(&a, &b), vec![(1, 0)]);
    }

    #[test]
    fn touching_spans_do_not_overlap() {
        let a = vec![span("a", &[(0, 5)])];
        let b = vec![span("b", &[(5, 9)])];
        assert!(match_overlap(&a, &b).is_empty());
    }
}
