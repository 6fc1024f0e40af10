//! The merge conflicts of the project and of the open document (issue 17):
//! what a three-way merge (`quotebench merge-file`, git's driver) left to
//! settle, listed in the review panel's place (the project's own first), each settled with the keys of a disagreement:
//! Alt+1 ours, Alt+2 theirs, Alt+A both, Alt+0 neither (the base). Each
//! is one undoable edit (see `model::settle_conflict`).

use egui::{RichText, Ui};

use crate::model::{Document, MergeConflict, ProjectConflict, Settle};
use crate::ui::actions::Actions;
use crate::ui::commands::{Command, ReviewCommand};

/// The settlement a review command stands for on a merge conflict.
pub fn settle_of(c: ReviewCommand) -> Option<Settle> {
    match c {
        ReviewCommand::Take(1) => Some(Settle::Ours),
        ReviewCommand::Take(2) => Some(Settle::Theirs),
        ReviewCommand::TakeAll => Some(Settle::Both),
        ReviewCommand::TakeNeither => Some(Settle::Neither),
        _ => None,
    }
}

/// "ours", "theirs", … for the status line and the undo label.
pub fn settle_name(s: Settle) -> &'static str {
    match s {
        Settle::Ours => "ours",
        Settle::Theirs => "theirs",
        Settle::Both => "both",
        Settle::Neither => "neither",
    }
}

/// One side's version in a few words.
fn version_text(c: &MergeConflict, ours: bool) -> String {
    let pick = |o: bool| o == ours;
    match c {
        MergeConflict::Annotation {
            ours: o, theirs: t, ..
        } => match if pick(true) { o } else { t } {
            Some(a) => {
                let mut s = format!("{} {}", a.label, crate::model::quoted(&a.covered_text()));
                if !a.note.is_empty() {
                    s.push_str(&format!(", note {}", crate::model::quoted(&a.note)));
                }
                for (k, v) in &a.attributes {
                    s.push_str(&format!(", {k}: {v}"));
                }
                s
            }
            None => "removed".into(),
        },
        MergeConflict::Relation {
            ours: o, theirs: t, ..
        } => match if pick(true) { o } else { t } {
            Some(r) => format!("{} {} -> {}", r.kind, r.from, r.to),
            None => "removed".into(),
        },
        MergeConflict::Document {
            ours: o, theirs: t, ..
        } => match if pick(true) { o } else { t } {
            Some(v) => format!("title {}, {}", crate::model::quoted(&v.title), v.status),
            None => "removed".into(),
        },
    }
}

/// Lists `doc`'s merge conflicts; the first is the one the keys settle.
pub fn ui(ui: &mut Ui, doc: &Document, actions: &mut Actions) {
    let rows = doc
        .conflicts()
        .iter()
        .map(|c| (c.describe(), version_text(c, true), version_text(c, false)));
    list(ui, "Merge conflicts", rows.collect(), actions);
}

/// Lists the project's own merge conflicts (its name, annotator, tag set,
/// register); they come before any document's, so the keys settle them first.
pub fn project_ui(ui: &mut Ui, conflicts: &[ProjectConflict], actions: &mut Actions) {
    let rows = conflicts
        .iter()
        .map(|c| (c.describe(), c.version_text(true), c.version_text(false)));
    list(ui, "Merge conflicts on the project", rows.collect(), actions);
}

/// The rows (what clashed, ours, theirs) under `heading`, with the keys,
/// and buttons for the first.
fn list(ui: &mut Ui, heading: &str, rows: Vec<(String, String, String)>, actions: &mut Actions) {
    ui.heading(heading);
    ui.label(format!(
        "{} to settle: Alt+1 ours · Alt+2 theirs · Alt+A both · Alt+0 neither",
        rows.len()
    ));
    for (i, (what, ours, theirs)) in rows.into_iter().enumerate() {
        let head = RichText::new(what);
        ui.label(if i == 0 { head.strong() } else { head });
        ui.label(format!("  ours: {ours}"));
        ui.label(format!("  theirs: {theirs}"));
        if i == 0 {
            ui.horizontal(|ui| {
                for (text, command) in [
                    ("Ours", ReviewCommand::Take(1)),
                    ("Theirs", ReviewCommand::Take(2)),
                    ("Both", ReviewCommand::TakeAll),
                    ("Neither", ReviewCommand::TakeNeither),
                ] {
                    if ui.button(text).clicked() {
                        actions.command(Command::Review(command));
                    }
                }
            });
        }
    }
}
