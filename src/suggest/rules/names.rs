//! Names of people in a text: capitalised word runs ("Commissioner
//! Cressida Dick", "Lord Harris of Haringey"), split into titles (kept as
//! roles: "commissioner", "mayor"), a gender where an honorific tells it
//! ("Ms", "Sir") and the name proper ("Cressida Dick", "Harris of
//! Haringey"). Titles and honorifics are not part of the person's name.

use super::line_words::{self as words, Tok};
use crate::suggest::lexicon;

/// Capitalised words that are not names (sentence openers, days, months).
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "but", "and", "in", "on", "at", "as", "if", "when", "while", "after", "before",
    "for", "from", "with", "by", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i",
    "his", "her", "their", "our", "its", "my", "your", "there", "here", "then", "so", "yet", "or",
    "nor", "not", "no", "of", "to", "meanwhile", "however", "still", "also", "both", "all", "some",
    "many", "most", "one", "last", "next", "over", "under", "since", "until", "despite", "although",
    "though", "because", "where", "what", "who", "why", "how", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "yes", "now", "even", "asked",
    "said", "says", "according", "instead", "like", "unlike", "than", "just", "only", "indeed", "thus",
    "today", "yesterday", "tonight", "while", "among", "during", "into", "about", "you", "me", "us",
    "them", "him", "more", "less", "every", "each", "any", "such", "other",
];

/// Titles the lexicon leaves out that stand before names in news copy
/// ("Tottenham MP David Lammy", "Labour peer Lord Harris").
#[rustfmt::skip]
const MORE_TITLES: &[&str] = &[
    "assistant", "mp", "mep", "peer", "former", "nominee", "ceo", "baroness", "baron", "commander",
    "sec", "atty", "supt", "insp", "cmdr", "det",
];

/// The gender an honorific or pronoun tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

/// The gender an honorific tells, if any.
pub fn gender_of_title(lower: &str) -> Option<Gender> {
    match lower {
        "ms" | "mrs" | "miss" | "lady" | "dame" | "baroness" | "queen" | "princess" | "congresswoman"
        | "chairwoman" | "spokeswoman" | "councilwoman" => Some(Gender::Female),
        "mr" | "sir" | "lord" | "baron" | "king" | "prince" | "congressman" | "chairman" | "spokesman"
        | "councilman" => Some(Gender::Male),
        _ => None,
    }
}

/// Whether a word may be part of a name: capitalised and not a sentence
/// opener, day or month.
pub fn is_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&w.to_lowercase().as_str())
}

/// Whether a lower-case word is a title.
pub fn is_title(lower: &str) -> bool {
    lexicon::is_title(lower) || MORE_TITLES.contains(&lower)
}

/// One name as written in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Name {
    /// Char offset where the run (titles included) starts.
    pub start: usize,
    pub end: usize,
    /// The name proper, titles left out ("Cressida Dick").
    pub words: Vec<String>,
    /// Titles before the name, lower case ("commissioner").
    pub roles: Vec<String>,
    pub gender: Option<Gender>,
    /// Whether it is the first name of its sentence (a likely subject).
    pub first_in_sentence: bool,
}

impl Name {
    /// The name proper as one string.
    pub fn text(&self) -> String {
        self.words.join(" ")
    }
}

/// Every name run in `text`, in text order.
pub fn names(text: &str) -> Vec<Name> {
    let mut out = Vec::new();
    for line in words::lines(text) {
        for (a, b) in words::sentences(&line.toks) {
            let before = out.len();
            let toks = &line.toks[a..b];
            names_in(toks, &mut out);
            // A name among the sentence's first words (after "But", a
            // title or two) is its likely subject.
            let lead = toks
                .iter()
                .take_while(|t| matches!(t.lower().as_str(), "but" | "and" | "so" | "yet"))
                .count();
            let near = toks.get(lead + 3).map_or(usize::MAX, |t| t.start);
            for n in &mut out[before..] {
                n.first_in_sentence = n.start < near;
            }
        }
    }
    out
}

/// The name runs of one sentence (or of one mention).
pub fn names_in(toks: &[Tok<'_>], out: &mut Vec<Name>) {
    let mut i = 0;
    while i < toks.len() {
        if !starts_run(&toks[i]) {
            i += 1;
            continue;
        }
        let a = i;
        let mut b = i;
        while b < toks.len() {
            let t = &toks[b];
            let title_dot = t.text == "." && b > a && is_title(&toks[b - 1].lower());
            let particle = (t.is("of") || t.is("de") || t.is("van") || t.is("von"))
                && toks.get(b + 1).is_some_and(|n| is_name_word(n.text))
                && b > a;
            if !(starts_run(t) || title_dot || particle) {
                break;
            }
            b += 1;
        }
        if let Some(name) = split_titles(toks, a, b) {
            out.push(name);
        }
        i = b.max(i + 1);
    }
}

fn starts_run(t: &Tok<'_>) -> bool {
    t.is_word() && (is_name_word(t.text) || (is_title(&t.lower()) && t.is_capitalised()))
}

/// Titles off the front of the run `[a, b)` (and lower-case titles just
/// before it: "London mayor Sadiq Khan"); `None` when no name is left.
fn split_titles(toks: &[Tok<'_>], a: usize, b: usize) -> Option<Name> {
    let mut roles = Vec::new();
    let mut gender = None;
    // Lower-case titles right before the run.
    let mut k = a;
    while k > 0 && a - k < 3 && toks[k - 1].is_word() && is_title(&toks[k - 1].lower()) {
        k -= 1;
        roles.push(toks[k].lower());
    }
    // The name starts after the last title of the run.
    let mut name_at = a;
    for (j, t) in toks.iter().enumerate().take(b).skip(a) {
        let l = t.lower();
        if t.text == "." || is_title(&l) {
            if t.text != "." {
                gender = gender.or(gender_of_title(&l));
                roles.push(l);
            }
            name_at = j + 1;
        }
    }
    let words: Vec<String> = toks[name_at..b]
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.text.to_string())
        .collect();
    if words.is_empty() {
        return None;
    }
    roles.retain(|r| {
        gender_of_title(r).is_none()
            || !matches!(
                r.as_str(),
                "mr" | "mrs" | "ms" | "miss" | "sir" | "lord" | "lady" | "dame"
            )
    });
    Some(Name {
        start: toks[a].start,
        end: toks[b - 1].end,
        words,
        roles,
        gender,
        first_in_sentence: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(String, Vec<String>, Option<Gender>)> {
        names(text)
            .into_iter()
            .map(|n| (n.text(), n.roles.clone(), n.gender))
            .collect()
    }

    #[test]
    fn titles_become_roles_and_honorifics_a_gender() {
        let got = all(
            "Commissioner Cressida Dick said so. Ms Dick agreed. Assistant commissioner Sir Steve House spoke.",
        );
        assert_eq!(
            got[0],
            ("Cressida Dick".into(), vec!["commissioner".into()], None)
        );
        assert_eq!(got[1], ("Dick".into(), vec![], Some(Gender::Female)));
        assert_eq!(got[2].0, "Steve House");
        assert!(got[2].1.contains(&"commissioner".to_string()));
        assert_eq!(got[2].2, Some(Gender::Male));
    }

    #[test]
    fn places_and_parties_before_titles_are_dropped() {
        let got = all(
            "Tottenham MP David Lammy criticised it. Labour peer Lord Harris of Haringey, who has advised London mayor Sadiq Khan, was not.",
        );
        let texts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert!(texts.contains(&"David Lammy"), "{texts:?}");
        assert!(texts.contains(&"Harris of Haringey"), "{texts:?}");
        let khan = got.iter().find(|g| g.0 == "Sadiq Khan").expect("Khan");
        assert_eq!(khan.1, vec!["mayor".to_string()]);
    }

    #[test]
    fn sentence_openers_are_not_names() {
        let got = all("But The Washington Post reported it. In Iowa, Mr. Trump spoke on Tuesday.");
        let texts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(texts, ["Washington Post", "Iowa", "Trump"]);
    }
}
