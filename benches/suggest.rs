//! Speed and quality of the suggestion rules (`cargo bench --bench suggest`):
//! the rules' time per article (median over PolNeAR train's 840 articles, or
//! over runs on the sample article where `../shared` is absent) and the
//! issue's figures against the gold tags. Prints `BENCH name median_ms=x`
//! lines and the score report.

use std::time::Instant;

use quotebench::format::parse_project;
use quotebench::model::Document;
use quotebench::suggest::score::{Scores, gold_of, score};
use quotebench::suggest::{Context, rules};

#[path = "../tests/common/mod.rs"]
mod common;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn main() {
    let ctx = Context::default();
    let docs: Vec<Document> = match common::shared_dir("corpora/polnear") {
        Some(root) => common::polnear::train_gold(&root.join("train")),
        None => {
            let loaded =
                parse_project(quotebench::SAMPLE_PROJECT, "sample.qb.ron").expect("the sample parses");
            loaded.project.documents
        }
    };
    // Warm up once, then time each article over a few rounds.
    for d in &docs {
        std::hint::black_box(rules::suggest(d.text(), &ctx));
    }
    let rounds = if docs.len() > 10 { 5 } else { 200 };
    let mut per_article = Vec::with_capacity(docs.len() * rounds);
    for _ in 0..rounds {
        for d in &docs {
            let t = Instant::now();
            std::hint::black_box(rules::suggest(d.text(), &ctx));
            per_article.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let max = per_article.iter().copied().fold(0.0, f64::max);
    let chars: usize = docs.iter().map(|d| d.char_len()).sum();
    println!(
        "BENCH suggest-rules-per-article median_ms={:.3} max_ms={max:.3} ({} articles, {} chars in all, {rounds} rounds)",
        median(per_article),
        docs.len(),
        chars
    );
    let big = docs.iter().map(|d| d.text()).collect::<Vec<_>>().join("\n\n");
    let t = Instant::now();
    let n = rules::suggest(&big, &ctx).len();
    println!(
        "BENCH suggest-rules-all-in-one-text ms={:.1} ({} chars, {n} suggestions)",
        t.elapsed().as_secs_f64() * 1000.0,
        big.chars().count()
    );
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let t = Instant::now();
    let found: usize = std::thread::scope(|scope| {
        let chunk = docs.len().div_ceil(cores).max(1);
        let handles: Vec<_> = docs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(|| {
                    part.iter()
                        .map(|d| rules::suggest(d.text(), &ctx).len())
                        .sum::<usize>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
    });
    println!(
        "BENCH suggest-rules-every-document ms={:.1} ({} documents on {cores} cores, {found} suggestions)",
        t.elapsed().as_secs_f64() * 1000.0,
        docs.len()
    );
    let mut total = Scores::default();
    for d in &docs {
        total.add(&score(&rules::suggest(d.text(), &ctx), &gold_of(d)));
    }
    println!("rules alone, {} articles:\n{}", docs.len(), total.report());
    let sample = parse_project(quotebench::SAMPLE_PROJECT, "sample.qb.ron").expect("the sample parses");
    if let Some(d) = sample.project.documents.first() {
        let s = score(&rules::suggest(d.text(), &ctx), &gold_of(d));
        println!(
            "sample article: {} of {} gold quotes found (recall {:.3}), precision {:.3}",
            s.all.matched,
            s.all.gold,
            s.all.recall(),
            s.all.precision()
        );
    }
}
