//! Files: the versioned RON project file and atomic saving.

mod atomic;
mod error;
mod project_file;

pub use atomic::{backup_path, write_atomic};
pub use error::FormatError;
pub use project_file::{
    LoadedProject, MAX_FILE_BYTES, load_project, parse_project, project_to_string, read_text_file,
    save_project,
};
