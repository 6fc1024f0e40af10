//! Accepting every suggestion at or above a confidence, as one edit: what
//! `quotebench suggest` writes and what "accept all above" does in the
//! window.
//!
//! The suggestions are accepted most confident first, each against the
//! document as the ones before it left it, so a weaker suggestion that
//! overlaps an accepted quote is dropped and a speaker mention shared by
//! two quotes is tagged once.

use serde::Serialize;

use super::accept::{AcceptError, accept, is_pending};
use super::{QuoteKind, Suggestion, Target};
use crate::model::{Document, Edit, Project, TagSet, names};

/// What accepting above a confidence did in one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AcceptCounts {
    /// Suggestions given (those still pending).
    pub suggested: usize,
    /// Below the confidence asked for: left alone.
    pub below_threshold: usize,
    /// Accepted: quotes and claims added.
    pub accepted: usize,
    pub direct: usize,
    pub indirect: usize,
    pub mixed: usize,
    pub claims: usize,
    /// Speaker and Cue annotations added (a speaker already tagged at the
    /// same place is linked, not counted).
    pub speakers: usize,
    pub cues: usize,
    /// `said_by` and `cue_of` links (any relation) added.
    pub links: usize,
    /// Not accepted because a more confident one accepted before overlaps it.
    pub overlapping: usize,
    /// Not accepted because it does not fit the text or the tag set.
    pub failed: usize,
}

/// The edit accepting every suggestion of `doc` (index `doc_index`) with
/// confidence at least `min_confidence`, `None` when there is none; with
/// what it holds, and why any could not be accepted (each reason once).
pub struct AcceptedAbove {
    pub edit: Option<Edit>,
    pub counts: AcceptCounts,
    pub errors: Vec<AcceptError>,
}

/// See the module doc. `suggestions` are those of `doc`; they need not be
/// sorted or filtered by [`super::accept::pending`] first.
pub fn accept_above(
    doc_index: usize,
    doc: &Document,
    tagset: &TagSet,
    mut suggestions: Vec<Suggestion>,
    min_confidence: f32,
) -> AcceptedAbove {
    let mut counts = AcceptCounts {
        suggested: suggestions.len(),
        ..AcceptCounts::default()
    };
    let confidence = |s: &Suggestion| if s.confidence.is_nan() { 0.0 } else { s.confidence };
    suggestions.sort_by(|a, b| {
        confidence(b)
            .total_cmp(&confidence(a))
            .then_with(|| a.hull().cmp(&b.hull()))
    });
    // A scratch project with the document at its index, so that each edit
    // is made against the document as the ones before it left it and the
    // edits apply in order to the real project.
    let mut scratch = Project {
        people: Default::default(),
        tagset: tagset.clone(),
        documents: vec![Document::default(); doc_index],
        ..Project::default()
    };
    scratch.documents.push(doc.clone());
    let mut edits = Vec::new();
    let mut errors: Vec<AcceptError> = Vec::new();
    for s in suggestions {
        if confidence(&s) < min_confidence {
            counts.below_threshold += 1;
            continue;
        }
        let current = &scratch.documents[doc_index];
        if !is_pending(current, &s) {
            counts.overlapping += 1;
            continue;
        }
        let edit = match accept(doc_index, current, tagset, &s) {
            Ok(e) => e,
            Err(e) => {
                counts.failed += 1;
                if !errors.contains(&e) {
                    errors.push(e);
                }
                continue;
            }
        };
        if edit.clone().apply(&mut scratch).is_err() {
            // accept() checks what applying checks; should they ever differ,
            // the suggestion is left out, never half added.
            counts.failed += 1;
            continue;
        }
        count(&mut counts, &s, &edit);
        edits.push(edit);
    }
    AcceptedAbove {
        edit: (!edits.is_empty()).then_some(Edit::Batch(edits)),
        counts,
        errors,
    }
}

fn count(c: &mut AcceptCounts, s: &Suggestion, edit: &Edit) {
    c.accepted += 1;
    match s.target {
        Target::Quote(QuoteKind::Direct) => c.direct += 1,
        Target::Quote(QuoteKind::Indirect) => c.indirect += 1,
        Target::Quote(QuoteKind::Mixed) => c.mixed += 1,
        Target::Claim => c.claims += 1,
        // Counted below with the Cue annotation it adds.
        Target::Cue => {}
    }
    let Edit::Batch(parts) = edit else { return };
    for e in parts {
        match e {
            Edit::AddAnnotation { annotation, .. } if annotation.label == names::SPEAKER => c.speakers += 1,
            Edit::AddAnnotation { annotation, .. } if annotation.label == names::CUE => c.cues += 1,
            Edit::AddRelation { .. } => c.links += 1,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CharRange, History};

    fn at(text: &str, needle: &str) -> CharRange {
        let byte = text.find(needle).expect("in text");
        let start = text[..byte].chars().count();
        CharRange {
            start,
            end: start + needle.chars().count(),
        }
    }

    const TEXT: &str = "ℹ️ “Go,” said Ms Dick. “Stay,” said Ms Dick. Ms Dick said no.";

    fn s(text: &str, quote: &str, speaker: &str, cue: &str, confidence: f32) -> Suggestion {
        Suggestion {
            target: Target::Quote(QuoteKind::Direct),
            fragments: vec![at(text, quote)],
            speaker: Some(at(text, speaker)),
            cue: Some(at(text, cue)),
            person: Some("Cressida Dick".into()),
            confidence,
            rule: "r".into(),
        }
    }

    #[test]
    fn above_the_threshold_most_confident_first_one_undo_for_all() {
        let mut p = Project::from_text("t", TEXT, "ana");
        let second_dick = CharRange {
            start: at(TEXT, "“Stay,” said Ms Dick").end - 7,
            end: at(TEXT, "“Stay,” said Ms Dick").end,
        };
        let second_said = CharRange {
            start: second_dick.start - 5,
            end: second_dick.start - 1,
        };
        let suggestions = vec![
            s(TEXT, "“Go,”", "Ms Dick", "said", 0.9),
            Suggestion {
                fragments: vec![at(TEXT, "“Stay,”")],
                speaker: Some(second_dick),
                cue: Some(second_said),
                ..s(TEXT, "“Go,”", "Ms Dick", "said", 0.8)
            },
            // Overlaps the first, less sure: dropped.
            s(TEXT, "“Go,” said", "Ms Dick", "said", 0.7),
            s(TEXT, "no", "Ms Dick", "said", 0.2),
        ];
        let out = accept_above(0, &p.documents[0], &p.tagset, suggestions, 0.5);
        assert_eq!(
            out.counts,
            AcceptCounts {
                suggested: 4,
                below_threshold: 1,
                accepted: 2,
                direct: 2,
                speakers: 2,
                cues: 2,
                links: 4,
                overlapping: 1,
                ..AcceptCounts::default()
            }
        );
        assert!(out.errors.is_empty());
        let before = p.clone();
        let mut h = History::default();
        h.perform(&mut p, out.edit.expect("an edit"), "Accept above 0.5", None)
            .expect("applies to the real project");
        assert_eq!(p.documents[0].label_count(names::QUOTE), 2);
        h.undo(&mut p).expect("undo");
        assert_eq!(p, before, "one undo takes all back");
    }

    #[test]
    fn a_shared_speaker_is_tagged_once_and_errors_are_reported_once() {
        let text = "“A,” “B,” said she.";
        let mut p = Project::from_text("t", text, "ana");
        let mut bad = s(text, "“A,”", "she", "said", 0.6);
        bad.fragments = vec![CharRange { start: 15, end: 500 }];
        let suggestions = vec![
            s(text, "“A,”", "she", "said", 0.9),
            s(text, "“B,”", "she", "said", 0.8),
            bad.clone(),
            Suggestion {
                fragments: vec![CharRange { start: 400, end: 500 }],
                ..bad
            },
        ];
        let out = accept_above(0, &p.documents[0], &p.tagset, suggestions, 0.0);
        assert_eq!(
            (out.counts.accepted, out.counts.speakers, out.counts.failed),
            (2, 1, 2)
        );
        assert_eq!(out.errors.len(), 2, "two different ranges: {:?}", out.errors);
        out.edit.expect("edit").apply(&mut p).expect("apply");
        assert_eq!(p.documents[0].label_count(names::SPEAKER), 1);
        assert_eq!(p.documents[0].label_count(names::CUE), 1);
    }
}
