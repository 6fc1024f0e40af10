//! Nothing the user tagged is lost: a save that fails at any step or is
//! killed midway leaves the old file or the new one, never a torn one; a
//! crash leaves a recovery file that restores the project; a file changed
//! on disk by someone else is noticed; two windows do not edit one file.
//!
//! Some tests run a helper binary (`quotebench-test-child`, from
//! tests/bin/test_child.rs, built only with the `testing` feature that the
//! tests turn on) as a child process, so that a real process can be killed
//! with SIGKILL; it is no test itself.

mod safety_support;

use std::error::Error;
use std::fs;
use std::io::ErrorKind;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use quotebench::format::{
    AutosaveClock, Backup, DiskChange, DiskState, Fault, FaultyIo, FormatError, LockOutcome, ProjectLock,
    RealIo, RecoveryKey, RecoveryState, RecoveryStore, backup_path, load_project, lock_path,
    project_to_string, this_host, write_atomic, write_atomic_with,
};
use quotebench::model::{Document, Project};
use safety_support::{LOCKER_CHILD, READY_FILE, RECOVERY_CHILD, SAVER_CHILD, SAVER_SOURCES, project, small};

type TestResult = Result<(), Box<dyn Error>>;

// ---------------------------------------------------------------- helpers

fn serialise(p: &Project) -> String {
    project_to_string(p).expect("serialise")
}

fn dir_entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The helper binary (tests/bin/test_child.rs), run as a child in `role`.
fn child(role: &str, env: &[(&str, &Path)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_quotebench-test-child"));
    cmd.arg(role)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Waits for `ready` to appear, failing if the child ends first.
fn wait_ready(child: &mut Child, ready: &Path) {
    let deadline = Instant::now() + Duration::from_secs(300);
    while !ready.exists() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the child ended before it was ready: {status}");
        }
        assert!(Instant::now() < deadline, "the child never got ready");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A small deterministic pseudo-random sequence (xorshift), seeded from the
/// clock so that runs vary; the seed is printed to replay a failure.
struct Rng(u64);
impl Rng {
    fn new() -> Self {
        let seed = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
            | 1;
        eprintln!("random seed {seed}");
        Rng(seed)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

// ------------------------------------------------- failing saves (faults)

const ALL_FAULTS: [Fault; 8] = [
    Fault::Create,
    Fault::PartialWrite,
    Fault::DiskFull,
    Fault::BeforeSync,
    Fault::Sync,
    Fault::Backup,
    Fault::BeforeRename,
    Fault::Rename,
];

/// What the message must say for each step, besides the file's name.
fn expected_words(fault: Fault) -> &'static str {
    match fault {
        Fault::Create => "cannot create a temporary file",
        Fault::PartialWrite | Fault::DiskFull => "cannot write",
        Fault::BeforeSync | Fault::Sync => "cannot flush to disk",
        Fault::Backup => "cannot keep the previous version (.bak)",
        Fault::BeforeRename | Fault::Rename => "cannot replace",
        // Tolerated: these saves succeed (see the test below).
        Fault::SyncUnsupported | Fault::SyncDirUnsupported => "",
    }
}

#[test]
fn an_fsync_the_file_system_does_not_support_is_tolerated() -> TestResult {
    let v1 = serialise(&project(1, 5_000, 30, 1));
    let v2 = serialise(&project(2, 8_000, 40, 0));
    for fault in [Fault::SyncUnsupported, Fault::SyncDirUnsupported] {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("work.qb.ron");
        write_atomic(&path, v1.as_bytes())?;
        write_atomic_with(&mut FaultyIo::new(fault), &path, v2.as_bytes(), Backup::Keep)
            .map_err(|e| format!("{fault:?}: the save must go through: {e}"))?;
        assert_eq!(fs::read(&path)?, v2.as_bytes(), "{fault:?}: the new file");
        assert_eq!(
            fs::read(backup_path(&path))?,
            v1.as_bytes(),
            "{fault:?}: the old one as .bak"
        );
        assert_eq!(
            dir_entries(dir.path()),
            ["work.qb.ron", "work.qb.ron.bak"],
            "{fault:?}: no temp files"
        );
    }
    Ok(())
}

#[test]
fn a_save_failing_at_any_step_leaves_the_old_file_intact_and_no_temp_files() -> TestResult {
    let v0 = serialise(&project(1, 5_000, 30, 0));
    let v1 = serialise(&project(1, 5_000, 30, 1));
    let v2 = serialise(&project(2, 8_000, 40, 0));
    for fault in ALL_FAULTS {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("work.qb.ron");
        write_atomic(&path, v0.as_bytes())?;
        write_atomic(&path, v1.as_bytes())?;

        let err = write_atomic_with(&mut FaultyIo::new(fault), &path, v2.as_bytes(), Backup::Keep)
            .expect_err("the fault must make the save fail");

        assert_eq!(
            fs::read(&path)?,
            v1.as_bytes(),
            "{fault:?}: the old file, byte for byte"
        );
        assert_eq!(
            load_project(&path)?.project,
            project(1, 5_000, 30, 1),
            "{fault:?}"
        );
        let bak = fs::read(backup_path(&path))?;
        assert!(
            bak == v0.as_bytes() || bak == v1.as_bytes(),
            "{fault:?}: the .bak is a whole earlier version"
        );
        assert_eq!(
            dir_entries(dir.path()),
            ["work.qb.ron", "work.qb.ron.bak"],
            "{fault:?}: no temp files"
        );
        let message = err.to_string();
        assert!(
            message.contains(&path.display().to_string()),
            "{fault:?}: {message}"
        );
        assert!(message.contains(expected_words(fault)), "{fault:?}: {message}");
        assert!(message.contains("simulated fault"), "{fault:?}: {message}");
        if fault == Fault::DiskFull {
            assert!(
                matches!(&err, FormatError::Io { source, .. } if source.kind() == ErrorKind::StorageFull),
                "{err:?}"
            );
            assert!(message.contains("no space left"), "{message}");
        }

        // The next save, with the fault gone, works.
        write_atomic(&path, v2.as_bytes())?;
        assert_eq!(fs::read(&path)?, v2.as_bytes());
        assert_eq!(fs::read(backup_path(&path))?, v1.as_bytes());
    }
    Ok(())
}

#[test]
fn a_failing_first_save_leaves_nothing_at_all() -> TestResult {
    let bytes = serialise(&small());
    for fault in ALL_FAULTS {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("new.qb.ron");
        let result = write_atomic_with(&mut FaultyIo::new(fault), &path, bytes.as_bytes(), Backup::Keep);
        if fault == Fault::Backup {
            // Nothing to back up on a first save: that step never runs.
            result?;
            assert_eq!(dir_entries(dir.path()), ["new.qb.ron"]);
        } else {
            assert!(result.is_err(), "{fault:?}");
            assert!(
                dir_entries(dir.path()).is_empty(),
                "{fault:?}: {:?}",
                dir_entries(dir.path())
            );
        }
    }
    Ok(())
}

#[test]
fn saving_without_backup_keeps_no_bak() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("x.qbrecovery");
    write_atomic_with(&mut RealIo, &path, b"one", Backup::Skip)?;
    write_atomic_with(&mut RealIo, &path, b"two", Backup::Skip)?;
    assert_eq!(fs::read(&path)?, b"two");
    assert_eq!(dir_entries(dir.path()), ["x.qbrecovery"]);
    Ok(())
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_file_private_if_it_was() -> TestResult {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("private.qb.ron");
    write_atomic(&path, b"one")?;
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600))?;
    write_atomic(&path, b"two")?;
    assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o600);
    Ok(())
}

// ------------------------------------------------ a save killed midway

/// The two versions the saver child alternates between: several MB each.
fn big_projects() -> (Project, Project) {
    (project(2, 1_800_000, 3_000, 0), project(2, 1_800_000, 3_000, 1))
}

#[test]
fn killing_a_save_midway_leaves_the_old_or_the_new_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let sources = tempfile::tempdir()?;
    let path = dir.path().join("big.qb.ron");
    let (pa, pb) = big_projects();
    let (a, b) = (serialise(&pa), serialise(&pb));
    assert!(
        a.len() > 4_000_000 && b.len() > 4_000_000,
        "several MB: {} {}",
        a.len(),
        b.len()
    );
    fs::write(sources.path().join("a.qb.ron"), &a)?;
    fs::write(sources.path().join("b.qb.ron"), &b)?;
    write_atomic(&path, a.as_bytes())?;
    write_atomic(&path, a.as_bytes())?; // so that a .bak exists from the start

    // How long one save takes here, to spread the kills over a few saves.
    let t = Instant::now();
    write_atomic(&path, a.as_bytes())?;
    let save_ms = (t.elapsed().as_millis() as u64).max(5);

    let mut rng = Rng::new();
    let mut seen = [0usize; 2];
    for round in 0..10 {
        let ready = dir.path().join(format!("ready-{round}"));
        let mut saver = child(
            "saver-loop",
            &[
                (SAVER_CHILD, &path),
                (SAVER_SOURCES, sources.path()),
                (READY_FILE, &ready),
            ],
        )
        .spawn()?;
        wait_ready(&mut saver, &ready);
        let delay = rng.below(save_ms * 4);
        std::thread::sleep(Duration::from_millis(delay));
        saver.kill()?;
        saver.wait()?;

        for (what, file) in [("file", path.clone()), (".bak", backup_path(&path))] {
            let bytes = fs::read(&file)?;
            let which = if bytes == a.as_bytes() {
                0
            } else if bytes == b.as_bytes() {
                1
            } else {
                panic!(
                    "round {round} (killed after {delay} ms): the {what} is torn ({} bytes)",
                    bytes.len()
                );
            };
            let loaded = load_project(&file)?.project;
            assert!(
                loaded == pa || loaded == pb,
                "round {round}: the {what} opens as neither version"
            );
            if what == "file" {
                seen[which] += 1;
            }
        }
        // Only our files and, from the killed save, hidden temp files remain.
        for name in dir_entries(dir.path()) {
            assert!(
                ["big.qb.ron", "big.qb.ron.bak"].contains(&name.as_str())
                    || name.starts_with("ready-")
                    || (name.starts_with(".big.qb.ron.") && name.ends_with(".tmp")),
                "unexpected file {name}"
            );
        }
    }
    eprintln!(
        "one save takes ~{save_ms} ms; killed with version A on disk {}x, B {}x",
        seen[0], seen[1]
    );
    Ok(())
}

// -------------------------------------------------------- crash recovery

#[test]
fn a_recovery_file_survives_a_crash_and_restores_the_project() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store_dir = dir.path().join("recovery");
    let original = dir.path().join("speech.qb.ron");
    let p = project(3, 4_000, 25, 1);
    let expected_annotations: usize = p.documents.iter().map(Document::annotation_count).sum();
    {
        let store = RecoveryStore::new(&store_dir);
        let key = RecoveryKey::for_path(&original);
        let written = store.write(&key, &project(1, 100, 1, 0), Some(&original))?;
        let again = store.write(&key, &p, Some(&original))?;
        assert_eq!(written, again, "one recovery file per project");
        // "Crash": the store and key are dropped; nothing is discarded.
    }
    let store = RecoveryStore::new(&store_dir);
    let entries = store.list();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let entry = &entries[0];
    let info = entry.info().expect("readable");
    assert_eq!(info.original_path.as_deref(), Some(original.as_path()));
    assert_eq!(info.summary.documents, 3);
    assert_eq!(info.summary.annotations, expected_annotations);
    assert_eq!(info.summary.name, "Safety v1");
    assert_eq!(info.pid, std::process::id());
    assert!(
        info.saved_at.ends_with('Z') && info.saved_at.len() == 20,
        "{}",
        info.saved_at
    );
    assert!(entry.from_running_instance(), "written by this very process");

    assert_eq!(store.load(entry)?, p);

    store.discard(entry)?;
    assert!(store.list().is_empty());
    store.discard(entry)?; // gone already: fine
    assert!(dir_entries(&store_dir).is_empty(), "no temp or .bak files");
    Ok(())
}

#[test]
fn a_killed_window_leaves_a_recovery_file_offered_only_once_it_is_dead() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store_dir = dir.path().join("recovery");
    let ready = dir.path().join("ready");
    let mut window = child(
        "recovery-writer",
        &[(RECOVERY_CHILD, &store_dir), (READY_FILE, &ready)],
    )
    .spawn()?;
    wait_ready(&mut window, &ready);
    let store = RecoveryStore::new(&store_dir);
    let running = store.list().first().map(|e| e.from_running_instance());
    window.kill()?;
    window.wait()?;
    assert_eq!(running, Some(true), "still running: not a crash, not offered");

    let entries = store.list();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let entry = &entries[0];
    assert!(!entry.from_running_instance(), "its process is gone: offer it");
    let info = entry.info().expect("readable");
    assert_eq!(info.pid, window.id());
    assert_eq!(
        info.original_path.as_deref(),
        Some(Path::new("/projects/interview.qb.ron"))
    );
    assert_eq!(info.summary.documents, 2);
    assert_eq!(info.summary.annotations, 40);
    assert_eq!(store.load(entry)?, small());
    Ok(())
}

#[test]
fn an_unsaved_project_gets_its_own_recovery_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = RecoveryStore::new(dir.path());
    let (k1, k2) = (RecoveryKey::unsaved(), RecoveryKey::unsaved());
    store.write(&k1, &small(), None)?;
    store.write(&k2, &project(1, 500, 3, 0), None)?;
    let entries = store.list();
    assert_eq!(entries.len(), 2);
    assert!(
        entries
            .iter()
            .all(|e| e.info().is_some_and(|i| i.original_path.is_none()))
    );
    store.discard_key(&k1)?;
    let left = store.list();
    assert_eq!(left.len(), 1);
    assert_eq!(store.load(&left[0])?, project(1, 500, 3, 0));
    Ok(())
}

#[test]
fn damaged_recovery_files_are_listed_as_damaged_not_dropped() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = RecoveryStore::new(dir.path());
    let good = store.write(
        &RecoveryKey::for_path(Path::new("/x/good.qb.ron")),
        &small(),
        None,
    )?;
    let cut = store.write(&RecoveryKey::for_path(Path::new("/x/cut.qb.ron")), &small(), None)?;
    let bytes = fs::read(&cut)?;
    fs::write(&cut, &bytes[..bytes.len() - 100])?;
    let flipped = store.write(
        &RecoveryKey::for_path(Path::new("/x/flip.qb.ron")),
        &small(),
        None,
    )?;
    let mut bytes = fs::read(&flipped)?;
    let at = bytes.len() - 50;
    bytes[at] ^= 0x01;
    fs::write(&flipped, &bytes)?;
    let garbage = dir.path().join("garbage.qbrecovery");
    fs::write(&garbage, b"\x00\xffnot a recovery file at all")?;
    let newer = dir.path().join("newer.qbrecovery");
    fs::write(&newer, "QUOTEBENCH RECOVERY 99\n(whatever)\n")?;
    // Not recovery files: ignored.
    fs::write(dir.path().join(".good.qbrecovery.1.2.tmp"), "partial")?;
    fs::write(dir.path().join("notes.txt"), "hello")?;

    let entries = store.list();
    assert_eq!(entries.len(), 5, "{entries:?}");
    let state = |p: &Path| {
        entries
            .iter()
            .find(|e| e.path == p)
            .map(|e| e.state.clone())
            .expect("listed")
    };
    assert!(matches!(state(&good), RecoveryState::Readable(_)));
    for (p, words) in [
        (&cut, "cut short"),
        (&garbage, "not a Quotebench recovery file"),
        (&newer, "newer Quotebench"),
    ] {
        match state(p) {
            RecoveryState::Damaged(why) => assert!(why.contains(words), "{}: {why}", p.display()),
            other => panic!("{}: {other:?}", p.display()),
        }
    }
    // A flipped bit keeps the length: the header reads, loading refuses.
    let entry = entries.iter().find(|e| e.path == flipped).expect("listed");
    let err = store.load(entry).expect_err("damaged");
    assert!(matches!(err, FormatError::Damaged { .. }), "{err:?}");
    assert!(err.to_string().contains("flip"), "{err}");
    for e in entries.iter().filter(|e| e.is_damaged()) {
        let err = store.load(e).expect_err("damaged");
        assert!(err.to_string().contains(&e.path.display().to_string()), "{err}");
    }
    Ok(())
}

#[test]
fn the_recovery_folder_follows_the_environment() -> TestResult {
    let run = |vars: &[(&str, &str)]| -> Result<String, Box<dyn Error>> {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_quotebench-test-child"));
        cmd.arg("print-default-dir").env_clear();
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let out = String::from_utf8(cmd.output()?.stdout)?;
        Ok(out
            .lines()
            .find_map(|l| l.split_once("DIR=").map(|(_, dir)| dir))
            .unwrap_or_default()
            .to_string())
    };
    assert_eq!(
        run(&[
            ("QUOTEBENCH_DATA_DIR", "/data/qb"),
            ("XDG_DATA_HOME", "/xdg"),
            ("HOME", "/home/u")
        ])?,
        "Some(\"/data/qb/recovery\")"
    );
    assert_eq!(
        run(&[("XDG_DATA_HOME", "/xdg"), ("HOME", "/home/u")])?,
        "Some(\"/xdg/quotebench/recovery\")"
    );
    assert_eq!(
        run(&[("XDG_DATA_HOME", "relative/ignored"), ("HOME", "/home/u")])?,
        "Some(\"/home/u/.local/share/quotebench/recovery\")"
    );
    // No variable at all: the system's data folder, from the user's home
    // as the system knows it (on Linux the password database).
    let system = run(&[])?;
    #[cfg(target_os = "linux")]
    assert!(
        system.starts_with("Some(\"/") && system.ends_with("/.local/share/quotebench/recovery\")"),
        "{system}"
    );
    #[cfg(target_os = "macos")]
    assert!(
        system.ends_with("/Library/Application Support/Quotebench/recovery\")"),
        "{system}"
    );
    Ok(())
}

#[test]
fn the_window_state_stays_in_the_data_folder_when_one_is_given() -> TestResult {
    // The window's own state (eframe's app.ron: theme, size, panel widths)
    // follows QUOTEBENCH_DATA_DIR, so the end-to-end script's runs neither
    // read nor change the user's; without it eframe's default place is kept.
    let run = |vars: &[(&str, &str)]| -> Result<String, Box<dyn Error>> {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_quotebench-test-child"));
        cmd.arg("print-default-dir").env_clear();
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let out = String::from_utf8(cmd.output()?.stdout)?;
        Ok(out
            .lines()
            .find_map(|l| l.strip_prefix("APP_STATE="))
            .unwrap_or_default()
            .to_string())
    };
    assert_eq!(
        run(&[("QUOTEBENCH_DATA_DIR", "/data/qb"), ("HOME", "/home/u")])?,
        "Some(\"/data/qb/app.ron\")"
    );
    assert_eq!(run(&[("HOME", "/home/u")])?, "None");
    assert_eq!(
        run(&[("QUOTEBENCH_DATA_DIR", "relative/ignored"), ("HOME", "/home/u")])?,
        "None"
    );
    Ok(())
}

#[test]
fn the_autosave_clock_drives_recovery_writes() -> TestResult {
    // The window's loop in miniature: edit, ask the clock, write, crash.
    let dir = tempfile::tempdir()?;
    let store = RecoveryStore::new(dir.path());
    let key = RecoveryKey::unsaved();
    let t0 = Instant::now();
    let mut clock = AutosaveClock::new();
    let p = small();
    let mut writes = Vec::new();
    for s in 0..=60 {
        let now = t0 + Duration::from_secs(s);
        // Changes at 0 s and 10 s; nothing else.
        if s == 0 || s == 10 {
            clock.changed(now);
        }
        if clock.should_write(now) {
            store.write(&key, &p, None)?;
            clock.written(now);
            writes.push(s);
        }
    }
    assert_eq!(writes, [0, 10], "one write at each change, at once");
    assert_eq!(store.load(&store.list()[0])?, p);
    Ok(())
}

// ---------------------------------------------------- changed on disk

#[test]
fn a_change_on_disk_is_noticed_by_content_not_by_time() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.qb.ron");
    let mine = project(1, 3_000, 20, 0);
    write_atomic(&path, serialise(&mine).as_bytes())?;
    let state = DiskState::read(&path)?;
    assert_eq!(state.len, fs::metadata(&path)?.len());
    assert_eq!(state.changed_since(&path)?, None);

    // Rewritten with the same bytes, or only touched: not a change.
    write_atomic(&path, serialise(&mine).as_bytes())?;
    fs::File::options()
        .write(true)
        .open(&path)?
        .set_modified(SystemTime::now() + Duration::from_secs(60))?;
    assert_eq!(state.changed_since(&path)?, None);

    // Same length, same modification time, one byte different: a change.
    let mut bytes = fs::read(&path)?;
    let mtime = fs::metadata(&path)?.modified()?;
    let at = bytes.iter().position(|&b| b == b'm').expect("an m");
    bytes[at] = b'M';
    fs::write(&path, &bytes)?;
    fs::File::options().write(true).open(&path)?.set_modified(mtime)?;
    assert!(matches!(
        state.changed_since(&path)?,
        Some(DiskChange::Modified { .. })
    ));

    fs::remove_file(&path)?;
    assert_eq!(state.changed_since(&path)?, Some(DiskChange::Deleted));
    Ok(())
}

#[test]
fn a_change_on_disk_is_described_in_annotations_added_and_removed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.qb.ron");
    let mine = project(1, 3_000, 21, 0);
    write_atomic(&path, serialise(&mine).as_bytes())?;
    let state = DiskState::read(&path)?;

    // A colleague saves variant 1: drops q-0-0, q-0-7, q-0-14 (3 removed),
    // adds 3 new ones, changes the notes of some.
    let theirs = project(1, 3_000, 21, 1);
    write_atomic(&path, serialise(&theirs).as_bytes())?;
    let change = state.changed_since(&path)?.expect("changed");
    let diff = change.describe(&path, &mine)?;
    assert_eq!(diff.annotations_added, 3);
    assert_eq!(diff.annotations_removed, 3);
    assert!(diff.annotations_changed > 0);
    assert!(
        diff.to_string()
            .starts_with("on disk: 3 annotations added, 3 removed, "),
        "{diff}"
    );
    let DiskChange::Modified { now } = change else {
        panic!("modified, not deleted")
    };
    assert_eq!(now, DiskState::read(&path)?);
    assert_eq!(now.changed_since(&path)?, None);
    Ok(())
}

#[test]
fn a_broken_file_on_disk_is_reported_not_a_panic() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.qb.ron");
    write_atomic(&path, serialise(&small()).as_bytes())?;
    let state = DiskState::read(&path)?;
    fs::write(&path, "(format_version: 1, documents: [ (")?;
    let change = state.changed_since(&path)?.expect("changed");
    let err = change.describe(&path, &small()).expect_err("broken");
    assert!(err.to_string().contains("p.qb.ron"), "{err}");
    Ok(())
}

// --------------------------------------------------------------- locks

fn write_lock(project: &Path, pid: u32, host: &str) -> TestResult {
    fs::write(
        lock_path(project),
        format!("pid: {pid}\nhost: {host}\nsince: 2026-01-01T00:00:00Z\n"),
    )?;
    Ok(())
}

#[test]
fn a_second_window_sees_the_project_held_and_it_is_free_after_closing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let project = dir.path().join("p.qb.ron");
    let first = ProjectLock::acquire(&project)?;
    assert!(matches!(first, LockOutcome::Acquired(_)), "{first:?}");
    let lock_file = lock_path(&project);
    assert_eq!(lock_file, dir.path().join(".p.qb.ron.lock"));
    let text = fs::read_to_string(&lock_file)?;
    assert!(text.contains(&format!("pid: {}", std::process::id())), "{text}");
    assert!(text.contains(&format!("host: {}", this_host())), "{text}");

    match ProjectLock::acquire(&project)? {
        LockOutcome::HeldByOther { pid, host, since } => {
            assert_eq!(pid, std::process::id());
            assert_eq!(host, this_host());
            assert!(since.ends_with('Z'), "{since}");
        }
        other => panic!("expected held: {other:?}"),
    }
    drop(first);
    assert!(!lock_file.exists(), "released on drop");
    assert!(matches!(
        ProjectLock::acquire(&project)?,
        LockOutcome::Acquired(_)
    ));
    Ok(())
}

#[test]
fn a_lock_naming_a_live_process_here_is_respected() -> TestResult {
    let dir = tempfile::tempdir()?;
    let project = dir.path().join("p.qb.ron");
    // Written by hand: no OS lock, but this process is alive.
    write_lock(&project, std::process::id(), this_host())?;
    let outcome = ProjectLock::acquire(&project)?;
    assert!(
        matches!(&outcome, LockOutcome::HeldByOther { pid, .. } if *pid == std::process::id()),
        "{outcome:?}"
    );
    Ok(())
}

#[test]
fn a_lock_of_a_process_that_ended_is_taken_over() -> TestResult {
    let dir = tempfile::tempdir()?;
    let project = dir.path().join("p.qb.ron");
    let mut gone = Command::new("true").spawn()?;
    let dead = gone.id();
    gone.wait()?;
    write_lock(&project, dead, this_host())?;
    match ProjectLock::acquire(&project)? {
        LockOutcome::TakenOverStale { lock, pid, host } => {
            assert_eq!(pid, Some(dead));
            assert_eq!(host.as_deref(), Some(this_host()));
            let text = fs::read_to_string(lock.path())?;
            assert!(
                text.contains(&format!("pid: {}", std::process::id())),
                "now ours: {text}"
            );
        }
        other => panic!("expected stale: {other:?}"),
    }
    assert!(!lock_path(&project).exists(), "released on drop");
    Ok(())
}

#[test]
fn a_garbage_lock_file_is_stale() -> TestResult {
    for garbage in [
        &b""[..],
        b"\x00\x01\xff\xfe",
        b"pid: many\nhost: ?",
        &[b'x'; 100_000],
    ] {
        let dir = tempfile::tempdir()?;
        let project = dir.path().join("p.qb.ron");
        fs::write(lock_path(&project), garbage)?;
        let outcome = ProjectLock::acquire(&project)?;
        if garbage.is_empty() {
            assert!(matches!(outcome, LockOutcome::Acquired(_)), "{outcome:?}");
        } else {
            assert!(
                matches!(
                    outcome,
                    LockOutcome::TakenOverStale {
                        pid: None,
                        host: None,
                        ..
                    }
                ),
                "{outcome:?}"
            );
        }
    }
    Ok(())
}

#[test]
fn a_lock_from_another_machine_is_respected_until_the_user_takes_over() -> TestResult {
    let dir = tempfile::tempdir()?;
    let project = dir.path().join("p.qb.ron");
    let other = format!("not-{}", this_host());
    write_lock(&project, 4242, &other)?;
    let outcome = ProjectLock::acquire(&project)?;
    assert!(
        matches!(&outcome, LockOutcome::HeldByOther { pid: 4242, host, .. } if *host == other),
        "{outcome:?}"
    );
    let outcome = ProjectLock::take_over(&project)?;
    assert!(
        matches!(&outcome, LockOutcome::TakenOverStale { pid: Some(4242), .. }),
        "{outcome:?}"
    );
    let lock = outcome.into_lock().expect("held");
    lock.release()?;
    assert!(!lock_path(&project).exists());
    Ok(())
}

#[test]
fn of_many_windows_opening_at_once_exactly_one_gets_the_lock() -> TestResult {
    let dir = tempfile::tempdir()?;
    let project = dir.path().join("p.qb.ron");
    let barrier = std::sync::Barrier::new(8);
    let outcomes: Vec<LockOutcome> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                s.spawn(|| {
                    barrier.wait();
                    ProjectLock::acquire(&project)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread").expect("acquire"))
            .collect()
    });
    let held = outcomes
        .iter()
        .filter(|o| !matches!(o, LockOutcome::HeldByOther { .. }))
        .count();
    assert_eq!(held, 1, "{outcomes:?}");
    Ok(())
}

#[test]
fn a_lock_held_by_another_process_is_freed_when_that_process_is_killed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let project = dir.path().join("p.qb.ron");
    let ready = dir.path().join("ready");
    let mut holder = child("lock-holder", &[(LOCKER_CHILD, &project), (READY_FILE, &ready)]).spawn()?;
    wait_ready(&mut holder, &ready);
    let pid = holder.id();
    let outcome = ProjectLock::acquire(&project)?;
    let held = matches!(&outcome, LockOutcome::HeldByOther { pid: p, .. } if *p == pid);
    holder.kill()?;
    holder.wait()?;
    assert!(held, "{outcome:?}");
    // Killed without a chance to clean up: its lock file is still there.
    assert!(lock_path(&project).exists());
    let outcome = ProjectLock::acquire(&project)?;
    assert!(
        matches!(&outcome, LockOutcome::TakenOverStale { pid: Some(p), .. } if *p == pid),
        "{outcome:?}"
    );
    Ok(())
}
