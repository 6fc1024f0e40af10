//! `compare` / `agree` on one brat folder per annotator, each holding plain
//! `NAME.ann` files (as a team's export looks): each folder is its own
//! annotator, named after the folder, and a note says so (issue 15).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use quotebench::format::colleagues::read_colleagues;
use quotebench::format::interchange::LabelMap;
use quotebench::review::agreement::{AgreementOptions, agreement};
use quotebench::review::{ReviewSet, layers_of};

const TEXT: &str = "Zoe\u{301} said: “東京 is 👍🏽 fine.” Kim said nothing.\n";

/// `dir/NAME.txt` (unless `with_text` is false) and `dir/NAME.ann`.
fn brat_file(dir: &Path, name: &str, ann: &str, with_text: bool) {
    fs::create_dir_all(dir).expect("mkdir");
    if with_text {
        fs::write(dir.join(format!("{name}.txt")), TEXT).expect("txt");
    }
    fs::write(dir.join(format!("{name}.ann")), ann).expect("ann");
}

/// Ana tags the quote; Bob the quote and a speaker.
fn team(root: &Path, with_text: bool) -> (PathBuf, PathBuf) {
    let (ana, bob) = (root.join("ana"), root.join("bob"));
    brat_file(&ana, "a", "T1\tQuote 11 27\t“東京 is 👍🏽 fine.”\n", with_text);
    brat_file(
        &bob,
        "a",
        "T1\tQuote 11 27\t“東京 is 👍🏽 fine.”\nT2\tSpeaker 0 4\tZoe\u{301}\n",
        with_text,
    );
    (ana, bob)
}

fn annotators(paths: &[PathBuf]) -> (Vec<String>, Vec<String>) {
    let read = read_colleagues(paths, &LabelMap::default()).expect("read");
    let notes = read.notes.clone();
    let set = ReviewSet::build(layers_of(read.projects));
    assert_eq!(set.documents.len(), 1, "the one document lined up");
    (set.annotators, notes)
}

#[test]
fn two_folders_of_plain_ann_files_are_two_annotators_named_after_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ana, bob) = team(dir.path(), true);
    let (who, notes) = annotators(&[ana.clone(), bob]);
    assert_eq!(who, ["ana", "bob"]);
    let said: Vec<&String> = notes
        .iter()
        .filter(|n| n.contains("name no annotator; the folder's name"))
        .collect();
    assert_eq!(said.len(), 2, "{notes:?}");
    assert!(said[0].contains("\"ana\""), "{said:?}");
    // Their spans are their own: Bob's speaker is not Ana's.
    let read = read_colleagues(&[ana, dir.path().join("bob")], &LabelMap::default()).expect("read");
    let counts: Vec<(String, usize)> = read
        .projects
        .iter()
        .map(|c| {
            (
                c.project.annotator.clone(),
                c.project.documents[0].annotation_count(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [("ana".to_string(), 1), ("bob".to_string(), 2)],
        "{:?}",
        read.notes
    );
}

#[test]
fn one_folder_of_annotator_folders_and_shared_texts_work_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    team(dir.path(), true);
    assert_eq!(annotators(&[dir.path().to_path_buf()]).0, ["ana", "bob"]);

    // Texts in a folder of their own, given beside the annotators' folders.
    let other = tempfile::tempdir().expect("tempdir");
    let (ana, bob) = team(other.path(), false);
    let texts = other.path().join("texts");
    fs::create_dir_all(&texts).expect("mkdir");
    fs::write(texts.join("a.txt"), TEXT).expect("txt");
    assert_eq!(annotators(&[ana, bob, texts]).0, ["ana", "bob"]);
}

#[test]
fn one_folder_alone_is_still_one_annotator() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ana, _) = team(dir.path(), true);
    let read = read_colleagues(&[ana], &LabelMap::default()).expect("read");
    assert_eq!(read.projects.len(), 1);
    assert!(
        !read.notes.iter().any(|n| n.contains("the folder's name")),
        "{:?}",
        read.notes
    );
}

#[test]
fn cli_agree_on_two_folders_names_them_and_measures() {
    let dir = tempfile::tempdir().expect("tempdir");
    team(dir.path(), true);
    let out = common::run_cli(dir.path(), &["agree", "ana", "bob", "--json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("the folder's name \"ana\" is taken as the annotator"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let text = json.to_string();
    assert!(text.contains("\"ana\"") && text.contains("\"bob\""), "{text}");
}

/// PolNeAR's annotator-training set laid out as six annotators' folders of
/// plain `NAME.txt` + `NAME.ann`: the same six annotators and the very same
/// figures as the corpus read with its `NAME_ANNOTATOR.ann` names.
#[test]
fn polnear_training_as_six_folders_gives_the_same_agreement() {
    let Some(training) = common::shared_dir("corpora/polnear/annotator-training") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let mut folders: Vec<PathBuf> = Vec::new();
    for entry in fs::read_dir(training.join("attributions")).expect("list") {
        let path = entry.expect("entry").path();
        let stem = path.file_stem().expect("stem").to_string_lossy().into_owned();
        let (name, who) = stem.rsplit_once('_').expect("NAME_ANNOTATOR");
        let folder = dir.path().join(who);
        fs::create_dir_all(&folder).expect("mkdir");
        fs::copy(&path, folder.join(format!("{name}.ann"))).expect("copy ann");
        fs::copy(
            training.join("text").join(format!("{name}.txt")),
            folder.join(format!("{name}.txt")),
        )
        .expect("copy txt");
        if !folders.contains(&folder) {
            folders.push(folder);
        }
    }
    folders.sort();
    assert_eq!(folders.len(), 6);
    let by_folder = read_colleagues(&folders, &LabelMap::polnear()).expect("folders");
    let by_name = read_colleagues(&[training], &LabelMap::polnear()).expect("corpus");
    assert_eq!(
        by_folder
            .notes
            .iter()
            .filter(|n| n.contains("the folder's name"))
            .count(),
        6
    );
    let a = ReviewSet::build(layers_of(by_folder.projects));
    let b = ReviewSet::build(layers_of(by_name.projects));
    assert_eq!(a.annotators, ["4b22", "4e07", "5fec", "6b86", "d473", "ef2d"]);
    assert_eq!(a.annotators, b.annotators);
    assert_eq!(a.documents.len(), 4);
    let opts = AgreementOptions::default();
    let (ra, rb) = (agreement(&a, &opts), agreement(&b, &opts));
    assert_eq!(ra.to_json(), rb.to_json());
    assert!(ra.to_text().contains("4b22"));
}
