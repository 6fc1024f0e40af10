//! Building blocks shared by the review tests: spans found by their text,
//! speaker links and one-document projects. (Each test crate uses a part.)
#![allow(dead_code)]

use std::collections::BTreeMap;

use quotebench::model::{Annotation, Document, Fragment, Project, Relation, TagSet};

/// An annotation over the first occurrence of `needle` in `text` (char offsets).
pub fn span(text: &str, id: &str, label: &str, needle: &str) -> Annotation {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let start = text[..byte].chars().count();
    Annotation {
        id: id.into(),
        label: label.into(),
        fragments: vec![Fragment {
            start,
            end: start + needle.chars().count(),
            text: needle.into(),
        }],
        attributes: BTreeMap::new(),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        annotators: Vec::new(),
    }
}

/// `quote` said_by `speaker`.
pub fn said_by(id: &str, quote: &str, speaker: &str) -> Relation {
    Relation {
        id: id.into(),
        kind: "said_by".into(),
        from: quote.into(),
        to: speaker.into(),
    }
}

/// A project of one document, by `annotator`, with the default tag set.
pub fn one_document(
    annotator: &str,
    doc_id: &str,
    text: &str,
    anns: Vec<Annotation>,
    rels: Vec<Relation>,
) -> Project {
    let (doc, _, _) = Document::from_parts(doc_id.into(), "Win".into(), None, text.into(), anns, rels);
    Project {
        name: "colleague".into(),
        annotator: annotator.into(),
        tagset: TagSet::default(),
        documents: vec![doc],
    }
}
