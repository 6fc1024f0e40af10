//! One table's chart: `egui_plot` bars, one per row (the first
//! [`MAX_BARS`] rows, the rest are in the table beside it); for months a
//! timeline (bars in month order and a line through them). A click on a
//! bar's column picks its row.

use egui_plot::{Bar, BarChart, GridMark, Line, Plot, PlotPoint};

use crate::report::{Dimension, Table};

/// Bars drawn at most (a chart of 3,000 people helps nobody; the table
/// beside it has every row).
pub const MAX_BARS: usize = 30;
/// Months drawn at most (20 years).
const MAX_MONTHS: usize = 240;
/// Chars of a row's key under its bar.
const KEY_CHARS: usize = 12;

/// Draws the chart of table number `index` (the bar of row `picked` in a
/// darker colour); returns the key of the row whose bar was clicked. `spots` gets
/// the middle of each bar on screen.
pub fn ui(
    ui: &mut egui::Ui,
    index: usize,
    table: &Table,
    picked: Option<&str>,
    spots: &mut Vec<egui::Pos2>,
) -> Option<String> {
    let timeline = table.dimension == Dimension::Month;
    let shown = &table.rows[..table.rows.len().min(if timeline { MAX_MONTHS } else { MAX_BARS })];
    let (color, picked_color) = if timeline {
        (
            egui::Color32::from_rgb(0x4c, 0x8b, 0xbf),
            egui::Color32::from_rgb(0x1f, 0x4e, 0x79),
        )
    } else {
        (
            egui::Color32::from_rgb(0xd9, 0x8c, 0x3f),
            egui::Color32::from_rgb(0x9c, 0x55, 0x16),
        )
    };
    let bars: Vec<Bar> = shown
        .iter()
        .enumerate()
        .map(|(i, r)| {
            Bar::new(i as f64, r.figure.count as f64)
                .name(&r.key)
                .width(0.7)
                .fill(if picked == Some(r.key.as_str()) {
                    picked_color
                } else {
                    color
                })
        })
        .collect();
    let keys: Vec<String> = shown.iter().map(|r| short(&r.key)).collect();
    let top = shown.iter().map(|r| r.figure.count).max().unwrap_or(0).max(1) as f64;
    let width = (ui.available_width() * 0.55).clamp(220.0, 520.0);
    let response = Plot::new(("report_chart", index))
        .width(width)
        .height(180.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid([false, true])
        .include_y(0.0)
        .include_y(top)
        .include_x(-0.6)
        .include_x(shown.len() as f64 - 0.4)
        .x_axis_formatter(move |mark: GridMark, _| label_at(&keys, mark.value))
        .y_axis_formatter(|mark: GridMark, _| whole(mark.value))
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new(table.title.clone(), bars));
            if timeline && shown.len() > 1 {
                let points: Vec<[f64; 2]> = shown
                    .iter()
                    .enumerate()
                    .map(|(i, r)| [i as f64, r.figure.count as f64])
                    .collect();
                plot.line(Line::new("timeline", points).color(egui::Color32::from_rgb(0x1f, 0x4e, 0x79)));
            }
        });
    spots.clear();
    spots.extend(shown.iter().enumerate().map(|(i, r)| {
        response
            .transform
            .position_from_point(&PlotPoint::new(i as f64, r.figure.count as f64 / 2.0))
    }));
    if !response.response.clicked() {
        return None;
    }
    let at = response.response.interact_pointer_pos()?;
    let x = response.transform.value_from_position(at).x.round();
    if x < 0.0 {
        return None;
    }
    shown.get(x as usize).map(|r| r.key.clone())
}

/// The key of the bar at `x`, or nothing between bars.
fn label_at(keys: &[String], x: f64) -> String {
    if x.fract() != 0.0 || x < 0.0 {
        return String::new();
    }
    keys.get(x as usize).cloned().unwrap_or_default()
}

/// Whole numbers only on the count axis.
fn whole(y: f64) -> String {
    if y.fract() == 0.0 && y >= 0.0 {
        format!("{y}")
    } else {
        String::new()
    }
}

/// A key cut to [`KEY_CHARS`] grapheme clusters (never inside one), with an ellipsis.
fn short(key: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    if key.graphemes(true).nth(KEY_CHARS).is_none() {
        key.to_owned()
    } else {
        let mut s: String = key.graphemes(true).take(KEY_CHARS - 1).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_cut_between_grapheme_clusters() {
        assert_eq!(short("Ms Dick"), "Ms Dick");
        assert_eq!(short("Cressida Dick, QPM"), "Cressida Di…");
        assert_eq!(short("李明"), "李明");
        let scientists = "👩‍🔬".repeat(13);
        assert_eq!(short(&scientists), format!("{}…", "👩‍🔬".repeat(11)));
        let combining = "e\u{301}".repeat(13);
        assert_eq!(short(&combining), format!("{}…", "e\u{301}".repeat(11)));
        assert_eq!(label_at(&["a".into(), "b".into()], 1.0), "b");
        assert_eq!(label_at(&["a".into()], 0.5), "");
        assert_eq!(label_at(&["a".into()], 7.0), "");
        assert_eq!(whole(2.0), "2");
        assert_eq!(whole(2.5), "");
    }
}
