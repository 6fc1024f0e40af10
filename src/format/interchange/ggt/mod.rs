//! The Gender Gap Tracker's quote JSON, imported as one more annotator's
//! layer (named `ggt`, or `--annotator`).
//!
//! The GGT's quote extractor stores, for each article (`_id`, `title`,
//! `body`), a list `quotes` of `{"speaker", "speaker_index": "(s,e)",
//! "quote", "quote_index": "(s,e)", "verb", "verb_index": "(s,e)",
//! "quote_type", "is_floating_quote", "reference", ...}`: offsets are
//! Python string offsets (code points) written as a string `"(start,end)"`
//! (an empty string where there is none). Read: an article object, a JSON
//! array of articles, or a bare list of quotes with the text in `NAME.txt`
//! beside it. The offsets are what the extractor marked (its quote spans
//! often take in the quotation marks around the text it names), so the
//! named text need only lie within them.
//!
//! Each quote becomes a Quote (with `quote_type` and `is_floating_quote`
//! as attributes), a Speaker (its `reference`, the name it resolved the
//! speaker to, as `person`; `speaker_gender` as `gender`), a Cue for the
//! verb, and `said_by` / `cue_of` between them; a span named by several
//! quotes is one annotation.

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
            // A bare list of quotes: the text is beside the file.
            Ok(Value::Array(items)) if items.iter().any(|i| i.get("quote_index").is_some()) => {
                read_article(None, &items, &stem, path, opts, sink)
            }
            Ok(Value::Array(articles)) => {
                for (k, a) in articles.iter().enumerate() {
                    article(a, &format!("{stem}-{}", k + 1), path, opts, sink);
                }
            }
            Ok(a @ Value::Object(_)) => article(&a, &stem, path, opts, sink),
            Ok(_) => sink.issue(
                path,
                None,
                "not a Gender Gap Tracker article or quote list; skipped",
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

fn article(a: &Value, fallback_id: &str, path: &Path, opts: &ImportOptions, sink: &mut Sink) {
    match a.get("quotes").and_then(Value::as_array) {
        Some(quotes) => read_article(Some(a), quotes, fallback_id, path, opts, sink),
        None => sink.issue(path, None, format!("{fallback_id}: no \"quotes\" list; skipped")),
    }
}

/// `"(12,40)"` (or `[12, 40]`) as offsets; `Ok(None)` for an empty index.
fn index_of(v: Option<&Value>) -> Result<Option<(usize, usize)>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => {
            let inner = s
                .trim()
                .trim_start_matches(['(', '['])
                .trim_end_matches([')', ']']);
            let mut parts = inner.split(',').map(|p| p.trim().parse::<usize>());
            match (parts.next(), parts.next(), parts.next()) {
                (Some(Ok(a)), Some(Ok(b)), None) => Ok(Some((a, b))),
                _ => Err(format!("the index {s:?} is not \"(start,end)\"")),
            }
        }
        Some(Value::Array(a)) if a.len() == 2 => match (a[0].as_u64(), a[1].as_u64()) {
            (Some(x), Some(y)) => Ok(Some((x as usize, y as usize))),
            _ => Err(format!(
                "the index {} is not [start, end]",
                Value::Array(a.clone())
            )),
        },
        Some(v) => Err(format!("the index {v} is not \"(start,end)\"")),
    }
}

fn read_article(
    a: Option<&Value>,
    quotes: &[Value],
    fallback_id: &str,
    path: &Path,
    opts: &ImportOptions,
    sink: &mut Sink,
) {
    let raw = match text_of(a, path) {
        Ok(t) => t,
        Err(e) => {
            sink.issue(path, None, format!("{fallback_id}: {e}; skipped"));
            return;
        }
    };
    let norm = NormalisedText::new(&raw);
    let doc_id = a
        .and_then(|a| string_of(a.get("_id")).or_else(|| string_of(a.get("id"))))
        .unwrap_or_else(|| fallback_id.to_string());
    let title = a.and_then(|a| string_of(a.get("title")));
    let mut layer = Layer::new(&raw, &norm, "ggt", annotator(opts, "ggt"), doc_id, title, path);
    for (k, q) in quotes.iter().enumerate() {
        let what = format!("quote {}", k + 1);
        let span = |index: &str, text: &str, layer: &Layer, sink: &mut Sink| match index_of(q.get(index)) {
            Ok(Some((s, e))) => layer.fragments(&[(s, e, string_of(q.get(text)))], false, &what, sink),
            Ok(None) => Vec::new(),
            Err(e) => {
                sink.issue(path, None, format!("{what}: {e}; left out"));
                Vec::new()
            }
        };
        let contents = span("quote_index", "quote", &layer, sink);
        let speaker = span("speaker_index", "speaker", &layer, sink);
        let verb = span("verb_index", "verb", &layer, sink);
        let mut quote_attrs = BTreeMap::new();
        if let Some(t) = string_of(q.get("quote_type")) {
            quote_attrs.insert("quote_type".to_string(), t);
        }
        if let Some(f) = q.get("is_floating_quote").and_then(Value::as_bool) {
            quote_attrs.insert("is_floating_quote".to_string(), f.to_string());
        }
        let Some(quote) = layer.annotation(names::QUOTE, contents, quote_attrs, None, opts) else {
            sink.issue(
                path,
                None,
                format!("{what}: no quote_index that fits the text; the quote was left out"),
            );
            continue;
        };
        let mut speaker_attrs = BTreeMap::new();
        if let Some(r) = string_of(q.get("reference")) {
            speaker_attrs.insert(names::PERSON.to_string(), r);
        }
        if let Some(g) = string_of(q.get("speaker_gender")) {
            speaker_attrs.insert("gender".to_string(), g);
        }
        let speaker = layer.annotation(names::SPEAKER, speaker, speaker_attrs, None, opts);
        let cue = layer.annotation(names::CUE, verb, BTreeMap::new(), None, opts);
        layer.link(&quote, speaker.as_deref(), cue.as_deref(), opts);
    }
    layer.finish(sink);
}
