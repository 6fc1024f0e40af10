//! Writing a project as one `.spacy` file (see the module above).

use std::collections::{BTreeSet, HashSet};
use std::io::Write as _;
use std::path::Path;

use super::hash::string_id;
use super::msgpack::{Value, encode};
use super::tokens::tokenise;
use super::{ATTRS, ENT_B, ENT_I, ENT_O, SPAN_GROUP, USER_DATA_KEY, VERSION};
use crate::format::FormatError;
use crate::format::interchange::{ExportReport, LabelMap, write_file};
use crate::model::{Document, Project};

/// A fragment of an annotation, as one span of the group.
struct SpanOut<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    id: &'a str,
}

#[derive(Default)]
struct Lost {
    notes: usize,
    aside: usize,
    empty: usize,
    split: usize,
    dangling: usize,
}

/// Everything the DocBin's message holds, gathered document by document.
#[derive(Default)]
struct DocBin<'a> {
    tokens: Vec<u8>,
    spaces: Vec<u8>,
    lengths: Vec<u8>,
    /// Borrowed from the project: no String per token.
    strings: HashSet<&'a str>,
    span_groups: Vec<Value>,
    user_data: Vec<Value>,
    docs: usize,
}

pub(in crate::format::interchange) fn export(
    project: &Project,
    out: &Path,
    map: &LabelMap,
) -> Result<ExportReport, FormatError> {
    let mut report = ExportReport::default();
    let mut lost = Lost::default();
    let mut bin = DocBin::default();
    for doc in &project.documents {
        report.items += add(&mut bin, doc, map, &mut lost);
    }
    let bytes = bin.into_bytes().map_err(|source| FormatError::Io {
        path: out.display().to_string(),
        action: "compress",
        source,
    })?;
    write_file(out, &bytes)?;
    report.files_written = 1;
    let mut note = |n: usize, what: &str| {
        if n > 0 {
            report.notes.push(format!("{n} {what}"));
        }
    };
    note(
        lost.split,
        "discontinuous annotations were written as one span a fragment, sharing the annotation's id (Span.id_)",
    );
    note(lost.notes, "annotations' notes were written in user_data only");
    note(
        lost.empty,
        "empty fragments were left out (a span holds at least one char)",
    );
    note(
        lost.aside,
        "annotations kept aside because they did not fit their text were left out",
    );
    note(lost.dangling, "relations to annotations left out were left out");
    Ok(report)
}

/// Adds one document; returns the number of spans written.
fn add<'a>(bin: &mut DocBin<'a>, doc: &'a Document, map: &'a LabelMap, lost: &mut Lost) -> usize {
    let text = doc.text();
    // The byte offset of each char offset (and of the end).
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    let n_chars = byte_of.len() - 1;
    lost.aside += doc.set_aside().len();
    let mut spans: Vec<SpanOut> = Vec::new();
    for a in doc.annotations_in_order() {
        lost.split += usize::from(a.fragments.len() > 1);
        lost.notes += usize::from(!a.note.trim().is_empty());
        for f in &a.fragments {
            if f.start >= f.end || f.end > n_chars {
                lost.empty += 1;
                continue;
            }
            spans.push(SpanOut {
                start: f.start,
                end: f.end,
                label: map.map_back(&a.label),
                id: &a.id,
            });
        }
    }
    let mut starts: Vec<usize> = spans.iter().map(|s| s.start).collect();
    let mut ends: Vec<usize> = spans.iter().map(|s| s.end).collect();
    starts.sort_unstable();
    starts.dedup();
    ends.sort_unstable();
    ends.dedup();
    let tokens = tokenise(text, &starts, &ends);
    // The token starting / ending at each char offset.
    let mut token_at_start = vec![u32::MAX; n_chars + 1];
    let mut token_at_end = vec![u32::MAX; n_chars + 1];
    for (i, t) in tokens.iter().enumerate() {
        token_at_start[t.start] = i as u32;
        token_at_end[t.end] = i as u32;
    }
    // doc.ents: the spans that overlap none chosen before, longest first
    // where two start together.
    let mut by_start: Vec<&SpanOut> = spans.iter().collect();
    by_start.sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end), a.label).cmp(&(b.start, std::cmp::Reverse(b.end), b.label))
    });
    let mut ent: Vec<(u8, u64)> = vec![(ENT_O, 0); tokens.len()];
    let mut free_from = 0;
    for s in by_start {
        if s.start < free_from {
            continue;
        }
        free_from = s.end;
        let (first, last) = (token_at_start[s.start] as usize, token_at_end[s.end] as usize);
        let label = string_id(s.label);
        if let Some(run) = ent.get_mut(first..=last) {
            for (k, e) in run.iter_mut().enumerate() {
                *e = (if k == 0 { ENT_B } else { ENT_I }, label);
            }
        }
    }
    // The tokens array: one row a token, ATTRS' columns, u64 in the
    // machine's order as numpy writes it (little-endian everywhere spaCy runs).
    for (t, (iob, label)) in tokens.iter().zip(&ent) {
        let word = &text[byte_of[t.start]..byte_of[t.end]];
        for v in [string_id(word), u64::from(*iob), *label] {
            bin.tokens.extend_from_slice(&v.to_le_bytes());
        }
        bin.spaces.push(u8::from(t.space));
        bin.strings.insert(word);
    }
    bin.lengths
        .extend_from_slice(&(tokens.len() as i32).to_le_bytes());
    // The span group, as `SpanGroup.to_bytes` writes it: each span packed
    // big-endian (`>QQQllll`: id, kb_id, label, start, end, start_char, end_char).
    let mut packed = Vec::with_capacity(spans.len());
    for s in &spans {
        let (first, last) = (token_at_start[s.start], token_at_end[s.end]);
        let mut b = Vec::with_capacity(40);
        b.extend_from_slice(&string_id(s.id).to_be_bytes());
        b.extend_from_slice(&0u64.to_be_bytes());
        b.extend_from_slice(&string_id(s.label).to_be_bytes());
        for v in [first, last + 1] {
            b.extend_from_slice(&(v as i32).to_be_bytes());
        }
        for v in [s.start, s.end] {
            b.extend_from_slice(&(v as i32).to_be_bytes());
        }
        packed.push(Value::Bin(b));
        bin.strings.insert(s.id);
        bin.strings.insert(s.label);
    }
    let group = Value::Map(vec![
        ("name".into(), SPAN_GROUP.into()),
        ("attrs".into(), Value::Map(Vec::new())),
        ("spans".into(), Value::Array(packed)),
    ]);
    let mut group_bytes = Vec::new();
    encode(&group, &mut group_bytes);
    // `SpanGroups.to_bytes`: {group bytes: [its keys]}.
    let groups = Value::Map(vec![(
        Value::Bin(group_bytes),
        Value::Array(vec![SPAN_GROUP.into()]),
    )]);
    let mut groups_bytes = Vec::new();
    encode(&groups, &mut groups_bytes);
    bin.span_groups.push(Value::Bin(groups_bytes));
    let (user_data, dangling) = user_data(doc, map, &spans);
    lost.dangling += dangling;
    let mut ud = Vec::new();
    encode(&user_data, &mut ud);
    bin.user_data.push(Value::Bin(ud));
    bin.docs += 1;
    spans.len()
}

/// `doc.user_data` of one document: {"quotebench": {document, title,
/// annotations: [{id, label, fragments: [[start, end]], attributes, note}],
/// relations: [{id, kind, from, to, attributes}]}}, offsets in chars.
fn user_data(doc: &Document, map: &LabelMap, spans: &[SpanOut]) -> (Value, usize) {
    let written: BTreeSet<&str> = spans.iter().map(|s| s.id).collect();
    let string_map = |m: &std::collections::BTreeMap<String, String>| {
        Value::Map(
            m.iter()
                .map(|(k, v)| (k.as_str().into(), v.as_str().into()))
                .collect(),
        )
    };
    let mut annotations = Vec::new();
    for a in doc
        .annotations_in_order()
        .filter(|a| written.contains(a.id.as_str()))
    {
        let fragments = a
            .fragments
            .iter()
            .filter(|f| f.start < f.end)
            .map(|f| Value::Array(vec![Value::Int(f.start as i64), Value::Int(f.end as i64)]))
            .collect();
        let mut entry = vec![
            ("id".into(), a.id.as_str().into()),
            ("label".into(), map.map_back(&a.label).into()),
            ("fragments".into(), Value::Array(fragments)),
            ("attributes".into(), string_map(&a.attributes)),
        ];
        if !a.note.is_empty() {
            entry.push(("note".into(), a.note.as_str().into()));
        }
        annotations.push(Value::Map(entry));
    }
    let mut relations = Vec::new();
    let mut dangling = 0;
    for r in doc.relations() {
        if !written.contains(r.from.as_str()) || !written.contains(r.to.as_str()) {
            dangling += 1;
            continue;
        }
        relations.push(Value::Map(vec![
            ("id".into(), r.id.as_str().into()),
            ("kind".into(), map.map_back(&r.kind).into()),
            ("from".into(), r.from.as_str().into()),
            ("to".into(), r.to.as_str().into()),
            ("attributes".into(), string_map(&r.attributes)),
        ]));
    }
    let ours = Value::Map(vec![
        ("version".into(), Value::Int(1)),
        ("document".into(), doc.id.as_str().into()),
        ("title".into(), doc.title.as_str().into()),
        ("annotations".into(), Value::Array(annotations)),
        ("relations".into(), Value::Array(relations)),
    ]);
    (Value::Map(vec![(USER_DATA_KEY.into(), ours)]), dangling)
}

impl DocBin<'_> {
    /// `DocBin.to_bytes` (spaCy's name): the message, MessagePack, zlib.
    fn into_bytes(self) -> std::io::Result<Vec<u8>> {
        let n = self.docs;
        // Sorted, as `DocBin.to_bytes` writes them.
        let mut sorted: Vec<&str> = self.strings.into_iter().collect();
        sorted.sort_unstable();
        let strings: Vec<Value> = sorted.into_iter().map(Value::from).collect();
        let msg = Value::Map(vec![
            ("version".into(), VERSION.into()),
            (
                "attrs".into(),
                Value::Array(ATTRS.iter().map(|&a| Value::Int(a)).collect()),
            ),
            ("tokens".into(), Value::Bin(self.tokens)),
            ("spaces".into(), Value::Bin(self.spaces)),
            ("lengths".into(), Value::Bin(self.lengths)),
            ("strings".into(), Value::Array(strings)),
            ("cats".into(), Value::Array(vec![Value::Map(Vec::new()); n])),
            (
                "flags".into(),
                Value::Array(vec![
                    Value::Map(vec![(
                        "has_unknown_spaces".into(),
                        Value::Bool(false)
                    )]);
                    n
                ]),
            ),
            ("span_groups".into(), Value::Array(self.span_groups)),
            ("user_data".into(), Value::Array(self.user_data)),
        ]);
        let mut raw = Vec::new();
        encode(&msg, &mut raw);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(&raw)?;
        z.finish()
    }
}
