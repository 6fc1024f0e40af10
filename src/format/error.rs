//! Errors from reading and writing files. Each says which file and, where
//! the fault is inside it, the line:column, in words a non-programmer follows.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum FormatError {
    #[error("{path}: cannot {action}: {source}")]
    Io {
        path: String,
        action: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: this is not a valid project file: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: the file is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { path: String, offset: usize },
    #[error(
        "{path}: the file was written by a newer Quotebench (format version {found}); this version reads up to {supported}. Update Quotebench to open it."
    )]
    NewerVersion {
        path: String,
        found: u32,
        supported: u32,
    },
    #[error("{path}: the file is {size} bytes; files over {limit} bytes are refused")]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: cannot write the project: {message}")]
    Serialize { path: String, message: String },
    /// A file of ours (e.g. a recovery file) whose content is not what we wrote.
    #[error("{path}: the file is damaged: {message}")]
    Damaged { path: String, message: String },
}
