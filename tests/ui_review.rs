//! The compare view driven like a reviewer would: Review > Compare with…
//! (Ctrl+Shift+R) on two colleagues' files, F8 through the disagreements,
//! Alt+N to take a version, Ctrl+Shift+A to accept what both agree on, save
//! the gold file, and open it again.
#![cfg(feature = "gui")]

mod common;

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::format::{load_project, save_project};
use quotebench::model::{Annotation, Relation};
use quotebench::ui::QuotebenchApp;

const TEXT: &str = "“We will win 🏆,” said 東京 Mayor Zoë.\nCritics disagreed, said Ali ﷺ.";

fn ann(id: &str, label: &str, needle: &str) -> Annotation {
    common::span(TEXT, id, label, needle)
}

fn said_by(quote: &str, speaker: &str) -> Relation {
    common::said_by(&format!("{quote}-said_by"), quote, speaker)
}

fn write_layer(path: &Path, annotator: &str, anns: Vec<Annotation>, rels: Vec<Relation>) {
    let p = common::one_document(annotator, "d1", TEXT, anns, rels);
    save_project(&p, path).expect("write a colleague's file");
}

#[test]
fn compare_step_take_accept_save_and_reopen_the_gold_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ana = dir.path().join("ana.qb.ron");
    let bo = dir.path().join("bo.qb.ron");
    // ana and bo agree on the speaker and the cue; the quote's end differs;
    // only ana tagged the claim.
    write_layer(
        &ana,
        "ana",
        vec![
            ann("q", "Quote", "We will win 🏆,"),
            ann("s", "Speaker", "東京 Mayor Zoë"),
            ann("c", "Cue", "said"),
            ann("k", "Claim", "Critics disagreed"),
        ],
        vec![said_by("q", "s")],
    );
    write_layer(
        &bo,
        "bo",
        vec![
            ann("q", "Quote", "We will win 🏆"),
            ann("s", "Speaker", "東京 Mayor Zoë"),
            ann("c", "Cue", "said"),
        ],
        vec![said_by("q", "s")],
    );

    let mut app = QuotebenchApp::with_sample();
    app.use_in_app_dialogs();
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        // The article holds emoji and CJK that the default fonts lack (the
        // window's own labels are checked in ui_flow, which disallows tofu).
        .allow_missing_glyphs()
        .build_eframe(move |_cc| app);
    h.run();

    // Review > Compare with…: type both paths, leave the sample out.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    h.run();
    assert!(h.state().compare_dialog_open(), "Ctrl+Shift+R opens the dialog");
    h.event(egui::Event::Text(format!("{}\n{}", ana.display(), bo.display())));
    h.run();
    h.get_by_label("The open project is one of the annotators")
        .click();
    h.run();
    h.get_by_label("Compare").click();
    h.run();
    h.run();
    {
        let app = h.state();
        assert!(app.error().is_none(), "{:?}", app.error());
        let r = app.review().expect("the review is open");
        assert_eq!(r.set.annotators, ["ana", "bo"]);
        assert_eq!(r.spots.len(), 2, "the quote's end and the claim");
        assert_eq!(app.ws().document().expect("gold doc").annotation_count(), 0);
    }
    // The panel names what differs.
    h.get_by_label_contains("Quote: boundaries differ");
    h.get_by_label_contains("Claim: only ana");

    // The agreement report: the same figures as `quotebench agree`.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run();
    h.get_by_label_contains("Annotators: ana, bo");
    assert!(
        h.state()
            .review()
            .and_then(|r| r.report.as_ref())
            .is_some_and(|r| r.json.contains("\"f1_exact\"")),
        "the report holds the JSON figures"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run();

    // F8: the first disagreement (the quote). Alt+2 takes bo's version.
    h.key_press(Key::F8);
    h.run();
    assert_eq!(h.state().review().and_then(|r| r.current), Some(0));
    h.key_press_modifiers(Modifiers::ALT, Key::Num2);
    h.run();
    {
        let d = h.state().ws().document().expect("gold doc");
        let q: Vec<&Annotation> = d.annotations().filter(|a| a.label == "Quote").collect();
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].fragments[0].text, "We will win 🏆");
        assert_eq!(q[0].annotators, ["bo"]);
    }
    // Taking moved on to the claim; Alt+0 takes neither.
    assert_eq!(h.state().review().and_then(|r| r.current), Some(1));
    h.key_press_modifiers(Modifiers::ALT, Key::Num0);
    h.run();
    assert!(
        h.state()
            .ws()
            .document()
            .expect("gold")
            .annotations()
            .all(|a| a.label != "Claim")
    );
    // Accept what both agree on: the speaker and the cue; the quote's link follows.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run();
    {
        let d = h.state().ws().document().expect("gold doc");
        assert_eq!(d.annotation_count(), 3);
        let q = d.annotations().find(|a| a.label == "Quote").expect("quote");
        assert_eq!(d.person_of_quote(&q.id).as_deref(), Some("東京 Mayor Zoë"));
        let s = d.annotations().find(|a| a.label == "Speaker").expect("speaker");
        assert_eq!(s.annotators, ["ana", "bo"]);
    }
    // Undo takes back the acceptance, redo brings it again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().ws().document().expect("gold").annotation_count(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().ws().document().expect("gold").annotation_count(), 3);

    // Save the gold file through the path field.
    let gold = dir.path().join("gold.qb.ron");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().path_prompt_open(), "Save asks for a path");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(gold.display().to_string()));
    h.run();
    h.key_press(Key::Enter);
    h.step();
    finish_save(&mut h);
    assert!(!h.state().ws().is_dirty(), "{}", h.state().message());

    // Reopen it: the spans and who had them are there.
    let back = load_project(&gold).expect("the gold file opens").project;
    let d = &back.documents[0];
    assert_eq!(d.text(), TEXT);
    let mut got: Vec<(String, String, Vec<String>)> = d
        .annotations()
        .map(|a| (a.label.clone(), a.fragments[0].text.clone(), a.annotators.clone()))
        .collect();
    got.sort();
    let both = vec!["ana".to_string(), "bo".to_string()];
    assert_eq!(
        got,
        vec![
            ("Cue".into(), "said".into(), both.clone()),
            ("Quote".into(), "We will win 🏆".into(), vec!["bo".to_string()]),
            ("Speaker".into(), "東京 Mayor Zoë".into(), both),
        ]
    );
    h.state_mut().open_path(&gold);
    h.run();
    assert!(h.state().review().is_none(), "opening a file ends the review");
    assert_eq!(h.state().ws().document().expect("doc").annotation_count(), 3);
}

/// Steps the app until the save running off the UI thread has finished.
fn finish_save(h: &mut Harness<'_, QuotebenchApp>) {
    for _ in 0..1000 {
        h.step();
        if !h.state().saving() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the save did not finish");
}
