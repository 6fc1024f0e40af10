//! The edits of the people register (issue 14): add, remove and change a
//! person, rename a person everywhere, merge two people, split a mention
//! off. Each is one undo step.
//!
//! Rename, merge and split change the register and speakers in several
//! documents; they are planned here as a batch of the plain edits (a
//! speaker replaced, a person put or taken) and applied as one
//! [`Edit::Batch`], whose inverse is the batch of the plain inverses: exact
//! by construction, whatever the speakers held before (a `person`
//! attribute, or none and the mention's text standing for the person).

use super::annotation::Annotation;
use super::edit::{Edit, EditError, doc_mut};
use super::inverse::{Exact, Inverse};
use super::people::Person;
use super::people_link::points_to;
use super::project::Project;
use super::tagset::names;

fn check_name(name: &str) -> Result<(), EditError> {
    if name.trim().is_empty() {
        Err(EditError::EmptyPersonName)
    } else {
        Ok(())
    }
}

fn check_person(person: &Person) -> Result<(), EditError> {
    check_name(&person.name)?;
    if person.attributes.keys().any(|k| k.trim().is_empty()) {
        return Err(EditError::EmptyAttributeKey);
    }
    Ok(())
}

pub(super) fn add(p: &mut Project, person: Person) -> Result<Edit, EditError> {
    check_person(&person)?;
    if p.people.get(&person.name).is_some() {
        return Err(EditError::DuplicatePerson(person.name));
    }
    let name = person.name.clone();
    p.people.put(person);
    Ok(Edit::RemovePerson { name })
}

pub(super) fn remove(p: &mut Project, name: String) -> Result<Edit, EditError> {
    let person = p.people.take(&name).ok_or(EditError::NoPerson(name))?;
    Ok(Inverse::edit(Exact::PutPerson(person)))
}

/// Undoes [`remove`]: the person back, unchecked (a register read from a
/// file may hold a name no edit would make).
pub(super) fn put_back(p: &mut Project, person: Person) -> Result<Edit, EditError> {
    if p.people.get(&person.name).is_some() {
        return Err(EditError::DuplicatePerson(person.name));
    }
    let name = person.name.clone();
    p.people.put(person);
    Ok(Edit::RemovePerson { name })
}

pub(super) fn set(p: &mut Project, person: Person) -> Result<Edit, EditError> {
    if person.attributes.keys().any(|k| k.trim().is_empty()) {
        return Err(EditError::EmptyAttributeKey);
    }
    if p.people.get(&person.name).is_none() {
        return Err(EditError::NoPerson(person.name));
    }
    let old = p
        .people
        .put(person)
        .ok_or_else(|| EditError::NoPerson(String::new()))?;
    Ok(Edit::SetPerson(old))
}

/// Every speaker that points to `name`, re-pointed to `to`.
fn repoint(p: &Project, name: &str, to: &str) -> Vec<Edit> {
    let mut out = Vec::new();
    for (doc, d) in p.documents.iter().enumerate() {
        for a in d.annotations().filter(|a| points_to(a, name)) {
            out.push(Edit::ReplaceAnnotation {
                doc,
                annotation: with_person(a, to),
            });
        }
    }
    out
}

fn with_person(a: &Annotation, name: &str) -> Annotation {
    let mut a = a.clone();
    a.attributes.insert(names::PERSON.to_string(), name.to_string());
    a
}

fn is_pointed_to(p: &Project, name: &str) -> bool {
    p.documents
        .iter()
        .any(|d| d.annotations().any(|a| points_to(a, name)))
}

pub(super) fn rename(p: &mut Project, from: String, to: String) -> Result<Edit, EditError> {
    check_name(&to)?;
    if from == to {
        return Err(EditError::SamePerson(to));
    }
    if p.people.get(&to).is_some() {
        return Err(EditError::DuplicatePerson(to));
    }
    let mut plan = repoint(p, &from, &to);
    if let Some(old) = p.people.get(&from) {
        let mut renamed = old.clone();
        renamed.name = to.clone();
        renamed.aliases.retain(|a| *a != to);
        plan.push(Edit::RemovePerson { name: from.clone() });
        plan.push(Edit::AddPerson(renamed));
    } else if plan.is_empty() {
        return Err(EditError::NoPerson(from));
    }
    Edit::Batch(plan).apply(p)
}

pub(super) fn merge(p: &mut Project, from: String, into: String) -> Result<Edit, EditError> {
    if from == into {
        return Err(EditError::SamePerson(into));
    }
    let gone = p
        .people
        .get(&from)
        .cloned()
        .ok_or(EditError::NoPerson(from.clone()))?;
    let mut joined = p
        .people
        .get(&into)
        .cloned()
        .ok_or(EditError::NoPerson(into.clone()))?;
    for alias in std::iter::once(gone.name.clone()).chain(gone.aliases) {
        if alias != joined.name && !joined.aliases.contains(&alias) {
            joined.aliases.push(alias);
        }
    }
    for (k, v) in gone.attributes {
        joined.attributes.entry(k).or_insert(v);
    }
    let mut plan = repoint(p, &from, &into);
    plan.push(Edit::RemovePerson { name: from });
    plan.push(Edit::SetPerson(joined));
    Edit::Batch(plan).apply(p)
}

pub(super) fn split(p: &mut Project, doc: usize, id: String, name: String) -> Result<Edit, EditError> {
    check_name(&name)?;
    let d = doc_mut(p, doc)?;
    let a = d.annotation(&id).cloned().ok_or(EditError::NoAnnotation(id))?;
    let old = super::person_of_speaker(&a);
    if old == name {
        return Err(EditError::SamePerson(name));
    }
    let mention = a.covered_text();
    let mut plan = vec![Edit::ReplaceAnnotation {
        doc,
        annotation: with_person(&a, &name),
    }];
    // The old person keeps the mention as an alias only while another
    // speaker with that text still points to them.
    if let Some(before) = p.people.get(&old)
        && before.aliases.contains(&mention)
    {
        let still = p.documents.iter().enumerate().any(|(i, d)| {
            d.annotations()
                .any(|o| !(i == doc && o.id == a.id) && o.covered_text() == mention && points_to(o, &old))
        });
        if !still {
            let mut before = before.clone();
            before.aliases.retain(|x| *x != mention);
            plan.push(Edit::SetPerson(before));
        }
    }
    match p.people.get(&name) {
        Some(existing) => {
            if mention != name && !existing.aliases.contains(&mention) {
                let mut existing = existing.clone();
                existing.aliases.push(mention);
                plan.push(Edit::SetPerson(existing));
            }
        }
        None => {
            let mut person = Person::new(name.clone());
            if mention != name {
                person.aliases.push(mention);
            }
            plan.push(Edit::AddPerson(person));
        }
    }
    Edit::Batch(plan).apply(p)
}

/// Whether any speaker points to `name` (for the panel: a person with no
/// speakers can be removed without leaving speakers pointing nowhere).
pub fn has_speakers(p: &Project, name: &str) -> bool {
    is_pointed_to(p, name)
}
