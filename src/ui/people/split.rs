//! Split a mention off (issue 14), from the inspector of a speaker: point
//! this one mention at another person, a new register entry when the name
//! is new. One undoable step.

use egui::Ui;

use crate::model::{Annotation, Edit, names, person_of_speaker};
use crate::ui::actions::{Action, Actions};
use crate::ui::workspace::Workspace;

/// One inspector grid row for a speaker: the person and "Split off as…".
pub fn row(ui: &mut Ui, ws: &Workspace, a: &Annotation, actions: &mut Actions) {
    if a.label != names::SPEAKER {
        return;
    }
    ui.label("Split off");
    ui.horizontal(|ui| {
        let id = ui.make_persistent_id(("split_name", &a.id));
        let mut name: String = ui.data_mut(|d| d.get_temp(id).unwrap_or_default());
        ui.add(
            egui::TextEdit::singleline(&mut name)
                .hint_text("as person…")
                .desired_width(110.0)
                .id_salt(("split", &a.id)),
        );
        ui.data_mut(|d| d.insert_temp(id, name.clone()));
        let name = name.trim().to_string();
        let ok = !name.is_empty() && name != person_of_speaker(a);
        if ui
            .add_enabled(ok, egui::Button::new("Split"))
            .on_hover_text("Point only this mention at that person (a new register entry if new)")
            .clicked()
        {
            actions.push(Action::Perform {
                edit: Box::new(Edit::SplitMention {
                    doc: ws.doc,
                    id: a.id.clone(),
                    name,
                }),
                label: "Split mention".into(),
                merge_key: None,
            });
            ui.data_mut(|d| d.remove::<String>(id));
        }
    });
    ui.end_row();
}
