//! Suggestions: quotes, speakers, cues and claims proposed in an article's
//! text, for the annotator to accept, fix or reject.
//!
//! Pure Rust: text in, [`Suggestion`]s out. Deterministic, no network.
//! Hand-written rules ([`rules`]) find direct, mixed and indirect quotes with
//! their frames; a model trained on the annotator's own tags ([`learn`])
//! adds what the rules miss. [`accept`] turns a suggestion into one
//! undoable [`crate::model::Edit`] ([`accept_above`]: many at once); [`all`]
//! runs an engine on every document on every core; [`score`] measures
//! suggestions against gold annotations. [`lexicon`] holds the hand-written
//! word lists, [`tokens`] the tokenizer the model's features use.
//!
//! # What this layer may import
//! - May: `std`, `serde`, `thiserror`, `crate::model` (annotations, edits,
//!   char ranges), small pure crates (`unicode-segmentation`, `rayon` for
//!   using every core).
//! - May not: `egui`/`eframe`/`rfd`, `crate::format` (files: a trained model
//!   is saved by `format`), `crate::review`, `crate::ui`, `crate::cli`,
//!   `std::fs`, `std::net`, processes.

pub mod accept;
pub mod accept_above;
pub mod all;
pub mod learn;
pub mod lexicon;
pub mod people;
pub mod rules;
pub mod score;
pub mod tokens;

use serde::{Deserialize, Serialize};

use crate::model::CharRange;

/// What a suggestion proposes to tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    /// A quote of this kind (the Quote label's `kind` attribute).
    Quote(QuoteKind),
    /// A figure-bearing statement (the Claim label).
    Claim,
    /// A cue alone (the Cue label): words that report speech or thought
    /// ("said", "according to") whose quote was not delimited. Its one
    /// fragment is the cue, and `cue` holds the same range.
    Cue,
}

/// Direct (verbatim, in quote marks), indirect (reported) or mixed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QuoteKind {
    Direct,
    Indirect,
    Mixed,
}

impl QuoteKind {
    /// The value of the Quote label's `kind` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

/// One proposal: a quote (in one or more fragments) with its speaker
/// mention, its cue, the person the speaker is, or a claim, or a cue alone. All ranges are
/// char offsets into the document's text, half-open; `fragments` are sorted
/// and do not overlap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub target: Target,
    pub fragments: Vec<CharRange>,
    /// The speaker mention as written ("Dog Andres, a spokesman for …", "she").
    pub speaker: Option<CharRange>,
    /// The cue ("said", "told", "according to").
    pub cue: Option<CharRange>,
    /// The person the speaker is (a full name found earlier in the text or
    /// already in the project), for the Speaker label's `person` attribute.
    pub person: Option<String>,
    /// In [0, 1]: how likely the suggestion is right.
    pub confidence: f32,
    /// The rule or model that made it, in words ("quote followed by ', X said'").
    pub rule: String,
}

impl Suggestion {
    /// The hull from the first fragment's start to the last one's end.
    pub fn hull(&self) -> CharRange {
        let start = self.fragments.iter().map(|f| f.start).min().unwrap_or(0);
        let end = self.fragments.iter().map(|f| f.end).max().unwrap_or(0);
        CharRange { start, end }
    }
}

/// What the engine knows besides the text.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// People already in the project (the `person` values of its speakers),
    /// reused when a speaker mention names one of them.
    pub people: Vec<String>,
}
