//! Shared by the tests of the formats of issue 15 (Label Studio, Citron,
//! the Gender Gap Tracker, spaCy): a project over a text with every kind of
//! character that breaks offset arithmetic, and ways to compare projects.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use quotebench::format::interchange::{
    ImportFormat, ImportIssue, ImportOptions, ImportResult, LabelMap, import,
};
use quotebench::model::{Annotation, Document, Fragment, Project, Relation, TagSet, names};

/// ZWJ family emoji, a flag, skin tones, CJK (one astral ideograph),
/// combining accents, Arabic and Hebrew, curly quotes.
pub const TEXT: &str = "Flood 🌊 in 東京: “We lost everything 👩\u{200d}👩\u{200d}👧,” said Zoe\u{301} Ade\u{300}le, 🇬🇧 envoy. \
مرحبا بالعالم said the mayor. שלום עולם.\n\
“Rebuild 𠀋 fast 👍🏽,” she told reporters, “and together.”\n";

/// The char (code point) range of the first `needle` in `text`.
pub fn span(text: &str, needle: &str) -> (usize, usize) {
    let b = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in the text"));
    let start = text[..b].chars().count();
    (start, start + needle.chars().count())
}

pub fn frag(text: &str, needle: &str) -> Fragment {
    let (start, end) = span(text, needle);
    Fragment {
        start,
        end,
        text: needle.to_string(),
    }
}

pub fn ann(id: &str, label: &str, frags: Vec<Fragment>) -> Annotation {
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

pub fn rel(id: &str, kind: &str, from: &str, to: &str) -> Relation {
    Relation {
        id: id.to_string(),
        kind: kind.to_string(),
        from: from.to_string(),
        to: to.to_string(),
        attributes: Default::default(),
    }
}

/// A project over [`TEXT`]: quotes (one in two fragments), speakers, cues,
/// a claim, relations, attributes, a note; and a second short document.
pub fn unicode_project() -> Project {
    let t = TEXT;
    let mut q1 = ann(
        "q1",
        names::QUOTE,
        vec![frag(t, "We lost everything 👩\u{200d}👩\u{200d}👧,")],
    );
    q1.attributes.insert(names::KIND.into(), "direct".into());
    q1.note = "family emoji: 5 code points, 1 grapheme\nsecond line".into();
    let mut s1 = ann("s1", names::SPEAKER, vec![frag(t, "Zoe\u{301} Ade\u{300}le")]);
    s1.attributes.insert(names::PERSON.into(), "Zoé Adèle".into());
    let c1 = ann("c1", names::CUE, vec![frag(t, "said")]);
    let mut q2 = ann(
        "q2",
        names::QUOTE,
        vec![frag(t, "Rebuild 𠀋 fast 👍🏽,"), frag(t, "and together.")],
    );
    q2.attributes.insert(names::KIND.into(), "direct".into());
    let s2 = ann("s2", names::SPEAKER, vec![frag(t, "she")]);
    let c2 = ann("c2", names::CUE, vec![frag(t, "told reporters")]);
    let rtl = ann("q3", names::QUOTE, vec![frag(t, "مرحبا بالعالم")]);
    let heb = ann("l1", names::CLAIM, vec![frag(t, "שלום עולם")]);
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
        vec![q1, s1, c1, q2, s2, c2, rtl, heb, cjk],
        relations,
    );
    let short = "Short 😀 text, “quoted” 中文.";
    let (doc2, _, _) = Document::from_parts(
        "second".into(),
        "Second".into(),
        None,
        short.into(),
        vec![ann("a", names::QUOTE, vec![frag(short, "“quoted”")])],
        vec![],
    );
    let mut tagset = TagSet::default();
    tagset.labels.push(quotebench::model::LabelDef {
        name: "Place".into(),
        color: "#9e9e9e".into(),
        key: String::new(),
        attributes: vec![],
    });
    Project {
        people: Default::default(),
        name: "Unicode".into(),
        annotator: "tester".into(),
        tagset,
        documents: vec![doc, doc2],
        conflicts: Vec::new(),
    }
}

pub fn no_progress(_: usize, _: usize) {}

pub fn import_as(paths: &[PathBuf], format: ImportFormat, annotator: Option<&str>) -> ImportResult {
    let opts = ImportOptions {
        format: Some(format),
        map: LabelMap::default(),
        annotator: annotator.map(str::to_string),
    };
    import(paths, &opts, &no_progress).expect("import")
}

/// Every annotation as (label, fragments with their texts, attributes, note), sorted.
pub type Spans = Vec<(
    String,
    Vec<(usize, usize, String)>,
    BTreeMap<String, String>,
    String,
)>;

pub fn spans(doc: &Document) -> Spans {
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
                a.note.clone(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Every relation as (kind, the first fragment's text at each end), sorted.
pub fn links(doc: &Document) -> Vec<(String, String, String)> {
    let text = |id: &str| {
        doc.annotation(id)
            .and_then(|a| a.fragments.first())
            .map(|f| f.text.clone())
            .unwrap_or_default()
    };
    let mut v: Vec<_> = doc
        .relations()
        .map(|r| (r.kind.clone(), text(&r.from), text(&r.to)))
        .collect();
    v.sort();
    v
}

pub fn doc_by_id<'a>(p: &'a Project, id: &str) -> &'a Document {
    p.documents
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("document {id}"))
}

/// Each fragment's text is exactly the text at its offsets, counted in chars.
pub fn assert_texts_fit(p: &Project) {
    for d in &p.documents {
        for a in d.annotations() {
            for f in &a.fragments {
                let actual: String = d.text().chars().skip(f.start).take(f.end - f.start).collect();
                assert_eq!(actual, f.text, "{} {}..{} in {}", a.id, f.start, f.end, d.id);
            }
        }
    }
}

pub fn issues_text(issues: &[ImportIssue]) -> String {
    issues.iter().map(|i| format!("{i}\n")).collect()
}
