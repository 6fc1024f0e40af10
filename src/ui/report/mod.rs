//! The report view (issue 14, the source audit in the window): who gets
//! quoted, as `egui_plot` bar charts (a timeline for months) with a table
//! beside each chart, filters and the dimensions to count by. Every bar,
//! cell and figure is clickable and lists the quotes behind it; a click on a
//! quote opens its document at that quote.
//!
//! The figures come from [`crate::report::compute`] (pure). They are
//! computed again only when the project's revision or the query changes,
//! never per frame: [`ReportView::refresh`] compares a [`Revision`] key.
//!
//! # What this module may import
//! `crate::report`, `crate::model`, `crate::ui::{actions, workspace}`, egui
//! and egui_plot. No other panel.

mod chart;
mod choices;
mod figures;
mod query_ui;

use crate::model::Project;
use crate::report::{Figure, Query, Report, compute};
use crate::ui::actions::Actions;
use crate::ui::workspace::Workspace;

pub use choices::Choices;

/// What the figures were computed from: the project's change count, its
/// documents and their revisions. Equal keys mean equal figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Revision {
    changes: u64,
    documents: usize,
    /// The documents' revisions folded together (each is unique, so any
    /// change to a document changes the fold).
    revisions: u64,
}

impl Revision {
    pub fn of(ws: &Workspace) -> Self {
        Self::of_project(&ws.project, ws.history.change_count())
    }

    pub fn of_project(project: &Project, changes: u64) -> Self {
        let revisions = project.documents.iter().fold(0u64, |acc, d| {
            acc.rotate_left(7).wrapping_add(d.revision()) ^ d.people_revision()
        });
        Self {
            changes,
            documents: project.documents.len(),
            revisions,
        }
    }
}

/// Which figure's quotes are listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pick {
    /// Every counted quote.
    Total,
    /// The quotes without a speaker.
    WithoutSpeaker,
    /// The row `key` of table number `table`.
    Row { table: usize, key: String },
}

impl Pick {
    /// The figure picked in `report`, if it (still) exists.
    pub fn figure<'a>(&self, report: &'a Report) -> Option<&'a Figure> {
        match self {
            Pick::Total => Some(&report.total),
            Pick::WithoutSpeaker => Some(&report.without_speaker),
            Pick::Row { table, key } => report
                .tables
                .get(*table)?
                .rows
                .iter()
                .find(|r| &r.key == key)
                .map(|r| &r.figure),
        }
    }

    /// What the quote list's heading calls it.
    pub fn title(&self, report: &Report) -> String {
        match self {
            Pick::Total => "All quotes".to_owned(),
            Pick::WithoutSpeaker => "Quotes without a speaker".to_owned(),
            Pick::Row { table, key } => match report.tables.get(*table) {
                Some(t) => format!("{}: {key}", t.title),
                None => key.clone(),
            },
        }
    }
}

/// The report window's state: open or not, the query the user builds, the
/// figures last computed and what they were computed from, the figure
/// whose quotes are listed.
#[derive(Default)]
pub struct ReportView {
    pub open: bool,
    /// The query as the filters and dimension choice set it.
    pub query: Query,
    /// The values the filters offer (outlets, labels, annotators, ...).
    pub choices: Choices,
    /// The figures, with the revision and query they were computed for.
    computed: Option<(Revision, Query, Report)>,
    /// How many times the figures were computed (tests: never per frame).
    computations: u64,
    pub pick: Option<Pick>,
    /// The default dimensions were put in the query (once; then the user's ticks rule).
    dimensions_chosen: bool,
    /// The date fields as typed (applied to the query when valid).
    pub(crate) date_from: String,
    pub(crate) date_to: String,
    /// issue 14: where each chart's bars are on screen, for tests that click one.
    pub(crate) bar_spots: Vec<Vec<egui::Pos2>>,
}

impl ReportView {
    pub fn toggle(&mut self) {
        self.open = !self.open;
    }

    /// Computes the figures again if the project or the query changed
    /// since the last time; otherwise does nothing.
    pub fn refresh(&mut self, ws: &Workspace) {
        let revision = Revision::of(ws);
        let fresh = self
            .computed
            .as_ref()
            .is_some_and(|(r, q, _)| *r == revision && *q == self.query);
        if fresh {
            return;
        }
        if self.computed.as_ref().is_none_or(|(r, _, _)| *r != revision) || self.choices.is_empty() {
            self.choices = Choices::of(&ws.project);
            if !self.dimensions_chosen {
                self.query.by = self.choices.default_dimensions();
                self.dimensions_chosen = true;
            }
        }
        // Another choice of dimensions renumbers the tables: a picked row
        // would name another table's row.
        if self
            .computed
            .as_ref()
            .is_some_and(|(_, q, _)| q.by != self.query.by)
            && matches!(self.pick, Some(Pick::Row { .. }))
        {
            self.pick = None;
        }
        let report = compute(&[&ws.project], &self.query);
        self.computations += 1;
        if let Some(p) = &self.pick
            && p.figure(&report).is_none()
        {
            self.pick = None;
        }
        self.computed = Some((revision, self.query.clone(), report));
    }

    /// The figures last computed.
    pub fn report(&self) -> Option<&Report> {
        self.computed.as_ref().map(|(_, _, r)| r)
    }

    /// How many times the figures were computed.
    pub fn computations(&self) -> u64 {
        self.computations
    }

    /// The report window, when open: refreshes the figures (only if
    /// something changed) and draws them.
    pub fn window(&mut self, ctx: &egui::Context, ws: &Workspace, actions: &mut Actions) {
        if !self.open {
            return;
        }
        self.refresh(ws);
        let mut open = self.open;
        egui::Window::new("Report")
            .id(egui::Id::unique("issue14_report_window"))
            .open(&mut open)
            .default_size([1040.0, 620.0])
            .show(ctx, |ui| self.ui(ui, actions));
        self.open = open;
    }

    /// The window's contents: the query and the headline figures on top;
    /// below, one chart and table per dimension (scrolling) on the left and
    /// the quotes of the picked figure on the right, always in view.
    pub fn ui(&mut self, ui: &mut egui::Ui, actions: &mut Actions) {
        query_ui::ui(ui, self);
        ui.separator();
        let Some((_, _, report)) = &self.computed else {
            ui.label("No figures yet.");
            return;
        };
        let mut pick = self.pick.clone();
        figures::headline(ui, report, &mut pick);
        ui.separator();
        self.bar_spots.resize(report.tables.len(), Vec::new());
        let spots = &mut self.bar_spots;
        egui::Panel::right("report_quotes_panel")
            .resizable(true)
            .default_size(340.0)
            .size_range(200.0..=700.0)
            .show(ui, |ui| match &pick {
                Some(p) => figures::quotes(ui, report, p, actions),
                None => {
                    ui.weak("Click a bar, a cell or a figure to list the quotes behind it.");
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("report_figures")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for (i, table) in report.tables.iter().enumerate() {
                        if i > 0 {
                            ui.separator();
                        }
                        ui.strong(&table.title);
                        ui.horizontal_top(|ui| {
                            let picked = match &pick {
                                Some(Pick::Row { table, key }) if *table == i => Some(key.as_str()),
                                _ => None,
                            };
                            if let Some(key) = chart::ui(ui, i, table, picked, &mut spots[i]) {
                                pick = Some(Pick::Row { table: i, key });
                            }
                            figures::table(ui, i, table, &mut pick);
                        });
                    }
                });
        });
        self.pick = pick;
    }
}
