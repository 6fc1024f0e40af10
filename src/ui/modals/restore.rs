//! Offers the recovery files a crash left behind: when each was saved and
//! what it holds (in the user's local time); restore, discard or decide
//! later (the button or Escape: the files stay and are offered again).

use crate::format::RecoveryEntry;

/// What the user chose in the restore window.
pub enum RestoreChoice {
    Restore(usize),
    Discard(usize),
    Later,
}

/// The restore window over `entries` (still on disk until discarded).
pub struct Restore {
    pub entries: Vec<RecoveryEntry>,
}

impl Restore {
    pub fn show(&mut self, ctx: &egui::Context) -> Option<RestoreChoice> {
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("restore")).show(ctx, |ui| {
            ui.heading("Restore unsaved work?");
            ui.label("Quotebench did not close normally. This work was not saved:");
            for (i, e) in self.entries.iter().enumerate() {
                ui.separator();
                match e.info() {
                    Some(info) => {
                        let from = info
                            .original_path
                            .as_ref()
                            .map_or("a project that was never saved".to_string(), |p| {
                                p.display().to_string()
                            });
                        ui.label(egui::RichText::new(from).strong());
                        ui.label(format!(
                            "saved {} · {}, {}",
                            local_time(info.saved_at_unix, &jiff::tz::TimeZone::system()),
                            counted(info.summary.documents, "document", "documents"),
                            counted(info.summary.annotations, "annotation", "annotations"),
                        ));
                        if info.other_version {
                            // issue 16: a journal holds changes to the file as it was.
                            ui.colored_label(
                                ui.visuals().warn_fg_color,
                                "The project file has changed since this work was done: restoring \
                                 replays these changes over the file as it is now.",
                            );
                        }
                    }
                    None => {
                        ui.label(format!("{} (damaged: it cannot be read)", e.path.display()));
                    }
                }
                ui.horizontal(|ui| {
                    let label = if e.info().is_some_and(|i| i.other_version) {
                        "Restore anyway"
                    } else {
                        "Restore"
                    };
                    if e.info().is_some() && ui.button(label).clicked() {
                        choice = Some(RestoreChoice::Restore(i));
                    }
                    if ui
                        .button("Discard")
                        .on_hover_text("Delete this recovery file")
                        .clicked()
                    {
                        choice = Some(RestoreChoice::Discard(i));
                    }
                });
            }
            ui.separator();
            // Escape closes the prompt as "Later" does: nothing is thrown away.
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                choice = Some(RestoreChoice::Later);
            }
            if ui
                .button("Later")
                .on_hover_text("Keep the recovery files and decide at the next start")
                .clicked()
            {
                choice = Some(RestoreChoice::Later);
            }
        });
        choice
    }
}

/// `unix` seconds as the user's clock showed them, e.g. "2026-11-26 02:40 CET".
pub fn local_time(unix: u64, zone: &jiff::tz::TimeZone) -> String {
    let Ok(t) = jiff::Timestamp::from_second(i64::try_from(unix).unwrap_or(i64::MAX)) else {
        return format!("at {unix} s since 1970");
    };
    t.to_zoned_datetime(zone.clone())
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// "1 document", "2 documents".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_is_the_users_local_time() {
        // 2026-11-26T01:40:36Z
        let unix = 1_795_657_236;
        let berlin = jiff::tz::TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").expect("zone");
        assert_eq!(local_time(unix, &berlin), "2026-11-26 02:40 CET");
        let kolkata = jiff::tz::TimeZone::posix("IST-5:30").expect("zone");
        assert_eq!(local_time(unix, &kolkata), "2026-11-26 07:10 IST");
        assert_eq!(local_time(unix, &jiff::tz::TimeZone::UTC), "2026-11-26 01:40 UTC");
    }

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(counted(1, "document", "documents"), "1 document");
        assert_eq!(counted(0, "document", "documents"), "0 documents");
        assert_eq!(counted(2, "annotation", "annotations"), "2 annotations");
    }
}
