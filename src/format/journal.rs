//! The recovery journal: an append-only log of what changed since the
//! project was last saved, beside the recovery files (`KEY.qbjournal`), so
//! that keeping a 5,000-article project safe costs what the edit touched,
//! not a rewrite of the whole project.
//!
//! The file starts with who wrote it and the saved file it applies to (its
//! path, length and XXH64: a journal of another version of the file is
//! told apart before it is replayed). Each record then holds the
//! documents changed since the record before (whole, in the project
//! file's own syntax), the project's name, tag set, people and own merge
//! conflicts when those changed, and the number of documents; one `write`
//! and an fsync per record. Replaying takes the saved file and applies the records in
//! order; a record cut short by a crash (or otherwise not as written: its
//! length and hash are in its first line) ends the replay there, so a
//! crash mid-append loses at most that record.
//!
//! ```text
//! QUOTEBENCH JOURNAL 1
//! (original_path:Some("/x/p.qb.ron"),base_len:123,base_hash:456,pid:..,host:"..",process_start:..)
//! RECORD <body bytes> <xxh64 of the body, 16 hex digits>
//! (saved_at:"..",saved_at_unix:..,count:5000,top:false,indexes:[17],summary:(..))
//! // Quotebench project file ... (the changed documents only)
//! ```
//!
//! Which documents changed is told by [`Document::revision`], which every
//! change of a document moves on: [`JournalTracker`] remembers the
//! revisions last journaled and takes a copy of the documents whose
//! revision differs ([`JournalTracker::delta`], on the window's thread; a
//! document is small next to the project), and [`JournalWriter::append`]
//! writes that copy (on the writer thread).

use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::disk_check::xxh64;
use super::error::FormatError;
use super::process::{process_start_time, this_host};
use super::project_file::{parse_project, project_to_string};
use super::recovery::RecoverySummary;
use crate::model::{Document, People, Project, ProjectConflict, TagSet, now_timestamp};

/// The extension of journal files.
pub const JOURNAL_EXTENSION: &str = "qbjournal";
const MAGIC: &str = "QUOTEBENCH JOURNAL";
const JOURNAL_VERSION: u32 = 1;

/// The saved file a journal applies to, and who writes the journal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalBase {
    /// The project file; `None` for a project never saved (the records
    /// then start from an empty project).
    pub original_path: Option<PathBuf>,
    /// The file's length and XXH64 when the journal was started.
    pub base_len: u64,
    pub base_hash: u64,
    pub pid: u32,
    pub host: String,
    #[serde(default)]
    pub process_start: Option<u64>,
}

impl JournalBase {
    /// A journal over the file `path` as it is now (`len` and `hash` of its
    /// bytes, e.g. from the window's `DiskState`), written by this process.
    pub fn new(path: Option<&Path>, len: u64, hash: u64) -> Self {
        let pid = std::process::id();
        JournalBase {
            original_path: path.map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())),
            base_len: len,
            base_hash: hash,
            pid,
            host: this_host().to_string(),
            process_start: process_start_time(pid),
        }
    }

    /// A journal over the file at `path` as it is on disk now.
    pub fn of_file(path: &Path) -> Result<Self, FormatError> {
        let bytes = super::project_file::read_bytes(path)?;
        Ok(Self::new(Some(path), bytes.len() as u64, xxh64(&bytes, 0)))
    }

    /// Whether `bytes` (the file as it is now) is the version the journal
    /// was started on.
    pub fn matches(&self, bytes: &[u8]) -> bool {
        bytes.len() as u64 == self.base_len && xxh64(bytes, 0) == self.base_hash
    }
}

/// The first line of a record's body.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct RecordMeta {
    saved_at: String,
    saved_at_unix: u64,
    /// How many documents the project has.
    count: usize,
    /// The project's name, annotator, tag set, people and its own merge
    /// conflicts are in the record.
    top: bool,
    /// Where each document of the record goes, increasing.
    indexes: Vec<usize>,
    summary: RecoverySummary,
}

/// What changed since the last record: a copy taken by
/// [`JournalTracker::delta`], for [`JournalWriter::append`].
#[derive(Clone, Debug)]
pub struct JournalDelta {
    meta: RecordMeta,
    /// The changed documents (and the top of the project when `meta.top`).
    part: Project,
}

impl JournalDelta {
    /// How many documents the record holds.
    pub fn documents(&self) -> usize {
        self.part.documents.len()
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Top {
    name: String,
    annotator: String,
    tagset: TagSet,
    people: People,
    conflicts: Vec<ProjectConflict>,
}

impl Top {
    fn of(p: &Project) -> Self {
        Top {
            name: p.name.clone(),
            annotator: p.annotator.clone(),
            tagset: p.tagset.clone(),
            people: p.people.clone(),
            conflicts: p.conflicts.clone(),
        }
    }
}

/// What was last journaled (or saved), to tell what changed since.
#[derive(Clone, Debug, Default)]
pub struct JournalTracker {
    revisions: Vec<u64>,
    top: Option<Top>,
}

impl JournalTracker {
    /// Nothing journaled yet over `project` as it was opened or saved.
    pub fn at(project: &Project) -> Self {
        JournalTracker {
            revisions: project.documents.iter().map(|d| d.revision()).collect(),
            top: Some(Top::of(project)),
        }
    }

    /// Forgets what was journaled: the next delta holds the whole project
    /// (after a failed append, or for a project that was never saved).
    pub fn forget(&mut self) {
        *self = JournalTracker::default();
    }

    /// What changed in `project` since the last delta (or since `at`);
    /// `None` when nothing did. Remembers it as journaled.
    pub fn delta(&mut self, project: &Project) -> Option<JournalDelta> {
        let top = Top::of(project);
        let top_changed = self.top.as_ref() != Some(&top);
        let count = project.documents.len();
        let indexes: Vec<usize> = (project.documents.iter().enumerate())
            .filter(|(i, d)| self.revisions.get(*i) != Some(&d.revision()))
            .map(|(i, _)| i)
            .collect();
        // Usually one document; all of them for a project never saved (its
        // first record) or after a reload: copied on every core then, as
        // this runs on the window's thread.
        let documents: Vec<Document> = if indexes.len() > 64 {
            use rayon::prelude::*;
            indexes
                .par_iter()
                .map(|&i| project.documents[i].clone())
                .collect()
        } else {
            indexes.iter().map(|&i| project.documents[i].clone()).collect()
        };
        if !top_changed && indexes.is_empty() && count == self.revisions.len() {
            return None;
        }
        self.revisions = project.documents.iter().map(|d| d.revision()).collect();
        let mut part = Project {
            documents,
            ..Project::default()
        };
        if top_changed {
            part.name = top.name.clone();
            part.annotator = top.annotator.clone();
            part.tagset = top.tagset.clone();
            part.people = top.people.clone();
            part.conflicts = top.conflicts.clone();
        }
        self.top = Some(top);
        Some(JournalDelta {
            meta: RecordMeta {
                saved_at: now_timestamp(),
                saved_at_unix: unix_now(),
                count,
                top: top_changed,
                indexes,
                summary: RecoverySummary::of(project),
            },
            part,
        })
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn io_error(path: &Path, action: &'static str, source: std::io::Error) -> FormatError {
    FormatError::Io {
        path: path.display().to_string(),
        action,
        source,
    }
}

/// An open journal file, appended to.
#[derive(Debug)]
pub struct JournalWriter {
    path: PathBuf,
    file: File,
    base: JournalBase,
    /// Until its first record, the journal is written under a hidden name
    /// beside `path` (renamed then), so that a journal already there stays
    /// whole until the new one holds something.
    hidden: Option<PathBuf>,
}

impl JournalWriter {
    /// Starts a journal over `base` that replaces the one at `path` (if
    /// any) once its first record is written.
    pub fn create(path: &Path, base: &JournalBase) -> Result<Self, FormatError> {
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| io_error(dir, "create the recovery folder", e))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let hidden = dir.join(format!(".{name}.new"));
        let final_path = path.to_path_buf();
        let path = hidden.as_path();
        let header = ron::to_string(base).map_err(|e| FormatError::Serialize {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let mut file = File::create(path).map_err(|e| io_error(path, "create", e))?;
        file.write_all(format!("{MAGIC} {JOURNAL_VERSION}\n{header}\n").as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| io_error(path, "write", e))?;
        // Every record goes at the end, whatever happened before it.
        let file = OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| io_error(path, "open", e))?;
        Ok(JournalWriter {
            path: final_path,
            file,
            base: base.clone(),
            hidden: Some(hidden),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The saved file this journal is over.
    pub fn base(&self) -> &JournalBase {
        &self.base
    }

    /// Appends one record and waits until it is on the disk.
    pub fn append(&mut self, delta: &JournalDelta) -> Result<(), FormatError> {
        self.append_all(std::slice::from_ref(delta))
    }

    /// Appends one record for each delta, in order, with one write and one
    /// fsync for all (the edits made while the last append was running);
    /// a crash mid-write loses those records, never one before them.
    pub fn append_all(&mut self, deltas: &[JournalDelta]) -> Result<(), FormatError> {
        if deltas.is_empty() {
            return Ok(());
        }
        let mut record = Vec::new();
        for delta in deltas {
            self.record(delta, &mut record)?;
        }
        let before = self.file.metadata().map(|m| m.len());
        let written = self.file.write_all(&record).and_then(|()| self.file.sync_data());
        if let (Err(_), Ok(len)) = (&written, before) {
            // Cut back to the last whole record, so that a retry appends cleanly.
            let _ = self.file.set_len(len);
        }
        written.map_err(|e| io_error(&self.path, "append to", e))?;
        if let Some(hidden) = self.hidden.take() {
            if let Err(e) = fs::rename(&hidden, &self.path) {
                self.hidden = Some(hidden);
                return Err(io_error(&self.path, "rename", e));
            }
            if let Some(dir) = self.path.parent()
                && let Ok(d) = File::open(dir)
            {
                let _ = d.sync_all(); // the new name, on file systems that want it
            }
        }
        Ok(())
    }

    /// Puts `delta`'s record at the end of `out`.
    fn record(&self, delta: &JournalDelta, out: &mut Vec<u8>) -> Result<(), FormatError> {
        let serialize = |e: ron::Error| FormatError::Serialize {
            path: self.path.display().to_string(),
            message: e.to_string(),
        };
        let meta = ron::to_string(&delta.meta).map_err(serialize)?;
        let text = project_to_string(&delta.part).map_err(serialize)?;
        let mut body = String::with_capacity(meta.len() + text.len() + 1);
        body.push_str(&meta);
        body.push('\n');
        body.push_str(&text);
        out.extend_from_slice(
            format!("RECORD {} {:016x}\n", body.len(), xxh64(body.as_bytes(), 0)).as_bytes(),
        );
        out.extend_from_slice(body.as_bytes());
        out.push(b'\n');
        Ok(())
    }
}

/// A journal read back: who wrote it, over what, and its whole records.
#[derive(Debug)]
pub struct JournalFile {
    pub base: JournalBase,
    /// The last whole record's time and summary (`None`: no record).
    pub last: Option<(String, u64, RecoverySummary)>,
    /// How many whole records it holds.
    pub records: usize,
    /// Bytes after the last whole record (a torn append), ignored.
    pub torn_bytes: usize,
    bodies: Vec<(RecordMeta, String)>,
}

/// Reads a journal's header and every whole record; the error is why it
/// cannot be read at all (then it counts as damaged).
pub fn read_journal(bytes: &[u8]) -> Result<JournalFile, String> {
    let not_ours = || "this is not a Quotebench journal".to_string();
    let mut lines = LineReader { bytes, at: 0 };
    let magic = lines.line().ok_or_else(not_ours)?;
    let version = magic
        .strip_prefix(MAGIC)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .ok_or_else(not_ours)?;
    if version > JOURNAL_VERSION {
        return Err(format!(
            "it was written by a newer Quotebench (journal format {version}; this one reads {JOURNAL_VERSION})"
        ));
    }
    let header = lines.line().ok_or("its header is cut short")?;
    let base: JournalBase = ron::from_str(header).map_err(|e| format!("its header cannot be read: {e}"))?;
    let mut out = JournalFile {
        base,
        last: None,
        records: 0,
        torn_bytes: 0,
        bodies: Vec::new(),
    };
    loop {
        let start = lines.at;
        if start == bytes.len() {
            break;
        }
        match lines.record() {
            Some((meta, body)) => {
                out.last = Some((meta.saved_at.clone(), meta.saved_at_unix, meta.summary.clone()));
                out.records += 1;
                out.bodies.push((meta, body));
            }
            None => {
                out.torn_bytes = bytes.len() - start;
                break;
            }
        }
    }
    Ok(out)
}

struct LineReader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> LineReader<'a> {
    fn line(&mut self) -> Option<&'a str> {
        let rest = self.bytes.get(self.at..)?;
        let end = rest.iter().position(|&b| b == b'\n')?;
        self.at += end + 1;
        std::str::from_utf8(&rest[..end]).ok()
    }

    /// One whole record whose length and hash check out; `None` otherwise.
    fn record(&mut self) -> Option<(RecordMeta, String)> {
        let head = self.line()?;
        let mut parts = head.strip_prefix("RECORD ")?.split(' ');
        let len: usize = parts.next()?.parse().ok()?;
        let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
        let end = self.at.checked_add(len)?;
        let body = self.bytes.get(self.at..end)?;
        if xxh64(body, 0) != hash || self.bytes.get(end) != Some(&b'\n') {
            return None;
        }
        self.at = end + 1;
        let body = std::str::from_utf8(body).ok()?;
        let (meta, text) = body.split_once('\n')?;
        let meta: RecordMeta = ron::from_str(meta).ok()?;
        Some((meta, text.to_string()))
    }
}

impl JournalFile {
    /// `base` (the saved file's project, or an empty one for a project
    /// never saved) with every whole record applied in order.
    pub fn replay(&self, mut base: Project, shown: &str) -> Result<Project, FormatError> {
        let damaged = |message: String| FormatError::Damaged {
            path: shown.to_string(),
            message,
        };
        for (n, (meta, text)) in self.bodies.iter().enumerate() {
            let part = parse_project(text, shown)
                .map_err(|e| damaged(format!("record {}: {e}", n + 1)))?
                .project;
            if meta.indexes.len() != part.documents.len() {
                return Err(damaged(format!(
                    "record {}: its documents do not match its list",
                    n + 1
                )));
            }
            if meta.top {
                base.name = part.name;
                base.annotator = part.annotator;
                base.tagset = part.tagset;
                base.people = part.people;
                base.conflicts = part.conflicts;
            }
            base.documents.truncate(meta.count);
            for (i, d) in meta.indexes.iter().zip(part.documents) {
                let len = base.documents.len();
                match base.documents.get_mut(*i) {
                    Some(slot) => *slot = d,
                    None if *i == len => base.documents.push(d),
                    None => {
                        return Err(damaged(format!(
                            "record {}: document {} follows no document {}",
                            n + 1,
                            i + 1,
                            i
                        )));
                    }
                }
            }
            if base.documents.len() != meta.count {
                return Err(damaged(format!(
                    "record {}: {} documents, not {}",
                    n + 1,
                    base.documents.len(),
                    meta.count
                )));
            }
        }
        Ok(base)
    }
}
