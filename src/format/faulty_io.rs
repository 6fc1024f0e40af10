//! A stand-in for the file system that does a save's real steps but fails
//! at one chosen step, for tests of what a failed save leaves on disk. Only
//! in tests and in builds with the `testing` feature (which the crate's
//! own dev-dependency turns on): no public API of the app.

use std::fs::File;
use std::io::{self, ErrorKind, Write};
use std::path::Path;

use super::atomic::{RealIo, SaveIo};

/// Where `FaultyIo` makes a save fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The temp file cannot be created.
    Create,
    /// Half the bytes are written, then an I/O error.
    PartialWrite,
    /// Half the bytes are written, then the disk is full (`StorageFull`).
    DiskFull,
    /// Everything is written; the save stops just before the fsync.
    BeforeSync,
    /// The fsync runs and reports an I/O error.
    Sync,
    /// The file system does not support fsync on the file: EINVAL, as
    /// Linux reports it on such file systems.
    SyncUnsupported,
    /// The file system does not support fsync on the folder: EINVAL.
    SyncDirUnsupported,
    /// The old file cannot be kept as `.bak`.
    Backup,
    /// The save stops just before the final rename over the target.
    BeforeRename,
    /// The final rename over the target fails.
    Rename,
}

/// A [`SaveIo`] that does the real steps but fails at one chosen `Fault`.
#[derive(Clone, Copy, Debug)]
pub struct FaultyIo {
    pub fault: Fault,
}

impl FaultyIo {
    pub fn new(fault: Fault) -> Self {
        Self { fault }
    }
    fn error(&self, kind: ErrorKind, what: &str) -> io::Error {
        io::Error::new(kind, format!("{what} (simulated fault {:?})", self.fault))
    }
}

impl SaveIo for FaultyIo {
    fn create(&mut self, path: &Path) -> io::Result<File> {
        if self.fault == Fault::Create {
            return Err(self.error(ErrorKind::PermissionDenied, "permission denied"));
        }
        RealIo.create(path)
    }
    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        match self.fault {
            Fault::PartialWrite => {
                file.write_all(&bytes[..bytes.len() / 2])?;
                Err(self.error(ErrorKind::Other, "input/output error"))
            }
            Fault::DiskFull => {
                file.write_all(&bytes[..bytes.len() / 2])?;
                Err(self.error(ErrorKind::StorageFull, "no space left on device"))
            }
            _ => RealIo.write(file, bytes),
        }
    }
    fn sync(&mut self, file: &File) -> io::Result<()> {
        match self.fault {
            Fault::BeforeSync => Err(self.error(ErrorKind::Interrupted, "stopped before fsync")),
            Fault::Sync => {
                RealIo.sync(file)?;
                Err(self.error(ErrorKind::Other, "input/output error"))
            }
            Fault::SyncUnsupported => Err(io::Error::from_raw_os_error(22)),
            _ => RealIo.sync(file),
        }
    }
    fn backup(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        if self.fault == Fault::Backup {
            return Err(self.error(ErrorKind::PermissionDenied, "permission denied"));
        }
        RealIo.backup(from, to)
    }
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        // Only the final rename (of the new version, not of the .bak) fails.
        let is_final = !to.to_string_lossy().ends_with(".bak");
        match self.fault {
            Fault::BeforeRename if is_final => {
                Err(self.error(ErrorKind::Interrupted, "stopped before rename"))
            }
            Fault::Rename if is_final => Err(self.error(ErrorKind::Other, "input/output error")),
            _ => RealIo.rename(from, to),
        }
    }
    fn sync_dir(&mut self, dir: &Path) -> io::Result<()> {
        if self.fault == Fault::SyncDirUnsupported {
            return Err(io::Error::from_raw_os_error(22));
        }
        RealIo.sync_dir(dir)
    }
    fn remove(&mut self, path: &Path) -> io::Result<()> {
        RealIo.remove(path)
    }
}
