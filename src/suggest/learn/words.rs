//! Word classes the features flag, from the hand-written lexicon
//! (`suggest::lexicon`), memoised per thread (a token's word is looked up
//! once per distinct word, not once per token).

use std::cell::RefCell;
use std::collections::HashMap;

use crate::suggest::lexicon;

/// Flags of a lowercased word, one bit each.
pub const SPEECH: u8 = 1;
pub const THOUGHT: u8 = 2;
pub const TITLE: u8 = 4;
pub const PRONOUN: u8 = 8;
pub const THAT: u8 = 16;
pub const ACCORDING: u8 = 32;
pub const ADDRESSEE: u8 = 64;

/// What the lexicon says of a word: its flags and, for a speech or thought
/// verb, its lemma ("said" -> "say").
#[derive(Clone, Copy, Debug, Default)]
pub struct WordClass {
    pub flags: u8,
    pub lemma: Option<&'static str>,
}

fn look_up(lower: &str) -> WordClass {
    let speech = lexicon::lemma_in(lower, lexicon::SPEECH_VERBS);
    let thought = lexicon::lemma_in(lower, lexicon::THOUGHT_VERBS);
    let mut flags = 0;
    for (yes, flag) in [
        (speech.is_some(), SPEECH),
        (thought.is_some(), THOUGHT),
        (lexicon::is_title(lower), TITLE),
        (lexicon::is_speaker_pronoun(lower), PRONOUN),
        (lower == "that", THAT),
        (lower == "according", ACCORDING),
        (lexicon::is_addressee_verb(lower), ADDRESSEE),
    ] {
        if yes {
            flags |= flag;
        }
    }
    WordClass {
        flags,
        lemma: speech.or(thought),
    }
}

thread_local! {
    static MEMO: RefCell<HashMap<String, WordClass>> = RefCell::new(HashMap::new());
}

/// The class of `lower` (a lowercased word).
pub fn class(lower: &str) -> WordClass {
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(c) = m.get(lower) {
            return *c;
        }
        let c = look_up(lower);
        // A bound on the memo for very long or hostile texts.
        if m.len() > 200_000 {
            m.clear();
        }
        m.insert(lower.to_string(), c);
        c
    })
}
