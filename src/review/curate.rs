//! Settling differences into one curated (gold) project. Every decision is
//! an ordinary [`Edit`] on the gold project, so it is undone like any other;
//! each accepted annotation records which annotators had it (same label and
//! fragments), and speaker and cue links follow their annotations in once
//! both ends are in the gold file.

use std::collections::{HashMap, HashSet};

use super::compare::{Cluster, Comparison, SpanKey, span_key};
use super::layers::ReviewSet;
use crate::model::{Annotation, Document, Edit, Project, Relation};

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
        name: name.to_string(),
        annotator: reviewer.to_string(),
        tagset: set.tagset.clone(),
        documents,
    }
}

/// Whether the gold document already holds something where the cluster is.
pub fn is_settled_in(gold: &Project, doc: usize, cluster: &Cluster) -> bool {
    gold.documents
        .get(doc)
        .is_some_and(|d| d.index().fragments_in(cluster.hull).next().is_some())
}

/// The edit that takes `choice` for cluster `cluster` of document `doc`, or
/// None when it would change nothing.
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
    let remove: HashSet<String> = g
        .index()
        .fragments_in(c.hull)
        .map(|(_, id)| id.to_string())
        .filter(|id| {
            g.annotation(id)
                .is_some_and(|x| !picked_keys.contains(&span_key(x)))
        })
        .collect();
    let mut removals: Vec<Edit> = Vec::new();
    let mut gone_relations = HashSet::new();
    let mut sorted: Vec<&String> = remove.iter().collect();
    sorted.sort();
    for id in &sorted {
        for r in g.relations_of(id) {
            if gone_relations.insert(r.id.clone()) {
                removals.push(Edit::RemoveRelation {
                    doc,
                    id: r.id.clone(),
                });
            }
        }
    }
    removals.extend(sorted.iter().map(|id| Edit::DeleteAnnotation {
        doc,
        id: (*id).clone(),
    }));
    let only = match choice {
        Choice::Annotator(a) => Some(a),
        _ => None,
    };
    let mut b = Builder::new(set, gold, doc, &remove, &gone_relations, only)?;
    for (a, id) in picked {
        b.add(a, id);
    }
    match (b.finish(), removals.is_empty()) {
        (None, true) => None,
        (None, false) => Some(Edit::Batch(removals)),
        (Some(Edit::Batch(adds)), _) => {
            removals.extend(adds);
            Some(Edit::Batch(removals))
        }
        (Some(other), _) => {
            removals.push(other);
            Some(Edit::Batch(removals))
        }
    }
}

/// One edit that accepts every cluster all annotators agree on (in every
/// document), with the count of annotations it adds.
pub fn accept_agreed(set: &ReviewSet, cmp: &Comparison, gold: &Project) -> Option<(Edit, usize)> {
    let mut edits = Vec::new();
    let mut added = 0;
    for (doc, dc) in cmp.docs.iter().enumerate() {
        let Some(mut b) = Builder::new(set, gold, doc, &HashSet::new(), &HashSet::new(), None) else {
            continue;
        };
        for c in dc.clusters.iter().filter(|c| c.agreed) {
            let Some(&first) = dc.present.first() else {
                continue;
            };
            for i in c.of(first) {
                b.add(first, &i.id);
            }
        }
        added += b.added.len();
        if let Some(Edit::Batch(e)) = b.finish() {
            edits.extend(e);
        }
    }
    (!edits.is_empty()).then_some((Edit::Batch(edits), added))
}

/// Collects the additions for one gold document.
struct Builder<'a> {
    set: &'a ReviewSet,
    doc: usize,
    gold: &'a Document,
    /// Gold ids by span key: what is there already and what this edit adds.
    by_key: HashMap<SpanKey, String>,
    /// Every annotator's spans of this document by key: (annotator, id), in
    /// annotator order, built once so that lookups are not a scan each.
    versions_by_key: HashMap<SpanKey, Vec<(usize, String)>>,
    ids: HashSet<String>,
    /// (annotator, id in their file, the gold annotation)
    added: Vec<(usize, String, Annotation)>,
    /// Spans taken, new or already in the gold file: (annotator, id in their file, gold id).
    touched: Vec<(usize, String, String)>,
    /// Links to follow: this annotator's only, or (None) those of everyone who made the span.
    only: Option<usize>,
    /// Relations the same edit removes already.
    gone: HashSet<String>,
    relations: Vec<Relation>,
    unlink: Vec<String>,
}

impl<'a> Builder<'a> {
    /// `removed`, `gone`: gold annotations and relations the same edit
    /// removes (nothing links to them); `only`: follow only this annotator's links.
    fn new(
        set: &'a ReviewSet,
        gold: &'a Project,
        doc: usize,
        removed: &HashSet<String>,
        gone: &HashSet<String>,
        only: Option<usize>,
    ) -> Option<Self> {
        let g = gold.documents.get(doc)?;
        let by_key = g
            .annotations()
            .filter(|a| !removed.contains(&a.id))
            .map(|a| (span_key(a), a.id.clone()))
            .collect();
        let ids = g
            .annotations()
            .map(|a| a.id.clone())
            .chain(g.relations().map(|r| r.id.clone()))
            .collect();
        let mut versions_by_key: HashMap<SpanKey, Vec<(usize, String)>> = HashMap::new();
        for (a, v) in set.documents.get(doc)?.versions.iter().enumerate() {
            for x in v.iter().flat_map(|v| v.annotations()) {
                versions_by_key
                    .entry(span_key(x))
                    .or_default()
                    .push((a, x.id.clone()));
            }
        }
        Some(Builder {
            set,
            doc,
            gold: g,
            by_key,
            versions_by_key,
            ids,
            added: Vec::new(),
            touched: Vec::new(),
            only,
            gone: gone.clone(),
            relations: Vec::new(),
            unlink: Vec::new(),
        })
    }

    fn fresh_id(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        id
    }

    /// Adds annotator `a`'s annotation `id` unless the gold file has the
    /// same span already.
    fn add(&mut self, a: usize, id: &str) {
        let Some(src) = self.set.version(self.doc, a).and_then(|d| d.annotation(id)) else {
            return;
        };
        let key = span_key(src);
        if let Some(existing) = self.by_key.get(&key) {
            self.touched.push((a, src.id.clone(), existing.clone()));
            return;
        }
        let who = slug_of(&self.set.annotators[a]);
        let gold_id = self.fresh_id(&format!("{who}-{}", src.id));
        let mut ann = src.clone();
        ann.id = gold_id.clone();
        ann.annotators = self.who_has(&key);
        self.by_key.insert(key, gold_id.clone());
        self.touched.push((a, src.id.clone(), gold_id));
        self.added.push((a, src.id.clone(), ann));
    }

    /// The annotators whose document holds a span with this key.
    fn who_has(&self, key: &SpanKey) -> Vec<String> {
        let mut who: Vec<usize> = self
            .versions_by_key
            .get(key)
            .map_or_else(Vec::new, |v| v.iter().map(|(a, _)| *a).collect());
        who.dedup();
        who.into_iter().map(|a| self.set.annotators[a].clone()).collect()
    }

    /// Annotator `a`'s (first) annotation with this key, if any.
    fn id_of(&self, key: &SpanKey, a: usize) -> Option<&str> {
        self.versions_by_key
            .get(key)?
            .iter()
            .find(|(b, _)| *b == a)
            .map(|(_, id)| id.as_str())
    }

    /// Links of the taken spans whose other end is in the gold file (or
    /// comes with this edit): the chosen annotator's, or everyone's who made
    /// the span. Taking one annotator's version also drops the speaker links
    /// of its spans that this annotator did not make.
    fn link(&mut self) {
        let mut existing: HashSet<(String, String, String)> = self
            .gold
            .relations()
            .filter(|r| !self.gone.contains(&r.id))
            .map(|r| (r.kind.clone(), r.from.clone(), r.to.clone()))
            .collect();
        let mut wanted: HashSet<(String, String, String)> = HashSet::new();
        let touched = std::mem::take(&mut self.touched);
        for (a, src_id, _) in &touched {
            let Some(key) = self
                .set
                .version(self.doc, *a)
                .and_then(|d| d.annotation(src_id))
                .map(span_key)
            else {
                continue;
            };
            let sources: Vec<usize> = match self.only {
                Some(x) => vec![x],
                None => (0..self.set.annotators.len()).collect(),
            };
            for b in sources {
                let Some(d) = self.set.version(self.doc, b) else {
                    continue;
                };
                let Some(mine) = self.id_of(&key, b) else {
                    continue;
                };
                for r in d.relations_of(mine) {
                    if let (Some(from), Some(to)) = (self.gold_of(d, &r.from), self.gold_of(d, &r.to)) {
                        wanted.insert((r.kind.clone(), from, to));
                    }
                }
            }
        }
        let mut wanted: Vec<(String, String, String)> = wanted.into_iter().collect();
        wanted.sort();
        for (kind, from, to) in wanted.iter().cloned() {
            if existing.insert((kind.clone(), from.clone(), to.clone())) {
                let id = self.fresh_id(&format!("{from}-{kind}"));
                self.relations.push(Relation { id, kind, from, to });
            }
        }
        if self.only.is_some() {
            let quotes: HashSet<&str> = touched.iter().map(|(_, _, g)| g.as_str()).collect();
            for r in self.gold.relations() {
                let key = (r.kind.clone(), r.from.clone(), r.to.clone());
                if r.kind == crate::model::names::SAID_BY
                    && quotes.contains(r.from.as_str())
                    && !self.gone.contains(&r.id)
                    && !wanted.contains(&key)
                {
                    self.unlink.push(r.id.clone());
                }
            }
            self.unlink.sort();
        }
    }

    /// The gold id of the span annotation `id` of `d` has, if the gold file has it.
    fn gold_of(&self, d: &Document, id: &str) -> Option<String> {
        let a = d.annotation(id)?;
        self.by_key.get(&span_key(a)).cloned()
    }

    fn finish(mut self) -> Option<Edit> {
        self.link();
        if self.added.is_empty() && self.relations.is_empty() && self.unlink.is_empty() {
            return None;
        }
        let doc = self.doc;
        let mut edits: Vec<Edit> = self
            .unlink
            .drain(..)
            .map(|id| Edit::RemoveRelation { doc, id })
            .collect();
        edits.extend(
            self.added
                .drain(..)
                .map(|(_, _, annotation)| Edit::AddAnnotation { doc, annotation }),
        );
        edits.extend(
            self.relations
                .drain(..)
                .map(|relation| Edit::AddRelation { doc, relation }),
        );
        Some(Edit::Batch(edits))
    }
}

/// An annotator's name as an id prefix: "Ana María" becomes "ana-maría".
fn slug_of(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() { "anon".to_string() } else { s }
}
