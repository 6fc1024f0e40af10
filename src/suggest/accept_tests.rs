//! Accepting and rejecting suggestions, and what stays pending.

use super::*;
use crate::model::{History, LabelDef, Project};
use crate::suggest::QuoteKind;

/// Char range of the `nth` (from 0) occurrence of `needle` in `text`.
fn at(text: &str, needle: &str, nth: usize) -> CharRange {
    let (byte, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in {text:?}"));
    let start = text[..byte].chars().count();
    CharRange {
        start,
        end: start + needle.chars().count(),
    }
}

const SPLIT: &str = "🇬🇧 中文 “We act now,” said the minister. “Or never.” مرحبا";

fn project(text: &str) -> Project {
    Project::from_text("t", text, "ana")
}

fn split_quote(text: &str) -> Suggestion {
    Suggestion {
        target: Target::Quote(QuoteKind::Direct),
        fragments: vec![at(text, "“We act now,”", 0), at(text, "“Or never.”", 0)],
        speaker: Some(at(text, "the minister", 0)),
        cue: Some(at(text, "said", 0)),
        person: Some("Jane Doe".into()),
        confidence: 0.95,
        rule: "quote followed by 'said X'".into(),
    }
}

fn only<'a>(p: &'a Project, label: &str) -> &'a Annotation {
    let v: Vec<_> = p.documents[0]
        .annotations()
        .filter(|a| a.label == label)
        .collect();
    assert_eq!(v.len(), 1, "one {label}: {v:?}");
    v[0]
}

#[test]
fn one_accept_adds_quote_speaker_cue_links_and_person_and_one_undo_takes_all_back() {
    let original = project(SPLIT);
    let mut p = original.clone();
    let mut h = History::default();
    let edit = accept(0, &p.documents[0], &p.tagset, &split_quote(SPLIT)).expect("accepts");
    h.perform(&mut p, edit, "Accept suggestion", None)
        .expect("applies");
    let accepted = p.clone();

    let q = only(&p, names::QUOTE);
    let texts: Vec<&str> = q.fragments.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(
        texts,
        ["“We act now,”", "“Or never.”"],
        "offsets are chars, past the flag and CJK"
    );
    assert_eq!(q.attribute(names::KIND), Some("direct"));
    let origin = q.origin.as_ref().expect("origin");
    assert_eq!(origin.by, Origin::SUGGESTED);
    assert_eq!(origin.rule, "quote followed by 'said X'");
    assert_eq!(origin.confidence, 0.95);
    let s = only(&p, names::SPEAKER);
    assert_eq!(s.fragments[0].text, "the minister");
    assert_eq!(s.attribute(names::PERSON), Some("Jane Doe"));
    assert!(s.origin.is_some());
    let c = only(&p, names::CUE);
    assert_eq!(c.fragments[0].text, "said");
    let d = &p.documents[0];
    let linked: Vec<&str> = d.targets(&q.id, names::SAID_BY).map(|a| a.id.as_str()).collect();
    assert_eq!(linked, [s.id.as_str()]);
    let linked: Vec<&str> = d.sources(&q.id, names::CUE_OF).map(|a| a.id.as_str()).collect();
    assert_eq!(linked, [c.id.as_str()]);
    assert_eq!(d.person_of_quote(&q.id).as_deref(), Some("Jane Doe"));

    let step = h.undo(&mut p).expect("undo").expect("a step");
    assert_eq!(p, original, "one undo removes quote, speaker, cue and links");
    assert_eq!(p.documents[0].annotation_count(), 0);
    assert_eq!(p.documents[0].relations().count(), 0);
    assert_eq!(step.doc, Some(0));
    assert!(!h.can_undo(), "it was one step");
    h.redo(&mut p).expect("redo");
    assert_eq!(p, accepted, "redo brings them all back");
}

#[test]
fn an_existing_speaker_with_the_same_range_is_reused_and_given_the_person() {
    let text = "“Enough,” said Ms Dick. Later Ms Dick added: “No more.”";
    let mut p = project(text);
    // The annotator tagged the second mention; the first is made by accepting.
    let first = Suggestion {
        fragments: vec![at(text, "“Enough,”", 0)],
        speaker: Some(at(text, "Ms Dick", 0)),
        cue: Some(at(text, "said", 0)),
        ..split_quote(SPLIT)
    };
    let e = accept(0, &p.documents[0], &p.tagset, &first).expect("accept");
    e.apply(&mut p).expect("apply");
    let second = Suggestion {
        fragments: vec![at(text, "“No more.”", 0)],
        speaker: Some(at(text, "Ms Dick", 0)),
        cue: Some(at(text, "added", 0)),
        person: Some("Cressida Dick".into()),
        ..split_quote(SPLIT)
    };
    let before = p.clone();
    let e = accept(0, &p.documents[0], &p.tagset, &second).expect("accept");
    let undo = e.apply(&mut p).expect("apply");
    let d = &p.documents[0];
    let speakers: Vec<_> = d.annotations().filter(|a| a.label == names::SPEAKER).collect();
    assert_eq!(speakers.len(), 1, "no duplicate speaker: {speakers:?}");
    assert_eq!(
        d.relations().filter(|r| r.kind == names::SAID_BY).count(),
        2,
        "both quotes link to it"
    );
    // The first quote's speaker had "Jane Doe"; a person already set is kept.
    assert_eq!(speakers[0].attribute(names::PERSON), Some("Jane Doe"));
    undo.apply(&mut p).expect("undo");
    assert_eq!(p, before);
}

#[test]
fn a_reused_speaker_without_a_person_gets_it_and_undo_takes_it_off() {
    let text = "“Enough,” said Ms Dick.";
    let mut p = project(text);
    let mut by_hand = new_annotation(
        "s",
        names::SPEAKER,
        vec![Fragment {
            start: at(text, "Ms Dick", 0).start,
            end: at(text, "Ms Dick", 0).end,
            text: "Ms Dick".into(),
        }],
        "",
        &Origin::suggested("x", 1.0),
    );
    by_hand.origin = None;
    Edit::AddAnnotation {
        doc: 0,
        annotation: by_hand.clone(),
    }
    .apply(&mut p)
    .expect("tag by hand");
    let before = p.clone();
    let s = Suggestion {
        fragments: vec![at(text, "“Enough,”", 0)],
        speaker: Some(at(text, "Ms Dick", 0)),
        cue: None,
        person: Some("Cressida Dick".into()),
        ..split_quote(SPLIT)
    };
    let undo = accept(0, &p.documents[0], &p.tagset, &s)
        .expect("accept")
        .apply(&mut p)
        .expect("apply");
    let sp = only(&p, names::SPEAKER);
    assert_eq!(sp.id, by_hand.id, "the hand-made speaker is reused");
    assert_eq!(sp.attribute(names::PERSON), Some("Cressida Dick"));
    assert!(sp.origin.is_none(), "it stays hand-made");
    assert_eq!(
        p.documents[0].label_count(names::CUE),
        0,
        "no cue suggested, none added"
    );
    undo.apply(&mut p).expect("undo");
    assert_eq!(p, before);
}

#[test]
fn a_claim_is_accepted_without_kind_and_without_a_speaker_it_cannot_link() {
    let text = "Police shot more than 120 people last year.";
    let mut p = project(text);
    let s = Suggestion {
        target: Target::Claim,
        fragments: vec![at(text, "Police shot more than 120 people last year", 0)],
        // The default tag set links no claim to a speaker or cue.
        speaker: Some(at(text, "Police", 0)),
        cue: Some(at(text, "shot", 0)),
        person: None,
        confidence: 0.6,
        rule: "a statement with a figure".into(),
    };
    accept(0, &p.documents[0], &p.tagset, &s)
        .expect("accept")
        .apply(&mut p)
        .expect("apply");
    let c = only(&p, names::CLAIM);
    assert!(c.attributes.is_empty());
    assert_eq!(p.documents[0].annotation_count(), 1);
}

#[test]
fn a_cue_alone_is_one_cue_annotation_and_its_rejection_holds() {
    let text = "Smith reckoned so, and the meeting ended.";
    let mut p = project(text);
    let cue = at(text, "reckoned", 0);
    let s = Suggestion {
        target: Target::Cue,
        fragments: vec![cue],
        speaker: Some(at(text, "Smith", 0)),
        cue: Some(cue),
        person: None,
        confidence: 0.7,
        rule: "learned (cue alone)".into(),
    };
    assert_eq!(label_of(s.target), names::CUE);
    let edit = accept(0, &p.documents[0], &p.tagset, &s).expect("accept");
    let mut accepted = p.clone();
    edit.apply(&mut accepted).expect("apply");
    let c = only(&accepted, names::CUE);
    assert_eq!(c.fragments[0].text, "reckoned");
    assert_eq!(
        c.origin.as_ref().map(|o| o.rule.as_str()),
        Some("learned (cue alone)")
    );
    // No quote to link to: no speaker, no relation, nothing else.
    assert_eq!(accepted.documents[0].annotation_count(), 1);
    assert_eq!(accepted.documents[0].relations().count(), 0);
    assert!(
        !is_pending(&accepted.documents[0], &s),
        "tagged: not offered again"
    );
    reject(0, &p.documents[0], &s).apply(&mut p).expect("reject");
    assert!(!is_pending(&p.documents[0], &s), "rejected: not offered again");
}

#[test]
fn a_tag_set_without_the_label_is_a_clear_error() {
    let mut p = project(SPLIT);
    p.tagset.labels.retain(|l: &LabelDef| l.name != names::QUOTE);
    let err = accept(0, &p.documents[0], &p.tagset, &split_quote(SPLIT)).expect_err("no Quote label");
    assert_eq!(err, AcceptError::NoLabel("Quote".into()));
    assert!(err.to_string().contains("no label \"Quote\""), "{err}");
}

#[test]
fn a_tag_set_without_speaker_or_relations_gets_the_quote_alone() {
    let mut p = project(SPLIT);
    p.tagset.labels.retain(|l| l.name != names::SPEAKER);
    // Without the cue_of relation the cue would be linked to nothing.
    p.tagset.relations.clear();
    accept(0, &p.documents[0], &p.tagset, &split_quote(SPLIT))
        .expect("accept")
        .apply(&mut p)
        .expect("apply");
    let d = &p.documents[0];
    assert_eq!(d.label_count(names::QUOTE), 1);
    assert_eq!(d.label_count(names::SPEAKER), 0);
    assert_eq!(d.label_count(names::CUE), 0, "no cue without its link");
    assert_eq!(d.relations().count(), 0);
    // With the relations back (still no Speaker label): the cue and its link.
    let mut p = project(SPLIT);
    p.tagset.labels.retain(|l| l.name != names::SPEAKER);
    accept(0, &p.documents[0], &p.tagset, &split_quote(SPLIT))
        .expect("accept")
        .apply(&mut p)
        .expect("apply");
    let d = &p.documents[0];
    assert_eq!((d.label_count(names::CUE), d.label_count(names::SPEAKER)), (1, 0));
    assert_eq!(d.relations().count(), 1, "cue_of");
}

#[test]
fn ranges_outside_the_text_are_an_error_not_a_panic() {
    let p = project("short");
    for s in [
        Suggestion {
            fragments: vec![CharRange { start: 2, end: 99 }],
            ..split_quote(SPLIT)
        },
        Suggestion {
            fragments: vec![],
            speaker: None,
            cue: None,
            ..split_quote(SPLIT)
        },
        Suggestion {
            fragments: vec![CharRange { start: 0, end: 3 }, CharRange { start: 2, end: 4 }],
            speaker: None,
            cue: None,
            ..split_quote(SPLIT)
        },
        Suggestion {
            fragments: vec![CharRange { start: 0, end: 2 }],
            speaker: Some(CharRange { start: 4, end: 40 }),
            ..split_quote(SPLIT)
        },
    ] {
        let err = accept(0, &p.documents[0], &p.tagset, &s).expect_err("does not fit");
        assert!(err.to_string().contains("document t"), "{err}");
        // Rejecting it cannot be applied either, and says why.
        let mut q = p.clone();
        // (Only the quote's fragments are remembered: a bad speaker range
        // does not stop a rejection.)
        let only_speaker_bad = s.speaker.is_some_and(|r| r.end > 5);
        if !s.fragments.is_empty() && !only_speaker_bad {
            assert!(reject(0, &p.documents[0], &s).apply(&mut q).is_err());
            assert_eq!(q, p);
        }
    }
}

#[test]
fn rejected_and_tagged_suggestions_are_not_pending_and_undo_brings_them_back() {
    let mut p = project(SPLIT);
    let quote = split_quote(SPLIT);
    let claim = Suggestion {
        target: Target::Claim,
        fragments: vec![at(SPLIT, "the minister", 0)],
        speaker: None,
        cue: None,
        person: None,
        confidence: 0.3,
        rule: "r".into(),
    };
    let both = || vec![quote.clone(), claim.clone()];
    assert_eq!(pending(&p.documents[0], both()).len(), 2);
    // Rejecting the quote: it is no longer offered; the claim still is.
    let before = p.clone();
    let undo = reject(0, &p.documents[0], &quote).apply(&mut p).expect("reject");
    assert_eq!(pending(&p.documents[0], both()), vec![claim.clone()]);
    assert_eq!(p.documents[0].rejected()[0].rule, quote.rule);
    // Rejecting it twice is refused, so undo stays exact.
    assert!(reject(0, &p.documents[0], &quote).apply(&mut p.clone()).is_err());
    undo.apply(&mut p).expect("undo");
    assert_eq!(p, before);
    assert_eq!(pending(&p.documents[0], both()).len(), 2);
    // Accepting the quote tags a Speaker over "the minister": the Claim
    // there is still offered (another label), the quote is not.
    accept(0, &p.documents[0], &p.tagset, &quote)
        .expect("accept")
        .apply(&mut p)
        .expect("apply");
    assert_eq!(pending(&p.documents[0], both()), vec![claim.clone()]);
    // A quote overlapping the tagged one, with other boundaries, is not offered.
    let wider = Suggestion {
        fragments: vec![at(SPLIT, "We act now,” said", 0)],
        ..quote.clone()
    };
    assert!(!is_pending(&p.documents[0], &wider));
}

#[test]
fn a_rejection_whose_text_changed_no_longer_holds_back_a_suggestion() {
    let p = project(SPLIT);
    let quote = split_quote(SPLIT);
    let mut stale = match reject(0, &p.documents[0], &quote) {
        Edit::Reject { rejection, .. } => rejection,
        other => panic!("{other:?}"),
    };
    stale.fragments[0].text = "“We ate now,”".into();
    let doc = p.documents[0].clone().with_rejections(vec![stale.clone()]);
    assert_eq!(doc.rejected(), [stale.clone()], "kept");
    assert!(is_pending(&doc, &quote), "but it no longer matches the text");
    // Forgetting it and undoing that is exact, although it does not fit.
    let mut q = Project {
        people: Default::default(),
        documents: vec![doc],
        ..p.clone()
    };
    let before = q.clone();
    let undo = Edit::ForgetRejection {
        doc: 0,
        rejection: stale,
    }
    .apply(&mut q)
    .expect("forget");
    assert!(q.documents[0].rejected().is_empty());
    undo.apply(&mut q).expect("undo");
    assert_eq!(q, before);
}
