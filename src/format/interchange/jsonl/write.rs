//! Writing doccano's and Prodigy's JSONL: one document a line, one span a
//! fragment, relations in each shape's own way.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Value, json};

use super::super::{ExportReport, LabelMap, write_file};
use super::Flavour;
use crate::format::FormatError;
use crate::model::{Document, Project};

/// One fragment as written: (start, end, label), and the annotation it is of.
struct SpanOut<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    annotation: &'a str,
}

/// Counts of what a shape could not say, for the report's notes.
#[derive(Default)]
struct Lost {
    split: usize,
    attributes: usize,
    notes: usize,
    aside: usize,
    relation_attributes: usize,
    relations_of_split: usize,
    dangling: usize,
}

pub(in crate::format::interchange) fn export(
    project: &Project,
    out: &Path,
    map: &LabelMap,
    flavour: Flavour,
) -> Result<ExportReport, FormatError> {
    let mut report = ExportReport::default();
    let mut lost = Lost::default();
    // doccano keeps relations only in its relation-extraction shape
    // (`entities` + `relations`); a project with relations is written in that
    // shape throughout, one without in the sequence-labelling shape (`label`).
    let entities = flavour == Flavour::Doccano && project.documents.iter().any(|d| d.relations().count() > 0);
    let mut s = String::new();
    for doc in &project.documents {
        let spans = spans_of(doc, map, &mut lost);
        report.items += spans.len();
        let relations = relations_of(doc, &spans, map, &mut lost);
        let mut line = match flavour {
            Flavour::Doccano if entities => json!({
                "text": doc.text(),
                "entities": spans
                    .iter()
                    .enumerate()
                    .map(|(k, sp)| json!({"id": k + 1, "label": sp.label, "start_offset": sp.start, "end_offset": sp.end}))
                    .collect::<Vec<_>>(),
                "relations": relations
                    .iter()
                    .enumerate()
                    .map(|(k, (from, to, kind))| json!({"id": k + 1, "from_id": from + 1, "to_id": to + 1, "type": kind}))
                    .collect::<Vec<_>>(),
                "document": doc.id,
                "title": doc.title,
            }),
            Flavour::Doccano => json!({
                "text": doc.text(),
                "label": spans.iter().map(|sp| json!([sp.start, sp.end, sp.label])).collect::<Vec<_>>(),
                "document": doc.id,
                "title": doc.title,
            }),
            Flavour::Prodigy => {
                let span = |sp: &SpanOut| json!({"start": sp.start, "end": sp.end, "label": sp.label});
                let mut line = json!({
                    "text": doc.text(),
                    "spans": spans.iter().map(span).collect::<Vec<_>>(),
                    "meta": {"document": doc.id, "title": doc.title},
                });
                if !relations.is_empty()
                    && let Value::Object(m) = &mut line
                {
                    let rels: Vec<Value> = relations
                        .iter()
                        .map(|(from, to, kind)| {
                            json!({"head_span": span(&spans[*from]), "child_span": span(&spans[*to]), "label": kind})
                        })
                        .collect();
                    m.insert("relations".into(), Value::Array(rels));
                }
                line
            }
        };
        // issue 13: the document's progress, where each shape keeps extra
        // fields (doccano: the record, as metadata; Prodigy: `meta`); left
        // out at their defaults so other exports are unchanged.
        let place = match flavour {
            Flavour::Doccano => Some(&mut line),
            Flavour::Prodigy => line.get_mut("meta"),
        };
        if let Some(Value::Object(m)) = place {
            if !doc.status().is_new() {
                m.insert("status".into(), json!(doc.status().key()));
            }
            if !doc.attributes().is_empty() {
                m.insert("attributes".into(), json!(doc.attributes()));
            }
        }
        s.push_str(&line.to_string());
        s.push('\n');
    }
    write_file(out, s.as_bytes())?;
    report.files_written = 1;
    lost.into_notes(&mut report.notes);
    Ok(report)
}

/// Every fragment of the document, sorted by (start, end, label).
fn spans_of<'a>(doc: &'a Document, map: &'a LabelMap, lost: &mut Lost) -> Vec<SpanOut<'a>> {
    let mut spans = Vec::new();
    for a in doc.annotations() {
        lost.split += usize::from(a.fragments.len() > 1);
        lost.attributes += usize::from(a.attributes.values().any(|v| !v.is_empty()));
        lost.notes += usize::from(!a.note.trim().is_empty());
        for f in &a.fragments {
            spans.push(SpanOut {
                start: f.start,
                end: f.end,
                label: map.map_back(&a.label),
                annotation: &a.id,
            });
        }
    }
    lost.aside += doc.set_aside().len();
    spans.sort_by(|a, b| {
        (a.start, a.end, a.label, a.annotation).cmp(&(b.start, b.end, b.label, b.annotation))
    });
    spans
}

/// The document's relations as (from span, to span, kind), indexes into
/// `spans` (an annotation in fragments is its first fragment's span),
/// sorted so that a file read back writes the same bytes.
fn relations_of<'a>(
    doc: &'a Document,
    spans: &[SpanOut],
    map: &'a LabelMap,
    lost: &mut Lost,
) -> Vec<(usize, usize, &'a str)> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (k, sp) in spans.iter().enumerate() {
        first.entry(sp.annotation).or_insert(k);
    }
    let split = |id: &str| doc.annotation(id).is_some_and(|a| a.fragments.len() > 1);
    let mut out = Vec::new();
    for r in doc.relations() {
        match (first.get(r.from.as_str()), first.get(r.to.as_str())) {
            (Some(&from), Some(&to)) => {
                lost.relation_attributes += usize::from(r.attributes.values().any(|v| !v.is_empty()));
                lost.relations_of_split += usize::from(split(&r.from) || split(&r.to));
                out.push((from, to, map.map_back(&r.kind)));
            }
            _ => lost.dangling += 1,
        }
    }
    out.sort();
    out
}

impl Lost {
    fn into_notes(self, notes: &mut Vec<String>) {
        let mut note = |n: usize, what: &str| {
            if n > 0 {
                notes.push(format!("{n} {what}"));
            }
        };
        note(
            self.split,
            "discontinuous annotations were written as one span per fragment",
        );
        note(
            self.relations_of_split,
            "relations of discontinuous annotations point to their first fragment",
        );
        note(
            self.relation_attributes,
            "relations' attributes are not part of this format and were left out",
        );
        note(
            self.dangling,
            "relations whose ends are not written (kept aside) were left out",
        );
        note(
            self.attributes,
            "annotations' attributes are not part of this format and were left out",
        );
        note(
            self.notes,
            "annotations' notes are not part of this format and were left out",
        );
        note(
            self.aside,
            "annotations kept aside because they did not fit their text were left out",
        );
    }
}
