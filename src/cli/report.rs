//! `quotebench report`: the source audit headless. Reads projects, counts
//! with [`quotebench::report::compute`], and writes the figures as text
//! (stdout), JSON, CSV or a self-contained HTML page.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use quotebench::format::{load_project, write_atomic};
use quotebench::model::{Project, Status};
use quotebench::report::{self, Dimension, Filter, Query, Report, is_day};

use super::{emit, plural};

/// The output a report is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Text,
    Json,
    Csv,
    Html,
}

pub struct ReportArgs<'a> {
    pub projects: &'a [PathBuf],
    pub by: &'a [String],
    pub format: Option<Output>,
    pub output: Option<&'a Path>,
    pub force: bool,
    pub statuses: &'a [String],
    pub outlets: &'a [String],
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    pub labels: &'a [String],
    pub annotators: &'a [String],
    pub title: Option<String>,
}

pub fn report(a: ReportArgs) -> anyhow::Result<()> {
    let mut loaded: Vec<Project> = Vec::new();
    for p in a.projects {
        let l = load_project(p).with_context(|| format!("reading {}", p.display()))?;
        for problem in &l.problems {
            eprintln!("note: {}: {problem}", p.display());
        }
        loaded.push(l.project);
    }
    let projects: Vec<&Project> = loaded.iter().collect();
    let query = Query {
        by: dimensions(a.by, &projects),
        filter: filter(&a)?,
    };
    let r = report::compute(&projects, &query);
    let format = match (a.format, a.output) {
        (Some(f), _) => f,
        (None, None) => Output::Text,
        (None, Some(out)) => from_extension(out)?,
    };
    let title = a.title.clone().unwrap_or_else(|| default_title(&projects));
    let body = match format {
        Output::Text => to_text(&r, &title),
        Output::Json => report::json::to_json(&r, &query),
        Output::Csv => report::csv::to_csv(&r),
        Output::Html => report::html::to_html(&r, &query, &title),
    };
    match a.output {
        None => {
            emit(body.trim_end());
        }
        Some(out) => {
            if out.exists() && !a.force {
                bail!("{} exists already (use --force to overwrite it)", out.display());
            }
            write_atomic(out, body.as_bytes()).with_context(|| format!("writing {}", out.display()))?;
            emit(&format!(
                "wrote {} ({}, {}, {})",
                out.display(),
                plural(r.documents, "document"),
                plural(r.total.count, "quote"),
                plural(r.tables.len(), "table")
            ));
        }
    }
    Ok(())
}

/// The dimensions asked for; none: person, kind, every person attribute of
/// the tag sets, outlet and month.
fn dimensions(by: &[String], projects: &[&Project]) -> Vec<Dimension> {
    let mut dims: Vec<Dimension> = by.iter().filter_map(|b| Dimension::parse(b, projects)).collect();
    if dims.is_empty() {
        dims = vec![Dimension::Person, Dimension::Kind];
        for p in projects {
            for a in &p.tagset.person_attributes {
                let d = Dimension::PersonAttribute(a.name.clone());
                if !dims.contains(&d) {
                    dims.push(d);
                }
            }
        }
        dims.extend([Dimension::Outlet, Dimension::Month]);
    }
    let mut seen = Vec::new();
    dims.retain(|d| {
        let new = !seen.contains(d);
        seen.push(d.clone());
        new
    });
    dims
}

fn filter(a: &ReportArgs) -> anyhow::Result<Filter> {
    let mut statuses = Vec::new();
    for s in a.statuses {
        match Status::parse(s) {
            Some(st) => statuses.push(st),
            None => bail!("unknown status {s:?} (new, in_progress, done or needs_review)"),
        }
    }
    for (flag, d) in [("--date-from", &a.date_from), ("--date-to", &a.date_to)] {
        if let Some(d) = d
            && !is_day(d)
        {
            bail!("{flag} {d:?} is not a day YYYY-MM-DD");
        }
    }
    Ok(Filter {
        statuses,
        outlets: a.outlets.to_vec(),
        date_from: a.date_from.clone(),
        date_to: a.date_to.clone(),
        labels: a.labels.to_vec(),
        annotators: a.annotators.to_vec(),
    })
}

fn from_extension(out: &Path) -> anyhow::Result<Output> {
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    Ok(match ext.as_str() {
        "json" => Output::Json,
        "csv" => Output::Csv,
        "html" | "htm" => Output::Html,
        "txt" => Output::Text,
        _ => bail!(
            "cannot tell the format of {} from its extension: add --json, --csv or --html",
            out.display()
        ),
    })
}

fn default_title(projects: &[&Project]) -> String {
    let names: Vec<&str> = projects
        .iter()
        .map(|p| p.name.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        "Source audit".into()
    } else {
        format!("Source audit: {}", names.join(", "))
    }
}

/// The figures as plain text, one block per table.
fn to_text(r: &Report, title: &str) -> String {
    let pct = |s: f64| format!("{:.1}%", s * 100.0);
    let agreed = |a: Option<usize>| a.map(|a| format!("  agreed {a}")).unwrap_or_default();
    let mut s = format!(
        "{title}\n{}, {}{}; without a speaker: {} ({})\n",
        plural(r.documents, "document"),
        plural(r.total.count, "quote"),
        agreed(r.total.agreed),
        r.without_speaker.count,
        pct(r.without_speaker.share)
    );
    for t in &r.tables {
        s.push_str(&format!("\n{}\n", t.title));
        let w = t
            .rows
            .iter()
            .map(|row| row.key.chars().count())
            .max()
            .unwrap_or(0)
            .min(40);
        for row in &t.rows {
            s.push_str(&format!(
                "  {:<w$}  {:>6}  {:>6}{}\n",
                row.key,
                row.figure.count,
                pct(row.figure.share),
                agreed(row.figure.agreed)
            ));
        }
    }
    s
}
