//! issue 14: the report view in the app: the window over the open project
//! (its figures computed only when the project or the query changed), and
//! the doors the kittest tests use to reach it.

use super::QuotebenchApp;
use crate::report::{Query, Report};
use crate::ui::actions::Actions;
use crate::ui::report::Pick;

impl QuotebenchApp {
    /// The report window, while open (F9).
    pub(super) fn report_window(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        self.report.window(ctx, &self.session.ws, actions);
    }
}

#[doc(hidden)]
impl QuotebenchApp {
    /// Whether the report window is open.
    pub fn report_open(&self) -> bool {
        self.report.open
    }

    /// The figures the report window last computed.
    pub fn report(&self) -> Option<&Report> {
        self.report.report()
    }

    /// How many times the report window computed its figures.
    pub fn report_computations(&self) -> u64 {
        self.report.computations()
    }

    /// The figure whose quotes the report window lists.
    pub fn report_pick(&self) -> Option<&Pick> {
        self.report.pick.as_ref()
    }

    /// The report's query, to set what a user would tick.
    pub fn report_query_mut(&mut self) -> &mut Query {
        &mut self.report.query
    }

    /// Where bar `bar` of chart `chart` was drawn last frame (its middle).
    pub fn report_bar_pos(&self, chart: usize, bar: usize) -> Option<egui::Pos2> {
        self.report.bar_spots.get(chart)?.get(bar).copied()
    }
}
