//! A relation's attributes in the annotation inspector (issue 13): under
//! each link of the selected annotation, the attributes its kind defines in
//! the tag set (e.g. `addressee`, `certainty`), edited like an annotation's:
//! a list to choose from where the tag set gives values, free text
//! otherwise. Each change is one undoable [`Edit::SetRelationAttributes`];
//! typing in one field merges into one step. An attribute the kind does
//! not define (from a colleague's file) is shown, and can be removed.

use egui::{RichText, Ui};

use super::actions::{Action, Actions};
use super::workspace::Workspace;
use crate::model::{Document, Edit, Relation, RelationDef};

/// The editors of `r`'s attributes, indented under its link.
pub fn editors(ui: &mut Ui, ws: &Workspace, def: &RelationDef, r: &Relation, actions: &mut Actions) {
    let unknown: Vec<(&String, &String)> = r
        .attributes
        .iter()
        .filter(|(k, _)| !def.attributes.iter().any(|a| &a.name == *k))
        .collect();
    if def.attributes.is_empty() && unknown.is_empty() {
        return;
    }
    let set = |actions: &mut Actions, name: &str, value: String, merge: bool| {
        let mut attributes = r.attributes.clone();
        if value.is_empty() {
            attributes.remove(name);
        } else {
            attributes.insert(name.to_string(), value);
        }
        actions.push(Action::Perform {
            edit: Box::new(Edit::SetRelationAttributes {
                doc: ws.doc,
                id: r.id.clone(),
                attributes,
            }),
            label: format!("Set {name} of the link"),
            merge_key: merge.then(|| format!("relattr:{}:{}:{name}", ws.doc, r.id)),
        });
    };
    ui.indent(("relation_attributes", &r.id), |ui| {
        egui::Grid::new(("relation_attributes_grid", &r.id))
            .num_columns(2)
            .spacing([8.0, 2.0])
            .show(ui, |ui| {
                for attr in &def.attributes {
                    ui.label(RichText::new(&attr.name).small());
                    let current = r.attributes.get(&attr.name).cloned().unwrap_or_default();
                    let mut value = current.clone();
                    if attr.values.is_empty() {
                        ui.add(
                            egui::TextEdit::singleline(&mut value)
                                .desired_width(140.0)
                                .id_salt(("rel_attr", &r.id, &attr.name)),
                        );
                    } else {
                        let shown = if value.is_empty() {
                            "—".to_string()
                        } else {
                            value.clone()
                        };
                        egui::ComboBox::from_id_salt(("rel_attr_combo", &r.id, &attr.name))
                            .selected_text(shown)
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut value, String::new(), "—");
                                for v in &attr.values {
                                    ui.selectable_value(&mut value, v.clone(), v);
                                }
                            });
                    }
                    if value != current {
                        set(actions, &attr.name, value, attr.values.is_empty());
                    }
                    ui.end_row();
                }
                for (k, v) in unknown {
                    ui.label(RichText::new(k).small().weak())
                        .on_hover_text(format!("\"{}\" does not define this attribute", def.name));
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(v).small().weak());
                        if ui
                            .small_button("×")
                            .on_hover_text("Remove this attribute")
                            .clicked()
                        {
                            set(actions, k, String::new(), false);
                        }
                    });
                    ui.end_row();
                }
            });
    });
}

/// The attributes of the `kind` links from annotation `from` to `to` (an
/// incoming link of the selected annotation).
pub fn incoming(
    ui: &mut Ui,
    ws: &Workspace,
    d: &Document,
    def: &RelationDef,
    from: &str,
    to: &str,
    actions: &mut Actions,
) {
    for r in d
        .relations_of(to)
        .filter(|r| r.from == from && r.to == to && r.kind == def.name)
    {
        editors(ui, ws, def, r, actions);
    }
}
