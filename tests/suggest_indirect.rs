//! Indirect and mixed quotes, and speakers linked to people, measured on
//! PolNeAR train (first annotator's file per article) with the issue's
//! score: prints the figures, asserts what the rules reach. Skipped, with a
//! message, where `../shared` is absent (a failure under CI).

mod common;

use quotebench::format::parse_project;
use quotebench::model::names;
use quotebench::suggest::{Context, QuoteKind, Target, rules, score};

#[test]
fn indirect_quotes_on_polnear_train() {
    let Some(train) = common::shared_dir("corpora/polnear/train") else {
        return;
    };
    let docs = common::polnear::train_gold(&train);
    assert_eq!(docs.len(), 840);
    let mut total = score::Scores::default();
    let (mut speakers, mut linked, mut indirect, mut mixed) = (0usize, 0usize, 0usize, 0usize);
    for doc in &docs {
        let suggestions = rules::suggest(doc.text(), &Context::default());
        for s in &suggestions {
            if s.speaker.is_some() {
                speakers += 1;
                linked += usize::from(s.person.is_some());
            }
            indirect += usize::from(s.target == Target::Quote(QuoteKind::Indirect));
            mixed += usize::from(s.target == Target::Quote(QuoteKind::Mixed));
        }
        total.add(&score::score(&suggestions, &score::gold_of(doc)));
    }
    println!(
        "PolNeAR train, rules alone, {} articles:\n{}",
        docs.len(),
        total.report()
    );
    println!(
        "suggested: {indirect} indirect, {mixed} mixed; speakers linked to a person: {linked} of {speakers}"
    );
    let p = total.indirect.precision();
    let r = total.indirect.recall();
    assert!(p >= 0.85, "indirect precision {p:.3} under 0.85");
    assert!(r >= 0.21, "indirect recall {r:.3} under 0.21");
}

/// The sample article's gold speakers carry a `person`: the speakers the
/// rules find, linked to the same person, are counted and printed.
#[test]
fn speakers_of_the_sample_link_to_the_gold_people() {
    let loaded = parse_project(quotebench::SAMPLE_PROJECT, "sample.qb.ron").expect("the sample parses");
    let doc = &loaded.project.documents[0];
    let suggestions = rules::suggest(doc.text(), &Context::default());
    let (mut gold, mut found, mut right) = (0, 0, 0);
    for speaker in doc.annotations_in_order().filter(|a| a.label == names::SPEAKER) {
        let Some(person) = speaker.attribute("person") else {
            continue;
        };
        gold += 1;
        let hull = speaker.hull();
        let Some(s) = suggestions
            .iter()
            .find(|s| s.speaker.is_some_and(|r| r.overlaps(&hull)))
        else {
            continue;
        };
        found += 1;
        if s.person.as_deref() == Some(person) {
            right += 1;
        } else {
            println!("  {:?} -> {:?}, gold {person:?}", doc.slice(hull), s.person);
        }
    }
    println!("sample: {found} of {gold} gold speakers suggested, {right} of those linked to the gold person");
    assert!(found >= 20, "{found} of {gold} speakers found");
    // The misses need world knowledge (Scotland Yard is the Metropolitan
    // Police) or are not names ("a spokesperson", "critics").
    assert!(right * 4 >= found * 3, "{right} of {found} linked right");
}
