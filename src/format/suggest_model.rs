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
