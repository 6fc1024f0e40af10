//! The document inspector (Ctrl+Shift+I, View ▸ Document inspector…): the
//! current document's progress status and its free attributes (outlet,
//! date, section, topic, any key=value). Every change is an undoable edit
//! ([`Edit::SetDocumentStatus`], [`Edit::SetDocumentAttribute`]); typing in
//! one value merges into one undo step. Ctrl+M ([`cycle_status`]) moves the
//! document on to its next status without opening it.
//!
//! The source a version-1/2 file holds (`url`, `outlet`, `date`) is shown
//! read-only under the attributes: an attribute of the same name overrides
//! it (see `Document::attribute`), so "Override" copies it into one.

use egui::{Color32, RichText, Ui};

use super::actions::{Action, Actions};
use super::workspace::Workspace;
use crate::model::{Document, Edit, Status};

/// The window's state: open or not, and the key=value being added.
#[derive(Default)]
pub struct DocumentInspector {
    pub open: bool,
    new_key: String,
    new_value: String,
}

/// The edit Ctrl+M performs on the current document, with its undo label.
pub fn cycle_status(ws: &Workspace) -> Option<(Edit, String)> {
    let d = ws.document()?;
    let next = d.status().next();
    Some((status_edit(ws.doc, next), format!("Set status to {next}")))
}

fn status_edit(doc: usize, status: Status) -> Edit {
    Edit::SetDocumentStatus { doc, status }
}

fn perform(actions: &mut Actions, edit: Edit, label: String, merge_key: Option<String>) {
    actions.push(Action::Perform {
        edit: Box::new(edit),
        label,
        merge_key,
    });
}

/// The colour that marks a status in the documents list and here.
pub fn status_color(s: Status, dark: bool) -> Color32 {
    match (s, dark) {
        (Status::New, true) => Color32::from_gray(150),
        (Status::New, false) => Color32::from_gray(120),
        (Status::InProgress, _) => Color32::from_rgb(0xd0, 0x90, 0x20),
        (Status::Done, true) => Color32::from_rgb(0x50, 0xc0, 0x60),
        (Status::Done, false) => Color32::from_rgb(0x20, 0x90, 0x30),
        (Status::NeedsReview, true) => Color32::from_rgb(0xe0, 0x60, 0x60),
        (Status::NeedsReview, false) => Color32::from_rgb(0xc0, 0x30, 0x30),
    }
}

/// A small symbol for a status: hollow for new, half for in progress,
/// full for done, a ring with a dot for needs review; its tooltip says it
/// in words. Painted (not a glyph) so that it never falls back to a box.
pub fn status_badge(ui: &mut Ui, s: Status) -> egui::Response {
    let size = ui.spacing().interact_size.y * 0.7;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let color = status_color(s, ui.visuals().dark_mode);
    let (c, r) = (rect.center(), size * 0.4);
    let p = ui.painter();
    match s {
        Status::New => {
            p.circle_stroke(c, r, egui::Stroke::new(1.5, color));
        }
        Status::InProgress => {
            p.circle_stroke(c, r, egui::Stroke::new(1.5, color));
            let half = egui::Rect::from_min_max(egui::pos2(c.x - r, c.y - r), egui::pos2(c.x, c.y + r));
            p.with_clip_rect(half).circle_filled(c, r, color);
        }
        Status::Done => {
            p.circle_filled(c, r, color);
        }
        Status::NeedsReview => {
            p.circle_stroke(c, r, egui::Stroke::new(2.0, color));
            p.circle_filled(c, r * 0.4, color);
        }
    }
    response.on_hover_text(format!("Status: {s}"))
}

impl DocumentInspector {
    pub fn toggle(&mut self) {
        self.open = !self.open;
    }

    pub fn ui(&mut self, ctx: &egui::Context, ws: &Workspace, actions: &mut Actions) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        egui::Window::new("Document")
            .open(&mut open)
            .resizable(true)
            .default_width(340.0)
            .show(ctx, |ui| match ws.document() {
                Some(d) => self.contents(ui, ws.doc, d, actions),
                None => {
                    ui.label(RichText::new("No document is open.").weak());
                }
            });
        self.open = open;
    }

    fn contents(&mut self, ui: &mut Ui, doc: usize, d: &Document, actions: &mut Actions) {
        let title = if d.title.is_empty() { &d.id } else { &d.title };
        ui.add(egui::Label::new(RichText::new(title).strong()).wrap());
        ui.label(RichText::new(format!("id {}", d.id)).small().weak());
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            ui.label("Status");
            for s in Status::ALL {
                status_badge(ui, s);
                let chosen = d.status() == s;
                if ui.selectable_label(chosen, s.to_string()).clicked() && !chosen {
                    perform(actions, status_edit(doc, s), format!("Set status to {s}"), None);
                }
            }
        });
        ui.separator();
        ui.label(RichText::new("Attributes").strong());
        egui::Grid::new("document_attributes")
            .num_columns(3)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                for (key, value) in d.attributes() {
                    ui.add(egui::Label::new(key).truncate()).on_hover_text(key);
                    let mut v = value.clone();
                    let edit = ui.add(
                        egui::TextEdit::singleline(&mut v)
                            .desired_width(180.0)
                            .id_salt(("doc_attr", key)),
                    );
                    if edit.changed() && &v != value {
                        perform(
                            actions,
                            attribute_edit(doc, key, Some(v)),
                            format!("Set {key}"),
                            Some(format!("docattr:{doc}:{key}")),
                        );
                    }
                    if ui
                        .small_button("×")
                        .on_hover_text(format!("Remove the attribute {key}"))
                        .clicked()
                    {
                        perform(
                            actions,
                            attribute_edit(doc, key, None),
                            format!("Remove {key}"),
                            None,
                        );
                    }
                    ui.end_row();
                }
                if d.attributes().is_empty() {
                    ui.label(RichText::new("none yet").weak());
                    ui.end_row();
                }
            });
        self.add_row(ui, doc, d, actions);
        source_ui(ui, doc, d, actions);
        ui.separator();
        ui.label(RichText::new("Annotations").strong());
        let counts = d.label_counts();
        if counts.is_empty() {
            ui.label(RichText::new("none").weak());
        }
        for (label, n) in counts {
            ui.label(format!("{label} {n}"));
        }
    }

    /// key = value, Add: a new attribute (or a new value for one there).
    fn add_row(&mut self, ui: &mut Ui, doc: usize, d: &Document, actions: &mut Actions) {
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.new_key)
                    .hint_text("key")
                    .desired_width(90.0)
                    .id_salt("doc_attr_new_key"),
            );
            ui.label("=");
            let value = ui.add(
                egui::TextEdit::singleline(&mut self.new_value)
                    .hint_text("value")
                    .desired_width(130.0)
                    .id_salt("doc_attr_new_value"),
            );
            let key = self.new_key.trim().to_string();
            let exists = d.attributes().contains_key(&key);
            let button = ui
                .add_enabled(
                    !key.is_empty(),
                    egui::Button::new(if exists { "Change" } else { "Add" }),
                )
                .on_hover_text("Set this attribute of the document (Enter in the value does the same)");
            let entered = value.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if !key.is_empty() && (button.clicked() || entered) {
                let value = self.new_value.trim().to_string();
                perform(
                    actions,
                    attribute_edit(doc, &key, Some(value)),
                    format!("Set {key}"),
                    None,
                );
                self.new_key.clear();
                self.new_value.clear();
            }
        });
    }
}

fn attribute_edit(doc: usize, key: &str, value: Option<String>) -> Edit {
    Edit::SetDocumentAttribute {
        doc,
        key: key.to_string(),
        value,
    }
}

/// The source's fields, read-only; "Override" makes one an attribute.
fn source_ui(ui: &mut Ui, doc: usize, d: &Document, actions: &mut Actions) {
    let Some(s) = &d.source else {
        return;
    };
    let fields = [("url", &s.url), ("outlet", &s.outlet), ("date", &s.date)];
    let shown: Vec<_> = fields
        .iter()
        .filter(|(k, v)| !v.is_empty() && !d.attributes().contains_key(*k))
        .collect();
    if shown.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(RichText::new("From the source").weak())
        .on_hover_text("Kept as the file has it; an attribute of the same name overrides it");
    for (k, v) in shown {
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{k} = {v}")).weak());
            if ui
                .small_button("Override")
                .on_hover_text(format!("Make {k} an attribute of the document, to edit it"))
                .clicked()
            {
                perform(
                    actions,
                    attribute_edit(doc, k, Some(v.to_string())),
                    format!("Set {k}"),
                    None,
                );
            }
        });
    }
}
