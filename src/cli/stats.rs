//! Per-document counts per label and the people quoted: `quotebench stats`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use quotebench::model::Project;

#[derive(Debug, Serialize, PartialEq)]
pub struct PersonCount {
    pub person: String,
    pub quotes: usize,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct DocumentStats {
    pub id: String,
    pub title: String,
    /// Every label of the tag set (zero included), plus any unknown label found.
    pub labels: BTreeMap<String, usize>,
    pub relations: BTreeMap<String, usize>,
    /// Most quoted first.
    pub people: Vec<PersonCount>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct ProjectStats {
    pub documents: Vec<DocumentStats>,
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
                labels,
                relations,
                people,
            }
        })
        .collect();
    ProjectStats { documents }
}

impl ProjectStats {
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for d in &self.documents {
            let _ = writeln!(s, "{} ({})", d.title, d.id);
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
        s
    }
}
