//! The report's figures as text: the headline (documents, quotes, quotes
//! without a speaker), the table beside each chart, and the quotes behind
//! the picked figure. Every figure is a button that picks it; a quote is a
//! button that opens its document at it.

use super::Pick;
use crate::report::{Figure, Report, Table};
use crate::ui::actions::{Action, Actions};

/// Table rows shown before the table scrolls.
const TABLE_HEIGHT: f32 = 180.0;

/// A figure as a cell: "12 (34.5%)", and "· 10 agreed" when known.
pub fn figure_text(f: &Figure) -> String {
    let mut s = format!("{} ({:.1}%)", f.count, f.share * 100.0);
    if let Some(a) = f.agreed {
        s.push_str(&format!(" · {a} agreed"));
    }
    s
}

/// Documents counted, all quotes and those without a speaker.
pub fn headline(ui: &mut egui::Ui, report: &Report, pick: &mut Option<Pick>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{} documents", report.documents));
        ui.separator();
        cell(
            ui,
            pick,
            Pick::Total,
            &format!("Quotes: {}", figure_text(&report.total)),
        );
        ui.separator();
        cell(
            ui,
            pick,
            Pick::WithoutSpeaker,
            &format!("Without a speaker: {}", figure_text(&report.without_speaker)),
        );
    });
}

/// A clickable figure: picks `this` when clicked; drawn selected while picked.
fn cell(ui: &mut egui::Ui, pick: &mut Option<Pick>, this: Pick, text: &str) {
    let on = pick.as_ref() == Some(&this);
    if ui
        .selectable_label(on, text)
        .on_hover_text("List the quotes behind this figure")
        .clicked()
    {
        *pick = Some(this);
    }
}

/// The table of table number `index`: value, quotes, share, agreed; every
/// cell picks its row.
pub fn table(ui: &mut egui::Ui, index: usize, table: &Table, pick: &mut Option<Pick>) {
    ui.vertical(|ui| {
        if table.rows.is_empty() {
            ui.weak("No quotes.");
            return;
        }
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt(("report_table", index))
            .max_height(TABLE_HEIGHT)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, table.rows.len(), |ui, range| {
                egui::Grid::new(("report_grid", index))
                    .striped(true)
                    .num_columns(4)
                    .show(ui, |ui| {
                        for row in &table.rows[range] {
                            let this = Pick::Row {
                                table: index,
                                key: row.key.clone(),
                            };
                            let f = &row.figure;
                            cell(ui, pick, this.clone(), &row.key);
                            cell(ui, pick, this.clone(), &f.count.to_string());
                            cell(ui, pick, this.clone(), &format!("{:.1}%", f.share * 100.0));
                            match f.agreed {
                                Some(a) => cell(ui, pick, this, &format!("{a} agreed")),
                                None => {
                                    ui.label("");
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
    });
}

/// The quotes behind the picked figure; a click opens one.
pub fn quotes(ui: &mut egui::Ui, report: &Report, pick: &Pick, actions: &mut Actions) {
    let Some(figure) = pick.figure(report) else { return };
    ui.strong(format!("{} — {}", pick.title(report), figure_text(figure)));
    if figure.quotes.is_empty() {
        ui.weak("No quotes.");
        return;
    }
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("report_quotes")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, figure.quotes.len(), |ui, range| {
            for &q in &figure.quotes[range] {
                let Some(quote) = report.quotes.get(q) else {
                    continue;
                };
                let who = quote.person.as_deref().unwrap_or("(no speaker)");
                let text = format!("{} · {who}: “{}”", quote.doc_id, quote.text);
                let line = egui::Label::new(text).truncate().sense(egui::Sense::click());
                if ui
                    .add(line)
                    .on_hover_text("Open the document at this quote")
                    .clicked()
                {
                    actions.push(Action::SetDocument(quote.doc));
                    actions.push(Action::Select {
                        id: Some(quote.quote_id.clone()),
                        scroll: true,
                    });
                }
            }
        });
}
