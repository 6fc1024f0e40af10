//! The file changed on disk: taking the disk's version ("Reload") or the
//! disk's changes with the window's ("Merge"), each as one undoable step
//! (Ctrl+Z brings the window's version back). Before a reload drops
//! unsaved edits, they are also kept in a recovery file of their own,
//! offered at the next start.

use super::QuotebenchApp;
use crate::format::BaseVersion;
use crate::model::replace_project;
use crate::ui::safekeeping::{DiskConflict, OnDisk};

/// Which of the file's versions the window takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Take {
    /// The file's version; the window's edits are dropped (undoably).
    Disk,
    /// The file's changes and the window's.
    Merged,
}

impl QuotebenchApp {
    pub(super) fn take_disk_version(&mut self, conflict: DiskConflict, take: Take) {
        let (OnDisk::Changed(versions), Some(now)) = (conflict.on_disk, conflict.now) else {
            self.show_error(format!(
                "{} cannot be read now, so there is nothing to reload; your work is unchanged.",
                conflict.path.display()
            ));
            return;
        };
        let versions = *versions;
        let ws = &mut self.session.ws;
        let (target, label) = match take {
            Take::Disk => (versions.disk.clone(), "Reload from disk"),
            Take::Merged => (versions.merged.project.clone(), "Merge with the file on disk"),
        };
        let mut kept_file = None;
        if take == Take::Disk && ws.is_dirty() {
            kept_file = self.safe.set_aside(&ws.project, ws.path.as_deref());
        }
        if let Some(edit) = replace_project(&ws.project, target.clone())
            && let Err(e) = ws.perform(edit, label, None)
        {
            self.show_error(format!(
                "The file's version could not be taken; your work is unchanged.\n{e}"
            ));
            return;
        }
        if ws.project == versions.disk {
            ws.history.mark_saved();
        }
        self.session.base = Some(BaseVersion::Parsed(versions.disk));
        self.safe.took_disk_version(now);
        self.message = match (take, kept_file) {
            (Take::Disk, Some(file)) => format!(
                "Reloaded {}; Ctrl+Z brings your version back (also kept in {})",
                conflict.path.display(),
                file.display()
            ),
            (Take::Disk, None) => format!(
                "Reloaded {}; Ctrl+Z brings your version back",
                conflict.path.display()
            ),
            (Take::Merged, _) if versions.merged.kept_ours.is_empty() => format!(
                "Merged the changes in {} with yours; save to keep them (Ctrl+Z undoes the merge)",
                conflict.path.display()
            ),
            (Take::Merged, _) => format!(
                "Merged the changes in {} with yours; where both changed the same thing, yours is kept ({} items); Ctrl+Z undoes the merge",
                conflict.path.display(),
                versions.merged.kept_ours.len()
            ),
        };
    }
}
