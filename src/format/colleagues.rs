//! Reading colleagues' work for a review: their `.qb.ron` project files, and
//! brat folders or `.ann` files (one project per annotator, labels mapped).
//! Only reading lives here; lining the projects up is the review layer's.

use std::path::{Path, PathBuf};

use super::error::FormatError;
use super::interchange::{self, ImportFormat, ImportOptions, LabelMap};
use super::project_file::load_project;
use crate::model::Project;

/// One colleague's project as read from disk. Its `annotator` is never
/// empty: a project file that names nobody is named after the file.
#[derive(Clone, Debug)]
pub struct ColleagueProject {
    /// Where it came from, for messages.
    pub source: String,
    pub project: Project,
}

/// Everything read, with notes on what was skipped or repaired on the way.
#[derive(Clone, Debug, Default)]
pub struct Colleagues {
    pub projects: Vec<ColleagueProject>,
    pub notes: Vec<String>,
}

/// Reads every path: a `.ron` file as a project, anything else (folders,
/// `.ann` files) together as brat, with `map` applied to brat's labels.
pub fn read_colleagues(paths: &[PathBuf], map: &LabelMap) -> Result<Colleagues, FormatError> {
    let mut out = Colleagues::default();
    let mut brat: Vec<PathBuf> = Vec::new();
    for p in paths {
        if !is_project_file(p) {
            brat.push(p.clone());
            continue;
        }
        let loaded = load_project(p)?;
        for problem in &loaded.problems {
            out.notes.push(format!("{}: {problem}", p.display()));
        }
        let mut project = loaded.project;
        if project.annotator.trim().is_empty() {
            project.annotator = file_stem(p);
        }
        out.projects.push(ColleagueProject {
            source: p.display().to_string(),
            project,
        });
    }
    if !brat.is_empty() {
        let opts = ImportOptions {
            format: Some(ImportFormat::Brat),
            map: map.clone(),
            annotator: None,
        };
        let result = interchange::import(&brat, &opts, &|_, _| {})?;
        out.notes.extend(result.issues.iter().map(|i| i.to_string()));
        let source = brat
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        for project in result.projects {
            out.projects.push(ColleagueProject {
                source: source.clone(),
                project,
            });
        }
    }
    Ok(out)
}

fn is_project_file(p: &Path) -> bool {
    p.is_file() && p.to_string_lossy().ends_with(".ron")
}

/// "ana" for `ana.qb.ron`.
fn file_stem(p: &Path) -> String {
    let name = p
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    name.trim_end_matches(".ron").trim_end_matches(".qb").to_string()
}
