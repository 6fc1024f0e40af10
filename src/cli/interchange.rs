//! `quotebench import` and `export`: other tools' formats, read from and
//! written through the format table ([`quotebench::format::interchange::FORMATS`]).

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use quotebench::format::interchange::{self, ExportFormat, ImportFormat, ImportOptions, LabelMap};
use quotebench::format::{load_project, save_project};

use super::{emit, plural};

/// Where the project of `annotator` goes when an import makes several:
/// `corpus.qb.ron` -> `corpus_4e07.qb.ron`.
pub fn output_for_annotator(output: &Path, annotator: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, ext) = match name.strip_suffix(".qb.ron") {
        Some(stem) => (stem.to_string(), ".qb.ron".to_string()),
        None => match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => (stem.to_string(), format!(".{ext}")),
            _ => (name.clone(), ".qb.ron".to_string()),
        },
    };
    let who: String = annotator
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' })
        .collect();
    output.with_file_name(format!("{stem}_{who}{ext}"))
}

pub fn import(
    from: Option<ImportFormat>,
    paths: &[PathBuf],
    output: &Path,
    map: &[String],
    annotator: Option<String>,
    force: bool,
) -> anyhow::Result<()> {
    let opts = ImportOptions {
        format: from,
        map: LabelMap::parse(map)?,
        annotator,
    };
    let result = interchange::import(paths, &opts, &|_, _| {})?;
    if result.projects.is_empty() {
        for issue in &result.issues {
            eprintln!("{issue}");
        }
        bail!("nothing was imported");
    }
    let several = result.projects.len() > 1;
    let targets: Vec<PathBuf> = result
        .projects
        .iter()
        .map(|p| {
            if several {
                output_for_annotator(output, &p.annotator)
            } else {
                output.to_path_buf()
            }
        })
        .collect();
    if !force && let Some(t) = targets.iter().find(|t| t.exists()) {
        bail!("{} exists already (use --force to overwrite it)", t.display());
    }
    for issue in &result.issues {
        emit(&issue.to_string());
    }
    // Each project is written on its own thread: serialising and fsyncing
    // six per-annotator projects one after another doubles the import time.
    let saved: Vec<anyhow::Result<()>> = std::thread::scope(|s| {
        let handles: Vec<_> = result
            .projects
            .iter()
            .zip(&targets)
            .map(|(p, target)| s.spawn(move || save_project(p, target).map_err(anyhow::Error::from)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow!("a writer thread panicked")))
            })
            .collect()
    });
    for ((p, target), saved) in result.projects.iter().zip(&targets).zip(saved) {
        saved?;
        let anns: usize = p.documents.iter().map(|d| d.annotation_count()).sum();
        let rels: usize = p.documents.iter().map(|d| d.relations().count()).sum();
        let who = if p.annotator.is_empty() {
            String::new()
        } else {
            format!(", annotator {}", p.annotator)
        };
        emit(&format!(
            "wrote {} ({} documents, {anns} annotations, {rels} relations{who})",
            target.display(),
            p.documents.len()
        ));
    }
    if !result.issues.is_empty() {
        emit(&format!(
            "{} (listed above)",
            plural(result.issues.len(), "issue")
        ));
    }
    Ok(())
}

pub fn export(
    to: ExportFormat,
    project: &Path,
    output: &Path,
    map: &[String],
    force: bool,
) -> anyhow::Result<()> {
    let map = LabelMap::parse(map)?;
    let info = to.info();
    let occupied = if info.folder {
        output.is_file() || std::fs::read_dir(output).is_ok_and(|mut d| d.next().is_some())
    } else {
        output.exists()
    };
    if occupied && !force {
        bail!(
            "{} exists already (use --force to overwrite it)",
            output.display()
        );
    }
    let loaded = load_project(project)?;
    let n = loaded.problems.len();
    if n > 0 {
        eprintln!(
            "warning: {} has {} (see `quotebench check`); exporting what it holds",
            project.display(),
            plural(n, "problem")
        );
    }
    let report = interchange::export_with_map(&loaded.project, to, output, &map)
        .with_context(|| format!("exporting {} as {}", project.display(), info.title))?;
    for note in &report.notes {
        emit(&format!("note: {note}"));
    }
    emit(&format!(
        "wrote {} ({}, {} {})",
        output.display(),
        plural(report.files_written, "file"),
        report.items,
        info.unit
    ));
    Ok(())
}
