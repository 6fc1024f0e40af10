//! Plain text: each `.txt` / `.md` file becomes one document (no
//! annotations) of one project. UTF-8 with its BOM stripped; a file that is
//! not UTF-8 is read as Windows-1252 and said so; CRLF becomes LF with a note.

use std::path::PathBuf;

use super::{DraftDocument, ImportOptions, Sink, default_annotator};
use crate::format::article::{file_stem_name, first_line_title};
use crate::format::decode::{Decoding, InvalidUtf8, TextEncoding, read_text};

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
        let how = Decoding::article(TextEncoding::Utf8).or_else(InvalidUtf8::Windows1252);
        let article = match read_text(path, how) {
            Ok(a) => a,
            Err(e) => {
                sink.issue(path, None, format!("skipped: {e}"));
                continue;
            }
        };
        if let Some(offset) = article.not_utf8_at {
            sink.issue(
                path,
                None,
                format!(
                    "not UTF-8 (invalid byte at offset {offset}): read as Windows-1252; check the accented letters and quotation marks"
                ),
            );
        }
        for note in &article.notes {
            sink.issue(path, None, format!("note: {note}"));
        }
        let stem = file_stem_name(path);
        let title = first_line_title(&article.text).unwrap_or_else(|| stem.clone());
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
