//! `quotebench new`, `check` and `stats`: one project at a time.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use quotebench::format::{TextEncoding, load_project, project_from_article, save_project, user_name};

use super::stats::project_stats;
use super::{emit, plural};

/// Makes a project of the text file `text_file`, named after it.
pub fn new_project(
    text_file: &Path,
    output: &Path,
    title: Option<String>,
    annotator: Option<String>,
    force: bool,
    encoding: TextEncoding,
) -> anyhow::Result<()> {
    if output.exists() && !force {
        bail!(
            "{} exists already (use --force to overwrite it)",
            output.display()
        );
    }
    let annotator = annotator.unwrap_or_else(user_name);
    let (project, notes) = project_from_article(text_file, title, &annotator, encoding)?;
    for n in notes {
        emit(&format!("note: {n}"));
    }
    save_project(&project, output)?;
    let d = &project.documents[0];
    emit(&format!(
        "wrote {} ({} characters, title {:?})",
        output.display(),
        d.char_len(),
        d.title
    ));
    Ok(())
}

/// Validates a project: 0 when clean, 1 with the problems listed on
/// stdout (`FILE:LINE:COLUMN: problem`), an error (`FILE:LINE:COLUMN:` of
/// the syntax error) when it cannot be read.
pub fn check(path: &Path) -> anyhow::Result<ExitCode> {
    let loaded = load_project(path)?;
    if loaded.problems.is_empty() {
        let p = &loaded.project;
        let anns: usize = p.documents.iter().map(|d| d.annotation_count()).sum();
        let rels: usize = p.documents.iter().map(|d| d.relations().count()).sum();
        emit(&format!(
            "{}: OK ({} documents, {anns} annotations, {rels} relations)",
            path.display(),
            p.documents.len()
        ));
        report_pending_conflicts(path, p);
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &loaded.problems {
        emit(&format!("{}:{problem}", path.display()));
    }
    eprintln!("{}", plural(loaded.problems.len(), "problem"));
    Ok(ExitCode::from(1))
}

/// Merge conflicts the file holds (left by `merge-file`, issue 17) are not
/// problems (the file is sound and opens), but a person has to settle them:
/// each is listed, after the OK line, the project's own first, then each
/// with its document.
fn report_pending_conflicts(path: &Path, p: &quotebench::model::Project) {
    let pending: Vec<String> = p
        .conflicts
        .iter()
        .map(|c| format!("project: {}", c.describe()))
        .chain(p.documents.iter().flat_map(|d| {
            d.conflicts()
                .iter()
                .map(move |c| format!("document {}: {}", d.id, c.describe()))
        }))
        .collect();
    if pending.is_empty() {
        return;
    }
    emit(&format!(
        "{}: {} to settle in the window's review panel:",
        path.display(),
        plural(pending.len(), "merge conflict")
    ));
    for line in pending {
        emit(&format!("  {line}"));
    }
}

/// Counts per label and the people quoted, as text or JSON.
pub fn stats(path: &Path, json: bool) -> anyhow::Result<()> {
    let loaded = load_project(path)?;
    let s = project_stats(&loaded.project);
    if json {
        emit(&serde_json::to_string_pretty(&s).context("writing the counts as JSON")?);
    } else {
        emit(s.to_text().trim_end());
    }
    Ok(())
}
