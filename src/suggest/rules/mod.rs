//! The hand-written rules: direct quotes with their frames (speaker mention
//! and cue), in one pass over the text.
//!
//! [`suggest`] is the entry. Pieces of text between quote marks are paired
//! ([`marks`]), joined across paragraphs and split frames ([`direct`]), given
//! the frame that attributes them ([`frames`], [`speaker`]), and turned into
//! [`Suggestion`]s with a confidence per kind of evidence.
//!
//! # What this module may import
//! `std`, `crate::model` (char ranges) and the rest of `crate::suggest`;
//! nothing that reads files or draws.

mod carry;
mod claims;
mod clause;
mod closing;
mod cues;
mod direct;
mod frames;
mod headline;
mod indirect;
mod inside;
mod line_words;
mod loose;
mod marks;
mod names;
mod naming;
mod people;
mod speaker;
mod subject;
mod verbs;
mod words;

use super::{Context, Suggestion, Target};

/// Every suggestion the rules make for `text`, in text order. Never panics;
/// offsets are chars.
pub fn suggest(text: &str, ctx: &Context) -> Vec<Suggestion> {
    let chars: Vec<char> = text.chars().collect();
    let toks = words::tokenize(&chars);
    let mut out: Vec<Suggestion> = direct::quotes(&chars, &toks)
        .into_iter()
        .map(|q| {
            let (speaker, cue, confidence, rule) = match &q.frame {
                Some(f) => (f.speaker, Some(f.cue), f.confidence, f.rule.to_string()),
                None => (None, None, 0.5, "quoted sentence with no frame".to_string()),
            };
            Suggestion {
                target: Target::Quote(q.kind),
                fragments: q.fragments,
                speaker,
                cue,
                person: None,
                confidence,
                rule,
            }
        })
        .collect();
    indirect::add(text, &mut out);
    out.sort_by_key(|s| s.hull().start);
    carry::carry(text, &mut out);
    people::link(text, &mut out, ctx);
    out.extend(claims::suggest(text));
    out.sort_by_key(|s| s.hull().start);
    out
}

#[cfg(test)]
mod more_tests;
#[cfg(test)]
mod tests;
