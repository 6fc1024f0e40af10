//! Reviewing colleagues' tags at the model level: documents matched by text,
//! disagreements found and described, versions taken into a gold project
//! (undoably, with who had each annotation), and the gold file read back.

mod common;

use common::said_by;

use quotebench::format::{load_project, save_project};
use quotebench::model::{Annotation, CharRange, Edit, History, Project, Relation};
use quotebench::review::{
    Choice, Comparison, Layer, ReviewSet, Settled, accept_agreed, gold_project, is_settled_in, settlement,
    span_key, take,
};
use quotebench::review::{CompareRequest, OpenProject, ReviewError, begin, is_gold};

const TEXT: &str = "“We will win 🏆,” said 東京 Mayor Zoë. Critics disagreed.\nمرحبا said Ali ﷺ.";

fn find(needle: &str) -> (usize, usize) {
    let byte = TEXT
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let start = TEXT[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn ann(id: &str, label: &str, needle: &str) -> Annotation {
    common::span(TEXT, id, label, needle)
}

fn layer(annotator: &str, doc_id: &str, text: &str, anns: Vec<Annotation>, rels: Vec<Relation>) -> Layer {
    Layer {
        annotator: annotator.into(),
        source: format!("{annotator}.qb.ron"),
        project: common::one_document(annotator, doc_id, text, anns, rels),
    }
}

/// ana: quote with its comma, speaker, cue, link, a claim.
/// bo: quote without the comma, same speaker, cue and link; an Arabic quote and its speaker.
fn two_annotators() -> ReviewSet {
    let ana = layer(
        "ana",
        "d1",
        TEXT,
        vec![
            ann("q1", "Quote", "We will win 🏆,"),
            ann("s1", "Speaker", "東京 Mayor Zoë"),
            ann("c1", "Cue", "said"),
            ann("k1", "Claim", "Critics disagreed."),
        ],
        vec![said_by("r1", "q1", "s1")],
    );
    let bo = layer(
        "bo",
        "renamed-by-bo",
        TEXT,
        vec![
            ann("a", "Quote", "We will win 🏆"),
            ann("b", "Speaker", "東京 Mayor Zoë"),
            ann("c", "Cue", "said"),
            ann("d", "Quote", "مرحبا"),
            ann("e", "Speaker", "Ali ﷺ"),
        ],
        vec![said_by("r1", "a", "b"), said_by("r2", "d", "e")],
    );
    ReviewSet::build(vec![ana, bo])
}

#[test]
fn documents_are_matched_by_text_and_a_changed_text_is_left_out_with_the_reason() {
    let other_text = TEXT.replace("Critics", "Critiques");
    let cy = layer(
        "cy",
        "d1",
        &other_text,
        vec![ann("x", "Quote", "We will win 🏆,")],
        vec![],
    );
    let mut layers = vec![cy];
    let set = two_annotators();
    assert_eq!(
        set.documents.len(),
        1,
        "ana's d1 and bo's renamed copy are one document"
    );
    assert_eq!(set.documents[0].present(), 2);
    // Again with cy, whose text differs.
    let ana = layer("ana", "d1", TEXT, vec![], vec![]);
    let bo = layer("bo", "d1", TEXT, vec![], vec![]);
    layers.insert(0, bo);
    layers.insert(0, ana);
    let set = ReviewSet::build(layers);
    assert_eq!(set.annotators, ["ana", "bo", "cy"]);
    assert_eq!(set.documents.len(), 1);
    assert!(set.documents[0].versions[2].is_none());
    assert_eq!(set.left_out.len(), 1, "{:?}", set.left_out);
    let why = set.left_out[0].to_string();
    assert!(why.contains("cy") && why.contains("\"d1\""), "{why}");
    let at = TEXT.chars().position(|c| c == 'C').unwrap_or(0) + 5; // "Criti|cs" vs "Criti|ques"
    assert!(
        why.contains(&format!(
            "differs from ana's document of the same id at char {at}"
        )),
        "{why}"
    );
}

#[test]
fn two_files_by_the_same_person_stay_apart() {
    let a = layer("ana", "d1", TEXT, vec![], vec![]);
    let b = layer("ana", "d1", TEXT, vec![], vec![]);
    let set = ReviewSet::build(vec![a, b]);
    assert_eq!(set.annotators, ["ana", "ana (2)"]);
}

#[test]
fn disagreements_are_found_and_said_in_words() {
    let set = two_annotators();
    let cmp = Comparison::build(&set);
    let (agreed, differ) = cmp.counts();
    assert_eq!(
        (agreed, differ),
        (2, 4),
        "speaker and cue agree; two quotes, a claim and Ali differ"
    );
    let spots = cmp.disagreements();
    let said: Vec<&str> = spots
        .iter()
        .map(|s| cmp.cluster(*s).map_or("", |c| c.summary.as_str()))
        .collect();
    let (q0, q1) = find("We will win 🏆,");
    assert_eq!(
        said[0],
        format!("Quote: boundaries differ (ana {q0}–{q1}; bo {q0}–{})", q1 - 1)
    );
    assert_eq!(said[1], "Claim: only ana");
    assert_eq!(said[2], "Quote: only bo");
    assert_eq!(said[3], "Speaker: only bo");
    // The view finds clusters by position.
    let d = &cmp.docs[0];
    let (s0, _) = find("東京");
    let (i, c) = d.cluster_at(s0 + 1).expect("the speaker's cluster");
    assert!(c.agreed);
    assert_eq!(d.clusters_in(CharRange::new(0, s0 + 1)).len(), i + 1);
}

#[test]
fn a_speaker_link_that_differs_is_a_disagreement() {
    let ana = layer(
        "ana",
        "d",
        TEXT,
        vec![
            ann("q", "Quote", "مرحبا"),
            ann("s", "Speaker", "Ali ﷺ"),
            ann("t", "Speaker", "東京 Mayor Zoë"),
        ],
        vec![said_by("r", "q", "s")],
    );
    let bo = layer(
        "bo",
        "d",
        TEXT,
        vec![
            ann("q", "Quote", "مرحبا"),
            ann("s", "Speaker", "Ali ﷺ"),
            ann("t", "Speaker", "東京 Mayor Zoë"),
        ],
        vec![said_by("r", "q", "t")],
    );
    let set = ReviewSet::build(vec![ana, bo]);
    let cmp = Comparison::build(&set);
    let spots = cmp.disagreements();
    assert_eq!(spots.len(), 1);
    let summary = &cmp
        .cluster(spots[0])
        .map(|c| c.summary.clone())
        .unwrap_or_default();
    assert_eq!(summary, "speaker differs (ana: Ali ﷺ; bo: 東京 Mayor Zoë)");

    // Curating it: the speakers agree; taking ana's quote links it to Ali,
    // then taking bo's moves the link to Zoë (one link at a time).
    let mut gold = gold_project(&set, "gold", "rev");
    let a = accept_agreed(&set, &cmp, &gold).expect("the two speakers");
    assert_eq!((a.places, a.spans), (2, 2));
    a.edit.apply(&mut gold).expect("accept");
    let s = spots[0];
    let person = |gold: &Project| {
        let d = &gold.documents[0];
        let q = d.annotations().find(|a| a.label == "Quote").expect("quote");
        (d.person_of_quote(&q.id), d.relations().count())
    };
    take(&set, &cmp, &gold, s.doc, s.cluster, Choice::Annotator(0))
        .expect("ana's")
        .apply(&mut gold)
        .expect("take ana's");
    assert_eq!(person(&gold), (Some("Ali ﷺ".to_string()), 1));
    take(&set, &cmp, &gold, s.doc, s.cluster, Choice::Annotator(1))
        .expect("bo's")
        .apply(&mut gold)
        .expect("take bo's");
    assert_eq!(person(&gold), (Some("東京 Mayor Zoë".to_string()), 1));
}

fn ids_and_annotators(p: &Project) -> Vec<(String, Vec<String>)> {
    let mut v: Vec<(String, Vec<String>)> = p.documents[0]
        .annotations_in_order()
        .map(|a| (a.fragments[0].text.clone(), a.annotators.clone()))
        .collect();
    v.sort();
    v
}

#[test]
fn curating_takes_versions_undoably_and_records_who_had_each_span() {
    let set = two_annotators();
    let cmp = Comparison::build(&set);
    let mut gold = gold_project(&set, "gold", "rev");
    assert_eq!(gold.documents.len(), 1);
    assert_eq!(gold.documents[0].text(), TEXT);
    assert_eq!(gold.documents[0].annotation_count(), 0);
    let mut history = History::default();

    // Accept what both agree on: the speaker and the cue.
    let a = accept_agreed(&set, &cmp, &gold).expect("something is agreed");
    assert_eq!(
        (a.places, a.spans),
        (2, 2),
        "the speaker and the cue, one span each"
    );
    history
        .perform(&mut gold, a.edit, "Accept agreed", None)
        .expect("accept");
    let both = vec!["ana".to_string(), "bo".to_string()];
    assert_eq!(
        ids_and_annotators(&gold),
        vec![
            ("said".into(), both.clone()),
            ("東京 Mayor Zoë".into(), both.clone())
        ]
    );
    assert!(
        accept_agreed(&set, &cmp, &gold).is_none(),
        "accepting twice adds nothing"
    );

    // The quote: bo's version, linked to the speaker already in the gold file.
    let spots = cmp.disagreements();
    let quote = spots[0];
    let e = take(&set, &cmp, &gold, quote.doc, quote.cluster, Choice::Annotator(1)).expect("bo's quote");
    history.perform(&mut gold, e, "Take bo's", None).expect("take bo");
    let g = &gold.documents[0];
    let q = g
        .annotations()
        .find(|a| a.label == "Quote")
        .expect("a quote")
        .clone();
    assert_eq!(q.fragments[0].text, "We will win 🏆");
    assert_eq!(q.annotators, ["bo"]);
    assert_eq!(g.person_of_quote(&q.id).as_deref(), Some("東京 Mayor Zoë"));
    assert!(is_settled_in(
        &gold,
        quote.doc,
        cmp.cluster(quote).expect("cluster")
    ));

    // Changing one's mind: ana's version replaces bo's, link and all.
    let e = take(&set, &cmp, &gold, quote.doc, quote.cluster, Choice::Annotator(0)).expect("ana's");
    history
        .perform(&mut gold, e, "Take ana's", None)
        .expect("take ana");
    let g = &gold.documents[0];
    let quotes: Vec<&Annotation> = g.annotations().filter(|a| a.label == "Quote").collect();
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].fragments[0].text, "We will win 🏆,");
    assert_eq!(g.relations().count(), 1);

    // The claim, bo's way: bo has nothing there, so no span comes in, but
    // the decision is an edit and settles the place as rejected.
    let claim = spots[1];
    let claim_cluster = cmp.cluster(claim).expect("claim").clone();
    assert_eq!(settlement(&gold, claim.doc, &claim_cluster), None);
    let e = take(&set, &cmp, &gold, claim.doc, claim.cluster, Choice::Annotator(1)).expect("a decision");
    let spans_before = gold.documents[0].annotation_count();
    history
        .perform(&mut gold, e, "Take bo's", None)
        .expect("take bo's nothing");
    assert_eq!(gold.documents[0].annotation_count(), spans_before);
    assert_eq!(
        settlement(&gold, claim.doc, &claim_cluster),
        Some(Settled::Rejected)
    );
    assert!(
        take(&set, &cmp, &gold, claim.doc, claim.cluster, Choice::Annotator(1)).is_none(),
        "taking the same again changes nothing"
    );
    // Both versions of the Arabic quote (only bo has it), then its speaker: the link follows.
    let e = take(&set, &cmp, &gold, spots[2].doc, spots[2].cluster, Choice::All).expect("all");
    history.perform(&mut gold, e, "Take all", None).expect("take all");
    let e = take(
        &set,
        &cmp,
        &gold,
        spots[3].doc,
        spots[3].cluster,
        Choice::Annotator(1),
    )
    .expect("Ali");
    history
        .perform(&mut gold, e, "Take bo's", None)
        .expect("take Ali");
    let g = &gold.documents[0];
    let arabic = g
        .annotations()
        .find(|a| a.fragments[0].text == "مرحبا")
        .expect("Arabic quote");
    assert_eq!(g.person_of_quote(&arabic.id).as_deref(), Some("Ali ﷺ"));
    assert_eq!(quotebench::model::validate(&gold), vec![]);

    // Saved and read back: same spans, same annotators.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("gold.qb.ron");
    save_project(&gold, &path).expect("save");
    let back = load_project(&path).expect("load").project;
    assert_eq!(ids_and_annotators(&back), ids_and_annotators(&gold));
    assert_eq!(
        back.documents[0]
            .annotations()
            .map(span_key)
            .collect::<std::collections::BTreeSet<_>>(),
        gold.documents[0].annotations().map(span_key).collect()
    );

    // Saved and read back: the decisions too.
    assert_eq!(back.documents[0].decisions(), gold.documents[0].decisions());
    assert_eq!(
        gold.documents[0].decisions().len(),
        4,
        "quote, claim, Arabic quote, its speaker"
    );

    // Every step undoes, back to an empty gold file with no decision.
    let mut undone = 0;
    while history.undo(&mut gold).expect("every step undoes").is_some() {
        undone += 1;
    }
    assert_eq!(undone, 6);
    assert_eq!(gold.documents[0].annotation_count(), 0);
    assert_eq!(gold.documents[0].relations().count(), 0);
    assert!(gold.documents[0].decisions().is_empty());
    assert_eq!(settlement(&gold, claim.doc, &claim_cluster), None);
    let _ = Edit::Batch(vec![]);
}

/// Colleagues' projects as `format::colleagues` hands them over: two
/// documents (`d1` on TEXT, `d2` on another text), the quote differing.
fn colleagues_of_two_documents() -> quotebench::format::colleagues::Colleagues {
    let second = "Second text: “Fine,” she said.";
    let project = |who: &str, quote: &str| {
        let mut p = common::one_document(who, "d1", TEXT, vec![ann("q", "Quote", quote)], vec![]);
        let other = common::one_document(
            who,
            "d2",
            second,
            vec![common::span(second, "x", "Quote", "Fine,")],
            vec![],
        );
        p.documents.extend(other.documents);
        quotebench::format::colleagues::ColleagueProject {
            source: format!("{who}.qb.ron"),
            project: p,
        }
    };
    quotebench::format::colleagues::Colleagues {
        projects: vec![project("ana", "We will win 🏆,"), project("bo", "We will win 🏆")],
        notes: vec!["a note".into()],
    }
}

#[test]
fn a_review_begins_over_a_new_gold_project_named_after_what_was_compared() {
    let req = CompareRequest::parse("ana.qb.ron\nbo.qb.ron", "", false).expect("a request");
    let open = Project {
        people: Default::default(),
        name: "Gold: an older review".into(),
        ..Project::default()
    };
    let begun = begin(
        &req,
        colleagues_of_two_documents(),
        OpenProject {
            project: &open,
            source: "the open project".into(),
        },
        "rev",
    )
    .expect("begins");
    assert_eq!(begun.set.documents.len(), 2);
    let gold = begun.gold.expect("a new gold project");
    // Not after the open project: never "Gold: Gold: …".
    assert_eq!(gold.name, "Gold: d1, d2 (ana, bo)");
    assert_eq!(begun.notes, ["a note"]);
    assert!(matches!(
        CompareRequest::parse(" \n", "", false),
        Err(ReviewError::NoPaths)
    ));
}

#[test]
fn a_gold_project_resumes_with_its_documents_in_its_own_order() {
    let req = CompareRequest::parse("ana.qb.ron\nbo.qb.ron", "", false).expect("a request");
    let start = |open: &Project| {
        begin(
            &req,
            colleagues_of_two_documents(),
            OpenProject {
                project: open,
                source: "gold.qb.ron".into(),
            },
            "rev",
        )
    };
    let first = start(&Project::default()).expect("begins");
    let mut gold = first.gold.expect("a new gold project");
    let cmp = Comparison::build(&first.set);
    let quote = cmp.disagreements()[0];
    take(&first.set, &cmp, &gold, quote.doc, quote.cluster, Choice::Neither)
        .expect("a decision")
        .apply(&mut gold)
        .expect("neither");
    assert!(is_gold(&gold), "a decision makes it a gold project");
    // The gold file keeps d2 first (as if reordered by hand).
    gold.documents.swap(0, 1);
    let resumed = start(&gold).expect("resumes");
    assert!(resumed.gold.is_none(), "the open gold project is kept");
    let ids: Vec<&str> = resumed.set.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["d2", "d1"], "lined up with the gold project's documents");
    let cmp = Comparison::build(&resumed.set);
    let settled: Vec<(usize, Option<Settled>)> = cmp
        .disagreements()
        .iter()
        .map(|s| (s.doc, cmp.cluster(*s).and_then(|c| settlement(&gold, s.doc, c))))
        .collect();
    assert_eq!(
        settled,
        [(1, Some(Settled::Rejected))],
        "d1's quote, now the gold file's second document, is still rejected"
    );

    // A gold document none of the files has cannot be reviewed: said so.
    let mut foreign = gold.clone();
    foreign.documents[0] = quotebench::model::Document::new("x", "X", "A text nobody tagged.");
    match start(&foreign) {
        Err(e @ ReviewError::GoldDocumentMissing { .. }) => {
            assert!(e.to_string().contains("\"x\""), "{e}")
        }
        other => panic!("expected GoldDocumentMissing, got {other:?}"),
    }
}
