//! Placing a span read from another tool's JSON on its text: offsets in
//! code points (what Label Studio, Citron and the Gender Gap Tracker
//! write), checked against the text the file says the span covers; where
//! that text is found at the offsets read as UTF-16 code units instead (older
//! Label Studio exports, JavaScript tools), those are used and it is said.

use super::NormalisedText;
use crate::model::{CharRange, Fragment, TextIndex};

/// The raw text of a record and its normalised form, indexed once.
pub(crate) struct Placer<'a> {
    raw: &'a str,
    raw_index: TextIndex,
    norm: &'a NormalisedText,
    norm_index: TextIndex,
    /// The char offset of each UTF-16 offset that starts a char, built on
    /// first need.
    utf16: std::cell::OnceCell<Vec<usize>>,
}

/// A span placed, and what was done to place it.
pub(crate) struct Placed {
    pub fragment: Fragment,
    pub note: Option<String>,
}

impl<'a> Placer<'a> {
    pub fn new(raw: &'a str, norm: &'a NormalisedText) -> Self {
        Placer {
            raw,
            raw_index: TextIndex::new(raw),
            norm,
            norm_index: TextIndex::new(&norm.text),
            utf16: std::cell::OnceCell::new(),
        }
    }

    fn utf16_to_char(&self, u: usize) -> Option<usize> {
        let table = self.utf16.get_or_init(|| {
            let mut t = Vec::with_capacity(self.raw.len() + 1);
            for (i, c) in self.raw.chars().enumerate() {
                t.push(i);
                if c.len_utf16() == 2 {
                    t.push(usize::MAX); // the middle of a surrogate pair
                }
            }
            t.push(self.raw_index.char_len());
            t
        });
        table.get(u).copied().filter(|&c| c != usize::MAX)
    }

    /// Places `start..end` (code points of the raw text). `said` is the text
    /// the file says the span covers, if it says. An error says why the span
    /// cannot be placed at all.
    pub fn place(&self, start: usize, end: usize, said: Option<&str>) -> Result<Placed, String> {
        if start > end {
            return Err(format!("span {start}..{end} ends before it starts"));
        }
        let len = self.raw_index.char_len();
        let fits = end <= len;
        let at = |s: usize, e: usize| self.raw_index.slice(self.raw, CharRange::new(s, e));
        let mut note = None;
        let (mut s, mut e) = (start, end);
        if let Some(said) = said {
            let matches = fits && at(start, end) == said;
            if !matches {
                match (self.utf16_to_char(start), self.utf16_to_char(end)) {
                    (Some(s16), Some(e16)) if s16 <= e16 && at(s16, e16) == said => {
                        note = Some(format!(
                            "span {start}..{end} counts UTF-16 code units (the text {said:?} is there in those units); read as chars {s16}..{e16}"
                        ));
                        (s, e) = (s16, e16);
                    }
                    _ if fits => {
                        note = Some(format!(
                            "span {start}..{end} says it covers {said:?} but the text there is {:?}; the offsets were kept",
                            at(start, end)
                        ));
                    }
                    _ => {}
                }
            }
        }
        if e > len {
            return Err(format!(
                "span {start}..{end} runs past the end of the text ({len} chars)"
            ));
        }
        let (ns, ne) = (self.norm.map(s), self.norm.map(e));
        let text = self
            .norm_index
            .slice(&self.norm.text, CharRange { start: ns, end: ne })
            .to_string();
        Ok(Placed {
            fragment: Fragment {
                start: ns,
                end: ne,
                text,
            },
            note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_first_then_utf16_when_the_text_says_so() {
        let raw = "😀 a “b” 東京";
        let norm = NormalisedText::new(raw);
        let p = Placer::new(raw, &norm);
        // In chars "東京" is 8..10; in UTF-16 (the emoji counts twice) 9..11.
        let ok = p.place(8, 10, Some("東京")).expect("chars");
        assert_eq!((ok.fragment.start, ok.fragment.end), (8, 10));
        assert!(ok.note.is_none());
        let u = p.place(9, 11, Some("東京")).expect("utf-16");
        assert_eq!(
            (u.fragment.start, u.fragment.end, u.fragment.text.as_str()),
            (8, 10, "東京")
        );
        assert!(u.note.as_deref().is_some_and(|n| n.contains("UTF-16")));
        let wrong = p.place(0, 1, Some("x")).expect("kept");
        assert!(
            wrong
                .note
                .as_deref()
                .is_some_and(|n| n.contains("offsets were kept"))
        );
        assert!(p.place(5, 99, None).is_err());
        assert!(p.place(3, 2, None).is_err());
    }

    #[test]
    fn crlf_is_mapped_onto_the_normalised_text() {
        let raw = "a\r\nb c";
        let norm = NormalisedText::new(raw);
        let p = Placer::new(raw, &norm);
        let f = p.place(3, 6, Some("b c")).expect("placed").fragment;
        assert_eq!((f.start, f.end, f.text.as_str()), (2, 5, "b c"));
    }
}
