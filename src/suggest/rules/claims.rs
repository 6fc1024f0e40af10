//! Claims: figure-bearing statements ("more than 120 killings in London so
//! far this year", "40 percent of voters", "$5 million in donations") that
//! a fact-checker may want to tag.
//!
//! A claim is a figure (digits, a money amount, a percentage, "two
//! million") with its lead-in ("more than", "nearly") and what it counts,
//! up to the next comma, clause or sentence end. Dates, times, years,
//! ages between commas, ordinals and numbered labels ("Section 230") are
//! not claims. Only lines that end like prose are read: a dateline or a
//! headline holds no claim.

use super::line_words::{self as words, Tok};
use crate::model::CharRange;
use crate::suggest::{Suggestion, Target};

/// Words of a lead-in before a figure, read backwards from the figure.
#[rustfmt::skip]
const LEAD_INS: &[&str] = &[
    "than", "more", "less", "fewer", "least", "most", "at", "as", "many", "much", "up", "to", "nearly",
    "almost", "about", "around", "roughly", "approximately", "over", "under", "some", "just", "only",
    "estimated", "an", "a", "a", "close", "barely", "well",
];

/// Words that open a lead-in ("more than", "at least", "as many as", "up to").
#[rustfmt::skip]
const LEAD_OPENERS: &[&str] = &[
    "more", "less", "fewer", "at", "as", "up", "nearly", "almost", "about", "around", "roughly",
    "approximately", "over", "under", "some", "just", "only", "an", "estimated", "close", "barely",
    "well",
];

/// Words after a figure that make it one ("two million", "40 per cent").
#[rustfmt::skip]
const SCALES: &[&str] = &[
    "percent", "per", "million", "billion", "trillion", "thousand", "hundred", "bn", "m", "%",
];

/// Spelled numbers that count only with a scale after them.
#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "half", "a", "several", "hundreds", "tens", "thousands",
];

/// Words before a number that make it a label, not a figure.
#[rustfmt::skip]
const LABELS: &[&str] = &[
    "no", "number", "section", "article", "page", "chapter", "room", "route", "highway", "interstate",
    "flight", "version", "phase", "district", "ward", "amendment", "title", "rule", "level", "grade",
    "episode", "season", "act", "resolution", "bill", "proposition", "prop", "box", "unit", "covid",
];

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct",
    "nov", "dec",
];

/// Words that open another clause: a claim stops before them.
#[rustfmt::skip]
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "while", "whereas", "which", "who", "that", "because", "although", "though", "when",
    "as", "or", "after", "since", "if", "according",
];

/// Most words a claim takes after its figure.
const MAX_AFTER: usize = 12;

/// Every figure-bearing statement in `text`, in text order.
pub fn suggest(text: &str) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for line in words::lines(text) {
        let toks = &line.toks;
        let prose = toks
            .last()
            .is_some_and(|t| matches!(t.text, "." | "?" | "!" | "”" | "\"" | "'" | "’"));
        if !prose {
            continue;
        }
        for (a, b) in words::sentences(toks) {
            sentence(&toks[a..b], &mut out);
        }
    }
    out
}

fn has_digit(t: &Tok<'_>) -> bool {
    t.text.chars().any(|c| c.is_ascii_digit())
}

/// Whether the token at `i` is a figure: digits that are no date, time,
/// year, ordinal, age or label; or a spelled number with a scale.
fn figure(toks: &[Tok<'_>], i: usize) -> Option<f32> {
    let t = &toks[i];
    if !has_digit(t) && !NUMBER_WORDS.iter().any(|w| t.text.eq_ignore_ascii_case(w)) {
        return None;
    }
    let lower = t.lower();
    let prev = i.checked_sub(1).map(|k| toks[k].lower());
    let next = toks.get(i + 1).map(|n| n.lower());
    let next_is = |s: &str| next.as_deref() == Some(s);
    if !has_digit(t) {
        let scaled = next
            .as_deref()
            .is_some_and(|n| matches!(n, "million" | "billion" | "trillion" | "percent"));
        return (NUMBER_WORDS.contains(&lower.as_str()) && scaled).then_some(0.6);
    }
    let digits: String = t.text.chars().filter(char::is_ascii_digit).collect();
    let plain = t.text.chars().all(|c| c.is_ascii_digit());
    // Years, times, dates, fractions like 9/11, ordinals.
    if plain
        && digits.len() == 4
        && (digits.starts_with("18") || digits.starts_with("19") || digits.starts_with("20"))
    {
        return None;
    }
    let beside = |k: Option<usize>| k.and_then(|k| toks.get(k)).map(|n| n.text);
    if [beside(i.checked_sub(1)), beside(Some(i + 1))]
        .iter()
        .any(|n| matches!(n, Some(":" | "/")))
    {
        return None;
    }
    if prev
        .as_deref()
        .is_some_and(|p| MONTHS.contains(&p.trim_end_matches('.')))
        || next.as_deref().is_some_and(|n| MONTHS.contains(&n))
        || (prev.as_deref() == Some(".") && i >= 2 && MONTHS.contains(&toks[i - 2].lower().as_str()))
    {
        return None;
    }
    if t.text.ends_with("st") || t.text.ends_with("nd") || t.text.ends_with("rd") || t.text.ends_with("th") {
        return None;
    }
    if prev.as_deref().is_some_and(|p| LABELS.contains(&p) || p == "#") {
        return None;
    }
    // ", 58," after a name: an age.
    if prev.as_deref() == Some(",") && next_is(",") && plain && digits.len() <= 3 {
        return None;
    }
    // A list's "1." or "2)" opening the line.
    if i == 0 && matches!(next.as_deref(), Some("." | ")")) {
        return None;
    }
    let money =
        prev.as_deref().is_some_and(|p| matches!(p, "$" | "£" | "€")) || t.text.starts_with(['£', '€', '$']);
    let scaled = next.as_deref().is_some_and(|n| SCALES.contains(&n));
    Some(if money || scaled { 0.7 } else { 0.6 })
}

/// The claims of one sentence.
fn sentence(toks: &[Tok<'_>], out: &mut Vec<Suggestion>) {
    let mut i = 0;
    while i < toks.len() {
        let Some(confidence) = figure(toks, i) else {
            i += 1;
            continue;
        };
        let start = lead_in(toks, i);
        let end = tail(toks, i);
        let counted = toks[i + 1..end].iter().filter(|t| t.is_word()).count();
        // A bare number with nothing counted ("won 3") says too little.
        if counted >= 1 || toks.get(i + 1).is_some_and(|t| t.text == "%") {
            let span = CharRange::new(toks[start].start, toks[end - 1].end);
            out.push(Suggestion {
                target: Target::Claim,
                fragments: vec![span],
                speaker: None,
                cue: None,
                person: None,
                confidence,
                rule: "a figure with what it counts ('more than 120 killings')".into(),
            });
        }
        i = end.max(i + 1);
    }
}

/// Where the claim starts: the figure, or its lead-in ("more than", "$").
fn lead_in(toks: &[Tok<'_>], figure: usize) -> usize {
    let mut start = figure;
    if start > 0 && matches!(toks[start - 1].text, "$" | "£" | "€") {
        start -= 1;
    }
    // Walk back over lead-in words; keep the walk only if it ends on a
    // word that opens a lead-in ("more than", not a lone "than").
    let mut k = start;
    while k > 0 && figure - k < 4 && toks[k - 1].is_word() && LEAD_INS.contains(&toks[k - 1].lower().as_str())
    {
        k -= 1;
    }
    while k < start && !LEAD_OPENERS.contains(&toks[k].lower().as_str()) {
        k += 1;
    }
    k
}

/// Where the claim ends (exclusive): before punctuation, a quotation
/// mark, a clause opener or after [`MAX_AFTER`] words.
fn tail(toks: &[Tok<'_>], figure: usize) -> usize {
    let mut end = figure + 1;
    let mut taken = 0;
    while end < toks.len() && taken < MAX_AFTER {
        let t = &toks[end];
        if t.text == "%" || (t.text == "-" && end > figure + 1) {
            end += 1;
            continue;
        }
        if !t.is_word() || CLAUSE_OPENERS.contains(&t.lower().as_str()) || words::is_quote_tok(t) {
            break;
        }
        end += 1;
        taken += 1;
    }
    // Not ending on a preposition or article ("killings in").
    while end > figure + 1
        && matches!(
            toks[end - 1].lower().as_str(),
            "in" | "of" | "the" | "a" | "an" | "to" | "for" | "by" | "on" | "at" | "with" | "from"
        )
    {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        suggest(text)
            .iter()
            .map(|s| {
                assert_eq!(s.target, Target::Claim);
                let r = s.fragments[0];
                chars[r.start..r.end].iter().collect()
            })
            .collect()
    }

    #[test]
    fn figures_with_lead_ins_and_what_they_count() {
        assert_eq!(
            claims(
                "He said armed patrols were considered, following more than 120 killings in London so far this year."
            ),
            ["more than 120 killings in London so far this year"]
        );
        assert_eq!(
            claims(
                "Knife crime is at a record level, with more than 39,000 offences recorded by police in the year to June, and children were found."
            ),
            ["more than 39,000 offences recorded by police in the year to June"]
        );
    }

    #[test]
    fn percentages_and_money() {
        assert_eq!(
            claims("Nearly 40 percent of voters stayed home."),
            ["Nearly 40 percent of voters stayed home"]
        );
        assert_eq!(claims("Turnout fell to 52% in the city."), ["52% in the city"]);
        assert_eq!(
            claims("The campaign raised $5 million in March."),
            ["$5 million in March"]
        );
        assert_eq!(claims("The fund lost £20bn last year."), ["£20bn last year"]);
        assert_eq!(
            claims("About two million people marched."),
            ["About two million people marched"]
        );
    }

    #[test]
    fn dates_times_years_ages_and_labels_are_not_claims() {
        assert!(claims("Friday 30 November 2018 13:27").is_empty(), "a dateline");
        assert!(claims("The vote was held on November 30 in 2018.").is_empty());
        assert!(claims("It happened on Sept. 11, after the 9/11 report.").is_empty());
        assert!(claims("Woodrow Benford, 58, lives outside Minneapolis.").is_empty());
        assert!(claims("Section 230 was debated at 5:15 p.m.").is_empty());
        assert!(claims("She finished 2nd in the race.").is_empty());
        assert!(
            claims("Armed Police 120 Killings Headline").is_empty(),
            "no sentence end: not prose"
        );
    }

    #[test]
    fn no_panic_on_odd_text() {
        for text in [
            "",
            "5",
            "$",
            "more than",
            "😀 12 北京 mark\u{301}s.",
            "مرحبا 30 شخصا.",
        ] {
            let _ = suggest(text);
        }
        assert_eq!(
            claims("😀 Over 12 北京 visitors came."),
            ["Over 12 北京 visitors came"]
        );
    }
}
