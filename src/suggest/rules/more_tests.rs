//! More rules on real-looking sentences: headlines, split quotes that a
//! colon separates, quotes inside a clause.

use super::suggest;
use crate::suggest::{Context, QuoteKind, Suggestion, Target};

fn slice(text: &str, r: crate::model::CharRange) -> String {
    text.chars().skip(r.start).take(r.end - r.start).collect()
}

/// (fragments' texts, speaker, cue, kind) of every quote suggestion.
fn seen(text: &str) -> Vec<(Vec<String>, String, String, QuoteKind)> {
    suggest(text, &Context::default())
        .iter()
        .filter_map(|s: &Suggestion| {
            let Target::Quote(kind) = s.target else {
                return None;
            };
            Some((
                s.fragments.iter().map(|&f| slice(text, f)).collect(),
                s.speaker.map(|r| slice(text, r)).unwrap_or_default(),
                s.cue.map(|r| slice(text, r)).unwrap_or_default(),
                kind,
            ))
        })
        .collect()
}

const BODY: &str = "\n\nThe senator spoke to reporters in Des Moines on Monday after a town hall.";

#[test]
fn a_speaker_colon_headline_is_a_quote_with_the_colon_as_cue() {
    let t = format!("Ortega: ‘We Will Carry Every County in the State.’{BODY}");
    let all = seen(&t);
    assert_eq!(all.len(), 1, "{all:?}");
    let (f, s, c, k) = &all[0];
    assert_eq!(f, &["‘We Will Carry Every County in the State.’"]);
    assert_eq!((s.as_str(), c.as_str(), *k), ("Ortega", ":", QuoteKind::Direct));
}

#[test]
fn a_headline_quote_with_words_around_it_is_mixed_without_the_final_period() {
    let t = format!("Maria Ortega: Tax Plan Is ‘Dead on Arrival’ in the Senate.{BODY}");
    let (f, s, _, k) = &seen(&t)[0];
    assert_eq!(f, &["Tax Plan Is ‘Dead on Arrival’ in the Senate"]);
    assert_eq!((s.as_str(), *k), ("Maria Ortega", QuoteKind::Mixed));
}

#[test]
fn a_headline_without_marks_is_an_indirect_quote() {
    let t = format!("Ortega: Farm bill will pass before the recess.{BODY}");
    let (f, s, _, k) = &seen(&t)[0];
    assert_eq!(f, &["Farm bill will pass before the recess"]);
    assert_eq!((s.as_str(), *k), ("Ortega", QuoteKind::Indirect));
}

#[test]
fn a_section_label_or_a_question_is_no_headline_speaker() {
    for head in [
        "The Latest: Ortega wins the Iowa caucuses.",
        "Breaking: Ortega leads in the polls.",
        "Ortega: Can the farm bill pass before the recess?",
    ] {
        let t = format!("{head}{BODY}");
        assert!(seen(&t).is_empty(), "{head}: {:?}", seen(&t));
    }
}

#[test]
fn a_colon_after_the_frame_opens_a_new_quote() {
    let t = "“We did not expect to win Ohio,” Ortega said, and then she added: “But we will take it.”";
    let all = seen(t);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(all[0].0, ["“We did not expect to win Ohio,”"]);
    assert_eq!(all[1].0, ["“But we will take it.”"]);
    assert_eq!(all[1].2, "added");
}

#[test]
fn a_quote_inside_a_clause_takes_the_frame_before_it() {
    let t = "Although Ortega admitted that she had “made mistakes in the campaign,” her aides claimed the polls were wrong.";
    let all = seen(t);
    let (_, s, c, _) = all
        .iter()
        .find(|q| q.0.concat().contains("made mistakes"))
        .expect("the quote");
    assert_eq!((s.as_str(), c.as_str()), ("Ortega", "admitted"));
}

#[test]
fn a_lead_in_starts_past_the_time_phrase_and_the_verbs_preposition() {
    let t = "Ortega called on Tuesday for an end to “reckless spending in the capital.”";
    let all = seen(t);
    let (f, s, c, k) = all
        .iter()
        .find(|q| q.0.concat().contains("reckless"))
        .expect("the quote");
    assert_eq!(f, &["an end to “reckless spending in the capital.”"]);
    assert_eq!(
        (s.as_str(), c.as_str(), *k),
        ("Ortega", "called", QuoteKind::Mixed)
    );
}

#[test]
fn short_quoted_words_in_a_verbs_object_are_a_mixed_quote_of_the_subject() {
    let all = seen("The governor praised the new budget as a “real step forward” for the schools.");
    assert_eq!(all.len(), 1, "{all:?}");
    let (f, s, c, k) = &all[0];
    assert_eq!(f, &["the new budget as a “real step forward” for the schools"]);
    assert_eq!(
        (s.as_str(), c.as_str(), *k),
        ("The governor", "praised", QuoteKind::Mixed)
    );
    // A title, or quoted words with no subject and verb before them, stay
    // unsuggested.
    assert!(seen("Her favourite show was “Meet the Press” for years.").is_empty());
    assert!(seen("On the “fraud” charge, nothing more was heard.").is_empty());
    // A "-s" word not right after its subject is a noun ("patrol areas").
    assert!(seen("Police may patrol areas where “crime is likely” this winter.").is_empty());
    // A passive verb's subject is no speaker.
    assert!(seen("Police may be deployed to areas where “crime is likely” this winter.").is_empty());
}

#[test]
fn a_participle_of_saying_after_a_comma_gives_its_quoted_object_to_the_subject() {
    let all =
        seen("Ms Ortega ended her speech early, touting the new law’s “historic reach” across the state.");
    assert_eq!(all.len(), 1, "{all:?}");
    let (f, s, c, k) = &all[0];
    assert_eq!(f, &["the new law’s “historic reach” across the state"]);
    assert_eq!(
        (s.as_str(), c.as_str(), *k),
        ("Ms Ortega", "touting", QuoteKind::Mixed)
    );
    // Without the comma the participle belongs to a phrase ("kept
    // boasting about"): nothing is suggested.
    assert!(seen("The mayor kept boasting about “winning” at every stop.").is_empty());
}

#[test]
fn a_frame_between_a_closed_sentence_and_a_comma_opens_a_new_quote() {
    let t = "“We will win Ohio.” Ortega said, “The farm vote is ours.”";
    let all = seen(t);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(all[0].0, ["“We will win Ohio.”"]);
    assert_eq!(all[1].0, ["“The farm vote is ours.”"]);
    assert_eq!((all[1].1.as_str(), all[1].2.as_str()), ("Ortega", "said"));
    // A comma inside the first quote still splits one quote in two.
    let t = "“We will win Ohio,” Ortega said. “The farm vote is ours.”";
    let all = seen(t);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].0.len(), 2);
}

#[test]
fn a_verb_after_and_takes_the_sentence_subject_not_its_object() {
    // The subject stands before an earlier quote of the sentence.
    let t = "The donor said he found Ortega “very charming” and called her rise in the polls “remarkable.”";
    let all = seen(t);
    let last = all.last().expect("a quote");
    assert_eq!(last.2, "called", "{all:?}");
    assert_eq!(last.1, "The donor", "{all:?}");
    // No speech verb before: the name opening the sentence.
    let t = "Ortega took the stage in Des Moines and called the tax plan “rotten to the core.”";
    let all = seen(t);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!((all[0].1.as_str(), all[0].2.as_str()), ("Ortega", "called"));
}

#[test]
fn a_participle_object_quote_takes_the_opening_subject_when_no_verb_is_found() {
    let t = "He held his fire on the mayor, calling her a “good friend” of the farm lobby.";
    let all = seen(t);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].0, ["her a “good friend” of the farm lobby"]);
    assert_eq!(
        (all[0].1.as_str(), all[0].2.as_str(), all[0].3),
        ("He", "calling", QuoteKind::Mixed)
    );
}

#[test]
fn an_object_quote_may_have_a_common_noun_for_people_as_subject() {
    let t = "On Monday, the campaign called the report “a hit job” and moved on.";
    let all = seen(t);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!((all[0].1.as_str(), all[0].2.as_str()), ("the campaign", "called"));
    // Not a thing pointed at.
    let t = "On Monday, it showed the plan “a failure” in the end.";
    assert!(seen(t).is_empty(), "{:?}", seen(t));
}

#[test]
fn an_infinitive_of_saying_takes_the_subject_of_its_verb() {
    let t = "Ortega interjected to say: “We will carry every county in the state.”";
    let all = seen(t);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!((all[0].1.as_str(), all[0].2.as_str()), ("Ortega", "say"));
}

#[test]
fn an_object_quote_starts_past_the_preposition_its_verb_governs() {
    let t = "Ortega sized up the mayor as a “good friend” of the farm lobby.";
    let all = seen(t);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].0, ["the mayor as a “good friend” of the farm lobby"]);
    let t = "Ortega pushed for “a total ban” on imports.";
    let all = seen(t);
    assert_eq!(all[0].0, ["“a total ban” on imports"], "{all:?}");
}

#[test]
fn an_object_quote_after_before_insisting_or_an_opening_adverb_finds_its_subject() {
    let t = "Ortega spoke to reporters, before insisting she had a “great relationship” with farmers.";
    let all = seen(t);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].0, ["she had a “great relationship” with farmers"]);
    assert_eq!((all[0].1.as_str(), all[0].2.as_str()), ("Ortega", "insisting"));
    let t = "However, she held her fire on the mayor, calling him a “good man” and a friend.";
    let all = seen(t);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!((all[0].1.as_str(), all[0].2.as_str()), ("she", "calling"));
}

#[test]
fn a_participle_frame_with_no_verb_before_takes_the_opening_name() {
    let t = "Ortega held her fire on the mayor, saying “he is a good man and we will work with him on the farm bill.”";
    let all = seen(t);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!((all[0].1.as_str(), all[0].2.as_str()), ("Ortega", "saying"));
}

#[test]
fn a_lead_in_of_only_the_verbs_preposition_starts_at_the_quote() {
    let t = "Ortega argued against “a betrayal of our farmers” in the new trade bill.";
    let all = seen(t);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].0, ["“a betrayal of our farmers” in the new trade bill"]);
    assert_eq!((all[0].1.as_str(), all[0].2.as_str()), ("Ortega", "argued"));
}

#[test]
fn a_quote_with_no_frame_needs_seven_words() {
    let t =
        "The crowd in the hall grew quiet.\n\n“We will never give up on farmers.”\n\nThe vote came later.";
    let all = seen(t);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].0, ["“We will never give up on farmers.”"]);
    let t = "The crowd in the hall grew quiet.\n\n“We will never give up farmers.”\n\nThe vote came later.";
    assert!(seen(t).is_empty(), "{:?}", seen(t));
}

#[test]
fn a_long_quote_going_on_from_a_that_clause_starts_at_that() {
    let t = "The crowd in the hall grew quiet.\n\nMany farmers fear that the plan “would cost the farms of the state dearly for years.”";
    let all = seen(t);
    let q = all
        .iter()
        .find(|q| q.0.concat().contains("dearly"))
        .expect("the quote");
    assert_eq!(
        q.0,
        ["that the plan “would cost the farms of the state dearly for years.”"]
    );
    assert_eq!(q.3, QuoteKind::Mixed);
}

#[test]
fn a_long_frame_finds_its_subject_past_the_window_and_an_adverb() {
    let t = "Ortega Farms contended in its letter, written by Ann Lee, a vice president for public and governmental affairs, that some of the groups that supported the reporting of the articles, including the Big Farm Fund, had ''a stated position and bias against the farm industry.''";
    let all = seen(t);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(
        (all[0].1.as_str(), all[0].2.as_str()),
        ("Ortega Farms", "contended")
    );
    let t = "Ortega now said that the bill was “a disaster for the farms.”";
    let all = seen(t);
    assert_eq!(
        (all[0].1.as_str(), all[0].2.as_str()),
        ("Ortega", "said"),
        "{all:?}"
    );
}
