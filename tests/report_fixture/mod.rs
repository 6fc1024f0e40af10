//! A small corpus for the report tests, built from a plain list ([`QUOTES`],
//! [`DOCS`], [`REGISTER`]) so that the tests can count the expected figures
//! from the same list, without the report code.
#![allow(dead_code)]

pub mod gold;

use std::collections::BTreeMap;

use quotebench::model::{
    Annotation, Document, Fragment, People, Person, Project, Relation, Source, Status, TagSet,
};

pub struct Doc {
    pub id: &'static str,
    /// Outlet and date in the `Source` (an older file's place)...
    pub source: Option<(&'static str, &'static str)>,
    /// ...or as document attributes.
    pub outlet_attr: Option<&'static str>,
    pub date_attr: Option<&'static str>,
    pub section: Option<&'static str>,
    pub status: Status,
}

pub struct Quote {
    pub doc: usize,
    pub label: &'static str,
    pub text: &'static str,
    pub kind: Option<&'static str>,
    /// (person, mention): the speaker's `person` attribute is the person
    /// unless both are equal (then no attribute: the mention's text counts).
    pub speaker: Option<(&'static str, &'static str)>,
    pub annotators: &'static [&'static str],
}

pub const SCRIPT: &str = "<script>alert(1)</script>";
pub const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"x\")";

pub const DOCS: &[Doc] = &[
    Doc {
        id: "d-guardian",
        source: Some(("Guardian", "2018-03-05")),
        outlet_attr: None,
        date_attr: None,
        section: Some("politics"),
        status: Status::Done,
    },
    Doc {
        id: "d-times",
        source: None,
        outlet_attr: Some("Times"),
        date_attr: Some("2018-04-20T08:00:00Z"),
        section: Some("crime"),
        status: Status::InProgress,
    },
    Doc {
        id: "d-none",
        source: None,
        outlet_attr: None,
        date_attr: None,
        section: None,
        status: Status::Done,
    },
    Doc {
        id: "d-guardian-2",
        source: Some(("Guardian", "2018-03-28")),
        outlet_attr: None,
        date_attr: None,
        section: Some("politics"),
        status: Status::NeedsReview,
    },
];

pub const QUOTES: &[Quote] = &[
    Quote {
        doc: 0,
        label: "Quote",
        text: "“We will not be cowed” 😀",
        kind: Some("direct"),
        speaker: Some(("Cressida Dick", "Ms Dick")),
        annotators: &["ann1", "ann2"],
    },
    Quote {
        doc: 0,
        label: "Quote",
        text: "that the force was stretched",
        kind: Some("indirect"),
        speaker: Some(("Cressida Dick", "the commissioner")),
        annotators: &["ann1"],
    },
    Quote {
        doc: 0,
        label: "Quote",
        text: "警察は「準備ができている」",
        kind: Some("direct"),
        speaker: Some(("Steve House", "Mr House")),
        annotators: &["ann2", "ann1"],
    },
    Quote {
        doc: 0,
        label: "Quote",
        text: "the plans were \"unprecedented\"",
        kind: Some("mixed"),
        speaker: None,
        annotators: &["ann2"],
    },
    Quote {
        doc: 0,
        label: "Claim",
        text: "crime rose by a third",
        kind: None,
        speaker: Some(("Steve House", "House")),
        annotators: &["ann1", "ann2"],
    },
    Quote {
        doc: 1,
        label: "Quote",
        text: "«نحن مستعدون» said plainly",
        kind: Some("direct"),
        speaker: Some((SCRIPT, "a hacker")),
        annotators: &[],
    },
    Quote {
        doc: 1,
        label: "Quote",
        text: "e\u{301}tait une erreur",
        kind: Some("indirect"),
        speaker: Some((FORMULA, "a formula")),
        annotators: &[],
    },
    Quote {
        doc: 1,
        label: "Quote",
        text: "nobody asked us",
        kind: None,
        speaker: Some(("residents", "residents")),
        annotators: &[],
    },
    Quote {
        doc: 2,
        label: "Quote",
        text: "It is a dark day",
        kind: Some("direct"),
        speaker: Some(("Cressida Dick", "Dick")),
        annotators: &[],
    },
    Quote {
        doc: 2,
        label: "Quote",
        text: "the figures were wrong",
        kind: Some("indirect"),
        speaker: None,
        annotators: &[],
    },
    Quote {
        doc: 3,
        label: "Quote",
        text: "armed officers reassure people",
        kind: Some("indirect"),
        speaker: Some(("Ana López", "Ms López")),
        annotators: &["ann3"],
    },
    Quote {
        doc: 3,
        label: "Quote",
        text: "we were never consulted",
        kind: Some("direct"),
        speaker: Some(("Steve House", "he")),
        annotators: &[],
    },
];

/// The register: name and gender (`None`: not set). "Ana López" and
/// "residents" are not in it.
pub const REGISTER: &[(&str, Option<&str>)] = &[
    ("Cressida Dick", Some("woman")),
    ("Steve House", Some("man")),
    (SCRIPT, None),
    (FORMULA, Some("man")),
];

/// The project's annotator (for quotes without provenance).
pub const ANNOTATOR: &str = "solo";

fn span(id: String, label: &str, start: usize, text: &str) -> Annotation {
    Annotation {
        id,
        label: label.into(),
        fragments: vec![Fragment {
            start,
            end: start + text.chars().count(),
            text: text.into(),
        }],
        attributes: BTreeMap::new(),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        annotators: Vec::new(),
        origin: None,
    }
}

/// The id of quote `i` of [`QUOTES`].
pub fn quote_id(i: usize) -> String {
    format!("q{i}")
}

/// The project made from the lists.
pub fn project() -> Project {
    let mut documents = Vec::new();
    for (di, d) in DOCS.iter().enumerate() {
        let mut text = String::new();
        let mut anns = Vec::new();
        let mut rels = Vec::new();
        for (qi, q) in QUOTES.iter().enumerate().filter(|(_, q)| q.doc == di) {
            let mut a = span(quote_id(qi), q.label, text.chars().count(), q.text);
            if let Some(k) = q.kind {
                a.attributes.insert("kind".into(), k.into());
            }
            a.annotators = q.annotators.iter().map(|s| s.to_string()).collect();
            text.push_str(q.text);
            anns.push(a);
            if let Some((person, mention)) = q.speaker {
                text.push_str(", said ");
                let mut s = span(format!("s{qi}"), "Speaker", text.chars().count(), mention);
                if person != mention {
                    s.attributes.insert("person".into(), person.into());
                }
                text.push_str(mention);
                anns.push(s);
                rels.push(Relation::new(
                    format!("r{qi}"),
                    "said_by",
                    quote_id(qi),
                    format!("s{qi}"),
                ));
            }
            text.push_str(". ");
        }
        let source = d.source.map(|(outlet, date)| Source {
            url: String::new(),
            outlet: outlet.into(),
            date: date.into(),
        });
        let (doc, _, _) = Document::from_parts(d.id.into(), d.id.into(), source, text, anns, rels);
        let mut attrs = BTreeMap::new();
        for (k, v) in [
            ("outlet", d.outlet_attr),
            ("date", d.date_attr),
            ("section", d.section),
        ] {
            if let Some(v) = v {
                attrs.insert(k.to_string(), v.to_string());
            }
        }
        documents.push(doc.with_progress(d.status, attrs));
    }
    let people = People::from_vec(
        REGISTER
            .iter()
            .map(|(name, gender)| {
                let mut p = Person::new(*name);
                if let Some(g) = gender {
                    p.attributes.insert("gender".into(), g.to_string());
                }
                p
            })
            .collect(),
    );
    Project {
        name: "Fixture".into(),
        annotator: ANNOTATOR.into(),
        tagset: TagSet::default(),
        documents,
        people,
        conflicts: Vec::new(),
    }
}
