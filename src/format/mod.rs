//! Files: everything Quotebench reads from or writes to disk. The versioned
//! RON project file and its atomic saving, recovery files, the lock file,
//! the check for changes on disk, the one text decoder, plain-text articles
//! and the interchange formats (brat, JSONL, CSV) with their table.
//!
//! May import: [`crate::model`], the trained suggestion model's data type
//! (`crate::suggest::learn::Model`, pure data, for its file) and outside
//! crates. Never `review`, `ui`
//! or `cli` (they import this layer, not the other way round). Errors are
//! typed ([`FormatError`], with [`FormatError::hint`] for what may help) and
//! say which file and where in it; turning them into text is for the edges.

mod article;
mod atomic;
mod autosave_clock;
pub mod colleagues;
pub(crate) mod decode;
mod disk_check;
mod disk_versions;
mod error;
#[cfg(any(test, feature = "testing"))]
mod faulty_io;
pub mod interchange;
mod journal;
mod lock;
mod process;
mod project_file;
mod recovery;
mod suggest_model;

pub use article::{
    ArticleText, file_stem_name, first_line_title, project_from_article, read_article, user_name,
};
pub use atomic::{Backup, RealIo, SaveIo, write_atomic_with};
pub use atomic::{backup_path, write_atomic};
pub use autosave_clock::AutosaveClock;
pub use decode::{
    DecodedText, Decoding, InvalidUtf8, TextEncoding, decode_text, read_text, windows_1252_char,
};
pub use disk_check::{DiskChange, DiskState, ProjectDiff, Xxh64, diff_projects, xxh64};
pub use disk_versions::{BaseVersion, DiskVersions, OpenedVersion};
pub use error::{FormatError, Hint};
#[cfg(any(test, feature = "testing"))]
pub use faulty_io::{Fault, FaultyIo};
pub use journal::{
    JOURNAL_EXTENSION, JournalBase, JournalDelta, JournalFile, JournalTracker, JournalWriter, read_journal,
};
pub use lock::{LockOutcome, ProjectLock, lock_path};
pub use process::{process_running, process_start_time, this_host};
pub use project_file::{
    LoadedProject, LocatedProblem, MAX_FILE_BYTES, MergeFilesError, MergedFile, OpenedFile, Progress,
    declared_format_version, load_project, load_project_with_progress, merge_files, open_project_file,
    parse_project, parse_project_with_progress, parse_projects, project_to_string, read_bytes,
    read_text_file, save_project, save_project_kept,
};
pub use recovery::{
    RECOVERY_EXTENSION, RecoveryEntry, RecoveryInfo, RecoveryKey, RecoveryState, RecoveryStore,
    RecoverySummary, app_state_file, data_dir,
};
pub use suggest_model::{
    MODEL_FORMAT, MODEL_FORMAT_VERSION, load_model, model_path, parse_model, save_model,
};
