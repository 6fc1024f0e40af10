//! The command line. No subcommand opens the window; subcommands run
//! headless and never open one.

mod agree;
mod stats;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::format::interchange::{self, ExportFormat, ImportFormat, ImportOptions, LabelMap};
use crate::format::{FormatError, TextEncoding, load_project, read_article, save_project};
use crate::model::Project;

pub use stats::{DocumentStats, PersonCount, ProjectStats, project_stats};

#[derive(Debug, Parser)]
#[command(
    name = "quotebench",
    version,
    about = "Annotate quotes, speakers, cues and claims in news articles"
)]
pub struct Cli {
    /// A project (.qb.ron) or plain-text file to open in the window; none opens the tagged sample.
    pub path: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new project from a plain-text article.
    New {
        /// The article, UTF-8 text.
        text_file: PathBuf,
        /// Where to write the project (.qb.ron).
        #[arg(short, long)]
        output: PathBuf,
        /// The document title (default: the first line of the text).
        #[arg(long)]
        title: Option<String>,
        /// Who will annotate it.
        #[arg(long)]
        annotator: Option<String>,
        /// Overwrite OUTPUT if it exists.
        #[arg(long)]
        force: bool,
        /// The text's encoding.
        #[arg(long, value_enum, default_value_t = TextEncoding::Utf8)]
        encoding: TextEncoding,
    },
    /// Validate a project: offsets, covered text, ids, labels, relations. Exit 0 when clean.
    Check { project: PathBuf },
    /// Counts per label and the people quoted, per document.
    Stats {
        project: PathBuf,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Make a project from plain text, brat standoff or doccano/Prodigy JSONL files or folders.
    Import {
        /// The format (default: guessed from the files' extensions).
        #[arg(long = "from", value_enum)]
        from: Option<ImportFormat>,
        /// Files or folders to import.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the project (.qb.ron); with several annotators,
        /// PROJECT_ANNOTATOR.qb.ron for each.
        #[arg(short, long)]
        output: PathBuf,
        /// Rename a label (or relation kind) FROM=TO, e.g. Source=Speaker; repeat it;
        /// `polnear` stands for Source=Speaker, Content=Quote, Cue=Cue.
        #[arg(long = "map", value_name = "FROM=TO")]
        map: Vec<String>,
        /// Import only this annotator's files (brat NAME_ANNOTATOR.ann); otherwise who annotated them.
        #[arg(long)]
        annotator: Option<String>,
        /// Overwrite the output if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write a project as brat standoff (a folder), doccano or Prodigy JSONL, or the quotes table as CSV.
    Export {
        /// The format.
        #[arg(long = "to", value_enum)]
        to: ExportFormat,
        /// The project (.qb.ron).
        project: PathBuf,
        /// The file to write (a folder for brat).
        #[arg(short, long)]
        output: PathBuf,
        /// Rename labels back on the way out: FROM=TO writes TO as FROM (the --map used to import).
        #[arg(long = "map", value_name = "FROM=TO")]
        map: Vec<String>,
        /// Overwrite the output if it exists.
        #[arg(long)]
        force: bool,
    },
    /// How far annotators agree: span F1, kappa and alpha per label, said_by links, persons.
    Agree {
        /// Project files (.qb.ron), brat folders or .ann files, at least two annotators.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        /// Measure only this label; repeat it (default: every label used).
        #[arg(long = "label", value_name = "LABEL")]
        labels: Vec<String>,
        /// Rename brat labels FROM=TO on reading; `polnear` stands for Source=Speaker, Content=Quote, Cue=Cue.
        #[arg(long = "map", value_name = "FROM=TO")]
        map: Vec<String>,
    },
    /// Open the window on colleagues' files side by side (Review > Compare with…) to curate a gold version.
    Compare {
        /// Project files (.qb.ron), brat folders or .ann files, at least two annotators.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Rename brat labels FROM=TO on reading; `polnear` stands for Source=Speaker, Content=Quote, Cue=Cue.
        #[arg(long = "map", value_name = "FROM=TO")]
        map: Vec<String>,
    },
}

/// Runs a headless subcommand; prints its result and returns the exit code.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::New {
            text_file,
            output,
            title,
            annotator,
            force,
            encoding,
        } => report(new_project(
            &text_file, &output, title, annotator, force, encoding,
        )),
        Command::Check { project } => check(&project),
        Command::Stats { project, json } => report(stats(&project, json)),
        Command::Import {
            from,
            paths,
            output,
            map,
            annotator,
            force,
        } => report(import(from, &paths, &output, &map, annotator, force)),
        Command::Export {
            to,
            project,
            output,
            map,
            force,
        } => report(export(to, &project, &output, &map, force)),
        Command::Agree {
            paths,
            json,
            labels,
            map,
        } => report(agree::agree(&paths, json, &labels, &map)),
        Command::Compare { paths, map } => compare_window(paths, &map),
    }
}

#[cfg(feature = "gui")]
fn compare_window(paths: Vec<PathBuf>, map: &[String]) -> ExitCode {
    match crate::format::interchange::LabelMap::parse(map) {
        Ok(map) => crate::ui::run_window_with(
            None,
            Some(crate::review::CompareRequest {
                paths,
                include_open: false,
                map,
            }),
        ),
        Err(e) => report(Err(e)),
    }
}

#[cfg(not(feature = "gui"))]
fn compare_window(_: Vec<PathBuf>, _: &[String]) -> ExitCode {
    report(Err(
        "this build has no window (built without the `gui` feature)".into()
    ))
}

/// Prints a line to stdout; a closed pipe (`quotebench stats P | head`) is not an error.
fn emit(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

fn report(r: Result<(), String>) -> ExitCode {
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// The project a plain-text file becomes: one document, the default tag set.
/// Returns it with notes on what reading did (CRLF converted, encoding).
pub fn project_from_text_file(
    path: &Path,
    title: Option<String>,
    annotator: Option<String>,
    encoding: TextEncoding,
) -> Result<(Project, Vec<String>), FormatError> {
    let article = read_article(path, encoding)?;
    let text = article.text;
    let title = title.unwrap_or_else(|| {
        text.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(|l| l.chars().take(120).collect())
            .unwrap_or_else(|| {
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
    });
    let annotator = annotator
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_default();
    Ok((Project::from_text(&title, &text, &annotator), article.notes))
}

fn new_project(
    text_file: &Path,
    output: &Path,
    title: Option<String>,
    annotator: Option<String>,
    force: bool,
    encoding: TextEncoding,
) -> Result<(), String> {
    if output.exists() && !force {
        return Err(format!(
            "{} exists already (use --force to overwrite it)",
            output.display()
        ));
    }
    let (project, notes) =
        project_from_text_file(text_file, title, annotator, encoding).map_err(|e| match e {
            FormatError::NotUtf8 { .. } => {
                format!("{e}; if it is Windows-1252 or Latin-1, add --encoding windows-1252")
            }
            e => e.to_string(),
        })?;
    for n in notes {
        emit(&format!("note: {n}"));
    }
    save_project(&project, output).map_err(|e| e.to_string())?;
    let d = &project.documents[0];
    emit(&format!(
        "wrote {} ({} characters, title {:?})",
        output.display(),
        d.char_len(),
        d.title
    ));
    Ok(())
}

fn check(path: &Path) -> ExitCode {
    match load_project(path) {
        Err(e) => {
            emit(&e.to_string());
            ExitCode::from(2)
        }
        Ok(loaded) if loaded.problems.is_empty() => {
            let p = &loaded.project;
            let anns: usize = p.documents.iter().map(|d| d.annotation_count()).sum();
            let rels: usize = p.documents.iter().map(|d| d.relations().count()).sum();
            emit(&format!(
                "{}: OK ({} documents, {anns} annotations, {rels} relations)",
                path.display(),
                p.documents.len()
            ));
            ExitCode::SUCCESS
        }
        Ok(loaded) => {
            for problem in &loaded.problems {
                emit(&format!("{}:{problem}", path.display()));
            }
            let n = loaded.problems.len();
            eprintln!("{n} problem{}", if n == 1 { "" } else { "s" });
            ExitCode::from(1)
        }
    }
}

fn stats(path: &Path, json: bool) -> Result<(), String> {
    let loaded = load_project(path).map_err(|e| e.to_string())?;
    let s = project_stats(&loaded.project);
    if json {
        emit(&serde_json::to_string_pretty(&s).map_err(|e| e.to_string())?);
    } else {
        emit(s.to_text().trim_end());
    }
    Ok(())
}

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

fn import(
    from: Option<ImportFormat>,
    paths: &[PathBuf],
    output: &Path,
    map: &[String],
    annotator: Option<String>,
    force: bool,
) -> Result<(), String> {
    let opts = ImportOptions {
        format: from,
        map: LabelMap::parse(map)?,
        annotator,
    };
    let result = interchange::import(paths, &opts, &|_, _| {}).map_err(|e| e.to_string())?;
    if result.projects.is_empty() {
        for issue in &result.issues {
            eprintln!("{issue}");
        }
        return Err("nothing was imported".to_string());
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
        return Err(format!(
            "{} exists already (use --force to overwrite it)",
            t.display()
        ));
    }
    for issue in &result.issues {
        emit(&issue.to_string());
    }
    // Each project is written on its own thread: serialising and fsyncing
    // six per-annotator projects one after another doubles the import time.
    let saved: Vec<Result<(), String>> = std::thread::scope(|s| {
        let handles: Vec<_> = result
            .projects
            .iter()
            .zip(&targets)
            .map(|(p, target)| s.spawn(move || save_project(p, target).map_err(|e| e.to_string())))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a writer thread panicked".to_string()))
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
    let n = result.issues.len();
    if n > 0 {
        emit(&format!(
            "{n} issue{} (listed above)",
            if n == 1 { "" } else { "s" }
        ));
    }
    Ok(())
}

fn export(
    to: ExportFormat,
    project: &Path,
    output: &Path,
    map: &[String],
    force: bool,
) -> Result<(), String> {
    let map = LabelMap::parse(map)?;
    let occupied = match to {
        ExportFormat::Brat => {
            output.is_file() || std::fs::read_dir(output).is_ok_and(|mut d| d.next().is_some())
        }
        _ => output.exists(),
    };
    if occupied && !force {
        return Err(format!(
            "{} exists already (use --force to overwrite it)",
            output.display()
        ));
    }
    let loaded = load_project(project).map_err(|e| e.to_string())?;
    let n = loaded.problems.len();
    if n > 0 {
        eprintln!(
            "warning: {} has {n} problem{} (see `quotebench check`); exporting what it holds",
            project.display(),
            if n == 1 { "" } else { "s" }
        );
    }
    let report =
        interchange::export_with_map(&loaded.project, to, output, &map).map_err(|e| e.to_string())?;
    for note in &report.notes {
        emit(&format!("note: {note}"));
    }
    let what = match to {
        ExportFormat::Brat => "annotations",
        ExportFormat::Jsonl | ExportFormat::Prodigy => "spans",
        ExportFormat::Csv => "quotes",
    };
    emit(&format!(
        "wrote {} ({} file{}, {} {what})",
        output.display(),
        report.files_written,
        if report.files_written == 1 { "" } else { "s" },
        report.items
    ));
    Ok(())
}
