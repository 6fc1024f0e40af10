//! What `quotebench merge-file` does with the three versions' texts
//! (issue 17): parse, merge by id and field ([`merge_versions`]), write.
//!
//! Most documents of a merge are byte for byte the same in all three
//! versions (a side changes a few hundred of thousands). When the three
//! files are in the saved layout with one tag set, those documents are not
//! parsed at all: only the others are merged, and the same ones are copied
//! into the result as they stand, in the place the whole merge gives them.
//! Anything else (a hand-laid file, tag sets that differ, a document id
//! used twice, a side that does not parse) takes the whole way.

use std::collections::{HashMap, HashSet};

use super::read::{parse_head, parse_projects, ron_options, saved_layout};
use super::write::project_to_string;
use crate::format::error::FormatError;
use crate::model::{MergeConflict, Problem, ProjectConflict, VersionsMerged, merge_versions};

/// The merged file and what a person needs to know about it.
#[derive(Debug)]
pub struct MergedFile {
    /// The merged project as a project file.
    pub text: String,
    /// Conflicts recorded in documents (`(document id, conflict)`).
    pub conflicts: Vec<(String, MergeConflict)>,
    /// Clashes on the project itself, recorded at its top.
    pub project_conflicts: Vec<ProjectConflict>,
    /// What re-anchoring did, and relations dropped with an end.
    pub problems: Vec<Problem>,
    /// Labels renamed on one side and applied to the other (`old -> new`).
    pub renamed: Vec<(String, String)>,
}

impl MergedFile {
    /// The file `text` of merge `m` and what `m` found.
    fn of(text: String, m: VersionsMerged) -> Self {
        MergedFile {
            text,
            conflicts: m.conflicts,
            project_conflicts: m.project.conflicts,
            problems: m.problems,
            renamed: m.renamed,
        }
    }

    /// Whether a person needs to look (see `VersionsMerged::needs_a_person`).
    pub fn needs_a_person(&self) -> bool {
        !self.conflicts.is_empty()
            || !self.project_conflicts.is_empty()
            || self.problems.iter().any(|p| p.set_aside)
    }
}

/// Why the merge stopped.
#[derive(Debug)]
pub enum MergeFilesError {
    /// Version `side` (0 base, 1 ours, 2 theirs) does not read.
    Side { side: usize, error: FormatError },
    /// The merged project could not be written as text.
    Write(FormatError),
}

/// Merges the versions `[base, ours, theirs]`, each `(text, path)`.
pub fn merge_files(files: &[(&str, &str); 3]) -> Result<MergedFile, MergeFilesError> {
    match by_parts(files) {
        Some(done) => done,
        None => whole(files),
    }
}

/// Every document parsed and merged.
pub(super) fn whole(files: &[(&str, &str); 3]) -> Result<MergedFile, MergeFilesError> {
    let mut projects = Vec::with_capacity(3);
    for (side, result) in parse_projects(files).into_iter().enumerate() {
        projects.push(
            result
                .map_err(|error| MergeFilesError::Side { side, error })?
                .project,
        );
    }
    let m = merge_versions(&projects[0], &projects[1], &projects[2]);
    Ok(MergedFile::of(write(&m.project, files[1].1)?, m))
}

fn write(p: &crate::model::Project, path: &str) -> Result<String, MergeFilesError> {
    project_to_string(p).map_err(|e| {
        MergeFilesError::Write(FormatError::Serialize {
            path: path.to_string(),
            message: e.to_string(),
        })
    })
}

/// Opening of the documents list and the end of a file in the saved layout.
const DOCUMENTS: &str = "    documents: [\n";
const END: &str = "    ],\n)\n";

/// The merge with the documents that are the same in all three versions
/// copied, not parsed; `None` when the files do not allow it (or nothing
/// is the same), for the whole way.
pub(super) fn by_parts(files: &[(&str, &str); 3]) -> Option<Result<MergedFile, MergeFilesError>> {
    let layouts = files
        .iter()
        .map(|(text, _)| saved_layout(text))
        .collect::<Option<Vec<_>>>()?;
    let options = ron_options();
    let heads = layouts
        .iter()
        .map(|l| parse_head(l, &options))
        .collect::<Option<Vec<_>>>()?;
    if heads[0].tagset != heads[1].tagset || heads[1].tagset != heads[2].tagset {
        // A rename or a new attribute can change documents nobody touched.
        return None;
    }
    let ids = layouts
        .iter()
        .map(|l| l.documents.iter().map(|p| part_id(p)).collect::<Option<Vec<_>>>())
        .collect::<Option<Vec<_>>>()?;
    let mut at: Vec<HashMap<&str, usize>> = Vec::with_capacity(3);
    for list in &ids {
        let map: HashMap<&str, usize> = list.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        if map.len() != list.len() {
            return None;
        }
        at.push(map);
    }
    let part = |f: usize, id: &str| at[f].get(id).map(|&i| layouts[f].documents[i]);
    let same: HashSet<&str> = ids[1]
        .iter()
        .map(String::as_str)
        .filter(|id| {
            let ours = part(1, id);
            ours.is_some_and(|p| !p.contains("\n            conflicts: [\n"))
                && part(0, id) == ours
                && part(2, id) == ours
        })
        .collect();
    if same.is_empty() {
        return None;
    }
    // Each version without the documents that are the same in all three.
    let reduced: Vec<String> = (0..3)
        .map(|f| {
            let mut s = String::with_capacity(files[f].0.len() / 4);
            s.push_str(layouts[f].head);
            s.push_str(DOCUMENTS);
            for (p, id) in layouts[f].documents.iter().zip(&ids[f]) {
                if !same.contains(id.as_str()) {
                    s.push_str(p);
                    s.push_str(",\n");
                }
            }
            s.push_str(END);
            s
        })
        .collect();
    let parsed = parse_projects(&[
        (&reduced[0], files[0].1),
        (&reduced[1], files[1].1),
        (&reduced[2], files[2].1),
    ]);
    let mut projects = Vec::with_capacity(3);
    for result in parsed {
        // The whole way reports the error at its place in the file itself.
        projects.push(result.ok()?.project);
    }
    let m = merge_versions(&projects[0], &projects[1], &projects[2]);
    let written = match write(&m.project, files[1].1) {
        Ok(t) => t,
        Err(e) => return Some(Err(e)),
    };
    let out = saved_layout(&written)?;
    let merged_parts: HashMap<String, &str> = out
        .documents
        .iter()
        .map(|p| Some((part_id(p)?, *p)))
        .collect::<Option<_>>()?;
    // The order the whole merge gives: ours' documents, then those only
    // theirs has, each put at its place in theirs.
    let kept = |id: &str| same.contains(id) || merged_parts.contains_key(id);
    let mut order: Vec<&str> = ids[1].iter().map(String::as_str).filter(|id| kept(id)).collect();
    for (i, id) in ids[2].iter().enumerate() {
        if !at[1].contains_key(id.as_str()) && kept(id) {
            order.insert(i.min(order.len()), id);
        }
    }
    let mut text = String::with_capacity(files[1].0.len() + written.len());
    text.push_str(out.head);
    text.push_str(DOCUMENTS);
    for id in order {
        let p = match merged_parts.get(id) {
            Some(p) => p,
            None => part(1, id)?,
        };
        text.push_str(p);
        text.push_str(",\n");
    }
    text.push_str(END);
    Some(Ok(MergedFile::of(text, m)))
}

/// The id of a document part in the saved layout (its second line).
fn part_id(part: &str) -> Option<String> {
    let line = part
        .lines()
        .nth(1)?
        .strip_prefix("            id: ")?
        .strip_suffix(',')?;
    ron::from_str(line).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Edit, Project};

    fn text(p: &Project) -> String {
        project_to_string(p).expect("writes")
    }

    fn renote(p: &mut Project, doc: usize, note: &str) {
        let mut a = p.documents[doc].annotations().next().expect("one").clone();
        a.note = note.into();
        Edit::ReplaceAnnotation { doc, annotation: a }
            .apply(p)
            .expect("applies");
    }

    /// Three versions of the tricky project: documents changed on one side,
    /// on both (a conflict), removed, added on each side (theirs' in the
    /// middle), and most untouched.
    fn versions() -> [String; 3] {
        let base = super::super::ron_identity::project();
        let mut ours = base.clone();
        renote(&mut ours, 1, "ours 東京");
        renote(&mut ours, 4, "ours");
        ours.documents.remove(3);
        ours.documents.push(Document::new("new-ours", "🇩🇪", "neu"));
        let mut theirs = base.clone();
        renote(&mut theirs, 4, "theirs");
        renote(&mut theirs, 6, "theirs قال");
        theirs
            .documents
            .insert(2, Document::new("new-theirs", "ع", "جديد"));
        [text(&base), text(&ours), text(&theirs)]
    }

    #[test]
    fn copying_the_same_documents_gives_what_the_whole_merge_gives() {
        let v = versions();
        let files = [
            (v[0].as_str(), "base"),
            (v[1].as_str(), "ours"),
            (v[2].as_str(), "theirs"),
        ];
        let fast = by_parts(&files)
            .expect("the saved layout, one tag set")
            .expect("merges");
        let slow = whole(&files).expect("merges");
        assert_eq!(fast.text, slow.text);
        assert_eq!(fast.conflicts, slow.conflicts);
        assert_eq!(fast.conflicts.len(), 1, "document 4's note");
        assert_eq!(fast.problems, slow.problems);
        let merged = super::super::parse_project(&fast.text, "merged")
            .expect("opens")
            .project;
        let ids: Vec<&str> = merged.documents.iter().map(|d| d.id.as_str()).collect();
        assert!(
            ids.contains(&"new-ours") && ids.contains(&"new-theirs"),
            "{ids:?}"
        );
        // Swapped sides: the same documents.
        let swapped = [files[0], files[2], files[1]];
        let fast = by_parts(&swapped).expect("applies").expect("merges");
        assert_eq!(fast.text, whole(&swapped).expect("merges").text);
    }

    #[test]
    fn other_tag_sets_or_a_hand_laid_file_take_the_whole_way() {
        let v = versions();
        let mut renamed = super::super::parse_project(&v[2], "t").expect("reads").project;
        Edit::RenameLabel {
            from: "Claim".into(),
            to: "Behauptung".into(),
        }
        .apply(&mut renamed)
        .expect("renames");
        let t = text(&renamed);
        let files = [
            (v[0].as_str(), "base"),
            (v[1].as_str(), "ours"),
            (t.as_str(), "theirs"),
        ];
        assert!(by_parts(&files).is_none());
        assert!(merge_files(&files).expect("merges").text.contains("Behauptung"));
        let hand = v[2].replace("\n        (\n", "\n        (\n\n");
        let files = [
            (v[0].as_str(), "base"),
            (v[1].as_str(), "ours"),
            (hand.as_str(), "theirs"),
        ];
        assert!(by_parts(&files).is_none());
        assert_eq!(
            merge_files(&files).expect("merges").text,
            merge_files(&[files[0], files[1], (v[2].as_str(), "theirs")])
                .expect("merges")
                .text
        );
    }

    #[test]
    fn a_side_that_does_not_parse_is_named_with_its_place() {
        let v = versions();
        let broken = v[2].replacen("annotator: ", "annotator: ,", 1);
        let files = [
            (v[0].as_str(), "base"),
            (v[1].as_str(), "ours"),
            (broken.as_str(), "theirs"),
        ];
        match merge_files(&files) {
            Err(MergeFilesError::Side { side: 2, error }) => {
                assert!(error.to_string().starts_with("theirs:"), "{error}")
            }
            other => panic!("{other:?}"),
        }
    }
}
