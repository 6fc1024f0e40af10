//! Per-document counts per label and the people quoted, and how many
//! documents stand at each progress status: `quotebench stats`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use quotebench::model::{Project, Status};

#[derive(Debug, Serialize, PartialEq)]
pub struct PersonCount {
    pub person: String,
    pub quotes: usize,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct DocumentStats {
    pub id: String,
    pub title: String,
    /// The document's progress: `new`, `in_progress`, `done`, `needs_review`.
    pub status: String,
    /// Its attributes, the source's `url`, `outlet` and `date` included.
    pub attributes: BTreeMap<String, String>,
    /// Every label of the tag set (zero included), plus any unknown label found.
    pub labels: BTreeMap<String, usize>,
    pub relations: BTreeMap<String, usize>,
    /// Most quoted first.
    pub people: Vec<PersonCount>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct ProjectStats {
    pub documents: Vec<DocumentStats>,
    /// Documents per status, every status listed (zero included).
    pub statuses: BTreeMap<String, usize>,
}

pub fn project_stats(p: &Project) -> ProjectStats {
    let documents = p
        .documents
        .iter()
        .map(|d| {
            let mut labels: BTreeMap<String, usize> =
                p.tagset.labels.iter().map(|l| (l.name.clone(), 0)).collect();
            for (l, n) in d.label_counts() {
                *labels.entry(l.to_string()).or_default() += n;
            }
            let mut relations: BTreeMap<String, usize> =
                p.tagset.relations.iter().map(|r| (r.name.clone(), 0)).collect();
            for r in d.relations() {
                *relations.entry(r.kind.clone()).or_default() += 1;
            }
            let people = d
                .people()
                .into_iter()
                .map(|(person, quotes)| PersonCount {
                    person,
                    quotes: quotes.len(),
                })
                .collect();
            DocumentStats {
                id: d.id.clone(),
                title: d.title.clone(),
                status: d.status().key().to_string(),
                attributes: d.attributes_with_source(),
                labels,
                relations,
                people,
            }
        })
        .collect();
    let mut statuses: BTreeMap<String, usize> =
        Status::ALL.iter().map(|s| (s.key().to_string(), 0)).collect();
    for d in &p.documents {
        *statuses.entry(d.status().key().to_string()).or_default() += 1;
    }
    ProjectStats { documents, statuses }
}

impl ProjectStats {
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for d in &self.documents {
            let _ = writeln!(s, "{} ({})", d.title, d.id);
            let _ = writeln!(s, "  {:<12} {:>6}", "status", d.status.replace('_', " "));
            for (k, v) in &d.attributes {
                let _ = writeln!(s, "  {k:<12} {v}");
            }
            for (l, n) in &d.labels {
                let _ = writeln!(s, "  {l:<12} {n:>6}");
            }
            for (r, n) in &d.relations {
                let _ = writeln!(s, "  {r:<12} {n:>6}");
            }
            if !d.people.is_empty() {
                let _ = writeln!(s, "  people:");
                for p in &d.people {
                    let _ = writeln!(s, "    {:<40} {:>3} quotes", p.person, p.quotes);
                }
            }
        }
        let done = self.statuses.get(Status::Done.key()).copied().unwrap_or(0);
        let counts: Vec<String> = Status::ALL
            .iter()
            .map(|st| format!("{st} {}", self.statuses.get(st.key()).copied().unwrap_or(0)))
            .collect();
        let _ = writeln!(
            s,
            "{done} of {} done ({})",
            self.documents.len(),
            counts.join(", ")
        );
        s
    }
}
