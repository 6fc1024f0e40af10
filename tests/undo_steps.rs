//! Undo and redo show what they changed: each step reports its document and
//! the annotations it touched, and the workspace goes there. A step that
//! cannot be applied is an error that keeps the step, never "nothing to undo".

mod common;

use common::span;
use quotebench::model::{
    CharRange, Document, Edit, EditError, History, Project, Relation, Step, TagSet, names,
};
use quotebench::ui::{Selection, Workspace};

const TEXTS: [&str; 3] = [
    "The first article has no quotes.",
    "“Nothing changes,” the mayor said on Monday.",
    "“We act now,” said the minister. “Or never.”",
];

/// Three documents; the third has a quote linked to its speaker.
fn project() -> Project {
    let mut documents: Vec<Document> = TEXTS
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new(format!("d{i}"), format!("Doc {i}"), *t))
        .collect();
    let text = TEXTS[2];
    let (d, ..) = Document::from_parts(
        "d2".into(),
        "Doc 2".into(),
        None,
        text.into(),
        vec![
            span(text, "q", names::QUOTE, "We act now"),
            span(text, "s", names::SPEAKER, "the minister"),
        ],
        vec![Relation {
            id: "r".into(),
            kind: names::SAID_BY.into(),
            from: "q".into(),
            to: "s".into(),
            attributes: Default::default(),
        }],
    );
    documents[2] = d;
    Project {
        people: Default::default(),
        name: "steps".into(),
        annotator: "tester".into(),
        tagset: TagSet::default(),
        documents,
        conflicts: Vec::new(),
    }
}

fn step(label: &str, doc: Option<usize>, selection: &[&str]) -> Step {
    Step {
        label: label.into(),
        doc,
        selection: selection.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn undo_of_a_tag_in_document_2_reports_document_2_and_the_tag() {
    let original = project();
    let mut p = original.clone();
    let mut h = History::default();
    let cue = span(TEXTS[2], "c", names::CUE, "said");
    let add = Edit::AddAnnotation {
        doc: 2,
        annotation: cue,
    };
    h.perform(&mut p, add, "Tag Cue", None).expect("tag");
    let tagged = p.clone();
    assert_eq!(h.undo(&mut p), Ok(Some(step("Tag Cue", Some(2), &["c"]))));
    assert_eq!(p, original);
    assert_eq!(h.redo(&mut p), Ok(Some(step("Tag Cue", Some(2), &["c"]))));
    assert_eq!(p, tagged);
}

#[test]
fn undo_of_a_delete_reports_the_restored_annotation() {
    let original = project();
    let mut p = original.clone();
    let mut h = History::default();
    let delete = Edit::DeleteAnnotation {
        doc: 2,
        id: "q".into(),
    };
    h.perform(&mut p, delete, "Delete annotation", None)
        .expect("delete");
    assert!(p.documents[2].relation("r").is_none(), "the link went with it");
    let undone = h.undo(&mut p).expect("applies").expect("a step");
    assert_eq!(undone, step("Delete annotation", Some(2), &["q"]));
    assert!(p.documents[2].annotation("q").is_some(), "restored");
    assert_eq!(p, original, "with its link");
}

#[test]
fn undo_of_a_link_or_unlink_reports_both_ends() {
    let mut p = project();
    let mut h = History::default();
    let unlink = Edit::RemoveRelation {
        doc: 2,
        id: "r".into(),
    };
    h.perform(&mut p, unlink, "Remove link", None).expect("unlink");
    assert_eq!(
        h.undo(&mut p),
        Ok(Some(step("Remove link", Some(2), &["q", "s"])))
    );
    let link = Edit::AddRelation {
        doc: 2,
        relation: Relation {
            id: "r2".into(),
            kind: names::SAID_BY.into(),
            from: "q".into(),
            to: "s".into(),
            attributes: Default::default(),
        },
    };
    h.perform(&mut p, link, "Link", None).expect("link");
    assert_eq!(h.undo(&mut p), Ok(Some(step("Link", Some(2), &["q", "s"]))));
}

#[test]
fn a_change_to_the_whole_project_reports_no_document() {
    let mut p = project();
    let mut h = History::default();
    let mut tags = TagSet::default();
    tags.labels.pop();
    h.perform(&mut p, Edit::SetTagSet(tags), "Edit tag set", None)
        .expect("tags");
    assert_eq!(h.undo(&mut p), Ok(Some(step("Edit tag set", None, &[]))));
    assert_eq!(h.undo(&mut p), Ok(None), "nothing more to undo");
    h.redo(&mut p).expect("applies");
    assert_eq!(h.redo(&mut p), Ok(None), "nothing more to redo");
}

#[test]
fn a_batch_reports_its_first_document_and_the_annotations_there() {
    let mut p = project();
    let mut h = History::default();
    let batch = Edit::Batch(vec![
        Edit::AddAnnotation {
            doc: 1,
            annotation: span(TEXTS[1], "q1", names::QUOTE, "Nothing changes"),
        },
        Edit::AddAnnotation {
            doc: 1,
            annotation: span(TEXTS[1], "s1", names::SPEAKER, "the mayor"),
        },
        Edit::DeleteAnnotation {
            doc: 2,
            id: "s".into(),
        },
    ]);
    h.perform(&mut p, batch, "Accept", None).expect("batch");
    assert_eq!(h.undo(&mut p), Ok(Some(step("Accept", Some(1), &["q1", "s1"]))));
}

#[test]
fn an_undo_that_cannot_apply_is_an_error_and_the_step_is_kept() {
    let mut p = project();
    let mut h = History::default();
    let add = Edit::AddAnnotation {
        doc: 2,
        annotation: span(TEXTS[2], "c", names::CUE, "said"),
    };
    h.perform(&mut p, add, "Tag Cue", None).expect("tag");
    // The project changed behind the history's back: document 2 is gone.
    let tagged = p.clone();
    p.documents.truncate(2);
    let changed = p.clone();
    assert_eq!(h.undo(&mut p), Err(EditError::NoDocument(2)));
    assert_eq!(p, changed, "a failed undo changes nothing");
    assert!(h.can_undo(), "the step is kept");
    assert_eq!(h.undo_label(), Some("Tag Cue"));
    assert!(!h.can_redo());
    // Put right, the same step undoes.
    p = tagged;
    assert_eq!(h.undo(&mut p), Ok(Some(step("Tag Cue", Some(2), &["c"]))));
    assert!(p.documents[2].annotation("c").is_none());
}

#[test]
fn the_workspace_goes_to_the_change_on_undo_and_redo() {
    let mut ws = Workspace::new(project(), None);
    ws.set_document(2);
    let said = TEXTS[2].find("said").map(|b| TEXTS[2][..b].chars().count());
    let start = said.expect("said");
    ws.selection = Some(Selection {
        anchor: start,
        head: start + 4,
    });
    let id = ws.tag_selection(names::CUE).expect("tag");
    ws.set_document(0);
    assert_eq!((ws.doc, ws.selected.as_deref()), (0, None));

    // Undo goes back to document 2; the tag is gone, so nothing is selected.
    let undone = ws.undo().expect("applies").expect("a step");
    assert_eq!(undone.selection, vec![id.clone()]);
    assert_eq!((ws.doc, ws.selected.as_deref()), (2, None));
    assert!(ws.document().and_then(|d| d.annotation(&id)).is_none());

    // Redo, from elsewhere, goes there again and selects the tag.
    ws.set_document(1);
    ws.redo().expect("applies").expect("a step");
    assert_eq!((ws.doc, ws.selected.as_deref()), (2, Some(id.as_str())));

    // Deleting it and undoing the delete selects the restored tag.
    ws.delete_selected().expect("delete");
    assert_eq!(ws.selected, None);
    ws.set_document(0);
    ws.undo().expect("applies").expect("a step");
    assert_eq!((ws.doc, ws.selected.as_deref()), (2, Some(id.as_str())));
    let restored = ws.selected_annotation().map(|a| a.hull());
    assert_eq!(restored, Some(CharRange::new(start, start + 4)));
}

#[test]
fn undo_of_an_accepted_suggestion_takes_quote_speaker_cue_and_links_in_one_step() {
    use quotebench::suggest::accept::accept;
    use quotebench::suggest::{QuoteKind, Suggestion, Target};
    let original = project();
    let mut p = original.clone();
    let mut h = History::default();
    let text = TEXTS[1];
    let at = |needle: &str| {
        let s = text[..text.find(needle).expect("in text")].chars().count();
        CharRange {
            start: s,
            end: s + needle.chars().count(),
        }
    };
    let s = Suggestion {
        target: Target::Quote(QuoteKind::Direct),
        fragments: vec![at("“Nothing changes,”")],
        speaker: Some(at("the mayor")),
        cue: Some(at("said")),
        person: Some("The Mayor".into()),
        confidence: 0.97,
        rule: "quote followed by ', X said'".into(),
    };
    let edit = accept(1, &p.documents[1], &p.tagset, &s).expect("accept");
    h.perform(&mut p, edit, "Accept suggestion", None)
        .expect("applies");
    let accepted = p.clone();
    let ids: Vec<String> = p.documents[1]
        .annotations_in_order()
        .map(|a| a.id.clone())
        .collect();
    assert_eq!(ids.len(), 3, "quote, speaker, cue");
    assert_eq!(p.documents[1].relations().count(), 2, "said_by and cue_of");
    let step = h.undo(&mut p).expect("undo").expect("a step");
    assert_eq!(p, original, "one undo removes quote, speaker, cue and links");
    assert_eq!((step.label.as_str(), step.doc), ("Accept suggestion", Some(1)));
    let mut shown = step.selection.clone();
    shown.sort();
    let mut all = ids.clone();
    all.sort();
    assert_eq!(shown, all, "the step names what it took away");
    h.redo(&mut p).expect("redo");
    assert_eq!(p, accepted, "redo brings them back");
}
