//! The menu bar and the label bar, both read from the command table and
//! the tag set.

use egui::{RichText, Ui};

use super::QuotebenchApp;
use crate::ui::actions::{Action, Actions};
use crate::ui::commands::{COMMANDS, Command, Menu, info, shortcut_text};

impl QuotebenchApp {
    pub(super) fn menu_bar(&mut self, ui: &mut Ui, actions: &mut Actions) {
        egui::MenuBar::new().ui(ui, |ui| {
            for (menu, title) in [
                (Menu::File, "File"),
                (Menu::Edit, "Edit"),
                (Menu::View, "View"),
                (Menu::Review, "Review"),
                (Menu::Help, "Help"),
            ] {
                ui.menu_button(title, |ui| {
                    for c in COMMANDS.iter().filter(|c| c.menu == menu) {
                        let enabled = match c.command {
                            Command::Undo => self.ws.history.can_undo(),
                            Command::Redo => self.ws.history.can_redo(),
                            Command::Delete => self.ws.selected.is_some(),
                            Command::CompareWith => true,
                            c if info(c).menu == Menu::Review => self.review.is_some(),
                            _ => true,
                        };
                        let label = match c.command {
                            Command::Undo => self.ws.history.undo_label().map(|l| format!("Undo {l}")),
                            Command::Redo => self.ws.history.redo_label().map(|l| format!("Redo {l}")),
                            _ => None,
                        };
                        let mut b = egui::Button::new(label.unwrap_or_else(|| c.label.to_string()));
                        if let Some(sc) = c.shortcut {
                            b = b.shortcut_text(shortcut_text(&sc));
                        }
                        if ui.add_enabled(enabled, b).on_hover_text(c.tooltip).clicked() {
                            actions.command(c.command);
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
                        for l in &self.ws.project.tagset.labels {
                            let mut b = egui::Button::new(&l.name);
                            if !l.key.is_empty() {
                                b = b.shortcut_text(l.key.to_uppercase());
                            }
                            if ui.add_enabled(self.ws.selection.is_some(), b).clicked() {
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
            let colors =
                crate::ui::article_view::label_colors(&self.ws.project.tagset, ui.visuals().dark_mode);
            for l in &self.ws.project.tagset.labels {
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
                    .add_enabled(self.ws.selection.is_some(), b)
                    .on_hover_text(tip)
                    .on_disabled_hover_text("Select text first")
                    .clicked()
                {
                    actions.push(Action::Tag(l.name.clone()));
                }
            }
            if self.picking {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Click the annotation to link to (Esc cancels)",
                );
            }
        });
    }
}
