//! How far the annotator draws a cue: learned from their own Cue tags and
//! applied to every suggested cue, the rules' included.
//!
//! The rules find a cue's head ("said"); annotators differ on what goes
//! with it: "has repeatedly said", "said in a statement", "goes on to
//! say:". For each word the examples show next to a cue, this counts how
//! often it was taken into the cue and how often left out beside it (on
//! each side, the word before or after it on that side as context). A
//! suggested cue then grows a word at a time while the word beside it was
//! taken more often than not, in enough examples.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{CharRange, Document, names};

use super::tokenize::{Paragraph, TokKind, covered};

/// Fewer examples of a word than this say nothing about it.
const MIN_SEEN: u32 = 3;
/// A cue grows by at most this many words on each side.
const MAX_GROWTH: usize = 6;

/// Per side, per key ("word" or "word|word beyond it"): how often the word
/// was taken into a cue beside it, and how often left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CueExtent {
    pub left: BTreeMap<String, [u32; 2]>,
    pub right: BTreeMap<String, [u32; 2]>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

fn lower(par: &Paragraph, i: usize) -> String {
    par.tokens[i].text.to_lowercase()
}

/// The keys for the token at `i` seen from a cue on `side` of it: the word
/// alone, and the word with the one beyond it (further from the cue).
fn keys(par: &Paragraph, i: usize, side: Side) -> [String; 2] {
    let w = lower(par, i);
    let beyond = match side {
        Side::Left => i.checked_sub(1),
        Side::Right => Some(i + 1).filter(|&j| j < par.tokens.len()),
    };
    let b = beyond.map_or_else(|| "<edge>".to_string(), |j| lower(par, j));
    [format!("{w}|{b}"), w]
}

impl CueExtent {
    fn table(&mut self, side: Side) -> &mut BTreeMap<String, [u32; 2]> {
        match side {
            Side::Left => &mut self.left,
            Side::Right => &mut self.right,
        }
    }

    fn count(&mut self, par: &Paragraph, i: usize, side: Side, taken: bool) {
        for k in keys(par, i, side) {
            self.table(side).entry(k).or_default()[usize::from(!taken)] += 1;
        }
    }

    /// Counts the Cue annotations of `doc` (tokenized as `pars`).
    pub fn learn(&mut self, doc: &Document, pars: &[Paragraph]) {
        for a in doc.annotations_in_order().filter(|a| a.label == names::CUE) {
            for f in &a.fragments {
                for (pi, first, last) in covered(pars, f.range()) {
                    let par = &pars[pi];
                    // Inside: each word but the last was taken with the
                    // cue to its right, each but the first with the cue
                    // to its left.
                    for i in first..last {
                        self.count(par, i, Side::Left, true);
                    }
                    for i in first + 1..=last {
                        self.count(par, i, Side::Right, true);
                    }
                    // Beside it: left out.
                    if first > 0 {
                        self.count(par, first - 1, Side::Left, false);
                    }
                    if last + 1 < par.tokens.len() {
                        self.count(par, last + 1, Side::Right, false);
                    }
                }
            }
        }
    }

    /// Whether the token at `i` goes into a cue on its `side`.
    fn takes(&self, par: &Paragraph, i: usize, side: Side) -> bool {
        if par.tokens[i].kind == TokKind::Quote {
            return false;
        }
        let table = match side {
            Side::Left => &self.left,
            Side::Right => &self.right,
        };
        for k in keys(par, i, side) {
            if let Some(&[taken, left]) = table.get(&k)
                && taken + left >= MIN_SEEN
            {
                return taken > left;
            }
        }
        false
    }

    /// `cue` grown as the annotator draws cues, never into `blocked` (the
    /// suggestion's quote and speaker) nor across a paragraph.
    pub fn grow(&self, pars: &[Paragraph], cue: CharRange, blocked: &[CharRange]) -> CharRange {
        let Some(&(pi, mut first, mut last)) = covered(pars, cue).first() else {
            return cue;
        };
        let par = &pars[pi];
        let free = |i: usize| !blocked.iter().any(|b| b.overlaps(&par.tokens[i].range));
        for _ in 0..MAX_GROWTH {
            if first == 0 || !free(first - 1) || !self.takes(par, first - 1, Side::Left) {
                break;
            }
            first -= 1;
        }
        for _ in 0..MAX_GROWTH {
            if last + 1 >= par.tokens.len() || !free(last + 1) || !self.takes(par, last + 1, Side::Right) {
                break;
            }
            last += 1;
        }
        CharRange {
            start: cue.start.min(par.tokens[first].range.start),
            end: cue.end.max(par.tokens[last].range.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Fragment};
    use crate::suggest::learn::tests::{ann, char_range as at};
    use crate::suggest::learn::tokenize::paragraphs;

    fn cue(text: &str, id: &str, needle: &str) -> Annotation {
        ann(text, id, names::CUE, needle)
    }

    /// An annotator who tags "has repeatedly said" and "said in a
    /// statement" whole, but never a name or "in" before a place.
    fn learned() -> CueExtent {
        let mut e = CueExtent::default();
        for (i, name) in ["Smith", "Jones", "Garcia", "Okafor"].iter().enumerate() {
            let text = format!(
                "{name} has repeatedly said taxes were high.\n{name} said in a statement that roads were bad.\n{name} said in Ohio that rain was due {i}."
            );
            // The third cue is "said" alone: "in Ohio" left out.
            let ohio = at(&text, "said in Ohio");
            let said = Annotation {
                fragments: vec![Fragment {
                    start: ohio.start,
                    end: ohio.start + 4,
                    text: "said".into(),
                }],
                ..cue(&text, "c", "said")
            };
            let anns = vec![
                cue(&text, "a", "has repeatedly said"),
                cue(&text, "b", "said in a statement"),
                said,
            ];
            let doc = Document::from_parts(format!("d{i}"), "t".into(), None, text, anns, vec![]).0;
            e.learn(&doc, &paragraphs(doc.text()));
        }
        e
    }

    #[test]
    fn a_cue_grows_as_the_annotator_draws_cues() {
        let e = learned();
        let text = "Lee has repeatedly said that costs rose.\nLee said in a statement that it rained.";
        let pars = paragraphs(text);
        let first = text.find("said").unwrap_or(0);
        let said = CharRange {
            start: first,
            end: first + 4,
        };
        assert_eq!(e.grow(&pars, said, &[]), at(text, "has repeatedly said"));
        let second = at(text, "said in a statement");
        let said2 = CharRange {
            start: second.start,
            end: second.start + 4,
        };
        assert_eq!(e.grow(&pars, said2, &[]), second);
    }

    #[test]
    fn words_left_out_beside_cues_stay_out_and_nothing_grows_into_the_quote() {
        let e = learned();
        let text = "Lee said in Ohio that costs rose.";
        let pars = paragraphs(text);
        let said = at(text, "said");
        // "in" before a place was left out, and "Lee" always was.
        assert_eq!(e.grow(&pars, said, &[]), said);
        // A speaker (or quote) beside the cue blocks it.
        let text = "Lee has repeatedly said that costs rose.";
        let pars = paragraphs(text);
        let said = at(text, "said");
        assert_eq!(e.grow(&pars, said, &[at(text, "repeatedly")]), said);
        // With nothing learned, nothing grows.
        assert_eq!(CueExtent::default().grow(&pars, said, &[]), said);
    }

    #[test]
    fn offsets_are_chars_with_emoji_and_rtl_text() {
        let e = learned();
        let text = "😀 שלום 中文 Lee has repeatedly said that costs rose.";
        let pars = paragraphs(text);
        let said = at(text, "said");
        let grown = e.grow(&pars, said, &[]);
        assert_eq!(grown, at(text, "has repeatedly said"));
        let got: String = text.chars().skip(grown.start).take(grown.len()).collect();
        assert_eq!(got, "has repeatedly said");
    }
}
