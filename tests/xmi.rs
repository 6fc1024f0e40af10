//! UIMA CAS XMI (INCEpTION): export and import with emoji, CJK, combining
//! marks and right-to-left text (XMI counts UTF-16 code units), discontinuous
//! quotes as linked parts put back together, INCEpTION's own shapes read with
//! a label map, and bad files reported by file and line (issue 15).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use quotebench::format::interchange::{
    ExportFormat, ImportFormat, ImportOptions, ImportResult, LabelMap, export, import,
};
use quotebench::model::{Annotation, Document, Fragment, Project, Relation, TagSet, names};

const TEXT: &str = "Flood 🌊 in 東京: “We lost everything 👩\u{200d}👩\u{200d}👧,” said Zoe\u{301} Ade\u{300}le, 🇬🇧 envoy. \
مرحبا بالعالم said the mayor.\n“Rebuild 𠀋 fast 👍🏽,” she told reporters, “and together.”\n";

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
        ann(
            "s1",
            names::SPEAKER,
            &["Zoe\u{301} Ade\u{300}le"],
            &[("person", "Zoé \"Adèle\" <envoy> & co\nline two")],
        ),
        ann("c1", names::CUE, &["said"], &[]),
        ann(
            "q2",
            names::QUOTE,
            &["Rebuild 𠀋 fast 👍🏽,", "and together."],
            &[("kind", "direct")],
        ),
        ann("s2", names::SPEAKER, &["she"], &[]),
        ann("c2", names::CUE, &["told reporters"], &[]),
        ann("q3", names::QUOTE, &["مرحبا بالعالم"], &[("kind", "indirect")]),
        ann("f1", "Flag", &["🇬🇧"], &[]),
        ann("l1", names::CLAIM, &["東京"], &[]),
    ];
    let rels = vec![
        rel("r1", names::SAID_BY, "q1", "s1", &[("certainty", "high")]),
        rel("r2", names::CUE_OF, "c1", "q1", &[]),
        rel("r3", names::SAID_BY, "q2", "s2", &[]),
        rel("r4", names::CUE_OF, "c2", "q2", &[]),
    ];
    let (doc, _, _) = Document::from_parts(
        "flood-東京".into(),
        "Flood & <Tokyo>".into(),
        None,
        TEXT.into(),
        anns,
        rels,
    );
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
        name: "xmi".into(),
        annotator: "tester".into(),
        tagset: TagSet::default(),
        documents: vec![doc, doc2],
        conflicts: Vec::new(),
    }
}

fn no_progress(_: usize, _: usize) {}

fn import_xmi(paths: &[PathBuf], map: LabelMap) -> ImportResult {
    let opts = ImportOptions {
        format: Some(ImportFormat::Xmi),
        map,
        annotator: Some("tester".into()),
    };
    import(paths, &opts, &no_progress).expect("import")
}

type Spans = Vec<(String, Vec<(usize, usize, String)>, BTreeMap<String, String>)>;

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
                a.attributes.clone(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Relations by (kind, from's first fragment start, to's first fragment start, attributes).
fn relations(doc: &Document) -> Vec<(String, usize, usize, BTreeMap<String, String>)> {
    let start = |id: &str| doc.annotation(id).expect("end").fragments[0].start;
    let mut v: Vec<_> = doc
        .relations()
        .map(|r| (r.kind.clone(), start(&r.from), start(&r.to), r.attributes.clone()))
        .collect();
    v.sort();
    v
}

fn utf16(needle: &str) -> (usize, usize) {
    let b = TEXT.find(needle).expect("needle");
    let s = TEXT[..b].encode_utf16().count();
    (s, s + needle.encode_utf16().count())
}

#[test]
fn round_trip_keeps_offsets_texts_parts_attributes_and_relations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out-xmi");
    let p = project();
    let report = export(&p, ExportFormat::Xmi, &out).expect("export");
    assert_eq!(report.files_written, 3, "TypeSystem.xml and one .xmi a document");
    assert_eq!(report.items, 9 + 4);
    assert!(
        report.notes.iter().any(|n| n.starts_with("1 discontinuous")),
        "{:?}",
        report.notes
    );
    let back = import_xmi(std::slice::from_ref(&out), LabelMap::default());
    assert!(back.issues.is_empty(), "{:?}", back.issues);
    let q = &back.projects[0];
    assert_eq!(q.documents.len(), 2);
    for d in &p.documents {
        let d2 = q.documents.iter().find(|x| x.id == d.id).expect("document by id");
        assert_eq!(d2.text(), d.text());
        assert_eq!(d2.title, d.title);
        assert_eq!(spans(d2), spans(d), "{}", d.id);
        assert_eq!(relations(d2), relations(d), "{}", d.id);
    }
    // Written again, the same bytes.
    let again = dir.path().join("again-xmi");
    export(q, ExportFormat::Xmi, &again).expect("again");
    for f in ["TypeSystem.xml", "flood-東京.xmi", "second.xmi"] {
        assert_eq!(
            fs::read_to_string(again.join(f)).expect("again"),
            fs::read_to_string(out.join(f)).expect("first"),
            "{f}"
        );
    }
}

/// The written XMI as INCEpTION and cassis read it: UTF-16 offsets,
/// webanno.custom types, Governor/Dependent, the Sofa, xmi:ids in the view.
#[test]
fn the_xmi_follows_uima_and_inception_conventions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("x");
    export(&project(), ExportFormat::Xmi, &out).expect("export");
    let ts = fs::read_to_string(out.join("TypeSystem.xml")).expect("ts");
    let tsx = roxmltree::Document::parse(&ts).expect("TypeSystem.xml is XML");
    let types: Vec<String> = tsx
        .descendants()
        .filter(|n| n.has_tag_name("typeDescription"))
        .filter_map(|n| {
            n.children()
                .find(|c| c.has_tag_name("name"))
                .and_then(|c| c.text())
                .map(str::to_string)
        })
        .collect();
    for t in [
        "webanno.custom.Quote",
        "webanno.custom.Speaker",
        "webanno.custom.Cue",
        "webanno.custom.Claim",
        "webanno.custom.said_by",
        "webanno.custom.cue_of",
        "webanno.custom.NextPart",
    ] {
        assert!(types.contains(&t.to_string()), "{t} in {types:?}");
    }
    assert!(
        ts.contains("<rangeTypeName>webanno.custom.Speaker</rangeTypeName>"),
        "{ts}"
    );

    let xmi = fs::read_to_string(out.join("flood-東京.xmi")).expect("xmi");
    let x = roxmltree::Document::parse(&xmi).expect("XML");
    let xmi_ns = "http://www.omg.org/XMI";
    let custom = "http:///webanno/custom.ecore";
    let sofa = x
        .descendants()
        .find(|n| n.has_tag_name(("http:///uima/cas.ecore", "Sofa")))
        .expect("sofa");
    assert_eq!(sofa.attribute("sofaString"), Some(TEXT), "line breaks kept");
    assert_eq!(sofa.attribute("sofaID"), Some("_InitialView"));
    let of = |short: &str| -> Vec<roxmltree::Node> {
        x.descendants()
            .filter(|n| n.has_tag_name((custom, short)))
            .collect()
    };
    let range = |n: &roxmltree::Node| -> (usize, usize) {
        (
            n.attribute("begin").expect("begin").parse().expect("n"),
            n.attribute("end").expect("end").parse().expect("n"),
        )
    };
    let flag: Vec<_> = of("Flag").iter().map(range).collect();
    assert_eq!(flag, [utf16("🇬🇧")]);
    // The flag is 2 chars, 4 UTF-16 units; everything after the family emoji moves.
    assert_eq!(utf16("🇬🇧").1 - utf16("🇬🇧").0, 4);
    let quotes: Vec<_> = of("Quote").iter().map(range).collect();
    assert!(quotes.contains(&utf16("Rebuild 𠀋 fast 👍🏽,")), "{quotes:?}");
    assert!(quotes.contains(&utf16("and together.")), "{quotes:?}");
    // Each part of the discontinuous quote carries its features.
    assert_eq!(
        of("Quote")
            .iter()
            .filter(|n| n.attribute("kind") == Some("direct"))
            .count(),
        3
    );
    let speaker = &of("Speaker")[0];
    assert_eq!(
        speaker.attribute("person"),
        Some("Zoé \"Adèle\" <envoy> & co\nline two")
    );
    // said_by: Governor the quote, Dependent the speaker, the offsets the dependent's.
    let by_id = |id: &str| {
        x.descendants()
            .find(|n| n.attribute((xmi_ns, "id")) == Some(id))
            .expect("id")
    };
    let said: Vec<_> = of("said_by");
    assert_eq!(said.len(), 2);
    for r in &said {
        let g = by_id(r.attribute("Governor").expect("Governor"));
        let d = by_id(r.attribute("Dependent").expect("Dependent"));
        assert_eq!(g.tag_name().name(), "Quote");
        assert_eq!(d.tag_name().name(), "Speaker");
        assert_eq!(range(r), range(&d));
    }
    assert_eq!(
        said.iter()
            .filter(|r| r.attribute("certainty") == Some("high"))
            .count(),
        1
    );
    let next = of("NextPart");
    assert_eq!(next.len(), 1);
    assert_eq!(
        range(&by_id(next[0].attribute("Dependent").expect("d"))),
        utf16("and together.")
    );
    // Every annotation is a member of the view; ids are unique.
    let view = x
        .descendants()
        .find(|n| n.has_tag_name(("http:///uima/cas.ecore", "View")))
        .expect("view");
    let members: Vec<&str> = view.attribute("members").expect("members").split(' ').collect();
    let ids: Vec<&str> = x
        .descendants()
        .filter(|n| n.tag_name().namespace() == Some(custom))
        .filter_map(|n| n.attribute((xmi_ns, "id")))
        .collect();
    assert_eq!(
        ids.len(),
        10 + 1 + 4,
        "10 spans (one quote in 2 parts), NextPart, 4 relations"
    );
    for id in &ids {
        assert!(members.contains(id), "{id} in the view");
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
}

/// An XMI as INCEpTION exports it: its own layer names, tokens and
/// sentences, a named entity, another view; read with a label map.
#[test]
fn inception_exports_import_with_a_label_map() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("doc.xmi");
    // "😀 Ana said “hi”." : 😀 is 2 units; Ana 3..6, “hi” 12..16 (UTF-16).
    let xmi = r#"<?xml version="1.0" encoding="UTF-8"?>
<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmlns:type="http:///de/tudarmstadt/ukp/dkpro/core/api/segmentation/type.ecore" xmlns:type2="http:///de/tudarmstadt/ukp/dkpro/core/api/metadata/type.ecore" xmlns:ner="http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore" xmlns:custom="http:///webanno/custom.ecore" xmi:version="2.0">
<cas:NULL xmi:id="0"/>
<type2:DocumentMetaData xmi:id="1" sofa="12" begin="0" end="17" documentTitle="Greeting" documentId="greet"/>
<type:Sentence xmi:id="2" sofa="12" begin="0" end="17"/>
<type:Token xmi:id="3" sofa="12" begin="3" end="6"/>
<custom:Quotation xmi:id="4" sofa="12" begin="12" end="16" Type="direct"/>
<custom:Source xmi:id="5" sofa="12" begin="3" end="6"/>
<custom:Attribution xmi:id="6" sofa="12" begin="3" end="6" Governor="4" Dependent="5"/>
<ner:NamedEntity xmi:id="7" sofa="12" begin="3" end="6" value="PER"/>
<custom:Quotation xmi:id="8" sofa="13" begin="0" end="1"/>
<cas:Sofa xmi:id="12" sofaNum="1" sofaID="_InitialView" mimeType="text" sofaString="😀 Ana said “hi”."/>
<cas:Sofa xmi:id="13" sofaNum="2" sofaID="other" mimeType="text" sofaString="x"/>
<cas:View sofa="12" members="1 2 3 4 5 6 7"/>
</xmi:XMI>
"#;
    fs::write(&f, xmi).expect("write");
    let map = LabelMap::parse(&[
        "Quotation=Quote".into(),
        "Source=Speaker".into(),
        "Attribution=said_by".into(),
    ])
    .expect("map");
    let r = import_xmi(std::slice::from_ref(&f), map);
    let issues: Vec<String> = r.issues.iter().map(|i| i.to_string()).collect();
    assert!(issues.iter().any(|i| i.contains("other views")), "{issues:?}");
    let d = &r.projects[0].documents[0];
    assert_eq!((d.id.as_str(), d.title.as_str()), ("greet", "Greeting"));
    let got: Vec<(String, String)> = spans(d)
        .into_iter()
        .map(|(l, f, _)| (l, f[0].2.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("PER".to_string(), "Ana".to_string()),
            ("Quote".to_string(), "“hi”".to_string()),
            ("Speaker".to_string(), "Ana".to_string()),
        ]
    );
    let q = d.annotations().find(|a| a.label == "Quote").expect("quote");
    assert_eq!(q.attributes.get("Type").map(String::as_str), Some("direct"));
    assert_eq!(d.person_of_quote(&q.id).as_deref(), Some("Ana"));
}

fn write(dir: &Path, name: &str, s: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, s).expect("write");
    p
}

#[test]
fn bad_files_are_reported_by_file_and_line_and_the_rest_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let head = r#"<?xml version="1.0" encoding="UTF-8"?>
<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmlns:custom="http:///webanno/custom.ecore" xmi:version="2.0">
<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" mimeType="text" sofaString="a 😀 b"/>
"#;
    write(
        dir.path(),
        "broken.xmi",
        "<?xml version=\"1.0\"?>\n<xmi:XMI xmlns:xmi=\"http://www.omg.org/XMI\">\n<a></b>\n",
    );
    write(dir.path(), "notxmi.xmi", "<?xml version=\"1.0\"?>\n<html/>\n");
    write(
        dir.path(),
        "offsets.xmi",
        &format!(
            "{head}<custom:Quote xmi:id=\"2\" sofa=\"1\" begin=\"0\" end=\"1\"/>\n<custom:Quote xmi:id=\"3\" sofa=\"1\" begin=\"2\" end=\"40\"/>\n<custom:Quote xmi:id=\"4\" sofa=\"1\" begin=\"3\" end=\"5\"/>\n<custom:Quote xmi:id=\"5\" sofa=\"1\" begin=\"x\" end=\"5\"/>\n<custom:said_by xmi:id=\"6\" sofa=\"1\" begin=\"0\" end=\"1\" Governor=\"2\" Dependent=\"99\"/>\n</xmi:XMI>\n"
        ),
    );
    // A file that is not .xmi in the folder (the type system) is not read.
    write(dir.path(), "TypeSystem.xml", "<not-read/>");
    let r = import_xmi(&[dir.path().to_path_buf()], LabelMap::default());
    let issues: Vec<String> = r.issues.iter().map(|i| i.to_string()).collect();
    let has = |s: &str| issues.iter().any(|i| i.contains(s));
    assert!(has("broken.xmi:3: not well-formed XML"), "{issues:?}");
    assert!(has("notxmi.xmi:2: not UIMA CAS XMI"), "{issues:?}");
    assert!(
        has(
            "offsets.xmi:5: the Quote 2..40 (UTF-16 offsets): 40 is past the end of the text (6 UTF-16 units)"
        ),
        "{issues:?}"
    );
    assert!(
        has("offsets.xmi:6: the Quote 3..5 (UTF-16 offsets): 3 falls inside a character"),
        "{issues:?}"
    );
    assert!(
        has("offsets.xmi:7: the Quote x..5 (UTF-16 offsets): \"x\" is not an offset"),
        "{issues:?}"
    );
    assert!(
        has("offsets.xmi:8: the said_by relation names xmi:id 2 and 99"),
        "{issues:?}"
    );
    assert!(!has("TypeSystem"), "{issues:?}");
    let docs = &r.projects[0].documents;
    assert_eq!(docs.len(), 1, "the readable file kept");
    assert_eq!(spans(&docs[0]).len(), 1, "its good span kept");
    assert_eq!(docs[0].text(), "a 😀 b");
}

#[test]
fn cli_exports_and_imports_xmi() {
    let dir = tempfile::tempdir().expect("tempdir");
    quotebench::format::save_project(&project(), &dir.path().join("p.qb.ron")).expect("save");
    let o = common::run_cli(dir.path(), &["export", "--to", "xmi", "p.qb.ron", "-o", "out"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(dir.path().join("out/TypeSystem.xml").is_file());
    let o = common::run_cli(
        dir.path(),
        &[
            "import",
            "--from",
            "xmi",
            "out",
            "-o",
            "back.qb.ron",
            "--annotator",
            "tester",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let back = quotebench::format::load_project(&dir.path().join("back.qb.ron"))
        .expect("load")
        .project;
    let d = back.documents.iter().find(|d| d.id == "flood-東京").expect("doc");
    assert_eq!(spans(d), spans(&project().documents[0]));
}

/// Whatever bytes an .xmi holds, the import answers with issues, never a
/// panic: every cut of a real export, and bytes flipped through it.
#[test]
fn cut_and_damaged_files_never_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("x");
    export(&project(), ExportFormat::Xmi, &out).expect("export");
    let good = fs::read(out.join("flood-東京.xmi")).expect("xmi");
    let f = dir.path().join("damaged.xmi");
    let mut tried = 0;
    let step = (good.len() / 150).max(1);
    for cut in (0..good.len()).step_by(step) {
        fs::write(&f, &good[..cut]).expect("write");
        let _ = import_xmi(std::slice::from_ref(&f), LabelMap::default());
        let mut flipped = good.clone();
        flipped[cut] = match flipped[cut] {
            b'"' => b'<',
            b'0'..=b'9' => b'9',
            b => b.wrapping_add(1),
        };
        fs::write(&f, &flipped).expect("write");
        let _ = import_xmi(std::slice::from_ref(&f), LabelMap::default());
        tried += 2;
    }
    assert!(tried >= 300, "{tried}");
    // A cut file is reported, by name.
    fs::write(&f, &good[..good.len() / 2]).expect("write");
    let r = import_xmi(std::slice::from_ref(&f), LabelMap::default());
    assert!(
        r.issues
            .iter()
            .any(|i| i.file == f && i.message.contains("not well-formed XML"))
    );
}

/// Labels and kinds that are no UIMA identifiers (PolNeAR's
/// `Attribution.Content`, `Attribution-no-source`) are written as
/// identifiers and come back under their own names, read from the
/// descriptions of TypeSystem.xml beside the files; without it, as written.
#[test]
fn renamed_labels_and_kinds_come_back_by_the_type_system() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out-xmi");
    let mut p = project();
    let (doc, _, _) = Document::from_parts(
        "names".into(),
        "Names".into(),
        None,
        TEXT.into(),
        vec![
            ann("a1", "Attribution-no-source", &["said"], &[]),
            ann("a2", "Attribution_no_source", &["she"], &[]),
            ann("q1", names::QUOTE, &["and together."], &[]),
        ],
        vec![rel("r1", "Attribution.Content", "a1", "q1", &[])],
    );
    p.documents = vec![doc];
    let report = export(&p, ExportFormat::Xmi, &out).expect("export");
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.starts_with("names made UIMA identifiers")),
        "{:?}",
        report.notes
    );
    let xmi = fs::read_to_string(out.join("names.xmi")).expect("xmi");
    assert!(xmi.contains("custom:Attribution_Content "), "{xmi}");
    let back = import_xmi(std::slice::from_ref(&out), LabelMap::default());
    let d = &back.projects[0].documents[0];
    assert_eq!(spans(d), spans(&p.documents[0]));
    assert_eq!(relations(d), relations(&p.documents[0]));
    // Without the type system, the identifiers are the names.
    fs::remove_file(out.join("TypeSystem.xml")).expect("rm");
    let back = import_xmi(std::slice::from_ref(&out), LabelMap::default());
    let d = &back.projects[0].documents[0];
    assert!(d.relations().any(|r| r.kind == "Attribution_Content"));
}
