//! Issue 13, document progress and relation attributes in the project file:
//! format version 3 writes a document's `status` and `attributes`, a
//! relation's `attributes` and a relation kind's attribute definitions;
//! version-1 and version-2 files still open (fixtures of each version).

use quotebench::format::{parse_project, project_to_string};
use quotebench::model::{FORMAT_VERSION, ProblemKind, Status};

const V1: &str = include_str!("fixtures/progress/v1.qb.ron");
const V2: &str = include_str!("fixtures/progress/v2.qb.ron");
const V3: &str = include_str!("fixtures/progress/v3.qb.ron");

#[test]
fn this_build_writes_version_4() {
    // Version 4 (issue 14) added the people register; see tests/people_file.rs.
    assert_eq!(FORMAT_VERSION, 4);
}

#[test]
fn version_1_and_2_files_open_as_new_documents_without_attributes() {
    for (name, text, version) in [("v1", V1, 1), ("v2", V2, 2)] {
        assert!(text.contains(&format!("format_version: {version},")), "{name}");
        let loaded = parse_project(text, name).expect("an old file opens");
        assert_eq!(loaded.problems, vec![], "{name}");
        let d = &loaded.project.documents[0];
        assert_eq!(d.status(), Status::New, "{name}");
        assert!(d.attributes().is_empty(), "{name}");
        // The old source's fields read as attributes (the source wins only
        // where the document has no attribute of that name).
        assert_eq!(d.attribute("outlet"), Some("The Daily"), "{name}");
        assert_eq!(d.attribute("date"), Some("2018-11-30"), "{name}");
        assert_eq!(d.attribute("url"), Some("https://example.org/1"), "{name}");
        assert_eq!(d.attribute("topic"), None, "{name}");
        let r = d.relation("r1").expect("relation");
        assert!(r.attributes.is_empty(), "{name}");
        // Saved again: the current version with no progress fields
        // (defaults are skipped), and it reopens as the same project.
        let written = project_to_string(&loaded.project).expect("writes");
        assert!(written.contains("\n    format_version: 4,\n"), "{name}");
        assert!(!written.contains("status:"), "{name}: {written}");
        assert!(!written.contains("            attributes:"), "{name}: {written}");
        let again = parse_project(&written, name).expect("reopens").project;
        assert!(
            again == loaded.project,
            "{name} changed on the way through version 3"
        );
    }
    // Version 2's own fields survive.
    let v2 = parse_project(V2, "v2").expect("opens").project;
    assert_eq!(v2.documents[0].rejected().len(), 1);
    assert!(v2.documents[0].annotation("s1").expect("s1").origin.is_some());
}

#[test]
fn version_3_file_opens_with_progress_and_is_written_back_byte_for_byte() {
    let loaded = parse_project(V3, "v3").expect("opens");
    assert_eq!(loaded.problems, vec![]);
    let p = &loaded.project;
    let statuses: Vec<Status> = p.documents.iter().map(|d| d.status()).collect();
    assert_eq!(statuses, [Status::InProgress, Status::Done, Status::New]);
    let d = &p.documents[0];
    assert_eq!(d.attribute("section"), Some("Politics"));
    assert_eq!(d.attribute("topic"), Some("حكومة"));
    let r = d.relation("r1").expect("r1");
    assert_eq!(r.attribute("certainty"), Some("likely"));
    assert_eq!(r.attribute("addressee"), Some("the 👩‍👩‍👧 committee"));
    let def = p.tagset.relation("said_by").expect("said_by");
    let names: Vec<&str> = def.attributes.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["addressee", "certainty"]);
    // The file is in the writer's own shape: one line per item, defaults
    // skipped (d3 has no status or attributes line), so saving it changes
    // no byte but the version (its speakers name no person: no register)
    // and a diff shows only what a user changed.
    assert_eq!(
        project_to_string(p).expect("writes"),
        V3.replace("format_version: 3,", "format_version: 4,")
    );
}

#[test]
fn a_relation_attribute_the_tag_set_does_not_define_is_reported_where_it_is() {
    let text = V3.replace("\"certainty\": \"likely\"", "\"mood\": \"grim\"");
    let loaded = parse_project(&text, "x").expect("opens");
    let found: Vec<_> = loaded
        .problems
        .iter()
        .filter(|lp| matches!(&lp.problem.kind, ProblemKind::UnknownRelationAttribute { kind, name } if kind == "said_by" && name == "mood"))
        .collect();
    assert_eq!(found.len(), 1, "{:?}", loaded.problems);
    assert_eq!(found[0].problem.id.as_deref(), Some("r1"));
    let line = text
        .lines()
        .position(|l| l.contains("(id: \"r1\""))
        .expect("r1 line")
        + 1;
    assert_eq!(found[0].line, Some(line));
    assert!(
        found[0]
            .to_string()
            .contains("relation kind \"said_by\" does not define")
    );
    // A value outside the kind's list is reported as for annotations.
    let text = V3.replace("\"certainty\": \"likely\"", "\"certainty\": \"maybe\"");
    let loaded = parse_project(&text, "x").expect("opens");
    assert!(
        loaded.problems.iter().any(
            |lp| matches!(&lp.problem.kind, ProblemKind::BadAttributeValue { value, .. } if value == "maybe")
        ),
        "{:?}",
        loaded.problems
    );
}

#[test]
fn an_unknown_status_is_a_syntax_error_with_its_place_not_a_panic() {
    let text = V3.replace("status: done,", "status: finished,");
    let err = parse_project(&text, "x").expect_err("refused");
    let line = text.lines().position(|l| l.contains("finished")).expect("line") + 1;
    let msg = err.to_string();
    assert!(msg.contains(&format!(":{line}:")), "{msg}");
}

#[test]
fn a_file_newer_than_the_conflicts_format_is_refused_as_newer() {
    // Version 5 is a file holding merge conflicts (issue 17), read since; 6 is unknown.
    let text = V3.replace("format_version: 3,", "format_version: 6,");
    let err = parse_project(&text, "x").expect_err("refused");
    assert!(err.to_string().contains('6'), "{err}");
}
