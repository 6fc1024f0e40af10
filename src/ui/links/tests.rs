//! The links' pure logic on model types: the link map, nearest candidates,
//! the sentence offer and the edge-marker text.

use std::collections::BTreeMap;

use super::nearest::{Purpose, candidates};
use super::offer::{sentence_around, sentence_offer};
use super::{LinkMap, Tie, edge_text};
use crate::model::{Annotation, CharRange, Document, Fragment, Project, Relation, TagSet};

fn span(text: &str, id: &str, label: &str, needle: &str, nth: usize) -> Annotation {
    let byte = text
        .match_indices(needle)
        .nth(nth)
        .map(|(b, _)| b)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let start = text[..byte].chars().count();
    Annotation {
        id: id.into(),
        label: label.into(),
        fragments: vec![Fragment {
            start,
            end: start + needle.chars().count(),
            text: needle.into(),
        }],
        attributes: BTreeMap::new(),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        annotators: Vec::new(),
        origin: None,
    }
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

fn doc(text: &str, anns: Vec<Annotation>, rels: Vec<Relation>) -> Document {
    Document::from_parts("d".into(), "D".into(), None, text.into(), anns, rels).0
}

// Emoji, CJK, a combining mark and Arabic before the spans: char offsets, not bytes.
const TEXT: &str = "😀 東京 é مرحبا. Ms Dick said “we act.” Later Tom Berg said “no”. Ms Dick added “more”.";

fn sample() -> Document {
    let mut dick = span(TEXT, "s1", "Speaker", "Ms Dick", 0);
    dick.attributes.insert("person".into(), "Cressida Dick".into());
    let mut dick2 = span(TEXT, "s3", "Speaker", "Ms Dick", 1);
    dick2.attributes.insert("person".into(), "Cressida Dick".into());
    doc(
        TEXT,
        vec![
            dick,
            span(TEXT, "c1", "Cue", "said", 0),
            span(TEXT, "q1", "Quote", "we act.", 0),
            span(TEXT, "s2", "Speaker", "Tom Berg", 0),
            span(TEXT, "q2", "Quote", "no", 0),
            dick2,
            span(TEXT, "q3", "Quote", "more", 0),
        ],
        vec![
            rel("r1", "said_by", "q1", "s1"),
            rel("r2", "cue_of", "c1", "q1"),
            rel("r3", "said_by", "q3", "s3"),
        ],
    )
}

#[test]
fn the_map_knows_each_quotes_person_and_the_other_quotes_of_that_person() {
    let d = sample();
    let m = LinkMap::build(&d, &TagSet::default());
    assert_eq!(m.person("q1"), Some("Cressida Dick"));
    assert_eq!(m.person("q2"), None, "q2 has no speaker");
    let related = m.related("q1");
    let ids: Vec<(&str, &Tie)> = related.iter().map(|l| (l.id.as_str(), &l.tie)).collect();
    assert_eq!(
        ids,
        vec![
            ("s1", &Tie::Out("said_by".into())),
            ("c1", &Tie::In("cue_of".into())),
            ("q3", &Tie::SamePerson),
        ]
    );
    // A speaker: its quote, and the other quote of its person.
    let of_s1: Vec<String> = m.related("s1").into_iter().map(|l| l.id).collect();
    assert_eq!(of_s1, vec!["q1".to_string(), "q3".to_string()]);
    assert!(m.is_quote_label("Quote") && !m.is_quote_label("Speaker"));
    // The badges: the person, or "no speaker".
    assert_eq!(super::badges::Badges::text(&m, "q1"), "Cressida Dick");
    assert_eq!(super::badges::Badges::text(&m, "q2"), super::badges::NO_SPEAKER);
}

#[test]
fn the_map_is_rebuilt_only_when_the_document_changes() {
    let mut d = sample();
    let tags = TagSet::default();
    let mut m = LinkMap::default();
    m.refresh(&d, &tags);
    assert_eq!(m.person("q2"), None);
    let mut p = Project {
        people: Default::default(),
        documents: vec![d.clone()],
        ..Default::default()
    };
    crate::model::Edit::AddRelation {
        doc: 0,
        relation: rel("r9", "said_by", "q2", "s2"),
    }
    .apply(&mut p)
    .expect("applies");
    d = p.documents.remove(0);
    m.refresh(&d, &tags);
    assert_eq!(m.person("q2"), Some("Tom Berg"), "a new revision is read");
}

#[test]
fn nearest_speakers_before_and_after_nearest_first() {
    let d = sample();
    let tags = TagSet::default();
    let c = candidates(&d, &tags, "q2", Purpose::Speaker);
    let got: Vec<(&str, bool)> = c.iter().map(|c| (c.id.as_str(), c.before)).collect();
    // "Tom Berg said “no”": Tom Berg is 7 chars before; Ms Dick (2nd) 3 after; Ms Dick (1st) far before.
    assert_eq!(got, vec![("s3", false), ("s2", true), ("s1", true)]);
    assert!(c.iter().all(|c| c.kind == "said_by" && c.from == "q2"));
    assert_eq!(c[0].text, "Cressida Dick", "a speaker shows its person");
    // q1 is linked to s1 already: marked so.
    let c1 = candidates(&d, &tags, "q1", Purpose::Speaker);
    assert!(c1.iter().any(|c| c.id == "s1" && c.linked));
    assert!(c1.iter().all(|c| c.id != "q1"), "never itself");
}

#[test]
fn cue_linking_goes_cue_to_quote_from_either_end() {
    let d = sample();
    let tags = TagSet::default();
    let from_cue = candidates(&d, &tags, "c1", Purpose::Cue);
    assert_eq!(from_cue[0].id, "q1");
    assert_eq!((from_cue[0].from.as_str(), from_cue[0].to.as_str()), ("c1", "q1"));
    let from_quote = candidates(&d, &tags, "q2", Purpose::Cue);
    assert_eq!(from_quote[0].id, "c1", "the only cue");
    assert_eq!(
        (from_quote[0].from.as_str(), from_quote[0].to.as_str()),
        ("c1", "q2")
    );
    // A tag set without the relation offers nothing.
    let mut bare = tags.clone();
    bare.relations.clear();
    assert!(candidates(&d, &bare, "q2", Purpose::Speaker).is_empty());
}

#[test]
fn at_most_nine_candidates() {
    let mut text = String::from("Q here. ");
    for i in 0..20 {
        text.push_str(&format!("S{i:02} "));
    }
    let mut anns = vec![span(&text, "q", "Quote", "Q here", 0)];
    for i in 0..20 {
        anns.push(span(
            &text,
            &format!("s{i:02}"),
            "Speaker",
            &format!("S{i:02}"),
            0,
        ));
    }
    let d = doc(&text, anns, Vec::new());
    let c = candidates(&d, &TagSet::default(), "q", Purpose::Speaker);
    assert_eq!(c.len(), 5, "five after it (none before)");
    assert_eq!(c[0].id, "s00");
}

#[test]
fn a_sentence_runs_from_the_last_full_stop_to_the_next() {
    let d = sample();
    let q1 = d.annotation("q1").expect("q1").hull();
    let s = sentence_around(&d, q1);
    assert_eq!(d.slice(s), "Ms Dick said “we act.”");
    let q2 = d.annotation("q2").expect("q2").hull();
    assert_eq!(d.slice(sentence_around(&d, q2)), "Later Tom Berg said “no”.");
    // No full stop at all: the whole line, within reach.
    let d2 = doc("no stop here\nnext", Vec::new(), Vec::new());
    assert_eq!(
        d2.slice(sentence_around(&d2, CharRange { start: 3, end: 7 })),
        "no stop here"
    );
}

#[test]
fn tagging_a_quote_offers_its_sentences_speaker_and_cue() {
    let text = "Earlier: “old”. Ms Dick said “a small change” today. Tom said “x”.";
    let d = doc(
        text,
        vec![
            span(text, "s", "Speaker", "Ms Dick", 0),
            span(text, "c", "Cue", "said", 0),
            span(text, "q", "Quote", "a small change", 0),
            span(text, "t", "Speaker", "Tom", 0),
            span(text, "c2", "Cue", "said", 1),
        ],
        Vec::new(),
    );
    let tags = TagSet::default();
    let o = sentence_offer(&d, &tags, "q").expect("an offer");
    let got: Vec<(&str, &str, &str)> = o
        .links
        .iter()
        .map(|l| (l.kind.as_str(), l.from.as_str(), l.to.as_str()))
        .collect();
    assert_eq!(got, vec![("said_by", "q", "s"), ("cue_of", "c", "q")]);
    assert_eq!(
        o.prompt("Ctrl+J"),
        "Link to speaker 'Ms Dick' and cue 'said'? Ctrl+J"
    );
    assert!(o.is_valid(&d));
    // One edit, two relations: one undo step.
    let mut p = Project {
        people: Default::default(),
        documents: vec![d],
        ..Default::default()
    };
    let edit = o.edit(0, "t");
    assert!(matches!(&edit, crate::model::Edit::Batch(v) if v.len() == 2));
    edit.apply(&mut p).expect("applies");
    assert_eq!(p.documents[0].person_of_quote("q").as_deref(), Some("Ms Dick"));
    assert!(!o.is_valid(&p.documents[0]), "taken once");
    assert!(
        sentence_offer(&p.documents[0], &tags, "q").is_none(),
        "nothing more to offer"
    );
}

#[test]
fn no_offer_without_a_speaker_or_cue_in_the_sentence() {
    let text = "Ms Dick spoke. “Alone here.” Then more.";
    let d = doc(
        text,
        vec![
            span(text, "s", "Speaker", "Ms Dick", 0),
            span(text, "q", "Quote", "Alone here.", 0),
        ],
        Vec::new(),
    );
    assert_eq!(sentence_offer(&d, &TagSet::default(), "q"), None);
}

#[test]
fn a_cue_linked_to_another_quote_is_not_offered() {
    let text = "Ms Dick said “one” and “two”.";
    let d = doc(
        text,
        vec![
            span(text, "s", "Speaker", "Ms Dick", 0),
            span(text, "c", "Cue", "said", 0),
            span(text, "q1", "Quote", "one", 0),
            span(text, "q2", "Quote", "two", 0),
        ],
        vec![rel("r", "cue_of", "c", "q1")],
    );
    let o = sentence_offer(&d, &TagSet::default(), "q2").expect("the speaker is offered");
    assert_eq!(o.links.len(), 1);
    assert_eq!(o.links[0].to, "s");
}

#[test]
fn edge_marker_texts() {
    assert_eq!(
        edge_text(&Tie::Out("said_by".into()), "Cressida Dick", -12),
        "said by Cressida Dick, 12 lines up"
    );
    assert_eq!(
        edge_text(&Tie::In("cue_of".into()), "“said”", 1),
        "“said” (cue of this), 1 line down"
    );
    assert_eq!(
        edge_text(&Tie::SamePerson, "“more”", 0),
        "same person: “more”, 1 line down"
    );
    assert_eq!(super::elide("abcdef", 3), "abc…");
    assert_eq!(super::elide("東京", 3), "東京");
}

/// The map follows what links depend on, not every edit: a new `cue_of`
/// link (no person changes) and a deleted linked span both show; tagging
/// an unlinked span leaves the map as it was, and still right.
#[test]
fn the_map_follows_links_and_people_not_every_edit() {
    use crate::model::Edit;
    let tags = TagSet::default();
    let mut p = Project {
        people: Default::default(),
        documents: vec![sample()],
        ..Default::default()
    };
    let mut m = LinkMap::default();
    m.refresh(&p.documents[0], &tags);
    let ids = |m: &LinkMap, id: &str| -> Vec<String> { m.related(id).into_iter().map(|l| l.id).collect() };
    assert!(!ids(&m, "q2").iter().any(|i| i == "c9"));

    // An unlinked cue: the document's revision changes, the links do not.
    let before = (p.documents[0].revision(), p.documents[0].relations_revision());
    Edit::AddAnnotation {
        doc: 0,
        annotation: span(TEXT, "c9", "Cue", "said", 1),
    }
    .apply(&mut p)
    .expect("applies");
    assert_ne!(p.documents[0].revision(), before.0);
    assert_eq!(p.documents[0].relations_revision(), before.1);
    m.refresh(&p.documents[0], &tags);
    assert!(ids(&m, "c9").is_empty());

    // Linking it (a cue, no person involved) shows at once.
    Edit::AddRelation {
        doc: 0,
        relation: rel("r9", "cue_of", "c9", "q2"),
    }
    .apply(&mut p)
    .expect("applies");
    m.refresh(&p.documents[0], &tags);
    assert_eq!(ids(&m, "c9"), vec!["q2".to_string()]);
    assert!(ids(&m, "q2").iter().any(|i| i == "c9"));

    // Deleting the linked quote removes its links, and the map follows.
    Edit::DeleteAnnotation {
        doc: 0,
        id: "q2".into(),
    }
    .apply(&mut p)
    .expect("applies");
    m.refresh(&p.documents[0], &tags);
    assert!(ids(&m, "c9").is_empty());
}
