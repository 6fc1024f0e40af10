//! The project file: RON, `*.qb.ron`, versioned, deterministic and
//! diff-friendly (one annotation per line, sorted by position), so two
//! people's files diff and merge cleanly in git. See docs/FORMAT.md.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::atomic::write_atomic;
use super::error::FormatError;
use crate::model::{
    Annotation, Document, FORMAT_VERSION, Problem, ProblemKind, Project, Relation, Source, TagSet,
    repair_document, validate,
};

/// Files larger than this are refused before reading.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
struct VersionProbe {
    format_version: u32,
}

#[derive(Serialize, Deserialize)]
struct ProjectFile {
    format_version: u32,
    #[serde(default)]
    name: String,
    #[serde(default)]
    annotator: String,
    #[serde(default)]
    tagset: TagSet,
    #[serde(default)]
    documents: Vec<DocumentFile>,
}

#[derive(Serialize, Deserialize)]
struct DocumentFile {
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    source: Option<Source>,
    text: String,
    #[serde(default)]
    annotations: Vec<Annotation>,
    #[serde(default)]
    relations: Vec<Relation>,
}

/// A problem found while loading, with the line:column of the item it
/// concerns when that could be found in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedProblem {
    pub problem: Problem,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl fmt::Display for LocatedProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "{l}:{c}: ")?;
        }
        write!(f, "{}", self.problem)
    }
}

/// A project read from disk, with every inconsistency found in it. The
/// project holds everything the file held: nothing is dropped for a fault.
#[derive(Debug)]
pub struct LoadedProject {
    pub project: Project,
    pub problems: Vec<LocatedProblem>,
}

/// Reads a file's bytes, refusing files over [`MAX_FILE_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, FormatError> {
    let shown = path.display().to_string();
    let io = |action| {
        let shown = shown.clone();
        move |source| FormatError::Io {
            path: shown,
            action,
            source,
        }
    };
    let size = std::fs::metadata(path).map_err(io("open"))?.len();
    if size > MAX_FILE_BYTES {
        return Err(FormatError::TooLarge {
            path: shown,
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    std::fs::read(path).map_err(io("read"))
}

/// Reads a UTF-8 file (a BOM is stripped), refusing huge files.
pub fn read_text_file(path: &Path) -> Result<String, FormatError> {
    let bytes = read_bytes(path)?;
    let shown = path.display().to_string();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let bom = bytes.len() - body.len();
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(FormatError::NotUtf8 {
            path: shown,
            offset: bom + e.valid_up_to(),
        }),
    }
}

pub fn load_project(path: &Path) -> Result<LoadedProject, FormatError> {
    let text = read_text_file(path)?;
    parse_project(&text, &path.display().to_string())
}

fn syntax(path: &str, text: &str, e: ron::error::SpannedError) -> FormatError {
    let (line, column) = past_blanks(text, e.span.start.line, e.span.start.col);
    FormatError::Syntax {
        path: path.to_string(),
        line,
        column,
        message: e.code.to_string(),
    }
}

/// ron may report the position before the white space it skipped on the way
/// to the offending token (`annotator: ·a"` points at the blank); a user
/// jumping to line:column wants the token, so move past blanks to it.
fn past_blanks(text: &str, line: usize, column: usize) -> (usize, usize) {
    let mut at = None;
    let (mut l, mut c) = (1, 1);
    for (i, ch) in text.char_indices() {
        if (l, c) == (line, column) {
            at = Some(i);
            break;
        }
        if ch == '\n' {
            (l, c) = (l + 1, 1);
        } else {
            c += 1;
        }
    }
    let Some(at) = at else {
        return (line, column);
    };
    let rest = &text[at..];
    let blanks = &rest[..rest.len() - rest.trim_start().len()];
    if blanks.len() == rest.len() {
        return (line, column); // nothing follows: the end of the file is the place
    }
    match blanks.rfind('\n') {
        Some(nl) => (
            line + blanks.matches('\n').count(),
            blanks[nl + 1..].chars().count() + 1,
        ),
        None => (line, column + blanks.chars().count()),
    }
}

/// Parses a project file's text; `path` is only used in messages.
pub fn parse_project(text: &str, path: &str) -> Result<LoadedProject, FormatError> {
    let options = ron::Options::default().with_recursion_limit(64);
    let probe: VersionProbe = match options.from_str(text) {
        Ok(p) => p,
        Err(e) => {
            // A file with a readable version but broken elsewhere reports the real fault below.
            let full: Result<ProjectFile, _> = options.from_str(text);
            return Err(syntax(path, text, full.err().unwrap_or(e)));
        }
    };
    if probe.format_version > FORMAT_VERSION {
        return Err(FormatError::NewerVersion {
            path: path.to_string(),
            found: probe.format_version,
            supported: FORMAT_VERSION,
        });
    }
    let file: ProjectFile = options.from_str(text).map_err(|e| syntax(path, text, e))?;
    let mut problems = Vec::new();
    let mut documents = Vec::with_capacity(file.documents.len());
    for d in file.documents {
        let doc_id = d.id.clone();
        let (mut doc, dup_a, dup_r) =
            Document::from_parts(d.id, d.title, d.source, d.text, d.annotations, d.relations);
        for id in dup_a.into_iter().chain(dup_r) {
            problems.push(Problem {
                document: doc_id.clone(),
                id: Some(id),
                kind: ProblemKind::DuplicateId,
                set_aside: false,
            });
        }
        problems.extend(repair_document(&mut doc));
        documents.push(doc);
    }
    let project = Project {
        name: file.name,
        annotator: file.annotator,
        tagset: file.tagset,
        documents,
    };
    problems.extend(validate(&project));
    // The k-th duplicate of an id is its (k+1)-th occurrence: point there, at
    // the item that was renamed, not at the first one, which kept its id.
    let mut duplicates_seen: std::collections::HashMap<(String, String), usize> = Default::default();
    let ids = if problems.is_empty() {
        IdPositions::default()
    } else {
        IdPositions::scan(text)
    };
    let problems = problems
        .into_iter()
        .map(|problem| {
            let nth = match (&problem.kind, &problem.id) {
                (ProblemKind::DuplicateId, Some(id)) => {
                    let n = duplicates_seen
                        .entry((problem.document.clone(), id.clone()))
                        .or_default();
                    *n += 1;
                    *n
                }
                _ => 0,
            };
            let pos = problem.id.as_deref().and_then(|id| ids.locate(id, nth));
            LocatedProblem {
                problem,
                line: pos.map(|p| p.0),
                column: pos.map(|p| p.1),
            }
        })
        .collect();
    Ok(LoadedProject { project, problems })
}

/// Where each `id: "ID"` stands in the file (1-based line:column), found
/// in one pass so that a file with thousands of problems still opens fast.
#[derive(Default)]
struct IdPositions(std::collections::HashMap<String, Vec<(usize, usize)>>);

impl IdPositions {
    fn scan(text: &str) -> Self {
        let mut map: std::collections::HashMap<String, Vec<(usize, usize)>> = Default::default();
        for (line_no, line) in text.lines().enumerate() {
            let mut from = 0;
            while let Some(i) = line[from..].find("id:") {
                let at = from + i;
                from = at + 3;
                // Only the field `id`, not `...id:` inside another name.
                if line[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
                {
                    continue;
                }
                let rest = line[from..].trim_start();
                if let Some(lit) = string_literal(rest)
                    && let Ok(id) = ron::from_str::<String>(lit)
                {
                    let column = line[..at].chars().count() + 1;
                    map.entry(id).or_default().push((line_no + 1, column));
                }
            }
        }
        IdPositions(map)
    }

    /// The `nth` occurrence (from 0; the first if there are fewer).
    fn locate(&self, id: &str, nth: usize) -> Option<(usize, usize)> {
        let hits = self.0.get(id)?;
        hits.get(nth).or(hits.first()).copied()
    }
}

/// The double-quoted string literal at the start of `s`, quotes included.
fn string_literal(s: &str) -> Option<&str> {
    let body = s.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(&s[..i + 2]),
            _ => {}
        }
    }
    None
}

fn one_line<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let cfg = ron::ser::PrettyConfig::new()
        .compact_structs(true)
        .compact_arrays(true)
        .compact_maps(true)
        .new_line("")
        .indentor("");
    ron::ser::to_string_pretty(value, cfg)
}

/// The text field: a raw multi-line string where that round-trips exactly
/// (so a changed word shows as a changed line in a diff), escaped otherwise.
fn text_literal(text: &str) -> Result<String, ron::Error> {
    let plain = !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    if plain {
        let cfg = ron::ser::PrettyConfig::new().escape_strings(false);
        ron::ser::to_string_pretty(text, cfg)
    } else {
        ron::to_string(text)
    }
}

/// The whole project as the text of a `.qb.ron` file.
pub fn project_to_string(p: &Project) -> Result<String, ron::Error> {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(p.documents.iter().map(|d| d.text().len() * 2 + 4096).sum());
    let w = &mut s;
    let _ = writeln!(w, "// Quotebench project file (see docs/FORMAT.md)");
    let _ = writeln!(w, "(");
    let _ = writeln!(w, "    format_version: {FORMAT_VERSION},");
    let _ = writeln!(w, "    name: {},", ron::to_string(&p.name)?);
    let _ = writeln!(w, "    annotator: {},", ron::to_string(&p.annotator)?);
    let _ = writeln!(w, "    tagset: (");
    let _ = writeln!(w, "        labels: [");
    for l in &p.tagset.labels {
        let _ = writeln!(w, "            {},", one_line(l)?);
    }
    let _ = writeln!(w, "        ],");
    let _ = writeln!(w, "        relations: [");
    for r in &p.tagset.relations {
        let _ = writeln!(w, "            {},", one_line(r)?);
    }
    let _ = writeln!(w, "        ],");
    let _ = writeln!(w, "    ),");
    let _ = writeln!(w, "    documents: [");
    for d in &p.documents {
        let _ = writeln!(w, "        (");
        let _ = writeln!(w, "            id: {},", ron::to_string(&d.id)?);
        let _ = writeln!(w, "            title: {},", ron::to_string(&d.title)?);
        let _ = writeln!(w, "            source: {},", one_line(&d.source)?);
        let _ = writeln!(w, "            text: {},", text_literal(d.text())?);
        let _ = writeln!(w, "            annotations: [");
        for a in d.annotations_for_file() {
            let _ = writeln!(w, "                {},", one_line(a)?);
        }
        let _ = writeln!(w, "            ],");
        let _ = writeln!(w, "            relations: [");
        for r in d.relations_for_file() {
            let _ = writeln!(w, "                {},", one_line(r)?);
        }
        let _ = writeln!(w, "            ],");
        let _ = writeln!(w, "        ),");
    }
    let _ = writeln!(w, "    ],");
    let _ = writeln!(w, ")");
    Ok(s)
}

/// Saves atomically, keeping the previous version as `FILE.bak`.
pub fn save_project(p: &Project, path: &Path) -> Result<(), FormatError> {
    let text = project_to_string(p).map_err(|e| FormatError::Serialize {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    write_atomic(path, text.as_bytes())
}
