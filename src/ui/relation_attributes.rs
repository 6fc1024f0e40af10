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
use crate::model::{AttributeDef, Document, Edit, Relation, RelationDef};

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

/// A relation kind's attribute definitions as one line a user types:
/// `addressee, certainty=certain|likely|unsure` (a name alone is free text;
/// `name=a|b|c` lists the values allowed).
pub fn format_definitions(defs: &[AttributeDef]) -> String {
    let parts: Vec<String> = defs
        .iter()
        .map(|d| {
            if d.values.is_empty() {
                d.name.clone()
            } else {
                format!("{}={}", d.name, d.values.join("|"))
            }
        })
        .collect();
    parts.join(", ")
}

/// Reads [`format_definitions`] back; blanks are trimmed, empty names and
/// values skipped, a name given twice kept once (the first).
pub fn parse_definitions(text: &str) -> Vec<AttributeDef> {
    let mut out: Vec<AttributeDef> = Vec::new();
    for part in text.split(',') {
        let (name, values) = match part.split_once('=') {
            Some((n, v)) => (
                n.trim(),
                v.split('|').map(str::trim).filter(|v| !v.is_empty()).collect(),
            ),
            None => (part.trim(), Vec::new()),
        };
        if name.is_empty() || out.iter().any(|d| d.name == name) {
            continue;
        }
        out.push(AttributeDef {
            name: name.to_string(),
            values: values.into_iter().map(str::to_string).collect(),
        });
    }
    out
}

/// The tag-set editor's rows: each relation kind with its attributes as
/// one editable line.
pub fn definitions_ui(ui: &mut Ui, relations: &[RelationDef], texts: &mut [String]) {
    if relations.is_empty() {
        return;
    }
    ui.separator();
    ui.label(RichText::new("Relation attributes").strong())
        .on_hover_text("e.g. addressee, certainty=certain|likely|unsure: a name alone is free text; name=a|b lists the values");
    egui::Grid::new("relation_attribute_definitions")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for (r, text) in relations.iter().zip(texts.iter_mut()) {
                ui.label(format!("{} ({} → {})", r.name, r.from, r.to));
                ui.add(
                    egui::TextEdit::singleline(text)
                        .hint_text("addressee, certainty=certain|likely")
                        .desired_width(260.0)
                        .id_salt(("relation_attribute_definitions", &r.name)),
                );
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_read_back_what_they_write() {
        let defs = parse_definitions(" addressee , certainty = certain | likely|, , addressee=x, =y");
        assert_eq!(
            defs,
            vec![
                AttributeDef {
                    name: "addressee".into(),
                    values: vec![]
                },
                AttributeDef {
                    name: "certainty".into(),
                    values: vec!["certain".into(), "likely".into()]
                },
            ]
        );
        assert_eq!(format_definitions(&defs), "addressee, certainty=certain|likely");
        assert_eq!(parse_definitions(&format_definitions(&defs)), defs);
        assert!(parse_definitions("").is_empty());
    }
}
