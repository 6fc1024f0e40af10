//! Speakers and the people register: which speakers point to a person, and
//! filling the register from speakers' `person` attributes (an older file
//! when it is read, an import when it is made).
//!
//! These change a project directly and are no edits: they run while a
//! project is being made (read or imported), before it has a history.

use super::annotation::Annotation;
use super::people::Person;
use super::project::Project;
use super::tagset::names;

/// Whether speaker mention `a` points to the person named `name`: its
/// `person` attribute is `name`, or, a Speaker without one, its text is.
pub fn points_to(a: &Annotation, name: &str) -> bool {
    match a.attribute(names::PERSON) {
        Some(p) if !p.is_empty() => p == name,
        _ => a.label == names::SPEAKER && a.covered_text() == name,
    }
}

/// Puts `mention` in the register as an alias of `name` (making the entry
/// when there is none); the name itself is no alias.
fn note_mention(p: &mut Project, name: &str, mention: &str) {
    let mut person = p.people.take(name).unwrap_or_else(|| Person::new(name));
    if mention != name && !mention.is_empty() && !person.aliases.iter().any(|a| a == mention) {
        person.aliases.push(mention.to_string());
    }
    p.people.put(person);
}

/// Every (document, annotation id, person, mention) of a speaker with a
/// non-empty `person` attribute, in document and annotation order.
fn named_speakers(p: &Project) -> Vec<(usize, String, String, String)> {
    let mut out = Vec::new();
    for (i, d) in p.documents.iter().enumerate() {
        for a in d.annotations() {
            if let Some(person) = a.attribute(names::PERSON).filter(|v| !v.is_empty()) {
                out.push((i, a.id.clone(), person.to_string(), a.covered_text()));
            }
        }
    }
    out
}

/// Makes a register entry for every speaker's `person` attribute, with the
/// mentions seen for it as aliases; speakers are left as they are. This is
/// how a file older than format version 4 gains its register.
pub fn register_speakers(p: &mut Project) {
    for (_, _, person, mention) in named_speakers(p) {
        note_mention(p, &person, &mention);
    }
}

/// For an import: maps each speaker's `person` attribute to a person of the
/// register when it is that person's name or one of their aliases (the
/// attribute then holds the canonical name), and adds a register entry for
/// each person not found; the mentions become aliases. Returns how many
/// speakers were pointed to a person already in the register under another
/// name.
pub fn link_mentions(p: &mut Project) -> usize {
    let mut mapped = 0;
    for (doc, id, person, mention) in named_speakers(p) {
        let name = match p.people.find_mention(&person) {
            Some(found) => found.name.clone(),
            None => person.clone(),
        };
        if name != person
            && let Some(mut a) = p.documents[doc].annotation(&id).cloned()
        {
            a.attributes.insert(names::PERSON.to_string(), name.clone());
            p.documents[doc].insert_annotation(a);
            mapped += 1;
        }
        note_mention(p, &name, &mention);
    }
    mapped
}

/// The person a new speaker mention `mention` should point to: the
/// register's person with that name or alias, if any.
pub fn person_for_mention<'a>(p: &'a Project, mention: &str) -> Option<&'a Person> {
    p.people.find_mention(mention.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Fragment};

    fn speaker(id: &str, text: &str, start: usize, person: Option<&str>) -> Annotation {
        Annotation {
            id: id.into(),
            label: names::SPEAKER.into(),
            fragments: vec![Fragment {
                start,
                end: start + text.chars().count(),
                text: text.into(),
            }],
            attributes: person
                .map(|p| (names::PERSON.to_string(), p.to_string()))
                .into_iter()
                .collect(),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            annotators: vec![],
            origin: None,
        }
    }

    fn project() -> Project {
        let text = "Ms Dick said. Cressida Dick 👩‍👩‍👧 said. 中文 He said.";
        let (d, _, _) = Document::from_parts(
            "d".into(),
            String::new(),
            None,
            text.into(),
            vec![
                speaker("s1", "Ms Dick", 0, Some("Cressida Dick")),
                speaker("s2", "Cressida Dick", 14, Some("Cressida Dick")),
                speaker("s3", "He", 40, Some("Ms Dick")),
                speaker("s4", "中文", 37, None),
            ],
            vec![],
        );
        Project {
            documents: vec![d],
            ..Project::default()
        }
    }

    #[test]
    fn older_files_register_person_attributes_with_mentions_as_aliases() {
        let mut p = project();
        register_speakers(&mut p);
        let names: Vec<_> = p.people.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Cressida Dick", "Ms Dick"]);
        assert_eq!(p.people.get("Cressida Dick").expect("cd").aliases, ["Ms Dick"]);
        assert_eq!(p.people.get("Ms Dick").expect("md").aliases, ["He"]);
        // Speakers are unchanged.
        assert_eq!(
            p.documents[0].annotation("s3").expect("s3").attribute("person"),
            Some("Ms Dick")
        );
    }

    #[test]
    fn imports_map_a_person_value_that_is_an_alias_to_its_person() {
        let mut p = project();
        let mapped = link_mentions(&mut p);
        assert_eq!(mapped, 1);
        assert_eq!(p.people.len(), 1);
        let cd = p.people.get("Cressida Dick").expect("cd");
        assert_eq!(cd.aliases, ["Ms Dick", "He"]);
        let s3 = p.documents[0].annotation("s3").expect("s3");
        assert_eq!(s3.attribute("person"), Some("Cressida Dick"));
        assert!(points_to(s3, "Cressida Dick"));
        let s4 = p.documents[0].annotation("s4").expect("s4");
        assert!(points_to(s4, "中文"), "a speaker without a person is its text");
        assert!(!points_to(s4, "Cressida Dick"));
    }
}
