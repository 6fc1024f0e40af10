//! The report's tables as CSV, one row per table row: `table, dimension,
//! key, quotes, share, agreed`; first the total and the quotes without a
//! speaker. A cell a spreadsheet would read as a formula (starting with
//! `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`.

use super::{Figure, Report};

/// The CSV text of `report`'s figures.
pub fn to_csv(report: &Report) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut rows: Vec<[String; 6]> = vec![[
        "table".into(),
        "dimension".into(),
        "key".into(),
        "quotes".into(),
        "share".into(),
        "agreed".into(),
    ]];
    let line = |table: &str, dim: &str, key: &str, f: &Figure| {
        [
            inert(table),
            inert(dim),
            inert(key),
            f.count.to_string(),
            format!("{:.4}", f.share),
            f.agreed.map(|a| a.to_string()).unwrap_or_default(),
        ]
    };
    rows.push(line("Total", "", "all quotes", &report.total));
    rows.push(line("Total", "", "without speaker", &report.without_speaker));
    for t in &report.tables {
        let dim = t.dimension.name();
        for r in &t.rows {
            rows.push(line(&t.title, &dim, &r.key, &r.figure));
        }
    }
    for r in rows {
        // Writing to a Vec cannot fail but for an I/O error of the Vec itself.
        if w.write_record(&r).is_err() {
            break;
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// `s`, made inert for spreadsheets: a leading `'` before a formula start.
pub fn inert(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_made_inert() {
        assert_eq!(inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("+1"), "'+1");
        assert_eq!(inert("-1"), "'-1");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("\tx"), "'\tx");
        assert_eq!(inert("Cressida Dick"), "Cressida Dick");
        assert_eq!(inert(""), "");
    }
}
