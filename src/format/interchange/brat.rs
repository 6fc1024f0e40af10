//! brat standoff: an article `NAME.txt` and its annotations `NAME.ann`.
//!
//! Offsets count Unicode code points of the `.txt` as Python reads it (a
//! BOM and the CR of CRLF count), half-open; fragments are `0 5;10 20` and
//! the covered-text field joins them with one space. How brat's lines become
//! the model:
//!
//! - `T12<TAB>Label 0 5;10 20<TAB>text`: an annotation with id
//!   `brat-ANNOTATOR-DOC-T12` (unique across annotators), its label mapped.
//!   The offsets rule, as in brat itself; a covered-text field that does not
//!   match the article is reported. A raw line break inside that field (it
//!   happens: PolNeAR has three) splits the line; the pieces that follow are
//!   reported as malformed lines, and when they complete the text the
//!   annotation is read whole.
//! - `R3<TAB>Type Arg1:T1 Arg2:T2`: a relation `Type` from T1 to T2.
//! - `E1<TAB>Type:T4 Role:T3 ...`: one relation `Type.Role` from the trigger
//!   T4 to each argument (an event with no argument: a relation `Type` from
//!   the trigger to itself), plus the product's own relations between the
//!   participants by their mapped labels: `said_by` from each Quote to each
//!   Speaker and `cue_of` from each Cue to each Quote.
//! - `A1<TAB>Name T3 [Value]` / `M1`: the annotation's attribute (a flag
//!   without value is `true`); `N1` normalisations: the attribute `norm`.
//! - `#1<TAB>AnnotatorNotes T3<TAB>text`: the annotation's note.
//! - `*<TAB>Equiv T1 T2`: `Equiv` relations.
//!
//! Export writes the same lines back, labels mapped back, ids reused where
//! they came from brat; the `said_by`/`cue_of` relations an event already
//! implies are not written twice.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{
    DraftDocument, ExportReport, ImportIssue, ImportOptions, LabelMap, NormalisedText, Sink,
    default_annotator, extension, file_name_of, id_prefix, write_file,
};
use crate::format::FormatError;
use crate::format::decode::{Decoding, InvalidUtf8, read_text};
use crate::model::{Annotation, CharRange, Document, Fragment, Project, Relation, TextIndex, names};

/// The attribute that holds brat `N` (normalisation) lines.
const NORM: &str = "norm";

// ---------------------------------------------------------------------------
// Import

/// One article to read: its text, its `.ann` (if any) and whose it is.
struct Job {
    text: PathBuf,
    ann: Option<PathBuf>,
    annotator: String,
    doc_id: String,
}

pub(super) fn import(
    files: &[PathBuf],
    opts: &ImportOptions,
    sink: &mut Sink,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<(), FormatError> {
    let jobs = plan(files, opts, sink);
    let total = jobs.len();
    progress(0, total);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let run = |job: &Job| {
        let r = read_document(job, &opts.map);
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress(n, total);
        r
    };
    // Reading and checking is independent per article: use the cores there are.
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8)
        .min(total.max(1));
    let results: Vec<(DraftDocument, Vec<ImportIssue>)> = if threads <= 1 {
        jobs.iter().map(run).collect()
    } else {
        let chunk = total.div_ceil(threads);
        std::thread::scope(|s| {
            let handles: Vec<_> = jobs
                .chunks(chunk)
                .map(|part| s.spawn(|| part.iter().map(run).collect::<Vec<_>>()))
                .collect();
            let mut all = Vec::with_capacity(total);
            for h in handles {
                match h.join() {
                    Ok(v) => all.extend(v),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            all
        })
    };
    for (draft, issues) in results {
        sink.issues.extend(issues);
        sink.drafts.push(draft);
    }
    Ok(())
}

/// Pairs every `.ann` with its text and names its annotator.
fn plan(files: &[PathBuf], opts: &ImportOptions, sink: &mut Sink) -> Vec<Job> {
    let mut texts: HashMap<String, Vec<&PathBuf>> = HashMap::new();
    let mut anns = Vec::new();
    for f in files {
        match extension(f).as_str() {
            "txt" => texts.entry(stem(f)).or_default().push(f),
            "ann" => anns.push(f),
            _ => {}
        }
    }
    let given: HashSet<&PathBuf> = files.iter().collect();
    let find = |name: &str, near: &Path| -> Option<PathBuf> {
        let beside = near.parent().map(|d| d.join(format!("{name}.txt")));
        if let Some(b) = beside.filter(|b| given.contains(b) || b.is_file()) {
            return Some(b);
        }
        // Elsewhere among the files given: the one sharing most of the path.
        let candidates = texts.get(name)?;
        candidates
            .iter()
            .max_by_key(|c| common_prefix(c, near))
            .map(|c| (*c).clone())
    };
    let default = default_annotator(opts);
    let mut jobs = Vec::new();
    let mut used_texts: HashSet<PathBuf> = HashSet::new();
    let mut named: Vec<String> = Vec::new();
    for ann in anns {
        let s = stem(ann);
        let found = find(&s, ann).map(|t| (t, None)).or_else(|| {
            let (base, who) = s.rsplit_once('_')?;
            if who.is_empty() {
                return None;
            }
            find(base, ann).map(|t| (t, Some(who.to_string())))
        });
        let Some((text, who)) = found else {
            sink.issue(
                ann,
                None,
                format!(
                    "skipped: no text for it ({s}.txt was looked for beside it and among the files given)"
                ),
            );
            continue;
        };
        if let Some(w) = &who
            && !named.contains(w)
        {
            named.push(w.clone());
        }
        if let (Some(w), Some(only)) = (&who, &opts.annotator)
            && w != only
        {
            continue;
        }
        used_texts.insert(text.clone());
        jobs.push(Job {
            doc_id: stem(&text),
            text,
            ann: Some(ann.clone()),
            annotator: who.unwrap_or_else(|| default.clone()),
        });
    }
    if let Some(only) = &opts.annotator
        && !named.is_empty()
        && !named.contains(only)
    {
        named.sort();
        sink.issue(
            files.first().map_or(Path::new("."), |f| f.as_path()),
            None,
            format!(
                "no files by annotator {only:?}; the annotators found are {}",
                named.join(", ")
            ),
        );
        return Vec::new();
    }
    // Articles nobody annotated: documents without tags, unless the files
    // name their annotators (then they belong to nobody's project).
    let mut unannotated: Vec<&PathBuf> = texts
        .values()
        .flatten()
        .filter(|t| !used_texts.contains(**t))
        .copied()
        .collect();
    unannotated.sort();
    for t in unannotated {
        if named.is_empty() {
            jobs.push(Job {
                doc_id: stem(t),
                text: t.clone(),
                ann: None,
                annotator: default.clone(),
            });
        } else {
            sink.issue(
                t,
                None,
                "not imported: no annotator's .ann file goes with this text",
            );
        }
    }
    jobs.sort_by(|a, b| (&a.doc_id, &a.text, &a.annotator).cmp(&(&b.doc_id, &b.text, &b.annotator)));
    jobs
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn common_prefix(a: &Path, b: &Path) -> usize {
    a.components()
        .zip(b.components())
        .take_while(|(x, y)| x == y)
        .count()
}

/// A brat line, parsed.
#[derive(Debug)]
enum Record {
    Text {
        id: String,
        label: String,
        fragments: Vec<(usize, usize)>,
        field: Option<String>,
        /// Blank and malformed lines right after it: `(line, content)`.
        trailing: Vec<(usize, String)>,
    },
    Relation {
        id: String,
        kind: String,
        from: String,
        to: String,
    },
    Event {
        id: String,
        kind: String,
        trigger: String,
        args: Vec<(String, String)>,
    },
    Attribute {
        name: String,
        target: String,
        value: Option<String>,
    },
    Norm {
        target: String,
        value: String,
    },
    Note {
        target: String,
        text: String,
    },
    Equiv {
        kind: String,
        members: Vec<String>,
    },
}

fn parse_line(line: &str) -> Result<Record, String> {
    let Some((id, rest)) = line.split_once('\t') else {
        return Err("not a brat line: no tab after an id such as T1".to_string());
    };
    let id = id.trim();
    let bad = |what: &str| Err(format!("{id}: {what}"));
    match id.chars().next() {
        Some('T') => {
            let (spec, field) = match rest.split_once('\t') {
                Some((s, f)) => (s, Some(f.to_string())),
                None => (rest, None),
            };
            let Some((label, offsets)) = spec.trim().split_once(' ') else {
                return bad("expected a label and offsets such as `Quote 10 52`");
            };
            let mut fragments = Vec::new();
            for part in offsets.split(';') {
                let nums: Vec<&str> = part.split_whitespace().collect();
                let parsed = match nums.as_slice() {
                    [s, e] => s.parse::<usize>().ok().zip(e.parse::<usize>().ok()),
                    _ => None,
                };
                match parsed {
                    Some((s, e)) if s <= e => fragments.push((s, e)),
                    Some(_) => return bad(&format!("fragment {part:?} ends before it starts")),
                    None => return bad(&format!("offsets {offsets:?} are not START END pairs")),
                }
            }
            Ok(Record::Text {
                id: id.to_string(),
                label: label.to_string(),
                fragments,
                field,
                trailing: Vec::new(),
            })
        }
        Some('R') => {
            let tokens: Vec<&str> = rest.split_whitespace().collect();
            let arg = |t: &str| t.split_once(':').map(|(_, r)| r.to_string());
            match tokens.as_slice() {
                [kind, a, b] => match (arg(a), arg(b)) {
                    (Some(from), Some(to)) => Ok(Record::Relation {
                        id: id.to_string(),
                        kind: kind.to_string(),
                        from,
                        to,
                    }),
                    _ => bad("expected `Type Arg1:T1 Arg2:T2`"),
                },
                _ => bad("expected `Type Arg1:T1 Arg2:T2`"),
            }
        }
        Some('E') => {
            let mut tokens = rest.split_whitespace();
            let Some((kind, trigger)) = tokens.next().and_then(|t| t.split_once(':')) else {
                return bad("expected `Type:T1 Role:T2 ...`");
            };
            let mut args = Vec::new();
            for t in tokens {
                match t.split_once(':') {
                    Some((role, r)) if !role.is_empty() && !r.is_empty() => {
                        args.push((role.to_string(), r.to_string()))
                    }
                    _ => return bad(&format!("argument {t:?} is not Role:ID")),
                }
            }
            Ok(Record::Event {
                id: id.to_string(),
                kind: kind.to_string(),
                trigger: trigger.to_string(),
                args,
            })
        }
        Some('A' | 'M') => {
            let tokens: Vec<&str> = rest.split_whitespace().collect();
            match tokens.as_slice() {
                [name, target] => Ok(Record::Attribute {
                    name: name.to_string(),
                    target: target.to_string(),
                    value: None,
                }),
                [name, target, value] => Ok(Record::Attribute {
                    name: name.to_string(),
                    target: target.to_string(),
                    value: Some(value.to_string()),
                }),
                _ => bad("expected `Name T1` or `Name T1 Value`"),
            }
        }
        Some('N') => {
            let (spec, text) = rest.split_once('\t').unwrap_or((rest, ""));
            let tokens: Vec<&str> = spec.split_whitespace().collect();
            match tokens.as_slice() {
                [kind, target, reference] => Ok(Record::Norm {
                    target: target.to_string(),
                    value: format!("{kind} {reference} {text}").trim_end().to_string(),
                }),
                _ => bad("expected `Type T1 Database:ID<TAB>text`"),
            }
        }
        Some('#') => {
            let (spec, text) = rest.split_once('\t').unwrap_or((rest, ""));
            let tokens: Vec<&str> = spec.split_whitespace().collect();
            match tokens.as_slice() {
                [_, target] => Ok(Record::Note {
                    target: target.to_string(),
                    text: text.to_string(),
                }),
                _ => bad("expected `AnnotatorNotes T1<TAB>text`"),
            }
        }
        Some('*') => {
            let mut tokens = rest.split_whitespace();
            let kind = tokens.next().unwrap_or_default().to_string();
            let members: Vec<String> = tokens.map(str::to_string).collect();
            if kind.is_empty() || members.len() < 2 {
                return bad("expected `Equiv T1 T2 ...`");
            }
            Ok(Record::Equiv { kind, members })
        }
        _ => Err(
            "not a brat annotation line (it should start with an id such as T1, R1, E1, A1, N1 or #1, then a tab)"
                .to_string(),
        ),
    }
}

/// Reads an article's text as brat sees it: UTF-8 with a BOM kept as a char
/// (Python keeps it); not UTF-8, Windows-1252 with an issue.
fn read_raw_text(path: &Path, issues: &mut Vec<ImportIssue>) -> Result<String, FormatError> {
    const AS_BRAT: Decoding = Decoding {
        strip_bom: false,
        ..Decoding::DATA.or_else(InvalidUtf8::Windows1252)
    };
    let decoded = read_text(path, AS_BRAT)?;
    if let Some(offset) = decoded.not_utf8_at {
        issues.push(ImportIssue {
            file: path.to_path_buf(),
            line: None,
            message: format!(
                "not UTF-8 (invalid byte at offset {offset}): read as Windows-1252; check the offsets"
            ),
        });
    }
    Ok(decoded.text)
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

/// Reads one article and its `.ann`. Never fails: a file that cannot be read
/// is an issue, and whatever was readable is kept.
fn read_document(job: &Job, map: &LabelMap) -> (DraftDocument, Vec<ImportIssue>) {
    let mut issues = Vec::new();
    let mut draft = DraftDocument {
        annotator: job.annotator.clone(),
        id: job.doc_id.clone(),
        title: job.doc_id.clone(),
        file: job.ann.clone().unwrap_or_else(|| job.text.clone()),
        ..Default::default()
    };
    let raw = match read_raw_text(&job.text, &mut issues) {
        Ok(t) => t,
        Err(e) => {
            issues.push(ImportIssue {
                file: job.text.clone(),
                line: None,
                message: format!("skipped: {e}"),
            });
            return (draft, issues);
        }
    };
    let norm = NormalisedText::new(&raw);
    for n in &norm.notes {
        issues.push(ImportIssue {
            file: job.text.clone(),
            line: None,
            message: format!("note: {n}"),
        });
    }
    if let Some(ann) = &job.ann {
        read_ann(ann, &raw, &norm, job, map, &mut draft, &mut issues);
    }
    draft.text = norm.text;
    (draft, issues)
}

fn read_ann(
    path: &Path,
    raw: &str,
    norm: &NormalisedText,
    job: &Job,
    map: &LabelMap,
    draft: &mut DraftDocument,
    issues: &mut Vec<ImportIssue>,
) {
    let mut issue = |line: Option<usize>, message: String| {
        issues.push(ImportIssue {
            file: path.to_path_buf(),
            line,
            message,
        })
    };
    let decoded = match read_text(path, Decoding::DATA.or_else(InvalidUtf8::Replace)) {
        Ok(d) => d,
        Err(e) => {
            issue(None, format!("annotations skipped: {e}"));
            return;
        }
    };
    if let Some(offset) = decoded.not_utf8_at {
        issue(
            None,
            format!("not UTF-8 (invalid byte at offset {offset}); the invalid bytes were replaced"),
        );
    }
    let content = decoded.text.as_str();

    // Pass 1: parse every line; keep blank and malformed lines after a T
    // line with it, in case they are the rest of its covered text.
    let mut records: Vec<(usize, Record)> = Vec::new();
    let mut after_text = false;
    let mut malformed: Vec<(usize, String)> = Vec::new();
    for (i, line) in content.split('\n').enumerate() {
        let n = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let blank = line.trim().is_empty();
        let parsed = if blank { None } else { Some(parse_line(line)) };
        let error = match parsed {
            Some(Ok(rec)) => {
                after_text = matches!(rec, Record::Text { .. });
                records.push((n, rec));
                continue;
            }
            Some(Err(msg)) => Some(msg),
            None => None,
        };
        if after_text && let Some((_, Record::Text { trailing, .. })) = records.last_mut() {
            trailing.push((n, line.to_string()));
        }
        if let Some(msg) = error {
            malformed.push((n, msg));
        }
    }

    // Which offsets: brat's (BOM and CR counted) or, if the covered texts
    // say so, offsets already counted on the normalised text.
    let raw_index = TextIndex::new(raw);
    let norm_index = TextIndex::new(&norm.text);
    let covered = |index: &TextIndex, text: &str, frags: &[(usize, usize)]| -> String {
        let parts: Vec<&str> = frags
            .iter()
            .map(|&(s, e)| index.slice(text, CharRange { start: s, end: e }))
            .collect();
        parts.join(" ")
    };
    let mut use_raw = true;
    if !norm.is_identity() {
        let (mut raw_hits, mut norm_hits) = (0, 0);
        for (_, r) in &records {
            if let Record::Text {
                fragments,
                field: Some(f),
                ..
            } = r
            {
                raw_hits += usize::from(covered(&raw_index, raw, fragments) == *f);
                norm_hits += usize::from(covered(&norm_index, &norm.text, fragments) == *f);
            }
        }
        if norm_hits > raw_hits {
            use_raw = false;
            issue(
                None,
                "note: the offsets count the text without its byte-order mark or CR line ends (not as brat counts); read that way because the covered texts match".to_string(),
            );
        }
    }
    let len = if use_raw {
        raw_index.char_len()
    } else {
        norm_index.char_len()
    };
    let place = |o: usize| if use_raw { norm.map(o) } else { o };

    // Pass 2: annotations.
    let prefix = id_prefix("brat", &job.annotator, &job.doc_id);
    let mut labels: HashMap<String, String> = HashMap::new();
    let mut index_of: HashMap<String, usize> = HashMap::new();
    let mut continued: HashMap<usize, (String, usize)> = HashMap::new();
    for (line, rec) in &records {
        let Record::Text {
            id,
            label,
            fragments,
            field,
            trailing,
        } = rec
        else {
            continue;
        };
        let expected = if use_raw {
            covered(&raw_index, raw, fragments)
        } else {
            covered(&norm_index, &norm.text, fragments)
        };
        let in_range = fragments.iter().all(|&(_, e)| e <= len);
        if let Some(field) = field
            && *field != expected
            && in_range
        {
            // A raw line break in the field: the following lines finish it.
            let last_bad = trailing
                .iter()
                .rposition(|(n, _)| malformed.iter().any(|(m, _)| m == n));
            let whole = last_bad.map(|k| {
                let mut s = field.clone();
                for (_, l) in &trailing[..=k] {
                    s.push('\n');
                    s.push_str(l);
                }
                s
            });
            if whole.as_deref() == Some(expected.as_str()) {
                for (n, _) in &trailing[..=last_bad.unwrap_or(0)] {
                    continued.insert(*n, (id.clone(), *line));
                }
            } else {
                issue(
                    Some(*line),
                    format!(
                        "{id}: the covered text {} is not what the article has at {} ({}); the offsets were kept",
                        shorten(field),
                        offsets_text(fragments),
                        shorten(&expected)
                    ),
                );
            }
        }
        let field_parts = field.as_deref().map(|f| split_field(f, fragments));
        let frags = fragments
            .iter()
            .enumerate()
            .map(|(k, &(s, e))| {
                let (start, end) = (place(s), place(e));
                let text = if e <= len {
                    norm_index.slice(&norm.text, CharRange { start, end }).to_string()
                } else {
                    // Out of the text: keep what the file said it covered.
                    field_parts
                        .as_ref()
                        .and_then(|p| p.get(k).cloned())
                        .unwrap_or_default()
                };
                Fragment { start, end, text }
            })
            .collect();
        let aid = format!("{prefix}{id}");
        let label = map.map(label).to_string();
        labels.insert(aid.clone(), label.clone());
        draft
            .origin
            .insert(aid.clone(), (path.to_path_buf(), Some(*line)));
        index_of.insert(aid.clone(), draft.annotations.len());
        draft.annotations.push(Annotation {
            id: aid,
            label,
            fragments: frags,
            attributes: BTreeMap::new(),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            annotators: Vec::new(),
        });
    }
    for (n, msg) in malformed {
        match continued.get(&n) {
            Some((id, at)) => issue(
                Some(n),
                format!(
                    "not a brat line: it continues the covered text of {id} (line {at}), which holds a raw line break; {id} was read whole"
                ),
            ),
            None => issue(Some(n), format!("{msg}; the line was skipped")),
        }
    }

    // Events' triggers first: other lines may point at an event.
    let mut triggers: HashMap<&str, &str> = HashMap::new();
    for (_, rec) in &records {
        if let Record::Event { id, trigger, .. } = rec {
            triggers.insert(id, trigger);
        }
    }
    let resolve = |r: &str| -> String {
        let mut r = r;
        // An event stands for its trigger (bounded: events may point at each other).
        for _ in 0..8 {
            match triggers.get(r) {
                Some(t) => r = t,
                None => break,
            }
        }
        format!("{prefix}{r}")
    };

    // Pass 3: everything that refers to annotations.
    let mut relation_ids: HashSet<String> = HashSet::new();
    let mut implied: HashSet<(String, String, String)> = HashSet::new();
    let mut add_relation =
        |draft: &mut DraftDocument, id: String, kind: String, from: String, to: String, line| {
            let mut rid = id.clone();
            let mut k = 1;
            while !relation_ids.insert(rid.clone()) {
                k += 1;
                rid = format!("{id}-{k}");
            }
            draft.origin.insert(rid.clone(), (path.to_path_buf(), Some(line)));
            draft.relations.push(Relation {
                id: rid,
                kind,
                from,
                to,
            });
        };
    for (line, rec) in &records {
        let line = *line;
        match rec {
            Record::Text { .. } => {}
            Record::Relation { id, kind, from, to } => add_relation(
                draft,
                format!("{prefix}{id}"),
                map.map(kind).to_string(),
                resolve(from),
                resolve(to),
                line,
            ),
            Record::Event {
                id,
                kind,
                trigger,
                args,
            } => {
                let kind = map.map(kind);
                let trig = resolve(trigger);
                if args.is_empty() {
                    add_relation(
                        draft,
                        format!("{prefix}{id}"),
                        kind.to_string(),
                        trig.clone(),
                        trig.clone(),
                        line,
                    );
                }
                let mut members = vec![trig.clone()];
                for (role, r) in args {
                    let to = resolve(r);
                    add_relation(
                        draft,
                        format!("{prefix}{id}.{role}"),
                        format!("{kind}.{role}"),
                        trig.clone(),
                        to.clone(),
                        line,
                    );
                    if !members.contains(&to) {
                        members.push(to);
                    }
                }
                let with = |l: &str| -> Vec<&String> {
                    members
                        .iter()
                        .filter(|m| labels.get(*m).is_some_and(|x| x == l))
                        .collect()
                };
                let (quotes, speakers, cues) = (with(names::QUOTE), with(names::SPEAKER), with(names::CUE));
                let mut derived = Vec::new();
                for q in &quotes {
                    for s in &speakers {
                        derived.push((names::SAID_BY, (*q).clone(), (*s).clone()));
                    }
                    for c in &cues {
                        derived.push((names::CUE_OF, (*c).clone(), (*q).clone()));
                    }
                }
                for (k, from, to) in derived {
                    if implied.insert((k.to_string(), from.clone(), to.clone())) {
                        add_relation(draft, format!("{prefix}{id}-{k}"), k.to_string(), from, to, line);
                    }
                }
            }
            Record::Equiv { kind, members } => {
                for (k, pair) in members.windows(2).enumerate() {
                    add_relation(
                        draft,
                        format!("{prefix}Equiv{line}-{}", k + 1),
                        map.map(kind).to_string(),
                        resolve(&pair[0]),
                        resolve(&pair[1]),
                        line,
                    );
                }
            }
            Record::Attribute { name, target, value } => {
                let value = value.as_deref().map_or_else(|| "true".to_string(), unescape);
                match target_annotation(target, &resolve, &index_of, draft) {
                    Some(a) => {
                        a.attributes.insert(unescape(name), value);
                    }
                    None => issue(Some(line), unplaceable(target, "attribute")),
                }
            }
            Record::Norm { target, value } => match target_annotation(target, &resolve, &index_of, draft) {
                Some(a) => {
                    let v = a.attributes.entry(NORM.to_string()).or_default();
                    if !v.is_empty() {
                        v.push('\n');
                    }
                    v.push_str(value);
                }
                None => issue(Some(line), unplaceable(target, "normalisation")),
            },
            Record::Note { target, text } => match target_annotation(target, &resolve, &index_of, draft) {
                Some(a) => {
                    if !a.note.is_empty() {
                        a.note.push('\n');
                    }
                    a.note.push_str(text);
                }
                None => issue(Some(line), unplaceable(target, "note")),
            },
        }
    }
}

fn unplaceable(target: &str, what: &str) -> String {
    if target.starts_with('R') || target.starts_with('*') {
        format!(
            "the {what} of relation {target} cannot be kept (relations have no {what}s here); the line was skipped"
        )
    } else {
        format!("the {what} refers to {target}, which this file does not define; the line was skipped")
    }
}

fn target_annotation<'a>(
    target: &str,
    resolve: &impl Fn(&str) -> String,
    index_of: &HashMap<String, usize>,
    draft: &'a mut DraftDocument,
) -> Option<&'a mut Annotation> {
    let k = *index_of.get(&resolve(target))?;
    draft.annotations.get_mut(k)
}

/// The covered-text field cut into its fragments' texts by their lengths
/// (the field joins them with one space).
fn split_field(field: &str, fragments: &[(usize, usize)]) -> Vec<String> {
    let chars: Vec<char> = field.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for &(s, e) in fragments {
        let end = (at + (e - s)).min(chars.len());
        out.push(chars[at.min(end)..end].iter().collect());
        at = end + 1;
    }
    out
}

// ---------------------------------------------------------------------------
// Export

/// The number at the end of an id, after `-{letter}` (`...-T12` -> 12).
fn number_after(id: &str, letter: char) -> Option<usize> {
    let (_, n) = id.rsplit_once(&format!("-{letter}"))?;
    n.parse().ok()
}

/// Numbers items, keeping each preferred number when it is free.
fn numbering<'a>(items: impl Iterator<Item = (&'a str, Option<usize>)>) -> HashMap<&'a str, usize> {
    let items: Vec<(&str, Option<usize>)> = items.collect();
    let mut taken = HashSet::new();
    let mut out = HashMap::new();
    for (id, want) in &items {
        if let Some(n) = want
            && *n > 0
            && taken.insert(*n)
        {
            out.insert(*id, *n);
        }
    }
    let mut next = taken.iter().max().copied().unwrap_or(0) + 1;
    for (id, _) in &items {
        if !out.contains_key(id) {
            out.insert(*id, next);
            next += 1;
        }
    }
    out
}

/// brat cannot hold a line break inside a field (a note's, a normalisation's).
fn one_line(s: &str) -> (String, bool) {
    if s.contains(['\n', '\r']) {
        (s.replace(['\n', '\r'], " "), true)
    } else {
        (s.to_string(), false)
    }
}

/// Fragments cut at line breaks, the line breaks left out: a brat line
/// cannot hold one, and brat checks that the covered-text field is exactly
/// the fragments' text joined with spaces. (Tabs are fine: brat reads the
/// field by length.)
fn without_line_breaks(fragments: &[Fragment]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::with_capacity(fragments.len());
    for f in fragments {
        if !f.text.contains('\n') {
            out.push((f.start, f.end, f.text.clone()));
            continue;
        }
        let mut at = f.start;
        for piece in f.text.split('\n') {
            let len = piece.chars().count();
            if len > 0 {
                out.push((at, at + len, piece.to_string()));
            }
            at += len + 1;
        }
    }
    out
}

/// A label or relation kind with no white space (brat splits lines on it).
fn token(s: &str) -> (String, bool) {
    if s.chars().any(char::is_whitespace) || s.is_empty() {
        let t: String = s
            .chars()
            .map(|c| if c.is_whitespace() { '_' } else { c })
            .collect();
        (if t.is_empty() { "_".to_string() } else { t }, true)
    } else {
        (s.to_string(), false)
    }
}

/// An attribute name or value brat can hold: white space and `%` are
/// percent-encoded (`Cressida%20Dick`), which [`unescape`] undoes on import.
fn escape(s: &str) -> (String, bool) {
    if !s.contains(|c: char| c.is_whitespace() || c == '%') {
        return (s.to_string(), false);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '%' || c.is_whitespace() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    (out, true)
}

/// Undoes [`escape`] for the sequences it writes (`%20`, `%25`, ... of white
/// space and `%`); anything else stays as written.
fn unescape(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    match String::from_utf8(out) {
        Ok(decoded) if decoded.contains(|c: char| c.is_whitespace() || c == '%') => decoded,
        _ => s.to_string(),
    }
}

#[derive(Default)]
struct Counts {
    broken_text: usize,
    spaced_tokens: usize,
    set_aside: usize,
    dangling: usize,
}

pub(super) fn export(project: &Project, out: &Path, map: &LabelMap) -> Result<ExportReport, FormatError> {
    if out.is_file() {
        return Err(FormatError::Io {
            path: out.display().to_string(),
            action: "export to",
            source: std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "brat export writes a folder, and this is a file",
            ),
        });
    }
    std::fs::create_dir_all(out).map_err(|source| FormatError::Io {
        path: out.display().to_string(),
        action: "create the folder",
        source,
    })?;
    let mut report = ExportReport::default();
    let mut counts = Counts::default();
    let mut names_used = HashSet::new();
    for doc in &project.documents {
        let base = file_name_of(&doc.id);
        let mut name = base.clone();
        let mut k = 1;
        while !names_used.insert(name.to_lowercase()) {
            k += 1;
            name = format!("{base}-{k}");
        }
        let (ann, items) = ann_text(doc, map, &mut counts);
        write_file(&out.join(format!("{name}.txt")), doc.text().as_bytes())?;
        write_file(&out.join(format!("{name}.ann")), ann.as_bytes())?;
        report.files_written += 2;
        report.items += items;
    }
    if counts.broken_text > 0 {
        report.notes.push(format!(
            "{} annotations cover line breaks, which a brat line cannot hold: their fragments were cut at the line breaks, which are left out",
            counts.broken_text
        ));
    }
    if counts.spaced_tokens > 0 {
        report.notes.push(format!(
            "{} labels, kinds, attribute names or values held spaces: labels and kinds were written with `_`, attributes with `%20` (brat splits on spaces; Quotebench reads `%20` back)",
            counts.spaced_tokens
        ));
    }
    if counts.set_aside > 0 {
        report.notes.push(format!(
            "{} annotations kept aside because they did not fit their text were not exported",
            counts.set_aside
        ));
    }
    if counts.dangling > 0 {
        report.notes.push(format!(
            "{} relations whose ends are not exported were left out",
            counts.dangling
        ));
    }
    Ok(report)
}

/// An event rebuilt from its relations.
struct EventOut<'a> {
    kind: &'a str,
    trigger: &'a str,
    args: Vec<(&'a str, &'a str)>,
    key: String,
}

/// The `.ann` text of one document and the number of T lines in it.
fn ann_text(doc: &Document, map: &LabelMap, counts: &mut Counts) -> (String, usize) {
    counts.set_aside += doc.set_aside().len();
    let anns: Vec<&Annotation> = doc.annotations_in_order().collect();
    let t_num = numbering(anns.iter().map(|a| (a.id.as_str(), number_after(&a.id, 'T'))));
    let mut s = String::with_capacity(doc.text().len() / 2 + 64);
    let mut lines: Vec<(usize, String)> = Vec::with_capacity(anns.len());
    for a in &anns {
        let pieces = without_line_breaks(&a.fragments);
        counts.broken_text += usize::from(pieces.len() != a.fragments.len() || pieces.is_empty());
        let pieces = if pieces.is_empty() {
            // Nothing but line breaks: keep the offsets, spaces for text.
            a.fragments
                .iter()
                .map(|f| (f.start, f.end, f.text.replace('\n', " ")))
                .collect()
        } else {
            pieces
        };
        let frags: Vec<String> = pieces.iter().map(|(s, e, _)| format!("{s} {e}")).collect();
        let texts: Vec<&str> = pieces.iter().map(|(_, _, t)| t.as_str()).collect();
        let text = texts.join(" ");
        let (label, spaced) = token(map.map_back(&a.label));
        counts.spaced_tokens += usize::from(spaced);
        let n = t_num[a.id.as_str()];
        lines.push((n, format!("T{n}\t{label} {}\t{text}\n", frags.join(";"))));
    }
    lines.sort_by_key(|(n, _)| *n);
    for (_, l) in &lines {
        s.push_str(l);
    }
    let t = |id: &str| t_num.get(id).map(|n| format!("T{n}"));

    // Events: relations `Type.Role` from a trigger labelled Type, and
    // `Type` from a trigger to itself for an event without arguments.
    let mut events: BTreeMap<String, EventOut> = BTreeMap::new();
    let mut plain: Vec<&Relation> = Vec::new();
    for r in doc.relations() {
        let Some(from) = doc.annotation(&r.from) else {
            continue;
        };
        // `Type.Role` from a trigger labelled Type, or from an event we read
        // (its id says so) whose type was not its trigger's label.
        let role: Option<(&str, &str)> = match r
            .kind
            .strip_prefix(from.label.as_str())
            .and_then(|rest| rest.strip_prefix('.'))
            .filter(|role| !role.is_empty())
        {
            Some(role) => Some((from.label.as_str(), role)),
            None => r
                .kind
                .rsplit_once('.')
                .filter(|(kind, role)| !kind.is_empty() && event_key(&r.id, role).is_some()),
        };
        let argless = r.from == r.to && (r.kind == from.label || number_after(&r.id, 'E').is_some());
        if role.is_none() && !argless {
            plain.push(r);
            continue;
        }
        let (kind, key) = match role {
            Some((kind, role)) => (
                kind,
                event_key(&r.id, role).unwrap_or_else(|| format!("{}#{kind}", r.from)),
            ),
            None => (r.kind.as_str(), r.id.clone()),
        };
        let e = events.entry(key.clone()).or_insert_with(|| EventOut {
            kind,
            trigger: r.from.as_str(),
            args: Vec::new(),
            key,
        });
        if let Some((_, role)) = role {
            e.args.push((role, r.to.as_str()));
        }
    }
    let e_num = numbering(
        events
            .values()
            .map(|e| (e.key.as_str(), number_after(&e.key, 'E'))),
    );
    let mut members: HashSet<(&str, &str)> = HashSet::new();
    let mut e_lines: Vec<(usize, String)> = Vec::new();
    for e in events.values() {
        let Some(trig) = t(e.trigger) else {
            counts.dangling += 1;
            continue;
        };
        let mut args = Vec::new();
        let mut all = vec![e.trigger];
        for (role, to) in &e.args {
            match t(to) {
                Some(x) => {
                    args.push(format!(" {role}:{x}"));
                    all.push(to);
                }
                None => counts.dangling += 1,
            }
        }
        for a in &all {
            for b in &all {
                members.insert((a, b));
            }
        }
        let n = e_num[e.key.as_str()];
        let (kind, _) = token(map.map_back(e.kind));
        e_lines.push((n, format!("E{n}\t{kind}:{trig}{}\n", args.concat())));
    }
    e_lines.sort_by_key(|(n, _)| *n);
    for (_, l) in &e_lines {
        s.push_str(l);
    }

    // Other relations, except those an event already implies.
    let implied = |r: &Relation| {
        (r.kind == names::SAID_BY || r.kind == names::CUE_OF)
            && members.contains(&(r.from.as_str(), r.to.as_str()))
    };
    let plain: Vec<&Relation> = plain.into_iter().filter(|r| !implied(r)).collect();
    let r_num = numbering(
        plain
            .iter()
            .filter(|r| r.kind != "Equiv")
            .map(|r| (r.id.as_str(), number_after(&r.id, 'R'))),
    );
    let mut r_lines: Vec<(usize, String)> = Vec::new();
    let mut equiv = String::new();
    for r in plain {
        let (Some(a), Some(b)) = (t(&r.from), t(&r.to)) else {
            counts.dangling += 1;
            continue;
        };
        let (kind, spaced) = token(map.map_back(&r.kind));
        counts.spaced_tokens += usize::from(spaced);
        if r.kind == "Equiv" {
            let _ = writeln!(equiv, "*\tEquiv {a} {b}");
        } else {
            let n = r_num[r.id.as_str()];
            r_lines.push((n, format!("R{n}\t{kind} Arg1:{a} Arg2:{b}\n")));
        }
    }
    r_lines.sort_by_key(|(n, _)| *n);
    for (_, l) in &r_lines {
        s.push_str(l);
    }
    s.push_str(&equiv);

    // Attributes, normalisations, notes, in T order.
    let mut by_t: Vec<(usize, &Annotation)> = anns.iter().map(|a| (t_num[a.id.as_str()], *a)).collect();
    by_t.sort_by_key(|(n, _)| *n);
    let (mut na, mut nn, mut nh) = (0, 0, 0);
    for (n, a) in &by_t {
        for (name, value) in &a.attributes {
            if value.is_empty() {
                continue;
            }
            if name == NORM {
                for v in value.lines().filter(|v| !v.trim().is_empty()) {
                    let mut parts = v.splitn(3, ' ');
                    let kind = parts.next().unwrap_or_default();
                    let reference = parts.next().unwrap_or_default();
                    let text = parts.next().unwrap_or_default();
                    nn += 1;
                    let _ = writeln!(s, "N{nn}\t{kind} T{n} {reference}\t{}", one_line(text).0);
                }
                continue;
            }
            na += 1;
            let (name, spaced) = escape(name);
            counts.spaced_tokens += usize::from(spaced);
            if value == "true" {
                let _ = writeln!(s, "A{na}\t{name} T{n}");
            } else {
                let (value, spaced) = escape(value);
                counts.spaced_tokens += usize::from(spaced);
                let _ = writeln!(s, "A{na}\t{name} T{n} {value}");
            }
        }
    }
    for (n, a) in &by_t {
        for line in a.note.split('\n').filter(|l| !l.trim().is_empty()) {
            nh += 1;
            let _ = writeln!(s, "#{nh}\tAnnotatorNotes T{n}\t{}", one_line(line).0);
        }
    }
    (s, anns.len())
}

/// The event a role relation belongs to, from its id `...-E5.Role` (or
/// `...-E5.Role-2`): `...-E5`.
fn event_key(id: &str, role: &str) -> Option<String> {
    let suffix = format!(".{role}");
    let base = match id.rsplit_once('-') {
        Some((b, n)) if n.chars().all(|c| c.is_ascii_digit()) && b.ends_with(&suffix) => b,
        _ => id,
    };
    base.strip_suffix(&suffix).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines() {
        let Ok(Record::Text {
            label,
            fragments,
            field,
            ..
        }) = parse_line("T1\tQuote 0 5;6 10\tab cd")
        else {
            panic!("T line");
        };
        assert_eq!(
            (label.as_str(), fragments, field.as_deref()),
            ("Quote", vec![(0, 5), (6, 10)], Some("ab cd"))
        );
        assert!(parse_line("T1\tQuote 5 2\tx").is_err());
        assert!(parse_line("T1\tQuote a b\tx").is_err());
        assert!(parse_line("The number of people").is_err());
        assert!(matches!(
            parse_line("E1\tAttribution:T4 Content:T3 Cue:T2"),
            Ok(Record::Event { args, .. }) if args.len() == 2
        ));
        assert!(matches!(
            parse_line("A1\tNegated T3"),
            Ok(Record::Attribute { value: None, .. })
        ));
        assert!(matches!(
            parse_line("#1\tAnnotatorNotes T66\tShould line 38"),
            Ok(Record::Note { text, .. }) if text == "Should line 38"
        ));
    }

    #[test]
    fn event_keys_and_numbers() {
        assert_eq!(
            event_key("brat-a-d-E5.Content", "Content").as_deref(),
            Some("brat-a-d-E5")
        );
        assert_eq!(
            event_key("brat-a-d-E5.Content-2", "Content").as_deref(),
            Some("brat-a-d-E5")
        );
        assert_eq!(event_key("r-123", "Content"), None);
        assert_eq!(number_after("brat-4e07-doc-T12", 'T'), Some(12));
        assert_eq!(number_after("a-0123", 'T'), None);
        let n = numbering([("a", Some(3)), ("b", Some(3)), ("c", None)].into_iter());
        assert_eq!((n["a"], n["b"], n["c"]), (3, 4, 5));
    }

    #[test]
    fn attribute_values_escape_and_unescape() {
        assert_eq!(escape("Cressida Dick"), ("Cressida%20Dick".to_string(), true));
        assert_eq!(escape("direct"), ("direct".to_string(), false));
        for v in ["Cressida Dick", "50% of\tthem", "a\u{3000}b", "plain"] {
            assert_eq!(unescape(&escape(v).0), v);
        }
        // Other tools' percent signs stay as they are.
        assert_eq!(unescape("100%AB"), "100%AB");
        assert_eq!(unescape("x%zz"), "x%zz");
    }

    #[test]
    fn fragments_are_cut_at_line_breaks() {
        let f = |start, end, text: &str| Fragment {
            start,
            end,
            text: text.to_string(),
        };
        assert_eq!(
            without_line_breaks(&[f(10, 16, "3.\n\nAb"), f(20, 22, "cd")]),
            vec![
                (10, 12, "3.".into()),
                (14, 16, "Ab".into()),
                (20, 22, "cd".into())
            ]
        );
        assert_eq!(
            without_line_breaks(&[f(0, 3, "a\tb")]),
            vec![(0, 3, "a\tb".into())]
        );
        assert!(without_line_breaks(&[f(0, 1, "\n")]).is_empty());
    }

    #[test]
    fn field_splits_by_fragment_lengths() {
        assert_eq!(split_field("ab cd e", &[(0, 2), (5, 9)]), vec!["ab", "cd e"]);
    }
}
