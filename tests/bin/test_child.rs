//! `quotebench-test-child ROLE`: the child process that tests/safety.rs
//! starts and kills, so that a real process dies mid-save or holding a
//! lock. No test itself: a binary built only with the `testing` feature
//! (which the tests turn on; `cargo build` leaves it out). Its inputs come
//! from environment variables named in tests/safety_support.

#[path = "../safety_support/mod.rs"]
mod safety_support;

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use quotebench::format::{ProjectLock, RecoveryKey, RecoveryStore, write_atomic};
use safety_support::{LOCKER_CHILD, READY_FILE, RECOVERY_CHILD, SAVER_CHILD, SAVER_SOURCES, small};

type Result = std::result::Result<(), Box<dyn Error>>;

fn main() -> ExitCode {
    let role = std::env::args().nth(1).unwrap_or_default();
    let result = match role.as_str() {
        "saver-loop" => saver_loop(),
        "recovery-writer" => recovery_writer(),
        "print-default-dir" => {
            println!("DIR={:?}", RecoveryStore::default_dir());
            println!("APP_STATE={:?}", quotebench::format::app_state_file());
            Ok(())
        }
        "lock-holder" => lock_holder(),
        "journal-editor" => journal_editor(), // issue 16
        #[cfg(feature = "gui")]
        "window" => window::run(),
        _ => Err(format!("unknown role {role:?}").into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quotebench-test-child {role}: {e}");
            ExitCode::from(2)
        }
    }
}

fn var(name: &str) -> std::result::Result<PathBuf, Box<dyn Error>> {
    std::env::var_os(name)
        .map(PathBuf::from)
        .ok_or_else(|| format!("{name} is not set").into())
}

/// Saves two versions, read from `a.qb.ron` and `b.qb.ron` in the sources
/// folder, over one file, alternately, until killed.
fn saver_loop() -> Result {
    let (path, sources, ready) = (var(SAVER_CHILD)?, var(SAVER_SOURCES)?, var(READY_FILE)?);
    // The parent serialised the versions once (`project_to_string` is slow
    // in a debug build); the loop is all file work, so the kills land in it.
    let a = fs::read(sources.join("a.qb.ron"))?;
    let b = fs::read(sources.join("b.qb.ron"))?;
    write_atomic(&path, &b)?;
    fs::write(ready, "saving")?;
    loop {
        write_atomic(&path, &a)?;
        write_atomic(&path, &b)?;
    }
}

/// Writes a recovery file for `small()`, then waits to be killed.
fn recovery_writer() -> Result {
    let (dir, ready) = (var(RECOVERY_CHILD)?, var(READY_FILE)?);
    let store = RecoveryStore::new(dir);
    let original = Path::new("/projects/interview.qb.ron");
    store.write(&RecoveryKey::for_path(original), &small(), Some(original))?;
    fs::write(ready, "written")?;
    loop {
        std::thread::sleep(Duration::from_secs(1));
    }
}

/// Edits a project (the steps of `journal_edit`), journaling each edit as
/// the window does, and writes after each how many are journaled, until
/// killed (issue 16).
fn journal_editor() -> Result {
    use quotebench::format::{JournalBase, JournalTracker, JournalWriter, load_project};
    use safety_support::{JOURNAL_COUNT, JOURNAL_DIR, JOURNAL_PROJECT, journal_edit};
    let (path, dir, count) = (var(JOURNAL_PROJECT)?, var(JOURNAL_DIR)?, var(JOURNAL_COUNT)?);
    let mut project = load_project(&path)?.project;
    let store = RecoveryStore::new(dir);
    let key = RecoveryKey::for_window(Some(&path));
    let mut journal = JournalWriter::create(&store.journal_path_for(&key), &JournalBase::of_file(&path)?)?;
    let mut tracker = JournalTracker::at(&project);
    let tmp = count.with_extension("tmp");
    for step in 0.. {
        journal_edit(&project, step).apply(&mut project)?;
        if let Some(delta) = tracker.delta(&project) {
            journal.append(&delta)?;
        }
        fs::write(&tmp, (step + 1).to_string())?;
        fs::rename(&tmp, &count)?;
    }
    Ok(())
}

/// Holds a project's lock until killed.
fn lock_holder() -> Result {
    let (project, ready) = (var(LOCKER_CHILD)?, var(READY_FILE)?);
    let _lock = ProjectLock::acquire(&project)?
        .into_lock()
        .ok_or("the project was locked already")?;
    fs::write(ready, "locked")?;
    loop {
        std::thread::sleep(Duration::from_secs(1));
    }
}

/// A Quotebench window without a screen: the real app, its frames run by
/// hand. It opens a project with recovery on (0.2 s instead of 30 s), does
/// what the environment says (see tests/safety_support), then runs no
/// further frame, as a hidden or covered window gets none, and waits for
/// its recovery file to appear (written by the app's own timer, not by a
/// frame). Then it reports ready and waits to be killed.
#[cfg(feature = "gui")]
mod window {
    use super::*;
    use egui::{Event, Key, Modifiers, RawInput};
    use quotebench::ui::{QuotebenchApp, Selection};
    use safety_support::{WINDOW_EDIT_COUNT, WINDOW_LATER, WINDOW_PROJECT, WINDOW_TAGS, WINDOW_WARNED};

    fn frame(ctx: &egui::Context, app: &mut QuotebenchApp, key: Option<Key>) {
        let mut raw = RawInput {
            focused: true,
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            ..RawInput::default()
        };
        if let Some(key) = key {
            raw.events.push(Event::Key {
                key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: Modifiers::NONE,
            });
        }
        // Nothing is painted: the textures are let go on purpose.
        ctx.run_ui(raw, |ui| app.frame_ui(ui)).textures_delta.clear();
    }

    /// Tags `window_edit_span(k)` for k = 0, 1, …, one a frame as the
    /// Quote key does; after each, runs frames until the window's journal
    /// holds it and writes k + 1 to `count` (atomically: a kill never leaves
    /// it half written). Never returns; the test kills it.
    fn edit_until_killed(ctx: &egui::Context, app: &mut QuotebenchApp, count: &Path) -> Result {
        let tmp = count.with_extension("tmp");
        let len = app.ws().document().map_or(0, |d| d.char_len());
        for k in 0.. {
            let (anchor, head) = safety_support::window_edit_span(k);
            if head > len {
                break;
            }
            app.ws_mut().selection = Some(Selection { anchor, head });
            frame(ctx, app, Some(Key::C));
            let changes = app.ws().history.change_count();
            let deadline = std::time::Instant::now() + Duration::from_secs(60);
            while app.safekeeping().journaled_changes() != Some(changes) {
                if std::time::Instant::now() > deadline {
                    return Err(format!("edit {k} was never journaled").into());
                }
                std::thread::sleep(Duration::from_millis(1));
                frame(ctx, app, None);
            }
            fs::write(&tmp, (k + 1).to_string())?;
            fs::rename(&tmp, count)?;
        }
        loop {
            std::thread::sleep(Duration::from_secs(1));
        }
    }

    pub fn run() -> Result {
        let (project, dir, ready) = (var(WINDOW_PROJECT)?, var(RECOVERY_CHILD)?, var(READY_FILE)?);
        let store = RecoveryStore::new(&dir);
        let mut app = QuotebenchApp::with_sample();
        app.enable_recovery_every(RecoveryStore::new(&dir), Duration::from_millis(200));
        app.open_path(&project);
        let ctx = egui::Context::default();
        frame(&ctx, &mut app, None);
        if std::env::var_os(WINDOW_WARNED).is_some() {
            let notice = app.notice().unwrap_or_default();
            if !notice.contains("already open in another Quotebench") {
                return Err(format!("not warned of the other window: {notice:?}").into());
            }
            app.dismiss_notice();
        }
        if let Ok(expected) = std::env::var(WINDOW_LATER) {
            let offered = app.recovery_offered().len();
            if offered.to_string() != expected {
                return Err(format!("offered {offered} recovery files, not {expected}").into());
            }
            frame(&ctx, &mut app, Some(Key::Escape)); // "Later"
            frame(&ctx, &mut app, None);
        }
        if let Some(count) = std::env::var_os(WINDOW_EDIT_COUNT) {
            return edit_until_killed(&ctx, &mut app, Path::new(&count));
        }
        let tags = std::env::var(WINDOW_TAGS).unwrap_or_default();
        let before = app
            .ws()
            .project
            .documents
            .first()
            .map_or(0, |d| d.annotation_count());
        for span in tags.split(',').filter(|s| !s.is_empty()) {
            let (a, b) = span.split_once('-').ok_or("a span is start-end")?;
            app.ws_mut().selection = Some(Selection {
                anchor: a.parse()?,
                head: b.parse()?,
            });
            frame(&ctx, &mut app, Some(Key::C)); // the Quote key
        }
        let expected = app
            .ws()
            .project
            .documents
            .first()
            .map_or(0, |d| d.annotation_count());
        if expected == before {
            return Err("nothing was tagged".into());
        }
        // No frame from here on. The recovery file must appear anyway.
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        let total: usize = app
            .ws()
            .project
            .documents
            .iter()
            .map(|d| d.annotation_count())
            .sum();
        loop {
            let mine = store.list().into_iter().find(|e| {
                e.info()
                    .is_some_and(|i| i.pid == std::process::id() && i.summary.annotations == total)
            });
            if let Some(entry) = mine {
                fs::write(&ready, entry.path.display().to_string())?;
                break;
            }
            if std::time::Instant::now() > deadline {
                return Err("no recovery file was written without frames".into());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        loop {
            std::thread::sleep(Duration::from_secs(1));
        }
    }
}
