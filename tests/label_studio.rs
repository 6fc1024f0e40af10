//! Label Studio JSON tasks: a round trip keeps offsets (chars, with emoji,
//! CJK, combining marks and RTL text), labels, attributes (per-region
//! choices), notes, relations and discontinuous quotes; Label Studio's own
//! shapes (several annotators, predictions, UTF-16 offsets of older exports,
//! document choices) are read; bad tasks are named and the rest kept.

mod formats_support;
use formats_support::*;

use std::fs;

use quotebench::format::interchange::{ExportFormat, ImportFormat, export};
use quotebench::model::{Status, names};
use serde_json::{Value, json};

#[test]
fn round_trip_keeps_offsets_texts_attributes_notes_relations_and_fragments() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = unicode_project();
    let doc = p.documents.remove(0);
    let mut attrs = std::collections::BTreeMap::new();
    attrs.insert("outlet".to_string(), "BBC".to_string());
    p.documents.insert(0, doc.with_progress(Status::Done, attrs));
    let out = dir.path().join("u.label-studio.json");
    let report = export(&p, ExportFormat::LabelStudio, &out).expect("export");
    // One region per fragment: q2 has two.
    let fragments: usize = p
        .documents
        .iter()
        .flat_map(|d| d.annotations())
        .map(|a| a.fragments.len())
        .sum();
    assert_eq!(report.items, fragments);

    // The file is Label Studio's shape, offsets in chars.
    let tasks: Value = serde_json::from_str(&fs::read_to_string(&out).expect("read")).expect("json");
    let first = &tasks[0];
    assert_eq!(first["data"]["text"], json!(TEXT));
    assert_eq!(first["data"]["status"], json!("done"));
    let result = first["annotations"][0]["result"].as_array().expect("result");
    let zoe = result
        .iter()
        .find(|r| r["value"]["text"] == json!("Zoe\u{301} Ade\u{300}le") && r["type"] == "labels")
        .expect("speaker region");
    let (s, e) = span(TEXT, "Zoe\u{301} Ade\u{300}le");
    assert_eq!(
        (zoe["value"]["start"].as_u64(), zoe["value"]["end"].as_u64()),
        (Some(s as u64), Some(e as u64))
    );
    assert_eq!(zoe["value"]["labels"], json!(["Speaker"]));
    assert!(result.iter().any(|r| r["type"] == "choices"
        && r["from_name"] == "person"
        && r["value"]["choices"] == json!(["Zoé Adèle"])));
    assert!(
        result
            .iter()
            .any(|r| r["type"] == "relation" && r["labels"] == json!(["said_by"]))
    );

    let back = import_as(&[out], ImportFormat::LabelStudio, None);
    assert!(back.issues.is_empty(), "{}", issues_text(&back.issues));
    assert_eq!(back.projects.len(), 1);
    let q = &back.projects[0];
    assert_eq!(q.annotator, "tester");
    assert_texts_fit(q);
    for d in &p.documents {
        let d2 = doc_by_id(q, &d.id);
        assert_eq!(d2.text(), d.text());
        assert_eq!(d2.title, d.title);
        assert_eq!(spans(d2), spans(d), "{}", d.id);
        assert_eq!(links(d2), links(d), "{}", d.id);
        assert_eq!(d2.status(), d.status());
        assert_eq!(d2.attributes(), d.attributes());
    }
}

#[test]
fn label_studio_shapes_annotators_predictions_utf16_and_bad_tasks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "😀 Ana said “東京 is wet”.\r\nOk.";
    // Chars: 😀=0, ' '=1, Ana=2..5, said=6..10, “=11, 東京 is wet = 12..21.
    let region = |id: &str, s: usize, e: usize, t: &str, l: &str| {
        json!({"id": id, "from_name": "label", "to_name": "text", "type": "labels",
               "value": {"start": s, "end": e, "text": t, "labels": [l]}})
    };
    let tasks = json!([
        {"id": 7, "data": {"text": text},
         "annotations": [
            {"id": 1, "completed_by": {"id": 1, "email": "ann@example.org"}, "result": [
                region("a", 12, 21, "東京 is wet", "Quote"),
                region("b", 2, 5, "Ana", "Speaker"),
                {"id": "a", "from_name": "kind", "to_name": "text", "type": "choices",
                 "value": {"start": 12, "end": 21, "text": "東京 is wet", "choices": ["direct"]}},
                {"from_id": "b", "to_id": "a", "type": "relation", "direction": "left", "labels": ["said_by"]},
                {"from_name": "topic", "to_name": "text", "type": "choices", "value": {"choices": ["weather", "city"]}},
                {"id": "c", "type": "labels", "value": {"start": "/p[1]", "end": "/p[2]", "labels": ["Quote"]}},
                {"from_id": "zz", "to_id": "a", "type": "relation", "labels": ["said_by"]},
            ]},
            {"id": 2, "completed_by": 3, "was_cancelled": true, "result": [region("x", 0, 1, "😀", "Quote")]},
            {"id": 3, "completed_by": 4, "result": [
                // An older export: UTF-16 offsets (the emoji counts twice).
                region("u", 13, 22, "東京 is wet", "Quote"),
                region("v", 40, 50, "", "Quote"),
            ]},
         ],
         "predictions": [{"model_version": "citron-1", "result": [region("p", 6, 10, "said", "Cue")]}]},
        {"id": 8, "nodata": true},
    ]);
    let file = dir.path().join("tasks.json");
    fs::write(&file, serde_json::to_string(&tasks).expect("json")).expect("write");
    let r = import_as(std::slice::from_ref(&file), ImportFormat::LabelStudio, None);
    let issues = issues_text(&r.issues);
    let names: Vec<&str> = r.projects.iter().map(|p| p.annotator.as_str()).collect();
    assert_eq!(names, ["ann@example.org", "citron-1", "user 4"], "{issues}");

    let ann = &r.projects[0].documents[0];
    assert_eq!(ann.id, "7");
    assert_eq!(ann.text(), "😀 Ana said “東京 is wet”.\nOk.");
    let quote = ann
        .annotations()
        .find(|a| a.label == names::QUOTE)
        .expect("quote");
    assert_eq!((quote.fragments[0].start, quote.fragments[0].end), (12, 21));
    assert_eq!(quote.attributes.get("kind").map(String::as_str), Some("direct"));
    // direction "left": the relation points from the quote to the speaker.
    assert_eq!(
        links(ann),
        vec![(
            "said_by".to_string(),
            "東京 is wet".to_string(),
            "Ana".to_string()
        )]
    );
    assert_eq!(ann.attribute("topic"), Some("weather, city"));

    let cue = r.projects[1].documents[0]
        .annotations()
        .next()
        .expect("predicted cue");
    assert_eq!(
        (cue.label.as_str(), cue.fragments[0].text.as_str()),
        ("Cue", "said")
    );

    let old = &r.projects[2].documents[0];
    let q = old.annotations().next().expect("utf-16 quote");
    assert_eq!(
        (
            q.fragments[0].start,
            q.fragments[0].end,
            q.fragments[0].text.as_str()
        ),
        (12, 21, "東京 is wet")
    );
    assert_eq!(old.annotation_count(), 1, "{issues}");

    for expected in [
        "task 1: span 13..22 counts UTF-16",
        "task 1: a region without numeric start and end",
        "task 1: a relation that names no two regions",
        "task 1: span 40..50 runs past the end",
        "task 2: no \"data\" object",
        "converted 1 CRLF",
    ] {
        assert!(issues.contains(expected), "{expected:?} in\n{issues}");
    }
    assert!(r.issues.iter().all(|i| i.file == file));

    // --annotator keeps only that layer.
    let only = import_as(&[file], ImportFormat::LabelStudio, Some("citron-1"));
    assert_eq!(only.projects.len(), 1);
    assert_eq!(only.projects[0].annotator, "citron-1");
}

#[test]
fn not_json_is_named_and_nothing_is_made() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("bad.json");
    fs::write(&file, "[{\"data\": {\"text\": \"a\"}},\n oops").expect("write");
    let r = import_as(std::slice::from_ref(&file), ImportFormat::LabelStudio, None);
    assert!(r.projects.is_empty());
    let issues = issues_text(&r.issues);
    assert!(issues.contains("bad.json:2: not valid JSON"), "{issues}");
}
