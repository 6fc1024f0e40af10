//! The review commands (F8, Alt+N, Ctrl+Shift+A, …) turned into what the
//! app does: an edit of the gold project (every decision is one, so undo
//! takes it back and the file keeps it), a message, and where to go next.

use super::{ReviewState, report::ReportView};
use crate::model::{Edit, Project};
use crate::review::{Choice, ReviewError, Spot, accept_agreed, take};
use crate::ui::commands::Command;

/// What a review command asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewCommand {
    Next,
    Previous,
    AcceptAgreed,
    Take(Choice),
    Report,
    End,
}

impl ReviewCommand {
    /// The review command behind a window command, if it is one. `Take(n)`
    /// is 1-based (Alt+1 takes the first annotator's version).
    pub fn of(c: Command) -> Option<Self> {
        Some(match c {
            Command::NextDisagreement => Self::Next,
            Command::PreviousDisagreement => Self::Previous,
            Command::AcceptAgreed => Self::AcceptAgreed,
            Command::Take(n) => Self::Take(Choice::Annotator(usize::from(n.max(1) - 1))),
            Command::TakeAll => Self::Take(Choice::All),
            Command::TakeNeither => Self::Take(Choice::Neither),
            Command::AgreementReport => Self::Report,
            Command::EndReview => Self::End,
            _ => return None,
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
pub fn run(c: ReviewCommand, r: &mut ReviewState, gold: &Project) -> Result<Outcome, ReviewError> {
    match c {
        ReviewCommand::Next | ReviewCommand::Previous => {
            let s = r
                .step(gold, c == ReviewCommand::Next)
                .ok_or(ReviewError::NoDisagreement)?;
            Ok(Outcome {
                show: Some(s),
                ..Outcome::default()
            })
        }
        ReviewCommand::AcceptAgreed => {
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
        ReviewCommand::Take(choice) => {
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
        ReviewCommand::Report => {
            r.report = match r.report {
                Some(_) => None,
                None => Some(ReportView::new(r)),
            };
            Ok(Outcome::default())
        }
        ReviewCommand::End => Ok(Outcome {
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
