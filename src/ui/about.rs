//! The About window.

/// The About window; `open` turns false when it is closed.
pub fn window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("About Quotebench").open(open).show(ctx, |ui| {
        ui.label(format!("Quotebench {}", env!("CARGO_PKG_VERSION")));
        ui.label("Annotate quotes, speakers, cues and claims in news articles. Offline, one binary.");
    });
}
