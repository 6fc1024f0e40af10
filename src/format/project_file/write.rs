//! The hand-written writer: one annotation a line, sorted by position, so
//! that files diff and merge well and saving stays fast.

use std::path::Path;

use serde::Serialize;

use crate::format::atomic::write_atomic;
use crate::format::disk_check::{DiskState, xxh64};
use crate::format::disk_versions::OpenedVersion;
use crate::format::error::FormatError;
use rayon::prelude::*;

use crate::model::{Annotation, Document, Project, Relation};

pub(super) fn one_line<T: Serialize>(value: &T) -> Result<String, ron::Error> {
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
pub(super) fn push_str_lit(out: &mut String, v: &str) {
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
pub(super) fn push_annotation(out: &mut String, a: &Annotation) {
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
    out.push_str("], attributes: ");
    push_map(out, &a.attributes);
    out.push_str(", note: ");
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
    if let Some(origin) = &a.origin {
        // Rare (accepted suggestions only) and holding a float: ron writes it.
        match one_line(origin) {
            Ok(o) => {
                out.push_str(", origin: Some(");
                out.push_str(&o);
                out.push(')');
            }
            Err(_) => debug_assert!(false, "an origin always serialises"),
        }
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

/// A string map on one line, as ron writes it: `{"k": "v", ...}`.
fn push_map(out: &mut String, map: &std::collections::BTreeMap<String, String>) {
    out.push('{');
    push_joined(out, map, |out, (k, v)| {
        push_str_lit(out, k);
        out.push_str(": ");
        push_str_lit(out, v);
    });
    out.push('}');
}

pub(super) fn push_relation(out: &mut String, r: &Relation) {
    out.push_str("(id: ");
    push_str_lit(out, &r.id);
    out.push_str(", kind: ");
    push_str_lit(out, &r.kind);
    out.push_str(", from: ");
    push_str_lit(out, &r.from);
    out.push_str(", to: ");
    push_str_lit(out, &r.to);
    if !r.attributes.is_empty() {
        out.push_str(", attributes: ");
        push_map(out, &r.attributes);
    }
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
    let _ = writeln!(w, "    format_version: {},", p.format_version());
    w.push_str("    name: ");
    push_str_lit(w, &p.name);
    w.push_str(",\n    annotator: ");
    push_str_lit(w, &p.annotator);
    w.push_str(",\n");
    let _ = writeln!(w, "    tagset: (");
    push_list(w, "        ", "labels", &p.tagset.labels, true)?;
    push_list(w, "        ", "relations", &p.tagset.relations, true)?;
    push_list(
        w,
        "        ",
        "person_attributes",
        &p.tagset.person_attributes,
        false,
    )?;
    let _ = writeln!(w, "    ),");
    push_list(w, "    ", "people", p.people.iter(), false)?;
    push_list(w, "    ", "conflicts", &p.conflicts, false)?;
    let _ = writeln!(w, "    documents: [");
    // Documents are written on every core, a block at a time (so that
    // only a block's text is held twice), in their order.
    for block in p.documents.chunks(WRITE_BLOCK) {
        let texts: Vec<String> = block
            .par_iter()
            .map(|d| {
                let mut s = String::with_capacity(d.text().len() * 2 + d.annotation_count() * 256 + 256);
                push_document(&mut s, d).map(|_| s)
            })
            .collect::<Result<_, _>>()?;
        for t in texts {
            w.push_str(&t);
        }
    }
    let _ = writeln!(w, "    ],");
    let _ = writeln!(w, ")");
    Ok(s)
}

/// Saves atomically, keeping the previous version as `FILE.bak`.
pub fn save_project(p: &Project, path: &Path) -> Result<(), FormatError> {
    write_project(p, path).map(drop)
}

/// Writes `p` to `path` atomically; the text written.
fn write_project(p: &Project, path: &Path) -> Result<String, FormatError> {
    let text = project_to_string(p).map_err(|e| FormatError::Serialize {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    write_atomic(path, text.as_bytes())?;
    Ok(text)
}

/// As [`save_project`], then the file written opened again and kept open
/// with what it holds (the window's base for a later comparison with the
/// disk, without a second copy of the project: see [`OpenedVersion`]).
/// `Ok(None)` when the written file could not be opened again.
pub fn save_project_kept(p: &Project, path: &Path) -> Result<Option<OpenedVersion>, FormatError> {
    let text = write_project(p, path)?;
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(None);
    };
    let state = DiskState {
        len: text.len() as u64,
        modified: file.metadata().ok().and_then(|m| m.modified().ok()),
        hash: xxh64(text.as_bytes(), 0),
    };
    // (Another program's file renamed over this one meanwhile holds other
    // bytes: the version is then not known, never taken for this one.)
    Ok(Some(OpenedVersion::new(file, state)))
}

/// A list field, ron's values one a line: `INDENT name: [`, each value one
/// level deeper, `INDENT],`; left out when empty unless `always`.
fn push_list<'a, T: Serialize + 'a>(
    w: &mut String,
    indent: &str,
    name: &str,
    items: impl IntoIterator<Item = &'a T>,
    always: bool,
) -> Result<(), ron::Error> {
    use std::fmt::Write as _;
    let mut items = items.into_iter().peekable();
    if items.peek().is_none() && !always {
        return Ok(());
    }
    let _ = writeln!(w, "{indent}{name}: [");
    for x in items {
        let _ = writeln!(w, "{indent}    {},", one_line(x)?);
    }
    let _ = writeln!(w, "{indent}],");
    Ok(())
}

/// How many documents are written at once on the cores.
const WRITE_BLOCK: usize = 64;

/// One document, `        (` to `        ),`, as ron lays it out.
fn push_document(w: &mut String, d: &Document) -> Result<(), ron::Error> {
    use std::fmt::Write as _;
    let _ = writeln!(w, "        (");
    w.push_str("            id: ");
    push_str_lit(w, &d.id);
    w.push_str(",\n            title: ");
    push_str_lit(w, &d.title);
    w.push_str(",\n");
    let _ = writeln!(w, "            source: {},", one_line(&d.source)?);
    if !d.status().is_new() {
        let _ = writeln!(w, "            status: {},", d.status().key());
    }
    if !d.attributes().is_empty() {
        w.push_str("            attributes: ");
        push_map(w, d.attributes());
        w.push_str(",\n");
    }
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
    push_list(w, "            ", "decisions", d.decisions(), false)?;
    push_list(w, "            ", "rejected", d.rejected(), false)?;
    push_list(w, "            ", "conflicts", d.conflicts(), false)?;
    let _ = writeln!(w, "        ),");
    Ok(())
}
