//! The emoji font the window ships with: without it emoji are empty boxes
//! (egui 0.37 bundles its emoji fonts only behind a feature, and a machine
//! may have no emoji font of its own), and a reader cannot see what a span
//! tagged. Noto Emoji (monochrome), SIL Open Font License 1.1: the font and
//! its licence are in `assets/fonts/`. It is a fallback: letters come from
//! the text fonts, emoji and flags (its ligatures) from this one.

use egui::{FontData, FontFamily, FontInsert, FontPriority, FontTweak, InsertFontFamily};

/// Noto Emoji, as egui's own optional emoji font (same file).
const NOTO_EMOJI: &[u8] = include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf");

/// The font's name in egui's font definitions.
pub const EMOJI_FONT: &str = "NotoEmoji-Regular";

/// Hebrew and Arabic letters (a subset of DejaVu Sans, Bitstream Vera
/// licence, see `assets/fonts/`): egui's fonts have none, and a quote in
/// either script would be empty boxes.
const RTL_LETTERS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-RTL-subset.ttf");

/// The right-to-left letters' name in egui's font definitions.
pub const RTL_FONT: &str = "DejaVuSans-RTL-subset";

/// Adds the emoji font, then the Hebrew and Arabic letters, as the last
/// fallbacks of both families; calling it
/// again changes nothing.
pub fn install(ctx: &egui::Context) {
    let data = FontData::from_static(NOTO_EMOJI).tweak(FontTweak {
        // As egui scales it: emoji the height of the text's capitals.
        scale: 0.81,
        ..Default::default()
    });
    let families: Vec<InsertFontFamily> = [FontFamily::Proportional, FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new(EMOJI_FONT, data, families.clone()));
    let rtl = FontData::from_static(RTL_LETTERS);
    ctx.add_font(FontInsert::new(RTL_FONT, rtl, families));
}
