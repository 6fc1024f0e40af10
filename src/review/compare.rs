//! Where annotators differ. The spans of every annotator of a document are
//! grouped into clusters (connected runs of overlapping spans, whatever
//! their label); a cluster where every annotator who has the document made
//! the same spans (label and fragments) with the same speaker is agreed, any
//! other is a disagreement, described in words ("Quote: missing for bo").
//! Clusters never overlap, so the view finds those on screen by binary search.

use std::collections::BTreeMap;

use super::layers::ReviewSet;
use crate::model::{CharRange, Document, names};

/// A span identified by what it is, not by its id: label and fragments.
pub type SpanKey = (String, Vec<(usize, usize)>);

/// The key of an annotation.
pub fn span_key(a: &crate::model::Annotation) -> SpanKey {
    let mut f: Vec<(usize, usize)> = a.fragments.iter().map(|f| (f.start, f.end)).collect();
    f.sort_unstable();
    (a.label.clone(), f)
}

/// One annotator's span in a cluster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub annotator: usize,
    /// The annotation's id in that annotator's document.
    pub id: String,
    pub key: SpanKey,
    /// For quotes: the person it is attributed to (through `said_by`).
    pub person: Option<String>,
}

impl Item {
    pub fn label(&self) -> &str {
        &self.key.0
    }

    /// "Quote 12–40 said by Cressida Dick".
    pub fn describe(&self) -> String {
        let who = self
            .person
            .as_deref()
            .map(|p| format!(" said by {p}"))
            .unwrap_or_default();
        format!("{} {}{who}", self.label(), self.where_())
    }

    /// "12–40" or "12–40, 52–60".
    pub fn where_(&self) -> String {
        let parts: Vec<String> = self.key.1.iter().map(|(s, e)| format!("{s}–{e}")).collect();
        parts.join(", ")
    }
}

/// Overlapping spans of all annotators of one document.
#[derive(Clone, Debug)]
pub struct Cluster {
    pub hull: CharRange,
    /// By annotator, then position.
    pub items: Vec<Item>,
    /// Every annotator who has the document made the same spans here.
    pub agreed: bool,
    /// What differs, in words (empty when agreed): `parts` joined by "; ".
    pub summary: String,
    /// One statement per label, link or attribute that differs.
    pub parts: Vec<String>,
}

impl Cluster {
    /// Annotator `a`'s items.
    pub fn of(&self, a: usize) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.annotator == a)
    }

    /// The distinct versions: each annotator's set of spans, and who made it.
    pub fn versions(&self, present: &[usize]) -> Vec<(Vec<usize>, Vec<&Item>)> {
        let mut out: Vec<(Vec<usize>, Vec<&Item>)> = Vec::new();
        for &a in present {
            let mine: Vec<&Item> = self.of(a).collect();
            match out.iter_mut().find(|(_, v)| same_items(v, &mine)) {
                Some((who, _)) => who.push(a),
                None => out.push((vec![a], mine)),
            }
        }
        out
    }
}

/// One document's clusters, in text order.
#[derive(Clone, Debug, Default)]
pub struct DocComparison {
    /// The annotators who have this document.
    pub present: Vec<usize>,
    pub clusters: Vec<Cluster>,
}

impl DocComparison {
    /// The clusters that touch `r` (they are disjoint and sorted).
    pub fn clusters_in(&self, r: CharRange) -> &[Cluster] {
        let from = self.clusters.partition_point(|c| c.hull.end <= r.start);
        let to = from + self.clusters[from..].partition_point(|c| c.hull.start < r.end.max(r.start + 1));
        &self.clusters[from..to]
    }

    /// The cluster covering char `c`, with its index.
    pub fn cluster_at(&self, c: usize) -> Option<(usize, &Cluster)> {
        let i = self.clusters.partition_point(|x| x.hull.end <= c);
        self.clusters.get(i).filter(|x| x.hull.start <= c).map(|x| (i, x))
    }
}

/// A place where annotators differ: document and cluster index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Spot {
    pub doc: usize,
    pub cluster: usize,
}

/// Every document of a review set, compared.
#[derive(Clone, Debug, Default)]
pub struct Comparison {
    pub docs: Vec<DocComparison>,
}

impl Comparison {
    pub fn build(set: &ReviewSet) -> Comparison {
        let docs = set
            .documents
            .iter()
            .map(|d| {
                let versions: Vec<(usize, &Document)> = d
                    .versions
                    .iter()
                    .enumerate()
                    .filter_map(|(a, v)| v.as_ref().map(|v| (a, v)))
                    .collect();
                compare_document(&versions, &set.annotators)
            })
            .collect();
        Comparison { docs }
    }

    /// Every disagreement, in document and text order.
    pub fn disagreements(&self) -> Vec<Spot> {
        self.docs
            .iter()
            .enumerate()
            .flat_map(|(doc, d)| {
                d.clusters
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !c.agreed)
                    .map(move |(cluster, _)| Spot { doc, cluster })
            })
            .collect()
    }

    pub fn cluster(&self, s: Spot) -> Option<&Cluster> {
        self.docs.get(s.doc)?.clusters.get(s.cluster)
    }

    /// How many clusters are agreed and how many differ.
    pub fn counts(&self) -> (usize, usize) {
        let all = self.docs.iter().map(|d| d.clusters.len()).sum::<usize>();
        let differ = self
            .docs
            .iter()
            .flat_map(|d| &d.clusters)
            .filter(|c| !c.agreed)
            .count();
        (all - differ, differ)
    }
}

fn compare_document(versions: &[(usize, &Document)], names: &[String]) -> DocComparison {
    let mut items: Vec<(CharRange, Item)> = Vec::new();
    for &(a, d) in versions {
        for ann in d.annotations() {
            let person = (ann.label == names::QUOTE)
                .then(|| d.person_of_quote(&ann.id))
                .flatten();
            items.push((
                ann.hull(),
                Item {
                    annotator: a,
                    id: ann.id.clone(),
                    key: span_key(ann),
                    person,
                },
            ));
        }
    }
    items.sort_by(|x, y| {
        (x.0.start, x.0.end, x.1.annotator, &x.1.key).cmp(&(y.0.start, y.0.end, y.1.annotator, &y.1.key))
    });
    let present: Vec<usize> = versions.iter().map(|(a, _)| *a).collect();
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut current: Option<(CharRange, Vec<Item>)> = None;
    for (hull, item) in items {
        match current.as_mut() {
            Some((h, members)) if hull.start < h.end || (hull.start == h.start && hull.end == h.end) => {
                h.end = h.end.max(hull.end);
                members.push(item);
            }
            _ => {
                if let Some((h, members)) = current.take() {
                    clusters.push(finish(h, members, &present, names));
                }
                current = Some((hull, vec![item]));
            }
        }
    }
    if let Some((h, members)) = current {
        clusters.push(finish(h, members, &present, names));
    }
    DocComparison { present, clusters }
}

fn finish(hull: CharRange, mut items: Vec<Item>, present: &[usize], names: &[String]) -> Cluster {
    items.sort_by(|x, y| (x.annotator, &x.key).cmp(&(y.annotator, &y.key)));
    let mut c = Cluster {
        hull,
        items,
        agreed: false,
        summary: String::new(),
        parts: Vec::new(),
    };
    let versions = c.versions(present);
    c.agreed = versions.len() == 1;
    if !c.agreed {
        c.parts = describe(&c, present, names);
        c.summary = c.parts.join("; ");
    }
    c
}

fn same_items(a: &[&Item], b: &[&Item]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.key == y.key && x.person == y.person)
}

/// What differs in a cluster, e.g. "Quote: boundaries differ (ana 12–40; bo
/// 12–44); Speaker: missing for bo".
fn describe(c: &Cluster, present: &[usize], names: &[String]) -> Vec<String> {
    let name = |a: usize| names.get(a).map_or("?", String::as_str);
    let list = |v: &[usize]| v.iter().map(|&a| name(a)).collect::<Vec<_>>().join(", ");
    let mut parts = Vec::new();
    // One span each, same place, other labels: say so plainly.
    let singles: Vec<&Item> = present.iter().filter_map(|&a| single(c, a)).collect();
    if singles.len() == present.len()
        && singles.iter().all(|i| i.key.1 == singles[0].key.1)
        && singles.iter().any(|i| i.key.0 != singles[0].key.0)
    {
        let who: Vec<String> = singles
            .iter()
            .map(|i| format!("{} {}", name(i.annotator), i.label()))
            .collect();
        parts.push(format!("label differs ({})", who.join(", ")));
    } else {
        let mut by_label: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
        for i in &c.items {
            by_label.entry(i.label()).or_default().push(i);
        }
        for (label, its) in &by_label {
            let have: Vec<usize> = present
                .iter()
                .copied()
                .filter(|a| its.iter().any(|i| i.annotator == *a))
                .collect();
            let missing: Vec<usize> = present.iter().copied().filter(|a| !have.contains(a)).collect();
            if !missing.is_empty() {
                if have.len() == 1 {
                    parts.push(format!("{label}: only {}", list(&have)));
                } else {
                    parts.push(format!("{label}: missing for {}", list(&missing)));
                }
            }
            let spans_of =
                |a: usize| -> Vec<&Item> { its.iter().copied().filter(|i| i.annotator == a).collect() };
            let first = spans_of(have[0]);
            if have.len() > 1
                && have.iter().any(|&a| {
                    spans_of(a)
                        .iter()
                        .map(|i| &i.key)
                        .ne(first.iter().map(|i| &i.key))
                })
            {
                let who: Vec<String> = have
                    .iter()
                    .map(|&a| {
                        let w: Vec<String> = spans_of(a).iter().map(|i| i.where_()).collect();
                        format!("{} {}", name(a), w.join(" + "))
                    })
                    .collect();
                parts.push(format!("{label}: boundaries differ ({})", who.join("; ")));
            }
        }
    }
    // Speakers of the quotes.
    let quotes: Vec<&Item> = c.items.iter().filter(|i| i.label() == names::QUOTE).collect();
    let have_quote: Vec<usize> = present
        .iter()
        .copied()
        .filter(|a| quotes.iter().any(|i| i.annotator == *a))
        .collect();
    let person_of = |a: usize| -> String {
        let p: Vec<&str> = quotes
            .iter()
            .filter(|i| i.annotator == a)
            .map(|i| i.person.as_deref().unwrap_or("nobody"))
            .collect();
        p.join(" + ")
    };
    if have_quote.len() > 1
        && have_quote
            .iter()
            .any(|&a| person_of(a) != person_of(have_quote[0]))
    {
        let who: Vec<String> = have_quote
            .iter()
            .map(|&a| format!("{}: {}", name(a), person_of(a)))
            .collect();
        parts.push(format!("speaker differs ({})", who.join("; ")));
    }
    if parts.is_empty() {
        parts.push("the spans differ".to_string());
    }
    parts
}

fn single(c: &Cluster, a: usize) -> Option<&Item> {
    let mut it = c.of(a);
    let first = it.next()?;
    it.next().is_none().then_some(first)
}
