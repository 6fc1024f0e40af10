//! Timings of UIMA CAS XMI export and import (`cargo bench --bench xmi`,
//! issue 15): PolNeAR train (840 articles) imported from brat with
//! `--map polnear` as one project, exported as XMI and imported back.
//! Prints `BENCH xmi-export-840 median_ms=x` and `BENCH xmi-import-840
//! median_ms=x` (target: ≤ 2 s each); skips when `../shared` is absent
//! (fails then under CI, see `tests/common`).

use quotebench::format::interchange::{self, ExportFormat, ImportFormat, ImportOptions, LabelMap};

#[path = "../tests/common/mod.rs"]
mod common;
use common::timing::median_ms;

fn main() {
    if !common::timing::is_bench_run("xmi") {
        return;
    }
    let Some(root) = common::shared_dir("corpora/polnear") else {
        return;
    };
    let project = common::polnear::train_project(&root.join("train"));
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
