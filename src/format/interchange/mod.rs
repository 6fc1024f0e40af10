//! Importing and exporting other tools' formats: plain text, brat standoff,
//! doccano / Prodigy JSONL, and a CSV table of quotes.
//!
//! Every format here counts offsets in Unicode code points (Rust `char`s),
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
mod csv_export;
mod jsonl;
mod text;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::format::FormatError;
use crate::model::{
    Annotation, AttributeDef, Document, LabelDef, Problem, Project, Relation, RelationDef, TagSet,
    repair_document, validate,
};

/// The formats [`import`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// Plain text (`.txt`, `.md`): one document per file, no annotations.
    Text,
    /// brat standoff: `NAME.txt` with `NAME.ann` (or PolNeAR's `text/NAME.txt`
    /// with `attributions/NAME_ANNOTATOR.ann`).
    Brat,
    /// doccano or Prodigy JSONL, told apart line by line.
    Jsonl,
}

/// The formats [`export`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// A folder of `NAME.txt` + `NAME.ann`.
    Brat,
    /// doccano JSONL: `{"text", "label": [[start, end, "LABEL"]]}`.
    Jsonl,
    /// Prodigy JSONL: `{"text", "spans": [{"start", "end", "label"}]}`.
    Prodigy,
    /// The quotes table, one row per quote.
    Csv,
}

/// Renames labels (and relation kinds) on import, `FROM=TO` with FROM the
/// other tool's name; export applies it backwards.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelMap {
    pub pairs: Vec<(String, String)>,
}

impl LabelMap {
    /// Parses `FROM=TO` items; the item `polnear` stands for [`LabelMap::polnear`].
    pub fn parse(items: &[String]) -> Result<Self, String> {
        let mut pairs = Vec::new();
        for item in items {
            if item.trim().eq_ignore_ascii_case("polnear") {
                pairs.extend(Self::polnear().pairs);
                continue;
            }
            match item.split_once('=') {
                Some((from, to)) if !from.trim().is_empty() && !to.trim().is_empty() => {
                    pairs.push((from.trim().to_string(), to.trim().to_string()))
                }
                _ => {
                    return Err(format!(
                        "label mapping {item:?} is not of the form FROM=TO (e.g. Source=Speaker)"
                    ));
                }
            }
        }
        Ok(LabelMap { pairs })
    }

    /// PolNeAR's labels onto ours: Source=Speaker, Content=Quote, Cue=Cue.
    pub fn polnear() -> Self {
        let p = |a: &str, b: &str| (a.to_string(), b.to_string());
        LabelMap {
            pairs: vec![p("Source", "Speaker"), p("Content", "Quote"), p("Cue", "Cue")],
        }
    }

    /// The name `label` takes on import (itself when not mapped).
    pub fn map<'a>(&'a self, label: &'a str) -> &'a str {
        self.pairs
            .iter()
            .find(|(from, _)| from == label)
            .map_or(label, |(_, to)| to.as_str())
    }

    /// The name `label` takes on export: the first FROM mapped onto it.
    pub fn map_back<'a>(&'a self, label: &'a str) -> &'a str {
        self.pairs
            .iter()
            .find(|(_, to)| to == label)
            .map_or(label, |(from, _)| from.as_str())
    }
}

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
    let format = match opts.format {
        Some(f) => f,
        None => guess_format(&files),
    };
    // Files named one by one are read whatever their extension; files found
    // in folders only when the extension says they are of the format.
    let wanted: &[&str] = match format {
        ImportFormat::Text => &["txt", "md", "markdown", "text"],
        ImportFormat::Brat => &["txt", "ann"],
        ImportFormat::Jsonl => &["jsonl", "json", "ndjson"],
    };
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| paths.contains(f) || wanted.contains(&extension(f).as_str()))
        .collect();
    let name = project_name(paths);
    let mut sink = Sink::default();
    match format {
        ImportFormat::Text => text::import(&files, opts, &mut sink, progress),
        ImportFormat::Brat => brat::import(&files, opts, &mut sink, progress)?,
        ImportFormat::Jsonl => jsonl::import(&files, opts, &mut sink, progress),
    }
    if sink.drafts.is_empty() && sink.issues.is_empty() {
        let what = match format {
            ImportFormat::Text => "no .txt or .md files",
            ImportFormat::Brat => "no brat .ann or .txt files",
            ImportFormat::Jsonl => "no .jsonl or .json files",
        };
        return Err(input_error(
            &paths[0],
            &format!("nothing to import: {what} found"),
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
    match format {
        ExportFormat::Brat => brat::export(project, out, map),
        ExportFormat::Jsonl => jsonl::export(project, out, map, jsonl::Flavour::Doccano),
        ExportFormat::Prodigy => jsonl::export(project, out, map, jsonl::Flavour::Prodigy),
        ExportFormat::Csv => csv_export::export(project, out),
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

fn guess_format(files: &[PathBuf]) -> ImportFormat {
    let has = |ext: &str| files.iter().any(|f| extension(f) == ext);
    if has("ann") {
        ImportFormat::Brat
    } else if has("jsonl") || has("json") {
        ImportFormat::Jsonl
    } else {
        ImportFormat::Text
    }
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

/// A text with its BOM removed and CR / CRLF line ends made LF, and the map
/// from char offsets in the original to char offsets in the result.
pub(crate) struct NormalisedText {
    pub text: String,
    /// Char offsets (in the original) of the chars that were removed, ascending.
    removed: Vec<usize>,
    pub notes: Vec<String>,
}

impl NormalisedText {
    pub fn new(raw: &str) -> Self {
        let mut removed = Vec::new();
        let mut notes = Vec::new();
        if !raw.contains('\r') && !raw.starts_with('\u{feff}') {
            return NormalisedText {
                text: raw.to_string(),
                removed,
                notes,
            };
        }
        let mut text = String::with_capacity(raw.len());
        let (mut crlf, mut cr) = (0, 0);
        let mut chars = raw.chars().enumerate().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\u{feff}' if i == 0 => {
                    removed.push(i);
                    notes.push("removed the byte-order mark at the start of the text".to_string());
                }
                '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {
                    removed.push(i);
                    crlf += 1;
                }
                '\r' => {
                    text.push('\n');
                    cr += 1;
                }
                c => text.push(c),
            }
        }
        if crlf > 0 {
            notes.push(format!("converted {crlf} CRLF line ends to LF"));
        }
        if cr > 0 {
            notes.push(format!("converted {cr} CR line ends to LF"));
        }
        NormalisedText { text, removed, notes }
    }

    /// Whether offsets change at all.
    pub fn is_identity(&self) -> bool {
        self.removed.is_empty()
    }

    /// The offset in the result of char offset `raw` in the original.
    pub fn map(&self, raw: usize) -> usize {
        raw - self.removed.partition_point(|&r| r < raw)
    }
}

/// Where each annotation or relation id was read: file and line.
pub(crate) type Origins = HashMap<String, (PathBuf, Option<usize>)>;

/// A document as an importer made it, before it becomes a model document.
#[derive(Default)]
pub(crate) struct DraftDocument {
    pub annotator: String,
    pub id: String,
    pub title: String,
    pub text: String,
    pub annotations: Vec<Annotation>,
    pub relations: Vec<Relation>,
    /// Where each annotation or relation id came from, to locate problems.
    pub origin: Origins,
    /// The file the document as a whole came from.
    pub file: PathBuf,
}

/// Collects drafts and issues from an importer.
#[derive(Default)]
pub(crate) struct Sink {
    pub drafts: Vec<DraftDocument>,
    pub issues: Vec<ImportIssue>,
}

impl Sink {
    pub fn issue(&mut self, file: &Path, line: Option<usize>, message: impl Into<String>) {
        self.issues.push(ImportIssue {
            file: file.to_path_buf(),
            line,
            message: message.into(),
        });
    }

    /// Groups the drafts into one project per annotator (by name), completes each tag set, and locates every problem the
    /// model finds.
    fn finish(self, name: &str) -> ImportResult {
        let Sink { drafts, mut issues } = self;
        let mut order: Vec<String> = Vec::new();
        let mut groups: HashMap<String, Vec<DraftDocument>> = HashMap::new();
        for d in drafts {
            if !groups.contains_key(&d.annotator) {
                order.push(d.annotator.clone());
            }
            groups.entry(d.annotator.clone()).or_default().push(d);
        }
        order.sort();
        let mut projects = Vec::new();
        for annotator in order {
            let drafts = groups.remove(&annotator).unwrap_or_default();
            let mut tagset = TagSet::default();
            let mut used_ids: HashSet<String> = HashSet::new();
            let mut documents = Vec::with_capacity(drafts.len());
            let mut origins: HashMap<String, (Origins, PathBuf)> = HashMap::new();
            for mut d in drafts {
                complete_tagset(&mut tagset, &d);
                // Two files with the same name (in different folders) stay apart.
                let mut id = d.id.clone();
                let mut n = 1;
                while !used_ids.insert(id.clone()) {
                    n += 1;
                    id = format!("{}-{n}", d.id);
                }
                if id != d.id {
                    issues.push(ImportIssue {
                        file: d.file.clone(),
                        line: None,
                        message: format!("a document {:?} exists already; this one is {id:?}", d.id),
                    });
                }
                let (mut doc, dup_a, dup_r) = Document::from_parts(
                    id.clone(),
                    std::mem::take(&mut d.title),
                    None,
                    std::mem::take(&mut d.text),
                    std::mem::take(&mut d.annotations),
                    std::mem::take(&mut d.relations),
                );
                for dup in dup_a.iter().chain(&dup_r) {
                    let (file, line) = d.origin.get(dup).cloned().unwrap_or((d.file.clone(), None));
                    issues.push(ImportIssue {
                        file,
                        line,
                        message: format!("the id {dup} is used twice; the later one was renamed"),
                    });
                }
                let repaired = repair_document(&mut doc);
                locate(&mut issues, repaired, &d.origin, &d.file);
                origins.insert(id, (std::mem::take(&mut d.origin), d.file));
                documents.push(doc);
            }
            let project = Project {
                name: name.to_string(),
                annotator: annotator.clone(),
                tagset,
                documents,
            };
            for problem in validate(&project) {
                let (origin, file) = match origins.get(&problem.document) {
                    Some((o, f)) => (o.clone(), f.clone()),
                    None => (HashMap::new(), PathBuf::new()),
                };
                locate(&mut issues, vec![problem], &origin, &file);
            }
            projects.push(project);
        }
        ImportResult { projects, issues }
    }
}

fn locate(issues: &mut Vec<ImportIssue>, problems: Vec<Problem>, origin: &Origins, file: &Path) {
    for p in problems {
        let (file, line) =
            p.id.as_ref()
                .and_then(|id| origin.get(id).cloned())
                .unwrap_or_else(|| (file.to_path_buf(), None));
        issues.push(ImportIssue {
            file,
            line,
            message: p.to_string(),
        });
    }
}

/// Adds to `tags` every label, attribute (and value) and relation kind the
/// draft uses that it lacks, so that nothing imported is unknown.
fn complete_tagset(tags: &mut TagSet, d: &DraftDocument) {
    let mut labels: BTreeMap<&str, &str> = BTreeMap::new();
    for a in &d.annotations {
        labels.insert(a.id.as_str(), a.label.as_str());
        if tags.label(&a.label).is_none() {
            tags.labels.push(LabelDef {
                name: a.label.clone(),
                color: UNKNOWN_LABEL_COLOR.to_string(),
                key: String::new(),
                attributes: Vec::new(),
            });
        }
        if a.attributes.is_empty() {
            continue;
        }
        let Some(def) = tags.labels.iter_mut().find(|l| l.name == a.label) else {
            continue;
        };
        for (name, value) in &a.attributes {
            match def.attributes.iter_mut().find(|x| &x.name == name) {
                None => def.attributes.push(AttributeDef {
                    name: name.clone(),
                    values: Vec::new(),
                }),
                Some(x) => {
                    if !x.values.is_empty() && !value.is_empty() && !x.values.contains(value) {
                        x.values.push(value.clone());
                    }
                }
            }
        }
    }
    for r in &d.relations {
        if tags.relation(&r.kind).is_some() {
            continue;
        }
        let (Some(from), Some(to)) = (labels.get(r.from.as_str()), labels.get(r.to.as_str())) else {
            continue;
        };
        tags.relations.push(RelationDef {
            name: r.kind.clone(),
            from: from.to_string(),
            to: to.to_string(),
        });
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
    fn label_map_parses_maps_and_maps_back() {
        let m = LabelMap::parse(&["Source=Speaker".into(), " Content = Quote ".into()]).expect("parse");
        assert_eq!(m.map("Source"), "Speaker");
        assert_eq!(m.map("Content"), "Quote");
        assert_eq!(m.map("Other"), "Other");
        assert_eq!(m.map_back("Quote"), "Content");
        assert!(LabelMap::parse(&["Source".into()]).is_err());
        assert!(LabelMap::parse(&["=Quote".into()]).is_err());
        assert_eq!(
            LabelMap::parse(&["polnear".into()]).expect("preset"),
            LabelMap::polnear()
        );
    }

    #[test]
    fn normalised_text_maps_offsets() {
        let n = NormalisedText::new("\u{feff}a\r\nb\rc");
        assert_eq!(n.text, "a\nb\nc");
        // original: BOM a \r \n b \r c
        assert_eq!(n.map(1), 0);
        assert_eq!(n.map(2), 1);
        assert_eq!(n.map(3), 1);
        assert_eq!(n.map(4), 2);
        assert_eq!(n.map(7), 5);
        assert_eq!(n.notes.len(), 3);
        assert!(NormalisedText::new("plain").is_identity());
    }

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
