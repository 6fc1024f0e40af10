//! The compare view: colleagues' files side by side over the gold project
//! being curated. [`ReviewState`] holds the review set and where the
//! reviewer is; [`panel`] lists the disagreements and the versions to take;
//! [`overlay`] marks each annotator's spans in the article; [`open_dialog`]
//! picks the files; [`commands`] turns the review commands into edits of
//! the gold project.

pub mod commands;
pub mod conflicts;
pub mod open_dialog;
pub mod overlay;
pub mod panel;
pub mod report;

use std::cell::Cell;

use egui::Color32;

use crate::model::Project;
use crate::review::{Comparison, ReviewSet, Settled, Spot, settlement};

/// Annotator colours: distinct from each other and from the label fills
/// (which are painted under the text; these are drawn as bars above it).
pub const ANNOTATOR_COLORS: [Color32; 9] = [
    Color32::from_rgb(0x1f, 0x77, 0xb4),
    Color32::from_rgb(0xd6, 0x27, 0x28),
    Color32::from_rgb(0x2c, 0xa0, 0x2c),
    Color32::from_rgb(0x94, 0x67, 0xbd),
    Color32::from_rgb(0xff, 0x7f, 0x0e),
    Color32::from_rgb(0x17, 0xbe, 0xcf),
    Color32::from_rgb(0x8c, 0x56, 0x4b),
    Color32::from_rgb(0xe3, 0x77, 0xc2),
    Color32::from_rgb(0x7f, 0x7f, 0x7f),
];

pub fn annotator_color(a: usize) -> Color32 {
    ANNOTATOR_COLORS[a % ANNOTATOR_COLORS.len()]
}

/// An open review: the colleagues' versions and the reviewer's place. What
/// is settled is not kept here: it is read from the gold project (its spans
/// and recorded decisions), so undo, redo and reopening the file agree.
pub struct ReviewState {
    pub set: ReviewSet,
    pub cmp: Comparison,
    /// Every disagreement, in document and text order.
    pub spots: Vec<Spot>,
    /// Index into `spots`.
    pub current: Option<usize>,
    /// Notes from opening the files (skipped lines, problems).
    pub notes: Vec<String>,
    /// The agreement report window, while open.
    pub report: Option<report::ReportView>,
    /// Places (clusters) agreed and places that differ (the colleagues'
    /// files do not change).
    pub counts: (usize, usize),
    /// The settled count, with the gold revisions it was counted for (the
    /// panel asks every frame).
    settled: Cell<Option<((u64, usize), usize)>>,
}

/// What the gold file holds at one disagreement, to tell which one an undo
/// or redo changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpotMark {
    decision: Option<crate::model::Taken>,
    spans: Vec<String>,
}

impl ReviewState {
    pub fn new(set: ReviewSet, notes: Vec<String>) -> Self {
        let cmp = Comparison::build(&set);
        let spots = cmp.disagreements();
        let counts = cmp.counts();
        Self {
            counts,
            settled: Cell::new(None),
            set,
            cmp,
            spots,
            current: None,
            notes,
            report: None,
        }
    }

    pub fn current_spot(&self) -> Option<Spot> {
        self.spots.get(self.current?).copied()
    }

    /// How the gold file settles the disagreement at `s`, if it does.
    pub fn settlement(&self, gold: &Project, s: Spot) -> Option<Settled> {
        self.cmp.cluster(s).and_then(|c| settlement(gold, s.doc, c))
    }

    /// Settled: the gold file has something there, or a decision for the place.
    pub fn is_settled(&self, gold: &Project, s: Spot) -> bool {
        self.settlement(gold, s).is_some()
    }

    pub fn settled_count(&self, gold: &Project) -> usize {
        // Revisions only grow and are unique across documents: any change
        // (undo included) gives a newer maximum, or another document count.
        let key = (
            gold.documents.iter().map(|d| d.revision()).max().unwrap_or(0),
            gold.documents.len(),
        );
        if let Some((k, n)) = self.settled.get()
            && k == key
        {
            return n;
        }
        let n = self.spots.iter().filter(|s| self.is_settled(gold, **s)).count();
        self.settled.set(Some((key, n)));
        n
    }

    /// What the gold file holds at each disagreement.
    pub fn marks(&self, gold: &Project) -> Vec<SpotMark> {
        self.spots
            .iter()
            .map(|&s| {
                let (Some(c), Some(d)) = (self.cmp.cluster(s), gold.documents.get(s.doc)) else {
                    return SpotMark {
                        decision: None,
                        spans: Vec::new(),
                    };
                };
                let mut spans: Vec<String> = d
                    .index()
                    .fragments_in(c.hull)
                    .map(|(_, id)| id.to_string())
                    .collect();
                spans.sort();
                spans.dedup();
                SpotMark {
                    decision: d.decision(c.hull.start, c.hull.end).map(|x| x.taken.clone()),
                    spans,
                }
            })
            .collect()
    }

    /// The first disagreement whose mark differs between `before` and now.
    pub fn changed_since(&self, before: &[SpotMark], gold: &Project) -> Option<usize> {
        let now = self.marks(gold);
        (0..now.len()).find(|&i| before.get(i) != Some(&now[i]))
    }

    /// Moves to the next (or previous) disagreement, preferring unsettled
    /// ones; wraps around. Returns the new spot.
    pub fn step(&mut self, gold: &Project, forward: bool) -> Option<Spot> {
        let n = self.spots.len();
        if n == 0 {
            return None;
        }
        let start = self.current.unwrap_or(if forward { n - 1 } else { 0 });
        let at = |k: usize| {
            if forward {
                (start + k) % n
            } else {
                (start + n - k % n) % n
            }
        };
        let first_open = (1..=n).map(at).find(|&i| !self.is_settled(gold, self.spots[i]));
        let i = first_open.unwrap_or_else(|| at(1));
        self.current = Some(i);
        Some(self.spots[i])
    }

    /// Makes the disagreement at `spot` current.
    pub fn go_to(&mut self, spot: Spot) {
        self.current = self.spots.iter().position(|s| *s == spot);
    }
}
