//! Files: the versioned RON project file and atomic saving.

mod article;
mod atomic;
pub mod colleagues;
mod disk_check;
mod error;
pub mod interchange;
mod lock;
mod project_file;
mod recovery;

pub use article::{ArticleText, TextEncoding, decode_article, read_article, windows_1252_char};
pub use atomic::{Backup, Fault, FaultyIo, RealIo, SaveIo, write_atomic_with};
pub use atomic::{backup_path, write_atomic};
pub use disk_check::{DiskChange, DiskState, ProjectDiff, Xxh64, diff_projects, xxh64};
pub use error::FormatError;
pub use lock::{LockOutcome, ProjectLock, lock_path, process_running, process_start_time, this_host};
pub use project_file::{
    LoadedProject, LocatedProblem, MAX_FILE_BYTES, load_project, parse_project, project_to_string,
    read_bytes, read_text_file, save_project,
};
pub use recovery::{
    AutosaveClock, RECOVERY_EXTENSION, RecoveryEntry, RecoveryInfo, RecoveryKey, RecoveryState,
    RecoveryStore, RecoverySummary,
};
