//! Crash recovery: while a project has unsaved changes, a copy of it is
//! written now and then to a recovery folder (not beside the project: that
//! folder may be read-only, synced or shared). After a crash, a power cut or
//! a killed process, the next start lists what is there and offers to
//! restore it. A clean save or a deliberate "discard changes" removes it.
//!
//! One recovery file per window and project, named by a [`RecoveryKey`]:
//! [`RecoveryKey::for_window`] joins the project's path (or "unsaved") and
//! an id new for each opening, so two windows on one project, or a window
//! opened after "Later" on the restore prompt, never write over another's
//! file: every file left is offered at the next start. After "Save as",
//! discard the old key and take a new one. Each write replaces the previous
//! one of the same key atomically (see `atomic.rs`), so a crash during a
//! write leaves the previous recovery file.
//!
//! File layout (`KEY.qbrecovery`), so the header can be read without the
//! project and damage is detected:
//! ```text
//! QUOTEBENCH RECOVERY 1
//! (saved_at:"2026-11-26T01:40:36Z",saved_at_unix:...,original_path:Some("/x/p.qb.ron"),pid:...,body_len:...,body_hash:...)
//! // Quotebench project file ... (the project, exactly as `project_to_string` writes it)
//! ```
//!
//! API:
//! - [`RecoveryStore::new`]`(dir)`, [`RecoveryStore::default_dir`]`()`:
//!   `$QUOTEBENCH_DATA_DIR/recovery`, else `$XDG_DATA_HOME/quotebench/recovery`,
//!   else the system's data folder (`~/.local/share/quotebench/recovery` on
//!   Linux, `~/Library/Application Support/Quotebench/recovery` on macOS;
//!   `None` without a home folder).
//! - [`RecoveryStore::write`]`(&key, &project, original_path) -> Result<PathBuf>`
//! - [`RecoveryStore::list`]`() -> Vec<RecoveryEntry>`: newest first; a file
//!   that cannot be read is listed as [`RecoveryState::Damaged`], not dropped.
//!   Skip entries where [`RecoveryEntry::from_running_instance`] (another
//!   open window is still writing them).
//! - [`RecoveryStore::load`]`(&entry) -> Result<Project>`
//! - [`RecoveryStore::discard`]`(&entry)`, [`RecoveryStore::discard_key`]`(&key)`
//! - [`AutosaveClock`](super::AutosaveClock) (its own file): when to write
//!   (at once after a change; later only to retry a failed write).
//!
//! How the window is meant to use it: at start, `list()` and offer each entry
//! that is not `from_running_instance()` (restore = `load`, then `discard`
//! once the user has it; damaged ones: show the path). Per open project keep
//! a key and an `AutosaveClock`; after every frame that changed the project
//! hand what changed and the clock's due time to a writer thread (a hidden window runs no
//! frames, so the write must not wait for one); after a successful save, and
//! on "close without saving", `discard_key`.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::atomic::{Backup, RealIo, write_atomic_with};
use super::decode::{Decoding, decode_text};
use super::disk_check::xxh64;
use super::error::FormatError;
use super::journal::{JOURNAL_EXTENSION, read_journal};
use super::process::{process_running, process_start_time, this_host};
use super::project_file::{MAX_FILE_BYTES, load_project, parse_project, project_to_string, read_bytes};
use crate::model::{Project, new_id, now_timestamp, slug};

/// The extension of recovery files.
pub const RECOVERY_EXTENSION: &str = "qbrecovery";
const MAGIC: &str = "QUOTEBENCH RECOVERY";
const RECOVERY_VERSION: u32 = 1;
/// The magic line and the header line are never longer than this.
const MAX_HEADER_BYTES: u64 = 64 * 1024;

/// Names the recovery file of one open project.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RecoveryKey(String);

impl RecoveryKey {
    /// The key of the project saved at `path`: its name and a hash of the
    /// full path, e.g. `speech-0123456789abcdef`. Two spellings of one path
    /// (relative, via a link) give the same key.
    pub fn for_path(path: &Path) -> Self {
        let full = fs::canonicalize(path)
            .or_else(|_| std::path::absolute(path))
            .unwrap_or_else(|_| path.to_path_buf());
        let name = full
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = name.strip_suffix(".qb.ron").unwrap_or(&name);
        let short: String = slug(stem).chars().take(40).collect();
        let hash = xxh64(full.as_os_str().as_encoded_bytes(), 0);
        RecoveryKey(format!("{short}-{hash:016x}"))
    }

    /// A new key for a project that has no file yet, unique to this session.
    pub fn unsaved() -> Self {
        RecoveryKey(new_id("unsaved"))
    }

    /// The key of one window's session on the project at `path` (or on a
    /// project never saved): the path's key and an id new on every call,
    /// e.g. `speech-0123456789abcdef-w-1a2b3c4d`.
    pub fn for_window(path: Option<&Path>) -> Self {
        match path {
            Some(p) => RecoveryKey(format!("{}-{}", Self::for_path(p).0, new_id("w"))),
            None => Self::unsaved(),
        }
    }

    /// Made by [`RecoveryKey::for_window`] for the project at `path`.
    pub fn is_for_path(&self, path: &Path) -> bool {
        let prefix = format!("{}-w", Self::for_path(path).0);
        self.0.starts_with(&prefix)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a recovery file holds, in numbers a user recognises.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoverySummary {
    pub name: String,
    pub documents: usize,
    pub annotations: usize,
}

impl RecoverySummary {
    pub fn of(project: &Project) -> Self {
        RecoverySummary {
            name: project.name.clone(),
            documents: project.documents.len(),
            annotations: project.documents.iter().map(|d| d.annotation_count()).sum(),
        }
    }
}

/// The header of a readable recovery file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryInfo {
    /// RFC 3339 UTC, e.g. "2026-11-26T01:40:36Z".
    pub saved_at: String,
    pub saved_at_unix: u64,
    /// The project file it is a copy of; `None` for a project never saved.
    pub original_path: Option<PathBuf>,
    /// The process that wrote it, and where.
    pub pid: u32,
    pub host: String,
    pub summary: RecoverySummary,
    process_start: Option<u64>,
    /// A journal whose project file changed since it was started (or is
    /// gone): replaying it needs the user's yes
    /// ([`RecoveryStore::load_journal`] with `over_another_version`).
    pub other_version: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecoveryState {
    Readable(RecoveryInfo),
    /// Why it cannot be read; the file is kept for the user to look at.
    Damaged(String),
}

/// One file in the recovery folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryEntry {
    pub path: PathBuf,
    /// From the file system; known even for a damaged file.
    pub file_modified: Option<SystemTime>,
    pub state: RecoveryState,
}

impl RecoveryEntry {
    pub fn info(&self) -> Option<&RecoveryInfo> {
        match &self.state {
            RecoveryState::Readable(info) => Some(info),
            RecoveryState::Damaged(_) => None,
        }
    }

    pub fn is_damaged(&self) -> bool {
        matches!(self.state, RecoveryState::Damaged(_))
    }

    /// Written by a Quotebench that is still running on this machine (this
    /// one or another window): not a crash, so do not offer it for restoring.
    pub fn from_running_instance(&self) -> bool {
        self.info().is_some_and(|i| {
            i.host.eq_ignore_ascii_case(this_host()) && process_running(i.pid, i.process_start) == Some(true)
        })
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    saved_at: String,
    saved_at_unix: u64,
    original_path: Option<String>,
    pid: u32,
    host: String,
    #[serde(default)]
    process_start: Option<u64>,
    summary: RecoverySummary,
    body_len: u64,
    body_hash: u64,
}

/// The recovery folder.
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
}

fn io_error(path: &Path, action: &'static str, source: io::Error) -> FormatError {
    FormatError::Io {
        path: path.display().to_string(),
        action,
        source,
    }
}

impl RecoveryStore {
    /// A store in `dir` (created on the first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        RecoveryStore { dir: dir.into() }
    }

    /// `$QUOTEBENCH_DATA_DIR/recovery`, else `$XDG_DATA_HOME/quotebench/recovery`,
    /// else the system's data folder for applications (the `directories`
    /// crate): `~/.local/share/quotebench/recovery` on Linux,
    /// `~/Library/Application Support/Quotebench/recovery` on macOS,
    /// `%LOCALAPPDATA%\Quotebench\data\recovery` on Windows. Empty or
    /// relative variables are ignored. `None` when there is no home folder.
    pub fn default_dir() -> Option<PathBuf> {
        Some(data_dir()?.join("recovery"))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file that `key` writes to.
    pub fn path_for(&self, key: &RecoveryKey) -> PathBuf {
        self.dir.join(format!("{}.{RECOVERY_EXTENSION}", key.as_str()))
    }

    /// The journal that `key` appends to (see `journal.rs`), beside its file.
    pub fn journal_path_for(&self, key: &RecoveryKey) -> PathBuf {
        self.dir.join(format!("{}.{JOURNAL_EXTENSION}", key.as_str()))
    }

    /// Writes (atomically, replacing the previous one) the recovery file of
    /// `key`: `project` and who/when/what. `original_path` is the project's
    /// file, if it has one. Returns the recovery file's path.
    pub fn write(
        &self,
        key: &RecoveryKey,
        project: &Project,
        original_path: Option<&Path>,
    ) -> Result<PathBuf, FormatError> {
        let path = self.path_for(key);
        fs::create_dir_all(&self.dir).map_err(|e| io_error(&self.dir, "create the recovery folder", e))?;
        let body = project_to_string(project).map_err(|e| FormatError::Serialize {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let pid = std::process::id();
        let original_path = original_path.map(|p| {
            std::path::absolute(p)
                .unwrap_or_else(|_| p.to_path_buf())
                .to_string_lossy()
                .into_owned()
        });
        let header = Header {
            saved_at: now_timestamp(),
            saved_at_unix: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            original_path,
            pid,
            host: this_host().to_string(),
            process_start: process_start_time(pid),
            summary: RecoverySummary::of(project),
            body_len: body.len() as u64,
            body_hash: xxh64(body.as_bytes(), 0),
        };
        let header = ron::to_string(&header).map_err(|e| FormatError::Serialize {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let mut text = String::with_capacity(body.len() + header.len() + 64);
        text.push_str(&format!("{MAGIC} {RECOVERY_VERSION}\n{header}\n"));
        text.push_str(&body);
        write_atomic_with(&mut RealIo, &path, text.as_bytes(), Backup::Skip)?;
        Ok(path)
    }

    /// Every recovery file in the folder, newest first. Reads only headers.
    /// An empty list when the folder does not exist or cannot be read.
    pub fn list(&self) -> Vec<RecoveryEntry> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out: Vec<RecoveryEntry> = entries
            .flatten()
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                !name.starts_with('.')
                    && (name.ends_with(&format!(".{RECOVERY_EXTENSION}"))
                        || name.ends_with(&format!(".{JOURNAL_EXTENSION}")))
            })
            .filter_map(|e| {
                let path = e.path();
                let file_modified = e.metadata().and_then(|m| m.modified()).ok();
                let state = if is_journal(&path) {
                    match journal_info(&path) {
                        Ok(Some(info)) => RecoveryState::Readable(info),
                        // Started but holding no change yet: nothing to offer.
                        Ok(None) => return None,
                        Err(why) => RecoveryState::Damaged(why),
                    }
                } else {
                    match read_header(&path) {
                        Ok((info, _)) => RecoveryState::Readable(info),
                        Err(why) => RecoveryState::Damaged(why),
                    }
                };
                Some(RecoveryEntry {
                    path,
                    file_modified,
                    state,
                })
            })
            .collect();
        let when = |e: &RecoveryEntry| {
            e.info()
                .map(|i| UNIX_EPOCH + Duration::from_secs(i.saved_at_unix))
                .or(e.file_modified)
                .unwrap_or(UNIX_EPOCH)
        };
        out.sort_by(|a, b| when(b).cmp(&when(a)).then_with(|| a.path.cmp(&b.path)));
        out
    }

    /// The project a recovery file holds, checked against its header; for a
    /// journal, the saved file with the journal's changes replayed over it
    /// (refused with [`FormatError::JournalOfOtherVersion`] when the file
    /// is not the version the journal was started on: ask the user, then
    /// [`RecoveryStore::load_journal`] with `over_another_version`).
    pub fn load(&self, entry: &RecoveryEntry) -> Result<Project, FormatError> {
        if is_journal(&entry.path) {
            return self.load_journal(entry, false);
        }
        let path = &entry.path;
        let shown = path.display().to_string();
        let damaged = |message: String| FormatError::Damaged {
            path: shown.clone(),
            message,
        };
        let size = fs::metadata(path).map_err(|e| io_error(path, "open", e))?.len();
        if size > MAX_FILE_BYTES + MAX_HEADER_BYTES {
            return Err(FormatError::TooLarge {
                path: shown,
                size,
                limit: MAX_FILE_BYTES,
            });
        }
        let bytes = fs::read(path).map_err(|e| io_error(path, "read", e))?;
        let (header, body_start) = parse_header(&bytes).map_err(damaged)?;
        let body = bytes.get(body_start..).unwrap_or_default();
        if body.len() as u64 != header.body_len || xxh64(body, 0) != header.body_hash {
            return Err(damaged(
                "the project in it is not the one that was written (changed or cut short)".into(),
            ));
        }
        let text = match decode_text(body, Decoding::DATA, &shown) {
            Ok(d) => d.text,
            Err(FormatError::NotUtf8 {
                path,
                offset,
                article,
            }) => {
                return Err(FormatError::NotUtf8 {
                    path,
                    offset: body_start + offset,
                    article,
                });
            }
            Err(e) => return Err(e),
        };
        Ok(parse_project(&text, &shown)?.project)
    }

    /// A journal's changes replayed over the file it was started on; with
    /// `over_another_version`, over that file as it is now even when it
    /// changed since (the user was asked), or over an empty project when
    /// it is gone. A torn last record is left out.
    pub fn load_journal(
        &self,
        entry: &RecoveryEntry,
        over_another_version: bool,
    ) -> Result<Project, FormatError> {
        let path = &entry.path;
        let shown = path.display().to_string();
        let bytes = fs::read(path).map_err(|e| io_error(path, "read", e))?;
        let journal = read_journal(&bytes).map_err(|message| FormatError::Damaged {
            path: shown.clone(),
            message,
        })?;
        drop(bytes);
        let base = match &journal.base.original_path {
            None => Project::default(),
            Some(original) => {
                let now = read_bytes(original).ok();
                let same = now.as_deref().is_some_and(|b| journal.base.matches(b));
                if !same && !over_another_version {
                    return Err(FormatError::JournalOfOtherVersion {
                        journal: shown,
                        original: original.display().to_string(),
                    });
                }
                match now {
                    Some(_) => load_project(original)?.project,
                    None => Project::default(),
                }
            }
        };
        journal.replay(base, &shown)
    }

    /// Removes `key`'s full copy (`.qbrecovery`) but not its journal.
    pub fn discard_copy(&self, key: &RecoveryKey) -> Result<(), FormatError> {
        remove_if_present(&self.path_for(key))
    }

    /// Removes a recovery file (restored, or declined by the user). A file
    /// that is gone already is fine.
    pub fn discard(&self, entry: &RecoveryEntry) -> Result<(), FormatError> {
        remove_if_present(&entry.path)
    }

    /// Removes `key`'s recovery file and journal, e.g. after the project was saved.
    pub fn discard_key(&self, key: &RecoveryKey) -> Result<(), FormatError> {
        remove_if_present(&self.journal_path_for(key))?;
        remove_if_present(&self.path_for(key))
    }
}

fn absolute_var(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
}

/// Quotebench's data folder: `$QUOTEBENCH_DATA_DIR`, else
/// `$XDG_DATA_HOME/quotebench`, else the system's (see
/// [`RecoveryStore::default_dir`]). Empty or relative variables are ignored.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(d) = absolute_var("QUOTEBENCH_DATA_DIR") {
        return Some(d);
    }
    if let Some(d) = absolute_var("XDG_DATA_HOME") {
        return Some(d.join("quotebench"));
    }
    let dirs = directories::ProjectDirs::from("", "", "Quotebench")?;
    Some(dirs.data_local_dir().to_path_buf())
}

/// Where the window keeps its own state (theme, size, panel widths, recent
/// files): `$QUOTEBENCH_DATA_DIR/app.ron` when that is set, so a run with
/// its own data folder (the end-to-end script, a test) neither reads nor
/// changes the user's; `None` leaves eframe's default place.
pub fn app_state_file() -> Option<PathBuf> {
    absolute_var("QUOTEBENCH_DATA_DIR").map(|d| d.join("app.ron"))
}

fn remove_if_present(path: &Path) -> Result<(), FormatError> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_error(path, "remove", e)),
        _ => Ok(()),
    }
}

fn is_journal(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == JOURNAL_EXTENSION)
}

/// A journal as an offer: who wrote it, over which file, and its last
/// whole record's time and summary; `None` when it holds no record.
fn journal_info(path: &Path) -> Result<Option<RecoveryInfo>, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
    let journal = read_journal(&bytes)?;
    let Some((saved_at, saved_at_unix, summary)) = journal.last else {
        return Ok(None);
    };
    let base = journal.base;
    let other_version = base
        .original_path
        .as_deref()
        .is_some_and(|p| !read_bytes(p).is_ok_and(|b| base.matches(&b)));
    Ok(Some(RecoveryInfo {
        other_version,
        saved_at,
        saved_at_unix,
        original_path: base.original_path,
        pid: base.pid,
        host: base.host,
        summary,
        process_start: base.process_start,
    }))
}

/// Reads and checks the two header lines: the info, and where the project
/// text starts. The error is the reason the file counts as damaged.
fn read_header(path: &Path) -> Result<(RecoveryInfo, usize), String> {
    let mut file = File::open(path).map_err(|e| format!("cannot open it: {e}"))?;
    let size = file.metadata().map_err(|e| format!("cannot read it: {e}"))?.len();
    let mut start = Vec::new();
    (&mut file)
        .take(MAX_HEADER_BYTES)
        .read_to_end(&mut start)
        .map_err(|e| format!("cannot read it: {e}"))?;
    let (header, body_start) = parse_header(&start)?;
    let expected = body_start as u64 + header.body_len;
    if size != expected {
        return Err(format!(
            "the file is {size} bytes but should be {expected}: it was cut short or changed"
        ));
    }
    let info = RecoveryInfo {
        saved_at: header.saved_at,
        saved_at_unix: header.saved_at_unix,
        original_path: header.original_path.map(PathBuf::from),
        pid: header.pid,
        host: header.host,
        summary: header.summary,
        process_start: header.process_start,
        other_version: false,
    };
    Ok((info, body_start))
}

/// Parses the magic line and the header line at the start of `bytes`.
fn parse_header(bytes: &[u8]) -> Result<(Header, usize), String> {
    let not_ours = || "this is not a Quotebench recovery file".to_string();
    let first_end = bytes.iter().position(|&b| b == b'\n').ok_or_else(not_ours)?;
    let magic = std::str::from_utf8(&bytes[..first_end]).map_err(|_| not_ours())?;
    let version = magic
        .strip_prefix(MAGIC)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .ok_or_else(not_ours)?;
    if version > RECOVERY_VERSION {
        return Err(format!(
            "it was written by a newer Quotebench (recovery format {version}; this one reads {RECOVERY_VERSION})"
        ));
    }
    let rest = &bytes[first_end + 1..];
    let second_end = rest
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| "the header is cut short".to_string())?;
    let line = std::str::from_utf8(&rest[..second_end]).map_err(|_| "the header is not text".to_string())?;
    let header: Header = ron::from_str(line).map_err(|e| format!("the header cannot be read: {e}"))?;
    Ok((header, first_end + 1 + second_end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_the_project_and_differ_by_path() {
        let a = RecoveryKey::for_path(Path::new("/no/such/dir/My Speech.qb.ron"));
        let b = RecoveryKey::for_path(Path::new("/no/such/other/My Speech.qb.ron"));
        assert!(a.as_str().starts_with("my-speech-"), "{}", a.as_str());
        assert_ne!(a, b);
        assert_eq!(
            a,
            RecoveryKey::for_path(Path::new("/no/such/dir/My Speech.qb.ron"))
        );
        assert_ne!(RecoveryKey::unsaved(), RecoveryKey::unsaved());
    }

    #[test]
    fn each_window_on_a_project_gets_its_own_key() {
        let path = Path::new("/no/such/dir/My Speech.qb.ron");
        let (a, b) = (
            RecoveryKey::for_window(Some(path)),
            RecoveryKey::for_window(Some(path)),
        );
        assert_ne!(a, b, "two windows (or two openings) never share a file");
        assert!(a.as_str().starts_with("my-speech-"), "{}", a.as_str());
        assert!(a.is_for_path(path) && b.is_for_path(path));
        assert!(!a.is_for_path(Path::new("/no/such/other/My Speech.qb.ron")));
        assert!(!RecoveryKey::for_window(None).is_for_path(path));
    }
}
