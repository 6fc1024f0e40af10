//! brat standoff: an article `NAME.txt` and its annotations `NAME.ann`.
//!
//! Offsets count Unicode code points of the `.txt` as Python reads it (a
//! BOM and the CR of CRLF count), half-open; fragments are `0 5;10 20` and
//! the covered-text field joins them with one space. How brat's lines become
//! the model:
//!
//! - `T12<TAB>Label 0 5;10 20<TAB>text`: an annotation with id
//!   `brat-ANNOTATOR-DOC-T12` (unique across annotators), its label mapped.
//!   The offsets rule, as in brat itself; a covered-text field that does not
//!   match the article is reported. A raw line break inside that field (it
//!   happens: PolNeAR has three) splits the line; the pieces that follow are
//!   reported as malformed lines, and when they complete the text the
//!   annotation is read whole.
//! - `R3<TAB>Type Arg1:T1 Arg2:T2`: a relation `Type` from T1 to T2.
//! - `E1<TAB>Type:T4 Role:T3 ...`: one relation `Type.Role` from the trigger
//!   T4 to each argument (an event with no argument: a relation `Type` from
//!   the trigger to itself), plus the product's own relations between the
//!   participants by their mapped labels: `said_by` from each Quote to each
//!   Speaker and `cue_of` from each Cue to each Quote.
//! - `A1<TAB>Name T3 [Value]` / `M1`: the annotation's attribute (a flag
//!   without value is `true`); `N1` normalisations: the attribute `norm`.
//! - `A7<TAB>Name R3 Value`: an attribute of the relation R3 (issue 13).
//!   brat's own tool shows attributes of entities and events only
//!   (nlplab/brat#791, #1259), but its standoff lines name any id; this is
//!   where Quotebench writes a relation's attributes, and reads them back.
//!   Relations written inside an event or an equivalence have no id, so
//!   their attributes are left out (the export report says how many).
//! - `#1<TAB>AnnotatorNotes T3<TAB>text`: the annotation's note.
//! - `*<TAB>Equiv T1 T2`: `Equiv` relations.
//!
//! Export writes the same lines back, labels mapped back, ids reused where
//! they came from brat; the `said_by`/`cue_of` relations an event already
//! implies are not written twice.

mod ann;
mod links;
mod offsets;
mod parse;
mod read;
mod write;

pub(super) use read::import;
pub(super) use write::export;

/// The attribute that holds brat `N` (normalisation) lines.
const NORM: &str = "norm";

#[cfg(test)]
mod tests {
    use super::parse::*;
    use super::write::*;
    use crate::model::Fragment;

    #[test]
    fn parses_lines() {
        let Ok(Record::Text {
            label,
            fragments,
            field,
            ..
        }) = parse_line("T1\tQuote 0 5;6 10\tab cd")
        else {
            panic!("T line");
        };
        assert_eq!(
            (label.as_str(), fragments, field.as_deref()),
            ("Quote", vec![(0, 5), (6, 10)], Some("ab cd"))
        );
        assert_eq!(
            parse_line("T1\tQuote 5 2\tx")
                .err()
                .map(|e| e.to_string())
                .as_deref(),
            Some("T1: fragment \"5 2\" ends before it starts")
        );
        assert_eq!(
            parse_line("T1\tQuote a b\tx").err(),
            Some(LineError::Fields {
                id: "T1".into(),
                what: FieldError::NotOffsetPairs {
                    offsets: "a b".into()
                }
            })
        );
        assert_eq!(parse_line("The number of people").err(), Some(LineError::NoTab));
        assert!(matches!(
            parse_line("E1\tAttribution:T4 Content:T3 Cue:T2"),
            Ok(Record::Event { args, .. }) if args.len() == 2
        ));
        assert!(matches!(
            parse_line("A1\tNegated T3"),
            Ok(Record::Attribute { value: None, .. })
        ));
        assert!(matches!(
            parse_line("#1\tAnnotatorNotes T66\tShould line 38"),
            Ok(Record::Note { text, .. }) if text == "Should line 38"
        ));
    }

    #[test]
    fn event_keys_and_numbers() {
        assert_eq!(
            event_key("brat-a-d-E5.Content", "Content").as_deref(),
            Some("brat-a-d-E5")
        );
        assert_eq!(
            event_key("brat-a-d-E5.Content-2", "Content").as_deref(),
            Some("brat-a-d-E5")
        );
        assert_eq!(event_key("r-123", "Content"), None);
        assert_eq!(number_after("brat-4e07-doc-T12", 'T'), Some(12));
        assert_eq!(number_after("a-0123", 'T'), None);
        let n = numbering([("a", Some(3)), ("b", Some(3)), ("c", None)].into_iter());
        assert_eq!((n["a"], n["b"], n["c"]), (3, 4, 5));
    }

    #[test]
    fn attribute_values_escape_and_unescape() {
        assert_eq!(escape("Cressida Dick"), ("Cressida%20Dick".to_string(), true));
        assert_eq!(escape("direct"), ("direct".to_string(), false));
        for v in ["Cressida Dick", "50% of\tthem", "a\u{3000}b", "plain"] {
            assert_eq!(unescape(&escape(v).0), v);
        }
        // Other tools' percent signs stay as they are.
        assert_eq!(unescape("100%AB"), "100%AB");
        assert_eq!(unescape("x%zz"), "x%zz");
    }

    #[test]
    fn fragments_are_cut_at_line_breaks() {
        let f = |start, end, text: &str| Fragment {
            start,
            end,
            text: text.to_string(),
        };
        assert_eq!(
            without_line_breaks(&[f(10, 16, "3.\n\nAb"), f(20, 22, "cd")]),
            vec![
                (10, 12, "3.".into()),
                (14, 16, "Ab".into()),
                (20, 22, "cd".into())
            ]
        );
        assert_eq!(
            without_line_breaks(&[f(0, 3, "a\tb")]),
            vec![(0, 3, "a\tb".into())]
        );
        assert!(without_line_breaks(&[f(0, 1, "\n")]).is_empty());
    }

    #[test]
    fn field_splits_by_fragment_lengths() {
        assert_eq!(split_field("ab cd e", &[(0, 2), (5, 9)]), vec!["ab", "cd e"]);
    }
}
