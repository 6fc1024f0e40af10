//! Replacing the open project by another as one undoable edit: how the
//! window takes the file's version ("Reload") or the merge with it
//! ("Merge") so that Ctrl+Z brings the window's version back.

use super::edit::Edit;
use super::inverse::{Exact, Inverse};
use super::project::Project;

/// One edit that turns `from` into `to` (`None` when they are equal): the
/// tag set, the project's merge conflicts, project info and people
/// register where they differ, and the documents from the
/// first one that differs on removed and `to`'s added. Its inverse gives
/// `from` back exactly, so Ctrl+Z undoes a reload or a merge.
pub fn replace_project(from: &Project, to: Project) -> Option<Edit> {
    let mut edits = Vec::new();
    if from.tagset != to.tagset {
        edits.push(Edit::SetTagSet(to.tagset));
    }
    if from.conflicts != to.conflicts {
        edits.push(Edit::SetProjectConflicts(to.conflicts));
    }
    if from.name != to.name || from.annotator != to.annotator {
        edits.push(Edit::SetProjectInfo {
            name: to.name,
            annotator: to.annotator,
        });
    }
    if from.people != to.people {
        // The register: who left, who changed, who came (put back as read,
        // unchecked, like an undone removal: a file's register is kept whole).
        for gone in from.people.iter().filter(|p| to.people.get(&p.name).is_none()) {
            edits.push(Edit::RemovePerson {
                name: gone.name.clone(),
            });
        }
        for person in to.people.iter() {
            match from.people.get(&person.name) {
                Some(old) if old == person => {}
                Some(_) => edits.push(Edit::SetPerson(person.clone())),
                None => edits.push(Inverse::edit(Exact::PutPerson(person.clone()))),
            }
        }
    }
    let same = from
        .documents
        .iter()
        .zip(&to.documents)
        .take_while(|(a, b)| a == b)
        .count();
    edits.extend(
        (same..from.documents.len())
            .rev()
            .map(|index| Edit::RemoveDocument { index }),
    );
    edits.extend(
        to.documents
            .into_iter()
            .enumerate()
            .skip(same)
            .map(|(index, d)| Edit::AddDocument {
                index,
                document: Box::new(d),
            }),
    );
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}
