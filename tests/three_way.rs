//! The three-way comparison and merge behind the file-changed dialog
//! (issue 11, items 2 and 4): what the colleague changed on disk and what
//! this window changed, each against the version the window opened, and
//! the merge of both. Texts hold emoji and CJK, so offsets are chars.

mod common;

use common::{one_document, said_by, span};
use quotebench::format::DiskVersions;
use quotebench::model::{Conflict, Edit, History, Project, changes, merge, replace_project};

const TEXT: &str = "你好世界, said 👩‍👩‍👧 Ümit. \"Wir schaffen das\" 🇩🇪 — 東京 agreed.";

/// The base: a quote, a speaker and a said_by link between them.
fn base() -> Project {
    one_document(
        "me",
        "d1",
        TEXT,
        vec![
            span(TEXT, "q1", "Quote", "Wir schaffen das"),
            span(TEXT, "s1", "Speaker", "👩‍👩‍👧 Ümit"),
        ],
        vec![said_by("r1", "q1", "s1")],
    )
}

fn add(p: &mut Project, a: quotebench::model::Annotation) {
    Edit::AddAnnotation {
        doc: 0,
        annotation: a,
    }
    .apply(p)
    .expect("add");
}

fn replace(p: &mut Project, id: &str, f: impl FnOnce(&mut quotebench::model::Annotation)) {
    let mut a = p.documents[0].annotation(id).expect("there").clone();
    f(&mut a);
    Edit::ReplaceAnnotation {
        doc: 0,
        annotation: a,
    }
    .apply(p)
    .expect("replace");
}

fn delete(p: &mut Project, id: &str) {
    Edit::DeleteAnnotation {
        doc: 0,
        id: id.into(),
    }
    .apply(p)
    .expect("delete");
}

fn retitle(p: &mut Project, title: &str) {
    let mut d = p.documents[0].clone();
    d.title = title.into();
    p.documents[0] = d;
}

#[test]
fn each_side_is_told_against_the_base_not_against_the_other_side() {
    let base = base();
    // The colleague changed only the title.
    let mut disk = base.clone();
    retitle(&mut disk, "Merkel in Tokyo");
    // The window added an annotation and changed a note.
    let mut window = base.clone();
    add(&mut window, span(TEXT, "c1", "Cue", "said"));
    replace(&mut window, "q1", |a| a.note = "check the 🇩🇪 source".into());

    let v = DiskVersions::compare(Some(&base), disk.clone(), &window);
    assert_eq!(v.on_disk_text(), "on disk: title changed");
    assert_eq!(
        v.in_window_text(),
        "in this window: 1 annotation added, 1 note changed"
    );
    assert_eq!(
        v.reload_drops().as_deref(),
        Some("your 2 unsaved changes: 1 annotation added, 1 note changed will be dropped")
    );
    // Without the base, the window's own addition looked removed on disk.
    let blind = DiskVersions::compare(None, disk, &window);
    assert!(
        blind.on_disk_text().contains("1 annotation removed"),
        "{}",
        blind.on_disk_text()
    );
    assert!(blind.merge_text().is_none(), "no merge without a base");
}

#[test]
fn changes_are_counted_per_kind_and_field() {
    let base = base();
    let mut side = base.clone();
    delete(&mut side, "s1"); // also removes r1
    add(&mut side, span(TEXT, "t1", "Speaker", "東京"));
    replace(&mut side, "q1", |a| {
        a.label = "Claim".into();
        a.attributes.insert("check_worthy".into(), "yes".into());
    });
    let c = changes(&base, &side);
    assert_eq!(c.annotations_added, 1);
    assert_eq!(c.annotations_removed, 1);
    assert_eq!(c.labels_changed, 1);
    assert_eq!(c.attributes_changed, 1);
    assert_eq!(c.relations_removed, 1);
    assert_eq!(c.count(), 5);
    assert_eq!(
        c.to_string(),
        "1 annotation added, 1 annotation removed, 1 label changed, 1 attribute changed, 1 relation removed"
    );
    assert!(changes(&base, &base).is_empty());
    assert_eq!(changes(&base, &base).to_string(), "no changes");
}

#[test]
fn merge_takes_what_each_side_added_removed_and_changed() {
    let base = base();
    let mut disk = base.clone();
    retitle(&mut disk, "Merkel in Tokyo");
    add(&mut disk, span(TEXT, "t1", "Speaker", "東京"));
    replace(&mut disk, "s1", |a| {
        a.attributes.insert("person".into(), "Ümit 👩‍👩‍👧".into());
    });
    let mut window = base.clone();
    add(&mut window, span(TEXT, "c1", "Cue", "said"));
    add(&mut window, span(TEXT, "f1", "Claim", "🇩🇪"));
    delete(&mut window, "q1"); // and r1 with it

    let m = merge(&base, &disk, &window);
    assert!(m.kept_ours.is_empty(), "{:?}", m.kept_ours);
    let d = &m.project.documents[0];
    assert_eq!(d.title, "Merkel in Tokyo", "the disk's title");
    let mut ids: Vec<&str> = d.annotations().map(|a| a.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["c1", "f1", "s1", "t1"]);
    assert_eq!(
        d.annotation("s1").and_then(|a| a.attribute("person")),
        Some("Ümit 👩‍👩‍👧"),
        "the disk's attribute"
    );
    assert!(d.relation("r1").is_none(), "removed with the window's quote");
    // Offsets are chars: every merged span still covers its text.
    for a in d.annotations() {
        for f in &a.fragments {
            assert_eq!(d.slice(f.range()), f.text, "{}", a.id);
        }
    }
    assert_eq!(
        d.slice(d.annotation("f1").expect("f1").fragments[0].range()),
        "🇩🇪"
    );
}

#[test]
fn both_sides_changing_one_annotation_merge_by_field_and_keep_the_windows_on_a_clash() {
    let base = base();
    let mut disk = base.clone();
    replace(&mut disk, "q1", |a| {
        a.label = "Claim".into();
        a.note = "theirs: 東京".into();
    });
    let mut window = base.clone();
    replace(&mut window, "q1", |a| {
        a.note = "mine: 👩‍👩‍👧".into();
        a.attributes.insert("kind".into(), "direct".into());
    });
    let m = merge(&base, &disk, &window);
    let q = m.project.documents[0].annotation("q1").expect("q1");
    assert_eq!(q.label, "Claim", "only the disk changed the label");
    assert_eq!(
        q.attribute("kind"),
        Some("direct"),
        "only the window changed kind"
    );
    assert_eq!(q.note, "mine: 👩‍👩‍👧", "both changed the note: the window's");
    assert_eq!(
        m.kept_ours,
        [Conflict::Annotation {
            doc: "d1".into(),
            id: "q1".into()
        }]
    );
    let v = DiskVersions::compare(Some(&base), disk, &window);
    let text = v.merge_text().expect("a merge");
    assert!(text.contains("both changed 1 item"), "{text}");
    assert!(text.contains("annotation q1 in d1"), "{text}");
}

#[test]
fn removed_on_one_side_and_changed_on_the_other_keeps_the_windows() {
    let base = base();
    // The disk removed the speaker; the window changed its span.
    let mut disk = base.clone();
    delete(&mut disk, "s1");
    let mut window = base.clone();
    replace(&mut window, "s1", |a| {
        let r = common::span(TEXT, "s1", "Speaker", "Ümit").fragments;
        a.fragments = r;
    });
    let m = merge(&base, &disk, &window);
    let d = &m.project.documents[0];
    assert_eq!(
        d.slice(d.annotation("s1").expect("kept").fragments[0].range()),
        "Ümit"
    );
    assert!(d.relation("r1").is_some(), "its link comes back with it");
    assert!(m.kept_ours.contains(&Conflict::Annotation {
        doc: "d1".into(),
        id: "s1".into()
    }));

    // The window removed the quote the disk changed: the window's (gone), said.
    let mut disk = base.clone();
    replace(&mut disk, "q1", |a| a.note = "theirs".into());
    let mut window = base.clone();
    delete(&mut window, "q1");
    let m = merge(&base, &disk, &window);
    assert!(m.project.documents[0].annotation("q1").is_none());
    assert!(
        m.project.documents[0].relation("r1").is_none(),
        "no dangling link"
    );
    assert!(m.kept_ours.contains(&Conflict::Annotation {
        doc: "d1".into(),
        id: "q1".into()
    }));
}

#[test]
fn a_relation_to_an_annotation_removed_on_disk_brings_the_annotation_back() {
    let base = base();
    let mut disk = base.clone();
    add(&mut disk, span(TEXT, "t1", "Speaker", "東京"));
    delete(&mut disk, "s1");
    let mut window = base.clone();
    Edit::AddRelation {
        doc: 0,
        relation: said_by("r2", "q1", "s1"),
    }
    .apply(&mut window)
    .ok();
    let m = merge(&base, &disk, &window);
    let d = &m.project.documents[0];
    assert!(d.annotation("t1").is_some(), "the disk's addition");
    assert!(d.annotation("s1").is_some(), "kept: the window links to it");
    for r in d.relations() {
        assert!(
            d.annotation(&r.from).is_some() && d.annotation(&r.to).is_some(),
            "{r:?}"
        );
    }
}

#[test]
fn replacing_the_project_is_one_step_that_undoes_exactly() {
    let base = base();
    let mut disk = base.clone();
    retitle(&mut disk, "Merkel in Tokyo");
    add(&mut disk, span(TEXT, "t1", "Speaker", "東京"));
    let mut window = base.clone();
    add(&mut window, span(TEXT, "c1", "Cue", "said"));

    let mut p = window.clone();
    let mut h = History::default();
    let edit = replace_project(&p, disk.clone()).expect("they differ");
    h.perform(&mut p, edit, "Reload from disk", None)
        .expect("applies");
    assert_eq!(p, disk);
    assert!(h.undo(&mut p).expect("undo").is_some());
    assert_eq!(p, window, "Ctrl+Z brings the window's version back");
    assert!(h.redo(&mut p).expect("redo").is_some());
    assert_eq!(p, disk);
    assert!(replace_project(&disk, disk.clone()).is_none(), "nothing to do");
}

#[test]
fn rejections_decisions_and_origins_merge_like_annotations() {
    use quotebench::model::{Origin, Rejection, Taken};
    let rejection = |needle: &str| {
        let a = span(TEXT, "x", "Quote", needle);
        Rejection {
            label: "Quote".into(),
            fragments: a.fragments,
            rule: format!("rule for {needle}"),
        }
    };
    let reject = |p: &mut Project, needle: &str| {
        Edit::Reject {
            doc: 0,
            rejection: rejection(needle),
        }
        .apply(p)
        .expect("reject");
    };
    let decide = |p: &mut Project, start: usize, taken: Taken| {
        Edit::Decide {
            doc: 0,
            start,
            end: start + 2,
            taken: Some(taken),
        }
        .apply(p)
        .expect("decide");
    };
    let mut base = base();
    reject(&mut base, "你好世界");
    reject(&mut base, "東京");
    decide(&mut base, 0, Taken::All);
    let mut disk = base.clone();
    reject(&mut disk, "Ümit");
    decide(&mut disk, 10, Taken::Neither);
    Edit::ForgetRejection {
        doc: 0,
        rejection: rejection("東京"),
    }
    .apply(&mut disk)
    .expect("forget");
    let mut window = base.clone();
    reject(&mut window, "🇩🇪");
    decide(&mut window, 10, Taken::Version(vec!["ana".into()]));
    replace(&mut window, "q1", |a| {
        a.origin = Some(Box::new(Origin::suggested("quote in marks", 0.9)))
    });
    let c = changes(&base, &disk);
    assert_eq!(c.rejections_changed, 2, "{c}");
    assert!(c.to_string().contains("2 rejected suggestions changed"), "{c}");

    let m = merge(&base, &disk, &window);
    let d = &m.project.documents[0];
    let mut rules: Vec<&str> = d.rejected().iter().map(|r| r.rule.as_str()).collect();
    rules.sort();
    assert_eq!(
        rules,
        ["rule for Ümit", "rule for 你好世界", "rule for 🇩🇪"],
        "both sides' rejections; the one forgotten on disk stays forgotten"
    );
    let taken: Vec<(usize, &Taken)> = d.decisions().iter().map(|x| (x.start, &x.taken)).collect();
    assert_eq!(
        taken,
        [(0, &Taken::All), (10, &Taken::Version(vec!["ana".into()]))],
        "decisions are kept; where both decided, the window's"
    );
    assert_eq!(
        d.annotation("q1")
            .and_then(|a| a.origin.as_ref())
            .map(|o| o.rule.as_str()),
        Some("quote in marks")
    );
}
