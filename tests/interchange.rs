//! Import and export (plain text, brat, doccano and Prodigy JSONL, CSV):
//! offsets and texts survive every format with emoji, CJK, combining marks
//! and right-to-left text; malformed lines are reported by file and line and
//! the rest kept; CSV cells cannot run as formulas; and the `import` /
//! `export` commands as a user runs them.

mod common;
use common::run_cli as run;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use quotebench::format::interchange::{
    ExportFormat, ImportFormat, ImportIssue, ImportOptions, ImportResult, LabelMap, export, export_with_map,
    import,
};
use quotebench::format::{load_project, parse_project};
use quotebench::model::{Annotation, Document, Fragment, Project, Relation, TagSet, names};

// ---------------------------------------------------------------------------
// Helpers

/// A text with every kind of character that breaks offset arithmetic:
/// ZWJ family emoji, flags, skin tones, CJK, combining accents, Arabic and
/// Hebrew, curly quotes, an astral CJK ideograph.
const TEXT: &str = "Flood 🌊 in 東京: “We lost everything 👩\u{200d}👩\u{200d}👧,” said Zoe\u{301} Ade\u{300}le, 🇬🇧 envoy. \
مرحبا بالعالم said the mayor. שלום עולם.\n\
“Rebuild 𠀋 fast 👍🏽,” she told reporters, “and together.”\n";

/// The char (code point) range of the first `needle` in `text`.
fn span(text: &str, needle: &str) -> (usize, usize) {
    let b = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in the text"));
    let start = text[..b].chars().count();
    (start, start + needle.chars().count())
}

fn frag(text: &str, needle: &str) -> Fragment {
    let (start, end) = span(text, needle);
    Fragment {
        start,
        end,
        text: needle.to_string(),
    }
}

fn ann(id: &str, label: &str, frags: Vec<Fragment>) -> Annotation {
    Annotation {
        id: id.to_string(),
        label: label.to_string(),
        fragments: frags,
        attributes: BTreeMap::new(),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        annotators: Vec::new(),
        origin: None,
    }
}

fn rel(id: &str, kind: &str, from: &str, to: &str) -> Relation {
    Relation {
        id: id.to_string(),
        kind: kind.to_string(),
        from: from.to_string(),
        to: to.to_string(),
        attributes: Default::default(),
    }
}

/// A project over [`TEXT`]: quotes (one in two fragments), speakers, cues,
/// a claim, relations, attributes with spaces, a note.
fn unicode_project() -> Project {
    let t = TEXT;
    let mut q1 = ann(
        "q1",
        names::QUOTE,
        vec![frag(t, "We lost everything 👩\u{200d}👩\u{200d}👧,")],
    );
    q1.attributes.insert(names::KIND.into(), "direct".into());
    q1.note = "family emoji: 5 code points, 1 grapheme\nsecond line of the note".into();
    let mut s1 = ann("s1", names::SPEAKER, vec![frag(t, "Zoe\u{301} Ade\u{300}le")]);
    s1.attributes
        .insert(names::PERSON.into(), "Zoé Adèle (envoy) 50%".into());
    let c1 = ann("c1", names::CUE, vec![frag(t, "said")]);
    let q2 = ann(
        "q2",
        names::QUOTE,
        vec![frag(t, "Rebuild 𠀋 fast 👍🏽,"), frag(t, "and together.")],
    );
    let s2 = ann("s2", names::SPEAKER, vec![frag(t, "she")]);
    let c2 = ann("c2", names::CUE, vec![frag(t, "told reporters")]);
    let rtl = ann("q3", names::QUOTE, vec![frag(t, "مرحبا بالعالم")]);
    let heb = ann("l1", names::CLAIM, vec![frag(t, "שלום עולם")]);
    let flag = ann("x1", "Flag", vec![frag(t, "🇬🇧")]);
    let cjk = ann("x2", "Place", vec![frag(t, "東京")]);
    let relations = vec![
        rel("r1", names::SAID_BY, "q1", "s1"),
        rel("r2", names::CUE_OF, "c1", "q1"),
        rel("r3", names::SAID_BY, "q2", "s2"),
        rel("r4", names::CUE_OF, "c2", "q2"),
    ];
    let (doc, _, _) = Document::from_parts(
        "flood-東京".into(),
        "Flood in Tokyo".into(),
        None,
        TEXT.to_string(),
        vec![q1, s1, c1, q2, s2, c2, rtl, heb, flag, cjk],
        relations,
    );
    let (doc2, _, _) = Document::from_parts(
        "second".into(),
        "Second".into(),
        None,
        "Short 😀 text, “quoted” 中文.".into(),
        vec![ann(
            "a",
            names::QUOTE,
            vec![frag("Short 😀 text, “quoted” 中文.", "“quoted”")],
        )],
        vec![],
    );
    let mut tagset = TagSet::default();
    for l in ["Flag", "Place"] {
        tagset.labels.push(quotebench::model::LabelDef {
            name: l.into(),
            color: "#9e9e9e".into(),
            key: String::new(),
            attributes: vec![],
        });
    }
    Project {
        people: Default::default(),
        name: "Unicode".into(),
        annotator: "tester".into(),
        tagset,
        documents: vec![doc, doc2],
        conflicts: Vec::new(),
    }
}

fn no_progress(_: usize, _: usize) {}

fn import_as(paths: &[PathBuf], format: ImportFormat, map: LabelMap) -> ImportResult {
    let opts = ImportOptions {
        format: Some(format),
        map,
        annotator: Some("tester".into()),
    };
    import(paths, &opts, &no_progress).expect("import")
}

/// Every annotation as (label, fragments with their texts), sorted.
type Spans = Vec<(String, Vec<(usize, usize, String)>)>;

fn spans(doc: &Document) -> Spans {
    let mut v: Spans = doc
        .annotations()
        .map(|a| {
            (
                a.label.clone(),
                a.fragments
                    .iter()
                    .map(|f| (f.start, f.end, f.text.clone()))
                    .collect(),
            )
        })
        .collect();
    v.sort();
    v
}

/// [`spans`] with each fragment cut at line breaks, the breaks left out.
fn spans_without_line_breaks(doc: &Document) -> Spans {
    let mut v: Spans = doc
        .annotations()
        .map(|a| {
            let mut pieces = Vec::new();
            for f in &a.fragments {
                let mut at = f.start;
                for piece in f.text.split('\n') {
                    let n = piece.chars().count();
                    if n > 0 {
                        pieces.push((at, at + n, piece.to_string()));
                    }
                    at += n + 1;
                }
            }
            (a.label.clone(), pieces)
        })
        .collect();
    v.sort();
    v
}

/// The same with every fragment on its own (JSONL has no discontinuous spans).
fn flat_spans(doc: &Document) -> Vec<(String, usize, usize, String)> {
    let mut v: Vec<_> = doc
        .annotations()
        .flat_map(|a| {
            a.fragments
                .iter()
                .map(|f| (a.label.clone(), f.start, f.end, f.text.clone()))
        })
        .collect();
    v.sort();
    v
}

/// Every relation as (kind, from, to), each end its annotation's first
/// fragment (label, start, end): what JSONL keeps of a relation.
type RelationEnd = (String, usize, usize);
fn relation_ends(doc: &Document) -> Vec<(String, RelationEnd, RelationEnd)> {
    let end = |id: &str| {
        let a = doc.annotation(id).expect("relation end");
        let f = &a.fragments[0];
        (a.label.clone(), f.start, f.end)
    };
    let mut v: Vec<_> = doc
        .relations()
        .map(|r| (r.kind.clone(), end(&r.from), end(&r.to)))
        .collect();
    v.sort();
    v
}

/// Without relations, doccano's sequence-labelling shape (`label`), as before.
#[test]
fn doccano_without_relations_keeps_the_label_shape() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = unicode_project();
    p.documents.remove(0);
    let out = dir.path().join("plain.jsonl");
    export(&p, ExportFormat::Jsonl, &out).expect("export");
    let line: serde_json::Value =
        serde_json::from_str(fs::read_to_string(&out).expect("read").trim()).expect("json");
    assert!(line.get("entities").is_none(), "{line}");
    assert_eq!(line["label"], serde_json::json!([[14, 22, "Quote"]]));
    // Prodigy writes no empty `relations`.
    let out = dir.path().join("plain.prodigy.jsonl");
    export(&p, ExportFormat::Prodigy, &out).expect("export");
    assert!(!fs::read_to_string(&out).expect("read").contains("relations"));
}

/// The shapes as doccano and Prodigy document them: doccano entities with
/// ids the relations name; Prodigy relations naming their spans.
#[test]
fn doccano_and_prodigy_write_relations_in_their_own_shapes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = unicode_project();
    let (qs, qe) = span(TEXT, "We lost everything 👩\u{200d}👩\u{200d}👧,");
    let (ss, se) = span(TEXT, "Zoe\u{301} Ade\u{300}le");
    let out = dir.path().join("d.jsonl");
    let report = export(&p, ExportFormat::Jsonl, &out).expect("export");
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.starts_with("2 relations of discontinuous")),
        "{:?}",
        report.notes
    );
    let text = fs::read_to_string(&out).expect("read");
    let first: serde_json::Value = serde_json::from_str(text.lines().next().expect("line")).expect("json");
    let entities = first["entities"].as_array().expect("entities");
    let id_of = |start: usize, end: usize, label: &str| {
        entities
            .iter()
            .find(|e| e["start_offset"] == start && e["end_offset"] == end && e["label"] == label)
            .map(|e| e["id"].clone())
            .unwrap_or_else(|| panic!("entity {start}..{end} {label}"))
    };
    let said_by = serde_json::json!({
        "from_id": id_of(qs, qe, "Quote"),
        "to_id": id_of(ss, se, "Speaker"),
        "type": "said_by",
    });
    let rels = first["relations"].as_array().expect("relations");
    assert_eq!(rels.len(), 4);
    assert!(
        rels.iter().any(|r| r["from_id"] == said_by["from_id"]
            && r["to_id"] == said_by["to_id"]
            && r["type"] == said_by["type"]),
        "{rels:?}"
    );
    let out = dir.path().join("p.jsonl");
    export(&p, ExportFormat::Prodigy, &out).expect("export");
    let text = fs::read_to_string(&out).expect("read");
    let first: serde_json::Value = serde_json::from_str(text.lines().next().expect("line")).expect("json");
    let rels = first["relations"].as_array().expect("relations");
    assert!(
        rels.contains(&serde_json::json!({
            "head_span": {"start": qs, "end": qe, "label": "Quote"},
            "child_span": {"start": ss, "end": se, "label": "Speaker"},
            "label": "said_by",
        })),
        "{rels:?}"
    );
    // With PolNeAR's map the kinds and labels go back to PolNeAR's names.
    let out = dir.path().join("polnear.jsonl");
    export_with_map(&p, ExportFormat::Prodigy, &out, &LabelMap::polnear()).expect("export");
    let text = fs::read_to_string(&out).expect("read");
    assert!(text.contains("\"label\":\"Source\""), "{text}");
}

fn doc_by_id<'a>(p: &'a Project, id: &str) -> &'a Document {
    p.documents
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("document {id}"))
}

/// Each fragment's text is exactly the text at its offsets, counted in chars.
fn assert_texts_fit(p: &Project) {
    for d in &p.documents {
        for a in d.annotations() {
            for f in &a.fragments {
                let actual: String = d.text().chars().skip(f.start).take(f.end - f.start).collect();
                assert_eq!(actual, f.text, "{} {}..{} in {}", a.id, f.start, f.end, d.id);
            }
        }
    }
}

fn issues_text(issues: &[ImportIssue]) -> String {
    issues.iter().map(|i| format!("{i}\n")).collect()
}

// ---------------------------------------------------------------------------
// Every format with hard Unicode

#[test]
fn brat_round_trip_keeps_offsets_texts_relations_attributes_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = unicode_project();
    let out = dir.path().join("brat");
    let report = export(&p, ExportFormat::Brat, &out).expect("export");
    assert_eq!(report.files_written, 4);
    assert_eq!(report.items, 11);

    // The .ann counts code points: T lines cover exactly their text in chars.
    let ann = fs::read_to_string(out.join("flood-東京.ann")).expect("ann");
    let text = fs::read_to_string(out.join("flood-東京.txt")).expect("txt");
    assert_eq!(text, TEXT);
    let (s, e) = span(TEXT, "🇬🇧");
    assert!(ann.contains(&format!("\tFlag {s} {e}\t🇬🇧\n")), "{ann}");
    let (a, b) = span(TEXT, "Rebuild 𠀋 fast 👍🏽,");
    let (c, d) = span(TEXT, "and together.");
    assert!(
        ann.contains(&format!(
            "\tQuote {a} {b};{c} {d}\tRebuild 𠀋 fast 👍🏽, and together.\n"
        )),
        "discontinuous fragments, text joined with one space: {ann}"
    );
    assert!(ann.contains(" T") && ann.contains("person"), "{ann}");
    assert!(
        ann.contains("Zoé%20Adèle%20(envoy)%2050%25"),
        "attribute spaces escaped: {ann}"
    );
    assert!(ann.contains("AnnotatorNotes"), "{ann}");

    let back = import_as(
        std::slice::from_ref(&out),
        ImportFormat::Brat,
        LabelMap::default(),
    );
    assert!(back.issues.is_empty(), "{}", issues_text(&back.issues));
    assert_eq!(back.projects.len(), 1);
    let q = &back.projects[0];
    assert_texts_fit(q);
    for d in &p.documents {
        let d2 = doc_by_id(q, &d.id);
        assert_eq!(d2.text(), d.text());
        assert_eq!(spans(d2), spans(d), "{}", d.id);
        // Relations, attributes and notes came back too.
        let by_text = |doc: &Document| -> Vec<(String, String, String)> {
            let mut v: Vec<_> = doc
                .relations()
                .map(|r| {
                    let t = |id: &str| doc.annotation(id).map(|a| a.covered_text()).unwrap_or_default();
                    (r.kind.clone(), t(&r.from), t(&r.to))
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(by_text(d2), by_text(d));
        let extras = |doc: &Document| -> Vec<(String, BTreeMap<String, String>, String)> {
            let mut v: Vec<_> = doc
                .annotations()
                .map(|a| (a.covered_text(), a.attributes.clone(), a.note.clone()))
                .collect();
            v.sort();
            v
        };
        assert_eq!(extras(d2), extras(d));
    }
    // Ids are the brat ids under a per-annotator, per-document prefix.
    let d = doc_by_id(q, "second");
    assert!(d.annotations().all(|a| a.id.starts_with("brat-tester-second-T")));

    // Exporting the re-imported project writes the same files again.
    let out2 = dir.path().join("brat2");
    export(q, ExportFormat::Brat, &out2).expect("export again");
    for name in ["flood-東京.ann", "second.ann", "second.txt"] {
        assert_eq!(
            fs::read_to_string(out.join(name)).expect("first"),
            fs::read_to_string(out2.join(name)).expect("second"),
            "{name}"
        );
    }
}

#[test]
fn doccano_and_prodigy_round_trip_keep_offsets_and_texts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = unicode_project();
    for (format, key) in [
        (ExportFormat::Jsonl, "\"entities\""),
        (ExportFormat::Prodigy, "\"spans\""),
    ] {
        let out = dir.path().join(format!("{format:?}.jsonl"));
        let report = export(&p, format, &out).expect("export");
        assert_eq!(report.items, 12, "one span per fragment");
        assert!(
            report.notes.iter().any(|n| n.contains("discontinuous")),
            "{:?}",
            report.notes
        );
        let written = fs::read_to_string(&out).expect("read");
        assert_eq!(written.lines().count(), 2);
        assert!(written.contains(key), "{written}");
        // Offsets in code points: the flag is 2 code points (4 UTF-16 units).
        let (s, e) = span(TEXT, "🇬🇧");
        assert_eq!(e - s, 2);
        let first: serde_json::Value =
            serde_json::from_str(written.lines().next().expect("line")).expect("json");
        let listed: Vec<(u64, u64, String)> = match format {
            ExportFormat::Jsonl => first["entities"]
                .as_array()
                .expect("entities")
                .iter()
                .map(|x| {
                    (
                        x["start_offset"].as_u64().expect("start"),
                        x["end_offset"].as_u64().expect("end"),
                        x["label"].as_str().expect("label").to_string(),
                    )
                })
                .collect(),
            _ => first["spans"]
                .as_array()
                .expect("spans")
                .iter()
                .map(|x| {
                    (
                        x["start"].as_u64().expect("start"),
                        x["end"].as_u64().expect("end"),
                        x["label"].as_str().expect("label").to_string(),
                    )
                })
                .collect(),
        };
        assert!(
            listed.contains(&(s as u64, e as u64, "Flag".to_string())),
            "{listed:?}"
        );

        let back = import_as(
            std::slice::from_ref(&out),
            ImportFormat::Jsonl,
            LabelMap::default(),
        );
        assert!(back.issues.is_empty(), "{}", issues_text(&back.issues));
        let q = &back.projects[0];
        assert_texts_fit(q);
        for d in &p.documents {
            let d2 = doc_by_id(q, &d.id);
            assert_eq!(d2.text(), d.text());
            assert_eq!(d2.title, d.title);
            assert_eq!(flat_spans(d2), flat_spans(d), "{format:?} {}", d.id);
            assert_eq!(
                relation_ends(d2),
                relation_ends(d),
                "{format:?} {}: relations",
                d.id
            );
        }
        assert_eq!(
            relation_ends(doc_by_id(q, "flood-東京")).len(),
            4,
            "every relation came back"
        );
        // And once more: JSONL -> JSONL is exact, byte for byte.
        let again = dir.path().join(format!("{format:?}-again.jsonl"));
        export(q, format, &again).expect("export again");
        assert_eq!(fs::read_to_string(&again).expect("again"), written);
    }
}

#[test]
fn plain_text_import_strips_bom_normalises_crlf_and_keeps_every_char() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.md");
    let crlf = TEXT.replace('\n', "\r\n");
    fs::write(&a, format!("\u{feff}{crlf}")).expect("write");
    fs::write(&b, "# Notes 📝\n\nשלום\n").expect("write");
    let r = import_as(&[a.clone(), b.clone()], ImportFormat::Text, LabelMap::default());
    assert_eq!(r.projects.len(), 1, "several files: one project");
    let p = &r.projects[0];
    assert_eq!(p.documents.len(), 2);
    assert_eq!(p.annotator, "tester");
    let d = doc_by_id(p, "a");
    assert_eq!(
        d.text(),
        TEXT,
        "BOM stripped, CRLF made LF, every other char kept"
    );
    let first: String = TEXT
        .lines()
        .next()
        .expect("first line")
        .trim()
        .chars()
        .take(120)
        .collect();
    assert_eq!(d.title, first);
    assert_eq!(doc_by_id(p, "b").text(), "# Notes 📝\n\nשלום\n");
    let notes = issues_text(&r.issues);
    assert!(
        notes.contains("a.txt: note: converted 2 CRLF line ends to LF"),
        "{notes}"
    );

    // Every format then carries the text unchanged.
    for format in [ExportFormat::Brat, ExportFormat::Jsonl, ExportFormat::Prodigy] {
        let out = dir.path().join(format!("out-{format:?}"));
        export(p, format, &out).expect("export");
        let back_format = if format == ExportFormat::Brat {
            ImportFormat::Brat
        } else {
            ImportFormat::Jsonl
        };
        let back = import_as(&[out], back_format, LabelMap::default());
        assert_eq!(doc_by_id(&back.projects[0], "a").text(), TEXT, "{format:?}");
    }
}

#[test]
fn text_from_windows_1252_is_read_and_said() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("old.txt");
    fs::write(&f, b"caf\xe9 \x93quoted\x94\n").expect("write");
    let r = import_as(&[f], ImportFormat::Text, LabelMap::default());
    assert_eq!(r.projects[0].documents[0].text(), "café “quoted”\n");
    assert!(issues_text(&r.issues).contains("Windows-1252"), "{:?}", r.issues);
}

#[test]
fn brat_offsets_are_code_points_not_utf16_nor_bytes() {
    // Written by hand as Python (brat) counts: 😀 is one code point.
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "😀 “Hi” 👩\u{200d}👩\u{200d}👧 said 中文 e\u{301}\n";
    fs::write(dir.path().join("d.txt"), text).expect("txt");
    let (a, b) = span(text, "“Hi”");
    let (c, d) = span(text, "中文 e\u{301}");
    assert_eq!((a, b), (2, 6));
    fs::write(
        dir.path().join("d.ann"),
        format!("T1\tQuote {a} {b}\t“Hi”\nT2\tSpeaker {c} {d}\t中文 e\u{301}\nR1\tsaid_by Arg1:T1 Arg2:T2\n"),
    )
    .expect("ann");
    let r = import_as(
        &[dir.path().to_path_buf()],
        ImportFormat::Brat,
        LabelMap::default(),
    );
    assert!(r.issues.is_empty(), "{}", issues_text(&r.issues));
    let doc = &r.projects[0].documents[0];
    let q = doc.annotations().find(|x| x.label == "Quote").expect("quote");
    assert_eq!(q.fragments[0].text, "“Hi”");
    assert_eq!(doc.person_of_quote(&q.id).as_deref(), Some("中文 e\u{301}"));
}

#[test]
fn brat_with_crlf_and_bom_maps_brat_offsets_onto_the_normalised_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    // brat (Python) counts the BOM and each CR as chars.
    let raw = "\u{feff}Title\r\n\r\n“Yes,” she said 😀.\r\n";
    fs::write(dir.path().join("d.txt"), raw).expect("txt");
    let (a, b) = span(raw, "“Yes,”");
    let (c, d) = span(raw, "she");
    fs::write(
        dir.path().join("d.ann"),
        format!("T1\tQuote {a} {b}\t“Yes,”\nT2\tSpeaker {c} {d}\tshe\n"),
    )
    .expect("ann");
    let r = import_as(
        &[dir.path().to_path_buf()],
        ImportFormat::Brat,
        LabelMap::default(),
    );
    let doc = &r.projects[0].documents[0];
    assert_eq!(doc.text(), "Title\n\n“Yes,” she said 😀.\n");
    assert_texts_fit(&r.projects[0]);
    assert_eq!(
        spans(doc),
        vec![
            ("Quote".to_string(), vec![(7, 13, "“Yes,”".to_string())]),
            ("Speaker".to_string(), vec![(14, 17, "she".to_string())]),
        ]
    );
    let notes = issues_text(&r.issues);
    assert!(
        notes.contains("CRLF") && notes.contains("byte-order mark"),
        "{notes}"
    );
    assert!(!notes.contains("not what the article has"), "{notes}");
}

// ---------------------------------------------------------------------------
// brat specifics

fn polnear_like(dir: &Path) {
    let text = "Ms Dick said “the numbers are rising” in London.\nHe added that 🚓 patrols would grow.\n";
    fs::create_dir_all(dir.join("text")).expect("dir");
    fs::create_dir_all(dir.join("attributions")).expect("dir");
    fs::write(dir.join("text/art.txt"), text).expect("txt");
    let t = |id: &str, label: &str, needle: &str| {
        let (s, e) = span(text, needle);
        format!("{id}\t{label} {s} {e}\t{needle}\n")
    };
    let mut a = String::new();
    a += &t("T1", "Source", "Ms Dick");
    a += &t("T2", "Cue", "said");
    a += &t("T3", "Content", "“the numbers are rising”");
    a += &t("T4", "Attribution", "said");
    a += "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
    a += &t("T5", "Source", "He");
    a += &t("T6", "Cue", "added");
    a += &t("T7", "Content", "that 🚓 patrols would grow");
    a += &t("T8", "Attribution", "added");
    a += "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n";
    a += &t("T9", "Attribution-no-source", "London");
    a += "E3\tAttribution-no-source:T9\n";
    a += "#1\tAnnotatorNotes T3\tcheck the figure\n";
    fs::write(dir.join("attributions/art_ann1.ann"), &a).expect("ann");
    // A second annotator tags less.
    let mut b = String::new();
    b += &t("T1", "Source", "Ms Dick");
    b += &t("T2", "Content", "“the numbers are rising”");
    b += "R1\tsaid_by Arg1:T2 Arg2:T1\n";
    fs::write(dir.join("attributions/art_ann2.ann"), &b).expect("ann");
}

#[test]
fn brat_events_become_said_by_and_cue_of_with_the_polnear_map() {
    let dir = tempfile::tempdir().expect("tempdir");
    polnear_like(dir.path());
    let r = import(
        &[dir.path().to_path_buf()],
        &ImportOptions {
            format: None,
            map: LabelMap::polnear(),
            annotator: None,
        },
        &no_progress,
    )
    .expect("import");
    assert!(r.issues.is_empty(), "{}", issues_text(&r.issues));
    assert_eq!(r.projects.len(), 2, "one project per annotator");
    let p1 = &r.projects[0];
    assert_eq!(p1.annotator, "ann1");
    assert_eq!(r.projects[1].annotator, "ann2");
    let d = &p1.documents[0];
    assert_eq!(d.id, "art");
    let quote = |needle: &str| {
        d.annotations()
            .find(|a| a.label == names::QUOTE && a.covered_text().contains(needle))
            .expect("quote")
    };
    let q = quote("numbers");
    assert_eq!(d.person_of_quote(&q.id).as_deref(), Some("Ms Dick"));
    assert_eq!(
        d.sources(&q.id, names::CUE_OF)
            .map(|c| c.covered_text())
            .collect::<Vec<_>>(),
        vec!["said"]
    );
    assert_eq!(q.note, "check the figure");
    assert_eq!(d.person_of_quote(&quote("🚓").id).as_deref(), Some("He"));
    // Unknown labels are kept, and added to the tag set in grey.
    let attribution = p1.tagset.label("Attribution").expect("added");
    assert_eq!(attribution.color, "#9e9e9e");
    assert!(p1.tagset.label("Attribution-no-source").is_some());
    assert!(
        quotebench::model::validate(p1).is_empty(),
        "{:?}",
        quotebench::model::validate(p1)
    );
    // Ids are unique across annotators.
    let ids1: Vec<&str> = p1.documents[0].annotations().map(|a| a.id.as_str()).collect();
    assert!(ids1.contains(&"brat-ann1-art-T1"));
    let p2 = &r.projects[1];
    assert!(
        p2.documents[0]
            .annotations()
            .all(|a| !ids1.contains(&a.id.as_str()))
    );
    assert_eq!(
        p2.documents[0]
            .annotation("brat-ann2-art-T2")
            .map(|a| a.label.as_str()),
        Some("Quote")
    );

    // Export maps back and writes the same lines (E arguments in any order).
    let out = dir.path().join("out");
    export_with_map(p1, ExportFormat::Brat, &out, &LabelMap::polnear()).expect("export");
    let norm = |s: &str| -> Vec<String> {
        let mut v: Vec<String> = s
            .lines()
            .map(|l| match l.split_once('\t') {
                Some((id, rest)) if id.starts_with('E') => {
                    let mut parts: Vec<&str> = rest.split(' ').collect();
                    parts[1..].sort();
                    format!("{id}\t{}", parts.join(" "))
                }
                _ => l.to_string(),
            })
            .collect();
        v.sort();
        v
    };
    let original = fs::read_to_string(dir.path().join("attributions/art_ann1.ann")).expect("orig");
    let written = fs::read_to_string(out.join("art.ann")).expect("written");
    assert_eq!(norm(&written), norm(&original));

    // --annotator keeps one annotator's files.
    let only = import(
        &[dir.path().join("text"), dir.path().join("attributions")],
        &ImportOptions {
            format: Some(ImportFormat::Brat),
            map: LabelMap::polnear(),
            annotator: Some("ann2".into()),
        },
        &no_progress,
    )
    .expect("import");
    assert_eq!(only.projects.len(), 1);
    assert_eq!(only.projects[0].annotator, "ann2");
}

#[test]
fn malformed_brat_lines_are_reported_by_file_and_line_and_the_rest_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "3.\n\nThe number of people is 👥 five.\nAnother line.\n";
    fs::write(dir.path().join("d.txt"), text).expect("txt");
    let (a, b) = span(text, "3.\n\nThe number of people");
    let (c, d) = span(text, "is 👥 five.");
    let (e, f) = span(text, "Another");
    let ann = format!(
        "T1\tQuote {a} {b};{c} {d}\t3.\n\nThe number of people is 👥 five.\n\
         T2\tSpeaker {e} {f}\tAnother\n\
         this line is rubbish\n\
         T3\tQuote 5 x\toops\n\
         T4\tCue {e} {f}\tWrong text\n\
         A1\tkind T1 direct\n\
         A2\tkind T99 direct\n\
         T5\tQuote 90 95\tbeyond\n\
         R1\tsaid_by Arg1:T1 Arg2:T2\n"
    );
    fs::write(dir.path().join("d.ann"), ann).expect("ann");
    let r = import_as(
        &[dir.path().to_path_buf()],
        ImportFormat::Brat,
        LabelMap::default(),
    );
    let issues = issues_text(&r.issues);
    let at = |line: usize| {
        r.issues
            .iter()
            .find(|i| i.line == Some(line))
            .unwrap_or_else(|| panic!("an issue at line {line}: {issues}"))
    };
    // Line 3 continues T1's text (a raw line break inside the field).
    assert!(
        at(3).message.contains("continues the covered text of T1"),
        "{issues}"
    );
    assert!(at(3).file.ends_with("d.ann"));
    assert!(at(3).to_string().contains("d.ann:3: "), "{issues}");
    assert!(at(5).message.contains("not a brat"), "{issues}");
    assert!(at(6).message.contains("T3"), "{issues}");
    assert!(at(7).message.contains("Wrong text"), "{issues}");
    assert!(at(9).message.contains("T99"), "{issues}");
    assert!(at(10).message.contains("outside the text"), "{issues}");
    assert!(!issues.contains(":1: "), "T1 was read whole: {issues}");

    let p = &r.projects[0];
    let doc = &p.documents[0];
    // Everything readable was kept: T1 whole, T2, T4 (offsets rule), the
    // attribute and the relation; T5 is kept aside, not dropped.
    assert_eq!(doc.annotation_count(), 3);
    let t1 = doc.annotation("brat-tester-d-T1").expect("T1");
    assert_eq!(t1.fragments.len(), 2);
    assert_eq!(t1.fragments[0].text, "3.\n\nThe number of people");
    assert_eq!(t1.attribute("kind"), Some("direct"));
    assert_eq!(
        doc.annotation("brat-tester-d-T4").map(|a| a.covered_text()),
        Some("Another".into())
    );
    assert_eq!(
        doc.person_of_quote("brat-tester-d-T1").as_deref(),
        Some("Another")
    );
    assert_eq!(doc.set_aside().len(), 1);
    assert_eq!(doc.set_aside()[0].id, "brat-tester-d-T5");
}

// ---------------------------------------------------------------------------
// JSONL specifics

#[test]
fn jsonl_reads_doccano_and_prodigy_lines_and_reports_bad_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("mixed.jsonl");
    let lines = [
        r#"{"text": "😀 Ann said “hi”.", "label": [[2, 5, "Source"], [11, 15, "Content"]]}"#,
        r#"{"text": "中文 Bo wrote.", "spans": [{"start": 3, "end": 5, "label": "Source", "text": "Bo"}], "meta": {"document": "bo", "title": "Bo's"}}"#,
        r#"{"text": "broken", "label": [[0, 2, "X"]"#,
        "",
        r#"{"label": [[0, 1, "X"]]}"#,
        r#"{"text": "ok e\u0301 text", "label": [[0, 2, "Quote"], [-1, 2, "Quote"], [3, 1, "Quote"], [40, 50, "Quote"]]}"#,
        r#"{"text": "Rel one two", "entities": [{"id": 7, "start_offset": 0, "end_offset": 3, "label": "Content"}, {"id": 8, "start_offset": 4, "end_offset": 7, "label": "Source"}], "relations": [{"id": 1, "from_id": 7, "to_id": 8, "type": "said_by"}]}"#,
        r#"{"text": "Win\r\nnext line", "spans": [{"start": 5, "end": 9, "label": "Cue"}]}"#,
    ];
    fs::write(&f, lines.join("\n")).expect("write");
    let r = import_as(std::slice::from_ref(&f), ImportFormat::Jsonl, LabelMap::polnear());
    let issues = issues_text(&r.issues);
    let at = |line: usize| r.issues.iter().filter(|i| i.line == Some(line)).count();
    assert!(
        at(3) >= 1 && issues.contains("mixed.jsonl:3: not valid JSON"),
        "{issues}"
    );
    assert!(issues.contains("mixed.jsonl:5: no \"text\""), "{issues}");
    assert!(at(6) >= 3, "{issues}");
    assert!(
        issues.contains("mixed.jsonl:8: note: converted 1 CRLF"),
        "{issues}"
    );
    let p = &r.projects[0];
    assert_eq!(p.documents.len(), 5, "every readable line kept");
    let d1 = doc_by_id(p, "mixed-1");
    assert_eq!(
        flat_spans(d1),
        vec![
            ("Quote".into(), 11, 15, "“hi”".into()),
            ("Speaker".into(), 2, 5, "Ann".into()),
        ]
    );
    let bo = doc_by_id(p, "bo");
    assert_eq!(bo.title, "Bo's");
    assert_eq!(flat_spans(bo), vec![("Speaker".into(), 3, 5, "Bo".into())]);
    let d6 = doc_by_id(p, "mixed-6");
    assert_eq!(d6.annotation_count(), 1, "the good span kept");
    assert_eq!(d6.set_aside().len(), 1, "the one beyond the text kept aside");
    let rel = doc_by_id(p, "mixed-7");
    let q = rel.annotations().find(|a| a.label == "Quote").expect("quote");
    assert_eq!(rel.person_of_quote(&q.id).as_deref(), Some("one"));
    let crlf = doc_by_id(p, "mixed-8");
    assert_eq!(crlf.text(), "Win\nnext line");
    assert_eq!(flat_spans(crlf), vec![("Cue".into(), 4, 8, "next".into())]);
}

#[test]
fn prodigy_annotator_ids_make_one_project_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("p.jsonl");
    fs::write(
        &f,
        concat!(
            r#"{"text": "A said b.", "spans": [{"start": 0, "end": 1, "label": "Speaker"}], "_annotator_id": "news-ann"}"#,
            "\n",
            r#"{"text": "A said b.", "spans": [{"start": 7, "end": 8, "label": "Quote"}], "_annotator_id": "news-bob"}"#,
            "\n"
        ),
    )
    .expect("write");
    let r = import(&[f], &ImportOptions::default(), &no_progress).expect("import");
    let who: Vec<&str> = r.projects.iter().map(|p| p.annotator.as_str()).collect();
    assert_eq!(who, vec!["news-ann", "news-bob"]);
}

// ---------------------------------------------------------------------------
// CSV

#[test]
fn csv_has_one_row_per_quote_and_neutralises_formulas() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "=HYPERLINK(\"http://evil\") said Bob. -2 is low, said @Ann. +1 and \ttab.";
    let q1 = ann(
        "q1",
        names::QUOTE,
        vec![frag(text, "=HYPERLINK(\"http://evil\")")],
    );
    let mut s1 = ann("s1", names::SPEAKER, vec![frag(text, "Bob")]);
    s1.attributes.insert(names::PERSON.into(), "+Robert".into());
    let c1 = ann("c1", names::CUE, vec![frag(text, "said")]);
    let q2 = ann(
        "q2",
        names::QUOTE,
        vec![frag(text, "-2 is low"), frag(text, "+1 and")],
    );
    let s2 = ann("s2", names::SPEAKER, vec![frag(text, "@Ann")]);
    let (doc, _, _) = Document::from_parts(
        "-doc".into(),
        "t".into(),
        None,
        text.into(),
        vec![q1, s1, c1, q2, s2],
        vec![
            rel("r1", names::SAID_BY, "q1", "s1"),
            rel("r2", names::CUE_OF, "c1", "q1"),
            rel("r3", names::SAID_BY, "q2", "s2"),
        ],
    );
    let p = Project {
        people: Default::default(),
        name: "csv".into(),
        annotator: "x".into(),
        tagset: TagSet::default(),
        documents: vec![doc],
        conflicts: Vec::new(),
    };
    let out = dir.path().join("quotes.csv");
    let report = export(&p, ExportFormat::Csv, &out).expect("export");
    assert_eq!(report.items, 2);
    let mut rd = csv::Reader::from_path(&out).expect("csv");
    let header: Vec<String> = rd.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(
        header,
        [
            "document",
            "quote_id",
            "quote",
            "kind",
            "speaker",
            "person",
            "cue",
            "start",
            "end",
            "fragments",
            "status",
            "said_by_attributes"
        ]
    );
    let rows: Vec<Vec<String>> = rd
        .records()
        .map(|r| r.expect("row").iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][0], "'-doc");
    assert_eq!(rows[0][2], "'=HYPERLINK(\"http://evil\")");
    assert_eq!(rows[0][4], "Bob");
    assert_eq!(rows[0][5], "'+Robert");
    assert_eq!(rows[0][6], "said");
    assert_eq!((rows[0][7].as_str(), rows[0][8].as_str()), ("0", "25"));
    assert_eq!(rows[1][2], "'-2 is low … +1 and");
    assert_eq!(rows[1][4], "'@Ann");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "cell {cell:?} would run in a spreadsheet"
            );
        }
    }
}

#[test]
fn the_sample_exports_to_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = parse_project(quotebench::SAMPLE_PROJECT, "sample.qb.ron")
        .expect("sample")
        .project;
    let quotes: usize = sample
        .documents
        .iter()
        .map(|d| d.annotations().filter(|a| a.label == names::QUOTE).count())
        .sum();
    let r = export(&sample, ExportFormat::Csv, &dir.path().join("q.csv")).expect("csv");
    assert_eq!(r.items, quotes);
    let out = dir.path().join("brat");
    export(&sample, ExportFormat::Brat, &out).expect("brat");
    let back = import_as(&[out], ImportFormat::Brat, LabelMap::default());
    assert!(back.issues.is_empty(), "{}", issues_text(&back.issues));
    for (d, d2) in sample.documents.iter().zip(&back.projects[0].documents) {
        // A quote running over a paragraph break comes back in pieces
        // without the line break (a brat line cannot hold one).
        assert_eq!(spans_without_line_breaks(d2), spans_without_line_breaks(d));
        let people = |doc: &Document| -> Vec<(String, usize)> {
            doc.people()
                .into_iter()
                .map(|(who, quotes)| (who, quotes.len()))
                .collect()
        };
        assert!(!people(d).is_empty());
        assert_eq!(people(d2), people(d), "speakers, persons and quotes survive");
    }
}

// ---------------------------------------------------------------------------
// The command line

fn out_err(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn cli_imports_text_and_exports_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("one.txt"), "One 😀\r\nline\r\n").expect("write");
    fs::write(dir.path().join("two.md"), "Two 中文\n").expect("write");
    let o = run(
        dir.path(),
        &[
            "import",
            "--from",
            "text",
            "one.txt",
            "two.md",
            "-o",
            "p.qb.ron",
            "--annotator",
            "me",
        ],
    );
    assert!(o.status.success(), "{}", out_err(&o));
    let log = out_err(&o);
    assert!(
        log.contains("one.txt: note: converted 2 CRLF line ends to LF"),
        "{log}"
    );
    assert!(log.contains("wrote p.qb.ron (2 documents"), "{log}");
    let p = load_project(&dir.path().join("p.qb.ron")).expect("load");
    assert!(p.problems.is_empty());
    assert_eq!(p.project.documents[0].text(), "One 😀\nline\n");

    // Refuses to overwrite without --force.
    let o = run(
        dir.path(),
        &["import", "--from", "text", "one.txt", "-o", "p.qb.ron"],
    );
    assert!(!o.status.success());
    assert!(out_err(&o).contains("--force"), "{}", out_err(&o));

    for (to, out) in [
        ("brat", "b"),
        ("jsonl", "d.jsonl"),
        ("prodigy", "p.jsonl"),
        ("csv", "q.csv"),
    ] {
        let o = run(dir.path(), &["export", "--to", to, "p.qb.ron", "-o", out]);
        assert!(o.status.success(), "{to}: {}", out_err(&o));
        assert!(dir.path().join(out).exists(), "{to}");
    }
    assert!(dir.path().join("b/one.txt").exists() && dir.path().join("b/two.ann").exists());
    let o = run(dir.path(), &["export", "--to", "csv", "p.qb.ron", "-o", "q.csv"]);
    assert!(!o.status.success(), "exists: {}", out_err(&o));
}

#[test]
fn cli_imports_brat_per_annotator_with_a_map_and_reports_issues() {
    let dir = tempfile::tempdir().expect("tempdir");
    polnear_like(&dir.path().join("corpus"));
    fs::write(
        dir.path().join("corpus/attributions/art_ann2.ann"),
        "T1\tSource 0 7\tMs Dick\nnot a line\n",
    )
    .expect("write");
    let o = run(
        dir.path(),
        &[
            "import",
            "--from",
            "brat",
            "corpus",
            "-o",
            "c.qb.ron",
            "--map",
            "Source=Speaker",
            "--map",
            "Content=Quote",
        ],
    );
    let log = out_err(&o);
    assert!(o.status.success(), "{log}");
    assert!(
        log.contains("art_ann2.ann:2: "),
        "the issue, by file and line: {log}"
    );
    assert!(
        log.contains("c_ann1.qb.ron") && log.contains("c_ann2.qb.ron"),
        "{log}"
    );
    let p1 = load_project(&dir.path().join("c_ann1.qb.ron"))
        .expect("load")
        .project;
    assert_eq!(p1.annotator, "ann1");
    assert!(p1.documents[0].annotations().any(|a| a.label == "Speaker"));

    // Only one annotator: the file named as given.
    let o = run(
        dir.path(),
        &[
            "import",
            "corpus",
            "-o",
            "only.qb.ron",
            "--map",
            "polnear",
            "--annotator",
            "ann1",
        ],
    );
    assert!(o.status.success(), "{}", out_err(&o));
    assert!(dir.path().join("only.qb.ron").exists());

    // Export with the map back gives PolNeAR's labels again.
    let o = run(
        dir.path(),
        &[
            "export",
            "--to",
            "brat",
            "only.qb.ron",
            "-o",
            "back",
            "--map",
            "polnear",
        ],
    );
    assert!(o.status.success(), "{}", out_err(&o));
    let ann = fs::read_to_string(dir.path().join("back/art.ann")).expect("ann");
    assert!(ann.contains("\tSource 0 7\tMs Dick\n"), "{ann}");

    // A bad mapping and a missing path fail clearly.
    let o = run(
        dir.path(),
        &["import", "corpus", "-o", "x.qb.ron", "--map", "Source"],
    );
    assert!(
        !o.status.success() && out_err(&o).contains("FROM=TO"),
        "{}",
        out_err(&o)
    );
    let o = run(dir.path(), &["import", "nowhere", "-o", "x.qb.ron"]);
    assert!(
        !o.status.success() && out_err(&o).contains("nowhere"),
        "{}",
        out_err(&o)
    );
}
