//! Reading Label Studio's JSON tasks (see the module above): each task's
//! annotations and predictions become one layer (project) per annotator or
//! model; shapes we do not know are named by task and skipped, the rest kept.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::super::placing::Placer;
use super::super::{DraftDocument, ImportOptions, NormalisedText, Sink, default_annotator, id_prefix};
use super::FRAGMENT;
use crate::format::{first_line_title, read_text_file};
use crate::model::{Annotation, Relation, Status};

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
        let tasks = match serde_json::from_str::<Value>(&content) {
            Ok(Value::Array(tasks)) => tasks,
            Ok(task @ Value::Object(_)) => vec![task],
            Ok(_) => {
                sink.issue(
                    path,
                    None,
                    "not a Label Studio task list (a JSON array of tasks); skipped",
                );
                continue;
            }
            Err(e) => {
                sink.issue(
                    path,
                    Some(e.line()),
                    format!("not valid JSON: {e}; the file was skipped"),
                );
                continue;
            }
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (k, task) in tasks.iter().enumerate() {
            let ctx = TaskCtx { path, n: k + 1, opts };
            read_task(task, &format!("{stem}-{}", k + 1), &ctx, sink);
        }
    }
    progress(total, total);
}

/// Where a task is, for issues.
struct TaskCtx<'a> {
    path: &'a Path,
    /// 1-based.
    n: usize,
    opts: &'a ImportOptions,
}

impl TaskCtx<'_> {
    fn issue(&self, sink: &mut Sink, message: impl AsRef<str>) {
        sink.issue(self.path, None, format!("task {}: {}", self.n, message.as_ref()));
    }
}

fn string_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn offset(v: Option<&Value>) -> Option<usize> {
    v?.as_u64().and_then(|n| usize::try_from(n).ok())
}

/// The annotator an annotation names: `created_username` ("name, id"), else
/// `completed_by` (an e-mail, a name, or a user number).
fn annotator_of(a: &Value) -> Option<String> {
    if let Some(u) = string_of(a.get("created_username")) {
        let name = u.split(", ").next().unwrap_or(&u).trim().to_string();
        if !name.is_empty() {
            return Some(name);
        }
    }
    match a.get("completed_by")? {
        Value::Object(o) => {
            string_of(o.get("email")).or_else(|| string_of(o.get("id")).map(|n| format!("user {n}")))
        }
        Value::Number(n) => Some(format!("user {n}")),
        v => string_of(Some(v)),
    }
}

fn read_task(task: &Value, fallback_id: &str, ctx: &TaskCtx, sink: &mut Sink) {
    let Some(data) = task.get("data").and_then(Value::as_object) else {
        ctx.issue(sink, "no \"data\" object; the task was skipped");
        return;
    };
    let raw = match data.get("text").and_then(Value::as_str) {
        Some(t) => t,
        None => match data.iter().find_map(|(k, v)| v.as_str().map(|s| (k, s))) {
            Some((k, t)) => {
                ctx.issue(sink, format!("note: no data.text; the text is data.{k}"));
                t
            }
            None => {
                ctx.issue(sink, "no text in \"data\"; the task was skipped");
                return;
            }
        },
    };
    let doc_id = string_of(data.get("document"))
        .or_else(|| string_of(task.get("id")))
        .unwrap_or_else(|| fallback_id.to_string());
    let norm = NormalisedText::new(raw);
    for n in &norm.notes {
        ctx.issue(sink, format!("note: {n}"));
    }
    let title = string_of(data.get("title"))
        .unwrap_or_else(|| first_line_title(&norm.text).unwrap_or_else(|| doc_id.clone()));
    let (status, attributes) = progress_of(data, ctx, sink);
    // Every layer: (annotator, its result items).
    let mut layers: Vec<(String, &[Value])> = Vec::new();
    for a in task
        .get("annotations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if a.get("was_cancelled").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        add_layer(&mut layers, annotator_of(a), a.get("result"), ctx, sink);
    }
    for p in task
        .get("predictions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let who = string_of(p.get("model_version")).unwrap_or_else(|| "prediction".to_string());
        add_layer(&mut layers, Some(who), p.get("result"), ctx, sink);
    }
    if layers.is_empty() {
        layers.push((default_annotator(ctx.opts), &[]));
    }
    let placer = Placer::new(raw, &norm);
    for (annotator, items) in layers {
        let prefix = id_prefix("ls", &annotator, &doc_id);
        let mut draft = DraftDocument {
            annotator,
            id: doc_id.clone(),
            title: title.clone(),
            file: ctx.path.to_path_buf(),
            status,
            attributes: attributes.clone(),
            ..Default::default()
        };
        read_layer(&mut draft, items, &placer, &prefix, ctx, sink);
        draft.text = norm.text.clone();
        sink.drafts.push(draft);
    }
}

/// Adds the layer of `who` (unless `--annotator` names another).
fn add_layer<'a>(
    layers: &mut Vec<(String, &'a [Value])>,
    who: Option<String>,
    result: Option<&'a Value>,
    ctx: &TaskCtx,
    sink: &mut Sink,
) {
    if let (Some(only), Some(w)) = (&ctx.opts.annotator, &who)
        && only != w
    {
        return;
    }
    let who = who.unwrap_or_else(|| default_annotator(ctx.opts));
    match result {
        Some(Value::Array(items)) => layers.push((who, items)),
        None | Some(Value::Null) => layers.push((who, &[])),
        Some(_) => ctx.issue(sink, format!("the result of {who} is not a list; skipped")),
    }
}

/// The document's `status` and `attributes` in `data` (where we write them).
fn progress_of(
    data: &Map<String, Value>,
    ctx: &TaskCtx,
    sink: &mut Sink,
) -> (Status, BTreeMap<String, String>) {
    let mut status = Status::default();
    if let Some(v) = data.get("status").filter(|v| !v.is_null()) {
        match v.as_str().and_then(Status::parse) {
            Some(s) => status = s,
            None => ctx.issue(sink, format!("the status {v} is not known; the document is new")),
        }
    }
    let mut attributes = BTreeMap::new();
    match data.get("attributes") {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            for (k, v) in m {
                match v {
                    Value::String(s) if !k.trim().is_empty() => {
                        attributes.insert(k.clone(), s.clone());
                    }
                    _ => ctx.issue(
                        sink,
                        format!("the document attribute {k:?} is not a named string; skipped"),
                    ),
                }
            }
        }
        Some(v) => ctx.issue(
            sink,
            format!("data.attributes should be an object of strings, not {v}; skipped"),
        ),
    }
    (status, attributes)
}

fn shown(v: &Value) -> String {
    v.to_string().chars().take(80).collect()
}

/// The values of a per-region or document classification, joined.
fn values_of(value: &Value) -> Option<String> {
    for key in ["choices", "text", "taxonomy"] {
        match value.get(key) {
            Some(Value::Array(a)) => {
                let parts: Vec<String> = a
                    .iter()
                    .map(|x| match x {
                        Value::String(s) => s.clone(),
                        Value::Array(path) => path
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join("/"),
                        other => other.to_string(),
                    })
                    .collect();
                return Some(parts.join(", "));
            }
            Some(Value::String(s)) => return Some(s.clone()),
            _ => {}
        }
    }
    None
}

fn read_layer(
    draft: &mut DraftDocument,
    items: &[Value],
    placer: &Placer,
    prefix: &str,
    ctx: &TaskCtx,
    sink: &mut Sink,
) {
    // Regions first: a region id -> the index of its (first) annotation.
    let mut regions: HashMap<String, usize> = HashMap::new();
    let mut later: Vec<&Value> = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let value = item.get("value");
        let Some(labels) = value.and_then(|v| v.get("labels")).and_then(Value::as_array) else {
            later.push(item);
            continue;
        };
        let (Some(start), Some(end)) = (
            offset(value.and_then(|v| v.get("start"))),
            offset(value.and_then(|v| v.get("end"))),
        ) else {
            ctx.issue(
                sink,
                format!("a region without numeric start and end: {}; skipped", shown(item)),
            );
            continue;
        };
        let said = value.and_then(|v| v.get("text")).and_then(Value::as_str);
        let placed = match placer.place(start, end, said) {
            Ok(p) => p,
            Err(e) => {
                ctx.issue(sink, format!("{e}; the region was skipped"));
                continue;
            }
        };
        if let Some(n) = placed.note {
            ctx.issue(sink, n);
        }
        let region = string_of(item.get("id")).unwrap_or_else(|| format!("r{}", k + 1));
        let note = item
            .get("meta")
            .and_then(|m| m.get("text"))
            .and_then(|t| match t {
                Value::Array(a) => Some(a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("\n")),
                Value::String(s) => Some(s.clone()),
                _ => None,
            })
            .unwrap_or_default();
        let labels: Vec<&str> = labels.iter().filter_map(Value::as_str).collect();
        if labels.is_empty() {
            ctx.issue(sink, format!("region {region} has no label; skipped"));
            continue;
        }
        for (j, label) in labels.iter().enumerate() {
            let id = if j == 0 {
                format!("{prefix}{region}")
            } else {
                format!("{prefix}{region}-{}", j + 1)
            };
            if j == 0 {
                regions.insert(region.clone(), draft.annotations.len());
            }
            draft.origin.insert(id.clone(), (ctx.path.to_path_buf(), None));
            draft.annotations.push(Annotation {
                id,
                label: ctx.opts.map.map(label).to_string(),
                fragments: vec![placed.fragment.clone()],
                attributes: BTreeMap::new(),
                note: note.clone(),
                created: String::new(),
                modified: String::new(),
                annotators: Vec::new(),
                origin: None,
            });
        }
    }
    // The regions of discontinuous annotations joined; what they were is
    // remembered so relations to a later fragment land on the whole.
    let mut joined: HashMap<String, String> = HashMap::new();
    let mut gone: Vec<usize> = Vec::new();
    let mut relations: Vec<&Value> = Vec::new();
    for item in later {
        let kind = item.get("type").and_then(Value::as_str).unwrap_or_default();
        if kind == "relation" || item.get("from_id").is_some() {
            relations.push(item);
            continue;
        }
        let Some(value) = item.get("value") else {
            ctx.issue(
                sink,
                format!("a result without a value: {}; skipped", shown(item)),
            );
            continue;
        };
        let Some(values) = values_of(value) else {
            ctx.issue(
                sink,
                format!("a result of type {kind:?} is not kept: {}", shown(item)),
            );
            continue;
        };
        let name = string_of(item.get("from_name")).unwrap_or_else(|| kind.to_string());
        match string_of(item.get("id")).and_then(|r| regions.get(&r).copied()) {
            Some(i) => {
                draft.annotations[i].attributes.insert(name, values);
            }
            None if value.get("start").is_none() => {
                draft.attributes.insert(name, values);
            }
            None => ctx.issue(
                sink,
                format!("{name} names no region of this task: {}; skipped", shown(item)),
            ),
        }
    }
    for item in relations.iter().filter(|r| label_of(r) == FRAGMENT) {
        let ends = string_of(item.get("from_id"))
            .and_then(|f| regions.get(&f).copied())
            .zip(string_of(item.get("to_id")).and_then(|t| regions.get(&t).copied()));
        match ends {
            Some((a, b)) if a != b && !gone.contains(&b) && !gone.contains(&a) => {
                let moved = std::mem::take(&mut draft.annotations[b].fragments);
                draft.annotations[a].fragments.extend(moved);
                draft.annotations[a].fragments.sort();
                joined.insert(draft.annotations[b].id.clone(), draft.annotations[a].id.clone());
                gone.push(b);
            }
            _ => ctx.issue(
                sink,
                format!(
                    "a fragment link that joins no two regions: {}; skipped",
                    shown(item)
                ),
            ),
        }
    }
    let ids: HashMap<&String, String> = regions
        .iter()
        .map(|(r, &i)| (r, draft.annotations[i].id.clone()))
        .collect();
    let mut out = Vec::new();
    for (k, item) in relations.iter().filter(|r| label_of(r) != FRAGMENT).enumerate() {
        let end = |key: &str| {
            string_of(item.get(key))
                .and_then(|r| ids.get(&r).cloned())
                .map(|id| joined.get(&id).cloned().unwrap_or(id))
        };
        // "left" points from to_id to from_id.
        let (a, b) = if item.get("direction").and_then(Value::as_str) == Some("left") {
            ("to_id", "from_id")
        } else {
            ("from_id", "to_id")
        };
        match (end(a), end(b)) {
            (Some(from), Some(to)) => {
                let id = format!("{prefix}rel{}", k + 1);
                draft.origin.insert(id.clone(), (ctx.path.to_path_buf(), None));
                let kind = label_of(item);
                let kind = if kind.is_empty() { "related" } else { kind };
                out.push(Relation {
                    id,
                    kind: ctx.opts.map.map(kind).to_string(),
                    from,
                    to,
                    attributes: BTreeMap::new(),
                });
            }
            _ => ctx.issue(
                sink,
                format!("a relation that names no two regions: {}; skipped", shown(item)),
            ),
        }
    }
    draft.relations = out;
    gone.sort_unstable();
    for i in gone.into_iter().rev() {
        draft.annotations.remove(i);
    }
}

fn label_of(item: &Value) -> &str {
    item.get("labels")
        .and_then(Value::as_array)
        .and_then(|l| l.first())
        .and_then(Value::as_str)
        .unwrap_or_default()
}
