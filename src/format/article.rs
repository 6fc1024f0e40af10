//! A plain-text article read into a new project: the text through the one
//! decoder ([`super::decode`]: UTF-8, BOM dropped, line ends LF so that char
//! offsets count exactly what the view shows, Windows-1252 on request), the
//! project and its one document named after the file.

use std::path::Path;

use super::decode::{Decoding, TextEncoding, read_text};
use super::error::FormatError;
use crate::model::{Document, Project, TagSet};

/// An article's text and what was done to it on the way in.
#[derive(Debug, PartialEq, Eq)]
pub struct ArticleText {
    pub text: String,
    /// e.g. "converted 12 CRLF line ends to LF".
    pub notes: Vec<String>,
}

/// Reads the article `path` in `encoding` (UTF-8 that is not: an error
/// naming the byte offset, which [`FormatError::hint`] turns into an offer).
pub fn read_article(path: &Path, encoding: TextEncoding) -> Result<ArticleText, FormatError> {
    let decoded = read_text(path, Decoding::article(encoding))?;
    Ok(ArticleText {
        text: decoded.text,
        notes: decoded.notes,
    })
}

/// The first non-blank line of `text`, cut to 120 chars: a document's title.
pub fn first_line_title(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.chars().take(120).collect())
}

/// The name a file gives what is made of it: its stem (`s1.txt` -> `s1`),
/// else "document".
pub fn file_stem_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "document".to_string())
}

/// The project a plain-text file becomes: one document with the default tag
/// set. The project and the document id are the file's name (`s1.txt` ->
/// `s1`, as the text importer names documents, so a brat export writes
/// `s1.txt` + `s1.ann` again); the document's title is `title`, else the
/// text's first line. `annotator` is the caller's to choose. Returns the
/// project with notes on what reading did (CRLF converted, encoding).
pub fn project_from_article(
    path: &Path,
    title: Option<String>,
    annotator: &str,
    encoding: TextEncoding,
) -> Result<(Project, Vec<String>), FormatError> {
    let article = read_article(path, encoding)?;
    let name = file_stem_name(path);
    let title = title
        .or_else(|| first_line_title(&article.text))
        .unwrap_or_else(|| name.clone());
    let project = Project {
        people: Default::default(),
        name: name.clone(),
        annotator: annotator.to_string(),
        tagset: TagSet::default(),
        documents: vec![Document::new(name, title, article.text)],
        conflicts: Vec::new(),
    };
    Ok((project, article.notes))
}

/// Who the user is, for a project or import that names no annotator:
/// `$USER` (`$USERNAME` on Windows), else empty.
pub fn user_name() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_from_a_text_file_is_named_after_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("émoji-test.txt");
        std::fs::write(&path, "\u{feff}👨‍👩‍👧 A family\r\nsaid \u{201c}hi\u{201d}.\r\n").expect("write");
        let (project, notes) =
            project_from_article(&path, None, "ann", TextEncoding::Utf8).expect("a project");
        assert_eq!(project.name, "émoji-test");
        assert_eq!(project.annotator, "ann");
        let doc = &project.documents[0];
        assert_eq!(doc.id, "émoji-test");
        assert_eq!(doc.title, "👨‍👩‍👧 A family");
        assert_eq!(doc.text(), "👨‍👩‍👧 A family\nsaid \u{201c}hi\u{201d}.\n");
        assert_eq!(notes, vec!["converted 2 CRLF line ends to LF".to_string()]);
        let (titled, _) =
            project_from_article(&path, Some("T".into()), "", TextEncoding::Utf8).expect("a project");
        assert_eq!(titled.documents[0].title, "T");
        assert_eq!(titled.documents[0].id, "émoji-test");
    }
}
