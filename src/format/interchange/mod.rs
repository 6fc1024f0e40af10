//! Importing and exporting other tools' formats: plain text, brat standoff,
//! doccano / Prodigy JSONL, a CSV table of quotes, UIMA CAS XMI, Label Studio
//! JSON tasks, and quote extractors' output (Citron, the Gender Gap Tracker).
//!
//! Every format here but XMI (UTF-16 code units, converted exactly in
//! `xmi`) counts offsets in Unicode code points (Rust `char`s),
//! half-open, exactly as the model does, so offsets pass through unchanged;
//! the only conversion is for line ends and a byte-order mark in a source
//! text, which the model does not keep (see [`NormalisedText`]).
//!
//! Importers are forgiving: a malformed line is reported by file and line
//! number ([`ImportIssue`]) and everything else is kept. Labels the tag set
//! does not know are added to it in grey rather than dropped, and spans that
//! do not fit their text are kept aside by the model's repair (not shown,
//! saved back unchanged), never thrown away.

mod brat;
mod citron;
mod csv_export;
mod extracted;
mod formats;
mod ggt;
mod jsonl;
mod label_map;
mod label_studio;
mod placing;
mod sink;
mod spacy;
mod text;
mod xmi;

pub use formats::{ExportFormat, FORMATS, ImportFormat, Interchange};
pub use label_map::{LabelMap, LabelMapError, POLNEAR, paths_field};
pub(crate) use sink::{DraftDocument, Sink};
pub use spacy::{DocBinDoc, DocBinError, DocBinSpan, msgpack, read_docbin};

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::format::FormatError;
pub(crate) use crate::format::decode::NormalisedText;
use crate::model::Project;

/// What to import and how.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// `None`: guess from the files' extensions.
    pub format: Option<ImportFormat>,
    pub map: LabelMap,
    /// With files that name their annotator (brat `NAME_ANNOTATOR.ann`,
    /// Prodigy `_annotator_id`): import only this annotator's. Otherwise the
    /// annotator recorded in the project.
    pub annotator: Option<String>,
}

/// A line (or a whole file) that could not be read as it stands, or a note
/// on what was done to it. Everything else was kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportIssue {
    pub file: PathBuf,
    /// 1-based.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ImportIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The projects an import made (one per annotator, usually one) and what
/// went wrong on the way.
#[derive(Debug, Default)]
pub struct ImportResult {
    pub projects: Vec<Project>,
    pub issues: Vec<ImportIssue>,
}

/// Imports files or folders. `progress(done, total)` is called as files are read.
pub fn import(
    paths: &[PathBuf],
    opts: &ImportOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ImportResult, FormatError> {
    if paths.is_empty() {
        return Err(input_error(
            Path::new("."),
            "nothing to import: no files or folders given",
        ));
    }
    for p in paths {
        if !p.exists() {
            return Err(FormatError::Io {
                path: p.display().to_string(),
                action: "import",
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            });
        }
    }
    let files = collect_files(paths)?;
    let format = opts.format.unwrap_or_else(|| ImportFormat::guess(&files));
    let Some(read) = format.function() else {
        return Err(input_error(
            &paths[0],
            &format!("{} cannot be imported", format.info().title),
        ));
    };
    // Files named one by one are read whatever their extension; files found
    // in folders only when the extension says they are of the format.
    let wanted = format.info().extensions;
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| paths.contains(f) || wanted.contains(&extension(f).as_str()))
        .collect();
    let name = project_name(paths);
    let mut sink = Sink::default();
    read(&files, opts, &mut sink, progress)?;
    if sink.drafts.is_empty() && sink.issues.is_empty() {
        return Err(input_error(
            &paths[0],
            &format!("nothing to import: {}", format.info().nothing_found()),
        ));
    }
    Ok(sink.finish(&name))
}

/// What an export wrote.
#[derive(Debug, Default)]
pub struct ExportReport {
    pub files_written: usize,
    /// Annotations (brat), spans (JSONL) or quotes (CSV) written.
    pub items: usize,
    /// What could not be said in the format (relations in JSONL, ...).
    pub notes: Vec<String>,
}

/// Exports `project` with its labels as they are: brat writes `out` as a
/// folder of `NAME.txt` + `NAME.ann`; the others write the file `out`.
pub fn export(project: &Project, format: ExportFormat, out: &Path) -> Result<ExportReport, FormatError> {
    export_with_map(project, format, out, &LabelMap::default())
}

/// [`export`], renaming labels back through `map` (the one used to import:
/// with PolNeAR's, Speaker is written as Source).
pub fn export_with_map(
    project: &Project,
    format: ExportFormat,
    out: &Path,
    map: &LabelMap,
) -> Result<ExportReport, FormatError> {
    match format.function() {
        Some(write) => write(project, out, map),
        None => Err(FormatError::Io {
            path: out.display().to_string(),
            action: "export",
            source: std::io::Error::new(
                std::io::ErrorKind::Unsupported,
                format!("{} cannot be exported", format.info().title),
            ),
        }),
    }
}

// ---------------------------------------------------------------------------
// Shared by the importers.

/// Grey for labels the tag set did not know.
pub(crate) const UNKNOWN_LABEL_COLOR: &str = "#9e9e9e";

fn input_error(path: &Path, message: &str) -> FormatError {
    FormatError::Io {
        path: path.display().to_string(),
        action: "import",
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, message.to_string()),
    }
}

/// Every file under `paths` (folders walked, sorted, hidden entries skipped).
fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, FormatError> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    out.retain(|p| seen.insert(p.clone()));
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), FormatError> {
    let io = |source| FormatError::Io {
        path: dir.display().to_string(),
        action: "list",
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            walk(&e, out)?;
        } else {
            out.push(e);
        }
    }
    Ok(())
}

pub(crate) fn extension(p: &Path) -> String {
    p.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn project_name(paths: &[PathBuf]) -> String {
    let first = &paths[0];
    let name = if first.is_dir() {
        std::fs::canonicalize(first)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
    } else {
        first.file_stem().map(|n| n.to_string_lossy().into_owned())
    };
    name.filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Imported".to_string())
}

/// The annotator of files that name none: `--annotator`, else the user.
pub(crate) fn default_annotator(opts: &ImportOptions) -> String {
    opts.annotator
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_default()
}

/// The start of every id made for `annotator`'s `doc` in `format`, so that
/// ids are unique across annotators: `brat-4e07-NAME-T12`.
pub(crate) fn id_prefix(format: &str, annotator: &str, doc: &str) -> String {
    if annotator.is_empty() {
        format!("{format}-{doc}-")
    } else {
        format!("{format}-{annotator}-{doc}-")
    }
}

/// A name safe as a file name on every system, from a document id.
pub(crate) fn file_name_of(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let s = s.trim().trim_start_matches('.').to_string();
    if s.is_empty() { "document".to_string() } else { s }
}

/// Writes a whole file atomically, without a `.bak` (an export is a copy).
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), FormatError> {
    crate::format::write_atomic_with(
        &mut crate::format::RealIo,
        path,
        bytes,
        crate::format::Backup::Skip,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_display() {
        let i = ImportIssue {
            file: PathBuf::from("a/b.ann"),
            line: Some(7),
            message: "bad".into(),
        };
        assert_eq!(i.to_string(), "a/b.ann:7: bad");
    }
}
