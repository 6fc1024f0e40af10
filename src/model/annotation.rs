//! Annotations (labelled spans, possibly in several fragments) and the
//! relations between them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::text::CharRange;

/// One contiguous piece of an annotation: a char range and the text it
/// covered when it was made (so a changed text is detected, never silently
/// shifted).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Fragment {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Fragment {
    pub fn range(&self) -> CharRange {
        CharRange {
            start: self.start,
            end: self.end,
        }
    }
}

/// A labelled span. A quote interrupted by "she told the committee" is one
/// annotation with two fragments. Ids are unique across annotators so that
/// colleagues' files merge without clashes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: String,
    pub label: String,
    pub fragments: Vec<Fragment>,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub created: String,
    #[serde(default)]
    pub modified: String,
    /// In a curated (gold) project: the annotators whose files held this
    /// annotation when it was accepted. Empty in an annotator's own file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotators: Vec<String>,
    /// Where the annotation came from when it was not made by hand: an
    /// accepted suggestion records the rule or model and its confidence.
    /// `None` for hand-made annotations and in files written before it.
    /// Boxed: most annotations have none, and a project holds many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Box<Origin>>,
}

/// Where an accepted annotation came from, e.g. `by: "suggested"`, the rule
/// "quote followed by ', X said'" and confidence 0.95.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Origin {
    /// What made it: [`Origin::SUGGESTED`] for the suggestions.
    pub by: String,
    /// The rule or model that proposed it, in words.
    #[serde(default)]
    pub rule: String,
    /// How likely the proposal was right, in [0, 1], as it was proposed.
    #[serde(default)]
    pub confidence: f32,
}

impl Origin {
    /// `by` for an annotation accepted from a suggestion.
    pub const SUGGESTED: &'static str = "suggested";

    /// An origin for a suggestion by `rule`; the confidence is clamped to
    /// [0, 1] (a NaN becomes 0) so that the file always holds a number.
    pub fn suggested(rule: impl Into<String>, confidence: f32) -> Self {
        let confidence = if confidence.is_nan() {
            0.0
        } else {
            confidence.clamp(0.0, 1.0)
        };
        Origin {
            by: Self::SUGGESTED.into(),
            rule: rule.into(),
            confidence,
        }
    }
}

/// Equal when every field is, the confidence compared bit for bit (so the
/// relation is total and an annotation can stay `Eq`).
impl PartialEq for Origin {
    fn eq(&self, other: &Self) -> bool {
        self.by == other.by
            && self.rule == other.rule
            && self.confidence.to_bits() == other.confidence.to_bits()
    }
}

impl Eq for Origin {}

impl Annotation {
    /// The hull from the first fragment's start to the last one's end.
    pub fn hull(&self) -> CharRange {
        let start = self.fragments.iter().map(|f| f.start).min().unwrap_or(0);
        let end = self.fragments.iter().map(|f| f.end).max().unwrap_or(0);
        CharRange { start, end }
    }

    /// The covered text, fragments joined by " … ".
    pub fn covered_text(&self) -> String {
        let parts: Vec<&str> = self.fragments.iter().map(|f| f.text.as_str()).collect();
        parts.join(" … ")
    }

    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// Sort fragments by position (the order every file and view relies on).
    pub fn normalise(&mut self) {
        self.fragments.sort_by_key(|f| (f.start, f.end));
    }

    /// Order used in files and lists: position first, id to break ties.
    pub fn sort_key(&self) -> (usize, usize, &str) {
        let h = self.hull();
        (h.start, h.end, self.id.as_str())
    }
}

/// A directed link between two annotations of one document, e.g. a Quote
/// `said_by` a Speaker, or a Cue `cue_of` a Quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub id: String,
    pub kind: String,
    pub from: String,
    pub to: String,
    /// Values of the attributes the tag set's [`super::RelationDef`] defines
    /// (e.g. `addressee`, `certainty`); absent from the file when empty
    /// (format version 3 added them).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

impl Relation {
    /// A relation with no attributes.
    pub fn new(
        id: impl Into<String>,
        kind: impl Into<String>,
        from: impl Into<String>,
        to: impl Into<String>,
    ) -> Self {
        Relation {
            id: id.into(),
            kind: kind.into(),
            from: from.into(),
            to: to.into(),
            attributes: BTreeMap::new(),
        }
    }

    /// The value of attribute `name`; an empty value counts as unset.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}
