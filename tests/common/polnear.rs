//! PolNeAR train as gold data for the suggestion tests and benches: one
//! document per article, the first annotator's (in id order), imported
//! with the PolNeAR label map (Content -> Quote, Source -> Speaker, Cue ->
//! Cue, their `E` lines -> `said_by` / `cue_of`). Read at run time from
//! `../shared`; nothing derived from it is ever written into the repository.

use std::collections::BTreeMap;
use std::path::Path;

use quotebench::format::interchange::{ImportFormat, ImportOptions, LabelMap, import};
use quotebench::model::Document;

/// The articles of `polnear/train` (the folder holding `text/` and
/// `attributions/`), each annotated by its first annotator, in name order.
pub fn train_gold(train: &Path) -> Vec<Document> {
    let opts = ImportOptions {
        format: Some(ImportFormat::Brat),
        map: LabelMap::polnear(),
        annotator: None,
    };
    let result = import(&[train.to_path_buf()], &opts, &|_, _| {}).expect("PolNeAR train imports");
    let mut projects = result.projects;
    projects.sort_by(|a, b| a.annotator.cmp(&b.annotator));
    let mut first: BTreeMap<String, Document> = BTreeMap::new();
    for project in projects {
        for doc in project.documents {
            first.entry(doc.id.clone()).or_insert(doc);
        }
    }
    first.into_values().collect()
}
