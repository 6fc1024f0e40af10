//! The type system of an export: one span type per label, one relation type
//! per relation kind (and `NextPart` when an annotation is in fragments),
//! the features each needs, and `TypeSystem.xml` describing them.

use std::collections::{BTreeMap, BTreeSet};

use super::names::{TypeNames, escape_attr, feature};
use super::{CUSTOM_PACKAGE, METADATA_TYPE, NEXT_PART};
use crate::format::interchange::LabelMap;
use crate::model::Project;

/// One type of the export.
#[derive(Default)]
pub(super) struct Layer {
    /// Short name (after `webanno.custom.`).
    pub short: String,
    /// Attribute name -> feature name.
    pub features: BTreeMap<String, String>,
    /// A relation type: the short names of its Governor's and Dependent's
    /// types when every relation of the kind joins the same two labels,
    /// else `None` (any annotation).
    pub ends: Option<(Option<String>, Option<String>)>,
}

/// Every type of a project's export, by label and by relation kind (both
/// as written, after the label map).
#[derive(Default)]
pub(super) struct TypeSystem {
    pub spans: BTreeMap<String, Layer>,
    pub relations: BTreeMap<String, Layer>,
    /// Whether some annotation is in fragments (then `NextPart` exists).
    pub parts: bool,
    /// Names that had to change to be UIMA names.
    pub renamed: Vec<String>,
}

impl TypeSystem {
    pub fn of(project: &Project, map: &LabelMap) -> TypeSystem {
        let mut names = TypeNames::new(&[NEXT_PART]);
        let mut ts = TypeSystem::default();
        let mut renamed_features = BTreeSet::new();
        // Labels defined by the tag set come first, with every attribute it defines.
        for def in &project.tagset.labels {
            let label = map.map_back(&def.name).to_string();
            let layer = ts.spans.entry(label.clone()).or_default();
            layer.short = names.of(&label);
            for a in &def.attributes {
                layer.features.insert(a.name.clone(), feature(&a.name));
            }
        }
        let mut ends: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
        for doc in &project.documents {
            for a in doc.annotations() {
                ts.parts |= a.fragments.len() > 1;
                let label = map.map_back(&a.label).to_string();
                let layer = ts.spans.entry(label.clone()).or_default();
                if layer.short.is_empty() {
                    layer.short = names.of(&label);
                }
                for k in a.attributes.keys() {
                    layer.features.entry(k.clone()).or_insert_with(|| feature(k));
                }
            }
            for r in doc.relations() {
                let kind = map.map_back(&r.kind).to_string();
                let layer = ts.relations.entry(kind.clone()).or_default();
                if layer.short.is_empty() {
                    layer.short = names.of(&kind);
                }
                for k in r.attributes.keys() {
                    layer.features.entry(k.clone()).or_insert_with(|| feature(k));
                }
                let label = |id: &str| {
                    doc.annotation(id)
                        .map(|a| map.map_back(&a.label).to_string())
                        .unwrap_or_default()
                };
                ends.entry(kind)
                    .or_default()
                    .insert((label(&r.from), label(&r.to)));
            }
        }
        for (kind, pairs) in ends {
            let short = |label: &str| ts.spans.get(label).map(|l| l.short.clone());
            let e = match pairs.iter().collect::<Vec<_>>().as_slice() {
                [(from, to)] => (short(from), short(to)),
                _ => (None, None),
            };
            if let Some(layer) = ts.relations.get_mut(&kind) {
                layer.ends = Some(e);
            }
        }
        for layer in ts.spans.values().chain(ts.relations.values()) {
            for (a, f) in &layer.features {
                if a != f {
                    renamed_features.insert(format!("attribute {a:?} -> feature {f}"));
                }
            }
        }
        ts.renamed = names.renamed();
        ts.renamed.extend(renamed_features);
        ts
    }

    /// `TypeSystem.xml`.
    pub fn to_xml(&self) -> String {
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<typeSystemDescription xmlns=\"http://uima.apache.org/resourceSpecifier\">\n  <types>\n",
        );
        type_xml(
            &mut s,
            METADATA_TYPE,
            "uima.tcas.DocumentAnnotation",
            &[
                ("documentTitle", "uima.cas.String"),
                ("documentId", "uima.cas.String"),
            ],
        );
        for (label, layer) in &self.spans {
            let features: Vec<(&str, &str)> = layer
                .features
                .values()
                .map(|f| (f.as_str(), "uima.cas.String"))
                .collect();
            let name = format!("{CUSTOM_PACKAGE}.{}", layer.short);
            type_xml_described(&mut s, &name, "uima.tcas.Annotation", &features, label);
        }
        let range = |t: &Option<String>| {
            t.as_ref().map_or("uima.tcas.Annotation".to_string(), |t| {
                format!("{CUSTOM_PACKAGE}.{t}")
            })
        };
        let mut relations: Vec<(&str, &Layer)> =
            self.relations.iter().map(|(k, l)| (k.as_str(), l)).collect();
        let part = Layer {
            short: NEXT_PART.to_string(),
            ..Default::default()
        };
        if self.parts {
            relations.push(("the next part of a discontinuous annotation", &part));
        }
        for (kind, layer) in relations {
            let (g, d) = layer.ends.clone().unwrap_or_default();
            let (g, d) = (range(&g), range(&d));
            let mut features: Vec<(&str, &str)> = vec![("Governor", g.as_str()), ("Dependent", d.as_str())];
            features.extend(layer.features.values().map(|f| (f.as_str(), "uima.cas.String")));
            let name = format!("{CUSTOM_PACKAGE}.{}", layer.short);
            type_xml_described(&mut s, &name, "uima.tcas.Annotation", &features, kind);
        }
        s.push_str("  </types>\n</typeSystemDescription>\n");
        s
    }
}

fn type_xml(s: &mut String, name: &str, supertype: &str, features: &[(&str, &str)]) {
    type_xml_described(s, name, supertype, features, "");
}

fn type_xml_described(s: &mut String, name: &str, supertype: &str, features: &[(&str, &str)], what: &str) {
    let mut n = 0;
    let mut esc = |t: &str| {
        let mut o = String::new();
        escape_attr(t, &mut o, &mut n);
        o
    };
    s.push_str(&format!(
        "    <typeDescription>\n      <name>{}</name>\n      <description>{}</description>\n      <supertypeName>{supertype}</supertypeName>\n",
        esc(name),
        esc(what)
    ));
    if !features.is_empty() {
        s.push_str("      <features>\n");
        for (f, range) in features {
            s.push_str(&format!(
                "        <featureDescription>\n          <name>{}</name>\n          <description/>\n          <rangeTypeName>{}</rangeTypeName>\n        </featureDescription>\n",
                esc(f),
                esc(range)
            ));
        }
        s.push_str("      </features>\n");
    }
    s.push_str("    </typeDescription>\n");
}
