//! Writing doccano's and Prodigy's JSONL: one document a line, one span a
//! fragment.

use std::path::Path;

use serde_json::json;

use super::super::{ExportReport, LabelMap, write_file};
use super::Flavour;
use crate::format::FormatError;
use crate::model::Project;

pub(in crate::format::interchange) fn export(
    project: &Project,
    out: &Path,
    map: &LabelMap,
    flavour: Flavour,
) -> Result<ExportReport, FormatError> {
    let mut report = ExportReport::default();
    let mut s = String::new();
    let (mut split, mut relations, mut attributes, mut notes, mut aside) = (0, 0, 0, 0, 0);
    for doc in &project.documents {
        let mut spans: Vec<(usize, usize, &str)> = Vec::new();
        for a in doc.annotations() {
            split += usize::from(a.fragments.len() > 1);
            attributes += usize::from(a.attributes.values().any(|v| !v.is_empty()));
            notes += usize::from(!a.note.trim().is_empty());
            for f in &a.fragments {
                spans.push((f.start, f.end, map.map_back(&a.label)));
            }
        }
        aside += doc.set_aside().len();
        relations += doc.relations().count();
        spans.sort();
        report.items += spans.len();
        let mut line = match flavour {
            Flavour::Doccano => json!({
                "text": doc.text(),
                "label": spans.iter().map(|(s, e, l)| json!([s, e, l])).collect::<Vec<_>>(),
                "document": doc.id,
                "title": doc.title,
            }),
            Flavour::Prodigy => json!({
                "text": doc.text(),
                "spans": spans
                    .iter()
                    .map(|(s, e, l)| json!({"start": s, "end": e, "label": l}))
                    .collect::<Vec<_>>(),
                "meta": {"document": doc.id, "title": doc.title},
            }),
        };
        // issue 13: the document's progress, where each shape keeps extra
        // fields (doccano: the record, as metadata; Prodigy: `meta`); left
        // out at their defaults so other exports are unchanged.
        let place = match flavour {
            Flavour::Doccano => Some(&mut line),
            Flavour::Prodigy => line.get_mut("meta"),
        };
        if let Some(serde_json::Value::Object(m)) = place {
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
    let mut note = |n: usize, what: &str| {
        if n > 0 {
            report.notes.push(format!("{n} {what}"));
        }
    };
    note(
        split,
        "discontinuous annotations were written as one span per fragment",
    );
    note(
        relations,
        "relations are not part of this format and were left out",
    );
    note(
        attributes,
        "annotations' attributes are not part of this format and were left out",
    );
    note(
        notes,
        "annotations' notes are not part of this format and were left out",
    );
    note(
        aside,
        "annotations kept aside because they did not fit their text were left out",
    );
    Ok(report)
}
