//! Suggestions the annotator rejected, remembered per document (and saved in
//! the project file) so that the same suggestion is not offered again.
//! Changed only through [`super::Edit::Reject`] and
//! [`super::Edit::ForgetRejection`], each the other's exact inverse.

use serde::{Deserialize, Serialize};

use super::annotation::Fragment;

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
        ranges: &[super::CharRange],
        slice: impl Fn(super::CharRange) -> &'t str,
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
