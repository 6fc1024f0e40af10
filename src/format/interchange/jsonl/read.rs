//! Reading JSONL in doccano's and Prodigy's shapes, each line on its own
//! merits (see the module above).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::super::{DraftDocument, ImportOptions, NormalisedText, Sink, default_annotator, id_prefix};
use crate::format::{first_line_title, read_text_file};
use crate::model::{Annotation, CharRange, Fragment, Relation, TextIndex};

pub(in crate::format::interchange) fn import(
    files: &[PathBuf],
    opts: &ImportOptions,
    sink: &mut Sink,
    progress: &(dyn Fn(usize, usize) + Sync),
) {
    let total = files.len();
    for (done, path) in files.iter().enumerate() {
        progress(done, total);
        let content = match read_text_file(path) {
            Ok(c) => c,
            Err(e) => {
                sink.issue(path, None, format!("skipped: {e}"));
                continue;
            }
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // A `.json` array of records (doccano exports one) is read record by record.
        if content.trim_start().starts_with('[') {
            match serde_json::from_str::<Vec<Value>>(&content) {
                Ok(records) => {
                    for (k, record) in records.into_iter().enumerate() {
                        read_record(record, path, None, &format!("{stem}-{}", k + 1), opts, sink);
                    }
                }
                Err(e) => sink.issue(
                    path,
                    Some(e.line()),
                    format!("not valid JSON: {e}; the file was skipped"),
                ),
            }
            continue;
        }
        for (i, line) in content.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Value>(line) {
                Ok(record) => read_record(
                    record,
                    path,
                    Some(i + 1),
                    &format!("{stem}-{}", i + 1),
                    opts,
                    sink,
                ),
                Err(e) => sink.issue(
                    path,
                    Some(i + 1),
                    format!("not valid JSON ({e}); the line was skipped"),
                ),
            }
        }
    }
    progress(total, total);
}

fn string_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn offset(v: Option<&Value>) -> Option<usize> {
    v?.as_u64().and_then(|n| usize::try_from(n).ok())
}

/// A span as read, before it becomes an annotation.
struct SpanIn {
    start: usize,
    end: usize,
    label: String,
    /// The text the file says the span covers, if it says.
    text: Option<String>,
    /// doccano's entity id, for its relations.
    entity: Option<String>,
}

/// One line (or one record of a JSON array) being read: where it is, for
/// issues, and the start of its ids.
struct LineCtx<'a> {
    path: &'a Path,
    line: Option<usize>,
    prefix: String,
    opts: &'a ImportOptions,
}

impl LineCtx<'_> {
    fn issue(&self, sink: &mut Sink, message: impl Into<String>) {
        sink.issue(self.path, self.line, message);
    }

    /// A span that is not of the shape `what`, shown cut to 80 chars.
    fn bad(&self, sink: &mut Sink, what: &str, v: &Value) {
        let shown: String = v.to_string().chars().take(80).collect();
        self.issue(sink, format!("{what}: {shown}; the span was skipped"));
    }
}

fn read_record(
    record: Value,
    path: &Path,
    line: Option<usize>,
    fallback_id: &str,
    opts: &ImportOptions,
    sink: &mut Sink,
) {
    let Value::Object(obj) = record else {
        sink.issue(path, line, "not a JSON object; the line was skipped");
        return;
    };
    let Some(raw) = obj.get("text").and_then(Value::as_str) else {
        sink.issue(path, line, "no \"text\" string; the line was skipped");
        return;
    };
    let meta = obj.get("meta");
    let annotator = match string_of(obj.get("_annotator_id")) {
        Some(a) => {
            if opts.annotator.as_ref().is_some_and(|only| *only != a) {
                return;
            }
            a
        }
        None => default_annotator(opts),
    };
    let doc_id = string_of(obj.get("document"))
        .or_else(|| string_of(meta.and_then(|m| m.get("document"))))
        .or_else(|| string_of(obj.get("id")))
        .unwrap_or_else(|| fallback_id.to_string());
    let norm = NormalisedText::new(raw);
    let title = string_of(obj.get("title"))
        .or_else(|| string_of(meta.and_then(|m| m.get("title"))))
        .unwrap_or_else(|| first_line_title(&norm.text).unwrap_or_else(|| doc_id.clone()));
    for n in &norm.notes {
        sink.issue(path, line, format!("note: {n}"));
    }
    let ctx = LineCtx {
        path,
        line,
        prefix: id_prefix("jsonl", &annotator, &doc_id),
        opts,
    };
    let spans = spans_in(&obj, &ctx, sink);
    let mut draft = DraftDocument {
        annotator,
        id: doc_id,
        title,
        file: path.to_path_buf(),
        ..Default::default()
    };
    read_progress(&obj, &mut draft, &ctx, sink);
    let ids = add_spans(&mut draft, spans, raw, &norm, &ctx, sink);
    if let Some(items) = obj.get("relations").and_then(Value::as_array) {
        add_relations(&mut draft, items, &ids, &ctx, sink);
    }
    draft.text = norm.text;
    sink.drafts.push(draft);
}

/// The spans of a record in any of the shapes: doccano's `label(s)` and
/// `entities`, Prodigy's `spans`.
fn spans_in(obj: &serde_json::Map<String, Value>, ctx: &LineCtx, sink: &mut Sink) -> Vec<SpanIn> {
    let mut spans: Vec<SpanIn> = Vec::new();
    let span = |start, end, label: &str, text, entity| SpanIn {
        start,
        end,
        label: label.to_string(),
        text,
        entity,
    };
    for key in ["label", "labels"] {
        let Some(items) = obj.get(key).and_then(Value::as_array) else {
            continue;
        };
        let mut categories = Vec::new();
        for item in items {
            match item {
                Value::Array(a) if a.len() == 3 => match (offset(a.first()), offset(a.get(1)), a[2].as_str())
                {
                    (Some(start), Some(end), Some(label)) => spans.push(span(start, end, label, None, None)),
                    _ => ctx.bad(sink, "expected [start, end, \"LABEL\"]", item),
                },
                Value::String(s) => categories.push(s.clone()),
                _ => ctx.bad(sink, "expected [start, end, \"LABEL\"]", item),
            }
        }
        if !categories.is_empty() {
            ctx.issue(
                sink,
                format!(
                    "document labels {categories:?} are not spans and were not kept (Quotebench labels spans of text)"
                ),
            );
        }
    }
    for item in obj
        .get("entities")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let start = offset(item.get("start_offset"));
        let end = offset(item.get("end_offset"));
        match (start, end, item.get("label").and_then(Value::as_str)) {
            (Some(start), Some(end), Some(label)) => {
                spans.push(span(start, end, label, None, string_of(item.get("id"))))
            }
            _ => ctx.bad(
                sink,
                "expected {\"start_offset\", \"end_offset\", \"label\"}",
                item,
            ),
        }
    }
    for item in obj.get("spans").and_then(Value::as_array).into_iter().flatten() {
        let start = offset(item.get("start"));
        let end = offset(item.get("end"));
        match (start, end, item.get("label").and_then(Value::as_str)) {
            (Some(start), Some(end), Some(label)) => {
                let text = item.get("text").and_then(Value::as_str).map(str::to_string);
                spans.push(span(start, end, label, text, None))
            }
            _ => ctx.bad(sink, "expected {\"start\", \"end\", \"label\"}", item),
        }
    }
    spans
}

/// The annotations' ids by doccano entity id and by (start, end, label).
#[derive(Default)]
struct SpanIds {
    by_entity: HashMap<String, String>,
    by_span: HashMap<(usize, usize, String), String>,
}

/// Makes the spans annotations of `draft` (offsets in `raw` mapped onto the
/// normalised text), checking the text each says it covers.
fn add_spans(
    draft: &mut DraftDocument,
    spans: Vec<SpanIn>,
    raw: &str,
    norm: &NormalisedText,
    ctx: &LineCtx,
    sink: &mut Sink,
) -> SpanIds {
    let raw_index = TextIndex::new(raw);
    let norm_index = TextIndex::new(&norm.text);
    let raw_len = raw_index.char_len();
    let mut ids = SpanIds::default();
    for (k, s) in spans.into_iter().enumerate() {
        if s.start > s.end {
            ctx.issue(
                sink,
                format!(
                    "span {}..{} ends before it starts; the span was skipped",
                    s.start, s.end
                ),
            );
            continue;
        }
        let (start, end) = (norm.map(s.start), norm.map(s.end));
        let text = if s.end <= raw_len {
            norm_index.slice(&norm.text, CharRange { start, end }).to_string()
        } else {
            s.text.clone().unwrap_or_default()
        };
        if let Some(said) = &s.text
            && s.end <= raw_len
        {
            let actual = raw_index.slice(raw, CharRange::new(s.start, s.end));
            if said != actual {
                ctx.issue(
                    sink,
                    format!(
                        "span {}..{} says it covers {said:?} but the text there is {actual:?}; the offsets were kept",
                        s.start, s.end
                    ),
                );
            }
        }
        let id = format!("{}s{}", ctx.prefix, k + 1);
        if let Some(e) = &s.entity {
            ids.by_entity.insert(e.clone(), id.clone());
        }
        ids.by_span.insert((s.start, s.end, s.label.clone()), id.clone());
        draft
            .origin
            .insert(id.clone(), (ctx.path.to_path_buf(), ctx.line));
        draft.annotations.push(Annotation {
            id,
            label: ctx.opts.map.map(&s.label).to_string(),
            fragments: vec![Fragment { start, end, text }],
            attributes: BTreeMap::new(),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            annotators: Vec::new(),
            origin: None,
        });
    }
    ids
}

/// doccano's `{"from_id", "to_id", "type"}` and Prodigy's `{"head_span",
/// "child_span", "label"}` relations between the record's spans.
fn add_relations(draft: &mut DraftDocument, items: &[Value], ids: &SpanIds, ctx: &LineCtx, sink: &mut Sink) {
    for (k, item) in items.iter().enumerate() {
        let span_of = |key: &str| -> Option<String> {
            let s = item.get(key)?;
            let start = offset(s.get("start"))?;
            let end = offset(s.get("end"))?;
            let label = s.get("label").and_then(Value::as_str).unwrap_or_default();
            ids.by_span
                .get(&(start, end, label.to_string()))
                .cloned()
                .or_else(|| {
                    ids.by_span
                        .iter()
                        .find(|((a, b, _), _)| (*a, *b) == (start, end))
                        .map(|(_, id)| id.clone())
                })
        };
        let doccano = string_of(item.get("from_id"))
            .and_then(|f| ids.by_entity.get(&f).cloned())
            .zip(string_of(item.get("to_id")).and_then(|t| ids.by_entity.get(&t).cloned()));
        let ends = doccano.or_else(|| span_of("head_span").zip(span_of("child_span")));
        let kind = item
            .get("type")
            .or_else(|| item.get("label"))
            .and_then(Value::as_str);
        match (ends, kind) {
            (Some((from, to)), Some(kind)) => {
                let id = format!("{}r{}", ctx.prefix, k + 1);
                draft
                    .origin
                    .insert(id.clone(), (ctx.path.to_path_buf(), ctx.line));
                draft.relations.push(Relation {
                    id,
                    kind: ctx.opts.map.map(kind).to_string(),
                    from,
                    to,
                    attributes: Default::default(),
                });
            }
            _ => {
                let shown: String = item.to_string().chars().take(80).collect();
                ctx.issue(
                    sink,
                    format!("relation {shown} does not name two spans of this line; it was skipped"),
                );
            }
        }
    }
}

/// issue 13: the document's `"status"` and `"attributes"`, at the top of the
/// record or in `"meta"` (where we write them); anything else is reported.
fn read_progress(
    obj: &serde_json::Map<String, Value>,
    draft: &mut DraftDocument,
    ctx: &LineCtx,
    sink: &mut Sink,
) {
    let meta = obj.get("meta");
    let field = |k: &str| obj.get(k).or_else(|| meta.and_then(|m| m.get(k)));
    match field("status") {
        None | Some(Value::Null) => {}
        Some(v) => match v.as_str().and_then(crate::model::Status::parse) {
            Some(s) => draft.status = s,
            None => ctx.issue(
                sink,
                format!(
                    "the status {v} is not one of new, in_progress, done, needs_review; the document is new"
                ),
            ),
        },
    }
    match field("attributes") {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            for (k, v) in m {
                match v {
                    _ if k.trim().is_empty() => {
                        ctx.issue(sink, "a document attribute without a name was skipped")
                    }
                    Value::String(s) => {
                        draft.attributes.insert(k.clone(), s.clone());
                    }
                    Value::Number(_) | Value::Bool(_) => {
                        draft.attributes.insert(k.clone(), v.to_string());
                    }
                    _ => ctx.issue(
                        sink,
                        format!("the document attribute {k:?} is not a string; it was skipped"),
                    ),
                }
            }
        }
        Some(v) => ctx.issue(
            sink,
            format!("\"attributes\" should be an object of strings, not {v}; skipped"),
        ),
    }
}
