//! Word classes the features flag. TEMPORARY until `suggest::lexicon` is on
//! main: a short hand-written list of common English speech and thought
//! verbs, titles and pronouns (general knowledge, nothing from a corpus).

/// Flags of a lowercased word, one bit each.
pub const SPEECH: u8 = 1;
pub const THOUGHT: u8 = 2;
pub const TITLE: u8 = 4;
pub const PRONOUN: u8 = 8;
pub const THAT: u8 = 16;
pub const ACCORDING: u8 = 32;

const SPEECH_STEMS: &[&str] = &[
    "say", "said", "says", "saying", "tell", "told", "tells", "telling", "add", "added", "adds",
    "adding", "ask", "asked", "asks", "asking", "claim", "claimed", "claims", "claiming",
    "state", "stated", "states", "explain", "explained", "explains", "argue", "argued",
    "argues", "arguing", "insist", "insisted", "insists", "note", "noted", "notes", "noting",
    "warn", "warned", "warns", "warning", "announce", "announced", "announces", "declare",
    "declared", "declares", "suggest", "suggested", "suggests", "report", "reported",
    "reports", "write", "wrote", "writes", "tweet", "tweeted", "tweets", "reply", "replied",
    "replies", "respond", "responded", "responds", "acknowledge", "acknowledged", "admit",
    "admitted", "admits", "deny", "denied", "denies", "promise", "promised", "promises",
    "predict", "predicted", "predicts", "accuse", "accused", "accuses", "blame", "blamed",
    "blames", "criticize", "criticized", "criticised", "call", "called", "calls", "urge",
    "urged", "urges", "describe", "described", "describes", "contend", "contended", "assert",
    "asserted", "asserts", "recall", "recalled", "recalls", "confirm", "confirmed", "confirms",
    "stress", "stressed", "stresses", "joke", "joked", "jokes", "quip", "quipped", "vow",
    "vowed", "vows", "pledge", "pledged", "pledges", "tout", "touted", "touts", "boast",
    "boasted", "boasts", "complain", "complained", "complains", "allege", "alleged",
    "alleges", "maintain", "maintained", "maintains", "concede", "conceded", "concedes",
    "question", "questioned", "mention", "mentioned", "mentions", "remark", "remarked",
    "reveal", "revealed", "reveals", "indicate", "indicated", "indicates", "signal",
    "signaled", "signalled", "emphasize", "emphasized", "emphasised", "charge", "charged",
    "dismiss", "dismissed", "attack", "attacked", "praise", "praised", "defend", "defended",
    "agree", "agreed", "agrees", "disagree", "disagreed", "speak", "spoke", "speaking",
    "shout", "shouted", "yell", "yelled", "added", "continued", "continue", "continues",
    "conclude", "concluded", "concludes", "estimate", "estimated", "estimates", "propose",
    "proposed", "proposes", "demand", "demanded", "demands", "insisting", "declined",
    "decline", "told", "recommend", "recommended", "suggesting", "explaining", "according",
];

const THOUGHT_STEMS: &[&str] = &[
    "think", "thinks", "thought", "thinking", "believe", "believes", "believed", "believing",
    "hope", "hopes", "hoped", "hoping", "expect", "expects", "expected", "expecting", "fear",
    "fears", "feared", "fearing", "worry", "worries", "worried", "feel", "feels", "felt",
    "know", "knows", "knew", "want", "wants", "wanted", "wish", "wishes", "wished", "doubt",
    "doubts", "doubted", "suspect", "suspects", "suspected", "assume", "assumed", "assumes",
    "consider", "considers", "considered", "see", "sees", "saw", "view", "views", "viewed",
    "plan", "plans", "planned", "planning", "intend", "intends", "intended", "decide",
    "decided", "decides", "realize", "realized", "realise", "realised", "understand",
    "understood", "insists", "convinced", "sure", "aware", "concerned", "optimistic",
    "confident", "imagine", "imagined", "wonder", "wondered", "wonders",
];

const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "senator", "governor",
    "secretary", "minister", "chairman", "chairwoman", "spokesman", "spokeswoman",
    "spokesperson", "director", "chief", "commissioner", "officer", "judge", "mayor",
    "candidate", "leader", "speaker", "professor", "analyst", "adviser", "advisor", "aide",
    "official", "officials", "representative", "strategist", "sir", "lord", "lady",
];

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "who", "him", "her", "them", "us",
];

/// The flags of `lower` (a lowercased word).
pub fn flags(lower: &str) -> u8 {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<&'static str, u8>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = std::collections::HashMap::new();
        for (list, flag) in [
            (SPEECH_STEMS, SPEECH),
            (THOUGHT_STEMS, THOUGHT),
            (TITLES, TITLE),
            (PRONOUNS, PRONOUN),
            (&["that"][..], THAT),
            (&["according"][..], ACCORDING),
        ] {
            for w in list {
                *t.entry(*w).or_insert(0) |= flag;
            }
        }
        t
    });
    table.get(lower).copied().unwrap_or(0)
}
