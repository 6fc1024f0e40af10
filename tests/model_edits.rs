//! The annotation model as a user meets it through edits: spans that overlap
//! and nest, quotes in several pieces, undo/redo of every kind of change, and
//! character offsets over text that is not plain ASCII.

use std::collections::BTreeMap;

use quotebench::model::{
    Annotation, CharRange, Document, Edit, EditError, Fragment, History, LabelDef, ProblemKind, Project,
    Relation, TagSet, validate,
};

// ---------------------------------------------------------------- helpers

/// Undoes through `h`; the label of the step undone, `None` if there was none.
/// A step that exists but does not apply fails the test.
fn undo(h: &mut History, p: &mut Project) -> Option<String> {
    h.undo(p).expect("the step applies").map(|s| s.label)
}

/// Redoes through `h`, like [`undo`].
fn redo(h: &mut History, p: &mut Project) -> Option<String> {
    h.redo(p).expect("the step applies").map(|s| s.label)
}

/// An annotation over `ranges` of `doc`, each fragment storing the text it covers.
fn ann(doc: &Document, id: &str, label: &str, ranges: &[(usize, usize)]) -> Annotation {
    Annotation {
        id: id.into(),
        label: label.into(),
        fragments: ranges
            .iter()
            .map(|&(start, end)| Fragment {
                start,
                end,
                text: doc.slice(CharRange::new(start, end)).to_string(),
            })
            .collect(),
        attributes: BTreeMap::new(),
        note: String::new(),
        created: "2024-01-01T00:00:00Z".into(),
        modified: "2024-01-01T00:00:00Z".into(),
        annotators: Vec::new(),
        origin: None,
    }
}

fn with_attr(mut a: Annotation, name: &str, value: &str) -> Annotation {
    a.attributes.insert(name.into(), value.into());
    a
}

fn rel(id: &str, kind: &str, from: &str, to: &str) -> Relation {
    Relation {
        id: id.into(),
        kind: kind.into(),
        from: from.into(),
        to: to.into(),
        attributes: Default::default(),
    }
}

/// Char offset of the first occurrence of `needle` in `text`, and its end.
fn find(text: &str, needle: &str) -> (usize, usize) {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn add(p: &mut Project, doc: usize, a: Annotation) {
    Edit::AddAnnotation { doc, annotation: a }
        .apply(p)
        .expect("add annotation");
}

fn link(p: &mut Project, doc: usize, r: Relation) {
    Edit::AddRelation { doc, relation: r }
        .apply(p)
        .expect("add relation");
}

/// Ids of the annotations whose fragments overlap `[start, end)`, sorted.
fn ids_in(doc: &Document, start: usize, end: usize) -> Vec<String> {
    let mut v: Vec<String> = doc
        .index()
        .fragments_in(CharRange::new(start, end))
        .map(|(_, id)| id.to_string())
        .collect();
    v.sort();
    v.dedup();
    v
}

fn innermost(doc: &Document, offset: usize) -> Option<&str> {
    doc.innermost_at(offset).map(|a| a.id.as_str())
}

/// The position index agrees with the annotations: every fragment is found
/// where it is and reading order lists each annotation once. `Project`'s
/// equality does not look at the index, so undo tests check it here.
fn assert_index_matches(p: &Project) {
    for d in &p.documents {
        let all: Vec<(CharRange, String)> = d
            .index()
            .fragments_in(CharRange::new(0, d.char_len() + 1))
            .map(|(r, id)| (r, id.to_string()))
            .collect();
        let mut expected: Vec<(CharRange, String)> = d
            .annotations()
            .flat_map(|a| a.fragments.iter().map(|f| (f.range(), a.id.clone())))
            .collect();
        let mut got = all.clone();
        got.sort();
        expected.sort();
        assert_eq!(got, expected, "index of document {} is stale", d.id);
        let order: Vec<&str> = d.annotations_in_order().map(|a| a.id.as_str()).collect();
        assert_eq!(order.len(), d.annotation_count(), "reading order of {}", d.id);
        let mut sorted: Vec<&Annotation> = d.annotations().collect();
        sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let sorted: Vec<&str> = sorted.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(order, sorted, "reading order of {}", d.id);
    }
}

const ARTICLE: &str = "Ms Dick said “a very high proportion” of killings involved gangs. \
“It is half a step on,” she told the committee. “This is a small change.”";

/// A project with one tagged article: an indirect quote with a nested claim,
/// and a direct quote in two fragments around its attribution.
fn tagged_project() -> Project {
    let mut p = Project::from_text("Dick at the committee", ARTICLE, "tester");
    let d = &p.documents[0];
    let ms_dick = find(ARTICLE, "Ms Dick");
    let said = find(ARTICLE, "said");
    let quote1 = (find(ARTICLE, "“a very").0, find(ARTICLE, "involved gangs").1);
    let claim = find(ARTICLE, "a very high proportion");
    let frag1 = find(ARTICLE, "It is half a step on");
    let she = find(ARTICLE, "she");
    let told = find(ARTICLE, "told the committee");
    let frag2 = find(ARTICLE, "This is a small change.");
    let anns = vec![
        with_attr(ann(d, "s1", "Speaker", &[ms_dick]), "person", "Cressida Dick"),
        ann(d, "c1", "Cue", &[said]),
        with_attr(ann(d, "q1", "Quote", &[quote1]), "kind", "mixed"),
        with_attr(ann(d, "m1", "Claim", &[claim]), "check_worthy", "yes"),
        with_attr(ann(d, "q2", "Quote", &[frag1, frag2]), "kind", "direct"),
        with_attr(ann(d, "s2", "Speaker", &[she]), "person", "Cressida Dick"),
        ann(d, "c2", "Cue", &[told]),
    ];
    for a in anns {
        add(&mut p, 0, a);
    }
    for r in [
        rel("r1", "said_by", "q1", "s1"),
        rel("r2", "cue_of", "c1", "q1"),
        rel("r3", "said_by", "q2", "s2"),
        rel("r4", "cue_of", "c2", "q2"),
    ] {
        link(&mut p, 0, r);
    }
    assert_eq!(validate(&p), vec![], "the fixture itself is clean");
    p
}

/// Performs `edit` through a History, checks it changed the project, then that
/// undo restores the original exactly and redo the edited project exactly (twice).
fn check_undo_redo(original: &Project, edit: Edit, label: &str) -> Project {
    let mut p = original.clone();
    let mut h = History::default();
    h.perform(&mut p, edit, label, None)
        .unwrap_or_else(|e| panic!("{label}: {e}"));
    let edited = p.clone();
    assert_ne!(&edited, original, "{label} changed nothing");
    assert_index_matches(&edited);
    assert!(h.can_undo() && !h.can_redo());
    assert_eq!(h.undo_label(), Some(label));
    for _ in 0..2 {
        assert_eq!(undo(&mut h, &mut p).as_deref(), Some(label));
        assert_eq!(&p, original, "undo of {label}");
        assert_index_matches(&p);
        assert!(!h.can_undo() && h.can_redo());
        assert_eq!(h.redo_label(), Some(label));
        assert_eq!(redo(&mut h, &mut p).as_deref(), Some(label));
        assert_eq!(p, edited, "redo of {label}");
        assert_index_matches(&p);
    }
    edited
}

// ------------------------------------------------- overlapping and nested

#[test]
fn nested_and_overlapping_spans_coexist_and_are_found() {
    let mut p = tagged_project();
    let claim = find(ARTICLE, "a very high proportion");
    let quote1 = (find(ARTICLE, "“a very").0, find(ARTICLE, "involved gangs").1);
    // A span that crosses the end of q1 without containing or being contained.
    let crossing = (find(ARTICLE, "involved").0, find(ARTICLE, "“It is").1);
    let a = ann(&p.documents[0], "m2", "Claim", &[crossing]);
    add(&mut p, 0, a);
    // And one with exactly the same range as the nested claim.
    let a = ann(&p.documents[0], "m0", "Claim", &[claim]);
    add(&mut p, 0, a);
    assert_eq!(validate(&p), vec![]);
    let d = &p.documents[0];

    // Hovering inside the nested claim finds the claim, not the quote around it;
    // ties in length go to the smaller id.
    assert_eq!(innermost(d, claim.0 + 3), Some("m0"));
    // Inside the quote but outside the claim: the quote.
    assert_eq!(innermost(d, find(ARTICLE, "of killings").0), Some("q1"));
    // Where the quote and the crossing claim overlap, the shorter one wins.
    assert!(crossing.1 - crossing.0 < quote1.1 - quote1.0);
    assert_eq!(innermost(d, crossing.0 + 1), Some("m2"));
    // Past the end of q1 only the crossing claim is left.
    assert_eq!(innermost(d, quote1.1 + 1), Some("m2"));
    // Ends are exclusive: the char right after "Ms Dick" is a space, untagged.
    assert_eq!(innermost(d, find(ARTICLE, "Ms Dick").1), None);
    assert_eq!(innermost(d, 0).map(str::to_owned), Some("s1".into()));

    // A range query returns every span touching it, nested or crossing.
    assert_eq!(ids_in(d, claim.0, claim.0 + 1), ["m0", "m1", "q1"]);
    assert_eq!(ids_in(d, quote1.1 - 1, quote1.1 + 1), ["m2", "q1"]);
    assert_eq!(ids_in(d, 0, find(ARTICLE, "“a very").0 + 1), ["c1", "q1", "s1"]);
    // A query that starts where a span ends does not return it.
    let said = find(ARTICLE, "said");
    assert_eq!(ids_in(d, said.1, said.1 + 1), Vec::<String>::new());
    // Fragments come back with their own ranges.
    let hits: Vec<(CharRange, &str)> = d
        .index()
        .fragments_in(CharRange::new(claim.0, claim.0 + 1))
        .collect();
    assert!(hits.contains(&(CharRange::new(claim.0, claim.1), "m1")));
    assert!(hits.contains(&(CharRange::new(quote1.0, quote1.1), "q1")));

    // Removing the nested claims exposes the quote again.
    Edit::DeleteAnnotation {
        doc: 0,
        id: "m0".into(),
    }
    .apply(&mut p)
    .expect("remove");
    Edit::DeleteAnnotation {
        doc: 0,
        id: "m1".into(),
    }
    .apply(&mut p)
    .expect("remove");
    assert_eq!(innermost(&p.documents[0], claim.0 + 3), Some("q1"));
    assert_index_matches(&p);
}

#[test]
fn a_long_span_is_found_far_from_its_ends() {
    // A whole-article claim, hundreds of chars long, with short spans inside.
    let text = "word ".repeat(400);
    let mut p = Project::from_text("long", &text, "tester");
    let d = &p.documents[0];
    let long = ann(d, "long", "Claim", &[(0, 1_900)]);
    let short = ann(d, "short", "Cue", &[(1_500, 1_504)]);
    add(&mut p, 0, long);
    add(&mut p, 0, short);
    let d = &p.documents[0];
    assert_eq!(innermost(d, 1_200), Some("long"));
    assert_eq!(innermost(d, 1_501), Some("short"));
    assert_eq!(innermost(d, 1_950), None);
    assert_eq!(ids_in(d, 1_800, 1_801), ["long"]);
    assert_eq!(ids_in(d, 1_400, 1_600), ["long", "short"]);
    assert_eq!(ids_in(d, 1_900, 2_000), Vec::<String>::new());
}

// --------------------------------------------------- multi-fragment quote

#[test]
fn interrupted_quote_is_one_annotation_in_two_fragments() {
    let p = tagged_project();
    let d = &p.documents[0];
    let q2 = d.annotation("q2").expect("q2");
    assert_eq!(q2.fragments.len(), 2);
    let texts: Vec<&str> = q2.fragments.iter().map(|f| d.slice(f.range())).collect();
    assert_eq!(texts, ["It is half a step on", "This is a small change."]);
    assert_eq!(
        q2.covered_text(),
        "It is half a step on … This is a small change."
    );
    // Its hull spans the attribution, but the attribution itself is not
    // part of the quote: there the speaker and cue are found.
    let frag1 = find(ARTICLE, "It is half a step on");
    let frag2 = find(ARTICLE, "This is a small change.");
    assert_eq!(q2.hull(), CharRange::new(frag1.0, frag2.1));
    let she = find(ARTICLE, "she");
    let told = find(ARTICLE, "told the committee");
    assert_eq!(innermost(d, she.0), Some("s2"));
    assert_eq!(innermost(d, told.0 + 5), Some("c2"));
    // The comma and closing mark between fragment 1 and "she": nothing.
    assert_eq!(innermost(d, frag1.1), None);
    assert_eq!(ids_in(d, she.0, told.1), ["c2", "s2"]);
    assert_eq!(innermost(d, frag1.0), Some("q2"));
    assert_eq!(innermost(d, frag2.1 - 1), Some("q2"));
    // Both fragments are found by a query over the whole sentence, each with its range.
    let hits: Vec<CharRange> = d
        .index()
        .fragments_in(CharRange::new(frag1.0, frag2.1))
        .filter(|(_, id)| *id == "q2")
        .map(|(r, _)| r)
        .collect();
    assert_eq!(
        hits,
        [CharRange::new(frag1.0, frag1.1), CharRange::new(frag2.0, frag2.1)]
    );
    // It is attributed through its one said_by, and listed in reading order
    // by its first fragment, before the speaker inside it.
    assert_eq!(d.person_of_quote("q2").as_deref(), Some("Cressida Dick"));
    let order: Vec<&str> = d.annotations_in_order().map(|a| a.id.as_str()).collect();
    assert_eq!(order, ["s1", "c1", "q1", "m1", "q2", "s2", "c2"]);
}

#[test]
fn fragments_given_out_of_order_are_stored_in_text_order() {
    let mut p = Project::from_text("t", ARTICLE, "tester");
    let frag1 = find(ARTICLE, "It is half a step on");
    let frag2 = find(ARTICLE, "This is a small change.");
    let a = ann(&p.documents[0], "q", "Quote", &[frag2, frag1]);
    add(&mut p, 0, a);
    let q = p.documents[0].annotation("q").expect("q");
    assert_eq!(q.fragments[0].text, "It is half a step on");
    assert_eq!(q.fragments[1].text, "This is a small change.");
    assert_eq!(validate(&p), vec![]);
}

// ------------------------------------------------------- every Edit variant

#[test]
fn undo_redo_add_annotation() {
    let original = tagged_project();
    let d = &original.documents[0];
    let killings = find(ARTICLE, "killings");
    let a = ann(d, "m9", "Claim", &[killings]);
    let edited = check_undo_redo(
        &original,
        Edit::AddAnnotation {
            doc: 0,
            annotation: a,
        },
        "Tag Claim",
    );
    let d = &edited.documents[0];
    assert_eq!(innermost(d, killings.0), Some("m9"));
    assert_eq!(d.annotation_count(), 8);
}

#[test]
fn undo_redo_remove_annotation() {
    let original = tagged_project();
    let edited = check_undo_redo(
        &original,
        Edit::DeleteAnnotation {
            doc: 0,
            id: "m1".into(),
        },
        "Remove Claim",
    );
    let d = &edited.documents[0];
    assert!(d.annotation("m1").is_none());
    let claim = find(ARTICLE, "a very high proportion");
    assert_eq!(innermost(d, claim.0), Some("q1"));
}

#[test]
fn undo_redo_replace_annotation_moves_label_fragments_and_note() {
    let original = tagged_project();
    let d = &original.documents[0];
    let mut a = d.annotation("m1").expect("m1").clone();
    let killings = find(ARTICLE, "killings involved gangs");
    a.fragments = ann(d, "x", "Claim", &[killings]).fragments;
    a.note = "widened".into();
    a.attributes.insert("check_worthy".into(), "no".into());
    let old_range = find(ARTICLE, "a very high proportion");
    let edited = check_undo_redo(
        &original,
        Edit::ReplaceAnnotation {
            doc: 0,
            annotation: a,
        },
        "Edit Claim",
    );
    let d = &edited.documents[0];
    let m1 = d.annotation("m1").expect("m1");
    assert_eq!(m1.note, "widened");
    assert_eq!(m1.attribute("check_worthy"), Some("no"));
    assert_eq!(innermost(d, killings.0 + 1), Some("m1"));
    assert_eq!(innermost(d, old_range.0 + 1), Some("q1"));
    assert_eq!(d.annotation_count(), 7);
}

#[test]
fn undo_redo_add_relation() {
    let original = tagged_project();
    // A second cue for q1 (a speaker mentioned twice, say).
    let edited = check_undo_redo(
        &original,
        Edit::AddRelation {
            doc: 0,
            relation: rel("r9", "cue_of", "c2", "q1"),
        },
        "Link",
    );
    let d = &edited.documents[0];
    let cues: Vec<&str> = d.sources("q1", "cue_of").map(|a| a.id.as_str()).collect();
    assert_eq!(cues, ["c1", "c2"]);
}

#[test]
fn undo_redo_remove_relation() {
    let original = tagged_project();
    let edited = check_undo_redo(
        &original,
        Edit::RemoveRelation {
            doc: 0,
            id: "r3".into(),
        },
        "Unlink",
    );
    assert_eq!(edited.documents[0].person_of_quote("q2"), None);
    assert_eq!(
        original.documents[0].person_of_quote("q2").as_deref(),
        Some("Cressida Dick")
    );
}

#[test]
fn undo_redo_set_tagset() {
    let original = tagged_project();
    let mut tags = TagSet::default();
    tags.labels.push(LabelDef {
        name: "Source".into(),
        color: "#808080".into(),
        key: "o".into(),
        attributes: vec![],
    });
    tags.labels[0].color = "#ff0000".into();
    let edited = check_undo_redo(&original, Edit::SetTagSet(tags.clone()), "Edit tag set");
    assert_eq!(edited.tagset, tags);
    assert_eq!(original.tagset, TagSet::default());
}

#[test]
fn undo_redo_rename_label_renames_tagset_relations_and_annotations() {
    let original = tagged_project();
    let edited = check_undo_redo(
        &original,
        Edit::RenameLabel {
            from: "Speaker".into(),
            to: "Source".into(),
        },
        "Rename label",
    );
    assert!(edited.tagset.label("Speaker").is_none());
    assert!(edited.tagset.label("Source").is_some());
    assert_eq!(
        edited.tagset.relation("said_by").map(|r| r.to.as_str()),
        Some("Source")
    );
    let d = &edited.documents[0];
    assert_eq!(d.annotation("s1").map(|a| a.label.as_str()), Some("Source"));
    assert_eq!(d.annotation("s2").map(|a| a.label.as_str()), Some("Source"));
    assert_eq!(d.label_counts().get("Source"), Some(&2));
    // Everything still validates: relation ends follow the rename.
    assert_eq!(validate(&edited), vec![]);
}

#[test]
fn rename_label_to_a_taken_or_from_an_unknown_name_is_refused() {
    let original = tagged_project();
    let mut p = original.clone();
    let mut h = History::default();
    let err = h.perform(
        &mut p,
        Edit::RenameLabel {
            from: "Speaker".into(),
            to: "Quote".into(),
        },
        "Rename",
        None,
    );
    assert_eq!(err, Err(EditError::DuplicateLabel("Quote".into())));
    let err = h.perform(
        &mut p,
        Edit::RenameLabel {
            from: "Nobody".into(),
            to: "Somebody".into(),
        },
        "Rename",
        None,
    );
    assert_eq!(err, Err(EditError::NoLabel("Nobody".into())));
    assert_eq!(p, original);
    assert!(!h.can_undo());
    assert!(!h.is_dirty());
}

#[test]
fn undo_redo_set_project_info() {
    let original = tagged_project();
    let edited = check_undo_redo(
        &original,
        Edit::SetProjectInfo {
            name: "Renamed".into(),
            annotator: "someone else".into(),
        },
        "Project info",
    );
    assert_eq!(edited.name, "Renamed");
    assert_eq!(edited.annotator, "someone else");
}

#[test]
fn undo_redo_add_document_in_front() {
    let original = tagged_project();
    let doc = Document::new("second", "Second article", "Another text.");
    let edited = check_undo_redo(
        &original,
        Edit::AddDocument {
            index: 0,
            document: Box::new(doc),
        },
        "Add document",
    );
    let ids: Vec<&str> = edited.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["second", "dick-at-the-committee"]);
}

#[test]
fn undo_redo_remove_document_puts_it_back_in_place() {
    let mut original = tagged_project();
    Edit::AddDocument {
        index: 99, // past the end: appended
        document: Box::new(Document::new("last", "Last", "Last text.")),
    }
    .apply(&mut original)
    .expect("add document");
    assert_eq!(original.documents[1].id, "last");
    let edited = check_undo_redo(&original, Edit::RemoveDocument { index: 0 }, "Remove document");
    assert_eq!(edited.documents.len(), 1);
    assert_eq!(edited.documents[0].id, "last");
}

#[test]
fn undo_redo_batch_is_one_step() {
    let original = tagged_project();
    let d = &original.documents[0];
    let gangs = find(ARTICLE, "gangs");
    let batch = Edit::Batch(vec![
        Edit::AddAnnotation {
            doc: 0,
            annotation: ann(d, "m9", "Claim", &[gangs]),
        },
        Edit::RemoveRelation {
            doc: 0,
            id: "r2".into(),
        },
        Edit::AddRelation {
            doc: 0,
            relation: rel("r9", "cue_of", "c1", "q2"),
        },
        Edit::SetProjectInfo {
            name: "Batch".into(),
            annotator: "b".into(),
        },
        Edit::Batch(vec![Edit::RenameLabel {
            from: "Claim".into(),
            to: "Fact".into(),
        }]),
    ]);
    let edited = check_undo_redo(&original, batch, "Batch");
    let d = &edited.documents[0];
    assert_eq!(d.annotation("m9").map(|a| a.label.as_str()), Some("Fact"));
    assert!(d.relation("r2").is_none());
    assert!(d.relation("r9").is_some());
    assert_eq!(edited.name, "Batch");
}

#[test]
fn failing_batch_leaves_the_project_unchanged() {
    let original = tagged_project();
    let d = &original.documents[0];
    let gangs = find(ARTICLE, "gangs");
    let mut p = original.clone();
    let mut h = History::default();
    // Several edits that succeed, then one that cannot.
    let batch = Edit::Batch(vec![
        Edit::AddAnnotation {
            doc: 0,
            annotation: ann(d, "m9", "Claim", &[gangs]),
        },
        Edit::DeleteAnnotation {
            doc: 0,
            id: "m1".into(),
        },
        Edit::RemoveRelation {
            doc: 0,
            id: "r1".into(),
        },
        Edit::SetProjectInfo {
            name: "half done".into(),
            annotator: "x".into(),
        },
        Edit::RenameLabel {
            from: "Cue".into(),
            to: "Verb".into(),
        },
        Edit::RemoveDocument { index: 0 },
        Edit::AddRelation {
            doc: 0,
            relation: rel("r9", "said_by", "q1", "no-such-speaker"),
        },
    ]);
    let err = h.perform(&mut p, batch, "Batch", None);
    assert_eq!(err, Err(EditError::NoDocument(0)));
    assert_eq!(p, original);
    assert_index_matches(&p);
    assert!(!h.can_undo());
    assert!(!h.is_dirty());

    // And with the failure in a nested batch, after the outer batch did work.
    let batch = Edit::Batch(vec![
        Edit::DeleteAnnotation {
            doc: 0,
            id: "q2".into(),
        },
        Edit::Batch(vec![
            Edit::AddRelation {
                doc: 0,
                relation: rel("r9", "said_by", "q1", "s2"),
            },
            Edit::AddRelation {
                doc: 0,
                relation: rel("r10", "said_by", "q1", "gone"),
            },
        ]),
    ]);
    let err = h.perform(&mut p, batch, "Batch", None);
    assert_eq!(err, Err(EditError::NoAnnotation("gone".into())));
    assert_eq!(p, original);
    assert_index_matches(&p);
    assert!(!h.can_undo());
}

#[test]
fn invalid_edits_are_refused_without_change() {
    let original = tagged_project();
    let d = &original.documents[0];
    let len = d.char_len();
    let mut p = original.clone();
    let mut h = History::default();
    let mut refuse = |edit: Edit, expected: EditError| {
        assert_eq!(h.perform(&mut p, edit, "x", None), Err(expected));
    };
    let mut empty = ann(d, "e", "Claim", &[(3, 3)]);
    empty.fragments[0].text.clear();
    refuse(
        Edit::AddAnnotation {
            doc: 0,
            annotation: empty,
        },
        EditError::BadFragments {
            id: "e".into(),
            problem: ProblemKind::EmptyFragment {
                range: CharRange::new(3, 3),
            },
        },
    );
    let mut beyond = ann(d, "b", "Claim", &[(len - 2, len)]);
    beyond.fragments[0].end = len + 1;
    refuse(
        Edit::AddAnnotation {
            doc: 0,
            annotation: beyond,
        },
        EditError::BadFragments {
            id: "b".into(),
            problem: ProblemKind::OutOfRange {
                range: CharRange::new(len - 2, len + 1),
                len,
            },
        },
    );
    let mut none = ann(d, "n", "Claim", &[(0, 2)]);
    none.fragments.clear();
    refuse(
        Edit::AddAnnotation {
            doc: 0,
            annotation: none,
        },
        EditError::BadFragments {
            id: "n".into(),
            problem: ProblemKind::NoFragments,
        },
    );
    refuse(
        Edit::AddAnnotation {
            doc: 0,
            annotation: ann(d, "q1", "Quote", &[(0, 2)]),
        },
        EditError::DuplicateAnnotation("q1".into()),
    );
    refuse(
        Edit::AddAnnotation {
            doc: 3,
            annotation: ann(d, "z", "Quote", &[(0, 2)]),
        },
        EditError::NoDocument(3),
    );
    refuse(
        Edit::ReplaceAnnotation {
            doc: 0,
            annotation: ann(d, "zz", "Quote", &[(0, 2)]),
        },
        EditError::NoAnnotation("zz".into()),
    );
    let mut shrunk = d.annotation("q1").expect("q1").clone();
    shrunk.fragments[0].end = shrunk.fragments[0].start;
    let at = shrunk.fragments[0].range();
    refuse(
        Edit::ReplaceAnnotation {
            doc: 0,
            annotation: shrunk,
        },
        EditError::BadFragments {
            id: "q1".into(),
            problem: ProblemKind::EmptyFragment { range: at },
        },
    );
    refuse(
        Edit::AddRelation {
            doc: 0,
            relation: rel("r1", "said_by", "q1", "s1"),
        },
        EditError::DuplicateRelation("r1".into()),
    );
    refuse(
        Edit::RemoveRelation {
            doc: 0,
            id: "r77".into(),
        },
        EditError::NoRelation("r77".into()),
    );
    refuse(
        Edit::DeleteAnnotation {
            doc: 0,
            id: "q77".into(),
        },
        EditError::NoAnnotation("q77".into()),
    );
    refuse(Edit::RemoveDocument { index: 1 }, EditError::NoDocument(1));
    assert_eq!(p, original);
    assert!(!h.can_undo());
    assert!(!h.is_dirty());
}

// -------------------------------------------------------- DeleteAnnotation

#[test]
fn deleting_an_annotation_removes_its_relations_and_undo_restores_them() {
    let original = tagged_project();
    let mut p = original.clone();
    let mut h = History::default();
    let edit = Edit::DeleteAnnotation {
        doc: 0,
        id: "q1".into(),
    };
    h.perform(&mut p, edit, "Delete Quote", None).expect("delete");
    let d = &p.documents[0];
    assert!(d.annotation("q1").is_none());
    assert!(d.relation("r1").is_none(), "said_by from the quote is gone");
    assert!(d.relation("r2").is_none(), "cue_of to the quote is gone");
    assert_eq!(d.relations_of("q1").count(), 0);
    // Others' links are untouched; the speaker and cue stay, unlinked.
    assert!(d.relation("r3").is_some() && d.relation("r4").is_some());
    assert!(d.annotation("s1").is_some() && d.annotation("c1").is_some());
    assert_eq!(validate(&p), vec![], "no dangling relation is left");
    let deleted = p.clone();

    assert_eq!(undo(&mut h, &mut p).as_deref(), Some("Delete Quote"));
    assert_eq!(p, original);
    assert_index_matches(&p);
    assert_eq!(
        p.documents[0].person_of_quote("q1").as_deref(),
        Some("Cressida Dick")
    );
    redo(&mut h, &mut p).expect("redo");
    assert_eq!(p, deleted);
}

#[test]
fn deleting_an_unlinked_annotation_is_just_a_removal() {
    let original = tagged_project();
    let mut p = original.clone();
    let edit = Edit::DeleteAnnotation {
        doc: 0,
        id: "m1".into(),
    };
    let undo = edit.apply(&mut p).expect("delete");
    assert!(p.documents[0].annotation("m1").is_none());
    assert_eq!(p.documents[0].relations().count(), 4);
    undo.apply(&mut p).expect("undo");
    assert_eq!(p, original);
}

// ------------------------------------------------------- merge keys, dirty

fn set_note(p: &Project, id: &str, note: &str) -> Edit {
    let mut a = p.documents[0].annotation(id).expect("annotation").clone();
    a.note = note.into();
    Edit::ReplaceAnnotation {
        doc: 0,
        annotation: a,
    }
}

#[test]
fn typing_a_note_is_one_undo_step() {
    let original = tagged_project();
    let mut p = original.clone();
    let mut h = History::default();
    let key = Some("note:q1".to_string());
    for note in ["a", "an", "ann", "anno"] {
        let e = set_note(&p, "q1", note);
        h.perform(&mut p, e, "Edit note", key.clone()).expect("note");
    }
    assert_eq!(
        p.documents[0].annotation("q1").map(|a| a.note.as_str()),
        Some("anno")
    );
    let typed = p.clone();
    undo(&mut h, &mut p).expect("undo");
    assert_eq!(p, original, "one undo removes the whole typed note");
    assert!(!h.can_undo());
    redo(&mut h, &mut p).expect("redo");
    assert_eq!(p, typed, "one redo brings back the whole note");
    assert!(!h.can_redo());
}

#[test]
fn different_or_no_merge_keys_are_separate_steps() {
    let original = tagged_project();
    let mut p = original.clone();
    let mut h = History::default();
    let e = set_note(&p, "q1", "one");
    h.perform(&mut p, e, "Note q1", Some("note:q1".into()))
        .expect("e");
    let after_q1 = p.clone();
    let e = set_note(&p, "q2", "two");
    h.perform(&mut p, e, "Note q2", Some("note:q2".into()))
        .expect("e");
    let after_q2 = p.clone();
    // Same key as the first, but not consecutive: a new step.
    let e = set_note(&p, "q1", "one again");
    h.perform(&mut p, e, "Note q1", Some("note:q1".into()))
        .expect("e");
    // No key: never merged, even with an identical label.
    let e = set_note(&p, "q1", "x");
    h.perform(&mut p, e, "Note q1", None).expect("e");
    let e = set_note(&p, "q1", "y");
    h.perform(&mut p, e, "Note q1", None).expect("e");
    let last = p.clone();

    undo(&mut h, &mut p).expect("undo y");
    assert_eq!(
        p.documents[0].annotation("q1").map(|a| a.note.as_str()),
        Some("x")
    );
    undo(&mut h, &mut p).expect("undo x");
    undo(&mut h, &mut p).expect("undo again");
    assert_eq!(p, after_q2);
    undo(&mut h, &mut p).expect("undo q2");
    assert_eq!(p, after_q1);
    undo(&mut h, &mut p).expect("undo q1");
    assert_eq!(p, original);
    assert!(!h.can_undo());
    for _ in 0..5 {
        redo(&mut h, &mut p).expect("redo");
    }
    assert_eq!(p, last);
}

#[test]
fn dirty_follows_undo_redo_and_save() {
    let original = tagged_project();
    let mut p = original.clone();
    let mut h = History::default();
    assert!(!h.is_dirty(), "a freshly opened project is clean");

    let e = set_note(&p, "q1", "a");
    h.perform(&mut p, e, "Note", None).expect("e");
    assert!(h.is_dirty());
    undo(&mut h, &mut p);
    assert!(!h.is_dirty(), "undoing back to the opened state is clean");
    redo(&mut h, &mut p);
    assert!(h.is_dirty());

    h.mark_saved();
    assert!(!h.is_dirty());
    undo(&mut h, &mut p);
    assert!(h.is_dirty(), "undo past the save is a change");
    redo(&mut h, &mut p);
    assert!(!h.is_dirty(), "redo back to the saved state is clean");

    // A new edit after undoing past the save: the saved state is unreachable.
    undo(&mut h, &mut p);
    let e = set_note(&p, "q2", "b");
    h.perform(&mut p, e, "Note", None).expect("e");
    assert!(h.is_dirty());
    assert!(!h.can_redo(), "a new edit clears redo");
    undo(&mut h, &mut p);
    assert!(h.is_dirty(), "the original state is not the saved one");
    assert_eq!(p, original);

    // A new project from a text has never been saved.
    let mut h = History::default();
    h.mark_unsaved();
    assert!(h.is_dirty());
    h.mark_saved();
    assert!(!h.is_dirty());
}

#[test]
fn merged_typing_after_a_save_starts_a_new_step() {
    let original = tagged_project();
    let mut p = original.clone();
    let mut h = History::default();
    let key = Some("note:q1".to_string());
    let e = set_note(&p, "q1", "draft");
    h.perform(&mut p, e, "Note", key.clone()).expect("e");
    h.mark_saved();
    let saved = p.clone();
    let e = set_note(&p, "q1", "draft, continued");
    h.perform(&mut p, e, "Note", key.clone()).expect("e");
    assert!(h.is_dirty(), "typing after a save is an unsaved change");
    undo(&mut h, &mut p);
    assert_eq!(p, saved, "undo returns to what was saved, not before it");
    assert!(!h.is_dirty());
    undo(&mut h, &mut p);
    assert_eq!(p, original);
}

// ------------------------------------------------------------- offsets

struct Builder {
    text: String,
    ranges: Vec<(String, (usize, usize))>,
}

impl Builder {
    fn push(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }
    /// Appends `s` and remembers its char range under its own text.
    fn mark(&mut self, s: &str) -> &mut Self {
        let start = self.text.chars().count();
        self.text.push_str(s);
        self.ranges
            .push((s.to_string(), (start, start + s.chars().count())));
        self
    }
}

#[test]
fn char_offsets_over_emoji_cjk_combining_marks_and_rtl() {
    // Hand-counted: each emoji, flag half, CJK character, combining mark and
    // letter is one char (Unicode scalar value), however many bytes it takes.
    let text = "😀 “hi” 👩‍👩‍👧 🇬🇧 中文 e\u{301} مرحبا עברית";
    let mut p = Project::from_text("offsets", text, "tester");
    let expect = [
        ((0, 1), "😀"),
        ((2, 6), "“hi”"),
        ((3, 5), "hi"),
        ((7, 12), "👩‍👩‍👧"),  // woman ZWJ woman ZWJ girl: five chars
        ((13, 15), "🇬🇧"), // two regional indicators
        ((16, 18), "中文"),
        ((19, 21), "e\u{301}"), // e + combining acute
        ((22, 27), "مرحبا"),
        ((28, 33), "עברית"),
    ];
    for (i, ((s, e), want)) in expect.iter().enumerate() {
        let d = &p.documents[0];
        assert_eq!(d.slice(CharRange::new(*s, *e)), *want);
        let a = ann(d, &format!("a{i}"), "Claim", &[(*s, *e)]);
        assert_eq!(a.fragments[0].text, *want);
        add(&mut p, 0, a);
    }
    assert_eq!(p.documents[0].char_len(), 33);
    assert_eq!(validate(&p), vec![]);
    // The quote marks around "hi" are the nested span's neighbours.
    assert_eq!(innermost(&p.documents[0], 3), Some("a2"));
    assert_eq!(innermost(&p.documents[0], 2), Some("a1"));
    assert_eq!(innermost(&p.documents[0], 11), Some("a3"));
}

#[test]
fn offsets_counted_in_bytes_or_utf16_are_reported_as_mismatches() {
    // What an importer that counted the wrong unit would produce.
    let text = "😀 “Ça va,” dit-elle.";
    let mut p = Project::from_text("units", text, "tester");
    let quote = "Ça va";
    let chars = find(text, quote);
    assert_eq!(chars, (3, 8));
    let byte = text.find(quote).expect("quote");
    let utf16 = text[..byte].encode_utf16().count();
    assert_eq!((byte, utf16), (8, 4));
    let mk = |start: usize, id: &str| Annotation {
        fragments: vec![Fragment {
            start,
            end: start + 5,
            text: quote.into(),
        }],
        ..ann(&p.documents[0], id, "Quote", &[chars])
    };
    let good = mk(chars.0, "good");
    let by_bytes = mk(byte, "bytes");
    let by_utf16 = mk(utf16, "utf16");
    // An edit refuses the wrong ones, saying which text is there instead.
    for a in [&by_bytes, &by_utf16] {
        let refused = Edit::AddAnnotation {
            doc: 0,
            annotation: a.clone(),
        }
        .apply(&mut p.clone());
        assert!(
            matches!(
                &refused,
                Err(EditError::BadFragments { id, problem: ProblemKind::TextMismatch { stored, .. } })
                    if *id == a.id && stored == quote
            ),
            "{refused:?}"
        );
    }
    // A file (or an importer) can still hold them: validation reports them.
    let (doc, ..) = Document::from_parts(
        "units".into(),
        "units".into(),
        None,
        text.into(),
        vec![good, by_bytes, by_utf16],
        vec![],
    );
    p.documents[0] = doc;
    let problems = validate(&p);
    let bad: Vec<&str> = problems
        .iter()
        .filter(|pr| matches!(pr.kind, ProblemKind::TextMismatch { .. }))
        .filter_map(|pr| pr.id.as_deref())
        .collect();
    assert_eq!(bad, ["utf16", "bytes"], "{problems:?}");
}

#[test]
fn annotations_over_mixed_scripts_cover_exactly_their_text() {
    let mut b = Builder {
        text: String::new(),
        ranges: vec![],
    };
    // Long enough (and repeated) that offsets cross many index checkpoints.
    for round in 0..12 {
        b.push("Le ministre a dit : « ")
            .mark("Ça va très bien")
            .push(" » — ")
            .mark("“Wir schaffen das,”")
            .push(" sagte sie. Emoji ")
            .mark("👩‍👩‍👧")
            .push(" and flag ")
            .mark("🇬🇧🇫🇷")
            .push(", 😀😀 ")
            .mark("中文字符和日本語のテキスト")
            .push(" ")
            .mark("e\u{301}le\u{300}ve")
            .push(" zalgo ")
            .mark("z\u{335}\u{31b}a\u{336}")
            .push(" قالت الوزيرة ")
            .mark("«مرحبا بالعالم»")
            .push(" והוא אמר ")
            .mark("„שלום עולם“")
            .push(&format!(" ({round})\n"));
    }
    let text = b.text.clone();
    let mut p = Project::from_text("mixed scripts", &text, "tester");
    assert_eq!(p.documents[0].char_len(), text.chars().count());
    for (i, (want, (s, e))) in b.ranges.iter().enumerate() {
        let d = &p.documents[0];
        assert_eq!(d.slice(CharRange::new(*s, *e)), want.as_str(), "range {i}");
        let a = Annotation {
            fragments: vec![Fragment {
                start: *s,
                end: *e,
                text: want.clone(),
            }],
            ..ann(d, &format!("x{i:03}"), "Quote", &[(*s, *e)])
        };
        add(&mut p, 0, a);
    }
    assert_eq!(validate(&p), vec![]);
    let d = &p.documents[0];
    for (i, (_, (s, e))) in b.ranges.iter().enumerate() {
        assert_eq!(innermost(d, *s), Some(format!("x{i:03}").as_str()));
        assert_eq!(innermost(d, e - 1), Some(format!("x{i:03}").as_str()));
    }
    // A multi-fragment quote across RTL and CJK pieces in a later round.
    let (_, r1) = &b.ranges[b.ranges.len() - 2];
    let (_, r2) = &b.ranges[b.ranges.len() - 1];
    let a = ann(d, "multi", "Claim", &[*r1, *r2]);
    assert_eq!(a.covered_text(), "«مرحبا بالعالم» … „שלום עולם“");
    add(&mut p, 0, a);
    assert_eq!(validate(&p), vec![]);
}

#[test]
fn rename_onto_a_label_that_annotations_already_use_is_refused() {
    // A colleague's annotations carry "Source", which this tag set lacks.
    // Renaming "Speaker" to "Source" would merge the two irreversibly: undo
    // would turn the colleague's annotations into Speakers as well.
    let mut original = tagged_project();
    let a = ann(&original.documents[0], "x1", "Source", &[(0, 2)]);
    add(&mut original, 0, a);
    let mut p = original.clone();
    let mut h = History::default();
    let r = h.perform(
        &mut p,
        Edit::RenameLabel {
            from: "Speaker".into(),
            to: "Source".into(),
        },
        "Rename",
        None,
    );
    assert_eq!(r, Err(EditError::DuplicateLabel("Source".into())));
    undo(&mut h, &mut p);
    assert_eq!(p, original);
}
