//! The inspector: label, attributes, note, fragments and links of the
//! selected annotation. Every change becomes an undoable edit.

use egui::{RichText, Ui};

use super::actions::{Action, Actions};
use super::commands::Command;
use super::panel_layout::elided_link;
use super::workspace::Workspace;
use crate::model::{Annotation, Document, Edit, names, person_of_speaker};

pub fn ui(ui: &mut Ui, ws: &Workspace, picking: bool, actions: &mut Actions) {
    let (Some(d), Some(a)) = (ws.document(), ws.selected_annotation()) else {
        ui.label(
            RichText::new("Select an annotation: click it in the text or the list, or press Tab.").weak(),
        );
        return;
    };
    let replace = |mut changed: Annotation, label: &str, merge: Option<String>| {
        changed.modified = crate::model::now_timestamp();
        Action::Perform {
            edit: Box::new(Edit::ReplaceAnnotation {
                doc: ws.doc,
                annotation: changed,
            }),
            label: label.into(),
            merge_key: merge,
        }
    };
    let tags = &ws.project.tagset;

    egui::Grid::new("inspector")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("Label");
            let mut label = a.label.clone();
            egui::ComboBox::from_id_salt("inspector_label")
                .selected_text(&label)
                .show_ui(ui, |ui| {
                    for l in &tags.labels {
                        ui.selectable_value(&mut label, l.name.clone(), &l.name);
                    }
                });
            if label != a.label {
                let mut c = a.clone();
                let def = tags.label(&label);
                c.attributes
                    .retain(|k, _| def.is_some_and(|d| d.attributes.iter().any(|x| &x.name == k)));
                c.label = label;
                actions.push(replace(c, "Change label", None));
            }
            ui.end_row();

            if let Some(def) = tags.label(&a.label) {
                for attr in &def.attributes {
                    ui.label(&attr.name);
                    let current = a.attributes.get(&attr.name).cloned().unwrap_or_default();
                    let mut value = current.clone();
                    if attr.values.is_empty() {
                        ui.horizontal(|ui| {
                            ui.add(
                                egui::TextEdit::singleline(&mut value)
                                    .desired_width((ui.available_width() - 40.0).clamp(60.0, 150.0))
                                    .id_salt(("attr", &attr.name)),
                            );
                            if attr.name == names::PERSON {
                                egui::ComboBox::from_id_salt("known_people")
                                    .selected_text("")
                                    .width(20.0)
                                    .show_ui(ui, |ui| {
                                        for (p, _) in d.people() {
                                            ui.selectable_value(&mut value, p.clone(), p);
                                        }
                                    });
                            }
                        });
                    } else {
                        let shown = if value.is_empty() {
                            "—".to_string()
                        } else {
                            value.clone()
                        };
                        egui::ComboBox::from_id_salt(("attr_combo", &attr.name))
                            .selected_text(shown)
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut value, String::new(), "—");
                                for v in &attr.values {
                                    ui.selectable_value(&mut value, v.clone(), v);
                                }
                            });
                    }
                    if value != current {
                        let mut c = a.clone();
                        c.attributes.insert(attr.name.clone(), value);
                        let key = attr
                            .values
                            .is_empty()
                            .then(|| format!("attr:{}:{}", a.id, attr.name));
                        actions.push(replace(c, &format!("Set {}", attr.name), key));
                    }
                    ui.end_row();
                }
            }

            super::people::split::row(ui, ws, a, actions); // issue 14: people
            ui.label("Note");
            let mut note = a.note.clone();
            if ui
                .add(
                    egui::TextEdit::multiline(&mut note)
                        .desired_rows(2)
                        .id_salt("note"),
                )
                .changed()
            {
                let mut c = a.clone();
                c.note = note;
                actions.push(replace(c, "Edit note", Some(format!("note:{}", a.id))));
            }
            ui.end_row();
        });

    ui.separator();
    ui.label(RichText::new("Fragments").strong());
    for (i, f) in a.fragments.iter().enumerate() {
        ui.horizontal(|ui| {
            if a.fragments.len() > 1
                && ui
                    .small_button("×")
                    .on_hover_text("Remove this fragment")
                    .clicked()
            {
                actions.push(Action::RemoveFragment(i));
            }
            let text: String = f.text.chars().take(60).collect();
            ui.add(egui::Label::new(format!("{}–{}: {text}", f.start, f.end)).truncate());
        });
    }
    if ui
        .button("Add selection as fragment")
        .on_hover_text(super::commands::info(Command::AddFragment).tooltip)
        .clicked()
    {
        actions.command(Command::AddFragment);
    }

    ui.separator();
    links_ui(ui, ws, d, a, picking, actions);

    ui.separator();
    ui.horizontal(|ui| {
        if ui
            .button("Delete")
            .on_hover_text("Delete this annotation and its links (Delete)")
            .clicked()
        {
            actions.command(Command::Delete);
        }
        ui.label(RichText::new(format!("id {}", a.id)).small().weak());
    });
}

fn short(a: &Annotation) -> String {
    let t: String = a.covered_text().chars().take(40).collect();
    if a.label == names::SPEAKER {
        format!("{t} ({})", person_of_speaker(a))
    } else {
        t
    }
}

fn links_ui(ui: &mut Ui, ws: &Workspace, d: &Document, a: &Annotation, picking: bool, actions: &mut Actions) {
    let tags = &ws.project.tagset;
    // Outgoing links this label can have (a Quote's speaker, a Cue's quote).
    for def in tags.relations.iter().filter(|r| r.from == a.label) {
        ui.label(RichText::new(format!("{} ({})", def.name.replace('_', " "), def.to)).strong());
        for r in d.relations().filter(|r| r.from == a.id && r.kind == def.name) {
            ui.horizontal(|ui| {
                if ui.small_button("×").on_hover_text("Remove this link").clicked() {
                    actions.push(Action::Unlink(r.id.clone()));
                }
                if let Some(t) = d.annotation(&r.to)
                    && elided_link(ui, &short(t)).clicked()
                {
                    actions.push(Action::Select {
                        id: Some(t.id.clone()),
                        scroll: true,
                    });
                }
            });
            super::relation_attributes::editors(ui, ws, def, r, actions); // issue 13: progress
        }
        ui.horizontal_wrapped(|ui| {
            egui::ComboBox::from_id_salt(("link", &def.name))
                .selected_text(format!("Link to a {}…", def.to))
                .width(ui.available_width().min(180.0))
                .show_ui(ui, |ui| {
                    // Candidates nearest to this annotation first; gathered
                    // only while the list is open (a whole-document walk).
                    let here = a.hull().start as i64;
                    let mut candidates: Vec<&Annotation> =
                        d.annotations().filter(|c| c.label == def.to).collect();
                    candidates.sort_by_key(|c| (c.hull().start as i64 - here).abs());
                    for c in candidates.iter().take(200) {
                        if ui.selectable_label(false, short(c)).clicked() {
                            actions.push(Action::Link {
                                from: a.id.clone(),
                                to: c.id.clone(),
                            });
                        }
                    }
                });
            let pick = ui
                .selectable_label(picking, "Pick in text")
                .on_hover_text(super::commands::info(Command::PickSpeaker).tooltip);
            if pick.clicked() {
                actions.command(Command::PickSpeaker);
            }
        });
    }
    // Incoming links (a Speaker's quotes, a Quote's cue).
    for def in tags.relations.iter().filter(|r| r.to == a.label) {
        let from: Vec<&Annotation> = d.sources(&a.id, &def.name).collect();
        if from.is_empty() {
            continue;
        }
        ui.label(RichText::new(format!("{} of this ({})", def.from, def.name.replace('_', " "))).strong());
        for f in from {
            if elided_link(ui, &short(f)).clicked() {
                actions.push(Action::Select {
                    id: Some(f.id.clone()),
                    scroll: true,
                });
            }
            super::relation_attributes::incoming(ui, ws, d, def, &f.id, &a.id, actions); // issue 13: progress
        }
    }
}
