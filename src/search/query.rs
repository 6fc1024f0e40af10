//! What the user asks for, and the compiled matcher.

use regex::{Regex, RegexBuilder};
use thiserror::Error;

/// At most this many matches are reported unless asked otherwise: enough for
/// any real use, small enough to highlight and list without stalling.
pub const DEFAULT_LIMIT: usize = 100_000;

/// The most memory a compiled pattern may take (bytes): a pathological
/// pattern (`\w{1000}{1000}`) is refused instead of eating memory.
pub const REGEX_SIZE_LIMIT: usize = 8 * 1024 * 1024;

/// A search as typed: the pattern and its options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub pattern: String,
    /// The pattern is a regular expression (the `regex` crate's syntax);
    /// otherwise it is found literally.
    pub regex: bool,
    /// Upper and lower case differ (otherwise Unicode case folding).
    pub match_case: bool,
    /// Only matches that start and end at word boundaries.
    pub whole_words: bool,
    /// Report at most this many matches (then `capped`).
    pub limit: usize,
}

impl Default for Query {
    fn default() -> Self {
        Self {
            pattern: String::new(),
            regex: false,
            match_case: false,
            whole_words: false,
            limit: DEFAULT_LIMIT,
        }
    }
}

impl Query {
    /// A literal, case-insensitive search for `pattern`.
    pub fn plain(pattern: impl Into<String>) -> Self {
        Self {
            pattern: pattern.into(),
            ..Self::default()
        }
    }

    /// Compiles the query; a bad or too large regex is an error that says why.
    pub fn compile(&self) -> Result<Finder, SearchError> {
        if self.pattern.is_empty() {
            return Err(SearchError::EmptyPattern);
        }
        let source = if self.regex {
            self.pattern.clone()
        } else {
            regex::escape(&self.pattern)
        };
        let regex = RegexBuilder::new(&source)
            .case_insensitive(!self.match_case)
            .multi_line(true)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_SIZE_LIMIT)
            .build()
            .map_err(|e| match e {
                regex::Error::CompiledTooBig(limit) => SearchError::TooBig { limit },
                other => SearchError::BadRegex {
                    pattern: self.pattern.clone(),
                    message: other.to_string(),
                },
            })?;
        Ok(Finder {
            regex,
            whole_words: self.whole_words,
            limit: self.limit,
        })
    }
}

/// Why a query cannot run.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum SearchError {
    #[error("nothing to find: the pattern is empty")]
    EmptyPattern,
    /// The `regex` crate's own message (it points at the offending part).
    #[error("the regular expression {pattern:?} is not valid:\n{message}")]
    BadRegex { pattern: String, message: String },
    #[error("the regular expression is too large once compiled (over {limit} bytes); make it simpler")]
    TooBig { limit: usize },
}

impl SearchError {
    /// One line for a status bar or a find bar (the regex crate's message
    /// spans several lines: the pattern, a caret, the error).
    pub fn short(&self) -> String {
        match self {
            SearchError::BadRegex { message, .. } => {
                let last = message.lines().rev().find(|l| !l.trim().is_empty());
                format!(
                    "Not a valid regular expression: {}",
                    last.unwrap_or(message).trim()
                )
            }
            other => other.to_string(),
        }
    }
}

/// A compiled query: finds matches in any number of texts (cheap to share
/// between threads).
#[derive(Clone, Debug)]
pub struct Finder {
    pub(super) regex: Regex,
    pub(super) whole_words: bool,
    pub(super) limit: usize,
}

impl Finder {
    /// The most matches reported per search.
    pub fn limit(&self) -> usize {
        self.limit
    }
}
