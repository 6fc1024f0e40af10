//! Timings of the spaCy DocBin export and of the Label Studio export and
//! import (`cargo bench --bench spacy`, issue 15): PolNeAR train (840
//! articles) imported from brat with `--map polnear` as one project, as
//! `benches/xmi.rs` builds it. Prints `BENCH spacy-export-840`,
//! `BENCH label-studio-export-840` and `BENCH label-studio-import-840`
//! (median_ms; target ≤ 2 s each); skips when `../shared` is absent (fails
//! then under CI, see `tests/common`).

use quotebench::format::interchange::{self, ExportFormat, ImportFormat, ImportOptions, LabelMap};

#[path = "../tests/common/mod.rs"]
mod common;
use common::timing::median_ms;

fn main() {
    if !common::timing::is_bench_run("spacy") {
        return;
    }
    let Some(root) = common::shared_dir("corpora/polnear") else {
        return;
    };
    let project = common::polnear::train_project(&root.join("train"));
    let annotations: usize = project.documents.iter().map(|d| d.annotation_count()).sum();
    let dir = tempfile::tempdir().expect("tempdir");
    let map = LabelMap::polnear();

    let out = dir.path().join("train.spacy");
    let mut written = 0;
    let export_ms = median_ms(5, || {
        written = interchange::export_with_map(&project, ExportFormat::Spacy, &out, &map)
            .expect("export")
            .items;
    });
    let bytes = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!(
        "BENCH spacy-export-840 median_ms={export_ms:.1} ({} documents, {annotations} annotations, {written} spans, {bytes} bytes)",
        project.documents.len()
    );

    let out = dir.path().join("train.label-studio.json");
    let export_ms = median_ms(5, || {
        written = interchange::export_with_map(&project, ExportFormat::LabelStudio, &out, &map)
            .expect("export")
            .items;
    });
    let back_opts = ImportOptions {
        format: Some(ImportFormat::LabelStudio),
        map: LabelMap::polnear(),
        annotator: None,
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
    println!("BENCH label-studio-export-840 median_ms={export_ms:.1} ({written} regions written)");
    println!("BENCH label-studio-import-840 median_ms={import_ms:.1} ({read} annotations read back)");
}
