//! The find bar over the article (Ctrl+F; Ctrl+Shift+F searches every
//! document): plain text or a regular expression, match case, whole words,
//! "3 of 41", every match highlighted and the current one outlined and
//! scrolled into view; Enter / F3 next, Shift+Enter / Shift+F3 previous,
//! Escape closes. "Tag all" (Alt+Enter) gives the matches, or the ticked
//! ones, a label and an attribute in one undoable step.
//!
//! The search itself is `crate::search`; this module keeps the query and
//! its results ([`FindBar`]), runs searches off the UI thread when the
//! text is large (`job.rs`), draws the bar (`bar.rs`), the list of hits
//! with their tick boxes (`list.rs`) and the highlights (`highlights.rs`).
//! Like the other panels it reads the workspace and returns actions; the
//! app (`app/find.rs`) moves the view.

mod bar;
mod highlights;
mod job;
mod list;
mod tag_panel;

use std::collections::HashSet;

use egui::{Key, Modifiers};

pub use highlights::Highlights;
pub use job::{Results, Scope};
use job::{Running, SearchKey, Started};
use tag_panel::TagPanel;

use crate::model::{CharRange, Project};
use crate::search::Query;

/// Where the view should go: a match of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Go {
    pub doc: usize,
    pub range: CharRange,
}

/// What the bar asks of the app this frame.
#[derive(Debug, Default)]
pub struct BarOutput {
    /// Show this match (switching document if need be).
    pub go: Option<Go>,
    /// For the status line (e.g. "Tagged 12 as Speaker, 3 already tagged").
    pub message: Option<String>,
    /// The bar was closed: the article has the keyboard again.
    pub closed: bool,
}

/// The find bar's state: the query, its options and what it found.
#[derive(Default)]
pub struct FindBar {
    pub open: bool,
    pub scope: Scope,
    pub text: String,
    pub regex: bool,
    pub match_case: bool,
    pub whole_words: bool,
    /// Give the text field the keyboard next frame.
    focus_field: bool,
    /// The text field had the keyboard last frame (Enter and Escape are ours).
    had_focus: bool,
    results: Results,
    /// What `results` answer.
    key: Option<SearchKey>,
    running: Option<Running>,
    /// The current match: (document, index among its matches).
    current: Option<(usize, usize)>,
    /// The "Tag all" part of the bar, when open.
    tagging: Option<TagPanel>,
    /// Matches the user unticked (not tagged by "Tag all").
    unticked: HashSet<(usize, CharRange)>,
    /// New results arrived: show the current one.
    go_pending: bool,
    /// The caret when the query changed: the first match after it becomes current.
    caret: usize,
}

impl FindBar {
    /// Opens the bar (or gives it the keyboard again) searching `scope`.
    pub fn open(&mut self, scope: Scope) {
        self.open = true;
        self.scope = scope;
        self.focus_field = true;
    }

    pub fn close(&mut self) {
        self.open = false;
        self.tagging = None;
        self.had_focus = false;
    }

    pub fn query(&self) -> Query {
        Query {
            pattern: self.text.clone(),
            regex: self.regex,
            match_case: self.match_case,
            whole_words: self.whole_words,
            ..Query::default()
        }
    }

    pub fn results(&self) -> &Results {
        &self.results
    }

    /// The current match, if any.
    pub fn current(&self) -> Option<Go> {
        let (doc, i) = self.current?;
        let range = *self.results.of(doc).get(i)?;
        Some(Go { doc, range })
    }

    /// A search is running for the query as typed.
    pub fn searching(&self) -> bool {
        self.running.is_some()
    }

    /// Brings the results up to date with the query and the project (starts
    /// a search when either changed, picks up a finished one). `caret` is
    /// where the first match after becomes current.
    pub fn refresh(&mut self, project: &Project, doc: usize, caret: usize, waker: Option<&egui::Context>) {
        if !self.open {
            return;
        }
        let key = SearchKey::new(self.query(), self.scope, project, doc);
        let asked = self.running.as_ref().map_or(self.key.as_ref(), |r| Some(&r.key));
        if asked != Some(&key) {
            self.caret = caret;
            self.running = None;
            match job::start(key.clone(), project, waker.cloned()) {
                Started::Done(r) => self.take(key, r, doc),
                Started::Running(r) => self.running = Some(r),
            }
        }
        if let Some(r) = &self.running
            && let Some(results) = r.poll()
        {
            let key = r.key.clone();
            self.running = None;
            self.take(key, results, doc);
        }
    }

    /// New results: the first match at or after the caret in the document
    /// shown becomes current (else the first of all), and is shown.
    fn take(&mut self, key: SearchKey, results: Results, doc: usize) {
        self.results = results;
        self.key = Some(key);
        self.unticked.clear();
        let here = self.results.of(doc);
        self.current = if here.is_empty() {
            self.results.hits.first().map(|(d, _)| (*d, 0))
        } else {
            let i = here.partition_point(|m| m.start < self.caret);
            Some((doc, if i < here.len() { i } else { 0 }))
        };
        self.go_pending = self.current.is_some();
    }

    /// Moves to the next (or previous) match, across documents when all are
    /// searched, wrapping around; returns where to go.
    pub fn step(&mut self, forward: bool) -> Option<Go> {
        let hits = &self.results.hits;
        if hits.is_empty() {
            return None;
        }
        let (mut h, mut i) = match self.current {
            Some((doc, i)) => (hits.iter().position(|(d, _)| *d == doc).unwrap_or(0), i),
            None => (0, 0),
        };
        if self.current.is_some() {
            if forward {
                i += 1;
                if i >= hits[h].1.len() {
                    h = (h + 1) % hits.len();
                    i = 0;
                }
            } else if i == 0 {
                h = (h + hits.len() - 1) % hits.len();
                i = hits[h].1.len().saturating_sub(1);
            } else {
                i -= 1;
            }
        }
        self.current = Some((hits[h].0, i));
        self.current()
    }

    /// Makes the match `i` of document `doc` current.
    pub fn set_current(&mut self, doc: usize, i: usize) -> Option<Go> {
        self.current = Some((doc, i));
        self.current()
    }

    /// The highlights for document `doc`, when the bar is open.
    pub fn highlights(&self, doc: usize) -> Option<Highlights<'_>> {
        if !self.open {
            return None;
        }
        let matches = self.results.of(doc);
        (!matches.is_empty()).then(|| Highlights {
            matches,
            current: self.current.filter(|(d, _)| *d == doc).map(|(_, i)| i),
        })
    }

    /// "3 of 41", "41 in 3 documents", "capped at 100,000", "No matches".
    pub fn count_text(&self) -> String {
        let total = self.results.total();
        if self.text.is_empty() {
            return String::new();
        }
        if self.running.is_some() && self.key.as_ref().is_none_or(|k| k.query != self.query()) {
            return "Searching…".into();
        }
        if total == 0 {
            return if self.results.empty_only {
                "No matches (the pattern matches only empty text)".into()
            } else {
                "No matches".into()
            };
        }
        let mut s = match self.current {
            Some((doc, i)) => {
                let before: usize = self
                    .results
                    .hits
                    .iter()
                    .take_while(|(d, _)| *d != doc)
                    .map(|(_, m)| m.len())
                    .sum();
                format!("{} of {}", before + i + 1, thousands(total))
            }
            None => thousands(total),
        };
        if self.scope == Scope::All {
            let docs = self.results.hits.len();
            s.push_str(&format!(
                " in {docs} document{}",
                if docs == 1 { "" } else { "s" }
            ));
        }
        if self.results.capped {
            s.push_str(&format!(" (capped at {})", thousands(self.results.limit)));
        }
        s
    }

    /// Enter, Shift+Enter and Escape while the text field has the keyboard:
    /// called before the window's own keys, which would take them otherwise
    /// (Escape clears the selection, Enter accepts a suggestion).
    pub fn keys(&mut self, ctx: &egui::Context) -> BarOutput {
        let mut out = BarOutput::default();
        if !self.open || !self.had_focus {
            return out;
        }
        if ctx.input_mut(|i| consume_exact(i, Modifiers::NONE, Key::Escape)) {
            self.close();
            out.closed = true;
            return out;
        }
        if ctx.input_mut(|i| consume_exact(i, Modifiers::SHIFT, Key::Enter)) {
            out.go = self.step(false);
            self.focus_field = true;
        } else if ctx.input_mut(|i| consume_exact(i, Modifiers::NONE, Key::Enter)) {
            out.go = self.step(true);
            self.focus_field = true;
        }
        out
    }

    /// Alt+Enter: opens the "Tag all" part, or tags when it is open.
    pub fn tag_key(&mut self) -> bool {
        if !self.open {
            self.open(self.scope);
        }
        if self.tagging.is_none() {
            self.tagging = Some(TagPanel::default());
            false
        } else {
            true
        }
    }

    /// Alt + a label's key while "Tag all" is open picks that label for
    /// it (so the whole find-and-tag flow works without the mouse); `true`
    /// when a label was picked.
    pub fn pick_label_keys(&mut self, ctx: &egui::Context, tagset: &crate::model::TagSet) -> bool {
        let Some(panel) = self.tagging.as_mut() else {
            return false;
        };
        for l in &tagset.labels {
            let Some(key) = l
                .key_char()
                .and_then(|c| Key::from_name(&c.to_ascii_uppercase().to_string()))
            else {
                continue;
            };
            if ctx.input_mut(|i| consume_exact(i, Modifiers::ALT, key)) {
                // A real keyboard also sends the letter as text with Alt held:
                // keep it out of the search field.
                let typed = key.name().to_lowercase();
                ctx.input_mut(|i| {
                    i.events
                        .retain(|e| !matches!(e, egui::Event::Text(t) if t.to_lowercase() == typed))
                });
                panel.label = l.name.clone();
                return true;
            }
        }
        false
    }

    /// Whether the "Tag all" part is open.
    pub fn tagging_open(&self) -> bool {
        self.tagging.is_some()
    }

    /// The ticked matches of each document (those "Tag all" tags).
    pub fn ticked(&self) -> Vec<(usize, Vec<CharRange>)> {
        self.results
            .hits
            .iter()
            .map(|(doc, m)| {
                let ticked = m
                    .iter()
                    .copied()
                    .filter(|r| !self.unticked.contains(&(*doc, *r)))
                    .collect();
                (*doc, ticked)
            })
            .collect()
    }
}

/// Consumes a press of `key` with exactly `modifiers` (egui's own
/// `consume_key` ignores Alt and Shift, and Alt+Enter is "Tag all").
fn consume_exact(i: &mut egui::InputState, modifiers: Modifiers, key: Key) -> bool {
    let before = i.events.len();
    i.events.retain(|e| {
        !matches!(e, egui::Event::Key { key: k, pressed: true, modifiers: m, .. }
            if *k == key && m.matches_exact(modifiers))
    });
    i.events.len() != before
}

/// 100000 -> "100,000".
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn project(texts: &[&str]) -> Project {
        Project {
            people: Default::default(),
            documents: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Document::new(format!("d{i}"), format!("D{i}"), *t))
                .collect(),
            ..Project::default()
        }
    }

    #[test]
    fn counts_steps_and_wraps_across_documents() {
        let p = project(&["a Khan b Khan", "none", "Khan"]);
        let mut bar = FindBar::default();
        bar.open(Scope::All);
        bar.text = "khan".into();
        bar.refresh(&p, 0, 3, None);
        // The first match after the caret is current.
        assert_eq!(bar.count_text(), "2 of 3 in 2 documents");
        assert_eq!(bar.step(true).map(|g| g.doc), Some(2));
        assert_eq!(bar.count_text(), "3 of 3 in 2 documents");
        assert_eq!(bar.step(true).map(|g| (g.doc, g.range.start)), Some((0, 2)));
        assert_eq!(bar.step(false).map(|g| g.doc), Some(2));
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn a_large_text_is_searched_off_the_ui_thread() {
        let big = "word ".repeat(100_000);
        let p = project(&[&big]);
        let mut bar = FindBar::default();
        bar.open(Scope::Document);
        bar.text = "word".into();
        bar.refresh(&p, 0, 0, None);
        assert!(bar.searching(), "500 kB goes to a thread");
        assert_eq!(bar.count_text(), "Searching…");
        for _ in 0..2000 {
            bar.refresh(&p, 0, 0, None);
            if !bar.searching() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(bar.results().total(), 100_000);
        assert_eq!(bar.count_text(), "1 of 100,000");
    }

    #[test]
    fn a_million_matches_are_capped_and_said() {
        let many = "a ".repeat(100_001);
        let p = project(&[&many]);
        let mut bar = FindBar::default();
        bar.open(Scope::Document);
        bar.text = "a".into();
        bar.refresh(&p, 0, 0, None);
        for _ in 0..2000 {
            if !bar.searching() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
            bar.refresh(&p, 0, 0, None);
        }
        assert_eq!(bar.results().total(), 100_000);
        assert_eq!(bar.count_text(), "1 of 100,000 (capped at 100,000)");
        // Highlights are looked up by range: only those of a paragraph.
        let h = bar.highlights(0).expect("highlights");
        assert_eq!(h.within(10, 20), 5..10);
    }

    #[test]
    fn a_bad_regex_is_said_not_panicked() {
        let p = project(&["text"]);
        let mut bar = FindBar::default();
        bar.open(Scope::Document);
        bar.regex = true;
        bar.text = "(".into();
        bar.refresh(&p, 0, 0, None);
        let err = bar.results().error.clone().expect("an error");
        assert!(err.contains("unclosed group"), "{err}");
        assert_eq!(bar.results().total(), 0);
    }
}
