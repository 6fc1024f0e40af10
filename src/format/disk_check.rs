//! "Has the project file changed on disk since I opened or saved it?"
//!
//! Another program, a colleague on a shared folder, a `git pull` or a sync
//! service may rewrite the file while it is open; saving over that would
//! silently throw their work away. So the window remembers a [`DiskState`]
//! when it opens or saves the file and, before saving over it, asks
//! [`DiskState::changed_since`]. The answer is by content: the
//! length and a 64-bit hash of every byte, not the modification time alone
//! (which can stay the same across a change on coarse file systems, or move
//! without a change after `touch` or a copy; a `touch` is not reported).
//!
//! The hash is XXH64 (seed 0), implemented here: fast, well mixed, and the
//! same on every platform and Rust version (std's `DefaultHasher` promises
//! neither), so it may also be stored in files (recovery files do).
//!
//! API:
//! - [`DiskState::read`]`(path)`: length, modification time and content hash.
//! - [`DiskState::changed_since`]`(&self, path) -> Result<Option<DiskChange>>`:
//!   `None` when the bytes are the same.
//! - [`DiskChange::describe`]`(&self, path, in_memory)`: loads the file on disk
//!   and compares it with the open project: a [`ProjectDiff`] whose `Display`
//!   reads "on disk: 3 annotations added, 1 removed".
//! - [`diff_projects`]`(on_disk, in_memory)`: that comparison, pure. It is
//!   two-way: without the version both started from, the window's own
//!   unsaved addition reads as "removed on disk". The window's dialog uses
//!   the three-way [`DiskVersions`](super::DiskVersions) instead.
//! - [`Xxh64`], [`xxh64`]: the hash, streaming and one-shot.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;
use std::time::SystemTime;

use super::error::FormatError;
use super::project_file::load_project;
use crate::model::{Document, Project};

/// What a file held at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiskState {
    pub len: u64,
    /// `None` where the platform does not report it; only informative.
    pub modified: Option<SystemTime>,
    /// XXH64 of the whole content.
    pub hash: u64,
}

/// How the file on disk differs from a remembered [`DiskState`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskChange {
    /// The file is gone (deleted, or renamed away).
    Deleted,
    /// The file holds other bytes now; `now` is its new state (remember it
    /// once the user has chosen to reload or to overwrite).
    Modified { now: DiskState },
}

fn io_error(path: &Path, action: &'static str, source: std::io::Error) -> FormatError {
    FormatError::Io {
        path: path.display().to_string(),
        action,
        source,
    }
}

impl DiskState {
    /// Reads the whole file once, in pieces, to hash it.
    pub fn read(path: &Path) -> Result<DiskState, FormatError> {
        let mut file = File::open(path).map_err(|e| io_error(path, "open", e))?;
        let modified = file.metadata().ok().and_then(|m| m.modified().ok());
        let mut hasher = Xxh64::new(0);
        let mut len = 0u64;
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            match file.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    hasher.update(&buf[..n]);
                    len += n as u64;
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(io_error(path, "read", e)),
            }
        }
        Ok(DiskState {
            len,
            modified,
            hash: hasher.digest(),
        })
    }

    /// The state of a file that holds exactly `bytes` (e.g. just written).
    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> DiskState {
        DiskState {
            len: bytes.len() as u64,
            modified,
            hash: xxh64(bytes, 0),
        }
    }

    /// Whether `path` holds other bytes than it did when `self` was read.
    /// A file that is gone is [`DiskChange::Deleted`]; other read errors are
    /// errors (the caller cannot tell, and should say so).
    pub fn changed_since(&self, path: &Path) -> Result<Option<DiskChange>, FormatError> {
        let now = match DiskState::read(path) {
            Ok(now) => now,
            Err(FormatError::Io { source, .. }) if source.kind() == ErrorKind::NotFound => {
                return Ok(Some(DiskChange::Deleted));
            }
            Err(e) => return Err(e),
        };
        if now.len == self.len && now.hash == self.hash {
            Ok(None)
        } else {
            Ok(Some(DiskChange::Modified { now }))
        }
    }
}

impl DiskChange {
    /// Loads the project on disk and compares it with the open one. For a
    /// deleted file, everything in memory counts as removed on disk.
    pub fn describe(&self, path: &Path, in_memory: &Project) -> Result<ProjectDiff, FormatError> {
        match self {
            DiskChange::Deleted => Ok(ProjectDiff {
                file_deleted: true,
                ..diff_projects(&Project::default(), in_memory)
            }),
            DiskChange::Modified { .. } => {
                let on_disk = load_project(path)?.project;
                Ok(diff_projects(&on_disk, in_memory))
            }
        }
    }
}

/// What the file on disk has that the open project has not, counted per
/// item id: "added" is on disk only, "removed" is in memory only, "changed"
/// is in both but different. (Without the version both started from, an
/// annotation the user deleted since the last save also counts as "added on
/// disk".)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProjectDiff {
    pub file_deleted: bool,
    pub documents_added: usize,
    pub documents_removed: usize,
    pub annotations_added: usize,
    pub annotations_removed: usize,
    pub annotations_changed: usize,
    pub relations_added: usize,
    pub relations_removed: usize,
    pub relations_changed: usize,
    /// The name, annotator, tag set, or a document's title, source or text differ.
    pub other_changes: bool,
}

impl ProjectDiff {
    /// No difference in content (the file may still differ in layout).
    pub fn is_empty(&self) -> bool {
        *self == ProjectDiff::default()
    }
}

impl fmt::Display for ProjectDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.file_deleted {
            return write!(f, "the file was deleted or moved");
        }
        if self.is_empty() {
            return write!(f, "on disk: the same project, written differently");
        }
        fn plural(n: usize, what: &str) -> String {
            format!("{n} {what}{}", if n == 1 { "" } else { "s" })
        }
        fn group(n_added: usize, n_removed: usize, n_changed: usize, what: &str) -> Option<String> {
            let parts: Vec<String> = [(n_added, "added"), (n_removed, "removed"), (n_changed, "changed")]
                .into_iter()
                .filter(|(n, _)| *n > 0)
                .enumerate()
                .map(|(i, (n, verb))| {
                    if i == 0 {
                        format!("{} {verb}", plural(n, what))
                    } else {
                        format!("{n} {verb}")
                    }
                })
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        let mut groups: Vec<String> = [
            group(self.documents_added, self.documents_removed, 0, "document"),
            group(
                self.annotations_added,
                self.annotations_removed,
                self.annotations_changed,
                "annotation",
            ),
            group(
                self.relations_added,
                self.relations_removed,
                self.relations_changed,
                "relation",
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        if self.other_changes {
            groups.push("other changes (names, tag set or text)".into());
        }
        write!(f, "on disk: {}", groups.join("; "))
    }
}

/// Compares two projects by document, annotation and relation ids.
pub fn diff_projects(on_disk: &Project, in_memory: &Project) -> ProjectDiff {
    fn docs(p: &Project) -> BTreeMap<&str, &Document> {
        p.documents.iter().map(|d| (d.id.as_str(), d)).collect()
    }
    let (disk, mem) = (docs(on_disk), docs(in_memory));
    let mut diff = ProjectDiff {
        other_changes: on_disk.name != in_memory.name
            || on_disk.annotator != in_memory.annotator
            || on_disk.tagset != in_memory.tagset,
        ..ProjectDiff::default()
    };
    let empty = Document::default();
    let ids: BTreeSet<&str> = disk.keys().chain(mem.keys()).copied().collect();
    for id in ids {
        let (d, m) = (disk.get(id).copied(), mem.get(id).copied());
        match (d, m) {
            (Some(_), None) => diff.documents_added += 1,
            (None, Some(_)) => diff.documents_removed += 1,
            (Some(d), Some(m)) => {
                diff.other_changes |= d.title != m.title || d.source != m.source || d.text() != m.text();
            }
            (None, None) => {}
        }
        let (d, m) = (d.unwrap_or(&empty), m.unwrap_or(&empty));
        let (a, r, c) = count(
            d.annotations().map(|a| (&a.id, a)),
            |id| m.annotation(id),
            m.annotations().map(|a| &a.id),
            |id| d.annotation(id).is_some(),
        );
        diff.annotations_added += a;
        diff.annotations_removed += r;
        diff.annotations_changed += c;
        let (a, r, c) = count(
            d.relations().map(|x| (&x.id, x)),
            |id| m.relation(id),
            m.relations().map(|x| &x.id),
            |id| d.relation(id).is_some(),
        );
        diff.relations_added += a;
        diff.relations_removed += r;
        diff.relations_changed += c;
    }
    diff
}

/// (added, removed, changed) between the items on disk and in memory.
fn count<'a, T: PartialEq + 'a>(
    on_disk: impl Iterator<Item = (&'a String, &'a T)>,
    in_memory_get: impl Fn(&str) -> Option<&'a T>,
    in_memory_ids: impl Iterator<Item = &'a String>,
    on_disk_has: impl Fn(&str) -> bool,
) -> (usize, usize, usize) {
    let (mut added, mut changed) = (0, 0);
    for (id, item) in on_disk {
        match in_memory_get(id) {
            None => added += 1,
            Some(other) if other != item => changed += 1,
            Some(_) => {}
        }
    }
    let removed = in_memory_ids.filter(|id| !on_disk_has(id)).count();
    (added, removed, changed)
}

/// XXH64 of `bytes` with `seed` (the `xxhash-rust` crate; the same values
/// as the hand-written version this replaced, checked on test vectors, so
/// recovery file names and hashes in files stay the same).
pub fn xxh64(bytes: &[u8], seed: u64) -> u64 {
    xxhash_rust::xxh64::xxh64(bytes, seed)
}

/// Streaming XXH64: feeding the bytes in any pieces gives the same hash.
pub use xxhash_rust::xxh64::Xxh64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xxh64_matches_the_reference_implementation() {
        // Values from libxxhash 0.8.
        assert_eq!(xxh64(b"", 0), 0xef46_db37_51d8_e999);
        assert_eq!(xxh64(b"a", 0), 0xd24e_c4f1_a98c_6e5b);
        assert_eq!(xxh64(b"abc", 0), 0x44bc_2cf5_ad77_0999);
        assert_eq!(
            xxh64(b"Nobody inspects the spammish repetition", 0),
            0xfbce_a83c_8a37_8bf1
        );
        let mut long: Vec<u8> = (0..=255u8).cycle().take(768).collect();
        long.extend_from_slice(b"xyz12");
        assert_eq!(xxh64(&long, 0), 0x9b7d_50c0_4781_8b1b);
    }

    #[test]
    fn xxh64_streaming_is_independent_of_piece_sizes() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i * 7 + i / 13) as u8).collect();
        let whole = xxh64(&data, 0);
        for piece in [1, 3, 7, 31, 32, 33, 100, 4999] {
            let mut h = Xxh64::new(0);
            for c in data.chunks(piece) {
                h.update(c);
            }
            assert_eq!(h.digest(), whole, "piece size {piece}");
        }
    }

    #[test]
    fn the_message_names_counts() {
        let d = ProjectDiff {
            annotations_added: 3,
            annotations_removed: 1,
            ..Default::default()
        };
        assert_eq!(d.to_string(), "on disk: 3 annotations added, 1 removed");
        let d = ProjectDiff {
            documents_added: 1,
            annotations_changed: 1,
            relations_removed: 2,
            other_changes: true,
            ..Default::default()
        };
        assert_eq!(
            d.to_string(),
            "on disk: 1 document added; 1 annotation changed; 2 relations removed; other changes (names, tag set or text)"
        );
    }
}
