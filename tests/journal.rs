//! The recovery journal (issue 16): the edits since the last save are
//! appended, the documents they touched only, and replayed over the saved
//! file at the next start; a torn last record is left out; a journal of
//! another version of the file is refused until the user says so; and a
//! process killed at any point while editing leaves a journal that gives
//! back the last state it journaled.

#[path = "safety_support/mod.rs"]
mod safety_support;

use std::error::Error;
use std::fs;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use quotebench::format::{
    FormatError, JournalBase, JournalTracker, JournalWriter, RecoveryKey, RecoveryStore, read_journal,
    save_project,
};
use quotebench::model::{Project, Status};
use safety_support::{JOURNAL_COUNT, JOURNAL_DIR, JOURNAL_PROJECT, journal_base, journal_edit};

type TestResult = Result<(), Box<dyn Error>>;

/// `base` after the journal steps `0..n`.
fn after(base: &Project, n: usize) -> Project {
    let mut p = base.clone();
    for step in 0..n {
        journal_edit(&p, step).apply(&mut p).expect("each step applies");
    }
    p
}

struct Setup {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: RecoveryStore,
    key: RecoveryKey,
}

fn setup(base: &Project) -> Result<Setup, Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("news.qb.ron");
    save_project(base, &path)?;
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let key = RecoveryKey::for_window(Some(&path));
    Ok(Setup {
        _dir: dir,
        path,
        store,
        key,
    })
}

/// Applies `steps` and journals each; returns the project and the file's
/// length after each record.
fn journal_steps(s: &Setup, base: &Project, steps: usize) -> Result<(Project, Vec<u64>), Box<dyn Error>> {
    let mut p = base.clone();
    let mut journal =
        JournalWriter::create(&s.store.journal_path_for(&s.key), &JournalBase::of_file(&s.path)?)?;
    let mut tracker = JournalTracker::at(&p);
    let mut lens = Vec::new();
    for step in 0..steps {
        journal_edit(&p, step).apply(&mut p)?;
        let delta = tracker.delta(&p).expect("the step changed something");
        assert_eq!(delta.documents(), 1, "step {step}: only the document it touched");
        journal.append(&delta)?;
        lens.push(fs::metadata(journal.path())?.len());
    }
    assert!(tracker.delta(&p).is_none(), "nothing more to journal");
    Ok((p, lens))
}

#[test]
fn a_journal_replays_the_edits_over_the_saved_file() -> TestResult {
    let base = journal_base();
    let s = setup(&base)?;
    let (edited, lens) = journal_steps(&s, &base, 20)?;
    assert_ne!(edited, base);
    // A record holds one document of six, not the project.
    let file = fs::metadata(&s.path)?.len();
    assert!(
        lens[1] - lens[0] < file / 3,
        "{} bytes for one edit of a {file}-byte project",
        lens[1] - lens[0]
    );
    let entries = s.store.list();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let info = entries[0].info().expect("readable");
    assert_eq!(
        info.original_path.as_deref(),
        Some(std::path::absolute(&s.path)?.as_path())
    );
    assert_eq!(info.summary.documents, 6);
    assert_eq!(
        info.summary.annotations,
        edited
            .documents
            .iter()
            .map(|d| d.annotation_count())
            .sum::<usize>()
    );
    assert_eq!(s.store.load(&entries[0])?, edited);
    assert_eq!(edited.documents[0].status(), Status::InProgress, "step 6 set it");
    Ok(())
}

#[test]
fn deltas_that_queued_up_are_appended_in_one_write_each_a_record() -> TestResult {
    let base = journal_base();
    let s = setup(&base)?;
    let mut p = base.clone();
    let mut journal =
        JournalWriter::create(&s.store.journal_path_for(&s.key), &JournalBase::of_file(&s.path)?)?;
    let mut tracker = JournalTracker::at(&p);
    let mut deltas = Vec::new();
    for step in 0..5 {
        journal_edit(&p, step).apply(&mut p)?;
        deltas.push(tracker.delta(&p).expect("changed"));
    }
    journal.append_all(&deltas[..3])?;
    journal.append_all(&[])?;
    journal.append_all(&deltas[3..])?;
    let file = read_journal(&fs::read(journal.path())?)?;
    assert_eq!((file.records, file.torn_bytes), (5, 0));
    assert_eq!(s.store.load(&s.store.list()[0])?, p);
    assert_eq!(p, after(&base, 5));
    Ok(())
}

#[test]
fn a_torn_last_record_is_left_out() -> TestResult {
    let base = journal_base();
    let s = setup(&base)?;
    let (_, lens) = journal_steps(&s, &base, 5)?;
    let journal = s.store.journal_path_for(&s.key);
    // Cut short anywhere inside the last record: the four before it count.
    for cut in [lens[3] + 1, lens[3] + 40, lens[4] - 1] {
        let f = fs::OpenOptions::new().write(true).open(&journal)?;
        f.set_len(cut)?;
        let read = read_journal(&fs::read(&journal)?)?;
        assert_eq!(read.records, 4);
        assert_eq!(read.torn_bytes as u64, cut - lens[3]);
        assert_eq!(s.store.load(&s.store.list()[0])?, after(&base, 4), "cut at {cut}");
    }
    // A byte changed inside a record ends the replay before it.
    let mut bytes = fs::read(&journal)?;
    bytes.truncate(lens[3] as usize);
    let at = lens[1] as usize + 60;
    bytes[at] = bytes[at].wrapping_add(1);
    fs::write(&journal, &bytes)?;
    assert_eq!(s.store.load(&s.store.list()[0])?, after(&base, 2));
    Ok(())
}

#[test]
fn a_journal_of_another_version_of_the_file_asks_first() -> TestResult {
    let base = journal_base();
    let s = setup(&base)?;
    let (edited, _) = journal_steps(&s, &base, 4)?;
    // Someone saved another version over the file since.
    let mut other = base.clone();
    other.name = "Changed elsewhere".into();
    save_project(&other, &s.path)?;
    let entry = &s.store.list()[0];
    match s.store.load(entry) {
        Err(FormatError::JournalOfOtherVersion { original, .. }) => {
            assert!(original.ends_with("news.qb.ron"), "{original}");
        }
        other => panic!("not refused: {other:?}"),
    }
    // Asked and confirmed: the edits over the file as it is now.
    let replayed = s.store.load_journal(entry, true)?;
    assert_eq!(replayed.name, "Changed elsewhere");
    assert_eq!(replayed.documents, edited.documents);
    Ok(())
}

#[test]
fn a_project_never_saved_is_journaled_whole_then_by_edit() -> TestResult {
    let base = journal_base();
    let dir = tempfile::tempdir()?;
    let store = RecoveryStore::new(dir.path());
    let key = RecoveryKey::for_window(None);
    let mut journal = JournalWriter::create(&store.journal_path_for(&key), &JournalBase::new(None, 0, 0))?;
    let mut tracker = JournalTracker::default();
    let mut p = base.clone();
    let first = tracker.delta(&p).expect("all of it");
    assert_eq!(first.documents(), 6);
    journal.append(&first)?;
    journal_edit(&p, 0).apply(&mut p)?;
    let second = tracker.delta(&p).expect("the edit");
    assert_eq!(second.documents(), 1);
    journal.append(&second)?;
    assert_eq!(store.load(&store.list()[0])?, p);
    // Saved: the journal goes with the recovery file.
    store.discard_key(&key)?;
    assert!(store.list().is_empty());
    assert!(!store.journal_path_for(&key).exists());
    Ok(())
}

#[test]
fn killing_an_editor_at_random_points_leaves_its_last_journaled_state() -> TestResult {
    let base = journal_base();
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("news.qb.ron");
    save_project(&base, &path)?;
    let store_dir = dir.path().join("recovery");
    let store = RecoveryStore::new(&store_dir);
    let mut below = safety_support::random_below();
    let mut states = vec![base.clone()];
    for round in 0..6 {
        let count = dir.path().join(format!("count-{round}"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_quotebench-test-child"))
            .arg("journal-editor")
            .env(JOURNAL_PROJECT, &path)
            .env(JOURNAL_DIR, &store_dir)
            .env(JOURNAL_COUNT, &count)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let deadline = Instant::now() + Duration::from_secs(120);
        while !count.exists() {
            if let Some(status) = child.try_wait()? {
                panic!("round {round}: the editor ended: {status}");
            }
            assert!(Instant::now() < deadline, "the editor never journaled");
            std::thread::sleep(Duration::from_millis(2));
        }
        let delay = below(300);
        std::thread::sleep(Duration::from_millis(delay));
        child.kill()?;
        child.wait()?;
        let reported: usize = fs::read_to_string(&count)?.trim().parse()?;
        while states.len() < reported + 2 {
            let mut next = states[states.len() - 1].clone();
            journal_edit(&next, states.len() - 1).apply(&mut next)?;
            states.push(next);
        }
        let entries = store.list();
        assert_eq!(entries.len(), 1, "round {round}: {entries:?}");
        let recovered = store.load(&entries[0])?;
        // The count is written after the append: the journal holds that
        // many steps, or one more when the kill fell between the two.
        assert!(
            recovered == states[reported] || recovered == states[reported + 1],
            "round {round} (killed after {delay} ms, {reported} steps reported): the recovered project is \
             not the last journaled state"
        );
        store.discard(&entries[0])?;
    }
    Ok(())
}

#[test]
fn settling_a_clash_on_the_project_is_journaled_and_replayed() -> TestResult {
    use quotebench::model::{ProjectConflict, Settle, settle_project_conflict};
    let mut base = journal_base();
    base.conflicts = vec![
        ProjectConflict::Name {
            base: "news".into(),
            ours: base.name.clone(),
            theirs: "Nachrichten 東京".into(),
        },
        ProjectConflict::Annotator {
            base: "x".into(),
            ours: base.annotator.clone(),
            theirs: "بن".into(),
        },
    ];
    let s = setup(&base)?;
    let mut p = base.clone();
    let mut journal =
        JournalWriter::create(&s.store.journal_path_for(&s.key), &JournalBase::of_file(&s.path)?)?;
    let mut tracker = JournalTracker::at(&p);
    settle_project_conflict(&p, 0, Settle::Theirs)?.apply(&mut p)?;
    let delta = tracker.delta(&p).expect("the project changed");
    assert_eq!(delta.documents(), 0, "only the top of the project");
    journal.append(&delta)?;
    assert_eq!(p.name, "Nachrichten 東京");
    assert_eq!(p.conflicts.len(), 1);
    let entries = s.store.list();
    assert_eq!(
        s.store.load(&entries[0])?,
        p,
        "name and what is left to settle replayed"
    );
    Ok(())
}
