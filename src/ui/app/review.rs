//! Review: starting (or resuming) a comparison, moving between
//! disagreements, running the review commands (take, accept agreed, report,
//! end) and showing the place an undo or redo changed. The decisions
//! themselves are made in `crate::ui::review::commands`; here they meet the
//! session.

use super::{QuotebenchApp, Session};
use crate::review::{CompareRequest, ReviewError};
use crate::ui::commands::ReviewCommand;
use crate::ui::review::commands::{ReviewAct, opened_message, run};
use crate::ui::review::{ReviewState, SpotMark};
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
    /// asked) and puts an empty gold project over them, or, when the open
    /// project is a gold project, resumes its review. Errors leave
    /// everything as it was.
    pub fn start_review(&mut self, req: &CompareRequest) -> Result<(), ReviewError> {
        let colleagues = crate::format::colleagues::read_colleagues(&req.paths, &req.map)?;
        let ws = &self.session.ws;
        let source = ws
            .path
            .as_ref()
            .map_or("the open project".into(), |p| p.display().to_string());
        let reviewer = std::env::var("USER").unwrap_or_else(|_| "reviewer".into());
        let open = crate::review::OpenProject {
            project: &ws.project,
            source,
        };
        let begun = crate::review::begin(req, colleagues, open, &reviewer)?;
        self.open_review(begun.set, begun.notes, begun.gold);
        Ok(())
    }

    /// Puts an empty gold project over an already matched review set.
    pub fn start_review_of(
        &mut self,
        set: crate::review::ReviewSet,
        notes: Vec<String>,
    ) -> Result<(), ReviewError> {
        if set.documents.is_empty() {
            return Err(ReviewError::NothingShared {
                left_out: set.left_out,
            });
        }
        let reviewer = std::env::var("USER").unwrap_or_else(|_| "reviewer".into());
        let gold = crate::review::gold_project(&set, &crate::review::gold_name(&set), &reviewer);
        self.open_review(set, notes, Some(gold));
        Ok(())
    }

    /// Opens the review over `gold` (a new gold project, in a new session),
    /// or over the open project when `gold` is None (a resumed review).
    fn open_review(
        &mut self,
        set: crate::review::ReviewSet,
        notes: Vec<String>,
        gold: Option<crate::model::Project>,
    ) {
        let state = ReviewState::new(set, notes);
        let counts = state.counts;
        let annotators = state.set.annotators.len();
        let docs = state.set.documents.len();
        let left_out = state.set.left_out.len();
        let resumed = gold.is_none();
        let settled = match gold {
            Some(gold) => {
                self.replace_session(Session::reviewing(Workspace::new(gold, None), state));
                self.session.ws.history.mark_unsaved();
                0
            }
            None => {
                let settled = state.settled_count(&self.session.ws.project);
                self.session.view.review_lanes = annotators;
                self.session.view.reset();
                self.session.review = Some(state);
                settled
            }
        };
        let left_out = if left_out > 0 {
            format!(", {left_out} documents left out")
        } else {
            String::new()
        };
        self.message = opened_message(resumed, annotators, docs, counts, settled, &left_out);
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

    /// What the gold file holds at each disagreement, before an undo or redo.
    pub(super) fn review_marks(&self) -> Option<Vec<SpotMark>> {
        let s = &self.session;
        s.review.as_ref().map(|r| r.marks(&s.ws.project))
    }

    /// After an undo or redo in a review: go to the disagreement it changed.
    pub(super) fn show_review_change(&mut self, before: Option<Vec<SpotMark>>) {
        let s = &self.session;
        let (Some(before), Some(r)) = (before, &s.review) else {
            return;
        };
        if let Some(i) = r.changed_since(&before, &s.ws.project) {
            self.go_to_spot(i);
        }
    }

    pub(super) fn review_command(&mut self, c: ReviewCommand) -> Result<(), ReviewError> {
        let Some(act) = ReviewAct::of(c) else {
            return Ok(());
        };
        if self.session.review.is_none()
            && let Some(take) = crate::ui::review::conflicts::settle_of(c)
        {
            if !self.session.ws.project.conflicts.is_empty() {
                return self.settle_project_conflict(take);
            }
            if self
                .session
                .ws
                .document()
                .is_some_and(|d| !d.conflicts().is_empty())
            {
                return self.settle_merge_conflict(take);
            }
        }
        let Some(r) = &mut self.session.review else {
            return Err(ReviewError::NoReview);
        };
        let out = run(act, r, &self.session.ws.project)?;
        if let Some((edit, label)) = out.edit {
            self.session.ws.perform(edit, &label, None)?;
        }
        if !out.message.is_empty() {
            self.message = out.message;
        }
        if out.end {
            self.session.review = None;
            self.session.view.review_lanes = 0;
            return Ok(());
        }
        let next = if out.then_next {
            let s = &mut self.session;
            s.review.as_mut().and_then(|r| r.step(&s.ws.project, true))
        } else {
            out.show
        };
        if let Some(s) = next {
            self.show_spot(s);
        }
        Ok(())
    }
}

impl QuotebenchApp {
    /// Settles the open document's first merge conflict (issue 17) as one
    /// undoable edit.
    fn settle_merge_conflict(&mut self, take: crate::model::Settle) -> Result<(), ReviewError> {
        let doc = self.session.ws.doc;
        let name = crate::ui::review::conflicts::settle_name(take);
        let edit = crate::model::settle_conflict(&self.session.ws.project, doc, 0, take)?;
        self.session
            .ws
            .perform(edit, &format!("settle merge conflict: take {name}"), None)?;
        let left = self.session.ws.document().map_or(0, |d| d.conflicts().len());
        self.message = format!("Took {name}; {left} merge conflicts left in this document");
        Ok(())
    }

    /// Settles the project's first own merge conflict (its name, a label,
    /// a person, ...) as one undoable edit.
    fn settle_project_conflict(&mut self, take: crate::model::Settle) -> Result<(), ReviewError> {
        let name = crate::ui::review::conflicts::settle_name(take);
        let edit = crate::model::settle_project_conflict(&self.session.ws.project, 0, take)?;
        self.session
            .ws
            .perform(edit, &format!("settle merge conflict: take {name}"), None)?;
        let left = self.session.ws.project.conflicts.len();
        self.message = format!("Took {name}; {left} merge conflicts left on the project");
        Ok(())
    }
}
