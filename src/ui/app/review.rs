//! Review: starting (or resuming) a comparison, moving between
//! disagreements, running the review commands (take, accept agreed, report,
//! end) and showing the place an undo or redo changed. The decisions
//! themselves are made in `crate::ui::review::commands`; here they meet the
//! workspace.

use super::QuotebenchApp;
use crate::review::{CompareRequest, ReviewError};
use crate::ui::commands::Command;
use crate::ui::review::{ReviewState, SpotMark};
use crate::ui::workspace::Workspace;

impl QuotebenchApp {
    /// Opens colleagues' files against each other (and the open project, if
    /// asked) and puts an empty gold project over them, or, when the open
    /// project is a gold project, resumes its review. Errors leave
    /// everything as it was.
    pub fn start_review(&mut self, req: &CompareRequest) -> Result<(), ReviewError> {
        let colleagues = crate::format::colleagues::read_colleagues(&req.paths, &req.map)?;
        let source = self
            .ws
            .path
            .as_ref()
            .map_or("the open project".into(), |p| p.display().to_string());
        let reviewer = std::env::var("USER").unwrap_or_else(|_| "reviewer".into());
        let open = crate::review::OpenProject {
            project: &self.ws.project,
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

    /// Opens the review over `gold` (a new gold project), or over the open
    /// project when `gold` is None (a resumed review).
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
        if let Some(gold) = gold {
            self.replace_workspace(Workspace::new(gold, None));
            self.ws.history.mark_unsaved();
        }
        self.view.review_lanes = annotators;
        self.view.reset();
        let settled = state.settled_count(&self.ws.project);
        self.review = Some(state);
        let left_out = if left_out > 0 {
            format!(", {left_out} documents left out")
        } else {
            String::new()
        };
        self.message = crate::ui::review::commands::opened_message(
            resumed, annotators, docs, counts, settled, &left_out,
        );
    }

    /// Makes disagreement `i` current: its document, scrolled into view.
    pub(super) fn go_to_spot(&mut self, i: usize) {
        let Some(r) = &mut self.review else { return };
        let Some(&s) = r.spots.get(i) else { return };
        r.current = Some(i);
        self.show_spot(s);
    }

    pub(super) fn show_spot(&mut self, s: crate::review::Spot) {
        let Some(r) = &self.review else { return };
        let Some(c) = r.cmp.cluster(s) else { return };
        let start = c.hull.start;
        if self.ws.doc != s.doc {
            self.ws.set_document(s.doc);
            self.view.reset();
        }
        self.ws.selected = None;
        self.view.scroll_to_char(start);
    }

    /// What the gold file holds at each disagreement, before an undo or redo.
    pub(super) fn review_marks(&self) -> Option<Vec<SpotMark>> {
        self.review.as_ref().map(|r| r.marks(&self.ws.project))
    }

    /// After an undo or redo in a review: go to the disagreement it changed.
    pub(super) fn show_review_change(&mut self, before: Option<Vec<SpotMark>>) {
        let (Some(before), Some(r)) = (before, &self.review) else {
            return;
        };
        if let Some(i) = r.changed_since(&before, &self.ws.project) {
            self.go_to_spot(i);
        }
    }

    pub(super) fn review_command(&mut self, c: Command) -> Result<(), ReviewError> {
        use crate::ui::review::commands::{ReviewCommand, run};
        let Some(rc) = ReviewCommand::of(c) else {
            return Ok(());
        };
        let Some(r) = &mut self.review else {
            return Err(ReviewError::NoReview);
        };
        let out = run(rc, r, &self.ws.project)?;
        if let Some((edit, label)) = out.edit {
            self.ws.perform(edit, &label, None)?;
        }
        if !out.message.is_empty() {
            self.message = out.message;
        }
        if out.end {
            self.review = None;
            self.view.review_lanes = 0;
            return Ok(());
        }
        let next = if out.then_next {
            self.review.as_mut().and_then(|r| r.step(&self.ws.project, true))
        } else {
            out.show
        };
        if let Some(s) = next {
            self.show_spot(s);
        }
        Ok(())
    }
}
