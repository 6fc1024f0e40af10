//! Clashes on the project itself in a three-way merge (issue 17): the
//! project's name and annotator, a label's definition, a person attribute,
//! a person of the register and a label renamed two ways. Each is kept in
//! the merged file (format version 5) with every version, ours standing,
//! and settles with ours / theirs / both / neither as one undoable edit.

mod common;

use common::{one_document, said_by, span};
use quotebench::format::{parse_project, project_to_string};
use quotebench::model::{
    AttributeDef, CONFLICTS_FORMAT_VERSION, Edit, EditError, People, Person, Project, ProjectConflict,
    Settle, merge_versions, settle_project_conflict, validate,
};

const TEXT: &str = "Ümit sagte: „Wir schaffen das“ 🇩🇪 und 東京 stimmte zu, قال العمدة.";

fn base() -> Project {
    let mut p = one_document(
        "base",
        "d1",
        TEXT,
        vec![
            span(TEXT, "q1", "Quote", "Wir schaffen das"),
            span(TEXT, "s1", "Speaker", "Ümit"),
            span(TEXT, "m1", "Claim", "東京 stimmte zu"),
        ],
        vec![said_by("r1", "q1", "s1")],
    );
    p.name = "team".into();
    let mut umit = Person::new("Ümit Yılmaz");
    umit.attributes.insert("role".into(), "mayor".into());
    p.people = People::from_vec(vec![umit]);
    p
}

/// One side's changes to everything on the project: the name, the
/// annotator, Claim's colour, a new person attribute `party`, and Ümit's role.
fn side(name: &str, annotator: &str, colour: &str, party: &str, role: &str) -> Project {
    let mut p = base();
    p.name = name.into();
    p.annotator = annotator.into();
    p.tagset
        .labels
        .iter_mut()
        .find(|l| l.name == "Claim")
        .expect("Claim")
        .color = colour.into();
    p.tagset.person_attributes.push(AttributeDef {
        name: "party".into(),
        values: vec![party.into()],
    });
    let mut umit = p.people.get("Ümit Yılmaz").expect("there").clone();
    umit.attributes.insert("role".into(), role.into());
    p.people = People::from_vec(vec![umit]);
    p
}

fn sides() -> (Project, Project) {
    (
        side("Team 🇩🇪", "ana", "#111111", "Grüne", "minister"),
        side("Team 東京", "ben", "#222222", "حزب", "senator"),
    )
}

/// The project's own conflicts in words.
fn described(p: &Project) -> Vec<String> {
    p.conflicts.iter().map(ProjectConflict::describe).collect()
}

fn role(p: &Project) -> Option<String> {
    p.people.get("Ümit Yılmaz")?.attribute("role").map(str::to_string)
}

fn claim_colour(p: &Project) -> String {
    p.tagset.label("Claim").expect("Claim").color.clone()
}

fn party(p: &Project) -> Option<Vec<String>> {
    p.tagset
        .person_attributes
        .iter()
        .find(|a| a.name == "party")
        .map(|a| a.values.clone())
}

#[test]
fn clashes_on_the_project_are_kept_in_the_file_with_ours_standing() {
    let base = base();
    let (ours, theirs) = sides();
    let m = merge_versions(&base, &ours, &theirs);
    assert!(m.needs_a_person());
    assert_eq!(
        described(&m.project),
        [
            "the project name",
            "the annotator",
            "label Claim",
            "person attribute party (added differently on both sides)",
            "person Ümit Yılmaz",
        ]
    );
    // Ours stands until settled, so every annotation keeps a label it knows.
    assert_eq!(m.project.name, "Team 🇩🇪");
    assert_eq!(m.project.annotator, "ana");
    assert_eq!(claim_colour(&m.project), "#111111");
    assert_eq!(party(&m.project), Some(vec!["Grüne".to_string()]));
    assert_eq!(role(&m.project).as_deref(), Some("minister"));
    assert_eq!(validate(&m.project), vec![]);
    // Swapped sides: the same clashes, seen from the other side.
    let swapped = merge_versions(&base, &theirs, &ours);
    let mirrored: Vec<ProjectConflict> = swapped.project.conflicts.iter().map(|c| c.swapped()).collect();
    assert_eq!(mirrored, m.project.conflicts);
    // In the file: version 5, read back as written, and the listing says so.
    let text = project_to_string(&m.project).expect("writes");
    assert!(text.contains(&format!("format_version: {CONFLICTS_FORMAT_VERSION},")));
    let read = parse_project(&text, "merged.qb.ron").expect("opens");
    assert_eq!(read.problems, vec![]);
    assert_eq!(read.project, m.project);
    assert_eq!(
        m.project.conflicts[4].version_text(false),
        "role: senator",
        "theirs' person in words"
    );
}

/// Settles every project conflict of the merge with `take`, one edit each,
/// then undoes them all; returns the settled project.
fn settle_all(take: Settle) -> Project {
    let (ours, theirs) = sides();
    let merged = merge_versions(&base(), &ours, &theirs).project;
    let mut p = merged.clone();
    let mut undo = Vec::new();
    while !p.conflicts.is_empty() {
        let before = p.conflicts.len();
        let edit = settle_project_conflict(&p, 0, take).expect("settles");
        undo.push(edit.apply(&mut p).expect("applies"));
        assert_eq!(p.conflicts.len(), before - 1, "one conflict settled per edit");
        assert_eq!(validate(&p), vec![]);
    }
    let settled = p.clone();
    for inverse in undo.into_iter().rev() {
        inverse.apply(&mut p).expect("undoes");
    }
    assert_eq!(p, merged, "undo brings every conflict and value back");
    settled
}

#[test]
fn theirs_puts_their_versions_in_place() {
    let p = settle_all(Settle::Theirs);
    assert_eq!(p.name, "Team 東京");
    assert_eq!(p.annotator, "ben");
    assert_eq!(claim_colour(&p), "#222222");
    assert_eq!(party(&p), Some(vec!["حزب".to_string()]));
    assert_eq!(role(&p).as_deref(), Some("senator"));
}

#[test]
fn neither_puts_the_base_back_and_ours_or_both_keep_ours() {
    let p = settle_all(Settle::Neither);
    assert_eq!(p.name, "team");
    assert_eq!(p.annotator, "base");
    assert_eq!(claim_colour(&p), claim_colour(&base()));
    assert_eq!(party(&p), None, "the base had no party attribute");
    assert_eq!(role(&p).as_deref(), Some("mayor"));
    for take in [Settle::Ours, Settle::Both] {
        let p = settle_all(take);
        assert_eq!((p.name.as_str(), p.annotator.as_str()), ("Team 🇩🇪", "ana"));
        assert_eq!(claim_colour(&p), "#111111");
        assert_eq!(role(&p).as_deref(), Some("minister"));
    }
}

#[test]
fn a_label_renamed_two_ways_is_a_conflict_settled_by_renaming() {
    let base = base();
    let rename = |to: &str| {
        let mut p = base.clone();
        Edit::RenameLabel {
            from: "Claim".into(),
            to: to.into(),
        }
        .apply(&mut p)
        .expect("renames");
        p
    };
    let m = merge_versions(&base, &rename("Assertion"), &rename("Behauptung"));
    assert_eq!(
        m.project.conflicts,
        [ProjectConflict::LabelRenamed {
            from: "Claim".into(),
            ours: "Assertion".into(),
            theirs: "Behauptung".into(),
        }]
    );
    let label_of_m1 = |p: &Project| p.documents[0].annotation("m1").expect("m1").label.clone();
    assert_eq!(label_of_m1(&m.project), "Assertion");
    for (take, name) in [
        (Settle::Theirs, "Behauptung"),
        (Settle::Neither, "Claim"),
        (Settle::Ours, "Assertion"),
        (Settle::Both, "Assertion"),
    ] {
        let mut p = m.project.clone();
        settle_project_conflict(&p, 0, take)
            .expect("settles")
            .apply(&mut p)
            .expect("applies");
        assert_eq!(label_of_m1(&p), name, "{take:?}");
        assert!(p.tagset.label(name).is_some(), "{take:?}");
        assert!(p.conflicts.is_empty());
        assert_eq!(validate(&p), vec![]);
    }
}

#[test]
fn a_settlement_that_would_remove_a_label_still_used_is_refused() {
    let base = base();
    // Ours recolours Claim and tags another claim; theirs drops the label
    // with its only annotation.
    let mut ours = base.clone();
    ours.tagset
        .labels
        .iter_mut()
        .find(|l| l.name == "Claim")
        .expect("Claim")
        .color = "#abcdef".into();
    Edit::AddAnnotation {
        doc: 0,
        annotation: span(TEXT, "m2", "Claim", "قال العمدة"),
    }
    .apply(&mut ours)
    .expect("adds");
    let mut theirs = base.clone();
    Edit::DeleteAnnotation {
        doc: 0,
        id: "m1".into(),
    }
    .apply(&mut theirs)
    .expect("deletes");
    theirs.tagset.labels.retain(|l| l.name != "Claim");
    let m = merge_versions(&base, &ours, &theirs);
    assert_eq!(
        described(&m.project),
        ["label Claim (removed on one side, changed on the other)"]
    );
    assert_eq!(claim_colour(&m.project), "#abcdef", "the changed version stands");
    assert_eq!(m.project.conflicts[0].version_text(false), "removed");
    assert_eq!(
        settle_project_conflict(&m.project, 0, Settle::Theirs),
        Err(EditError::InUse("label Claim".into()))
    );
    assert_eq!(
        settle_project_conflict(&m.project, 1, Settle::Theirs),
        Err(EditError::NoProjectConflict(1))
    );
}
