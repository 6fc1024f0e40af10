//! The rules on real sentences, one behaviour a test: what the annotator
//! would see proposed.

use super::suggest;
use crate::suggest::{Context, QuoteKind, Suggestion, Target};

fn run(text: &str) -> Vec<Suggestion> {
    suggest(text, &Context::default())
}

fn slice(text: &str, r: crate::model::CharRange) -> String {
    text.chars().skip(r.start).take(r.end - r.start).collect()
}

/// (fragments' texts, speaker, cue, kind) of every suggestion.
fn seen(text: &str) -> Vec<(Vec<String>, String, String, QuoteKind)> {
    run(text)
        .iter()
        .map(|s| {
            let kind = match s.target {
                Target::Quote(k) => k,
                Target::Claim | Target::Cue => panic!("the rules make no claims and no lone cues"),
            };
            (
                s.fragments.iter().map(|&f| slice(text, f)).collect(),
                s.speaker.map(|r| slice(text, r)).unwrap_or_default(),
                s.cue.map(|r| slice(text, r)).unwrap_or_default(),
                kind,
            )
        })
        .collect()
}

fn one(text: &str) -> (Vec<String>, String, String, QuoteKind) {
    let all = seen(text);
    assert_eq!(all.len(), 1, "{all:?}");
    all.into_iter().next().unwrap_or_else(|| unreachable!())
}

const BODY: &str = "The debate ran late on Tuesday night in Milwaukee.\n\n";

#[test]
fn curly_quote_followed_by_subject_and_verb() {
    let t = format!("{BODY}“We are going to win this state,” Smith said on Tuesday.");
    let (f, s, c, k) = one(&t);
    assert_eq!(f, ["“We are going to win this state,”"]);
    assert_eq!((s.as_str(), c.as_str(), k), ("Smith", "said", QuoteKind::Direct));
}

#[test]
fn inverted_frame_keeps_the_apposition() {
    let t = format!(
        "{BODY}''Good economic news for the country is bad political news for them,'' said Geoff Garin, a Democratic pollster working for Priorities USA."
    );
    let (f, s, c, _) = one(&t);
    assert_eq!(
        f,
        ["''Good economic news for the country is bad political news for them,''"]
    );
    assert_eq!(s, "Geoff Garin, a Democratic pollster working for Priorities USA");
    assert_eq!(c, "said");
}

#[test]
fn straight_marks_and_a_tell_verb_give_the_subject_not_the_addressee() {
    let t = format!("{BODY}\"It would be a small change in tactics,\" she told the committee.");
    let (_, s, c, _) = one(&t);
    assert_eq!((s.as_str(), c.as_str()), ("she", "told"));
}

#[test]
fn guillemets_and_single_curly_marks_pair() {
    let t = format!("{BODY}«We will not back down,» the minister said.");
    assert_eq!(one(&t).0, ["«We will not back down,»"]);
    let t = format!("{BODY}‘We will not back down from this fight,’ the minister said.");
    assert_eq!(one(&t).0, ["‘We will not back down from this fight,’"]);
}

#[test]
fn a_split_quote_is_one_quote_in_two_fragments() {
    let t = format!(
        "{BODY}“The possible proposal here is half a step on from that,” she told the committee. “This is a small change in extreme circumstances.”"
    );
    let (f, s, c, _) = one(&t);
    assert_eq!(
        f,
        [
            "“The possible proposal here is half a step on from that,”",
            "“This is a small change in extreme circumstances.”"
        ]
    );
    assert_eq!((s.as_str(), c.as_str()), ("she", "told"));
}

#[test]
fn a_quote_open_at_a_paragraph_end_goes_on_in_the_next() {
    let t = format!(
        "{BODY}Sir Steve said: “As part of our response we are examining how armed officers can help.\n\n“Any deployments would be for a limited time only.”"
    );
    let (f, s, c, _) = one(&t);
    assert_eq!(f.len(), 2, "{f:?}");
    assert!(f[1].starts_with("“Any deployments"));
    assert_eq!((s.as_str(), c.as_str()), ("Sir Steve", "said"));
}

#[test]
fn colon_and_that_frames_before_the_quote() {
    let t = format!("{BODY}Mr Khan said: “Armed officers on London’s streets must be the exception.”");
    let (f, s, c, k) = one(&t);
    assert_eq!(f, ["“Armed officers on London’s streets must be the exception.”"]);
    assert_eq!(
        (s.as_str(), c.as_str(), k),
        ("Mr Khan", "said", QuoteKind::Direct)
    );
    let t = format!("{BODY}The officer confirmed that “nothing has changed since then.”");
    let (f, s, c, k) = one(&t);
    assert_eq!(f, ["that “nothing has changed since then.”"]);
    assert_eq!(
        (s.as_str(), c.as_str(), k),
        ("The officer", "confirmed", QuoteKind::Mixed)
    );
}

#[test]
fn a_parenthetical_frame_inside_the_sentence() {
    let t =
        format!("{BODY}South Carolina, he said, was “where we have a chance to go mano a mano with Trump.”");
    let (f, s, c, k) = one(&t);
    assert_eq!(
        f,
        [
            "South Carolina",
            "was “where we have a chance to go mano a mano with Trump.”"
        ]
    );
    assert_eq!((s.as_str(), c.as_str(), k), ("he", "said", QuoteKind::Mixed));
}

#[test]
fn according_to_and_participle_frames() {
    let t =
        format!("{BODY}“The plan was never approved by the board,” according to a spokesman for the mayor.");
    let (_, s, c, _) = one(&t);
    assert_eq!(
        (s.as_str(), c.as_str()),
        ("a spokesman for the mayor", "according to")
    );
    let t = format!(
        "{BODY}Sir Steve defended the plan, adding: “We are looking to maximise the use of the asset.”"
    );
    let (_, s, c, _) = one(&t);
    assert_eq!((s.as_str(), c.as_str()), ("Sir Steve", "adding"));
}

#[test]
fn titles_scare_quotes_and_headlines_are_not_quotes() {
    let t =
        format!("{BODY}He appeared on “Meet the Press” and later on “Saturday Night Live” with his wife.");
    assert!(run(&t).is_empty(), "{:?}", seen(&t));
    let t = format!("{BODY}Trump kept boasting about “winning” at every stop.");
    assert!(run(&t).is_empty(), "{:?}", seen(&t));
    let t = "Clinton Says “We Will Win” In Iowa Speech\n\nThe crowd was large.";
    assert!(run(t).is_empty(), "{:?}", seen(t));
}

#[test]
fn apostrophes_in_words_pair_nothing() {
    let t = format!("{BODY}Trump's plan, which voters don't like, goes back to the '90s.");
    assert!(run(&t).is_empty());
}

#[test]
fn offsets_are_chars_in_any_script() {
    for prefix in ["😀👍🏽 ", "日本語の記事。", "é́ Zoë ", "שלום עולם "] {
        let t = format!("{prefix}\n\n“We are going to win this state,” Smith said.");
        let (f, s, _, _) = one(&t);
        assert_eq!(f, ["“We are going to win this state,”"], "{prefix}");
        assert_eq!(s, "Smith");
    }
}

#[test]
fn no_panic_on_hostile_text() {
    let big: String = "“Quote without end and 'marks' ” said he, \"\" '' « ‘ ’ ".repeat(20_000);
    assert!(big.len() >= 1 << 20);
    for t in [
        "",
        " ",
        "\n\n",
        "”",
        "“",
        "''",
        "'",
        "\"",
        "“a “b",
        "a” b” c",
        "said",
        ", said",
        big.as_str(),
    ] {
        for s in run(t) {
            let n = t.chars().count();
            assert!(s.fragments.iter().all(|f| f.start < f.end && f.end <= n));
            assert!(s.speaker.is_none_or(|r| r.end <= n));
            assert!((0.0..=1.0).contains(&s.confidence));
        }
    }
}

#[test]
fn a_colon_ending_the_previous_paragraph_frames_the_quote() {
    let t = format!(
        "{BODY}17-year-old Jared Potts echoed:\n\n“He is saying what all of us have been thinking for years.”"
    );
    let (_, s, c, _) = one(&t);
    assert_eq!((s.as_str(), c.as_str()), ("17-year-old Jared Potts", "echoed"));
}

#[test]
fn a_mark_typed_the_wrong_way_round_still_closes() {
    let t = format!("{BODY}“Do you want to be associated with a fascist?“ he asked.");
    let (f, s, c, _) = one(&t);
    assert_eq!(f, ["“Do you want to be associated with a fascist?“"]);
    assert_eq!((s.as_str(), c.as_str()), ("he", "asked"));
}

#[test]
fn a_plural_possessive_stays_in_the_speaker() {
    let t = format!(
        "{BODY}“Working Americans chipped in a few dollars at a time,” Jeff Weaver, Sanders’ campaign manager, said in a statement."
    );
    let (_, s, _, _) = one(&t);
    assert_eq!(s, "Jeff Weaver, Sanders’ campaign manager");
}

#[test]
fn a_clause_leading_up_to_an_attributed_quote_makes_it_mixed() {
    let t = format!("{BODY}Trump’s comments “are based on his opinion, not actual facts,” the senator said.");
    let (f, s, _, k) = one(&t);
    assert_eq!(
        f,
        ["Trump’s comments “are based on his opinion, not actual facts,”"]
    );
    assert_eq!((s.as_str(), k), ("the senator", QuoteKind::Mixed));
}

#[test]
fn an_unframed_quote_takes_the_subject_of_the_sentence_before() {
    let t = format!(
        "{BODY}He also seeks recovery of lost wages. “I was fired for doing my job and nothing else, and I want that on the record.”"
    );
    let (_, s, c, _) = one(&t);
    assert_eq!((s.as_str(), c.as_str()), ("He", "seeks"));
}

#[test]
fn state_and_post_as_nouns_are_not_cues() {
    let text = "The new bill is “the best of both worlds,” giving states more power over their schools.";
    let all = seen(text);
    assert!(all.iter().all(|(_, _, cue, _)| cue != "states"), "{all:?}");
    // The verb after a name still frames the quote.
    let (_, speaker, cue, _) = one("Senator Jones states: “We will not back down on this bill.”");
    assert_eq!((speaker.as_str(), cue.as_str()), ("Senator Jones", "states"));
}

#[test]
fn a_source_named_after_the_frame_speaks() {
    let (_, speaker, cue, _) =
        one("“He was the founder of the whole thing,” Hewitt said, according to a transcript of the show.");
    assert_eq!(
        (speaker.as_str(), cue.as_str()),
        ("a transcript of the show", "according to")
    );
    let (_, speaker, cue, _) = one("“He was the founder of the whole thing,” Hewitt said on Thursday.");
    assert_eq!((speaker.as_str(), cue.as_str()), ("Hewitt", "said"));
}

#[test]
fn a_participle_right_before_the_quote_frames_it_without_a_comma() {
    let t = format!("{BODY}The president closed his list of cities by saying “Too many.”");
    let (f, s, c, k) = one(&t);
    assert_eq!(f, ["“Too many.”"]);
    assert_eq!(
        (s.as_str(), c.as_str(), k),
        ("The president", "saying", QuoteKind::Direct)
    );
    let t = format!("{BODY}Hundreds of protesters gathered outside the hall, chanting “Dump the mayor!”");
    let (f, s, c, _) = one(&t);
    assert_eq!(f, ["“Dump the mayor!”"]);
    assert_eq!((s.as_str(), c.as_str()), ("Hundreds of protesters", "chanting"));
    // With no verb to give the sentence a subject, no one is named.
    let t = format!("{BODY}Minutes later came an email saying, “done.”");
    assert!(run(&t).iter().all(|s| s.speaker.is_none()), "{:?}", seen(&t));
}
