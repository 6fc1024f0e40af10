//! The counting: which documents and quotes pass the filter, and the
//! figures of every table.

use std::collections::{BTreeSet, HashMap};

use crate::model::{Annotation, Document, Project, names, person_of_speaker};

use super::dimension::{self, NOT_SET, key_of};
use super::{Dimension, Figure, Filter, Query, QuoteRef, Report, Row, Table};

/// How many chars of a quote [`QuoteRef::text`] keeps.
const TEXT_CHARS: usize = 160;

/// Counts the quotes of `projects` that pass `query.filter`, by each of
/// `query.by`. Pure; quotes in project, document and reading order.
pub fn compute(projects: &[&Project], query: &Query) -> Report {
    let f = &query.filter;
    let quote_labels: Vec<&str> = if f.labels.is_empty() {
        vec![names::QUOTE]
    } else {
        f.labels.iter().map(String::as_str).collect()
    };
    let mut report = Report::default();
    // Per counted quote: whether all its document's annotators made it
    // (`None`: no provenance), and its key in each table (`None`: no row).
    let mut agreed: Vec<Option<bool>> = Vec::new();
    let mut keys: Vec<Vec<Option<String>>> = vec![Vec::new(); query.by.len()];
    for (pi, project) in projects.iter().enumerate() {
        for (di, doc) in project.documents.iter().enumerate() {
            if !document_passes(doc, f) {
                continue;
            }
            report.documents += 1;
            let speakers = speakers_of(doc);
            let doc_annotators = annotators_of(doc);
            for q in doc.annotations_in_order() {
                if !quote_labels.contains(&q.label.as_str()) || !annotator_passes(q, project, f) {
                    continue;
                }
                let person = speakers.get(q.id.as_str()).map(|s| person_of_speaker(s));
                for (dim, column) in query.by.iter().zip(keys.iter_mut()) {
                    column.push(key_of(dim, doc, q, person.as_deref(), &project.people));
                }
                agreed.push(
                    (!q.annotators.is_empty())
                        .then(|| doc_annotators.iter().all(|a| q.annotators.iter().any(|x| x == a))),
                );
                report.quotes.push(QuoteRef {
                    project: pi,
                    doc: di,
                    doc_id: doc.id.clone(),
                    quote_id: q.id.clone(),
                    text: q.covered_text().chars().take(TEXT_CHARS).collect(),
                    person,
                });
            }
        }
    }
    let all: Vec<usize> = (0..report.quotes.len()).collect();
    let none: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| report.quotes[i].person.is_none())
        .collect();
    report.total = figure(all, report.quotes.len(), &agreed);
    report.without_speaker = figure(none, report.quotes.len(), &agreed);
    report.tables = query
        .by
        .iter()
        .zip(keys)
        .map(|(dim, column)| table(dim, column, &agreed))
        .collect();
    report
}

/// A figure of these quotes out of `total`.
fn figure(quotes: Vec<usize>, total: usize, agreed: &[Option<bool>]) -> Figure {
    let with_provenance = quotes.iter().filter(|&&i| agreed[i].is_some()).count();
    let agreed_count = quotes.iter().filter(|&&i| agreed[i] == Some(true)).count();
    Figure {
        count: quotes.len(),
        share: if total == 0 {
            0.0
        } else {
            quotes.len() as f64 / total as f64
        },
        agreed: (with_provenance > 0).then_some(agreed_count),
        quotes,
    }
}

/// One table: the quotes grouped by their key, shares of the quotes with a key.
fn table(dim: &Dimension, column: Vec<Option<String>>, agreed: &[Option<bool>]) -> Table {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    let mut total = 0;
    for (i, key) in column.into_iter().enumerate() {
        if let Some(k) = key {
            groups.entry(k).or_default().push(i);
            total += 1;
        }
    }
    let mut rows: Vec<Row> = groups
        .into_iter()
        .map(|(key, quotes)| Row {
            key,
            figure: figure(quotes, total, agreed),
        })
        .collect();
    if *dim == Dimension::Month {
        rows.sort_by(|a, b| (a.key == NOT_SET, &a.key).cmp(&(b.key == NOT_SET, &b.key)));
    } else {
        rows.sort_by(|a, b| {
            b.figure
                .count
                .cmp(&a.figure.count)
                .then_with(|| a.key.cmp(&b.key))
        });
    }
    Table {
        dimension: dim.clone(),
        title: dim.title(),
        rows,
    }
}

/// Whether a document passes the status, outlet and date filters.
fn document_passes(doc: &Document, f: &Filter) -> bool {
    if !f.statuses.is_empty() && !f.statuses.contains(&doc.status()) {
        return false;
    }
    if !f.outlets.is_empty() && !dimension::outlet(doc).is_some_and(|o| f.outlets.iter().any(|x| x == o)) {
        return false;
    }
    if f.date_from.is_none() && f.date_to.is_none() {
        return true;
    }
    // A day, or failing that a month (which then compares by its first day).
    let Some(day) = dimension::date(doc)
        .and_then(|d| dimension::iso_prefix(d, 10).or_else(|| dimension::iso_prefix(d, 7)))
    else {
        return false;
    };
    let from_ok = f.date_from.as_deref().is_none_or(|from| day >= from.trim());
    let to_ok = f.date_to.as_deref().is_none_or(|to| day <= to.trim());
    from_ok && to_ok
}

/// Whether a quote passes the annotators filter.
fn annotator_passes(q: &Annotation, project: &Project, f: &Filter) -> bool {
    if f.annotators.is_empty() {
        return true;
    }
    if q.annotators.is_empty() {
        f.annotators.contains(&project.annotator)
    } else {
        q.annotators.iter().any(|a| f.annotators.contains(a))
    }
}

/// Each quote's speaker: its first `said_by` link (by relation id) to an
/// annotation that exists. One pass over the relations.
fn speakers_of(doc: &Document) -> HashMap<&str, &Annotation> {
    let mut map = HashMap::new();
    for r in doc.relations().filter(|r| r.kind == names::SAID_BY) {
        if let Some(t) = doc.annotation(&r.to) {
            map.entry(r.from.as_str()).or_insert(t);
        }
    }
    map
}

/// The annotators of a curated document: everyone named in any of its
/// annotations' provenance (empty in an annotator's own file).
fn annotators_of(doc: &Document) -> BTreeSet<&str> {
    doc.annotations()
        .flat_map(|a| a.annotators.iter().map(String::as_str))
        .collect()
}
