//! Errors from reading and writing files. Each says which file and, where
//! the fault is inside it, the line:column, in words a non-programmer follows.

use std::fmt;

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
    NotUtf8 {
        path: String,
        /// Byte offset of the first invalid byte in the file.
        offset: usize,
        /// An article to annotate (which may be read as Windows-1252
        /// instead), not a data file (which must be UTF-8).
        article: bool,
    },
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
    /// A recovery journal started on another version of its project file
    /// (the file changed since, or is gone): replay only if the user says so.
    #[error("{journal}: these unsaved changes were made to another version of {original}")]
    JournalOfOtherVersion { journal: String, original: String },
}

/// What the user can do about an error, decided here once; each edge says
/// it its own way (the command line names its flag, the window offers a
/// button).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// An article that is not UTF-8: read it again as Windows-1252.
    ReadAsWindows1252,
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hint::ReadAsWindows1252 => {
                f.write_str("if it is Windows-1252 or Latin-1 text, read it as Windows-1252")
            }
        }
    }
}

impl FormatError {
    /// What might help, when something can: the one place that knows, read
    /// by the command line and the window alike.
    pub fn hint(&self) -> Option<Hint> {
        match self {
            FormatError::NotUtf8 { article: true, .. } => Some(Hint::ReadAsWindows1252),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_article_that_is_not_utf8_hints_at_windows_1252() {
        let article = FormatError::NotUtf8 {
            path: "a.txt".into(),
            offset: 3,
            article: true,
        };
        assert_eq!(article.hint(), Some(Hint::ReadAsWindows1252));
        let data = FormatError::NotUtf8 {
            path: "p.qb.ron".into(),
            offset: 3,
            article: false,
        };
        assert_eq!(data.hint(), None);
        let io = FormatError::Io {
            path: "a.txt".into(),
            action: "read",
            source: std::io::Error::other("x"),
        };
        assert_eq!(io.hint(), None);
    }
}
