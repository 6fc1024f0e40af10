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
            if let Some(p) = admit(&mut people, n) {
                if n.first_in_sentence {
                    seen.push(Seen {
                        at: n.start,
                        person: p,
                    });
                }
            }
            next_name += 1;
        }
        let mention = slice(sp.start, sp.end);
        let found = resolve(mention, sp.start, &mut people, &seen);
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
fn resolve(mention: &str, at: usize, people: &mut Vec<Person>, seen: &[Seen]) -> Option<usize> {
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
            None => admit_single(people, n),
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

/// A person of the project the mention names, when the text had none.
fn project_person(mention: &str, ctx: &Context) -> Option<String> {
    let lower = mention.to_lowercase();
    ctx.people
        .iter()
        .find(|p| !p.is_empty() && lower.contains(&p.to_lowercase()))
        .cloned()
}
