//! The quotes table as CSV, one row per quote, for spreadsheets:
//! document, quote id, quote text, kind, speaker mention(s), person(s),
//! cue(s), the quote's char offsets (hull and fragments), and (issue 13)
//! the document's status and the attributes of the quote's `said_by`
//! link(s) as `name=value` pairs joined by `; ` (one group per speaker, in
//! the order of the `speaker` column, groups joined by ` | `).
//!
//! A cell a spreadsheet would read as a formula (beginning with `=`, `+`,
//! `-`, `@`, a tab or a carriage return) gets a leading `'`, so a colleague's
//! spreadsheet cannot be attacked through a quote's text (OWASP's advice on
//! CSV injection).

use std::path::Path;

use super::{ExportReport, write_file};
use crate::format::FormatError;
use crate::model::{Project, names, person_of_speaker};

pub(super) const HEADER: [&str; 12] = [
    "document",
    "quote_id",
    "quote",
    "kind",
    "speaker",
    "person",
    "cue",
    "start",
    "end",
    "fragments",
    "status",
    "said_by_attributes",
];

/// The cell as written: a leading `'` when a spreadsheet would run it.
pub(super) fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

pub(super) fn export(project: &Project, out: &Path) -> Result<ExportReport, FormatError> {
    let mut report = ExportReport::default();
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| FormatError::Serialize {
        path: out.display().to_string(),
        message: e.to_string(),
    };
    w.write_record(HEADER).map_err(fail)?;
    for doc in &project.documents {
        for q in doc.annotations_in_order().filter(|a| a.label == names::QUOTE) {
            let links: Vec<_> = doc
                .relations_of(&q.id)
                .filter(|r| r.from == q.id && r.kind == names::SAID_BY)
                .filter(|r| doc.annotation(&r.to).is_some())
                .collect();
            let link_attributes: Vec<String> = links
                .iter()
                .map(|r| {
                    let pairs: Vec<String> = r
                        .attributes
                        .iter()
                        .filter(|(_, v)| !v.is_empty())
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect();
                    pairs.join("; ")
                })
                .collect();
            let speakers: Vec<_> = doc.targets(&q.id, names::SAID_BY).collect();
            let mention: Vec<String> = speakers.iter().map(|s| s.covered_text()).collect();
            let mut people: Vec<String> = Vec::new();
            for p in speakers.iter().map(|s| person_of_speaker(s)) {
                if !people.contains(&p) {
                    people.push(p);
                }
            }
            let cues: Vec<String> = doc
                .sources(&q.id, names::CUE_OF)
                .map(|c| c.covered_text())
                .collect();
            let hull = q.hull();
            let fragments: Vec<String> = q
                .fragments
                .iter()
                .map(|f| format!("{}..{}", f.start, f.end))
                .collect();
            let row = [
                doc.id.clone(),
                q.id.clone(),
                q.covered_text(),
                q.attribute(names::KIND).unwrap_or_default().to_string(),
                mention.join("; "),
                people.join("; "),
                cues.join("; "),
                hull.start.to_string(),
                hull.end.to_string(),
                fragments.join(";"),
                doc.status().key().to_string(),
                if link_attributes.iter().all(String::is_empty) {
                    String::new()
                } else {
                    link_attributes.join(" | ")
                },
            ];
            w.write_record(row.iter().map(|c| neutralise(c))).map_err(fail)?;
            report.items += 1;
        }
    }
    let bytes = w.into_inner().map_err(|e| FormatError::Serialize {
        path: out.display().to_string(),
        message: e.to_string(),
    })?;
    write_file(out, &bytes)?;
    report.files_written = 1;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        assert_eq!(neutralise("plain “quote”"), "plain “quote”");
        assert_eq!(neutralise(""), "");
    }
}
