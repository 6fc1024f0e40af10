//! The per-project state: what opening another project replaces as one value.

use crate::format::{BaseVersion, LocatedProblem};
use crate::ui::article_view::ArticleView;
use crate::ui::review::ReviewState;
use crate::ui::suggestions::Suggestions;
use crate::ui::workspace::Workspace;

/// The open project and everything that only makes sense for it: the
/// workspace (project, history, selection), the article view (layout,
/// scroll), the problems found when it was read, an open review and a
/// pending speaker pick. Opening, importing, restoring or starting a review
/// builds a new `Session`, so nothing of the previous project leaks into
/// the next.
///
/// The safekeeping (recovery store, lock, on-disk state) stays on the app:
/// its store and offered recovery files outlive a project, and it is told
/// about each new one (`Safekeeping::opened`).
pub struct Session {
    pub ws: Workspace,
    pub view: ArticleView,
    /// Problems found when the project was opened.
    pub problems: Vec<LocatedProblem>,
    pub show_problems: bool,
    /// An open review of colleagues' files (the workspace holds the gold project).
    pub review: Option<ReviewState>,
    /// Waiting for a click on a speaker (or quote) to link the selection to.
    pub picking: bool,
    /// The project as its file held it when opened or last saved: the base
    /// against which the file-changed dialog tells what a colleague changed
    /// on disk from what this window changed. `None` for a project that
    /// has no file yet.
    pub base: Option<BaseVersion>,
    /// The engine's suggestions for this project's documents, and a run of it.
    pub suggestions: Suggestions,
    /// issue 13: the link map, the linking chooser, the links offered.
    pub links: crate::ui::links::LinksState,
}

impl Session {
    pub fn new(ws: Workspace) -> Self {
        Self {
            ws,
            view: ArticleView::default(),
            problems: Vec::new(),
            show_problems: false,
            review: None,
            picking: false,
            base: None,
            suggestions: Suggestions::default(),
            links: Default::default(),
        }
    }

    /// A session over a gold project with the review that fills it.
    pub fn reviewing(ws: Workspace, review: ReviewState) -> Self {
        let mut s = Self::new(ws);
        s.view.review_lanes = review.set.annotators.len();
        s.review = Some(review);
        s
    }

    /// A session over a project that was read with `problems`.
    pub fn with_problems(ws: Workspace, problems: Vec<LocatedProblem>) -> Self {
        let mut s = Self::new(ws);
        s.show_problems = !problems.is_empty();
        s.problems = problems;
        s
    }
}
