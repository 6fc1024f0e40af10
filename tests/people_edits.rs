//! Issue 14, the people register's edits: add, remove, set, rename
//! everywhere, merge two people, split a mention off. Each is one undo step
//! whose undo gives back the project exactly and whose redo the result.

mod common;

use common::{said_by, span};
use proptest::prelude::*;
use quotebench::model::{
    Document, Edit, EditError, History, People, Person, Project, TagSet, names, person_of_speaker,
};

const T0: &str = "“We act now,” said Ms Dick. Cressida Dick 👩‍👩‍👧 agreed. 中文 e\u{301}té";
const T1: &str = "“Never,” said Cressida Dick. מחר said the commissioner.";

fn with_person(mut a: quotebench::model::Annotation, person: &str) -> quotebench::model::Annotation {
    a.attributes.insert(names::PERSON.into(), person.into());
    a
}

/// Two documents: "Ms Dick" and "Cressida Dick" typed as two people, a
/// speaker with no `person` (its text stands for the person), and "the
/// commissioner" pointing to Cressida Dick.
fn project() -> Project {
    let (d0, ..) = Document::from_parts(
        "d0".into(),
        "Zero".into(),
        None,
        T0.into(),
        vec![
            span(T0, "q0", names::QUOTE, "“We act now,”"),
            with_person(span(T0, "s0", names::SPEAKER, "Ms Dick"), "Ms Dick"),
            span(T0, "s1", names::SPEAKER, "Cressida Dick"),
            with_person(span(T0, "s2", names::SPEAKER, "中文"), "中文 person"),
        ],
        vec![said_by("r0", "q0", "s0")],
    );
    let (d1, ..) = Document::from_parts(
        "d1".into(),
        "One".into(),
        None,
        T1.into(),
        vec![
            span(T1, "q1", names::QUOTE, "“Never,”"),
            with_person(span(T1, "s3", names::SPEAKER, "Cressida Dick"), "Cressida Dick"),
            with_person(
                span(T1, "s4", names::SPEAKER, "the commissioner"),
                "Cressida Dick",
            ),
        ],
        vec![said_by("r1", "q1", "s3")],
    );
    let mut dick = Person::new("Cressida Dick");
    dick.aliases = vec!["the commissioner".into()];
    dick.attributes.insert("role".into(), "police".into());
    let mut ms = Person::new("Ms Dick");
    ms.attributes.insert("gender".into(), "woman".into());
    ms.attributes.insert("role".into(), "officer".into());
    let tagset = TagSet {
        person_attributes: vec![quotebench::model::AttributeDef {
            name: "gender".into(),
            values: vec!["woman".into(), "man".into()],
        }],
        ..TagSet::default()
    };
    Project {
        name: "people".into(),
        annotator: "ana".into(),
        tagset,
        documents: vec![d0, d1],
        people: People::from_vec(vec![dick, ms, Person::new("中文 person")]),
        conflicts: Vec::new(),
    }
}

fn person_at(p: &Project, doc: usize, id: &str) -> String {
    person_of_speaker(p.documents[doc].annotation(id).expect("speaker"))
}

/// Performs `edit` as one step, checks undo gives back the project before
/// and redo the project after; returns the project after.
fn one_step(before: &Project, edit: Edit) -> Project {
    let mut p = before.clone();
    let mut h = History::default();
    h.perform(&mut p, edit, "people", None).expect("applies");
    let after = p.clone();
    assert_ne!(after, *before, "the edit changed something");
    h.undo(&mut p).expect("undoes").expect("a step");
    assert!(p == *before, "undo is exact");
    assert!(!h.can_undo(), "one undo step");
    h.redo(&mut p).expect("redoes").expect("a step");
    assert!(p == after, "redo is exact");
    after
}

#[test]
fn merge_moves_speakers_and_joins_aliases_and_attributes_in_one_step() {
    let before = project();
    let after = one_step(
        &before,
        Edit::MergePeople {
            from: "Ms Dick".into(),
            into: "Cressida Dick".into(),
        },
    );
    assert!(after.people.get("Ms Dick").is_none());
    let cd = after.people.get("Cressida Dick").expect("kept");
    assert_eq!(cd.aliases, ["the commissioner", "Ms Dick"]);
    // Cressida Dick's own role stays; the gender she lacked comes along.
    assert_eq!(cd.attribute("role"), Some("police"));
    assert_eq!(cd.attribute("gender"), Some("woman"));
    assert_eq!(person_at(&after, 0, "s0"), "Cressida Dick");
    assert_eq!(person_at(&after, 1, "s4"), "Cressida Dick");
    assert_eq!(after.documents[0].people()[0].0, "Cressida Dick");
}

#[test]
fn rename_reaches_every_document_and_speakers_without_a_person() {
    let before = project();
    let after = one_step(
        &before,
        Edit::RenamePerson {
            from: "Cressida Dick".into(),
            to: "Dame Cressida Dick".into(),
        },
    );
    assert!(after.people.get("Cressida Dick").is_none());
    let d = after.people.get("Dame Cressida Dick").expect("renamed");
    assert_eq!(d.aliases, ["the commissioner"]);
    assert_eq!(d.attribute("role"), Some("police"));
    // s1 had no `person`: its text named her; now the attribute does.
    for (doc, id) in [(0, "s1"), (1, "s3"), (1, "s4")] {
        assert_eq!(person_at(&after, doc, id), "Dame Cressida Dick", "{id}");
    }
    assert_eq!(person_at(&after, 0, "s0"), "Ms Dick");
}

#[test]
fn split_a_mention_off_into_a_new_person() {
    let before = project();
    let after = one_step(
        &before,
        Edit::SplitMention {
            doc: 1,
            id: "s4".into(),
            name: "Mark Rowley".into(),
        },
    );
    assert_eq!(person_at(&after, 1, "s4"), "Mark Rowley");
    let new = after.people.get("Mark Rowley").expect("added");
    assert_eq!(new.aliases, ["the commissioner"]);
    // No other speaker "the commissioner" points to her: the alias leaves.
    assert!(
        after
            .people
            .get("Cressida Dick")
            .expect("kept")
            .aliases
            .is_empty()
    );
    assert_eq!(person_at(&after, 1, "s3"), "Cressida Dick");
}

#[test]
fn add_set_and_remove_a_person_are_steps_too() {
    let before = project();
    let mut hebrew = Person::new("מחר אדם");
    hebrew.attributes.insert("gender".into(), "man".into());
    let added = one_step(&before, Edit::AddPerson(hebrew.clone()));
    assert_eq!(added.people.get("מחר אדם"), Some(&hebrew));
    let mut changed = hebrew.clone();
    changed.aliases.push("מחר".into());
    changed.attributes.insert("role".into(), "👩‍👩‍👧 family".into());
    let set = one_step(&added, Edit::SetPerson(changed.clone()));
    assert_eq!(set.people.get("מחר אדם"), Some(&changed));
    let removed = one_step(
        &set,
        Edit::RemovePerson {
            name: "מחר אדם".into(),
        },
    );
    assert_eq!(removed.people, before.people);
}

#[test]
fn refused_edits_change_nothing() {
    let before = project();
    let cases = [
        (
            Edit::RenamePerson {
                from: "Ms Dick".into(),
                to: "Cressida Dick".into(),
            },
            EditError::DuplicatePerson("Cressida Dick".into()),
        ),
        (
            Edit::RenamePerson {
                from: "Nobody".into(),
                to: "Somebody".into(),
            },
            EditError::NoPerson("Nobody".into()),
        ),
        (
            Edit::MergePeople {
                from: "Ms Dick".into(),
                into: "Ms Dick".into(),
            },
            EditError::SamePerson("Ms Dick".into()),
        ),
        (
            Edit::MergePeople {
                from: "Ms Dick".into(),
                into: "Nobody".into(),
            },
            EditError::NoPerson("Nobody".into()),
        ),
        (Edit::AddPerson(Person::new("  ")), EditError::EmptyPersonName),
        (
            Edit::AddPerson(Person::new("Ms Dick")),
            EditError::DuplicatePerson("Ms Dick".into()),
        ),
        (
            Edit::SplitMention {
                doc: 1,
                id: "s4".into(),
                name: "Cressida Dick".into(),
            },
            EditError::SamePerson("Cressida Dick".into()),
        ),
        (
            Edit::SplitMention {
                doc: 9,
                id: "s4".into(),
                name: "X".into(),
            },
            EditError::NoDocument(9),
        ),
    ];
    for (edit, want) in cases {
        let mut p = before.clone();
        assert_eq!(edit.clone().apply(&mut p), Err(want), "{edit:?}");
        assert!(p == before, "{edit:?} changed the project");
    }
}

/// One of the people edits over the names the project uses.
fn any_edit() -> impl Strategy<Value = Edit> {
    let names = prop::sample::select(vec![
        "Cressida Dick",
        "Ms Dick",
        "中文 person",
        "Mark Rowley",
        "the commissioner",
        "👩‍👩‍👧",
    ]);
    let speakers = prop::sample::select(vec![(0, "s0"), (0, "s1"), (0, "s2"), (1, "s3"), (1, "s4")]);
    prop_oneof![
        (names.clone(), names.clone()).prop_map(|(a, b)| Edit::RenamePerson {
            from: a.into(),
            to: b.into()
        }),
        (names.clone(), names.clone()).prop_map(|(a, b)| Edit::MergePeople {
            from: a.into(),
            into: b.into()
        }),
        (speakers, names.clone()).prop_map(|((doc, id), n)| Edit::SplitMention {
            doc,
            id: id.into(),
            name: n.into()
        }),
        names.clone().prop_map(|n| Edit::AddPerson(Person::new(n))),
        names.prop_map(|n| Edit::RemovePerson { name: n.into() }),
    ]
}

proptest! {
    /// Any sequence of people edits (refused ones skipped) undone step by
    /// step gives back each state in reverse, and redone the final state.
    #[test]
    fn any_sequence_undoes_and_redoes_exactly(edits in prop::collection::vec(any_edit(), 1..12)) {
        let mut p = project();
        let mut h = History::default();
        let mut states = vec![p.clone()];
        for e in edits {
            if h.perform(&mut p, e, "people", None).is_ok() {
                states.push(p.clone());
            }
        }
        let last = p.clone();
        for want in states.iter().rev().skip(1) {
            h.undo(&mut p).expect("undoes").expect("a step");
            prop_assert!(p == *want);
        }
        while h.can_redo() {
            h.redo(&mut p).expect("redoes");
        }
        prop_assert!(p == last);
    }
}
