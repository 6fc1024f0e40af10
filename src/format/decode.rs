//! The one text decoder: every text file Quotebench reads (articles, project
//! and recovery files, brat `.txt` / `.ann`, JSONL, lock files) goes through
//! [`decode_text`], so UTF-8, the byte-order mark, line ends and the
//! Windows-1252 fallback behave the same everywhere.
//!
//! What differs between callers is said in a [`Decoding`]: whether a BOM is
//! dropped (brat keeps it: its offsets count it), whether CR / CRLF become
//! LF (articles: char offsets count exactly what the view shows), and what
//! happens to bytes that are not UTF-8 (an error naming the byte offset, a
//! Windows-1252 reading, or U+FFFD). Offsets in errors and in
//! [`DecodedText::not_utf8_at`] are byte offsets in the file, BOM included.

use std::path::Path;

use super::error::FormatError;
use super::project_file::read_bytes;

/// The encoding a text is read in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum TextEncoding {
    #[default]
    #[value(name = "utf-8")]
    Utf8,
    /// Windows-1252, a superset of Latin-1 for printable text.
    #[value(name = "windows-1252")]
    Windows1252,
}

/// What to do with bytes that are not UTF-8 when UTF-8 was asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvalidUtf8 {
    /// [`FormatError::NotUtf8`] with the byte offset (the window then offers
    /// Windows-1252, see [`FormatError::hint`]).
    Fail,
    /// Read the whole file as Windows-1252 and say where UTF-8 failed.
    Windows1252,
    /// Replace the invalid bytes with U+FFFD and say where the first was.
    Replace,
}

/// How to read a text file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decoding {
    pub encoding: TextEncoding,
    /// Drop a UTF-8 byte-order mark (otherwise it is kept as U+FEFF).
    pub strip_bom: bool,
    /// Make CRLF and lone CR line ends LF, with a note saying how many.
    pub line_ends_to_lf: bool,
    pub not_utf8: InvalidUtf8,
}

impl Decoding {
    /// Data files of ours and others' (project, recovery, JSONL, brat
    /// `.ann`): BOM dropped, line ends as they are, UTF-8 or an error.
    pub const DATA: Decoding = Decoding {
        encoding: TextEncoding::Utf8,
        strip_bom: true,
        line_ends_to_lf: false,
        not_utf8: InvalidUtf8::Fail,
    };

    /// An article to annotate, in `encoding`: BOM dropped, line ends LF.
    pub const fn article(encoding: TextEncoding) -> Decoding {
        Decoding {
            encoding,
            strip_bom: true,
            line_ends_to_lf: true,
            not_utf8: InvalidUtf8::Fail,
        }
    }

    /// The same, with another answer to bytes that are not UTF-8.
    pub const fn or_else(self, not_utf8: InvalidUtf8) -> Decoding {
        Decoding { not_utf8, ..self }
    }
}

/// A decoded text and what was done to it on the way in.
#[derive(Debug, PartialEq, Eq)]
pub struct DecodedText {
    pub text: String,
    /// e.g. "converted 12 CRLF line ends to LF", "read as Windows-1252".
    pub notes: Vec<String>,
    /// Where UTF-8 failed (byte offset in the file), when [`InvalidUtf8`] was
    /// not `Fail` and the text was read another way.
    pub not_utf8_at: Option<usize>,
}

/// Reads and decodes the file `path` (refusing huge files, see [`read_bytes`]).
pub fn read_text(path: &Path, how: Decoding) -> Result<DecodedText, FormatError> {
    let bytes = read_bytes(path)?;
    decode_text(&bytes, how, &path.display().to_string())
}

/// Decodes `bytes` (of the file shown as `path` in errors) as `how` says.
pub fn decode_text(bytes: &[u8], how: Decoding, path: &str) -> Result<DecodedText, FormatError> {
    let mut notes = Vec::new();
    let mut not_utf8_at = None;
    let text = match how.encoding {
        TextEncoding::Utf8 => {
            let body = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
                Some(body) if how.strip_bom => body,
                _ => bytes,
            };
            let bom = bytes.len() - body.len();
            match std::str::from_utf8(body) {
                Ok(s) => s.to_string(),
                Err(e) => {
                    let offset = bom + e.valid_up_to();
                    match how.not_utf8 {
                        InvalidUtf8::Fail => {
                            return Err(FormatError::NotUtf8 {
                                path: path.to_string(),
                                offset,
                                // Articles are the texts whose line ends become LF.
                                article: how.line_ends_to_lf,
                            });
                        }
                        InvalidUtf8::Windows1252 => {
                            not_utf8_at = Some(offset);
                            notes.push("read as Windows-1252".to_string());
                            bytes.iter().map(|&b| windows_1252_char(b)).collect()
                        }
                        InvalidUtf8::Replace => {
                            not_utf8_at = Some(offset);
                            String::from_utf8_lossy(body).into_owned()
                        }
                    }
                }
            }
        }
        TextEncoding::Windows1252 => {
            notes.push("read as Windows-1252".to_string());
            bytes.iter().map(|&b| windows_1252_char(b)).collect()
        }
    };
    if !how.line_ends_to_lf {
        return Ok(DecodedText {
            text,
            notes,
            not_utf8_at,
        });
    }
    let normalised = NormalisedText::new(&text);
    notes.extend(normalised.notes);
    Ok(DecodedText {
        text: normalised.text,
        notes,
        not_utf8_at,
    })
}

/// The character of a Windows-1252 byte; the five bytes it leaves undefined
/// map to the C1 controls of the same value, as Latin-1 does.
pub fn windows_1252_char(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// A text with a leading BOM removed and CR / CRLF line ends made LF, and
/// the map from char offsets in the original to char offsets in the result
/// (brat's offsets count what was removed).
pub(crate) struct NormalisedText {
    pub text: String,
    /// Char offsets (in the original) of the chars that were removed, ascending.
    removed: Vec<usize>,
    pub notes: Vec<String>,
}

impl NormalisedText {
    pub fn new(raw: &str) -> Self {
        let mut removed = Vec::new();
        let mut notes = Vec::new();
        if !raw.contains('\r') && !raw.starts_with('\u{feff}') {
            return NormalisedText {
                text: raw.to_string(),
                removed,
                notes,
            };
        }
        let mut text = String::with_capacity(raw.len());
        let (mut crlf, mut cr) = (0, 0);
        let mut chars = raw.chars().enumerate().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\u{feff}' if i == 0 => {
                    removed.push(i);
                    notes.push("removed the byte-order mark at the start of the text".to_string());
                }
                '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {
                    removed.push(i);
                    crlf += 1;
                }
                '\r' => {
                    text.push('\n');
                    cr += 1;
                }
                c => text.push(c),
            }
        }
        if crlf > 0 {
            notes.push(format!("converted {crlf} CRLF line ends to LF"));
        }
        if cr > 0 {
            notes.push(format!("converted {cr} CR line ends to LF"));
        }
        NormalisedText { text, removed, notes }
    }

    /// Whether offsets change at all.
    pub fn is_identity(&self) -> bool {
        self.removed.is_empty()
    }

    /// The offset in the result of char offset `raw` in the original.
    pub fn map(&self, raw: usize) -> usize {
        raw - self.removed.partition_point(|&r| r < raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(bytes: &[u8]) -> Result<DecodedText, FormatError> {
        decode_text(bytes, Decoding::article(TextEncoding::Utf8), "a.txt")
    }

    #[test]
    fn any_script_passes_through_unchanged() {
        // Emoji (a family: ZWJ sequence), CJK, combining marks, RTL with
        // bidi controls: UTF-8 in, the same chars out, no notes.
        let text = "👨‍👩‍👧 家族 — e\u{301}le\u{300}ve — \u{202b}שלום עולם\u{202c} مرحبا\n";
        let d = article(text.as_bytes()).expect("utf-8");
        assert_eq!(d.text, text);
        assert!(d.notes.is_empty(), "{:?}", d.notes);
        assert_eq!(d.not_utf8_at, None);
    }

    #[test]
    fn bom_is_dropped_or_kept_as_asked() {
        let bytes = "\u{feff}家 one".as_bytes();
        assert_eq!(article(bytes).expect("utf-8").text, "家 one");
        assert_eq!(
            decode_text(bytes, Decoding::DATA, "p").expect("utf-8").text,
            "家 one"
        );
        let keep = Decoding {
            strip_bom: false,
            ..Decoding::DATA
        };
        assert_eq!(
            decode_text(bytes, keep, "p").expect("utf-8").text,
            "\u{feff}家 one"
        );
    }

    #[test]
    fn crlf_and_cr_become_lf_for_articles_only() {
        let d = article("one\r\ntwo 👍\r\nthree\rfour".as_bytes()).expect("utf-8");
        assert_eq!(d.text, "one\ntwo 👍\nthree\nfour");
        assert_eq!(
            d.notes,
            vec![
                "converted 2 CRLF line ends to LF".to_string(),
                "converted 1 CR line ends to LF".to_string()
            ]
        );
        let data = decode_text(b"a\r\nb", Decoding::DATA, "p").expect("utf-8");
        assert_eq!(data.text, "a\r\nb");
        assert!(data.notes.is_empty());
    }

    #[test]
    fn invalid_utf8_names_the_byte_offset_bom_included() {
        // "café" in Windows-1252: é is the byte 0xE9 at offset 3.
        let e = article(b"caf\xe9 \x93quoted\x94").expect_err("not utf-8");
        assert_eq!(
            e.to_string(),
            "a.txt: the file is not UTF-8 text (invalid byte at offset 3)"
        );
        // After a BOM (3 bytes) and a 4-byte emoji, the bad byte is at 3+4+1.
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice("👍 ".as_bytes());
        bytes.push(0xff);
        assert!(matches!(
            article(&bytes),
            Err(FormatError::NotUtf8 { offset: 8, .. })
        ));
    }

    #[test]
    fn windows_1252_when_asked_or_as_the_fallback() {
        let asked = decode_text(
            b"caf\xe9 \x93quoted\x94\r\n",
            Decoding::article(TextEncoding::Windows1252),
            "x",
        )
        .expect("1252");
        assert_eq!(asked.text, "café “quoted”\n");
        assert_eq!(asked.not_utf8_at, None);
        let fallback = decode_text(
            b"\x80 ok \xe9",
            Decoding::DATA.or_else(InvalidUtf8::Windows1252),
            "x",
        )
        .expect("fallback");
        assert_eq!(fallback.text, "€ ok é");
        assert_eq!(fallback.not_utf8_at, Some(0));
        let replaced =
            decode_text(b"ab\xffc", Decoding::DATA.or_else(InvalidUtf8::Replace), "x").expect("lossy");
        assert_eq!(replaced.text, "ab\u{fffd}c");
        assert_eq!(replaced.not_utf8_at, Some(2));
    }

    #[test]
    fn normalised_text_maps_offsets() {
        let n = NormalisedText::new("\u{feff}a\r\nb\rc");
        assert_eq!(n.text, "a\nb\nc");
        // original: BOM a \r \n b \r c
        assert_eq!(n.map(1), 0);
        assert_eq!(n.map(2), 1);
        assert_eq!(n.map(3), 1);
        assert_eq!(n.map(4), 2);
        assert_eq!(n.map(7), 5);
        assert_eq!(n.notes.len(), 3);
        assert!(NormalisedText::new("plain").is_identity());
    }
}
