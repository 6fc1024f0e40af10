//! Colleagues' projects lined up document by document. Documents are matched
//! by the content of their text (not by id or title, which annotators may
//! have changed); a document whose text differs from everybody else's is
//! named and left out, with the reason. The files are read by
//! [`crate::format::colleagues`]; this module only lines them up.

use std::collections::HashMap;

use super::error::ReviewError;
use crate::format::colleagues::ColleagueProject;
use crate::format::xxh64;
use crate::model::{Document, Project, TagSet};

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
    /// Every label and relation kind any of the files defines (the first
    /// file's definition wins), for the curated project.
    pub tagset: TagSet,
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
        let tagset = union_of_tagsets(layers.iter().map(|l| &l.project.tagset));
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
            tagset,
            documents: kept,
            left_out,
        }
    }

    /// The document at `i` as annotator `a` has it.
    pub fn version(&self, doc: usize, a: usize) -> Option<&Document> {
        self.documents.get(doc)?.versions.get(a)?.as_ref()
    }
}

fn union_of_tagsets<'a>(sets: impl Iterator<Item = &'a TagSet>) -> TagSet {
    let mut out: Option<TagSet> = None;
    for t in sets {
        let Some(u) = out.as_mut() else {
            out = Some(t.clone());
            continue;
        };
        for l in &t.labels {
            if u.label(&l.name).is_none() {
                u.labels.push(l.clone());
            }
        }
        for r in &t.relations {
            if u.relation(&r.name).is_none() {
                u.relations.push(r.clone());
            }
        }
    }
    out.unwrap_or_default()
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

impl From<ColleagueProject> for Layer {
    fn from(c: ColleagueProject) -> Self {
        Layer {
            annotator: c.project.annotator.clone(),
            source: c.source,
            project: c.project,
        }
    }
}

/// One layer per colleague's project, in the order read.
pub fn layers_of(projects: Vec<ColleagueProject>) -> Vec<Layer> {
    projects.into_iter().map(Layer::from).collect()
}

impl ReviewSet {
    /// Puts the documents in the order of an open gold project's, so that a
    /// half-curated gold file resumes: document `i` of the set is document
    /// `i` of the gold project. Documents the gold project does not hold are
    /// left out (with the reason); a gold document that no two of the files
    /// share cannot be reviewed, and is an error.
    pub fn align_to_gold(&mut self, gold: &Project) -> Result<(), ReviewError> {
        let mut rest: Vec<Option<ReviewDoc>> = std::mem::take(&mut self.documents)
            .into_iter()
            .map(Some)
            .collect();
        let mut aligned = Vec::with_capacity(gold.documents.len());
        for g in &gold.documents {
            let hash = xxh64(g.text().as_bytes(), 0);
            let found = rest
                .iter_mut()
                .find(|d| d.as_ref().is_some_and(|d| d.hash == hash && d.text() == g.text()))
                .and_then(Option::take);
            match found {
                Some(d) => aligned.push(d),
                None => {
                    return Err(ReviewError::GoldDocumentMissing {
                        id: g.id.clone(),
                        title: g.title.clone(),
                    });
                }
            }
        }
        for d in rest.into_iter().flatten() {
            if let Some((a, _)) = d.versions.iter().enumerate().find(|(_, v)| v.is_some()) {
                self.left_out.push(LeftOut {
                    annotator: self.annotators[a].clone(),
                    source: self.sources[a].clone(),
                    document: d.id.clone(),
                    reason: "the gold project being curated does not hold this text".to_string(),
                });
            }
        }
        self.documents = aligned;
        Ok(())
    }
}
