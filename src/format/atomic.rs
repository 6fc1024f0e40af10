//! Atomic saving: write a temp file in the same folder, fsync it, keep the
//! old file as `FILE.bak`, rename the temp file over the target, fsync the
//! folder. A crash at any point leaves the old file or the new one, never a
//! torn one.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::FormatError;

/// `FILE.bak` beside `FILE`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FormatError> {
    let shown = path.display().to_string();
    let io = |action: &'static str| {
        let shown = shown.clone();
        move |source| FormatError::Io {
            path: shown,
            action,
            source,
        }
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp).map_err(io("create a temporary file for"))?;
        f.write_all(bytes).map_err(io("write"))?;
        f.sync_all().map_err(io("flush to disk"))?;
        drop(f);
        if path.exists() {
            let bak = backup_path(path);
            fs::copy(path, &bak).map_err(io("keep the previous version of"))?;
        }
        fs::rename(&tmp, path).map_err(io("replace"))?;
        // Persist the rename itself; not every platform can open a folder.
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
