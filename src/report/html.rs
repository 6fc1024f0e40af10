//! The report as one self-contained HTML page a journalist can mail
//! around: inline CSS, inline SVG charts (bars, and a timeline for months),
//! a table beside each chart, and under every row the quotes behind it
//! (`<details>`, which needs no script). No scripts, no external files;
//! every text from a project goes through [`escape`].

use std::fmt::Write;

use super::{Dimension, Figure, Query, Report, Table, svg};

/// At most this many quotes are listed under one figure (the JSON output
/// lists all of them).
pub const MAX_LISTED: usize = 200;

const STYLE: &str = "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;color:#222;max-width:1100px}\
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}\
.pair{display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start}\
table{border-collapse:collapse;font-size:.9em}th,td{padding:2px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}\
td.n{text-align:right}svg.chart{font-size:12px;font-family:inherit}\
details{font-size:.85em}details li{margin:.2em 0}.muted{color:#666}";

/// Escapes `&`, `<`, `>`, `"` and `'` for text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The whole page, titled `title`.
pub fn to_html(report: &Report, query: &Query, title: &str) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title><style>{STYLE}</style></head><body>\n<h1>{t}</h1>\n",
        t = escape(title)
    );
    let _ = write!(
        s,
        "<p>{docs} documents, <strong>{q}</strong> quotes; {ws} without a speaker ({pct:.1}%).{agreed}</p>\n<p class=\"muted\">{filter}</p>\n",
        docs = report.documents,
        q = report.total.count,
        ws = report.without_speaker.count,
        pct = report.without_speaker.share * 100.0,
        agreed = report
            .total
            .agreed
            .map(|a| format!(" All annotators agreed on {a} of them."))
            .unwrap_or_default(),
        filter = escape(&describe(query)),
    );
    s.push_str("<h2>Quotes without a speaker</h2>\n");
    s.push_str(&quote_list(report, &report.without_speaker));
    for t in &report.tables {
        section(&mut s, report, t);
    }
    s.push_str("</body></html>\n");
    s
}

fn section(s: &mut String, report: &Report, t: &Table) {
    let _ = write!(s, "<h2>{}</h2>\n<div class=\"pair\">", escape(&t.title));
    if t.rows.is_empty() {
        s.push_str("<p class=\"muted\">No quotes.</p></div>\n");
        return;
    }
    s.push_str(&if t.dimension == Dimension::Month {
        svg::timeline(t)
    } else {
        svg::bars(t)
    });
    let agreed = t.rows.iter().any(|r| r.figure.agreed.is_some());
    let _ = write!(
        s,
        "<table><thead><tr><th>{}</th><th>Quotes</th><th>Share</th>{}</tr></thead><tbody>",
        escape(&t.dimension.name()),
        if agreed { "<th>Agreed</th>" } else { "" }
    );
    for r in &t.rows {
        let _ = write!(
            s,
            "<tr><td>{key}{list}</td><td class=\"n\">{n}</td><td class=\"n\">{pct:.1}%</td>{ag}</tr>",
            key = escape(&r.key),
            list = quote_list(report, &r.figure),
            n = r.figure.count,
            pct = r.figure.share * 100.0,
            ag = if agreed {
                format!(
                    "<td class=\"n\">{}</td>",
                    r.figure.agreed.map(|a| a.to_string()).unwrap_or_default()
                )
            } else {
                String::new()
            }
        );
    }
    s.push_str("</tbody></table></div>\n");
}

/// The quotes behind a figure, folded.
fn quote_list(report: &Report, f: &Figure) -> String {
    if f.quotes.is_empty() {
        return String::new();
    }
    let mut s = format!("<details><summary>{} quotes</summary><ol>", f.quotes.len());
    for &i in f.quotes.iter().take(MAX_LISTED) {
        let Some(q) = report.quotes.get(i) else { continue };
        let _ = write!(
            s,
            "<li>“{text}” <span class=\"muted\">{who} · {doc} · {id}</span></li>",
            text = escape(&q.text),
            who = escape(q.person.as_deref().unwrap_or("no speaker")),
            doc = escape(&q.doc_id),
            id = escape(&q.quote_id),
        );
    }
    s.push_str("</ol>");
    if f.quotes.len() > MAX_LISTED {
        let _ = write!(
            s,
            "<p class=\"muted\">and {} more (the JSON output lists every one)</p>",
            f.quotes.len() - MAX_LISTED
        );
    }
    s.push_str("</details>");
    s
}

/// The filter in words.
pub fn describe(query: &Query) -> String {
    let f = &query.filter;
    let mut parts = Vec::new();
    if !f.statuses.is_empty() {
        let v: Vec<String> = f.statuses.iter().map(|s| s.to_string()).collect();
        parts.push(format!("documents {}", v.join(" or ")));
    }
    if !f.outlets.is_empty() {
        parts.push(format!("outlets {}", f.outlets.join(", ")));
    }
    match (&f.date_from, &f.date_to) {
        (Some(a), Some(b)) => parts.push(format!("dated {a} to {b}")),
        (Some(a), None) => parts.push(format!("dated from {a}")),
        (None, Some(b)) => parts.push(format!("dated up to {b}")),
        (None, None) => {}
    }
    let labels = if f.labels.is_empty() {
        "Quote".to_string()
    } else {
        f.labels.join(", ")
    };
    parts.push(format!("labels {labels}"));
    if !f.annotators.is_empty() {
        parts.push(format!("annotators {}", f.annotators.join(", ")));
    }
    format!("Counted: {}.", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(escape("Zoë 東京 😀"), "Zoë 東京 😀");
    }
}
