//! The review commands (F8, Alt+N, Ctrl+Shift+A, …) turned into what the
//! app does: an edit of the gold project (every decision is one, so undo
//! takes it back and the file keeps it), a message, and where to go next.

use super::{ReviewState, report::ReportView};
use crate::model::{Edit, Project};
use crate::review::{Choice, ReviewError, Spot, accept_agreed, take};
use crate::ui::commands::ReviewCommand;

/// What a review command asks the review to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewAct {
    Next,
    Previous,
    AcceptAgreed,
    Take(Choice),
    Report,
    End,
}

impl ReviewAct {
    /// The act behind a review command, if it is one (Compare with… opens
    /// a dialog instead). `Take(n)` is 1-based: Alt+1 takes the first
    /// annotator's version.
    pub fn of(c: ReviewCommand) -> Option<Self> {
        Some(match c {
            ReviewCommand::NextDisagreement => Self::Next,
            ReviewCommand::PreviousDisagreement => Self::Previous,
            ReviewCommand::AcceptAgreed => Self::AcceptAgreed,
            ReviewCommand::Take(n) => Self::Take(Choice::Annotator(usize::from(n.max(1) - 1))),
            ReviewCommand::TakeAll => Self::Take(Choice::All),
            ReviewCommand::TakeNeither => Self::Take(Choice::Neither),
            ReviewCommand::AgreementReport => Self::Report,
            ReviewCommand::EndReview => Self::End,
            ReviewCommand::CompareWith => return None,
        })
    }
}

/// What the app does after a review command.
#[derive(Debug, Default)]
pub struct Outcome {
    /// An edit of the gold project and its undo label.
    pub edit: Option<(Edit, String)>,
    /// For the status line.
    pub message: String,
    /// Go to this disagreement now.
    pub show: Option<Spot>,
    /// Once the edit is performed, go on to the next unsettled disagreement.
    pub then_next: bool,
    /// The review is over (the gold project stays open).
    pub end: bool,
}

/// Runs `c` on the open review over `gold`; nothing changes on an error.
pub fn run(c: ReviewAct, r: &mut ReviewState, gold: &Project) -> Result<Outcome, ReviewError> {
    match c {
        ReviewAct::Next | ReviewAct::Previous => {
            let s = r
                .step(gold, c == ReviewAct::Next)
                .ok_or(ReviewError::NoDisagreement)?;
            Ok(Outcome {
                show: Some(s),
                ..Outcome::default()
            })
        }
        ReviewAct::AcceptAgreed => {
            let a = accept_agreed(&r.set, &r.cmp, gold).ok_or(ReviewError::NothingToAccept)?;
            Ok(Outcome {
                edit: Some((a.edit, "accept agreed places".into())),
                message: format!(
                    "Accepted {} agreed {} ({} {}) into the gold file",
                    a.places,
                    plural(a.places, "place", "places"),
                    a.spans,
                    plural(a.spans, "span", "spans"),
                ),
                ..Outcome::default()
            })
        }
        ReviewAct::Take(choice) => {
            let s = r.current_spot().ok_or(ReviewError::NoCurrent)?;
            let what = match choice {
                Choice::Annotator(a) => {
                    let name = r.set.annotators.get(a).ok_or(ReviewError::NoAnnotator(a + 1))?;
                    format!("{name}'s version")
                }
                Choice::All => "every version".to_string(),
                Choice::Neither => "neither version".to_string(),
            };
            let edit = take(&r.set, &r.cmp, gold, s.doc, s.cluster, choice);
            Ok(Outcome {
                message: match edit {
                    Some(_) => format!("Took {what}"),
                    None => format!("Took {what} (the gold file had it already)"),
                },
                edit: edit.map(|e| (e, format!("take {what}"))),
                then_next: true,
                ..Outcome::default()
            })
        }
        ReviewAct::Report => {
            r.report = match r.report {
                Some(_) => None,
                None => Some(ReportView::new(r)),
            };
            Ok(Outcome::default())
        }
        ReviewAct::End => Ok(Outcome {
            message: "Review closed; the gold project stays open.".into(),
            end: true,
            ..Outcome::default()
        }),
    }
}

/// "place" or "places".
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// The status line once a review opens (or resumes).
pub fn opened_message(
    resumed: bool,
    annotators: usize,
    docs: usize,
    (agreed, differ): (usize, usize),
    settled: usize,
    left_out: &str,
) -> String {
    let docs = format!("{docs} {}", plural(docs, "document", "documents"));
    if resumed {
        format!(
            "Resumed the review of {annotators} annotators over {docs}: {settled} of {differ} {} that differ settled{left_out}. F8 goes to the next unsettled.",
            plural(differ, "place", "places")
        )
    } else {
        format!(
            "Comparing {annotators} annotators over {docs}: {agreed} {} agreed, {differ} {} differ{left_out}. F8 goes to the next.",
            plural(agreed, "place", "places"),
            plural(differ, "place", "places")
        )
    }
}
