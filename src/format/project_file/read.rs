//! Reading a project file: ron's syntax errors moved past blank lines to
//! where the fault is, the format version checked, and every problem the
//! model's validation finds located by line:column.

use std::path::Path;

use super::{DocumentFile, LoadedProject, LocatedProblem, ProjectFile, VersionProbe, read_text_file};
use crate::format::error::FormatError;
use crate::model::{
    CONFLICTS_FORMAT_VERSION as READS_UP_TO, Document, People, Problem, ProblemKind, Project, TagSet,
    register_speakers, repair_document, validate, validate_one,
};

pub fn load_project(path: &Path) -> Result<LoadedProject, FormatError> {
    load_project_with_progress(path, &|_, _| {})
}

/// Progress of a load: documents read so far, of how many.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// As [`load_project`], telling `progress` how many documents are read.
pub fn load_project_with_progress(path: &Path, progress: Progress<'_>) -> Result<LoadedProject, FormatError> {
    let text = read_text_file(path)?;
    parse_project_with_progress(&text, &path.display().to_string(), progress)
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
///
/// A file in the layout this program writes (see [`saved_layout`]) has its
/// documents parsed in parallel, each on its own rayon task, and each
/// turned into a model document and checked there. Anything else, or a
/// file where any part fails to parse, is parsed whole in one go, which
/// also gives every error its place in the file (line:column).
pub fn parse_project(text: &str, path: &str) -> Result<LoadedProject, FormatError> {
    parse_project_with_progress(text, path, &|_, _| {})
}

/// As [`parse_project`], telling `progress` how many documents are read.
pub fn parse_project_with_progress(
    text: &str,
    path: &str,
    progress: Progress<'_>,
) -> Result<LoadedProject, FormatError> {
    let (head, parsed) = match saved_layout(text).and_then(|layout| parse_in_parts(&layout, progress)) {
        Some(parts) => parts,
        None => parse_whole(text, path)?,
    };
    if head.format_version > READS_UP_TO {
        return Err(FormatError::NewerVersion {
            path: path.to_string(),
            found: head.format_version,
            supported: READS_UP_TO,
        });
    }
    let mut problems = Vec::new();
    let mut documents = Vec::with_capacity(parsed.len());
    let mut checked = Vec::with_capacity(parsed.len());
    for p in parsed {
        problems.extend(p.repaired);
        checked.push(p.checked);
        documents.push(p.document);
    }
    let mut project = Project {
        people: People::from_vec(head.people),
        name: head.name,
        annotator: head.annotator,
        tagset: head.tagset,
        documents,
    };
    if head.format_version < 4 {
        // Before the register, a speaker's `person` attribute was the only
        // record of a person: each becomes an entry, its mentions aliases.
        register_speakers(&mut project);
        problems.extend(validate(&project));
    } else {
        // The tag set's own problems, then each document's, as `validate` orders them.
        let documents = std::mem::take(&mut project.documents);
        problems.extend(validate(&project));
        project.documents = documents;
        problems.extend(checked.into_iter().flatten());
    }
    // The k-th duplicate of an id is its (k+1)-th occurrence: point there, at
    // the item that was renamed, not at the first one, which kept its id.
    let mut duplicates_seen: std::collections::HashMap<(String, String), usize> = Default::default();
    let wanted: std::collections::HashSet<&str> = problems.iter().filter_map(|p| p.id.as_deref()).collect();
    let ids = if wanted.is_empty() {
        IdPositions::default()
    } else {
        IdPositions::scan(text, &wanted)
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

/// Where each `id: "ID"` asked about stands in the file (1-based
/// line:column), found in one pass so that a file with thousands of
/// problems still opens fast; ids nobody asked about are skipped without
/// being decoded or stored.
#[derive(Default)]
struct IdPositions(std::collections::HashMap<String, Vec<(usize, usize)>>);

impl IdPositions {
    fn scan(text: &str, wanted: &std::collections::HashSet<&str>) -> Self {
        let mut map: std::collections::HashMap<String, Vec<(usize, usize)>> = Default::default();
        // Lines are counted only up to each hit, from the previous one.
        let (mut counted_to, mut line_no) = (0, 1);
        for at in memchr::memmem::find_iter(text.as_bytes(), "id:") {
            // Only the field `id`, not `...id:` inside another name.
            if text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            let after = &text[at + 3..];
            let rest = after.trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
            let Some(lit) = string_literal(rest) else {
                continue;
            };
            let body = &lit[1..lit.len() - 1];
            let id = if body.contains('\\') {
                match ron::from_str::<String>(lit) {
                    Ok(id) if wanted.contains(id.as_str()) => id,
                    _ => continue,
                }
            } else if wanted.contains(body) {
                body.to_string()
            } else {
                continue;
            };
            line_no += text[counted_to..at].bytes().filter(|&b| b == b'\n').count();
            counted_to = at;
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..at].chars().count() + 1;
            map.entry(id).or_default().push((line_no, column));
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

/// The top of a project file (everything but its documents) and its
/// documents, read into the model with the problems found on the way.
type Parsed = (ProjectFile, Vec<ParsedDocument>);

/// One document of the file, in the model, with what loading it found:
/// `repaired` while it was built (duplicate ids, repairs), `checked` by
/// [`validate_one`] (used only for files of the current register format).
struct ParsedDocument {
    document: Document,
    repaired: Vec<Problem>,
    checked: Vec<Problem>,
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(64)
}

/// The whole file in one parse; its errors carry the file's line:column.
fn parse_whole(text: &str, path: &str) -> Result<Parsed, FormatError> {
    let options = ron_options();
    // Only when the parse fails is the version probed (a newer file may not
    // fit this build's format), so that a newer version is reported as
    // such and anything else as the syntax error.
    let mut file: ProjectFile = match options.from_str(text) {
        Ok(f) => f,
        Err(e) => {
            return Err(match options.from_str::<VersionProbe>(text) {
                Ok(probe) if probe.format_version > READS_UP_TO => FormatError::NewerVersion {
                    path: path.to_string(),
                    found: probe.format_version,
                    supported: READS_UP_TO,
                },
                _ => syntax(path, text, e),
            });
        }
    };
    let tagset = file.tagset.clone();
    let documents = std::mem::take(&mut file.documents)
        .into_iter()
        .map(|d| to_model(d, &tagset))
        .collect();
    Ok((file, documents))
}

/// A file as [`super::project_to_string`] lays it out: the top of the file
/// up to `documents: [`, then each document from a line `        (` to a
/// line `        ),`, then `    ],` and `)`.
pub(super) struct SavedLayout<'a> {
    /// The text before the documents line (ends with a line end).
    pub(super) head: &'a str,
    /// Each document's `( ... )`, without its trailing comma.
    pub(super) documents: Vec<&'a str>,
}

/// The file's parts when it has the saved layout; `None` otherwise. A
/// wrong cut (a text holding such a line) leaves a part that does not
/// parse on its own, so [`parse_in_parts`] then gives up and the file is
/// parsed whole: the split can make loading slower, never different.
pub(super) fn saved_layout(text: &str) -> Option<SavedLayout<'_>> {
    const OPEN: &str = "\n    documents: [\n";
    const START: &str = "        (\n";
    let at = text.find(OPEN)?;
    let head = &text[..=at];
    let body = text[at + OPEN.len()..].trim_end().strip_suffix("    ],\n)")?;
    let mut documents = Vec::new();
    if body.is_empty() {
        return Some(SavedLayout { head, documents });
    }
    if !body.starts_with(START) {
        return None;
    }
    let mut from = 0;
    for i in memchr::memmem::find_iter(body.as_bytes(), "\n        (\n") {
        documents.push(one_document(&body[from..=i])?);
        from = i + 1;
    }
    documents.push(one_document(&body[from..])?);
    Some(SavedLayout { head, documents })
}

/// A document's part `(\n ... ),` without the comma.
fn one_document(part: &str) -> Option<&str> {
    part.trim_end().strip_suffix(',').filter(|p| p.ends_with(')'))
}

/// Parses the top of the file and each document apart, the documents in
/// parallel; `None` if any part does not parse (then the whole file is
/// parsed, for the error's place or because the cut was wrong).
fn parse_in_parts(layout: &SavedLayout<'_>, progress: Progress<'_>) -> Option<Parsed> {
    use rayon::prelude::*;
    let options = ron_options();
    let mut head = String::with_capacity(layout.head.len() + 2);
    head.push_str(layout.head);
    head.push(')');
    let file: ProjectFile = options.from_str(&head).ok()?;
    if file.format_version > READS_UP_TO || !file.documents.is_empty() {
        return None;
    }
    let tagset = &file.tagset;
    let total = layout.documents.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let documents = layout
        .documents
        .par_iter()
        .map(|part| {
            let d: DocumentFile =
                super::saved_lines::read_document(part, &options).or_else(|| options.from_str(part).ok())?;
            let doc = to_model(d, tagset);
            progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1, total);
            Some(doc)
        })
        .collect::<Option<Vec<_>>>()?;
    Some((file, documents))
}

/// A document of the file in the model: duplicate ids renamed and
/// reported, faults repaired (see `repair_document`), and checked.
fn to_model(d: DocumentFile, tagset: &TagSet) -> ParsedDocument {
    let doc_id = d.id.clone();
    let (doc, dup_a, dup_r) =
        Document::from_parts(d.id, d.title, d.source, d.text, d.annotations, d.relations);
    let mut doc = doc
        .with_decisions(d.decisions)
        .with_rejections(d.rejected)
        .with_progress(d.status, d.attributes)
        .with_conflicts(d.conflicts);
    let mut repaired: Vec<Problem> = dup_a
        .into_iter()
        .chain(dup_r)
        .map(|id| Problem {
            document: doc_id.clone(),
            id: Some(id),
            kind: ProblemKind::DuplicateId,
            set_aside: false,
        })
        .collect();
    repaired.extend(repair_document(&mut doc));
    let checked = validate_one(&doc, tagset);
    ParsedDocument {
        document: doc,
        repaired,
        checked,
    }
}

/// The `format_version` a project file's text declares, if it can be read
/// (a merge refuses to mix versions: issue 17).
pub fn declared_format_version(text: &str) -> Option<u32> {
    ron_options()
        .from_str::<VersionProbe>(text)
        .ok()
        .map(|p| p.format_version)
}
