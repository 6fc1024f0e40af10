//! Work in windows that are killed comes back (issue 11, items 1, 3 and 5),
//! with real processes: each window is the real app in a child process
//! (`quotebench-test-child window`, tests/bin/test_child.rs) that tags spans,
//! then runs no further frame, as a hidden window gets none, waits for its
//! recovery file and is killed with SIGKILL. The next start is the app in
//! this process, and its restore prompt is read with kittest.
#![cfg(feature = "gui")]

mod safety_support;

use std::collections::BTreeSet;
use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::format::{RecoveryEntry, RecoveryStore, parse_project, save_project};
use quotebench::model::Project;
use quotebench::ui::QuotebenchApp;
use safety_support::{
    READY_FILE, RECOVERY_CHILD, WINDOW_EDIT_COUNT, WINDOW_LATER, WINDOW_PROJECT, WINDOW_TAGS, WINDOW_WARNED,
    window_edit_span,
};

type TestResult = Result<(), Box<dyn Error>>;

/// A copy of the shipped sample project, as a user would open one.
fn sample_copy(dir: &Path) -> Result<(PathBuf, Project), Box<dyn Error>> {
    let path = dir.join("sample.qb.ron");
    let project = parse_project(quotebench::SAMPLE_PROJECT, "sample.qb.ron")?.project;
    save_project(&project, &path)?;
    Ok((path, project))
}

/// A headless window on `project` in a child process; `env` as in
/// tests/safety_support (tags to make, "Later", the lock warning).
fn window(project: &Path, store: &Path, ready: &Path, env: &[(&str, &str)]) -> std::io::Result<Child> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_quotebench-test-child"));
    cmd.arg("window")
        .env(WINDOW_PROJECT, project)
        .env(RECOVERY_CHILD, store)
        .env(READY_FILE, ready)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn()
}

/// Waits until the child has written its recovery file (it says so in
/// `ready`), failing if it ends first.
fn wait_ready(child: &mut Child, ready: &Path) -> TestResult {
    let deadline = Instant::now() + Duration::from_secs(300);
    while !ready.exists() {
        if let Some(status) = child.try_wait()? {
            return Err(format!("the window ended before its recovery file was written: {status}").into());
        }
        if Instant::now() > deadline {
            return Err("the window never wrote its recovery file".into());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Ok(())
}

/// Kills the window as `kill -9` does (Child::kill sends SIGKILL on Unix).
fn kill(mut child: Child) -> TestResult {
    child.kill()?;
    child.wait()?;
    Ok(())
}

/// The spans (start, end) of the first document's annotations.
fn spans(p: &Project) -> BTreeSet<(usize, usize)> {
    p.documents
        .first()
        .map(|d| {
            d.annotations()
                .filter_map(|a| Some((a.fragments.first()?.start, a.fragments.last()?.end)))
                .collect()
        })
        .unwrap_or_default()
}

/// The spans `p` has that `base` has not.
fn added(base: &Project, p: &Project) -> BTreeSet<(usize, usize)> {
    spans(p).difference(&spans(base)).copied().collect()
}

/// The recovery files of `pid`.
fn of_pid(entries: &[RecoveryEntry], pid: u32) -> Vec<&RecoveryEntry> {
    entries
        .iter()
        .filter(|e| e.info().is_some_and(|i| i.pid == pid))
        .collect()
}

/// The next start: the app on `path`, its restore prompt shown.
fn next_start(store: &Path, path: &Path) -> Harness<'static, QuotebenchApp> {
    let mut app = QuotebenchApp::with_sample();
    app.enable_recovery(RecoveryStore::new(store));
    app.open_path(path);
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .build_eframe(move |_cc| app);
    h.run();
    h
}

#[test]
fn later_keeps_the_crash_file_new_work_goes_to_a_new_one_and_the_next_start_offers_both() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store_dir = dir.path().join("recovery");
    let (path, base) = sample_copy(dir.path())?;
    let store = RecoveryStore::new(&store_dir);

    // Session 1: tag two spans, the recovery file is written, kill -9.
    let ready = dir.path().join("ready1");
    let mut first = window(&path, &store_dir, &ready, &[(WINDOW_TAGS, "0-5,6-12")])?;
    wait_ready(&mut first, &ready)?;
    let first_pid = first.id();
    kill(first)?;
    let entries = store.list();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(!entries[0].from_running_instance());
    let crash_file = entries[0].path.clone();
    let crash_bytes = fs::read(&crash_file)?;
    let first_work = added(&base, &store.load(&entries[0])?);
    assert_eq!(first_work, BTreeSet::from([(0, 5), (6, 12)]));

    // Session 2 on the same file: offered the one file, "Later", tag
    // something else, its recovery file is written, kill -9.
    let ready = dir.path().join("ready2");
    let mut second = window(
        &path,
        &store_dir,
        &ready,
        &[(WINDOW_LATER, "1"), (WINDOW_TAGS, "20-30")],
    )?;
    wait_ready(&mut second, &ready)?;
    let second_pid = second.id();
    kill(second)?;

    // The first session's file is untouched; the second wrote a new one.
    assert_eq!(
        fs::read(&crash_file)?,
        crash_bytes,
        "the offered file was written over"
    );
    let entries = store.list();
    assert_eq!(entries.len(), 2, "{entries:?}");
    let (a, b) = (of_pid(&entries, first_pid), of_pid(&entries, second_pid));
    assert_eq!((a.len(), b.len()), (1, 1), "{entries:?}");
    assert_eq!(added(&base, &store.load(a[0])?), first_work);
    assert_eq!(added(&base, &store.load(b[0])?), BTreeSet::from([(20, 30)]));

    // The next start offers both.
    let h = next_start(&store_dir, &path);
    h.get_by_label("Restore unsaved work?");
    assert_eq!(h.state().recovery_offered().len(), 2);
    assert_eq!(
        h.query_all_by_label("Restore").count(),
        2,
        "a Restore button each"
    );
    Ok(())
}

#[test]
fn two_windows_on_one_project_both_killed_both_come_back() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store_dir = dir.path().join("recovery");
    let (path, base) = sample_copy(dir.path())?;
    let store = RecoveryStore::new(&store_dir);

    let ready_a = dir.path().join("ready-a");
    let mut a = window(&path, &store_dir, &ready_a, &[(WINDOW_TAGS, "0-5")])?;
    wait_ready(&mut a, &ready_a)?;
    // The second window opens while the first holds the project: it is
    // warned, edits anyway, and has a recovery file of its own.
    let ready_b = dir.path().join("ready-b");
    let mut b = window(
        &path,
        &store_dir,
        &ready_b,
        &[(WINDOW_WARNED, "1"), (WINDOW_TAGS, "20-30")],
    )?;
    let b_ready = wait_ready(&mut b, &ready_b);
    let (pid_a, pid_b) = (a.id(), b.id());
    kill(a)?;
    kill(b)?;
    b_ready?;

    let entries = store.list();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(entries.iter().all(|e| !e.from_running_instance()));
    let (from_a, from_b) = (of_pid(&entries, pid_a), of_pid(&entries, pid_b));
    assert_eq!((from_a.len(), from_b.len()), (1, 1), "{entries:?}");
    assert_eq!(added(&base, &store.load(from_a[0])?), BTreeSet::from([(0, 5)]));
    assert_eq!(added(&base, &store.load(from_b[0])?), BTreeSet::from([(20, 30)]));

    // The next start offers both windows' work; restoring each gives it back.
    let mut h = next_start(&store_dir, &path);
    assert_eq!(h.state().recovery_offered().len(), 2);
    h.query_all_by_label("Restore")
        .next()
        .ok_or("no Restore button")?
        .click();
    h.run();
    let mut restored = added(&base, &h.state().ws().project);
    // Restoring the other over this unsaved work asks first; Save keeps it.
    h.get_by_label("Restore").click();
    h.run();
    h.get_by_label_contains("first?");
    h.get_by_label("Save").click();
    for _ in 0..2000 {
        h.step();
        if !h.state().saving() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run();
    // The file changed (that save): the other window's journal was over the
    // version before, so the window asks again before replaying it.
    h.get_by_label_contains("has changed since this work was done");
    h.get_by_label("Restore anyway").click();
    h.run();
    let on_disk = quotebench::format::load_project(&path)?.project;
    assert_eq!(added(&base, &on_disk), restored, "the first restored work, saved");
    restored.extend(added(&base, &h.state().ws().project));
    assert_eq!(restored, BTreeSet::from([(0, 5), (20, 30)]));
    Ok(())
}

/// The spans of the window's first `n` edits (tests/bin/test_child.rs).
fn first_edits(n: usize) -> BTreeSet<(usize, usize)> {
    (0..n).map(window_edit_span).collect()
}

#[test]
fn a_window_killed_at_random_points_while_editing_comes_back_with_its_last_journaled_edit() -> TestResult {
    // Issue 16: every edit is journaled at once, so a crash loses at most
    // the edit being appended. The window (the real app, one edit a frame,
    // focused all along) writes how many edits its journal holds after
    // each; it is killed at a random moment, and the next start restores.
    let mut below = safety_support::random_below();
    let dir = tempfile::tempdir()?;
    let (path, base) = sample_copy(dir.path())?;
    for round in 0..4 {
        let store_dir = dir.path().join(format!("recovery-{round}"));
        let store = RecoveryStore::new(&store_dir);
        let count = dir.path().join(format!("count-{round}"));
        let ready = dir.path().join(format!("ready-{round}"));
        let mut child = window(
            &path,
            &store_dir,
            &ready,
            &[(WINDOW_EDIT_COUNT, &count.display().to_string())],
        )?;
        let deadline = Instant::now() + Duration::from_secs(300);
        while !count.exists() {
            if let Some(status) = child.try_wait()? {
                return Err(format!("round {round}: the window ended: {status}").into());
            }
            if Instant::now() > deadline {
                return Err(format!("round {round}: the window never journaled an edit").into());
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let delay = below(1500);
        std::thread::sleep(Duration::from_millis(delay));
        let pid = child.id();
        kill(child)?;
        let reported: usize = fs::read_to_string(&count)?.trim().parse()?;

        let entries = store.list();
        assert_eq!(entries.len(), 1, "round {round}: {entries:?}");
        assert!(!entries[0].from_running_instance());
        assert_eq!(of_pid(&entries, pid).len(), 1);
        let recovered = store.load(&entries[0])?;
        // The count is written after the append is known done: the journal
        // holds that many edits, or one more when the kill fell between.
        let n = added(&base, &recovered).len();
        assert!(
            (n == reported || n == reported + 1) && added(&base, &recovered) == first_edits(n),
            "round {round} (killed after {delay} ms, {reported} edits reported): recovered edits {:?}",
            added(&base, &recovered)
        );
        assert_eq!(
            recovered.documents.get(1..),
            base.documents.get(1..),
            "round {round}: only the first document was edited"
        );

        // The next start offers it; Restore gives that state back in the window.
        let mut h = next_start(&store_dir, &path);
        h.get_by_label("Restore unsaved work?");
        h.get_by_label("Restore").click();
        h.run();
        assert_eq!(
            h.state().ws().project,
            recovered,
            "round {round}: restored in the window"
        );
        assert!(h.state().ws().is_dirty());
        eprintln!("round {round}: killed after {delay} ms, {reported} edits reported, {n} recovered");
    }
    Ok(())
}
