//! Reading brat: which `.txt` goes with which `.ann` and whose it is, each
//! article read on its own (in parallel), its text as brat counts it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::ann::read_ann;
use crate::format::FormatError;
use crate::format::decode::{Decoding, InvalidUtf8, read_text};
use crate::format::interchange::{
    DraftDocument, ImportIssue, ImportOptions, LabelMap, NormalisedText, Sink, default_annotator, extension,
};

/// One article to read: its text, its `.ann` (if any) and whose it is.
pub(super) struct Job {
    pub text: PathBuf,
    pub ann: Option<PathBuf>,
    pub annotator: String,
    pub doc_id: String,
}

pub(in crate::format::interchange) fn import(
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
    let finder = TextFinder {
        given: files.iter().collect(),
        texts: &texts,
    };
    let default = default_annotator(opts);
    let mut jobs = Vec::new();
    let mut used_texts: HashSet<PathBuf> = HashSet::new();
    let mut named: Vec<String> = Vec::new();
    for ann in anns {
        let Some((text, who)) = finder.text_of(ann) else {
            sink.issue(
                ann,
                None,
                format!(
                    "skipped: no text for it ({}.txt was looked for beside it and among the files given)",
                    stem(ann)
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
    add_unannotated(&texts, &used_texts, named.is_empty(), &default, &mut jobs, sink);
    jobs.sort_by(|a, b| (&a.doc_id, &a.text, &a.annotator).cmp(&(&b.doc_id, &b.text, &b.annotator)));
    jobs
}

/// Finds the text of an `.ann` among the files given or beside it.
struct TextFinder<'a> {
    given: HashSet<&'a PathBuf>,
    texts: &'a HashMap<String, Vec<&'a PathBuf>>,
}

impl TextFinder<'_> {
    /// `NAME.txt` beside `near`, else among the files given the one sharing
    /// most of the path.
    fn find(&self, name: &str, near: &Path) -> Option<PathBuf> {
        let beside = near.parent().map(|d| d.join(format!("{name}.txt")));
        if let Some(b) = beside.filter(|b| self.given.contains(b) || b.is_file()) {
            return Some(b);
        }
        let candidates = self.texts.get(name)?;
        candidates
            .iter()
            .max_by_key(|c| common_prefix(c, near))
            .map(|c| (*c).clone())
    }

    /// The text of `NAME.ann`, or of `NAME_ANNOTATOR.ann` with the annotator.
    fn text_of(&self, ann: &Path) -> Option<(PathBuf, Option<String>)> {
        let s = stem(ann);
        self.find(&s, ann).map(|t| (t, None)).or_else(|| {
            let (base, who) = s.rsplit_once('_')?;
            if who.is_empty() {
                return None;
            }
            self.find(base, ann).map(|t| (t, Some(who.to_string())))
        })
    }
}

/// Articles nobody annotated: documents without tags, unless the files
/// name their annotators (then they belong to nobody's project).
fn add_unannotated(
    texts: &HashMap<String, Vec<&PathBuf>>,
    used_texts: &HashSet<PathBuf>,
    nobody_named: bool,
    default: &str,
    jobs: &mut Vec<Job>,
    sink: &mut Sink,
) {
    let mut unannotated: Vec<&PathBuf> = texts
        .values()
        .flatten()
        .filter(|t| !used_texts.contains(**t))
        .copied()
        .collect();
    unannotated.sort();
    for t in unannotated {
        if nobody_named {
            jobs.push(Job {
                doc_id: stem(t),
                text: t.clone(),
                ann: None,
                annotator: default.to_string(),
            });
        } else {
            sink.issue(
                t,
                None,
                "not imported: no annotator's .ann file goes with this text",
            );
        }
    }
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
