//! Accepted suggestions and the people register (issue 14): a speaker an
//! accepted suggestion adds (or gives a person) points to the person of the
//! register whose name or alias it names, and a person the register lacks
//! becomes an entry, the mention its alias. Pure: an edit in, an edit out.

use std::collections::HashMap;

use crate::model::{Annotation, Edit, People, Person, names};

/// `edit` (an accept, or a batch of them) with each speaker it adds or
/// changes pointed to a person of `people`, followed, in the same batch
/// (so one undo step), by the register entries it makes or the aliases it
/// adds. A speaker with no `person` whose text is no one's name or alias
/// is left as it is (a "he" makes no entry).
pub fn link_people(edit: Edit, people: &People) -> Edit {
    let mut linker = Linker {
        people,
        changed: HashMap::new(),
        order: Vec::new(),
    };
    let edit = linker.rewrite(edit);
    if linker.order.is_empty() {
        return edit;
    }
    let mut edits = vec![edit];
    for name in linker.order {
        let Some(person) = linker.changed.remove(&name) else {
            continue;
        };
        edits.push(if people.get(&name).is_some() {
            Edit::SetPerson(person)
        } else {
            Edit::AddPerson(person)
        });
    }
    Edit::Batch(edits)
}

struct Linker<'a> {
    people: &'a People,
    /// People made or changed so far, by name, on top of the register.
    changed: HashMap<String, Person>,
    order: Vec<String>,
}

impl Linker<'_> {
    fn rewrite(&mut self, edit: Edit) -> Edit {
        match edit {
            Edit::Batch(edits) => Edit::Batch(edits.into_iter().map(|e| self.rewrite(e)).collect()),
            Edit::AddAnnotation { doc, mut annotation } if annotation.label == names::SPEAKER => {
                self.link(&mut annotation);
                Edit::AddAnnotation { doc, annotation }
            }
            Edit::ReplaceAnnotation { doc, mut annotation } if annotation.label == names::SPEAKER => {
                self.link(&mut annotation);
                Edit::ReplaceAnnotation { doc, annotation }
            }
            e => e,
        }
    }

    /// The person named `key` (by name or alias): changed ones first.
    fn find(&self, key: &str) -> Option<Person> {
        if let Some(p) = self.changed.get(key) {
            return Some(p.clone());
        }
        if let Some(p) = self.changed.values().find(|p| p.aliases.iter().any(|a| a == key)) {
            return Some(p.clone());
        }
        self.people.find_mention(key).cloned()
    }

    fn link(&mut self, a: &mut Annotation) {
        let mention = a.covered_text().trim().to_string();
        let given = a
            .attribute(names::PERSON)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string);
        let found = match &given {
            Some(p) => self.find(p),
            None => self.find(&mention),
        };
        let mut person = match (found, given) {
            (Some(p), _) => p,
            (None, Some(name)) => Person::new(name),
            (None, None) => return,
        };
        if a.attribute(names::PERSON) != Some(person.name.as_str()) {
            a.attributes.insert(names::PERSON.into(), person.name.clone());
        }
        let new = self.people.get(&person.name).is_none() && !self.changed.contains_key(&person.name);
        let alias_new = !mention.is_empty() && mention != person.name && !person.aliases.contains(&mention);
        if alias_new {
            person.aliases.push(mention);
        }
        if new || alias_new {
            if !self.changed.contains_key(&person.name) {
                self.order.push(person.name.clone());
            }
            self.changed.insert(person.name.clone(), person);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Fragment, History, Project};

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

    #[test]
    fn accepted_speakers_map_to_people_and_new_people_are_registered_in_one_step() {
        let text = "Ms Dick said. 中文 said. He said. Ana 👩‍👩‍👧 said. Ana 👩‍👩‍👧 again.";
        let mut dick = Person::new("Cressida Dick");
        dick.aliases.push("Ms Dick".into());
        let mut p = Project {
            documents: vec![Document::new("d", "", text)],
            people: People::from_vec(vec![dick]),
            ..Project::default()
        };
        let before = p.clone();
        let at = |needle: &str| text[..text.find(needle).expect("in text")].chars().count();
        let add = |a| Edit::AddAnnotation {
            doc: 0,
            annotation: a,
        };
        let edit = Edit::Batch(vec![
            // An alias without a person: pointed to the person.
            add(speaker("s1", "Ms Dick", at("Ms Dick"), None)),
            // A suggested person the register lacks: a new entry.
            add(speaker("s2", "中文", at("中文"), Some("Li Wei"))),
            // No person, no one's name: left alone, no entry.
            add(speaker("s3", "He", at("He"), None)),
            // The same new person twice in one batch: one entry.
            add(speaker("s4", "Ana 👩‍👩‍👧", at("Ana"), Some("Ana Ruiz"))),
            add(speaker("s5", "Ana 👩‍👩‍👧", at("Ana 👩‍👩‍👧 again"), Some("Ana Ruiz"))),
        ]);
        let edit = link_people(edit, &p.people);
        let mut h = History::default();
        h.perform(&mut p, edit, "Accept", None).expect("applies");
        let d = &p.documents[0];
        let person = |id: &str| d.annotation(id).expect("speaker").attribute("person");
        assert_eq!(person("s1"), Some("Cressida Dick"));
        assert_eq!(person("s2"), Some("Li Wei"));
        assert_eq!(person("s3"), None);
        assert_eq!(person("s5"), Some("Ana Ruiz"));
        let names: Vec<&str> = p.people.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Ana Ruiz", "Cressida Dick", "Li Wei"]);
        assert_eq!(p.people.get("Li Wei").expect("li").aliases, ["中文"]);
        assert_eq!(p.people.get("Ana Ruiz").expect("ana").aliases, ["Ana 👩‍👩‍👧"]);
        h.undo(&mut p).expect("undo").expect("step");
        assert!(p == before, "one undo step takes it all back");
    }
}
