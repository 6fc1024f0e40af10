//! A lock file beside an open project, so that two Quotebench windows (on
//! this machine, or on two machines sharing a folder) do not both edit one
//! file and overwrite each other's work.
//!
//! The lock file for `DIR/NAME` is `DIR/.NAME.lock`. It holds, as text a
//! person can read, one `key: value` a line (unknown lines are ignored;
//! `pid` and `host` are required, else the file is garbage):
//! ```text
//! This project is open in Quotebench. This file is removed when it is closed.
//! pid: 4242
//! host: desk-7
//! since: 2026-11-26T01:40:36Z
//! start: 1234567
//! token: lock-0123456789ab
//! ```
//! `start` is the process's start time on Linux (so that a reused pid is not
//! mistaken for the holder); `token` tells our lock from one that replaced
//! it. Besides the content, the holder keeps an OS lock on the file
//! (`File::try_lock`, i.e. `flock`): the OS drops that when the process dies,
//! however it dies.
//!
//! A lock is held by someone else when the OS lock is taken, or when the file
//! names a process on this host that is still running, or a process on
//! another host (which cannot be checked: the user decides, see
//! [`ProjectLock::take_over`]). A lock naming a process on this host that has
//! ended, or a garbage lock file, is stale and is taken over. Nothing here
//! panics on any lock file content.
//!
//! API:
//! - [`ProjectLock::acquire`]`(project) -> Result<LockOutcome>`:
//!   [`LockOutcome::Acquired`], [`LockOutcome::TakenOverStale`] (both hold a
//!   [`ProjectLock`]) or [`LockOutcome::HeldByOther`] (holds none).
//! - [`ProjectLock::take_over`]`(project)`: "open anyway": ignores what the
//!   file names, but still not while a live process holds the OS lock.
//! - Dropping the [`ProjectLock`] (or [`ProjectLock::release`]) removes the
//!   file, if it is still ours.
//! - [`lock_path`]`(project)`, [`this_host`](), [`process_running`]`(pid, start)`,
//!   [`process_start_time`]`(pid)`.
//!
//! An error (e.g. a read-only folder) means no lock could be made; the window
//! may still open the project, and should say that it is not protected.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::decode::{Decoding, decode_text};
use super::error::FormatError;
use super::process::{process_running, process_start_time, this_host};
use crate::model::{new_id, now_timestamp};

/// The lock file is never longer than this; more is garbage.
const MAX_LOCK_BYTES: u64 = 4096;

/// `DIR/.NAME.lock` for `DIR/NAME`.
pub fn lock_path(project: &Path) -> PathBuf {
    let name = project
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    project.with_file_name(format!(".{name}.lock"))
}

/// What [`ProjectLock::acquire`] found.
#[derive(Debug)]
#[must_use = "dropping the lock releases it"]
pub enum LockOutcome {
    /// The project was not locked; it is now ours.
    Acquired(ProjectLock),
    /// Another process holds the project: a live process on this host, or a
    /// process on another host. `pid` is 0 and `host`/`since` empty when the
    /// lock file could not be read (e.g. it was being written).
    HeldByOther { pid: u32, host: String, since: String },
    /// A lock of a process that has ended (or a garbage lock file: `None`s)
    /// was replaced; the project is now ours.
    TakenOverStale {
        lock: ProjectLock,
        pid: Option<u32>,
        host: Option<String>,
    },
}

impl LockOutcome {
    /// The lock, if we hold it now.
    pub fn into_lock(self) -> Option<ProjectLock> {
        match self {
            LockOutcome::Acquired(lock) | LockOutcome::TakenOverStale { lock, .. } => Some(lock),
            LockOutcome::HeldByOther { .. } => None,
        }
    }
}

/// A held lock; dropping it releases it.
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
    /// Keeps the OS lock for as long as it is open.
    file: Option<File>,
    token: String,
}

/// What a lock file says.
#[derive(Clone, Debug, PartialEq, Eq)]
struct LockInfo {
    pid: u32,
    host: String,
    since: String,
    start: Option<u64>,
    token: String,
}

impl LockInfo {
    fn ours(token: String) -> Self {
        let pid = std::process::id();
        LockInfo {
            pid,
            host: this_host().to_string(),
            since: now_timestamp(),
            start: process_start_time(pid),
            token,
        }
    }

    fn to_text(&self) -> String {
        let mut s =
            String::from("This project is open in Quotebench. This file is removed when it is closed.\n");
        s.push_str(&format!(
            "pid: {}\nhost: {}\nsince: {}\n",
            self.pid, self.host, self.since
        ));
        if let Some(start) = self.start {
            s.push_str(&format!("start: {start}\n"));
        }
        s.push_str(&format!("token: {}\n", self.token));
        s
    }

    /// `None` for anything that is not a lock file we wrote.
    fn parse(bytes: &[u8]) -> Option<LockInfo> {
        let text = decode_text(bytes, Decoding::DATA, "").ok()?.text;
        let (mut pid, mut host, mut since, mut start, mut token) =
            (None, None, String::new(), None, String::new());
        for line in text.lines() {
            let Some((key, value)) = line.split_once(": ") else {
                continue;
            };
            let value = value.trim();
            match key {
                "pid" => pid = value.parse::<u32>().ok().filter(|p| *p > 0),
                "host" => host = Some(value.to_string()).filter(|h| !h.is_empty()),
                "since" => since = value.to_string(),
                "start" => start = value.parse().ok(),
                "token" => token = value.to_string(),
                _ => {}
            }
        }
        Some(LockInfo {
            pid: pid?,
            host: host?,
            since,
            start,
            token,
        })
    }

    /// Whether the holder is (or may be) alive, so the lock must be respected.
    fn holder_alive(&self, os_lock_free: bool) -> bool {
        if !self.host.eq_ignore_ascii_case(this_host()) {
            return true; // cannot check another machine
        }
        match process_running(self.pid, self.start) {
            Some(alive) => alive,
            // Cannot check processes here: trust the OS lock if we got it.
            None => !os_lock_free,
        }
    }
}

fn io_error(path: &Path, action: &'static str, source: io::Error) -> FormatError {
    FormatError::Io {
        path: path.display().to_string(),
        action,
        source,
    }
}

impl ProjectLock {
    /// Locks `project` (which need not exist yet) for this process.
    pub fn acquire(project: &Path) -> Result<LockOutcome, FormatError> {
        Self::lock(project, false)
    }

    /// Takes the lock whatever process the lock file names (the user said
    /// the other one is gone, e.g. a crashed machine). Still returns
    /// [`LockOutcome::HeldByOther`] while a live process on this machine
    /// holds the OS lock.
    pub fn take_over(project: &Path) -> Result<LockOutcome, FormatError> {
        Self::lock(project, true)
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Releases the lock now, reporting a failure to remove the lock file.
    pub fn release(mut self) -> Result<(), FormatError> {
        self.release_inner()
            .map_err(|e| io_error(&self.path, "remove the lock file", e))
    }

    fn release_inner(&mut self) -> io::Result<()> {
        let Some(file) = self.file.take() else {
            return Ok(());
        };
        // Remove the file only if it still names us (not a taker-over's).
        let ours = File::open(&self.path)
            .and_then(|mut f| read_limited(&mut f))
            .ok()
            .and_then(|b| LockInfo::parse(&b))
            .is_some_and(|info| info.token == self.token);
        let result = if ours { fs::remove_file(&self.path) } else { Ok(()) };
        drop(file); // releases the OS lock, after the removal
        result
    }

    fn lock(project: &Path, force: bool) -> Result<LockOutcome, FormatError> {
        let path = lock_path(project);
        // A few tries: another process may remove the file between our open
        // and our lock (it was releasing); then lock the new file.
        for _ in 0..5 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(|e| io_error(&path, "create the lock file", e))?;
            let os_lock_free = match file.try_lock() {
                Ok(()) => true,
                Err(fs::TryLockError::WouldBlock) => {
                    let info = read_limited(&mut file).ok().and_then(|b| LockInfo::parse(&b));
                    return Ok(held_by(info));
                }
                // e.g. a network share without locks: rely on the content.
                Err(fs::TryLockError::Error(_)) => false,
            };
            if !still_the_file(&file, &path) {
                continue;
            }
            let bytes = read_limited(&mut file).map_err(|e| io_error(&path, "read the lock file", e))?;
            let previous = LockInfo::parse(&bytes);
            if let Some(info) = &previous
                && !force
                && info.holder_alive(os_lock_free)
            {
                return Ok(held_by(previous));
            }
            let token = new_id("lock");
            write_info(&mut file, &LockInfo::ours(token.clone()))
                .map_err(|e| io_error(&path, "write the lock file", e))?;
            let lock = ProjectLock {
                path,
                file: Some(file),
                token,
            };
            return Ok(if bytes.iter().all(u8::is_ascii_whitespace) {
                LockOutcome::Acquired(lock)
            } else {
                LockOutcome::TakenOverStale {
                    lock,
                    pid: previous.as_ref().map(|i| i.pid),
                    host: previous.map(|i| i.host),
                }
            });
        }
        Err(io_error(
            &path,
            "lock",
            io::Error::other("the lock file keeps changing; another program is locking it"),
        ))
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        let _ = self.release_inner();
    }
}

fn held_by(info: Option<LockInfo>) -> LockOutcome {
    match info {
        Some(i) => LockOutcome::HeldByOther {
            pid: i.pid,
            host: i.host,
            since: i.since,
        },
        None => LockOutcome::HeldByOther {
            pid: 0,
            host: String::new(),
            since: String::new(),
        },
    }
}

fn read_limited(file: &mut File) -> io::Result<Vec<u8>> {
    file.seek(SeekFrom::Start(0))?;
    let mut bytes = Vec::new();
    file.take(MAX_LOCK_BYTES).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn write_info(file: &mut File, info: &LockInfo) -> io::Result<()> {
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(info.to_text().as_bytes())?;
    file.sync_all()
}

/// Whether the open `file` is still the one at `path` (not removed or
/// replaced since it was opened).
fn still_the_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_files_round_trip_and_garbage_is_none() {
        let info = LockInfo {
            pid: 42,
            host: "desk".into(),
            since: "2026-01-01T00:00:00Z".into(),
            start: Some(7),
            token: "lock-1".into(),
        };
        assert_eq!(LockInfo::parse(info.to_text().as_bytes()), Some(info));
        for garbage in [
            &b""[..],
            b"\xff\xfe\x00",
            b"pid: 0\nhost: a\n",
            b"pid: -3\nhost: a\n",
            b"pid: 99999999999\nhost: a\n",
            b"pid: 12\n",
            b"host: a\n",
            b"pid: 12\nhost: \n",
            b"random words: and more",
        ] {
            assert_eq!(LockInfo::parse(garbage), None, "{garbage:?}");
        }
    }

    #[test]
    fn lock_path_is_hidden_beside_the_project() {
        assert_eq!(
            lock_path(Path::new("/a/b/p.qb.ron")),
            PathBuf::from("/a/b/.p.qb.ron.lock")
        );
    }
}
