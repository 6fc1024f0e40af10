//! The reported clause of a frame: where it starts after the verb ("that",
//! or a word that opens a clause, after an addressee or a short adjunct),
//! where it ends (the sentence's end without its final period, or a comma
//! before another frame), and whether it is indirect or mixed.

use super::line_words::{self as words, Tok, is_quote_tok};
use super::subject;
use super::verbs::{self, Verb};
use crate::model::CharRange;
use crate::suggest::QuoteKind;

/// Words of a short adjunct between a verb and its "that" ("said in a
/// statement on Tuesday that", "pointed out that").
#[rustfmt::skip]
pub(super) const ADJUNCT: &[&str] = &[
    "on", "in", "at", "during", "last", "this", "earlier", "later", "out", "also", "again",
    "repeatedly", "publicly", "privately", "yesterday", "today", "tonight", "recently", "previously",
    "flatly", "simply", "often", "then", "now", "a", "an", "the", "statement", "interview",
    "interviews", "speech", "week", "month", "year", "night", "morning", "afternoon", "evening",
    "weekend", "email", "e-mail", "letter", "post", "tweet", "telephone", "phone", "call", "conference",
    "briefing", "repeatedly", "before", "after", "when", "once", "later", "time", "times", "day",
    "days", "ago", "his", "her", "their", "its", "recent", "separate", "written", "brief", "an", "with",
    "to", "reporters", "afterward", "afterwards", "long", "frequently", "many", "several", "two",
    "three", "weeks", "months", "years", "over",
];

/// Words that open a clause after a speech verb.
#[rustfmt::skip]
const OPENERS: &[&str] = &[
    "he", "she", "they", "we", "i", "you", "it", "there", "the", "a", "an", "his", "her", "their", "its",
    "our", "my", "your", "some", "many", "most", "no", "all", "if", "whether", "this", "these", "those",
    "both", "every", "each", "several", "more", "none", "nobody", "everyone", "people", "americans", "voters",
];

/// Words that open an adjunct after a verb ("said in a statement …").
#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "on", "in", "at", "during", "last", "earlier", "later", "yesterday", "today", "tonight", "recently",
    "previously", "after", "before", "when", "once", "over", "with", "to", "afterward", "afterwards",
];

/// Words right after "said" that mean no clause follows.
#[rustfmt::skip]
const NO_CLAUSE: &[&str] = &[
    "so", "no", "yes", "nothing", "little", "much", "only", "of", "about", "to", "for", "with", "by", "from",
    "through", "as", "what", "something", "anything", "everything", "goodbye", "hello", "thanks", "sorry",
    "otherwise", "more", "less", "very", "too", "such", "hi", "amen", "grace", "aloud", "not", "nor",
];

/// Fewest words a reported clause must have to be suggested.
pub(super) const MIN_WORDS: usize = 2;

pub(super) fn range(toks: &[Tok<'_>], a: usize, b: usize) -> CharRange {
    CharRange::new(toks[a].start, toks[b - 1].end)
}

pub(super) fn word_count(toks: &[Tok<'_>]) -> usize {
    toks.iter().filter(|t| t.is_word()).count()
}

/// Direct (one whole quotation: rules for direct quotes handle it), mixed
/// (quote marks inside) or indirect, for the clause `[a, b)`.
pub(super) fn kind_of(toks: &[Tok<'_>], a: usize, b: usize) -> Option<QuoteKind> {
    if !words::toks_have_quote(&toks[a..b]) {
        return Some(QuoteKind::Indirect);
    }
    let opens = is_quote_tok(&toks[a]) && toks[a].text != "’";
    let mut e = b;
    while e > a && matches!(toks[e - 1].text, "." | "," | "?" | "!") {
        e -= 1;
    }
    let closes = e > a && is_quote_tok(&toks[e - 1]);
    if opens && closes {
        // One quotation from the start to the end: direct, unless its
        // marks close and reopen inside ("“a” and “b”").
        if e < a + 2 || !words::toks_have_quote(&toks[a + 1..e - 1]) {
            return None;
        }
    }
    Some(QuoteKind::Mixed)
}

/// The clause's end: the sentence end without its final period (a period
/// inside a closing quotation mark stays), or a comma before another frame.
pub(super) fn clause_end(toks: &[Tok<'_>], start: usize) -> usize {
    let mut i = start;
    while i < toks.len() {
        let t = &toks[i];
        if t.text == ";" {
            return i;
        }
        // "… and said …": the same speaker's next report.
        if (t.is("and") || t.is("but")) && i > start {
            let mut k = i + 1;
            while k < toks.len() && toks[k].is("also") {
                k += 1;
            }
            if toks
                .get(k)
                .is_some_and(|v| verbs::speech_verb(&v.lower()).is_some())
            {
                let mut e = i;
                while e > start && toks[e - 1].text == "," {
                    e -= 1;
                }
                return e;
            }
        }
        // "… while adding", "… before claiming": the speaker's next act.
        if i > start + 2
            && matches!(t.lower().as_str(), "while" | "before" | "after" | "without")
            && toks
                .get(i + 1)
                .is_some_and(|n| n.is_word() && !n.is_capitalised() && n.lower().ends_with("ing"))
        {
            let mut e = i;
            while e > start && matches!(toks[e - 1].text, "," | "—" | "-") {
                e -= 1;
            }
            return e;
        }
        if t.text == "," && i + 1 < toks.len() {
            // Closing marks after the comma (`,”`, `,''`) stay in the
            // clause; the frame tests look past them.
            let mut k = i + 1;
            while k < toks.len() && closing_mark(&toks[k]) {
                k += 1;
            }
            let cut = if k > i + 1 { k } else { i };
            if k < toks.len() {
                let next = toks[k].lower();
                let second = toks.get(k + 1).map(|t| t.lower()).unwrap_or_default();
                if verbs::participle(&next) || (next == "according" && second == "to") {
                    return cut;
                }
                if verbs::speech_verb(&next).is_some() {
                    return cut;
                }
                // ", he said" after the clause: another frame starts.
                if k + 1 < toks.len()
                    && verbs::speech_verb(&second).is_some()
                    && subject::before(toks, k, k + 1).is_some()
                {
                    return cut;
                }
            }
        }
        i += 1;
    }
    let mut end = toks.len();
    while end > start && matches!(toks[end - 1].text, "." | "," | ":" | "?" | "!" | "—" | "-") {
        end -= 1;
    }
    // A closing bracket whose opening one lies before the clause.
    if end > start && toks[end - 1].text == ")" && !toks[start..end].iter().any(|t| t.text == "(") {
        end -= 1;
        while end > start && matches!(toks[end - 1].text, "." | "," | "?" | "!") {
            end -= 1;
        }
    }
    // A period inside a closing mark (`.”`) was not stripped: it belongs
    // to the quotation.
    end
}

/// A mark that can close a quotation.
fn closing_mark(t: &Tok<'_>) -> bool {
    matches!(t.text, "”" | "\"" | "'" | "’" | "»")
}

/// Where the reported clause starts after the verb at `verb`: "that", or a
/// word that can open a clause, after an addressee for tell-verbs and a
/// short time phrase ("said on Tuesday that").
pub(super) fn clause_start(toks: &[Tok<'_>], verb: usize, v: &Verb) -> Option<usize> {
    let first = verb + 1;
    let limit = (first + 8).min(toks.len());
    // "vowed to “fight for every vote”": the promise is the content.
    if v.infinitive && toks.get(first).is_some_and(|t| t.is("to")) {
        return Some(first);
    }
    // "that" within a few words with nothing but words before it.
    let mut k = first;
    while k < limit && toks[k].is_word() {
        if toks[k].is("that") || (v.question && (toks[k].is("whether") || toks[k].is("if"))) {
            return (k == first || k - first <= 6).then_some(k);
        }
        // Only an addressee or a short adjunct may come between the verb
        // and "that" ("said on Tuesday that", "told CNN that"), not an
        // object ("wants a bill that …").
        let w = toks[k].lower();
        if !v.addressee && !toks[k].is_capitalised() && !ADJUNCT.contains(&w.as_str()) {
            break;
        }
        k += 1;
    }
    // "told a town hall in Salem, New Hampshire, on Monday that …": a
    // tell verb's addressee and adjuncts may run longer, commas and all.
    if v.addressee {
        let far = (first + 16).min(toks.len());
        for (k, t) in toks.iter().enumerate().take(far).skip(first + 1) {
            if t.is("that") {
                return Some(k);
            }
            let w = t.lower();
            if !(t.is_word() || t.text == ",")
                || STOP_BEFORE_THAT.contains(&w.as_str())
                || verbs::speech_verb(&w).is_some()
            {
                break;
            }
        }
    }
    if v.that_only {
        return None;
    }
    let mut k = first;
    if v.addressee {
        // "told reporters he would": skip up to four words to a pronoun.
        while k < limit && k - first < 5 && toks[k].is_word() {
            if k > first
                && matches!(
                    toks[k].lower().as_str(),
                    "he" | "she" | "they" | "we" | "i" | "it" | "there"
                )
            {
                return Some(k);
            }
            k += 1;
        }
        return None;
    }
    let t = toks.get(first)?;
    if is_quote_tok(t) && t.text != "’" {
        return Some(first);
    }
    if !t.is_word() {
        return None;
    }
    // "said in a statement Thursday they …": a pronoun after an adjunct.
    let w = t.lower();
    let adjunct = PREPOSITIONS.contains(&w.as_str());
    if adjunct {
        let mut k = first;
        while k < limit && toks[k].is_word() {
            let lower = toks[k].lower();
            let pronoun = lower.split('\'').next().unwrap_or_default();
            if k > first && matches!(pronoun, "he" | "she" | "they" | "we" | "i" | "it" | "there") {
                return Some(k);
            }
            if !ADJUNCT.contains(&lower.as_str()) && !toks[k].is_capitalised() {
                break;
            }
            k += 1;
        }
        return None;
    }
    // After "said" nearly anything opens the clause; a few words say
    // there is none ("said so", "said nothing", "said no").
    let none = NO_CLAUSE.contains(&w.as_str());
    (!none && (v.bare_any || opens_clause(t))).then_some(first)
}

/// Whether a word usually opens a clause: a pronoun, a determiner, a name
/// or a number.
fn opens_clause(t: &Tok<'_>) -> bool {
    let lower = t.lower();
    // "he’d", "they’re": the pronoun before the apostrophe.
    let w = lower.split('\'').next().unwrap_or_default();
    OPENERS.contains(&w)
        || (t.is_capitalised() && w != "i")
        || t.text.starts_with(|c: char| c.is_ascii_digit())
}

/// What may follow the verb of a closing frame before the sentence ends:
/// a few words ("on Tuesday", "in a statement"), no clause; or a longer
/// place or time phrase ("in a video message to the convention",
/// "Tuesday in Paris"), then the sentence's end or a participle after a
/// comma (", noting that …": the same speaker goes on).
pub(super) fn short_tail(toks: &[Tok<'_>], from: usize) -> bool {
    let rest = &toks[from..];
    let words_left = rest.iter().filter(|t| t.is_word()).count();
    let end_ok = rest
        .iter()
        .all(|t| t.is_word() || matches!(t.text, "." | "," | "’" | "'" | "!" | "?"));
    if words_left <= 6 && end_ok && !rest.iter().any(|t| t.is("that")) {
        return true;
    }
    let Some(first) = rest.first().filter(|t| t.is_word()) else {
        return false;
    };
    if !PHRASE_OPENERS.contains(&first.lower().as_str()) {
        return false;
    }
    let comma = rest.iter().position(|t| t.text == ",");
    let head = &rest[..comma.unwrap_or(rest.len())];
    let head_ok = head.iter().filter(|t| t.is_word()).count() <= 10
        && head
            .iter()
            .all(|t| (t.is_word() && !t.is("that")) || matches!(t.text, "." | "’" | "'" | "!" | "?"));
    let goes_on = comma.is_none_or(|c| {
        rest.get(c + 1)
            .is_some_and(|t| t.is_word() && t.lower().ends_with("ing") && !t.is_capitalised())
    });
    head_ok && goes_on
}

/// Words that end the search for "that" after a tell verb's addressee:
/// a clause of another kind starts ("told a crowd who …").
const STOP_BEFORE_THAT: &[&str] = &[
    "who", "which", "where", "when", "while", "because", "if", "but", "whether", "whose", "whom", "as",
    "since", "although", "though", "so",
];

/// Words that open a place or time phrase after a frame's verb.
const PHRASE_OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "while",
    "from",
    "via",
    "to",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "last",
    "this",
    "recently",
    "repeatedly",
    "afterward",
    "afterwards",
];
