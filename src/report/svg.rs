//! Inline SVG charts for the HTML page: horizontal bars for a table, and
//! columns in month order for the timeline. No scripts, every text escaped.

use std::fmt::Write;

use super::Table;
use super::html::escape;

/// At most this many bars are drawn (the table beside lists every row).
pub(super) const MAX_BARS: usize = 25;

const BAR_H: usize = 22;
const LABEL_W: usize = 220;
const BAR_W: usize = 420;

/// Horizontal bars, one per row (the first [`MAX_BARS`]).
pub(super) fn bars(t: &Table) -> String {
    let rows = &t.rows[..t.rows.len().min(MAX_BARS)];
    let max = rows.iter().map(|r| r.figure.count).max().unwrap_or(0).max(1);
    let h = rows.len() * BAR_H + 8;
    let w = LABEL_W + BAR_W + 120;
    let mut s = format!(
        r#"<svg class="chart" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#,
        escape(&t.title)
    );
    for (i, r) in rows.iter().enumerate() {
        let y = i * BAR_H + 4;
        let len = (r.figure.count * BAR_W).div_ceil(max);
        let label = shorten(&r.key, 32);
        let _ = write!(
            s,
            r##"<text x="{lx}" y="{ty}" text-anchor="end">{label}</text><rect x="{LABEL_W}" y="{y}" width="{len}" height="{bh}" fill="#4a7bb7"><title>{key}: {n}</title></rect><text x="{vx}" y="{ty}">{n} ({pct:.1}%)</text>"##,
            lx = LABEL_W - 6,
            ty = y + 15,
            label = escape(&label),
            bh = BAR_H - 6,
            key = escape(&r.key),
            n = r.figure.count,
            vx = LABEL_W + len + 6,
            pct = r.figure.share * 100.0,
        );
    }
    s.push_str("</svg>");
    s
}

/// Columns in row order (months), with the month under every column.
pub(super) fn timeline(t: &Table) -> String {
    let rows = &t.rows;
    let max = rows.iter().map(|r| r.figure.count).max().unwrap_or(0).max(1);
    let col = if rows.len() > 24 { 18 } else { 36 };
    let plot_h = 160;
    let w = (rows.len() * col).max(200) + 40;
    let h = plot_h + 70;
    let mut s = format!(
        r#"<svg class="chart" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#,
        escape(&t.title)
    );
    let _ = write!(
        s,
        r##"<line x1="20" y1="{y}" x2="{x2}" y2="{y}" stroke="#888"/>"##,
        y = plot_h + 10,
        x2 = w - 10
    );
    for (i, r) in rows.iter().enumerate() {
        let x = 20 + i * col;
        let bh = (r.figure.count * plot_h).div_ceil(max);
        let _ = write!(
            s,
            r##"<rect x="{x}" y="{y}" width="{bw}" height="{bh}" fill="#4a7bb7"><title>{key}: {n}</title></rect><text x="{tx}" y="{ly}" transform="rotate(60 {tx} {ly})">{key}</text>"##,
            y = plot_h + 10 - bh,
            bw = col - 4,
            key = escape(&r.key),
            n = r.figure.count,
            tx = x + 4,
            ly = plot_h + 22,
        );
    }
    s.push_str("</svg>");
    s
}

/// `s` cut to `n` chars with an ellipsis.
fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
