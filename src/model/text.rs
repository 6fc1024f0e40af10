//! Character offsets and the char <-> byte conversion.
//!
//! All offsets in the model and in our files count Unicode scalar values (Rust
//! `char`s), half-open. egui lays out by bytes, so the view converts at its
//! boundary through a [`TextIndex`]; nothing else should count bytes.

use serde::{Deserialize, Serialize};

/// A half-open range of character offsets `[start, end)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CharRange {
    pub start: usize,
    pub end: usize,
}

impl CharRange {
    pub fn new(a: usize, b: usize) -> Self {
        Self {
            start: a.min(b),
            end: a.max(b),
        }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn overlaps(&self, other: &CharRange) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    pub fn intersection(&self, other: &CharRange) -> Option<CharRange> {
        let r = CharRange {
            start: self.start.max(other.start),
            end: self.end.min(other.end),
        };
        (!r.is_empty()).then_some(r)
    }
}

/// Checkpoints every `STRIDE` chars make char -> byte O(STRIDE) and
/// byte -> char O(log n + STRIDE) with 1/16 of the memory of a full table.
const STRIDE: usize = 64;

/// Converts between char offsets and byte offsets of one text.
#[derive(Clone, Debug, Default)]
pub struct TextIndex {
    /// Byte offset of char `i * STRIDE`.
    checkpoints: Vec<usize>,
    char_len: usize,
    byte_len: usize,
    ascii: bool,
}

impl TextIndex {
    pub fn new(text: &str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        let mut char_len = text.len();
        if !ascii {
            char_len = 0;
            for (i, (b, _)) in text.char_indices().enumerate() {
                if i % STRIDE == 0 {
                    checkpoints.push(b);
                }
                char_len = i + 1;
            }
        }
        Self {
            checkpoints,
            char_len,
            byte_len: text.len(),
            ascii,
        }
    }

    /// Number of chars in the text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of char offset `c` (clamped to the end of the text).
    pub fn char_to_byte(&self, text: &str, c: usize) -> usize {
        if c >= self.char_len {
            return self.byte_len;
        }
        if self.ascii {
            return c;
        }
        let base = self.checkpoints[c / STRIDE];
        let rest = c % STRIDE;
        match text[base..].char_indices().nth(rest) {
            Some((b, _)) => base + b,
            None => self.byte_len,
        }
    }

    /// Char offset of byte offset `b`; a byte inside a char maps to that char.
    pub fn byte_to_char(&self, text: &str, b: usize) -> usize {
        if b >= self.byte_len {
            return self.char_len;
        }
        if self.ascii {
            return b;
        }
        let block = self.checkpoints.partition_point(|&cp| cp <= b).saturating_sub(1);
        let base = self.checkpoints[block];
        block * STRIDE
            + text[base..]
                .char_indices()
                .take_while(|(i, _)| base + i < b)
                .count()
            - usize::from(!text.is_char_boundary(b))
    }

    /// The text of a char range (clamped to the text).
    pub fn slice<'a>(&self, text: &'a str, r: CharRange) -> &'a str {
        let s = self.char_to_byte(text, r.start);
        let e = self.char_to_byte(text, r.end.max(r.start));
        &text[s..e]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_all(text: &str) {
        let idx = TextIndex::new(text);
        assert_eq!(idx.char_len(), text.chars().count());
        for (c, (b, ch)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_to_byte(text, c), b, "char {c} in {text:?}");
            assert_eq!(idx.byte_to_char(text, b), c);
            for inner in 1..ch.len_utf8() {
                assert_eq!(idx.byte_to_char(text, b + inner), c, "inside char {c}");
            }
        }
        assert_eq!(idx.char_to_byte(text, idx.char_len()), text.len());
        assert_eq!(idx.byte_to_char(text, text.len()), idx.char_len());
    }

    #[test]
    fn ascii_emoji_cjk_combining_rtl() {
        check_all("plain ascii text");
        check_all("“Curly” quotes ‘and’ apostrophes’");
        check_all("emoji 👩‍👩‍👧 and 🇬🇧 flags 😀");
        check_all("中文字符和日本語のテキスト");
        check_all("e\u{301}le\u{300}ve combining");
        check_all("مرحبا بالعالم עברית mixed LTR");
        let long: String = "ab😀中\u{301}".repeat(500);
        check_all(&long);
    }

    #[test]
    fn slice_counts_chars_not_bytes() {
        let text = "😀 “hi” 中文";
        let idx = TextIndex::new(text);
        assert_eq!(idx.slice(text, CharRange::new(2, 6)), "“hi”");
        assert_eq!(idx.slice(text, CharRange::new(7, 9)), "中文");
        assert_eq!(idx.slice(text, CharRange::new(7, 99)), "中文");
    }

    #[test]
    fn ranges() {
        let a = CharRange::new(5, 2);
        assert_eq!(a, CharRange { start: 2, end: 5 });
        assert!(a.overlaps(&CharRange::new(4, 9)));
        assert!(!a.overlaps(&CharRange::new(5, 9)));
        assert_eq!(a.intersection(&CharRange::new(4, 9)), Some(CharRange::new(4, 5)));
    }
}

/// Widens `range` to whole words (Unicode word boundaries) and trims
/// surrounding white space, the way a mouse selection of words should land;
/// never inside a grapheme cluster.
pub fn snap_to_words(text: &str, index: &TextIndex, range: CharRange) -> CharRange {
    use unicode_segmentation::UnicodeSegmentation;
    if range.is_empty() {
        return super::graphemes::snap_to_clusters(text, index, range);
    }
    // Look at a window around the ends only: the text may be a whole book.
    let win = CharRange {
        start: range.start.saturating_sub(64),
        end: (range.end + 64).min(index.char_len()),
    };
    let wb = index.char_to_byte(text, win.start);
    let we = index.char_to_byte(text, win.end);
    let window = &text[wb..we];
    let (sb, eb) = (
        index.char_to_byte(text, range.start),
        index.char_to_byte(text, range.end),
    );
    let mut start = sb;
    let mut end = eb;
    for (i, w) in window.split_word_bound_indices() {
        let (ws, we2) = (wb + i, wb + i + w.len());
        let is_word = w.chars().any(char::is_alphanumeric);
        if is_word && ws < sb && sb < we2 {
            start = ws;
        }
        if is_word && ws < eb && eb < we2 {
            end = we2;
        }
    }
    let snapped = &text[start..end];
    let trimmed_start = start + (snapped.len() - snapped.trim_start().len());
    let trimmed_end = end - (snapped.len() - snapped.trim_end().len());
    let words = if trimmed_start >= trimmed_end {
        range
    } else {
        CharRange {
            start: index.byte_to_char(text, trimmed_start),
            end: index.byte_to_char(text, trimmed_end),
        }
    };
    // Word bounds never cut a cluster, but an end left in an emoji (not a
    // word) or a trimmed space before a combining mark could.
    super::graphemes::snap_to_clusters(text, index, words)
}

#[cfg(test)]
mod snap_tests {
    use super::*;

    fn snap(text: &str, a: usize, b: usize) -> String {
        let idx = TextIndex::new(text);
        idx.slice(text, snap_to_words(text, &idx, CharRange::new(a, b)))
            .to_string()
    }

    #[test]
    fn snaps_to_whole_words() {
        let t = "Ms Dick said “a very high proportion” of killings";
        assert_eq!(snap(t, 5, 10), "Dick said");
        assert_eq!(snap(t, 14, 20), "a very");
        assert_eq!(snap(t, 2, 4), "Dick");
        assert_eq!(
            snap("😀 中文 e\u{301}le\u{300}ve ok", 3, 7),
            "文 e\u{301}le\u{300}ve"
        );
        assert_eq!(snap("שלום עולם", 1, 2), "שלום");
    }

    #[test]
    fn word_snapping_never_cuts_an_emoji_or_a_flag() {
        let t = "we 👩\u{200d}👩\u{200d}👧 saw 🇩🇪 flags";
        assert_eq!(snap(t, 4, 10), "👩\u{200d}👩\u{200d}👧 saw");
        assert_eq!(snap(t, 2, 5), "👩\u{200d}👩\u{200d}👧");
        assert_eq!(snap(t, 14, 17), "🇩🇪 flags");
    }
}
