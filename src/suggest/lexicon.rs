//! Hand-written word lists: speech and thought verbs, titles, words that
//! name a source. Written from general knowledge of English news style,
//! never derived from an annotated corpus.

/// Speech verbs (lemmas) that introduce what someone said.
pub const SPEECH_VERBS: &[&str] = &[
    "say",
    "tell",
    "ask",
    "add",
    "explain",
    "state",
    "declare",
    "announce",
    "claim",
    "insist",
    "argue",
    "note",
    "warn",
    "write",
    "reply",
    "respond",
    "answer",
    "acknowledge",
    "admit",
    "confirm",
    "deny",
    "suggest",
    "stress",
    "emphasize",
    "emphasise",
    "report",
    "recall",
    "remark",
    "comment",
    "observe",
    "point",
    "continue",
    "conclude",
    "concede",
    "contend",
    "assert",
    "maintain",
    "predict",
    "promise",
    "vow",
    "pledge",
    "urge",
    "demand",
    "reveal",
    "disclose",
    "mention",
    "complain",
    "boast",
    "joke",
    "quip",
    "cry",
    "shout",
    "scream",
    "whisper",
    "murmur",
    "mutter",
    "exclaim",
    "retort",
    "counter",
    "charge",
    "accuse",
    "allege",
    "tweet",
    "post",
    "testify",
    "recount",
    "describe",
    "call",
    "label",
    "brag",
    "lament",
    "caution",
    "advise",
    "agree",
    "disagree",
    "question",
    "wonder",
    "inform",
    "assure",
    "reassure",
    "propose",
    "recommend",
    "repeat",
    "reiterate",
    "underscore",
    "highlight",
    "signal",
    "indicate",
    "suggest",
    "speculate",
    "estimate",
    "forecast",
    "hint",
    "imply",
    "proclaim",
    "pronounce",
    "decry",
    "criticize",
    "criticise",
    "praise",
    "thank",
    "apologize",
    "apologise",
    "protest",
    "object",
    "snap",
    "sigh",
    "laugh",
    "rant",
    "tout",
];

/// Thought and belief verbs (lemmas): reported thoughts, beliefs and plans,
/// which news attribution corpora count as attributions too.
pub const THOUGHT_VERBS: &[&str] = &[
    "think",
    "believe",
    "feel",
    "hope",
    "fear",
    "expect",
    "want",
    "know",
    "worry",
    "doubt",
    "suspect",
    "understand",
    "assume",
    "consider",
    "realize",
    "realise",
    "decide",
    "plan",
    "intend",
    "hold",
    "reckon",
    "guess",
    "imagine",
    "agree",
    "learn",
    "find",
    "conclude",
    "recognize",
    "recognise",
    "view",
    "see",
    "regard",
];

/// Verbs after which the next noun phrase is the addressee, not the speaker
/// ("she told the committee", "he asked reporters").
pub const ADDRESSEE_VERBS: &[&str] = &[
    "tell", "ask", "inform", "assure", "reassure", "warn", "remind", "advise", "urge", "thank",
];

/// Titles before a name (lower case, no dot).
pub const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "president",
    "vice",
    "secretary",
    "minister",
    "prime",
    "chancellor",
    "mayor",
    "commissioner",
    "chief",
    "judge",
    "justice",
    "gen",
    "general",
    "lt",
    "lieutenant",
    "col",
    "colonel",
    "capt",
    "captain",
    "sgt",
    "sergeant",
    "officer",
    "detective",
    "inspector",
    "superintendent",
    "constable",
    "rev",
    "reverend",
    "father",
    "rabbi",
    "imam",
    "bishop",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "ambassador",
    "speaker",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "attorney",
    "sheriff",
    "councillor",
    "councilman",
    "councilwoman",
    "assemblyman",
    "assemblywoman",
    "congressman",
    "congresswoman",
    "candidate",
    "leader",
    "deputy",
    "adm",
    "admiral",
    "maj",
    "major",
];

/// Personal pronouns that can be a speaker.
pub const SPEAKER_PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "you", "it", "who"];

/// Words that can end a speech-verb's subject but never start a name:
/// determiners and the like, for finding where a mention begins.
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your",
    "one", "another", "some", "many", "several", "two", "three", "both",
];

/// The lemma of `word` (any case) if it is an inflection of one of `lemmas`:
/// "said" -> "say", "tells" -> "tell", "added" -> "add", "arguing" -> "argue".
pub fn lemma_in(word: &str, lemmas: &[&'static str]) -> Option<&'static str> {
    let w = word.to_lowercase();
    if let Some(l) = irregular(&w).filter(|l| lemmas.contains(l)) {
        return Some(l);
    }
    candidates(&w).find_map(|c| lemmas.iter().copied().find(|l| *l == c))
}

/// Whether `word` is a form of a speech verb.
pub fn is_speech_verb(word: &str) -> bool {
    lemma_in(word, SPEECH_VERBS).is_some()
}

/// Whether `word` is a form of a thought or belief verb.
pub fn is_thought_verb(word: &str) -> bool {
    lemma_in(word, THOUGHT_VERBS).is_some()
}

/// Whether `word` is a form of a verb whose object is the addressee.
pub fn is_addressee_verb(word: &str) -> bool {
    lemma_in(word, ADDRESSEE_VERBS).is_some()
}

/// Whether `word` (any case, a trailing dot allowed) is a title.
pub fn is_title(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    TITLES.contains(&w.as_str())
}

/// Whether `word` (any case) is a pronoun that can be a speaker.
pub fn is_speaker_pronoun(word: &str) -> bool {
    SPEAKER_PRONOUNS.contains(&word.to_lowercase().as_str())
}

fn irregular(w: &str) -> Option<&'static str> {
    Some(match w {
        "said" | "says" | "saying" => "say",
        "told" | "tells" | "telling" => "tell",
        "wrote" | "written" | "writes" | "writing" => "write",
        "thought" | "thinks" | "thinking" => "think",
        "felt" | "feels" | "feeling" => "feel",
        "knew" | "known" | "knows" | "knowing" => "know",
        "understood" => "understand",
        "held" => "hold",
        "found" => "find",
        "saw" | "seen" => "see",
        "learned" | "learnt" => "learn",
        "cried" | "cries" => "cry",
        "replied" | "replies" => "reply",
        "testifies" => "testify",
        "implied" | "implies" => "imply",
        "decried" | "decries" => "decry",
        "worried" | "worries" => "worry",
        "quipped" | "quipping" => "quip",
        "snapped" | "snapping" => "snap",
        "admitted" | "admitting" => "admit",
        "regretted" => "regret",
        "vowed" => "vow",
        _ => return None,
    })
}

/// Lemma candidates for a regular inflection, most likely first.
fn candidates(w: &str) -> impl Iterator<Item = String> + '_ {
    let mut out: Vec<String> = vec![w.to_string()];
    if let Some(stem) = w.strip_suffix("ing") {
        out.push(stem.to_string());
        out.push(format!("{stem}e"));
    }
    if let Some(stem) = w.strip_suffix("ed") {
        out.push(stem.to_string());
        out.push(format!("{stem}e"));
        if let Some(s) = stem.strip_suffix('i') {
            out.push(format!("{s}y"));
        }
    }
    if let Some(stem) = w.strip_suffix("es") {
        out.push(stem.to_string());
    }
    if let Some(stem) = w.strip_suffix('s') {
        out.push(stem.to_string());
    }
    if let Some(stem) = w.strip_suffix('d') {
        out.push(stem.to_string());
    }
    out.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_find_their_lemma() {
        for (word, lemma) in [
            ("said", "say"),
            ("Says", "say"),
            ("told", "tell"),
            ("added", "add"),
            ("arguing", "argue"),
            ("argued", "argue"),
            ("insists", "insist"),
            ("noted", "note"),
            ("stressed", "stress"),
            ("replied", "reply"),
        ] {
            assert_eq!(lemma_in(word, SPEECH_VERBS), Some(lemma), "{word}");
        }
        assert!(is_thought_verb("believes"));
        assert!(is_thought_verb("hoped"));
        assert!(!is_speech_verb("table"));
        assert!(!is_speech_verb("sadly"));
    }

    #[test]
    fn addressee_verbs_titles_and_pronouns() {
        assert!(is_addressee_verb("told"));
        assert!(is_addressee_verb("asked"));
        assert!(!is_addressee_verb("said"));
        assert!(is_title("Commissioner"));
        assert!(is_title("Mr."));
        assert!(!is_title("Smith"));
        assert!(is_speaker_pronoun("She"));
        assert!(!is_speaker_pronoun("the"));
    }
}
