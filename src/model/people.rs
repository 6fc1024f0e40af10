//! The project's people register: each person a speaker mention can point
//! to, with the mentions seen for them (aliases) and attributes defined in
//! the tag set (`TagSet::person_attributes`: gender, role, party, ...).
//!
//! A speaker points to a person by name: its `person` attribute holds the
//! person's `name` (see [`super::person_of_speaker`]); names are unique in the
//! register, which keeps them sorted.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One person of the register.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The canonical name, unique in the register.
    pub name: String,
    /// Other mentions seen for this person ("Ms Dick", "the commissioner").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Values of the tag set's person attributes, by attribute name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

impl Person {
    pub fn new(name: impl Into<String>) -> Self {
        Person {
            name: name.into(),
            ..Person::default()
        }
    }
    /// The value of attribute `key`, if set.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes.get(key).map(String::as_str)
    }
}

/// The register: people sorted by name, no two with the same name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct People {
    persons: Vec<Person>,
}

impl People {
    /// A register from any list; a later person with a name already seen is
    /// merged into the first (aliases and attributes the first lacks).
    pub fn from_vec(list: Vec<Person>) -> Self {
        let mut people = People::default();
        for p in list {
            match people.position(&p.name) {
                Ok(i) => {
                    let first = &mut people.persons[i];
                    for a in p.aliases {
                        if !first.aliases.contains(&a) {
                            first.aliases.push(a);
                        }
                    }
                    for (k, v) in p.attributes {
                        first.attributes.entry(k).or_insert(v);
                    }
                }
                Err(i) => people.persons.insert(i, p),
            }
        }
        people
    }
    fn position(&self, name: &str) -> Result<usize, usize> {
        self.persons.binary_search_by(|p| p.name.as_str().cmp(name))
    }
    /// The person named `name`.
    pub fn get(&self, name: &str) -> Option<&Person> {
        self.position(name).ok().map(|i| &self.persons[i])
    }
    /// The person whose name or one of whose aliases is `mention`.
    pub fn find_mention(&self, mention: &str) -> Option<&Person> {
        self.get(mention).or_else(|| {
            self.persons
                .iter()
                .find(|p| p.aliases.iter().any(|a| a == mention))
        })
    }
    /// Every person, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = &Person> {
        self.persons.iter()
    }
    pub fn as_slice(&self) -> &[Person] {
        &self.persons
    }
    pub fn len(&self) -> usize {
        self.persons.len()
    }
    pub fn is_empty(&self) -> bool {
        self.persons.is_empty()
    }
    /// Puts `p` in the register, replacing the person of the same name;
    /// returns the one replaced. Only edits call this (see `edit.rs`).
    pub(super) fn put(&mut self, p: Person) -> Option<Person> {
        match self.position(&p.name) {
            Ok(i) => Some(std::mem::replace(&mut self.persons[i], p)),
            Err(i) => {
                self.persons.insert(i, p);
                None
            }
        }
    }
    /// Takes the person named `name` out of the register.
    pub(super) fn take(&mut self, name: &str) -> Option<Person> {
        self.position(name).ok().map(|i| self.persons.remove(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_sorted_and_aliases_find_people() {
        let mut dick = Person::new("Cressida Dick");
        dick.aliases.push("Ms Dick".into());
        let mut again = Person::new("Cressida Dick");
        again.aliases.push("the commissioner".into());
        again.attributes.insert("gender".into(), "woman".into());
        let people = People::from_vec(vec![dick, Person::new("Boris Johnson"), again]);
        let names: Vec<_> = people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Boris Johnson", "Cressida Dick"]);
        let d = people
            .find_mention("the commissioner")
            .expect("an alias finds its person");
        assert_eq!(d.name, "Cressida Dick");
        assert_eq!(d.aliases, ["Ms Dick", "the commissioner"]);
        assert_eq!(d.attribute("gender"), Some("woman"));
        assert!(people.find_mention("Steve House").is_none());
    }

    #[test]
    fn put_replaces_and_take_removes() {
        let mut people = People::default();
        assert!(people.put(Person::new("B")).is_none());
        assert!(people.put(Person::new("A")).is_none());
        let mut b2 = Person::new("B");
        b2.aliases.push("Bee".into());
        assert_eq!(people.put(b2.clone()), Some(Person::new("B")));
        assert_eq!(people.get("B"), Some(&b2));
        assert_eq!(people.take("A"), Some(Person::new("A")));
        assert_eq!(people.len(), 1);
    }
}
