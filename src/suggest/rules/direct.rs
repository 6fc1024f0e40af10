//! Direct quotes: quoted pieces joined into quotes and given their frame.
//!
//! A piece left open at a paragraph's end goes on in the next paragraph
//! when that one opens with a quote mark (one quote, several fragments); a
//! split quote (“A,” she said. “B.”) is one quote in two fragments.
//! Titles and scare quotes (short, title-case, or without any frame) are
//! dropped; so is a title-case first line (a headline).

use super::cues::is_speech_verb;
use super::frames::{self, Frame};
use super::headline;
use super::loose;
use super::marks::{self, Piece, Style};
use super::words::{Kind, Tok, ends_sentence, first_at_or_after, is_punct, is_quote_tok, lower};
use crate::model::CharRange;
use crate::suggest::QuoteKind;

/// A quote found in the text with its frame, before it becomes a
/// suggestion.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Quote {
    pub fragments: Vec<CharRange>,
    pub kind: QuoteKind,
    pub frame: Option<Frame>,
}

/// Every direct (or mixed, when a lead-in precedes) quote of the text.
pub(crate) fn quotes(c: &[char], toks: &[Tok]) -> Vec<Quote> {
    let paras = marks::paragraphs(c);
    let colon_headline = headline::colon(c, toks, &paras);
    let headline = colon_headline
        .as_ref()
        .map(|h| h.para)
        .or_else(|| headline_paragraph(c, toks, &paras));
    let pieces: Vec<Piece> = marks::pieces(c, &paras)
        .into_iter()
        .filter(|p| Some(p.para) != headline)
        .collect();
    let afters: Vec<Option<Frame>> = pieces
        .iter()
        .map(|p| frames::after(c, toks, p).or_else(|| loose::after_any_verb(c, toks, p)))
        .collect();
    let befores: Vec<Option<Frame>> = pieces
        .iter()
        .map(|p| frames::before(c, toks, p).or_else(|| loose::colon_before(c, toks, p)))
        .collect();
    let mut out: Vec<Quote> = colon_headline
        .into_iter()
        .map(|h| Quote {
            fragments: vec![h.fragment],
            kind: h.kind,
            frame: Some(h.frame),
        })
        .collect();
    let mut i = 0;
    while i < pieces.len() {
        let mut group = vec![i];
        while let Some(&last) = group.last() {
            let next = last + 1;
            let framed = group.iter().any(|&g| afters[g].is_some() || befores[g].is_some());
            if next >= pieces.len()
                || !(joins(c, &paras, &pieces, &afters, &befores, last, next)
                    || (framed && follows_unframed(c, &paras, &pieces, &afters, &befores, last, next)))
            {
                break;
            }
            group.push(next);
        }
        i = group.last().map_or(i, |&l| l + 1);
        if let Some(q) = build(c, toks, &pieces, &afters, &befores, &group) {
            // A mixed quote's clause may hold further quoted pieces.
            let end = q.fragments.last().map_or(0, |f| f.end);
            while i < pieces.len() && pieces[i].range.start < end {
                i += 1;
            }
            out.push(q);
        }
    }
    out
}

/// Most chars between the two parts of a split quote.
const MAX_SPLIT_GAP: usize = 250;

/// Whether piece `b` goes on the quote that piece `a` belongs to.
fn joins(
    c: &[char],
    paras: &[CharRange],
    pieces: &[Piece],
    afters: &[Option<Frame>],
    befores: &[Option<Frame>],
    a: usize,
    b: usize,
) -> bool {
    let (pa, pb) = (&pieces[a], &pieces[b]);
    if pa.style != Style::Double || pb.style != Style::Double {
        return false;
    }
    // Open at a paragraph's end, going on where the next paragraph opens.
    if pa.open_end {
        let blank_between = (pa.para + 1..pb.para)
            .all(|q| paras[q].start == marks::trim_end(c, paras[q].start, paras[q].end));
        return pb.para > pa.para && pb.at_para_start && blank_between;
    }
    // A split quote: “A,” she said, “B.” or “A,” said X, who … . “B.”
    if let Some(f) = &afters[a] {
        // `“A,” she said, adding: “B.”`: a colon opens a new quote.
        if f.end > 0 && c[f.end - 1] == ':' {
            return false;
        }
        // `“A.” She said, “B.”`: A closed its sentence, and the frame
        // ending with a comma introduces B, a quote of its own.
        if f.end > 0 && c[f.end - 1] == ',' && frames::inner_last(c, pa.range) == Some('.') {
            return false;
        }
        let same_frame = befores[b].as_ref().is_none_or(|g| g.cue == f.cue);
        return pb.para == pa.para
            && f.end <= pb.range.start
            && pb.range.start - pa.range.end <= MAX_SPLIT_GAP
            && afters[b].is_none()
            && same_frame
            && opens_sentence(c, pb.range.start)
            && !is_title(c, pb.range);
    }
    false
}

/// Whether a quote at `start` opens a sentence or clause: the char before it
/// (spaces aside) ends a sentence or is a comma or colon.
fn opens_sentence(c: &[char], start: usize) -> bool {
    let mut i = start;
    while i > 0 && c[i - 1].is_whitespace() {
        i -= 1;
    }
    i == 0 || matches!(c[i - 1], '.' | ',' | ':' | ';' | '?' | '!' | '—' | '–')
}

/// PolNeAR's convention: a quoted paragraph with no frame right after an
/// attributed quote (whose paragraph ends with the quote or its frame) is
/// another fragment of that quote.
fn follows_unframed(
    c: &[char],
    paras: &[CharRange],
    pieces: &[Piece],
    afters: &[Option<Frame>],
    befores: &[Option<Frame>],
    a: usize,
    b: usize,
) -> bool {
    let (pa, pb) = (&pieces[a], &pieces[b]);
    if afters[b].is_some() || befores[b].is_some() || !pb.at_para_start || pb.style != Style::Double {
        return false;
    }
    let blank = |q: usize| paras[q].start == marks::trim_end(c, paras[q].start, paras[q].end);
    let next_para = pb.para > pa.para && (pa.para + 1..pb.para).all(blank);
    let para_end = marks::trim_end(c, paras[pa.para].start, paras[pa.para].end);
    let a_ends_para = pa.at_para_end || afters[a].as_ref().is_some_and(|f| f.end >= para_end);
    next_para && a_ends_para
}

fn build(
    c: &[char],
    toks: &[Tok],
    pieces: &[Piece],
    afters: &[Option<Frame>],
    befores: &[Option<Frame>],
    group: &[usize],
) -> Option<Quote> {
    let first = *group.first()?;
    let embedded = {
        let r = pieces[first].range;
        let mut i = r.start;
        while i > 0 && c[i - 1].is_whitespace() {
            i -= 1;
        }
        i > 0 && super::words::is_word_char(c[i - 1])
    };
    // A quote inside a clause (`X admitted that he had “…,” he claimed
    // …`): the frame before it is its own, the one after starts anew.
    let before_first = embedded && befores[first].is_some();
    let frame = (if before_first { None } else { afters[first].clone() })
        .or_else(|| befores[first].clone())
        .or_else(|| group.iter().find_map(|&g| afters[g].clone()));
    let mut fragments: Vec<CharRange> = group.iter().map(|&g| pieces[g].range).collect();
    let mut kind = QuoteKind::Direct;
    if let Some(f) = &frame {
        // `said “zero” voters would …`: the quote is part of a clause.
        let lead_in = f.lead_in.or_else(|| {
            let r = fragments[0];
            (!f.after && group.len() == 1 && continues_clause(c, toks, r)).then_some(r.start)
        });
        // `Trump’s comments “are based on opinion,” X said`: the clause
        // started before the quote belongs to it.
        let lead_in = lead_in.or_else(|| f.after.then(|| sentence_lead(c, toks, fragments[0])).flatten());
        if let Some(lead) = lead_in {
            fragments[0].start = lead;
            kind = QuoteKind::Mixed;
            if let Some(last) = fragments.last_mut().filter(|_| !f.after) {
                last.end = clause_end(c, toks, pieces, *last);
            }
            if let Some(prefix) = f.prefix {
                fragments.insert(0, prefix);
            }
        }
    }
    let words = fragments.iter().map(|f| word_count(c, *f)).sum::<usize>();
    let title = group.len() == 1 && is_title(c, pieces[first].range);
    // Short quoted words in the object of a verb (`He called the plan “a
    // fraud” on Monday`): PolNeAR tags the object with its quote as a
    // mixed content of the sentence's subject.
    if frame.is_none() && !title && words < 8 && group.len() == 1 {
        let piece = pieces[first].range;
        if let Some((f, lead)) = loose::verb_object(c, toks, &pieces[first]) {
            let end = clause_end(c, toks, pieces, piece);
            return Some(Quote {
                fragments: vec![CharRange { start: lead, end }],
                kind: QuoteKind::Mixed,
                frame: Some(f),
            });
        }
    }
    match &frame {
        _ if title => None,
        Some(f) if words >= 2 || kind == QuoteKind::Mixed || f.lead_in.is_none() => Some(Quote {
            fragments,
            kind,
            frame,
        }),
        Some(_) => None,
        None if words >= UNFRAMED_WORDS => {
            // `… warned that the plan “would cost the farms dearly …”`:
            // a quote going on from its clause starts at that clause's "that".
            let mut kind = kind;
            if embedded && let Some(that) = that_before(c, toks, fragments[0]) {
                fragments[0].start = that;
                kind = QuoteKind::Mixed;
            }
            Some(Quote {
                fragments,
                kind,
                frame: loose::sentence_subject(c, toks, &pieces[first]),
            })
        }
        None => None,
    }
}

/// Where the "that" opening the clause a quote goes on from starts: a
/// quote opening with a lower-case word, with only words (at most 12)
/// between it and the "that".
fn that_before(c: &[char], toks: &[Tok], quote: CharRange) -> Option<usize> {
    let first_inner = c[quote.start..quote.end].iter().find(|ch| ch.is_alphanumeric())?;
    if !first_inner.is_lowercase() {
        return None;
    }
    let k = super::words::end_before(toks, quote.start);
    (k.saturating_sub(12)..k)
        .rev()
        .take_while(|&i| toks[i].kind == Kind::Word)
        .find(|&i| lower(c, &toks[i]) == "that")
        .map(|i| toks[i].start)
}

/// Fewest words a quote with no frame must have to be suggested (shorter
/// ones are mostly scare quotes and titles).
const UNFRAMED_WORDS: usize = 7;

/// Where a mixed quote's clause ends: a quote that does not close its
/// sentence is followed by the rest of the clause up to the sentence end
/// (its period left out, as PolNeAR does) or the next quote mark.
fn clause_end(c: &[char], toks: &[Tok], pieces: &[Piece], quote: CharRange) -> usize {
    let closes = inner_last_char(c, quote).is_some_and(|ch| matches!(ch, '.' | '!' | '?' | ','));
    if closes {
        return quote.end;
    }
    // Pieces are in text order and never overlap: only the last one
    // starting before `at` can hold it (a search, not a scan: a long text
    // has tens of thousands of pieces).
    let inside = |at: usize| {
        let k = pieces.partition_point(|p| p.range.start < at);
        k.checked_sub(1)
            .map(|k| &pieces[k])
            .filter(|p| at < p.range.end && p.range.start >= quote.end)
    };
    let mut end = quote.end;
    let rest = &toks[first_at_or_after(toks, quote.end)..];
    for (i, t) in rest.iter().enumerate() {
        if let Some(p) = inside(t.start) {
            // Within a later quoted piece of the clause: it ends with it.
            if ends_sentence(c, t) {
                return p.range.end;
            }
            end = t.end;
            continue;
        }
        // A comma right after the quote goes on to the next verb phrase
        // (`wanted to “get ahead of the violence”, reassure the public`).
        let glued = i == 0 && is_punct(c, t, ',');
        let stops = t.kind == Kind::Break
            || ends_sentence(c, t)
            || (t.kind == Kind::Punct && !glued && matches!(c[t.start], ':' | ',' | '—' | '–' | '(' | ')'));
        let w = lower(c, t);
        let clause = t.kind == Kind::Word
            && (matches!(
                w.as_str(),
                "until"
                    | "while"
                    | "when"
                    | "because"
                    | "although"
                    | "though"
                    | "which"
                    | "who"
                    | "whom"
                    | "where"
                    | "since"
            ) || (matches!(w.as_str(), "and" | "but")
                && rest.get(i + 1).is_some_and(|n| {
                    let n = lower(c, n);
                    n.ends_with("ed") || is_speech_verb(&n)
                })));
        if stops || clause {
            break;
        }
        end = t.end;
    }
    while end > quote.end && matches!(c[end - 1], ',' | '—' | '–' | '-') {
        end = marks::trim_end(c, quote.end, end - 1);
    }
    inside(end.saturating_sub(1)).map_or(end, |p| p.range.end.max(end))
}

/// Where the sentence holding a quote starts, when words (not a comma,
/// colon or dash) lead up to the quote's opening mark.
fn sentence_lead(c: &[char], toks: &[Tok], quote: CharRange) -> Option<usize> {
    let k = super::words::end_before(toks, quote.start);
    let last = toks.get(k.checked_sub(1)?)?;
    if last.kind != Kind::Word {
        return None;
    }
    let mut s = k;
    while s > 0
        && k - s < 30
        && !ends_sentence(c, &toks[s - 1])
        && !is_quote_tok(c, &toks[s - 1])
        && !is_punct(c, &toks[s - 1], ':')
    {
        s -= 1;
    }
    let opens = s == 0 || ends_sentence(c, &toks[s - 1]);
    (opens && k - s < 30).then(|| toks[s].start)
}

/// Whether a word follows the quote in its sentence.
fn continues_clause(c: &[char], toks: &[Tok], quote: CharRange) -> bool {
    let closes = inner_last_char(c, quote).is_some_and(|ch| matches!(ch, '.' | '!' | '?' | ','));
    !closes
        && toks
            .get(first_at_or_after(toks, quote.end))
            .is_some_and(|t| t.kind == Kind::Word)
}

/// The last char inside a quote's closing mark.
fn inner_last_char(c: &[char], r: CharRange) -> Option<char> {
    let mark = if r.end >= 2 && c[r.end - 1] == '\'' && c[r.end - 2] == '\'' {
        2
    } else {
        1
    };
    (r.end > r.start + mark).then(|| c[r.end - mark - 1])
}

/// Words in a range.
fn word_count(c: &[char], r: CharRange) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for &ch in &c[r.start..r.end.min(c.len())] {
        let w = super::words::is_word_char(ch);
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

/// A short title-case stretch with no sentence punctuation inside
/// (“Meet the Press”, “Saturday Night Live”).
fn is_title(c: &[char], r: CharRange) -> bool {
    let mut inner = &c[r.start..r.end.min(c.len())];
    // A title set off by a comma inside its marks (“Meet the Press,”).
    if let Some(comma) = inner.iter().rposition(|&ch| ch == ',')
        && inner[comma + 1..].iter().all(|&ch| marks::is_quote_char(ch))
    {
        inner = &inner[..comma];
    }
    if inner.iter().any(|ch| matches!(ch, ',' | '?' | '!')) {
        return false;
    }
    let words: Vec<&[char]> = inner
        .split(|ch| !super::words::is_word_char(*ch) && *ch != '\'' && *ch != '’')
        .map(|w| {
            let apostrophe = |ch: &char| matches!(ch, '\'' | '’');
            let from = w.iter().position(|ch| !apostrophe(ch)).unwrap_or(w.len());
            let to = w.iter().rposition(|ch| !apostrophe(ch)).map_or(from, |i| i + 1);
            &w[from..to.max(from)]
        })
        .filter(|w| !w.is_empty() && w[0].is_alphabetic())
        .collect();
    if words.is_empty() || words.len() > 7 {
        return false;
    }
    let small = |w: &[char]| {
        let s: String = w.iter().collect();
        matches!(
            s.as_str(),
            "a" | "an"
                | "the"
                | "of"
                | "and"
                | "or"
                | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "with"
                | "by"
                | "vs"
        )
    };
    words.len() >= 2 && words.iter().all(|w| w[0].is_uppercase() || small(w)) && words[0][0].is_uppercase()
}

/// The first non-blank paragraph when it reads as a headline: no sentence
/// end and most words capitalised.
fn headline_paragraph(c: &[char], toks: &[Tok], paras: &[CharRange]) -> Option<usize> {
    let (i, p) = paras
        .iter()
        .enumerate()
        .find(|(_, p)| marks::trim_start(c, p.start, p.end) < p.end)?;
    let words: Vec<&Tok> = toks
        .iter()
        .filter(|t| t.kind == Kind::Word && t.start >= p.start && t.end <= p.end)
        .filter(|t| t.end - t.start > 3)
        .collect();
    let caps = words.iter().filter(|t| c[t.start].is_uppercase()).count();
    (words.len() >= 2 && caps * 10 >= words.len() * 7).then_some(i)
}
