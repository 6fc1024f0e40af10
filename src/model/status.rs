//! A document's progress: where the annotator stands with it (issue 13,
//! "Document progress"). Saved in the project file (format version 3);
//! a file without it reads as [`Status::New`].

use std::fmt;

use serde::{Deserialize, Serialize};

/// How far a document's annotation has come. In the file: `new`,
/// `in_progress`, `done`, `needs_review` (snake case, as in JSON exports).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    New,
    InProgress,
    Done,
    NeedsReview,
}

impl Status {
    /// Every status, in the order Ctrl+M cycles through them.
    pub const ALL: [Status; 4] = [Status::New, Status::InProgress, Status::Done, Status::NeedsReview];

    /// The status after this one in [`Status::ALL`] (the last wraps round).
    pub fn next(self) -> Status {
        let i = Status::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Status::ALL[(i + 1) % Status::ALL.len()]
    }

    /// The name used in files, exports and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::NeedsReview => "needs_review",
        }
    }

    /// Reads [`Status::key`] back; also accepts the words a user would type
    /// ("in progress", "Needs review"), case and `-`/`_`/space alike.
    pub fn parse(s: &str) -> Option<Status> {
        let norm: String = s
            .trim()
            .chars()
            .map(|c| {
                if c == '-' || c == ' ' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        Status::ALL.into_iter().find(|x| x.key() == norm)
    }

    pub fn is_new(&self) -> bool {
        *self == Status::New
    }
}

impl fmt::Display for Status {
    /// In words: "new", "in progress", "done", "needs review".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::New => "new",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::NeedsReview => "needs review",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_through_all_and_wraps() {
        let mut s = Status::New;
        let mut seen = vec![s];
        for _ in 0..3 {
            s = s.next();
            seen.push(s);
        }
        assert_eq!(seen, Status::ALL);
        assert_eq!(s.next(), Status::New);
    }

    #[test]
    fn parses_keys_and_words() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.key()), Some(s));
            assert_eq!(Status::parse(&s.to_string()), Some(s));
        }
        assert_eq!(Status::parse("Needs-Review"), Some(Status::NeedsReview));
        assert_eq!(Status::parse("finished"), None);
    }
}
