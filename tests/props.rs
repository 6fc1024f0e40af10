//! Property tests of the model and the project file, over random projects on
//! awkward text (curly quotes, emoji and ZWJ sequences, CJK, combining marks,
//! Arabic and Hebrew, line breaks, raw-string look-alikes) and random edit
//! sequences, valid and invalid, applied the way the window applies them:
//! through `History::perform`, with undo and redo.
//!
//! What is checked, after every step:
//! - (a) the model's invariants: every annotation has sorted, non-empty,
//!   non-overlapping fragments inside the text whose stored text is the text
//!   there; the position index agrees with the annotations; and `validate`
//!   reports no offset, covered-text or relation-end problem that was not
//!   there before (an annotation is removed only with its relations).
//! - (b) undo and redo follow a reference model of the history, step by step:
//!   undoing all restores the first project exactly, redoing all gives the
//!   last one, and the unsaved-changes marker agrees.
//! - (c) save -> open is the identity for any clean project.
//! - (d) a failed edit changes nothing, and an edit fails exactly when it
//!   should.
//!
//! The cases are fixed in number and run in a few seconds in a debug build.
//! Failures are not persisted to files; a shrunk failing input is printed by
//! proptest and belongs in a plain `#[test]` below.
//!
//! The bugs these properties found (undo refused after a bare removal left a
//! relation dangling, a rename of one of two labels of one name, overlapping
//! or mismatched fragments accepted) are fixed in the model; the generators
//! cover those inputs again (relations whose end is missing, as a file read
//! without repair holds them, included), and plain tests at the end of the
//! file pin each case.

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;

use quotebench::format::{parse_project, project_to_string};
use quotebench::model::{
    Annotation, AttributeDef, CharRange, Document, Edit, EditError, Fragment, History, LabelDef, Origin,
    Problem, ProblemKind, Project, Rejection, Relation, Source, Status, TagSet, TextIndex, names, validate,
};

// ------------------------------------------------------------------ config

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

// ------------------------------------------------------------- text pieces

/// Pieces article texts are made of: words, punctuation, the quotation marks
/// of several languages, emoji (skin tones, flags, ZWJ families), CJK,
/// combining marks, right-to-left scripts, line breaks, characters RON
/// treats specially, and control characters that force the escaped form.
const PIECES: &[&str] = &[
    "The",
    " ",
    " ",
    "minister",
    "said",
    "police",
    ",",
    ".",
    "\n",
    "\n\n",
    "\t",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "\"",
    "'",
    "\\",
    "#",
    "\"#",
    "\"##",
    "r#\"",
    "😀",
    "👩\u{200d}👩\u{200d}👧",
    "🇬🇧",
    "👍🏽",
    "🌳",
    "中文",
    "日本語のテキスト",
    "한국어",
    "e\u{301}",
    "a\u{308}\u{323}",
    "مرحبا",
    "بالعالم",
    "עברית",
    "שלום",
    "\u{200f}",
    "\u{200b}",
    "\u{feff}",
    "—",
    "…",
    "\u{2028}",
    "}",
    ")",
    "]",
    "//",
    "/*",
    "\r\n",
    "\u{0}",
    "\u{85}",
];

/// A short string for names, titles, notes, ids and attribute values: pieces
/// from the pool above, or anything at all.
fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(PIECES), 0..6).prop_map(|v| v.concat()),
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
}

fn article_text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(prop::sample::select(PIECES), 0..48).prop_map(|v| v.concat()),
        1 => any::<String>(),
    ]
}

// ------------------------------------------------------------------- seeds

/// Everything needed to make an annotation once the text is known.
#[derive(Clone, Debug)]
struct AnnSeed {
    prefix: String,
    label: usize,
    /// 2..=6 cut points; consecutive pairs become fragments (1..=3).
    cuts: Vec<Index>,
    attr: Option<Index>,
    person: String,
    note: String,
    created: String,
    modified: String,
}

fn ann_seed() -> impl Strategy<Value = AnnSeed> {
    (
        nasty_string(),
        0..4usize,
        prop::collection::vec(any::<Index>(), 2..=6),
        prop::option::of(any::<Index>()),
        nasty_string(),
        nasty_string(),
        nasty_string(),
        nasty_string(),
    )
        .prop_map(
            |(prefix, label, cuts, attr, person, note, created, modified)| AnnSeed {
                prefix,
                label,
                cuts,
                attr,
                person,
                note,
                created,
                modified,
            },
        )
}

#[derive(Clone, Debug)]
struct RelSeed {
    said_by: bool,
    from: Index,
    to: Index,
}

fn rel_seed() -> impl Strategy<Value = RelSeed> {
    (any::<bool>(), any::<Index>(), any::<Index>()).prop_map(|(said_by, from, to)| RelSeed {
        said_by,
        from,
        to,
    })
}

#[derive(Clone, Debug)]
struct DocSeed {
    title: String,
    source: Option<(String, String, String)>,
    text: String,
    anns: Vec<AnnSeed>,
    rels: Vec<RelSeed>,
}

fn doc_seed() -> impl Strategy<Value = DocSeed> {
    (
        nasty_string(),
        prop::option::of((nasty_string(), nasty_string(), nasty_string())),
        article_text(),
        prop::collection::vec(ann_seed(), 0..7),
        prop::collection::vec(rel_seed(), 0..5),
    )
        .prop_map(|(title, source, text, anns, rels)| DocSeed {
            title,
            source,
            text,
            anns,
            rels,
        })
}

#[derive(Clone, Debug)]
struct ProjectSeed {
    name: String,
    annotator: String,
    extra_label: Option<String>,
    docs: Vec<DocSeed>,
}

fn project_seed() -> impl Strategy<Value = ProjectSeed> {
    (
        nasty_string(),
        nasty_string(),
        prop::option::of(nasty_string()),
        prop::collection::vec(doc_seed(), 1..=3),
    )
        .prop_map(|(name, annotator, extra_label, docs)| ProjectSeed {
            name,
            annotator,
            extra_label,
            docs,
        })
}

// ---------------------------------------------------------------- building

const LABELS: [&str; 4] = [names::QUOTE, names::SPEAKER, names::CUE, names::CLAIM];

/// Sorted, non-empty, non-overlapping ranges inside `0..n` from cut points;
/// none if the text is empty.
fn ranges_from_cuts(n: usize, cuts: &[Index]) -> Vec<CharRange> {
    if n == 0 {
        return Vec::new();
    }
    let mut pos: Vec<usize> = cuts.iter().map(|c| c.index(n + 1)).collect();
    pos.sort_unstable();
    let mut out: Vec<CharRange> = pos
        .chunks_exact(2)
        .map(|w| CharRange {
            start: w[0],
            end: w[1],
        })
        .filter(|r| !r.is_empty())
        .collect();
    if out.is_empty() {
        let s = pos[0].min(n - 1);
        out.push(CharRange { start: s, end: s + 1 });
    }
    out
}

fn fragment(text: &str, index: &TextIndex, r: CharRange) -> Fragment {
    Fragment {
        start: r.start,
        end: r.end,
        text: index.slice(text, r).to_string(),
    }
}

/// A valid annotation of `label` over `text` (none if the text is empty),
/// with attributes the default tag set allows.
fn build_annotation(
    text: &str,
    id: String,
    seed: &AnnSeed,
    label_override: Option<&str>,
) -> Option<Annotation> {
    let index = TextIndex::new(text);
    let ranges = ranges_from_cuts(index.char_len(), &seed.cuts);
    if ranges.is_empty() {
        return None;
    }
    let label = label_override.unwrap_or(LABELS[seed.label % 4]);
    let mut attributes = BTreeMap::new();
    if let Some(pick) = seed.attr {
        match label {
            names::QUOTE => {
                let v = ["direct", "indirect", "mixed", ""];
                attributes.insert(names::KIND.to_string(), v[pick.index(v.len())].to_string());
            }
            names::SPEAKER => {
                attributes.insert(names::PERSON.to_string(), seed.person.clone());
            }
            names::CLAIM => {
                let v = ["yes", "no", ""];
                attributes.insert(
                    names::CHECK_WORTHY.to_string(),
                    v[pick.index(v.len())].to_string(),
                );
            }
            _ => {}
        }
    }
    Some(Annotation {
        id,
        label: label.to_string(),
        fragments: ranges.into_iter().map(|r| fragment(text, &index, r)).collect(),
        attributes,
        note: seed.note.clone(),
        created: seed.created.clone(),
        modified: seed.modified.clone(),
        annotators: Vec::new(),
        // Some annotations come from accepted suggestions.
        origin: seed.attr.filter(|_| seed.label < 2).map(|pick| {
            Box::new(Origin {
                by: seed.person.clone(),
                rule: seed.note.clone(),
                confidence: pick.index(1001) as f32 / 1000.0,
            })
        }),
    })
}

/// A rejected suggestion over the seed's fragments of `text`, its rule the
/// seed's note (none if the text is empty).
fn rejection_of(text: &str, seed: &AnnSeed) -> Option<Rejection> {
    let a = build_annotation(text, String::new(), seed, None)?;
    Some(Rejection {
        label: a.label,
        fragments: a.fragments,
        rule: a.note,
    })
}

/// Ids `PREFIX#N` are unique whatever the prefixes: N, the digits after the
/// last `#`, differs.
fn ann_id(prefix: &str, n: u64) -> String {
    format!("{prefix}#{n}")
}

/// Ids of annotations added by edits, `PREFIX#nN`: never one of [`ann_id`].
fn fresh_ann_id(prefix: &str, n: u64) -> String {
    format!("{prefix}#n{n}")
}

/// Relations of the default kinds between annotations of the right labels.
fn build_relations(anns: &[Annotation], seeds: &[RelSeed]) -> Vec<Relation> {
    let mut out = Vec::new();
    for (i, s) in seeds.iter().enumerate() {
        let (kind, from_label, to_label) = if s.said_by {
            (names::SAID_BY, names::QUOTE, names::SPEAKER)
        } else {
            (names::CUE_OF, names::CUE, names::QUOTE)
        };
        let from: Vec<&Annotation> = anns.iter().filter(|a| a.label == from_label).collect();
        let to: Vec<&Annotation> = anns.iter().filter(|a| a.label == to_label).collect();
        if from.is_empty() || to.is_empty() {
            continue;
        }
        out.push(Relation {
            id: format!("r\"\\{i}"),
            kind: kind.to_string(),
            from: s.from.get(&from).id.clone(),
            to: s.to.get(&to).id.clone(),
            attributes: Default::default(),
        });
    }
    out
}

fn build_document(id: String, seed: &DocSeed) -> Document {
    let anns: Vec<Annotation> = seed
        .anns
        .iter()
        .enumerate()
        .filter_map(|(i, a)| build_annotation(&seed.text, ann_id(&a.prefix, i as u64), a, None))
        .collect();
    let rels = build_relations(&anns, &seed.rels);
    let source = seed
        .source
        .clone()
        .map(|(url, outlet, date)| Source { url, outlet, date });
    let (doc, ..) = Document::from_parts(id, seed.title.clone(), source, seed.text.clone(), anns, rels);
    doc
}

/// The default tag set, plus a label with an awkward name (and attributes
/// whose values need escaping) when asked.
fn tagset_with(extra: Option<&str>) -> TagSet {
    let mut t = TagSet::default();
    // Relation attributes (format version 3), so that saved relations that
    // carry them validate and their round trip is checked.
    for r in &mut t.relations {
        r.attributes = REL_ATTRS
            .iter()
            .map(|n| AttributeDef {
                name: n.to_string(),
                values: vec![],
            })
            .collect();
    }
    if let Some(name) = extra {
        t.labels.push(LabelDef {
            name: format!("Extra {name}"),
            color: "#a0B0c0".into(),
            key: String::new(),
            attributes: vec![AttributeDef {
                name: format!("attr \"{name}\""),
                values: vec!["\\".into(), "\"x\"".into(), "line\nbreak".into()],
            }],
        });
    }
    t
}

fn build_project(seed: &ProjectSeed) -> Project {
    Project {
        people: Default::default(),
        name: seed.name.clone(),
        annotator: seed.annotator.clone(),
        tagset: tagset_with(seed.extra_label.as_deref()),
        documents: seed
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| build_document(format!("doc-{i}"), d))
            .collect(),
        conflicts: Vec::new(),
    }
}

/// Adds to one document a relation between one of its annotations and an id
/// no annotation has, as a file read without repair (or an importer) can hold
/// it: edits must not make it worse, and their undo must put it back.
fn with_dangling_relation(mut p: Project, (doc, which, to_missing): (Index, Index, bool)) -> Project {
    let i = doc.index(p.documents.len());
    let d = &p.documents[i];
    let anns: Vec<Annotation> = d.annotations().cloned().collect();
    if anns.is_empty() {
        return p;
    }
    let present = which.get(&anns).id.clone();
    let absent = "missing end".to_string();
    let (from, to) = if to_missing {
        (present, absent)
    } else {
        (absent, present)
    };
    let mut rels: Vec<Relation> = d.relations().cloned().collect();
    rels.push(Relation {
        id: "dangling".into(),
        kind: names::SAID_BY.into(),
        from,
        to,
        attributes: Default::default(),
    });
    let (rebuilt, ..) = Document::from_parts(
        d.id.clone(),
        d.title.clone(),
        d.source.clone(),
        d.text().to_string(),
        anns,
        rels,
    );
    p.documents[i] = rebuilt;
    p
}

// -------------------------------------------------------------- invariants

/// The model's invariants that every edit keeps, for projects built by this
/// file (which never holds a broken annotation).
fn check_invariants(p: &Project) -> Result<(), TestCaseError> {
    for d in &p.documents {
        // Rejections are kept in text order, none twice.
        for w in d.rejected().windows(2) {
            prop_assert!(w[0].sort_key() <= w[1].sort_key(), "rejections out of order");
            prop_assert!(w[0] != w[1], "a rejection twice");
        }
        let n = d.char_len();
        prop_assert_eq!(n, d.text().chars().count());
        for a in d.annotations() {
            prop_assert!(!a.fragments.is_empty(), "{} has no fragments", a.id);
            for f in &a.fragments {
                prop_assert!(
                    f.start < f.end && f.end <= n,
                    "{}: {}..{} in a text of {n}",
                    a.id,
                    f.start,
                    f.end
                );
                prop_assert_eq!(d.slice(f.range()), f.text.as_str());
                let found = d
                    .index()
                    .fragments_in(f.range())
                    .any(|(r, id)| r == f.range() && id == a.id);
                prop_assert!(found, "index misses {} {}..{}", a.id, f.start, f.end);
            }
            for w in a.fragments.windows(2) {
                prop_assert!(
                    w[0].end <= w[1].start,
                    "{}: fragments unsorted or overlapping",
                    a.id
                );
            }
        }
        // Nothing stale in the index: every hit is a fragment of a live annotation.
        for (r, id) in d.index().fragments_in(CharRange { start: 0, end: n }) {
            let a = d.annotation(id);
            prop_assert!(
                a.is_some_and(|a| a.fragments.iter().any(|f| f.range() == r)),
                "index has a stale fragment {id} {}..{}",
                r.start,
                r.end
            );
        }
        prop_assert_eq!(d.index().len(), d.annotation_count());
        let in_order: Vec<&Annotation> = d.annotations_in_order().collect();
        prop_assert_eq!(in_order.len(), d.annotation_count());
        let mut ids: Vec<&str> = in_order.iter().map(|a| a.id.as_str()).collect();
        prop_assert!(
            in_order.windows(2).all(|w| w[0].sort_key() <= w[1].sort_key()),
            "annotations_in_order is not in reading order"
        );
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), d.annotation_count(), "an annotation is listed twice");
    }
    Ok(())
}

/// The problems an edit must never introduce: offsets, covered text and
/// relation ends.
fn structural(problems: Vec<Problem>) -> Vec<Problem> {
    problems
        .into_iter()
        .filter(|p| {
            matches!(
                p.kind,
                ProblemKind::NoFragments
                    | ProblemKind::OutOfRange { .. }
                    | ProblemKind::EmptyFragment { .. }
                    | ProblemKind::OverlappingFragments
                    | ProblemKind::TextMismatch { .. }
                    | ProblemKind::MissingEndpoint(_)
                    | ProblemKind::DuplicateId
            )
        })
        .collect()
}

/// (c): save, open, compare.
/// The fragments of `p` that start or end inside a grapheme cluster.
fn split_clusters(p: &Project) -> Vec<Problem> {
    validate(p)
        .into_iter()
        .filter(|pr| matches!(pr.kind, ProblemKind::SplitCluster { .. }))
        .collect()
}

fn check_round_trip(p: &Project) -> Result<(), TestCaseError> {
    let text = project_to_string(p).map_err(|e| TestCaseError::fail(format!("cannot serialise: {e}")))?;
    let loaded =
        parse_project(&text, "x").map_err(|e| TestCaseError::fail(format!("cannot reopen: {e}\n{text}")))?;
    // A fragment that splits a grapheme cluster is reported on opening and
    // kept where it is: the same reports before and after, nothing else.
    let (splits, problems): (Vec<Problem>, Vec<Problem>) = loaded
        .problems
        .iter()
        .map(|lp| lp.problem.clone())
        .partition(|pr| matches!(pr.kind, ProblemKind::SplitCluster { .. }));
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    prop_assert!(
        problems.is_empty(),
        "problems after reopening: {:?}\n{}",
        problems,
        text
    );
    prop_assert_eq!(
        splits,
        split_clusters(p),
        "split clusters reported after reopening"
    );
    prop_assert!(&loaded.project == p, "reopened project differs\n{}", text);
    check_invariants(&loaded.project)?;
    let again = project_to_string(&loaded.project).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(again, text, "saving the reopened project gives other bytes");
    Ok(())
}

// ------------------------------------------------------------------- edits

/// Which document an edit aims at: an existing one, or one past the end.
#[derive(Clone, Debug)]
struct DocPick {
    at: Index,
    missing: bool,
}

fn doc_pick() -> impl Strategy<Value = DocPick> {
    (any::<Index>(), prop::bool::weighted(0.05)).prop_map(|(at, missing)| DocPick { at, missing })
}

#[derive(Clone, Copy, Debug)]
enum Bad {
    NoFragments,
    Empty,
    Reversed,
    OutOfRange,
    PastEnd,
    Huge,
    /// Two fragments, each covering its own text, that overlap.
    Overlapping,
    /// In range and non-empty, but storing other text than the text there.
    WrongText,
}

fn bad() -> impl Strategy<Value = Bad> {
    prop::sample::select(vec![
        Bad::NoFragments,
        Bad::Empty,
        Bad::Reversed,
        Bad::OutOfRange,
        Bad::PastEnd,
        Bad::Huge,
        Bad::Overlapping,
        Bad::WrongText,
    ])
}

#[derive(Clone, Copy, Debug)]
enum TagChoice {
    Default,
    WithoutClaim,
    Extra,
    Reversed,
    /// A tag set with a problem: two labels of one name.
    DuplicateLabel,
}

/// A user action, turned into a concrete `Edit` against the project as it is
/// when the action happens.
#[derive(Clone, Debug)]
enum Op {
    Add {
        doc: DocPick,
        seed: AnnSeed,
    },
    AddDuplicateId {
        doc: DocPick,
        which: Index,
        seed: AnnSeed,
    },
    AddBad {
        doc: DocPick,
        seed: AnnSeed,
        how: Bad,
    },
    DeleteMissing {
        doc: DocPick,
    },
    Delete {
        doc: DocPick,
        which: Index,
    },
    Replace {
        doc: DocPick,
        which: Index,
        seed: AnnSeed,
        keep_label: bool,
        merge: bool,
    },
    ReplaceBad {
        doc: DocPick,
        which: Index,
        how: Bad,
    },
    ReplaceMissing {
        doc: DocPick,
        seed: AnnSeed,
    },
    AddRelation {
        doc: DocPick,
        kind: usize,
        from: Index,
        to: Index,
    },
    AddRelationDuplicateId {
        doc: DocPick,
        which: Index,
        from: Index,
        to: Index,
    },
    AddRelationMissingEnd {
        doc: DocPick,
        from: Index,
        missing_from: bool,
    },
    RemoveRelation {
        doc: DocPick,
        which: Index,
    },
    RemoveRelationMissing {
        doc: DocPick,
    },
    /// Reject a suggestion over the seed's fragments (refused when the
    /// document has an equal rejection already).
    Reject {
        doc: DocPick,
        seed: AnnSeed,
    },
    /// Reject again one the document has: refused.
    RejectAgain {
        doc: DocPick,
        which: Index,
    },
    ForgetRejection {
        doc: DocPick,
        which: Index,
    },
    ForgetRejectionMissing {
        doc: DocPick,
        seed: AnnSeed,
    },
    SetTagSet(TagChoice),
    RenameLabel {
        from: Index,
        from_missing: bool,
        to: Index,
        to_fresh: Option<String>,
    },
    SetProjectInfo {
        name: String,
        annotator: String,
        merge: bool,
    },
    AddDocument {
        index: usize,
        seed: DocSeed,
    },
    RemoveDocument {
        index: usize,
    },
    // issue 13: progress (document status and attributes, relation attributes)
    SetStatus {
        doc: DocPick,
        status: usize,
    },
    SetDocAttribute {
        doc: DocPick,
        key: Option<String>,
        value: Option<String>,
    },
    SetRelationAttributes {
        doc: DocPick,
        which: Index,
        attrs: Vec<(usize, String)>,
    },
    SetRelationAttributesMissing {
        doc: DocPick,
    },
    Batch {
        ops: Vec<Op>,
        failing_tail: bool,
    },
    Undo,
    Redo,
    Save,
}

fn leaf_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (doc_pick(), ann_seed()).prop_map(|(doc, seed)| Op::Add { doc, seed }),
        1 => (doc_pick(), any::<Index>(), ann_seed()).prop_map(|(doc, which, seed)| Op::AddDuplicateId { doc, which, seed }),
        2 => (doc_pick(), ann_seed(), bad()).prop_map(|(doc, seed, how)| Op::AddBad { doc, seed, how }),
        1 => doc_pick().prop_map(|doc| Op::DeleteMissing { doc }),
        4 => (doc_pick(), any::<Index>()).prop_map(|(doc, which)| Op::Delete { doc, which }),
        3 => (doc_pick(), any::<Index>(), ann_seed(), any::<bool>(), any::<bool>())
            .prop_map(|(doc, which, seed, keep_label, merge)| Op::Replace { doc, which, seed, keep_label, merge }),
        1 => (doc_pick(), any::<Index>(), bad()).prop_map(|(doc, which, how)| Op::ReplaceBad { doc, which, how }),
        1 => (doc_pick(), ann_seed()).prop_map(|(doc, seed)| Op::ReplaceMissing { doc, seed }),
        4 => (doc_pick(), 0..3usize, any::<Index>(), any::<Index>())
            .prop_map(|(doc, kind, from, to)| Op::AddRelation { doc, kind, from, to }),
        1 => (doc_pick(), any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(doc, which, from, to)| Op::AddRelationDuplicateId { doc, which, from, to }),
        1 => (doc_pick(), any::<Index>(), any::<bool>())
            .prop_map(|(doc, from, missing_from)| Op::AddRelationMissingEnd { doc, from, missing_from }),
        2 => (doc_pick(), any::<Index>()).prop_map(|(doc, which)| Op::RemoveRelation { doc, which }),
        1 => doc_pick().prop_map(|doc| Op::RemoveRelationMissing { doc }),
        2 => (doc_pick(), ann_seed()).prop_map(|(doc, seed)| Op::Reject { doc, seed }),
        1 => (doc_pick(), any::<Index>()).prop_map(|(doc, which)| Op::RejectAgain { doc, which }),
        2 => (doc_pick(), any::<Index>()).prop_map(|(doc, which)| Op::ForgetRejection { doc, which }),
        1 => (doc_pick(), ann_seed()).prop_map(|(doc, seed)| Op::ForgetRejectionMissing { doc, seed }),
        1 => prop::sample::select(vec![TagChoice::Default, TagChoice::WithoutClaim, TagChoice::Extra, TagChoice::Reversed, TagChoice::DuplicateLabel])
            .prop_map(Op::SetTagSet),
        2 => (any::<Index>(), prop::bool::weighted(0.1), any::<Index>(), prop::option::weighted(0.7, nasty_string()))
            .prop_map(|(from, from_missing, to, to_fresh)| Op::RenameLabel { from, from_missing, to, to_fresh }),
        2 => (nasty_string(), nasty_string(), any::<bool>())
            .prop_map(|(name, annotator, merge)| Op::SetProjectInfo { name, annotator, merge }),
        1 => (0..5usize, doc_seed()).prop_map(|(index, seed)| Op::AddDocument { index, seed }),
        1 => (0..4usize).prop_map(|index| Op::RemoveDocument { index }),
        2 => (doc_pick(), 0..4usize).prop_map(|(doc, status)| Op::SetStatus { doc, status }),
        2 => (doc_pick(), prop::option::weighted(0.9, nasty_string()), prop::option::weighted(0.7, nasty_string()))
            .prop_map(|(doc, key, value)| Op::SetDocAttribute { doc, key, value }),
        2 => (doc_pick(), any::<Index>(), prop::collection::vec((0..REL_ATTRS.len(), nasty_string()), 0..3))
            .prop_map(|(doc, which, attrs)| Op::SetRelationAttributes { doc, which, attrs }),
        1 => doc_pick().prop_map(|doc| Op::SetRelationAttributesMissing { doc }),
    ]
}

/// The relation attributes the test tag set defines.
const REL_ATTRS: [&str; 2] = ["addressee", "certainty"];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        20 => leaf_op(),
        3 => (prop::collection::vec(leaf_op(), 0..5), prop::bool::weighted(0.3))
            .prop_map(|(ops, failing_tail)| Op::Batch { ops, failing_tail }),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
        1 => Just(Op::Save),
    ]
}

/// A concrete edit and what it should do.
struct Resolved {
    edit: Edit,
    should_succeed: bool,
    merge_key: Option<String>,
}

struct Resolver {
    fresh: u64,
}

impl Resolver {
    fn fresh(&mut self) -> u64 {
        self.fresh += 1;
        self.fresh
    }

    fn doc(&self, p: &Project, pick: &DocPick) -> Option<usize> {
        if pick.missing || p.documents.is_empty() {
            None
        } else {
            Some(pick.at.index(p.documents.len()))
        }
    }

    /// A document index that does not exist.
    fn missing_doc(p: &Project, pick: &DocPick) -> usize {
        p.documents.len() + pick.at.index(3)
    }

    fn resolve(&mut self, p: &Project, op: &Op) -> Option<Resolved> {
        let ok = |edit| Resolved {
            edit,
            should_succeed: true,
            merge_key: None,
        };
        let err = |edit| Resolved {
            edit,
            should_succeed: false,
            merge_key: None,
        };
        // Per-document actions aimed at a missing document must fail.
        let with_doc = |pick: &DocPick| -> Result<(usize, &Document), usize> {
            match self.doc(p, pick) {
                Some(i) => Ok((i, &p.documents[i])),
                None => Err(Self::missing_doc(p, pick)),
            }
        };
        let ids = |d: &Document| -> Vec<String> { d.annotations().map(|a| a.id.clone()).collect() };
        let rel_ids = |d: &Document| -> Vec<String> { d.relations().map(|r| r.id.clone()).collect() };
        Some(match op {
            Op::Add { doc, seed } => match with_doc(doc) {
                Ok((i, d)) => {
                    let id = fresh_ann_id(&seed.prefix, self.fresh());
                    let a = build_annotation(d.text(), id, seed, None)?;
                    ok(Edit::AddAnnotation {
                        doc: i,
                        annotation: a,
                    })
                }
                Err(i) => {
                    let a =
                        build_annotation("some text", fresh_ann_id(&seed.prefix, self.fresh()), seed, None)?;
                    err(Edit::AddAnnotation {
                        doc: i,
                        annotation: a,
                    })
                }
            },
            Op::AddDuplicateId { doc, which, seed } => {
                let (i, d) = with_doc(doc).ok()?;
                let existing = ids(d);
                if existing.is_empty() {
                    return None;
                }
                let a = build_annotation(d.text(), which.get(&existing).clone(), seed, None)?;
                err(Edit::AddAnnotation {
                    doc: i,
                    annotation: a,
                })
            }
            Op::AddBad { doc, seed, how } => {
                let (i, d) = match with_doc(doc) {
                    Ok(x) => x,
                    Err(i) => (i, &Document::default()),
                };
                let mut a = build_annotation(
                    "placeholder",
                    fresh_ann_id(&seed.prefix, self.fresh()),
                    seed,
                    None,
                )?;
                a.fragments = bad_fragments(d, *how);
                err(Edit::AddAnnotation {
                    doc: i,
                    annotation: a,
                })
            }
            Op::DeleteMissing { doc } => {
                let i = with_doc(doc).map_or_else(|i| i, |(i, _)| i);
                err(Edit::DeleteAnnotation {
                    doc: i,
                    id: "no such annotation".into(),
                })
            }
            Op::Delete { doc, which } => {
                let (i, d) = with_doc(doc).ok()?;
                let existing = ids(d);
                if existing.is_empty() {
                    return None;
                }
                ok(Edit::DeleteAnnotation {
                    doc: i,
                    id: which.get(&existing).clone(),
                })
            }
            Op::Replace {
                doc,
                which,
                seed,
                keep_label,
                merge,
            } => {
                let (i, d) = with_doc(doc).ok()?;
                let existing = ids(d);
                if existing.is_empty() {
                    return None;
                }
                let id = which.get(&existing).clone();
                let old_label = d.annotation(&id).map(|a| a.label.clone());
                let label = if *keep_label { old_label.as_deref() } else { None };
                let a = build_annotation(d.text(), id.clone(), seed, label)?;
                Resolved {
                    merge_key: merge.then(|| format!("note {i} {id}")),
                    ..ok(Edit::ReplaceAnnotation {
                        doc: i,
                        annotation: a,
                    })
                }
            }
            Op::ReplaceBad { doc, which, how } => {
                let (i, d) = with_doc(doc).ok()?;
                let existing = ids(d);
                if existing.is_empty() {
                    return None;
                }
                let mut a = d.annotation(which.get(&existing).as_str())?.clone();
                a.fragments = bad_fragments(d, *how);
                err(Edit::ReplaceAnnotation {
                    doc: i,
                    annotation: a,
                })
            }
            Op::ReplaceMissing { doc, seed } => {
                let (i, d) = with_doc(doc).ok()?;
                let a = build_annotation(d.text(), "no such annotation".into(), seed, None)?;
                err(Edit::ReplaceAnnotation {
                    doc: i,
                    annotation: a,
                })
            }
            Op::AddRelation { doc, kind, from, to } => {
                let (i, d) = with_doc(doc).ok()?;
                let existing = ids(d);
                if existing.is_empty() {
                    return None;
                }
                // The model links any two annotations (the tag set may change);
                // only the ends must exist. Mostly the right labels, though.
                let pick = |label: &str, at: &Index| -> String {
                    let of_label: Vec<&Annotation> = d.annotations().filter(|a| a.label == label).collect();
                    if of_label.is_empty() {
                        at.get(&existing).clone()
                    } else {
                        at.get(&of_label).id.clone()
                    }
                };
                let (kind, from, to) = match kind {
                    0 => (names::SAID_BY, pick(names::QUOTE, from), pick(names::SPEAKER, to)),
                    1 => (names::CUE_OF, pick(names::CUE, from), pick(names::QUOTE, to)),
                    _ => (
                        "unknown kind",
                        from.get(&existing).clone(),
                        to.get(&existing).clone(),
                    ),
                };
                ok(Edit::AddRelation {
                    doc: i,
                    relation: Relation {
                        id: format!("rel \"{}\"", self.fresh()),
                        kind: kind.into(),
                        from,
                        to,
                        attributes: Default::default(),
                    },
                })
            }
            Op::AddRelationDuplicateId { doc, which, from, to } => {
                let (i, d) = with_doc(doc).ok()?;
                let (existing, rels) = (ids(d), rel_ids(d));
                if existing.is_empty() || rels.is_empty() {
                    return None;
                }
                err(Edit::AddRelation {
                    doc: i,
                    relation: Relation {
                        id: which.get(&rels).clone(),
                        kind: names::SAID_BY.into(),
                        from: from.get(&existing).clone(),
                        to: to.get(&existing).clone(),
                        attributes: Default::default(),
                    },
                })
            }
            Op::AddRelationMissingEnd {
                doc,
                from,
                missing_from,
            } => {
                let (i, d) = with_doc(doc).ok()?;
                let existing = ids(d);
                let present = if existing.is_empty() {
                    "also missing".to_string()
                } else {
                    from.get(&existing).clone()
                };
                let absent = "no such annotation".to_string();
                let (from, to) = if *missing_from {
                    (absent, present)
                } else {
                    (present, absent)
                };
                err(Edit::AddRelation {
                    doc: i,
                    relation: Relation {
                        id: format!("rel {}", self.fresh()),
                        kind: names::SAID_BY.into(),
                        from,
                        to,
                        attributes: Default::default(),
                    },
                })
            }
            Op::RemoveRelation { doc, which } => {
                let (i, d) = with_doc(doc).ok()?;
                let rels = rel_ids(d);
                if rels.is_empty() {
                    return None;
                }
                ok(Edit::RemoveRelation {
                    doc: i,
                    id: which.get(&rels).clone(),
                })
            }
            Op::SetStatus { doc, status } => {
                let status = Status::ALL[status % Status::ALL.len()];
                match with_doc(doc) {
                    Ok((i, _)) => ok(Edit::SetDocumentStatus { doc: i, status }),
                    Err(i) => err(Edit::SetDocumentStatus { doc: i, status }),
                }
            }
            Op::SetDocAttribute { doc, key, value } => {
                // No key: an empty one, refused.
                let key = key.clone().unwrap_or_default();
                let edit = |doc| Edit::SetDocumentAttribute {
                    doc,
                    key: key.clone(),
                    value: value.clone(),
                };
                match with_doc(doc) {
                    Ok((i, _)) if !key.trim().is_empty() => ok(edit(i)),
                    Ok((i, _)) | Err(i) => err(edit(i)),
                }
            }
            Op::SetRelationAttributes { doc, which, attrs } => {
                let (i, d) = with_doc(doc).ok()?;
                let rels = rel_ids(d);
                if rels.is_empty() {
                    return None;
                }
                let attributes = attrs
                    .iter()
                    .map(|(k, v)| (REL_ATTRS[*k].to_string(), v.clone()))
                    .collect();
                ok(Edit::SetRelationAttributes {
                    doc: i,
                    id: which.get(&rels).clone(),
                    attributes,
                })
            }
            Op::SetRelationAttributesMissing { doc } => {
                let i = match with_doc(doc) {
                    Ok((i, _)) | Err(i) => i,
                };
                err(Edit::SetRelationAttributes {
                    doc: i,
                    id: "no-such-relation".into(),
                    attributes: Default::default(),
                })
            }
            Op::Reject { doc, seed } => {
                let (i, rejection) = match with_doc(doc) {
                    Ok((i, d)) => (Ok(i), rejection_of(d.text(), seed)?),
                    Err(i) => (Err(i), rejection_of("a stand-in text", seed)?),
                };
                match i {
                    Ok(i) if !p.documents[i].rejected().contains(&rejection) => {
                        ok(Edit::Reject { doc: i, rejection })
                    }
                    Ok(i) | Err(i) => err(Edit::Reject { doc: i, rejection }),
                }
            }
            Op::RejectAgain { doc, which } => {
                let (i, d) = with_doc(doc).ok()?;
                let rejection = which.get(d.rejected().get(..).filter(|r| !r.is_empty())?).clone();
                err(Edit::Reject { doc: i, rejection })
            }
            Op::ForgetRejection { doc, which } => {
                let (i, d) = with_doc(doc).ok()?;
                let rejection = which.get(d.rejected().get(..).filter(|r| !r.is_empty())?).clone();
                ok(Edit::ForgetRejection { doc: i, rejection })
            }
            Op::ForgetRejectionMissing { doc, seed } => {
                let (i, text) = match with_doc(doc) {
                    Ok((i, d)) => (i, d.text()),
                    Err(i) => (i, "a stand-in text"),
                };
                let rejection = rejection_of(text, seed)?;
                if p.documents
                    .get(i)
                    .is_some_and(|d| d.rejected().contains(&rejection))
                {
                    return None;
                }
                err(Edit::ForgetRejection { doc: i, rejection })
            }
            Op::RemoveRelationMissing { doc } => {
                let i = with_doc(doc).map_or_else(|i| i, |(i, _)| i);
                err(Edit::RemoveRelation {
                    doc: i,
                    id: "no such relation".into(),
                })
            }
            Op::SetTagSet(choice) => {
                let mut t = TagSet::default();
                match choice {
                    TagChoice::Default => {}
                    TagChoice::WithoutClaim => t.labels.retain(|l| l.name != names::CLAIM),
                    TagChoice::Extra => t = tagset_with(Some("“added” \\ label")),
                    TagChoice::Reversed => {
                        t.labels.reverse();
                        t.relations.reverse();
                    }
                    TagChoice::DuplicateLabel => {
                        let mut again = t.labels[0].clone();
                        again.key = String::new();
                        t.labels.push(again);
                    }
                }
                ok(Edit::SetTagSet(t))
            }
            Op::RenameLabel {
                from,
                from_missing,
                to,
                to_fresh,
            } => {
                let labels: Vec<String> = p.tagset.labels.iter().map(|l| l.name.clone()).collect();
                let from = if *from_missing || labels.is_empty() {
                    "No such label".to_string()
                } else {
                    from.get(&labels).clone()
                };
                let to = match to_fresh {
                    Some(s) => format!("Renamed {s} {}", self.fresh()),
                    None if !labels.is_empty() => to.get(&labels).clone(),
                    None => from.clone(),
                };
                // The rule the model promises: `from` is one label (not two of
                // one name), and `to` is used nowhere (tag set labels, relation
                // kind ends, annotations).
                let to_in_use = p.tagset.label(&to).is_some()
                    || p.tagset.relations.iter().any(|r| r.from == to || r.to == to)
                    || p.documents.iter().any(|d| d.annotations().any(|a| a.label == to));
                let edit = Edit::RenameLabel {
                    from: from.clone(),
                    to,
                };
                let from_once = labels.iter().filter(|l| **l == from).count() == 1;
                if from_once && !to_in_use {
                    ok(edit)
                } else {
                    err(edit)
                }
            }
            Op::SetProjectInfo {
                name,
                annotator,
                merge,
            } => Resolved {
                merge_key: merge.then(|| "project info".to_string()),
                ..ok(Edit::SetProjectInfo {
                    name: name.clone(),
                    annotator: annotator.clone(),
                })
            },
            Op::AddDocument { index, seed } => {
                let id = format!("added-{}", self.fresh());
                ok(Edit::AddDocument {
                    index: *index,
                    document: Box::new(build_document(id, seed)),
                })
            }
            Op::RemoveDocument { index } => {
                let edit = Edit::RemoveDocument { index: *index };
                if *index < p.documents.len() {
                    ok(edit)
                } else {
                    err(edit)
                }
            }
            Op::Batch { ops, failing_tail } => {
                // Each member is resolved against the project as the members
                // before it leave it, so most batches are valid.
                let mut scratch = p.clone();
                let mut edits = Vec::new();
                let mut should_succeed = true;
                for op in ops {
                    let Some(r) = self.resolve(&scratch, op) else {
                        continue;
                    };
                    let applied = r.edit.clone().apply(&mut scratch);
                    if applied.is_ok() != r.should_succeed {
                        // Reported by the caller when applied for real.
                        should_succeed = false;
                    }
                    if !r.should_succeed {
                        should_succeed = false;
                    }
                    edits.push(r.edit);
                }
                if *failing_tail {
                    edits.push(Edit::RemoveDocument { index: usize::MAX });
                    should_succeed = false;
                }
                Resolved {
                    edit: Edit::Batch(edits),
                    should_succeed,
                    merge_key: None,
                }
            }
            Op::Undo | Op::Redo | Op::Save => return None,
        })
    }
}

/// Fragments the model must refuse.
fn bad_fragments(d: &Document, how: Bad) -> Vec<Fragment> {
    let n = d.char_len();
    let frag = |start: usize, end: usize| Fragment {
        start,
        end,
        text: d.slice(CharRange { start, end }).to_string(),
    };
    match how {
        Bad::NoFragments => Vec::new(),
        Bad::Empty => vec![frag(n / 2, n / 2)],
        Bad::Reversed => vec![Fragment {
            start: n,
            end: 0,
            text: String::new(),
        }],
        Bad::OutOfRange => vec![frag(n, n + 3)],
        Bad::PastEnd => {
            let mut v = Vec::new();
            if n > 0 {
                v.push(frag(0, 1));
            }
            v.push(frag(n.saturating_sub(1), n + 1));
            v
        }
        Bad::Huge => vec![Fragment {
            start: usize::MAX - 1,
            end: usize::MAX,
            text: "x".into(),
        }],
        Bad::Overlapping => {
            // 0..m and m-1..n overlap by one char (or are one range twice).
            let m = (n / 2).max(1);
            vec![frag(0, m), frag(m - 1, n.max(1))]
        }
        Bad::WrongText => {
            let mut f = frag(0, n.max(1));
            f.text.push('\u{fffd}');
            vec![f]
        }
    }
}

// ---------------------------------------------------- reference history

/// What `History` should do, kept as whole-project snapshots.
#[derive(Default)]
struct ModelHistory {
    /// (project before the step, label, merge key, step number)
    undo: Vec<(Project, String, Option<String>, u64)>,
    /// (project after the step, label, step number)
    redo: Vec<(Project, String, u64)>,
    next_seq: u64,
    saved_seq: u64,
}

impl ModelHistory {
    fn state(&self) -> u64 {
        self.undo.last().map_or(0, |e| e.3)
    }
    fn performed(&mut self, before: Project, label: String, key: Option<String>) {
        self.redo.clear();
        if let (Some(k), Some(top)) = (&key, self.undo.last())
            && top.2.as_ref() == Some(k)
            && top.3 != self.saved_seq
        {
            return;
        }
        self.next_seq += 1;
        self.undo.push((before, label, key, self.next_seq));
    }
    fn is_dirty(&self) -> bool {
        self.state() != self.saved_seq
    }
}

fn label_of(e: &Edit) -> String {
    match e {
        Edit::AddAnnotation { .. } => "Add annotation",
        Edit::DeleteAnnotation { .. } => "Delete annotation",
        Edit::ReplaceAnnotation { .. } => "Edit annotation",
        Edit::AddRelation { .. } => "Link",
        Edit::RemoveRelation { .. } => "Unlink",
        Edit::SetTagSet(_) => "Edit tag set",
        Edit::RenameLabel { .. } => "Rename label",
        Edit::SetProjectInfo { .. } => "Project info",
        Edit::AddDocument { .. } => "Add document",
        Edit::RemoveDocument { .. } => "Remove document",
        Edit::Decide { .. } => "Review decision",
        Edit::Reject { .. } => "Reject suggestion",
        Edit::ForgetRejection { .. } => "Forget rejection",
        Edit::SetDocumentStatus { .. } => "Document status",
        Edit::SetDocumentAttribute { .. } => "Document attribute",
        Edit::SetRelationAttributes { .. } => "Relation attributes",
        // issue 14: people
        Edit::AddPerson(_) => "Add person",
        Edit::RemovePerson { .. } => "Remove person",
        Edit::SetPerson(_) => "Edit person",
        Edit::RenamePerson { .. } => "Rename person",
        Edit::MergePeople { .. } => "Merge people",
        Edit::SplitMention { .. } => "Split mention",
        // issue 17: git
        Edit::SetProjectConflicts(_) => "Settle merge conflict",
        Edit::Batch(_) => "Several changes",
        Edit::Inverse(_) => "Undo",
    }
    .to_string()
}

/// Runs `ops` on `project` through `History`, checking (a), (b), (c) and (d)
/// after every step, then undoes everything and redoes everything.
fn run_session(project: Project, ops: &[Op]) -> Result<(), TestCaseError> {
    let original = project.clone();
    let mut p = project;
    let mut history = History::default();
    let mut model = ModelHistory::default();
    let mut resolver = Resolver { fresh: 0 };
    check_invariants(&p)?;
    for (step, op) in ops.iter().enumerate() {
        match op {
            Op::Undo => {
                let current = p.clone();
                let got = history.undo(&mut p);
                match model.undo.pop() {
                    None => prop_assert!(
                        matches!(got, Ok(None)),
                        "step {step}: undo with nothing to undo: {got:?}"
                    ),
                    Some((before, label, _, seq)) => {
                        let got =
                            got.map_err(|e| TestCaseError::fail(format!("step {step}: undo failed: {e}")))?;
                        prop_assert_eq!(got.map(|s| s.label), Some(label.clone()), "step {}: undo", step);
                        prop_assert!(p == before, "step {step}: undo did not restore the project");
                        model.redo.push((current, label, seq));
                    }
                }
            }
            Op::Redo => {
                let current = p.clone();
                let got = history.redo(&mut p);
                match model.redo.pop() {
                    None => prop_assert!(
                        matches!(got, Ok(None)),
                        "step {step}: redo with nothing to redo: {got:?}"
                    ),
                    Some((after, label, seq)) => {
                        let got =
                            got.map_err(|e| TestCaseError::fail(format!("step {step}: redo failed: {e}")))?;
                        prop_assert_eq!(got.map(|s| s.label), Some(label.clone()), "step {}: redo", step);
                        prop_assert!(p == after, "step {step}: redo did not repeat the step");
                        model.undo.push((current, label, None, seq));
                    }
                }
            }
            Op::Save => {
                history.mark_saved();
                model.saved_seq = model.state();
                if validate(&p).is_empty() {
                    check_round_trip(&p)?;
                } else {
                    prop_assert!(project_to_string(&p).is_ok());
                }
            }
            _ => {
                let Some(r) = resolver.resolve(&p, op) else {
                    continue;
                };
                let before = p.clone();
                let problems_before = structural(validate(&p));
                let (could_undo, could_redo) = (history.can_undo(), history.can_redo());
                let undo_label = history.undo_label().map(str::to_owned);
                let label = label_of(&r.edit);
                let shown = format!("{:?}", r.edit);
                let result = history.perform(&mut p, r.edit, label.clone(), r.merge_key.clone());
                match result {
                    Ok(()) => {
                        prop_assert!(
                            r.should_succeed,
                            "step {step}: accepted an edit that should fail: {shown}"
                        );
                        model.performed(before, label, r.merge_key);
                    }
                    Err(e) => {
                        prop_assert!(
                            !r.should_succeed,
                            "step {step}: refused a valid edit ({e}): {shown}"
                        );
                        // (d) nothing changed, not even the history.
                        prop_assert!(
                            p == before,
                            "step {step}: a failed edit changed the project: {shown}"
                        );
                        prop_assert_eq!(history.can_undo(), could_undo);
                        prop_assert_eq!(history.can_redo(), could_redo);
                        prop_assert_eq!(history.undo_label().map(str::to_owned), undo_label);
                    }
                }
                // (a) no new structural problem.
                for problem in structural(validate(&p)) {
                    prop_assert!(
                        problems_before.contains(&problem),
                        "step {step}: new problem {problem} after {shown}"
                    );
                }
            }
        }
        check_invariants(&p)?;
        prop_assert_eq!(
            history.is_dirty(),
            model.is_dirty(),
            "step {}: unsaved-changes marker",
            step
        );
        prop_assert_eq!(history.can_undo(), !model.undo.is_empty());
        prop_assert_eq!(history.can_redo(), !model.redo.is_empty());
    }
    // (b) from the newest state (redo what the session left undone), undo
    // everything, then redo everything.
    while history.can_redo() {
        let redone = history.redo(&mut p);
        prop_assert!(matches!(redone, Ok(Some(_))), "a redo step failed: {:?}", redone);
    }
    let last = p.clone();
    while history.can_undo() {
        let label = history.undo_label().map(str::to_owned);
        let before = p.clone();
        let undone = history.undo(&mut p);
        prop_assert!(
            matches!(undone, Ok(Some(_))),
            "undo of {:?} failed ({:?}) on {:#?}",
            label,
            undone,
            before
        );
        check_invariants(&p)?;
    }
    prop_assert!(
        p == original,
        "undoing every step did not restore the first project"
    );
    while history.can_redo() {
        let redone = history.redo(&mut p);
        prop_assert!(matches!(redone, Ok(Some(_))), "a redo step failed: {:?}", redone);
        check_invariants(&p)?;
    }
    prop_assert!(p == last, "redoing every step did not give the last project");
    Ok(())
}

// ------------------------------------------------------------------ tests

proptest! {
    #![proptest_config(config(256))]

    /// (a), (b) and (d): random sessions of edits, undo, redo and saves.
    #[test]
    fn edits_keep_invariants_and_undo_exactly(
        seed in project_seed(),
        dangling in prop::option::weighted(0.3, (any::<Index>(), any::<Index>(), any::<bool>())),
        ops in prop::collection::vec(op(), 0..40),
    ) {
        let mut p = build_project(&seed);
        if let Some(pick) = dangling {
            p = with_dangling_relation(p, pick);
        }
        run_session(p, &ops)?;
    }

    /// (c): save -> open is the identity for any generated project.
    #[test]
    fn save_then_open_is_identity(seed in project_seed()) {
        let p = build_project(&seed);
        // Random offsets may cut an emoji or a flag: such spans must survive
        // save and open as they are (and are reported), like any other.
        let problems: Vec<String> = validate(&p)
            .iter()
            .filter(|pr| !matches!(pr.kind, ProblemKind::SplitCluster { .. }))
            .map(ToString::to_string)
            .collect();
        prop_assert!(problems.is_empty(), "generated project has problems: {:?}", problems);
        check_invariants(&p)?;
        check_round_trip(&p)?;
    }

    /// Char offsets: `TextIndex` agrees with counting chars, on any text.
    #[test]
    fn text_index_counts_chars(text in article_text(), a in any::<Index>(), b in any::<Index>()) {
        let index = TextIndex::new(&text);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        prop_assert_eq!(index.char_len(), chars.len());
        for (c, &(byte, ch)) in chars.iter().enumerate() {
            prop_assert_eq!(index.char_to_byte(&text, c), byte);
            prop_assert_eq!(index.byte_to_char(&text, byte), c);
            if ch.len_utf8() > 1 {
                prop_assert_eq!(index.byte_to_char(&text, byte + 1), c);
            }
        }
        let r = CharRange::new(a.index(chars.len() + 1), b.index(chars.len() + 1));
        let expected: String = text.chars().skip(r.start).take(r.len()).collect();
        prop_assert_eq!(index.slice(&text, r), expected.as_str());
    }
}

// ------------------------------------------------------- fixed, pinned
//
// Found by the properties above when the model still allowed them; each is
// now refused up front or undone exactly.

fn small_project() -> Project {
    let text = "“We act,” she said.";
    let (doc, ..) = Document::from_parts(
        "d".into(),
        "t".into(),
        None,
        text.into(),
        vec![
            annotation(text, "q", names::QUOTE, &[(1, 7)]),
            annotation(text, "s", names::SPEAKER, &[(10, 13)]),
        ],
        vec![Relation {
            id: "r".into(),
            kind: names::SAID_BY.into(),
            from: "q".into(),
            to: "s".into(),
            attributes: Default::default(),
        }],
    );
    Project {
        people: Default::default(),
        name: "p".into(),
        annotator: "a".into(),
        tagset: TagSet::default(),
        documents: vec![doc],
        conflicts: Vec::new(),
    }
}

/// `small_project` as a file read without repair could hold it: the relation
/// `r` points from `q` to a speaker `s` that is not there.
fn project_with_dangling_relation() -> Project {
    let p = small_project();
    let d = &p.documents[0];
    let (doc, ..) = Document::from_parts(
        d.id.clone(),
        d.title.clone(),
        None,
        d.text().into(),
        d.annotations().filter(|a| a.id != "s").cloned().collect(),
        d.relations().cloned().collect(),
    );
    Project {
        people: Default::default(),
        documents: vec![doc],
        ..p
    }
}

fn annotation(text: &str, id: &str, label: &str, ranges: &[(usize, usize)]) -> Annotation {
    let index = TextIndex::new(text);
    Annotation {
        id: id.into(),
        label: label.into(),
        fragments: ranges
            .iter()
            .map(|&(start, end)| fragment(text, &index, CharRange { start, end }))
            .collect(),
        attributes: BTreeMap::new(),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        annotators: Vec::new(),
        origin: None,
    }
}

/// The label of the step `History::undo` undid; fails if it was refused.
fn undone(h: &mut History, p: &mut Project) -> Option<String> {
    h.undo(p).expect("the undo applies").map(|s| s.label)
}

fn delete(id: &str) -> Edit {
    Edit::DeleteAnnotation {
        doc: 0,
        id: id.into(),
    }
}

fn unlink(id: &str) -> Edit {
    Edit::RemoveRelation {
        doc: 0,
        id: id.into(),
    }
}

/// Was: a bare `RemoveAnnotation` left relation `r` pointing at the removed
/// speaker; unlinking `r` then could not be undone (its inverse refused the
/// missing end), and the relation was lost. Now the only removal takes the
/// relation with it, so nothing dangles; and a relation that does dangle (in
/// a file read without repair) is unlinked and put back exactly.
#[test]
fn undo_of_unlinking_a_relation_whose_end_is_gone() {
    let original = small_project();
    let mut p = original.clone();
    let mut h = History::default();
    assert!(h.perform(&mut p, delete("s"), "remove", None).is_ok());
    assert!(
        p.documents[0].relation("r").is_none(),
        "the relation went with its end"
    );
    assert_eq!(validate(&p), vec![], "nothing dangles");
    assert_eq!(
        h.perform(&mut p, unlink("r"), "unlink", None),
        Err(EditError::NoRelation("r".into()))
    );
    assert_eq!(undone(&mut h, &mut p).as_deref(), Some("remove"));
    assert!(p == original, "undo did not restore the project");

    let original = project_with_dangling_relation();
    let mut p = original.clone();
    let mut h = History::default();
    assert!(h.perform(&mut p, unlink("r"), "unlink", None).is_ok());
    assert!(p.documents[0].relation("r").is_none());
    assert_eq!(
        undone(&mut h, &mut p).as_deref(),
        Some("unlink"),
        "undo of the unlink failed"
    );
    assert!(p == original, "undo did not restore the project");
}

/// Was: the same cause, through the window's Delete of the other end of such
/// a relation: its undo re-added the relation and was refused.
#[test]
fn undo_of_deleting_an_annotation_linked_by_a_dangling_relation() {
    let original = small_project();
    let mut p = original.clone();
    let mut h = History::default();
    assert!(h.perform(&mut p, delete("s"), "remove", None).is_ok());
    assert!(h.perform(&mut p, delete("q"), "delete", None).is_ok());
    assert_eq!(
        undone(&mut h, &mut p).as_deref(),
        Some("delete"),
        "undo of the delete failed"
    );
    assert_eq!(undone(&mut h, &mut p).as_deref(), Some("remove"));
    assert!(p == original, "undo did not restore the project");

    let original = project_with_dangling_relation();
    let mut p = original.clone();
    let mut h = History::default();
    assert!(h.perform(&mut p, delete("q"), "delete", None).is_ok());
    assert_eq!(
        p.documents[0].relations().count(),
        0,
        "the dangling relation went too"
    );
    assert_eq!(
        undone(&mut h, &mut p).as_deref(),
        Some("delete"),
        "undo of the delete failed"
    );
    assert!(p == original, "undo did not restore the project");
}

/// `small_project` whose tag set holds two labels named "Quote" (a file can;
/// `validate` reports it).
fn project_with_two_quote_labels() -> Project {
    let mut p = small_project();
    let mut again = p.tagset.labels[0].clone();
    again.key = String::new();
    p.tagset.labels.push(again);
    p
}

/// Was: `RenameLabel` renamed the first of two labels of one name, so its
/// inverse found the name still in use and failed: the undo was dropped and
/// the annotations kept the new name. Now the rename is refused up front,
/// and once the tag set is unambiguous it is undone exactly.
#[test]
fn rename_of_one_of_two_labels_of_one_name() {
    let original = project_with_two_quote_labels();
    let mut p = original.clone();
    let mut h = History::default();
    let rename = || Edit::RenameLabel {
        from: names::QUOTE.into(),
        to: "Q2".into(),
    };
    assert_eq!(
        h.perform(&mut p, rename(), "rename", None),
        Err(EditError::AmbiguousLabel(names::QUOTE.into()))
    );
    assert!(p == original, "a refused rename changed the project");
    assert!(!h.can_undo());

    // The user renames the second label in the tag set first; then it works.
    let mut tags = p.tagset.clone();
    tags.labels[4].name = "Quote (2)".into();
    assert!(h.perform(&mut p, Edit::SetTagSet(tags), "tags", None).is_ok());
    let before = p.clone();
    assert!(h.perform(&mut p, rename(), "rename", None).is_ok());
    assert_eq!(
        p.documents[0].annotation("q").map(|a| a.label.as_str()),
        Some("Q2")
    );
    assert_eq!(
        undone(&mut h, &mut p).as_deref(),
        Some("rename"),
        "undo of the rename failed"
    );
    assert!(p == before, "undo did not restore the project");
    assert_eq!(undone(&mut h, &mut p).as_deref(), Some("tags"));
    assert!(p == original, "undo did not restore the project");
}

/// Was: a batch whose rename (of such a label) is followed by a failing edit
/// was not rolled back, though a failed edit must change nothing. Now the
/// rename fails first; and a rename that succeeds is rolled back when a
/// later member of its batch fails.
#[test]
fn failed_batch_with_a_rename_changes_nothing() {
    let original = project_with_two_quote_labels();
    let mut p = original.clone();
    let rename = |from: &str| Edit::RenameLabel {
        from: from.into(),
        to: "Q2".into(),
    };
    let failing = Edit::Batch(vec![rename(names::QUOTE), Edit::RemoveDocument { index: 99 }]);
    assert!(failing.apply(&mut p).is_err());
    assert!(p == original, "a failed batch changed the project");

    let failing = Edit::Batch(vec![
        rename(names::SPEAKER),
        delete("q"),
        Edit::RemoveDocument { index: 99 },
    ]);
    assert_eq!(failing.apply(&mut p), Err(EditError::NoDocument(99)));
    assert!(p == original, "a failed batch changed the project");
}

/// Was: `AddAnnotation` and `ReplaceAnnotation` accepted fragments that
/// overlap each other or whose stored text is not the text at their offsets;
/// `validate` reported both, and opening the saved file set such an
/// annotation aside (hidden). Now the model refuses them like out-of-range
/// fragments, saying what is wrong.
#[test]
fn edits_refuse_what_validate_rejects() {
    let p0 = small_project();
    let text = p0.documents[0].text().to_string();
    let overlapping = annotation(&text, "q", names::QUOTE, &[(1, 5), (3, 7)]);
    let mut wrong_text = annotation(&text, "q", names::QUOTE, &[(1, 5)]);
    wrong_text.fragments[0].text = "nope".into();
    for a in [overlapping, wrong_text] {
        for (edit, id) in [
            (
                Edit::AddAnnotation {
                    doc: 0,
                    annotation: Annotation {
                        id: "new".into(),
                        ..a.clone()
                    },
                },
                "new",
            ),
            (
                Edit::ReplaceAnnotation {
                    doc: 0,
                    annotation: a.clone(),
                },
                "q",
            ),
        ] {
            let mut p = p0.clone();
            let result = edit.apply(&mut p);
            assert!(
                matches!(
                    &result,
                    Err(EditError::BadFragments { id: got, problem })
                        if got == id && matches!(
                            problem,
                            ProblemKind::OverlappingFragments | ProblemKind::TextMismatch { .. }
                        )
                ),
                "accepted {:?} ({result:?}); validate then says {:?}",
                a.fragments,
                validate(&p).iter().map(ToString::to_string).collect::<Vec<_>>()
            );
            assert!(p == p0, "a refused edit changed the project");
        }
    }
}

/// Found by reading `repair::find_near` and confirmed by the `load_project`
/// fuzz target (`fuzz/regressions/`): a fragment near `usize::MAX` whose text
/// is not in the document makes `near + REANCHOR_WINDOW + n` overflow
/// (src/model/repair.rs), a panic in debug builds. Opening must not panic.
#[test]
fn open_file_with_fragment_at_huge_offset() {
    let file = "(format_version:1,documents:[(id:\"\",text:\"\",annotations:[(id:\"\",label:\"\",\
                fragments:[(start:18446744073709549615,end:18446744073709551615,text:\"a\")])])])";
    let loaded = parse_project(file, "x").expect("opens");
    assert!(!loaded.problems.is_empty());
}
