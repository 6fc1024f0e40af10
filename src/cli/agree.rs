//! `quotebench agree`: how far colleagues' files agree, as tables or JSON.

use std::path::PathBuf;

use anyhow::{Context, bail};
use quotebench::format::colleagues::read_colleagues;
use quotebench::format::interchange::LabelMap;
use quotebench::review::agreement::{AgreementOptions, agreement};
use quotebench::review::{ReviewSet, layers_of};

/// Reads `paths` (project files, brat folders or `.ann` files), measures
/// agreement and prints it; notes and left-out documents go to stderr.
pub fn agree(paths: &[PathBuf], json: bool, labels: &[String], map: &[String]) -> anyhow::Result<()> {
    let map = LabelMap::parse(map)?;
    let read = read_colleagues(paths, &map)?;
    for n in &read.notes {
        eprintln!("note: {n}");
    }
    let set = ReviewSet::build(layers_of(read.projects));
    for l in &set.left_out {
        eprintln!("left out: {l}");
    }
    if set.annotators.len() < 2 {
        bail!(
            "agreement needs at least two annotators; found {}",
            set.annotators.len()
        );
    }
    if set.documents.is_empty() {
        bail!("no document is shared by two annotators");
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
        super::emit(&serde_json::to_string_pretty(&report.to_json()).context("writing the report as JSON")?);
    } else {
        super::emit(report.to_text().trim_end());
    }
    Ok(())
}
