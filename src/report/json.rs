//! The report as JSON: the query it answered and every figure with the
//! indexes of its quotes into `quotes`.

use serde::Serialize;

use super::{Query, Report};

#[derive(Serialize)]
struct Out<'a> {
    query: &'a Query,
    #[serde(flatten)]
    report: &'a Report,
}

/// Pretty-printed JSON of `report` and the `query` that made it.
pub fn to_json(report: &Report, query: &Query) -> String {
    // Serialising plain structs of strings, numbers and vectors cannot fail;
    // an error would still come out as a JSON string, never a panic.
    serde_json::to_string_pretty(&Out { query, report })
        .unwrap_or_else(|e| serde_json::Value::String(e.to_string()).to_string())
}
