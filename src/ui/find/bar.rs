//! Drawing the bar: the field, the toggles, the count, next/previous, the
//! message of a bad pattern, the "Tag all" row and the list of hits.

use egui::{RichText, TextEdit, Ui};

use super::{BarOutput, FindBar, Scope};
use crate::model::{Edit, Project};
use crate::ui::actions::{Action, Actions};
use crate::ui::workspace::Workspace;

/// How often a frame looks for a search running on its thread, should its
/// wake-up be missed (it wakes the window when done).
const POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// A "Tag all" ready to perform: the edit, its undo label, the status line.
pub struct TagStep {
    pub edit: Edit,
    pub undo_label: String,
    pub message: String,
}

impl FindBar {
    /// The bar, when open; brings the results up to date first.
    pub fn ui(&mut self, ui: &mut Ui, ws: &Workspace, actions: &mut Actions) -> BarOutput {
        let mut out = BarOutput::default();
        if !self.open {
            return out;
        }
        self.refresh(&ws.project, ws.doc, ws.caret, Some(ui.ctx()));
        if self.running.is_some() {
            ui.ctx().request_repaint_after(POLL);
        }
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| self.top_row(ui, &mut out));
            if let Some(e) = &self.results.error {
                ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
            }
            if self.tagging.is_some() {
                ui.horizontal(|ui| self.tag_row(ui, &ws.project, actions, &mut out));
            }
            if self.scope == Scope::All || self.tagging.is_some() {
                let ticks = self.tagging.is_some();
                if let Some((doc, i)) = self.list_ui(ui, &ws.project, ticks) {
                    out.go = self.set_current(doc, i);
                }
            }
        });
        if std::mem::take(&mut self.go_pending) && out.go.is_none() {
            out.go = self.current();
        }
        out
    }

    fn top_row(&mut self, ui: &mut Ui, out: &mut BarOutput) {
        let hint = match self.scope {
            Scope::Document => "Find in this document",
            Scope::All => "Find in all documents",
        };
        let field = ui.add(
            TextEdit::singleline(&mut self.text)
                .id_salt("find_field")
                .hint_text(hint)
                .desired_width(240.0)
                .return_key(None),
        );
        if std::mem::take(&mut self.focus_field) {
            field.request_focus();
        }
        self.had_focus = field.has_focus();
        let mut changed = false;
        changed |= ui
            .toggle_value(&mut self.match_case, "Match case")
            .on_hover_text("Upper and lower case differ")
            .changed();
        changed |= ui
            .toggle_value(&mut self.whole_words, "Whole words")
            .on_hover_text("Only matches that are whole words")
            .changed();
        changed |= ui
            .toggle_value(&mut self.regex, "Regex")
            .on_hover_text("The text is a regular expression (Rust regex syntax)")
            .changed();
        let mut all = self.scope == Scope::All;
        if ui
            .toggle_value(&mut all, "All documents")
            .on_hover_text("Search every document of the project (Ctrl+Shift+F)")
            .changed()
        {
            self.scope = if all { Scope::All } else { Scope::Document };
            changed = true;
        }
        if changed {
            self.focus_field = true;
        }
        ui.label(self.count_text());
        if ui
            .button("Previous")
            .on_hover_text("Previous match (Shift+Enter, Shift+F3)")
            .clicked()
        {
            out.go = self.step(false);
        }
        if ui
            .button("Next")
            .on_hover_text("Next match (Enter, F3)")
            .clicked()
        {
            out.go = self.step(true);
        }
        if ui
            .button("Tag all…")
            .on_hover_text("Give every match (or the ticked ones) a label, in one step (Alt+Enter)")
            .clicked()
        {
            self.tag_key();
        }
        if ui.button("Close").on_hover_text("Close (Escape)").clicked() {
            self.close();
            out.closed = true;
        }
    }

    fn tag_row(&mut self, ui: &mut Ui, project: &Project, actions: &mut Actions, out: &mut BarOutput) {
        let Some(panel) = &mut self.tagging else { return };
        let label = panel.label_or_first(project);
        ui.label("Tag as")
            .on_hover_text("Pick the label here, or press Alt and the label's key (Alt+S: Speaker)");
        egui::ComboBox::from_id_salt("find_tag_label")
            .selected_text(&label)
            .show_ui(ui, |ui| {
                for l in &project.tagset.labels {
                    ui.selectable_value(&mut panel.label, l.name.clone(), &l.name);
                }
            });
        ui.add(
            TextEdit::singleline(&mut panel.attribute)
                .id_salt("find_tag_attribute")
                .hint_text("attribute key=value (optional)")
                .desired_width(200.0),
        );
        let n: usize = self.ticked().iter().map(|(_, m)| m.len()).sum();
        let button = ui
            .add_enabled(n > 0, egui::Button::new(format!("Tag {n} as {label}")))
            .on_hover_text("One undoable step; matches already tagged so are skipped (Alt+Enter)");
        if button.clicked()
            && let Some(step) = self.tag(project)
        {
            out.message = Some(step.message);
            actions.push(Action::Perform {
                edit: Box::new(step.edit),
                label: step.undo_label,
                merge_key: None,
            });
        }
        if let Some(e) = self.tagging.as_ref().and_then(|p| p.error.as_ref()) {
            ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
        }
    }

    /// The "Tag all" step for the ticked matches, or `None` with the
    /// reason shown in the bar (an unknown label, nothing left to tag).
    pub fn tag(&mut self, project: &Project) -> Option<TagStep> {
        let ticked = self.ticked();
        let panel = self.tagging.get_or_insert_with(Default::default);
        match panel.build(project, &ticked) {
            Ok(Ok(t)) => {
                panel.error = None;
                Some(TagStep {
                    edit: t.edit,
                    undo_label: format!("Tag all {} ({})", t.label, t.tagged),
                    message: format!("Tagged {} as {}, {} already tagged", t.tagged, t.label, t.already),
                })
            }
            Ok(Err(nothing)) | Err(nothing) => {
                panel.error = Some(nothing);
                None
            }
        }
    }
}
