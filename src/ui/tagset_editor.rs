//! The tag set editor: add, rename and recolour labels, set their keys.
//! Works on a draft; Apply turns it into one undoable edit (renames carry
//! every annotation of that label along).

use egui::RichText;

use super::actions::{Action, Actions};
use super::commands::label_key_conflict;
use crate::model::{Edit, LabelDef, TagSet, parse_color};

pub struct TagSetEditor {
    /// (original name, if the label existed; edited definition)
    draft: Vec<(Option<String>, LabelDef)>,
    original: TagSet,
    /// issue 13: each relation kind's attributes as typed, e.g.
    /// `addressee, certainty=certain|likely|unsure` (see
    /// [`super::relation_attributes::parse_definitions`]).
    relation_attributes: Vec<String>,
    /// issue 14: people: the person attributes as typed, one line.
    person_attributes: String,
    pub open: bool,
}

impl TagSetEditor {
    pub fn new(tags: &TagSet) -> Self {
        Self {
            draft: tags
                .labels
                .iter()
                .map(|l| (Some(l.name.clone()), l.clone()))
                .collect(),
            original: tags.clone(),
            relation_attributes: tags
                .relations
                .iter()
                .map(|r| super::relation_attributes::format_definitions(&r.attributes))
                .collect(),
            person_attributes: super::people::attributes::text_of(tags),
            open: true,
        }
    }

    /// Problems that stop Apply.
    fn problems(&self) -> Vec<String> {
        let mut t = self.original.clone();
        t.labels = self.draft.iter().map(|(_, l)| l.clone()).collect();
        let mut p = t.problems();
        for (_, l) in &self.draft {
            if let Some(c) = l.key_char()
                && let Some(why) = label_key_conflict(c)
            {
                p.push(why);
            }
        }
        p
    }

    pub fn ui(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        let mut open = self.open;
        let mut close = false;
        egui::Window::new("Tag set")
            .open(&mut open)
            .resizable(true)
            .show(ctx, |ui| {
                egui::Grid::new("tagset_grid")
                    .num_columns(4)
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        ui.label(RichText::new("Label").strong());
                        ui.label(RichText::new("Colour").strong());
                        ui.label(RichText::new("Key").strong());
                        ui.label("");
                        ui.end_row();
                        let mut remove = None;
                        for (i, (_, l)) in self.draft.iter_mut().enumerate() {
                            ui.add(egui::TextEdit::singleline(&mut l.name).desired_width(120.0));
                            let mut rgb = parse_color(&l.color).unwrap_or([128, 128, 128]);
                            if ui.color_edit_button_srgb(&mut rgb).changed() {
                                l.color = format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
                            }
                            ui.add(
                                egui::TextEdit::singleline(&mut l.key)
                                    .desired_width(24.0)
                                    .char_limit(1),
                            )
                            .on_hover_text("One letter: press it to tag the selection");
                            if ui.small_button("×").on_hover_text("Remove this label").clicked() {
                                remove = Some(i);
                            }
                            ui.end_row();
                        }
                        if let Some(i) = remove {
                            self.draft.remove(i);
                        }
                    });
                if ui.button("Add label").clicked() {
                    let n = self.draft.len() + 1;
                    self.draft.push((
                        None,
                        LabelDef {
                            name: format!("Label{n}"),
                            color: "#808080".into(),
                            key: String::new(),
                            attributes: vec![],
                        },
                    ));
                }
                super::relation_attributes::definitions_ui(
                    ui,
                    &self.original.relations,
                    &mut self.relation_attributes,
                );
                super::people::attributes::definitions_ui(ui, &mut self.person_attributes); // issue 14
                let problems = self.problems();
                for p in &problems {
                    ui.colored_label(ui.visuals().error_fg_color, p);
                }
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(problems.is_empty(), egui::Button::new("Apply"))
                        .clicked()
                    {
                        actions.push(Action::Perform {
                            edit: Box::new(self.edit()),
                            label: "Edit tag set".into(),
                            merge_key: None,
                        });
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
        self.open = open && !close;
    }

    /// Renames first (they relabel annotations), then the new definitions.
    fn edit(&self) -> Edit {
        let mut edits = Vec::new();
        for (orig, l) in &self.draft {
            if let Some(o) = orig
                && o != &l.name
            {
                edits.push(Edit::RenameLabel {
                    from: o.clone(),
                    to: l.name.clone(),
                });
            }
        }
        let mut t = self.original.clone();
        for r in &mut t.relations {
            for end in [&mut r.from, &mut r.to] {
                if let Some((_, l)) = self.draft.iter().find(|(o, _)| o.as_ref() == Some(end)) {
                    *end = l.name.clone();
                }
            }
        }
        t.labels = self.draft.iter().map(|(_, l)| l.clone()).collect();
        for (r, text) in t.relations.iter_mut().zip(&self.relation_attributes) {
            r.attributes = super::relation_attributes::parse_definitions(text);
        }
        t.person_attributes = super::people::attributes::parse(&self.person_attributes); // issue 14
        edits.push(Edit::SetTagSet(t));
        Edit::Batch(edits)
    }
}
