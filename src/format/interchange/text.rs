//! Plain text: each `.txt` / `.md` file becomes one document (no
//! annotations) of one project. UTF-8 with its BOM stripped; a file that is
//! not UTF-8 is read as Windows-1252 and said so; CRLF becomes LF with a note.

use std::path::PathBuf;

use super::{DraftDocument, ImportOptions, Sink, default_annotator};
use crate::format::{FormatError, TextEncoding, read_article};

pub(super) fn import(
    files: &[PathBuf],
    opts: &ImportOptions,
    sink: &mut Sink,
    progress: &(dyn Fn(usize, usize) + Sync),
) {
    let annotator = default_annotator(opts);
    let total = files.len();
    for (done, path) in files.iter().enumerate() {
        progress(done, total);
        let article = match read_article(path, TextEncoding::Utf8) {
            Ok(a) => a,
            Err(FormatError::NotUtf8 { offset, .. }) => match read_article(path, TextEncoding::Windows1252) {
                Ok(a) => {
                    sink.issue(
                        path,
                        None,
                        format!(
                            "not UTF-8 (invalid byte at offset {offset}): read as Windows-1252; check the accented letters and quotation marks"
                        ),
                    );
                    a
                }
                Err(e) => {
                    sink.issue(path, None, format!("skipped: {e}"));
                    continue;
                }
            },
            Err(e) => {
                sink.issue(path, None, format!("skipped: {e}"));
                continue;
            }
        };
        for note in &article.notes {
            sink.issue(path, None, format!("note: {note}"));
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document".into());
        let title = article
            .text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(|l| l.chars().take(120).collect())
            .unwrap_or_else(|| stem.clone());
        sink.drafts.push(DraftDocument {
            annotator: annotator.clone(),
            id: stem,
            title,
            text: article.text,
            file: path.clone(),
            ..Default::default()
        });
    }
    progress(total, total);
}
