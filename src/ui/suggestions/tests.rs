//! The window's suggestion state without a window: going from one to the
//! next, what happens when one is tagged, moving boundaries over emoji,
//! CJK, combining marks and right-to-left text, and the engine's thread.

use super::job::{DocText, SuggestJob};
use super::{Suggestions, key_of};
use crate::model::{CharRange, Project};
use crate::suggest::{Context, QuoteKind, Suggestion, Target};
use crate::ui::workspace::{Selection, Workspace};

fn ws(text: &str) -> Workspace {
    Workspace::new(Project::from_text("T", text, "me"), None)
}

fn chars(text: &str, needle: &str) -> CharRange {
    let byte = text.find(needle).expect("in the text");
    let start = text[..byte].chars().count();
    CharRange::new(start, start + needle.chars().count())
}

fn quote(r: CharRange, confidence: f32) -> Suggestion {
    Suggestion {
        target: Target::Quote(QuoteKind::Direct),
        fragments: vec![r],
        speaker: None,
        cue: None,
        person: None,
        confidence,
        rule: "test".into(),
    }
}

/// A workspace over `text` whose one document has suggestions over `quotes`.
fn with(text: &str, quotes: &[&str]) -> (Workspace, Suggestions) {
    let ws = ws(text);
    let mut s = Suggestions::default();
    let d = ws.document().expect("one document");
    let list = quotes.iter().map(|q| quote(chars(text, q), 0.9)).collect();
    s.set_found(&d.id, d.char_len(), list);
    s.refresh(&ws);
    (ws, s)
}

fn text_of(ws: &Workspace, s: &Suggestions) -> String {
    let d = ws.document().expect("doc");
    let r = s.current().expect("a current suggestion").hull();
    d.slice(r).to_string()
}

#[test]
fn next_and_previous_go_round_and_start_at_the_caret() {
    let text = "“One,” a said. “Two,” b said. “Three,” c said.";
    let (_, mut s) = with(text, &["“One,”", "“Two,”", "“Three,”"]);
    let two = chars(text, "“Two,”").start;
    // Nothing current: the first at or after the caret.
    assert_eq!(s.step(true, two).map(|x| x.hull().start), Some(two));
    assert_eq!(s.current_index(), Some(1));
    s.step(true, 0);
    s.step(true, 0);
    assert_eq!(s.current_index(), Some(0), "after the last comes the first");
    s.step(false, 0);
    assert_eq!(s.current_index(), Some(2), "before the first comes the last");
    // Nothing current, backwards: the last one before the caret.
    s.set_current_key(None);
    assert_eq!(s.step(false, two).map(|x| x.hull()), Some(chars(text, "“One,”")));
}

#[test]
fn a_suggestion_tagged_by_hand_goes_and_the_next_one_is_current() {
    let text = "“One,” a said. “Two,” b said.";
    let (mut ws, mut s) = with(text, &["“One,”", "“Two,”"]);
    s.step(true, 0);
    let one = chars(text, "“One,”");
    ws.selection = Some(Selection {
        anchor: one.start,
        head: one.end,
    });
    ws.tag_selection("Quote").expect("tagged");
    s.refresh(&ws);
    assert_eq!(s.shown().len(), 1);
    assert_eq!(text_of(&ws, &s), "“Two,”");
    // Undo: it is a suggestion again; the current one stays.
    ws.undo().expect("undo");
    s.refresh(&ws);
    assert_eq!(s.shown().len(), 2);
    assert_eq!(text_of(&ws, &s), "“Two,”");
}

#[test]
fn another_document_starts_with_none_current() {
    let mut ws = ws("“One,” a said.");
    ws.perform(
        crate::model::Edit::AddDocument {
            index: 1,
            document: Box::new(crate::model::Document::new("two", "Two", "“Deux,” b said.")),
        },
        "add",
        None,
    )
    .expect("added");
    let mut s = Suggestions::default();
    for d in &ws.project.documents {
        s.set_found(&d.id, d.char_len(), vec![quote(CharRange::new(0, 6), 0.9)]);
    }
    s.refresh(&ws);
    s.step(true, 0);
    assert!(s.current().is_some());
    ws.set_document(1);
    s.refresh(&ws);
    assert!(s.current().is_none());
    assert_eq!(s.shown().len(), 1);
}

/// Moves the current suggestion's start (`start`) or end one step.
fn step_end(ws: &Workspace, s: &mut Suggestions, start: bool, forward: bool) -> String {
    let d = ws.document().expect("doc");
    s.move_end(d, start, forward);
    s.refresh(ws);
    text_of(ws, s)
}

#[test]
fn boundaries_move_by_words_and_marks_never_inside_a_cluster() {
    // A family emoji is five chars and one cluster; "e\u{301}" two chars.
    let text = "Elle a dit : « Café 👩\u{200d}👩\u{200d}👧 très bien », puis partit.";
    let (ws, mut s) = with(text, &["« Café 👩\u{200d}👩\u{200d}👧 très bien »"]);
    s.step(true, 0);
    assert_eq!(
        step_end(&ws, &mut s, true, true),
        "Café 👩\u{200d}👩\u{200d}👧 très bien »"
    );
    assert_eq!(
        step_end(&ws, &mut s, true, true),
        "👩\u{200d}👩\u{200d}👧 très bien »"
    );
    assert_eq!(
        step_end(&ws, &mut s, true, true),
        "très bien »",
        "the emoji is one step"
    );
    assert_eq!(
        step_end(&ws, &mut s, true, false),
        "👩\u{200d}👩\u{200d}👧 très bien »"
    );
    assert_eq!(
        step_end(&ws, &mut s, false, false),
        "👩\u{200d}👩\u{200d}👧 très bien"
    );
    assert_eq!(step_end(&ws, &mut s, false, false), "👩\u{200d}👩\u{200d}👧 très");
    assert_eq!(step_end(&ws, &mut s, false, false), "👩\u{200d}👩\u{200d}👧");
    // The end cannot pass the start: the last step is refused.
    assert_eq!(step_end(&ws, &mut s, false, false), "👩\u{200d}👩\u{200d}👧");
    assert_eq!(step_end(&ws, &mut s, false, true), "👩\u{200d}👩\u{200d}👧 très");
    assert!(
        s.current()
            .expect("current")
            .rule
            .ends_with("(boundaries edited)")
    );
}

#[test]
fn boundaries_move_over_cjk_combining_marks_and_right_to_left_text() {
    let text = "她说：「东京今天很冷」。 Zoe\u{308} said “שלום עולם” today.";
    let (ws, mut s) = with(text, &["「东京今天很冷」", "“שלום עולם”"]);
    s.step(true, 0);
    // A run of Han characters has no spaces: it is one word.
    assert_eq!(step_end(&ws, &mut s, true, true), "东京今天很冷」");
    assert_eq!(step_end(&ws, &mut s, false, false), "东京今天很冷");
    s.step(true, 0);
    // Hebrew in logical order: the steps follow the text, not the screen.
    assert_eq!(step_end(&ws, &mut s, true, true), "שלום עולם”");
    assert_eq!(step_end(&ws, &mut s, true, true), "עולם”");
    assert_eq!(step_end(&ws, &mut s, true, false), "שלום עולם”");
    // Leftwards over "Zoë" (e + combining diaeresis) and "said": whole words.
    assert_eq!(step_end(&ws, &mut s, true, false), "“שלום עולם”");
    assert_eq!(step_end(&ws, &mut s, true, false), "said “שלום עולם”");
    assert_eq!(step_end(&ws, &mut s, true, false), "Zoe\u{308} said “שלום עולם”");
}

#[test]
fn the_engine_runs_on_a_thread_and_answers_per_document() {
    let docs = [
        "“The river will be clean by 2030,” she said.",
        "",
        "no quotes at all",
        "“Unbalanced, he said.",
    ]
    .iter()
    .enumerate()
    .map(|(i, t)| DocText {
        id: format!("d{i}"),
        title: format!("Doc {i}"),
        text: t.to_string(),
    })
    .collect();
    let mut job = SuggestJob::start(docs, Context::default(), None);
    let mut answers = Vec::new();
    for _ in 0..2000 {
        let (got, finished) = job.poll();
        answers.extend(got);
        if finished {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    // One answer per document (the workers may finish out of order).
    answers.sort_by(|a, b| a.id.cmp(&b.id));
    let ids: Vec<&str> = answers.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["d0", "d1", "d2", "d3"]);
    assert_eq!(job.done(), 4);
    assert!(
        answers.iter().all(|a| a.result.is_ok()),
        "no text stops the engine"
    );
    let first = answers[0].result.as_ref().expect("suggestions");
    assert!(
        first.iter().any(|s| key_of(s).0.start == 0),
        "the quote is found: {first:?}"
    );
}

#[test]
fn a_cancelled_job_stops_and_says_so() {
    let docs = (0..200)
        .map(|i| DocText {
            id: format!("d{i}"),
            title: String::new(),
            text: "“A quote,” she said. ".repeat(200),
        })
        .collect();
    let mut job = SuggestJob::start(docs, Context::default(), None);
    job.cancel();
    let mut n = 0;
    for _ in 0..5000 {
        let (got, finished) = job.poll();
        n += got.len();
        if finished {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(job.cancelled());
    assert!(n < 200, "the thread stopped early ({n} documents)");
}

#[test]
fn a_ghost_tooltip_finds_a_speaker_far_from_its_quote() {
    use crate::ui::article_geometry::Decoration;
    let text = format!(
        "“A quote here,” {} said the minister. “Another one,” she said.",
        "and a long aside, ".repeat(20)
    );
    let ws = ws(&text);
    let d = ws.document().expect("doc");
    let mut first = quote(chars(&text, "“A quote here,”"), 0.9);
    first.speaker = Some(chars(&text, "the minister"));
    let second = quote(chars(&text, "“Another one,”"), 0.4);
    let mut s = Suggestions::default();
    s.set_found(&d.id, d.char_len(), vec![first, second]);
    s.refresh(&ws);
    let ghosts = super::ghosts::Ghosts {
        doc: d,
        list: s.shown(),
        current: None,
        reach: s.reach(),
    };
    let at = chars(&text, "minister").start;
    let lines = ghosts.tooltip(at);
    assert!(lines.iter().any(|l| l == "Speaker: the minister"), "{lines:?}");
    assert!(lines[0].contains("confidence 0.90"), "{lines:?}");
    let other = ghosts.tooltip(chars(&text, "Another").start);
    assert!(other[0].contains("confidence 0.40"), "{other:?}");
    assert!(
        ghosts.tooltip(chars(&text, "long aside").start).is_empty(),
        "nothing between them"
    );
}
