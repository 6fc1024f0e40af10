//! BIO tags over Quote (content), Speaker (source) and Cue, and the two ways
//! tokens get them: from a document's annotations (the gold to learn from)
//! and from the rules' suggestions (a feature the model reads).

use crate::model::{CharRange, Document, names};
use crate::suggest::{QuoteKind, Suggestion, Target};

use super::tokenize::{Paragraph, covered};

/// The number of tags: O, then B and I for Quote, Speaker, Cue.
pub const N_TAGS: usize = 7;
pub const O: u8 = 0;

/// What a span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Quote = 0,
    Speaker = 1,
    Cue = 2,
}

impl Part {
    pub fn begin(self) -> u8 {
        1 + 2 * self as u8
    }
    pub fn inside(self) -> u8 {
        2 + 2 * self as u8
    }
    /// The part a tag is of (None for O).
    pub fn of(tag: u8) -> Option<Part> {
        match tag {
            1 | 2 => Some(Part::Quote),
            3 | 4 => Some(Part::Speaker),
            5 | 6 => Some(Part::Cue),
            _ => None,
        }
    }
}

pub fn is_begin(tag: u8) -> bool {
    tag % 2 == 1
}

/// Short names for feature keys and messages.
pub const TAG_NAMES: [&str; N_TAGS] = ["O", "BQ", "IQ", "BS", "IS", "BC", "IC"];

/// Whether `to` may follow `from` (an I only after its own B or I).
pub fn allowed(from: Option<u8>, to: u8) -> bool {
    if to == O || is_begin(to) {
        return true;
    }
    match from {
        Some(f) => Part::of(f) == Part::of(to),
        None => false,
    }
}

/// Tags per token of each paragraph, from labelled char ranges: every
/// token overlapping a range gets the part, the first one of each range a B.
/// Later ranges win where they overlap earlier ones.
fn tag_ranges(pars: &[Paragraph], ranges: &[(CharRange, Part)]) -> Vec<Vec<u8>> {
    let mut tags: Vec<Vec<u8>> = pars.iter().map(|p| vec![O; p.tokens.len()]).collect();
    for &(r, part) in ranges {
        // A new paragraph starts a new span.
        for (pi, first, last) in covered(pars, r) {
            tags[pi][first] = part.begin();
            for t in &mut tags[pi][first + 1..=last] {
                *t = part.inside();
            }
        }
    }
    tags
}

/// The gold tags of a document: its Quote, Speaker and Cue annotations.
pub fn gold_tags(doc: &Document, pars: &[Paragraph]) -> Vec<Vec<u8>> {
    let mut ranges = Vec::new();
    for (label, part) in [
        (names::QUOTE, Part::Quote),
        (names::SPEAKER, Part::Speaker),
        (names::CUE, Part::Cue),
    ] {
        for a in doc.annotations_in_order().filter(|a| a.label == label) {
            for f in &a.fragments {
                ranges.push((f.range(), part));
            }
        }
    }
    tag_ranges(pars, &ranges)
}

/// What the rules said of each token: their tag and, inside a quote, its kind.
#[derive(Clone, Debug, Default)]
pub struct RuleMarks {
    pub tags: Vec<Vec<u8>>,
    /// 0 none, 1 direct, 2 indirect, 3 mixed, per token.
    pub kinds: Vec<Vec<u8>>,
}

pub fn rule_marks(pars: &[Paragraph], rules: &[Suggestion]) -> RuleMarks {
    let mut ranges = Vec::new();
    let mut kind_ranges = Vec::new();
    for s in rules {
        let Target::Quote(kind) = s.target else {
            continue;
        };
        let k = match kind {
            QuoteKind::Direct => Part::Quote,
            QuoteKind::Indirect => Part::Speaker,
            QuoteKind::Mixed => Part::Cue,
        };
        for f in &s.fragments {
            ranges.push((*f, Part::Quote));
            kind_ranges.push((*f, k));
        }
        if let Some(sp) = s.speaker {
            ranges.push((sp, Part::Speaker));
        }
        if let Some(c) = s.cue {
            ranges.push((c, Part::Cue));
        }
    }
    let tags = tag_ranges(pars, &ranges);
    // Kinds reuse the part slots: Quote = direct, Speaker = indirect, Cue = mixed.
    let kinds = tag_ranges(pars, &kind_ranges)
        .into_iter()
        .map(|v| {
            v.into_iter()
                .map(|t| Part::of(t).map_or(0, |p| p as u8 + 1))
                .collect()
        })
        .collect();
    RuleMarks { tags, kinds }
}
