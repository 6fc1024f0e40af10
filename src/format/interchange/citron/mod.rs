//! BBC Citron's quote JSON, imported as one more annotator's layer (named
//! `citron`, or `--annotator`), so that `compare` and `agree` score the
//! extractor against a team's gold.
//!
//! One file a document (Citron's data format): `{"text", "quotes": [{"cue":
//! SPAN, "sources": [SPAN], "contents": [SPAN], "coreferences": [SPAN],
//! "confidence", "id"}], "coreference_groups"}` with `SPAN = {"start",
//! "end", "text"}` in code points. A file holding only `quotes` (Citron's
//! REST output) takes its text from `NAME.txt` beside it; a JSON array of
//! such documents is read document by document.
//!
//! Each quote becomes a Quote over its contents (several contents: one
//! discontinuous quote, as Citron means them), a Speaker over its sources
//! with the first coreference (the name a pronoun stands for) as its
//! `person`, a Cue, and `said_by` / `cue_of` between them; a span named by
//! several quotes is one annotation. The confidence is kept as the
//! annotations' origin.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::extracted::{Layer, annotator, string_of, text_of};
use super::{ImportOptions, NormalisedText, Sink};
use crate::format::read_text_file;
use crate::model::names;

pub(super) fn import(
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
        match serde_json::from_str::<Value>(&content) {
            Ok(Value::Array(docs)) => {
                for (k, d) in docs.iter().enumerate() {
                    read_document(d, &format!("{stem}-{}", k + 1), path, opts, sink);
                }
            }
            Ok(d @ Value::Object(_)) => read_document(&d, &stem, path, opts, sink),
            Ok(_) => sink.issue(
                path,
                None,
                "not a Citron document (a JSON object with \"quotes\"); skipped",
            ),
            Err(e) => sink.issue(
                path,
                Some(e.line()),
                format!("not valid JSON: {e}; the file was skipped"),
            ),
        }
    }
    progress(total, total);
}

/// `(start, end, text)` of a span object.
fn span_of(v: &Value) -> Option<(usize, usize, Option<String>)> {
    let n = |k: &str| v.get(k)?.as_u64().and_then(|n| usize::try_from(n).ok());
    Some((
        n("start")?,
        n("end")?,
        v.get("text").and_then(Value::as_str).map(str::to_string),
    ))
}

/// The spans of a field holding one span or a list of them; shapes that
/// are not spans are reported.
fn spans_of(
    q: &Value,
    key: &str,
    what: &str,
    path: &Path,
    sink: &mut Sink,
) -> Vec<(usize, usize, Option<String>)> {
    let items: Vec<&Value> = match q.get(key) {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
    };
    items
        .into_iter()
        .filter_map(|v| {
            let s = span_of(v);
            if s.is_none() {
                let shown: String = v.to_string().chars().take(80).collect();
                sink.issue(
                    path,
                    None,
                    format!("{what}: {key} {shown} is not a {{start, end, text}} span; left out"),
                );
            }
            s
        })
        .collect()
}

fn read_document(d: &Value, fallback_id: &str, path: &Path, opts: &ImportOptions, sink: &mut Sink) {
    let Some(quotes) = d.get("quotes").and_then(Value::as_array) else {
        sink.issue(path, None, format!("{fallback_id}: no \"quotes\" list; skipped"));
        return;
    };
    let raw = match text_of(Some(d), path) {
        Ok(t) => t,
        Err(e) => {
            sink.issue(path, None, format!("{fallback_id}: {e}; skipped"));
            return;
        }
    };
    let norm = NormalisedText::new(&raw);
    let doc_id = string_of(d.get("document"))
        .or_else(|| string_of(d.get("id")))
        .unwrap_or_else(|| fallback_id.to_string());
    let mut layer = Layer::new(
        &raw,
        &norm,
        "citron",
        annotator(opts, "citron"),
        doc_id,
        string_of(d.get("title")),
        path,
    );
    for (k, q) in quotes.iter().enumerate() {
        let what = format!("quote {}", k + 1);
        let confidence = q.get("confidence").and_then(Value::as_f64).map(|c| c as f32);
        let contents = spans_of(q, "contents", &what, path, sink);
        let contents = layer.fragments(&contents, true, &what, sink);
        let Some(quote) = layer.annotation(names::QUOTE, contents, BTreeMap::new(), confidence, opts) else {
            sink.issue(
                path,
                None,
                format!("{what}: no contents that fit the text; the quote was left out"),
            );
            continue;
        };
        let mut person = BTreeMap::new();
        let coref = spans_of(q, "coreferences", &what, path, sink);
        if let Some(name) = layer.fragments(&coref, true, &what, sink).first() {
            person.insert(names::PERSON.to_string(), name.text.clone());
        }
        let sources = spans_of(q, "sources", &what, path, sink);
        let sources = layer.fragments(&sources, true, &what, sink);
        let speaker = layer.annotation(names::SPEAKER, sources, person, confidence, opts);
        let cue = spans_of(q, "cue", &what, path, sink);
        let cue = layer.fragments(&cue, true, &what, sink);
        let cue = layer.annotation(names::CUE, cue, BTreeMap::new(), confidence, opts);
        layer.link(&quote, speaker.as_deref(), cue.as_deref(), opts);
    }
    layer.finish(sink);
}
