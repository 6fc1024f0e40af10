//! The suggestion commands: run the engine (this document, or all of them on
//! a thread with a progress bar), go from one suggestion to the next,
//! accept (one undo step: the quote with its speaker, cue, links and
//! person), reject (an edit the project file keeps), accept everything
//! above a confidence, and move a suggestion's boundaries first.

use super::QuotebenchApp;
use super::modals::Modal;
use crate::model::{Edit, EditError};
use crate::suggest::Suggestion;
use crate::ui::commands::Command;
use crate::ui::suggestions::accept_dialog::AcceptAboveDialog;
use crate::ui::suggestions::bridge::{self, AcceptError, label_of};
use crate::ui::suggestions::job::{DocText, SuggestJob, text_hash};

/// Why a suggestion command did not run; the status line says it.
#[derive(Debug, thiserror::Error)]
pub enum SuggestError {
    #[error("No document is open.")]
    NoDocument,
    #[error("Suggestions are still being made ({done} of {total} documents); wait or cancel first.")]
    Busy { done: usize, total: usize },
    #[error("No suggestion is current: {0} goes to the next one.")]
    NoneCurrent(String),
    #[error("No suggestions here: {0} makes some.")]
    NoneShown(String),
    #[error("Select the text the suggested quote should cover first.")]
    NoSelection,
    #[error("That would leave the suggestion empty.")]
    CannotMove,
    #[error("Could not accept the suggestion: {0}")]
    Accept(#[from] AcceptError),
    #[error("Could not apply the suggestion: {0}")]
    Edit(#[from] EditError),
    #[error("The suggestion model is being trained already.")]
    Training,
    #[error("Nothing to learn from: tag some quotes (with their speakers and cues) first.")]
    NothingToLearn,
}

fn key_text(c: Command) -> String {
    c.info().shortcut.map_or_else(
        || c.info().label.to_string(),
        |k| crate::ui::commands::shortcut_text(&k),
    )
}

impl QuotebenchApp {
    pub(super) fn suggest_command(&mut self, c: Command) -> Result<(), SuggestError> {
        let s = &mut self.session;
        let none_current = || SuggestError::NoneCurrent(key_text(Command::NextSuggestion));
        match c {
            Command::Suggest | Command::SuggestAll => self.start_suggesting(c == Command::SuggestAll),
            Command::NextSuggestion | Command::PreviousSuggestion => {
                let forward = c == Command::NextSuggestion;
                let hull = s.suggestions.step(forward, s.ws.caret).map(Suggestion::hull);
                let hull = hull.ok_or_else(|| SuggestError::NoneShown(key_text(Command::Suggest)))?;
                s.view.scroll_to_char(hull.start);
                self.message = self.where_message();
                Ok(())
            }
            Command::AcceptSuggestion => self.accept_current(),
            Command::RejectSuggestion => self.reject_current(),
            Command::AcceptAbove => {
                let here = s.suggestions.shown().iter().map(|x| x.confidence).collect();
                let all =
                    s.ws.project
                        .documents
                        .iter()
                        .flat_map(|d| s.suggestions.pending_in(d))
                        .map(|x| x.confidence)
                        .collect();
                self.modals.push(Modal::AcceptAbove(AcceptAboveDialog::new(
                    self.accept_min,
                    here,
                    all,
                )));
                Ok(())
            }
            Command::SuggestionStartLeft
            | Command::SuggestionStartRight
            | Command::SuggestionEndLeft
            | Command::SuggestionEndRight => {
                let d = s.ws.document().ok_or(SuggestError::NoDocument)?;
                if s.suggestions.current().is_none() {
                    return Err(none_current());
                }
                let start = matches!(c, Command::SuggestionStartLeft | Command::SuggestionStartRight);
                let forward = matches!(c, Command::SuggestionStartRight | Command::SuggestionEndRight);
                if !s.suggestions.move_end(d, start, forward) {
                    return Err(SuggestError::CannotMove);
                }
                s.suggestions.refresh(&s.ws);
                Ok(())
            }
            Command::SuggestionFromSelection => {
                let d = s.ws.document().ok_or(SuggestError::NoDocument)?;
                if s.suggestions.current().is_none() {
                    return Err(none_current());
                }
                let range = s.ws.selection.map(|x| x.range()).filter(|r| !r.is_empty());
                let range = range.ok_or(SuggestError::NoSelection)?;
                if !s.suggestions.edit_current(d, |x| x.fragments = vec![range]) {
                    return Err(SuggestError::CannotMove);
                }
                s.ws.selection = None;
                s.suggestions.refresh(&s.ws);
                Ok(())
            }
            Command::ClearSuggestions => {
                s.suggestions.clear();
                s.suggestions.job = None;
                self.message = "Suggestions hidden.".into();
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// "Suggestion 3 of 12 · Quote · 0.92".
    fn where_message(&self) -> String {
        let s = &self.session.suggestions;
        match (s.current_index(), s.current()) {
            (Some(i), Some(x)) => format!(
                "Suggestion {} of {} · {} · confidence {:.2} · {}",
                i + 1,
                s.shown().len(),
                label_of(x.target),
                x.confidence,
                x.rule
            ),
            _ => String::new(),
        }
    }

    /// Starts the engine on the current document or on all of them.
    fn start_suggesting(&mut self, all: bool) -> Result<(), SuggestError> {
        self.look_for_model();
        let s = &mut self.session;
        if let Some(job) = &s.suggestions.job {
            return Err(SuggestError::Busy {
                done: job.done(),
                total: job.total,
            });
        }
        let project = &s.ws.project;
        let docs: Vec<DocText> = if all {
            project.documents.iter().collect()
        } else {
            vec![s.ws.document().ok_or(SuggestError::NoDocument)?]
        }
        .into_iter()
        .map(|d| DocText {
            id: d.id.clone(),
            title: d.title.clone(),
            text: d.text().to_string(),
        })
        .collect();
        let ctx = bridge::context_of(project);
        s.suggestions.job = Some(SuggestJob::start(docs, ctx, s.suggestions.model.clone()));
        self.message = "Suggesting…".into();
        Ok(())
    }

    /// Takes the engine's answers (each for the document as it is now) and
    /// says when it is done.
    pub(super) fn poll_suggest(&mut self, ctx: &egui::Context) {
        let s = &mut self.session;
        let Some(job) = &mut s.suggestions.job else { return };
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
        let (answers, finished) = job.poll();
        let cancelled = job.cancelled();
        let total = job.total;
        let mut failed = Vec::new();
        for a in answers {
            // Found by id; a document removed (or replaced) meanwhile is skipped.
            let Some(d) = s.ws.project.documents.iter().find(|d| d.id == a.id) else {
                continue;
            };
            if text_hash(d.text()) != a.text_hash {
                continue;
            }
            match a.result {
                Ok(list) => s.suggestions.set_found(&a.id, d.char_len(), list),
                Err(e) => failed.push(format!("{}: {e}", a.title)),
            }
        }
        if !failed.is_empty() {
            self.show_error(format!(
                "The suggestion engine stopped on {} document(s); the others have their suggestions.\n{}",
                failed.len(),
                failed.join("\n")
            ));
        }
        if finished {
            let s = &mut self.session;
            s.suggestions.job = None;
            s.suggestions.refresh(&s.ws);
            let n = s.suggestions.shown().len();
            let docs = if total > 1 {
                format!(" ({} documents)", s.suggestions.documents())
            } else {
                String::new()
            };
            self.message = if cancelled {
                format!("Suggesting cancelled; {n} suggestions in this document{docs}.")
            } else if n == 0 {
                format!("No suggestions in this document{docs}.")
            } else {
                format!(
                    "{n} suggestions in this document{docs}: {} goes to the first.",
                    key_text(Command::NextSuggestion)
                )
            };
        }
    }

    /// The progress of Suggest in all documents, with Cancel.
    pub(super) fn suggest_progress(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.session.suggestions.job else {
            return;
        };
        let (done, total) = (job.done(), job.total);
        let mut cancel = false;
        egui::Window::new("Suggesting")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::RIGHT_BOTTOM, [-16.0, -40.0])
            .show(ctx, |ui| {
                ui.label(format!("{done} of {total} documents"));
                ui.add(egui::ProgressBar::new(done as f32 / total.max(1) as f32).show_percentage());
                cancel = ui.button("Cancel").clicked();
            });
        if cancel && let Some(job) = &self.session.suggestions.job {
            job.cancel();
        }
    }

    fn accept_current(&mut self) -> Result<(), SuggestError> {
        let s = &mut self.session;
        let sug = s
            .suggestions
            .current()
            .cloned()
            .ok_or_else(|| SuggestError::NoneCurrent(key_text(Command::NextSuggestion)))?;
        let next = s.suggestions.key_after_current();
        let d = s.ws.document().ok_or(SuggestError::NoDocument)?;
        let edit = bridge::accept(s.ws.doc, d, &s.ws.project.tagset, &sug)?;
        let edit = crate::suggest::people::link_people(edit, &s.ws.project.people); // issue 14
        s.ws.perform(edit, "Accept suggestion", None)?;
        // The new quote is selected (the inspector shows it); the next
        // suggestion becomes current.
        let label = label_of(sug.target);
        let quote = s.ws.document().and_then(|d| {
            d.annotations()
                .find(|a| {
                    a.label == label
                        && a.fragments
                            .iter()
                            .map(|f| f.range())
                            .eq(sug.fragments.iter().copied())
                })
                .map(|a| a.id.clone())
        });
        s.ws.select_annotation(quote);
        self.after_decision(next, "Accepted");
        Ok(())
    }

    fn reject_current(&mut self) -> Result<(), SuggestError> {
        let s = &mut self.session;
        let sug = s
            .suggestions
            .current()
            .cloned()
            .ok_or_else(|| SuggestError::NoneCurrent(key_text(Command::NextSuggestion)))?;
        let next = s.suggestions.key_after_current();
        let d = s.ws.document().ok_or(SuggestError::NoDocument)?;
        let edit = bridge::reject(s.ws.doc, d, &sug);
        s.ws.perform(edit, "Reject suggestion", None)?;
        self.after_decision(next, "Rejected");
        Ok(())
    }

    /// After accepting or rejecting: the next suggestion is current and in view.
    fn after_decision(&mut self, next: Option<crate::ui::suggestions::SuggestionKey>, done: &str) {
        let s = &mut self.session;
        s.suggestions.set_current_key(next);
        s.suggestions.refresh(&s.ws);
        let left = s.suggestions.shown().len();
        match s.suggestions.current().map(Suggestion::hull) {
            Some(h) => {
                s.view.scroll_to_char(h.start);
                self.message = format!("{done}. {}", self.where_message());
            }
            None => self.message = format!("{done}; {left} suggestions left in this document."),
        }
    }

    /// Accepts every pending suggestion at or above `min` (in this document
    /// or in all), as one undo step: per document, most confident first,
    /// each against the document as the ones before it left it (a weaker
    /// overlapping one is dropped, a shared speaker tagged once).
    pub(super) fn accept_above(&mut self, min: f32, everywhere: bool) -> Result<(), SuggestError> {
        let s = &mut self.session;
        let ws = &s.ws;
        let docs: Vec<usize> = if everywhere {
            (0..ws.project.documents.len()).collect()
        } else {
            vec![ws.doc]
        };
        let mut edits = Vec::new();
        let (mut accepted, mut overlapping, mut failed) = (0, 0, 0);
        let mut errors: Vec<String> = Vec::new();
        for i in docs {
            let Some(d) = ws.project.documents.get(i) else {
                continue;
            };
            let done = bridge::accept_above(i, d, &ws.project.tagset, s.suggestions.pending_in(d), min);
            accepted += done.counts.accepted;
            overlapping += done.counts.overlapping;
            failed += done.counts.failed;
            for e in done.errors {
                let e = e.to_string();
                if !errors.contains(&e) {
                    errors.push(e);
                }
            }
            edits.extend(done.edit);
        }
        if !edits.is_empty() {
            s.ws.perform(
                crate::suggest::people::link_people(Edit::Batch(edits), &s.ws.project.people), // issue 14
                &format!("Accept {accepted} suggestions"),
                None,
            )?;
        }
        s.suggestions.refresh(&s.ws);
        let mut m = format!("Accepted {accepted} suggestions at or above {min:.2}");
        if overlapping > 0 {
            m.push_str(&format!(
                "; {overlapping} left out (a more confident one overlaps them)"
            ));
        }
        if failed > 0 {
            m.push_str(&format!("; {failed} could not be applied: {}", errors.join("; ")));
        }
        m.push('.');
        self.message = m;
        Ok(())
    }

    /// Makes suggestion `i` of the current document current and shows it.
    pub(super) fn go_to_suggestion(&mut self, i: usize) {
        let s = &mut self.session;
        if let Some(h) = s.suggestions.set_current(i).map(Suggestion::hull) {
            s.view.scroll_to_char(h.start);
            self.message = self.where_message();
        }
    }

    /// A click on a ghost (where no annotation is) makes it current.
    pub(super) fn clicked_suggestion(&mut self, c: usize) -> bool {
        match self.session.suggestions.at(c) {
            Some(i) => {
                self.session.suggestions.set_current(i);
                self.message = self.where_message();
                true
            }
            None => false,
        }
    }
}
