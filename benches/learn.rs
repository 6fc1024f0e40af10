//! The learned model on PolNeAR train (`cargo bench --bench learn`): trained
//! on half the articles (the first annotator's file of each, every other
//! article in name order), scored on the other half with the metric,
//! rules alone against rules plus the model's additions; and the time to
//! train on half and on all 840 articles. Skips when `../shared` is absent
//! (fails then under CI, see `tests/common`).
//!
//! PolNeAR has no licence: the model is trained here at run time and never
//! written anywhere.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use quotebench::format::interchange::{ImportFormat, ImportOptions, LabelMap, import};
use quotebench::model::Document;
use quotebench::suggest::Suggestion;
use quotebench::suggest::learn::{self, TrainOptions};
use quotebench::suggest::score::{Scores, gold_of, score};

#[path = "../tests/common/mod.rs"]
mod common;

/// The first annotator's file of every article (in annotator-id order),
/// as documents in article-name order.
fn load(root: &Path) -> Vec<(String, Document)> {
    let opts = ImportOptions {
        format: Some(ImportFormat::Brat),
        map: LabelMap::polnear(),
        annotator: None,
    };
    let r = import(&[root.join("train")], &opts, &|_, _| {}).expect("import PolNeAR train");
    let mut first: BTreeMap<String, (String, Document)> = BTreeMap::new();
    for p in r.projects {
        for d in p.documents {
            let keep = first.get(&d.id).is_none_or(|(a, _)| p.annotator < *a);
            if keep {
                first.insert(d.id.clone(), (p.annotator.clone(), d));
            }
        }
    }
    first.into_values().collect()
}

fn main() {
    if !common::timing::is_bench_run("learn") {
        return;
    }
    let Some(root) = common::shared_dir("corpora/polnear") else {
        return;
    };
    let t = Instant::now();
    let with_annotator = load(&root);
    let docs: Vec<Document> = with_annotator.iter().map(|(_, d)| d.clone()).collect();
    let annotator_of: Vec<String> = with_annotator.into_iter().map(|(a, _)| a).collect();
    let mut per_annotator: BTreeMap<String, (Scores, usize)> = BTreeMap::new();
    eprintln!(
        "loaded {} articles in {:.1} s",
        docs.len(),
        t.elapsed().as_secs_f64()
    );
    // Every other article in name order: outlets and dates spread over both.
    // QB_LEARN_SWAP=1: the other way round (a check that a choice made on
    // this split holds on the other).
    let swap = usize::from(std::env::var("QB_LEARN_SWAP").is_ok());
    let mut train: Vec<&Document> = docs.iter().skip(swap).step_by(2).collect();
    // QB_LEARN_TRAIN_N=N: train on the first N of them (a small project).
    if let Some(n) = std::env::var("QB_LEARN_TRAIN_N")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        train.truncate(n);
    }
    let test: Vec<&Document> = docs.iter().skip(1 - swap).step_by(2).collect();
    // Tuning knobs (by hand, at run time): QB_LEARN_EPOCHS, QB_LEARN_BIAS,
    // QB_LEARN_MIN_COUNT, QB_LEARN_MINCONF, QB_LEARN_CUE_BIAS; and
    // QB_LEARN_HALF_ONLY=1 skips the training on all 840 articles.
    let mut opts = TrainOptions::default();
    let env = |name: &str| std::env::var(name).ok();
    if let Some(v) = env("QB_LEARN_EPOCHS").and_then(|v| v.parse().ok()) {
        opts.epochs = v;
    }
    if let Some(v) = env("QB_LEARN_BIAS").and_then(|v| v.parse().ok()) {
        opts.recall_bias = v;
    }
    if let Some(v) = env("QB_LEARN_MIN_COUNT").and_then(|v| v.parse().ok()) {
        opts.min_count = v;
    }
    if let Some(v) = env("QB_LEARN_MINCONF").and_then(|v| v.parse().ok()) {
        opts.min_confidence = v;
    }
    if let Some(v) = env("QB_LEARN_CUE_BIAS").and_then(|v| v.parse().ok()) {
        opts.cue_bias = v;
    }
    println!("options: {opts:?}");

    let t = Instant::now();
    let model = learn::train(&train, &opts, &|_, _| {});
    let half_s = t.elapsed().as_secs_f64();
    println!(
        "BENCH learn_train_half articles={} tokens={} features={} seconds={half_s:.2}",
        train.len(),
        model.trained_on.tokens,
        model.feature_count()
    );
    println!("cue scale {}", model.cue_scale());

    // Scored at the model's own threshold and at a few others, to show
    // the trade between recall and precision that confidence gives.
    const THRESHOLDS: [f32; 5] = [0.5, 0.6, 0.7, 0.8, 0.9];
    let dir = std::env::temp_dir().join(format!("quotebench-learn-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("bench.suggest-model.json");
    if quotebench::format::save_model(&file, &model).is_ok() {
        let bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        let t = Instant::now();
        let back = quotebench::format::load_model(&file);
        println!(
            "BENCH learn_model_file bytes={bytes} load_seconds={:.2} same={}",
            t.elapsed().as_secs_f64(),
            back.is_ok_and(|b| b == model)
        );
    }
    // The model was trained on PolNeAR, which has no licence: never kept.
    let _ = std::fs::remove_dir_all(&dir);
    // The threshold at which the targets are met on this split.
    const HEADLINE: f32 = 0.7;
    let mut rules_alone = Scores::default();
    let mut with_model = Scores::default();
    let mut additions = Scores::default();
    let mut at: Vec<Scores> = vec![Scores::default(); THRESHOLDS.len()];
    let t = Instant::now();
    let mut suggest_s = 0.0;
    let mut cue_log = CueLog::default();
    let mut from_rules = Scores::default();
    let mut from_model_quotes = Scores::default();
    let mut from_cues_alone = Scores::default();
    let log_cues = env("QB_LEARN_CUES").is_some();
    for (ti, doc) in test.iter().enumerate() {
        let annotator = &annotator_of[2 * ti + 1 - swap];
        let gold = gold_of(doc);
        let mut rules: Vec<Suggestion> = learn::rules_on(doc.text());
        rules_alone.add(&score(&rules, &gold));
        let t1 = Instant::now();
        let mut added = model.suggest(doc.text(), &mut rules);
        // Every cue drawn as the annotator draws cues (as `Model::extend`
        // does), the rules' and the model's alike.
        let n_rules = rules.len();
        rules.append(&mut added);
        model.grow_cues(doc.text(), &mut rules);
        let added = rules.split_off(n_rules);
        suggest_s += t1.elapsed().as_secs_f64();
        let kept: Vec<Suggestion> = added
            .iter()
            .filter(|s| s.confidence >= HEADLINE)
            .cloned()
            .collect();
        additions.add(&score(&kept, &gold));
        let both: Vec<Suggestion> = rules.iter().cloned().chain(kept).collect();
        with_model.add(&score(&both, &gold));
        for (i, &th) in THRESHOLDS.iter().enumerate() {
            let both: Vec<Suggestion> = rules
                .iter()
                .cloned()
                .chain(added.iter().filter(|s| s.confidence >= th).cloned())
                .collect();
            at[i].add(&score(&both, &gold));
        }
        // Where the cues come from, at the model's own threshold.
        {
            use quotebench::suggest::Target;
            let kept = |cue_alone: bool| -> Vec<Suggestion> {
                added
                    .iter()
                    .filter(|s| s.confidence >= opts.min_confidence)
                    .filter(|s| (s.target == Target::Cue) == cue_alone)
                    .cloned()
                    .collect()
            };
            from_rules.add(&score(&rules, &gold));
            from_model_quotes.add(&score(&kept(false), &gold));
            from_cues_alone.add(&score(&kept(true), &gold));
        }
        // At the lowest threshold: every cue the engine proposes.
        if log_cues {
            let both: Vec<Suggestion> = rules
                .iter()
                .cloned()
                .chain(added.iter().filter(|s| s.confidence >= 0.5).cloned())
                .collect();
            cue_log.add(doc, &both, &gold);
            let e = per_annotator.entry(annotator.clone()).or_default();
            e.0.add(&score(&both, &gold));
            e.1 += 1;
        }
    }
    if log_cues {
        cue_log.print();
        for (a, (s, n)) in &per_annotator {
            println!(
                "ANNOTATOR {a} ({n} articles): cues P {:.3} R {:.3} F1 {:.3} ({} gold) | all P {:.3} R {:.3}",
                s.cues.precision(),
                s.cues.recall(),
                s.cues.f1(),
                s.cues.gold,
                s.all.precision(),
                s.all.recall()
            );
        }
    }
    println!(
        "BENCH learn_suggest_half articles={} seconds={:.2} (model alone {suggest_s:.2})",
        test.len(),
        t.elapsed().as_secs_f64()
    );
    println!(
        "== rules alone ({} test articles)\n{}",
        test.len(),
        rules_alone.report()
    );
    println!(
        "== rules + learned model (additions at confidence >= {HEADLINE})\n{}",
        with_model.report()
    );
    println!(
        "== the model's additions alone (>= {HEADLINE})\n{}",
        additions.report()
    );
    let line = |name: &str, s: &Scores| {
        println!(
            "SUMMARY {name:<22} all P {:.3} R {:.3} | cues P {:.3} R {:.3} F1 {:.3} | indirect P {:.3} R {:.3} | direct P {:.3} R {:.3}",
            s.all.precision(),
            s.all.recall(),
            s.cues.precision(),
            s.cues.recall(),
            s.cues.f1(),
            s.indirect.precision(),
            s.indirect.recall(),
            s.direct.precision(),
            s.direct.recall(),
        )
    };
    for (name, s) in [
        ("the rules' quotes", &from_rules),
        ("the model's quotes", &from_model_quotes),
        ("the model's cues alone", &from_cues_alone),
    ] {
        println!(
            "CUES FROM {name}: {} right of {} suggested ({} gold)",
            s.cues.matched, s.cues.predicted, s.cues.gold
        );
    }
    line("rules alone", &rules_alone);
    for (th, s) in THRESHOLDS.iter().zip(&at) {
        line(&format!("rules + model >= {th}"), s);
    }

    // What the window's "Suggest in all documents" does with a model: the
    // rules and the model on every article, on every core.
    {
        use std::sync::atomic::AtomicBool;
        let project = quotebench::model::Project {
            documents: docs.clone(),
            ..quotebench::model::Project::from_text("all", "", "bench")
        };
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let t = Instant::now();
        let engine = |text: &str, ctx: &quotebench::suggest::Context| {
            let mut found = quotebench::suggest::rules::suggest(text, ctx);
            model.extend(text, &mut found);
            found
        };
        let done =
            quotebench::suggest::all::suggest_all(&project, engine, &|_, _| {}, &AtomicBool::new(false));
        let found: usize = done.iter().flatten().flatten().map(Vec::len).sum();
        println!(
            "BENCH learn_suggest_every_document ms={:.1} ({} documents on {cores} cores, rules and model, {found} suggestions)",
            t.elapsed().as_secs_f64() * 1000.0,
            project.documents.len()
        );
    }
    if env("QB_LEARN_HALF_ONLY").is_some() {
        return;
    }
    let all: Vec<&Document> = docs.iter().collect();
    let t = Instant::now();
    let full = learn::train(&all, &opts, &|_, _| {});
    println!(
        "BENCH learn_train_all articles={} tokens={} seconds={:.2}",
        all.len(),
        full.trained_on.tokens,
        t.elapsed().as_secs_f64()
    );
}

/// `r` with 90 characters either side, on one line.
fn context(doc: &Document, r: quotebench::model::CharRange) -> String {
    let chars: Vec<char> = doc.text().chars().collect();
    let piece = |a: usize, b: usize| -> String { chars[a.min(b)..b.min(chars.len())].iter().collect() };
    let (a, b) = (r.start.saturating_sub(90), (r.end + 90).min(chars.len()));
    format!(
        "{}[[{}]]{}",
        piece(a, r.start),
        piece(r.start, r.end),
        piece(r.end, b)
    )
    .replace('\n', " / ")
}

/// What the cues missed and the false ones were (`QB_LEARN_CUES=1`):
/// words and counts printed at run time, never written anywhere.
#[derive(Default)]
struct CueLog {
    /// Missed gold cues whose quote some suggestion overlaps / none does.
    missed_quote_found: BTreeMap<String, usize>,
    missed_quote_lost: BTreeMap<String, usize>,
    false_cues: BTreeMap<String, usize>,
    /// "suggested|gold" for cues that overlap too little to match.
    short: BTreeMap<String, usize>,
    /// Suggested quotes with no cue: all, and those overlapping a gold
    /// content that has a cue no suggestion touches.
    cueless: usize,
    cueless_gold_cue: usize,
}

impl CueLog {
    fn add(&mut self, doc: &Document, s: &[Suggestion], gold: &[quotebench::suggest::score::Gold]) {
        let text = |r: quotebench::model::CharRange| doc.slice(r).to_lowercase();
        for g in gold {
            for c in &g.cues {
                if s.iter().any(|x| x.cue.is_some_and(|k| k.overlaps(c))) {
                    continue;
                }
                let found = s.iter().any(|x| {
                    x.fragments
                        .iter()
                        .any(|f| g.fragments.iter().any(|h| h.overlaps(f)))
                });
                let m = if found {
                    &mut self.missed_quote_found
                } else {
                    &mut self.missed_quote_lost
                };
                *m.entry(text(*c)).or_default() += 1;
            }
        }
        // QB_CTX=WORD: each missed or false cue WORD in its context.
        let ctx_word = std::env::var("QB_CTX").unwrap_or_default();
        let ctx = |r: quotebench::model::CharRange| context(doc, r);
        for g in gold {
            for c in &g.cues {
                if !ctx_word.is_empty()
                    && text(*c) == ctx_word
                    && !s.iter().any(|x| x.cue.is_some_and(|k| k.overlaps(c)))
                {
                    println!("CTX missed: {}", ctx(*c));
                }
            }
        }
        for x in s {
            if let Some(k) = x.cue
                && !gold.iter().any(|g| g.cues.iter().any(|c| c.overlaps(&k)))
            {
                if !ctx_word.is_empty() && text(k) == ctx_word {
                    let gq = gold.iter().any(|g| {
                        g.fragments
                            .iter()
                            .any(|h| x.fragments.iter().any(|f| f.overlaps(h)))
                    });
                    println!(
                        "CTX false ({:?}, {}, gold quote there {gq}): {}",
                        x.target,
                        x.rule.chars().take(40).collect::<String>(),
                        ctx(k)
                    );
                }
                *self.false_cues.entry(text(k)).or_default() += 1;
            }
        }
        let quote = |x: &&Suggestion| matches!(x.target, quotebench::suggest::Target::Quote(_));
        for x in s.iter().filter(quote).filter(|x| x.cue.is_none()) {
            self.cueless += 1;
            let hit = gold.iter().any(|g| {
                g.fragments
                    .iter()
                    .any(|h| x.fragments.iter().any(|f| f.overlaps(h)))
                    && g.cues
                        .iter()
                        .any(|c| !s.iter().any(|y| y.cue.is_some_and(|k| k.overlaps(c))))
            });
            self.cueless_gold_cue += usize::from(hit);
        }
        // Suggested cues that touch a gold cue but overlap it too little.
        for k in s.iter().filter_map(|x| x.cue) {
            for g in gold.iter().flat_map(|g| &g.cues) {
                if g.overlaps(&k) && quotebench::suggest::score::overlap_of(&[k], &[*g]) < 0.3 {
                    *self.short.entry(format!("{}|{}", text(k), text(*g))).or_default() += 1;
                }
            }
        }
    }

    fn print(&self) {
        println!(
            "CUES cueless quotes: {} ({} over a gold content whose cue is missed)",
            self.cueless, self.cueless_gold_cue
        );
        for (name, m) in [
            ("missed, quote suggested", &self.missed_quote_found),
            ("missed, quote not suggested", &self.missed_quote_lost),
            ("false", &self.false_cues),
            ("overlap < 0.3 (suggested|gold)", &self.short),
        ] {
            let total: usize = m.values().sum();
            let mut v: Vec<(&String, &usize)> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let top: Vec<String> = v.iter().take(40).map(|(w, n)| format!("{w}:{n}")).collect();
            println!("CUES {name}: {total} | {}", top.join(", "));
        }
    }
}
