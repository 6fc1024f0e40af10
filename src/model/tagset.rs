//! The tag set: labels (with colour, one-key shortcut and attributes) and the
//! relation kinds between them. It lives in the project file.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeDef {
    pub name: String,
    /// The allowed values; empty means free text.
    #[serde(default)]
    pub values: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelDef {
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
    /// One lower-case letter or digit pressed to tag the selection; empty for none.
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub attributes: Vec<AttributeDef>,
}

impl LabelDef {
    pub fn rgb(&self) -> [u8; 3] {
        parse_color(&self.color).unwrap_or([128, 128, 128])
    }
    pub fn key_char(&self) -> Option<char> {
        let mut chars = self.key.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c.to_ascii_lowercase()),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationDef {
    pub name: String,
    pub from: String,
    pub to: String,
    /// Attributes a relation of this kind may carry, like a label's
    /// (format version 3); absent from the file when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<AttributeDef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagSet {
    pub labels: Vec<LabelDef>,
    #[serde(default)]
    pub relations: Vec<RelationDef>,
    /// Attributes each person of the register may carry (gender, role,
    /// party, ...; format version 4); absent from the file when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub person_attributes: Vec<AttributeDef>,
}

/// Names the rest of the program relies on in the default scheme.
pub mod names {
    pub const QUOTE: &str = "Quote";
    pub const SPEAKER: &str = "Speaker";
    pub const CUE: &str = "Cue";
    pub const CLAIM: &str = "Claim";
    pub const SAID_BY: &str = "said_by";
    pub const CUE_OF: &str = "cue_of";
    pub const PERSON: &str = "person";
    pub const KIND: &str = "kind";
    pub const CHECK_WORTHY: &str = "check_worthy";
}

impl Default for TagSet {
    fn default() -> Self {
        use names::*;
        let attr = |name: &str, values: &[&str]| AttributeDef {
            name: name.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        };
        let label = |name: &str, color: &str, key: &str, attributes| LabelDef {
            name: name.into(),
            color: color.into(),
            key: key.into(),
            attributes,
        };
        TagSet {
            labels: vec![
                label(
                    QUOTE,
                    "#e0a030",
                    "q",
                    vec![attr(KIND, &["direct", "indirect", "mixed"])],
                ),
                label(SPEAKER, "#4a90d9", "s", vec![attr(PERSON, &[])]),
                label(CUE, "#50b060", "c", vec![]),
                label(CLAIM, "#c04ccf", "l", vec![attr(CHECK_WORTHY, &["yes", "no"])]),
            ],
            relations: vec![
                RelationDef {
                    name: SAID_BY.into(),
                    from: QUOTE.into(),
                    to: SPEAKER.into(),
                    attributes: vec![],
                },
                RelationDef {
                    name: CUE_OF.into(),
                    from: CUE.into(),
                    to: QUOTE.into(),
                    attributes: vec![],
                },
            ],
            // What a source audit counts by (issue 14); users add more.
            person_attributes: vec![
                attr("gender", &["woman", "man", "non-binary", "unknown"]),
                attr("role", &[]),
            ],
        }
    }
}

impl TagSet {
    pub fn label(&self, name: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.name == name)
    }
    pub fn relation(&self, name: &str) -> Option<&RelationDef> {
        self.relations.iter().find(|r| r.name == name)
    }
    /// The relation kind that links `from_label` to `to_label`, if any.
    pub fn relation_between(&self, from_label: &str, to_label: &str) -> Option<&RelationDef> {
        self.relations
            .iter()
            .find(|r| r.from == from_label && r.to == to_label)
    }
    /// Problems with the tag set itself: duplicate names or keys, bad colours.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, l) in self.labels.iter().enumerate() {
            if l.name.trim().is_empty() {
                out.push(format!("label #{} has no name", i + 1));
            }
            if self.labels[..i].iter().any(|o| o.name == l.name) {
                out.push(format!("label \"{}\" is defined twice", l.name));
            }
            if parse_color(&l.color).is_none() {
                out.push(format!(
                    "label \"{}\" has colour \"{}\", expected #rrggbb",
                    l.name, l.color
                ));
            }
            if !l.key.is_empty() && l.key_char().is_none() {
                out.push(format!(
                    "label \"{}\" has key \"{}\", expected one character",
                    l.name, l.key
                ));
            }
            if let Some(k) = l.key_char()
                && self.labels[..i].iter().any(|o| o.key_char() == Some(k))
            {
                out.push(format!("key \"{k}\" is used by two labels"));
            }
        }
        for r in &self.relations {
            for end in [&r.from, &r.to] {
                if self.label(end).is_none() {
                    out.push(format!(
                        "relation \"{}\" refers to unknown label \"{end}\"",
                        r.name
                    ));
                }
            }
        }
        out
    }
}

/// Parses `#rrggbb`.
pub fn parse_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_tagset_is_clean() {
        let t = TagSet::default();
        assert!(t.problems().is_empty(), "{:?}", t.problems());
        assert_eq!(t.labels[0].key_char(), Some('q'));
        assert_eq!(
            t.relation_between("Quote", "Speaker").map(|r| r.name.as_str()),
            Some("said_by")
        );
    }

    #[test]
    fn problems_are_found() {
        let mut t = TagSet::default();
        t.labels[1].key = "q".into();
        t.labels[2].color = "green".into();
        let p = t.problems();
        assert!(p.iter().any(|m| m.contains("key \"q\"")), "{p:?}");
        assert!(p.iter().any(|m| m.contains("green")), "{p:?}");
    }

    #[test]
    fn colours() {
        assert_eq!(parse_color("#ff8000"), Some([255, 128, 0]));
        assert_eq!(parse_color("ff8000"), None);
        assert_eq!(parse_color("#ff80"), None);
        assert_eq!(parse_color("#ééé"), None);
    }
}
