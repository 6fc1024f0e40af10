//! Consistency rules of a project: offsets inside the text, covered text
//! matching, labels and relation kinds known, relation ends present.

use std::fmt;

use super::annotation::{Fragment, Relation};
use super::graphemes::cluster_split_at;
use super::project::{Document, Project};
use super::tagset::{AttributeDef, TagSet};
use super::text::CharRange;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    NoFragments,
    OutOfRange {
        range: CharRange,
        len: usize,
    },
    EmptyFragment {
        range: CharRange,
    },
    OverlappingFragments,
    TextMismatch {
        range: CharRange,
        stored: String,
        actual: String,
    },
    UnknownLabel(String),
    UnknownAttribute {
        label: String,
        name: String,
    },
    BadAttributeValue {
        name: String,
        value: String,
        allowed: Vec<String>,
    },
    UnknownRelationKind(String),
    /// A relation carries an attribute its kind does not define in the tag set.
    UnknownRelationAttribute {
        kind: String,
        name: String,
    },
    MissingEndpoint(String),
    /// The relation's end is an annotation that was kept aside.
    EndpointSetAside(String),
    WrongEndpoints {
        kind: String,
        from_label: String,
        to_label: String,
    },
    DuplicateId,
    TagSet(String),
    /// A fragment starts or ends inside a grapheme cluster (part of an
    /// emoji, a flag, a letter with its accent): it tags half a character.
    /// Reported, never moved: the span stays as the file has it.
    SplitCluster {
        range: CharRange,
        /// The char offset that cuts the cluster.
        at: usize,
        /// The whole cluster and its text.
        cluster: CharRange,
        text: String,
    },
    /// The fragment's text was found nearby and the fragment moved there.
    Reanchored {
        from: CharRange,
        to: CharRange,
    },
}

/// One fault, located by document and annotation or relation id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub document: String,
    /// The annotation or relation concerned, if any.
    pub id: Option<String>,
    pub kind: ProblemKind,
    /// The item was kept aside: not shown, saved back unchanged.
    pub set_aside: bool,
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ProblemKind::*;
        match self {
            NoFragments => write!(f, "has no fragments"),
            OutOfRange { range, len } => write!(
                f,
                "fragment {}..{} lies outside the text, which has {len} characters",
                range.start, range.end
            ),
            EmptyFragment { range } => write!(f, "fragment {}..{} is empty", range.start, range.end),
            OverlappingFragments => write!(f, "has fragments that overlap each other"),
            TextMismatch {
                range,
                stored,
                actual,
            } => write!(
                f,
                "fragment {}..{} should cover {stored:?} but the text there is {actual:?}",
                range.start, range.end
            ),
            UnknownLabel(l) => write!(f, "has label \"{l}\", which is not in the tag set"),
            UnknownAttribute { label, name } => {
                write!(
                    f,
                    "has attribute \"{name}\", which label \"{label}\" does not define"
                )
            }
            BadAttributeValue { name, value, allowed } => write!(
                f,
                "attribute \"{name}\" is \"{value}\"; allowed: {}",
                allowed.join(", ")
            ),
            UnknownRelationKind(k) => write!(f, "has kind \"{k}\", which is not in the tag set"),
            UnknownRelationAttribute { kind, name } => write!(
                f,
                "has attribute \"{name}\", which relation kind \"{kind}\" does not define"
            ),
            MissingEndpoint(id) => write!(f, "points to annotation {id}, which does not exist"),
            EndpointSetAside(id) => write!(f, "points to annotation {id}, which was kept aside"),
            WrongEndpoints {
                kind,
                from_label,
                to_label,
            } => {
                write!(f, "\"{kind}\" cannot link a {from_label} to a {to_label}")
            }
            DuplicateId => write!(f, "uses an id that another item already has"),
            TagSet(msg) => write!(f, "tag set: {msg}"),
            SplitCluster {
                range,
                at,
                cluster,
                text,
            } => write!(
                f,
                "fragment {}..{} {} inside the character {text:?} (chars {}..{}) at char {at}: it tags only part of it",
                range.start,
                range.end,
                if *at == range.start { "starts" } else { "ends" },
                cluster.start,
                cluster.end
            ),
            Reanchored { from, to } => write!(
                f,
                "fragment {}..{} did not match the text; its text was found at {}..{} and it was moved there",
                from.start, from.end, to.start, to.end
            ),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "document {}, {id}: {}", self.document, self.kind)?,
            None => write!(f, "document {}: {}", self.document, self.kind)?,
        }
        if self.set_aside {
            write!(f, " (kept aside: not shown, saved back unchanged)")?;
        }
        Ok(())
    }
}

/// Every problem in the project, in a stable order.
pub fn validate(p: &Project) -> Vec<Problem> {
    let mut out: Vec<Problem> = p
        .tagset
        .problems()
        .into_iter()
        .map(|m| Problem {
            document: String::new(),
            id: None,
            kind: ProblemKind::TagSet(m),
            set_aside: false,
        })
        .collect();
    for d in &p.documents {
        validate_document(d, &p.tagset, &mut out);
    }
    out
}

/// What is wrong with an annotation's fragments on `d`'s text, in fragment
/// order: none at all, out of range, empty, covering other text than they
/// store, or overlapping (or out of order with) the one before. The one rule
/// for files (`validate`) and edits ([`super::Edit`]).
pub fn fragment_problems(d: &Document, fragments: &[Fragment]) -> Vec<ProblemKind> {
    let mut out = Vec::new();
    if fragments.is_empty() {
        out.push(ProblemKind::NoFragments);
    }
    let len = d.char_len();
    for (i, f) in fragments.iter().enumerate() {
        let range = f.range();
        if f.end > len || f.start > len {
            out.push(ProblemKind::OutOfRange { range, len });
        } else if f.start >= f.end {
            out.push(ProblemKind::EmptyFragment { range });
        } else {
            let actual = d.slice(range);
            if actual != f.text {
                out.push(ProblemKind::TextMismatch {
                    range,
                    stored: f.text.clone(),
                    actual: actual.to_string(),
                });
            }
        }
        if i > 0 && fragments[i - 1].end > f.start {
            out.push(ProblemKind::OverlappingFragments);
        }
    }
    out
}

/// Fragments (inside the text) that start or end inside a grapheme
/// cluster. Not part of [`fragment_problems`]: edits may still touch such a
/// span (relabel it, delete it); only new selections are kept whole.
fn cluster_splits(d: &Document, fragments: &[Fragment]) -> Vec<ProblemKind> {
    let (text, index) = (d.text(), d.text_index());
    let mut out = Vec::new();
    for f in fragments
        .iter()
        .filter(|f| f.start < f.end && f.end <= d.char_len())
    {
        for at in [f.start, f.end] {
            if let Some(cluster) = cluster_split_at(text, index, at) {
                out.push(ProblemKind::SplitCluster {
                    range: f.range(),
                    at,
                    cluster,
                    text: d.slice(cluster).to_string(),
                });
            }
        }
    }
    out
}

/// What [`validate`] finds in one document (the tag set's own problems
/// aside): a loader that holds documents apart can check them in parallel.
pub fn validate_one(d: &Document, tags: &TagSet) -> Vec<Problem> {
    let mut out = Vec::new();
    validate_document(d, tags, &mut out);
    out
}

fn validate_document(d: &Document, tags: &TagSet, out: &mut Vec<Problem>) {
    let mut push = |id: &str, kind| {
        out.push(Problem {
            document: d.id.clone(),
            id: Some(id.to_string()),
            kind,
            set_aside: false,
        });
    };
    for a in d.annotations_in_order() {
        for kind in fragment_problems(d, &a.fragments) {
            push(&a.id, kind);
        }
        for kind in cluster_splits(d, &a.fragments) {
            push(&a.id, kind);
        }
        match tags.label(&a.label) {
            None => push(&a.id, ProblemKind::UnknownLabel(a.label.clone())),
            Some(def) => {
                for (name, value) in &a.attributes {
                    match def.attributes.iter().find(|x| &x.name == name) {
                        None => push(
                            &a.id,
                            ProblemKind::UnknownAttribute {
                                label: a.label.clone(),
                                name: name.clone(),
                            },
                        ),
                        Some(x) if !x.values.is_empty() && !value.is_empty() && !x.values.contains(value) => {
                            push(
                                &a.id,
                                ProblemKind::BadAttributeValue {
                                    name: name.clone(),
                                    value: value.clone(),
                                    allowed: x.values.clone(),
                                },
                            )
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
    for r in d.relations() {
        let mut ends_ok = true;
        for end in [&r.from, &r.to] {
            if d.annotation(end).is_none() {
                push(&r.id, ProblemKind::MissingEndpoint(end.clone()));
                ends_ok = false;
            }
        }
        if let Some(def) = tags.relation(&r.kind) {
            for kind in relation_attribute_problems(r, &def.attributes) {
                push(&r.id, kind);
            }
        }
        match tags.relation(&r.kind) {
            None => push(&r.id, ProblemKind::UnknownRelationKind(r.kind.clone())),
            Some(def) if ends_ok => {
                let (fa, ta) = (d.annotation(&r.from), d.annotation(&r.to));
                if let (Some(fa), Some(ta)) = (fa, ta)
                    && (fa.label != def.from || ta.label != def.to)
                {
                    push(
                        &r.id,
                        ProblemKind::WrongEndpoints {
                            kind: r.kind.clone(),
                            from_label: fa.label.clone(),
                            to_label: ta.label.clone(),
                        },
                    );
                }
            }
            Some(_) => {}
        }
    }
}

/// A relation's attributes against its kind's definitions: one the kind
/// does not define, or a value outside a defined list (as for annotations).
fn relation_attribute_problems(r: &Relation, defs: &[AttributeDef]) -> Vec<ProblemKind> {
    let mut out = Vec::new();
    for (name, value) in &r.attributes {
        match defs.iter().find(|x| &x.name == name) {
            None => out.push(ProblemKind::UnknownRelationAttribute {
                kind: r.kind.clone(),
                name: name.clone(),
            }),
            Some(x) if !x.values.is_empty() && !value.is_empty() && !x.values.contains(value) => {
                out.push(ProblemKind::BadAttributeValue {
                    name: name.clone(),
                    value: value.clone(),
                    allowed: x.values.clone(),
                })
            }
            Some(_) => {}
        }
    }
    out
}
