//! Suggestions the annotator rejected, remembered per document (and saved in
//! the project file) so that the same suggestion is not offered again.
//! Changed only through [`super::Edit::Reject`] and
//! [`super::Edit::ForgetRejection`], each the other's exact inverse.

use serde::{Deserialize, Serialize};

use super::annotation::Fragment;
use super::document::Document;
use super::text::CharRange;

/// One rejected suggestion: the label it proposed (`Quote`, `Claim`), the
/// fragments it covered with their text (so that a rejection made on a text
/// that has since changed is recognised as no longer applying), and the
/// rule that made it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rejection {
    pub label: String,
    pub fragments: Vec<Fragment>,
    #[serde(default)]
    pub rule: String,
}

impl Rejection {
    /// The order rejections are kept and written in: position, then label
    /// and rule.
    pub fn sort_key(&self) -> (usize, usize, &str, &str) {
        let start = self.fragments.iter().map(|f| f.start).min().unwrap_or(0);
        let end = self.fragments.iter().map(|f| f.end).max().unwrap_or(0);
        (start, end, self.label.as_str(), self.rule.as_str())
    }

    /// Whether this rejection covers exactly `ranges` (char ranges, in text
    /// order) with label `label`, and each fragment's stored text is still
    /// what `slice` gives for its range (a changed text voids it).
    pub fn matches<'t>(
        &self,
        label: &str,
        ranges: &[CharRange],
        slice: impl Fn(CharRange) -> &'t str,
    ) -> bool {
        self.label == label
            && self.fragments.len() == ranges.len()
            && self
                .fragments
                .iter()
                .zip(ranges)
                .all(|(f, r)| f.range() == *r && slice(*r) == f.text)
    }
}

/// A document's rejections: read by anyone, changed by the edits.
impl Document {
    /// The suggestions rejected in this document, in text order.
    pub fn rejected(&self) -> &[Rejection] {
        &self.rejected
    }
    /// Whether a suggestion of `label` covering exactly `ranges` was
    /// rejected here (on this text: a rejection whose stored text no longer
    /// matches does not count).
    pub fn is_rejected(&self, label: &str, ranges: &[CharRange]) -> bool {
        self.rejected
            .iter()
            .any(|r| r.matches(label, ranges, |c| self.slice(c)))
    }
    /// Adds a rejection; `false` (and nothing changes) if an equal one is
    /// there already.
    pub(super) fn add_rejection(&mut self, r: Rejection) -> bool {
        match self.rejected.binary_search_by(|x| {
            x.sort_key()
                .cmp(&r.sort_key())
                .then_with(|| x.fragments.cmp(&r.fragments))
        }) {
            Ok(_) => false,
            Err(at) => {
                self.rejected.insert(at, r);
                self.bump();
                true
            }
        }
    }
    /// Removes the rejection equal to `r`; `false` if there is none.
    pub(super) fn remove_rejection(&mut self, r: &Rejection) -> bool {
        match self.rejected.iter().position(|x| x == r) {
            Some(i) => {
                self.rejected.remove(i);
                self.bump();
                true
            }
            None => false,
        }
    }
    /// The document with these rejections (as loaded from a file): sorted,
    /// an exact repeat dropped.
    pub fn with_rejections(mut self, rejections: Vec<Rejection>) -> Self {
        for r in rejections {
            self.add_rejection(r);
        }
        self
    }
}
