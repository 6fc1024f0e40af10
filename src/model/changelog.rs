//! What changed between two versions of a project, in words a person reads
//! (issue 17): `+ Quote “The possible proposal …” said by Cressida Dick`,
//! `~ Speaker “Ms Dick”: person Cressida Dick -> Steve House`, `- Claim …`.
//! `quotebench diff` prints it; [`outline`] writes one version as such
//! lines, for git's `textconv` (git then diffs those lines, so that
//! `git log -p` reads like a changelog of the annotation work).
//!
//! Items are matched by id; a change names each field that changed.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::annotation::{Annotation, Relation};
use super::document::{Document, person_of_speaker};
use super::project::Project;
use super::tagset::names;

/// One change, as `quotebench diff --json` writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `+` added, `-` removed, `~` changed.
    pub sign: char,
    /// The document's id; empty for the project itself.
    pub document: String,
    /// `annotation`, `relation`, `document`, `label`, `relation kind`, `person`, `project`.
    pub item: String,
    /// The item's id (or name).
    pub id: String,
    /// The line a person reads.
    pub text: String,
}

/// How many chars of a covered text are shown before " …".
const SHOWN: usize = 40;

/// “text”, cut at a word after [`SHOWN`] chars.
pub fn quoted(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= SHOWN {
        return format!("“{text}”");
    }
    let cut: String = text.chars().take(SHOWN).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > SHOWN / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("“{cut} …”")
}

/// "Quote “…” said by Cressida Dick", "Speaker “Ms Dick” (Cressida Dick)".
fn describe(doc: &Document, a: &Annotation) -> String {
    let mut s = format!("{} {}", a.label, quoted(&a.covered_text()));
    if a.label == names::SPEAKER {
        if let Some(p) = a.attribute(names::PERSON) {
            s.push_str(&format!(" ({p})"));
        }
    } else if let Some(p) = doc.person_of_quote(&a.id) {
        s.push_str(&format!(" said by {p}"));
    }
    s
}

fn end_text(doc: &Document, id: &str) -> String {
    match doc.annotation(id) {
        Some(a) => format!("{} {}", a.label, quoted(&a.covered_text())),
        None => id.to_string(),
    }
}

fn relation_line(doc: &Document, r: &Relation) -> String {
    format!(
        "{} {} -> {}",
        r.kind,
        end_text(doc, &r.from),
        end_text(doc, &r.to)
    )
}

/// Every change from `old` to `new`, documents in `new`'s order.
pub fn changes_between(old: &Project, new: &Project) -> Vec<Change> {
    let mut out = Vec::new();
    let mut push = |sign: char, document: &str, item: &str, id: &str, text: String| {
        out.push(Change {
            sign,
            document: document.to_string(),
            item: item.to_string(),
            id: id.to_string(),
            text,
        })
    };
    if old.name != new.name {
        push(
            '~',
            "",
            "project",
            "name",
            format!("project name {:?} -> {:?}", old.name, new.name),
        );
    }
    if old.annotator != new.annotator {
        push(
            '~',
            "",
            "project",
            "annotator",
            format!("annotator {} -> {}", old.annotator, new.annotator),
        );
    }
    named(
        &old.tagset.labels,
        &new.tagset.labels,
        |l| &l.name,
        "label",
        &mut push,
    );
    named(
        &old.tagset.relations,
        &new.tagset.relations,
        |r| &r.name,
        "relation kind",
        &mut push,
    );
    let (op, np): (Vec<_>, Vec<_>) = (
        old.people.iter().cloned().collect(),
        new.people.iter().cloned().collect(),
    );
    named(&op, &np, |p| &p.name, "person", &mut push);
    for c in &new.conflicts {
        if !old.conflicts.contains(c) {
            push(
                '!',
                "",
                "conflict",
                "project",
                format!("merge conflict on the project: {}", c.describe()),
            );
        }
    }

    let old_docs: BTreeMap<&str, &Document> = old.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let new_ids: BTreeSet<&str> = new.documents.iter().map(|d| d.id.as_str()).collect();
    for d in &new.documents {
        match old_docs.get(d.id.as_str()) {
            None => push(
                '+',
                &d.id,
                "document",
                &d.id,
                format!(
                    "Document {} ({} annotations)",
                    quoted(&d.title),
                    d.annotation_count()
                ),
            ),
            Some(o) => document_changes(o, d, &mut push),
        }
    }
    for d in &old.documents {
        if !new_ids.contains(d.id.as_str()) {
            push(
                '-',
                &d.id,
                "document",
                &d.id,
                format!("Document {}", quoted(&d.title)),
            );
        }
    }
    out
}

type Push<'a> = dyn FnMut(char, &str, &str, &str, String) + 'a;

fn named<T: PartialEq>(old: &[T], new: &[T], name: impl Fn(&T) -> &String, what: &str, push: &mut Push<'_>) {
    for n in new {
        match old.iter().find(|o| name(o) == name(n)) {
            None => push('+', "", what, name(n), format!("{what} {}", name(n))),
            Some(o) if o != n => push('~', "", what, name(n), format!("{what} {} changed", name(n))),
            Some(_) => {}
        }
    }
    for o in old {
        if !new.iter().any(|n| name(n) == name(o)) {
            push('-', "", what, name(o), format!("{what} {}", name(o)));
        }
    }
}

fn document_changes(o: &Document, n: &Document, push: &mut Push<'_>) {
    if o == n {
        return;
    }
    let doc = n.id.as_str();
    if o.title != n.title {
        push(
            '~',
            doc,
            "document",
            doc,
            format!("Document title {} -> {}", quoted(&o.title), quoted(&n.title)),
        );
    }
    if o.status() != n.status() {
        push(
            '~',
            doc,
            "document",
            doc,
            format!(
                "Document {}: status {} -> {}",
                quoted(&n.title),
                o.status(),
                n.status()
            ),
        );
    }
    if o.text() != n.text() {
        push(
            '~',
            doc,
            "document",
            doc,
            format!("Document {}: text changed", quoted(&n.title)),
        );
    }
    for k in o
        .attributes()
        .keys()
        .chain(n.attributes().keys())
        .collect::<BTreeSet<_>>()
    {
        let (a, b) = (o.attributes().get(k), n.attributes().get(k));
        if a != b {
            push(
                '~',
                doc,
                "document",
                doc,
                format!("Document {}: {k} {} -> {}", quoted(&n.title), shown(a), shown(b)),
            );
        }
    }
    for a in n.annotations_in_order() {
        match o.annotation(&a.id) {
            None => push('+', doc, "annotation", &a.id, describe(n, a)),
            Some(old) => {
                let fields = annotation_fields(o, old, n, a);
                if !fields.is_empty() {
                    let head = format!("{} {}", old.label, quoted(&old.covered_text()));
                    push(
                        '~',
                        doc,
                        "annotation",
                        &a.id,
                        format!("{head}: {}", fields.join("; ")),
                    );
                }
            }
        }
    }
    for a in o.annotations_in_order() {
        if n.annotation(&a.id).is_none() {
            push('-', doc, "annotation", &a.id, describe(o, a));
        }
    }
    // Links other than a quote's speaker (told with the quote above).
    for r in n.relations() {
        match o.relation(&r.id) {
            None if r.kind != names::SAID_BY || !quote_told(n, r) => {
                push('+', doc, "relation", &r.id, relation_line(n, r))
            }
            Some(old) if old != r => push(
                '~',
                doc,
                "relation",
                &r.id,
                format!("{} -> {}", relation_line(o, old), relation_line(n, r)),
            ),
            _ => {}
        }
    }
    for r in o.relations() {
        if n.relation(&r.id).is_none() && (r.kind != names::SAID_BY || !quote_told(o, r)) {
            push('-', doc, "relation", &r.id, relation_line(o, r));
        }
    }
    for c in n.conflicts() {
        if !o.conflicts().contains(c) {
            push(
                '!',
                doc,
                "conflict",
                c.item_id().unwrap_or(doc),
                format!("merge conflict: {}", c.describe()),
            );
        }
    }
}

/// Whether a `said_by` link is already told as its quote's "said by".
fn quote_told(doc: &Document, r: &Relation) -> bool {
    doc.annotation(&r.from).is_some_and(|a| a.label != names::SPEAKER)
}

fn shown(v: Option<&String>) -> String {
    match v {
        Some(v) if !v.is_empty() => v.clone(),
        _ => "(none)".to_string(),
    }
}

/// "label Quote -> Claim", "person Cressida Dick -> Steve House", ...
fn annotation_fields(od: &Document, o: &Annotation, nd: &Document, n: &Annotation) -> Vec<String> {
    let mut f = Vec::new();
    if o.label != n.label {
        f.push(format!("label {} -> {}", o.label, n.label));
    }
    if o.fragments != n.fragments {
        f.push(format!(
            "span {} -> {}",
            quoted(&o.covered_text()),
            quoted(&n.covered_text())
        ));
    }
    if o.note != n.note {
        f.push(format!("note {} -> {}", quoted(&o.note), quoted(&n.note)));
    }
    for k in o
        .attributes
        .keys()
        .chain(n.attributes.keys())
        .collect::<BTreeSet<_>>()
    {
        if o.attribute(k) != n.attribute(k) {
            f.push(format!(
                "{k} {} -> {}",
                shown(o.attributes.get(k)),
                shown(n.attributes.get(k))
            ));
        }
    }
    // The link to the speaker (a speaker's person changed is told there).
    let (a, b) = (
        od.targets(&o.id, names::SAID_BY).next(),
        nd.targets(&n.id, names::SAID_BY).next(),
    );
    if a.map(|s| &s.id) != b.map(|s| &s.id) {
        let s = |p: Option<&Annotation>| p.map(person_of_speaker).unwrap_or_else(|| "nobody".to_string());
        f.push(format!("said by {} -> {}", s(a), s(b)));
    }
    f
}

/// One version as lines a person reads, one per item, for git's textconv:
/// git's own diff of two outlines is the changelog.
pub fn outline(p: &Project) -> String {
    let mut s = String::new();
    s.push_str(&format!("Project {:?} by {}\n", p.name, p.annotator));
    for l in &p.tagset.labels {
        s.push_str(&format!("label {} {}\n", l.name, l.color));
    }
    for r in &p.tagset.relations {
        s.push_str(&format!("relation kind {}: {} -> {}\n", r.name, r.from, r.to));
    }
    for person in p.people.iter() {
        s.push_str(&format!("person {}\n", person.name));
    }
    for c in &p.conflicts {
        s.push_str(&format!("merge conflict on the project: {}\n", c.describe()));
    }
    for d in &p.documents {
        s.push_str(&format!(
            "\nDocument {} ({}, {})\n",
            quoted(&d.title),
            d.id,
            d.status()
        ));
        for a in d.annotations_in_order() {
            s.push_str(&describe(d, a));
            let mut extra: Vec<String> = a
                .attributes
                .iter()
                .filter(|(k, v)| {
                    // A speaker's person is told in its description already.
                    let told = a.label == names::SPEAKER && k.as_str() == names::PERSON;
                    !v.is_empty() && !told
                })
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            if !a.note.is_empty() {
                extra.push(format!("note: {}", quoted(&a.note)));
            }
            if !extra.is_empty() {
                s.push_str(&format!(" [{}]", extra.join(", ")));
            }
            s.push('\n');
        }
        for r in d
            .relations()
            .filter(|r| r.kind != names::SAID_BY || !quote_told(d, r))
        {
            s.push_str(&relation_line(d, r));
            s.push('\n');
        }
        for c in d.conflicts() {
            s.push_str(&format!("merge conflict: {}\n", c.describe()));
        }
    }
    s
}
