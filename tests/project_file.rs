//! The `.qb.ron` project file as a user meets it: what is saved opens again
//! unchanged, the file is diff-friendly and deterministic, saving is safe,
//! and every kind of broken file is reported with where, never a panic.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use quotebench::format::{
    FormatError, backup_path, load_project, parse_project, project_to_string, save_project,
};
use quotebench::model::{
    Annotation, AttributeDef, CharRange, Document, Edit, FORMAT_VERSION, Fragment, LabelDef, Origin,
    ProblemKind, Project, Rejection, Relation, Source, TagSet, validate,
};

// ---------------------------------------------------------------- helpers

/// Char range of the first occurrence of `needle` in `text`.
fn find(text: &str, needle: &str) -> (usize, usize) {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn ann(doc: &Document, id: &str, label: &str, needles: &[&str]) -> Annotation {
    Annotation {
        id: id.into(),
        label: label.into(),
        fragments: needles
            .iter()
            .map(|n| {
                let (start, end) = find(doc.text(), n);
                Fragment {
                    start,
                    end,
                    text: doc.slice(CharRange::new(start, end)).to_string(),
                }
            })
            .collect(),
        attributes: BTreeMap::new(),
        note: String::new(),
        created: "2024-05-01T10:00:00Z".into(),
        modified: "2024-05-02T11:30:00Z".into(),
        annotators: Vec::new(),
        origin: None,
    }
}

fn attr(mut a: Annotation, name: &str, value: &str) -> Annotation {
    a.attributes.insert(name.into(), value.into());
    a
}

fn rel(id: &str, kind: &str, from: &str, to: &str) -> Relation {
    Relation {
        id: id.into(),
        kind: kind.into(),
        from: from.into(),
        to: to.into(),
        attributes: Default::default(),
    }
}

fn add(p: &mut Project, doc: usize, a: Annotation) {
    Edit::AddAnnotation { doc, annotation: a }
        .apply(p)
        .expect("add annotation");
}

fn link(p: &mut Project, doc: usize, r: Relation) {
    Edit::AddRelation { doc, relation: r }
        .apply(p)
        .expect("add relation");
}

/// Text with curly quotes, guillemets, a ZWJ emoji, a flag, CJK, combining
/// marks, Arabic and Hebrew, a tab, a CRLF, and the characters RON strings
/// care about: `"`, `\`, `#` and `"#` / `"##`.
const TEXT_CRLF: &str = "Le ministre a dit : « Ça va » — “Wir schaffen das,” sagte sie.\r\n\
👩‍👩‍👧 🇬🇧 中文字符 e\u{301}le\u{300}ve مرحبا بالعالم עברית\tTab \"quoted\" back\\slash # hash \"# raw-end \"## more\n\
last line";

/// No CR: this text is written as a raw multi-line string.
const TEXT_RAW: &str = "He said \"stop\" and \"#not yet\"# — path C:\\temp\\new, \"## done.\n\
\t“Curly” 😀 中文 e\u{301} مرحبا עברית\n\
“We will go,” she said, “and soon.”";

/// A project of two documents exercising everything the file must carry.
fn tricky_project() -> Project {
    let mut tagset = TagSet::default();
    tagset.labels.push(LabelDef {
        name: "Évaluation \"n°1\"".into(),
        color: "#123abc".into(),
        key: "e".into(),
        attributes: vec![AttributeDef {
            name: "stance".into(),
            values: vec!["pour".into(), "contre \\ neutre".into(), "😀".into()],
        }],
    });
    let mut p = Project {
        people: Default::default(),
        name: "Tricky \"#project\" with \\ and 😀".into(),
        annotator: "Zoë \"Z\" 李".into(),
        tagset,
        documents: vec![],
        conflicts: Vec::new(),
    };
    let mut d0 = Document::new("crlf-doc", "Title with \"#hash\"# and\ttab", TEXT_CRLF);
    d0.source = Some(Source {
        url: "https://example.org/a#b?c=\"d\"".into(),
        outlet: "Le Monde".into(),
        date: "2024-05-01".into(),
    });
    let d1 = Document::new("raw-doc", "Raw", TEXT_RAW);
    for (i, d) in [d0, d1].into_iter().enumerate() {
        Edit::AddDocument {
            index: i,
            document: Box::new(d),
        }
        .apply(&mut p)
        .expect("add document");
    }

    let d = &p.documents[0];
    let anns = vec![
        attr(ann(d, "q-ü1", "Quote", &["Ça va"]), "kind", "direct"),
        attr(
            ann(d, "q2", "Quote", &["Wir schaffen das", "👩‍👩‍👧 🇬🇧 中文字符"]),
            "kind",
            "direct",
        ),
        attr(ann(d, "s1", "Speaker", &["sie"]), "person", "Angela Merkel"),
        ann(d, "c1", "Cue", &["sagte"]),
        // Overlapping and nested claims over the tricky characters.
        attr(
            ann(d, "m1", "Claim", &["e\u{301}le\u{300}ve مرحبا بالعالم"]),
            "check_worthy",
            "yes",
        ),
        ann(d, "m2", "Claim", &["مرحبا بالعالم עברית\tTab"]),
        ann(d, "m3", "Claim", &["بالعالم"]),
        ann(
            d,
            "m4",
            "Claim",
            &["\"quoted\" back\\slash # hash \"# raw-end \"##"],
        ),
        // Same range as m3, different id: order is by id.
        ann(d, "m0", "Claim", &["بالعالم"]),
        attr(
            ann(d, "e1", "Évaluation \"n°1\"", &["Tab"]),
            "stance",
            "contre \\ neutre",
        ),
        // Across the CRLF to the end of the ZWJ family (half of it would
        // split a character: validate reports that).
        ann(d, "cr", "Claim", &[".\r\n👩\u{200d}👩\u{200d}👧"]),
    ];
    for mut a in anns {
        if a.id == "m4" {
            a.note = "a note with \"quotes\", a \\ backslash,\na new line, ), ], # and \"#".into();
        }
        add(&mut p, 0, a);
    }
    for r in [
        rel("r1", "said_by", "q2", "s1"),
        rel("r2", "cue_of", "c1", "q2"),
        rel("r0", "said_by", "q-ü1", "s1"),
    ] {
        link(&mut p, 0, r);
    }

    let d = &p.documents[1];
    let anns = vec![
        attr(
            ann(d, "q1", "Quote", &["We will go", "and soon."]),
            "kind",
            "direct",
        ),
        attr(ann(d, "s1", "Speaker", &["she"]), "person", ""),
        ann(d, "c1", "Cue", &["said"]),
        ann(d, "m1", "Claim", &["\"stop\" and \"#not yet\"#"]),
        ann(d, "m2", "Claim", &["C:\\temp\\new, \"## done.\n\t“Curly”"]),
    ];
    for a in anns {
        add(&mut p, 1, a);
    }
    for r in [rel("r1", "said_by", "q1", "s1"), rel("r2", "cue_of", "c1", "q1")] {
        link(&mut p, 1, r);
    }
    assert_eq!(validate(&p), vec![], "the fixture itself is clean");
    p
}

fn sample() -> Project {
    let loaded = parse_project(quotebench::SAMPLE_PROJECT, "sample.qb.ron").expect("sample parses");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.project
}

/// A small clean project whose file text the error tests then break.
fn small_project() -> Project {
    let text = "“It is half a step on,” she told the committee. “This is small.” Crime rose.";
    let mut p = Project::from_text("Small", text, "tester");
    let d = &p.documents[0];
    let anns = vec![
        attr(
            ann(d, "a1", "Quote", &["It is half a step on", "This is small."]),
            "kind",
            "direct",
        ),
        attr(ann(d, "a2", "Speaker", &["she"]), "person", "Cressida Dick"),
        ann(d, "a3", "Cue", &["told the committee"]),
        attr(ann(d, "a4", "Claim", &["Crime rose"]), "check_worthy", "yes"),
    ];
    for a in anns {
        add(&mut p, 0, a);
    }
    link(&mut p, 0, rel("r1", "said_by", "a1", "a2"));
    link(&mut p, 0, rel("r2", "cue_of", "a3", "a1"));
    p
}

/// 1-based line and column of the first occurrence of `needle`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in file"));
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn dir_entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn save_and_load(p: &Project) -> (Project, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.qb.ron");
    save_project(p, &path).expect("save");
    let written = fs::read_to_string(&path).expect("read back");
    let loaded = load_project(&path).expect("load");
    assert_eq!(loaded.problems, vec![], "a saved clean project opens clean");
    (loaded.project, written)
}

// ----------------------------------------------------------- round trips

#[test]
fn sample_survives_save_and_open_unchanged() {
    let p = sample();
    let (back, _) = save_and_load(&p);
    assert_eq!(back, p);
}

#[test]
fn unicode_escapes_overlaps_and_fragments_survive_save_and_open() {
    let p = tricky_project();
    let (back, written) = save_and_load(&p);
    assert_eq!(back, p);
    // Spot checks that equality really covered the tricky parts.
    let d = &back.documents[0];
    assert_eq!(d.text(), TEXT_CRLF);
    assert_eq!(d.annotation("q2").map(|a| a.fragments.len()), Some(2));
    assert_eq!(
        d.annotation("m4").map(|a| a.note.as_str()),
        Some("a note with \"quotes\", a \\ backslash,\na new line, ), ], # and \"#")
    );
    assert_eq!(back.documents[1].text(), TEXT_RAW);
    assert_eq!(back.name, "Tricky \"#project\" with \\ and 😀");
    assert!(written.contains("Zoë"), "non-ASCII is written as is");
}

#[test]
fn text_without_control_characters_is_a_raw_multiline_string() {
    let p = tricky_project();
    let written = project_to_string(&p).expect("serialise");
    // Longest run of `#` after a `"` in TEXT_RAW is two: three hashes close it.
    let raw_start = format!("text: r###\"{}", TEXT_RAW.lines().next().expect("line"));
    assert!(written.contains(&raw_start), "{written}");
    // Each line of the text is a line of the file, so a changed word is a changed line.
    let lines: Vec<&str> = TEXT_RAW.lines().collect();
    let (last, middle) = lines[1..].split_last().expect("three lines");
    for line in middle {
        assert!(
            written.lines().any(|l| l == *line),
            "{line:?} not a line of the file"
        );
    }
    let last = format!("{last}\"###,");
    assert!(
        written.lines().any(|l| l == last),
        "{last:?} not a line of the file"
    );
    // A text with a CR cannot be a raw string (it would not survive editors): escaped.
    assert!(written.contains("sagte sie.\\r\\n"), "{written}");
    // Plain text needs no raw string at all.
    let plain = Project::from_text("p", "one\ntwo", "a");
    let written = project_to_string(&plain).expect("serialise");
    assert!(written.contains("text: \"one\ntwo\","), "{written}");
    let back = parse_project(&written, "p").expect("parse");
    assert_eq!(back.project, plain);
}

#[test]
fn one_line_per_annotation_and_relation_in_file_order() {
    let p = tricky_project();
    let written = project_to_string(&p).expect("serialise");
    let anns: usize = p.documents.iter().map(Document::annotation_count).sum();
    let rels: usize = p.documents.iter().map(|d| d.relations().count()).sum();
    let id_lines = written.lines().filter(|l| l.contains("id:")).count();
    assert_eq!(id_lines, anns + rels + p.documents.len(), "{written}");

    // Every item line is a whole item by itself, in position order (start,
    // end, id) for annotations and id order for relations.
    let mut ann_lines: Vec<Vec<Annotation>> = vec![vec![]; p.documents.len()];
    let mut rel_lines: Vec<Vec<Relation>> = vec![vec![]; p.documents.len()];
    let mut doc = 0;
    let mut seen_doc = false;
    for line in written.lines() {
        let item = line.trim().trim_end_matches(',');
        if line.trim_start().starts_with("id: ") {
            if seen_doc {
                doc += 1;
            }
            seen_doc = true;
        } else if item.starts_with("(id:") && item.contains("kind:") {
            rel_lines[doc].push(ron::from_str(item).expect("relation line parses alone"));
        } else if item.starts_with("(id:") {
            ann_lines[doc].push(ron::from_str(item).expect("annotation line parses alone"));
        }
    }
    for (i, d) in p.documents.iter().enumerate() {
        let mut expected: Vec<Annotation> = d.annotations().cloned().collect();
        expected.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        assert_eq!(ann_lines[i], expected);
        let ids: Vec<&str> = ann_lines[i].iter().map(|a| a.id.as_str()).collect();
        if i == 0 {
            // m3 and m0 share a range: the id breaks the tie. m2 starts inside m1.
            let pos = |id: &str| ids.iter().position(|x| *x == id).expect("id");
            assert!(pos("m0") + 1 == pos("m3"), "{ids:?}");
            assert!(pos("m1") < pos("m2") && pos("m2") < pos("m0"), "{ids:?}");
        }
        let mut rels: Vec<Relation> = d.relations().cloned().collect();
        rels.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(rel_lines[i], rels);
    }
}

#[test]
fn saving_is_deterministic() {
    let p = tricky_project();
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.qb.ron");
    let b = dir.path().join("b.qb.ron");
    save_project(&p, &a).expect("save");
    save_project(&p, &b).expect("save");
    let first = fs::read(&a).expect("read");
    assert_eq!(first, fs::read(&b).expect("read"));
    // Saving what was opened gives the same bytes again.
    let reopened = load_project(&a).expect("load").project;
    save_project(&reopened, &b).expect("save");
    assert_eq!(first, fs::read(&b).expect("read"));

    // The same annotations made in another order write the same file.
    let mut q = tricky_project();
    for d in 0..q.documents.len() {
        let anns: Vec<Annotation> = q.documents[d].annotations().cloned().collect();
        let rels: Vec<Relation> = q.documents[d].relations().cloned().collect();
        for r in &rels {
            Edit::RemoveRelation {
                doc: d,
                id: r.id.clone(),
            }
            .apply(&mut q)
            .expect("remove");
        }
        for a in &anns {
            Edit::DeleteAnnotation {
                doc: d,
                id: a.id.clone(),
            }
            .apply(&mut q)
            .expect("remove");
        }
        for a in anns.into_iter().rev() {
            add(&mut q, d, a);
        }
        for r in rels.into_iter().rev() {
            link(&mut q, d, r);
        }
    }
    assert_eq!(q, p);
    assert_eq!(
        project_to_string(&q).expect("s"),
        project_to_string(&p).expect("s")
    );
}

#[test]
fn file_starts_with_the_header_comment() {
    for p in [sample(), tricky_project(), Project::default()] {
        let written = project_to_string(&p).expect("serialise");
        assert!(
            written.starts_with("// Quotebench project file (see docs/FORMAT.md)\n"),
            "{}",
            &written[..80.min(written.len())]
        );
        assert!(written.contains(&format!("format_version: {FORMAT_VERSION},")));
    }
}

// ------------------------------------------------------------ safe saving

#[test]
fn saving_over_a_file_keeps_the_previous_one_as_bak() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("article.qb.ron");
    let bak = backup_path(&path);
    assert_eq!(bak, dir.path().join("article.qb.ron.bak"));

    let mut p = small_project();
    save_project(&p, &path).expect("first save");
    assert!(!bak.exists(), "nothing to back up on the first save");
    assert_eq!(dir_entries(dir.path()), ["article.qb.ron"]);
    let first = fs::read(&path).expect("read");

    Edit::SetProjectInfo {
        name: "Second".into(),
        annotator: "tester".into(),
    }
    .apply(&mut p)
    .expect("edit");
    save_project(&p, &path).expect("second save");
    let second = fs::read(&path).expect("read");
    assert_ne!(first, second);
    assert_eq!(fs::read(&bak).expect("bak"), first);
    assert_eq!(load_project(&bak).expect("bak opens").project.name, "Small");

    Edit::SetProjectInfo {
        name: "Third".into(),
        annotator: "tester".into(),
    }
    .apply(&mut p)
    .expect("edit");
    save_project(&p, &path).expect("third save");
    assert_eq!(
        fs::read(&bak).expect("bak"),
        second,
        "the .bak is the version just replaced"
    );
    assert_eq!(load_project(&path).expect("open").project.name, "Third");
    // No temporary files left behind.
    assert_eq!(dir_entries(dir.path()), ["article.qb.ron", "article.qb.ron.bak"]);
}

#[test]
fn saving_into_a_missing_folder_fails_naming_the_file_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("no-such-folder").join("p.qb.ron");
    let err = save_project(&small_project(), &path).expect_err("must fail");
    assert!(matches!(err, FormatError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("p.qb.ron"), "{err}");
    assert!(dir_entries(dir.path()).is_empty());
}

// ----------------------------------------------------------- broken files

#[test]
fn malformed_ron_reports_line_and_column() {
    let good = project_to_string(&small_project()).expect("serialise");
    // Drop the comma between two fields of annotation a3.
    let bad = good.replacen("(id: \"a3\", label", "(id: \"a3\" label", 1);
    assert_ne!(bad, good);
    let (line, id_col) = line_col(&bad, "(id: \"a3\"");
    let label_col = id_col + "(id: \"a3\" ".len();
    match parse_project(&bad, "dir/broken.qb.ron") {
        Err(
            ref e @ FormatError::Syntax {
                ref path,
                line: l,
                column,
                ref message,
            },
        ) => {
            assert_eq!(path, "dir/broken.qb.ron");
            assert_eq!((l, column), (line, label_col), "{e}");
            assert!(!message.is_empty());
            assert!(
                e.to_string()
                    .starts_with(&format!("dir/broken.qb.ron:{line}:{label_col}: ")),
                "{e}"
            );
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }

    // The column is that of the offending token, not of the blanks before it,
    // also when the token is on the next line.
    let bad = good.replacen("annotator: \"tester\",", "annotator: tester\",", 1);
    let (line, col) = line_col(&bad, "tester\",");
    match parse_project(&bad, "x") {
        Err(FormatError::Syntax { line: l, column, .. }) => assert_eq!((l, column), (line, col)),
        other => panic!("expected a syntax error, got {other:?}"),
    }
    let bad = good.replacen("annotator: \"tester\",", "annotator:\n      tester\",", 1);
    let (line, col) = line_col(&bad, "tester\",");
    assert_eq!(col, 7);
    match parse_project(&bad, "x") {
        Err(FormatError::Syntax { line: l, column, .. }) => assert_eq!((l, column), (line, col)),
        other => panic!("expected a syntax error, got {other:?}"),
    }

    // An error on the first line of a file, and a wrong type deeper in.
    let err = parse_project("format_version 1", "x").expect_err("bad");
    assert!(matches!(err, FormatError::Syntax { line: 1, .. }), "{err:?}");
    let bad = good.replacen("start: ", "start: \"", 1);
    let (line, _) = line_col(&bad, "start: \"");
    let err = parse_project(&bad, "x").expect_err("bad");
    assert!(
        matches!(err, FormatError::Syntax { line: l, .. } if l == line),
        "{err:?}"
    );
}

#[test]
fn a_truncated_file_is_a_syntax_error_never_a_panic() {
    let full = quotebench::SAMPLE_PROJECT;
    let half = &full[..full.floor_char_boundary(full.len() / 2)];
    let err = parse_project(half, "half.qb.ron").expect_err("truncated");
    assert!(matches!(err, FormatError::Syntax { .. }), "{err:?}");
    // Anywhere it is cut (short of the closing parenthesis): an error, no panic.
    let end = full.trim_end().len() - 1;
    let mut at = 0;
    while at < end {
        let cut = full.floor_char_boundary(at);
        match parse_project(&full[..cut], "cut.qb.ron") {
            Err(FormatError::Syntax { line, column, .. }) => {
                assert!(line >= 1 && column >= 1, "cut at {cut}");
            }
            other => panic!("cut at {cut}: {other:?}"),
        }
        at += 211;
    }
}

#[test]
fn a_newer_format_version_is_refused_by_number() {
    let good = project_to_string(&small_project()).expect("serialise");
    let newer = good.replacen(
        &format!("format_version: {FORMAT_VERSION},"),
        "format_version: 99,",
        1,
    );
    // A newer file may also have fields this version does not know.
    let newer_fields = good.replacen(
        &format!("format_version: {FORMAT_VERSION},"),
        "format_version: 99,\n    reviewers: [(name: \"B\", done: true)],",
        1,
    );
    for text in [newer, newer_fields] {
        let err = parse_project(&text, "new.qb.ron").expect_err("newer");
        match &err {
            FormatError::NewerVersion { found, supported, .. } => {
                assert_eq!(*found, 99);
                assert_eq!(*supported, quotebench::model::CONFLICTS_FORMAT_VERSION);
            }
            other => panic!("expected NewerVersion, got {other:?}"),
        }
        let msg = err.to_string();
        assert!(msg.contains("99") && msg.contains("new.qb.ron"), "{msg}");
    }
}

#[test]
fn a_file_that_is_not_utf8_names_the_byte_offset() {
    let good = project_to_string(&small_project()).expect("serialise");
    let at = good.find("told the committee").expect("text");
    let mut bytes = good.clone().into_bytes();
    bytes[at] = 0xff;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("latin1.qb.ron");
    fs::write(&path, &bytes).expect("write");
    let err = load_project(&path).expect_err("not utf-8");
    match &err {
        FormatError::NotUtf8 {
            offset,
            path: p,
            article,
        } => {
            assert_eq!(*offset, at);
            assert!(p.ends_with("latin1.qb.ron"));
            assert!(!article, "a project file is data, not an article");
        }
        other => panic!("expected NotUtf8, got {other:?}"),
    }
    assert!(err.to_string().contains(&format!("offset {at}")), "{err}");
    // Reading a project as Windows-1252 would make no sense: no such hint.
    assert_eq!(err.hint(), None);
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bom.qb.ron");
    let mut bytes = vec![0xef, 0xbb, 0xbf];
    bytes.extend_from_slice(quotebench::SAMPLE_PROJECT.as_bytes());
    fs::write(&path, &bytes).expect("write");
    let loaded = load_project(&path).expect("a BOM is fine");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.project, sample());
}

#[test]
fn text_mismatch_loads_and_points_at_the_annotation_line() {
    let good = project_to_string(&small_project()).expect("serialise");
    // Someone edited the article text in the file: "Crime rose" -> "Crime fell".
    let bad = good.replacen("” Crime rose.", "” Crime fell.", 1);
    assert_ne!(bad, good);
    let loaded = parse_project(&bad, "edited.qb.ron").expect("still loads");
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    let lp = &loaded.problems[0];
    assert_eq!(lp.problem.id.as_deref(), Some("a4"));
    match &lp.problem.kind {
        ProblemKind::TextMismatch { stored, actual, .. } => {
            assert_eq!(stored, "Crime rose");
            assert_eq!(actual, "Crime fell");
        }
        other => panic!("expected a text mismatch, got {other:?}"),
    }
    let (line, col) = line_col(&bad, "id: \"a4\"");
    assert_eq!((lp.line, lp.column), (Some(line), Some(col)));
    assert!(bad.lines().nth(line - 1).expect("line").contains("Crime rose"));
    // Nothing is dropped: saving what was opened writes the annotation back
    // exactly as it was, with what it said it covered.
    let a4_line = bad.lines().nth(line - 1).expect("line");
    let resaved = project_to_string(&loaded.project).expect("serialise");
    assert!(
        resaved.lines().any(|l| l == a4_line),
        "{a4_line} lost:\n{resaved}"
    );
    assert!(lp.to_string().starts_with(&format!("{line}:{col}: ")), "{lp}");
}

#[test]
fn spans_whose_text_shifted_are_moved_back_onto_it_and_reported() {
    let good = project_to_string(&small_project()).expect("serialise");
    // Someone added words at the start of the article text in the file.
    let bad = good.replacen("text: \"“It is", "text: \"Yesterday, “It is", 1);
    assert_ne!(bad, good);
    let loaded = parse_project(&bad, "shifted.qb.ron").expect("loads");
    let d = &loaded.project.documents[0];
    // Every span is where its text now is.
    assert_eq!(d.annotation_count(), 4);
    for a in d.annotations() {
        for f in &a.fragments {
            assert_eq!(d.slice(f.range()), f.text, "{}", a.id);
        }
    }
    assert_eq!(
        d.annotation("a4").map(|a| a.fragments[0].start),
        Some(find(d.text(), "Crime rose").0)
    );
    // Each move is reported, at the annotation's line; nothing is set aside.
    let moved = loaded
        .problems
        .iter()
        .filter(|p| matches!(p.problem.kind, ProblemKind::Reanchored { .. }))
        .count();
    assert_eq!(moved, 5, "one per fragment: {:?}", loaded.problems);
    assert_eq!(loaded.problems.len(), 5, "{:?}", loaded.problems);
    let a4 = loaded
        .problems
        .iter()
        .find(|p| p.problem.id.as_deref() == Some("a4"))
        .expect("a4 reported");
    assert_eq!(a4.line, Some(line_col(&bad, "id: \"a4\"").0));
    // Saved, the file has the new offsets and opens clean.
    let again = parse_project(&project_to_string(&loaded.project).expect("s"), "x").expect("parse");
    assert_eq!(again.problems, vec![]);
}

#[test]
fn duplicate_ids_are_kept_renamed_and_reported_at_the_duplicate() {
    let good = project_to_string(&small_project()).expect("serialise");
    // The Claim reuses the Speaker's id, and a relation reuses r1.
    let bad = good
        .replacen("(id: \"a4\"", "(id: \"a2\"", 1)
        .replacen("(id: \"r2\"", "(id: \"r1\"", 1);
    let loaded = parse_project(&bad, "dup.qb.ron").expect("loads");
    let d = &loaded.project.documents[0];
    assert_eq!(d.annotation_count(), 4, "both annotations are kept");
    assert_eq!(d.relations().count(), 2, "both relations are kept");
    let a2 = d.annotation("a2").expect("first keeps its id");
    assert_eq!(a2.label, "Speaker");
    let renamed = d
        .annotations()
        .find(|a| a.label == "Claim")
        .expect("the claim is kept");
    assert_ne!(renamed.id, "a2");
    assert!(renamed.id.starts_with("a2"), "{}", renamed.id);
    assert_eq!(renamed.fragments[0].text, "Crime rose");
    assert!(d.relations().any(|r| r.kind == "cue_of" && r.id != "r1"));

    let dups: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| p.problem.kind == ProblemKind::DuplicateId)
        .collect();
    assert_eq!(dups.len(), 2, "{:?}", loaded.problems);
    // Each points at the second occurrence: the one that was renamed.
    let second_line = |needle: &str| {
        let first = bad.find(needle).expect("first");
        let at = first + 1 + bad[first + 1..].find(needle).expect("second");
        bad[..at].matches('\n').count() + 1
    };
    let a2_dup = dups
        .iter()
        .find(|p| p.problem.id.as_deref() == Some("a2"))
        .expect("a2");
    assert_eq!(a2_dup.line, Some(second_line("id: \"a2\"")));
    let r1_dup = dups
        .iter()
        .find(|p| p.problem.id.as_deref() == Some("r1"))
        .expect("r1");
    assert_eq!(r1_dup.line, Some(second_line("id: \"r1\"")));
    // Saving what was loaded keeps everything and is clean of duplicates.
    let (resaved, _) = {
        let again = project_to_string(&loaded.project).expect("s");
        let back = parse_project(&again, "x").expect("parse");
        assert!(
            back.problems
                .iter()
                .all(|p| p.problem.kind != ProblemKind::DuplicateId),
            "{:?}",
            back.problems
        );
        (back.project, again)
    };
    assert_eq!(resaved, loaded.project);
}

#[test]
fn unknown_labels_and_missing_relation_ends_are_reported() {
    let good = project_to_string(&small_project()).expect("serialise");
    let bad = good
        .replacen("label: \"Claim\"", "label: \"Opinion\"", 1)
        .replacen("to: \"a1\")", "to: \"ghost\")", 1)
        .replacen("kind: \"said_by\"", "kind: \"quoted_in\"", 1);
    let loaded = parse_project(&bad, "x.qb.ron").expect("loads");
    let find_problem = |want: &ProblemKind| {
        loaded
            .problems
            .iter()
            .find(|p| &p.problem.kind == want)
            .unwrap_or_else(|| panic!("no {want:?} in {:?}", loaded.problems))
    };
    let p = find_problem(&ProblemKind::UnknownLabel("Opinion".into()));
    assert_eq!(p.problem.id.as_deref(), Some("a4"));
    assert_eq!(p.line, Some(line_col(&bad, "id: \"a4\"").0));
    let p = find_problem(&ProblemKind::MissingEndpoint("ghost".into()));
    assert_eq!(p.problem.id.as_deref(), Some("r2"));
    assert_eq!(p.line, Some(line_col(&bad, "id: \"r2\"").0));
    let p = find_problem(&ProblemKind::UnknownRelationKind("quoted_in".into()));
    assert_eq!(p.problem.id.as_deref(), Some("r1"));
    assert_eq!(loaded.problems.len(), 3, "{:?}", loaded.problems);
    // The faulty items are not lost: saving what was opened writes them back.
    let resaved = project_to_string(&loaded.project).expect("serialise");
    for needle in ["id: \"a4\"", "id: \"r2\""] {
        let line = bad.lines().find(|l| l.contains(needle)).expect("line");
        assert!(resaved.lines().any(|l| l == line), "{line} lost:\n{resaved}");
    }
}

// ------------------------------------------------------------- the sample

#[test]
fn sample_quotes_are_each_said_by_one_named_speaker_and_have_one_cue() {
    let p = sample();
    assert_eq!(validate(&p), vec![]);
    assert_eq!(p.documents.len(), 1);
    let d = &p.documents[0];
    let quotes: Vec<&Annotation> = d.annotations().filter(|a| a.label == "Quote").collect();
    assert!(!quotes.is_empty(), "the sample has quotes");
    for q in &quotes {
        let said_by: Vec<&Relation> = d
            .relations()
            .filter(|r| r.kind == "said_by" && r.from == q.id)
            .collect();
        assert_eq!(said_by.len(), 1, "{} has {} said_by", q.id, said_by.len());
        let speaker = d.annotation(&said_by[0].to).expect("speaker exists");
        assert_eq!(speaker.label, "Speaker", "{}", q.id);
        let person = speaker.attribute("person").unwrap_or("");
        assert!(!person.trim().is_empty(), "{} has no person", speaker.id);
        let cues = d
            .relations()
            .filter(|r| r.kind == "cue_of" && r.to == q.id)
            .count();
        assert_eq!(cues, 1, "{} has {cues} cues", q.id);
    }
    // The counts are the sample's own (it may be regenerated); what holds:
    // it shows every label, and each cue is the one cue of one quote.
    let counts = d.label_counts();
    for l in &p.tagset.labels {
        assert!(
            counts.get(l.name.as_str()).is_some_and(|n| *n > 0),
            "no {}",
            l.name
        );
    }
    assert_eq!(counts.get("Cue"), Some(&quotes.len()));
    assert_eq!(d.text(), quotebench::SAMPLE_TEXT);
}

// ------------------------------------------------------ docs/FORMAT.md

fn format_doc() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md"))
        .expect("docs/FORMAT.md exists")
}

/// The one ```ron block of docs/FORMAT.md.
fn format_doc_example(doc: &str) -> String {
    let start = doc.find("```ron\n").expect("a ```ron block") + "```ron\n".len();
    let len = doc[start..].find("\n```").expect("closing ```") + 1;
    assert!(
        !doc[start + len..].contains("```ron"),
        "FORMAT.md should have one ron block"
    );
    doc[start..start + len].to_string()
}

#[test]
fn format_doc_example_parses_clean_and_is_in_canonical_form() {
    let doc = format_doc();
    let example = format_doc_example(&doc);
    let loaded = parse_project(&example, "docs/FORMAT.md").expect("the example parses");
    assert_eq!(loaded.problems, vec![], "the example has problems");
    let p = &loaded.project;
    // What the example is there to show.
    let d = &p.documents[0];
    let quote = d
        .annotations()
        .find(|a| a.label == "Quote" && a.fragments.len() == 2)
        .expect("a quote in two fragments");
    let speaker = d.targets(&quote.id, "said_by").next().expect("said_by");
    assert!(speaker.attribute("person").is_some(), "speaker has a person");
    // Version 4: the speaker's person is in the register, with attributes.
    let person = p
        .people
        .get(speaker.attribute("person").unwrap_or_default())
        .expect("the speaker's person is in the register");
    assert!(person.aliases.contains(&speaker.covered_text()));
    assert_eq!(p.tagset.person_attributes.len(), 2);
    assert_eq!(d.sources(&quote.id, "cue_of").count(), 1, "a cue_of");
    assert!(d.annotations().any(|a| a.label == "Claim"));
    assert!(d.text().chars().any(|c| c.len_utf16() == 2), "an emoji");
    // Version 2: an accepted suggestion's origin and a rejected suggestion.
    let claim = d.annotations().find(|a| a.label == "Claim").expect("claim");
    let origin = claim.origin.as_ref().expect("the claim was suggested");
    assert_eq!(origin.by, "suggested");
    assert!(origin.confidence > 0.0 && origin.confidence <= 1.0);
    assert!(quote.origin.is_none(), "the quote was made by hand");
    assert_eq!(d.rejected().len(), 1, "a rejected suggestion");
    let quote_first = [quote.fragments[0].range()];
    assert!(
        d.is_rejected("Claim", &quote_first),
        "the rejection holds on this text"
    );
    // The example is exactly what Quotebench writes, so it cannot drift from it.
    assert_eq!(project_to_string(p).expect("serialise"), example);
}

#[test]
fn format_doc_offset_table_matches_the_example() {
    let doc = format_doc();
    let example = format_doc_example(&doc);
    let p = parse_project(&example, "docs/FORMAT.md").expect("parse").project;
    let d = &p.documents[0];
    let quote = d.annotations().find(|a| a.label == "Quote").expect("quote");
    let f = &quote.fragments[1];
    let text = d.text();
    let b = |c: usize| d.text_index().char_to_byte(text, c);
    let u = |c: usize| text[..b(c)].encode_utf16().count();
    for row in [
        format!("| Unicode scalar values (chars) | {} | {} |", f.start, f.end),
        format!("| UTF-8 bytes | {} | {} |", b(f.start), b(f.end)),
        format!("| UTF-16 code units | {} | {} |", u(f.start), u(f.end)),
    ] {
        assert!(doc.contains(&row), "FORMAT.md lacks the row {row:?}");
    }
}

// ------------------------------------------- format version 2: origin, rejected

#[test]
fn version_1_files_open_without_origins_or_rejections_and_save_as_the_current_version() {
    for (name, v1) in [
        (
            "fixtures/sample-2018.qb.ron",
            include_str!("fixtures/sample-2018.qb.ron"),
        ),
        ("assets/sample.qb.ron", quotebench::SAMPLE_PROJECT),
    ] {
        assert!(
            v1.contains("\n    format_version: 1,\n"),
            "{name} is a version-1 file"
        );
        let loaded = parse_project(v1, name).expect("a version-1 file opens");
        assert_eq!(loaded.problems, vec![], "{name}");
        let p = &loaded.project;
        assert!(p.documents.iter().all(|d| d.rejected().is_empty()), "{name}");
        assert!(
            p.documents
                .iter()
                .flat_map(|d| d.annotations())
                .all(|a| a.origin.is_none()),
            "{name}: hand-made annotations have no origin"
        );
        // Saved again: version 2, nothing new in it, the same project.
        let written = project_to_string(p).expect("writes");
        assert!(
            written.contains(&format!("\n    format_version: {FORMAT_VERSION},\n")),
            "{name}"
        );
        assert!(
            !written.contains("origin:") && !written.contains("rejected:"),
            "{name}"
        );
        let again = parse_project(&written, name).expect("reopens").project;
        assert!(
            again == *p,
            "{name} changed on the way through the current version"
        );
    }
    assert_eq!(FORMAT_VERSION, 4);
}

/// A project with an accepted suggestion (origin on quote and speaker) and
/// two rejected ones, over a text with emoji, CJK, combining marks and RTL.
fn suggested_project() -> Project {
    let text = "👩‍👩‍👧 e\u{301}té 中文 “We act now,” said the minister. “Or never.” מחר";
    let mut p = Project::from_text("v2", text, "ana");
    let d = &p.documents[0];
    let origin = Origin::suggested("quote followed by 'said X' — “ünïcode”", 0.875);
    let mut q = attr(
        ann(d, "q1", "Quote", &["“We act now,”", "“Or never.”"]),
        "kind",
        "direct",
    );
    q.origin = Some(Box::new(origin.clone()));
    let mut s = ann(d, "s1", "Speaker", &["the minister"]);
    s.origin = Some(Box::new(Origin {
        confidence: 1.0,
        ..origin
    }));
    let rejected = |label: &str, needle: &str, rule: &str| {
        let (start, end) = find(text, needle);
        Rejection {
            label: label.into(),
            fragments: vec![Fragment {
                start,
                end,
                text: needle.into(),
            }],
            rule: rule.into(),
        }
    };
    add(&mut p, 0, q);
    add(&mut p, 0, s);
    for r in [
        rejected("Claim", "中文", "a figure"),
        rejected("Quote", "e\u{301}té", "scare quotes, \"maybe\""),
    ] {
        Edit::Reject { doc: 0, rejection: r }
            .apply(&mut p)
            .expect("reject");
    }
    p
}

#[test]
fn origins_and_rejections_survive_save_and_open() {
    let p = suggested_project();
    let (loaded, written) = save_and_load(&p);
    assert_eq!(loaded, p);
    let d = &loaded.documents[0];
    let q = d.annotation("q1").expect("quote");
    let o = q.origin.as_ref().expect("origin kept");
    assert_eq!((o.by.as_str(), o.confidence), ("suggested", 0.875));
    assert!(o.rule.contains("“ünïcode”"));
    assert_eq!(d.rejected().len(), 2);
    // In text order, one a line, after the relations.
    assert!(d.rejected()[0].fragments[0].start < d.rejected()[1].fragments[0].start);
    let rej = written
        .find("            rejected: [\n")
        .expect("a rejected list");
    assert!(written.find("            relations: [").expect("relations") < rej);
    assert!(
        written.contains("origin: Some((by: \"suggested\", rule: "),
        "{written}"
    );
    assert!(d.is_rejected(
        "Claim",
        &[CharRange::new(find(d.text(), "中文").0, find(d.text(), "中文").1)]
    ));
    assert!(!d.is_rejected(
        "Quote",
        &[CharRange::new(find(d.text(), "中文").0, find(d.text(), "中文").1)]
    ));
    // Saving twice gives the same bytes.
    assert_eq!(project_to_string(&loaded).expect("writes"), written);
}

#[test]
fn a_rejection_whose_text_changed_is_kept_and_no_longer_applies() {
    let p = suggested_project();
    let written = project_to_string(&p).expect("writes");
    // Someone edits the article outside Quotebench: 中文 becomes 中国.
    let edited = written.replace("text: \"中文\"", "text: \"中国\"");
    assert_ne!(edited, written);
    let loaded = parse_project(&edited, "v2.qb.ron").expect("opens").project;
    let d = &loaded.documents[0];
    assert_eq!(d.rejected().len(), 2, "kept");
    let (s, e) = find(d.text(), "中文");
    assert!(
        !d.is_rejected("Claim", &[CharRange::new(s, e)]),
        "its text no longer matches"
    );
    assert_eq!(
        project_to_string(&loaded).expect("writes"),
        edited,
        "written back unchanged"
    );
}

#[test]
fn rejecting_and_forgetting_are_exact_undoable_edits() {
    let mut p = suggested_project();
    let before = p.clone();
    let r = p.documents[0].rejected()[0].clone();
    let undo = Edit::ForgetRejection {
        doc: 0,
        rejection: r.clone(),
    }
    .apply(&mut p)
    .expect("forget");
    assert_eq!(p.documents[0].rejected().len(), 1);
    assert!(matches!(
        Edit::ForgetRejection {
            doc: 0,
            rejection: r.clone()
        }
        .apply(&mut p.clone()),
        Err(quotebench::model::EditError::NoRejection(_))
    ));
    let redo = undo.apply(&mut p).expect("undo");
    assert_eq!(p, before);
    redo.apply(&mut p).expect("redo");
    assert_eq!(p.documents[0].rejected().len(), 1);
    // A rejection that does not fit the text is refused, and names why.
    let mut bad = r;
    bad.fragments[0].end = 10_000;
    let err = Edit::Reject {
        doc: 0,
        rejection: bad,
    }
    .apply(&mut p)
    .expect_err("out of range");
    assert!(err.to_string().contains("rejected Quote suggestion"), "{err}");
    assert!(err.to_string().contains("outside the text"), "{err}");
}

// ------------------------------------------- several files read together

/// `small_project` with three documents (d0..d2, the same text and tags).
fn three_documents() -> Project {
    let mut p = small_project();
    let d = p.documents[0].clone();
    for n in 1..3 {
        let (copy, _, _) = Document::from_parts(
            format!("d{n}"),
            format!("Small {n}"),
            None,
            d.text().to_string(),
            d.annotations().cloned().collect(),
            d.relations().cloned().collect(),
        );
        p.documents.push(copy);
    }
    p
}

/// A merge's versions are parsed together (a document the same in several
/// files parsed once): each result is what reading that file alone gives,
/// problems and their line:column included, whether its documents were
/// shared, its tag set differs, its layout is hand-made or it is broken.
#[test]
fn files_read_together_read_as_each_alone() {
    use quotebench::format::parse_projects;
    let base = project_to_string(&three_documents()).expect("writes");
    // Ours: d1's claim has a new note; d2 reuses an id (a problem to locate
    // in ours' own lines, in a document the same in theirs).
    let mut ours = three_documents();
    let mut a4 = ours.documents[1].annotation("a4").cloned().expect("a4");
    a4.note = "ours".into();
    Edit::ReplaceAnnotation {
        doc: 1,
        annotation: a4,
    }
    .apply(&mut ours)
    .expect("edit");
    let ours = project_to_string(&ours)
        .expect("writes")
        .replacen("(id: \"a4\"", "(id: \"a2\"", 3);
    // Theirs: another tag set (a label more), the documents unchanged.
    let mut theirs = three_documents();
    theirs.tagset.labels.push(LabelDef {
        name: "Aside".into(),
        color: "#123456".into(),
        key: "x".into(),
        attributes: vec![],
    });
    let theirs = project_to_string(&theirs).expect("writes");
    // Hand-laid: the whole file on fewer lines (read whole).
    let hand = base.replace("\n            text:", " text:");
    // Broken: cut short.
    let broken = base[..base.len() / 2].to_string();
    let files = [
        (base.as_str(), "base.qb.ron"),
        (ours.as_str(), "ours.qb.ron"),
        (theirs.as_str(), "theirs.qb.ron"),
        (hand.as_str(), "hand.qb.ron"),
        (broken.as_str(), "broken.qb.ron"),
    ];
    let together = parse_projects(&files);
    assert_eq!(together.len(), files.len());
    for ((text, path), got) in files.iter().zip(together) {
        match (got, parse_project(text, path)) {
            (Ok(got), Ok(alone)) => {
                assert!(got.project == alone.project, "{path}: the same project");
                assert_eq!(
                    got.problems, alone.problems,
                    "{path}: the same problems, same places"
                );
            }
            (Err(got), Err(alone)) => assert_eq!(got.to_string(), alone.to_string(), "{path}"),
            (got, alone) => panic!("{path}: together {got:?}, alone {alone:?}"),
        }
    }
    // Ours' duplicates are each found at their own line in ours.
    let alone = parse_project(&ours, "ours.qb.ron").expect("ours reads");
    let dups: Vec<_> = alone
        .problems
        .iter()
        .filter(|p| p.problem.kind == ProblemKind::DuplicateId)
        .collect();
    assert_eq!(dups.len(), 3, "{:?}", alone.problems);
    for p in dups {
        let line = p.line.expect("located");
        let at_line = ours.lines().nth(line - 1).expect("a line");
        assert!(
            at_line.contains("(id: \"a2\", label: \"Claim\""),
            "{p:?}: {at_line}"
        );
        let in_doc = &ours[..ours.lines().take(line).map(|l| l.len() + 1).sum::<usize>()];
        let doc_line = in_doc
            .rfind("            id: \"")
            .map(|i| &in_doc[i..])
            .expect("its document");
        assert!(
            doc_line.contains(&format!("\"{}\"", p.problem.document)),
            "{p:?}: {doc_line}"
        );
    }
}
