//! How good the hand-written rules are, measured as issue 12 asks: on
//! PolNeAR train (`../shared/corpora/polnear`, first annotator's file per
//! article; Content = Quote, Source = Speaker) with `suggest::score`
//! (overlap >= 0.3 of the longer, one to one), and on the built-in sample
//! article. Prints the figures (`cargo test --test suggest_polnear --
//! --nocapture`) and asserts the levels reached. Skipped, with a message,
//! where `../shared` is absent (a failure under CI).

mod common;

use quotebench::format::parse_project;
use quotebench::suggest::score::{Scores, gold_of, score};
use quotebench::suggest::{Context, rules};

#[test]
fn rules_on_polnear_train_reach_the_direct_quote_targets() {
    let Some(root) = common::shared_dir("corpora/polnear") else {
        return;
    };
    let docs = common::polnear::train_gold(&root.join("train"));
    assert_eq!(docs.len(), 840, "every train article");
    let ctx = Context::default();
    let mut total = Scores::default();
    for doc in &docs {
        let suggestions = rules::suggest(doc.text(), &ctx);
        total.add(&score(&suggestions, &gold_of(doc)));
    }
    println!("rules alone on PolNeAR train (840 articles):\n{}", total.report());

    let direct = total.direct;
    let exact = total.direct_exact;
    // The targets are P >= 0.92, R >= 0.90, exact >= 0.70, speaker
    // and cue >= 0.90, indirect P >= 0.85; the rules reach them all (direct
    // P 0.928 R 0.902, exact P 0.723 R 0.703, speaker 0.903, cue 0.907,
    // indirect P 0.892), and these floors sit just below.
    assert!(direct.precision() >= 0.925, "direct precision {direct}");
    assert!(direct.recall() >= 0.90, "direct recall {direct}");
    assert!(exact.precision() >= 0.72, "exact boundaries precision {exact}");
    assert!(exact.recall() >= 0.70, "exact boundaries recall {exact}");
    assert!(
        total.indirect.precision() >= 0.88,
        "indirect precision {}",
        total.indirect
    );
    assert!(
        total.direct_speaker.value() >= 0.90,
        "speaker right on matched direct quotes {}",
        total.direct_speaker
    );
    assert!(
        total.direct_cue.value() >= 0.90,
        "cue right on matched direct quotes {}",
        total.direct_cue
    );
}

#[test]
fn rules_find_the_quotes_of_the_sample_article() {
    let loaded = parse_project(quotebench::SAMPLE_PROJECT, "sample.qb.ron").expect("the sample parses");
    let doc = &loaded.project.documents[0];
    let gold = gold_of(doc);
    let suggestions = rules::suggest(doc.text(), &Context::default());
    let s = score(&suggestions, &gold);
    println!("rules on the sample article:\n{}", s.report());
    // The sample tags its verbatim quotes without their marks: a gold quote
    // is verbatim when it holds a mark or a mark opens right before it.
    let chars: Vec<char> = doc.text().chars().collect();
    let verbatim: Vec<_> = gold
        .iter()
        .filter(|g| {
            g.direct
                || g.fragments
                    .iter()
                    .any(|f| f.start > 0 && matches!(chars.get(f.start - 1), Some('“' | '"' | '‘')))
        })
        .cloned()
        .collect();
    let v = score(&suggestions, &verbatim);
    println!(
        "sample: {} of {} verbatim gold quotes found; {} of all {} gold quotes",
        v.all.matched,
        verbatim.len(),
        s.all.matched,
        gold.len()
    );
    assert!(verbatim.len() >= 10, "the sample has its verbatim quotes");
    assert!(
        v.all.matched * 10 >= verbatim.len() * 9,
        "verbatim quotes found: {}",
        v.all
    );
    // Of all its quotes, indirect ones included (the indirect rules' part).
    assert!(
        s.all.matched * 10 >= gold.len() * 6,
        "all quotes found: {}",
        s.all
    );
    assert!(s.all.precision() >= 0.9, "{}", s.all);
}
