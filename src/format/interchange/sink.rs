//! What importers produce: draft documents and issues, collected in a
//! [`Sink`] and made into one project per annotator, with every problem the
//! model finds located by file and line.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{ImportIssue, ImportResult, UNKNOWN_LABEL_COLOR};
use crate::model::{
    Annotation, AttributeDef, Document, LabelDef, Problem, Project, Relation, RelationDef, TagSet,
    repair_document, validate,
};

/// Where each annotation or relation id was read: file and line.
pub(crate) type Origins = HashMap<String, (PathBuf, Option<usize>)>;

/// A document as an importer made it, before it becomes a model document.
#[derive(Default)]
pub(crate) struct DraftDocument {
    pub annotator: String,
    pub id: String,
    pub title: String,
    pub text: String,
    pub annotations: Vec<Annotation>,
    pub relations: Vec<Relation>,
    /// Where each annotation or relation id came from, to locate problems.
    pub origin: Origins,
    /// The file the document as a whole came from.
    pub file: PathBuf,
    /// Its progress and attributes, where the format holds them (issue 13).
    pub status: crate::model::Status,
    pub attributes: BTreeMap<String, String>,
}

/// Collects drafts and issues from an importer.
#[derive(Default)]
pub(crate) struct Sink {
    pub drafts: Vec<DraftDocument>,
    pub issues: Vec<ImportIssue>,
}

impl Sink {
    pub fn issue(&mut self, file: &Path, line: Option<usize>, message: impl Into<String>) {
        self.issues.push(ImportIssue {
            file: file.to_path_buf(),
            line,
            message: message.into(),
        });
    }

    /// Groups the drafts into one project per annotator (by name), completes each tag set, and locates every problem the
    /// model finds.
    pub(super) fn finish(self, name: &str) -> ImportResult {
        let Sink { drafts, mut issues } = self;
        let mut order: Vec<String> = Vec::new();
        let mut groups: HashMap<String, Vec<DraftDocument>> = HashMap::new();
        for d in drafts {
            if !groups.contains_key(&d.annotator) {
                order.push(d.annotator.clone());
            }
            groups.entry(d.annotator.clone()).or_default().push(d);
        }
        order.sort();
        let mut projects = Vec::new();
        for annotator in order {
            let drafts = groups.remove(&annotator).unwrap_or_default();
            let mut tagset = TagSet::default();
            let mut used_ids: HashSet<String> = HashSet::new();
            let mut documents = Vec::with_capacity(drafts.len());
            let mut origins: HashMap<String, (Origins, PathBuf)> = HashMap::new();
            for mut d in drafts {
                complete_tagset(&mut tagset, &d);
                // Two files with the same name (in different folders) stay apart.
                let mut id = d.id.clone();
                let mut n = 1;
                while !used_ids.insert(id.clone()) {
                    n += 1;
                    id = format!("{}-{n}", d.id);
                }
                if id != d.id {
                    issues.push(ImportIssue {
                        file: d.file.clone(),
                        line: None,
                        message: format!("a document {:?} exists already; this one is {id:?}", d.id),
                    });
                }
                let (mut doc, dup_a, dup_r) = Document::from_parts(
                    id.clone(),
                    std::mem::take(&mut d.title),
                    None,
                    std::mem::take(&mut d.text),
                    std::mem::take(&mut d.annotations),
                    std::mem::take(&mut d.relations),
                );
                for dup in dup_a.iter().chain(&dup_r) {
                    let (file, line) = d.origin.get(dup).cloned().unwrap_or((d.file.clone(), None));
                    issues.push(ImportIssue {
                        file,
                        line,
                        message: format!("the id {dup} is used twice; the later one was renamed"),
                    });
                }
                doc = doc.with_progress(d.status, std::mem::take(&mut d.attributes));
                let repaired = repair_document(&mut doc);
                locate(&mut issues, repaired, &d.origin, &d.file);
                origins.insert(id, (std::mem::take(&mut d.origin), d.file));
                documents.push(doc);
            }
            let mut project = Project {
                people: Default::default(),
                name: name.to_string(),
                annotator: annotator.clone(),
                tagset,
                documents,
                conflicts: Vec::new(),
            };
            // Speakers' `person` attributes become register entries, and a
            // value that is a known person's alias points to that person.
            crate::model::link_mentions(&mut project);
            for problem in validate(&project) {
                let (origin, file) = match origins.get(&problem.document) {
                    Some((o, f)) => (o.clone(), f.clone()),
                    None => (HashMap::new(), PathBuf::new()),
                };
                locate(&mut issues, vec![problem], &origin, &file);
            }
            projects.push(project);
        }
        ImportResult { projects, issues }
    }
}

fn locate(issues: &mut Vec<ImportIssue>, problems: Vec<Problem>, origin: &Origins, file: &Path) {
    for p in problems {
        let (file, line) =
            p.id.as_ref()
                .and_then(|id| origin.get(id).cloned())
                .unwrap_or_else(|| (file.to_path_buf(), None));
        issues.push(ImportIssue {
            file,
            line,
            message: p.to_string(),
        });
    }
}

/// Adds to `tags` every label, attribute (and value) and relation kind the
/// draft uses that it lacks, so that nothing imported is unknown.
fn complete_tagset(tags: &mut TagSet, d: &DraftDocument) {
    let mut labels: BTreeMap<&str, &str> = BTreeMap::new();
    for a in &d.annotations {
        labels.insert(a.id.as_str(), a.label.as_str());
        if tags.label(&a.label).is_none() {
            tags.labels.push(LabelDef {
                name: a.label.clone(),
                color: UNKNOWN_LABEL_COLOR.to_string(),
                key: String::new(),
                attributes: Vec::new(),
            });
        }
        if a.attributes.is_empty() {
            continue;
        }
        let Some(def) = tags.labels.iter_mut().find(|l| l.name == a.label) else {
            continue;
        };
        for (name, value) in &a.attributes {
            match def.attributes.iter_mut().find(|x| &x.name == name) {
                None => def.attributes.push(AttributeDef {
                    name: name.clone(),
                    values: Vec::new(),
                }),
                Some(x) => {
                    if !x.values.is_empty() && !value.is_empty() && !x.values.contains(value) {
                        x.values.push(value.clone());
                    }
                }
            }
        }
    }
    for r in &d.relations {
        // The attributes a relation carries, defined on its kind (free text).
        if let Some(def) = tags.relations.iter_mut().find(|x| x.name == r.kind) {
            for name in r.attributes.keys() {
                if !def.attributes.iter().any(|x| &x.name == name) {
                    def.attributes.push(AttributeDef {
                        name: name.clone(),
                        values: Vec::new(),
                    });
                }
            }
            continue;
        }
        let (Some(from), Some(to)) = (labels.get(r.from.as_str()), labels.get(r.to.as_str())) else {
            continue;
        };
        tags.relations.push(RelationDef {
            name: r.kind.clone(),
            from: from.to_string(),
            to: to.to_string(),
            attributes: r
                .attributes
                .keys()
                .map(|name| AttributeDef {
                    name: name.clone(),
                    values: Vec::new(),
                })
                .collect(),
        });
    }
}
