//! Atomic saving: a crash, a full disk or a failing drive at any moment of a
//! save leaves on disk either the old file or the new one, never a torn one,
//! and never leaves temporary files behind (a crash may leave one; the next
//! successful save sweeps those older than an hour).
//!
//! The steps, in order (each is one method of [`SaveIo`]):
//! 1. create a temp file `.NAME.PID.N.tmp` in the same folder (`create`),
//! 2. write all the bytes (`write`) and fsync them (`sync`),
//! 3. keep the old file as `NAME.bak`, itself atomically: hard-link (or copy
//!    and fsync) the old file to `.NAME.bak.PID.N.tmp` (`backup`), then
//!    rename that over `NAME.bak` (`rename`),
//! 4. rename the temp file over `NAME` (`rename`): the one moment the new
//!    version appears, all at once,
//! 5. fsync the folder so that the rename itself survives a power cut
//!    (`sync_dir`; best effort, since not every platform can open a folder).
//!
//! An fsync the file system does not support (EINVAL, ENOTSUP, EOPNOTSUPP:
//! some network shares, FUSE and virtual file systems) is tolerated, as
//! editors do: the data was written and there is no more durable way to
//! write it there. Any other fsync error fails the save.
//!
//! On any error the temp files are removed and the error says which file and
//! which step failed. A symbolic link is followed: the file it points to is
//! replaced and the link stays.
//!
//! API:
//! - [`write_atomic`]`(path, bytes)`: the everyday save, keeping `NAME.bak`.
//! - [`write_atomic_with`]`(io, path, bytes, backup)`: the same steps through
//!   any [`SaveIo`]; [`RealIo`] is the file system. Tests (and builds
//!   with the `testing` feature) also have `FaultyIo`, which fails at a
//!   chosen `Fault`, for tests of what a failed save leaves on disk.
//!   [`Backup::Skip`] writes without a `.bak` (recovery files).
//! - [`backup_path`]`(path)`: `NAME.bak` beside `NAME`.

use std::fs::{self, File};
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use super::error::FormatError;

/// Temp files of this name pattern older than this are leftovers of a crash.
const STALE_TEMP_AGE: Duration = Duration::from_secs(60 * 60);

/// Makes temp names unique when one process saves twice at once.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// `FILE.bak` beside `FILE`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Whether a save keeps the replaced version as `FILE.bak`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backup {
    Keep,
    Skip,
}

/// The file-system steps of a save. [`RealIo`] does them; a test stand-in
/// (`FaultyIo`, under `cfg(test)` or the `testing` feature) can fail any
/// one of them.
pub trait SaveIo {
    /// Creates (or truncates) `path` for writing.
    fn create(&mut self, path: &Path) -> io::Result<File>;
    /// Writes all of `bytes`.
    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
    /// Flushes the file's data to the disk (fsync).
    fn sync(&mut self, file: &File) -> io::Result<()>;
    /// Makes `to` (which does not exist) hold what `from` holds, durably.
    fn backup(&mut self, from: &Path, to: &Path) -> io::Result<()>;
    /// Renames `from` over `to` in one step.
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()>;
    /// Flushes a folder's entries (the renames) to the disk.
    fn sync_dir(&mut self, dir: &Path) -> io::Result<()>;
    /// Removes a temp file (cleanup; errors are ignored by the caller).
    fn remove(&mut self, path: &Path) -> io::Result<()>;
}

/// The file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct RealIo;

impl SaveIo for RealIo {
    fn create(&mut self, path: &Path) -> io::Result<File> {
        File::create(path)
    }
    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }
    fn sync(&mut self, file: &File) -> io::Result<()> {
        file.sync_all()
    }
    fn backup(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        // A hard link costs nothing and the old file's data is already on
        // disk; where links are not supported (FAT, some shares), copy.
        if fs::hard_link(from, to).is_ok() {
            return Ok(());
        }
        fs::copy(from, to)?;
        match File::open(to)?.sync_all() {
            Err(e) if !fsync_unsupported(&e) => Err(e),
            _ => Ok(()),
        }
    }
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }
    fn sync_dir(&mut self, dir: &Path) -> io::Result<()> {
        File::open(dir)?.sync_all()
    }
    fn remove(&mut self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }
}

/// Whether an fsync error only says that the file system cannot fsync
/// (EINVAL, ENOTSUP, EOPNOTSUPP), which a save tolerates.
pub(crate) fn fsync_unsupported(e: &io::Error) -> bool {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    const CODES: &[i32] = &[22, 95]; // EINVAL, EOPNOTSUPP (= ENOTSUP)
    #[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
    const CODES: &[i32] = &[22, 45, 102]; // EINVAL, ENOTSUP, EOPNOTSUPP
    #[cfg(not(any(
        target_os = "linux",
        target_os = "android",
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd"
    )))]
    const CODES: &[i32] = &[];
    e.kind() == ErrorKind::Unsupported || e.raw_os_error().is_some_and(|c| CODES.contains(&c))
}

/// Saves `bytes` to `path` atomically, keeping the replaced version as
/// `path.bak`. See the module documentation for the guarantees.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FormatError> {
    write_atomic_with(&mut RealIo, path, bytes, Backup::Keep)
}

/// [`write_atomic`] through any [`SaveIo`], with or without a `.bak`.
pub fn write_atomic_with(
    io: &mut dyn SaveIo,
    path: &Path,
    bytes: &[u8],
    backup: Backup,
) -> Result<(), FormatError> {
    let shown = path.display().to_string();
    let fail = |action: &'static str| {
        let shown = shown.clone();
        move |source| FormatError::Io {
            path: shown,
            action,
            source,
        }
    };
    let target = follow_symlink(path);
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Err(fail("write")(io::Error::new(
            ErrorKind::InvalidInput,
            "the path does not name a file",
        )));
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let unique = format!(
        "{}.{}",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let tmp = dir.join(format!(".{name}.{unique}.tmp"));
    let bak_tmp = dir.join(format!(".{name}.bak.{unique}.tmp"));

    let result = (|| {
        let mut file = io.create(&tmp).map_err(fail("create a temporary file beside"))?;
        // Keep the permissions of the file being replaced (e.g. private 0600).
        if let Ok(meta) = fs::metadata(&target) {
            let _ = file.set_permissions(meta.permissions());
        }
        io.write(&mut file, bytes).map_err(fail("write"))?;
        match io.sync(&file) {
            Err(e) if !fsync_unsupported(&e) => return Err(fail("flush to disk")(e)),
            _ => {}
        }
        drop(file);
        let exists = target.try_exists().map_err(fail("check"))?;
        if backup == Backup::Keep && exists {
            io.backup(&target, &bak_tmp)
                .map_err(fail("keep the previous version (.bak) of"))?;
            io.rename(&bak_tmp, &backup_path(&target))
                .map_err(fail("keep the previous version (.bak) of"))?;
        }
        io.rename(&tmp, &target).map_err(fail("replace"))?;
        // Best effort: the new version is in place whatever the folder's
        // fsync says (and many systems cannot fsync a folder at all).
        let _ = io.sync_dir(&dir);
        Ok(())
    })();
    // After success both names are normally gone already; a rename of a hard
    // link onto the same file is a no-op that leaves the source, hence always.
    let _ = io.remove(&tmp);
    let _ = io.remove(&bak_tmp);
    if result.is_ok() {
        remove_stale_temp_files(io, &dir, &name);
    }
    result
}

/// The file a symbolic link points to, so that saving replaces that file and
/// keeps the link; `path` itself when it is not a link or cannot be resolved.
fn follow_symlink(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    }
}

/// Removes temp files of earlier saves of `name` that a crash left behind:
/// `.NAME.PID.N.tmp` and `.NAME.bak.PID.N.tmp`, older than an hour (no save
/// takes that long, so another process's save in progress is never touched).
fn remove_stale_temp_files(io: &mut dyn SaveIo, dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        if !is_temp_name_of(file_name, name) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_TEMP_AGE);
        if old {
            let _ = io.remove(&entry.path());
        }
    }
}

/// Whether `file_name` is one of the temp names [`write_atomic_with`] uses
/// for `name`: `.NAME[.bak].DIGITS[.DIGITS].tmp`.
fn is_temp_name_of(file_name: &str, name: &str) -> bool {
    let Some(rest) = file_name
        .strip_prefix('.')
        .and_then(|r| r.strip_prefix(name))
        .and_then(|r| r.strip_prefix('.'))
        .and_then(|r| r.strip_suffix(".tmp"))
    else {
        return false;
    };
    let rest = rest.strip_prefix("bak.").unwrap_or(rest);
    let parts: Vec<&str> = rest.split('.').collect();
    (1..=2).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised_strictly() {
        assert!(is_temp_name_of(".p.qb.ron.123.4.tmp", "p.qb.ron"));
        assert!(is_temp_name_of(".p.qb.ron.bak.123.4.tmp", "p.qb.ron"));
        assert!(is_temp_name_of(".p.qb.ron.123.tmp", "p.qb.ron"));
        assert!(!is_temp_name_of(".p.qb.ron.tmp", "p.qb.ron"));
        assert!(!is_temp_name_of(".p.qb.ron.notes.tmp", "p.qb.ron"));
        assert!(!is_temp_name_of("p.qb.ron.123.tmp", "p.qb.ron"));
        assert!(!is_temp_name_of(".other.qb.ron.123.4.tmp", "p.qb.ron"));
    }

    #[test]
    fn a_symlinked_file_is_replaced_and_the_link_kept() -> Result<(), Box<dyn std::error::Error>> {
        #[cfg(unix)]
        {
            let dir = tempfile::tempdir()?;
            let real = dir.path().join("real.qb.ron");
            let link = dir.path().join("link.qb.ron");
            fs::write(&real, "old")?;
            std::os::unix::fs::symlink(&real, &link)?;
            write_atomic(&link, b"new")?;
            assert!(fs::symlink_metadata(&link)?.file_type().is_symlink());
            assert_eq!(fs::read(&real)?, b"new");
            assert_eq!(fs::read(backup_path(&real))?, b"old");
        }
        Ok(())
    }

    #[test]
    fn old_leftover_temp_files_are_swept_but_fresh_ones_kept() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("p.qb.ron");
        let old = dir.path().join(".p.qb.ron.999999.0.tmp");
        let fresh = dir.path().join(".p.qb.ron.999998.0.tmp");
        let unrelated = dir.path().join(".q.qb.ron.999999.0.tmp");
        for p in [&old, &fresh, &unrelated] {
            fs::write(p, "x")?;
        }
        let two_hours_ago = SystemTime::now() - Duration::from_secs(2 * 3600);
        for p in [&old, &unrelated] {
            File::options().write(true).open(p)?.set_modified(two_hours_ago)?;
        }
        write_atomic(&path, b"data")?;
        assert!(!old.exists());
        assert!(fresh.exists());
        assert!(unrelated.exists());
        Ok(())
    }
}
