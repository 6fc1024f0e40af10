//! The speaker of a frame: the subject before a speech verb ("Ms Dick,
//! who is Britain’s most senior police officer, said"), or after it in an
//! inverted frame ("…, said Smith, a spokesman for the campaign."). The
//! mention is kept whole, as written: appositions and titles included.

use super::line_words::Tok;

/// Words that may stand between a subject and its verb ("has also said").
#[rustfmt::skip]
const BETWEEN: &[&str] = &[
    "also", "has", "have", "had", "later", "previously", "then", "once", "recently", "repeatedly",
    "publicly", "privately", "reportedly", "first", "originally", "subsequently", "now", "just",
    "still", "often", "never", "always", "would", "will", "could", "might", "may", "did", "does", "do",
    "not", "n't", "long", "already", "further", "even", "again", "initially", "frequently", "correctly",
    "rightly", "flatly", "simply", "bluntly", "quickly", "immediately", "openly", "emphatically",
    "confidently", "separately", "likewise", "similarly", "generally",
];

/// Pronouns and relatives that are a whole speaker mention.
const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "you", "it", "who"];

/// Words that end a subject when walking back from the verb: clause
/// openers, prepositions and time words that do not belong to a mention.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "that", "and", "but", "or", "because", "as", "if", "when", "while", "although", "though", "since",
    "after", "before", "where", "which", "what", "how", "why", "so", "than", "to", "in", "on", "at",
    "with", "by", "during", "from", "into", "about", "over", "under", "until", "unless", "whether",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
    "tonight", "is", "was", "were", "are", "be", "been", "being", "this", "these", "those", "there",
    "here", "not", "no", "yet", "also", "then", "once", "whom", "whose", "said", "says", "say", "told",
    "if", "even", "only", "like", "unlike", "for", "he", "she", "they", "it", "we", "i", "you", "who",
];

/// Words that open a noun phrase: the walk back stops after them.
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "another", "every", "each",
];

/// Nouns for people and bodies that speak ("officials", "the campaign").
#[rustfmt::skip]
const PERSON_NOUNS: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "official", "officials", "aide",
    "aides", "adviser", "advisers", "advisor", "advisors", "campaign", "source", "sources", "people",
    "critics", "supporters", "analysts", "experts", "voters", "lawyer", "lawyers", "attorney",
    "attorneys", "statement", "report", "memo", "poll", "survey", "study", "police", "officers",
    "officer", "leaders", "leader", "members", "member", "observers", "strategist", "strategists",
    "candidate", "candidates", "president", "senator", "governor", "mayor", "minister", "secretary",
    "commissioner", "chairman", "chairwoman", "chair", "director", "manager", "executive", "author",
    "authors", "economist", "economists", "researchers", "scientists", "historian", "professor",
    "democrats", "republicans", "conservatives", "liberals", "activists", "organizers", "residents",
    "government", "administration", "department", "agency", "committee", "party", "group", "groups",
    "company", "firm", "website", "newspaper", "network", "organization", "organisation", "union",
    "man", "woman", "men", "women", "friend", "friends", "colleague", "colleagues", "insiders",
    "allies", "rival", "rivals", "opponents", "donors", "delegates", "staff", "staffers", "team",
    "office", "court", "judge", "prosecutors", "investigators", "authorities", "paper", "article",
    "letter", "book", "ad", "video", "documents", "records", "data", "figures", "others", "many",
    "some", "both", "several", "few", "most", "all", "everyone", "nobody", "someone", "one",
    "republican", "democrat", "reporter", "reporters", "journalist", "host", "anchor", "moderator",
    "pollster", "pollsters", "surrogate", "surrogates", "backers", "representative", "lawmaker",
    "lawmakers", "legislators", "congressman", "congresswoman", "father", "mother", "wife", "husband",
    "son", "daughter", "brother", "sister", "family",
];

/// Whether a lower-cased word is in a list.
fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// Token range `[a, b)` of the speaker mention ending right before the
/// verb at `verb` (skipping "has also" and the like), or `None`. `floor`
/// is the first token the mention may use.
pub fn before(toks: &[Tok<'_>], floor: usize, verb: usize) -> Option<(usize, usize)> {
    let mut b = verb;
    while b > floor && toks[b - 1].is_word() && in_list(BETWEEN, &toks[b - 1].lower()) {
        b -= 1;
    }
    if b <= floor {
        return None;
    }
    let last = &toks[b - 1];
    if last.is_word() && in_list(PRONOUNS, &last.lower()) {
        return Some((b - 1, b));
    }
    if last.text == "," {
        return apposition(toks, floor, b - 1);
    }
    noun_phrase_back(toks, floor, b)
}

/// `HEAD, APPOSITION,` ending with the comma at `comma`: the mention from
/// the head's start to the apposition's end.
fn apposition(toks: &[Tok<'_>], floor: usize, comma: usize) -> Option<(usize, usize)> {
    let lowest = comma.saturating_sub(24).max(floor);
    let mut p = comma;
    let mut commas = 0;
    while p > lowest {
        p -= 1;
        if toks[p].text == "," {
            // "Lance Beebe, 49, a Navy veteran, said": an age before the
            // description belongs to the apposition too.
            let age = p >= 2
                && toks[p - 1].text.starts_with(|c: char| c.is_ascii_digit())
                && toks[p - 2].text == ",";
            if age && commas == 0 {
                commas += 1;
                p -= 1;
                continue;
            }
            break;
        }
        if matches!(toks[p].text, "(" | ")") {
            continue;
        }
        if matches!(toks[p].text, ";" | ":" | "“" | "”" | "\"") {
            return None;
        }
    }
    if toks[p].text != "," || p + 1 >= comma {
        return None;
    }
    // "Rep. Elijah Cummings (D-Md.), chair of …": the head before "(".
    let mut head_end = p;
    if let Some(open) = (floor..p)
        .rev()
        .take(8)
        .find(|&k| toks[k].text == "(")
        .filter(|&open| toks[open..p].iter().any(|t| t.text == ")"))
    {
        head_end = open;
    }
    let first = toks[p + 1].lower();
    let apposition_like = matches!(
        first.as_str(),
        "a" | "an" | "the" | "who" | "whose" | "which" | "his" | "her" | "their" | "its" | "one" | "now"
    ) || toks[p + 1].is_capitalised()
        || toks[p + 1]
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit());
    let (a, _) = noun_phrase_back(toks, floor, head_end)?;
    let named = toks[a..head_end]
        .iter()
        .any(|t| super::names::is_name_word(t.text));
    (apposition_like || named).then_some((a, comma))
}

/// The noun phrase ending at `b` (exclusive), walking back at most eight
/// tokens to a clause opener or punctuation; it must name someone: a
/// capitalised word or a noun for people.
fn noun_phrase_back(toks: &[Tok<'_>], floor: usize, b: usize) -> Option<(usize, usize)> {
    let mut a = b;
    while a > floor && b - a < 8 {
        let t = &toks[a - 1];
        if t.text == "."
            && a >= 2
            && matches!(
                toks[a - 2].lower().as_str(),
                "mr" | "mrs" | "ms" | "dr" | "sen" | "rep" | "gov" | "gen" | "jr" | "st"
            )
        {
            // "Mr." inside a name.
            a -= 1;
            continue;
        }
        if !t.is_word() || in_list(STOP, &t.lower()) {
            break;
        }
        a -= 1;
        if in_list(DETERMINERS, &t.lower()) {
            // "people familiar with the talks": a preposition linking
            // two nouns keeps the phrase going.
            let links = a >= floor + 2
                && matches!(
                    toks[a - 1].lower().as_str(),
                    "of" | "for" | "with" | "at" | "from" | "in"
                )
                && toks[a - 2].is_word()
                && !in_list(STOP, &toks[a - 2].lower());
            if links && b - a < 6 {
                a -= 1;
                continue;
            }
            break;
        }
    }
    if a == b {
        return None;
    }
    // A lower-case word right before the phrase that is not a stop word
    // means we are inside a longer clause ("the day Trump said").
    if a > floor
        && toks[a - 1].is_word()
        && !toks[a - 1].is_capitalised()
        && !in_list(STOP, &toks[a - 1].lower())
    {
        return None;
    }
    let names = toks[a..b]
        .iter()
        .enumerate()
        .any(|(k, t)| t.is_capitalised() && !(k == 0 && a == floor && !super::names::is_name_word(t.text)));
    let noun = in_list(PERSON_NOUNS, &toks[b - 1].lower());
    let determined = b - a >= 2 && in_list(DETERMINERS, &toks[a].lower());
    (names || noun || determined).then_some((a, b))
}

/// The mention right after an inverted verb ("said Smith, a spokesman for
/// X."), up to the sentence end at `end` (exclusive) or a comma that does
/// not open an apposition.
pub fn after(toks: &[Tok<'_>], verb: usize, end: usize) -> Option<(usize, usize)> {
    let a = verb + 1;
    let mut b = a;
    while b < end && toks[b].is_word() && b - a < 8 {
        b += 1;
    }
    if b == a {
        return None;
    }
    if b < end && !matches!(toks[b].text, "," | "." | "!" | "?") {
        return None;
    }
    let cap = toks[a..b].iter().any(|t| t.is_capitalised());
    if !cap && !in_list(PERSON_NOUNS, &toks[b - 1].lower()) {
        return None;
    }
    // "said Smith, a spokesman for the campaign."
    if b < end && toks[b].text == "," && b + 1 < end {
        let w = toks[b + 1].lower();
        if matches!(
            w.as_str(),
            "a" | "an" | "the" | "who" | "whose" | "his" | "her" | "their"
        ) {
            let mut c = b + 1;
            while c < end && !matches!(toks[c].text, "," | "." | ";" | ":" | "“" | "”" | "\"") {
                c += 1;
            }
            return Some((a, c));
        }
    }
    Some((a, b))
}
