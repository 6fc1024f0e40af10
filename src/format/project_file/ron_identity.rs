//! The hand-written writer against ron itself, the reference.

use super::write::*;
use super::*;
use crate::model::{Document, Fragment, Origin, Rejection, Source, Status, Taken};

/// The serialiser as it was, all through ron.
fn reference(p: &Project) -> String {
    use std::fmt::Write as _;
    let text_literal = |text: &str| {
        let plain = !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
        if plain {
            let cfg = ron::ser::PrettyConfig::new().escape_strings(false);
            ron::ser::to_string_pretty(text, cfg).expect("ron")
        } else {
            ron::to_string(text).expect("ron")
        }
    };
    let ol = |v: &dyn erased::Ser| v.line();
    let mut s = String::new();
    let w = &mut s;
    let _ = writeln!(w, "// Quotebench project file (see docs/FORMAT.md)");
    let _ = writeln!(w, "(");
    let _ = writeln!(w, "    format_version: {},", p.format_version());
    let _ = writeln!(w, "    name: {},", ron::to_string(&p.name).expect("ron"));
    let _ = writeln!(
        w,
        "    annotator: {},",
        ron::to_string(&p.annotator).expect("ron")
    );
    let _ = writeln!(w, "    tagset: (");
    let _ = writeln!(w, "        labels: [");
    for l in &p.tagset.labels {
        let _ = writeln!(w, "            {},", ol(l));
    }
    let _ = writeln!(w, "        ],");
    let _ = writeln!(w, "        relations: [");
    for r in &p.tagset.relations {
        let _ = writeln!(w, "            {},", ol(r));
    }
    let _ = writeln!(w, "        ],");
    if !p.tagset.person_attributes.is_empty() {
        let _ = writeln!(w, "        person_attributes: [");
        for a in &p.tagset.person_attributes {
            let _ = writeln!(w, "            {},", ol(a));
        }
        let _ = writeln!(w, "        ],");
    }
    let _ = writeln!(w, "    ),");
    if !p.people.is_empty() {
        let _ = writeln!(w, "    people: [");
        for person in p.people.iter() {
            let _ = writeln!(w, "        {},", ol(person));
        }
        let _ = writeln!(w, "    ],");
    }
    if !p.conflicts.is_empty() {
        let _ = writeln!(w, "    conflicts: [");
        for c in &p.conflicts {
            let _ = writeln!(w, "        {},", ol(c));
        }
        let _ = writeln!(w, "    ],");
    }
    let _ = writeln!(w, "    documents: [");
    for d in &p.documents {
        let _ = writeln!(w, "        (");
        let _ = writeln!(w, "            id: {},", ron::to_string(&d.id).expect("ron"));
        let _ = writeln!(
            w,
            "            title: {},",
            ron::to_string(&d.title).expect("ron")
        );
        let _ = writeln!(w, "            source: {},", ol(&d.source));
        if !d.status().is_new() {
            let _ = writeln!(w, "            status: {},", ol(&d.status()));
        }
        if !d.attributes().is_empty() {
            let _ = writeln!(w, "            attributes: {},", ol(d.attributes()));
        }
        let _ = writeln!(w, "            text: {},", text_literal(d.text()));
        let _ = writeln!(w, "            annotations: [");
        for a in d.annotations_for_file() {
            let _ = writeln!(w, "                {},", ol(a));
        }
        let _ = writeln!(w, "            ],");
        let _ = writeln!(w, "            relations: [");
        for r in d.relations_for_file() {
            let _ = writeln!(w, "                {},", ol(r));
        }
        let _ = writeln!(w, "            ],");
        if !d.decisions().is_empty() {
            let _ = writeln!(w, "            decisions: [");
            for x in d.decisions() {
                let _ = writeln!(w, "                {},", ol(x));
            }
            let _ = writeln!(w, "            ],");
        }
        if !d.rejected().is_empty() {
            let _ = writeln!(w, "            rejected: [");
            for x in d.rejected() {
                let _ = writeln!(w, "                {},", ol(x));
            }
            let _ = writeln!(w, "            ],");
        }
        if !d.conflicts().is_empty() {
            let _ = writeln!(w, "            conflicts: [");
            for x in d.conflicts() {
                let _ = writeln!(w, "                {},", ol(x));
            }
            let _ = writeln!(w, "            ],");
        }
        let _ = writeln!(w, "        ),");
    }
    let _ = writeln!(w, "    ],");
    let _ = writeln!(w, ")");
    s
}

mod erased {
    pub trait Ser {
        fn line(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn line(&self) -> String {
            super::one_line(self).expect("ron")
        }
    }
}

const TRICKY: &[&str] = &[
    "",
    "plain",
    "it's \"quoted\" \\ back",
    "tab\tnew\nline\rcr \u{0} \u{7f} \u{1b}",
    "“curly” ‘single’ — dash … ellipsis",
    "e\u{301}le\u{300}ve combining \u{200d}\u{200b} zero-width \u{feff} bom",
    "emoji 👩‍👩‍👧 🇬🇧 😀 中文 مرحبا עברית",
    "\u{2028}\u{2029}\u{85}\u{a0} separators",
    "r#\"raw\"# ## ###\"",
    "\u{d7ff}\u{e000}\u{fffd}\u{10ffff}",
];

pub(super) fn project() -> Project {
    let mut docs = Vec::new();
    for (n, t) in TRICKY.iter().enumerate() {
        let text = format!("{t} | {t}\n{t}");
        let len = text.chars().count();
        let mk = |i: usize, start: usize, end: usize, annotators: Vec<String>| Annotation {
            id: format!("a{i}-{t}"),
            label: if i.is_multiple_of(2) {
                "Quote".into()
            } else {
                t.to_string()
            },
            fragments: vec![
                Fragment {
                    start,
                    end,
                    text: text.chars().skip(start).take(end - start).collect(),
                },
                Fragment {
                    start: end + 1,
                    end: len,
                    text: text.chars().skip(end + 1).collect(),
                },
            ],
            attributes: [("kind".to_string(), t.to_string()), (t.to_string(), "x".into())]
                .into_iter()
                .collect(),
            note: t.to_string(),
            created: t.to_string(),
            modified: "2024-01-01T00:00:00Z".into(),
            annotators,
            // Accepted suggestions, with the tricky strings as rules and
            // confidences ron writes in several shapes.
            origin: (i == 1 && !n.is_multiple_of(3)).then(|| {
                Box::new(Origin {
                    by: t.to_string(),
                    rule: t.to_string(),
                    confidence: [0.95, 1.0, 0.0, 1e-7, 0.333_333_34][n % 5],
                })
            }),
        };
        let anns = vec![
            mk(0, 0, 1.min(len), vec![]),
            mk(1, 0, 2.min(len), vec![t.to_string(), "b".into()]),
        ];
        let rels = vec![Relation {
            id: format!("r-{t}"),
            kind: "said_by".into(),
            from: anns[0].id.clone(),
            to: anns[1].id.clone(),
            // Relation attributes (version 3) on every other document.
            attributes: if n.is_multiple_of(2) {
                [
                    ("certainty".to_string(), t.to_string()),
                    (t.to_string(), "y".into()),
                ]
                .into_iter()
                .collect()
            } else {
                Default::default()
            },
        }];
        let (doc, _, _) = Document::from_parts(
            format!("d{n}-{t}"),
            t.to_string(),
            n.is_multiple_of(2).then(|| Source {
                url: t.to_string(),
                outlet: "o".into(),
                date: String::new(),
            }),
            text.clone(),
            anns,
            rels,
        );
        // Review decisions, with the tricky strings as annotator names.
        let taken = [
            Taken::Neither,
            Taken::Version(vec![t.to_string(), "b".into()]),
            Taken::All,
        ];
        let decisions = (0..n % 3)
            .map(|i| Decision {
                start: i,
                end: i + 2,
                taken: taken[(n + i) % 3].clone(),
            })
            .collect();
        // Rejected suggestions, with the tricky strings as labels and rules.
        let rejected = (0..n % 3)
            .map(|i| Rejection {
                label: if i == 0 { "Quote".into() } else { t.to_string() },
                fragments: vec![Fragment {
                    start: i,
                    end: (i + 2).min(len),
                    text: text.chars().skip(i).take(2).collect(),
                }],
                rule: t.to_string(),
            })
            .collect();
        // Progress (version 3): a status and tricky attributes on some.
        let status = Status::ALL[n % 4];
        let attributes = (0..n % 3).map(|i| (format!("{t}{i}"), t.to_string())).collect();
        docs.push(
            doc.with_decisions(decisions)
                .with_rejections(rejected)
                .with_progress(status, attributes),
        );
    }
    let mut tagset = crate::model::TagSet::default();
    tagset.relations[0].attributes = vec![crate::model::AttributeDef {
        name: "certainty".into(),
        values: vec![TRICKY[2].into(), "sure".into()],
    }];
    // The people register and person attributes (version 4), tricky too.
    tagset.person_attributes = vec![
        crate::model::AttributeDef {
            name: "gender".into(),
            values: vec![TRICKY[3].into(), "woman".into()],
        },
        crate::model::AttributeDef {
            name: TRICKY[6].into(),
            values: vec![],
        },
    ];
    let people = crate::model::People::from_vec(
        TRICKY
            .iter()
            .enumerate()
            .map(|(n, t)| {
                let mut person = crate::model::Person::new(format!("p{n}{t}"));
                person.aliases = (0..n % 3).map(|i| format!("{t}{i}")).collect();
                person.attributes = (0..n % 2)
                    .map(|_| ("gender".to_string(), t.to_string()))
                    .chain([(t.to_string(), "x".to_string())])
                    .collect();
                person
            })
            .collect(),
    );
    Project {
        people,
        name: TRICKY[2].into(),
        annotator: TRICKY[4].into(),
        tagset,
        documents: docs,
        conflicts: Vec::new(),
    }
}

#[test]
fn strings_are_escaped_as_ron_does() {
    for t in TRICKY {
        let mut s = String::new();
        push_str_lit(&mut s, t);
        assert_eq!(s, ron::to_string(t).expect("ron"), "{t:?}");
    }
    for c in (0..0x11_0000u32).step_by(7).filter_map(char::from_u32) {
        let t = format!("a{c}b");
        let mut s = String::new();
        push_str_lit(&mut s, &t);
        assert_eq!(s, ron::to_string(&t).expect("ron"), "{c:?}");
    }
}

/// What ron itself writes for `p`: the reader's own file types, every
/// field of them (a struct literal, so a field added to the file is a
/// compile error here until it is filled in from the project).
fn by_ron(p: &Project) -> String {
    let file = ProjectFile {
        format_version: p.format_version(),
        name: p.name.clone(),
        annotator: p.annotator.clone(),
        tagset: p.tagset.clone(),
        people: p.people.as_slice().to_vec(),
        conflicts: p.conflicts.clone(),
        documents: p
            .documents
            .iter()
            .map(|d| DocumentFile {
                id: d.id.clone(),
                title: d.title.clone(),
                source: d.source.clone(),
                status: d.status(),
                attributes: d.attributes().clone(),
                text: d.text().to_string(),
                annotations: d.annotations_for_file().into_iter().cloned().collect(),
                relations: d.relations_for_file().into_iter().cloned().collect(),
                decisions: d.decisions().to_vec(),
                rejected: d.rejected().to_vec(),
                conflicts: d.conflicts().to_vec(),
            })
            .collect(),
    };
    ron::to_string(&file).expect("ron")
}

#[test]
fn the_written_file_holds_what_ron_would_write_structurally() {
    let sample = parse_project(crate::SAMPLE_PROJECT, "sample")
        .expect("sample")
        .project;
    for p in [project(), sample] {
        let written: ron::Value = ron::from_str(&project_to_string(&p).expect("writes")).expect("parses");
        let reference: ron::Value = ron::from_str(&by_ron(&p)).expect("parses");
        assert_eq!(written, reference, "a field differs or is missing");
    }
}

#[test]
fn project_is_written_as_ron_wrote_it() {
    let p = project();
    assert_eq!(project_to_string(&p).expect("writes"), reference(&p));
    let sample = parse_project(crate::SAMPLE_PROJECT, "sample")
        .expect("sample")
        .project;
    let written = project_to_string(&sample).expect("writes");
    assert_eq!(written, reference(&sample));
}

/// The tricky project with a clash of every kind on the project itself
/// (format version 5), the tricky strings in every field.
fn project_with_conflicts() -> Project {
    use crate::model::{AttributeDef, LabelDef, Person, ProjectConflict, RelationDef};
    let mut p = project();
    for (n, t) in TRICKY.iter().enumerate() {
        let s = |x: &str| format!("{x}{t}");
        p.conflicts.push(match n % 7 {
            0 => ProjectConflict::Name {
                base: s("b"),
                ours: s("o"),
                theirs: t.to_string(),
            },
            1 => ProjectConflict::Annotator {
                base: String::new(),
                ours: s("o"),
                theirs: s("t"),
            },
            2 => ProjectConflict::Label {
                name: t.to_string(),
                base: None,
                ours: Some(LabelDef {
                    name: t.to_string(),
                    color: "#123456".into(),
                    key: "x".into(),
                    attributes: vec![AttributeDef {
                        name: s("a"),
                        values: vec![t.to_string()],
                    }],
                }),
                theirs: None,
            },
            3 => ProjectConflict::RelationKind {
                name: t.to_string(),
                base: Some(RelationDef {
                    name: t.to_string(),
                    from: s("f"),
                    to: s("t"),
                    attributes: Vec::new(),
                }),
                ours: None,
                theirs: None,
            },
            4 => ProjectConflict::PersonAttribute {
                name: t.to_string(),
                base: None,
                ours: Some(AttributeDef {
                    name: t.to_string(),
                    values: Vec::new(),
                }),
                theirs: Some(AttributeDef {
                    name: t.to_string(),
                    values: vec![s("v")],
                }),
            },
            5 => ProjectConflict::Person {
                name: t.to_string(),
                base: Some(Person::new(*t)),
                ours: None,
                theirs: Some({
                    let mut x = Person::new(*t);
                    x.aliases.push(s("a"));
                    x.attributes.insert(s("k"), t.to_string());
                    x
                }),
            },
            _ => ProjectConflict::LabelRenamed {
                from: t.to_string(),
                ours: s("o"),
                theirs: s("t"),
            },
        });
    }
    p
}

#[test]
fn project_conflicts_are_written_as_ron_would_and_read_back() {
    let p = project_with_conflicts();
    assert_eq!(p.format_version(), crate::model::CONFLICTS_FORMAT_VERSION);
    let written = project_to_string(&p).expect("writes");
    assert_eq!(written, reference(&p));
    let structural: ron::Value = ron::from_str(&written).expect("parses");
    assert_eq!(
        structural,
        ron::from_str::<ron::Value>(&by_ron(&p)).expect("parses")
    );
    assert_eq!(parse_project(&written, "p").expect("reads").project, p);
}
