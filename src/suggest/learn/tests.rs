//! Training on tiny hand-made projects: the model learns a pattern it was
//! shown, proposes only what the rules did not find, and is deterministic.

use std::collections::BTreeMap;

use super::*;
use crate::model::{Annotation, CharRange, Document, Fragment, Relation};
use crate::suggest::{QuoteKind, Target};

pub(super) fn ann(text: &str, id: &str, label: &str, needle: &str) -> Annotation {
    let byte = text.find(needle).unwrap_or(0);
    let start = text[..byte].chars().count();
    Annotation {
        id: id.into(),
        label: label.into(),
        fragments: vec![Fragment {
            start,
            end: start + needle.chars().count(),
            text: needle.into(),
        }],
        attributes: BTreeMap::new(),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        annotators: Vec::new(),
        origin: None,
    }
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

const NAMES: [&str; 6] = ["Smith", "Jones", "Garcia", "Okafor", "Tanaka", "Müller"];
const CLAUSES: [&str; 6] = [
    "the budget would pass before winter",
    "taxes were far too high for farmers",
    "the bridge needed urgent repairs soon",
    "voters wanted a cleaner campaign this year",
    "the plant could close within months",
    "prices had risen faster than wages",
];

/// "NAME reckoned CLAUSE." as a tagged document (an unusual cue the
/// lexicon does not know), with filler sentences around it.
fn example(i: usize) -> Document {
    let name = NAMES[i % NAMES.len()];
    let clause = CLAUSES[(i * 5 + 1) % CLAUSES.len()];
    let text = format!(
        "The meeting ran late on Tuesday.\n\n{name} reckoned {clause}.\n\nThe room emptied after nine."
    );
    let anns = vec![
        ann(&text, "q", "Quote", clause),
        ann(&text, "s", "Speaker", name),
        ann(&text, "c", "Cue", "reckoned"),
    ];
    let rels = vec![rel("r1", "said_by", "q", "s"), rel("r2", "cue_of", "c", "q")];
    Document::from_parts(format!("d{i}"), "t".into(), None, text, anns, rels).0
}

/// The quotes of `found`, without the cues that also come alone.
fn quotes(found: Vec<Suggestion>) -> Vec<Suggestion> {
    found.into_iter().filter(|s| s.target != Target::Cue).collect()
}

fn no_rules(_: &str) -> Vec<Suggestion> {
    Vec::new()
}

fn trained() -> Model {
    let docs: Vec<Document> = (0..12).map(example).collect();
    let refs: Vec<&Document> = docs.iter().collect();
    train_with_rules(&refs, &no_rules, &TrainOptions::default(), &|_, _| {})
}

pub(super) fn char_range(text: &str, needle: &str) -> CharRange {
    let byte = text.find(needle).unwrap_or(0);
    let start = text[..byte].chars().count();
    CharRange {
        start,
        end: start + needle.chars().count(),
    }
}

#[test]
fn learns_an_unusual_cue_from_a_few_tagged_examples() {
    let model = trained();
    let text =
        "Nothing happened at first.\n\nPeterson reckoned the council had lost its way.\n\nThen it rained.";
    let found = quotes(model.suggest(text, &mut []));
    assert_eq!(found.len(), 1, "{found:?}");
    let s = &found[0];
    assert_eq!(s.target, Target::Quote(QuoteKind::Indirect));
    assert_eq!(
        s.fragments,
        vec![char_range(text, "the council had lost its way")]
    );
    assert_eq!(s.cue, Some(char_range(text, "reckoned")));
    assert_eq!(s.speaker, Some(char_range(text, "Peterson")));
    assert!(s.rule.starts_with("learned from your tags"), "{}", s.rule);
    assert!(s.confidence > 0.5 && s.confidence <= 1.0, "{}", s.confidence);
}

#[test]
fn proposes_nothing_the_rules_already_found() {
    let model = trained();
    let text = "It was late.\n\nPeterson reckoned the council had lost its way.";
    let mut rules = vec![Suggestion {
        target: Target::Quote(QuoteKind::Indirect),
        fragments: vec![char_range(text, "the council")],
        speaker: None,
        cue: Some(char_range(text, "reckoned")),
        person: None,
        confidence: 0.9,
        rule: "a rule".into(),
    }];
    assert_eq!(quotes(model.suggest(text, &mut [])).len(), 1);
    assert!(model.suggest(text, &mut rules).is_empty());
}

#[test]
fn a_claim_inside_a_clause_does_not_hide_the_quote() {
    let model = trained();
    let text = "It was late.\n\nPeterson reckoned the council had lost 40 seats.";
    let claim = Suggestion {
        target: Target::Claim,
        fragments: vec![char_range(text, "40 seats")],
        speaker: None,
        cue: None,
        person: None,
        confidence: 0.6,
        rule: "a figure".into(),
    };
    let found = quotes(model.suggest(text, &mut [claim]));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].fragments,
        vec![char_range(text, "the council had lost 40 seats")]
    );
}

#[test]
fn a_tagged_cue_no_suggestion_carries_is_proposed_alone() {
    let model = trained();
    let text = "It was late.\n\nPeterson reckoned the council had lost its way.";
    // The rules found the quote but not its cue: the model adds the cue
    // alone, not the quote again.
    let mut rules = vec![Suggestion {
        target: Target::Quote(QuoteKind::Indirect),
        fragments: vec![char_range(text, "the council had lost its way")],
        speaker: Some(char_range(text, "Peterson")),
        cue: None,
        person: None,
        confidence: 0.9,
        rule: "a rule".into(),
    }];
    let found = model.suggest(text, &mut rules);
    assert_eq!(found.len(), 1, "{found:?}");
    let s = &found[0];
    let cue = char_range(text, "reckoned");
    assert_eq!(s.target, Target::Cue);
    assert_eq!(
        (s.fragments.clone(), s.cue, s.speaker),
        (vec![cue], Some(cue), None)
    );
    assert!(s.rule.contains("\u{201c}reckoned\u{201d} alone"), "{}", s.rule);
    assert!(s.confidence >= model.options.min_confidence && s.confidence <= 1.0);
    // A cue the model's own attribution carries comes alone as well only
    // where the attribution is less sure than the cue, as the same range.
    let found = model.suggest(text, &mut []);
    let quote = found
        .iter()
        .find(|s| s.target == Target::Quote(QuoteKind::Indirect));
    let quote = quote.expect("the model's attribution");
    assert_eq!(quote.cue, Some(cue));
    for s in found.iter().filter(|s| s.target == Target::Cue) {
        assert_eq!(s.cue, Some(cue));
        assert!(s.confidence > quote.confidence, "{found:?}");
    }
    assert!(found.len() <= 2, "{found:?}");
}

#[test]
fn the_cue_tagger_redraws_the_rules_cues_or_drops_them() {
    let model = trained();
    let text = "It was late.\n\nPeterson reckoned the council had lost its way.";
    let rule = |cue: &str| Suggestion {
        target: Target::Quote(QuoteKind::Indirect),
        fragments: vec![char_range(text, "council had lost its way")],
        speaker: Some(char_range(text, "Peterson")),
        cue: Some(char_range(text, cue)),
        person: None,
        confidence: 0.9,
        rule: "a rule".into(),
    };
    // A cue wider than the annotator draws it is redrawn as the cue
    // tagger's span; the quote and speaker stay as the rule found them.
    let mut rules = vec![rule("reckoned the")];
    let added = model.suggest(text, &mut rules);
    assert!(added.is_empty(), "{added:?}");
    assert_eq!(rules[0].cue, Some(char_range(text, "reckoned")));
    assert_eq!(rules[0].fragments, rule("x").fragments);
    assert_eq!(rules[0].speaker, Some(char_range(text, "Peterson")));
    // A cue on a word the annotator never tags as one stays while the
    // model learned from few cues ...
    assert!(model.trained_on.cues < OVERRULE_MIN_CUES);
    let mut rules = vec![rule("It was")];
    model.suggest(text, &mut rules);
    assert_eq!(rules[0].cue, Some(char_range(text, "It was")));
    // ... and is dropped (the quote stays) once it learned from enough,
    // the cue the tagger found then coming alone.
    let mut model = model;
    model.trained_on.cues = OVERRULE_MIN_CUES;
    let mut rules = vec![rule("It was")];
    let added = model.suggest(text, &mut rules);
    assert_eq!(rules[0].cue, None);
    assert_eq!(rules[0].fragments, rule("x").fragments);
    assert_eq!(added.len(), 1, "{added:?}");
    assert_eq!(added[0].target, Target::Cue);
    assert_eq!(added[0].cue, Some(char_range(text, "reckoned")));
}

#[test]
fn a_cue_stays_when_the_suggestion_carrying_it_is_less_sure_than_the_cue() {
    let model = trained();
    let text = "It was late.\n\nPeterson reckoned the council had lost its way.";
    let cue = char_range(text, "reckoned");
    let rule = |confidence: f32| Suggestion {
        target: Target::Quote(QuoteKind::Indirect),
        fragments: vec![char_range(text, "the council had lost its way")],
        speaker: Some(char_range(text, "Peterson")),
        cue: Some(cue),
        person: None,
        confidence,
        rule: "a rule".into(),
    };
    // A sure rule carries the cue: nothing is added.
    assert!(model.suggest(text, &mut [rule(0.95)]).is_empty());
    // An unsure one may fall below the user's threshold: the cue comes
    // alone too, as the same range (one cue when both are accepted).
    let added = model.suggest(text, &mut [rule(0.3)]);
    assert_eq!(added.len(), 1, "{added:?}");
    assert_eq!((added[0].target, added[0].cue), (Target::Cue, Some(cue)));
    assert!(added[0].confidence > 0.3);
    assert!(
        added[0]
            .rule
            .ends_with("alone: surer than the quote that carries it)"),
        "{}",
        added[0].rule
    );
}

/// "NAME has reckoned CLAUSE.": the annotator takes "has" into the cue.
fn has_reckoned(i: usize) -> Document {
    let name = NAMES[i % NAMES.len()];
    let clause = CLAUSES[(i * 5 + 1) % CLAUSES.len()];
    let text = format!("The meeting ran late.\n\n{name} has reckoned {clause}.");
    let anns = vec![
        ann(&text, "q", "Quote", clause),
        ann(&text, "s", "Speaker", name),
        ann(&text, "c", "Cue", "has reckoned"),
    ];
    Document::from_parts(format!("d{i}"), "t".into(), None, text, anns, Vec::new()).0
}

#[test]
fn a_cue_alone_grows_as_the_quote_carrying_it_does() {
    let docs: Vec<Document> = (0..12).map(has_reckoned).collect();
    let refs: Vec<&Document> = docs.iter().collect();
    let model = train_with_rules(&refs, &no_rules, &TrainOptions::default(), &|_, _| {});
    let text = "Peterson has reckoned the council had lost its way. Jones has reckoned so too.";
    let first = char_range(text, "reckoned");
    let jones = CharRange {
        start: char_range(text, "Jones").end + 5,
        end: char_range(text, "Jones").end + 13,
    };
    // The quote's speaker takes "has": its cue cannot grow into it.
    let quote = Suggestion {
        target: Target::Quote(QuoteKind::Indirect),
        fragments: vec![char_range(text, "the council had lost its way")],
        speaker: Some(char_range(text, "Peterson has")),
        cue: Some(first),
        person: None,
        confidence: 0.9,
        rule: "a rule".into(),
    };
    let alone = |r: CharRange| Suggestion {
        target: Target::Cue,
        fragments: vec![r],
        speaker: None,
        cue: Some(r),
        person: None,
        confidence: 0.8,
        rule: "alone".into(),
    };
    let mut found = vec![alone(first), quote, alone(jones)];
    model.grow_cues(text, &mut found);
    // The cue alone that the quote also carries stays one cue with it ...
    assert_eq!(found[1].cue, Some(first));
    assert_eq!(
        (found[0].cue, found[0].fragments.clone()),
        (Some(first), vec![first])
    );
    // ... and one no quote carries grows as the annotator draws cues.
    let grown = char_range(text, "has reckoned so").start;
    let grown = CharRange {
        start: grown,
        end: jones.end,
    };
    assert_eq!(found[2].cue, Some(grown));
}

#[test]
fn training_is_deterministic_and_reports_progress() {
    let seen = std::cell::RefCell::new(Vec::new());
    let docs: Vec<Document> = (0..12).map(example).collect();
    let refs: Vec<&Document> = docs.iter().collect();
    let a = train_with_rules(&refs, &no_rules, &TrainOptions::default(), &|d, t| {
        seen.borrow_mut().push((d, t))
    });
    assert_eq!(a, trained());
    let seen = seen.into_inner();
    let last = seen.last().copied().unwrap_or_default();
    assert!(last.0 == last.1 && last.1 > 0, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "progress only goes up");
    assert_eq!(a.trained_on.documents, 12);
    assert_eq!(a.trained_on.quotes, 12);
    assert_eq!(a.trained_on.cues, 12);
}

#[test]
fn any_text_is_safe() {
    let model = trained();
    let nasty = [
        "",
        "\n\n\n",
        "“ unbalanced \" marks '' and ‘",
        "😀 Peterson reckoned 日本語 مرحبا e\u{301} was fine.",
        &"word ".repeat(20_000),
    ];
    for t in nasty {
        for s in model.suggest(t, &mut []) {
            let n = t.chars().count();
            assert!(s.fragments.iter().all(|f| f.start < f.end && f.end <= n));
        }
    }
}

#[test]
fn offsets_are_chars_with_emoji_and_combining_marks() {
    let model = trained();
    let text = "😀😀 Note.\n\nRenée reckoned the café 日本 had closed for good.";
    let found = model.suggest(text, &mut []);
    let chars: Vec<char> = text.chars().collect();
    let s = found.first().expect("a suggestion");
    let f = s.fragments[0];
    let got: String = chars[f.start..f.end].iter().collect();
    assert!(got.starts_with("the café"), "{got}");
}
