//! Settling differences into one curated (gold) project. Every decision is
//! an ordinary [`Edit`] on the gold project, so it is undone like any other,
//! and is recorded in the gold document ([`crate::model::Decision`]) even
//! when it adds no span ("neither", or a version with nothing there);
//! each accepted annotation records which annotators had it (same label and
//! fragments), and speaker and cue links follow their annotations in once
//! both ends are in the gold file.

mod builder;

use std::collections::HashSet;

use super::compare::{Cluster, Comparison, SpanKey, span_key};
use super::layers::ReviewSet;
use crate::model::{Document, Edit, Project, Taken};
use builder::Builder;

/// Which version of a disagreement to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// This annotator's spans (none, if they tagged nothing there).
    Annotator(usize),
    /// Every distinct span anyone made there.
    All,
    /// Nothing: what the gold file has there goes.
    Neither,
}

/// An empty curated project over the set's documents (same order, same
/// texts), with every label any annotator used.
pub fn gold_project(set: &ReviewSet, name: &str, reviewer: &str) -> Project {
    let documents = set
        .documents
        .iter()
        .map(|d| {
            let mut doc = Document::new(d.id.clone(), d.title.clone(), d.text().to_string());
            if let Some(v) = d.versions.iter().flatten().next() {
                doc.source = v.source.clone();
            }
            doc
        })
        .collect();
    Project {
        people: Default::default(),
        name: name.to_string(),
        annotator: reviewer.to_string(),
        tagset: set.tagset.clone(),
        documents,
        conflicts: Vec::new(),
    }
}

/// How a place is settled in the gold file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settled {
    /// The gold file holds spans there.
    Accepted,
    /// The reviewer took nothing there (neither version, or a version with
    /// no spans), as the gold file's decisions record.
    Rejected,
}

/// Whether (and how) the gold document has settled the cluster: spans of
/// its own there, or a decision recorded for the place.
pub fn settlement(gold: &Project, doc: usize, cluster: &Cluster) -> Option<Settled> {
    let d = gold.documents.get(doc)?;
    if d.index().fragments_in(cluster.hull).next().is_some() {
        return Some(Settled::Accepted);
    }
    d.decisions()
        .iter()
        .any(|x| x.overlaps(cluster.hull.start, cluster.hull.end))
        .then_some(Settled::Rejected)
}

/// Whether the gold document has settled the cluster (see [`settlement`]).
pub fn is_settled_in(gold: &Project, doc: usize, cluster: &Cluster) -> bool {
    settlement(gold, doc, cluster).is_some()
}

/// What the gold file records for `choice` at cluster `c`.
fn taken(set: &ReviewSet, c: &Cluster, present: &[usize], choice: Choice) -> Taken {
    match choice {
        Choice::Neither => Taken::Neither,
        Choice::All => Taken::All,
        Choice::Annotator(a) => {
            let who = c
                .versions(present)
                .into_iter()
                .find(|(who, _)| who.contains(&a))
                .map_or_else(|| vec![a], |(who, _)| who);
            Taken::Version(
                who.into_iter()
                    .filter_map(|a| set.annotators.get(a).cloned())
                    .collect(),
            )
        }
    }
}

/// The edit that takes `choice` for cluster `cluster` of document `doc`:
/// the spans (and their links) in, what the gold file had there and no
/// longer wants out, and the decision recorded, as one undo step. None when
/// it would change nothing.
pub fn take(
    set: &ReviewSet,
    cmp: &Comparison,
    gold: &Project,
    doc: usize,
    cluster: usize,
    choice: Choice,
) -> Option<Edit> {
    let dc = cmp.docs.get(doc)?;
    let c = dc.clusters.get(cluster)?;
    let picked: Vec<(usize, &str)> = match choice {
        Choice::Annotator(a) => c.of(a).map(|i| (i.annotator, i.id.as_str())).collect(),
        Choice::Neither => Vec::new(),
        Choice::All => {
            let mut seen = HashSet::new();
            c.items
                .iter()
                .filter(|i| seen.insert(&i.key))
                .map(|i| (i.annotator, i.id.as_str()))
                .collect()
        }
    };
    // What the gold file has there already and no longer wants goes: taking
    // one version after another switches between them.
    let g = gold.documents.get(doc)?;
    let picked_keys: HashSet<SpanKey> = picked
        .iter()
        .filter_map(|&(a, id)| set.version(doc, a)?.annotation(id).map(span_key))
        .collect();
    let mut remove: Vec<String> = g
        .index()
        .fragments_in(c.hull)
        .map(|(_, id)| id.to_string())
        .filter(|id| {
            g.annotation(id)
                .is_some_and(|x| !picked_keys.contains(&span_key(x)))
        })
        .collect();
    remove.sort();
    remove.dedup();
    let (mut edits, gone_relations) = deletions(gold, doc, &remove);
    let removed: HashSet<String> = remove.into_iter().collect();
    let only = match choice {
        Choice::Annotator(a) => Some(a),
        _ => None,
    };
    let mut b = Builder::new(set, gold, doc, &removed, &gone_relations, only)?;
    for (a, id) in picked {
        b.add(a, id);
    }
    if let Some(Edit::Batch(adds)) = b.finish() {
        edits.extend(adds);
    }
    let decision = taken(set, c, &dc.present, choice);
    let recorded = g.decision(c.hull.start, c.hull.end).map(|d| &d.taken);
    if recorded != Some(&decision) {
        edits.push(Edit::Decide {
            doc,
            start: c.hull.start,
            end: c.hull.end,
            taken: Some(decision),
        });
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// The model's cascading deletes of gold annotations `ids` (each takes the
/// links that touch it along, whichever removes a shared link first), and
/// the ids of those links, which the rest of the edit must not count on.
fn deletions(gold: &Project, doc: usize, ids: &[String]) -> (Vec<Edit>, HashSet<String>) {
    let gone = gold.documents.get(doc).map_or_else(HashSet::new, |d| {
        ids.iter()
            .flat_map(|id| d.relations_of(id).map(|r| r.id.clone()))
            .collect()
    });
    let edits = ids
        .iter()
        .map(|id| Edit::DeleteAnnotation { doc, id: id.clone() })
        .collect();
    (edits, gone)
}

/// What accepting every agreed place adds: one edit, and how many places
/// (clusters) and spans it brings into the gold file.
#[derive(Debug)]
pub struct Accepted {
    pub edit: Edit,
    pub places: usize,
    pub spans: usize,
}

/// One edit that accepts every cluster all annotators agree on (in every
/// document) that the gold file does not hold yet.
pub fn accept_agreed(set: &ReviewSet, cmp: &Comparison, gold: &Project) -> Option<Accepted> {
    let mut edits = Vec::new();
    let (mut places, mut spans) = (0, 0);
    for (doc, dc) in cmp.docs.iter().enumerate() {
        let Some(mut b) = Builder::new(set, gold, doc, &HashSet::new(), &HashSet::new(), None) else {
            continue;
        };
        let Some(&first) = dc.present.first() else {
            continue;
        };
        for c in dc.clusters.iter().filter(|c| c.agreed) {
            let before = b.added.len();
            for i in c.of(first) {
                b.add(first, &i.id);
            }
            places += usize::from(b.added.len() > before);
        }
        spans += b.added.len();
        if let Some(Edit::Batch(e)) = b.finish() {
            edits.extend(e);
        }
    }
    (!edits.is_empty()).then_some(Accepted {
        edit: Edit::Batch(edits),
        places,
        spans,
    })
}
