//! Opening a project whose spans do not fit its text, without losing any.
//!
//! A fragment whose stored text is no longer at its offsets is looked for
//! nearby (the text was edited a little before it): found, the fragment is
//! re-anchored there and the user is told. Annotations that cannot be placed
//! (out of range, empty, their text gone) and relations whose ends are
//! missing are kept aside: not shown, not dropped, and written back to the
//! file untouched so that nothing is lost by opening and saving.

use super::annotation::{Annotation, Fragment};
use super::graphemes::is_cluster_boundary;
use super::project::Document;
use super::text::CharRange;
use super::validate::{Problem, ProblemKind};

/// How far (in chars) from its old place a fragment's text is looked for.
pub const REANCHOR_WINDOW: usize = 2_000;

/// Checks every annotation and relation of `doc`; re-anchors what can be,
/// sets aside what cannot, and returns what it did, one problem per item.
pub fn repair_document(doc: &mut Document) -> Vec<Problem> {
    let mut problems = Vec::new();
    let ids: Vec<String> = doc.annotations().map(|a| a.id.clone()).collect();
    for id in ids {
        let Some(a) = doc.annotation(&id).cloned() else {
            continue;
        };
        match check_annotation(doc, &a) {
            Fit::Good => {}
            Fit::Moved(fixed, moves) => {
                for (from, to) in moves {
                    problems.push(problem(doc, &id, ProblemKind::Reanchored { from, to }));
                }
                doc.insert_annotation(fixed);
            }
            Fit::Lost(kind) => {
                problems.push(problem(doc, &id, kind));
                if let Some(a) = doc.remove_annotation(&id) {
                    doc.set_aside.push(a);
                }
            }
        }
    }
    let missing: Vec<(String, String)> = doc
        .relations()
        .filter_map(|r| {
            [&r.from, &r.to]
                .into_iter()
                .find(|end| doc.annotation(end).is_none())
                .map(|end| (r.id.clone(), end.clone()))
        })
        .collect();
    for (rid, end) in missing {
        let kind = if doc.set_aside.iter().any(|a| a.id == end) {
            ProblemKind::EndpointSetAside(end)
        } else {
            ProblemKind::MissingEndpoint(end)
        };
        problems.push(problem(doc, &rid, kind));
        if let Some(r) = doc.remove_relation(&rid) {
            doc.set_aside_relations.push(r);
        }
    }
    for p in &mut problems {
        p.set_aside = !matches!(p.kind, ProblemKind::Reanchored { .. });
    }
    problems
}

fn problem(doc: &Document, id: &str, kind: ProblemKind) -> Problem {
    Problem {
        document: doc.id.clone(),
        id: Some(id.to_string()),
        kind,
        set_aside: false,
    }
}

enum Fit {
    Good,
    Moved(Annotation, Vec<(CharRange, CharRange)>),
    Lost(ProblemKind),
}

fn check_annotation(doc: &Document, a: &Annotation) -> Fit {
    if a.fragments.is_empty() {
        return Fit::Lost(ProblemKind::NoFragments);
    }
    let len = doc.char_len();
    let mut fixed = a.clone();
    let mut moves = Vec::new();
    for f in &mut fixed.fragments {
        let range = f.range();
        if f.start >= f.end {
            return Fit::Lost(ProblemKind::EmptyFragment { range });
        }
        if f.end <= len && doc.slice(range) == f.text {
            continue;
        }
        match find_near(doc, &f.text, f.start) {
            Some(start) => {
                let to = CharRange {
                    start,
                    end: start + f.text.chars().count(),
                };
                moves.push((range, to));
                *f = Fragment {
                    start: to.start,
                    end: to.end,
                    text: f.text.clone(),
                };
            }
            None if f.end > len => return Fit::Lost(ProblemKind::OutOfRange { range, len }),
            None => {
                let actual = doc.slice(range).to_string();
                return Fit::Lost(ProblemKind::TextMismatch {
                    range,
                    stored: f.text.clone(),
                    actual,
                });
            }
        }
    }
    fixed.normalise();
    if fixed.fragments.windows(2).any(|w| w[0].end > w[1].start) {
        return Fit::Lost(ProblemKind::OverlappingFragments);
    }
    if moves.is_empty() {
        Fit::Good
    } else {
        Fit::Moved(fixed, moves)
    }
}

/// The start (char offset) of the occurrence of `needle` nearest to `near`,
/// within [`REANCHOR_WINDOW`] chars, preferring one that starts and ends on
/// grapheme cluster boundaries ("👩" is not re-anchored into "👩‍👧").
pub fn find_near(doc: &Document, needle: &str, near: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let n = needle.chars().count();
    let from = near.saturating_sub(REANCHOR_WINDOW);
    let to = near
        .saturating_add(REANCHOR_WINDOW)
        .saturating_add(n)
        .min(doc.char_len());
    if from >= to {
        return None;
    }
    let window = doc.slice(CharRange { start: from, end: to });
    let (text, index) = (doc.text(), doc.text_index());
    let whole =
        |start: usize| is_cluster_boundary(text, index, start) && is_cluster_boundary(text, index, start + n);
    // Nearest occurrence that covers whole characters; one that cuts a
    // cluster (the needle is itself half an emoji, from an older file) only
    // when there is no other, and `validate` then reports the split.
    let mut best: Option<usize> = None;
    let mut best_split: Option<usize> = None;
    let mut chars_before = 0;
    let mut last_byte = 0;
    for (b, _) in window.match_indices(needle) {
        chars_before += window[last_byte..b].chars().count();
        last_byte = b;
        let start = from + chars_before;
        let slot = if whole(start) { &mut best } else { &mut best_split };
        if slot.is_none_or(|s| start.abs_diff(near) < s.abs_diff(near)) {
            *slot = Some(start);
        }
    }
    best.or(best_split)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_with(text: &str, start: usize, end: usize, stored: &str) -> Document {
        let a = Annotation {
            id: "a1".into(),
            label: "quote".into(),
            fragments: vec![Fragment {
                start,
                end,
                text: stored.into(),
            }],
            attributes: Default::default(),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            annotators: Vec::new(),
            origin: None,
        };
        Document::from_parts("d".into(), "T".into(), None, text.into(), vec![a], vec![]).0
    }

    #[test]
    fn reanchoring_skips_a_match_inside_an_emoji_for_a_whole_one() {
        // The stored 👩 is not at 2..3 any more. The nearest 👩 (at 0) opens
        // a ZWJ family; the lone one further on is taken.
        let text = "👩\u{200d}👧 and 👩 alone";
        let mut doc = doc_with(text, 2, 3, "👩");
        let problems = repair_document(&mut doc);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let a = doc.annotation("a1").map(|a| a.fragments[0].range());
        assert_eq!(a, Some(CharRange::new(8, 9)));
    }

    #[test]
    fn half_a_flag_is_reanchored_only_when_nothing_whole_is_there() {
        // An older file tagged half of 🇩🇪; the text moved by one char. The
        // only match cuts the flag: placed there (validate reports the split).
        let text = "x🇩🇪";
        let mut doc = doc_with(text, 0, 1, "\u{1F1E9}");
        repair_document(&mut doc);
        let a = doc.annotation("a1").map(|a| a.fragments[0].range());
        assert_eq!(a, Some(CharRange::new(1, 2)));
    }
}
