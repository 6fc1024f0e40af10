//! The Problems window: what did not fit when the project was opened
//! (re-anchored spans, spans kept aside, unknown labels, ...). A click on
//! an item that is in the document selects it.

use egui::RichText;

use super::actions::{Action, Actions};
use super::workspace::Workspace;
use crate::format::LocatedProblem;

pub fn window(
    ctx: &egui::Context,
    open: &mut bool,
    problems: &[LocatedProblem],
    ws: &Workspace,
    actions: &mut Actions,
) {
    egui::Window::new("Problems in this project").open(open).default_width(560.0).show(ctx, |ui| {
        let aside = problems.iter().filter(|p| p.problem.set_aside).count();
        ui.label(format!(
            "The project opened with its good parts. {} problems; {aside} items kept aside (not shown, saved back unchanged).",
            problems.len()
        ));
        egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
            for p in problems {
                let shown = p
                    .problem
                    .id
                    .as_deref()
                    .filter(|id| ws.document().is_some_and(|d| d.annotation(id).is_some()));
                let text = p.to_string();
                match shown {
                    Some(id) if ui.link(&text).on_hover_text("Select it").clicked() => {
                        actions.push(Action::Select { id: Some(id.to_string()), scroll: true });
                    }
                    Some(_) => {}
                    None => {
                        ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
                    }
                }
            }
        });
    });
}
