//! Reading colleagues' work for a review: their `.qb.ron` project files, and
//! brat folders or `.ann` files (one project per annotator, labels mapped).
//! Two or more brat folders (or one folder of them) are one folder per
//! annotator: a folder whose files name no annotator (plain `NAME.ann`, as a
//! team's export looks) is that folder's annotator, and a note says so.
//! Only reading lives here; lining the projects up is the review layer's.

use std::collections::HashSet;
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
    if brat.is_empty() {
        return Ok(out);
    }
    let brat = expand_team_folder(brat);
    let folders: Vec<&PathBuf> = brat.iter().filter(|p| holds_ann(p)).collect();
    if folders.len() < 2 {
        read_brat(&brat, map, None, &mut out)?;
        return Ok(out);
    }
    // One brat folder per annotator: each is read on its own, with the
    // folders and files that hold no `.ann` (texts) shared by all, and a
    // folder whose files name no annotator named after the folder.
    let shared: Vec<PathBuf> = brat
        .iter()
        .filter(|p| (!p.is_dir() && interchange::extension(p) != "ann") || (p.is_dir() && !holds_ann(p)))
        .cloned()
        .collect();
    for folder in &folders {
        let mut texts = text_stems(&shared);
        texts.extend(text_stems(std::slice::from_ref(*folder)));
        let mut paths = vec![(*folder).clone()];
        paths.extend(shared.iter().cloned());
        let name = folder_name(folder);
        let annotator = (!name.is_empty() && names_nobody(folder, &texts)).then_some(name);
        if let Some(name) = &annotator {
            out.notes.push(format!(
                "{}: its .ann files name no annotator; the folder's name {name:?} is taken as the annotator",
                folder.display()
            ));
        }
        read_brat(&paths, map, annotator, &mut out)?;
    }
    let files: Vec<PathBuf> = brat
        .iter()
        .filter(|p| !p.is_dir() && interchange::extension(p) == "ann")
        .cloned()
        .collect();
    if !files.is_empty() {
        let mut paths = files;
        paths.extend(shared.iter().cloned());
        read_brat(&paths, map, None, &mut out)?;
    }
    Ok(out)
}

/// Imports `paths` as brat into `out`; `annotator` names the annotator of
/// files that name none.
fn read_brat(
    paths: &[PathBuf],
    map: &LabelMap,
    annotator: Option<String>,
    out: &mut Colleagues,
) -> Result<(), FormatError> {
    let opts = ImportOptions {
        format: Some(ImportFormat::Brat),
        map: map.clone(),
        annotator,
    };
    let result = interchange::import(paths, &opts, &|_, _| {})?;
    out.notes.extend(result.issues.iter().map(|i| i.to_string()));
    let source = paths
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
    Ok(())
}

/// A single folder given, holding no `.ann` of its own but two or more
/// subfolders that do (a team's export, one folder per annotator), stands
/// for those subfolders; anything else is kept as it is.
fn expand_team_folder(brat: Vec<PathBuf>) -> Vec<PathBuf> {
    let [only] = brat.as_slice() else {
        return brat;
    };
    if !only.is_dir()
        || !entries(only)
            .iter()
            .all(|e| e.is_dir() || interchange::extension(e) != "ann")
    {
        return brat;
    }
    let subfolders: Vec<PathBuf> = entries(only).into_iter().filter(|e| e.is_dir()).collect();
    let with_ann = subfolders.iter().filter(|d| holds_ann(d)).count();
    if with_ann < 2 { brat } else { subfolders }
}

/// The entries of a folder, sorted, hidden ones left out (unreadable: none).
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Every file under `p` (itself when a file).
fn files_under(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        for e in entries(p) {
            files_under(&e, out);
        }
    } else {
        out.push(p.to_path_buf());
    }
}

fn holds_ann(p: &Path) -> bool {
    if !p.is_dir() {
        return false;
    }
    let mut files = Vec::new();
    files_under(p, &mut files);
    files.iter().any(|f| interchange::extension(f) == "ann")
}

/// The stems of the `.txt` files among (and under) `paths`.
fn text_stems(paths: &[PathBuf]) -> HashSet<String> {
    let mut files = Vec::new();
    for p in paths {
        files_under(p, &mut files);
    }
    files
        .iter()
        .filter(|f| interchange::extension(f) == "txt")
        .map(|f| stem(f))
        .collect()
}

/// Whether every `.ann` under `folder` is a plain `NAME.ann` whose
/// `NAME.txt` is beside it or among the shared texts: then its files name
/// no annotator (brat's `NAME_ANNOTATOR.ann` goes with `NAME.txt`).
fn names_nobody(folder: &Path, shared_texts: &HashSet<String>) -> bool {
    let mut files = Vec::new();
    files_under(folder, &mut files);
    files
        .iter()
        .filter(|f| interchange::extension(f) == "ann")
        .all(|ann| {
            let name = stem(ann);
            shared_texts.contains(&name) || ann.with_extension("txt").is_file()
        })
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// "ana" for `team/ana/` (also when given as `.`).
fn folder_name(p: &Path) -> String {
    std::fs::canonicalize(p)
        .ok()
        .and_then(|c| c.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default()
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
