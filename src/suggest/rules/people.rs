//! Who a speaker mention is: "Ms Dick", "the commissioner" and "she" are
//! the "Commissioner Cressida Dick" met earlier; a mention that names one
//! of the project's people ([`Context::people`]) takes that spelling.
//!
//! - A mention with a full name ("Tottenham MP David Lammy") is that name,
//!   titles left out ("David Lammy").
//! - A part of a name ("Ms Dick", "Sir Steve", "Khan") is the latest earlier
//!   full name holding it, else a person of the project holding it.
//! - "the commissioner", "the mayor": the latest person with that title;
//!   "the officer", "the official" with no such title: the latest speaker.
//! - "he", "she", "who": the latest speaker or sentence-opening name of a
//!   gender that fits (an honorific or an earlier pronoun tells it).

use super::line_words as words;
use std::collections::HashSet;

use super::names::{self, Gender, Name};
use crate::suggest::{Context, Suggestion};

/// Role nouns that fall back to the latest speaker when no person holds
/// them as a title ("the officer confirmed").
#[rustfmt::skip]
const GENERIC_ROLES: &[&str] = &[
    "officer", "official", "politician", "candidate", "lawmaker", "executive", "spokesman",
    "spokeswoman", "spokesperson",
];

/// How far back (chars) a pronoun looks for its person.
const PRONOUN_REACH: usize = 1500;

/// One person met so far.
#[derive(Clone, Debug)]
struct Person {
    name: String,
    words: Vec<String>,
    roles: Vec<String>,
    gender: Option<Gender>,
}

/// An event for the pronoun resolver: someone was the subject at `at`.
#[derive(Clone, Copy, Debug)]
struct Seen {
    at: usize,
    person: usize,
}

/// Sets `person` on every suggestion whose speaker mention can be linked.
/// Suggestions may come in any order; they are visited in text order.
pub fn link(text: &str, suggestions: &mut [Suggestion], ctx: &Context) {
    let all_names = names::names(text);
    let mut order: Vec<usize> = (0..suggestions.len())
        .filter(|&i| suggestions[i].speaker.is_some())
        .collect();
    order.sort_by_key(|&i| suggestions[i].speaker.map(|s| s.start));
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let slice = |start: usize, end: usize| -> &str {
        let b0 = chars.get(start).map_or(text.len(), |c| c.0);
        let b1 = chars.get(end).map_or(text.len(), |c| c.0);
        &text[b0..b1.max(b0)]
    };

    let mut mid_capitals: HashSet<&str> = HashSet::new();
    for line in words::lines(text) {
        for pair in line.toks.windows(2) {
            let after_word = pair[0].is_word() || matches!(pair[0].text, "," | "(" | ")");
            if after_word && pair[1].is_capitalised() {
                mid_capitals.insert(pair[1].text);
            }
        }
    }
    let mut people: Vec<Person> = Vec::new();
    let mut seen: Vec<Seen> = Vec::new();
    let mut next_name = 0;
    for i in order {
        let Some(sp) = suggestions[i].speaker else {
            continue;
        };
        // Names before this mention join the people (and, when they open
        // their sentence, the pronoun candidates).
        while next_name < all_names.len() && all_names[next_name].end <= sp.start {
            let n = &all_names[next_name];
            if let Some(p) = admit(&mut people, n).filter(|_| n.first_in_sentence) {
                seen.push(Seen {
                    at: n.start,
                    person: p,
                });
            }
            next_name += 1;
        }
        let mention = slice(sp.start, sp.end);
        let found = resolve(mention, sp.start, &mut people, &seen, &mid_capitals);
        let person = match found {
            Some(p) => {
                seen.push(Seen {
                    at: sp.start,
                    person: p,
                });
                Some(canonical(&people[p].name, ctx))
            }
            None => project_person(mention, ctx),
        };
        suggestions[i].person = person;
    }
}

/// Adds a name met in the text; returns the person's index (a part of a
/// name, "Ms Dick", joins the earlier full name holding it).
fn admit(people: &mut Vec<Person>, n: &Name) -> Option<usize> {
    if n.words.len() >= 2 {
        let name = n.text();
        if let Some(p) = people.iter().position(|p| p.name == name) {
            let person = &mut people[p];
            person.roles.extend(n.roles.iter().cloned());
            person.gender = person.gender.or(n.gender);
            return Some(p);
        }
        people.push(Person {
            name,
            words: n.words.iter().map(|w| w.to_lowercase()).collect(),
            roles: n.roles.clone(),
            gender: n.gender,
        });
        return Some(people.len() - 1);
    }
    let p = holding(people, &n.words)?;
    people[p].gender = people[p].gender.or(n.gender);
    Some(p)
}

/// The latest person whose name holds every word of `words`.
fn holding(people: &[Person], words: &[String]) -> Option<usize> {
    if words.is_empty() {
        return None;
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    people
        .iter()
        .rposition(|p| lower.iter().all(|w| p.words.contains(w)))
}

/// The person a mention is, among those met before it.
fn resolve(
    mention: &str,
    at: usize,
    people: &mut Vec<Person>,
    seen: &[Seen],
    mid_capitals: &HashSet<&str>,
) -> Option<usize> {
    let toks = words::tokens(mention, at);
    let mut found = Vec::new();
    names::names_in(&toks, &mut found);
    if let Some(n) = found.first() {
        if n.words.len() >= 2 {
            return admit(people, n);
        }
        return match holding(people, &n.words) {
            Some(p) => {
                people[p].gender = people[p].gender.or(n.gender);
                Some(p)
            }
            // A lone word is a name only if the text capitalises it
            // inside a sentence too ("Critics say" is no name).
            None if n.words.iter().all(|w| mid_capitals.contains(w.as_str())) => admit_single(people, n),
            None => None,
        };
    }
    let words: Vec<String> = toks.iter().filter(|t| t.is_word()).map(|t| t.lower()).collect();
    match words.as_slice() {
        [w] if matches!(w.as_str(), "he" | "she" | "who") => pronoun(w, at, people, seen),
        [the, role] if the == "the" => by_role(role, at, people, seen),
        [the, _, role] if the == "the" => by_role(role, at, people, seen),
        _ => None,
    }
}

/// A lone surname nobody held before ("Trump said"): a person of its own.
fn admit_single(people: &mut Vec<Person>, n: &Name) -> Option<usize> {
    people.push(Person {
        name: n.text(),
        words: n.words.iter().map(|w| w.to_lowercase()).collect(),
        roles: n.roles.clone(),
        gender: n.gender,
    });
    Some(people.len() - 1)
}

/// "he", "she": the latest subject within reach whose gender fits; the
/// person's gender is learnt from the pronoun. "who": the latest name.
fn pronoun(w: &str, at: usize, people: &mut [Person], seen: &[Seen]) -> Option<usize> {
    let want = match w {
        "she" => Some(Gender::Female),
        "he" => Some(Gender::Male),
        _ => None,
    };
    let s = seen
        .iter()
        .rev()
        .take_while(|s| at.saturating_sub(s.at) <= PRONOUN_REACH)
        .find(|s| want.is_none() || people[s.person].gender.is_none_or(|g| Some(g) == want))?;
    if let Some(g) = want {
        people[s.person].gender.get_or_insert(g);
    }
    Some(s.person)
}

/// "the commissioner": the latest person with that title; a generic role
/// ("the officer") with no such title: the latest subject.
fn by_role(role: &str, at: usize, people: &[Person], seen: &[Seen]) -> Option<usize> {
    if let Some(p) = people.iter().rposition(|p| p.roles.iter().any(|r| r == role)) {
        return Some(p);
    }
    if GENERIC_ROLES.contains(&role) {
        return seen
            .iter()
            .rev()
            .take_while(|s| at.saturating_sub(s.at) <= PRONOUN_REACH)
            .map(|s| s.person)
            .next();
    }
    None
}

/// The project's spelling of `name` when it has the same person (every
/// word of the shorter name in the longer one).
fn canonical(name: &str, ctx: &Context) -> String {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    ctx.people
        .iter()
        .find(|p| p.eq_ignore_ascii_case(name))
        .or_else(|| {
            ctx.people.iter().find(|p| {
                let pw: Vec<String> = p.split_whitespace().map(str::to_lowercase).collect();
                !pw.is_empty()
                    && (pw.iter().all(|w| words.contains(w))
                        || (pw.len() > 1 && words.iter().all(|w| pw.contains(w))))
            })
        })
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

/// A person of the project the mention names, when the text had none:
/// one whose name holds every name word of the mention ("Clinton" ->
/// "Hillary Rodham Clinton").
fn project_person(mention: &str, ctx: &Context) -> Option<String> {
    let toks = words::tokens(mention, 0);
    let mut found = Vec::new();
    names::names_in(&toks, &mut found);
    let n = found.first()?;
    let want: Vec<String> = n.words.iter().map(|w| w.to_lowercase()).collect();
    ctx.people
        .iter()
        .find(|p| {
            let pw: Vec<String> = p.split_whitespace().map(str::to_lowercase).collect();
            want.iter().all(|w| pw.contains(w))
        })
        .cloned()
}

#[cfg(test)]
mod tests {
    use crate::suggest::{Context, rules};

    /// (speaker mention, person) of every suggestion with a speaker.
    fn linked(text: &str, ctx: &Context) -> Vec<(String, Option<String>)> {
        let chars: Vec<char> = text.chars().collect();
        rules::suggest(text, ctx)
            .into_iter()
            .filter_map(|s| {
                let sp = s.speaker?;
                Some((chars[sp.start..sp.end].iter().collect(), s.person))
            })
            .collect()
    }

    fn person_of<'a>(all: &'a [(String, Option<String>)], mention: &str) -> Vec<Option<&'a str>> {
        all.iter()
            .filter(|(m, _)| m == mention)
            .map(|(_, p)| p.as_deref())
            .collect()
    }

    #[test]
    fn the_sample_article_links_dick_and_house() {
        let all = linked(crate::SAMPLE_TEXT, &Context::default());
        assert_eq!(
            person_of(&all, "Commissioner Cressida Dick"),
            [Some("Cressida Dick")]
        );
        assert!(
            person_of(&all, "Ms Dick")
                .iter()
                .all(|p| *p == Some("Cressida Dick")),
            "{all:?}"
        );
        assert!(person_of(&all, "she").len() >= 2);
        assert!(
            person_of(&all, "she").iter().all(|p| *p == Some("Cressida Dick")),
            "{all:?}"
        );
        assert!(!person_of(&all, "The commissioner").is_empty());
        assert!(
            person_of(&all, "The commissioner")
                .iter()
                .all(|p| *p == Some("Cressida Dick"))
        );
        assert_eq!(
            person_of(&all, "Assistant commissioner Sir Steve House"),
            [Some("Steve House")]
        );
        assert_eq!(person_of(&all, "He"), [Some("Steve House")]);
        assert!(!person_of(&all, "Sir Steve").is_empty());
        assert!(
            person_of(&all, "Sir Steve")
                .iter()
                .all(|p| *p == Some("Steve House")),
            "{all:?}"
        );
        assert_eq!(person_of(&all, "the officer"), [Some("Steve House")]);
        assert_eq!(
            person_of(&all, "Mr Khan"),
            [Some("Sadiq Khan")],
            "a name met outside a frame"
        );
    }

    #[test]
    fn pronouns_follow_gender_and_the_subject() {
        let text = "Senator Jane Ortiz said the bill was dead. Mr. Brown said it was alive. \
                    She said the vote would fail anyway.";
        let all = linked(text, &Context::default());
        assert_eq!(person_of(&all, "She"), [Some("Jane Ortiz")], "{all:?}");
        let text = "Labour peer Lord Harris of Haringey, who has advised London mayor Sadiq Khan, was not \
                    convinced.\n\n“It would be seen as provocative and it will hinder confidence,” he told the House of Lords.";
        let all = linked(text, &Context::default());
        assert_eq!(
            person_of(&all, "he"),
            [Some("Harris of Haringey")],
            "the subject, not the mayor"
        );
    }

    #[test]
    fn titles_name_a_person_by_role() {
        let text = "London mayor Sadiq Khan spoke first. Mr. Brown said the plan was fine. \
                    The mayor said the plan would not go ahead this year.";
        let all = linked(text, &Context::default());
        assert_eq!(person_of(&all, "The mayor"), [Some("Sadiq Khan")], "{all:?}");
    }

    #[test]
    fn people_of_the_project_keep_their_spelling() {
        let ctx = Context {
            people: vec!["Hillary Rodham Clinton".into(), "Bernie Sanders".into()],
        };
        let text = "Clinton said the economy was growing. Sanders said the economy was rigged.";
        let all = linked(text, &ctx);
        assert_eq!(
            person_of(&all, "Clinton"),
            [Some("Hillary Rodham Clinton")],
            "{all:?}"
        );
        assert_eq!(person_of(&all, "Sanders"), [Some("Bernie Sanders")]);
        let text = "Hillary Clinton said the economy was growing.";
        assert_eq!(
            person_of(&linked(text, &ctx), "Hillary Clinton"),
            [Some("Hillary Rodham Clinton")]
        );
    }

    #[test]
    fn unknown_pronouns_and_bodies_stay_unlinked() {
        let all = linked(
            "She said the plan was fine. Critics say the plan is too costly.",
            &Context::default(),
        );
        assert_eq!(person_of(&all, "She"), [None]);
        assert_eq!(person_of(&all, "Critics"), [None]);
    }
}
