//! The speaker mention of a frame, as written: a name with its title and
//! apposition ("Dog Andres, a spokesman for the campaign"), a pronoun
//! ("she"), a description ("the campaign"). Read backward from a verb
//! (`X said`) or forward after it (`said X`).

use super::cues::{is_auxiliary, is_participle, stops_after, stops_before};
use super::words::{Kind, Tok, ends_sentence, is_capitalized, is_punct, is_quote_tok, lower};
use crate::model::CharRange;

/// Longest mention, in tokens.
const MAX_TOKENS: usize = 30;

/// Whether the token ends any mention: a sentence end, a quote mark, a
/// colon, a bracket or a dash.
fn hard_stop(c: &[char], t: &Tok) -> bool {
    ends_sentence(c, t)
        || is_quote_tok(c, t)
        || (t.kind == Kind::Punct && matches!(c[t.start], ':' | '(' | ')' | '—' | '–' | '[' | ']'))
}

/// Index of the first token of the subject that ends before token `verb`,
/// skipping adverbs and auxiliaries right before the verb, or `verb` itself
/// when none. Never reads before token `floor`.
pub(crate) fn before(c: &[char], toks: &[Tok], verb: usize, floor: usize) -> Option<CharRange> {
    let mut end = verb;
    loop {
        let from = end;
        while end > floor
            && toks[end - 1].kind == Kind::Word
            && skipped_before_verb(&lower(c, &toks[end - 1]))
        {
            end -= 1;
        }
        // "Ortega last week said", "Ortega on Monday said".
        end = before_time_phrase(c, toks, end, floor);
        if end == from {
            break;
        }
    }
    // The comma closing an apposition ("Andres, a spokesman, said").
    if end > floor && is_punct(c, &toks[end - 1], ',') {
        end -= 1;
    }
    let mut start = end;
    while start > floor {
        let t = &toks[start - 1];
        // "Sen. Ann Ortega (D-Iowa) said", "Ortega (D-Iowa), who …, said":
        // the bracket after a name belongs to the mention.
        if is_punct(c, t, ')')
            && let Some(open) = (floor..start - 1)
                .rev()
                .take(8)
                .find(|&i| is_punct(c, &toks[i], '('))
            && open > floor
            && is_capitalized(c, &toks[open - 1])
        {
            start = open;
            continue;
        }
        if hard_stop(c, t) {
            break;
        }
        if t.kind == Kind::Word && stops_before(&lower(c, t)) {
            break;
        }
        if is_punct(c, t, ',') {
            if !is_apposition(c, toks, start, end) || start < floor + 2 {
                break;
            }
            let bracket = is_punct(c, &toks[start - 2], ')');
            if !(is_capitalized(c, &toks[start - 2]) || bracket) || is_time_word(&lower(c, &toks[start - 2]))
            {
                break;
            }
        }
        start -= 1;
        if end - start > MAX_TOKENS {
            return None;
        }
    }
    // "In a statement on Tuesday, the officer": the opening phrase goes.
    if start < end && toks[start].kind == Kind::Word && is_preposition(&lower(c, &toks[start])) {
        let comma = (start..end).rev().find(|&i| is_punct(c, &toks[i], ','))?;
        start = comma + 1;
    }
    (start < end).then(|| CharRange {
        start: toks[start].start,
        end: toks[end - 1].end,
    })
}

/// An auxiliary or adverb between a subject and its verb ("has also",
/// "now", "bluntly").
fn skipped_before_verb(w: &str) -> bool {
    is_auxiliary(w)
        || matches!(
            w,
            "now"
                | "however"
                | "generally"
                | "loudly"
                | "openly"
                | "directly"
                | "firmly"
                | "strongly"
                | "sharply"
                | "clearly"
                | "candidly"
                | "briefly"
                | "formally"
                | "personally"
                | "initially"
                | "ultimately"
                | "eventually"
                | "immediately"
                | "specifically"
                | "explicitly"
                | "emphatically"
                | "forcefully"
                | "roundly"
                | "widely"
        )
}

/// Where a time phrase right before token `end` starts ("last week",
/// "on Monday", "Tuesday"), or `end` when none stands there.
fn before_time_phrase(c: &[char], toks: &[Tok], end: usize, floor: usize) -> usize {
    let word = |i: usize| (toks[i].kind == Kind::Word).then(|| lower(c, &toks[i]));
    let mut e = end;
    if e > floor
        && let Some(w) = word(e - 1)
    {
        let unit = matches!(
            w.as_str(),
            "week" | "month" | "year" | "night" | "weekend" | "morning"
        );
        let day = is_time_word(&w) && !matches!(w.as_str(), "may" | "march" | "earlier" | "later");
        if unit && e - 1 > floor && word(e - 2).is_some_and(|p| matches!(p.as_str(), "last" | "this")) {
            e -= 2;
        } else if day {
            e -= 1;
            if e > floor && word(e - 1).as_deref() == Some("on") {
                e -= 1;
            }
        }
    }
    e
}

/// Days, months and other words that are capitalised without naming anyone.
fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "today"
            | "yesterday"
            | "earlier"
            | "later"
    )
}

/// Prepositions that open an adverbial phrase before a subject.
fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "with"
            | "for"
            | "from"
            | "by"
            | "under"
            | "since"
            | "following"
            | "speaking"
            | "asked"
            | "when"
            | "while"
            | "later"
            | "earlier"
    )
}

/// The mention between a quote and its verb (`,” Douglas Holtz-Eakin, an
/// adviser to Republicans and former director of the CBO, wrote`): every
/// token from `from` up to the verb, less auxiliaries and a closing comma;
/// nothing when a sentence end or clause opener lies in between.
pub(crate) fn between(c: &[char], toks: &[Tok], from: usize, verb: usize) -> Option<CharRange> {
    let mut end = verb;
    while end > from && toks[end - 1].kind == Kind::Word && is_auxiliary(&lower(c, &toks[end - 1])) {
        end -= 1;
    }
    if end > from && is_punct(c, &toks[end - 1], ',') {
        end -= 1;
    }
    let first = toks
        .get(from)
        .filter(|_| end > from && end - from <= MAX_TOKENS)?;
    if first.kind != Kind::Word || stops_before(&lower(c, first)) {
        return None;
    }
    if toks[from..end]
        .iter()
        .any(|t| hard_stop(c, t) && !is_punct(c, t, '(') && !is_punct(c, t, ')'))
    {
        return None;
    }
    Some(CharRange {
        start: first.start,
        end: toks[end - 1].end,
    })
}

/// Whether `toks[from..to]` reads as an apposition ("a spokesman for X",
/// "the former governor", "who leads the group").
fn is_apposition(c: &[char], toks: &[Tok], from: usize, to: usize) -> bool {
    let Some(first) = toks.get(from).filter(|_| from < to) else {
        return false;
    };
    if first.kind != Kind::Word {
        return false;
    }
    let w = lower(c, first);
    matches!(
        w.as_str(),
        "a" | "an" | "the" | "who" | "whose" | "one" | "another" | "his" | "her" | "its" | "their"
    ) || (!is_capitalized(c, first)
        && !stops_before(&w)
        && !is_participle(&w)
        && !crate::suggest::lexicon::is_speaker_pronoun(&w))
}

/// The mention that starts at token `from` (after an inverted verb:
/// `said Geoff Garin, a Democratic pollster`).
pub(crate) fn after(c: &[char], toks: &[Tok], from: usize) -> Option<CharRange> {
    let mut end = from;
    let mut in_head = true;
    while end < toks.len() && end - from < MAX_TOKENS {
        let t = &toks[end];
        if hard_stop(c, t) {
            break;
        }
        if is_punct(c, t, ',') {
            if end == from || !is_apposition(c, toks, end + 1, toks.len()) {
                break;
            }
            in_head = false;
        } else if t.kind == Kind::Word {
            let w = lower(c, t);
            let leaves = if in_head {
                end > from && stops_after(&w)
            } else {
                matches!(
                    w.as_str(),
                    "according" | "adding" | "noting" | "told" | "said" | "referring"
                ) || is_participle(&w)
            };
            if leaves {
                break;
            }
        }
        end += 1;
    }
    while end > from && is_punct(c, &toks[end - 1], ',') {
        end -= 1;
    }
    (end > from).then(|| CharRange {
        start: toks[from].start,
        end: toks[end - 1].end,
    })
}

/// `“…,” X said, according to Y.`: the source the reporter names after
/// the frame (from token `from`, within the sentence) is the speaker
/// annotators take. The cue ("according to") and the source.
pub(crate) fn according_after(c: &[char], toks: &[Tok], from: usize) -> Option<(CharRange, CharRange)> {
    let a = (from..(from + 12).min(toks.len()))
        .take_while(|&i| !ends_sentence(c, &toks[i]) && !is_quote_tok(c, &toks[i]))
        .find(|&i| {
            i > 0
                && is_punct(c, &toks[i - 1], ',')
                && toks[i].kind == Kind::Word
                && lower(c, &toks[i]) == "according"
                && toks
                    .get(i + 1)
                    .is_some_and(|t| t.kind == Kind::Word && lower(c, t) == "to")
        })?;
    let source = after(c, toks, a + 2)?;
    let cue = CharRange {
        start: toks[a].start,
        end: toks[a + 1].end,
    };
    Some((cue, source))
}

#[cfg(test)]
mod tests {
    use super::super::words::tokenize;
    use super::*;

    fn text_of(c: &[char], r: Option<CharRange>) -> String {
        r.map(|r| c[r.start..r.end].iter().collect()).unwrap_or_default()
    }

    fn verb_index(c: &[char], toks: &[Tok], verb: &str) -> usize {
        toks.iter().position(|t| lower(c, t) == verb).unwrap_or(0)
    }

    #[test]
    fn subject_with_apposition_read_backward() {
        let s = "Dog Andres, a spokesman for the campaign, said on Tuesday.";
        let c: Vec<char> = s.chars().collect();
        let t = tokenize(&c);
        let v = verb_index(&c, &t, "said");
        assert_eq!(
            text_of(&c, before(&c, &t, v, 0)),
            "Dog Andres, a spokesman for the campaign"
        );
    }

    #[test]
    fn subject_stops_at_a_clause_opener_and_an_adverbial_comma() {
        let s = "Of course, as Joel Pollak of Breitbart California observed, it was.";
        let c: Vec<char> = s.chars().collect();
        let t = tokenize(&c);
        let v = verb_index(&c, &t, "observed");
        assert_eq!(
            text_of(&c, before(&c, &t, v, 0)),
            "Joel Pollak of Breitbart California"
        );
        let s = "In an interview, Smith has also said";
        let c: Vec<char> = s.chars().collect();
        let t = tokenize(&c);
        let v = verb_index(&c, &t, "said");
        assert_eq!(text_of(&c, before(&c, &t, v, 0)), "Smith");
    }

    #[test]
    fn a_party_and_state_in_brackets_stays_with_the_name() {
        let s = "Sen. Ann Ortega (D-Iowa) said that";
        let c: Vec<char> = s.chars().collect();
        let t = tokenize(&c);
        let v = verb_index(&c, &t, "said");
        assert_eq!(text_of(&c, before(&c, &t, v, 0)), "Sen. Ann Ortega (D-Iowa)");
        let s = "Sen. Ann Ortega (D-Iowa), who chairs the panel, last week said";
        let c: Vec<char> = s.chars().collect();
        let t = tokenize(&c);
        let v = verb_index(&c, &t, "said");
        assert_eq!(
            text_of(&c, before(&c, &t, v, 0)),
            "Sen. Ann Ortega (D-Iowa), who chairs the panel"
        );
        let s = "Rep. Bo Lind (R-N.Y.) on Monday loudly said";
        let c: Vec<char> = s.chars().collect();
        let t = tokenize(&c);
        assert!(!t.iter().any(|x| super::super::words::ends_sentence(&c, x)));
        let v = verb_index(&c, &t, "said");
        assert_eq!(text_of(&c, before(&c, &t, v, 0)), "Rep. Bo Lind (R-N.Y.)");
    }

    #[test]
    fn inverted_speaker_keeps_apposition_but_not_time() {
        let s = "said Geoff Garin, a Democratic pollster working for Priorities USA, a super PAC.";
        let c: Vec<char> = s.chars().collect();
        let t = tokenize(&c);
        assert_eq!(
            text_of(&c, after(&c, &t, 1)),
            "Geoff Garin, a Democratic pollster working for Priorities USA, a super PAC"
        );
        let s = "said Mr. Smith on Tuesday, adding that";
        let c: Vec<char> = s.chars().collect();
        let t = tokenize(&c);
        assert_eq!(text_of(&c, after(&c, &t, 1)), "Mr. Smith");
    }
}
