//! Which offsets an `.ann` counts: brat's own (a BOM and the CR of CRLF
//! counted) or, when the covered texts say so, the normalised text's.

use super::ann::Issues;
use super::parse::{Record, split_field};
use crate::format::interchange::NormalisedText;
use crate::model::{CharRange, Fragment, TextIndex};

/// Which offsets the file counts: brat's (BOM and CR counted) or, if the
/// covered texts say so, offsets already counted on the normalised text.
pub(super) struct Offsets<'a> {
    raw: &'a str,
    norm: &'a NormalisedText,
    raw_index: TextIndex,
    norm_index: TextIndex,
    use_raw: bool,
    /// The length of the text the offsets count.
    pub len: usize,
}

impl<'a> Offsets<'a> {
    pub(super) fn choose(
        raw: &'a str,
        norm: &'a NormalisedText,
        records: &[(usize, Record)],
        issues: &mut Issues,
    ) -> Self {
        let mut o = Offsets {
            raw,
            norm,
            raw_index: TextIndex::new(raw),
            norm_index: TextIndex::new(&norm.text),
            use_raw: true,
            len: 0,
        };
        if !norm.is_identity() {
            let (mut raw_hits, mut norm_hits) = (0, 0);
            for (_, r) in records {
                if let Record::Text {
                    fragments,
                    field: Some(f),
                    ..
                } = r
                {
                    raw_hits += usize::from(covered(&o.raw_index, raw, fragments) == *f);
                    norm_hits += usize::from(covered(&o.norm_index, &norm.text, fragments) == *f);
                }
            }
            if norm_hits > raw_hits {
                o.use_raw = false;
                issues.add(
                    None,
                    "note: the offsets count the text without its byte-order mark or CR line ends (not as brat counts); read that way because the covered texts match".to_string(),
                );
            }
        }
        o.len = if o.use_raw {
            o.raw_index.char_len()
        } else {
            o.norm_index.char_len()
        };
        o
    }

    /// The text the fragments cover, joined with spaces as brat's field is.
    pub(super) fn expected(&self, fragments: &[(usize, usize)]) -> String {
        if self.use_raw {
            covered(&self.raw_index, self.raw, fragments)
        } else {
            covered(&self.norm_index, &self.norm.text, fragments)
        }
    }

    /// The model's offset of an offset in the file.
    fn place(&self, o: usize) -> usize {
        if self.use_raw { self.norm.map(o) } else { o }
    }

    /// The model's fragments of a T line (out of the text: what the field said).
    pub(super) fn fragments(&self, fragments: &[(usize, usize)], field: Option<&str>) -> Vec<Fragment> {
        let field_parts = field.map(|f| split_field(f, fragments));
        fragments
            .iter()
            .enumerate()
            .map(|(k, &(s, e))| {
                let (start, end) = (self.place(s), self.place(e));
                let text = if e <= self.len {
                    self.norm_index
                        .slice(&self.norm.text, CharRange { start, end })
                        .to_string()
                } else {
                    field_parts
                        .as_ref()
                        .and_then(|p| p.get(k).cloned())
                        .unwrap_or_default()
                };
                Fragment { start, end, text }
            })
            .collect()
    }
}

fn covered(index: &TextIndex, text: &str, frags: &[(usize, usize)]) -> String {
    let parts: Vec<&str> = frags
        .iter()
        .map(|&(s, e)| index.slice(text, CharRange { start: s, end: e }))
        .collect();
    parts.join(" ")
}
