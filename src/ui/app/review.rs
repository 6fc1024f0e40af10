//! Review: starting a comparison, moving between disagreements and the
//! review commands (take, accept agreed, report, end).

use super::{QuotebenchApp, Session};
use crate::ui::commands::ReviewCommand;
use crate::ui::review::ReviewState;
use crate::ui::review::open_dialog::CompareRequest;
use crate::ui::workspace::Workspace;

impl QuotebenchApp {
    /// Starts a review of `req`; a failure is shown in a modal and changes nothing.
    pub fn compare(&mut self, req: &CompareRequest) {
        if let Err(e) = self.start_review(req) {
            self.show_error(format!(
                "The comparison could not be opened; nothing was changed.\n{e}"
            ));
        }
    }

    /// Opens colleagues' files against each other (and the open project, if
    /// asked) and puts an empty gold project over them. Errors leave
    /// everything as it was.
    pub fn start_review(&mut self, req: &CompareRequest) -> Result<(), String> {
        let (mut layers, notes) = crate::review::open_layers(&req.paths, &req.map)?;
        if req.include_open {
            let mut project = self.session.ws.project.clone();
            if project.annotator.trim().is_empty() {
                project.annotator = "me".into();
            }
            layers.insert(
                0,
                crate::review::Layer {
                    annotator: project.annotator.clone(),
                    source: self
                        .session
                        .ws
                        .path
                        .as_ref()
                        .map_or("the open project".into(), |p| p.display().to_string()),
                    project,
                },
            );
        }
        if layers.len() < 2 {
            return Err(format!(
                "A comparison needs at least two annotators; these files hold {}.",
                layers.len()
            ));
        }
        self.start_review_of(crate::review::ReviewSet::build(layers), notes)
    }

    /// Puts an empty gold project over an already matched review set.
    pub fn start_review_of(
        &mut self,
        set: crate::review::ReviewSet,
        notes: Vec<String>,
    ) -> Result<(), String> {
        if set.documents.is_empty() {
            let why: Vec<String> = set.left_out.iter().take(10).map(|l| l.to_string()).collect();
            return Err(format!(
                "No document is shared by two of these annotators (documents are matched by their text).\n{}",
                why.join("\n")
            ));
        }
        let reviewer = std::env::var("USER").unwrap_or_else(|_| "reviewer".into());
        let name = format!("Gold: {}", self.session.ws.project.name);
        let gold = crate::review::gold_project(&set, name.trim_end_matches(": "), &reviewer);
        let state = ReviewState::new(set, notes);
        let (agreed, differ) = state.counts;
        let annotators = state.set.annotators.len();
        let docs = state.set.documents.len();
        let left_out = state.set.left_out.len();
        self.replace_session(Session::reviewing(Workspace::new(gold, None), state));
        self.session.ws.history.mark_unsaved();
        self.message = format!(
            "Comparing {annotators} annotators over {docs} documents: {agreed} places agreed, {differ} differ{}. F8 goes to the next.",
            if left_out > 0 {
                format!(", {left_out} documents left out")
            } else {
                String::new()
            }
        );
        Ok(())
    }

    /// Makes disagreement `i` current: its document, scrolled into view.
    pub(super) fn go_to_spot(&mut self, i: usize) {
        let Some(r) = &mut self.session.review else { return };
        let Some(&s) = r.spots.get(i) else { return };
        r.current = Some(i);
        self.show_spot(s);
    }

    pub(super) fn show_spot(&mut self, s: crate::review::Spot) {
        let Some(r) = &self.session.review else { return };
        let Some(c) = r.cmp.cluster(s) else { return };
        let start = c.hull.start;
        if self.session.ws.doc != s.doc {
            self.session.ws.set_document(s.doc);
            self.session.view.reset();
        }
        self.session.ws.selected = None;
        self.session.view.scroll_to_char(start);
    }

    pub(super) fn review_command(&mut self, c: ReviewCommand) -> Result<(), String> {
        use crate::review::{Choice, accept_agreed, take};
        let Some(r) = &mut self.session.review else {
            return Err("No review is open: use Review > Compare with… first.".into());
        };
        match c {
            ReviewCommand::NextDisagreement | ReviewCommand::PreviousDisagreement => {
                match r.step(&self.session.ws.project, c == ReviewCommand::NextDisagreement) {
                    Some(s) => {
                        self.show_spot(s);
                        Ok(())
                    }
                    None => Err("The annotators agree everywhere.".into()),
                }
            }
            ReviewCommand::AcceptAgreed => match accept_agreed(&r.set, &r.cmp, &self.session.ws.project) {
                Some((edit, n)) => {
                    self.session
                        .ws
                        .perform(edit, "accept agreed spans", None)
                        .map_err(|e| e.to_string())?;
                    self.message = format!("Accepted {n} spans all annotators agree on");
                    Ok(())
                }
                None => Err("Everything all annotators agree on is in the gold file already.".into()),
            },
            ReviewCommand::Take(_) | ReviewCommand::TakeAll | ReviewCommand::TakeNeither => {
                let Some(s) = r.current_spot() else {
                    return Err("Go to a disagreement first (F8).".into());
                };
                let (choice, what) = match c {
                    ReviewCommand::Take(n) => {
                        let a = usize::from(n.max(1) - 1);
                        let Some(name) = r.set.annotators.get(a) else {
                            return Err(format!("There is no annotator {n}."));
                        };
                        (Choice::Annotator(a), format!("{name}'s version"))
                    }
                    ReviewCommand::TakeAll => (Choice::All, "every version".to_string()),
                    _ => (Choice::Neither, "nothing".to_string()),
                };
                let edit = take(&r.set, &r.cmp, &self.session.ws.project, s.doc, s.cluster, choice);
                // Taking nothing (or a version that has nothing there) settles the place too.
                if choice == Choice::Neither || edit.is_none() {
                    r.rejected.insert(s);
                } else {
                    r.rejected.remove(&s);
                }
                if let Some(edit) = edit {
                    self.session
                        .ws
                        .perform(edit, &format!("take {what}"), None)
                        .map_err(|e| e.to_string())?;
                }
                self.message = format!("Took {what}");
                if let Some(next) = self
                    .session
                    .review
                    .as_mut()
                    .and_then(|r| r.step(&self.session.ws.project, true))
                {
                    self.show_spot(next);
                }
                Ok(())
            }
            ReviewCommand::AgreementReport => {
                r.report = match r.report {
                    Some(_) => None,
                    None => Some(crate::ui::review::report::ReportView::new(r)),
                };
                Ok(())
            }
            ReviewCommand::EndReview => {
                self.session.review = None;
                self.session.view.review_lanes = 0;
                self.message = "Review closed; the gold project stays open.".into();
                Ok(())
            }
            _ => Ok(()),
        }
    }
}
