//! Writing Label Studio's JSON tasks (see the module above).

use std::path::Path;

use serde_json::{Value, json};

use super::super::{ExportReport, LabelMap, write_file};
use super::{FRAGMENT, LABELS, TEXT};
use crate::format::FormatError;
use crate::model::{Annotation, Document, Project};

/// The region id of fragment `k` of `a` (the first keeps the annotation's id).
pub(super) fn region_id(a: &Annotation, k: usize) -> String {
    if k == 0 {
        a.id.clone()
    } else {
        format!("{}~{}", a.id, k + 1)
    }
}

pub(in crate::format::interchange) fn export(
    project: &Project,
    out: &Path,
    map: &LabelMap,
) -> Result<ExportReport, FormatError> {
    let mut report = ExportReport::default();
    let (mut relation_attributes, mut aside) = (0, 0);
    let mut tasks = Vec::with_capacity(project.documents.len());
    for (n, doc) in project.documents.iter().enumerate() {
        let (result, items, rel_attrs) = results(doc, map);
        report.items += items;
        relation_attributes += rel_attrs;
        aside += doc.set_aside().len();
        let mut data = json!({"text": doc.text(), "document": doc.id, "title": doc.title});
        if !doc.status().is_new() {
            data["status"] = json!(doc.status().key());
        }
        if !doc.attributes().is_empty() {
            data["attributes"] = json!(doc.attributes());
        }
        let mut annotation = json!({"id": n + 1, "result": result, "was_cancelled": false});
        if !project.annotator.is_empty() {
            annotation["created_username"] = json!(project.annotator);
        }
        tasks.push(json!({
            "id": n + 1,
            "data": data,
            "annotations": [annotation],
            "predictions": [],
        }));
    }
    let text = serde_json::to_string_pretty(&Value::Array(tasks)).map_err(|e| FormatError::Io {
        path: out.display().to_string(),
        action: "export",
        source: std::io::Error::other(e),
    })?;
    write_file(out, text.as_bytes())?;
    report.files_written = 1;
    if relation_attributes > 0 {
        report.notes.push(format!(
            "{relation_attributes} relations' attributes are not part of this format and were left out"
        ));
    }
    if aside > 0 {
        report.notes.push(format!(
            "{aside} annotations kept aside because they did not fit their text were left out"
        ));
    }
    Ok(report)
}

/// The `result` items of one document, the spans written, and the relations
/// whose attributes could not be written.
fn results(doc: &Document, map: &LabelMap) -> (Vec<Value>, usize, usize) {
    let mut out = Vec::new();
    let mut spans = 0;
    for a in doc.annotations_in_order() {
        let label = map.map_back(&a.label);
        for (k, f) in a.fragments.iter().enumerate() {
            spans += 1;
            let id = region_id(a, k);
            let mut region = json!({
                "id": id,
                "from_name": LABELS,
                "to_name": TEXT,
                "type": "labels",
                "origin": "manual",
                "value": {"start": f.start, "end": f.end, "text": f.text, "labels": [label]},
            });
            if k == 0 && !a.note.is_empty() {
                region["meta"] = json!({"text": [a.note]});
            }
            out.push(region);
            if k == 0 {
                for (name, value) in a.attributes.iter().filter(|(_, v)| !v.is_empty()) {
                    out.push(json!({
                        "id": id,
                        "from_name": name,
                        "to_name": TEXT,
                        "type": "choices",
                        "origin": "manual",
                        "value": {"start": f.start, "end": f.end, "text": f.text, "choices": [value]},
                    }));
                }
            } else {
                out.push(relation(&region_id(a, 0), &id, FRAGMENT));
            }
        }
    }
    let mut with_attributes = 0;
    for r in doc.relations() {
        with_attributes += usize::from(!r.attributes.is_empty());
        out.push(relation(&r.from, &r.to, map.map_back(&r.kind)));
    }
    (out, spans, with_attributes)
}

fn relation(from: &str, to: &str, label: &str) -> Value {
    json!({
        "from_id": from,
        "to_id": to,
        "type": "relation",
        "direction": "right",
        "labels": [label],
    })
}
