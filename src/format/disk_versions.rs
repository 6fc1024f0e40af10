//! The three versions behind the file-changed dialog: the version the
//! window opened or last saved (the base: kept as the file's text when
//! opened, parsed only when the file changes on disk, see [`BaseVersion`];
//! as parsed after a save, a reload or a restore), the
//! file on disk now, and the window's. Says what the colleague changed and
//! what this window changed, each against the base, so the window's own
//! unsaved addition is never reported as "removed on disk" (issue 11,
//! item 4); and prepares the merge and the words for "Reload" (item 2).
//!
//! API: [`DiskVersions::load`]`(path, base, window)` reads the file;
//! [`DiskVersions::compare`] does the same over a project already read.
//! The comparison and the merge are `model::changes` and `model::merge`.

use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

use super::disk_check::{DiskState, xxh64};
use super::error::FormatError;
use super::project_file::text_of_bytes;
use super::project_file::{load_project, parse_project};
use crate::model::{Changes, Merged, Project, changes, merge};

/// The version of the file the window opened or last saved, the base of
/// the three-way comparison with the disk.
#[derive(Clone, Debug)]
pub enum BaseVersion {
    /// As parsed (what a save wrote, a reload or restore took).
    Parsed(Project),
    /// The file's text as opened: a 5,000-article project is not parsed
    /// twice (nor copied) on opening for a comparison that is rarely needed.
    Text(String),
    /// The file as opened, still open: a save writes a new file and renames
    /// it over the old one, so the handle keeps the version opened without
    /// a copy in memory (issue 16).
    Opened(OpenedVersion),
}

/// A file kept open as the version the window opened, with what it held
/// then: read again only when needed, and only if it still holds that (a
/// program that rewrote the file in place changed it under the handle).
#[derive(Clone, Debug)]
pub struct OpenedVersion {
    file: Arc<File>,
    state: DiskState,
}

impl OpenedVersion {
    pub fn new(file: File, state: DiskState) -> Self {
        OpenedVersion {
            file: Arc::new(file),
            state,
        }
    }

    /// What the file held when opened (or written).
    pub fn state(&self) -> DiskState {
        self.state
    }

    /// The text the file held when opened; `None` if it holds something
    /// else now or cannot be read.
    pub fn text(&self) -> Option<String> {
        let mut file = &*self.file;
        file.seek(SeekFrom::Start(0)).ok()?;
        let mut bytes = Vec::with_capacity(self.state.len as usize);
        file.read_to_end(&mut bytes).ok()?;
        let same = bytes.len() as u64 == self.state.len && xxh64(&bytes, 0) == self.state.hash;
        same.then(|| text_of_bytes(bytes, Path::new("the version opened")).ok())?
    }
}

impl BaseVersion {
    /// The project; `None` when the text cannot be parsed (it was, when it
    /// was opened: the same parser gives the same project).
    pub fn project(&self) -> Option<Cow<'_, Project>> {
        let text = match self {
            BaseVersion::Parsed(p) => return Some(Cow::Borrowed(p)),
            BaseVersion::Text(text) => Cow::Borrowed(text.as_str()),
            BaseVersion::Opened(file) => Cow::Owned(file.text()?),
        };
        parse_project(&text, "the version opened")
            .ok()
            .map(|l| Cow::Owned(l.project))
    }
}

/// The file on disk set against the base and the window's version.
#[derive(Clone, Debug)]
pub struct DiskVersions {
    /// The project in the file now.
    pub disk: Project,
    /// What changed in the file since the window opened or saved it.
    pub on_disk: Changes,
    /// The window's unsaved changes since then.
    pub in_window: Changes,
    /// The disk's changes with the window's; where both changed one thing,
    /// the window's (listed in `kept_ours`).
    pub merged: Merged,
    /// `false`: the version the window started from is not known, so every
    /// difference counts as made on disk and there is nothing to merge.
    pub base_known: bool,
}

impl DiskVersions {
    /// Reads the project at `path` and compares it (see [`DiskVersions::compare`]).
    pub fn load(path: &Path, base: Option<&BaseVersion>, window: &Project) -> Result<Self, FormatError> {
        let disk = load_project(path)?.project;
        let base = base.and_then(BaseVersion::project);
        Ok(Self::compare(base.as_deref(), disk, window))
    }

    /// Compares `disk` and `window` with `base` (with `window` itself when
    /// the base is not known).
    pub fn compare(base: Option<&Project>, disk: Project, window: &Project) -> Self {
        let base_known = base.is_some();
        let base = base.unwrap_or(window);
        DiskVersions {
            on_disk: changes(base, &disk),
            in_window: changes(base, window),
            merged: merge(base, &disk, window),
            disk,
            base_known,
        }
    }

    /// "on disk: title changed".
    pub fn on_disk_text(&self) -> String {
        if self.on_disk.is_empty() {
            "on disk: the same project, written differently".into()
        } else {
            format!("on disk: {}", self.on_disk)
        }
    }

    /// "in this window: 1 annotation added".
    pub fn in_window_text(&self) -> String {
        if !self.base_known {
            "in this window: not known (the version this window opened was not kept)".into()
        } else if self.in_window.is_empty() {
            "in this window: no unsaved changes".into()
        } else {
            format!("in this window: {}", self.in_window)
        }
    }

    /// What "Reload" drops: "your 2 unsaved changes: 1 annotation added,
    /// 1 note changed will be dropped", or `None` when there are none.
    pub fn reload_drops(&self) -> Option<String> {
        if self.base_known && self.in_window.is_empty() {
            return None;
        }
        if !self.base_known {
            return Some("this window's version will be dropped".into());
        }
        let n = self.in_window.count();
        Some(format!(
            "your {n} unsaved change{}: {} will be dropped",
            if n == 1 { "" } else { "s" },
            self.in_window
        ))
    }

    /// What "Merge" does, or `None` when it cannot help (base unknown).
    pub fn merge_text(&self) -> Option<String> {
        if !self.base_known {
            return None;
        }
        let kept = &self.merged.kept_ours;
        Some(match kept.len() {
            0 => "Merge: the changes on disk and yours; they touch different things".into(),
            n => {
                let names: Vec<String> = kept.iter().take(3).map(ToString::to_string).collect();
                let more = if n > 3 {
                    format!(" and {} more", n - 3)
                } else {
                    String::new()
                };
                format!(
                    "Merge: the changes on disk and yours; both changed {n} item{}, where this window's version is kept: {}{more}",
                    if n == 1 { "" } else { "s" },
                    names.join(", ")
                )
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::project_to_string;

    #[test]
    fn a_base_kept_as_text_is_parsed_to_the_project_it_holds() {
        let p = Project::from_text("Base", "Alpha beta gamma.", "me");
        let base = BaseVersion::Text(project_to_string(&p).expect("text"));
        assert_eq!(base.project().as_deref(), Some(&p));
        assert!(BaseVersion::Text("not a project".into()).project().is_none());
        // Compared with its text as the base, the window's edit is the window's.
        let mut window = p.clone();
        window.name = "Renamed here".into();
        let v = DiskVersions::compare(base.project().as_deref(), p.clone(), &window);
        assert!(v.base_known && v.on_disk.is_empty() && !v.in_window.is_empty());
    }

    #[test]
    fn a_base_kept_open_is_the_version_opened_until_the_file_is_changed_in_place() {
        use crate::format::{load_project, open_project_file, save_project};
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("p.qb.ron");
        let p = Project::from_text("Base", "Alpha beta gamma.", "me");
        save_project(&p, &path).expect("saved");
        let opened = open_project_file(&path, &|_, _| {}).expect("opens");
        assert!(matches!(opened.base, BaseVersion::Opened(_)), "{:?}", opened.base);
        assert_eq!(opened.state, DiskState::read(&path).expect("state"));
        // A colleague's save writes a new file and renames it over this one:
        // the handle still reads the version opened.
        let mut theirs = p.clone();
        theirs.name = "Theirs".into();
        save_project(&theirs, &path).expect("saved");
        assert_eq!(load_project(&path).expect("loads").project, theirs);
        assert_eq!(opened.base.project().as_deref(), Some(&p));
        // A program that rewrites the file in place changes it under the
        // handle: the version opened is then not known (never a wrong one).
        let opened = open_project_file(&path, &|_, _| {}).expect("opens");
        std::fs::write(&path, project_to_string(&p).expect("text")).expect("written in place");
        assert!(opened.base.project().is_none());
        // A save keeps the file it wrote open the same way.
        let mine = Project::from_text("Mine", "Delta epsilon.", "me");
        let kept = crate::format::save_project_kept(&mine, &path)
            .expect("saved")
            .expect("opened again");
        assert_eq!(
            BaseVersion::Opened(kept.clone()).project().as_deref(),
            Some(&mine)
        );
        save_project(&theirs, &path).expect("their save");
        assert_eq!(BaseVersion::Opened(kept).project().as_deref(), Some(&mine));
    }
}
