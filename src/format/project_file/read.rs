//! Reading a project file: ron's syntax errors moved past blank lines to
//! where the fault is, the format version checked, and every problem the
//! model's validation finds located by line:column.

use std::path::Path;

use super::locate::IdPositions;
use super::{
    DocumentFile, LoadedProject, LocatedProblem, ProjectFile, VersionProbe, read_bytes, read_text_file,
    text_of_bytes,
};
use crate::format::disk_check::{DiskState, xxh64};
use crate::format::disk_versions::{BaseVersion, OpenedVersion};
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
///
/// A file in the saved layout is read a block at a time (see `blocks`), so
/// the whole text is never held beside the project; any other file, or one
/// that reader does not take, is read whole.
pub fn load_project_with_progress(path: &Path, progress: Progress<'_>) -> Result<LoadedProject, FormatError> {
    if let Some(loaded) = super::blocks::load_in_blocks(path, progress) {
        return Ok(loaded);
    }
    let text = read_text_file(path)?;
    parse_project_with_progress(&text, &path.display().to_string(), progress)
}

/// A project file as the window opens it, from one read: the project, the
/// version opened (the base of a later comparison with the disk: see
/// [`BaseVersion`]; parsed again only when the file changes on disk and a
/// comparison needs it, rather than kept as a second parsed copy) and the
/// file's state as read (to tell later whether it changed on disk, without
/// reading it again).
#[derive(Debug)]
pub struct OpenedFile {
    pub loaded: LoadedProject,
    pub base: BaseVersion,
    pub state: DiskState,
}

/// Reads the project at `path` as [`load_project_with_progress`] does,
/// keeping the version opened and the file's state (see [`OpenedFile`]).
/// A file read in blocks stays open as the base (no copy of its text is
/// held); a file read whole keeps its text.
pub fn open_project_file(path: &Path, progress: Progress<'_>) -> Result<OpenedFile, FormatError> {
    if let Some(read) = super::blocks::open_in_blocks(path, progress) {
        return Ok(OpenedFile {
            loaded: read.loaded,
            base: BaseVersion::Opened(OpenedVersion::new(read.file, read.state)),
            state: read.state,
        });
    }
    let modified = std::fs::metadata(path).ok().and_then(|m| m.modified().ok());
    let bytes = read_bytes(path)?;
    let state = DiskState::of_bytes(&bytes, modified);
    let text = text_of_bytes(bytes, path)?;
    let loaded = parse_project_with_progress(&text, &path.display().to_string(), progress)?;
    Ok(OpenedFile {
        loaded,
        base: BaseVersion::Text(text),
        state,
    })
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
    let layout = saved_layout(text);
    match layout.as_ref().and_then(|l| parse_in_parts(l, progress)) {
        Some(parsed) => finish(text, path, parsed, layout.as_ref().map_or(&[], |l| &l.documents)),
        None => finish(text, path, parse_whole(text, path)?, &[]),
    }
}

/// Several project files parsed together (a merge's three versions): a
/// document that is byte for byte the same in several files with the same
/// tag set is parsed once and copied, the rest as [`parse_project`] does.
/// One result per `(text, path)`, in order.
pub fn parse_projects(files: &[(&str, &str)]) -> Vec<Result<LoadedProject, FormatError>> {
    use rayon::prelude::*;
    use std::collections::HashMap;
    let options = ron_options();
    // Each file's top and document parts, when it has the saved layout.
    let laid: Vec<Option<(ProjectFile, SavedLayout<'_>)>> = files
        .iter()
        .map(|(text, _)| {
            let layout = saved_layout(text)?;
            let head = parse_head(&layout, &options)?;
            Some((head, layout))
        })
        .collect();
    // Files with equal tag sets check documents alike: one class each.
    let class: Vec<usize> = (0..files.len())
        .map(|i| {
            (0..i)
                .find(|&j| match (&laid[i], &laid[j]) {
                    (Some((a, _)), Some((b, _))) => a.tagset == b.tagset,
                    _ => false,
                })
                .unwrap_or(i)
        })
        .collect();
    // The distinct (class, part) pairs, and which one each document is:
    // parts told apart by their XXH64, then compared.
    let hashes: Vec<Vec<u64>> = laid
        .iter()
        .map(|l| match l {
            Some((_, layout)) => layout
                .documents
                .par_iter()
                .map(|p| xxh64(p.as_bytes(), 0))
                .collect(),
            None => Vec::new(),
        })
        .collect();
    let mut unique: Vec<(usize, &str)> = Vec::new();
    let mut seen: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    let mut slots: Vec<Vec<usize>> = Vec::with_capacity(files.len());
    for (i, l) in laid.iter().enumerate() {
        let mut mine = Vec::new();
        if let Some((_, layout)) = l {
            for (&part, &hash) in layout.documents.iter().zip(&hashes[i]) {
                let same = seen.entry((class[i], hash)).or_default();
                let u = match same.iter().find(|&&u| unique[u].1 == part) {
                    Some(&u) => u,
                    None => {
                        unique.push((class[i], part));
                        same.push(unique.len() - 1);
                        unique.len() - 1
                    }
                };
                mine.push(u);
            }
        }
        slots.push(mine);
    }
    let mut uses = vec![0usize; unique.len()];
    for s in slots.iter().flatten() {
        uses[*s] += 1;
    }
    let mut parsed: Vec<Option<ParsedDocument>> = unique
        .par_iter()
        .map(|&(c, part)| {
            let tagset = &laid[c].as_ref()?.0.tagset;
            Some(to_model(read_part(part, &options)?, tagset))
        })
        .collect();
    let mut failed = vec![false; files.len()];
    for (i, s) in slots.iter().enumerate() {
        failed[i] = s.iter().any(|&u| parsed[u].is_none());
    }
    let mut results = Vec::with_capacity(files.len());
    for (i, l) in laid.into_iter().enumerate() {
        let (text, path) = files[i];
        let Some((head, layout)) = l.filter(|_| !failed[i]) else {
            results.push(parse_project(text, path));
            continue;
        };
        let documents = slots[i]
            .iter()
            .map(|&u| {
                uses[u] -= 1;
                let slot = &mut parsed[u];
                if uses[u] == 0 {
                    slot.take().expect("parsed above")
                } else {
                    slot.clone().expect("parsed above")
                }
            })
            .collect();
        results.push(finish(text, path, (head, documents), &layout.documents));
    }
    results
}

/// A parsed file's top and documents made into the project: the version
/// checked, every problem found located in the file. `parts` are the
/// documents' parts of the text (empty when it was parsed whole), in the
/// order of the documents: a problem is looked for in its document's part.
fn finish(text: &str, path: &str, parsed: Parsed, parts: &[&str]) -> Result<LoadedProject, FormatError> {
    let (project, problems) = assemble(path, parsed)?;
    let ids = IdPositions::of(text, &project, &problems, parts);
    Ok(located(project, problems, &ids))
}

/// The project of a parsed file's top and documents, with the problems
/// found in it (not yet located); an error if the file is of a newer version.
pub(super) fn assemble(path: &str, (head, parsed): Parsed) -> Result<(Project, Vec<Problem>), FormatError> {
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
        conflicts: head.conflicts,
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
    Ok((project, problems))
}

/// The problems with the line:column of the items they concern.
pub(super) fn located(project: Project, problems: Vec<Problem>, ids: &IdPositions) -> LoadedProject {
    // The k-th duplicate of an id is its (k+1)-th occurrence: point there, at
    // the item that was renamed, not at the first one, which kept its id.
    let mut duplicates_seen: std::collections::HashMap<(String, String), usize> = Default::default();
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
            let pos = problem
                .id
                .as_deref()
                .and_then(|id| ids.locate(&problem.document, id, nth));
            LocatedProblem {
                problem,
                line: pos.map(|p| p.0),
                column: pos.map(|p| p.1),
            }
        })
        .collect();
    LoadedProject { project, problems }
}

/// The top of a project file (everything but its documents) and its
/// documents, read into the model with the problems found on the way.
pub(super) type Parsed = (ProjectFile, Vec<ParsedDocument>);

/// One document of the file, in the model, with what loading it found:
/// `repaired` while it was built (duplicate ids, repairs), `checked` by
/// [`validate_one`] (used only for files of the current register format).
#[derive(Clone)]
pub(super) struct ParsedDocument {
    pub(super) document: Document,
    pub(super) repaired: Vec<Problem>,
    pub(super) checked: Vec<Problem>,
}

pub(super) fn ron_options() -> ron::Options {
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

/// The line that opens the documents' list in the saved layout.
pub(super) const OPEN: &str = "\n    documents: [\n";
/// The line that opens each document.
pub(super) const START: &str = "        (\n";
/// A document's first line with the line end before it: where one starts.
pub(super) const NEXT: &str = "\n        (\n";
/// The end of the documents' list and of the file.
pub(super) const CLOSE: &str = "    ],\n)";

/// A file as [`super::project_to_string`] lays it out: the top of the file
/// up to `documents: [`, then each document from a line `        (` to a
/// line `        ),`, then `    ],` and `)`.
pub(super) struct SavedLayout<'a> {
    /// The text before the documents line (ends with a line end).
    pub(super) head: &'a str,
    /// Each document's `( ... )`, without its trailing comma.
    pub(super) documents: Vec<&'a str>,
}

impl SavedLayout<'_> {
    /// The top of the file closed as a file of its own (no documents).
    fn head_alone(&self) -> String {
        let mut head = String::with_capacity(self.head.len() + 2);
        head.push_str(self.head);
        head.push(')');
        head
    }
}

/// One document's part read: by hand where it is what the writer writes
/// (`saved_lines`), else by ron; `None` if neither reads it.
pub(super) fn read_part(part: &str, options: &ron::Options) -> Option<DocumentFile> {
    super::saved_lines::read_document(part, options).or_else(|| options.from_str(part).ok())
}

/// The file's parts when it has the saved layout; `None` otherwise. A
/// wrong cut (a text holding such a line) leaves a part that does not
/// parse on its own, so [`parse_in_parts`] then gives up and the file is
/// parsed whole: the split can make loading slower, never different.
pub(super) fn saved_layout(text: &str) -> Option<SavedLayout<'_>> {
    let at = text.find(OPEN)?;
    let head = &text[..=at];
    let body = text[at + OPEN.len()..].trim_end().strip_suffix(CLOSE)?;
    if !body.is_empty() && !body.starts_with(START) {
        return None;
    }
    let documents = cut_documents(body)?;
    Some(SavedLayout { head, documents })
}

/// The documents' parts of `body` (whole documents, each `(`…`)` without
/// its comma), cut where a line opens the next one.
pub(super) fn cut_documents(body: &str) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    if body.is_empty() {
        return Some(parts);
    }
    let mut from = 0;
    for i in memchr::memmem::find_iter(body.as_bytes(), NEXT) {
        parts.push(one_document(&body[from..=i])?);
        from = i + 1;
    }
    parts.push(one_document(&body[from..])?);
    Some(parts)
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
    let file = parse_head(layout, &options)?;
    let tagset = &file.tagset;
    let total = layout.documents.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let documents = layout
        .documents
        .par_iter()
        .map(|part| {
            let doc = to_model(read_part(part, &options)?, tagset);
            progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1, total);
            Some(doc)
        })
        .collect::<Option<Vec<_>>>()?;
    Some((file, documents))
}

/// The top of a file in the saved layout (all but its documents); `None`
/// when it does not parse alone or is of a newer version.
pub(super) fn parse_head(layout: &SavedLayout<'_>, options: &ron::Options) -> Option<ProjectFile> {
    let file: ProjectFile = options.from_str(&layout.head_alone()).ok()?;
    if file.format_version > READS_UP_TO || !file.documents.is_empty() {
        return None;
    }
    Some(file)
}

/// A document of the file in the model: duplicate ids renamed and
/// reported, faults repaired (see `repair_document`), and checked.
pub(super) fn to_model(d: DocumentFile, tagset: &TagSet) -> ParsedDocument {
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
    // In the saved layout the top of the file says it (ron reading the
    // whole file to skip its documents took as long as parsing them).
    let probe = |t: &str| {
        ron_options()
            .from_str::<VersionProbe>(t)
            .ok()
            .map(|p| p.format_version)
    };
    if let Some(v) = saved_layout(text).and_then(|layout| probe(&layout.head_alone())) {
        return Some(v);
    }
    probe(text)
}
