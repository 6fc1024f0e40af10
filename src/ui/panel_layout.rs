//! How wide the side panels may be: the article keeps at least half the
//! window, whatever the panels hold or a saved width says.
//!
//! egui remembers a resizable panel's width (eframe saves it with the
//! window's state) and grows a panel to fit wide content: one long speaker
//! name used to widen the right panel, the width was saved, and every later
//! session opened with the article squeezed to about 320 pixels. Each panel
//! now has a range that depends on the window's width; egui clamps a
//! remembered width into it on every pass (a saved width out of range is
//! clamped when the window opens) and never grows a panel past its maximum.
//! Long names in the panels are elided, with the whole name as a tooltip.

use std::ops::RangeInclusive;

use egui::{Response, RichText, Sense, Ui};

/// The side panels' widths at their defaults (in a 1280-pixel window).
pub const LEFT_DEFAULT: f32 = 300.0;
pub const RIGHT_DEFAULT: f32 = 320.0;
/// Below these a panel is not worth having (unless the window is tiny).
const LEFT_MIN: f32 = 140.0;
const RIGHT_MIN: f32 = 180.0;
/// The share of the window the two panels may take together.
const PANELS_SHARE: f32 = 0.5;

/// The width ranges of the left and right panels in a window `width` wide.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelLimits {
    pub left: RangeInclusive<f32>,
    pub right: RangeInclusive<f32>,
}

/// The panels share half the window in the proportion of their defaults, so
/// the default layout of a 1280-pixel window is unchanged, both maxima
/// together never exceed half the window, and each minimum is its maximum
/// when the window is too narrow for both.
pub fn limits(window_width: f32) -> PanelLimits {
    let budget = (window_width.max(0.0)) * PANELS_SHARE;
    let total = LEFT_DEFAULT + RIGHT_DEFAULT;
    let left_max = budget * LEFT_DEFAULT / total;
    let right_max = budget * RIGHT_DEFAULT / total;
    PanelLimits {
        left: LEFT_MIN.min(left_max)..=left_max,
        right: RIGHT_MIN.min(right_max)..=right_max,
    }
}

/// A clickable link that is elided to the width left in the row, with the
/// whole text as a tooltip when it is cut (a long speaker name).
pub fn elided_link(ui: &mut Ui, text: &str) -> Response {
    let color = ui.visuals().hyperlink_color;
    ui.add(
        egui::Label::new(RichText::new(text).color(color))
            .truncate()
            .sense(Sense::click()),
    )
}

/// A label elided to the width left in the row, the whole text as tooltip.
pub fn elided_label(ui: &mut Ui, text: impl Into<egui::WidgetText>) -> Response {
    ui.add(egui::Label::new(text).truncate())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_keeps_half_the_window_at_any_width() {
        for w in [400.0, 640.0, 800.0, 1024.0, 1280.0, 1920.0, 3840.0] {
            let l = limits(w);
            assert!(l.left.start() <= l.left.end() && l.right.start() <= l.right.end());
            let article = w - l.left.end() - l.right.end();
            assert!(article >= w / 2.0 - 0.01, "{w}: article {article}");
        }
    }

    #[test]
    fn the_default_layout_of_a_1280_window_fits_and_800_shrinks_it() {
        let l = limits(1280.0);
        assert!(l.left.contains(&LEFT_DEFAULT) && l.right.contains(&RIGHT_DEFAULT));
        let small = limits(800.0);
        assert!(*small.left.end() < LEFT_DEFAULT && *small.right.end() < RIGHT_DEFAULT);
        assert_eq!(*small.left.start(), LEFT_MIN);
        assert_eq!(*small.right.start(), RIGHT_MIN);
        // A saved 900-pixel panel comes back within range.
        let clamped = 900.0_f32.clamp(*small.right.start(), *small.right.end());
        assert!(clamped <= 400.0 - *small.left.start());
    }
}
