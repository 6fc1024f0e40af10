//! The suggestion model trained on a project's tags, kept beside the
//! project (`news.qb.ron` -> `news.suggest-model.json`), never shipped.
//!
//! The file is JSON: `{"format": "quotebench-suggest-model",
//! "format_version": 1, "model": {...}}`, the model's weight tables packed
//! as base64 (see `suggest::learn`). It is written atomically like the
//! project ([`super::write_atomic`]: the old file or the new one, never a
//! torn one). Reading one that is cut short, foreign or inconsistent is a
//! [`FormatError`] that names the file (and the line:column where JSON
//! stopped making sense), never a panic.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::FormatError;
use super::project_file::read_bytes;
use crate::suggest::learn::Model;

/// What the `format` field of every model file says.
pub const MODEL_FORMAT: &str = "quotebench-suggest-model";
/// The layout of the file this version writes and reads.
pub const MODEL_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    format_version: u32,
    model: &'a Model,
}

/// The header alone: read first, so that a foreign or newer file is told
/// apart from a damaged one.
#[derive(Deserialize)]
struct Probe {
    format: String,
    format_version: u32,
}

#[derive(Deserialize)]
struct FileIn {
    model: Model,
}

/// Where the model of the project at `project` is kept.
pub fn model_path(project: &Path) -> PathBuf {
    let name = project.file_name().and_then(|n| n.to_str()).unwrap_or("project");
    let stem = name
        .strip_suffix(".qb.ron")
        .or_else(|| name.strip_suffix(".ron"))
        .unwrap_or(name);
    project.with_file_name(format!("{stem}.suggest-model.json"))
}

/// Writes `model` to `path` atomically.
pub fn save_model(path: &Path, model: &Model) -> Result<(), FormatError> {
    let out = FileOut {
        format: MODEL_FORMAT,
        format_version: MODEL_FORMAT_VERSION,
        model,
    };
    let json = serde_json::to_vec(&out).map_err(|e| FormatError::Serialize {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    super::write_atomic(path, &json)
}

/// Reads the model at `path`.
pub fn load_model(path: &Path) -> Result<Model, FormatError> {
    let bytes = read_bytes(path)?;
    parse_model(path, &bytes)
}

/// Reads a model from the bytes of the file at `path` (named in errors).
pub fn parse_model(path: &Path, bytes: &[u8]) -> Result<Model, FormatError> {
    let shown = path.display().to_string();
    let damaged = |message: String| FormatError::Damaged {
        path: shown.clone(),
        message,
    };
    let probe: Probe = serde_json::from_slice(bytes).map_err(|e| {
        let what = if e.is_eof() {
            "the file is cut short"
        } else {
            "this is not a Quotebench suggestion model"
        };
        damaged(format!("{what} (line {}, column {}: {e})", e.line(), e.column()))
    })?;
    if probe.format != MODEL_FORMAT {
        return Err(damaged(format!(
            "this is not a Quotebench suggestion model (its format is {:?})",
            probe.format
        )));
    }
    if probe.format_version > MODEL_FORMAT_VERSION {
        return Err(FormatError::NewerVersion {
            path: shown,
            found: probe.format_version,
            supported: MODEL_FORMAT_VERSION,
        });
    }
    let file: FileIn = serde_json::from_slice(bytes).map_err(|e| {
        damaged(format!(
            "the suggestion model is damaged at line {}, column {}: {e}",
            e.line(),
            e.column()
        ))
    })?;
    file.model
        .check()
        .map_err(|m| damaged(format!("the suggestion model is damaged: {m}")))?;
    Ok(file.model)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Document, Fragment};
    use crate::suggest::learn::{TrainOptions, train_with_rules};

    fn tiny_model() -> Model {
        let text = "Ann reckoned the vote was lost.\n\nBob reckoned the plan had failed.";
        let span = |id: &str, label: &str, start: usize, end: usize| Annotation {
            id: id.into(),
            label: label.into(),
            fragments: vec![Fragment {
                start,
                end,
                text: text.chars().skip(start).take(end - start).collect(),
            }],
            attributes: Default::default(),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            annotators: Vec::new(),
            origin: None,
        };
        let anns = vec![
            span("s1", "Speaker", 0, 3),
            span("c1", "Cue", 4, 12),
            span("q1", "Quote", 13, 30),
            span("s2", "Speaker", 33, 36),
            span("c2", "Cue", 37, 45),
            span("q2", "Quote", 46, 64),
        ];
        let doc = Document::from_parts("d".into(), "t".into(), None, text.into(), anns, vec![]).0;
        let opts = TrainOptions {
            min_count: 1,
            ..TrainOptions::default()
        };
        train_with_rules(&[&doc], &|_| Vec::new(), &opts, &|_, _| {})
    }

    #[test]
    fn the_model_file_sits_beside_the_project() {
        assert_eq!(
            model_path(Path::new("/p/news.qb.ron")),
            Path::new("/p/news.suggest-model.json")
        );
        assert_eq!(model_path(Path::new("x.ron")), Path::new("x.suggest-model.json"));
    }

    #[test]
    fn save_and_load_give_the_same_model() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("m.suggest-model.json");
        let model = tiny_model();
        assert!(model.feature_count() > 0);
        save_model(&path, &model).expect("save");
        let back = load_model(&path).expect("load");
        assert_eq!(back, model);
        let text = "Cy reckoned the road was closed.";
        assert_eq!(back.suggest(text, &mut []), model.suggest(text, &mut []));
        // Saving again keeps the old file as .bak, like the project.
        save_model(&path, &model).expect("save again");
        assert!(super::super::backup_path(&path).exists());
    }

    fn damaged_message(path: &Path, bytes: &[u8]) -> String {
        match parse_model(path, bytes) {
            Err(FormatError::Damaged { path: p, message }) => {
                assert_eq!(p, path.display().to_string());
                message
            }
            other => panic!("expected a Damaged error, got {other:?}"),
        }
    }

    #[test]
    fn a_cut_short_file_is_a_typed_error_with_the_path() {
        let model = tiny_model();
        let out = FileOut {
            format: MODEL_FORMAT,
            format_version: MODEL_FORMAT_VERSION,
            model: &model,
        };
        let bytes = serde_json::to_vec(&out).expect("json");
        let path = Path::new("/p/news.suggest-model.json");
        for cut in [0, 1, 10, bytes.len() / 2, bytes.len() - 1] {
            let m = damaged_message(path, &bytes[..cut]);
            assert!(m.contains("cut short") || m.contains("damaged"), "{cut}: {m}");
        }
    }

    #[test]
    fn a_foreign_or_newer_file_is_refused_with_the_path() {
        let path = Path::new("other.json");
        let m = damaged_message(path, br#"{"name": "a project", "documents": []}"#);
        assert!(m.contains("not a Quotebench suggestion model"), "{m}");
        let m = damaged_message(path, br#"{"format": "something-else", "format_version": 1}"#);
        assert!(m.contains("something-else"), "{m}");
        let m = damaged_message(path, "(format_version: 2, name: \"ron\")".as_bytes());
        assert!(m.contains("not a Quotebench suggestion model"), "{m}");
        let m = damaged_message(path, &[0xff, 0xfe, 0x00, 0x41]);
        assert!(m.contains("not a Quotebench suggestion model"), "{m}");
        match parse_model(
            path,
            br#"{"format": "quotebench-suggest-model", "format_version": 99}"#,
        ) {
            Err(FormatError::NewerVersion {
                found: 99, path: p, ..
            }) => assert_eq!(p, "other.json"),
            other => panic!("expected NewerVersion, got {other:?}"),
        }
    }

    #[test]
    fn tables_that_do_not_fit_together_are_refused() {
        let model = tiny_model();
        let mut v = serde_json::to_value(FileOut {
            format: MODEL_FORMAT,
            format_version: MODEL_FORMAT_VERSION,
            model: &model,
        })
        .expect("json");
        // One weight too few, in either tagger: the key and weight tables disagree.
        for tagger in ["tagger", "cues"] {
            let mut v = v.clone();
            v["model"][tagger]["emit"] = serde_json::Value::String("AAAAAA==".into());
            let m = damaged_message(Path::new("m.json"), v.to_string().as_bytes());
            assert!(m.contains("weights"), "{tagger}: {m}");
            v["model"][tagger]["emit"] = serde_json::Value::String("not base64!".into());
            let m = damaged_message(Path::new("m.json"), v.to_string().as_bytes());
            assert!(m.contains("damaged"), "{tagger}: {m}");
        }
        // A scale that is no positive number.
        let mut bad = v.clone();
        bad["model"]["cue_scale"] = serde_json::json!(-1.0);
        let m = damaged_message(Path::new("m.json"), bad.to_string().as_bytes());
        assert!(m.contains("cue scale"), "{m}");
        // A model of the first layout (one tagger) is refused: train again.
        v["model"]["version"] = serde_json::json!(1);
        let m = damaged_message(Path::new("m.json"), v.to_string().as_bytes());
        assert!(m.contains("train it again"), "{m}");
    }

    #[test]
    fn a_missing_file_is_an_io_error_with_the_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("none.suggest-model.json");
        match load_model(&path) {
            Err(FormatError::Io { path: p, .. }) => assert!(p.ends_with("none.suggest-model.json")),
            other => panic!("expected an Io error, got {other:?}"),
        }
    }
}
