//! Timing of the three-way merge behind `quotebench merge-file` (issue 17):
//! the 840 PolNeAR train articles as one project (the base), and two
//! versions with a few hundred changes each (notes, relabels, deletions,
//! new tags, new links; 20 notes changed differently on both sides: true
//! conflicts), merged as git's driver does (`format::merge_files`): the
//! documents the same in all three copied, the others parsed, merged and
//! written as text. Prints
//! `BENCH merge-840 median_ms=x` (target: ≤ 1 s) and the merge alone as
//! `BENCH merge-840-model median_ms=x`; skips when `../shared` is absent
//! (fails then under CI, see `tests/common`).

use quotebench::format::{merge_files, parse_projects, project_to_string};
use quotebench::model::{Edit, Project, Relation, merge_versions};

#[path = "../tests/common/mod.rs"]
mod common;
use common::timing::median_ms;

/// How many annotations both sides give a different note: true conflicts,
/// recorded in the merged file.
const CLASHES: usize = 20;

/// `n` changes spread over the documents; `side` 0 or 1 picks different
/// annotations, and the first annotation of each of the first [`CLASHES`]
/// documents gets a note that differs between the sides.
fn edited(base: &Project, side: usize, n: usize) -> Project {
    let mut p = base.clone();
    for doc in 0..CLASHES.min(p.documents.len()) {
        let first = p.documents[doc].annotations().next().cloned();
        if let Some(mut a) = first {
            a.note = format!("side {side} disagrees");
            let _ = Edit::ReplaceAnnotation { doc, annotation: a }.apply(&mut p);
        }
    }
    let docs = p.documents.len();
    for k in 0..n {
        let doc = (k * 7 + side * 3) % docs;
        let ids: Vec<String> = p.documents[doc].annotations().map(|a| a.id.clone()).collect();
        if ids.is_empty() {
            continue;
        }
        let id = ids[(k + side) % ids.len()].clone();
        let edit = match k % 5 {
            0 | 1 => {
                let mut a = p.documents[doc].annotation(&id).cloned().expect("there");
                a.note = format!("checked by side {side}");
                Edit::ReplaceAnnotation { doc, annotation: a }
            }
            2 => Edit::DeleteAnnotation { doc, id },
            3 => {
                let mut a = p.documents[doc].annotation(&id).cloned().expect("there");
                a.id = format!("side{side}-{k}");
                Edit::AddAnnotation { doc, annotation: a }
            }
            _ => {
                let to = ids[(k * 3 + 1) % ids.len()].clone();
                Edit::AddRelation {
                    doc,
                    relation: Relation::new(format!("side{side}-r{k}"), "related", id, to),
                }
            }
        };
        let _ = edit.apply(&mut p);
    }
    p
}

fn main() {
    if !common::timing::is_bench_run("merge") {
        return;
    }
    let Some(root) = common::shared_dir("corpora/polnear") else {
        return;
    };
    // As a user who imported PolNeAR has it: with the import's tag set (a
    // default tag set would make every PolNeAR label a problem to locate).
    let base = common::polnear::train_project(&root.join("train"));
    let (ours, theirs) = (edited(&base, 0, 400), edited(&base, 1, 400));
    let text = |p: &Project| project_to_string(p).expect("writes");
    let (bt, ot, tt) = (text(&base), text(&ours), text(&theirs));
    let annotations: usize = base.documents.iter().map(|d| d.annotation_count()).sum();
    let mut conflicts = 0;
    let model_ms = median_ms(5, || {
        conflicts = merge_versions(&base, &ours, &theirs).conflicts.len();
    });
    // As `merge-file` does: the three files parsed together (a document
    // the same in several versions parsed once).
    let parse3 = || {
        let mut all = parse_projects(&[(&bt, "base"), (&ot, "ours"), (&tt, "theirs")])
            .into_iter()
            .map(|r| r.expect("parses").project);
        let (b, o, t) = (all.next(), all.next(), all.next());
        (b.expect("base"), o.expect("ours"), t.expect("theirs"))
    };
    let parse_ms = median_ms(3, || {
        parse3();
    });
    // What `merge-file` runs: the documents the same in all three copied
    // as they stand, the others parsed, merged and written.
    let mut written = 0;
    let mut file_conflicts = 0;
    let file_ms = median_ms(5, || {
        let m = merge_files(&[(&bt, "base"), (&ot, "ours"), (&tt, "theirs")]).expect("merges");
        written = m.text.len();
        file_conflicts = m.conflicts.len();
    });
    assert_eq!(file_conflicts, conflicts, "the file holds the model's conflicts");
    assert!(
        conflicts >= CLASHES,
        "the clashing notes are conflicts: {conflicts}"
    );
    println!(
        "BENCH merge-840 median_ms={file_ms:.1} documents={} annotations={annotations} changes_per_side=400 conflicts={conflicts} bytes={written}",
        base.documents.len()
    );
    println!("BENCH merge-840-model median_ms={model_ms:.1}");
    println!("BENCH merge-840-parse3 median_ms={parse_ms:.1}");
}
