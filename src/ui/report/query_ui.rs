//! The report's query: the dimensions to count by and the filters
//! (status done only, outlets, date range, labels, annotators). Changes the
//! query in place; the view computes again because the query changed.

use super::ReportView;
use super::choices::dimension_name;
use crate::model::Status;
use crate::report::{Dimension, is_day};

pub fn ui(ui: &mut egui::Ui, view: &mut ReportView) {
    let choices = view.choices.clone();
    let query = &mut view.query;
    egui::CollapsingHeader::new("Count by")
        .id_salt("report_count_by")
        .default_open(true)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for d in choices.dimensions() {
                    let mut on = query.by.contains(&d);
                    if ui.checkbox(&mut on, dimension_name(&d)).changed() {
                        toggle(&mut query.by, d, on);
                    }
                }
            });
        });
    egui::CollapsingHeader::new("Filters")
        .id_salt("report_filters")
        .default_open(false)
        .show(ui, |ui| {
            let f = &mut query.filter;
            let mut done = f.statuses == [Status::Done];
            if ui
                .checkbox(&mut done, "Done documents only")
                .on_hover_text("Count only the documents whose status is done")
                .changed()
            {
                f.statuses = if done { vec![Status::Done] } else { Vec::new() };
            }
            picks(ui, "Outlets (none ticked: all)", &choices.outlets, &mut f.outlets);
            ui.horizontal(|ui| {
                let from = ui.label("Dated from");
                date_field(ui, "report_date_from", &mut view.date_from, &mut f.date_from)
                    .labelled_by(from.id);
                let to = ui.label("to");
                date_field(ui, "report_date_to", &mut view.date_to, &mut f.date_to).labelled_by(to.id);
                ui.weak("(YYYY-MM-DD, inclusive)");
            });
            picks(
                ui,
                "Labels counted as quotes (none ticked: Quote)",
                &choices.labels,
                &mut f.labels,
            );
            picks(
                ui,
                "Annotators (none ticked: all)",
                &choices.annotators,
                &mut f.annotators,
            );
        });
}

/// Adds `d` to `by` (keeping the window's order among those chosen) or removes it.
fn toggle(by: &mut Vec<Dimension>, d: Dimension, on: bool) {
    if on {
        if !by.contains(&d) {
            by.push(d);
        }
    } else {
        by.retain(|x| *x != d);
    }
}

/// A row of check boxes, one per value; `chosen` holds the ticked ones.
fn picks(ui: &mut egui::Ui, title: &str, values: &[String], chosen: &mut Vec<String>) {
    ui.label(title);
    if values.is_empty() {
        ui.weak("(none in this project)");
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for v in values {
            let mut on = chosen.contains(v);
            if ui.checkbox(&mut on, v.as_str()).changed() {
                if on {
                    chosen.push(v.clone());
                } else {
                    chosen.retain(|x| x != v);
                }
            }
        }
    });
}

/// A date field: what is typed stays in `text`; the filter takes it when
/// it is a day `YYYY-MM-DD` (none when the field is empty). A malformed
/// date is shown in red and leaves the filter as it was.
fn date_field(ui: &mut egui::Ui, id: &str, text: &mut String, date: &mut Option<String>) -> egui::Response {
    let valid = text.trim().is_empty() || is_day(text.trim());
    let mut edit = egui::TextEdit::singleline(text).id_salt(id).desired_width(90.0);
    if !valid {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let response = ui.add(edit);
    if response.changed() {
        let t = text.trim();
        if t.is_empty() {
            *date = None;
        } else if is_day(t) {
            *date = Some(t.to_owned());
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dimension_is_added_once_and_removed() {
        let mut by = vec![Dimension::Person];
        toggle(&mut by, Dimension::Month, true);
        toggle(&mut by, Dimension::Month, true);
        assert_eq!(by, vec![Dimension::Person, Dimension::Month]);
        toggle(&mut by, Dimension::Person, false);
        assert_eq!(by, vec![Dimension::Month]);
    }
}
