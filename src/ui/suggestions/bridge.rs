//! Every call the window makes into the suggestion layer, in one place: the
//! engine, turning a suggestion into an edit, a rejection, and which
//! suggestions are still pending. Each is one line to change when the
//! layer underneath changes.
//!
//! TEMPORARY (until `suggest::accept` lands on this branch): accepting,
//! rejecting and the pending filter are small stand-ins so the window can
//! be built and tried; they are replaced by one-line calls.

use crate::model::{Annotation, CharRange, Document, Edit, Fragment, Relation, TagSet, names, new_id};
use crate::suggest::{Context, Suggestion, Target};

/// Why a suggestion could not be accepted.
#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    #[error("the tag set has no label {0}")]
    NoLabel(&'static str),
}

/// The engine: suggestions for `text`.
pub fn suggest(text: &str, ctx: &Context) -> Vec<Suggestion> {
    crate::suggest::rules::suggest(text, ctx)
}

/// One undoable edit that tags `s` in document `doc`.
pub fn accept(doc: usize, d: &Document, tags: &TagSet, s: &Suggestion) -> Result<Edit, AcceptError> {
    stand_in::accept(doc, d, tags, s)
}

/// The edit that records the rejection of `s` (None: not recorded in the model).
pub fn reject(_doc: usize, _d: &Document, _s: &Suggestion) -> Option<Edit> {
    None
}

/// The suggestions of `found` still to decide on in `d`: not tagged yet.
pub fn pending(_doc: usize, d: &Document, _tags: &TagSet, found: &[Suggestion]) -> Vec<Suggestion> {
    found
        .iter()
        .filter(|s| {
            let label = label_of(s.target);
            !s.fragments.iter().any(|f| {
                d.index()
                    .fragments_in(*f)
                    .any(|(_, id)| d.annotation(id).is_some_and(|a| a.label == label))
            })
        })
        .cloned()
        .collect()
}

/// The label a suggestion's target is tagged with.
pub fn label_of(t: Target) -> &'static str {
    match t {
        Target::Quote(_) => names::QUOTE,
        Target::Claim => names::CLAIM,
    }
}

mod stand_in {
    use super::*;

    fn ann(d: &Document, label: &str, ranges: &[CharRange]) -> Annotation {
        Annotation {
            id: new_id("sg"),
            label: label.into(),
            fragments: ranges
                .iter()
                .map(|r| Fragment {
                    start: r.start,
                    end: r.end,
                    text: d.slice(*r).to_string(),
                })
                .collect(),
            attributes: Default::default(),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            annotators: Vec::new(),
        }
    }

    pub fn accept(doc: usize, d: &Document, tags: &TagSet, s: &Suggestion) -> Result<Edit, AcceptError> {
        let label = label_of(s.target);
        if tags.label(label).is_none() {
            return Err(AcceptError::NoLabel(label));
        }
        let mut q = ann(d, label, &s.fragments);
        if let Target::Quote(k) = s.target {
            q.attributes.insert(names::KIND.into(), k.as_str().into());
        }
        let qid = q.id.clone();
        let mut edits = vec![Edit::AddAnnotation { doc, annotation: q }];
        if let Some(r) = s.speaker {
            let mut sp = ann(d, names::SPEAKER, &[r]);
            if let Some(p) = &s.person {
                sp.attributes.insert(names::PERSON.into(), p.clone());
            }
            let rel = Relation {
                id: new_id("sg"),
                kind: names::SAID_BY.into(),
                from: qid.clone(),
                to: sp.id.clone(),
            };
            edits.push(Edit::AddAnnotation { doc, annotation: sp });
            edits.push(Edit::AddRelation { doc, relation: rel });
        }
        if let Some(r) = s.cue {
            let c = ann(d, names::CUE, &[r]);
            let rel = Relation {
                id: new_id("sg"),
                kind: names::CUE_OF.into(),
                from: c.id.clone(),
                to: qid.clone(),
            };
            edits.push(Edit::AddAnnotation { doc, annotation: c });
            edits.push(Edit::AddRelation { doc, relation: rel });
        }
        Ok(Edit::Batch(edits))
    }
}
