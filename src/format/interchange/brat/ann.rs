//! Reading one `.ann` against its article, in three passes: parse every
//! line; the T lines become annotations (their offsets counted as brat
//! counts them, or on the normalised text when the covered texts say so);
//! then everything that points at annotations (relations, events,
//! attributes, normalisations, notes).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use super::links::{LinkPass, Resolver};
use super::offsets::Offsets;
use super::parse::{LineError, Record, parse_records};
use super::read::Job;
use crate::format::decode::{Decoding, InvalidUtf8, read_text};
use crate::format::interchange::{DraftDocument, ImportIssue, LabelMap, NormalisedText, id_prefix};
use crate::model::Annotation;

/// Issues about one file.
pub(super) struct Issues<'a> {
    pub file: &'a Path,
    list: &'a mut Vec<ImportIssue>,
}

impl Issues<'_> {
    pub(super) fn add(&mut self, line: Option<usize>, message: String) {
        self.list.push(ImportIssue {
            file: self.file.to_path_buf(),
            line,
            message,
        });
    }
}

/// Reads the `.ann` at `path` for the article `raw` (as brat counts it) /
/// `norm` (as the model keeps it) into `draft`.
pub(super) fn read_ann(
    path: &Path,
    raw: &str,
    norm: &NormalisedText,
    job: &Job,
    map: &LabelMap,
    draft: &mut DraftDocument,
    issues: &mut Vec<ImportIssue>,
) {
    let mut issues = Issues {
        file: path,
        list: issues,
    };
    let decoded = match read_text(path, Decoding::DATA.or_else(InvalidUtf8::Replace)) {
        Ok(d) => d,
        Err(e) => {
            issues.add(None, format!("annotations skipped: {e}"));
            return;
        }
    };
    if let Some(offset) = decoded.not_utf8_at {
        issues.add(
            None,
            format!("not UTF-8 (invalid byte at offset {offset}); the invalid bytes were replaced"),
        );
    }
    let (records, malformed) = parse_records(&decoded.text);
    let offsets = Offsets::choose(raw, norm, &records, &mut issues);
    let prefix = id_prefix("brat", &job.annotator, &job.doc_id);
    let mut annotations = AnnotationPass {
        offsets: &offsets,
        prefix: &prefix,
        map,
        labels: HashMap::new(),
        index_of: HashMap::new(),
        continued: HashMap::new(),
    };
    for (line, rec) in &records {
        annotations.read(*line, rec, &malformed, draft, &mut issues);
    }
    for (n, msg) in malformed {
        match annotations.continued.get(&n) {
            Some((id, at)) => issues.add(
                Some(n),
                format!(
                    "not a brat line: it continues the covered text of {id} (line {at}), which holds a raw line break; {id} was read whole"
                ),
            ),
            None => issues.add(Some(n), format!("{msg}; the line was skipped")),
        }
    }
    let mut links = LinkPass {
        resolver: Resolver::new(&records, &prefix),
        labels: &annotations.labels,
        index_of: &annotations.index_of,
        map,
        relation_ids: HashSet::new(),
        implied: HashSet::new(),
    };
    for (line, rec) in &records {
        links.read(*line, rec, draft, &mut issues);
    }
}

/// Pass 2: T lines become annotations.
struct AnnotationPass<'a> {
    offsets: &'a Offsets<'a>,
    prefix: &'a str,
    map: &'a LabelMap,
    /// Each annotation's (mapped) label, by id.
    labels: HashMap<String, String>,
    /// Each annotation's place in the draft, by id.
    index_of: HashMap<String, usize>,
    /// Malformed lines that finish a T line's covered text: (its id, its line).
    continued: HashMap<usize, (String, usize)>,
}

impl AnnotationPass<'_> {
    fn read(
        &mut self,
        line: usize,
        rec: &Record,
        malformed: &[(usize, LineError)],
        draft: &mut DraftDocument,
        issues: &mut Issues,
    ) {
        let Record::Text {
            id,
            label,
            fragments,
            field,
            trailing,
        } = rec
        else {
            return;
        };
        let in_range = fragments.iter().all(|&(_, e)| e <= self.offsets.len);
        if let Some(field) = field
            && in_range
        {
            self.check_field(id, line, field, fragments, trailing, malformed, issues);
        }
        let aid = format!("{}{id}", self.prefix);
        let label = self.map.map(label).to_string();
        self.labels.insert(aid.clone(), label.clone());
        draft
            .origin
            .insert(aid.clone(), (issues.file.to_path_buf(), Some(line)));
        self.index_of.insert(aid.clone(), draft.annotations.len());
        draft.annotations.push(Annotation {
            id: aid,
            label,
            fragments: self.offsets.fragments(fragments, field.as_deref()),
            attributes: BTreeMap::new(),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            annotators: Vec::new(),
            origin: None,
        });
    }

    /// A covered-text field that is not what the article has: reported, or
    /// (a raw line break in the field) finished by the malformed lines after it.
    #[allow(clippy::too_many_arguments)]
    fn check_field(
        &mut self,
        id: &str,
        line: usize,
        field: &str,
        fragments: &[(usize, usize)],
        trailing: &[(usize, String)],
        malformed: &[(usize, LineError)],
        issues: &mut Issues,
    ) {
        let expected = self.offsets.expected(fragments);
        if field == expected {
            return;
        }
        let last_bad = trailing
            .iter()
            .rposition(|(n, _)| malformed.iter().any(|(m, _)| m == n));
        let whole = last_bad.map(|k| {
            let mut s = field.to_string();
            for (_, l) in &trailing[..=k] {
                s.push('\n');
                s.push_str(l);
            }
            s
        });
        if whole.as_deref() == Some(expected.as_str()) {
            for (n, _) in &trailing[..=last_bad.unwrap_or(0)] {
                self.continued.insert(*n, (id.to_string(), line));
            }
        } else {
            issues.add(
                Some(line),
                format!(
                    "{id}: the covered text {} is not what the article has at {} ({}); the offsets were kept",
                    shorten(field),
                    offsets_text(fragments),
                    shorten(&expected)
                ),
            );
        }
    }
}

fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head:?}…")
    }
}

fn offsets_text(fragments: &[(usize, usize)]) -> String {
    fragments
        .iter()
        .map(|(s, e)| format!("{s} {e}"))
        .collect::<Vec<_>>()
        .join(";")
}
