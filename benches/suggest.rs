//! Speed and quality of the suggestion rules (`cargo bench --bench suggest`):
//! the rules' time per article (median over PolNeAR train's 840 articles, or
//! over runs on the sample article where `../shared` is absent) and the
//! issue's figures against the gold tags. Prints `BENCH name median_ms=x`
//! lines and the score report.

use std::time::Instant;

use quotebench::format::parse_project;
use quotebench::model::CharRange;
use quotebench::model::Document;
use quotebench::suggest::Suggestion;
use quotebench::suggest::score::{Gold, Scores, direct_matches, gold_of, overlap_of, same_chars, score};
use quotebench::suggest::{Context, rules};

#[path = "../tests/common/mod.rs"]
mod common;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn main() {
    if !common::timing::is_bench_run("suggest") {
        return;
    }
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
    // QB_SUGGEST_MISSES=/tmp/FILE: what the rules missed, read by hand to
    // tune them (PolNeAR text: never written into the repository).
    if let Some(path) = std::env::var_os("QB_SUGGEST_MISSES") {
        let mut out = String::new();
        for d in &docs {
            misses(d, &rules::suggest(d.text(), &ctx), &mut out);
        }
        if let Err(e) = std::fs::write(&path, out) {
            eprintln!("cannot write {}: {e}", path.to_string_lossy());
        }
    }
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

/// The direct gold quotes of `doc` the suggestions missed (with the
/// suggestions near them), those matched with other boundaries, and the
/// direct suggestions that matched nothing, one block each.
fn misses(doc: &Document, sugg: &[Suggestion], out: &mut String) {
    use std::fmt::Write as _;
    let gold = gold_of(doc);
    let pairs = direct_matches(sugg, &gold);
    let text = |r: &[CharRange]| -> String {
        r.iter()
            .map(|&f| doc.slice(f).replace('\n', " / "))
            .collect::<Vec<_>>()
            .join(" <|> ")
    };
    let near = |g: &Gold, out: &mut String| {
        let hull = |v: &[CharRange]| CharRange {
            start: v.iter().map(|r| r.start).min().unwrap_or(0),
            end: v.iter().map(|r| r.end).max().unwrap_or(0),
        };
        let h = hull(&g.fragments);
        for s in sugg.iter().filter(|s| s.hull().overlaps(&h)) {
            let _ = writeln!(
                out,
                "    near {:?} overlap {:.2} [{}] {}",
                s.target,
                overlap_of(&s.fragments, &g.fragments),
                s.rule,
                text(&s.fragments)
            );
        }
    };
    for (gi, g) in gold.iter().enumerate().filter(|(_, g)| g.direct) {
        match pairs.iter().find(|p| p.1 == gi) {
            None => {
                let _ = writeln!(out, "MISS {} {}", doc.id, text(&g.fragments));
                let ctx = doc.slice(CharRange {
                    start: g.fragments[0].start.saturating_sub(120),
                    end: (g.fragments[g.fragments.len() - 1].end + 120).min(doc.char_len()),
                });
                let _ = writeln!(out, "    context {}", ctx.replace('\n', " / "));
                near(g, out);
            }
            Some(&(si, _, _)) if !same_chars(&sugg[si].fragments, &g.fragments) => {
                let _ = writeln!(
                    out,
                    "INEXACT {}\n    gold {}\n    ours {} [{}]",
                    doc.id,
                    text(&g.fragments),
                    text(&sugg[si].fragments),
                    sugg[si].rule
                );
            }
            Some(&(si, _, _)) => {
                let right = |r: Option<CharRange>, g: &[CharRange]| {
                    r.is_some_and(|r| g.iter().any(|x| x.overlaps(&r)))
                };
                if !right(sugg[si].speaker, &g.speakers) || !right(sugg[si].cue, &g.cues) {
                    let _ = writeln!(
                        out,
                        "FRAME {} {}\n    gold speaker {} cue {}\n    ours speaker {} cue {} [{}]",
                        doc.id,
                        text(&g.fragments),
                        text(&g.speakers),
                        text(&g.cues),
                        text(&sugg[si].speaker.into_iter().collect::<Vec<_>>()),
                        text(&sugg[si].cue.into_iter().collect::<Vec<_>>()),
                        sugg[si].rule
                    );
                }
            }
        }
    }
    for (si, s) in sugg.iter().enumerate() {
        let direct = matches!(
            s.target,
            quotebench::suggest::Target::Quote(
                quotebench::suggest::QuoteKind::Direct | quotebench::suggest::QuoteKind::Mixed
            )
        );
        if direct && !pairs.iter().any(|p| p.0 == si) {
            let _ = writeln!(out, "FALSE {} [{}] {}", doc.id, s.rule, text(&s.fragments));
        }
    }
}
