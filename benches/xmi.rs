//! Timings of UIMA CAS XMI export and import (`cargo bench --bench xmi`,
//! issue 15): PolNeAR train (840 articles) imported from brat with
//! `--map polnear` as one project, exported as XMI and imported back.
//! Prints `BENCH xmi-export-840 median_ms=x` and `BENCH xmi-import-840
//! median_ms=x` (target: ≤ 2 s each); skips when `../shared` is absent
//! (fails then under CI, see `tests/common`).

use std::collections::HashSet;
use std::time::Instant;

use quotebench::format::interchange::{self, ExportFormat, ImportFormat, ImportOptions, LabelMap};
use quotebench::model::Project;

#[path = "../tests/common/mod.rs"]
mod common;

/// Median wall time of `runs` runs of `f`, in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    // `cargo test --all-targets` runs benches without `--bench`: nothing to time there.
    if !std::env::args().any(|a| a == "--bench") {
        println!("xmi bench: run it with `cargo bench --bench xmi`");
        return;
    }
    let Some(root) = common::shared_dir("corpora/polnear") else {
        return;
    };
    let opts = ImportOptions {
        format: Some(ImportFormat::Brat),
        map: LabelMap::polnear(),
        annotator: None,
    };
    let imported = interchange::import(&[root.join("train")], &opts, &|_, _| {}).expect("import train");
    // Each article once, as the first annotator who has it tagged it.
    let mut seen = HashSet::new();
    let mut documents = Vec::new();
    for p in imported.projects {
        for d in p.documents {
            if seen.insert(d.id.clone()) {
                documents.push(d);
            }
        }
    }
    let project = Project {
        people: Default::default(),
        name: "train".into(),
        annotator: "bench".into(),
        tagset: Default::default(),
        documents,
    };
    let annotations: usize = project.documents.iter().map(|d| d.annotation_count()).sum();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("train-xmi");
    let map = LabelMap::polnear();
    let mut written = 0;
    let export_ms = median_ms(5, || {
        written = interchange::export_with_map(&project, ExportFormat::Xmi, &out, &map)
            .expect("export")
            .items;
    });
    let back_opts = ImportOptions {
        format: Some(ImportFormat::Xmi),
        map: LabelMap::polnear(),
        annotator: Some("bench".into()),
    };
    let mut read = 0;
    let import_ms = median_ms(5, || {
        let r = interchange::import(std::slice::from_ref(&out), &back_opts, &|_, _| {}).expect("import");
        read = r
            .projects
            .iter()
            .map(|p| p.documents.iter().map(|d| d.annotation_count()).sum::<usize>())
            .sum();
    });
    println!(
        "BENCH xmi-export-840 median_ms={export_ms:.1} ({} documents, {annotations} annotations, {written} annotations and relations written)",
        project.documents.len()
    );
    println!("BENCH xmi-import-840 median_ms={import_ms:.1} ({read} annotations read back)");
}
