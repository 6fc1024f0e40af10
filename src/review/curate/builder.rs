//! The additions of one curation edit to one gold document: the spans
//! taken (each recording who had it), and the speaker and cue links that
//! follow them in once both ends are in the gold file.

use std::collections::{HashMap, HashSet};

use crate::model::{Annotation, Document, Edit, Project, Relation};
use crate::review::compare::{SpanKey, span_key};
use crate::review::layers::ReviewSet;

/// Collects the additions for one gold document.
pub(super) struct Builder<'a> {
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
    pub(super) added: Vec<(usize, String, Annotation)>,
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
    pub(super) fn new(
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
    pub(super) fn add(&mut self, a: usize, id: &str) {
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
                self.relations.push(Relation {
                    id,
                    kind,
                    from,
                    to,
                    attributes: Default::default(),
                });
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

    pub(super) fn finish(mut self) -> Option<Edit> {
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
