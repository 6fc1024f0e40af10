//! What a dimension reads from a quote, its document and the register, and
//! how it is named and typed on the command line.

use crate::model::{Annotation, Document, People, Project, names};

use super::Dimension;

/// The row of quotes that have no value for a dimension.
pub const NOT_SET: &str = "(not set)";

/// The outlet of a document: `source.outlet`, else the attribute `outlet`.
pub(super) fn outlet(doc: &Document) -> Option<&str> {
    doc.source
        .as_ref()
        .map(|s| s.outlet.as_str())
        .filter(|o| !o.is_empty())
        .or_else(|| {
            doc.attributes()
                .get("outlet")
                .map(String::as_str)
                .filter(|o| !o.is_empty())
        })
}

/// The date of a document as given: `source.date`, else the attribute `date`.
pub(super) fn date(doc: &Document) -> Option<&str> {
    doc.source
        .as_ref()
        .map(|s| s.date.as_str())
        .filter(|d| !d.trim().is_empty())
        .or_else(|| {
            doc.attributes()
                .get("date")
                .map(String::as_str)
                .filter(|d| !d.trim().is_empty())
        })
}

/// The leading `YYYY-MM-DD` (or `YYYY-MM`) of a date such as
/// `2018-03-05T10:00:00Z`; `None` when it does not start like one.
pub(super) fn iso_prefix(date: &str, len: usize) -> Option<&str> {
    let d = date.trim();
    let head = d.get(..len)?;
    let ok = head.char_indices().all(|(i, c)| match i {
        4 | 7 => c == '-',
        _ => c.is_ascii_digit(),
    });
    // "2018-03-05" must not be read from "2018-03-051".
    let ends = d[len..].chars().next().is_none_or(|c| !c.is_ascii_digit());
    (ok && ends).then_some(head)
}

/// The month of a document, `YYYY-MM`.
pub(super) fn month(doc: &Document) -> Option<&str> {
    date(doc).and_then(|d| iso_prefix(d, 7))
}

/// What one quote's row is under `dim`; `None` for a person dimension when
/// the quote has no speaker (counted in `without_speaker` instead).
pub(super) fn key_of(
    dim: &Dimension,
    doc: &Document,
    quote: &Annotation,
    person: Option<&str>,
    people: &People,
) -> Option<String> {
    let v = match dim {
        Dimension::Person => return person.map(str::to_owned),
        Dimension::PersonAttribute(a) => {
            let p = person?;
            people
                .get(p)
                .and_then(|p| p.attribute(a))
                .filter(|v| !v.is_empty())
        }
        Dimension::DocumentAttribute(k) => doc.attribute(k),
        Dimension::Outlet => outlet(doc),
        Dimension::Month => month(doc),
        Dimension::Kind => quote.attribute(names::KIND),
    };
    Some(v.unwrap_or(NOT_SET).to_owned())
}

impl Dimension {
    /// The table's title.
    pub fn title(&self) -> String {
        match self {
            Dimension::Person => "Quotes per person".into(),
            Dimension::PersonAttribute(a) => format!("Quotes by the speaker's {a}"),
            Dimension::DocumentAttribute(k) => format!("Quotes by document {k}"),
            Dimension::Outlet => "Quotes per outlet".into(),
            Dimension::Month => "Quotes per month".into(),
            Dimension::Kind => "Direct and indirect quotes".into(),
        }
    }

    /// A short name for column heads and the command line: `person`,
    /// `person.gender`, `doc.section`, `outlet`, `month`, `kind`.
    pub fn name(&self) -> String {
        match self {
            Dimension::Person => "person".into(),
            Dimension::PersonAttribute(a) => format!("person.{a}"),
            Dimension::DocumentAttribute(k) => format!("doc.{k}"),
            Dimension::Outlet => "outlet".into(),
            Dimension::Month => "month".into(),
            Dimension::Kind => "kind".into(),
        }
    }

    /// Reads what a user typed after `--by`: `person`, `outlet`, `month`,
    /// `kind`, `person.ATTR`, `doc.ATTR`, or a bare attribute name, which is
    /// a person attribute when the projects' tag sets define it or a person
    /// of their registers carries it, and a document attribute otherwise.
    /// `None` for an empty name.
    pub fn parse(s: &str, projects: &[&Project]) -> Option<Dimension> {
        let s = s.trim();
        let d = match s.to_lowercase().as_str() {
            "" => return None,
            "person" | "people" | "speaker" => Dimension::Person,
            "outlet" => Dimension::Outlet,
            "month" => Dimension::Month,
            "kind" => Dimension::Kind,
            _ => {
                if let Some(a) = s.strip_prefix("person.").filter(|a| !a.is_empty()) {
                    Dimension::PersonAttribute(a.into())
                } else if let Some(k) = s.strip_prefix("doc.").filter(|k| !k.is_empty()) {
                    Dimension::DocumentAttribute(k.into())
                } else if is_person_attribute(s, projects) {
                    Dimension::PersonAttribute(s.into())
                } else {
                    Dimension::DocumentAttribute(s.into())
                }
            }
        };
        Some(d)
    }
}

fn is_person_attribute(name: &str, projects: &[&Project]) -> bool {
    projects.iter().any(|p| {
        p.tagset.person_attributes.iter().any(|a| a.name == name)
            || p.people.iter().any(|person| person.attributes.contains_key(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_prefixes_are_read_and_others_refused() {
        assert_eq!(iso_prefix("2018-03-05T10:00Z", 7), Some("2018-03"));
        assert_eq!(iso_prefix(" 2018-03-05 ", 10), Some("2018-03-05"));
        assert_eq!(iso_prefix("2018-3-5", 7), None);
        assert_eq!(iso_prefix("March 2018", 7), None);
        assert_eq!(iso_prefix("2018-03-051", 10), None);
        assert_eq!(iso_prefix("2018", 7), None);
        assert_eq!(iso_prefix("٢٠١٨-٠٣", 7), None);
    }

    #[test]
    fn names_parse_back() {
        let p = Project::default();
        for d in [
            Dimension::Person,
            Dimension::PersonAttribute("gender".into()),
            Dimension::DocumentAttribute("section".into()),
            Dimension::Outlet,
            Dimension::Month,
            Dimension::Kind,
        ] {
            assert_eq!(Dimension::parse(&d.name(), &[&p]), Some(d));
        }
        assert_eq!(
            Dimension::parse("section", &[&p]),
            Some(Dimension::DocumentAttribute("section".into()))
        );
        assert_eq!(Dimension::parse("  ", &[&p]), None);
    }
}
