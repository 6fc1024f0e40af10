//! Quote extractors' output imported as one more annotator's layer: BBC
//! Citron's JSON and the Gender Gap Tracker's quotes, with emoji, CJK,
//! combining marks and RTL text; a speaker quoted twice is one Speaker;
//! quote, speaker and cue are linked; a layer compares against the gold.

mod formats_support;
use formats_support::*;

use std::fs;

use quotebench::format::interchange::{ImportFormat, ImportOptions, LabelMap, import};
use quotebench::model::names;
use serde_json::json;

fn span_json(text: &str, needle: &str) -> serde_json::Value {
    let (s, e) = span(text, needle);
    json!({"start": s, "end": e, "text": needle})
}

#[test]
fn citron_quotes_become_a_citron_layer_with_links_and_persons() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = TEXT;
    let doc = json!({
        "text": t,
        "quotes": [
            {"cue": span_json(t, "said"), "sources": [span_json(t, "Zoe\u{301} Ade\u{300}le")],
             "contents": [span_json(t, "We lost everything 👩\u{200d}👩\u{200d}👧,")], "confidence": 0.75},
            {"cue": span_json(t, "told reporters"), "sources": [span_json(t, "she")],
             "coreferences": [span_json(t, "Zoe\u{301} Ade\u{300}le")],
             "contents": [span_json(t, "Rebuild 𠀋 fast 👍🏽,"), span_json(t, "and together.")]},
            // The same speaker and cue again: still one Speaker, one Cue.
            {"cue": span_json(t, "said"), "sources": [span_json(t, "Zoe\u{301} Ade\u{300}le")],
             "contents": [span_json(t, "مرحبا بالعالم")]},
            {"cue": {"start": 2, "end": 1}, "sources": [], "contents": [{"start": 999, "end": 1005}]},
            {"cue": "said", "sources": [], "contents": [span_json(t, "שלום עולם")]},
        ]
    });
    let file = dir.path().join("flood.json");
    fs::write(&file, serde_json::to_string(&doc).expect("json")).expect("write");
    let r = import_as(std::slice::from_ref(&file), ImportFormat::Citron, None);
    let issues = issues_text(&r.issues);
    assert_eq!(r.projects.len(), 1, "{issues}");
    let p = &r.projects[0];
    assert_eq!(p.annotator, "citron");
    assert_texts_fit(p);
    let d = &p.documents[0];
    assert_eq!(d.id, "flood");
    assert_eq!(d.text(), TEXT);
    let count = |label: &str| d.annotations().filter(|a| a.label == label).count();
    assert_eq!(
        (count(names::QUOTE), count(names::SPEAKER), count(names::CUE)),
        (4, 2, 2),
        "{issues}"
    );
    let q2 = d
        .annotations()
        .find(|a| a.fragments.len() == 2)
        .expect("the discontinuous quote");
    assert_eq!(q2.fragments[1].text, "and together.");
    let she = d
        .annotations()
        .find(|a| a.fragments[0].text == "she")
        .expect("she");
    assert_eq!(
        she.attributes.get(names::PERSON).map(String::as_str),
        Some("Zoe\u{301} Ade\u{300}le")
    );
    // issue 14: the coreference is a person of the register, "she" one of its mentions.
    let names: Vec<&str> = p.people.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Zoe\u{301} Ade\u{300}le"]);
    assert_eq!(
        p.people.find_mention("she").map(|x| x.name.as_str()),
        Some(names[0])
    );
    let conf = d
        .annotations()
        .find(|a| a.fragments[0].text.starts_with("We lost"))
        .and_then(|a| a.origin.as_ref())
        .map(|o| (o.by.clone(), o.confidence));
    assert_eq!(conf, Some(("citron".to_string(), 0.75)));
    let l = links(d);
    assert!(
        l.contains(&(
            names::SAID_BY.into(),
            "مرحبا بالعالم".into(),
            "Zoe\u{301} Ade\u{300}le".into()
        )),
        "{l:?}"
    );
    assert!(
        l.contains(&(
            names::CUE_OF.into(),
            "told reporters".into(),
            "Rebuild 𠀋 fast 👍🏽,".into()
        )),
        "{l:?}"
    );
    assert_eq!(l.len(), 6, "{l:?}");
    for expected in [
        "quote 4: span 999..1005 runs past the end",
        "quote 4: no contents that fit the text",
        "quote 5: cue \"said\" is not a {start, end, text} span",
    ] {
        assert!(issues.contains(expected), "{expected:?} in\n{issues}");
    }
}

#[test]
fn citron_rest_output_takes_its_text_from_beside_and_a_named_annotator() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = "“Rain 🌧 again,” said Ana.";
    fs::write(dir.path().join("a.txt"), t).expect("txt");
    let file = dir.path().join("a.json");
    let doc = json!({"quotes": [{"cue": span_json(t, "said"), "sources": [span_json(t, "Ana")], "contents": [span_json(t, "Rain 🌧 again,")]}]});
    fs::write(&file, doc.to_string()).expect("json");
    let r = import_as(
        std::slice::from_ref(&file),
        ImportFormat::Citron,
        Some("citron-v2"),
    );
    assert!(r.issues.is_empty(), "{}", issues_text(&r.issues));
    assert_eq!(r.projects[0].annotator, "citron-v2");
    assert_eq!(r.projects[0].documents[0].annotation_count(), 3);
    // No text anywhere: said, nothing made.
    fs::remove_file(dir.path().join("a.txt")).expect("rm");
    let r = import(
        &[file],
        &ImportOptions {
            format: Some(ImportFormat::Citron),
            map: LabelMap::default(),
            annotator: None,
        },
        &no_progress,
    )
    .expect("import");
    assert!(r.projects.is_empty());
    assert!(
        issues_text(&r.issues).contains("no a.txt beside it"),
        "{}",
        issues_text(&r.issues)
    );
}

#[test]
fn ggt_quotes_with_string_indexes_become_a_ggt_layer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = TEXT;
    let idx = |needle: &str| {
        let (s, e) = span(t, needle);
        format!("({s},{e})")
    };
    // The GGT marks quotes with their quotation marks; the text it names is inside.
    let (qs, qe) = span(t, "“We lost everything 👩\u{200d}👩\u{200d}👧,”");
    let article = json!({
        "_id": {"$oid": "5e1f00aa"},
        "title": "Flood",
        "body": t,
        "quotes": [
            {"speaker": "Zoe\u{301} Ade\u{300}le", "speaker_index": idx("Zoe\u{301} Ade\u{300}le"),
             "quote": "We lost everything 👩\u{200d}👩\u{200d}👧,", "quote_index": format!("({qs},{qe})"),
             "verb": "said", "verb_index": idx("said"), "quote_type": "QCV", "is_floating_quote": false,
             "reference": "Zoé Adèle", "speaker_gender": "female"},
            {"speaker": "", "speaker_index": "", "quote": "مرحبا بالعالم", "quote_index": idx("مرحبا بالعالم"),
             "verb": "", "verb_index": "", "quote_type": "Heuristic", "is_floating_quote": true},
            {"speaker": "x", "speaker_index": "(a,b)", "quote": "שלום", "quote_index": idx("שלום עולם"),
             "verb": "", "verb_index": ""},
            {"quote": "elsewhere", "quote_index": idx("東京")},
        ]
    });
    let file = dir.path().join("ggt.json");
    fs::write(&file, json!([article]).to_string()).expect("write");
    let r = import_as(std::slice::from_ref(&file), ImportFormat::Ggt, None);
    let issues = issues_text(&r.issues);
    assert_eq!(r.projects.len(), 1, "{issues}");
    let p = &r.projects[0];
    assert_eq!(p.annotator, "ggt");
    assert_texts_fit(p);
    let d = &p.documents[0];
    assert_eq!((d.id.as_str(), d.title.as_str()), ("5e1f00aa", "Flood"));
    let quotes: Vec<_> = d.annotations().filter(|a| a.label == names::QUOTE).collect();
    assert_eq!(quotes.len(), 4, "{issues}");
    let speaker = d
        .annotations()
        .find(|a| a.label == names::SPEAKER)
        .expect("speaker");
    assert_eq!(
        speaker.attributes.get(names::PERSON).map(String::as_str),
        Some("Zoé Adèle")
    );
    // issue 14: the GGT's reference is a person of the register, the mention one of its aliases.
    let person = p
        .people
        .find_mention("Zoe\u{301} Ade\u{300}le")
        .expect("a register entry");
    assert_eq!(person.name, "Zoé Adèle");
    assert_eq!(p.people.len(), 1);
    assert_eq!(
        speaker.attributes.get("gender").map(String::as_str),
        Some("female")
    );
    let floating = quotes
        .iter()
        .find(|a| a.fragments[0].text == "مرحبا بالعالم")
        .expect("rtl quote");
    assert_eq!(
        floating.attributes.get("is_floating_quote").map(String::as_str),
        Some("true")
    );
    assert_eq!(
        floating.attributes.get("quote_type").map(String::as_str),
        Some("Heuristic")
    );
    let l = links(d);
    assert_eq!(l.len(), 2, "{l:?}");
    assert!(
        issues.contains("quote 3: the index \"(a,b)\" is not \"(start,end)\""),
        "{issues}"
    );
    assert!(
        issues.contains("quote 4: span") && issues.contains("says it covers \"elsewhere\""),
        "{issues}"
    );
}

#[test]
fn an_extractor_layer_compares_with_the_gold() {
    // The gold and Citron's layer of the same article are two annotators'
    // projects over the same document id and text.
    let dir = tempfile::tempdir().expect("tempdir");
    let gold = unicode_project();
    let brat = dir.path().join("gold");
    quotebench::format::interchange::export(
        &gold,
        quotebench::format::interchange::ExportFormat::Brat,
        &brat,
    )
    .expect("brat");
    let t = TEXT;
    let doc = json!({"id": "flood-東京", "text": t, "quotes": [
        {"cue": span_json(t, "said"), "sources": [span_json(t, "Zoe\u{301} Ade\u{300}le")],
         "contents": [span_json(t, "We lost everything 👩\u{200d}👩\u{200d}👧,")]}]});
    let file = dir.path().join("citron.json");
    fs::write(&file, doc.to_string()).expect("write");
    let citron = import_as(&[file], ImportFormat::Citron, None);
    let c = doc_by_id(&citron.projects[0], "flood-東京");
    let g = doc_by_id(&gold, "flood-東京");
    assert_eq!(c.text(), g.text());
    // Every span Citron found is one of the gold's, exactly.
    for a in c.annotations() {
        assert!(
            g.annotations()
                .any(|b| b.label == a.label && b.fragments == a.fragments),
            "{} {:?}",
            a.label,
            a.fragments
        );
    }
}
