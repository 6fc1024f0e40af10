//! The learned model on real data: trained on 60 PolNeAR train articles
//! (the first annotator's file of each), it adds to the rules' suggestions
//! on 60 other articles contents and cues the rules missed, and most of
//! what it adds is right. Small so that a debug build runs it; the full
//! figures (half of train against the other half) are `cargo bench --bench
//! learn`. Skipped, with a message, where `../shared` is absent.
//!
//! PolNeAR has no licence: the model is trained here and never written.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use quotebench::format::interchange::{ImportFormat, ImportOptions, LabelMap, import};
use quotebench::model::Document;
use quotebench::suggest::learn::{self, TrainOptions};
use quotebench::suggest::score::{Scores, gold_of, score};
use quotebench::suggest::{Suggestion, Target};

/// `n` articles from `skip` on (in name order, every 7th so that outlets
/// mix), each with its first annotator's tags.
fn articles(root: &Path, skip: usize, n: usize) -> Vec<Document> {
    let dir = root.join("train/attributions");
    let mut anns: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("list the attributions")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    anns.sort();
    let mut first: BTreeMap<String, PathBuf> = BTreeMap::new();
    for a in anns {
        let stem = a.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let article = stem.rsplit_once('_').map_or(stem, |(a, _)| a).to_string();
        first.entry(article).or_insert(a);
    }
    let mut files = Vec::new();
    for (article, ann) in first.into_iter().skip(skip).step_by(7).take(n) {
        files.push(root.join("train/text").join(format!("{article}.txt")));
        files.push(ann);
    }
    let opts = ImportOptions {
        format: Some(ImportFormat::Brat),
        map: LabelMap::polnear(),
        annotator: None,
    };
    let result = import(&files, &opts, &|_, _| {}).expect("import PolNeAR");
    let mut docs: Vec<Document> = result.projects.into_iter().flat_map(|p| p.documents).collect();
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    docs
}

#[test]
fn the_model_adds_contents_and_cues_the_rules_missed() {
    let Some(root) = common::shared_dir("corpora/polnear") else {
        return;
    };
    let train = articles(&root, 0, 60);
    let test = articles(&root, 3, 60);
    assert_eq!((train.len(), test.len()), (60, 60));
    assert!(
        train.iter().all(|d| test.iter().all(|t| t.id != d.id)),
        "never trained on a test article"
    );
    let refs: Vec<&Document> = train.iter().collect();
    let model = learn::train(&refs, &TrainOptions::default(), &|_, _| {});

    // What the user sees by default, and what "accept every suggestion
    // at or above 0.8" would add.
    let (mut rules_alone, mut both, mut added_all, mut added_sure, mut both_sure) = (
        Scores::default(),
        Scores::default(),
        Scores::default(),
        Scores::default(),
        Scores::default(),
    );
    for doc in &test {
        let gold = gold_of(doc);
        let mut rules: Vec<Suggestion> = learn::rules_on(doc.text());
        rules_alone.add(&score(&rules, &gold));
        // The model redraws the rules' cues (as the cue tagger draws them).
        let added = model.suggest(doc.text(), &mut rules);
        for s in &added {
            assert!(s.rule.starts_with("learned from your tags"), "{}", s.rule);
            assert!((0.0..=1.0).contains(&s.confidence));
            // Only additions: no quote overlapping what the rules proposed,
            // no cue alone that a rule's suggestion as sure carries already
            // (it may stand inside a rule's quote: attributions nest). A
            // claim (a figure) is no quote: a quote may hold one.
            let overlaps = |r: &Suggestion| match s.target {
                Target::Cue => {
                    r.confidence >= s.confidence
                        && r.cue.is_some_and(|c| s.fragments.iter().any(|g| g.overlaps(&c)))
                }
                _ => r
                    .fragments
                    .iter()
                    .any(|f| s.fragments.iter().any(|g| g.overlaps(f))),
            };
            assert!(
                !rules.iter().filter(|r| r.target != Target::Claim).any(overlaps),
                "{s:?}"
            );
        }
        let sure: Vec<Suggestion> = added.iter().filter(|s| s.confidence >= 0.8).cloned().collect();
        added_all.add(&score(&added, &gold));
        added_sure.add(&score(&sure, &gold));
        let all: Vec<Suggestion> = rules.iter().cloned().chain(added).collect();
        both.add(&score(&all, &gold));
        let all: Vec<Suggestion> = rules.into_iter().chain(sure).collect();
        both_sure.add(&score(&all, &gold));
    }
    eprintln!(
        "rules alone:\n{}\n\nrules + model:\n{}\n\nrules + model at >= 0.8:\n{}\n\nadditions:\n{}\n\nadditions at >= 0.8:\n{}",
        rules_alone.report(),
        both.report(),
        both_sure.report(),
        added_all.report(),
        added_sure.report()
    );
    assert!(
        both.all.recall() >= rules_alone.all.recall() + 0.12,
        "the model raises recall: {} -> {}",
        rules_alone.all,
        both.all
    );
    assert!(
        both_sure.all.recall() >= rules_alone.all.recall() + 0.06,
        "its confident additions too: {} -> {}",
        rules_alone.all,
        both_sure.all
    );
    assert!(
        both.cues.recall() >= rules_alone.cues.recall() + 0.1,
        "cues: {} -> {}",
        rules_alone.cues,
        both.cues
    );
    assert!(added_all.all.precision() >= 0.5, "additions: {}", added_all.all);
    assert!(
        added_sure.all.precision() >= 0.6,
        "confident additions: {}",
        added_sure.all
    );
    assert!(
        added_sure.all.precision() > added_all.all.precision(),
        "confidence means something: {} vs {}",
        added_sure.all,
        added_all.all
    );
}
