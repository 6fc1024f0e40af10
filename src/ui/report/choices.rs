//! The values the report's filters and dimension choice offer, gathered
//! from the project when its revision changes (not per frame).

use std::collections::BTreeSet;

use crate::model::Project;
use crate::report::Dimension;

/// The document attributes that have a dimension of their own
/// ([`Dimension::Outlet`], [`Dimension::Month`]) and are not offered twice.
const OWN_DIMENSION: [&str; 2] = ["outlet", "date"];

/// What the filters can pick from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    /// The outlets of the documents (`source.outlet`, else the `outlet` attribute).
    pub outlets: Vec<String>,
    /// The tag set's labels.
    pub labels: Vec<String>,
    /// The project's annotator and every annotator named in a provenance.
    pub annotators: Vec<String>,
    /// The person attributes of the tag set.
    pub person_attributes: Vec<String>,
    /// The document attribute keys (but `outlet` and `date`).
    pub document_attributes: Vec<String>,
}

impl Choices {
    pub fn of(project: &Project) -> Self {
        let mut outlets = BTreeSet::new();
        let mut annotators = BTreeSet::new();
        let mut keys = BTreeSet::new();
        if !project.annotator.is_empty() {
            annotators.insert(project.annotator.clone());
        }
        for d in &project.documents {
            let outlet = d
                .source
                .as_ref()
                .map(|s| s.outlet.as_str())
                .filter(|o| !o.is_empty())
                .or_else(|| d.attribute("outlet"));
            if let Some(o) = outlet.filter(|o| !o.is_empty()) {
                outlets.insert(o.to_owned());
            }
            for k in d.attributes().keys() {
                if !OWN_DIMENSION.contains(&k.as_str()) {
                    keys.insert(k.clone());
                }
            }
            for a in d.annotations() {
                annotators.extend(a.annotators.iter().cloned());
            }
        }
        Self {
            outlets: outlets.into_iter().collect(),
            labels: project.tagset.labels.iter().map(|l| l.name.clone()).collect(),
            annotators: annotators.into_iter().collect(),
            person_attributes: project
                .tagset
                .person_attributes
                .iter()
                .map(|a| a.name.clone())
                .collect(),
            document_attributes: keys.into_iter().collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Every dimension the project offers, in the order the window lists them.
    pub fn dimensions(&self) -> Vec<Dimension> {
        let mut all = vec![Dimension::Person];
        all.extend(
            self.person_attributes
                .iter()
                .cloned()
                .map(Dimension::PersonAttribute),
        );
        all.extend([Dimension::Kind, Dimension::Outlet, Dimension::Month]);
        all.extend(
            self.document_attributes
                .iter()
                .cloned()
                .map(Dimension::DocumentAttribute),
        );
        all
    }

    /// What a new report counts by: person, each person attribute, kind,
    /// outlet and month.
    pub fn default_dimensions(&self) -> Vec<Dimension> {
        let mut by = vec![Dimension::Person];
        by.extend(
            self.person_attributes
                .iter()
                .cloned()
                .map(Dimension::PersonAttribute),
        );
        by.extend([Dimension::Kind, Dimension::Outlet, Dimension::Month]);
        by
    }
}

/// A dimension's name in the window.
pub fn dimension_name(d: &Dimension) -> String {
    match d {
        Dimension::Person => "Person".to_owned(),
        Dimension::PersonAttribute(a) => format!("Person: {a}"),
        Dimension::DocumentAttribute(k) => format!("Document: {k}"),
        Dimension::Outlet => "Outlet".to_owned(),
        Dimension::Month => "Month".to_owned(),
        Dimension::Kind => "Kind (direct / indirect)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AttributeDef;

    #[test]
    fn the_sample_offers_its_outlet_labels_annotator_and_person_attributes() {
        let mut p = crate::format::parse_project(crate::SAMPLE_PROJECT, "sample.qb.ron")
            .expect("sample")
            .project;
        p.tagset.person_attributes.push(AttributeDef {
            name: "gender".into(),
            values: vec!["female".into(), "male".into()],
        });
        let c = Choices::of(&p);
        assert_eq!(c.outlets, vec!["The Independent".to_owned()]);
        assert_eq!(c.labels, vec!["Quote", "Speaker", "Cue", "Claim"]);
        assert_eq!(c.annotators, vec!["quotebench-sample".to_owned()]);
        assert_eq!(c.person_attributes, vec!["gender".to_owned()]);
        assert!(c.document_attributes.iter().all(|k| k != "outlet" && k != "date"));
        assert_eq!(
            c.default_dimensions(),
            vec![
                Dimension::Person,
                Dimension::PersonAttribute("gender".into()),
                Dimension::Kind,
                Dimension::Outlet,
                Dimension::Month
            ]
        );
        assert!(Choices::default().is_empty());
        assert!(!c.is_empty());
    }
}
