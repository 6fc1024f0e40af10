//! What the quote extractors' importers (Citron, the Gender Gap Tracker)
//! share: the article's text (in the JSON, else `NAME.txt` beside it), and a
//! layer builder that places spans, makes one annotation of a span however
//! many quotes name it (a speaker quoted twice is one Speaker), and links
//! quote, speaker and cue the way the default tag set does (`said_by`,
//! `cue_of`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_json::Value;

use super::placing::Placer;
use super::{DraftDocument, ImportOptions, NormalisedText, Sink, id_prefix};
use crate::format::{first_line_title, read_text_file};
use crate::model::{Annotation, Fragment, Origin, Relation, names};

/// The annotator of an extractor's layer: `--annotator`, else the extractor.
pub(crate) fn annotator(opts: &ImportOptions, extractor: &str) -> String {
    opts.annotator.clone().unwrap_or_else(|| extractor.to_string())
}

/// The text of an article: `text` or `body` in the record, else the file
/// `NAME.txt` beside `path`. An error says why there is none.
pub(crate) fn text_of(record: Option<&Value>, path: &Path) -> Result<String, String> {
    for key in ["text", "body"] {
        if let Some(t) = record.and_then(|r| r.get(key)).and_then(Value::as_str) {
            return Ok(t.to_string());
        }
    }
    let beside = path.with_extension("txt");
    if beside.is_file() {
        return read_text_file(&beside).map_err(|e| e.to_string());
    }
    Err(format!(
        "no \"text\" or \"body\" in the record and no {} beside it",
        beside
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ))
}

/// A string or number field as text.
pub(crate) fn string_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => string_of(o.get("$oid")),
        _ => None,
    }
}

/// One extractor's layer of one article, being built.
pub(crate) struct Layer<'a> {
    pub draft: DraftDocument,
    norm: &'a NormalisedText,
    placer: Placer<'a>,
    prefix: String,
    /// The annotation made for a (label, fragments) already.
    seen: HashMap<(String, Vec<(usize, usize)>), String>,
    origin: Origin,
    /// Where issues are said to be: the file and what in it ("quote 3").
    pub path: &'a Path,
}

impl<'a> Layer<'a> {
    pub fn new(
        raw: &'a str,
        norm: &'a NormalisedText,
        extractor: &str,
        annotator: String,
        doc_id: String,
        title: Option<String>,
        path: &'a Path,
    ) -> Self {
        let title = title.unwrap_or_else(|| first_line_title(&norm.text).unwrap_or_else(|| doc_id.clone()));
        Layer {
            prefix: id_prefix(extractor, &annotator, &doc_id),
            draft: DraftDocument {
                annotator,
                id: doc_id,
                title,
                file: path.to_path_buf(),
                ..Default::default()
            },
            norm,
            placer: Placer::new(raw, norm),
            seen: HashMap::new(),
            origin: Origin {
                by: extractor.to_string(),
                rule: format!("imported from {extractor}'s output"),
                confidence: 1.0,
            },
            path,
        }
    }

    /// Places `(start, end, said text)` spans; what cannot be placed is
    /// reported with `what` and left out. `strict`: the said text must be
    /// the text at the offsets (else it must lie within them).
    pub fn fragments(
        &self,
        spans: &[(usize, usize, Option<String>)],
        strict: bool,
        what: &str,
        sink: &mut Sink,
    ) -> Vec<Fragment> {
        let mut out = Vec::new();
        for (s, e, said) in spans {
            let placed = if strict {
                self.placer.place(*s, *e, said.as_deref())
            } else {
                self.placer.place(*s, *e, None).map(|mut p| {
                    if let Some(said) = said
                        && !p.fragment.text.contains(said.trim())
                    {
                        p.note = Some(format!(
                            "span {s}..{e} says it covers {said:?} but the text there is {:?}; the offsets were kept",
                            p.fragment.text
                        ));
                    }
                    p
                })
            };
            match placed {
                Ok(p) => {
                    if let Some(n) = p.note {
                        sink.issue(self.path, None, format!("{what}: {n}"));
                    }
                    if p.fragment.start < p.fragment.end {
                        out.push(p.fragment);
                    }
                }
                Err(e) => sink.issue(self.path, None, format!("{what}: {e}; left out")),
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The id of the annotation `label` over `fragments` (made the first
    /// time), with `attributes` added; `None` when there are no fragments.
    pub fn annotation(
        &mut self,
        label: &str,
        fragments: Vec<Fragment>,
        attributes: BTreeMap<String, String>,
        confidence: Option<f32>,
        opts: &ImportOptions,
    ) -> Option<String> {
        if fragments.is_empty() {
            return None;
        }
        let label = opts.map.map(label).to_string();
        let key = (
            label.clone(),
            fragments.iter().map(|f| (f.start, f.end)).collect(),
        );
        if let Some(id) = self.seen.get(&key) {
            let id = id.clone();
            if let Some(a) = self.draft.annotations.iter_mut().find(|a| a.id == id) {
                for (k, v) in attributes {
                    a.attributes.entry(k).or_insert(v);
                }
            }
            return Some(id);
        }
        let id = format!(
            "{}{}{}",
            self.prefix,
            label.to_lowercase(),
            self.draft.annotations.len() + 1
        );
        let mut origin = self.origin.clone();
        if let Some(c) = confidence {
            origin.confidence = if c.is_nan() { 0.0 } else { c.clamp(0.0, 1.0) };
        }
        self.seen.insert(key, id.clone());
        self.draft
            .origin
            .insert(id.clone(), (self.path.to_path_buf(), None));
        self.draft.annotations.push(Annotation {
            id: id.clone(),
            label,
            fragments,
            attributes,
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            annotators: Vec::new(),
            origin: Some(Box::new(origin)),
        });
        Some(id)
    }

    /// Links a quote to its speaker (`said_by`) and its cue (`cue_of`).
    pub fn link(&mut self, quote: &str, speaker: Option<&str>, cue: Option<&str>, opts: &ImportOptions) {
        let mut add = |kind: &str, from: &str, to: &str| {
            let kind = opts.map.map(kind).to_string();
            if self
                .draft
                .relations
                .iter()
                .any(|r| r.kind == kind && r.from == from && r.to == to)
            {
                return;
            }
            let id = format!("{}rel{}", self.prefix, self.draft.relations.len() + 1);
            self.draft
                .origin
                .insert(id.clone(), (self.path.to_path_buf(), None));
            self.draft.relations.push(Relation::new(id, kind, from, to));
        };
        if let Some(s) = speaker {
            add(names::SAID_BY, quote, s);
        }
        if let Some(c) = cue {
            add(names::CUE_OF, c, quote);
        }
    }

    /// The finished draft, with the normalised text.
    pub fn finish(mut self, sink: &mut Sink) {
        self.draft.text = self.norm.text.clone();
        sink.drafts.push(self.draft);
    }
}
