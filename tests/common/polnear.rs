//! PolNeAR train as gold data for the suggestion tests and benches: one
//! document per article, the first annotator's (in id order), imported
//! with the PolNeAR label map (Content -> Quote, Source -> Speaker, Cue ->
//! Cue, their `E` lines -> `said_by` / `cue_of`). Read at run time from
//! `../shared`; nothing derived from it is ever written into the repository.

use std::collections::BTreeMap;
use std::path::Path;

use quotebench::format::interchange::{ImportFormat, ImportOptions, LabelMap, import};
use quotebench::model::{Document, Project};

/// The articles of `polnear/train` (the folder holding `text/` and
/// `attributions/`), each annotated by its first annotator, in name order.
pub fn train_gold(train: &Path) -> Vec<Document> {
    train_project(train).documents
}

/// [`train_gold`]'s documents as one project, with the tag set the import
/// made (every label and relation kind the annotators used), as a user
/// who imported PolNeAR has it.
#[allow(dead_code)] // not every test crate that includes this uses it
pub fn train_project(train: &Path) -> Project {
    let opts = ImportOptions {
        format: Some(ImportFormat::Brat),
        map: LabelMap::polnear(),
        annotator: None,
    };
    let result = import(&[train.to_path_buf()], &opts, &|_, _| {}).expect("PolNeAR train imports");
    let mut projects = result.projects;
    projects.sort_by(|a, b| a.annotator.cmp(&b.annotator));
    let mut first: BTreeMap<String, Document> = BTreeMap::new();
    let mut tagset = projects.first().map(|p| p.tagset.clone()).unwrap_or_default();
    for project in projects {
        for l in project.tagset.labels {
            if tagset.label(&l.name).is_none() {
                tagset.labels.push(l);
            }
        }
        for r in project.tagset.relations {
            if !tagset.relations.iter().any(|x| x.name == r.name) {
                tagset.relations.push(r);
            }
        }
        for doc in project.documents {
            first.entry(doc.id.clone()).or_insert(doc);
        }
    }
    Project {
        name: "train".into(),
        annotator: "polnear".into(),
        tagset,
        documents: first.into_values().collect(),
        people: Default::default(),
        conflicts: Vec::new(),
    }
}
