//! Issue 13, document progress and relation attributes in the model: the
//! edits and their exact inverses (through `History`), the three-way merge
//! of both, what `changes` counts, and validation. The random sessions in
//! `props.rs` mix these edits with all the others.

mod common;
use common::{one_document, said_by, span};

use std::collections::BTreeMap;

use quotebench::model::{
    AttributeDef, Conflict, Edit, EditError, History, ProblemKind, Project, Status, changes, merge, validate,
};

const TEXT: &str = "“Vote now,” said Ana to the 委员会. «שלום»";

fn project() -> Project {
    let mut p = one_document(
        "ana",
        "d",
        TEXT,
        vec![
            span(TEXT, "q", "Quote", "“Vote now,”"),
            span(TEXT, "s", "Speaker", "Ana"),
        ],
        vec![said_by("r", "q", "s")],
    );
    p.tagset.relations[0].attributes = vec![
        AttributeDef {
            name: "addressee".into(),
            values: vec![],
        },
        AttributeDef {
            name: "certainty".into(),
            values: vec!["certain".into(), "likely".into()],
        },
    ];
    p
}

fn attrs(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn status_edit_undoes_and_redoes_exactly() {
    let mut p = project();
    let before = p.clone();
    let mut h = History::default();
    h.perform(
        &mut p,
        Edit::SetDocumentStatus {
            doc: 0,
            status: Status::Done,
        },
        "Status",
        None,
    )
    .expect("applies");
    assert_eq!(p.documents[0].status(), Status::Done);
    let after = p.clone();
    let step = h.undo(&mut p).expect("undo").expect("a step");
    assert_eq!(step.doc, Some(0), "undo shows the document it changed");
    assert!(p == before);
    h.redo(&mut p).expect("redo");
    assert!(p == after);
    assert_eq!(
        Edit::SetDocumentStatus {
            doc: 3,
            status: Status::Done
        }
        .apply(&mut p),
        Err(EditError::NoDocument(3))
    );
}

#[test]
fn document_attribute_set_change_remove_each_undoable() {
    let mut p = project();
    let mut h = History::default();
    let mut states = vec![p.clone()];
    for (key, value) in [
        ("topic", Some("élection 🗳")),
        ("section", Some("Politics")),
        ("topic", Some("حكومة")),
        ("section", None),
    ] {
        let edit = Edit::SetDocumentAttribute {
            doc: 0,
            key: key.into(),
            value: value.map(str::to_string),
        };
        h.perform(&mut p, edit, "Attribute", None).expect("applies");
        states.push(p.clone());
    }
    assert_eq!(p.documents[0].attributes(), &attrs(&[("topic", "حكومة")]));
    for want in states.iter().rev().skip(1) {
        h.undo(&mut p).expect("undo");
        assert!(&p == want);
    }
    // An empty (or blank) name is refused and changes nothing.
    let edit = Edit::SetDocumentAttribute {
        doc: 0,
        key: " ".into(),
        value: Some("x".into()),
    };
    assert_eq!(
        h.perform(&mut p, edit, "x", None),
        Err(EditError::EmptyAttributeKey)
    );
    assert!(p == states[0]);
}

#[test]
fn relation_attributes_edit_returns_the_old_map() {
    let mut p = project();
    let inverse = Edit::SetRelationAttributes {
        doc: 0,
        id: "r".into(),
        attributes: attrs(&[("certainty", "likely"), ("addressee", "the 委员会")]),
    }
    .apply(&mut p)
    .expect("applies");
    assert_eq!(
        inverse,
        Edit::SetRelationAttributes {
            doc: 0,
            id: "r".into(),
            attributes: BTreeMap::new()
        }
    );
    let r = p.documents[0].relation("r").expect("r");
    assert_eq!(r.attribute("addressee"), Some("the 委员会"));
    assert!(validate(&p).is_empty(), "{:?}", validate(&p));
    inverse.apply(&mut p).expect("undo");
    assert!(p == project());
    let missing = Edit::SetRelationAttributes {
        doc: 0,
        id: "nope".into(),
        attributes: BTreeMap::new(),
    };
    assert_eq!(missing.apply(&mut p), Err(EditError::NoRelation("nope".into())));
}

#[test]
fn all_three_in_one_batch_are_one_undo_step() {
    let mut p = project();
    let mut h = History::default();
    let batch = Edit::Batch(vec![
        Edit::SetDocumentStatus {
            doc: 0,
            status: Status::NeedsReview,
        },
        Edit::SetDocumentAttribute {
            doc: 0,
            key: "outlet".into(),
            value: Some("Le Monde".into()),
        },
        Edit::SetRelationAttributes {
            doc: 0,
            id: "r".into(),
            attributes: attrs(&[("certainty", "certain")]),
        },
    ]);
    h.perform(&mut p, batch, "Progress", None).expect("applies");
    assert_eq!(p.documents[0].attribute("outlet"), Some("Le Monde"));
    h.undo(&mut p).expect("undo");
    assert!(p == project());
    assert!(!h.can_undo());
    // A failing tail rolls the whole batch back.
    let bad = Edit::Batch(vec![
        Edit::SetDocumentStatus {
            doc: 0,
            status: Status::Done,
        },
        Edit::SetRelationAttributes {
            doc: 0,
            id: "gone".into(),
            attributes: BTreeMap::new(),
        },
    ]);
    assert!(h.perform(&mut p, bad, "x", None).is_err());
    assert!(p == project());
}

#[test]
fn validation_reports_a_relation_attribute_the_kind_does_not_define() {
    let mut p = project();
    Edit::SetRelationAttributes {
        doc: 0,
        id: "r".into(),
        attributes: attrs(&[("mood", "grim"), ("certainty", "maybe")]),
    }
    .apply(&mut p)
    .expect("applies");
    let kinds: Vec<ProblemKind> = validate(&p).into_iter().map(|x| x.kind).collect();
    assert!(kinds.contains(&ProblemKind::UnknownRelationAttribute {
        kind: "said_by".into(),
        name: "mood".into()
    }));
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, ProblemKind::BadAttributeValue { value, .. } if value == "maybe"))
    );
}

fn set(p: &mut Project, e: Edit) {
    e.apply(p).expect("applies");
}

fn status(s: Status) -> Edit {
    Edit::SetDocumentStatus { doc: 0, status: s }
}

fn doc_attr(k: &str, v: Option<&str>) -> Edit {
    Edit::SetDocumentAttribute {
        doc: 0,
        key: k.into(),
        value: v.map(str::to_string),
    }
}

fn rel_attrs(pairs: &[(&str, &str)]) -> Edit {
    Edit::SetRelationAttributes {
        doc: 0,
        id: "r".into(),
        attributes: attrs(pairs),
    }
}

#[test]
fn merge_takes_each_sides_changes_field_by_field() {
    let base = project();
    let (mut disk, mut window) = (base.clone(), base.clone());
    set(&mut disk, status(Status::Done));
    set(&mut disk, doc_attr("topic", Some("vote")));
    set(&mut disk, rel_attrs(&[("certainty", "likely")]));
    set(&mut window, doc_attr("section", Some("News")));
    set(&mut window, rel_attrs(&[("addressee", "the 委员会")]));
    let m = merge(&base, &disk, &window);
    assert_eq!(m.kept_ours, vec![]);
    let d = &m.project.documents[0];
    assert_eq!(d.status(), Status::Done, "the disk's status change");
    assert_eq!(d.attributes(), &attrs(&[("section", "News"), ("topic", "vote")]));
    assert_eq!(
        d.relation("r").expect("r").attributes,
        attrs(&[("addressee", "the 委员会"), ("certainty", "likely")])
    );
    // What each side changed is counted and said.
    let c = changes(&base, &disk);
    assert_eq!(
        (
            c.statuses_changed,
            c.document_attributes_changed,
            c.relations_changed
        ),
        (1, 1, 1)
    );
    assert_eq!(
        c.to_string(),
        "status changed, 1 document attribute changed, 1 relation changed"
    );
}

#[test]
fn merge_of_one_field_changed_differently_on_both_sides_keeps_the_window_and_says_so() {
    let base = project();
    let (mut disk, mut window) = (base.clone(), base.clone());
    set(&mut disk, status(Status::Done));
    set(&mut window, status(Status::NeedsReview));
    let m = merge(&base, &disk, &window);
    assert_eq!(m.project.documents[0].status(), Status::NeedsReview);
    assert_eq!(m.kept_ours, vec![Conflict::Document { doc: "d".into() }]);

    let (mut disk, mut window) = (base.clone(), base.clone());
    set(&mut disk, doc_attr("topic", Some("a")));
    set(&mut window, doc_attr("topic", Some("b")));
    let m = merge(&base, &disk, &window);
    assert_eq!(m.project.documents[0].attribute("topic"), Some("b"));
    assert_eq!(m.kept_ours, vec![Conflict::Document { doc: "d".into() }]);

    let (mut disk, mut window) = (base.clone(), base.clone());
    set(&mut disk, rel_attrs(&[("certainty", "certain")]));
    set(&mut window, rel_attrs(&[("certainty", "likely")]));
    let m = merge(&base, &disk, &window);
    assert_eq!(
        m.project.documents[0]
            .relation("r")
            .expect("r")
            .attribute("certainty"),
        Some("likely")
    );
    assert_eq!(
        m.kept_ours,
        vec![Conflict::Relation {
            doc: "d".into(),
            id: "r".into()
        }]
    );
    // The same change on both sides is no conflict; a removal on one side
    // of what the other left alone is taken.
    let (mut disk, mut window) = (base.clone(), base.clone());
    set(&mut disk, status(Status::Done));
    set(&mut window, status(Status::Done));
    set(&mut window, doc_attr("x", Some("1")));
    assert_eq!(merge(&base, &disk, &window).kept_ours, vec![]);
    let mut base2 = base.clone();
    set(&mut base2, doc_attr("topic", Some("t")));
    let (mut disk, mut window) = (base2.clone(), base2.clone());
    set(&mut disk, doc_attr("topic", None));
    set(&mut window, status(Status::InProgress));
    let m = merge(&base2, &disk, &window);
    assert_eq!(m.project.documents[0].attribute("topic"), None);
    assert_eq!(m.project.documents[0].status(), Status::InProgress);
}

#[test]
fn source_fields_read_as_attributes_unless_the_document_sets_its_own() {
    let mut p = project();
    p.documents[0].source = Some(quotebench::model::Source {
        url: String::new(),
        outlet: "The Daily".into(),
        date: "2018-11-30".into(),
    });
    assert_eq!(p.documents[0].attribute("outlet"), Some("The Daily"));
    assert_eq!(p.documents[0].attribute("url"), None, "empty counts as unset");
    set(&mut p, doc_attr("outlet", Some("Le Monde")));
    assert_eq!(p.documents[0].attribute("outlet"), Some("Le Monde"));
    assert_eq!(
        p.documents[0].attributes_with_source(),
        attrs(&[("date", "2018-11-30"), ("outlet", "Le Monde")])
    );
}
