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
            Ok(())
        }
        "lock-holder" => lock_holder(),
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
