//! The people list: each person (a speaker's canonical name) with their quotes.

use egui::{RichText, Ui};

use super::actions::{Action, Actions};
use super::workspace::Workspace;

/// Each person with the ids of their quotes.
type People = Vec<(String, Vec<String>)>;

#[derive(Default)]
pub struct PeoplePanel {
    cache: Option<((u64, usize), People)>,
}

impl PeoplePanel {
    pub fn ui(&mut self, ui: &mut Ui, ws: &Workspace, actions: &mut Actions) {
        let Some(d) = ws.document() else { return };
        let key = (d.revision(), ws.doc);
        if self.cache.as_ref().map(|c| c.0) != Some(key) {
            self.cache = Some((key, d.people()));
        }
        let people = self.cache.as_ref().map(|c| c.1.as_slice()).unwrap_or_default();
        if people.is_empty() {
            ui.label(RichText::new("No speakers tagged yet.").weak());
        }
        for (person, quotes) in people {
            egui::CollapsingHeader::new(format!("{person} ({})", quotes.len()))
                .id_salt(("person", person))
                .show(ui, |ui| {
                    for q in quotes {
                        let Some(a) = d.annotation(q) else { continue };
                        let text: String = a.covered_text().chars().take(70).collect();
                        let sel = ws.selected.as_deref() == Some(q.as_str());
                        if ui
                            .add(egui::Button::selectable(sel, format!("“{text}”")).truncate())
                            .clicked()
                        {
                            actions.push(Action::Select {
                                id: Some(q.clone()),
                                scroll: true,
                            });
                        }
                    }
                });
        }
    }
}
