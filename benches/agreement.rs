//! Timings of the agreement report (`cargo bench --bench agreement`):
//! PolNeAR's annotator-training set (6 annotators × 4 articles), loaded and
//! measured, and two annotators over the 840 train articles (the first
//! annotator's tags and a deterministic perturbation of them). Prints
//! `BENCH name median_ms=x` lines; skips when `../shared` is absent
//! (fails then under CI, see `tests/common`).

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

use quotebench::format::colleagues::read_colleagues;
use quotebench::format::interchange::{self, ImportFormat, ImportOptions, LabelMap};
use quotebench::model::{Document, Project, TagSet, names};
use quotebench::review::agreement::{AgreementOptions, agreement};
use quotebench::review::{Layer, ReviewSet, layers_of};

#[path = "../tests/common/mod.rs"]
mod common;
use common::timing::median_ms;

fn report(set: &ReviewSet, opts: &AgreementOptions) -> usize {
    let r = agreement(set, opts);
    r.to_json().to_string().len() + r.to_text().len()
}

fn training(root: &Path) {
    let dir = root.join("annotator-training");
    let map = LabelMap::polnear();
    let opts = AgreementOptions::default();
    let load = || {
        let layers = layers_of(
            read_colleagues(std::slice::from_ref(&dir), &map)
                .expect("open annotator-training")
                .projects,
        );
        ReviewSet::build(layers)
    };
    let total = median_ms(15, || {
        std::hint::black_box(report(&load(), &opts));
    });
    let set = load();
    let compute = median_ms(31, || {
        std::hint::black_box(report(&set, &opts));
    });
    let chars: usize = set.documents.iter().map(|d| d.text().chars().count()).sum();
    println!(
        "BENCH agree-training-load median_ms={total:.2} ({} annotators, {} documents, {chars} chars)",
        set.annotators.len(),
        set.documents.len()
    );
    println!("BENCH agree-training median_ms={compute:.2}");
}

/// Annotator B: A with every 7th span dropped, the end of every 5th moved
/// one char on, every 11th relabelled.
fn perturbed(a: &Project) -> Project {
    let mut k = 0usize;
    let documents = a
        .documents
        .iter()
        .map(|d| {
            let n = d.char_len();
            let mut anns = Vec::new();
            for ann in d.annotations_in_order() {
                k += 1;
                if k.is_multiple_of(7) {
                    continue;
                }
                let mut ann = ann.clone();
                if k.is_multiple_of(5)
                    && let Some(f) = ann.fragments.last_mut()
                {
                    f.end = (f.end + 1).min(n);
                }
                if k.is_multiple_of(11) {
                    ann.label = if ann.label == names::CUE {
                        names::QUOTE
                    } else {
                        names::CUE
                    }
                    .to_string();
                }
                anns.push(ann);
            }
            let rels = d.relations().cloned().collect();
            Document::from_parts(
                d.id.clone(),
                d.title.clone(),
                None,
                d.text().to_string(),
                anns,
                rels,
            )
            .0
        })
        .collect();
    Project {
        people: Default::default(),
        name: a.name.clone(),
        annotator: "perturbed".to_string(),
        tagset: TagSet::default(),
        documents,
        conflicts: Vec::new(),
    }
}

fn train_840(root: &Path) {
    let opts = ImportOptions {
        format: Some(ImportFormat::Brat),
        map: LabelMap::polnear(),
        annotator: None,
    };
    let t = Instant::now();
    let imported = interchange::import(&[root.join("train")], &opts, &|_, _| {}).expect("import train");
    let import_ms = t.elapsed().as_secs_f64() * 1000.0;
    // Layer A: each text once, as the first annotator who has it tagged it.
    let mut seen = HashSet::new();
    let mut docs = Vec::new();
    for p in imported.projects {
        for d in p.documents {
            if seen.insert(d.text().to_string()) {
                docs.push(d);
            }
        }
    }
    let a = Project {
        people: Default::default(),
        name: "train".to_string(),
        annotator: "first".to_string(),
        tagset: TagSet::default(),
        documents: docs,
        conflicts: Vec::new(),
    };
    let b = perturbed(&a);
    let layers = vec![
        Layer {
            annotator: a.annotator.clone(),
            source: "train".into(),
            project: a,
        },
        Layer {
            annotator: b.annotator.clone(),
            source: "perturbed".into(),
            project: b,
        },
    ];
    let t = Instant::now();
    let set = ReviewSet::build(layers);
    let build_ms = t.elapsed().as_secs_f64() * 1000.0;
    let chars: usize = set.documents.iter().map(|d| d.text().chars().count()).sum();
    let compute = median_ms(7, || {
        std::hint::black_box(report(&set, &AgreementOptions::default()));
    });
    println!(
        "BENCH agree-840x2 median_ms={compute:.2} ({} documents, {chars} chars; import {import_ms:.0} ms, ReviewSet::build {build_ms:.0} ms, not counted)",
        set.documents.len()
    );
}

fn main() {
    // `cargo test --all-targets` runs benches too (debug, without `--bench`): skip the timings there.
    if !std::env::args().any(|a| a == "--bench") {
        println!("agreement bench: run it with `cargo bench --bench agreement`");
        return;
    }
    // Absent: skipped with a message; under CI a failure.
    let Some(root) = common::shared_dir("corpora/polnear") else {
        println!("BENCH agreement skipped: PolNeAR not found");
        return;
    };
    training(&root);
    train_840(&root);
}
