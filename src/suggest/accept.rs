//! From a suggestion to the project: accepting makes ONE undoable
//! [`Edit::Batch`] (the quote or claim, its speaker, its cue, the links
//! between them, the speaker's person and where it all came from), rejecting
//! makes an [`Edit::Reject`] that the file remembers, and [`pending`] keeps
//! back what is tagged or rejected already so it is not offered again.
//!
//! Nothing here changes the project: the caller applies the edit (through
//! the history in the window, directly on the command line).

use thiserror::Error;

use super::{Suggestion, Target};
use crate::model::{
    Annotation, CharRange, Document, Edit, Fragment, Origin, Rejection, Relation, TagSet, names, new_id,
    now_timestamp,
};

/// Why a suggestion cannot be accepted as it stands.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum AcceptError {
    /// The tag set has no label for what the suggestion proposes.
    #[error(
        "the tag set has no label \"{0}\", so this suggestion cannot be accepted; add the label to the tag set first"
    )]
    NoLabel(String),
    /// A range of the suggestion does not fit the document's text (the text
    /// changed since it was made, or the engine erred).
    #[error("the suggested {what} {start}..{end} does not fit the text of document {doc} ({len} characters)")]
    BadRange {
        doc: String,
        what: &'static str,
        start: usize,
        end: usize,
        len: usize,
    },
    /// The quote's fragments are empty, out of order or overlap.
    #[error("the suggested quote in document {0} has no fragments, or fragments that overlap")]
    BadFragments(String),
}

/// The label a suggestion proposes: Quote for a quote of any kind, Claim, Cue.
pub fn label_of(target: Target) -> &'static str {
    match target {
        Target::Quote(_) => names::QUOTE,
        Target::Claim => names::CLAIM,
        Target::Cue => names::CUE,
    }
}

/// The edit that accepts `s` in document `doc` (at index `doc_index` of the
/// project whose tag set is `tagset`): one [`Edit::Batch`] that adds the
/// quote (label Quote with its `kind`, or Claim), its speaker (an existing
/// Speaker annotation with exactly that range is reused, and given the
/// person if it has none), its cue (likewise), the `said_by` and `cue_of`
/// links (whatever the tag set names the relations between those labels)
/// and the speaker's `person`. Every new annotation records the rule and
/// confidence as its [`Origin`]. A speaker or cue comes only with its link:
/// it is left out when the tag set has no label for it or no relation from
/// the quote to it (a claim, in the default tag set), so that accepting
/// never leaves a speaker or cue linked to nothing. A cue alone
/// ([`Target::Cue`]) adds its Cue annotation only.
pub fn accept(
    doc_index: usize,
    doc: &Document,
    tagset: &TagSet,
    s: &Suggestion,
) -> Result<Edit, AcceptError> {
    let label = label_of(s.target);
    let label_def = tagset
        .label(label)
        .ok_or_else(|| AcceptError::NoLabel(label.to_string()))?;
    let fragments = fragments_of(doc, "quote", &s.fragments)?;
    if fragments.is_empty() || fragments.windows(2).any(|w| w[0].end > w[1].start) {
        return Err(AcceptError::BadFragments(doc.id.clone()));
    }
    let now = now_timestamp();
    let origin = Origin::suggested(s.rule.clone(), s.confidence);
    let has_attribute = |l: &str, a: &str| {
        tagset
            .label(l)
            .is_some_and(|d| d.attributes.iter().any(|x| x.name == a))
    };
    let prefix = if s.target == Target::Cue { "c" } else { "q" };
    let mut quote = new_annotation(prefix, label, fragments, &now, &origin);
    if let Target::Quote(kind) = s.target
        && label_def.attributes.iter().any(|a| a.name == names::KIND)
    {
        quote.attributes.insert(names::KIND.into(), kind.as_str().into());
    }
    let quote_id = quote.id.clone();
    let mut edits = vec![Edit::AddAnnotation {
        doc: doc_index,
        annotation: quote,
    }];
    // A cue alone is its one annotation: there is no quote to link to.
    if s.target == Target::Cue {
        return Ok(Edit::Batch(edits));
    }
    let link = |edits: &mut Vec<Edit>, from_label: &str, from: &str, to_label: &str, to: &str| {
        if let Some(r) = tagset.relation_between(from_label, to_label) {
            edits.push(Edit::AddRelation {
                doc: doc_index,
                relation: Relation {
                    id: new_id("r"),
                    kind: r.name.clone(),
                    from: from.to_string(),
                    to: to.to_string(),
                    attributes: Default::default(),
                },
            });
        }
    };
    let linkable = |from: &str, to: &str| {
        tagset.label(from).is_some()
            && tagset.label(to).is_some()
            && tagset.relation_between(from, to).is_some()
    };
    if let Some(range) = s.speaker.filter(|_| linkable(label, names::SPEAKER)) {
        let person = s
            .person
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty() && has_attribute(names::SPEAKER, names::PERSON));
        let speaker_id = match existing(doc, names::SPEAKER, range) {
            Some(old) => {
                if let Some(p) = person
                    && old.attribute(names::PERSON).is_none()
                {
                    let mut a = old.clone();
                    a.attributes.insert(names::PERSON.into(), p.into());
                    a.modified = now.clone();
                    edits.push(Edit::ReplaceAnnotation {
                        doc: doc_index,
                        annotation: a,
                    });
                }
                old.id.clone()
            }
            None => {
                let fragments = fragments_of(doc, "speaker", &[range])?;
                let mut a = new_annotation("s", names::SPEAKER, fragments, &now, &origin);
                if let Some(p) = person {
                    a.attributes.insert(names::PERSON.into(), p.into());
                }
                let id = a.id.clone();
                edits.push(Edit::AddAnnotation {
                    doc: doc_index,
                    annotation: a,
                });
                id
            }
        };
        link(&mut edits, label, &quote_id, names::SPEAKER, &speaker_id);
    }
    if let Some(range) = s.cue.filter(|_| linkable(names::CUE, label)) {
        let cue_id = match existing(doc, names::CUE, range) {
            Some(old) => old.id.clone(),
            None => {
                let fragments = fragments_of(doc, "cue", &[range])?;
                let a = new_annotation("c", names::CUE, fragments, &now, &origin);
                let id = a.id.clone();
                edits.push(Edit::AddAnnotation {
                    doc: doc_index,
                    annotation: a,
                });
                id
            }
        };
        link(&mut edits, names::CUE, &cue_id, label, &quote_id);
    }
    Ok(Edit::Batch(edits))
}

/// The edit that rejects `s` in document `doc` (at index `doc_index`): the
/// document remembers the label, the fragments with the text they cover and
/// the rule, so [`pending`] does not offer it again. Applying it fails (and
/// changes nothing) when the suggestion's ranges do not fit the text or it
/// was rejected already.
pub fn reject(doc_index: usize, doc: &Document, s: &Suggestion) -> Edit {
    let fragments = s
        .fragments
        .iter()
        .map(|r| Fragment {
            start: r.start,
            end: r.end,
            text: doc.slice(*r).to_string(),
        })
        .collect();
    Edit::Reject {
        doc: doc_index,
        rejection: Rejection {
            label: label_of(s.target).to_string(),
            fragments,
            rule: s.rule.clone(),
        },
    }
}

/// The suggestions still worth offering in `doc`: those that were not
/// rejected there and do not overlap an annotation of the label they
/// propose (a quote already tagged, even with other boundaries). The order
/// is kept.
pub fn pending(doc: &Document, suggestions: Vec<Suggestion>) -> Vec<Suggestion> {
    suggestions.into_iter().filter(|s| is_pending(doc, s)).collect()
}

/// Whether one suggestion is still worth offering (see [`pending`]).
pub fn is_pending(doc: &Document, s: &Suggestion) -> bool {
    let label = label_of(s.target);
    if doc.is_rejected(label, &s.fragments) {
        return false;
    }
    !s.fragments.iter().any(|r| {
        doc.index()
            .fragments_in(*r)
            .filter(|(f, _)| f.overlaps(r))
            .any(|(_, id)| doc.annotation(id).is_some_and(|a| a.label == label))
    })
}

/// The annotation labelled `label` that covers exactly `range` in one fragment.
fn existing<'d>(doc: &'d Document, label: &str, range: CharRange) -> Option<&'d Annotation> {
    doc.index()
        .fragments_in(range)
        .filter(|(f, _)| *f == range)
        .filter_map(|(_, id)| doc.annotation(id))
        .filter(|a| a.label == label && a.fragments.len() == 1)
        .min_by(|a, b| a.id.cmp(&b.id))
}

/// Fragments for `ranges`, each with the text it covers, in text order;
/// an error names the first range that is empty or outside the text.
fn fragments_of(
    doc: &Document,
    what: &'static str,
    ranges: &[CharRange],
) -> Result<Vec<Fragment>, AcceptError> {
    let len = doc.char_len();
    let mut out = Vec::with_capacity(ranges.len());
    for r in ranges {
        if r.start >= r.end || r.end > len {
            return Err(AcceptError::BadRange {
                doc: doc.id.clone(),
                what,
                start: r.start,
                end: r.end,
                len,
            });
        }
        out.push(Fragment {
            start: r.start,
            end: r.end,
            text: doc.slice(*r).to_string(),
        });
    }
    out.sort_by_key(|f| (f.start, f.end));
    Ok(out)
}

fn new_annotation(
    prefix: &str,
    label: &str,
    fragments: Vec<Fragment>,
    now: &str,
    origin: &Origin,
) -> Annotation {
    Annotation {
        id: new_id(prefix),
        label: label.to_string(),
        fragments,
        attributes: Default::default(),
        note: String::new(),
        created: now.to_string(),
        modified: now.to_string(),
        annotators: Vec::new(),
        origin: Some(Box::new(origin.clone())),
    }
}

#[cfg(test)]
#[path = "accept_tests.rs"]
mod tests;
