//! The three versions behind the file-changed dialog: the version the
//! window opened or last saved (the base, kept in memory as parsed), the
//! file on disk now, and the window's. Says what the colleague changed and
//! what this window changed, each against the base, so the window's own
//! unsaved addition is never reported as "removed on disk" (issue 11,
//! item 4); and prepares the merge and the words for "Reload" (item 2).
//!
//! API: [`DiskVersions::load`]`(path, base, window)` reads the file;
//! [`DiskVersions::compare`] does the same over a project already read.
//! The comparison and the merge are `model::changes` and `model::merge`.

use std::path::Path;

use super::error::FormatError;
use super::project_file::load_project;
use crate::model::{Changes, Merged, Project, changes, merge};

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
    pub fn load(path: &Path, base: Option<&Project>, window: &Project) -> Result<Self, FormatError> {
        Ok(Self::compare(base, load_project(path)?.project, window))
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
