//! Suggestions for every document of a project, on every core.
//!
//! The engine is passed in (the rules, or the rules plus a trained model),
//! so this works with whichever engine the caller has. Documents are spread
//! over rayon's pool: articles differ a lot in length, and rayon's work
//! stealing keeps every core busy to the end where a fixed split per thread
//! would leave some idle; its pool is shared with anything else in the
//! process that uses rayon instead of starting threads per call.
//!
//! An engine that panics on one document (it must not, but a user's
//! project is not the place to find out) costs that document's suggestions,
//! reported as an [`EngineFailed`], not the whole run.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;
use thiserror::Error;

use super::accept::pending;
use super::{Context, Suggestion};
use crate::model::{Project, names};

/// The engine failed on one document (it panicked); the others are done.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("the suggestion engine failed on document {doc}: {message}")]
pub struct EngineFailed {
    pub doc: String,
    pub message: String,
}

/// What the engine knows of a project besides each text: the people
/// already named in it (the `person` of every Speaker, each once, sorted).
pub fn context_of(project: &Project) -> Context {
    let mut people: Vec<String> = project
        .documents
        .iter()
        .flat_map(|d| d.annotations())
        .filter(|a| a.label == names::SPEAKER)
        .filter_map(|a| a.attribute(names::PERSON))
        .map(str::to_owned)
        .collect();
    people.sort();
    people.dedup();
    Context { people }
}

/// The pending suggestions (see [`pending`]: not tagged already, not
/// rejected) for each document of `project`, in document order, made by
/// `engine` from each text and the project's [`context_of`], on every
/// core. `progress(done, total)` is called after each document, from the
/// worker threads; once `cancel` is set, documents not begun are skipped
/// and `None` is returned.
pub fn suggest_all<E>(
    project: &Project,
    engine: E,
    progress: &(dyn Fn(usize, usize) + Sync),
    cancel: &AtomicBool,
) -> Option<Vec<Result<Vec<Suggestion>, EngineFailed>>>
where
    E: Fn(&str, &Context) -> Vec<Suggestion> + Sync,
{
    let context = context_of(project);
    let total = project.documents.len();
    let done = AtomicUsize::new(0);
    let out: Vec<Option<Result<Vec<Suggestion>, EngineFailed>>> = project
        .documents
        .par_iter()
        .map(|doc| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let made = catch_unwind(AssertUnwindSafe(|| engine(doc.text(), &context)));
            let result = match made {
                Ok(suggestions) => Ok(pending(doc, suggestions)),
                Err(payload) => Err(EngineFailed {
                    doc: doc.id.clone(),
                    message: panic_message(payload.as_ref()),
                }),
            };
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            Some(result)
        })
        .collect();
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    out.into_iter().collect()
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "it stopped unexpectedly".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CharRange, Document, Edit};
    use crate::suggest::accept::{accept, reject};
    use crate::suggest::{QuoteKind, Target};
    use std::sync::Mutex;

    /// A stand-in engine: every word "said" proposes the word before it as
    /// a quote. Enough to see documents, order and filtering.
    fn before_said(text: &str, _: &Context) -> Vec<Suggestion> {
        let chars: Vec<char> = text.chars().collect();
        let words: Vec<(usize, usize)> = {
            let mut v = Vec::new();
            let mut start = None;
            for (i, c) in chars.iter().enumerate() {
                match (c.is_alphanumeric(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        v.push((s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(s) = start {
                v.push((s, chars.len()));
            }
            v
        };
        words
            .windows(2)
            .filter(|w| chars[w[1].0..w[1].1].iter().collect::<String>() == "said")
            .map(|w| Suggestion {
                target: Target::Quote(QuoteKind::Indirect),
                fragments: vec![CharRange {
                    start: w[0].0,
                    end: w[0].1,
                }],
                speaker: None,
                cue: Some(CharRange {
                    start: w[1].0,
                    end: w[1].1,
                }),
                person: None,
                confidence: 0.5,
                rule: "word before said".into(),
            })
            .collect()
    }

    fn project(n: usize) -> Project {
        let mut p = Project::from_text("p", "", "ana");
        p.documents = (0..n)
            .map(|i| {
                let text = format!("{} {}", "word said ".repeat(i % 7), "😀 中文 yes said مرحبا");
                Document::new(format!("d{i}"), format!("D{i}"), text)
            })
            .collect();
        p
    }

    #[test]
    fn every_document_in_order_with_progress_to_the_end() {
        let p = project(50);
        let seen = Mutex::new(Vec::new());
        let progress = |done: usize, total: usize| seen.lock().expect("lock").push((done, total));
        let all = suggest_all(&p, before_said, &progress, &AtomicBool::new(false)).expect("not cancelled");
        assert_eq!(all.len(), 50);
        for (i, (d, r)) in p.documents.iter().zip(&all).enumerate() {
            let got = r.as_ref().expect("no failure");
            assert_eq!(got.len(), i % 7 + 1, "document {i}");
            let last = got.last().expect("one");
            assert_eq!(
                d.slice(last.fragments[0]),
                "yes",
                "char offsets past emoji and CJK"
            );
        }
        let mut seen = seen.into_inner().expect("lock");
        seen.sort();
        assert_eq!(seen, (1..=50).map(|d| (d, 50)).collect::<Vec<_>>());
    }

    #[test]
    fn tagged_and_rejected_suggestions_are_left_out() {
        let mut p = project(3);
        let engine = before_said;
        let ctx = Context::default();
        let s0 = engine(p.documents[1].text(), &ctx).remove(0);
        let s1 = engine(p.documents[2].text(), &ctx).remove(1);
        let e = accept(1, &p.documents[1], &p.tagset, &s0).expect("accept");
        e.apply(&mut p).expect("apply");
        reject(2, &p.documents[2], &s1).apply(&mut p).expect("reject");
        let all = suggest_all(&p, engine, &|_, _| {}, &AtomicBool::new(false)).expect("done");
        let lens: Vec<usize> = all.iter().map(|r| r.as_ref().map_or(99, Vec::len)).collect();
        assert_eq!(lens, [1, 1, 2]);
        let left = all[2].as_ref().expect("ok");
        assert!(!left.contains(&s1));
    }

    #[test]
    fn the_people_of_the_project_are_the_context() {
        let text = "Ms Dick said no.";
        let mut p = Project::from_text("p", text, "ana");
        let s = accept(
            0,
            &p.documents[0],
            &p.tagset,
            &Suggestion {
                target: Target::Quote(QuoteKind::Indirect),
                fragments: vec![CharRange { start: 13, end: 15 }],
                speaker: Some(CharRange { start: 0, end: 7 }),
                cue: None,
                person: Some("Cressida Dick".into()),
                confidence: 0.9,
                rule: "r".into(),
            },
        )
        .expect("accept");
        assert!(
            matches!(&s, Edit::Batch(v) if v.len() == 3),
            "quote, speaker, link"
        );
        s.apply(&mut p).expect("apply");
        p.documents.push(Document::new("d2", "D2", "Later she said yes."));
        let seen = Mutex::new(Vec::new());
        let engine = |_: &str, ctx: &Context| {
            seen.lock().expect("lock").push(ctx.people.clone());
            Vec::new()
        };
        suggest_all(&p, engine, &|_, _| {}, &AtomicBool::new(false)).expect("done");
        let seen = seen.into_inner().expect("lock");
        assert_eq!(seen, vec![vec!["Cressida Dick".to_string()]; 2]);
    }

    #[test]
    fn a_panicking_engine_costs_one_document_and_cancel_stops() {
        let p = project(6);
        let engine = |text: &str, ctx: &Context| {
            if text.matches("word said").count() == 3 {
                panic!("boom");
            }
            before_said(text, ctx)
        };
        let all = suggest_all(&p, engine, &|_, _| {}, &AtomicBool::new(false)).expect("done");
        let failed: Vec<&EngineFailed> = all.iter().filter_map(|r| r.as_ref().err()).collect();
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].doc, "d3");
        assert!(
            failed[0].to_string().contains("document d3: boom"),
            "{}",
            failed[0]
        );
        assert_eq!(all.iter().filter(|r| r.is_ok()).count(), 5);
        assert!(suggest_all(&p, before_said, &|_, _| {}, &AtomicBool::new(true)).is_none());
    }
}
