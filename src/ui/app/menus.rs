//! The menu bar and the label bar, both read from the command table and
//! the tag set.

use egui::{RichText, Ui};

use super::QuotebenchApp;
use crate::ui::actions::{Action, Actions};
use crate::ui::commands::{Command, CommandState, Menu, shortcut_text};

impl QuotebenchApp {
    pub(super) fn menu_bar(&mut self, ui: &mut Ui, actions: &mut Actions) {
        egui::MenuBar::new().ui(ui, |ui| {
            let state = CommandState {
                can_undo: self.session.ws.history.can_undo(),
                can_redo: self.session.ws.history.can_redo(),
                annotation_selected: self.session.ws.selected.is_some(),
                reviewing: self.session.review.is_some(),
                suggestion_current: self.session.suggestions.current().is_some(),
                suggestions_shown: !self.session.suggestions.shown().is_empty(),
            };
            for (menu, title) in Menu::BAR {
                ui.menu_button(title, |ui| {
                    for c in Command::ALL.into_iter().filter(|c| c.info().menu == menu) {
                        let info = c.info();
                        let enabled = c.enabled(&state);
                        let label = match c {
                            Command::Undo => {
                                self.session.ws.history.undo_label().map(|l| format!("Undo {l}"))
                            }
                            Command::Redo => {
                                self.session.ws.history.redo_label().map(|l| format!("Redo {l}"))
                            }
                            _ => self.links_menu_label(c),
                        };
                        let mut b = egui::Button::new(label.unwrap_or_else(|| info.label.to_string()));
                        if let Some(sc) = info.shortcut {
                            b = b.shortcut_text(shortcut_text(&sc));
                        }
                        if ui.add_enabled(enabled, b).on_hover_text(info.tooltip).clicked() {
                            actions.command(c);
                        }
                    }
                    if menu == Menu::File && !self.recent.is_empty() {
                        ui.separator();
                        ui.menu_button("Open Recent", |ui| {
                            for p in &self.recent {
                                if ui.button(p.display().to_string()).clicked() {
                                    actions.push(Action::OpenPath(p.clone()));
                                }
                            }
                        });
                    }
                    if menu == Menu::Edit {
                        ui.separator();
                        ui.label(RichText::new("Tag selection as").weak());
                        for l in &self.session.ws.project.tagset.labels {
                            let mut b = egui::Button::new(&l.name);
                            if !l.key.is_empty() {
                                b = b.shortcut_text(l.key.to_uppercase());
                            }
                            if ui.add_enabled(self.session.ws.selection.is_some(), b).clicked() {
                                actions.push(Action::Tag(l.name.clone()));
                            }
                        }
                    }
                });
            }
        });
    }

    pub(super) fn label_bar(&mut self, ui: &mut Ui, actions: &mut Actions) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Tag:");
            let colors = crate::ui::article_view::label_colors(
                &self.session.ws.project.tagset,
                ui.visuals().dark_mode,
            );
            for l in &self.session.ws.project.tagset.labels {
                let text = if l.key.is_empty() {
                    l.name.clone()
                } else {
                    format!("{} ({})", l.name, l.key.to_uppercase())
                };
                let b = egui::Button::new(RichText::new(text).color(ui.visuals().strong_text_color()))
                    .fill(colors[&l.name].gamma_multiply(0.35));
                let tip = format!(
                    "Tag the selected text as {} (press {})",
                    l.name,
                    l.key.to_uppercase()
                );
                if ui
                    .add_enabled(self.session.ws.selection.is_some(), b)
                    .on_hover_text(tip)
                    .on_disabled_hover_text("Select text first")
                    .clicked()
                {
                    actions.push(Action::Tag(l.name.clone()));
                }
            }
            if self.session.picking {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Click the annotation to link to (Esc cancels)",
                );
            }
        });
    }
}
