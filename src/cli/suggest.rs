//! `quotebench suggest`: a project (or a text) in, the same project with
//! every suggestion at or above a confidence accepted out, as if the
//! annotator had accepted each in the window (links, `kind`, `person`,
//! origin), so that `export` writes them like hand-made tags.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use anyhow::{Context as _, bail};
use serde::Serialize;

use quotebench::format::{TextEncoding, load_project, project_from_article, save_project, user_name};
use quotebench::model::{Document, Project, names};
use quotebench::suggest::accept_above::{AcceptCounts, accept_above};
use quotebench::suggest::all::suggest_all;
use quotebench::suggest::learn::{Model, TrainOptions};
use quotebench::suggest::{Context, Suggestion, learn, rules};

use super::{emit, plural};

/// The confidence at or above which suggestions are accepted by default.
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.5;

/// `--min-confidence`: a number from 0 to 1.
pub fn parse_confidence(s: &str) -> Result<f32, String> {
    let v: f32 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number; give a confidence from 0 to 1, e.g. 0.8"))?;
    if !(0.0..=1.0).contains(&v) {
        return Err(format!(
            "{v} is outside 0..1; give a confidence from 0 to 1, e.g. 0.8"
        ));
    }
    Ok(v)
}

#[derive(Serialize)]
struct DocumentReport {
    id: String,
    #[serde(flatten)]
    counts: AcceptCounts,
    /// Why the engine gave nothing for this document, if it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    engine_error: Option<String>,
}

#[derive(Serialize)]
struct Report {
    input: String,
    output: String,
    min_confidence: f32,
    trained_on: usize,
    documents: Vec<DocumentReport>,
}

/// What the command line was given.
pub struct SuggestArgs<'a> {
    pub input: &'a Path,
    pub output: &'a Path,
    pub min_confidence: f32,
    pub train: &'a [PathBuf],
    pub json: bool,
    pub force: bool,
    /// The encoding of a plain-text INPUT.
    pub encoding: TextEncoding,
}

pub fn suggest(a: SuggestArgs<'_>) -> anyhow::Result<()> {
    if a.output.exists() && !a.force {
        bail!(
            "{} exists already (use --force to overwrite it)",
            a.output.display()
        );
    }
    let mut project = read_input(a.input, a.encoding)?;
    if project.tagset.label(names::QUOTE).is_none() {
        bail!(
            "the tag set of {} has no label \"{}\", so no suggestion could be accepted; add the label to the tag set first",
            a.input.display(),
            names::QUOTE
        );
    }
    let model = match a.train {
        [] => None,
        paths => Some(train_model(paths)?),
    };
    // The rules, and what the model adds to them (it reads the rules'
    // suggestions as features, as it did in training).
    let engine = |text: &str, ctx: &Context| -> Vec<Suggestion> {
        let mut found = rules::suggest(text, ctx);
        if let Some((m, _)) = &model {
            m.extend(text, &mut found);
        }
        found
    };
    let all = suggest_all(&project, engine, &|_, _| {}, &AtomicBool::new(false))
        .context("suggesting was cancelled")?;
    let mut documents = Vec::with_capacity(all.len());
    // Why suggestions were not accepted, each reason once with how often.
    let mut not_accepted: BTreeMap<String, usize> = BTreeMap::new();
    for (i, result) in all.into_iter().enumerate() {
        let id = project.documents[i].id.clone();
        let (suggestions, engine_error) = match result {
            Ok(s) => (s, None),
            Err(e) => {
                eprintln!("warning: {e}; the document is left as it was");
                (Vec::new(), Some(e.to_string()))
            }
        };
        let out = accept_above(
            i,
            &project.documents[i],
            &project.tagset,
            suggestions,
            a.min_confidence,
        );
        for e in &out.errors {
            *not_accepted.entry(e.to_string()).or_default() += 1;
        }
        if let Some(edit) = out.edit {
            // issue 14: speakers point to the register's people; new ones are added.
            let edit = quotebench::suggest::people::link_people(edit, &project.people);
            edit.apply(&mut project)
                .with_context(|| format!("accepting the suggestions in document {id}"))?;
        }
        documents.push(DocumentReport {
            id,
            counts: out.counts,
            engine_error,
        });
    }
    for (why, n) in &not_accepted {
        let times = if *n > 1 {
            format!(" (in {n} documents)")
        } else {
            String::new()
        };
        eprintln!("warning: not accepted: {why}{times}");
    }
    save_project(&project, a.output)?;
    let report = Report {
        input: a.input.display().to_string(),
        output: a.output.display().to_string(),
        min_confidence: a.min_confidence,
        trained_on: model.as_ref().map_or(0, |(_, n)| *n),
        documents,
    };
    if a.json {
        emit(&serde_json::to_string_pretty(&report).context("writing the counts as JSON")?);
    } else {
        print_text(&report);
    }
    Ok(())
}

/// A model trained on the Quote, Speaker and Cue annotations of the
/// documents of `paths` that have quotes; with how many documents.
fn train_model(paths: &[PathBuf]) -> anyhow::Result<(Model, usize)> {
    let mut projects = Vec::with_capacity(paths.len());
    for path in paths {
        let loaded = load_project(path).context("reading a --train project")?;
        if !loaded.problems.is_empty() {
            eprintln!(
                "warning: {} has {} (see `quotebench check`); training on what it holds",
                path.display(),
                plural(loaded.problems.len(), "problem")
            );
        }
        projects.push(loaded.project);
    }
    let examples: Vec<&Document> = projects
        .iter()
        .flat_map(|p| &p.documents)
        .filter(|d| d.label_count(names::QUOTE) > 0)
        .collect();
    if examples.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        bail!(
            "the --train projects ({}) hold no Quote annotations to learn from",
            names.join(", ")
        );
    }
    let started = Instant::now();
    let model = learn::train(&examples, &TrainOptions::default(), &|_, _| {});
    eprintln!(
        "trained a model on {} in {:.1} s",
        plural(examples.len(), "document"),
        started.elapsed().as_secs_f64()
    );
    Ok((model, examples.len()))
}

/// A project file (`*.ron`) as it is, or a text file as a new project of
/// one document (as `quotebench new` makes it).
fn read_input(input: &Path, encoding: TextEncoding) -> anyhow::Result<Project> {
    if input.to_string_lossy().ends_with(".ron") {
        let loaded = load_project(input)?;
        if !loaded.problems.is_empty() {
            eprintln!(
                "warning: {} has {} (see `quotebench check`); suggesting on what it holds",
                input.display(),
                plural(loaded.problems.len(), "problem")
            );
        }
        return Ok(loaded.project);
    }
    let (project, notes) = project_from_article(input, None, &user_name(), encoding)?;
    for n in notes {
        eprintln!("note: {n}");
    }
    if project.documents.iter().all(|d| d.text().trim().is_empty()) {
        eprintln!(
            "warning: {} holds no text; there is nothing to suggest",
            input.display()
        );
    }
    Ok(project)
}

fn print_text(r: &Report) {
    let mut total = AcceptCounts::default();
    for d in &r.documents {
        let c = &d.counts;
        emit(&format!(
            "{}: {} accepted ({} direct, {} indirect, {} mixed, {}), {} below {}",
            d.id,
            plural(c.accepted, "suggestion"),
            c.direct,
            c.indirect,
            c.mixed,
            plural(c.claims, "claim"),
            c.below_threshold,
            r.min_confidence
        ));
        total.accepted += c.accepted;
        total.speakers += c.speakers;
        total.cues += c.cues;
        total.links += c.links;
    }
    emit(&format!(
        "wrote {} ({}, {} accepted with {} speakers, {} cues and {} links)",
        r.output,
        plural(r.documents.len(), "document"),
        plural(total.accepted, "suggestion"),
        total.speakers,
        total.cues,
        total.links
    ));
}
