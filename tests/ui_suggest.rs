//! Suggestions in the window, driven with kittest the way an annotator
//! works: Suggest (Ctrl+G), go to the next suggestion (Alt+Down), accept it
//! (Enter: the quote with its speaker, cue and links, which one Ctrl+Z takes
//! away again), reject one (Backspace), save and reopen (the rejection
//! holds), accept everything above a confidence (Ctrl+Enter), move a
//! boundary before accepting, and Suggest in all documents on a thread.
#![cfg(feature = "gui")]

mod common;
use common::{finish_save, harness};

use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::model::{CharRange, Document, Project, TagSet, names};
use quotebench::suggest::Suggestion;
use quotebench::ui::suggestions::key_of;
use quotebench::ui::{QuotebenchApp, Workspace};

const ARTICLE: &str = "Council approves the river plan\n\
“The river will be clean by 2030,” said Ana Ruiz, the mayor.\n\
The vote was close.\n\
“Nobody has asked the people who live by the river,” said Tom Berg.\n\
“We will publish every contract,” said Ana Ruiz.\n\
“The budget is too small for a city this size,” said Tom Berg.";

const HARBOUR: &str = "Harbour reopens\n\
“Ships will be back by May,” said Lena Holm.";

const CTRL: Modifiers = Modifiers::COMMAND;
const ALT: Modifiers = Modifiers::ALT;

fn app() -> QuotebenchApp {
    let project = Project {
        people: Default::default(),
        name: "river".into(),
        annotator: "me".into(),
        tagset: TagSet::default(),
        documents: vec![
            Document::new("river", "Council approves the river plan", ARTICLE),
            Document::new("harbour", "Harbour reopens", HARBOUR),
        ],
        conflicts: Vec::new(),
    };
    let mut app = QuotebenchApp::with_workspace(Workspace::new(project, None));
    app.use_in_app_dialogs();
    app
}

/// Steps the window until the engine's thread has answered.
fn wait_for_suggestions(h: &mut Harness<'_, QuotebenchApp>) {
    for _ in 0..2000 {
        h.step();
        if !h.state().suggesting() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the suggestions did not come");
}

fn suggest(h: &mut Harness<'_, QuotebenchApp>) -> Vec<Suggestion> {
    h.key_press_modifiers(CTRL, Key::G);
    h.run();
    wait_for_suggestions(h);
    h.state().suggestions().shown().to_vec()
}

fn press(h: &mut Harness<'_, QuotebenchApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn doc(h: &Harness<'_, QuotebenchApp>) -> Document {
    h.state().ws().document().expect("a document is open").clone()
}

fn current(h: &Harness<'_, QuotebenchApp>) -> Suggestion {
    h.state()
        .suggestions()
        .current()
        .expect("a suggestion is current")
        .clone()
}

/// The char offset of `needle` in the open document.
fn offset(h: &Harness<'_, QuotebenchApp>, needle: &str) -> usize {
    let d = doc(h);
    let byte = d.text().find(needle).expect("in the text");
    d.text()[..byte].chars().count()
}

#[test]
fn suggest_next_accept_undo_reject_save_and_reopen() {
    let mut h = harness(app());
    h.run();
    let found = suggest(&mut h);
    assert!(
        found.len() >= 4,
        "the four framed quotes are suggested: {found:?}"
    );
    // Suggesting changes nothing in the project: ghosts are not annotations.
    assert_eq!(doc(&h).annotation_count(), 0);
    assert!(!h.state().ws().is_dirty());
    assert!(
        h.state().message().contains("suggestions"),
        "{}",
        h.state().message()
    );
    // The annotation list shows them, with their confidence.
    h.get_by_label_contains(&format!("Suggestions ({})", found.len()));
    let first_row = format!(
        "{:.2} Quote: {}",
        found[0].confidence,
        doc(&h).slice(found[0].hull())
    );
    h.get_by_label(&first_row);

    // Alt+Down makes the first one current and says which.
    press(&mut h, ALT, Key::ArrowDown);
    let first = current(&h);
    assert_eq!(key_of(&first), key_of(&found[0]));
    assert!(
        h.state().message().starts_with("Suggestion 1 of"),
        "{}",
        h.state().message()
    );
    let (Some(speaker), Some(cue)) = (first.speaker, first.cue) else {
        panic!("“…,” said Ana Ruiz has a speaker and a cue: {first:?}");
    };
    assert_eq!(doc(&h).slice(cue), "said");
    assert!(doc(&h).slice(speaker).contains("Ana Ruiz"));

    // Enter accepts: the quote, its speaker, its cue and both links.
    press(&mut h, Modifiers::NONE, Key::Enter);
    let d = doc(&h);
    let quote = d
        .annotations()
        .find(|a| a.label == names::QUOTE)
        .expect("the quote is tagged")
        .clone();
    let ranges: Vec<CharRange> = quote.fragments.iter().map(|f| f.range()).collect();
    assert_eq!(ranges, first.fragments);
    assert_eq!(quote.attribute(names::KIND), Some("direct"));
    let origin = quote
        .origin
        .as_ref()
        .expect("an accepted quote says where it came from");
    assert_eq!(
        (origin.by.as_str(), origin.rule.as_str()),
        ("suggested", first.rule.as_str())
    );
    let said_by: Vec<_> = d.targets(&quote.id, names::SAID_BY).collect();
    assert_eq!(said_by.len(), 1, "the quote is linked to its speaker");
    assert_eq!(said_by[0].hull(), speaker);
    let cues: Vec<_> = d.sources(&quote.id, names::CUE_OF).collect();
    assert_eq!(cues.len(), 1, "the cue is linked to the quote");
    assert_eq!(cues[0].hull(), cue);
    assert_eq!((d.annotation_count(), d.relations().count()), (3, 2));
    // The accepted one is no longer a suggestion; the next one is current.
    let shown = h.state().suggestions().shown().to_vec();
    assert_eq!(shown.len(), found.len() - 1);
    assert_eq!(key_of(&current(&h)), key_of(&found[1]));

    // One undo takes the quote, speaker, cue and links away; the ghost is back.
    press(&mut h, CTRL, Key::Z);
    let d = doc(&h);
    assert_eq!((d.annotation_count(), d.relations().count()), (0, 0));
    assert_eq!(h.state().suggestions().shown().len(), found.len());
    press(&mut h, CTRL, Key::Y);
    assert_eq!(doc(&h).annotation_count(), 3);

    // Backspace rejects the current one; it is gone, and undo brings it back.
    let rejected = current(&h);
    press(&mut h, Modifiers::NONE, Key::Backspace);
    let keys: Vec<_> = h.state().suggestions().shown().iter().map(key_of).collect();
    assert!(!keys.contains(&key_of(&rejected)));
    assert_eq!(keys.len(), found.len() - 2);
    assert!(h.state().ws().is_dirty());
    press(&mut h, CTRL, Key::Z);
    assert_eq!(h.state().suggestions().shown().len(), found.len() - 1);
    assert_eq!(
        doc(&h).annotation_count(),
        3,
        "undoing the rejection keeps the accepted quote"
    );
    press(&mut h, CTRL, Key::Y);
    assert_eq!(h.state().suggestions().shown().len(), found.len() - 2);

    // Save, reopen, suggest again: the rejection holds, the accepted quote is tagged.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("river.qb.ron");
    press(&mut h, CTRL, Key::S);
    assert!(h.state().path_prompt_open(), "Save asks for a path");
    h.key_press_modifiers(CTRL, Key::A);
    h.event(egui::Event::Text(path.display().to_string()));
    h.run();
    h.key_press(Key::Enter);
    h.step();
    finish_save(&mut h);
    assert!(!h.state().ws().is_dirty(), "saved: {}", h.state().message());
    h.state_mut().open_path(&path);
    h.run();
    assert_eq!(
        h.state().suggestions().shown().len(),
        0,
        "a new project starts with no ghosts"
    );
    let reopened = doc(&h);
    let kept = reopened
        .annotations()
        .find(|a| a.label == names::QUOTE)
        .expect("the accepted quote was saved");
    assert_eq!(kept.origin, quote.origin, "its origin was saved too");
    let again: Vec<_> = suggest(&mut h).iter().map(key_of).collect();
    assert!(
        !again.contains(&key_of(&rejected)),
        "the rejected suggestion stays rejected"
    );
    assert!(
        !again.contains(&key_of(&first)),
        "the accepted one is tagged, not suggested"
    );
    assert_eq!(again.len(), found.len() - 2);
}

#[test]
fn accept_every_suggestion_above_a_confidence_in_one_step() {
    let mut h = harness(app());
    h.run();
    let found = suggest(&mut h);
    let min = 0.8;
    let (high, low): (Vec<_>, Vec<_>) = found.iter().partition(|s| s.confidence >= min);
    assert!(
        !high.is_empty(),
        "some suggestions are at or above {min}: {found:?}"
    );

    press(&mut h, CTRL, Key::Enter);
    assert!(
        h.state().accept_above_open(),
        "Ctrl+Enter asks for the confidence"
    );
    h.get_by_label(&format!("Accept {}", high.len())).click();
    h.run();
    assert!(!h.state().accept_above_open());
    let d = doc(&h);
    for s in &high {
        assert!(
            d.annotations().any(|a| a.label == names::QUOTE
                && a.fragments
                    .iter()
                    .map(|f| f.range())
                    .eq(s.fragments.iter().copied())),
            "{s:?} is tagged"
        );
    }
    let left: Vec<_> = h.state().suggestions().shown().iter().map(key_of).collect();
    let expected: Vec<_> = low.iter().map(|s| key_of(s)).collect();
    assert_eq!(left, expected, "those below {min} are still suggestions");
    assert!(h.state().message().contains(&format!("Accepted {}", high.len())));

    // One undo step for all of them.
    press(&mut h, CTRL, Key::Z);
    assert_eq!(doc(&h).annotation_count(), 0);
    assert_eq!(h.state().suggestions().shown().len(), found.len());

    // In every document: Suggest in all documents first, then the same
    // dialog with "in every document"; still one undo step.
    press(&mut h, CTRL | ALT, Key::G);
    wait_for_suggestions(&mut h);
    press(&mut h, CTRL, Key::Enter);
    h.get_by_label("in every document").click();
    h.run();
    h.get_by_label(&format!("Accept {}", high.len() + 1)).click();
    h.run();
    let count =
        |h: &Harness<'_, QuotebenchApp>, i: usize| h.state().ws().project.documents[i].annotation_count();
    assert!(
        count(&h, 0) >= high.len() && count(&h, 1) == 3,
        "both documents are tagged"
    );
    press(&mut h, CTRL, Key::Z);
    assert_eq!((count(&h, 0), count(&h, 1)), (0, 0), "one undo takes both back");
}

#[test]
fn boundaries_move_before_accepting() {
    let mut h = harness(app());
    h.run();
    suggest(&mut h);
    press(&mut h, ALT, Key::ArrowDown);
    let before = current(&h);
    let hull = before.hull();
    // Alt+Right: the start one step right; Alt+Shift+Left: the end one step left.
    press(&mut h, ALT, Key::ArrowRight);
    press(&mut h, ALT | Modifiers::SHIFT, Key::ArrowLeft);
    let edited = current(&h);
    let e = edited.hull();
    assert!(e.start > hull.start && e.end < hull.end, "{hull:?} -> {e:?}");
    // A step over a quote mark is one char; over a word, the whole word.
    let text = doc(&h).slice(hull).to_string();
    if text.starts_with('“') {
        assert_eq!(e.start, hull.start + 1);
    }
    assert!(edited.rule.contains("edited"), "{}", edited.rule);
    assert_eq!(edited.speaker, before.speaker, "the speaker stays");
    press(&mut h, Modifiers::NONE, Key::Enter);
    let d = doc(&h);
    let quote = d
        .annotations()
        .find(|a| a.label == names::QUOTE)
        .expect("the edited quote is tagged");
    assert_eq!(quote.hull(), e);
    let origin = quote.origin.as_ref().expect("origin");
    assert!(origin.rule.ends_with("(boundaries edited)"), "{}", origin.rule);

    // F2: the selected text becomes the current suggestion's quote (the
    // next one is current after an accept); its speaker and cue stay.
    let next = current(&h);
    assert!(doc(&h).slice(next.hull()).contains("Nobody has asked"));
    let start = offset(&h, "Nobody has asked");
    let sel = CharRange::new(start, start + "Nobody has asked the people".chars().count());
    h.state_mut().ws_mut().selection = Some(quotebench::ui::Selection {
        anchor: sel.start,
        head: sel.end,
    });
    press(&mut h, Modifiers::NONE, Key::F2);
    let set = current(&h);
    assert_eq!(set.fragments, vec![sel]);
    assert_eq!((set.speaker, set.cue), (next.speaker, next.cue));
}

#[test]
fn suggest_in_all_documents_on_a_thread() {
    let mut h = harness(app());
    h.run();
    press(&mut h, CTRL | ALT, Key::G);
    if h.state().suggesting() {
        // The window keeps drawing meanwhile, with the count.
        h.get_by_label_contains("of 2 documents");
    }
    // Meanwhile the annotator tags the harbour quote by hand: the answers
    // apply to the documents as they are when they come.
    let ships = "“Ships will be back by May,”";
    let byte = HARBOUR.find(ships).expect("in the text");
    let start = HARBOUR[..byte].chars().count();
    let ws = h.state_mut().ws_mut();
    ws.set_document(1);
    ws.selection = Some(quotebench::ui::Selection {
        anchor: start,
        head: start + ships.chars().count(),
    });
    ws.tag_selection(names::QUOTE).expect("tagged by hand");
    ws.set_document(0);
    wait_for_suggestions(&mut h);
    assert!(h.state().suggestions().shown().len() >= 4);
    assert!(
        h.state().message().contains("2 documents"),
        "{}",
        h.state().message()
    );
    h.state_mut().ws_mut().set_document(1);
    h.run();
    let shown = h.state().suggestions().shown().to_vec();
    assert!(
        shown.is_empty(),
        "the quote tagged meanwhile is not suggested: {shown:?}"
    );
    // Undo the hand-made tag: the engine's suggestion is there.
    press(&mut h, CTRL, Key::Z);
    let shown = h.state().suggestions().shown().to_vec();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        doc(&h)
            .slice(shown[0].hull())
            .contains("Ships will be back by May")
    );
}

#[test]
fn the_suggestion_keys_are_in_the_menu_and_the_keyboard_reference() {
    let mut h = harness(app());
    h.run();
    press(&mut h, Modifiers::NONE, Key::F1);
    for (what, key) in [
        ("Suggest in this document", "Ctrl+G"),
        ("Next suggestion", "Alt+Down"),
        ("Accept suggestion", "Enter"),
        ("Reject suggestion", "Backspace"),
        ("Accept suggestions above…", "Ctrl+Enter"),
        ("Suggestion: end a word earlier", "Alt+Shift+Left"),
    ] {
        h.get_by_label(what);
        assert!(h.query_all_by_label(key).count() >= 1, "{key} is listed");
    }
    press(&mut h, Modifiers::NONE, Key::F1);
    h.get_by_label("Suggest").click();
    h.run();
    assert!(h.query_all_by_label_contains("Suggest in all documents").count() >= 1);
}

#[test]
fn hovering_a_ghost_gives_its_rule_and_confidence() {
    let mut h = harness(app());
    h.run();
    let found = suggest(&mut h);
    let s = &found[0];
    let c = s.hull().start + 3;
    let at: Pos2 = h.state().view().screen_pos_of_char(c).expect("on screen");
    h.hover_at(at);
    for _ in 0..60 {
        h.step();
        if h.query_by_label_contains("confidence").is_some() {
            break;
        }
    }
    h.get_by_label_contains(&format!("confidence {:.2}", s.confidence));
    h.get_by_label_contains(&format!("Rule: {}", s.rule));
    // A click on the ghost makes it current.
    h.drag_at(at);
    h.drop_at(at);
    h.run();
    assert_eq!(h.state().suggestions().current_index(), Some(0));
}

/// Rendered (wgpu, as the snapshot tests): a ghost is a dashed underline in
/// the Quote colour, and the text itself looks as before (an annotation has
/// a fill and a solid line). `QUOTEBENCH_GHOSTS_PNG=path` keeps the picture.
#[test]
fn ghosts_are_dashed_lines_in_the_label_colour_without_a_fill() {
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .wgpu()
        .build_eframe(move |_cc| app());
    h.run();
    let plain = h.render().expect("the window renders");
    let found = suggest(&mut h);
    press(&mut h, ALT, Key::ArrowDown);
    h.run();
    let img = h.render().expect("the window renders");
    if let Some(path) = std::env::var_os("QUOTEBENCH_GHOSTS_PNG") {
        img.save(path).expect("the picture is written");
    }
    let ppp = h.ctx.pixels_per_point();
    let quote = [0xe0_u8, 0xa0, 0x30];
    let near = |p: [u8; 4], c: [u8; 3]| (0..3).all(|i| p[i].abs_diff(c[i]) < 40);
    // The second suggestion (not the current one), on its first line.
    let s = &found[1];
    let view = h.state().view();
    let (a, b) = (s.hull().start + 2, s.hull().start + 12);
    let (pa, pb) = (
        view.screen_pos_of_char(a).expect("on screen"),
        view.screen_pos_of_char(b).expect("on screen"),
    );
    assert!((pa.y - pb.y).abs() < 1.0, "both on one line");
    let now = |x: f32, y: f32| img.get_pixel((x * ppp) as u32, (y * ppp) as u32).0;
    let before = |x: f32, y: f32| plain.get_pixel((x * ppp) as u32, (y * ppp) as u32).0;
    let xs: Vec<f32> = (0..((pb.x - pa.x) as usize)).map(|i| pa.x + i as f32).collect();
    // Below the text: a row where the Quote colour comes and goes (dashes).
    let dashed = (0..20).map(|dy| pa.y + dy as f32).any(|y| {
        let on = xs.iter().filter(|&&x| near(now(x, y), quote)).count();
        on * 10 >= xs.len() * 3 && on * 10 <= xs.len() * 8
    });
    assert!(dashed, "a dashed Quote-coloured line runs under the suggestion");
    // Through the middle of the text nothing changed: no fill.
    for dy in -3..=3 {
        let y = pa.y + dy as f32;
        let same = xs.iter().filter(|&&x| now(x, y) == before(x, y)).count();
        assert_eq!(
            same,
            xs.len(),
            "the text at {y} looks as it did before suggesting"
        );
    }
}

#[test]
fn enter_in_a_dialog_does_not_accept_the_suggestion_behind_it() {
    let mut h = harness(app());
    h.run();
    let found = suggest(&mut h);
    press(&mut h, ALT, Key::ArrowDown);
    press(&mut h, CTRL, Key::Enter);
    assert!(h.state().accept_above_open());
    press(&mut h, Modifiers::NONE, Key::Enter);
    press(&mut h, Modifiers::NONE, Key::Backspace);
    assert_eq!(
        doc(&h).annotation_count(),
        0,
        "nothing accepted from behind the dialog"
    );
    assert_eq!(
        h.state().suggestions().shown().len(),
        found.len(),
        "nothing rejected"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().accept_above_open());
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(
        doc(&h).annotation_count(),
        3,
        "with the dialog gone, Enter accepts"
    );
}

#[test]
fn the_current_suggestion_shows_in_the_side_panel_with_its_buttons() {
    let mut h = harness(app());
    h.run();
    let found = suggest(&mut h);
    assert!(
        h.query_by_label_contains("Suggestion 1 of").is_none(),
        "none current yet"
    );
    press(&mut h, ALT, Key::ArrowDown);
    h.get_by_label(&format!("Suggestion 1 of {}", found.len()));
    h.get_by_label(&format!("Rule: {}", found[0].rule));
    // Its buttons do what the keys do.
    // (The pointer stays over the panel, whose scroll bar fades in: steps, not run.)
    h.get_by_label("Next (Alt+Down)").click();
    h.run_steps(10);
    h.get_by_label(&format!("Suggestion 2 of {}", found.len()));
    h.get_by_label("Accept (Enter)").click();
    h.run_steps(10);
    let d = doc(&h);
    assert!(
        d.annotations()
            .any(|a| a.label == names::QUOTE && a.hull() == found[1].hull())
    );
    h.get_by_label("Reject (Backspace)").click();
    h.run_steps(10);
    assert_eq!(h.state().suggestions().shown().len(), found.len() - 2);
}

#[test]
fn next_suggestion_scrolls_it_into_view() {
    let filler = "A paragraph of plain reporting with no quotation in it at all.\n".repeat(150);
    let text = format!("{filler}“The harbour will reopen in May,” said Lena Holm.\n{filler}");
    let project = Project::from_text("Long", &text, "me");
    let mut h = harness(QuotebenchApp::with_workspace(Workspace::new(project, None)));
    h.run();
    let found = suggest(&mut h);
    assert_eq!(found.len(), 1, "{found:?}");
    let c = found[0].hull().start + 3;
    let y = |h: &Harness<'_, QuotebenchApp>| h.state().view().screen_pos_of_char(c).map(|p| p.y);
    assert!(y(&h).is_none_or(|y| y > 800.0), "far below the window at first");
    press(&mut h, ALT, Key::ArrowDown);
    h.run();
    let now = y(&h).expect("laid out once in view");
    assert!(
        (60.0..760.0).contains(&now),
        "in the window after Alt+Down: y = {now}"
    );
}

/// Steps the window until the training thread has finished.
fn wait_for_training(h: &mut Harness<'_, QuotebenchApp>) {
    for _ in 0..6000 {
        h.step();
        if !h.state().training() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the training did not finish");
}

#[test]
fn learning_from_the_projects_tags_keeps_a_model_beside_it_that_suggest_uses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sample.qb.ron");
    let sample = || {
        let loaded = quotebench::format::parse_project(quotebench::SAMPLE_PROJECT, "sample.qb.ron")
            .expect("the sample");
        QuotebenchApp::with_workspace(Workspace::new(loaded.project, Some(path.clone())))
    };
    let mut h = harness(sample());
    h.run();
    h.get_by_label("Suggest").click();
    h.run();
    h.get_by_label("Learn from this project's tags").click();
    h.run_steps(2);
    wait_for_training(&mut h);
    assert!(h.state().suggestion_model(), "{}", h.state().message());
    assert!(
        h.state().message().starts_with("Learned from 1 documents"),
        "{}",
        h.state().message()
    );
    let file = quotebench::format::model_path(&path);
    assert!(file.exists(), "the model is kept beside the project");
    // Suggest runs with it (rules plus model).
    suggest(&mut h);
    assert!(!h.state().suggesting());

    // Another window on the same project finds the model when it suggests.
    let mut h = harness(sample());
    h.run();
    assert!(!h.state().suggestion_model());
    suggest(&mut h);
    assert!(h.state().suggestion_model(), "loaded from beside the project");

    // Nothing tagged: nothing to learn from, said so.
    let mut h = harness(app());
    h.run();
    h.get_by_label("Suggest").click();
    h.run();
    h.get_by_label("Learn from this project's tags").click();
    h.run();
    assert!(!h.state().training());
    assert!(
        h.state().message().contains("Nothing to learn from"),
        "{}",
        h.state().message()
    );
}
