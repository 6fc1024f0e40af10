//! The project file: RON, `*.qb.ron`, versioned, deterministic and
//! diff-friendly (one annotation per line, sorted by position), so two
//! people's files diff and merge cleanly in git. See docs/FORMAT.md.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::atomic::write_atomic;
use super::decode::{Decoding, read_text};
use super::error::FormatError;
use crate::model::{
    Annotation, Decision, Document, FORMAT_VERSION, Problem, ProblemKind, Project, Relation, Source, TagSet,
    repair_document, validate,
};

/// Files larger than this are refused before reading.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
struct VersionProbe {
    format_version: u32,
}

#[derive(Serialize, Deserialize)]
struct ProjectFile {
    format_version: u32,
    #[serde(default)]
    name: String,
    #[serde(default)]
    annotator: String,
    #[serde(default)]
    tagset: TagSet,
    #[serde(default)]
    documents: Vec<DocumentFile>,
}

#[derive(Serialize, Deserialize)]
struct DocumentFile {
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    source: Option<Source>,
    text: String,
    #[serde(default)]
    annotations: Vec<Annotation>,
    #[serde(default)]
    relations: Vec<Relation>,
    /// A gold project's review decisions; absent from other files (and from
    /// files written before decisions were saved), so those are unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    decisions: Vec<Decision>,
}

/// A problem found while loading, with the line:column of the item it
/// concerns when that could be found in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedProblem {
    pub problem: Problem,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl fmt::Display for LocatedProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "{l}:{c}: ")?;
        }
        write!(f, "{}", self.problem)
    }
}

/// A project read from disk, with every inconsistency found in it. The
/// project holds everything the file held: nothing is dropped for a fault.
#[derive(Debug)]
pub struct LoadedProject {
    pub project: Project,
    pub problems: Vec<LocatedProblem>,
}

/// Reads a file's bytes, refusing files over [`MAX_FILE_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, FormatError> {
    let shown = path.display().to_string();
    let io = |action| {
        let shown = shown.clone();
        move |source| FormatError::Io {
            path: shown,
            action,
            source,
        }
    };
    let size = std::fs::metadata(path).map_err(io("open"))?.len();
    if size > MAX_FILE_BYTES {
        return Err(FormatError::TooLarge {
            path: shown,
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    std::fs::read(path).map_err(io("read"))
}

/// Reads a UTF-8 data file (a BOM is stripped), refusing huge files: the
/// one decoder with [`Decoding::DATA`].
pub fn read_text_file(path: &Path) -> Result<String, FormatError> {
    Ok(read_text(path, Decoding::DATA)?.text)
}

pub fn load_project(path: &Path) -> Result<LoadedProject, FormatError> {
    let text = read_text_file(path)?;
    parse_project(&text, &path.display().to_string())
}

fn syntax(path: &str, text: &str, e: ron::error::SpannedError) -> FormatError {
    let (line, column) = past_blanks(text, e.span.start.line, e.span.start.col);
    FormatError::Syntax {
        path: path.to_string(),
        line,
        column,
        message: e.code.to_string(),
    }
}

/// ron may report the position before the white space it skipped on the way
/// to the offending token (`annotator: ·a"` points at the blank); a user
/// jumping to line:column wants the token, so move past blanks to it.
fn past_blanks(text: &str, line: usize, column: usize) -> (usize, usize) {
    let mut at = None;
    let (mut l, mut c) = (1, 1);
    for (i, ch) in text.char_indices() {
        if (l, c) == (line, column) {
            at = Some(i);
            break;
        }
        if ch == '\n' {
            (l, c) = (l + 1, 1);
        } else {
            c += 1;
        }
    }
    let Some(at) = at else {
        return (line, column);
    };
    let rest = &text[at..];
    let blanks = &rest[..rest.len() - rest.trim_start().len()];
    if blanks.len() == rest.len() {
        return (line, column); // nothing follows: the end of the file is the place
    }
    match blanks.rfind('\n') {
        Some(nl) => (
            line + blanks.matches('\n').count(),
            blanks[nl + 1..].chars().count() + 1,
        ),
        None => (line, column + blanks.chars().count()),
    }
}

/// Parses a project file's text; `path` is only used in messages.
pub fn parse_project(text: &str, path: &str) -> Result<LoadedProject, FormatError> {
    let options = ron::Options::default().with_recursion_limit(64);
    // One parse of the whole file; only when it fails is the version probed
    // (a newer file may not fit this build's format), so that a newer
    // version is reported as such and anything else as the syntax error.
    let file: ProjectFile = match options.from_str(text) {
        Ok(f) => f,
        Err(e) => {
            return Err(match options.from_str::<VersionProbe>(text) {
                Ok(probe) if probe.format_version > FORMAT_VERSION => FormatError::NewerVersion {
                    path: path.to_string(),
                    found: probe.format_version,
                    supported: FORMAT_VERSION,
                },
                _ => syntax(path, text, e),
            });
        }
    };
    if file.format_version > FORMAT_VERSION {
        return Err(FormatError::NewerVersion {
            path: path.to_string(),
            found: file.format_version,
            supported: FORMAT_VERSION,
        });
    }
    let mut problems = Vec::new();
    let mut documents = Vec::with_capacity(file.documents.len());
    for d in file.documents {
        let doc_id = d.id.clone();
        let (doc, dup_a, dup_r) =
            Document::from_parts(d.id, d.title, d.source, d.text, d.annotations, d.relations);
        let mut doc = doc.with_decisions(d.decisions);
        for id in dup_a.into_iter().chain(dup_r) {
            problems.push(Problem {
                document: doc_id.clone(),
                id: Some(id),
                kind: ProblemKind::DuplicateId,
                set_aside: false,
            });
        }
        problems.extend(repair_document(&mut doc));
        documents.push(doc);
    }
    let project = Project {
        name: file.name,
        annotator: file.annotator,
        tagset: file.tagset,
        documents,
    };
    problems.extend(validate(&project));
    // The k-th duplicate of an id is its (k+1)-th occurrence: point there, at
    // the item that was renamed, not at the first one, which kept its id.
    let mut duplicates_seen: std::collections::HashMap<(String, String), usize> = Default::default();
    let ids = if problems.is_empty() {
        IdPositions::default()
    } else {
        IdPositions::scan(text)
    };
    let problems = problems
        .into_iter()
        .map(|problem| {
            let nth = match (&problem.kind, &problem.id) {
                (ProblemKind::DuplicateId, Some(id)) => {
                    let n = duplicates_seen
                        .entry((problem.document.clone(), id.clone()))
                        .or_default();
                    *n += 1;
                    *n
                }
                _ => 0,
            };
            let pos = problem.id.as_deref().and_then(|id| ids.locate(id, nth));
            LocatedProblem {
                problem,
                line: pos.map(|p| p.0),
                column: pos.map(|p| p.1),
            }
        })
        .collect();
    Ok(LoadedProject { project, problems })
}

/// Where each `id: "ID"` stands in the file (1-based line:column), found
/// in one pass so that a file with thousands of problems still opens fast.
#[derive(Default)]
struct IdPositions(std::collections::HashMap<String, Vec<(usize, usize)>>);

impl IdPositions {
    fn scan(text: &str) -> Self {
        let mut map: std::collections::HashMap<String, Vec<(usize, usize)>> = Default::default();
        for (line_no, line) in text.lines().enumerate() {
            let mut from = 0;
            while let Some(i) = line[from..].find("id:") {
                let at = from + i;
                from = at + 3;
                // Only the field `id`, not `...id:` inside another name.
                if line[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
                {
                    continue;
                }
                let rest = line[from..].trim_start();
                if let Some(lit) = string_literal(rest)
                    && let Ok(id) = ron::from_str::<String>(lit)
                {
                    let column = line[..at].chars().count() + 1;
                    map.entry(id).or_default().push((line_no + 1, column));
                }
            }
        }
        IdPositions(map)
    }

    /// The `nth` occurrence (from 0; the first if there are fewer).
    fn locate(&self, id: &str, nth: usize) -> Option<(usize, usize)> {
        let hits = self.0.get(id)?;
        hits.get(nth).or(hits.first()).copied()
    }
}

/// The double-quoted string literal at the start of `s`, quotes included.
fn string_literal(s: &str) -> Option<&str> {
    let body = s.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(&s[..i + 2]),
            _ => {}
        }
    }
    None
}

fn one_line<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let cfg = ron::ser::PrettyConfig::new()
        .compact_structs(true)
        .compact_arrays(true)
        .compact_maps(true)
        .new_line("")
        .indentor("");
    ron::ser::to_string_pretty(value, cfg)
}

/// Appends `v` as ron writes an escaped string: in double quotes, each char
/// through [`char::escape_debug`] (what ron's `serialize_str` does), with
/// the common case, printable ASCII that needs no escape, copied in one go.
fn push_str_lit(out: &mut String, v: &str) {
    let plain = |b: u8| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\' && b != b'\'';
    out.push('"');
    if v.bytes().all(plain) {
        out.push_str(v);
    } else {
        let mut rest = v;
        while !rest.is_empty() {
            let n = rest.bytes().take_while(|&b| plain(b)).count();
            out.push_str(&rest[..n]);
            rest = &rest[n..];
            let mut chars = rest.chars();
            if let Some(c) = chars.next() {
                out.extend(c.escape_debug());
            }
            rest = chars.as_str();
        }
    }
    out.push('"');
}

/// The text field: a raw multi-line string where that round-trips exactly
/// (so a changed word shows as a changed line in a diff), escaped otherwise.
/// The same bytes as ron's string serialiser with `escape_strings(false)`.
fn push_text_literal(out: &mut String, text: &str) {
    let plain = !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    if !plain {
        push_str_lit(out, text);
    } else if text.contains('"') || text.contains('\\') {
        let (_, most) = text.chars().fold((0usize, 0usize), |(count, max), c| match c {
            '#' => (count + 1, max.max(count + 1)),
            _ => (0, max),
        });
        let hashes = "#".repeat(most + 1);
        out.push('r');
        out.push_str(&hashes);
        out.push('"');
        out.push_str(text);
        out.push('"');
        out.push_str(&hashes);
    } else {
        out.push('"');
        out.push_str(text);
        out.push('"');
    }
}

/// An annotation on one line, as ron's compact pretty config writes it.
fn push_annotation(out: &mut String, a: &Annotation) {
    use std::fmt::Write as _;
    out.push_str("(id: ");
    push_str_lit(out, &a.id);
    out.push_str(", label: ");
    push_str_lit(out, &a.label);
    out.push_str(", fragments: [");
    push_joined(out, &a.fragments, |out, f| {
        let _ = write!(out, "(start: {}, end: {}, text: ", f.start, f.end);
        push_str_lit(out, &f.text);
        out.push(')');
    });
    out.push_str("], attributes: {");
    push_joined(out, &a.attributes, |out, (k, v)| {
        push_str_lit(out, k);
        out.push_str(": ");
        push_str_lit(out, v);
    });
    out.push_str("}, note: ");
    push_str_lit(out, &a.note);
    out.push_str(", created: ");
    push_str_lit(out, &a.created);
    out.push_str(", modified: ");
    push_str_lit(out, &a.modified);
    if !a.annotators.is_empty() {
        out.push_str(", annotators: [");
        push_joined(out, &a.annotators, |out, n| push_str_lit(out, n));
        out.push(']');
    }
    out.push(')');
}

/// Writes each item with `each`, separated by ", ".
fn push_joined<I: IntoIterator>(out: &mut String, items: I, mut each: impl FnMut(&mut String, I::Item)) {
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        each(out, item);
    }
}

fn push_relation(out: &mut String, r: &Relation) {
    out.push_str("(id: ");
    push_str_lit(out, &r.id);
    out.push_str(", kind: ");
    push_str_lit(out, &r.kind);
    out.push_str(", from: ");
    push_str_lit(out, &r.from);
    out.push_str(", to: ");
    push_str_lit(out, &r.to);
    out.push(')');
}

/// The whole project as the text of a `.qb.ron` file.
///
/// Annotations, relations and strings are written by hand (ron's serialiser
/// escapes char by char and was most of the time of a save); the bytes are
/// those ron wrote, which the tests check against ron itself.
pub fn project_to_string(p: &Project) -> Result<String, ron::Error> {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(
        p.documents
            .iter()
            .map(|d| d.text().len() * 2 + d.annotation_count() * 256 + 4096)
            .sum(),
    );
    let w = &mut s;
    let _ = writeln!(w, "// Quotebench project file (see docs/FORMAT.md)");
    let _ = writeln!(w, "(");
    let _ = writeln!(w, "    format_version: {FORMAT_VERSION},");
    w.push_str("    name: ");
    push_str_lit(w, &p.name);
    w.push_str(",\n    annotator: ");
    push_str_lit(w, &p.annotator);
    w.push_str(",\n");
    let _ = writeln!(w, "    tagset: (");
    let _ = writeln!(w, "        labels: [");
    for l in &p.tagset.labels {
        let _ = writeln!(w, "            {},", one_line(l)?);
    }
    let _ = writeln!(w, "        ],");
    let _ = writeln!(w, "        relations: [");
    for r in &p.tagset.relations {
        let _ = writeln!(w, "            {},", one_line(r)?);
    }
    let _ = writeln!(w, "        ],");
    let _ = writeln!(w, "    ),");
    let _ = writeln!(w, "    documents: [");
    for d in &p.documents {
        let _ = writeln!(w, "        (");
        w.push_str("            id: ");
        push_str_lit(w, &d.id);
        w.push_str(",\n            title: ");
        push_str_lit(w, &d.title);
        w.push_str(",\n");
        let _ = writeln!(w, "            source: {},", one_line(&d.source)?);
        w.push_str("            text: ");
        push_text_literal(w, d.text());
        w.push_str(",\n");
        let _ = writeln!(w, "            annotations: [");
        for a in d.annotations_for_file() {
            w.push_str("                ");
            push_annotation(w, a);
            w.push_str(",\n");
        }
        let _ = writeln!(w, "            ],");
        let _ = writeln!(w, "            relations: [");
        for r in d.relations_for_file() {
            w.push_str("                ");
            push_relation(w, r);
            w.push_str(",\n");
        }
        let _ = writeln!(w, "            ],");
        if !d.decisions().is_empty() {
            let _ = writeln!(w, "            decisions: [");
            for x in d.decisions() {
                let _ = writeln!(w, "                {},", one_line(x)?);
            }
            let _ = writeln!(w, "            ],");
        }
        let _ = writeln!(w, "        ),");
    }
    let _ = writeln!(w, "    ],");
    let _ = writeln!(w, ")");
    Ok(s)
}

/// Saves atomically, keeping the previous version as `FILE.bak`.
pub fn save_project(p: &Project, path: &Path) -> Result<(), FormatError> {
    let text = project_to_string(p).map_err(|e| FormatError::Serialize {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    write_atomic(path, text.as_bytes())
}

#[cfg(test)]
mod ron_identity {
    //! The hand-written writer against ron itself, the reference.
    use super::*;
    use crate::model::{Fragment, Source, Taken};

    /// The serialiser as it was, all through ron.
    fn reference(p: &Project) -> String {
        use std::fmt::Write as _;
        let text_literal = |text: &str| {
            let plain = !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
            if plain {
                let cfg = ron::ser::PrettyConfig::new().escape_strings(false);
                ron::ser::to_string_pretty(text, cfg).expect("ron")
            } else {
                ron::to_string(text).expect("ron")
            }
        };
        let ol = |v: &dyn erased::Ser| v.line();
        let mut s = String::new();
        let w = &mut s;
        let _ = writeln!(w, "// Quotebench project file (see docs/FORMAT.md)");
        let _ = writeln!(w, "(");
        let _ = writeln!(w, "    format_version: {FORMAT_VERSION},");
        let _ = writeln!(w, "    name: {},", ron::to_string(&p.name).expect("ron"));
        let _ = writeln!(
            w,
            "    annotator: {},",
            ron::to_string(&p.annotator).expect("ron")
        );
        let _ = writeln!(w, "    tagset: (");
        let _ = writeln!(w, "        labels: [");
        for l in &p.tagset.labels {
            let _ = writeln!(w, "            {},", ol(l));
        }
        let _ = writeln!(w, "        ],");
        let _ = writeln!(w, "        relations: [");
        for r in &p.tagset.relations {
            let _ = writeln!(w, "            {},", ol(r));
        }
        let _ = writeln!(w, "        ],");
        let _ = writeln!(w, "    ),");
        let _ = writeln!(w, "    documents: [");
        for d in &p.documents {
            let _ = writeln!(w, "        (");
            let _ = writeln!(w, "            id: {},", ron::to_string(&d.id).expect("ron"));
            let _ = writeln!(
                w,
                "            title: {},",
                ron::to_string(&d.title).expect("ron")
            );
            let _ = writeln!(w, "            source: {},", ol(&d.source));
            let _ = writeln!(w, "            text: {},", text_literal(d.text()));
            let _ = writeln!(w, "            annotations: [");
            for a in d.annotations_for_file() {
                let _ = writeln!(w, "                {},", ol(a));
            }
            let _ = writeln!(w, "            ],");
            let _ = writeln!(w, "            relations: [");
            for r in d.relations_for_file() {
                let _ = writeln!(w, "                {},", ol(r));
            }
            let _ = writeln!(w, "            ],");
            if !d.decisions().is_empty() {
                let _ = writeln!(w, "            decisions: [");
                for x in d.decisions() {
                    let _ = writeln!(w, "                {},", ol(x));
                }
                let _ = writeln!(w, "            ],");
            }
            let _ = writeln!(w, "        ),");
        }
        let _ = writeln!(w, "    ],");
        let _ = writeln!(w, ")");
        s
    }

    mod erased {
        pub trait Ser {
            fn line(&self) -> String;
        }
        impl<T: serde::Serialize> Ser for T {
            fn line(&self) -> String {
                super::one_line(self).expect("ron")
            }
        }
    }

    const TRICKY: &[&str] = &[
        "",
        "plain",
        "it's \"quoted\" \\ back",
        "tab\tnew\nline\rcr \u{0} \u{7f} \u{1b}",
        "“curly” ‘single’ — dash … ellipsis",
        "e\u{301}le\u{300}ve combining \u{200d}\u{200b} zero-width \u{feff} bom",
        "emoji 👩‍👩‍👧 🇬🇧 😀 中文 مرحبا עברית",
        "\u{2028}\u{2029}\u{85}\u{a0} separators",
        "r#\"raw\"# ## ###\"",
        "\u{d7ff}\u{e000}\u{fffd}\u{10ffff}",
    ];

    fn project() -> Project {
        let mut docs = Vec::new();
        for (n, t) in TRICKY.iter().enumerate() {
            let text = format!("{t} | {t}\n{t}");
            let len = text.chars().count();
            let mk = |i: usize, start: usize, end: usize, annotators: Vec<String>| Annotation {
                id: format!("a{i}-{t}"),
                label: if i.is_multiple_of(2) {
                    "Quote".into()
                } else {
                    t.to_string()
                },
                fragments: vec![
                    Fragment {
                        start,
                        end,
                        text: text.chars().skip(start).take(end - start).collect(),
                    },
                    Fragment {
                        start: end + 1,
                        end: len,
                        text: text.chars().skip(end + 1).collect(),
                    },
                ],
                attributes: [("kind".to_string(), t.to_string()), (t.to_string(), "x".into())]
                    .into_iter()
                    .collect(),
                note: t.to_string(),
                created: t.to_string(),
                modified: "2024-01-01T00:00:00Z".into(),
                annotators,
            };
            let anns = vec![
                mk(0, 0, 1.min(len), vec![]),
                mk(1, 0, 2.min(len), vec![t.to_string(), "b".into()]),
            ];
            let rels = vec![Relation {
                id: format!("r-{t}"),
                kind: "said_by".into(),
                from: anns[0].id.clone(),
                to: anns[1].id.clone(),
            }];
            let (doc, _, _) = Document::from_parts(
                format!("d{n}-{t}"),
                t.to_string(),
                n.is_multiple_of(2).then(|| Source {
                    url: t.to_string(),
                    outlet: "o".into(),
                    date: String::new(),
                }),
                text,
                anns,
                rels,
            );
            // Review decisions, with the tricky strings as annotator names.
            let taken = [
                Taken::Neither,
                Taken::Version(vec![t.to_string(), "b".into()]),
                Taken::All,
            ];
            let decisions = (0..n % 3)
                .map(|i| Decision {
                    start: i,
                    end: i + 2,
                    taken: taken[(n + i) % 3].clone(),
                })
                .collect();
            docs.push(doc.with_decisions(decisions));
        }
        Project {
            name: TRICKY[2].into(),
            annotator: TRICKY[4].into(),
            tagset: Default::default(),
            documents: docs,
        }
    }

    #[test]
    fn strings_are_escaped_as_ron_does() {
        for t in TRICKY {
            let mut s = String::new();
            push_str_lit(&mut s, t);
            assert_eq!(s, ron::to_string(t).expect("ron"), "{t:?}");
        }
        for c in (0..0x11_0000u32).step_by(7).filter_map(char::from_u32) {
            let t = format!("a{c}b");
            let mut s = String::new();
            push_str_lit(&mut s, &t);
            assert_eq!(s, ron::to_string(&t).expect("ron"), "{c:?}");
        }
    }

    /// What ron itself writes for `p`: the reader's own file types, every
    /// field of them (a struct literal, so a field added to the file is a
    /// compile error here until it is filled in from the project).
    fn by_ron(p: &Project) -> String {
        let file = ProjectFile {
            format_version: FORMAT_VERSION,
            name: p.name.clone(),
            annotator: p.annotator.clone(),
            tagset: p.tagset.clone(),
            documents: p
                .documents
                .iter()
                .map(|d| DocumentFile {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    source: d.source.clone(),
                    text: d.text().to_string(),
                    annotations: d.annotations_for_file().into_iter().cloned().collect(),
                    relations: d.relations_for_file().into_iter().cloned().collect(),
                    decisions: d.decisions().to_vec(),
                })
                .collect(),
        };
        ron::to_string(&file).expect("ron")
    }

    #[test]
    fn the_written_file_holds_what_ron_would_write_structurally() {
        let sample = parse_project(crate::SAMPLE_PROJECT, "sample")
            .expect("sample")
            .project;
        for p in [project(), sample] {
            let written: ron::Value = ron::from_str(&project_to_string(&p).expect("writes")).expect("parses");
            let reference: ron::Value = ron::from_str(&by_ron(&p)).expect("parses");
            assert_eq!(written, reference, "a field differs or is missing");
        }
    }

    #[test]
    fn project_is_written_as_ron_wrote_it() {
        let p = project();
        assert_eq!(project_to_string(&p).expect("writes"), reference(&p));
        let sample = parse_project(crate::SAMPLE_PROJECT, "sample")
            .expect("sample")
            .project;
        let written = project_to_string(&sample).expect("writes");
        assert_eq!(written, reference(&sample));
    }
}
