//! spaCy DocBin export (issue 15): the `.spacy` file read back with the
//! library's DocBin reader (the same layout spaCy 3.8's `DocBin.from_bytes`
//! reads; `scripts/interop-check` loads it with spaCy itself): the texts
//! spelled exactly by tokens and spaces, every fragment a span of
//! `doc.spans["sc"]` on whole tokens with its char offsets exact in every
//! script, `doc.ents` without overlaps, and the annotations' attributes and
//! the relations in `user_data`.

use std::collections::BTreeMap;

use quotebench::format::interchange::msgpack::Value;
use quotebench::format::interchange::{DocBinDoc, ExportFormat, export, read_docbin};
use quotebench::model::{Annotation, Document, Fragment, Project, Relation, TagSet, names};

const TEXT: &str = "Flood 🌊 in 東京: “We lost everything 👩\u{200d}👩\u{200d}👧,” said Zoe\u{301} Ade\u{300}le, 🇬🇧 envoy. \
مرحبا بالعالم said the mayor.\n\n“Rebuild 𠀋 fast 👍🏽,” she told reporters, “and together.”  Agent number X said.\n";

fn frag(needle: &str) -> Fragment {
    let b = TEXT.find(needle).expect("needle");
    let start = TEXT[..b].chars().count();
    Fragment {
        start,
        end: start + needle.chars().count(),
        text: needle.into(),
    }
}

fn ann(id: &str, label: &str, frags: &[&str], attrs: &[(&str, &str)]) -> Annotation {
    Annotation {
        id: id.into(),
        label: label.into(),
        fragments: frags.iter().map(|n| frag(n)).collect(),
        attributes: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        annotators: Vec::new(),
        origin: None,
    }
}

fn rel(id: &str, kind: &str, from: &str, to: &str, attrs: &[(&str, &str)]) -> Relation {
    Relation {
        id: id.into(),
        kind: kind.into(),
        from: from.into(),
        to: to.into(),
        attributes: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

fn project() -> Project {
    let anns = vec![
        ann(
            "q1",
            names::QUOTE,
            &["We lost everything 👩\u{200d}👩\u{200d}👧,"],
            &[("kind", "direct")],
        ),
        // Overlaps q1: a span, but no entity.
        ann(
            "l1",
            names::CLAIM,
            &["lost everything"],
            &[("check_worthy", "yes")],
        ),
        ann(
            "s1",
            names::SPEAKER,
            &["Zoe\u{301} Ade\u{300}le"],
            &[("person", "Zoé \"Adèle\"")],
        ),
        // Ends inside a word and inside a combining sequence.
        ann("c1", names::CUE, &["sai"], &[]),
        ann(
            "q2",
            names::QUOTE,
            &["Rebuild 𠀋 fast 👍🏽,", "and together."],
            &[("kind", "direct")],
        ),
        ann("s2", names::SPEAKER, &["she"], &[]),
        // Starts at a space.
        ann("c2", names::CUE, &[" told reporters"], &[]),
        ann("q3", names::QUOTE, &["مرحبا بالعالم"], &[("kind", "indirect")]),
        ann("f1", "Flag", &["🇬🇧"], &[]),
        ann("l2", names::CLAIM, &["東"], &[]),
        // Words that are spaCy symbols ("agent", "number", "X") keep their ids.
        ann("s3", names::SPEAKER, &["Agent number X"], &[]),
    ];
    let rels = vec![
        rel("r1", names::SAID_BY, "q1", "s1", &[("certainty", "high")]),
        rel("r2", names::CUE_OF, "c1", "q1", &[]),
        rel("r3", names::SAID_BY, "q2", "s2", &[]),
        rel("r4", names::CUE_OF, "c2", "q2", &[]),
    ];
    let (doc, _, _) =
        Document::from_parts("flood-東京".into(), "Flood".into(), None, TEXT.into(), anns, rels);
    let (doc2, _, _) = Document::from_parts(
        "second".into(),
        "Second".into(),
        None,
        "Short 😀 text.".into(),
        vec![],
        vec![],
    );
    Project {
        people: Default::default(),
        name: "spacy".into(),
        annotator: "tester".into(),
        tagset: TagSet::default(),
        documents: vec![doc, doc2],
        conflicts: Vec::new(),
    }
}

fn exported() -> (Project, Vec<DocBinDoc>) {
    let p = project();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.spacy");
    let report = export(&p, ExportFormat::Spacy, &out).expect("export");
    let fragments: usize = p
        .documents
        .iter()
        .flat_map(|d| d.annotations())
        .map(|a| a.fragments.len())
        .sum();
    assert_eq!(report.items, fragments);
    let bytes = std::fs::read(&out).expect("read");
    (p, read_docbin(&bytes).expect("a DocBin"))
}

fn ours(doc: &DocBinDoc) -> &Value {
    doc.user_data
        .as_ref()
        .and_then(|u| u.get("quotebench"))
        .expect("user_data[\"quotebench\"]")
}

fn string_map(v: Option<&Value>) -> BTreeMap<String, String> {
    v.and_then(Value::as_map)
        .unwrap_or_default()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().expect("key").to_string(),
                v.as_str().expect("value").to_string(),
            )
        })
        .collect()
}

#[test]
fn texts_tokens_and_spans_are_exact_in_every_script() {
    let (p, docs) = exported();
    assert_eq!(docs.len(), 2);
    for (doc, back) in p.documents.iter().zip(&docs) {
        assert_eq!(back.text, doc.text(), "tokens and spaces spell the text");
        let chars: Vec<char> = doc.text().chars().collect();
        let mut want: Vec<(String, String, usize, usize)> = doc
            .annotations()
            .flat_map(|a| {
                a.fragments
                    .iter()
                    .map(|f| (a.label.clone(), a.id.clone(), f.start, f.end))
            })
            .collect();
        let mut got: Vec<(String, String, usize, usize)> = back
            .spans
            .iter()
            .map(|s| {
                assert_eq!(s.group, "sc");
                // On whole tokens: the token range covers exactly the chars.
                assert_eq!(back.tokens[s.start].0, s.start_char, "{s:?}");
                assert_eq!(back.tokens[s.end - 1].1, s.end_char, "{s:?}");
                (s.label.clone(), s.id.clone(), s.start_char, s.end_char)
            })
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want);
        for (_, id, s, e) in &got {
            let a = doc.annotation(id).expect("id");
            assert!(
                a.fragments
                    .iter()
                    .any(|f| f.text == chars[*s..*e].iter().collect::<String>())
            );
        }
    }
    // The split quote: two spans with one id.
    assert_eq!(docs[0].spans.iter().filter(|s| s.id == "q2").count(), 2);
}

#[test]
fn entities_never_overlap_and_are_spans() {
    let (_, docs) = exported();
    let ents = &docs[0].ents;
    assert!(ents.windows(2).all(|w| w[0].2 <= w[1].1), "{ents:?}");
    for (label, s, e) in ents {
        assert!(
            docs[0]
                .spans
                .iter()
                .any(|sp| &sp.label == label && sp.start_char == *s && sp.end_char == *e)
        );
    }
    // The claim inside the first quote is a span but not an entity.
    assert!(ents.iter().any(|(l, ..)| l == names::QUOTE));
    assert!(!ents.iter().any(|(l, s, _)| {
        l == names::CLAIM
            && *s
                == docs[0]
                    .spans
                    .iter()
                    .find(|x| x.id == "l1")
                    .expect("l1")
                    .start_char
    }));
    assert_eq!(ents.len(), docs[0].spans.len() - 1);
}

#[test]
fn attributes_and_relations_are_in_user_data() {
    let (p, docs) = exported();
    let doc = &p.documents[0];
    let ud = ours(&docs[0]);
    assert_eq!(ud.get("document").and_then(Value::as_str), Some("flood-東京"));
    let anns = ud
        .get("annotations")
        .and_then(Value::as_array)
        .expect("annotations");
    assert_eq!(anns.len(), doc.annotation_count());
    for a in anns {
        let id = a.get("id").and_then(Value::as_str).expect("id");
        let ours = doc.annotation(id).expect("known id");
        assert_eq!(a.get("label").and_then(Value::as_str), Some(ours.label.as_str()));
        assert_eq!(string_map(a.get("attributes")), ours.attributes);
        let frags: Vec<(usize, usize)> = a
            .get("fragments")
            .and_then(Value::as_array)
            .expect("fragments")
            .iter()
            .map(|f| {
                let f = f.as_array().expect("pair");
                (
                    f[0].as_int().expect("start") as usize,
                    f[1].as_int().expect("end") as usize,
                )
            })
            .collect();
        assert_eq!(
            frags,
            ours.fragments
                .iter()
                .map(|f| (f.start, f.end))
                .collect::<Vec<_>>()
        );
    }
    let mut rels: Vec<(String, String, String, BTreeMap<String, String>)> = ud
        .get("relations")
        .and_then(Value::as_array)
        .expect("relations")
        .iter()
        .map(|r| {
            let s = |k: &str| r.get(k).and_then(Value::as_str).expect(k).to_string();
            (s("kind"), s("from"), s("to"), string_map(r.get("attributes")))
        })
        .collect();
    let mut want: Vec<_> = doc
        .relations()
        .map(|r| (r.kind.clone(), r.from.clone(), r.to.clone(), r.attributes.clone()))
        .collect();
    rels.sort();
    want.sort();
    assert_eq!(rels, want);
    assert!(
        rels.iter()
            .any(|r| r.3.get("certainty").map(String::as_str) == Some("high"))
    );
    // The second document: no annotations, still a document with its text.
    assert_eq!(docs[1].text, "Short 😀 text.");
    assert!(docs[1].spans.is_empty());
}

#[test]
fn a_file_that_is_not_a_docbin_is_an_error() {
    assert!(read_docbin(b"not zlib").is_err());
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.spacy");
    export(&project(), ExportFormat::Spacy, &out).expect("export");
    let bytes = std::fs::read(&out).expect("read");
    for cut in [1, bytes.len() / 2, bytes.len() - 1] {
        assert!(read_docbin(&bytes[..cut]).is_err(), "cut at {cut}");
    }
}

/// A DocBin of another version, or with a field missing, is refused with
/// a message that says which (we only export DocBins; this is the reader
/// the tests and the fuzz target use).
#[test]
fn another_version_or_a_missing_field_is_named() {
    use quotebench::format::interchange::msgpack::encode;
    use std::io::Write as _;

    let zip = |msg: Value| {
        let mut raw = Vec::new();
        encode(&msg, &mut raw);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&raw).expect("zlib");
        z.finish().expect("zlib")
    };
    let newer = zip(Value::Map(vec![("version".into(), "0.2".into())]));
    let e = read_docbin(&newer).expect_err("another version").to_string();
    assert!(e.contains("\"0.2\""), "{e}");
    let no_tokens = zip(Value::Map(vec![
        ("version".into(), "0.1".into()),
        ("attrs".into(), Value::Array(vec![Value::Int(65)])),
    ]));
    let e = read_docbin(&no_tokens).expect_err("no tokens").to_string();
    assert!(e.contains("\"tokens\""), "{e}");
}
