//! Speech and thought verbs as the indirect-quote rules use them: which
//! take a bare clause ("said he would"), which only a "that" clause
//! ("announced that"), which name an addressee first ("told reporters"),
//! and which invert ("…, said Smith."). Written by hand from general
//! knowledge of English.

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
}

/// Verb forms that take a bare clause, e.g. "said he would".
const BARE: &[&str] = &[
    "said", "says", "say", "think", "thinks", "thought", "believe", "believes", "believed", "argued",
    "argues", "argue", "claimed", "claims", "claim", "insisted", "insists", "insist", "added", "adds",
    "noted", "notes", "wrote", "writes", "predicted", "predicts", "acknowledged", "acknowledges",
    "admitted", "admits", "suggested", "suggests", "warned", "warns", "explained", "explains",
    "stressed", "stresses", "contended", "contends", "maintained", "maintains", "hopes", "hoped",
    "feels", "felt", "knew", "knows", "estimated", "estimates", "conceded", "concedes", "agreed",
    "agrees", "argued", "recalled", "recalls", "complained", "complains", "predicted", "declared",
    "declares", "asserted", "asserts", "charged", "alleged", "alleges", "speculated", "reckons",
    "worried", "worries", "fears", "feared", "expects", "expected", "emphasized", "emphasised",
    "replied", "responded", "countered", "observed", "remarked", "testified", "vowed", "vows",
    "pledged", "promised", "promises", "guessed", "figured", "figures", "reported", "reports",
    "stated", "states", "announced", "announces", "confirmed", "confirms", "denied", "denies",
];

/// Verbs that name an addressee before the clause.
const ADDRESSEE: &[&str] = &[
    "told", "tells", "tell", "assured", "assures", "reminded", "reminds", "informed", "informs",
    "warned", "warns", "promised", "convinced", "persuaded", "advised", "asked", "asks", "ask",
];

/// Verbs whose clause may be a question ("asked whether").
const QUESTION: &[&str] = &["asked", "asks", "ask", "wondered", "wonders", "questioned", "questions"];

/// Verb forms that need "that" to open a reported clause (the bare form
/// is too often a noun phrase: "announced his candidacy").
const THAT_ONLY: &[&str] = &[
    "announced", "announces", "confirmed", "confirms", "denied", "denies", "reported", "reports",
    "stated", "states", "responded", "replied", "testified", "pledged", "promised", "promises",
    "vowed", "vows", "observed", "remarked", "recalled", "recalls", "complained", "complains",
    "charged", "alleged", "alleges", "figured", "figures", "expected", "expects", "fears", "feared",
    "worried", "worries", "agreed", "agrees", "emphasized", "emphasised", "declared", "declares",
    "asserted", "asserts", "countered", "speculated", "guessed", "reckons", "estimates", "estimated",
    "hoped", "hopes", "felt", "feels", "knew", "knows", "thought",
];

/// Verbs that invert in a closing frame ("…, said Smith.").
const INVERTS: &[&str] = &["said", "says", "added", "adds", "wrote", "writes", "explained", "noted", "recalled", "told", "asked"];

/// Participles that open a new frame after a comma (", adding that …").
const PARTICIPLES: &[&str] = &[
    "adding", "saying", "noting", "arguing", "claiming", "insisting", "explaining", "warning",
    "stressing", "suggesting", "acknowledging", "admitting", "telling", "writing", "declaring",
    "calling", "asking", "predicting", "vowing", "promising", "citing",
];

/// The verb's frame behaviour, if `lower` is a speech or thought verb form.
pub fn speech_verb(lower: &str) -> Option<Verb> {
    let addressee = ADDRESSEE.contains(&lower);
    let question = QUESTION.contains(&lower);
    if !addressee && !question && !BARE.contains(&lower) && !INVERTS.contains(&lower) {
        return None;
    }
    Some(Verb {
        addressee,
        that_only: THAT_ONLY.contains(&lower) || (question && !addressee),
        inverts: INVERTS.contains(&lower),
        question,
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
        _ => return None,
    };
    speech_verb(verb)
}

/// Whether `lower` is a participle that opens another frame.
pub fn participle(lower: &str) -> bool {
    PARTICIPLES.contains(&lower)
}
