//! The links part of the app (issue 13, "Links you can see"): its
//! commands, the chooser's keys, the offer after tagging a quote, the
//! connectors and badges over the article, and undo/redo showing the text
//! of what they removed. The logic lives in `ui::links`; this wires it.

use egui::{Pos2, Ui, vec2};

use super::QuotebenchApp;
use crate::model::CharRange;
use crate::model::id_prefix;
use crate::ui::actions::{Action, Actions};
use crate::ui::article_view::ViewOutput;
use crate::ui::commands::{Command, shortcut_text};
use crate::ui::links::chooser::{Choice, Chooser};
use crate::ui::links::nearest::{Purpose, candidates};
use crate::ui::links::offer::sentence_offer;
use crate::ui::links::{LinkSettings, connectors};
use crate::ui::workspace::{Selection, WorkspaceError};

/// Where the links' settings are kept between runs.
pub(super) const LINK_SETTINGS_KEY: &str = "link_settings";

impl QuotebenchApp {
    /// Each frame, before drawing: the link map follows the document.
    pub(super) fn links_refresh(&mut self) {
        let s = &mut self.session;
        if let Some(d) = s.ws.document() {
            s.links.map.refresh(d, &s.ws.project.tagset);
        }
        // The chooser lives as long as its pick (a click in the text ends both).
        if s.links.chooser.is_some() && !s.picking {
            s.links.chooser = None;
        }
    }

    /// The chooser's keys, before the command table; true when one was used.
    pub(super) fn links_keys(&mut self, ctx: &egui::Context, actions: &mut Actions) -> bool {
        let Some(chooser) = &self.session.links.chooser else {
            return false;
        };
        match chooser.keys(ctx) {
            Some(choice) => {
                self.chosen(choice, actions);
                true
            }
            None => false,
        }
    }

    fn chosen(&mut self, choice: Choice, actions: &mut Actions) {
        let chooser = self.session.links.chooser.take();
        self.session.picking = false;
        match (choice, chooser) {
            (Choice::Take(n), Some(ch)) => {
                if let Some(c) = ch.candidates.get(n) {
                    actions.push(Action::Link {
                        from: c.from.clone(),
                        to: c.to.clone(),
                    });
                    self.message = format!("Linked: {} {}", crate::ui::links::kind_words(&c.kind), c.text);
                }
            }
            _ => self.message = "Linking cancelled".into(),
        }
    }

    /// The links' commands; `None` for a command that is not one of them.
    pub(super) fn links_command(&mut self, c: Command) -> Option<Result<(), WorkspaceError>> {
        Some(match c {
            Command::PickSpeaker => self.open_chooser(Purpose::Speaker),
            Command::LinkCue => self.open_chooser(Purpose::Cue),
            Command::ShowSpeakers => {
                self.link_settings.show_speakers = !self.link_settings.show_speakers;
                self.message = if self.link_settings.show_speakers {
                    "Showing each quote's speaker".into()
                } else {
                    "Speaker badges hidden".into()
                };
                Ok(())
            }
            Command::AlwaysLinkSentence => {
                let on = !self.link_settings.always_link_sentence;
                self.link_settings.always_link_sentence = on;
                self.message = if on {
                    "A quote tagged is linked to its sentence's speaker and cue at once".into()
                } else {
                    "Links in the sentence are offered (Ctrl+J takes them)".into()
                };
                Ok(())
            }
            Command::TakeOfferedLinks => self.take_offer(),
            _ => return None,
        })
    }

    fn open_chooser(&mut self, purpose: Purpose) -> Result<(), WorkspaceError> {
        let ws = &self.session.ws;
        let (Some(d), Some(sel)) = (ws.document(), ws.selected.clone()) else {
            return Err(WorkspaceError::NothingToLink);
        };
        if self
            .session
            .links
            .chooser
            .as_ref()
            .is_some_and(|c| c.purpose == purpose)
        {
            self.session.links.chooser = None;
            self.session.picking = false;
            return Ok(());
        }
        let list = candidates(d, &ws.project.tagset, &sel, purpose);
        self.message = if list.is_empty() {
            "Nothing near to link to (the tag set may define no such link)".into()
        } else {
            "Press 1-9 or Enter to link, or click it in the text; Esc cancels".into()
        };
        self.session.links.chooser = Some(Chooser {
            selected: sel,
            purpose,
            candidates: list,
        });
        self.session.picking = true;
        Ok(())
    }

    /// After a quote is tagged: offer (or, as set, make) its sentence's links.
    pub(super) fn links_after_tag(&mut self, id: &str) {
        let ws = &self.session.ws;
        let Some(d) = ws.document() else { return };
        self.session.links.offer = sentence_offer(d, &ws.project.tagset, id);
        if self.session.links.offer.is_none() {
            return;
        }
        if self.link_settings.always_link_sentence {
            if let Err(e) = self.take_offer() {
                self.message = e.to_string();
            }
        } else if let Some(o) = &self.session.links.offer {
            let key = Command::TakeOfferedLinks
                .info()
                .shortcut
                .map(|s| shortcut_text(&s))
                .unwrap_or_default();
            self.message = o.prompt(&key);
        }
    }

    /// Takes the offered links as one undo step.
    fn take_offer(&mut self) -> Result<(), WorkspaceError> {
        let ws = &mut self.session.ws;
        let offer = self.session.links.offer.take();
        let Some(offer) = offer.filter(|o| ws.document().is_some_and(|d| o.is_valid(d))) else {
            self.message = "No links are offered (tag a quote next to its speaker and cue)".into();
            return Ok(());
        };
        let edit = offer.edit(ws.doc, &id_prefix(&ws.project.annotator));
        ws.perform(edit, "Link speaker and cue", None)?;
        ws.select_annotation(Some(offer.quote.clone()));
        let n = offer.links.len();
        self.message = format!(
            "Linked the quote to {n} annotation{}",
            if n == 1 { "" } else { "s" }
        );
        Ok(())
    }

    /// After the article is drawn: the focus's connectors and edge markers,
    /// the chooser and the offer near the quote.
    pub(super) fn links_overlay(&mut self, ui: &mut Ui, out: &ViewOutput) {
        let s = &self.session;
        let Some(d) = s.ws.document() else { return };
        let hovered = out
            .hovered_at
            .and_then(|c| d.innermost_at(c))
            .map(|a| a.id.clone());
        let focus = hovered.or_else(|| s.ws.selected.clone());
        let layout = s.view.layout();
        let colors = crate::ui::article_view::label_colors(&s.ws.project.tagset, ui.visuals().dark_mode);
        let jump = focus.and_then(|f| connectors::show(ui, &layout, d, &s.links.map, &f, &colors));
        // Under the selected annotation (or at the top of the article).
        let below = |id: &str| -> Pos2 {
            d.annotation(id)
                .map(|a| a.hull())
                .and_then(|h| layout.rects(h.start, h.end).last().copied())
                .filter(|r| layout.clip.contains(r.left_bottom()))
                .map_or(layout.clip.left_top() + vec2(24.0, 24.0), |r| {
                    r.left_bottom() + vec2(0.0, 4.0)
                })
        };
        let mut choice = None;
        if let Some(ch) = &s.links.chooser {
            choice = ch.ui(ui.ctx(), below(&ch.selected));
        }
        let mut take = false;
        if let Some(o) = &s.links.offer
            && s.ws.selected.as_deref() == Some(o.quote.as_str())
            && s.links.chooser.is_none()
        {
            let at = below(&o.quote);
            let key = Command::TakeOfferedLinks
                .info()
                .shortcut
                .map(|k| shortcut_text(&k))
                .unwrap_or_default();
            let text = o.prompt(&key);
            egui::Area::new(egui::Id::unique("link_offer"))
                .order(egui::Order::Foreground)
                .fixed_pos(at)
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        take = ui
                            .button(text)
                            .on_hover_text("Take these links (one undo step)")
                            .clicked();
                    });
                });
        }
        if let Some(id) = jump {
            self.scroll_to_annotation(&id);
            self.session.ws.select_annotation(Some(id));
        }
        if let Some(c) = choice {
            let mut actions = Actions::default();
            self.chosen(c, &mut actions);
            for a in actions.0 {
                self.apply(a);
            }
        }
        if take && let Err(e) = self.take_offer() {
            self.message = e.to_string();
        }
    }

    /// Before an undo or redo: the char ranges of the annotations the step
    /// touched, so that the text of one it removes can be selected after.
    pub(super) fn links_before_undo(&self, undo: bool) -> Option<(usize, Vec<(String, CharRange)>)> {
        let ws = &self.session.ws;
        let (doc, ids) = if undo {
            ws.history.undo_place()?
        } else {
            ws.history.redo_place()?
        };
        let doc = doc?;
        let d = ws.project.documents.get(doc)?;
        let ranges = ids
            .iter()
            .filter_map(|id| d.annotation(id))
            .map(|a| (a.id.clone(), a.hull()))
            .collect();
        Some((doc, ranges))
    }

    /// After an undo or redo that left nothing to select (it removed what
    /// it touched): select the text it removed and scroll to it.
    pub(super) fn links_after_undo(&mut self, before: Option<(usize, Vec<(String, CharRange)>)>) {
        let ws = &mut self.session.ws;
        let Some((doc, ranges)) = before else { return };
        let Some(d) = ws.document().filter(|_| ws.doc == doc) else {
            return;
        };
        // Something it touched is still there: it is selected already.
        if ranges.iter().any(|(id, _)| d.annotation(id).is_some()) {
            return;
        }
        let Some(r) = ranges.first().map(|(_, r)| *r).filter(|r| r.end <= d.char_len()) else {
            return;
        };
        ws.selected = None;
        ws.selection = Some(Selection {
            anchor: r.start,
            head: r.end,
        });
        ws.caret = r.end;
        self.session.view.scroll_to_char(r.start);
    }

    /// A click in the text while the chooser is open: the link's ends as the
    /// chooser has them when the clicked annotation is a candidate (a cue
    /// clicked for a selected quote links cue -> quote).
    pub(super) fn links_pick_ends(&self, from: String, to: String) -> (String, String) {
        let found = self
            .session
            .links
            .chooser
            .as_ref()
            .and_then(|ch| ch.candidates.iter().find(|c| c.id == to));
        match found {
            Some(c) => (c.from.clone(), c.to.clone()),
            None => (from, to),
        }
    }

    /// Whether annotations labelled `label` get a sentence offer when tagged.
    pub(super) fn links_offers_for(&self, label: &str) -> bool {
        self.session.links.map.is_quote_label(label)
    }

    /// The menu label of a links setting that is on ("Show speakers (on)").
    pub(super) fn links_menu_label(&self, c: Command) -> Option<String> {
        let on = match c {
            Command::ShowSpeakers => self.link_settings.show_speakers,
            Command::AlwaysLinkSentence => self.link_settings.always_link_sentence,
            _ => false,
        };
        on.then(|| format!("{} (on)", c.info().label))
    }

    /// Restores the settings kept by [`LINK_SETTINGS_KEY`].
    pub(super) fn links_restore(&mut self, storage: &dyn eframe::Storage) {
        if let Some(s) = eframe::get_value::<LinkSettings>(storage, LINK_SETTINGS_KEY) {
            self.link_settings = s;
        }
    }

    /// The links' settings (tests and the bench read them).
    pub fn link_settings(&self) -> LinkSettings {
        self.link_settings
    }
}
