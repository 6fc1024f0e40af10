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

/// Adds the emoji font as the last fallback of both families; calling it
/// again changes nothing.
pub fn install(ctx: &egui::Context) {
    let data = FontData::from_static(NOTO_EMOJI).tweak(FontTweak {
        // As egui scales it: emoji the height of the text's capitals.
        scale: 0.81,
        ..Default::default()
    });
    let families = [FontFamily::Proportional, FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new(EMOJI_FONT, data, families));
}
