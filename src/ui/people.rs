//! The people list: each person (a speaker's canonical name) with their quotes.
//!
//! A book can have thousands of people: only the headers in view are built;
//! the others stand as space of their last measured (or estimated) height.

pub mod attributes;
pub mod merge_window;
pub mod register;
pub mod split;

use egui::{RichText, Ui};

use super::actions::{Action, Actions};
use super::workspace::Workspace;

/// Each person with the ids of their quotes.
type People = Vec<(String, Vec<String>)>;

#[derive(Default)]
pub struct PeoplePanel {
    cache: Option<((u64, usize), People)>,
    /// Height of each person's entry (header, open body, spacing) when last shown.
    heights: Vec<f32>,
    /// `tops[i]`: sum of the heights before entry i; the last is the total.
    tops: Vec<f32>,
    tops_dirty: bool,
}

impl PeoplePanel {
    pub fn ui(&mut self, ui: &mut Ui, ws: &Workspace, actions: &mut Actions) {
        let Some(d) = ws.document() else { return };
        let key = (d.people_revision(), ws.doc);
        if self.cache.as_ref().map(|c| c.0) != Some(key) {
            let people = d.people();
            // Entries keep their height when the list is unchanged in length (an
            // edit elsewhere); otherwise every entry starts at the estimate.
            if people.len() != self.heights.len() {
                let estimate = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
                self.heights = vec![estimate; people.len()];
                self.tops_dirty = true;
            }
            self.cache = Some((key, people));
        }
        let Some((_, people)) = &self.cache else { return };
        if people.is_empty() {
            ui.label(RichText::new("No speakers tagged yet.").weak());
            return;
        }
        if self.tops_dirty || self.tops.len() != self.heights.len() + 1 {
            self.tops.clear();
            let mut y = 0.0;
            for h in &self.heights {
                self.tops.push(y);
                y += h;
            }
            self.tops.push(y);
            self.tops_dirty = false;
        }
        let origin = ui.cursor().top();
        let clip = ui.clip_rect();
        let first = self
            .tops
            .partition_point(|&t| origin + t <= clip.top())
            .saturating_sub(1)
            .min(people.len());
        ui.add_space(self.tops[first]);
        let mut i = first;
        while i < people.len() && ui.cursor().top() <= clip.bottom() {
            let (person, quotes) = &people[i];
            let y0 = ui.cursor().top();
            // A long name is elided (the whole name on hover): it never widens the panel.
            let id = ui.make_persistent_id(("person", person));
            egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, false)
                .show_header(ui, |ui| {
                    // As a collapsing header draws its title (same style, same colour).
                    let color = ui.visuals().widgets.inactive.text_color();
                    let title = RichText::new(format!("{person} ({})", quotes.len()))
                        .text_style(egui::TextStyle::Button)
                        .color(color);
                    super::panel_layout::elided_label(ui, title);
                })
                .body(|ui| {
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
            let h = ui.cursor().top() - y0;
            if (h - self.heights[i]).abs() > 0.1 {
                self.heights[i] = h;
                self.tops_dirty = true;
            }
            i += 1;
        }
        let rest = self.tops[people.len()] - self.tops[i];
        if rest > 0.0 {
            ui.add_space(rest);
        }
    }
}
