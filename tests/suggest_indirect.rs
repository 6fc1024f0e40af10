//! Indirect and mixed quotes, and speakers linked to people, measured on
//! PolNeAR train (first annotator's file per article) with the issue's
//! score: prints the figures, asserts what the rules reach. Skipped, with a
//! message, where `../shared` is absent (a failure under CI).

mod common;

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
    assert!(r >= 0.15, "indirect recall {r:.3} under 0.15");
}
