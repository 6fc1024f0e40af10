//! The annotation list: every annotation of the document in reading order,
//! filtered by label and searched by text; a click selects and scrolls to it.
//! Above it, the document's pending suggestions with their confidence (a
//! click makes one current).

use egui::{Color32, RichText, Ui};

use super::actions::{Action, Actions};
use super::suggestions::Suggestions;
use super::suggestions::bridge::label_of;
use super::workspace::Workspace;
use crate::model::{Annotation, CharRange};

/// (document revision, document index, label filter, lower-cased search).
type ListKey = (u64, usize, Option<String>, String);

#[derive(Default)]
pub struct AnnotationList {
    pub label_filter: Option<String>,
    pub search: String,
    pub focus_search: bool,
    /// Ids shown, cached per (document revision, filter, search).
    cache: Option<(ListKey, Vec<String>)>,
}

impl AnnotationList {
    pub fn ui(&mut self, ui: &mut Ui, ws: &Workspace, suggestions: &Suggestions, actions: &mut Actions) {
        let Some(d) = ws.document() else { return };
        suggestion_rows(ui, ws, suggestions, actions);
        ui.horizontal(|ui| {
            let current = self.label_filter.clone().unwrap_or_else(|| "All labels".into());
            egui::ComboBox::from_id_salt("label_filter")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.label_filter, None, "All labels");
                    for l in &ws.project.tagset.labels {
                        ui.selectable_value(&mut self.label_filter, Some(l.name.clone()), &l.name);
                    }
                });
            let r = ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("Search text")
                    .desired_width(f32::INFINITY),
            );
            if std::mem::take(&mut self.focus_search) {
                r.request_focus();
            }
        });
        // Unfiltered, the rows come straight from the position index: no list to
        // rebuild after an edit. Filtered, the list is cached per revision.
        let filtered = self.label_filter.is_some() || !self.search.is_empty();
        let key = (
            d.revision(),
            ws.doc,
            self.label_filter.clone(),
            self.search.to_lowercase(),
        );
        if !filtered {
            self.cache = None;
        } else if self.cache.as_ref().map(|c| &c.0) != Some(&key) {
            let needle = key.3.clone();
            // One pass in id order (no lookups), then sorted into reading order.
            let mut hits: Vec<(usize, usize, &str)> = d
                .annotations()
                .filter(|a| self.label_filter.as_ref().is_none_or(|l| &a.label == l))
                .filter(|a| needle.is_empty() || matches(a, &needle))
                .map(|a| a.sort_key())
                .collect();
            hits.sort_unstable();
            let ids = hits.into_iter().map(|(_, _, id)| id.to_string()).collect();
            self.cache = Some((key, ids));
        }
        let cached = self.cache.as_ref().map(|c| c.1.as_slice());
        let count = cached.map_or(d.annotation_count(), <[String]>::len);
        ui.label(
            RichText::new(format!("{count} of {} annotations", d.annotation_count()))
                .small()
                .weak(),
        );
        let colors = super::article_view::label_colors(&ws.project.tagset, ui.visuals().dark_mode);
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        egui::ScrollArea::vertical()
            .id_salt("annotation_list")
            .auto_shrink(false)
            .show_rows(ui, row_h, count, |ui, rows| {
                let shown: Vec<&str> = match cached {
                    Some(ids) => ids[rows].iter().map(String::as_str).collect(),
                    None => d.index().in_order().skip(rows.start).take(rows.len()).collect(),
                };
                for id in shown {
                    let Some(a) = d.annotation(id) else { continue };
                    let color = colors.get(&a.label).copied().unwrap_or(Color32::GRAY);
                    let selected = ws.selected.as_deref() == Some(id);
                    let text: String = a.covered_text().chars().take(80).collect();
                    let row = ui.horizontal(|ui| {
                        super::article_view::color_chip(ui, color);
                        ui.add(
                            egui::Button::selectable(selected, format!("{}: {}", a.label, text)).truncate(),
                        )
                    });
                    if row.inner.clicked() {
                        actions.push(Action::Select {
                            id: Some(id.to_string()),
                            scroll: true,
                        });
                    }
                }
            });
    }
}

/// The pending suggestions in reading order, each with its confidence; the
/// current one is highlighted.
fn suggestion_rows(ui: &mut Ui, ws: &Workspace, suggestions: &Suggestions, actions: &mut Actions) {
    let (Some(d), list) = (ws.document(), suggestions.shown()) else {
        return;
    };
    if list.is_empty() {
        return;
    }
    let colors = super::article_view::label_colors(&ws.project.tagset, ui.visuals().dark_mode);
    let current = suggestions.current_index();
    egui::CollapsingHeader::new(format!("Suggestions ({})", list.len()))
        .id_salt("suggestion_rows")
        .default_open(true)
        .show(ui, |ui| {
            let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
            egui::ScrollArea::vertical()
                .id_salt("suggestion_list")
                .max_height(row_h * 6.0)
                .show_rows(ui, row_h, list.len(), |ui, rows| {
                    for i in rows {
                        let s = &list[i];
                        let label = label_of(s.target);
                        let color = colors.get(label).copied().unwrap_or(Color32::GRAY);
                        let text: String = s
                            .fragments
                            .iter()
                            .map(|f| d.slice(CharRange::new(f.start, f.end.min(d.char_len()))))
                            .collect::<Vec<_>>()
                            .join(" … ")
                            .chars()
                            .take(80)
                            .collect();
                        let row = ui.horizontal(|ui| {
                            super::article_view::color_chip(ui, color.gamma_multiply(0.5));
                            ui.add(
                                egui::Button::selectable(
                                    current == Some(i),
                                    format!("{:.2} {label}: {text}", s.confidence),
                                )
                                .truncate(),
                            )
                        });
                        if row.inner.on_hover_text(&s.rule).clicked() {
                            actions.push(Action::GoToSuggestion(i));
                        }
                    }
                });
        });
    ui.separator();
}

fn matches(a: &Annotation, needle: &str) -> bool {
    a.fragments.iter().any(|f| f.text.to_lowercase().contains(needle))
        || a.note.to_lowercase().contains(needle)
        || a.attributes.values().any(|v| v.to_lowercase().contains(needle))
}
