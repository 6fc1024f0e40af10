//! Renaming labels between another tool's names and ours, and PolNeAR's
//! map, written once here: the command line's `polnear` item, the dialogs'
//! PolNeAR button and its tooltip all read [`POLNEAR`].

use std::path::PathBuf;

use thiserror::Error;

/// Why a label map was not understood.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum LabelMapError {
    /// An item without `=`, or with nothing on one side of it.
    #[error("label mapping {item:?} is not of the form FROM=TO (e.g. Source=Speaker)")]
    NotFromTo { item: String },
}

/// PolNeAR's labels onto ours, `(FROM, TO)`.
pub const POLNEAR: [(&str, &str); 3] = [("Source", "Speaker"), ("Content", "Quote"), ("Cue", "Cue")];

/// Renames labels (and relation kinds) on import, `FROM=TO` with FROM the
/// other tool's name; export applies it backwards.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelMap {
    pub pairs: Vec<(String, String)>,
}

impl LabelMap {
    /// Parses `FROM=TO` items; the item `polnear` stands for [`LabelMap::polnear`].
    pub fn parse(items: &[String]) -> Result<Self, LabelMapError> {
        let mut pairs = Vec::new();
        for item in items {
            if item.trim().eq_ignore_ascii_case("polnear") {
                pairs.extend(Self::polnear().pairs);
                continue;
            }
            match item.split_once('=') {
                Some((from, to)) if !from.trim().is_empty() && !to.trim().is_empty() => {
                    pairs.push((from.trim().to_string(), to.trim().to_string()))
                }
                _ => return Err(LabelMapError::NotFromTo { item: item.clone() }),
            }
        }
        Ok(LabelMap { pairs })
    }

    /// A dialog's label map field: items separated by commas or lines, as
    /// [`LabelMap::parse`] reads them.
    pub fn parse_field(field: &str) -> Result<Self, LabelMapError> {
        let items: Vec<String> = field
            .split([',', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        Self::parse(&items)
    }

    /// PolNeAR's labels onto ours: [`POLNEAR`].
    pub fn polnear() -> Self {
        LabelMap {
            pairs: POLNEAR
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        }
    }

    /// The map as a dialog's field shows it: `Source=Speaker, Content=Quote, Cue=Cue`.
    pub fn to_field(&self) -> String {
        self.pairs
            .iter()
            .map(|(a, b)| format!("{a}={b}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The name `label` takes on import (itself when not mapped).
    pub fn map<'a>(&'a self, label: &'a str) -> &'a str {
        self.pairs
            .iter()
            .find(|(from, _)| from == label)
            .map_or(label, |(_, to)| to.as_str())
    }

    /// The name `label` takes on export: the first FROM mapped onto it.
    pub fn map_back<'a>(&'a self, label: &'a str) -> &'a str {
        self.pairs
            .iter()
            .find(|(_, to)| to == label)
            .map_or(label, |(from, _)| from.as_str())
    }
}

/// A dialog's paths field: one path a line, blank lines left out.
pub fn paths_field(field: &str) -> Vec<PathBuf> {
    field
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_map_parses_maps_and_maps_back() {
        let m = LabelMap::parse(&["Source=Speaker".into(), " Content = Quote ".into()]).expect("parse");
        assert_eq!(m.map("Source"), "Speaker");
        assert_eq!(m.map("Content"), "Quote");
        assert_eq!(m.map("Other"), "Other");
        assert_eq!(m.map_back("Quote"), "Content");
        assert_eq!(
            LabelMap::parse(&["Source".into()]),
            Err(LabelMapError::NotFromTo {
                item: "Source".into()
            })
        );
        assert!(LabelMap::parse(&["=Quote".into()]).is_err());
        assert_eq!(
            LabelMap::parse(&["polnear".into()]).expect("preset"),
            LabelMap::polnear()
        );
    }

    #[test]
    fn the_polnear_field_parses_back_to_the_map() {
        let field = LabelMap::polnear().to_field();
        assert_eq!(field, "Source=Speaker, Content=Quote, Cue=Cue");
        let items: Vec<String> = field.split(',').map(String::from).collect();
        assert_eq!(LabelMap::parse(&items).expect("parse"), LabelMap::polnear());
    }
}
