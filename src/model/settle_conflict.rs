//! Settling a merge conflict (issue 17) with the keys of a review
//! disagreement: take ours, theirs, both or neither (the base). One
//! undoable edit: the document is replaced by its settled version (as
//! `replace.rs` replaces a project), so Ctrl+Z gives the conflict back
//! exactly, record and all.

use super::annotation::{Annotation, Relation};
use super::document::Document;
use super::edit::{Edit, EditError};
use super::merge_conflict::{DocumentVersion, MergeConflict};
use super::project::Project;
use super::repair::repair_document;

/// Which version a conflict is settled with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settle {
    Ours,
    Theirs,
    /// Both: an annotation both sides have is kept twice (theirs under
    /// `ID-theirs`); for a relation or the document itself, ours.
    Both,
    /// The base's version (what neither side made).
    Neither,
}

/// The edit that settles conflict `index` of document `doc` with `take`.
pub fn settle_conflict(p: &Project, doc: usize, index: usize, take: Settle) -> Result<Edit, EditError> {
    let d = p.documents.get(doc).ok_or(EditError::NoDocument(doc))?;
    let conflict = d
        .conflicts
        .get(index)
        .ok_or(EditError::NoConflict(index))?
        .clone();
    let mut settled = d.clone();
    settled.conflicts.remove(index);
    match conflict {
        MergeConflict::Annotation {
            id,
            base,
            ours,
            theirs,
            ..
        } => {
            let versions: Vec<Annotation> = match take {
                Settle::Ours => ours.into_iter().collect(),
                Settle::Theirs => theirs.into_iter().collect(),
                Settle::Neither => base.into_iter().collect(),
                Settle::Both => match (ours, theirs) {
                    (Some(o), Some(mut t)) if o != t => {
                        t.id = format!("{id}-theirs");
                        vec![o, t]
                    }
                    (o, t) => o.or(t).into_iter().collect(),
                },
            };
            if versions.is_empty() {
                let links: Vec<String> = settled.relations_of(&id).map(|r| r.id.clone()).collect();
                for r in links {
                    settled.remove_relation(&r);
                }
                settled.remove_annotation(&id);
            }
            for a in versions {
                settled.insert_annotation(a);
            }
        }
        MergeConflict::Relation {
            id,
            base,
            ours,
            theirs,
            ..
        } => {
            let version: Option<Relation> = match take {
                Settle::Ours | Settle::Both => ours.or(if take == Settle::Both { theirs } else { None }),
                Settle::Theirs => theirs,
                Settle::Neither => base,
            };
            match version {
                Some(r) => {
                    for end in [&r.from, &r.to] {
                        if settled.annotation(end).is_none() {
                            return Err(EditError::NoAnnotation(end.clone()));
                        }
                    }
                    settled.insert_relation(r);
                }
                None => {
                    settled.remove_relation(&id);
                }
            }
        }
        MergeConflict::Document {
            base, ours, theirs, ..
        } => {
            let version: Option<DocumentVersion> = match take {
                Settle::Ours | Settle::Both => ours,
                Settle::Theirs => theirs,
                Settle::Neither => base,
            };
            let Some(v) = version else {
                // That side removed the document.
                return Ok(Edit::RemoveDocument { index: doc });
            };
            settled = with_version(settled, v);
        }
    }
    Ok(Edit::Batch(vec![
        Edit::RemoveDocument { index: doc },
        Edit::AddDocument {
            index: doc,
            document: Box::new(settled),
        },
    ]))
}

/// `d` with a side's own fields; a different text re-anchors its annotations.
fn with_version(d: Document, v: DocumentVersion) -> Document {
    let mut d = if d.text() == v.text {
        d
    } else {
        let (mut fresh, _, _) = Document::from_parts(
            d.id.clone(),
            d.title.clone(),
            d.source.clone(),
            v.text.clone(),
            d.annotations()
                .cloned()
                .chain(d.set_aside.iter().cloned())
                .collect(),
            d.relations()
                .cloned()
                .chain(d.set_aside_relations.iter().cloned())
                .collect(),
        );
        fresh.conflicts = d.conflicts.clone();
        let mut fresh = fresh
            .with_decisions(d.decisions().to_vec())
            .with_rejections(d.rejected().to_vec());
        repair_document(&mut fresh);
        fresh
    };
    d.title = v.title;
    d.source = v.source;
    d.with_progress(v.status, v.attributes)
}
