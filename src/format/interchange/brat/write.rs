//! Writing brat: each document as `NAME.txt` + `NAME.ann`, labels mapped
//! back, ids reused where they came from brat; the `said_by` / `cue_of`
//! relations an event already implies are not written twice.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use super::NORM;
use super::parse::escape;
use crate::format::FormatError;
use crate::format::interchange::{ExportReport, LabelMap, file_name_of, write_file};
use crate::model::{Annotation, Document, Fragment, Project, Relation, names};

#[derive(Default)]
struct Counts {
    broken_text: usize,
    spaced_tokens: usize,
    set_aside: usize,
    dangling: usize,
    /// Relations written as A lines on their R line.
    relation_attributes: usize,
    /// Relations with attributes that have no R line (implied by an event,
    /// or `Equiv`): their attributes have nowhere to go.
    relation_attributes_lost: usize,
}

pub(in crate::format::interchange) fn export(
    project: &Project,
    out: &Path,
    map: &LabelMap,
) -> Result<ExportReport, FormatError> {
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
    if counts.relation_attributes > 0 {
        report.notes.push(format!(
            "{} relation attributes were written as A lines on their R relations: Quotebench reads them back, brat itself does not show attributes of relations (nlplab/brat#791)",
            counts.relation_attributes
        ));
    }
    if counts.relation_attributes_lost > 0 {
        report.notes.push(format!(
            "{} relations with attributes are written as part of an event or an equivalence, which has no id to hold them: those attributes were left out",
            counts.relation_attributes_lost
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
    write_t_lines(&mut s, &anns, &t_num, map, counts);
    let t = |id: &str| t_num.get(id).map(|n| format!("T{n}"));
    let (events, plain) = events_of(doc);
    let members = write_e_lines(&mut s, &events, &t, map, counts);
    // Other relations, except those an event already implies.
    let implied = |r: &Relation| {
        (r.kind == names::SAID_BY || r.kind == names::CUE_OF)
            && members.contains(&(r.from.as_str(), r.to.as_str()))
    };
    // Attributes need an R line: those of relations in an event or an
    // equivalence are lost (and said so).
    let with_attributes = doc.relations().filter(|r| !r.attributes.is_empty()).count();
    let on_r_lines = plain
        .iter()
        .filter(|r| !r.attributes.is_empty() && !implied(r) && r.kind != "Equiv")
        .count();
    counts.relation_attributes_lost += with_attributes - on_r_lines;
    let plain: Vec<&Relation> = plain.into_iter().filter(|r| !implied(r)).collect();
    let r_written = write_r_lines(&mut s, &plain, &t, map, counts);
    // Attributes, normalisations, notes, in T order.
    let mut by_t: Vec<(usize, &Annotation)> = anns.iter().map(|a| (t_num[a.id.as_str()], *a)).collect();
    by_t.sort_by_key(|(n, _)| *n);
    let na = write_attribute_lines(&mut s, &by_t, counts);
    write_relation_attribute_lines(&mut s, &r_written, na, counts);
    let mut nh = 0;
    for (n, a) in &by_t {
        for line in a.note.split('\n').filter(|l| !l.trim().is_empty()) {
            nh += 1;
            let _ = writeln!(s, "#{nh}\tAnnotatorNotes T{n}\t{}", one_line(line).0);
        }
    }
    (s, anns.len())
}

/// `T12<TAB>Label 0 5;10 20<TAB>text`, in T order.
fn write_t_lines(
    s: &mut String,
    anns: &[&Annotation],
    t_num: &HashMap<&str, usize>,
    map: &LabelMap,
    counts: &mut Counts,
) {
    let mut lines: Vec<(usize, String)> = Vec::with_capacity(anns.len());
    for a in anns {
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
}

/// The document's relations as events (relations `Type.Role` from a trigger
/// labelled Type, and `Type` from a trigger to itself for an event without
/// arguments) and the plain relations left.
fn events_of(doc: &Document) -> (BTreeMap<String, EventOut<'_>>, Vec<&Relation>) {
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
    (events, plain)
}

/// `E1<TAB>Type:T4 Role:T3 ...`; returns the pairs of annotations that
/// take part in one event (whose `said_by` / `cue_of` it implies).
fn write_e_lines<'a>(
    s: &mut String,
    events: &'a BTreeMap<String, EventOut<'a>>,
    t: &impl Fn(&str) -> Option<String>,
    map: &LabelMap,
    counts: &mut Counts,
) -> HashSet<(&'a str, &'a str)> {
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
    members
}

/// `R3<TAB>Type Arg1:T1 Arg2:T2`, then `*<TAB>Equiv T1 T2` lines.
fn write_r_lines<'a>(
    s: &mut String,
    plain: &[&'a Relation],
    t: &impl Fn(&str) -> Option<String>,
    map: &LabelMap,
    counts: &mut Counts,
) -> Vec<(usize, &'a Relation)> {
    let r_num = numbering(
        plain
            .iter()
            .filter(|r| r.kind != "Equiv")
            .map(|r| (r.id.as_str(), number_after(&r.id, 'R'))),
    );
    let mut r_lines: Vec<(usize, String)> = Vec::new();
    let mut written = Vec::new();
    let mut equiv = String::new();
    for &r in plain {
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
            written.push((n, r));
        }
    }
    r_lines.sort_by_key(|(n, _)| *n);
    for (_, l) in &r_lines {
        s.push_str(l);
    }
    s.push_str(&equiv);
    written.sort_by_key(|(n, _)| *n);
    written
}

/// `A7<TAB>Name R3 Value`: a relation's attributes, numbered on after the
/// annotations' (`na` of them), in R order.
fn write_relation_attribute_lines(
    s: &mut String,
    rs: &[(usize, &Relation)],
    mut na: usize,
    counts: &mut Counts,
) {
    for (n, r) in rs {
        let mut any = false;
        for (name, value) in r.attributes.iter().filter(|(_, v)| !v.is_empty()) {
            na += 1;
            any = true;
            let (name, spaced) = escape(name);
            let (value, spaced_value) = escape(value);
            counts.spaced_tokens += usize::from(spaced) + usize::from(spaced_value);
            let _ = writeln!(s, "A{na}\t{name} R{n} {value}");
        }
        counts.relation_attributes += usize::from(any);
    }
}

/// `A1<TAB>Name T3 [Value]` and `N1<TAB>Type T3 Ref<TAB>text`, in T order.
fn write_attribute_lines(s: &mut String, by_t: &[(usize, &Annotation)], counts: &mut Counts) -> usize {
    let (mut na, mut nn) = (0, 0);
    for (n, a) in by_t {
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
    na
}

/// The number at the end of an id, after `-{letter}` (`...-T12` -> 12).
pub(super) fn number_after(id: &str, letter: char) -> Option<usize> {
    let (_, n) = id.rsplit_once(&format!("-{letter}"))?;
    n.parse().ok()
}

/// Numbers items, keeping each preferred number when it is free.
pub(super) fn numbering<'a>(
    items: impl Iterator<Item = (&'a str, Option<usize>)>,
) -> HashMap<&'a str, usize> {
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
pub(super) fn without_line_breaks(fragments: &[Fragment]) -> Vec<(usize, usize, String)> {
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
pub(super) fn token(s: &str) -> (String, bool) {
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

/// The event a role relation belongs to, from its id `...-E5.Role` (or
/// `...-E5.Role-2`): `...-E5`.
pub(super) fn event_key(id: &str, role: &str) -> Option<String> {
    let suffix = format!(".{role}");
    let base = match id.rsplit_once('-') {
        Some((b, n)) if n.chars().all(|c| c.is_ascii_digit()) && b.ends_with(&suffix) => b,
        _ => id,
    };
    base.strip_suffix(&suffix).map(str::to_string)
}
