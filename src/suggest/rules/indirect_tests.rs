//! Indirect and mixed quotes, frame by frame, on real sentences; and the
//! whole rule set on odd text.

use super::suggest;
use crate::suggest::{Context, QuoteKind, Suggestion, Target};

/// (kind, fragments, speaker, cue) as text.
fn found(text: &str) -> Vec<(QuoteKind, Vec<String>, String, String)> {
    let chars: Vec<char> = text.chars().collect();
    let s = |r: crate::model::CharRange| chars[r.start..r.end].iter().collect::<String>();
    suggest(text)
        .iter()
        .map(|q| {
            let Target::Quote(kind) = q.target else {
                panic!("a claim from indirect")
            };
            let frags = q.fragments.iter().map(|&f| s(f)).collect();
            (
                kind,
                frags,
                q.speaker.map(s).unwrap_or_default(),
                q.cue.map(s).unwrap_or_default(),
            )
        })
        .collect()
}

fn one(text: &str) -> (QuoteKind, Vec<String>, String, String) {
    let mut all = found(text);
    assert_eq!(all.len(), 1, "{text:?}: {all:?}");
    all.remove(0)
}

#[test]
fn said_that_clause_keeps_that_and_drops_the_period() {
    let (kind, frags, speaker, cue) =
        one("Scotland Yard stressed that it was not considering routine patrols by officers carrying guns.");
    assert_eq!(kind, QuoteKind::Indirect);
    assert_eq!(
        frags,
        ["that it was not considering routine patrols by officers carrying guns"]
    );
    assert_eq!((speaker.as_str(), cue.as_str()), ("Scotland Yard", "stressed"));
}

#[test]
fn said_bare_clause_with_apposition_speaker() {
    let (kind, frags, speaker, cue) = one(
        "Ms Dick, who is Britain’s most senior police officer, said armed response vehicles were already responding to stabbings.",
    );
    assert_eq!(kind, QuoteKind::Indirect);
    assert_eq!(
        frags,
        ["armed response vehicles were already responding to stabbings"]
    );
    assert_eq!(speaker, "Ms Dick, who is Britain’s most senior police officer");
    assert_eq!(cue, "said");
}

#[test]
fn told_skips_the_addressee() {
    let (_, frags, speaker, cue) =
        one("Trump told reporters he would release his tax returns after the audit.");
    assert_eq!(frags, ["he would release his tax returns after the audit"]);
    assert_eq!((speaker.as_str(), cue.as_str()), ("Trump", "told"));
    let (_, frags, ..) = one("She told the committee on Tuesday that the plan was only a small step.");
    assert_eq!(frags, ["that the plan was only a small step"]);
}

#[test]
fn adjunct_between_verb_and_clause() {
    let (_, frags, speaker, _) =
        one("United Gun Group said in a statement Thursday night they pulled the listing from the site.");
    assert_eq!(frags, ["they pulled the listing from the site"]);
    assert_eq!(speaker, "United Gun Group");
}

#[test]
fn clause_then_closing_frame() {
    let (kind, frags, speaker, cue) = one("The streets were deserted for most of the night, he added.");
    assert_eq!(kind, QuoteKind::Indirect);
    assert_eq!(frags, ["The streets were deserted for most of the night"]);
    assert_eq!((speaker.as_str(), cue.as_str()), ("he", "added"));
    let (_, frags, speaker, _) = one(
        "Nor are tariffs likely to bring many of these jobs back, said David Autor, an economist at MIT.",
    );
    assert_eq!(frags, ["Nor are tariffs likely to bring many of these jobs back"]);
    assert_eq!(speaker, "David Autor, an economist at MIT");
}

#[test]
fn a_closing_frame_may_end_in_a_place_or_time_phrase_or_a_participle() {
    let (kind, frags, speaker, cue) = one(
        "Voters had put the biggest crack yet in the old party machine, she said in a video message to the convention.",
    );
    assert_eq!(kind, QuoteKind::Indirect);
    assert_eq!(
        frags,
        ["Voters had put the biggest crack yet in the old party machine"]
    );
    assert_eq!((speaker.as_str(), cue.as_str()), ("she", "said"));
    let (kind, frags, speaker, _) = one(
        "The mayor’s “excesses” are sickening, the president said Tuesday in Paris, noting the mayor’s remarks on trade.",
    );
    assert_eq!(kind, QuoteKind::Mixed);
    assert_eq!(frags, ["The mayor’s “excesses” are sickening"]);
    assert_eq!(speaker, "the president");
    // A clause after the verb is the verb's own, not a closing frame's tail.
    let (_, frags, speaker, _) =
        one("The vote was close, he said the new council would meet again in the spring of next year.");
    assert_ne!(frags, ["The vote was close"], "{speaker}");
}

#[test]
fn according_to_before_and_after() {
    let (kind, frags, speaker, cue) =
        one("According to the Labor Department, unemployment fell to its lowest level in a decade.");
    assert_eq!(kind, QuoteKind::Indirect);
    assert_eq!(frags, ["unemployment fell to its lowest level in a decade"]);
    assert_eq!(
        (speaker.as_str(), cue.as_str()),
        ("the Labor Department", "According to")
    );
    let (_, frags, speaker, cue) =
        one("Clinton leads Sanders by 271 pledged delegates, according to an Associated Press count.");
    assert_eq!(frags, ["Clinton leads Sanders by 271 pledged delegates"]);
    assert_eq!(
        (speaker.as_str(), cue.as_str()),
        ("an Associated Press count", "according to")
    );
}

#[test]
fn parenthetical_frame_makes_two_fragments() {
    let (kind, frags, speaker, _) =
        one("Many of the closures, he said, have involved public and semiprivate courses.");
    assert_eq!(kind, QuoteKind::Indirect);
    assert_eq!(
        frags,
        [
            "Many of the closures",
            "have involved public and semiprivate courses"
        ]
    );
    assert_eq!(speaker, "he");
}

#[test]
fn and_said_and_saying_take_the_sentence_subject() {
    let all = found(
        "Scotland Yard stressed that it was not considering routine patrols and said discussions were at an early stage.",
    );
    let frags: Vec<&str> = all.iter().map(|q| q.1[0].as_str()).collect();
    assert_eq!(
        frags,
        [
            "that it was not considering routine patrols",
            "discussions were at an early stage"
        ]
    );
    assert!(all.iter().all(|q| q.2 == "Scotland Yard"), "{all:?}");
    let (_, frags, speaker, cue) =
        one("Trump attacked the senator on Monday, saying he had failed the veterans of his state.");
    assert_eq!(frags, ["he had failed the veterans of his state"]);
    assert_eq!((speaker.as_str(), cue.as_str()), ("Trump", "saying"));
}

#[test]
fn quotation_marks_inside_make_it_mixed() {
    let (kind, frags, speaker, _) = one(
        "Ms Dick said “a very high proportion” of killings involved either suspects or victims who were involved in gangs.",
    );
    assert_eq!(kind, QuoteKind::Mixed);
    assert_eq!(
        frags,
        [
            "“a very high proportion” of killings involved either suspects or victims who were involved in gangs"
        ]
    );
    assert_eq!(speaker, "Ms Dick");
    // The NYT's two apostrophes are quotation marks too.
    let (kind, ..) = one("He said it was ''a great honor'' to earn the praise of the Russian president.");
    assert_eq!(kind, QuoteKind::Mixed);
}

#[test]
fn whole_quotations_headlines_and_quoted_speech_are_left_alone() {
    assert!(
        found("Smith said “we will win this race and we will win it big.”").is_empty(),
        "a direct quote"
    );
    assert!(
        found("Clinton Says Trump Is Unfit To Lead The Nation").is_empty(),
        "a headline"
    );
    assert!(
        found("“I think we will do well in the state,” Mr. Sanders said.").is_empty(),
        "'I think' is quoted"
    );
    assert!(
        found("The bill was said to be dead on arrival in the Senate.").is_empty(),
        "passive"
    );
    assert!(found("He said so.").is_empty());
}

#[test]
fn rules_keep_one_mixed_quote_for_a_lead_in_and_its_quotation() {
    let text = "Ms Dick said the idea is about trying to get “even more effect” out of armed officers.";
    let all = crate::suggest::rules::suggest(text, &Context::default());
    let quotes: Vec<&Suggestion> = all
        .iter()
        .filter(|s| matches!(s.target, Target::Quote(_)))
        .collect();
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0].target, Target::Quote(QuoteKind::Mixed));
}

#[test]
fn no_panic_and_char_offsets_on_odd_text() {
    let big = "Smith said the “plan” was bad. ".repeat(40_000);
    assert!(big.len() > 1 << 20);
    for text in [
        "",
        " ",
        "\n\n\n",
        "said",
        ", said",
        "according to",
        "“unbalanced said that",
        "”” '' “ he said that “",
        "He said 😀 北京 was fine and the café’s owner agreed.",
        "مرحبا said that the vote was fair and quick.",
        "Ame\u{301}lie said that the e\u{301}lan was gone for good.",
        big.as_str(),
    ] {
        let chars = text.chars().count();
        for s in crate::suggest::rules::suggest(text, &Context::default()) {
            for r in s.fragments.iter().chain(&s.speaker).chain(&s.cue) {
                assert!(r.start < r.end && r.end <= chars, "{r:?} in {chars} chars");
            }
            assert!((0.0..=1.0).contains(&s.confidence));
        }
    }
    let text = "He said 😀 北京 was fine and the café’s owner agreed.";
    let (_, frags, ..) = one(text);
    assert_eq!(frags, ["😀 北京 was fine and the café’s owner agreed"]);
}

#[test]
fn naming_frame_takes_the_object_and_the_quoted_name() {
    let (kind, frags, speaker, cue) = one("Trump went after Bush, calling him “a total stiff.”");
    assert_eq!(kind, QuoteKind::Mixed);
    assert_eq!(frags, ["him “a total stiff.”"]);
    assert_eq!((speaker.as_str(), cue.as_str()), ("Trump", "calling"));
    let (_, frags, speaker, cue) = one("The senator referred to the plan as “a disaster” on Monday.");
    assert_eq!(frags, ["the plan as “a disaster”"]);
    assert_eq!((speaker.as_str(), cue.as_str()), ("The senator", "referred"));
    // A passive name or "called for" quotes no one.
    assert!(found("They set up a group called “Voters First” last year.").is_empty());
    assert!(found("She called for “real change” in the city.").is_empty());
}

#[test]
fn judging_verbs_frame_their_object_a_preposition_and_the_quoted_words() {
    let (kind, frags, speaker, cue) = one("The campaign chairman dismissed the whole dispute as “absurd.”");
    assert_eq!(kind, QuoteKind::Mixed);
    assert_eq!(frags, ["the whole dispute as “absurd.”"]);
    assert_eq!(
        (speaker.as_str(), cue.as_str()),
        ("The campaign chairman", "dismissed")
    );
    let (_, frags, speaker, cue) =
        one("The governor blamed the shortage on “reckless politicians in Washington.”");
    assert_eq!(frags, ["the shortage on “reckless politicians in Washington.”"]);
    assert_eq!((speaker.as_str(), cue.as_str()), ("The governor", "blamed"));
    // A few words may stand between the preposition and the mark.
    let (_, frags, _, cue) = one("Her spokesman defended the remarks as being “plainly sarcastic.”");
    assert_eq!(frags, ["the remarks as being “plainly sarcastic.”"]);
    assert_eq!(cue, "defended");
    let (_, frags, speaker, _) = one("Jones went after the mayor, accusing him of “lying to the voters.”");
    assert_eq!(frags, ["him of “lying to the voters.”"]);
    assert_eq!(speaker, "Jones");
    // Without the preposition the verb names nothing, nor in the passive.
    assert!(found("The mayor dismissed “three of the officers” on Monday.").is_empty());
    assert!(found("The plan was dismissed as “absurd” by the council.").is_empty());
}

#[test]
fn a_claim_noun_with_its_possessor_frames_a_mixed_clause() {
    let (kind, frags, speaker, cue) = one(
        "Critics rejected Mayor Smith's recent assertion that the plan was “a total success” for the city.",
    );
    assert_eq!(kind, QuoteKind::Mixed);
    assert_eq!(frags, ["that the plan was “a total success” for the city"]);
    assert_eq!((speaker.as_str(), cue.as_str()), ("Mayor Smith's", "assertion"));
    // No quotation marks, or no possessor: no quote from the noun.
    assert!(
        found("Critics rejected the assertion that the plan was “a total success” for the city.").is_empty()
    );
}

#[test]
fn a_mixed_clause_ends_at_its_closing_mark_before_a_participle() {
    let (kind, frags, speaker, cue) = one(
        "The senator said the deal was “a disaster for working families,” adding that she would vote against it.",
    );
    assert_eq!(kind, QuoteKind::Mixed);
    assert_eq!(frags, vec!["the deal was “a disaster for working families,”"]);
    assert_eq!((speaker.as_str(), cue.as_str()), ("The senator", "said"));
    let (_, frags, _, _) =
        one("The mayor said the budget was “balanced at last,'' arguing that taxes would not rise.");
    assert_eq!(frags, vec!["the budget was “balanced at last,''"]);
}

#[test]
fn a_clause_drops_the_bracket_closing_an_aside_it_started_in() {
    let (_, frags, _, _) = one("(The governor said the bridge would reopen “by the end of the year.”)");
    assert_eq!(frags, vec!["the bridge would reopen “by the end of the year.”"]);
}

#[test]
fn a_clause_ends_before_the_speaker_goes_on_to_do_something_else() {
    let (kind, frags, speaker, cue) = one(
        "The former vice president said it was “premature” to back her campaign while adding that he would vote for her.",
    );
    assert_eq!(kind, QuoteKind::Mixed);
    assert_eq!(frags, ["it was “premature” to back her campaign"]);
    assert_eq!(
        (speaker.as_str(), cue.as_str()),
        ("The former vice president", "said")
    );
    let (_, frags, _, _) =
        one("He said the deadlock had “kept us safe” on Twitter before claiming that walls work.");
    assert_eq!(frags, ["the deadlock had “kept us safe” on Twitter"]);
    // "while" opening a clause of its own stays in the reported clause.
    let (_, frags, _, _) = one("She said prices rose while wages stayed flat for most of the decade.");
    assert_eq!(
        frags,
        ["prices rose while wages stayed flat for most of the decade"]
    );
}

#[test]
fn a_tell_verb_reaches_its_that_past_a_long_addressee_and_the_progressive_frames() {
    let (kind, frags, speaker, cue) = one(
        "The governor told a town hall in Salem, New Hampshire, on Monday that the new tax was “a disaster” for families.",
    );
    assert_eq!(kind, QuoteKind::Mixed);
    assert_eq!(frags, ["that the new tax was “a disaster” for families"]);
    assert_eq!((speaker.as_str(), cue.as_str()), ("The governor", "told"));
    let (kind, frags, speaker, cue) = one(
        "The senator is telling reporters in Des Moines that she will stay in the race until the convention.",
    );
    assert_eq!(kind, QuoteKind::Indirect);
    assert_eq!(frags, ["that she will stay in the race until the convention"]);
    assert_eq!((speaker.as_str(), cue.as_str()), ("The senator", "telling"));
    // Another clause before "that": no frame reaches across it.
    assert!(
        found("He told a crowd who had waited for hours, in the rain, that the rally would go on.")
            .is_empty()
    );
    // The progressive of a verb that is no frame verb frames nothing.
    assert!(found("The senator is hoping voters in Des Moines will stay home.").is_empty());
}

#[test]
fn a_promise_verb_frames_its_to_infinitive() {
    let (kind, frags, speaker, cue) =
        one("The mayor pledged to “clean up every park” in the city by next summer.");
    assert_eq!(kind, QuoteKind::Mixed);
    assert_eq!(frags, ["to “clean up every park” in the city by next summer"]);
    assert_eq!((speaker.as_str(), cue.as_str()), ("The mayor", "pledged"));
    // The progressive and the participle of such a verb frame it too.
    let (_, frags, speaker, cue) = one("The governor is vowing to veto the budget bill again.");
    assert_eq!(frags, ["to veto the budget bill again"]);
    assert_eq!((speaker.as_str(), cue.as_str()), ("The governor", "vowing"));
    let (_, frags, speaker, _) =
        one("She spoke to the crowd for an hour, promising to “bring the jobs back home.”");
    assert_eq!(frags, ["to “bring the jobs back home.”"]);
    assert_eq!(speaker, "She");
    // "to" after a verb that is no promise is no content of it.
    assert!(found("The mayor wrote to the council about the parks.").is_empty());
}

#[test]
fn a_contracted_pronoun_and_is_frame_a_progressive() {
    let (kind, frags, speaker, cue) =
        one("Asked about Iowa, she’s predicting she will do “very, very well” in the caucuses.");
    assert_eq!(kind, QuoteKind::Mixed);
    assert_eq!(frags, ["she will do “very, very well” in the caucuses"]);
    assert_eq!((speaker.as_str(), cue.as_str()), ("she", "predicting"));
    // A contraction before a word that is no frame verb frames nothing.
    assert!(found("He’s hoping the rain stops before the rally.").is_empty());
}
