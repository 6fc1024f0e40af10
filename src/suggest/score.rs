//! How good suggestions are, measured against gold annotations.
//!
//! The metric of issue 12 (and of the Gender Gap Tracker, made symmetric):
//! a suggested quote matches a gold quote when the chars they share, over
//! the union of each one's fragments, are at least [`MIN_OVERLAP`] of the
//! longer of the two; matching is one to one, best overlap first. A matched
//! quote's speaker is right when the suggested speaker overlaps the gold
//! speaker; its cue likewise. "Direct" gold quotes are those whose text
//! holds a quotation mark; they are scored against suggestions of kind
//! direct or mixed.

use crate::model::{CharRange, Document, names};

use super::{QuoteKind, Suggestion, Target};

/// The least overlap (shared chars / longer length) for a match.
pub const MIN_OVERLAP: f64 = 0.3;

/// One gold attribution: a quote with its speaker and cue (if linked).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gold {
    pub fragments: Vec<CharRange>,
    pub speakers: Vec<CharRange>,
    pub cues: Vec<CharRange>,
    /// The quote's text holds a quotation mark.
    pub direct: bool,
}

/// The gold attributions of a document: its Quote annotations with the
/// speakers they are `said_by` and the cues `cue_of` them.
pub fn gold_of(doc: &Document) -> Vec<Gold> {
    let mut out: Vec<Gold> = doc
        .annotations_in_order()
        .filter(|a| a.label == names::QUOTE)
        .map(|q| {
            let fragments: Vec<CharRange> = q.fragments.iter().map(|f| f.range()).collect();
            let text: String = fragments.iter().map(|&r| doc.slice(r)).collect();
            Gold {
                direct: holds_quote_mark(&text),
                speakers: doc.targets(&q.id, names::SAID_BY).map(|s| s.hull()).collect(),
                cues: doc.sources(&q.id, names::CUE_OF).map(|c| c.hull()).collect(),
                fragments,
            }
        })
        .collect();
    out.sort_by_key(|g| g.fragments.first().map(|r| (r.start, r.end)));
    out
}

/// Whether `text` holds a double quotation mark (of any style, or the two
/// apostrophes some outlets write for one), or an opening single one.
pub fn holds_quote_mark(text: &str) -> bool {
    text.contains(['"', '“', '”', '«', '»', '„', '‘', '‹', '›']) || text.contains("''")
}

/// Precision, recall and their F1, from counts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    /// Matched pairs.
    pub matched: usize,
    /// Suggestions scored.
    pub predicted: usize,
    /// Gold items scored.
    pub gold: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    fn add(&mut self, other: Prf) {
        self.matched += other.matched;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
}

impl std::fmt::Display for Prf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "P {:.3} R {:.3} F1 {:.3} ({} matched, {} suggested, {} gold)",
            self.precision(),
            self.recall(),
            self.f1(),
            self.matched,
            self.predicted,
            self.gold
        )
    }
}

/// A right share: `right` of `of`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Share {
    pub right: usize,
    pub of: usize,
}

impl Share {
    pub fn value(&self) -> f64 {
        ratio(self.right, self.of)
    }
    fn add(&mut self, other: Share) {
        self.right += other.right;
        self.of += other.of;
    }
}

impl std::fmt::Display for Share {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.3} ({} of {})", self.value(), self.right, self.of)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The figures for one document or, added up, for a corpus.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    /// Every gold quote against every quote suggestion.
    pub all: Prf,
    /// Gold quotes holding a quote mark against direct or mixed suggestions.
    pub direct: Prf,
    /// The same, counting only exact matches (same fragments' union).
    pub direct_exact: Prf,
    /// Every gold quote, exact matches only.
    pub all_exact: Prf,
    /// Gold quotes without a quote mark against indirect suggestions.
    pub indirect: Prf,
    /// Matched direct quotes whose suggested speaker overlaps the gold one.
    pub direct_speaker: Share,
    /// Matched direct quotes whose suggested cue overlaps the gold one.
    pub direct_cue: Share,
    /// The same over all matched quotes.
    pub speaker: Share,
    pub cue: Share,
    /// Cues as items of their own: suggested cues against gold cues
    /// (overlap >= [`MIN_OVERLAP`], one to one).
    pub cues: Prf,
}

impl Scores {
    /// Adds another document's figures to these.
    pub fn add(&mut self, o: &Scores) {
        self.all.add(o.all);
        self.direct.add(o.direct);
        self.direct_exact.add(o.direct_exact);
        self.all_exact.add(o.all_exact);
        self.indirect.add(o.indirect);
        self.direct_speaker.add(o.direct_speaker);
        self.direct_cue.add(o.direct_cue);
        self.speaker.add(o.speaker);
        self.cue.add(o.cue);
        self.cues.add(o.cues);
    }

    /// A few lines for a report.
    pub fn report(&self) -> String {
        format!(
            "all contents      {}\n\
             all exact         {}\n\
             direct            {}\n\
             direct exact      {}\n\
             direct speaker    {}\n\
             direct cue        {}\n\
             indirect          {}\n\
             speaker (all)     {}\n\
             cue (all matched) {}\n\
             cues as items     {}",
            self.all,
            self.all_exact,
            self.direct,
            self.direct_exact,
            self.direct_speaker,
            self.direct_cue,
            self.indirect,
            self.speaker,
            self.cue,
            self.cues
        )
    }
}

/// Scores the quote suggestions (claims are left out) against `gold`; cues
/// suggested alone count among the cues as items only.
pub fn score(suggestions: &[Suggestion], gold: &[Gold]) -> Scores {
    let quotes: Vec<&Suggestion> = suggestions
        .iter()
        .filter(|s| matches!(s.target, Target::Quote(_)))
        .collect();
    let kind_of = |s: &Suggestion| match s.target {
        Target::Quote(k) => Some(k),
        Target::Claim | Target::Cue => None,
    };
    let mut out = Scores::default();

    let all_pairs = match_one_to_one(&quotes, gold, |_| true, |_| true);
    out.all = prf(&all_pairs, quotes.len(), gold.len());
    out.all_exact = exact(&all_pairs, &quotes, gold, out.all);
    for &(s, g, _) in &all_pairs {
        out.speaker.add(right(quotes[s].speaker, &gold[g].speakers));
        out.cue.add(right(quotes[s].cue, &gold[g].cues));
    }

    let is_direct = |s: &&Suggestion| matches!(kind_of(s), Some(QuoteKind::Direct | QuoteKind::Mixed));
    let direct_pairs = match_one_to_one(&quotes, gold, is_direct, |g| g.direct);
    let n_direct = quotes.iter().filter(|s| is_direct(s)).count();
    let g_direct = gold.iter().filter(|g| g.direct).count();
    out.direct = prf(&direct_pairs, n_direct, g_direct);
    out.direct_exact = exact(&direct_pairs, &quotes, gold, out.direct);
    for &(s, g, _) in &direct_pairs {
        out.direct_speaker
            .add(right(quotes[s].speaker, &gold[g].speakers));
        out.direct_cue.add(right(quotes[s].cue, &gold[g].cues));
    }

    let is_indirect = |s: &&Suggestion| kind_of(s) == Some(QuoteKind::Indirect);
    let indirect_pairs = match_one_to_one(&quotes, gold, is_indirect, |g| !g.direct);
    out.indirect = prf(
        &indirect_pairs,
        quotes.iter().filter(|s| is_indirect(s)).count(),
        gold.iter().filter(|g| !g.direct).count(),
    );

    // The quotes' cues and the cues suggested alone (never counted as quotes).
    let mut suggested_cues: Vec<Vec<CharRange>> = suggestions
        .iter()
        .filter(|s| matches!(s.target, Target::Quote(_) | Target::Cue))
        .filter_map(|s| s.cue)
        .map(|c| vec![c])
        .collect();
    // One cue annotation per range, on both sides: accepting two
    // suggestions that share a cue links both to one Cue (as the gold's
    // shared cues are counted once).
    suggested_cues.sort();
    suggested_cues.dedup();
    let mut gold_cues: Vec<Vec<CharRange>> = gold
        .iter()
        .flat_map(|g| g.cues.iter().map(|&c| vec![c]))
        .collect();
    gold_cues.sort();
    gold_cues.dedup();
    let cue_pairs = match_ranges(&suggested_cues, &gold_cues);
    out.cues = prf(&cue_pairs, suggested_cues.len(), gold_cues.len());
    out
}

/// The direct matches of [`score`] as (index into `suggestions`, index into
/// `gold`, overlap), for a harness that prints what was missed.
pub fn direct_matches(suggestions: &[Suggestion], gold: &[Gold]) -> Vec<(usize, usize, f64)> {
    let idx: Vec<usize> = (0..suggestions.len())
        .filter(|&i| matches!(suggestions[i].target, Target::Quote(_)))
        .collect();
    let quotes: Vec<&Suggestion> = idx.iter().map(|&i| &suggestions[i]).collect();
    let is_direct = |s: &&Suggestion| matches!(s.target, Target::Quote(QuoteKind::Direct | QuoteKind::Mixed));
    match_one_to_one(&quotes, gold, is_direct, |g| g.direct)
        .into_iter()
        .map(|(s, g, o)| (idx[s], g, o))
        .collect()
}

/// Whether two sets of fragments cover the same chars.
pub fn same_chars(a: &[CharRange], b: &[CharRange]) -> bool {
    union(a) == union(b)
}

/// Shared chars over the longer of two sets of fragments.
pub fn overlap_of(a: &[CharRange], b: &[CharRange]) -> f64 {
    overlap(&union(a), &union(b))
}

fn prf(pairs: &[(usize, usize, f64)], predicted: usize, gold: usize) -> Prf {
    Prf {
        matched: pairs.len(),
        predicted,
        gold,
    }
}

/// Exact matches among the overlap matches, over the same totals.
fn exact(pairs: &[(usize, usize, f64)], quotes: &[&Suggestion], gold: &[Gold], totals: Prf) -> Prf {
    let matched = pairs
        .iter()
        .filter(|&&(s, g, _)| union(&quotes[s].fragments) == union(&gold[g].fragments))
        .count();
    Prf { matched, ..totals }
}

fn right(suggested: Option<CharRange>, gold: &[CharRange]) -> Share {
    Share {
        right: usize::from(suggested.is_some_and(|s| gold.iter().any(|g| g.overlaps(&s)))),
        of: 1,
    }
}

/// Pairs (suggestion index, gold index, overlap) matched one to one, best
/// overlap first, among the suggestions and golds the filters keep.
fn match_one_to_one(
    quotes: &[&Suggestion],
    gold: &[Gold],
    keep_s: impl Fn(&&Suggestion) -> bool,
    keep_g: impl Fn(&Gold) -> bool,
) -> Vec<(usize, usize, f64)> {
    let s_ranges: Vec<Vec<CharRange>> = quotes
        .iter()
        .map(|s| {
            if keep_s(s) {
                union(&s.fragments)
            } else {
                Vec::new()
            }
        })
        .collect();
    let g_ranges: Vec<Vec<CharRange>> = gold
        .iter()
        .map(|g| {
            if keep_g(g) {
                union(&g.fragments)
            } else {
                Vec::new()
            }
        })
        .collect();
    match_ranges(&s_ranges, &g_ranges)
}

/// One-to-one matching of range sets by overlap, best first; empty sets
/// never match.
fn match_ranges(s: &[Vec<CharRange>], g: &[Vec<CharRange>]) -> Vec<(usize, usize, f64)> {
    let mut candidates = Vec::new();
    // Both lists are roughly in text order; a sweep keeps this near linear.
    let mut g_order: Vec<usize> = (0..g.len()).filter(|&j| !g[j].is_empty()).collect();
    g_order.sort_by_key(|&j| g[j][0].start);
    // A gold set starting `longest` chars or more before a suggestion cannot reach it.
    let longest = g_order
        .iter()
        .map(|&j| g[j].last().map_or(0, |r| r.end) - g[j][0].start)
        .max()
        .unwrap_or(0);
    for (i, si) in s.iter().enumerate() {
        let (Some(first), Some(last)) = (si.first(), si.last()) else {
            continue;
        };
        let from = g_order.partition_point(|&j| g[j][0].start + longest <= first.start);
        for &j in &g_order[from..] {
            let gj = &g[j];
            if gj[0].start >= last.end {
                break;
            }
            let o = overlap(si, gj);
            if o >= MIN_OVERLAP {
                candidates.push((i, j, o));
            }
        }
    }
    candidates.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    let mut used_s = vec![false; s.len()];
    let mut used_g = vec![false; g.len()];
    let mut out = Vec::new();
    for (i, j, o) in candidates {
        if !used_s[i] && !used_g[j] {
            used_s[i] = true;
            used_g[j] = true;
            out.push((i, j, o));
        }
    }
    out
}

/// Sorted, merged ranges.
fn union(ranges: &[CharRange]) -> Vec<CharRange> {
    let mut v: Vec<CharRange> = ranges.iter().copied().filter(|r| !r.is_empty()).collect();
    v.sort();
    let mut out: Vec<CharRange> = Vec::with_capacity(v.len());
    for r in v {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Shared chars over the longer of the two (both merged and sorted).
fn overlap(a: &[CharRange], b: &[CharRange]) -> f64 {
    let len = |v: &[CharRange]| v.iter().map(CharRange::len).sum::<usize>();
    let longer = len(a).max(len(b));
    if longer == 0 {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if let Some(x) = a[i].intersection(&b[j]) {
            shared += x.len();
        }
        if a[i].end <= b[j].end {
            i += 1;
        } else {
            j += 1;
        }
    }
    shared as f64 / longer as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Edit, Fragment, Project, Relation};

    fn r(start: usize, end: usize) -> CharRange {
        CharRange { start, end }
    }

    fn quote(
        kind: QuoteKind,
        fragments: Vec<CharRange>,
        speaker: Option<CharRange>,
        cue: Option<CharRange>,
    ) -> Suggestion {
        Suggestion {
            target: Target::Quote(kind),
            fragments,
            speaker,
            cue,
            person: None,
            confidence: 0.9,
            rule: "test".into(),
        }
    }

    fn gold(fragments: Vec<CharRange>, direct: bool, speaker: CharRange, cue: CharRange) -> Gold {
        Gold {
            fragments,
            speakers: vec![speaker],
            cues: vec![cue],
            direct,
        }
    }

    #[test]
    fn overlap_is_shared_over_the_longer_and_matching_is_one_to_one() {
        let g = vec![gold(vec![r(0, 10)], true, r(20, 25), r(12, 16))];
        // 3 of 10 shared: a match; 2 of 10: none.
        let s = score(
            &[quote(QuoteKind::Direct, vec![r(7, 10)], Some(r(21, 22)), None)],
            &g,
        );
        assert_eq!((s.direct.matched, s.direct.predicted, s.direct.gold), (1, 1, 1));
        assert_eq!(s.direct_speaker.right, 1);
        assert_eq!(s.direct_cue.right, 0);
        assert_eq!(s.direct_exact.matched, 0);
        let s = score(&[quote(QuoteKind::Direct, vec![r(8, 10)], None, None)], &g);
        assert_eq!(s.direct.matched, 0);
        // Two suggestions on one gold: one match, one false positive.
        let two = [
            quote(QuoteKind::Direct, vec![r(0, 10)], None, Some(r(12, 16))),
            quote(QuoteKind::Direct, vec![r(0, 9)], None, None),
        ];
        let s = score(&two, &g);
        assert_eq!(s.direct.matched, 1);
        assert_eq!(s.direct.precision(), 0.5);
        assert_eq!(s.direct_exact.matched, 1);
        assert_eq!(s.direct_cue.right, 1);
        assert_eq!(s.cues.matched, 1);
    }

    #[test]
    fn a_cue_alone_counts_among_cues_but_not_among_quotes() {
        let g = vec![
            gold(vec![r(0, 10)], true, r(20, 25), r(12, 16)),
            gold(vec![r(40, 60)], false, r(30, 33), r(34, 38)),
        ];
        let lone = |c: CharRange| Suggestion {
            target: Target::Cue,
            fragments: vec![c],
            speaker: None,
            cue: Some(c),
            person: None,
            confidence: 0.8,
            rule: "test".into(),
        };
        let s = score(
            &[
                quote(QuoteKind::Direct, vec![r(0, 10)], None, Some(r(12, 16))),
                // The second gold's cue, and a cue that is no gold cue.
                lone(r(34, 38)),
                lone(r(70, 74)),
            ],
            &g,
        );
        assert_eq!((s.cues.matched, s.cues.predicted, s.cues.gold), (2, 3, 2));
        // Only the quote is a quote, even where a lone cue overlaps gold content.
        assert_eq!((s.all.matched, s.all.predicted, s.all.gold), (1, 1, 2));
        let s = score(&[lone(r(40, 60))], &g);
        assert_eq!((s.all.matched, s.all.predicted), (0, 0));
        assert_eq!(s.indirect.predicted, 0);
    }

    #[test]
    fn a_cue_two_suggestions_share_is_one_cue() {
        // Gold: two quotes of one cue ("said", counted once).
        let g = vec![
            gold(vec![r(0, 10)], true, r(20, 25), r(12, 16)),
            gold(vec![r(30, 40)], true, r(20, 25), r(12, 16)),
        ];
        let both = [
            quote(QuoteKind::Direct, vec![r(0, 10)], None, Some(r(12, 16))),
            quote(QuoteKind::Direct, vec![r(30, 40)], None, Some(r(12, 16))),
        ];
        let s = score(&both, &g);
        assert_eq!((s.cues.matched, s.cues.predicted, s.cues.gold), (1, 1, 1));
        assert_eq!(s.cue.right, 2);
    }

    #[test]
    fn fragments_are_scored_as_their_union_and_kinds_are_kept_apart() {
        let g = vec![
            gold(vec![r(0, 5), r(10, 15)], true, r(6, 8), r(8, 9)),
            gold(vec![r(30, 40)], false, r(20, 22), r(23, 27)),
        ];
        let s = score(
            &[
                quote(QuoteKind::Mixed, vec![r(0, 5), r(10, 15)], None, None),
                quote(QuoteKind::Indirect, vec![r(31, 40)], Some(r(20, 21)), None),
            ],
            &g,
        );
        assert_eq!(s.direct_exact.matched, 1);
        assert_eq!((s.indirect.matched, s.indirect.gold), (1, 1));
        assert_eq!((s.all.matched, s.all.predicted, s.all.gold), (2, 2, 2));
        assert_eq!(s.speaker.right, 1);
        let mut total = Scores::default();
        total.add(&s);
        total.add(&s);
        assert_eq!(total.all.matched, 4);
        assert!(total.report().contains("direct exact"));
    }

    #[test]
    fn gold_comes_from_quotes_and_their_links() {
        let text = "\u{201c}We won,\u{201d} she said.";
        let mut p = Project::default();
        let doc = crate::model::Document::new("d", "d", text);
        Edit::AddDocument {
            index: 0,
            document: Box::new(doc),
        }
        .apply(&mut p)
        .expect("doc");
        let ann = |id: &str, label: &str, s: usize, e: usize| Annotation {
            id: id.into(),
            label: label.into(),
            fragments: vec![Fragment {
                start: s,
                end: e,
                text: text.chars().skip(s).take(e - s).collect(),
            }],
            attributes: Default::default(),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            annotators: Vec::new(),
            origin: None,
        };
        let rel = |id: &str, kind: &str, from: &str, to: &str| Relation {
            id: id.into(),
            kind: kind.into(),
            from: from.into(),
            to: to.into(),
            attributes: Default::default(),
        };
        for e in [
            Edit::AddAnnotation {
                doc: 0,
                annotation: ann("q", "Quote", 0, 9),
            },
            Edit::AddAnnotation {
                doc: 0,
                annotation: ann("s", "Speaker", 10, 13),
            },
            Edit::AddAnnotation {
                doc: 0,
                annotation: ann("c", "Cue", 14, 18),
            },
            Edit::AddRelation {
                doc: 0,
                relation: rel("r1", "said_by", "q", "s"),
            },
            Edit::AddRelation {
                doc: 0,
                relation: rel("r2", "cue_of", "c", "q"),
            },
        ] {
            e.apply(&mut p).expect("edit");
        }
        let g = gold_of(&p.documents[0]);
        assert_eq!(
            g,
            vec![Gold {
                fragments: vec![r(0, 9)],
                speakers: vec![r(10, 13)],
                cues: vec![r(14, 18)],
                direct: true
            }]
        );
    }

    #[test]
    fn quote_marks_of_every_style_make_a_quote_direct() {
        for t in [
            "\"a\"",
            "\u{201c}a\u{201d}",
            "''a''",
            "\u{ab}a\u{bb}",
            "\u{2018}a\u{2019}",
        ] {
            assert!(holds_quote_mark(t), "{t}");
        }
        assert!(!holds_quote_mark("Trump's plan isn\u{2019}t new"));
    }
}
