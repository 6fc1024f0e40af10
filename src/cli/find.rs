//! `quotebench find`: list a pattern's matches in a project's documents, or
//! with `--tag` write the project with every match tagged (as "Tag all"
//! does in the window: one label and its attributes, matches already
//! tagged so skipped and counted).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use serde::Serialize;

use quotebench::format::{load_project, save_project};
use quotebench::search::{DocumentHits, Located, Query, TagCounts, check_label, find_all, locate, tag_all};

use super::{emit, plural};

/// What the command line was given.
pub struct FindArgs<'a> {
    pub project: &'a Path,
    pub pattern: &'a str,
    pub regex: bool,
    pub match_case: bool,
    pub whole_words: bool,
    pub tag: Option<&'a str>,
    pub attrs: &'a [String],
    pub output: Option<&'a Path>,
    pub json: bool,
    pub force: bool,
}

#[derive(Serialize)]
struct DocumentReport {
    id: String,
    title: String,
    matches: Vec<Located>,
    /// With `--tag`: what tagging them did.
    #[serde(skip_serializing_if = "Option::is_none")]
    tagging: Option<TagCounts>,
}

#[derive(Serialize)]
struct Report {
    project: String,
    pattern: String,
    regex: bool,
    match_case: bool,
    whole_words: bool,
    total: usize,
    /// More matches than the limit: only the first ones are listed (and tagged).
    capped: bool,
    limit: usize,
    /// Matches of no text that the pattern also had (skipped).
    empty_skipped: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    tag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    output: Option<String>,
    documents: Vec<DocumentReport>,
}

/// `--attr KEY=VALUE`s as a map; a malformed one says which.
fn parse_attrs(attrs: &[String]) -> anyhow::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for a in attrs {
        match a.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                out.insert(k.trim().to_string(), v.to_string());
            }
            _ => bail!("--attr {a:?} is not KEY=VALUE (e.g. --attr person=\"Cressida Dick\")"),
        }
    }
    Ok(out)
}

/// Lists or tags; exit 0 when something matched, 1 when nothing did.
pub fn find(a: FindArgs<'_>) -> anyhow::Result<ExitCode> {
    let attrs = parse_attrs(a.attrs)?;
    let output = match (a.tag, a.output) {
        (Some(_), None) => bail!("--tag writes the tagged project to a new file: give it with -o OUT"),
        (_, Some(out)) if out.exists() && !a.force => {
            bail!("{} exists already (use --force to overwrite it)", out.display())
        }
        (_, out) => out,
    };
    let loaded = load_project(a.project)?;
    if !loaded.problems.is_empty() {
        eprintln!(
            "warning: {} has {} (see `quotebench check`); searching what it holds",
            a.project.display(),
            plural(loaded.problems.len(), "problem")
        );
    }
    let mut project = loaded.project;
    let query = Query {
        pattern: a.pattern.to_string(),
        regex: a.regex,
        match_case: a.match_case,
        whole_words: a.whole_words,
        ..Query::default()
    };
    let finder = query.compile()?;
    let hits: Vec<DocumentHits> = find_all(&project, &finder);
    let mut report = Report {
        project: a.project.display().to_string(),
        pattern: a.pattern.to_string(),
        regex: a.regex,
        match_case: a.match_case,
        whole_words: a.whole_words,
        total: hits.iter().map(|h| h.found.matches.len()).sum(),
        capped: hits.iter().any(|h| h.found.capped),
        limit: finder.limit(),
        empty_skipped: hits.iter().map(|h| h.found.empty_skipped).sum(),
        tag: a.tag.map(str::to_string),
        output: output.map(|o| o.display().to_string()),
        documents: Vec::with_capacity(hits.len()),
    };
    if let Some(label) = a.tag {
        // Checked before any document is touched, also when nothing matched.
        check_label(&project.tagset, label, &attrs)
            .with_context(|| format!("--tag {label} in {}", a.project.display()))?;
    }
    for h in &hits {
        let d = &project.documents[h.doc];
        let mut doc = DocumentReport {
            id: d.id.clone(),
            title: d.title.clone(),
            matches: locate(d.text(), &h.found.matches),
            tagging: None,
        };
        if let Some(label) = a.tag {
            let t = tag_all(&project, h.doc, &h.found.matches, label, &attrs)
                .with_context(|| format!("tagging the matches in document {}", doc.id))?;
            doc.tagging = Some(TagCounts {
                tagged: t.tagged,
                already: t.already,
            });
            if let Some(edit) = t.edit {
                edit.apply(&mut project)
                    .with_context(|| format!("tagging the matches in document {}", doc.id))?;
            }
        }
        report.documents.push(doc);
    }
    if report.capped {
        eprintln!(
            "warning: more than {} matches; only the first {} are {}",
            report.limit,
            report.limit,
            if a.tag.is_some() { "tagged" } else { "listed" }
        );
    }
    if let Some(out) = output {
        save_project(&project, out)?;
    }
    if a.json {
        emit(&serde_json::to_string_pretty(&report).context("writing the matches as JSON")?);
    } else {
        print_text(&report);
    }
    Ok(if report.total == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_text(r: &Report) {
    for d in &r.documents {
        if r.tag.is_none() {
            for m in &d.matches {
                emit(&format!(
                    "{}:{}:{}: {}..{}: {}[{}]{}",
                    d.id, m.line, m.column, m.range.start, m.range.end, m.before, m.text, m.after
                ));
            }
        }
        if let Some(t) = &d.tagging {
            emit(&format!(
                "{}: {} matched, tagged {}, {} already tagged",
                d.id,
                d.matches.len(),
                t.tagged,
                t.already
            ));
        }
    }
    let mut line = format!(
        "{} in {}",
        plural(r.total, "match"),
        plural(r.documents.len(), "document")
    )
    .replace("matchs", "matches");
    if r.capped {
        line.push_str(&format!(" (capped at {})", r.limit));
    }
    if r.empty_skipped > 0 {
        line.push_str(&format!(
            "; {} of no text skipped",
            plural(r.empty_skipped, "empty match").replace("matchs", "matches")
        ));
    }
    if let (Some(tag), Some(out)) = (&r.tag, &r.output) {
        let tagged: usize = r
            .documents
            .iter()
            .filter_map(|d| d.tagging)
            .map(|t| t.tagged)
            .sum();
        let already: usize = r
            .documents
            .iter()
            .filter_map(|d| d.tagging)
            .map(|t| t.already)
            .sum();
        line.push_str(&format!(
            "; tagged {tagged} as {tag}, {already} already tagged; wrote {out}"
        ));
    }
    emit(&line);
}
