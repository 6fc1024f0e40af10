//! Pass 3 of reading an `.ann`: everything that points at annotations
//! (relations, events and what they imply, equivalences, attributes,
//! normalisations, notes).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::NORM;
use super::ann::Issues;
use super::parse::{Record, unescape};
use crate::format::interchange::{DraftDocument, LabelMap};
use crate::model::{Relation, names};

/// brat ids to our ids; an event stands for its trigger.
pub(super) struct Resolver<'a> {
    triggers: HashMap<&'a str, &'a str>,
    pub prefix: &'a str,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(records: &'a [(usize, Record)], prefix: &'a str) -> Self {
        let mut triggers = HashMap::new();
        for (_, rec) in records {
            if let Record::Event { id, trigger, .. } = rec {
                triggers.insert(id.as_str(), trigger.as_str());
            }
        }
        Resolver { triggers, prefix }
    }

    pub(super) fn resolve(&self, r: &str) -> String {
        let mut r = r;
        // Bounded: events may point at each other.
        for _ in 0..8 {
            match self.triggers.get(r) {
                Some(t) => r = t,
                None => break,
            }
        }
        format!("{}{r}", self.prefix)
    }
}

/// Pass 3: everything that refers to annotations.
pub(super) struct LinkPass<'a> {
    pub resolver: Resolver<'a>,
    pub labels: &'a HashMap<String, String>,
    pub index_of: &'a HashMap<String, usize>,
    pub map: &'a LabelMap,
    pub relation_ids: HashSet<String>,
    /// `said_by` / `cue_of` relations events implied already.
    pub implied: HashSet<(String, String, String)>,
}

impl LinkPass<'_> {
    pub(super) fn read(&mut self, line: usize, rec: &Record, draft: &mut DraftDocument, issues: &mut Issues) {
        let prefix = self.resolver.prefix;
        match rec {
            Record::Text { .. } => {}
            Record::Relation { id, kind, from, to } => {
                let relation = Relation {
                    id: format!("{prefix}{id}"),
                    kind: self.map.map(kind).to_string(),
                    from: self.resolver.resolve(from),
                    to: self.resolver.resolve(to),
                    attributes: Default::default(),
                };
                self.add(draft, relation, line, issues.file);
            }
            Record::Event {
                id,
                kind,
                trigger,
                args,
            } => self.event(id, kind, trigger, args, line, draft, issues.file),
            Record::Equiv { kind, members } => {
                for (k, pair) in members.windows(2).enumerate() {
                    let relation = Relation {
                        id: format!("{prefix}Equiv{line}-{}", k + 1),
                        kind: self.map.map(kind).to_string(),
                        from: self.resolver.resolve(&pair[0]),
                        to: self.resolver.resolve(&pair[1]),
                        attributes: Default::default(),
                    };
                    self.add(draft, relation, line, issues.file);
                }
            }
            Record::Attribute { .. } | Record::Norm { .. } | Record::Note { .. } => {
                self.attach(line, rec, draft, issues)
            }
        }
    }

    /// Adds a relation, its id made unique.
    fn add(&mut self, draft: &mut DraftDocument, mut relation: Relation, line: usize, file: &Path) {
        let id = relation.id.clone();
        let mut k = 1;
        while !self.relation_ids.insert(relation.id.clone()) {
            k += 1;
            relation.id = format!("{id}-{k}");
        }
        draft
            .origin
            .insert(relation.id.clone(), (file.to_path_buf(), Some(line)));
        draft.relations.push(relation);
    }

    /// One relation `Type.Role` from the trigger to each argument (or `Type`
    /// to itself without arguments), and the `said_by` / `cue_of` relations
    /// between its participants by their labels.
    #[allow(clippy::too_many_arguments)]
    fn event(
        &mut self,
        id: &str,
        kind: &str,
        trigger: &str,
        args: &[(String, String)],
        line: usize,
        draft: &mut DraftDocument,
        file: &Path,
    ) {
        let prefix = self.resolver.prefix;
        let kind = self.map.map(kind);
        let trig = self.resolver.resolve(trigger);
        let relation = |id: String, kind: String, to: &str| Relation {
            id,
            kind,
            from: trig.clone(),
            to: to.to_string(),
            attributes: Default::default(),
        };
        if args.is_empty() {
            self.add(
                draft,
                relation(format!("{prefix}{id}"), kind.to_string(), &trig),
                line,
                file,
            );
        }
        let mut members = vec![trig.clone()];
        for (role, r) in args {
            let to = self.resolver.resolve(r);
            let rel = relation(format!("{prefix}{id}.{role}"), format!("{kind}.{role}"), &to);
            self.add(draft, rel, line, file);
            if !members.contains(&to) {
                members.push(to);
            }
        }
        let with = |l: &str| -> Vec<String> {
            members
                .iter()
                .filter(|m| self.labels.get(*m).is_some_and(|x| x == l))
                .cloned()
                .collect()
        };
        let (quotes, speakers, cues) = (with(names::QUOTE), with(names::SPEAKER), with(names::CUE));
        let mut derived = Vec::new();
        for q in &quotes {
            for s in &speakers {
                derived.push((names::SAID_BY, q.clone(), s.clone()));
            }
            for c in &cues {
                derived.push((names::CUE_OF, c.clone(), q.clone()));
            }
        }
        for (k, from, to) in derived {
            if self.implied.insert((k.to_string(), from.clone(), to.clone())) {
                let rel = Relation {
                    id: format!("{prefix}{id}-{k}"),
                    kind: k.to_string(),
                    from,
                    to,
                    attributes: Default::default(),
                };
                self.add(draft, rel, line, file);
            }
        }
    }

    /// An attribute, normalisation or note onto its annotation.
    fn attach(&mut self, line: usize, rec: &Record, draft: &mut DraftDocument, issues: &mut Issues) {
        let (target, what) = match rec {
            Record::Attribute { target, .. } => (target, "attribute"),
            Record::Norm { target, .. } => (target, "normalisation"),
            Record::Note { target, .. } => (target, "note"),
            _ => return,
        };
        // issue 13: an attribute of an R relation (as Quotebench writes them).
        if let Record::Attribute { name, value, .. } = rec
            && target.starts_with('R')
        {
            let id = self.resolver.resolve(target);
            match draft.relations.iter_mut().find(|r| r.id == id) {
                Some(r) => {
                    let value = value.as_deref().map_or_else(|| "true".to_string(), unescape);
                    r.attributes.insert(unescape(name), value);
                }
                None => issues.add(
                    Some(line),
                    format!(
                        "no relation {target} is defined before this attribute of it; the line was skipped"
                    ),
                ),
            }
            return;
        }
        let Some(a) = self
            .index_of
            .get(&self.resolver.resolve(target))
            .and_then(|&k| draft.annotations.get_mut(k))
        else {
            issues.add(Some(line), unplaceable(target, what));
            return;
        };
        match rec {
            Record::Attribute { name, value, .. } => {
                let value = value.as_deref().map_or_else(|| "true".to_string(), unescape);
                a.attributes.insert(unescape(name), value);
            }
            Record::Norm { value, .. } => {
                let v = a.attributes.entry(NORM.to_string()).or_default();
                if !v.is_empty() {
                    v.push('\n');
                }
                v.push_str(value);
            }
            Record::Note { text, .. } => {
                if !a.note.is_empty() {
                    a.note.push('\n');
                }
                a.note.push_str(text);
            }
            _ => {}
        }
    }
}

fn unplaceable(target: &str, what: &str) -> String {
    if target.starts_with('R') || target.starts_with('*') {
        format!(
            "the {what} of relation {target} cannot be kept (relations have no {what}s here); the line was skipped"
        )
    } else {
        format!("the {what} refers to {target}, which this file does not define; the line was skipped")
    }
}
