//! Issue 13 in the exports: document status and attributes in the JSONL
//! exports (doccano's record, Prodigy's `meta`), relation attributes as brat
//! `A` lines on their `R` relation, both read back by the importers; the CSV
//! quotes table gains the status and the `said_by` link's attributes.

use std::path::PathBuf;

use quotebench::format::interchange::{ExportFormat, ImportFormat, ImportOptions, LabelMap, export, import};
use quotebench::format::parse_project;
use quotebench::model::{Project, Status};

const V3: &str = include_str!("fixtures/progress/v3.qb.ron");

fn project() -> Project {
    parse_project(V3, "v3").expect("opens").project
}

fn import_one(path: PathBuf, format: ImportFormat) -> quotebench::format::interchange::ImportResult {
    let opts = ImportOptions {
        format: Some(format),
        map: LabelMap::default(),
        annotator: Some("tester".into()),
    };
    import(&[path], &opts, &|_, _| {}).expect("import")
}

#[test]
fn jsonl_exports_carry_status_and_attributes_and_read_them_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = project();
    for format in [ExportFormat::Jsonl, ExportFormat::Prodigy] {
        let out = dir.path().join(format!("{format:?}.jsonl"));
        export(&p, format, &out).expect("export");
        let text = std::fs::read_to_string(&out).expect("written");
        let first: serde_json::Value =
            serde_json::from_str(text.lines().next().expect("a line")).expect("JSON");
        let holder = match format {
            ExportFormat::Prodigy => &first["meta"],
            _ => &first,
        };
        assert_eq!(holder["status"], "in_progress", "{format:?}: {text}");
        assert_eq!(
            holder["attributes"],
            serde_json::json!({"section": "Politics", "topic": "حكومة"})
        );
        // A new document without attributes gets neither field.
        let third: serde_json::Value =
            serde_json::from_str(text.lines().nth(2).expect("3 lines")).expect("JSON");
        let holder = match format {
            ExportFormat::Prodigy => &third["meta"],
            _ => &third,
        };
        assert!(
            holder.get("status").is_none() && holder.get("attributes").is_none(),
            "{text}"
        );

        let back = import_one(out, ImportFormat::Jsonl);
        assert!(back.issues.is_empty(), "{format:?}: {:?}", back.issues);
        let q = &back.projects[0];
        let statuses: Vec<Status> = q.documents.iter().map(|d| d.status()).collect();
        assert_eq!(
            statuses,
            [Status::InProgress, Status::Done, Status::New],
            "{format:?}"
        );
        assert_eq!(
            q.documents[0].attributes(),
            p.documents[0].attributes(),
            "{format:?}"
        );
    }
}

#[test]
fn jsonl_import_reports_a_status_it_does_not_know() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("x.jsonl");
    std::fs::write(
        &path,
        "{\"text\": \"Hi.\", \"label\": [], \"status\": \"finished\", \"attributes\": {\"k\": 3, \"\": \"x\"}}\n",
    )
    .expect("write");
    let r = import_one(path, ImportFormat::Jsonl);
    let d = &r.projects[0].documents[0];
    assert_eq!(d.status(), Status::New);
    assert_eq!(d.attribute("k"), Some("3"));
    let text: Vec<String> = r.issues.iter().map(|i| i.message.clone()).collect();
    assert!(text.iter().any(|m| m.contains("finished")), "{text:?}");
    assert!(text.iter().any(|m| m.contains("without a name")), "{text:?}");
}

#[test]
fn brat_writes_relation_attributes_as_a_lines_on_r_and_reads_them_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = project();
    let out = dir.path().join("brat");
    let report = export(&p, ExportFormat::Brat, &out).expect("export");
    let ann = std::fs::read_to_string(out.join("d1.ann")).expect("d1.ann");
    let r_line = ann.lines().find(|l| l.starts_with('R')).expect("an R line");
    let r_id = r_line.split('\t').next().expect("id");
    assert!(
        ann.lines()
            .any(|l| l.starts_with('A') && l.ends_with(&format!("certainty {r_id} likely"))),
        "{ann}"
    );
    // Spaces in a value are escaped as for annotation attributes.
    assert!(ann.contains(&format!("addressee {r_id} the%20")), "{ann}");
    assert!(
        report.notes.iter().any(|n| n.contains("relation attributes")),
        "{:?}",
        report.notes
    );
    let back = import_one(out, ImportFormat::Brat);
    assert!(back.issues.is_empty(), "{:?}", back.issues);
    let q = &back.projects[0];
    let d = q.documents.iter().find(|d| d.id == "d1").expect("d1");
    let r = d.relations().next().expect("the relation");
    assert_eq!(
        r.attributes,
        p.documents[0].relation("r1").expect("r1").attributes
    );
    // The imported tag set defines them, so the project validates clean.
    let def = q.tagset.relation("said_by").expect("said_by");
    assert!(def.attributes.iter().any(|a| a.name == "addressee"));
    assert!(
        quotebench::model::validate(q).is_empty(),
        "{:?}",
        quotebench::model::validate(q)
    );
}

#[test]
fn csv_has_the_status_and_the_speaker_links_attributes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("q.csv");
    export(&project(), ExportFormat::Csv, &out).expect("export");
    let mut rd = csv::Reader::from_path(&out).expect("csv");
    let header: Vec<String> = rd.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(&header[10..], ["status", "said_by_attributes"]);
    let rows: Vec<Vec<String>> = rd
        .records()
        .map(|r| r.expect("row").iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][10], "in_progress");
    assert_eq!(
        rows[0][11],
        "addressee=the 👩\u{200d}👩\u{200d}👧 committee; certainty=likely"
    );
}
