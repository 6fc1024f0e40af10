//! The three-way merge of project versions (issue 17) on chosen cases: the
//! tag set (a label renamed on one side renames the other side's
//! annotations; a label added on both is there once), a text changed on one
//! side (the other side's annotations re-anchored, what cannot be placed
//! kept aside and reported), and a removal against a change (a conflict,
//! the changed annotation kept with its link).

mod common;

use common::{one_document, said_by, span};
use quotebench::model::{
    Document, Edit, LabelDef, MergeConflict, ProblemKind, Project, REMOVED_IN_THEIRS, merge_versions,
    validate,
};

const TEXT: &str = "Ümit sagte: „Wir schaffen das“ 🇩🇪 und 東京 stimmte zu, said the 👩‍👩‍👧 mayor.";

fn base() -> Project {
    one_document(
        "team",
        "d1",
        TEXT,
        vec![
            span(TEXT, "q1", "Quote", "Wir schaffen das"),
            span(TEXT, "s1", "Speaker", "Ümit"),
            span(TEXT, "m1", "Claim", "東京 stimmte zu"),
        ],
        vec![said_by("r1", "q1", "s1")],
    )
}

fn apply(p: &mut Project, e: Edit) {
    e.apply(p).expect("applies");
}

#[test]
fn a_label_renamed_on_one_side_renames_the_other_sides_annotations() {
    let base = base();
    let mut ours = base.clone();
    apply(
        &mut ours,
        Edit::RenameLabel {
            from: "Claim".into(),
            to: "Assertion".into(),
        },
    );
    let mut theirs = base.clone();
    apply(
        &mut theirs,
        Edit::AddAnnotation {
            doc: 0,
            annotation: span(TEXT, "m2", "Claim", "the 👩‍👩‍👧 mayor"),
        },
    );
    for m in [
        merge_versions(&base, &ours, &theirs),
        merge_versions(&base, &theirs, &ours),
    ] {
        assert_eq!(m.renamed, [("Claim".to_string(), "Assertion".to_string())]);
        let d = &m.project.documents[0];
        assert_eq!(d.annotation("m1").map(|a| a.label.as_str()), Some("Assertion"));
        assert_eq!(d.annotation("m2").map(|a| a.label.as_str()), Some("Assertion"));
        assert!(m.project.tagset.label("Claim").is_none());
        assert!(m.project.tagset.label("Assertion").is_some());
        assert!(
            m.conflicts.is_empty() && m.project.conflicts.is_empty(),
            "{:?}",
            m.project.conflicts
        );
        assert_eq!(validate(&m.project), vec![]);
    }
}

#[test]
fn a_label_added_on_both_sides_is_there_once_and_one_side_only_is_kept() {
    let base = base();
    let evidence = LabelDef {
        name: "Evidence".into(),
        color: "#123456".into(),
        key: "e".into(),
        attributes: Vec::new(),
    };
    let mut ours = base.clone();
    ours.tagset.labels.push(evidence.clone());
    let mut theirs = base.clone();
    theirs.tagset.labels.push(evidence.clone());
    let mut only_theirs = evidence.clone();
    only_theirs.name = "Source".into();
    only_theirs.color = "#654321".into();
    only_theirs.key = "o".into();
    theirs.tagset.labels.push(only_theirs);
    let m = merge_versions(&base, &ours, &theirs);
    let names: Vec<&str> = m.project.tagset.labels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Quote", "Speaker", "Cue", "Claim", "Evidence", "Source"]);
    assert!(!m.needs_a_person());
}

#[test]
fn a_text_changed_on_one_side_re_anchors_the_others_annotations_and_sets_aside_what_is_gone() {
    let base = base();
    // Ours: the article re-imported with a line before it and the city gone.
    let new_text = format!("Berlin (dpa) – {}", TEXT.replace(" und 東京 stimmte zu", ""));
    let (doc, _, _) = Document::from_parts(
        "d1".into(),
        "Win".into(),
        None,
        new_text.clone(),
        vec![
            span(&new_text, "q1", "Quote", "Wir schaffen das"),
            span(&new_text, "s1", "Speaker", "Ümit"),
        ],
        vec![said_by("r1", "q1", "s1")],
    );
    let mut ours = base.clone();
    ours.documents[0] = doc;
    // Theirs tags the mayor (after the change) and notes the claim (gone in ours).
    let mut theirs = base.clone();
    apply(
        &mut theirs,
        Edit::AddAnnotation {
            doc: 0,
            annotation: span(TEXT, "s2", "Speaker", "the 👩‍👩‍👧 mayor"),
        },
    );
    let m = merge_versions(&base, &ours, &theirs);
    let d = &m.project.documents[0];
    assert_eq!(d.text(), new_text);
    let s2 = d.annotation("s2").expect("re-anchored");
    assert_eq!(d.slice(s2.fragments[0].range()), "the 👩‍👩‍👧 mayor");
    assert!(
        m.problems
            .iter()
            .any(|p| p.id.as_deref() == Some("s2") && matches!(p.kind, ProblemKind::Reanchored { .. })),
        "{:?}",
        m.problems
    );
    // The claim ours removed with its text: gone (theirs did not touch it).
    assert!(d.annotation("m1").is_none());
    assert!(!m.needs_a_person());

    // Theirs changed the claim whose text ours removed: it is kept aside
    // (and a conflict: removed in ours, changed in theirs).
    let mut theirs = base.clone();
    let mut m1 = theirs.documents[0].annotation("m1").expect("m1").clone();
    m1.note = "check this".into();
    apply(
        &mut theirs,
        Edit::ReplaceAnnotation {
            doc: 0,
            annotation: m1,
        },
    );
    let m = merge_versions(&base, &ours, &theirs);
    let d = &m.project.documents[0];
    assert!(d.annotation("m1").is_none());
    assert_eq!(
        d.set_aside().iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["m1"]
    );
    assert!(
        m.problems
            .iter()
            .any(|p| p.id.as_deref() == Some("m1") && p.set_aside)
    );
    assert!(m.needs_a_person());
}

#[test]
fn removed_on_one_side_and_changed_on_the_other_is_a_conflict_that_keeps_the_change_and_its_link() {
    let base = base();
    let mut ours = base.clone();
    let mut q1 = ours.documents[0].annotation("q1").expect("q1").clone();
    q1.attributes.insert("kind".into(), "direct".into());
    apply(
        &mut ours,
        Edit::ReplaceAnnotation {
            doc: 0,
            annotation: q1.clone(),
        },
    );
    let mut theirs = base.clone();
    apply(
        &mut theirs,
        Edit::DeleteAnnotation {
            doc: 0,
            id: "q1".into(),
        },
    );
    let m = merge_versions(&base, &ours, &theirs);
    let d = &m.project.documents[0];
    assert_eq!(d.annotation("q1"), Some(&q1));
    assert!(d.relation("r1").is_some(), "the link comes back with it");
    assert_eq!(d.conflicts().len(), 1);
    match &d.conflicts()[0] {
        MergeConflict::Annotation {
            id,
            fields,
            ours,
            theirs,
            ..
        } => {
            assert_eq!(id, "q1");
            assert_eq!(fields, &[REMOVED_IN_THEIRS]);
            assert_eq!(ours.as_ref(), Some(&q1));
            assert_eq!(theirs, &None);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(validate(&m.project), vec![]);
    // Written as version 5 only while the conflict is there.
    assert_eq!(m.project.format_version(), 5);
    assert_eq!(ours.format_version(), 4);
}

/// Base, ours and theirs where both changed q1's note differently.
fn note_clash() -> (Project, Project) {
    let base = base();
    let mut sides = Vec::new();
    for note in ["ours", "theirs"] {
        let mut p = base.clone();
        let mut q1 = p.documents[0].annotation("q1").expect("q1").clone();
        q1.note = note.into();
        apply(
            &mut p,
            Edit::ReplaceAnnotation {
                doc: 0,
                annotation: q1,
            },
        );
        sides.push(p);
    }
    let m = merge_versions(&base, &sides[0], &sides[1]);
    (base, m.project)
}

#[test]
fn a_conflict_settles_with_ours_theirs_both_or_neither_and_undo_brings_it_back() {
    use quotebench::model::{Settle, settle_conflict};
    let (base, merged) = note_clash();
    assert_eq!(merged.documents[0].conflicts().len(), 1);
    assert_eq!(
        merged.documents[0].annotation("q1").map(|a| a.note.as_str()),
        Some("")
    );
    for (take, notes) in [
        (Settle::Ours, vec!["ours"]),
        (Settle::Theirs, vec!["theirs"]),
        (Settle::Both, vec!["ours", "theirs"]),
        (Settle::Neither, vec![""]),
    ] {
        let mut p = merged.clone();
        let edit = settle_conflict(&p, 0, 0, take).expect("settles");
        let undo = edit.apply(&mut p).expect("applies");
        let d = &p.documents[0];
        assert!(d.conflicts().is_empty(), "{take:?}: settled");
        let got: Vec<&str> = ["q1", "q1-theirs"]
            .iter()
            .filter_map(|id| d.annotation(id))
            .map(|a| a.note.as_str())
            .collect();
        assert_eq!(got, notes, "{take:?}");
        assert!(d.relation("r1").is_some(), "{take:?}: the link stays");
        assert_eq!(validate(&p), vec![], "{take:?}");
        assert_eq!(p.format_version(), 4);
        undo.apply(&mut p).expect("undoes");
        assert_eq!(p, merged, "{take:?}: undo gives the conflict back");
    }
    assert!(settle_conflict(&merged, 0, 1, Settle::Ours).is_err());
    let _ = base;
}
