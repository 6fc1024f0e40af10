//! Which words can be the cue of a direct quote's frame, and the small
//! word classes the frame rules step over. Written by hand from general
//! knowledge of English news style; the shared [`crate::suggest::lexicon`]
//! gives the verbs' other forms.

use crate::suggest::lexicon;

/// Verbs of saying (and writing, tweeting, asking) in the forms a frame
/// uses: past, present third person, and bare (after "would", "to").
#[rustfmt::skip]
const SPEECH: &[&str] = &[
    "said", "says", "say", "added", "adds", "told", "tells", "asked", "asks", "wrote", "writes",
    "explained", "explains", "noted", "notes", "declared", "declares", "insisted", "insists",
    "argued", "argues", "stated", "states", "continued", "continues", "recalled", "recalls",
    "replied", "replies", "responded", "responds", "answered", "answers", "remarked", "remarks",
    "observed", "observes", "warned", "warns", "claimed", "claims", "joked", "jokes", "quipped",
    "quips", "tweeted", "tweets", "posted", "posts", "announced", "announces", "acknowledged",
    "acknowledges", "conceded", "concedes", "admitted", "admits", "cautioned", "cautions",
    "suggested", "suggests", "predicted", "predicts", "boasted", "boasts", "complained",
    "complains", "lamented", "laments", "shouted", "shouts", "yelled", "yells", "screamed", "cried",
    "whispered", "whispers", "muttered", "mutters", "exclaimed", "thundered", "proclaimed",
    "proclaims", "urged", "urges", "stressed", "stresses", "emphasized", "emphasizes", "emphasised",
    "maintained", "maintains", "contended", "contends", "concluded", "concludes", "countered",
    "counters", "retorted", "agreed", "agrees", "confirmed", "confirms", "promised", "promises",
    "vowed", "vows", "pledged", "pledges", "mused", "muses", "wondered", "wonders", "charged",
    "charges", "alleged", "alleges", "demanded", "demands", "reported", "reports", "testified",
    "testifies", "recounted", "recounts", "reflected", "reflects", "interjected", "chimed",
    "described", "describes", "predicted", "speculated", "quoted", "quotes", "chanted", "chant",
    "sang", "sings", "texted", "emailed", "messaged", "blogged", "snapped", "scoffed", "sighed",
    "laughed", "deadpanned", "fumed", "groused", "griped", "gushed", "raved", "sniffed", "teased",
    "thought", "thinks", "believed", "believes", "figured", "hoped", "feared", "worried",
    "reasoned", "assured", "assures", "reminded", "reminds", "informed", "advised", "pleaded",
    "begged", "asserted", "asserts", "affirmed", "repeated", "repeats", "reiterated", "reiterates",
    "disclosed", "revealed", "reveals", "conceded", "opined", "elaborated", "clarified",
    "corrected", "protested", "objected", "acknowledged", "bragged", "cracked", "ventured",
    "surmised", "pressed", "interrupted", "shot", "fired", "estimated", "explained", "tweets",
];

/// Present participles that frame a following quote (`, adding “…”`).
#[rustfmt::skip]
const PARTICIPLES: &[&str] = &[
    "saying", "adding", "noting", "telling", "arguing", "insisting", "writing", "explaining",
    "declaring", "warning", "asking", "stating", "claiming", "calling", "joking", "quipping",
    "tweeting", "announcing", "acknowledging", "admitting", "conceding", "suggesting", "predicting",
    "boasting", "complaining", "lamenting", "urging", "stressing", "emphasizing", "emphasising",
    "concluding", "countering", "promising", "vowing", "pledging", "charging", "recalling",
    "replying", "responding", "observing", "remarking", "proclaiming", "repeating", "reiterating",
    "asserting", "declaring", "continuing", "chanting", "shouting", "yelling", "screaming",
    "echoing",
];

/// Verbs whose object is the addressee, not the speaker ("told reporters").
#[rustfmt::skip]
const ADDRESSED: &[&str] = &[
    "told", "tells", "asked", "asks", "assured", "assures", "reminded", "reminds", "informed",
    "advised", "warned", "warns", "urged", "urges", "promised", "promises", "telling", "asking",
    "warning", "urging", "promising", "texted", "emailed", "messaged", "begged",
];

/// Words between a subject and its verb ("has also said", "would later say").
#[rustfmt::skip]
const AUXILIARIES: &[&str] = &[
    "also", "later", "has", "had", "have", "would", "will", "then", "once", "again", "previously",
    "recently", "repeatedly", "frequently", "often", "never", "only", "just", "simply", "further",
    "quickly", "famously", "reportedly", "publicly", "privately", "has", "was", "is", "could",
    "might", "may", "did", "does", "do", "earlier", "since", "since", "subsequently", "separately",
    "finally", "bluntly", "flatly", "angrily", "calmly", "quietly", "loudly", "simply",
    "sarcastically", "jokingly", "proudly", "told", "always", "even", "still", "already", "first",
];

/// Words that end a speaker mention read forward (time and place phrases).
#[rustfmt::skip]
const AFTER_STOPS: &[&str] = &[
    "in", "on", "at", "during", "after", "before", "while", "when", "as", "last", "this",
    "yesterday", "today", "tonight", "earlier", "later", "recently", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "told", "to", "from", "about", "via",
    "through", "into", "outside", "inside", "following", "with", "and", "but", "of", "that",
    "according", "adding", "noting", "referring", "speaking", "pointing", "amid", "because",
    "since", "if", "than", "then", "over", "under",
];

/// Words that end a speaker mention read backward (clause openers).
#[rustfmt::skip]
const BEFORE_STOPS: &[&str] = &[
    "as", "but", "because", "while", "when", "where", "which", "that", "if", "so", "though",
    "although", "after", "before", "since", "until", "than", "and", "or", "yet", "once", "whereas",
    "unless", "whom", "what", "how", "why", "said", "says",
];

fn has(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// A verb of saying (lower-cased word): any form of the shared lexicon's
/// speech verbs, or one of the frame verbs listed here.
pub(crate) fn is_speech_verb(w: &str) -> bool {
    has(SPEECH, w) || lexicon::is_speech_verb(w)
}

/// A participle that frames a quote after a comma.
pub(crate) fn is_participle(w: &str) -> bool {
    has(PARTICIPLES, w)
}

/// One of the common frame verbs listed here (not only the wider lexicon).
pub(crate) fn is_core_verb(w: &str) -> bool {
    has(SPEECH, w)
}

/// A verb whose object is the person addressed.
pub(crate) fn is_addressed(w: &str) -> bool {
    has(ADDRESSED, w) || lexicon::is_addressee_verb(w)
}

/// A word that may stand between a subject and its verb.
pub(crate) fn is_auxiliary(w: &str) -> bool {
    has(AUXILIARIES, w)
}

/// A word that ends a speaker mention read forward.
pub(crate) fn stops_after(w: &str) -> bool {
    has(AFTER_STOPS, w)
}

/// A word that ends a speaker mention read backward.
pub(crate) fn stops_before(w: &str) -> bool {
    has(BEFORE_STOPS, w)
}

/// Words after which a verb-looking word is a noun ("the report", "a
/// post", "her comments", "in response").
pub(crate) fn is_noun_marker(w: &str) -> bool {
    w.ends_with("'s")
        || w.ends_with("’s")
        || matches!(
            w,
            "the"
                | "a"
                | "an"
                | "this"
                | "that"
                | "these"
                | "those"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "my"
                | "your"
                | "every"
                | "each"
                | "no"
                | "any"
                | "whose"
                | "of"
                | "in"
                | "on"
                | "for"
                | "with"
                | "by"
                | "from"
                | "at"
                | "into"
                | "some"
                | "such"
                | "new"
        )
}
