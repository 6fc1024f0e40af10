//! Reading a project file: ron's syntax errors moved past blank lines to
//! where the fault is, the format version checked, and every problem the
//! model's validation finds located by line:column.

use std::path::Path;

use super::{LoadedProject, LocatedProblem, ProjectFile, VersionProbe, read_text_file};
use crate::format::error::FormatError;
use crate::model::{
    CONFLICTS_FORMAT_VERSION as READS_UP_TO, Document, People, Problem, ProblemKind, Project,
    register_speakers, repair_document, validate,
};

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
    // One parse of the whole file; only when it fails is the version probed
    // (a newer file may not fit this build's format), so that a newer
    // version is reported as such and anything else as the syntax error.
    let file: ProjectFile = match options.from_str(text) {
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
    if file.format_version > READS_UP_TO {
        return Err(FormatError::NewerVersion {
            path: path.to_string(),
            found: file.format_version,
            supported: READS_UP_TO,
        });
    }
    let mut problems = Vec::new();
    let mut documents = Vec::with_capacity(file.documents.len());
    for d in file.documents {
        let doc_id = d.id.clone();
        let (doc, dup_a, dup_r) =
            Document::from_parts(d.id, d.title, d.source, d.text, d.annotations, d.relations);
        let mut doc = doc
            .with_decisions(d.decisions)
            .with_rejections(d.rejected)
            .with_progress(d.status, d.attributes)
            .with_conflicts(d.conflicts);
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
    let mut project = Project {
        people: People::from_vec(file.people),
        name: file.name,
        annotator: file.annotator,
        tagset: file.tagset,
        documents,
    };
    if file.format_version < 4 {
        // Before the register, a speaker's `person` attribute was the only
        // record of a person: each becomes an entry, its mentions aliases.
        register_speakers(&mut project);
    }
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

/// The `format_version` a project file's text declares, if it can be read
/// (a merge refuses to mix versions: issue 17).
pub fn declared_format_version(text: &str) -> Option<u32> {
    ron::Options::default()
        .with_recursion_limit(64)
        .from_str::<VersionProbe>(text)
        .ok()
        .map(|p| p.format_version)
}
