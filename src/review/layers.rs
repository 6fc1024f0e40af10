//! Colleagues' projects lined up document by document. Documents are matched
//! by the content of their text (not by id or title, which annotators may
//! have changed); a document whose text differs from everybody else's is
//! named and left out, with the reason.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::format::interchange::{self, ImportFormat, ImportOptions, LabelMap};
use crate::format::{load_project, xxh64};
use crate::model::{Document, Project};

/// One annotator's project, as read from one file.
#[derive(Clone, Debug)]
pub struct Layer {
    /// Shown in the report and the compare view; unique within a set.
    pub annotator: String,
    /// Where it came from, for messages.
    pub source: String,
    pub project: Project,
}

/// One document as every annotator has it (`None`: that annotator's file does
/// not hold this text).
#[derive(Clone, Debug)]
pub struct ReviewDoc {
    pub id: String,
    pub title: String,
    /// XXH64 of the text, the key documents are matched by.
    pub hash: u64,
    /// Indexed like [`ReviewSet::annotators`].
    pub versions: Vec<Option<Document>>,
}

impl ReviewDoc {
    /// The text (every version has the same).
    pub fn text(&self) -> &str {
        self.versions.iter().flatten().next().map_or("", |d| d.text())
    }

    /// How many annotators have this document.
    pub fn present(&self) -> usize {
        self.versions.iter().filter(|v| v.is_some()).count()
    }
}

/// A document that could not be compared, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    pub annotator: String,
    pub source: String,
    pub document: String,
    pub reason: String,
}

impl std::fmt::Display for LeftOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}): document {:?} left out: {}",
            self.annotator, self.source, self.document, self.reason
        )
    }
}

/// Several annotators' versions of the same documents.
#[derive(Clone, Debug, Default)]
pub struct ReviewSet {
    pub annotators: Vec<String>,
    /// Where each annotator's file came from, indexed like `annotators`.
    pub sources: Vec<String>,
    /// In the order of the first file that has them; only documents at least
    /// two annotators have.
    pub documents: Vec<ReviewDoc>,
    pub left_out: Vec<LeftOut>,
}

impl ReviewSet {
    /// Lines up the layers' documents by text. Annotator names are made
    /// unique ("ana", "ana (2)") so that two files by one person stay apart.
    pub fn build(layers: Vec<Layer>) -> ReviewSet {
        let mut annotators: Vec<String> = Vec::new();
        for l in &layers {
            let base = if l.annotator.trim().is_empty() {
                "anonymous".to_string()
            } else {
                l.annotator.trim().to_string()
            };
            let mut name = base.clone();
            let mut n = 2;
            while annotators.contains(&name) {
                name = format!("{base} ({n})");
                n += 1;
            }
            annotators.push(name);
        }
        let k = layers.len();
        let sources: Vec<String> = layers.iter().map(|l| l.source.clone()).collect();
        let mut documents: Vec<ReviewDoc> = Vec::new();
        let mut by_hash: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut left_out = Vec::new();
        for (a, layer) in layers.into_iter().enumerate() {
            for doc in layer.project.documents {
                let hash = xxh64(doc.text().as_bytes(), 0);
                let slot = by_hash
                    .get(&hash)
                    .and_then(|c| c.iter().copied().find(|&i| documents[i].text() == doc.text()));
                match slot {
                    Some(i) if documents[i].versions[a].is_some() => left_out.push(LeftOut {
                        annotator: annotators[a].clone(),
                        source: layer.source.clone(),
                        document: doc.id.clone(),
                        reason: format!(
                            "its text is the same as that of document {:?} in the same file",
                            documents[i].versions[a].as_ref().map_or("", |d| d.id.as_str())
                        ),
                    }),
                    Some(i) => documents[i].versions[a] = Some(doc),
                    None => {
                        let mut versions = vec![None; k];
                        let (id, title) = (doc.id.clone(), doc.title.clone());
                        versions[a] = Some(doc);
                        by_hash.entry(hash).or_default().push(documents.len());
                        documents.push(ReviewDoc {
                            id,
                            title,
                            hash,
                            versions,
                        });
                    }
                }
            }
        }
        // Documents only one annotator has cannot be compared: say why, and
        // name the likeliest cause (another file has a document of that id
        // whose text differs).
        let mut kept = Vec::new();
        for d in documents {
            if d.present() >= 2 {
                kept.push(d);
                continue;
            }
            let Some((a, doc)) = d
                .versions
                .iter()
                .enumerate()
                .find_map(|(a, v)| v.as_ref().map(|v| (a, v)))
            else {
                continue;
            };
            let reason = match kept_or_any_with_id(&kept, &d.id, a) {
                Some((b, other)) => describe_difference(doc.text(), other.text(), &annotators[b]),
                None => "no other file has a document with this text".to_string(),
            };
            left_out.push(LeftOut {
                annotator: annotators[a].clone(),
                source: sources[a].clone(),
                document: d.id.clone(),
                reason,
            });
        }
        ReviewSet {
            annotators,
            sources,
            documents: kept,
            left_out,
        }
    }

    /// The document at `i` as annotator `a` has it.
    pub fn version(&self, doc: usize, a: usize) -> Option<&Document> {
        self.documents.get(doc)?.versions.get(a)?.as_ref()
    }
}

fn kept_or_any_with_id<'a>(kept: &'a [ReviewDoc], id: &str, not: usize) -> Option<(usize, &'a Document)> {
    kept.iter().filter(|d| d.id == id).find_map(|d| {
        d.versions
            .iter()
            .enumerate()
            .find_map(|(b, v)| v.as_ref().filter(|_| b != not).map(|v| (b, v)))
    })
}

/// "its text differs from bo's at char 1,204 (5,310 chars against 5,312)".
fn describe_difference(mine: &str, theirs: &str, who: &str) -> String {
    let at = mine
        .chars()
        .zip(theirs.chars())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| mine.chars().count().min(theirs.chars().count()));
    format!(
        "its text differs from {who}'s document of the same id at char {at} ({} chars against {})",
        mine.chars().count(),
        theirs.chars().count()
    )
}

/// Reads colleagues' work: `.qb.ron` project files, and brat folders or
/// `.ann` files (one layer per annotator, labels mapped with `map`).
/// Returns the layers and notes on what was skipped on the way.
pub fn open_layers(paths: &[PathBuf], map: &LabelMap) -> Result<(Vec<Layer>, Vec<String>), String> {
    let mut layers = Vec::new();
    let mut notes = Vec::new();
    let mut brat: Vec<PathBuf> = Vec::new();
    for p in paths {
        if is_project_file(p) {
            let loaded = load_project(p).map_err(|e| e.to_string())?;
            for problem in &loaded.problems {
                notes.push(format!("{}: {problem}", p.display()));
            }
            let mut project = loaded.project;
            if project.annotator.trim().is_empty() {
                project.annotator = file_stem(p);
            }
            layers.push(Layer {
                annotator: project.annotator.clone(),
                source: p.display().to_string(),
                project,
            });
        } else {
            brat.push(p.clone());
        }
    }
    if !brat.is_empty() {
        let opts = ImportOptions {
            format: Some(ImportFormat::Brat),
            map: map.clone(),
            annotator: None,
        };
        let result = interchange::import(&brat, &opts, &|_, _| {}).map_err(|e| e.to_string())?;
        notes.extend(result.issues.iter().map(|i| i.to_string()));
        let source = brat
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        for project in result.projects {
            layers.push(Layer {
                annotator: project.annotator.clone(),
                source: source.clone(),
                project,
            });
        }
    }
    Ok((layers, notes))
}

fn is_project_file(p: &Path) -> bool {
    p.is_file() && p.to_string_lossy().ends_with(".ron")
}

fn file_stem(p: &Path) -> String {
    let name = p
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    name.trim_end_matches(".ron").trim_end_matches(".qb").to_string()
}
