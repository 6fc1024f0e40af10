//! The compare view driven like a reviewer would: Review > Compare with…
//! (Ctrl+Shift+R) on two colleagues' files, F8 through the disagreements,
//! Alt+N to take a version, Ctrl+Shift+A to accept what both agree on, save
//! the gold file, and open it again.
#![cfg(feature = "gui")]

mod common;

use common::finish_save;

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::format::{load_project, save_project};
use quotebench::model::{Annotation, Relation, Taken};
use quotebench::review::Settled;
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

/// The settled count the panel shows.
fn settled(h: &Harness<'_, QuotebenchApp>) -> usize {
    let app = h.state();
    app.review().map_or(0, |r| r.settled_count(&app.ws().project))
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
        // Named after what was compared, not after the sample that was open.
        assert_eq!(app.ws().project.name, "Gold: d1 (ana, bo)");
        let r = app.review().expect("the review is open");
        assert_eq!(r.set.annotators, ["ana", "bo"]);
        assert_eq!(r.spots.len(), 2, "the quote's end and the claim");
        assert_eq!(app.ws().document().expect("gold doc").annotation_count(), 0);
    }
    // The panel names what differs, and counts places (clusters of
    // overlapping spans), the unit accept-all reports too.
    h.get_by_label_contains("1 document · 2 places agreed · 2 places differ · 0 settled");
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
    // Taking moved on to the claim; Alt+0 takes neither: no span comes in,
    // but the place is settled, as rejected, and the gold file records it.
    assert_eq!(h.state().review().and_then(|r| r.current), Some(1));
    let claim = h.state().review().map(|r| r.spots[1]).expect("the claim");
    assert_eq!(settled(&h), 1, "only the quote is settled before Alt+0");
    h.key_press_modifiers(Modifiers::ALT, Key::Num0);
    h.run();
    {
        let app = h.state();
        let d = app.ws().project.documents.first().expect("gold");
        assert!(d.annotations().all(|a| a.label != "Claim"));
        assert_eq!(
            d.decisions().iter().map(|x| x.taken.clone()).collect::<Vec<_>>(),
            [Taken::Version(vec!["bo".into()]), Taken::Neither]
        );
        let r = app.review().expect("review");
        assert_eq!(r.settlement(&app.ws().project, claim), Some(Settled::Rejected));
    }
    assert_eq!(settled(&h), 2);
    h.get_by_label_contains("rejected · Claim: only ana");
    h.get_by_label_contains("accepted · Quote: boundaries differ");
    // Accept what both agree on: the speaker and the cue; the quote's link follows.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run();
    assert_eq!(
        h.state().message(),
        "Accepted 2 agreed places (2 spans) into the gold file"
    );
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

/// Three colleagues: the quote's end differs three ways, only ana tagged the
/// claim, only bo and cy tagged Ali as a speaker; all agree on Zoë and the cue.
fn three_colleagues(dir: &Path) -> Vec<std::path::PathBuf> {
    let paths: Vec<std::path::PathBuf> = ["ana", "bo", "cy"]
        .iter()
        .map(|n| dir.join(format!("{n}.qb.ron")))
        .collect();
    let agreed = || vec![ann("s", "Speaker", "東京 Mayor Zoë"), ann("c", "Cue", "said")];
    let mut ana = agreed();
    ana.extend([
        ann("q", "Quote", "We will win 🏆,"),
        ann("k", "Claim", "Critics disagreed"),
    ]);
    let mut bo = agreed();
    bo.extend([ann("q", "Quote", "We will win 🏆"), ann("a", "Speaker", "Ali ﷺ")]);
    let mut cy = agreed();
    cy.extend([ann("q", "Quote", "We will win"), ann("a", "Speaker", "Ali ﷺ")]);
    for ((path, name), anns) in paths.iter().zip(["ana", "bo", "cy"]).zip([ana, bo, cy]) {
        write_layer(path, name, anns, Vec::new());
    }
    paths
}

fn harness(app: QuotebenchApp) -> Harness<'static, QuotebenchApp> {
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .allow_missing_glyphs()
        .build_eframe(move |_cc| app);
    h.run();
    h
}

/// Review > Compare with… on `paths`, as a user types them.
fn compare(h: &mut Harness<'static, QuotebenchApp>, paths: &[std::path::PathBuf]) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    h.run();
    let text: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    h.event(egui::Event::Text(text.join("\n")));
    h.run();
    h.get_by_label("Compare").click();
    h.run();
    h.run();
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
}

fn current(h: &Harness<'_, QuotebenchApp>) -> Option<usize> {
    h.state().review().and_then(|r| r.current)
}

fn gold_counts(h: &Harness<'_, QuotebenchApp>) -> (usize, usize) {
    let d = h.state().ws().project.documents.first().expect("gold doc");
    (d.annotation_count(), d.decisions().len())
}

#[test]
fn every_review_decision_undoes_and_redoes_even_neither_and_an_empty_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = three_colleagues(dir.path());
    let mut app = QuotebenchApp::with_workspace(quotebench::ui::Workspace::new(Default::default(), None));
    app.use_in_app_dialogs();
    let mut h = harness(app);
    compare(&mut h, &paths);
    assert_eq!(h.state().ws().project.name, "Gold: d1 (ana, bo, cy)");
    assert_eq!(
        h.state().review().map(|r| r.spots.len()),
        Some(3),
        "the quote, the claim, Ali"
    );

    // F8, Alt+3 (cy's quote), Alt+0 (neither, at the claim), Alt+1 (ana's
    // version at Ali: she has nothing there), Ctrl+Shift+A.
    h.key_press(Key::F8);
    h.run();
    assert_eq!(current(&h), Some(0));
    for key in [Key::Num3, Key::Num0, Key::Num1] {
        h.key_press_modifiers(Modifiers::ALT, key);
        h.run();
    }
    assert_eq!(settled(&h), 3);
    assert_eq!(gold_counts(&h), (1, 3), "cy's quote; three decisions");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run();
    assert_eq!(gold_counts(&h), (3, 3), "Zoë and the cue came in");
    let done = h.state().ws().project.clone();

    // Each Ctrl+Z takes one decision back, and shows the place it changed.
    let steps: [(Option<usize>, (usize, usize), usize); 4] = [
        (current(&h), (1, 3), 3), // accept-all: no disagreement changed, no move
        (Some(2), (1, 2), 2),     // Alt+1 at Ali
        (Some(1), (1, 1), 1),     // Alt+0 at the claim
        (Some(0), (0, 0), 0),     // Alt+3 at the quote
    ];
    for (i, (at, counts, n_settled)) in steps.into_iter().enumerate() {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        assert!(
            h.state().message().starts_with("Undid"),
            "undo {}: {}",
            i + 1,
            h.state().message()
        );
        assert_eq!(gold_counts(&h), counts, "undo {}", i + 1);
        assert_eq!(settled(&h), n_settled, "undo {}", i + 1);
        assert_eq!(current(&h), at, "undo {} shows the place it changed", i + 1);
    }
    // The fifth finds nothing left: "neither" did not stay settled.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().message(), "Nothing to undo");
    assert_eq!(settled(&h), 0);

    // Ctrl+Y brings every decision back, in order.
    for (i, n_settled) in [1, 2, 3, 3].into_iter().enumerate() {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
        h.run();
        assert!(
            h.state().message().starts_with("Redid"),
            "redo {}: {}",
            i + 1,
            h.state().message()
        );
        assert_eq!(settled(&h), n_settled, "redo {}", i + 1);
    }
    assert!(
        h.state().ws().project == done,
        "redo restores the curated project exactly"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().message(), "Nothing to redo");
}

#[test]
fn reopening_a_half_curated_gold_file_resumes_the_review() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = three_colleagues(dir.path());
    let mut app = QuotebenchApp::with_workspace(quotebench::ui::Workspace::new(Default::default(), None));
    app.use_in_app_dialogs();
    let mut h = harness(app);
    compare(&mut h, &paths);
    // Settle two: cy's quote, neither at the claim.
    h.key_press(Key::F8);
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::Num3);
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::Num0);
    h.run();
    assert_eq!(settled(&h), 2);
    let name = h.state().ws().project.name.clone();

    // Save it through the path field, open something else, open it again.
    let gold = dir.path().join("gold.qb.ron");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(gold.display().to_string()));
    h.run();
    h.key_press(Key::Enter);
    h.step();
    finish_save(&mut h);
    assert!(!h.state().ws().is_dirty(), "{}", h.state().message());
    h.state_mut().open_path(&paths[0]);
    h.run();
    h.state_mut().open_path(&gold);
    h.run();
    assert!(h.state().review().is_none());
    assert!(
        h.state()
            .message()
            .ends_with("Review > Compare with… on the colleagues' files resumes its review"),
        "opening a gold file says how to resume: {}",
        h.state().message()
    );

    // Compare with… the same files: the dialog says the review resumes, and
    // it does, over the open gold project (not a new one).
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    h.run();
    h.get_by_label_contains("comparing resumes its review");
    h.key_press(Key::Escape);
    h.run();
    compare(&mut h, &paths);
    assert!(
        h.state().message().starts_with("Resumed the review"),
        "{}",
        h.state().message()
    );
    assert_eq!(
        h.state().ws().path.as_deref(),
        Some(gold.as_path()),
        "the gold file stays open"
    );
    assert_eq!(h.state().ws().project.name, name, "never \"Gold: Gold: …\"");
    assert!(!h.state().ws().is_dirty());
    assert_eq!(settled(&h), 2);
    h.get_by_label_contains("3 places differ · 2 settled");
    h.get_by_label_contains("accepted · Quote");
    h.get_by_label_contains("rejected · Claim: only ana");
    // The next F8 goes to the first unsettled place: Ali.
    h.key_press(Key::F8);
    h.run();
    assert_eq!(current(&h), Some(2));
    h.get_by_label("Take bo, cy");
}

/// Six colleagues: all agree on Zoë and the cue; the quote's end differs
/// between the first three and the last three.
fn six_colleagues(dir: &Path) -> Vec<std::path::PathBuf> {
    let names = ["ana", "bo", "cy", "dan", "eve", "fay"];
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let path = dir.join(format!("{n}.qb.ron"));
            let quote = if i < 3 {
                "We will win 🏆,"
            } else {
                "We will win 🏆"
            };
            let anns = vec![
                ann("s", "Speaker", "東京 Mayor Zoë"),
                ann("c", "Cue", "said"),
                ann("q", "Quote", quote),
            ];
            write_layer(&path, n, anns, Vec::new());
            path
        })
        .collect()
}

#[test]
fn the_agreement_report_has_a_pair_matrix_and_a_summary_per_label() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = six_colleagues(dir.path());
    let mut app = QuotebenchApp::with_workspace(quotebench::ui::Workspace::new(Default::default(), None));
    app.use_in_app_dialogs();
    let mut h = harness(app);
    compare(&mut h, &paths);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run();
    // One line per label instead of 15 pair rows each.
    h.get_by_label("Speaker: mean F1 exact 1.0000 over 15 of 15 pairs; lowest 1.0000 (ana / bo), highest 1.0000 (ana / bo)");
    // The quote: 6 of the 15 pairs agree (within each group of three).
    h.get_by_label("Quote: mean F1 exact 0.4000 over 15 of 15 pairs; lowest 0.0000 (ana / dan), highest 1.0000 (ana / bo)");
    // The matrix: a row per annotator, numbered like the columns.
    assert_eq!(
        h.get_all_by_label("6 fay").count(),
        4,
        "the review panel's list, and a row in each matrix: Cue, Quote, Speaker"
    );
    let view = h
        .state()
        .review()
        .and_then(|r| r.report.as_ref())
        .map(|v| v.matrices.clone());
    let quote = view
        .iter()
        .flatten()
        .find(|m| m.label == "Quote")
        .expect("a quote matrix")
        .clone();
    let f = |a: usize, b: usize| quote.cells[a][b].as_ref().and_then(|f| f.value());
    assert_eq!(
        (f(0, 1), f(0, 3), f(3, 0), f(4, 5)),
        (Some(1.0), Some(0.0), Some(0.0), Some(1.0))
    );
    assert_eq!(f(2, 2), None, "nothing on the diagonal");
}

#[test]
fn the_agreement_report_tables_do_not_wrap_at_the_default_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = three_colleagues(dir.path());
    let mut app = QuotebenchApp::with_workspace(quotebench::ui::Workspace::new(Default::default(), None));
    app.use_in_app_dialogs();
    let mut h = harness(app);
    compare(&mut h, &paths[..2]);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run();
    let text = h
        .state()
        .review()
        .and_then(|r| r.report.as_ref())
        .map(|v| v.text.clone())
        .expect("the report");
    let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(longest > 90, "the pair table is wide ({longest} chars)");
    // The report's text is one label; wrapped, it would be no wider than
    // the window (720 points by default). It is wider: it scrolls sideways.
    let rect = h.get_by_label_contains("Per pair and label:").rect();
    assert!(
        rect.width() > 720.0,
        "the tables wrap: the text is {} points wide\n{text}",
        rect.width()
    );
}
