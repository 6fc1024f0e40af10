//! Reading a plain-text article: UTF-8 (a BOM is stripped) or, when the
//! user asks for it after a clear error, Windows-1252 / Latin-1. Line ends
//! become LF so that char offsets count exactly what the view shows.

use std::path::Path;

use super::error::FormatError;
use super::project_file::read_bytes;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum TextEncoding {
    #[default]
    #[value(name = "utf-8")]
    Utf8,
    /// Windows-1252, a superset of Latin-1 for printable text.
    #[value(name = "windows-1252")]
    Windows1252,
}

/// An article's text and what was done to it on the way in.
#[derive(Debug, PartialEq, Eq)]
pub struct ArticleText {
    pub text: String,
    /// e.g. "converted 12 CRLF line ends to LF".
    pub notes: Vec<String>,
}

pub fn read_article(path: &Path, encoding: TextEncoding) -> Result<ArticleText, FormatError> {
    let bytes = read_bytes(path)?;
    decode_article(&bytes, encoding, &path.display().to_string())
}

pub fn decode_article(bytes: &[u8], encoding: TextEncoding, path: &str) -> Result<ArticleText, FormatError> {
    let mut notes = Vec::new();
    let text = match encoding {
        TextEncoding::Utf8 => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let bom = bytes.len() - body.len();
            match std::str::from_utf8(body) {
                Ok(s) => s.to_string(),
                Err(e) => {
                    return Err(FormatError::NotUtf8 {
                        path: path.to_string(),
                        offset: bom + e.valid_up_to(),
                    });
                }
            }
        }
        TextEncoding::Windows1252 => {
            notes.push("read as Windows-1252".to_string());
            bytes.iter().map(|&b| windows_1252_char(b)).collect()
        }
    };
    let crlf = text.matches("\r\n").count();
    let text = if crlf > 0 {
        notes.push(format!("converted {crlf} CRLF line ends to LF"));
        text.replace("\r\n", "\n")
    } else {
        text
    };
    let cr = text.matches('\r').count();
    let text = if cr > 0 {
        notes.push(format!("converted {cr} CR line ends to LF"));
        text.replace('\r', "\n")
    } else {
        text
    };
    Ok(ArticleText { text, notes })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let a = decode_article(b"\xEF\xBB\xBFone\r\ntwo\r\n", TextEncoding::Utf8, "a.txt").expect("utf-8");
        assert_eq!(a.text, "one\ntwo\n");
        assert_eq!(a.notes, vec!["converted 2 CRLF line ends to LF".to_string()]);
    }

    #[test]
    fn not_utf8_names_the_byte_offset() {
        let e =
            decode_article(b"caf\xe9 \x93quoted\x94", TextEncoding::Utf8, "x.txt").expect_err("not utf-8");
        assert_eq!(
            e.to_string(),
            "x.txt: the file is not UTF-8 text (invalid byte at offset 3)"
        );
        let a = decode_article(b"caf\xe9 \x93quoted\x94", TextEncoding::Windows1252, "x.txt").expect("1252");
        assert_eq!(a.text, "café “quoted”");
    }
}
