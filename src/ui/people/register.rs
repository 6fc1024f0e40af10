//! The people register in the people panel (issue 14): each person with
//! editors for the tag set's person attributes (a combo box where the
//! attribute lists its values), aliases, rename, merge into another person
//! and remove; a field to add a person. Every change is one undoable edit.

use std::collections::HashMap;

use egui::{RichText, Ui};

use crate::model::{Edit, Person, Project, has_speakers};
use crate::ui::actions::{Action, Actions};

/// At most this many people are drawn (a corpus can name thousands); the
/// filter field finds the others.
const SHOWN: usize = 200;

#[derive(Default)]
pub struct RegisterPanel {
    new_name: String,
    filter: String,
    /// Text being typed, by (person, field), until it is committed.
    buffers: HashMap<(String, String), String>,
    /// The person each "Merge into" combo box has picked, by person.
    merge_into: HashMap<String, String>,
    /// F4 asked for the keyboard: the add field takes it next frame.
    focus: bool,
}

fn perform(actions: &mut Actions, edit: Edit, label: &str) {
    actions.push(Action::Perform {
        edit: Box::new(edit),
        label: label.into(),
        merge_key: None,
    });
}

/// Room the "Add person" button and the spacing before it take.
const ADD_BUTTON_ROOM: f32 = 96.0;

impl RegisterPanel {
    /// F4: the keyboard goes to the panel's "add person" field.
    pub fn request_focus(&mut self) {
        self.focus = true;
    }

    pub fn ui(&mut self, ui: &mut Ui, project: &Project, actions: &mut Actions) {
        ui.label(RichText::new(format!("Register ({} people)", project.people.len())).strong());
        ui.horizontal(|ui| {
            // The field gives way in a narrow side panel, so that the row
            // never widens the panel past the window (its content clipped).
            let field_width = (ui.available_width() - ADD_BUTTON_ROOM).clamp(60.0, 140.0);
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.new_name)
                    .hint_text("New person")
                    .desired_width(field_width)
                    .id_salt("people_new_name"),
            );
            if std::mem::take(&mut self.focus) {
                field.request_focus();
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let name = self.new_name.trim().to_string();
            let ok = !name.is_empty() && project.people.get(&name).is_none();
            let clicked = ui.add_enabled(ok, egui::Button::new("Add person")).clicked();
            if ok && (clicked || enter) {
                perform(actions, Edit::AddPerson(Person::new(name)), "Add person");
                self.new_name.clear();
            }
        });
        if project.people.len() > 10 {
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("Filter people")
                    .id_salt("people_filter"),
            );
        }
        let needle = self.filter.to_lowercase();
        let mut shown = 0;
        for person in project.people.iter() {
            let hit = needle.is_empty()
                || person.name.to_lowercase().contains(&needle)
                || person.aliases.iter().any(|a| a.to_lowercase().contains(&needle));
            if !hit {
                continue;
            }
            if shown == SHOWN {
                ui.label(RichText::new("… more: filter to find them").weak());
                break;
            }
            shown += 1;
            egui::CollapsingHeader::new(&person.name)
                .id_salt(("register", &person.name))
                .show(ui, |ui| self.person_ui(ui, project, person, actions));
        }
    }

    fn person_ui(&mut self, ui: &mut Ui, project: &Project, person: &Person, actions: &mut Actions) {
        egui::Grid::new(("person_grid", &person.name))
            .num_columns(2)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                for def in &project.tagset.person_attributes {
                    ui.label(&def.name);
                    let current = person.attribute(&def.name).unwrap_or_default().to_string();
                    let mut value = current.clone();
                    if def.values.is_empty() {
                        let key = (person.name.clone(), format!("attr:{}", def.name));
                        let buf = self.buffers.entry(key.clone()).or_insert_with(|| current.clone());
                        let r = ui.add(egui::TextEdit::singleline(buf).desired_width(140.0).id_salt((
                            "person_attr",
                            &person.name,
                            &def.name,
                        )));
                        if r.lost_focus() {
                            value = buf.trim().to_string();
                            self.buffers.remove(&key);
                        } else if !r.has_focus() {
                            *buf = current.clone();
                        }
                    } else {
                        let shown = if value.is_empty() { "(not set)" } else { &value }.to_string();
                        egui::ComboBox::from_id_salt(("person_combo", &person.name, &def.name))
                            .selected_text(shown)
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut value, String::new(), "(not set)");
                                for v in &def.values {
                                    ui.selectable_value(&mut value, v.clone(), v);
                                }
                            });
                    }
                    if value != current {
                        let mut changed = person.clone();
                        if value.is_empty() {
                            changed.attributes.remove(&def.name);
                        } else {
                            changed.attributes.insert(def.name.clone(), value);
                        }
                        perform(actions, Edit::SetPerson(changed), &format!("Set {}", def.name));
                    }
                    ui.end_row();
                }
                ui.label("Aliases");
                ui.vertical(|ui| {
                    for alias in &person.aliases {
                        ui.horizontal(|ui| {
                            ui.label(alias);
                            if ui.small_button("×").on_hover_text("Forget this alias").clicked() {
                                let mut changed = person.clone();
                                changed.aliases.retain(|a| a != alias);
                                perform(actions, Edit::SetPerson(changed), "Remove alias");
                            }
                        });
                    }
                    let key = (person.name.clone(), "alias".to_string());
                    let buf = self.buffers.entry(key.clone()).or_default();
                    let r = ui.add(
                        egui::TextEdit::singleline(buf)
                            .hint_text("Add alias")
                            .desired_width(140.0)
                            .id_salt(("person_alias", &person.name)),
                    );
                    if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        let alias = buf.trim().to_string();
                        buf.clear();
                        if !alias.is_empty() && alias != person.name && !person.aliases.contains(&alias) {
                            let mut changed = person.clone();
                            changed.aliases.push(alias);
                            perform(actions, Edit::SetPerson(changed), "Add alias");
                        }
                    }
                });
                ui.end_row();

                ui.label("Rename");
                ui.horizontal(|ui| {
                    let key = (person.name.clone(), "rename".to_string());
                    let buf = self.buffers.entry(key).or_insert_with(|| person.name.clone());
                    ui.add(
                        egui::TextEdit::singleline(buf)
                            .desired_width(120.0)
                            .id_salt(("person_rename", &person.name)),
                    );
                    let to = buf.trim().to_string();
                    let ok = !to.is_empty() && to != person.name && project.people.get(&to).is_none();
                    if ui
                        .add_enabled(ok, egui::Button::new("Rename"))
                        .on_hover_text("Rename this person here and in every speaker of every document")
                        .clicked()
                    {
                        perform(
                            actions,
                            Edit::RenamePerson {
                                from: person.name.clone(),
                                to,
                            },
                            "Rename person",
                        );
                    }
                });
                ui.end_row();

                ui.label("Merge into");
                ui.horizontal(|ui| {
                    let pick = self.merge_into.entry(person.name.clone()).or_default();
                    egui::ComboBox::from_id_salt(("person_merge", &person.name))
                        .selected_text(if pick.is_empty() { "—" } else { pick.as_str() })
                        .width(120.0)
                        .show_ui(ui, |ui| {
                            for other in project.people.iter().filter(|o| o.name != person.name) {
                                ui.selectable_value(pick, other.name.clone(), &other.name);
                            }
                        });
                    let ok = project.people.get(pick).is_some() && *pick != person.name;
                    if ui
                        .add_enabled(ok, egui::Button::new("Merge"))
                        .on_hover_text("This person's speakers, name and aliases go to the other person")
                        .clicked()
                    {
                        perform(
                            actions,
                            Edit::MergePeople {
                                from: person.name.clone(),
                                into: pick.clone(),
                            },
                            "Merge people",
                        );
                    }
                });
                ui.end_row();
            });
        let speakers = has_speakers(project, &person.name);
        if ui
            .button("Remove from register")
            .on_hover_text(if speakers {
                "Speakers still point to this person; they keep the name (merge to move them)"
            } else {
                "No speaker points to this person"
            })
            .clicked()
        {
            perform(
                actions,
                Edit::RemovePerson {
                    name: person.name.clone(),
                },
                "Remove person",
            );
        }
    }
}
