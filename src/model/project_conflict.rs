//! A merge conflict on the project itself (issue 17): where git's two
//! versions of a project file changed its name, its annotator, a label's,
//! relation kind's or person attribute's definition, a person of the
//! register, or renamed one label to two names, differently. The merged
//! project stands with ours' value (so every annotation keeps a label it
//! knows) and holds this record with every version, in the file's top
//! `conflicts` list, for the window to settle with the keys of a review
//! disagreement (ours / theirs / both / neither), like a document's
//! [`super::MergeConflict`].

use serde::{Deserialize, Serialize};

use super::people::Person;
use super::tagset::{AttributeDef, LabelDef, RelationDef};

/// One clash on the project; `None`: the item did not exist on that side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProjectConflict {
    Name {
        base: String,
        ours: String,
        theirs: String,
    },
    Annotator {
        base: String,
        ours: String,
        theirs: String,
    },
    Label {
        name: String,
        base: Option<LabelDef>,
        ours: Option<LabelDef>,
        theirs: Option<LabelDef>,
    },
    RelationKind {
        name: String,
        base: Option<RelationDef>,
        ours: Option<RelationDef>,
        theirs: Option<RelationDef>,
    },
    PersonAttribute {
        name: String,
        base: Option<AttributeDef>,
        ours: Option<AttributeDef>,
        theirs: Option<AttributeDef>,
    },
    Person {
        name: String,
        base: Option<Person>,
        ours: Option<Person>,
        theirs: Option<Person>,
    },
    /// Label `from` renamed to `ours` in ours and to `theirs` in theirs;
    /// the merge carries ours' name (theirs' annotations renamed to it).
    LabelRenamed {
        from: String,
        ours: String,
        theirs: String,
    },
}

/// A named item three ways.
fn three<T>(base: &Option<T>, ours: &Option<T>, theirs: &Option<T>) -> &'static str {
    match (base, ours, theirs) {
        (None, Some(_), Some(_)) => " (added differently on both sides)",
        (Some(_), None, _) | (Some(_), _, None) => " (removed on one side, changed on the other)",
        _ => "",
    }
}

impl ProjectConflict {
    /// In words: "the project name", "label Quote (removed on one side,
    /// changed on the other)", "label Quote renamed to Q in ours and to
    /// Citation in theirs".
    pub fn describe(&self) -> String {
        match self {
            ProjectConflict::Name { .. } => "the project name".into(),
            ProjectConflict::Annotator { .. } => "the annotator".into(),
            ProjectConflict::Label {
                name,
                base,
                ours,
                theirs,
            } => format!("label {name}{}", three(base, ours, theirs)),
            ProjectConflict::RelationKind {
                name,
                base,
                ours,
                theirs,
            } => format!("relation kind {name}{}", three(base, ours, theirs)),
            ProjectConflict::PersonAttribute {
                name,
                base,
                ours,
                theirs,
            } => format!("person attribute {name}{}", three(base, ours, theirs)),
            ProjectConflict::Person {
                name,
                base,
                ours,
                theirs,
            } => format!("person {name}{}", three(base, ours, theirs)),
            ProjectConflict::LabelRenamed { from, ours, theirs } => {
                format!("label {from} renamed to {ours} in ours and to {theirs} in theirs")
            }
        }
    }

    /// The same conflict seen from the other side (ours and theirs swapped).
    pub fn swapped(&self) -> ProjectConflict {
        use ProjectConflict as C;
        match self.clone() {
            C::Name { base, ours, theirs } => C::Name {
                base,
                ours: theirs,
                theirs: ours,
            },
            C::Annotator { base, ours, theirs } => C::Annotator {
                base,
                ours: theirs,
                theirs: ours,
            },
            C::Label {
                name,
                base,
                ours,
                theirs,
            } => C::Label {
                name,
                base,
                ours: theirs,
                theirs: ours,
            },
            C::RelationKind {
                name,
                base,
                ours,
                theirs,
            } => C::RelationKind {
                name,
                base,
                ours: theirs,
                theirs: ours,
            },
            C::PersonAttribute {
                name,
                base,
                ours,
                theirs,
            } => C::PersonAttribute {
                name,
                base,
                ours: theirs,
                theirs: ours,
            },
            C::Person {
                name,
                base,
                ours,
                theirs,
            } => C::Person {
                name,
                base,
                ours: theirs,
                theirs: ours,
            },
            C::LabelRenamed { from, ours, theirs } => C::LabelRenamed {
                from,
                ours: theirs,
                theirs: ours,
            },
        }
    }

    /// One side's version in a few words (`ours` true: ours, else theirs),
    /// for the review panel.
    pub fn version_text(&self, ours: bool) -> String {
        fn pick<'a, T>(o: &'a T, t: &'a T, ours: bool) -> &'a T {
            if ours { o } else { t }
        }
        fn or_removed<T>(v: &Option<T>, f: impl Fn(&T) -> String) -> String {
            v.as_ref().map_or_else(|| "removed".to_string(), f)
        }
        fn values(a: &[AttributeDef]) -> String {
            a.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ")
        }
        use ProjectConflict as C;
        match self {
            C::Name {
                ours: o, theirs: t, ..
            }
            | C::Annotator {
                ours: o, theirs: t, ..
            } => super::quoted(pick(o, t, ours).as_str()),
            C::Label {
                ours: o, theirs: t, ..
            } => or_removed(pick(o, t, ours), |l| {
                let mut s = format!("colour {}", l.color);
                if !l.key.is_empty() {
                    s.push_str(&format!(", key {}", l.key));
                }
                if !l.attributes.is_empty() {
                    s.push_str(&format!(", attributes {}", values(&l.attributes)));
                }
                s
            }),
            C::RelationKind {
                ours: o, theirs: t, ..
            } => or_removed(pick(o, t, ours), |r| format!("{} -> {}", r.from, r.to)),
            C::PersonAttribute {
                ours: o, theirs: t, ..
            } => or_removed(pick(o, t, ours), |a| {
                if a.values.is_empty() {
                    "free text".to_string()
                } else {
                    a.values.join(", ")
                }
            }),
            C::Person {
                ours: o, theirs: t, ..
            } => or_removed(pick(o, t, ours), |p| {
                let mut parts = Vec::new();
                if !p.aliases.is_empty() {
                    parts.push(format!("aliases {}", p.aliases.join(", ")));
                }
                for (k, v) in &p.attributes {
                    parts.push(format!("{k}: {v}"));
                }
                if parts.is_empty() {
                    "no aliases or attributes".to_string()
                } else {
                    parts.join(", ")
                }
            }),
            C::LabelRenamed {
                ours: o, theirs: t, ..
            } => format!("named {}", pick(o, t, ours)),
        }
    }
}
