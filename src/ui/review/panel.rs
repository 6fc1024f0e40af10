//! The review panel: the annotators and their colours, counts, the list of
//! disagreements (Next/Previous with F8/Shift+F8) and, for the current one,
//! each distinct version with a button (and Alt+N) to take it.

use egui::{RichText, Ui};

use super::{ReviewState, annotator_color, overlay::describe_versions};
use crate::model::Project;
use crate::review::Settled;
use crate::ui::actions::{Action, Actions};
use crate::ui::article_view::color_chip;
use crate::ui::commands::{Command, ReviewCommand};

pub fn ui(ui: &mut Ui, r: &ReviewState, gold: &Project, actions: &mut Actions) {
    ui.heading("Review");
    for (a, name) in r.set.annotators.iter().enumerate() {
        ui.horizontal(|ui| {
            color_chip(ui, annotator_color(a));
            let key = if a < 9 {
                format!("Alt+{}", a + 1)
            } else {
                String::new()
            };
            ui.label(format!("{} {name}", a + 1)).on_hover_text(format!(
                "{}\nTake this annotator's version: {key}",
                r.set.sources[a]
            ));
        });
    }
    let (agreed, differ) = r.counts;
    let settled = r.settled_count(gold);
    ui.label(counts_line(r.set.documents.len(), agreed, differ, settled))
        .on_hover_text(
            "A place is where annotators' spans overlap; accepting the agreed places copies their spans",
        );
    if !r.set.left_out.is_empty() {
        ui.label(RichText::new(format!("{} documents left out", r.set.left_out.len())).weak())
            .on_hover_text(
                r.set
                    .left_out
                    .iter()
                    .map(|l| l.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button("Previous").on_hover_text("Shift+F8").clicked() {
            actions.command(Command::Review(ReviewCommand::PreviousDisagreement));
        }
        if ui.button("Next").on_hover_text("F8").clicked() {
            actions.command(Command::Review(ReviewCommand::NextDisagreement));
        }
        if ui
            .button("Accept all agreed")
            .on_hover_text(
                "Ctrl+Shift+A: copy every span all annotators made the same way into the gold file",
            )
            .clicked()
        {
            actions.command(Command::Review(ReviewCommand::AcceptAgreed));
        }
        if ui
            .button("Report")
            .on_hover_text("Ctrl+Shift+G: agreement figures")
            .clicked()
        {
            actions.command(Command::Review(ReviewCommand::AgreementReport));
        }
    });
    current(ui, r, gold, actions);
    ui.separator();
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let several = r.set.documents.len() > 1;
    egui::ScrollArea::vertical()
        .id_salt("disagreements")
        .max_height(220.0)
        .auto_shrink([false, true])
        .show_rows(ui, row_h, r.spots.len(), |ui, rows| {
            for i in rows {
                let s = r.spots[i];
                let Some(c) = r.cmp.cluster(s) else { continue };
                let mark = match r.settlement(gold, s) {
                    Some(Settled::Accepted) => "accepted ·",
                    Some(Settled::Rejected) => "rejected ·",
                    None => "·",
                };
                let doc = if several {
                    format!("doc {}: ", s.doc + 1)
                } else {
                    String::new()
                };
                let text = format!("{mark} {doc}{}", c.summary);
                let resp = ui
                    .add(egui::Button::selectable(r.current == Some(i), text).truncate())
                    .on_hover_text(&c.summary);
                if resp.clicked() {
                    actions.push(Action::GoToSpot(i));
                }
                if r.current == Some(i) && resp.ctx.input(|inp| inp.key_pressed(egui::Key::F8)) {
                    resp.scroll_to_me(None);
                }
            }
        });
}

/// The current disagreement: what differs and a button per version.
fn current(ui: &mut Ui, r: &ReviewState, gold: &Project, actions: &mut Actions) {
    let Some(s) = r.current_spot() else {
        ui.label(RichText::new("Press F8 to go to the first disagreement.").weak());
        return;
    };
    let Some(c) = r.cmp.cluster(s) else { return };
    let present = &r.cmp.docs[s.doc].present;
    ui.group(|ui| {
        let lines = describe_versions(c, present, &r.set.annotators);
        if c.parts.is_empty() {
            ui.label(RichText::new(&lines[0]).strong());
        }
        for part in &c.parts {
            ui.label(RichText::new(part).strong());
        }
        match r.settlement(gold, s) {
            Some(Settled::Accepted) => {
                ui.label(
                    RichText::new(
                        "Accepted (the gold file has spans here; taking another version replaces them)",
                    )
                    .weak(),
                );
            }
            Some(Settled::Rejected) => {
                ui.label(
                    RichText::new("Rejected (nothing taken here; taking a version replaces that)").weak(),
                );
            }
            None => {}
        }
        for (who, items) in c.versions(present) {
            ui.horizontal_wrapped(|ui| {
                for &a in &who {
                    color_chip(ui, annotator_color(a));
                }
                let names: Vec<&str> = who.iter().map(|&a| r.set.annotators[a].as_str()).collect();
                let what: Vec<String> = items.iter().map(|i| i.describe()).collect();
                let what = if what.is_empty() {
                    "nothing".to_string()
                } else {
                    what.join("; ")
                };
                let first = who[0];
                let key = if first < 9 {
                    format!(" (Alt+{})", first + 1)
                } else {
                    String::new()
                };
                if ui
                    .button(format!("Take {}", names.join(", ")))
                    .on_hover_text(format!("Accept this version{key}"))
                    .clicked()
                {
                    actions.command(Command::Review(ReviewCommand::Take((first + 1).min(255) as u8)));
                }
                ui.label(what);
            });
        }
        ui.horizontal(|ui| {
            if ui
                .button("Take all")
                .on_hover_text("Alt+A: every distinct span")
                .clicked()
            {
                actions.command(Command::Review(ReviewCommand::TakeAll));
            }
            if ui
                .button("Neither")
                .on_hover_text("Alt+0: nothing here")
                .clicked()
            {
                actions.command(Command::Review(ReviewCommand::TakeNeither));
            }
        });
    });
}

/// "4 documents · 74 places agreed · 12 places differ · 3 settled": places
/// are clusters of overlapping spans, the unit accept-all reports too.
pub fn counts_line(docs: usize, agreed: usize, differ: usize, settled: usize) -> String {
    use super::commands::plural;
    format!(
        "{docs} {} · {agreed} {} agreed · {differ} {} differ · {settled} settled",
        plural(docs, "document", "documents"),
        plural(agreed, "place", "places"),
        plural(differ, "place", "places"),
    )
}
