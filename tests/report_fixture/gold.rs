//! A curated gold file for the report's `agreed` figures (issue 14): three
//! annotators' layers built from a plain list ([`GOLD_QUOTES`]), curated by
//! the review code (accept what all agree on, then the first annotator's
//! version of every disagreement), saved and read back. The tests count the
//! expected figures from the same list, without the report code.

use std::collections::BTreeMap;
use std::path::Path;

use quotebench::format::{load_project, save_project};
use quotebench::model::{Annotation, Document, Fragment, Project, Relation, TagSet};
use quotebench::review::{Choice, Comparison, Layer, ReviewSet, accept_agreed, gold_project, take};

/// One article, quoted by people with accents and emoji about.
pub const GOLD_TEXT: &str = "“We will win 🏆,” said Mayor Zoë. “Taxes stay low,” the mayor added. \
Critics said the plan was late. «Ça ira», dit Renée Côté. Nobody knows why the lights went out.";

pub const ANNOTATORS: [&str; 3] = ["ana", "bo", "cy"];

pub struct GoldQuote {
    pub quote: &'static str,
    /// (speaker mention, person); `None`: no speaker.
    pub speaker: Option<(&'static str, &'static str)>,
    /// Who tagged exactly this quote (and its speaker).
    pub exact: &'static [&'static str],
    /// Who tagged another span for it (the same speaker): (annotator, span).
    pub variant: Option<(&'static str, &'static str)>,
}

pub const GOLD_QUOTES: &[GoldQuote] = &[
    GoldQuote {
        quote: "We will win 🏆,",
        speaker: Some(("Mayor Zoë", "Zoë Martin")),
        exact: &["ana", "bo", "cy"],
        variant: None,
    },
    GoldQuote {
        quote: "Taxes stay low,",
        speaker: Some(("the mayor", "Zoë Martin")),
        exact: &["ana", "bo"],
        variant: None,
    },
    GoldQuote {
        quote: "the plan was late",
        speaker: Some(("Critics", "Critics")),
        exact: &["ana"],
        variant: Some(("bo", "plan was late")),
    },
    GoldQuote {
        quote: "Ça ira",
        speaker: Some(("Renée Côté", "Renée Côté")),
        exact: &["ana", "bo", "cy"],
        variant: None,
    },
    GoldQuote {
        quote: "the lights went out",
        speaker: None,
        exact: &["ana", "cy"],
        variant: None,
    },
];

fn span(id: &str, label: &str, needle: &str) -> Annotation {
    let byte = GOLD_TEXT
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let start = GOLD_TEXT[..byte].chars().count();
    Annotation {
        id: id.into(),
        label: label.into(),
        fragments: vec![Fragment {
            start,
            end: start + needle.chars().count(),
            text: needle.into(),
        }],
        attributes: BTreeMap::new(),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        annotators: Vec::new(),
        origin: None,
    }
}

/// One annotator's project: their quotes, speakers (with `person`) and links.
fn layer(annotator: &str) -> Layer {
    let mut anns = Vec::new();
    let mut rels = Vec::new();
    for (i, q) in GOLD_QUOTES.iter().enumerate() {
        let text = if q.exact.contains(&annotator) {
            q.quote
        } else if let Some((_, v)) = q.variant.filter(|(a, _)| *a == annotator) {
            v
        } else {
            continue;
        };
        anns.push(span(&format!("{annotator}-q{i}"), "Quote", text));
        if let Some((mention, person)) = q.speaker {
            let mut s = span(&format!("{annotator}-s{i}"), "Speaker", mention);
            s.attributes.insert("person".into(), person.into());
            anns.push(s);
            rels.push(Relation {
                id: format!("{annotator}-r{i}"),
                kind: "said_by".into(),
                from: format!("{annotator}-q{i}"),
                to: format!("{annotator}-s{i}"),
                attributes: Default::default(),
            });
        }
    }
    let (doc, _, _) = Document::from_parts(
        "town-hall".into(),
        "Town hall".into(),
        None,
        GOLD_TEXT.into(),
        anns,
        rels,
    );
    Layer {
        annotator: annotator.into(),
        source: format!("{annotator}.qb.ron"),
        project: Project {
            people: Default::default(),
            name: "town".into(),
            annotator: annotator.into(),
            tagset: TagSet::default(),
            documents: vec![doc],
            conflicts: Vec::new(),
        },
    }
}

/// The three layers curated into a gold project (what all agree on, then
/// the first annotator's version of each disagreement), saved as
/// `dir/gold.qb.ron` and read back from the file.
pub fn gold_file(dir: &Path) -> Project {
    let set = ReviewSet::build(ANNOTATORS.iter().map(|a| layer(a)).collect());
    let cmp = Comparison::build(&set);
    let mut gold = gold_project(&set, "Gold: town-hall (ana, bo, cy)", "rev");
    if let Some(a) = accept_agreed(&set, &cmp, &gold) {
        a.edit.apply(&mut gold).expect("accept agreed");
    }
    for s in cmp.disagreements() {
        if let Some(e) = take(&set, &cmp, &gold, s.doc, s.cluster, Choice::Annotator(0)) {
            e.apply(&mut gold).expect("take ana's");
        }
    }
    let path = dir.join("gold.qb.ron");
    save_project(&gold, &path).expect("saved");
    load_project(&path).expect("the gold file reads").project
}

/// Whether all annotators of the document tagged quote `q` exactly.
pub fn all_agreed(q: &GoldQuote) -> bool {
    ANNOTATORS.iter().all(|a| q.exact.contains(a))
}

/// Per person (or `None`: no speaker): (quotes, quotes all agreed on),
/// counted from the list.
pub fn expected_by_person() -> BTreeMap<Option<&'static str>, (usize, usize)> {
    let mut m: BTreeMap<Option<&str>, (usize, usize)> = BTreeMap::new();
    for q in GOLD_QUOTES {
        let e = m.entry(q.speaker.map(|(_, p)| p)).or_default();
        e.0 += 1;
        e.1 += usize::from(all_agreed(q));
    }
    m
}
