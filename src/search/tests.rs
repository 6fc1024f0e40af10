//! The search and "tag all" on texts a user would notice: several scripts,
//! emoji and accents, bad patterns, huge counts.

use std::collections::BTreeMap;

use super::*;
use crate::model::{CharRange, Document, History, Project, TagSet, TextIndex};

fn query(pattern: &str) -> Query {
    Query::plain(pattern)
}

/// The matched texts of `q` in `text`.
fn texts(text: &str, q: &Query) -> Vec<String> {
    let f = q.compile().expect("compiles");
    let idx = TextIndex::new(text);
    find_in(text, &f)
        .matches
        .iter()
        .map(|r| idx.slice(text, *r).to_string())
        .collect()
}

fn ranges(text: &str, q: &Query) -> Vec<(usize, usize)> {
    let f = q.compile().expect("compiles");
    find_in(text, &f)
        .matches
        .iter()
        .map(|r| (r.start, r.end))
        .collect()
}

#[test]
fn plain_text_is_literal_and_case_folds_by_default() {
    let t = "Ms Dick said. MS DICK. (Dick?) dick+";
    assert_eq!(texts(t, &query("dick")), ["Dick", "DICK", "Dick", "dick"]);
    // Regex metacharacters are found literally.
    assert_eq!(texts(t, &query("(Dick?)")), ["(Dick?)"]);
    assert_eq!(texts(t, &query("dick+")), ["dick+"]);
    let exact = Query {
        match_case: true,
        ..query("Dick")
    };
    assert_eq!(texts(t, &exact), ["Dick", "Dick"]);
}

#[test]
fn regular_expressions() {
    let t = "Ms Dick said 12 times, Mr Khan said 3.";
    let q = Query {
        regex: true,
        ..query(r"M[rs] \w+")
    };
    assert_eq!(texts(t, &q), ["Ms Dick", "Mr Khan"]);
    let q = Query {
        regex: true,
        ..query(r"\d+")
    };
    assert_eq!(ranges(t, &q), [(13, 15), (36, 37)]);
    // ^ and $ work per line.
    let q = Query {
        regex: true,
        ..query("^said")
    };
    assert_eq!(ranges("x said\nsaid y", &q), [(7, 11)]);
}

#[test]
fn char_offsets_after_multibyte_text() {
    // Each of these precedes "Dick" with chars of 2, 3 and 4 bytes (and a cluster of several chars).
    let t = "é 中文 😀 👩\u{200d}👩\u{200d}👧 “Dick” Dick";
    let found = ranges(t, &query("Dick"));
    let chars: Vec<char> = t.chars().collect();
    assert_eq!(found.len(), 2);
    for (s, e) in &found {
        let got: String = chars[*s..*e].iter().collect();
        assert_eq!(got, "Dick", "char range {s}..{e}");
    }
    // The walk from one match to the next keeps counting right.
    let long = "😀a".repeat(300);
    let q = Query {
        match_case: true,
        ..query("a")
    };
    let r = ranges(&long, &q);
    assert_eq!(r.len(), 300);
    assert!(
        r.iter()
            .enumerate()
            .all(|(i, &(s, e))| s == 2 * i + 1 && e == s + 1)
    );
}

#[test]
fn whole_words_latin_with_apostrophes_and_accents() {
    let t = "Dick's Dickens dick Dick, (Dick)";
    let q = Query {
        whole_words: true,
        ..query("dick")
    };
    assert_eq!(ranges(t, &q), [(0, 4), (15, 19), (20, 24), (27, 31)]);
    // A combining accent is part of its letter's word: "cafe" is not a
    // whole word of "cafe\u{301}", and "e" never matches half of "e\u{301}".
    let t = "cafe\u{301} cafe";
    let q = Query {
        whole_words: true,
        ..query("cafe")
    };
    assert_eq!(ranges(t, &q), [(6, 10)]);
    assert_eq!(ranges("e\u{301} e", &query("e")), [(3, 4)]);
    // Matching the accented word whole works.
    let q = Query {
        whole_words: true,
        ..query("cafe\u{301}")
    };
    assert_eq!(ranges(t, &q), [(0, 5)]);
}

#[test]
fn whole_words_around_emoji_and_flags() {
    let t = "police👮 👮police 🇬🇧UK UK🇬🇧 👩\u{200d}👩\u{200d}👧";
    let q = Query {
        whole_words: true,
        ..query("police")
    };
    // An emoji is no word char: "police" next to one is a whole word.
    assert_eq!(texts(t, &q), ["police", "police"]);
    let q = Query {
        whole_words: true,
        ..query("UK")
    };
    assert_eq!(texts(t, &q).len(), 2);
    // Half a flag (one regional indicator) or one person of a family is never a match.
    assert!(ranges(t, &query("\u{1F1EC}")).is_empty());
    assert!(ranges(t, &query("👩")).is_empty());
    // The whole family is.
    assert_eq!(texts(t, &query("👩\u{200d}👩\u{200d}👧")).len(), 1);
}

#[test]
fn whole_words_in_cjk_and_right_to_left_text() {
    // Ideographs are words of their own: one in a run of them is a whole word.
    let t = "中文字符和中文";
    let q = Query {
        whole_words: true,
        ..query("中文")
    };
    assert_eq!(ranges(t, &q), [(0, 2), (5, 7)]);
    // Arabic and Hebrew words are separated by spaces; part of a word is not whole.
    let t = "قال الشرطة إن الشرطي";
    let q = Query {
        whole_words: true,
        ..query("الشرطة")
    };
    assert_eq!(ranges(t, &q), [(4, 10)]);
    let plain = query("الشرط");
    assert_eq!(ranges(t, &plain).len(), 2);
    let q = Query {
        whole_words: true,
        ..query("שלום")
    };
    assert_eq!(ranges("שלום עולם, שלומי", &q), [(0, 4)]);
}

#[test]
fn empty_matches_are_skipped_and_counted() {
    let q = Query {
        regex: true,
        ..query("x*")
    };
    let f = q.compile().expect("compiles");
    let found = find_in("axxb", &f);
    assert_eq!(found.matches, [CharRange { start: 1, end: 3 }]);
    assert!(found.empty_skipped > 0);
    let q = Query {
        regex: true,
        ..query(r"\b")
    };
    let found = find_in("two words", &q.compile().expect("compiles"));
    assert!(found.matches.is_empty());
    assert_eq!(found.empty_skipped, 4);
}

#[test]
fn a_bad_regex_is_a_typed_error_with_the_regex_message() {
    let q = Query {
        regex: true,
        ..query("Dick (said")
    };
    let err = q.compile().expect_err("unclosed group");
    match &err {
        SearchError::BadRegex { pattern, message } => {
            assert_eq!(pattern, "Dick (said");
            assert!(message.contains("unclosed group"), "{message}");
        }
        other => panic!("wrong error {other:?}"),
    }
    assert!(err.short().contains("unclosed group"), "{}", err.short());
    assert!(!err.short().contains('\n'));
    // The same text as plain text is fine.
    assert!(query("Dick (said").compile().is_ok());
    assert_eq!(query("").compile().expect_err("empty"), SearchError::EmptyPattern);
}

#[test]
fn a_pathological_regex_is_refused_not_compiled() {
    let q = Query {
        regex: true,
        ..query(r"\w{1000}{1000}")
    };
    assert!(matches!(
        q.compile(),
        Err(SearchError::TooBig { .. } | SearchError::BadRegex { .. })
    ));
}

#[test]
fn matches_are_capped_and_say_so() {
    let text = "a ".repeat(1000);
    let q = Query {
        limit: 100,
        ..query("a")
    };
    let found = find_in(&text, &q.compile().expect("compiles"));
    assert_eq!(found.matches.len(), 100);
    assert!(found.capped);
    let q = Query {
        limit: 1000,
        ..query("a")
    };
    let found = find_in(&text, &q.compile().expect("compiles"));
    assert_eq!(found.matches.len(), 1000);
    assert!(!found.capped, "exactly the limit is not capped");
}

fn project(texts: &[&str]) -> Project {
    Project {
        people: Default::default(),
        name: "p".into(),
        annotator: "Ana".into(),
        tagset: TagSet::default(),
        documents: texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(format!("d{i}"), format!("D{i}"), *t))
            .collect(),
        conflicts: Vec::new(),
    }
}

#[test]
fn find_all_lists_documents_with_hits_in_order_under_one_cap() {
    let p = project(&["Khan said", "nothing here", "Khan and Khan", "KHAN"]);
    let f = query("khan").compile().expect("compiles");
    let hits = find_all(&p, &f);
    let docs: Vec<(usize, usize)> = hits.iter().map(|h| (h.doc, h.found.matches.len())).collect();
    assert_eq!(docs, [(0, 1), (2, 2), (3, 1)]);
    let f = Query {
        limit: 2,
        ..query("khan")
    }
    .compile()
    .expect("compiles");
    let hits = find_all(&p, &f);
    let total: usize = hits.iter().map(|h| h.found.matches.len()).sum();
    assert_eq!(total, 2);
    assert!(hits.last().expect("some").found.capped);
}

#[test]
fn locate_gives_line_column_and_context() {
    let text = "Title 😀\n\nMs Dick said “the police” would act. Dick left.";
    let f = query("dick").compile().expect("compiles");
    let found = find_in(text, &f);
    let at = locate(text, &found.matches);
    assert_eq!(at.len(), 2);
    assert_eq!((at[0].line, at[0].column), (3, 4));
    assert_eq!(at[0].before, "Ms ");
    assert_eq!(at[0].text, "Dick");
    assert!(at[0].after.starts_with(" said “the police”"));
    assert_eq!((at[1].line, at[1].column), (3, 38));
    // Long lines are cut to a window around the match.
    let long = format!("{}Dick{}", "x".repeat(100), "y".repeat(100));
    let at = locate(&long, &find_in(&long, &f).matches);
    assert!(at[0].before.starts_with('…') && at[0].after.ends_with('…'));
    assert_eq!(at[0].before.chars().count(), 41);
}

#[test]
fn tag_all_is_one_step_skips_what_is_tagged_and_undoes_at_once() {
    let mut p = project(&["Khan said. Mr Khan, Khan's aide, and KHAN."]);
    let f = Query {
        whole_words: true,
        ..query("khan")
    }
    .compile()
    .expect("compiles");
    let found = find_in(p.documents[0].text(), &f);
    assert_eq!(found.matches.len(), 4);
    let mut history = History::default();

    // Tag the first one by hand; tag all then skips it.
    let first = tag_all(&p, 0, &found.matches[..1], "Speaker", &BTreeMap::new()).expect("tags");
    history
        .perform(&mut p, first.edit.expect("one"), "Tag Speaker", None)
        .expect("applies");
    let attrs = BTreeMap::from([("person".to_string(), "Sadiq Khan".to_string())]);
    let all = tag_all(&p, 0, &found.matches, "Speaker", &attrs).expect("tags");
    assert_eq!((all.tagged, all.already), (3, 1));
    assert_eq!(all.summary(), "tagged 3, 1 already tagged");
    history
        .perform(&mut p, all.edit.expect("some"), "Tag all Speaker", None)
        .expect("applies");
    let d = &p.documents[0];
    assert_eq!(d.annotation_count(), 4);
    assert_eq!(
        d.annotations()
            .filter(|a| a.attribute("person") == Some("Sadiq Khan"))
            .count(),
        3
    );
    assert!(
        d.annotations()
            .all(|a| a.covered_text().eq_ignore_ascii_case("khan"))
    );

    // Again: everything is tagged already, nothing to do.
    let again = tag_all(&p, 0, &found.matches, "Speaker", &attrs).expect("tags");
    assert_eq!((again.tagged, again.already), (0, 4));
    assert!(again.edit.is_none());
    // Tagged with another label over the same range does not count as tagged.
    let other = tag_all(&p, 0, &found.matches, "Cue", &BTreeMap::new()).expect("tags");
    assert_eq!((other.tagged, other.already), (4, 0));

    // One undo removes all three.
    history.undo(&mut p).expect("undoes");
    assert_eq!(p.documents[0].annotation_count(), 1);
    history.redo(&mut p).expect("redoes");
    assert_eq!(p.documents[0].annotation_count(), 4);
}

#[test]
fn tag_all_refuses_unknown_labels_and_attributes() {
    let p = project(&["Khan"]);
    let m = [CharRange { start: 0, end: 4 }];
    let err = tag_all(&p, 0, &m, "Speakr", &BTreeMap::new()).expect_err("no such label");
    assert!(matches!(err, TagError::UnknownLabel { .. }));
    assert!(err.to_string().contains("Speakr") && err.to_string().contains("Speaker"));
    let bad_key = BTreeMap::from([("age".to_string(), "3".to_string())]);
    let err = tag_all(&p, 0, &m, "Speaker", &bad_key).expect_err("no such attribute");
    assert!(err.to_string().contains("\"age\"") && err.to_string().contains("person"));
    let bad_value = BTreeMap::from([("kind".to_string(), "loud".to_string())]);
    let err = tag_all(&p, 0, &m, "Quote", &bad_value).expect_err("not an allowed value");
    assert!(err.to_string().contains("direct, indirect, mixed"));
    let err = tag_all(
        &p,
        0,
        &[CharRange { start: 2, end: 9 }],
        "Quote",
        &BTreeMap::new(),
    )
    .expect_err("out of the text");
    assert!(matches!(err, TagError::OutOfRange { .. }));
}
