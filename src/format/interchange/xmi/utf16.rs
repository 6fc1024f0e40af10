//! Chars (the model's offsets) to UTF-16 code units (XMI's, as Java counts)
//! and back, exactly: a char outside the Basic Multilingual Plane (most
//! emoji, rare CJK) counts twice; combining marks and CJK of the BMP once.

/// The UTF-16 offset of every char boundary of one text.
pub(super) struct Utf16Offsets {
    /// `units[i]`: the UTF-16 offset of char `i`; one more for the end.
    units: Vec<usize>,
}

/// A UTF-16 offset that is no char boundary of the text.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Utf16Error {
    /// Past the end of the text (of `len` units).
    PastEnd { len: usize },
    /// Between the two halves of a surrogate pair (inside one char).
    InsideChar,
}

impl Utf16Offsets {
    pub fn new(text: &str) -> Self {
        let mut units = Vec::with_capacity(text.len() + 1);
        let mut at = 0;
        for c in text.chars() {
            units.push(at);
            at += c.len_utf16();
        }
        units.push(at);
        Utf16Offsets { units }
    }

    /// The text's length in UTF-16 code units.
    pub fn len(&self) -> usize {
        self.units.last().copied().unwrap_or(0)
    }

    /// The UTF-16 offset of char offset `c` (clamped to the end).
    pub fn of_char(&self, c: usize) -> usize {
        self.units.get(c).copied().unwrap_or_else(|| self.len())
    }

    /// The char offset of UTF-16 offset `u`, when it is a char boundary.
    pub fn to_char(&self, u: usize) -> Result<usize, Utf16Error> {
        if u > self.len() {
            return Err(Utf16Error::PastEnd { len: self.len() });
        }
        self.units.binary_search(&u).map_err(|_| Utf16Error::InsideChar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn astral_chars_count_twice_and_bmp_once() {
        // e + combining acute, CJK, a family emoji (3 astral + 2 ZWJ), an astral ideograph.
        let t = "e\u{301}東京👩\u{200d}👩\u{200d}👧𠀋!";
        let o = Utf16Offsets::new(t);
        assert_eq!(o.len(), t.encode_utf16().count());
        assert_eq!(o.len(), 2 + 2 + 8 + 2 + 1);
        for (i, (b, _)) in t.char_indices().enumerate() {
            let u = t[..b].encode_utf16().count();
            assert_eq!(o.of_char(i), u);
            assert_eq!(o.to_char(u), Ok(i));
        }
        // Inside the first woman (chars 4..5, units 4..6).
        assert_eq!(o.to_char(5), Err(Utf16Error::InsideChar));
        assert_eq!(o.to_char(o.len() + 1), Err(Utf16Error::PastEnd { len: 15 }));
        assert_eq!(o.to_char(o.len()), Ok(t.chars().count()));
    }
}
