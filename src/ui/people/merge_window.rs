//! "Merge people…" (Ctrl+Shift+M, issue 14): pick the person to merge and
//! the person to keep, one undoable step. The "Ms Dick" and "Cressida Dick"
//! that two annotators typed separately become one.

use egui::{Context, RichText};

use crate::model::{Edit, Project};
use crate::ui::actions::{Action, Actions};

#[derive(Default)]
pub struct MergeWindow {
    pub open: bool,
    from: Option<String>,
    into: Option<String>,
}

impl MergeWindow {
    pub fn toggle(&mut self) {
        self.open = !self.open;
    }

    pub fn ui(&mut self, ctx: &Context, project: &Project, actions: &mut Actions) {
        if !self.open {
            return;
        }
        let mut open = true;
        egui::Window::new("Merge people")
            .open(&mut open)
            .collapsible(false)
            .default_width(420.0)
            .show(ctx, |ui| {
                if project.people.len() < 2 {
                    ui.label(RichText::new("The register needs two people to merge.").weak());
                    return;
                }
                ui.columns(2, |cols| {
                    cols[0].label(RichText::new("Merge this person").strong());
                    cols[1].label(RichText::new("into this one (kept)").strong());
                    for (col, pick, salt) in [
                        (0, &mut self.from, "merge_from"),
                        (1, &mut self.into, "merge_into"),
                    ] {
                        egui::ScrollArea::vertical().id_salt(salt).max_height(240.0).show(
                            &mut cols[col],
                            |ui| {
                                for p in project.people.iter() {
                                    let on = pick.as_deref() == Some(p.name.as_str());
                                    if ui.selectable_label(on, &p.name).clicked() {
                                        *pick = Some(p.name.clone());
                                    }
                                }
                            },
                        );
                    }
                });
                ui.separator();
                let ready = match (&self.from, &self.into) {
                    (Some(f), Some(i)) if f != i => Some((f.clone(), i.clone())),
                    _ => None,
                };
                let text = match &ready {
                    Some((f, i)) => format!("Merge “{f}” into “{i}”"),
                    None => "Pick two different people".into(),
                };
                ui.label(text);
                if ui
                    .add_enabled(ready.is_some(), egui::Button::new("Merge"))
                    .clicked()
                    && let Some((from, into)) = ready
                {
                    actions.push(Action::Perform {
                        edit: Box::new(Edit::MergePeople { from, into }),
                        label: "Merge people".into(),
                        merge_key: None,
                    });
                    self.from = None;
                    self.into = None;
                }
            });
        if !open {
            self.open = false;
        }
    }
}
