//! Starting a review from what was read: colleagues' projects lined up,
//! over a new gold project, or over the open one when it is a gold project
//! already (then the review resumes where it was: what is settled is read
//! from the gold file's spans and decisions).

use super::curate::gold_project;
use super::error::ReviewError;
use super::layers::{Layer, ReviewSet, layers_of};
use super::request::CompareRequest;
use crate::format::colleagues::Colleagues;
use crate::model::Project;

/// A review ready to open.
#[derive(Debug)]
pub struct Begun {
    pub set: ReviewSet,
    /// The new gold project to curate; `None` when the open gold project is
    /// resumed (the set's documents are then in its order).
    pub gold: Option<Project>,
    /// Notes from reading the files (skipped lines, problems).
    pub notes: Vec<String>,
}

/// The open project, as it may take part.
pub struct OpenProject<'a> {
    pub project: &'a Project,
    /// Its file, or words for "the open project", for messages.
    pub source: String,
}

/// Whether `p` is a curated project: it holds review decisions, or spans
/// that record whose files they came from.
pub fn is_gold(p: &Project) -> bool {
    p.documents
        .iter()
        .any(|d| !d.decisions().is_empty() || d.annotations().any(|a| !a.annotators.is_empty()))
}

/// Lines the colleagues' projects up (with the open project first when the
/// request says so and it is not a gold project) and makes the gold project.
pub fn begin(
    req: &CompareRequest,
    colleagues: Colleagues,
    open: OpenProject<'_>,
    reviewer: &str,
) -> Result<Begun, ReviewError> {
    let resume = is_gold(open.project);
    let mut layers = layers_of(colleagues.projects);
    if req.include_open && !resume {
        let mut project = open.project.clone();
        if project.annotator.trim().is_empty() {
            project.annotator = "me".into();
        }
        layers.insert(
            0,
            Layer {
                annotator: project.annotator.clone(),
                source: open.source,
                project,
            },
        );
    }
    if layers.len() < 2 {
        return Err(ReviewError::TooFewAnnotators { found: layers.len() });
    }
    let mut set = ReviewSet::build(layers);
    if resume {
        set.align_to_gold(open.project)?;
    }
    if set.documents.is_empty() {
        return Err(ReviewError::NothingShared {
            left_out: set.left_out,
        });
    }
    let gold = (!resume).then(|| gold_project(&set, &gold_name(&set), reviewer));
    Ok(Begun {
        set,
        gold,
        notes: colleagues.notes,
    })
}

/// The gold project's name, from what was compared: "Gold: s1, s2 (ana,
/// bo, cy)"; past three documents, "Gold: s1, s2, s3 and 5 more (ana, bo)".
pub fn gold_name(set: &ReviewSet) -> String {
    let ids: Vec<&str> = set.documents.iter().map(|d| d.id.as_str()).collect();
    let mut docs = ids.iter().take(3).copied().collect::<Vec<_>>().join(", ");
    if ids.len() > 3 {
        docs.push_str(&format!(" and {} more", ids.len() - 3));
    }
    format!("Gold: {docs} ({})", set.annotators.join(", "))
}
