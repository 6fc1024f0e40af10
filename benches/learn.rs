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

#[path = "../tests/common/mod.rs"]
mod common;

/// The first annotator's file of every article (in annotator-id order),
/// as documents in article-name order.
fn load(root: &Path) -> Vec<Document> {
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
    first.into_values().map(|(_, d)| d).collect()
}
