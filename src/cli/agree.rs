//! `quotebench agree`: how far colleagues' files agree, as tables or JSON.

use std::path::PathBuf;

use crate::format::colleagues::read_colleagues;
use crate::format::interchange::LabelMap;
use crate::review::agreement::{AgreementOptions, agreement};
use crate::review::{ReviewSet, layers_of};

/// Reads `paths` (project files, brat folders or `.ann` files), measures
/// agreement and prints it; notes and left-out documents go to stderr.
pub fn agree(paths: &[PathBuf], json: bool, labels: &[String], map: &[String]) -> Result<(), String> {
    let map = LabelMap::parse(map)?;
    let read = read_colleagues(paths, &map).map_err(|e| e.to_string())?;
    for n in &read.notes {
        eprintln!("note: {n}");
    }
    let set = ReviewSet::build(layers_of(read.projects));
    for l in &set.left_out {
        eprintln!("left out: {l}");
    }
    if set.annotators.len() < 2 {
        return Err(format!(
            "agreement needs at least two annotators; found {}",
            set.annotators.len()
        ));
    }
    if set.documents.is_empty() {
        return Err("no document is shared by two annotators".to_string());
    }
    let opts = AgreementOptions {
        labels: (!labels.is_empty()).then(|| labels.to_vec()),
    };
    let report = agreement(&set, &opts);
    for d in &report.documents {
        if let Some(why) = &d.overall_left_out {
            eprintln!("left out of the overall alpha: document {:?}: {why}", d.id);
        }
    }
    if json {
        super::emit(&serde_json::to_string_pretty(&report.to_json()).map_err(|e| e.to_string())?);
    } else {
        super::emit(report.to_text().trim_end());
    }
    Ok(())
}
