//! "Tag all": the label and attribute to give the ticked matches, and the
//! one edit that gives them.

use std::collections::BTreeMap;

use crate::model::{Edit, Project};
use crate::search::tag_all;

/// What the user picked in the "Tag all" part of the bar.
#[derive(Debug, Default)]
pub struct TagPanel {
    /// The label (empty: the first of the tag set).
    pub label: String,
    /// An optional attribute, `key=value`.
    pub attribute: String,
    /// Why the last "Tag" did nothing.
    pub error: Option<String>,
}

/// What tagging the ticked matches would do.
pub struct TagAll {
    pub edit: Edit,
    pub label: String,
    pub tagged: usize,
    pub already: usize,
}

impl TagPanel {
    /// The label picked, or the tag set's first.
    pub fn label_or_first(&self, project: &Project) -> String {
        if self.label.is_empty() {
            project
                .tagset
                .labels
                .first()
                .map(|l| l.name.clone())
                .unwrap_or_default()
        } else {
            self.label.clone()
        }
    }

    fn attributes(&self) -> Result<BTreeMap<String, String>, String> {
        let a = self.attribute.trim();
        if a.is_empty() {
            return Ok(BTreeMap::new());
        }
        match a.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                Ok(BTreeMap::from([(k.trim().to_string(), v.trim().to_string())]))
            }
            _ => Err(format!("Write the attribute as key=value (got \"{a}\")")),
        }
    }

    /// One edit tagging every ticked match (`ticked` per document); `Ok(None)`
    /// with a message when all of them carry the label already.
    pub fn build(
        &self,
        project: &Project,
        ticked: &[(usize, Vec<crate::model::CharRange>)],
    ) -> Result<Result<TagAll, String>, String> {
        let label = self.label_or_first(project);
        let attrs = self.attributes()?;
        let mut edits = Vec::new();
        let (mut tagged, mut already) = (0, 0);
        for (doc, matches) in ticked {
            let t = tag_all(project, *doc, matches, &label, &attrs).map_err(|e| e.to_string())?;
            tagged += t.tagged;
            already += t.already;
            edits.extend(t.edit);
        }
        if edits.is_empty() {
            return Ok(Err(if already > 0 {
                format!("Nothing to tag: {already} already tagged {label}")
            } else {
                "Nothing to tag: no match is ticked".into()
            }));
        }
        let edit = if edits.len() == 1 {
            edits.remove(0)
        } else {
            Edit::Batch(edits)
        };
        Ok(Ok(TagAll {
            edit,
            label,
            tagged,
            already,
        }))
    }
}
