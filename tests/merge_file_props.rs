//! Property tests of the three-way merge behind `quotebench merge-file`
//! (issue 17): from a random base, two random edit sequences (ours and
//! theirs, made through `Edit`s as the window makes them); the merge holds
//! every edit that does not conflict, nothing else changes, swapping the
//! sides gives the same annotations, and the result passes `check`. The
//! project's name, a label's colour and a person's role change too: a
//! clash there is a project conflict, ours standing. What `merge-file`
//! writes is the merged project's file.

mod common;

use std::collections::BTreeMap;

use proptest::prelude::*;
use quotebench::format::{merge_files, parse_project, project_to_string};
use quotebench::model::{
    Annotation, Document, Edit, Fragment, MergeConflict, Person, Project, ProjectConflict, Relation, TagSet,
    merge_versions, validate,
};

const TEXT: &str = "Ümit sagte: „Wir schaffen das“ 🇩🇪 und 東京 stimmte zu. The possible proposal is \
                    good, said Cressida Dick, while 👩‍👩‍👧 Steve House warned of costs in the 2024 budget.";

/// The words of TEXT as char ranges (split at spaces only, so no cluster is cut).
fn words() -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in TEXT.chars().enumerate() {
        match (c == ' ', start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, TEXT.chars().count()));
    }
    out
}

fn ann(id: &str, label: &str, word: usize, len: usize) -> Annotation {
    let w = words();
    let first = word % w.len();
    let last = (first + len.max(1) - 1).min(w.len() - 1);
    let (start, end) = (w[first].0, w[last].1);
    let text: String = TEXT.chars().skip(start).take(end - start).collect();
    let mut a = common::span(TEXT, id, label, "Ümit");
    a.fragments = vec![Fragment { start, end, text }];
    a
}

const LABELS: [&str; 4] = ["Quote", "Speaker", "Cue", "Claim"];

/// The person the `Role` edits give a role.
const PERSON: &str = "Cressida Dick";

#[derive(Clone, Debug)]
enum Op {
    Add {
        label: usize,
        word: usize,
        len: usize,
    },
    Delete(usize),
    Note(usize, u8),
    Move(usize, usize, usize),
    /// Between Cue and Claim only (no link ends there, so links stay valid).
    Relabel(usize),
    Link(usize, usize),
    Unlink(usize),
    /// The project's name (one of three).
    Name(u8),
    /// A label's colour (one of three).
    Colour(usize, u8),
    /// A person's role in the register (one of three), added if absent.
    Role(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..4usize, 0..40usize, 1..4usize).prop_map(|(label, word, len)| Op::Add { label, word, len }),
        any::<usize>().prop_map(Op::Delete),
        (any::<usize>(), 0..3u8).prop_map(|(i, n)| Op::Note(i, n)),
        (any::<usize>(), 0..40usize, 1..4usize).prop_map(|(i, w, l)| Op::Move(i, w, l)),
        any::<usize>().prop_map(Op::Relabel),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Link(a, b)),
        any::<usize>().prop_map(Op::Unlink),
        (0..3u8).prop_map(Op::Name),
        (0..4usize, 0..3u8).prop_map(|(l, v)| Op::Colour(l, v)),
        (0..3u8).prop_map(Op::Role),
    ]
}

fn base_project(seeds: &[(usize, usize, usize)], links: &[(usize, usize)]) -> Project {
    let anns: Vec<Annotation> = seeds
        .iter()
        .enumerate()
        .map(|(i, &(l, w, n))| ann(&format!("b{i}"), LABELS[l], w, n))
        .collect();
    let mut rels = Vec::new();
    for (k, &(q, s)) in links.iter().enumerate() {
        let quotes: Vec<&Annotation> = anns.iter().filter(|a| a.label == "Quote").collect();
        let speakers: Vec<&Annotation> = anns.iter().filter(|a| a.label == "Speaker").collect();
        if !quotes.is_empty() && !speakers.is_empty() {
            let (q, s) = (quotes[q % quotes.len()], speakers[s % speakers.len()]);
            rels.push(common::said_by(&format!("br{k}"), &q.id, &s.id));
        }
    }
    let (doc, _, _) = Document::from_parts("d1".into(), "Win".into(), None, TEXT.into(), anns, rels);
    // A second document nobody edits: merge-file copies it as it stands.
    let (still, _, _) = Document::from_parts(
        "d2".into(),
        "قال".into(),
        None,
        TEXT.into(),
        vec![ann("s", "Speaker", 2, 1)],
        Vec::new(),
    );
    Project {
        people: Default::default(),
        name: "gold".into(),
        annotator: "team".into(),
        tagset: TagSet::default(),
        documents: vec![doc, still],
        conflicts: Vec::new(),
    }
}

/// Applies `ops` (side `who` makes ids `who-N`); an edit the model refuses is skipped.
fn edited(base: &Project, ops: &[Op], who: &str) -> Project {
    let mut p = base.clone();
    for (n, op) in ops.iter().enumerate() {
        let d = &p.documents[0];
        let ids: Vec<String> = d.annotations().map(|a| a.id.clone()).collect();
        let pick = |i: usize| ids.get(i % ids.len().max(1)).cloned();
        let edit = match op {
            Op::Add { label, word, len } => Some(Edit::AddAnnotation {
                doc: 0,
                annotation: ann(&format!("{who}{n}"), LABELS[*label], *word, *len),
            }),
            Op::Delete(i) => pick(*i).map(|id| Edit::DeleteAnnotation { doc: 0, id }),
            Op::Note(i, v) => pick(*i).and_then(|id| d.annotation(&id).cloned()).map(|mut a| {
                a.note = format!("note {v}");
                Edit::ReplaceAnnotation {
                    doc: 0,
                    annotation: a,
                }
            }),
            Op::Move(i, w, l) => pick(*i).and_then(|id| d.annotation(&id).cloned()).map(|a| {
                let mut moved = ann(&a.id, &a.label, *w, *l);
                moved.note = a.note.clone();
                Edit::ReplaceAnnotation {
                    doc: 0,
                    annotation: moved,
                }
            }),
            Op::Relabel(i) => pick(*i)
                .and_then(|id| d.annotation(&id).cloned())
                .filter(|a| a.label == "Cue" || a.label == "Claim")
                .map(|mut a| {
                    a.label = if a.label == "Cue" { "Claim" } else { "Cue" }.into();
                    Edit::ReplaceAnnotation {
                        doc: 0,
                        annotation: a,
                    }
                }),
            Op::Link(q, s) => {
                let quotes: Vec<&Annotation> = d.annotations().filter(|a| a.label == "Quote").collect();
                let speakers: Vec<&Annotation> = d.annotations().filter(|a| a.label == "Speaker").collect();
                (!quotes.is_empty() && !speakers.is_empty()).then(|| Edit::AddRelation {
                    doc: 0,
                    relation: common::said_by(
                        &format!("{who}r{n}"),
                        &quotes[q % quotes.len()].id,
                        &speakers[s % speakers.len()].id,
                    ),
                })
            }
            Op::Unlink(i) => {
                let rels: Vec<String> = d.relations().map(|r| r.id.clone()).collect();
                (!rels.is_empty()).then(|| Edit::RemoveRelation {
                    doc: 0,
                    id: rels[i % rels.len()].clone(),
                })
            }
            Op::Name(v) => Some(Edit::SetProjectInfo {
                name: format!("gold {v} 東京"),
                annotator: p.annotator.clone(),
            }),
            Op::Colour(l, v) => {
                let mut tagset = p.tagset.clone();
                tagset.labels[*l].color = format!("#00000{v}");
                Some(Edit::SetTagSet(tagset))
            }
            Op::Role(v) => {
                let mut person = p
                    .people
                    .get(PERSON)
                    .cloned()
                    .unwrap_or_else(|| Person::new(PERSON));
                person.attributes.insert("role".into(), format!("role {v}"));
                Some(if p.people.get(PERSON).is_some() {
                    Edit::SetPerson(person)
                } else {
                    Edit::AddPerson(person)
                })
            }
        };
        if let Some(e) = edit {
            let _ = e.apply(&mut p);
        }
    }
    p
}

fn annotations(p: &Project) -> BTreeMap<String, Annotation> {
    p.documents[0]
        .annotations()
        .map(|a| (a.id.clone(), a.clone()))
        .collect()
}

fn relations(p: &Project) -> BTreeMap<String, Relation> {
    p.documents[0]
        .relations()
        .map(|r| (r.id.clone(), r.clone()))
        .collect()
}

/// What the rules say one field becomes, when the sides do not clash.
fn expect<T: PartialEq + Clone>(b: &T, o: &T, t: &T) -> Option<T> {
    if o == b {
        Some(t.clone())
    } else if t == b || o == t {
        Some(o.clone())
    } else {
        None
    }
}

fn project_strategy() -> impl Strategy<Value = (Project, Vec<Op>, Vec<Op>)> {
    (
        prop::collection::vec((0..4usize, 0..40usize, 1..4usize), 0..10),
        prop::collection::vec((any::<usize>(), any::<usize>()), 0..4),
        prop::collection::vec(op(), 0..12),
        prop::collection::vec(op(), 0..12),
    )
        .prop_map(|(seeds, links, o, t)| (base_project(&seeds, &links), o, t))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn merge_keeps_every_edit_that_does_not_conflict_and_nothing_else((base, o_ops, t_ops) in project_strategy()) {
        let ours = edited(&base, &o_ops, "o");
        let theirs = edited(&base, &t_ops, "t");
        let m = merge_versions(&base, &ours, &theirs);
        let merged = annotations(&m.project);
        let conflicted: Vec<&str> = m.conflicts.iter().filter_map(|(_, c)| match c {
            MergeConflict::Annotation { id, .. } => Some(id.as_str()),
            _ => None,
        }).collect();
        let (b, o, t) = (annotations(&base), annotations(&ours), annotations(&theirs));
        let ids: std::collections::BTreeSet<&String> = b.keys().chain(o.keys()).chain(t.keys()).collect();
        for id in ids {
            if conflicted.contains(&id.as_str()) {
                continue;
            }
            let (bx, ox, tx) = (b.get(id), o.get(id), t.get(id));
            let got = merged.get(id);
            match (bx, ox, tx) {
                (Some(bx), Some(ox), Some(tx)) => {
                    let got = got.expect("kept on both sides, not conflicting: kept");
                    prop_assert_eq!(Some(got.label.clone()), expect(&bx.label, &ox.label, &tx.label));
                    prop_assert_eq!(Some(got.fragments.clone()), expect(&bx.fragments, &ox.fragments, &tx.fragments));
                    prop_assert_eq!(Some(got.note.clone()), expect(&bx.note, &ox.note, &tx.note));
                }
                (Some(_), _, _) => prop_assert!(got.is_none(), "{id} removed on a side and untouched on the other"),
                (None, Some(x), None) | (None, None, Some(x)) => prop_assert_eq!(got, Some(x)),
                _ => {}
            }
        }
        // Relations: every link's fate by the rules, except those dropped
        // with an end (reported) or brought back with an annotation kept
        // against its removal (a conflict).
        let kept_against_removal: Vec<&str> = m.conflicts.iter().filter_map(|(_, c)| match c {
            MergeConflict::Annotation { id, base: Some(_), ours, theirs, .. } if ours.is_none() || theirs.is_none() => Some(id.as_str()),
            _ => None,
        }).collect();
        let reported: Vec<&str> = m.problems.iter().filter_map(|p| p.id.as_deref()).collect();
        let (br, or, tr, mr) = (relations(&base), relations(&ours), relations(&theirs), relations(&m.project));
        for id in br.keys().chain(or.keys()).chain(tr.keys()) {
            if reported.contains(&id.as_str()) {
                prop_assert!(!mr.contains_key(id));
                continue;
            }
            let x = [br.get(id), or.get(id), tr.get(id)];
            if let Some(r) = x.iter().flatten().next()
                && (kept_against_removal.contains(&r.from.as_str()) || kept_against_removal.contains(&r.to.as_str()))
            {
                continue;
            }
            prop_assert_eq!(mr.get(id), expect(&x[0], &x[1], &x[2]).flatten(), "relation {}", id);
        }

        // Symmetric: ours and theirs swapped, the same annotations and links.
        let swapped = merge_versions(&base, &theirs, &ours);
        prop_assert_eq!(&merged, &annotations(&swapped.project));
        prop_assert_eq!(relations(&m.project), relations(&swapped.project));
        let mirrored: Vec<MergeConflict> = swapped.conflicts.iter().map(|(_, c)| c.swapped()).collect();
        let direct: Vec<MergeConflict> = m.conflicts.iter().map(|(_, c)| c.clone()).collect();
        prop_assert_eq!(direct, mirrored);

        // Passes check, as written and read back.
        prop_assert_eq!(validate(&m.project), vec![]);
        let text = project_to_string(&m.project).expect("writes");
        let back = parse_project(&text, "merged.qb.ron").expect("the merged file opens");
        prop_assert!(back.problems.is_empty(), "{:?}", back.problems);
        prop_assert_eq!(back.project.documents[0].conflicts(), m.project.documents[0].conflicts());

        // The project itself: a value changed on one side is taken, one
        // changed differently on both is a conflict with ours standing.
        let name = expect(&base.name, &ours.name, &theirs.name);
        let name_clash = m.project.conflicts.iter().any(|c| matches!(c, ProjectConflict::Name { .. }));
        prop_assert_eq!(name_clash, name.is_none());
        prop_assert_eq!(&m.project.name, name.as_ref().unwrap_or(&ours.name));
        for (i, label) in m.project.tagset.labels.iter().enumerate() {
            let colour = expect(
                &base.tagset.labels[i].color,
                &ours.tagset.labels[i].color,
                &theirs.tagset.labels[i].color,
            );
            let clash = m.project.conflicts.iter().any(|c| matches!(c, ProjectConflict::Label { name, .. } if *name == label.name));
            prop_assert_eq!(clash, colour.is_none(), "label {}", label.name);
            prop_assert_eq!(&label.color, colour.as_ref().unwrap_or(&ours.tagset.labels[i].color));
        }
        let role = |p: &Project| p.people.get(PERSON).cloned();
        let person = expect(&role(&base), &role(&ours), &role(&theirs));
        let clash = m.project.conflicts.iter().any(|c| matches!(c, ProjectConflict::Person { .. }));
        prop_assert_eq!(clash, person.is_none());
        prop_assert_eq!(role(&m.project), person.unwrap_or_else(|| role(&ours)));
        let mirrored: Vec<ProjectConflict> = swapped.project.conflicts.iter().map(|c| c.swapped()).collect();
        prop_assert_eq!(&mirrored, &m.project.conflicts);
        prop_assert_eq!(back.project.conflicts, m.project.conflicts.clone());

        // What merge-file writes (the untouched document copied as it
        // stands) is the merged project's file.
        let texts = [&base, &ours, &theirs].map(|p| project_to_string(p).expect("writes"));
        let file = merge_files(&[(&texts[0], "base"), (&texts[1], "ours"), (&texts[2], "theirs")])
            .expect("merges");
        prop_assert_eq!(file.text, text);
    }

    #[test]
    fn merging_a_side_with_the_base_gives_that_side((base, o_ops, _t) in project_strategy()) {
        let ours = edited(&base, &o_ops, "o");
        let m = merge_versions(&base, &ours, &base);
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(&m.project, &ours);
        let m = merge_versions(&base, &base, &ours);
        prop_assert_eq!(&m.project, &ours);
    }
}
