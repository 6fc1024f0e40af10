//! Speech and thought verbs as the indirect-quote rules use them: which
//! take a bare clause ("said he would"), which only a "that" clause
//! ("announced that"), which name an addressee first ("told reporters"),
//! and which invert ("…, said Smith."). Written by hand from general
//! knowledge of English; which verbs are speech and thought verbs is the
//! lexicon's ([`crate::suggest::lexicon`]).

use crate::suggest::lexicon;

/// How a speech or thought verb frames a reported clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verb {
    /// An addressee comes first ("told reporters he …").
    pub addressee: bool,
    /// Only "that" opens its clause ("announced that …", not "announced a plan").
    pub that_only: bool,
    /// May stand before its subject in a closing frame ("…, said Smith").
    pub inverts: bool,
    /// Its clause may open with "whether" or "if" ("asked whether …").
    pub question: bool,
    /// Any word may open its clause ("said legalizing it would …").
    pub bare_any: bool,
    /// A "to" infinitive may be its content ("vowed to fight on").
    pub infinitive: bool,
}

/// Lemmas whose bare clause is common and safe ("said he would",
/// "believes the party"); the other speech and thought verbs of the
/// lexicon need "that" ("announced that", not "announced a plan").
#[rustfmt::skip]
const BARE: &[&str] = &[
    "say", "tell", "think", "believe", "argue", "claim", "insist", "add", "note", "write", "predict",
    "acknowledge", "admit", "suggest", "warn", "explain", "stress", "contend", "maintain", "concede",
    "estimate", "assure", "remind", "inform", "hope", "expect", "fear", "know", "feel", "worry", "doubt",
    "suspect", "agree",
];

/// Forms that are too often nouns to take a bare clause ("thought").
const NOT_BARE_FORMS: &[&str] = &[
    "thought",
    "claims",
    "claim",
    "notes",
    "estimates",
    "estimate",
    "writes",
];

/// Verbs of commitment whose content may be a "to" infinitive ("pledged
/// to “win every state”"): what was promised is reported speech.
const INFINITIVE: &[&str] = &["promise", "pledge", "vow"];

/// Verbs whose clause may be a question ("asked whether").
const QUESTION: &[&str] = &["ask", "wonder", "question"];

/// Verbs that invert in a closing frame ("…, said Smith.").
#[rustfmt::skip]
const INVERTS: &[&str] = &[
    "said", "says", "added", "adds", "wrote", "writes", "explained", "noted", "recalled", "told",
    "asked",
];

/// Participles that open a new frame after a comma (", adding that …").
#[rustfmt::skip]
const PARTICIPLES: &[&str] = &[
    "adding", "saying", "noting", "arguing", "claiming", "insisting", "explaining", "warning",
    "stressing", "suggesting", "acknowledging", "admitting", "telling", "writing", "declaring",
    "calling", "asking", "predicting", "vowing", "promising", "citing",
];

/// The verb's frame behaviour, if `lower` is a finite form of a speech or
/// thought verb of the lexicon (participles open frames of their own, see
/// [`participle_frame`]).
pub fn speech_verb(lower: &str) -> Option<Verb> {
    thread_local! {
        /// Word -> frame behaviour: finding a lemma allocates, and news
        /// text repeats its words. Cleared when it grows large.
        static SEEN: std::cell::RefCell<std::collections::HashMap<String, Option<Verb>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if let Some(v) = seen.get(lower) {
            return *v;
        }
        if seen.len() > 50_000 {
            seen.clear();
        }
        let v = find_speech_verb(lower);
        seen.insert(lower.to_string(), v);
        v
    })
}

fn find_speech_verb(lower: &str) -> Option<Verb> {
    // Most words are no verb at all: a cheap test first (every form of a
    // lexicon verb starts with a lower-case ASCII letter).
    if lower.len() < 3 || !lower.starts_with(|c: char| c.is_ascii_lowercase()) || lower.ends_with("ing") {
        return None;
    }
    let lemma = lexicon::lemma_in(lower, lexicon::SPEECH_VERBS)
        .or_else(|| lexicon::lemma_in(lower, lexicon::THOUGHT_VERBS))
        .or_else(|| lexicon::lemma_in(lower, QUESTION))?;
    let addressee = lexicon::ADDRESSEE_VERBS.contains(&lemma);
    let question = QUESTION.contains(&lemma);
    Some(Verb {
        addressee,
        that_only: !BARE.contains(&lemma) || NOT_BARE_FORMS.contains(&lower),
        inverts: INVERTS.contains(&lower),
        question,
        bare_any: matches!(lemma, "say" | "think" | "believe"),
        infinitive: INFINITIVE.contains(&lemma),
    })
}

/// A participle that opens a new frame whose speaker is the sentence's
/// subject (", saying that …"), with its frame behaviour.
pub fn participle_frame(lower: &str) -> Option<Verb> {
    let verb = match lower {
        "saying" => "says",
        "adding" => "adds",
        "noting" => "notes",
        "arguing" => "argues",
        "claiming" => "claims",
        "insisting" => "insists",
        "explaining" => "explains",
        "warning" => "warns",
        "stressing" => "stresses",
        "suggesting" => "suggests",
        "acknowledging" => "acknowledged",
        "admitting" => "admits",
        "telling" => "tells",
        "predicting" => "predicted",
        "asking" => "asks",
        "promising" => "promises",
        "pledging" => "pledges",
        "vowing" => "vows",
        _ => return None,
    };
    speech_verb(verb)
}

/// Whether `lower` is a participle that opens another frame.
pub fn participle(lower: &str) -> bool {
    PARTICIPLES.contains(&lower)
}
