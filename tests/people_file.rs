//! Issue 14, the people register in the project file (format version 4):
//! the register and the tag set's person attributes are saved and read back;
//! an older file's speakers' `person` attributes become register entries,
//! with the mentions seen as aliases.

use quotebench::format::{load_project, parse_project, project_to_string, save_project};
use quotebench::model::{AttributeDef, Edit, FORMAT_VERSION, People, Person, TagSet};

const V3: &str = include_str!("fixtures/people/v3.qb.ron");

#[test]
fn a_version_3_file_gains_a_register_from_its_speakers() {
    assert!(V3.contains("format_version: 3,"));
    let loaded = parse_project(V3, "v3").expect("opens");
    assert_eq!(loaded.problems, vec![]);
    let p = &loaded.project;
    let names: Vec<&str> = p.people.iter().map(|x| x.name.as_str()).collect();
    // Ana's speaker has no `person` attribute: no entry for her.
    assert_eq!(names, ["Cressida Dick"]);
    let cd = p.people.get("Cressida Dick").expect("entry");
    assert_eq!(cd.aliases, ["Ms Dick", "the commissioner"]);
    assert!(cd.attributes.is_empty());
    // Saved: version 4 with the register; reopened: the same project.
    let written = project_to_string(p).expect("writes");
    assert!(written.contains(&format!("\n    format_version: {FORMAT_VERSION},\n")));
    assert!(
        written.contains(
            "\n    people: [\n        (name: \"Cressida Dick\", aliases: [\"Ms Dick\", \"the commissioner\"]),\n    ],\n"
        ),
        "{written}"
    );
    let again = parse_project(&written, "v4").expect("reopens").project;
    assert!(again == *p);
}

#[test]
fn the_register_and_person_attributes_round_trip_through_save_and_reopen() {
    let mut p = parse_project(V3, "v3").expect("opens").project;
    let tagset = TagSet {
        person_attributes: vec![
            AttributeDef {
                name: "gender".into(),
                values: vec!["woman".into(), "man".into(), "non-binary".into()],
            },
            AttributeDef {
                name: "role".into(),
                values: vec![],
            },
        ],
        ..TagSet::default()
    };
    Edit::SetTagSet(tagset.clone()).apply(&mut p).expect("tag set");
    let mut ana = Person::new("Ana 👩‍👩‍👧 \"Ruiz\"");
    ana.aliases = vec!["Ana".into(), "מחר".into(), "e\u{301}té 中文".into()];
    ana.attributes.insert("gender".into(), "woman".into());
    ana.attributes
        .insert("role".into(), "=HYPERLINK(\"x\")\nminister".into());
    Edit::AddPerson(ana.clone()).apply(&mut p).expect("add");
    Edit::AddPerson(Person::new("<script>alert(1)</script>"))
        .apply(&mut p)
        .expect("add");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("people.qb.ron");
    save_project(&p, &path).expect("saves");
    let loaded = load_project(&path).expect("reopens");
    assert_eq!(loaded.problems, vec![]);
    let q = loaded.project;
    assert_eq!(q.tagset.person_attributes, tagset.person_attributes);
    assert_eq!(q.people.get(&ana.name), Some(&ana));
    assert_eq!(q.people.len(), 3);
    assert!(q == p, "the project came back as it was saved");
    // Version 4 files are not migrated again: the register is the file's.
    let text = std::fs::read_to_string(&path).expect("read");
    let emptied = text.replace(
        "(name: \"Cressida Dick\", aliases: [\"Ms Dick\", \"the commissioner\"]),\n",
        "",
    );
    assert_ne!(emptied, text);
    let r = parse_project(&emptied, "x").expect("opens").project;
    assert!(r.people.get("Cressida Dick").is_none());
}

#[test]
fn an_empty_register_and_no_person_attributes_leave_no_trace_in_the_file() {
    let mut p = parse_project(V3, "v3").expect("opens").project;
    p.people = People::default();
    let written = project_to_string(&p).expect("writes");
    assert!(!written.contains("people:"), "{written}");
    assert!(!written.contains("person_attributes:"), "{written}");
}

#[test]
fn a_bad_register_is_a_located_syntax_error_not_a_panic() {
    let text = V3.replace("format_version: 3,", "format_version: 4,").replace(
        "    documents: [",
        "    people: [(aliases: [])],\n    documents: [",
    );
    let err = parse_project(&text, "x").expect_err("a person needs a name");
    let line = text.lines().position(|l| l.contains("people:")).expect("line") + 1;
    assert!(err.to_string().contains(&format!(":{line}:")), "{err}");
}

#[test]
fn reload_and_three_way_merge_carry_the_register() {
    use quotebench::model::{History, merge, replace_project};
    let base = parse_project(V3, "v3").expect("opens").project;
    let mut disk = base.clone();
    let mut hers = Person::new("Ana 👩‍👩‍👧");
    hers.attributes.insert("gender".into(), "woman".into());
    Edit::AddPerson(hers.clone()).apply(&mut disk).expect("add");
    Edit::RemovePerson {
        name: "Cressida Dick".into(),
    }
    .apply(&mut disk)
    .expect("remove");
    // Reload: the window takes the disk's version, one undoable step.
    let mut window = base.clone();
    let mut h = History::default();
    let edit = replace_project(&window, disk.clone()).expect("they differ");
    h.perform(&mut window, edit, "reload", None).expect("applies");
    assert!(window == disk);
    h.undo(&mut window).expect("undo").expect("step");
    assert!(window == base);
    // Merge: the disk changed the register, the window did not.
    let merged = merge(&base, &disk, &base);
    assert_eq!(merged.project.people, disk.people);
    assert!(merged.kept_ours.is_empty());
}

/// A brat, XMI or Label Studio import reads speakers' `person` attributes
/// into the register, the mentions as aliases; a `person` value that is a
/// known alias points to that person. (doccano and Prodigy JSONL carry no
/// span attributes.)
#[test]
fn imports_fill_the_register_from_person_attributes() {
    use quotebench::format::interchange::{
        ExportFormat, ImportFormat, ImportOptions, LabelMap, export, import,
    };
    let mut p = parse_project(V3, "v3").expect("opens").project;
    // A second speaker typed as "Ms Dick" (an alias of Cressida Dick).
    let mut s3 = p.documents[0].annotation("s3").expect("s3").clone();
    s3.attributes.insert("person".into(), "Ms Dick".into());
    Edit::ReplaceAnnotation {
        doc: 0,
        annotation: s3,
    }
    .apply(&mut p)
    .expect("replace");
    for (format, back, name) in [
        (ExportFormat::Brat, ImportFormat::Brat, "out"),
        (ExportFormat::Xmi, ImportFormat::Xmi, "out"),
        (ExportFormat::LabelStudio, ImportFormat::LabelStudio, "out.json"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join(name);
        export(&p, format, &out).expect("export");
        let paths = vec![out.clone()];
        let opts = ImportOptions {
            format: Some(back),
            map: LabelMap::default(),
            annotator: None,
        };
        let r = import(&paths, &opts, &|_, _| {}).expect("import");
        let q = &r.projects[0];
        let names: Vec<&str> = q.people.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Cressida Dick"], "{format:?}");
        let cd = q.people.get("Cressida Dick").expect("entry");
        for alias in ["Ms Dick", "the commissioner", "Ana"] {
            assert!(
                cd.aliases.iter().any(|a| a == alias),
                "{format:?}: {alias} in {cd:?}"
            );
        }
        let d = q.documents.iter().find(|d| d.id == "d1").expect("d1");
        let ana = d
            .annotations()
            .find(|a| a.covered_text() == "Ana")
            .expect("Ana's speaker");
        assert_eq!(ana.attribute("person"), Some("Cressida Dick"), "{format:?}");
    }
}
