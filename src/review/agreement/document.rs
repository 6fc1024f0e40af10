//! The counts of one document: character coding per label (coverage
//! vectors, one byte per character), the overall coding, span and relation
//! matching and the persons of matched quotes.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::spans::{IdMatching, Span, match_exact, match_overlap, spans_by_label};
use super::tally::Tally;
use crate::model::{Document, names};
use crate::review::ReviewDoc;

/// What is fixed across the documents of one report.
pub struct Context<'s> {
    pub annotators: &'s [String],
    pub pairs: &'s [(usize, usize)],
    pub labels: &'s [String],
    pub label_index: HashMap<&'s str, usize>,
}

/// Counts one document; the second value is why the document is left out
/// of the overall alpha, if it is.
pub fn tally_document(ctx: &Context<'_>, doc: &ReviewDoc) -> (Tally, Option<String>) {
    let k = ctx.annotators.len();
    let l = ctx.labels.len();
    let mut t = Tally::new(k, ctx.pairs.len(), l);
    let present: Vec<(usize, &Document)> = doc
        .versions
        .iter()
        .enumerate()
        .filter_map(|(a, v)| v.as_ref().map(|d| (a, d)))
        .collect();
    let m = present.len();
    let n = present.first().map_or(0, |(_, d)| d.char_len());
    let mut slot: Vec<Option<usize>> = vec![None; k];
    for (s, (a, _)) in present.iter().enumerate() {
        slot[*a] = Some(s);
    }

    // Coverage: cov[(s * l + label) * n + position] is 1 when annotator
    // slot s has a span of that label over that position.
    let mut cov = vec![0u8; m * l * n];
    for (s, (_, d)) in present.iter().enumerate() {
        for ann in d.annotations() {
            let Some(&li) = ctx.label_index.get(ann.label.as_str()) else {
                continue;
            };
            let base = (s * l + li) * n;
            for f in &ann.fragments {
                let (start, end) = (f.start.min(n), f.end.min(n));
                if end > start {
                    cov[base + start..base + end].fill(1);
                }
            }
        }
    }
    let row = |s: usize, li: usize| &cov[(s * l + li) * n..(s * l + li + 1) * n];

    // Per label: how many coders said 1 at each position.
    let mut sum = vec![0u32; n];
    for li in 0..l {
        sum.fill(0);
        for s in 0..m {
            for (x, &c) in sum.iter_mut().zip(row(s, li)) {
                *x += u32::from(c);
            }
        }
        let h = &mut t.hist[li][m];
        for &x in &sum {
            h[x as usize] += 1;
        }
    }

    // Per pair and label: the 2×2 table (from the ones each coded).
    let ones: Vec<u64> = (0..m * l).map(|i| count_ones(&cov[i * n..(i + 1) * n])).collect();
    for (pi, &(a, b)) in ctx.pairs.iter().enumerate() {
        let (Some(sa), Some(sb)) = (slot[a], slot[b]) else {
            continue;
        };
        let pt = &mut t.pairs[pi];
        pt.documents = 1;
        for (li, lt) in pt.labels.iter_mut().enumerate() {
            lt.units = n as u64;
            lt.ones_a = ones[sa * l + li];
            lt.ones_b = ones[sb * l + li];
            lt.ones_both = row(sa, li)
                .iter()
                .zip(row(sb, li))
                .map(|(&x, &y)| u64::from(x & y))
                .sum();
        }
    }

    let left_out = overall_coding(ctx, &present, &cov, n, &mut t);
    if left_out.is_none() {
        t.overall_documents = 1;
    }

    // Spans, relations and persons, pair by pair.
    let spans: Vec<_> = present.iter().map(|(_, d)| spans_by_label(d)).collect();
    for (pi, &(a, b)) in ctx.pairs.iter().enumerate() {
        let (Some(sa), Some(sb)) = (slot[a], slot[b]) else {
            continue;
        };
        let (da, db) = (present[sa].1, present[sb].1);
        let (xa, xb) = (&spans[sa], &spans[sb]);
        let mut exact: IdMatching<'_> = HashMap::new();
        let mut overlap: IdMatching<'_> = HashMap::new();
        let mut quotes: Vec<(&str, &str)> = Vec::new();
        let all: BTreeSet<&str> = xa.keys().chain(xb.keys()).copied().collect();
        let empty: Vec<Span<'_>> = Vec::new();
        for label in all {
            let va = xa.get(label).unwrap_or(&empty);
            let vb = xb.get(label).unwrap_or(&empty);
            let ex = match_exact(va, vb);
            let ov = match_overlap(va, vb);
            if let Some(&li) = ctx.label_index.get(label) {
                let lt = &mut t.pairs[pi].labels[li];
                lt.spans_a = va.len() as u64;
                lt.spans_b = vb.len() as u64;
                lt.exact = ex.len() as u64;
                lt.overlap = ov.len() as u64;
            }
            exact.extend(ex.iter().map(|&(i, j)| (va[i].id, vb[j].id)));
            overlap.extend(ov.iter().map(|&(i, j)| (va[i].id, vb[j].id)));
            if label == names::QUOTE {
                quotes.extend(ov.iter().map(|&(i, j)| (va[i].id, vb[j].id)));
            }
        }
        let (la, lb) = (said_by_links(da), said_by_links(db));
        let rt = &mut t.pairs[pi].said_by;
        rt.links_a = la.len() as u64;
        rt.links_b = lb.len() as u64;
        rt.exact = matched_links(&la, &lb, &exact);
        rt.overlap = matched_links(&la, &lb, &overlap);
        let person = &mut t.pairs[pi].person;
        for (qa, qb) in quotes {
            let (pa, pb) = (da.person_of_quote(qa), db.person_of_quote(qb));
            person.n += 1;
            if pa == pb {
                person.same += 1;
            }
            *person.a.entry(pa).or_default() += 1;
            *person.b.entry(pb).or_default() += 1;
        }
    }
    (t, left_out)
}

/// Ones in a 0/1 vector, summed in wide chunks.
fn count_ones(v: &[u8]) -> u64 {
    v.chunks(128)
        .map(|c| u64::from(c.iter().map(|&x| u32::from(x)).sum::<u32>()))
        .sum()
}

/// The coding over {none, label 1, ...}: counts its coincidences into `t`,
/// or says why the document cannot have it (a character with two labels).
fn overall_coding(
    ctx: &Context<'_>,
    present: &[(usize, &Document)],
    cov: &[u8],
    n: usize,
    t: &mut Tally,
) -> Option<String> {
    let (m, l) = (present.len(), ctx.labels.len());
    if m < 2 {
        return Some("fewer than two annotators have it".to_string());
    }
    if l + 1 > usize::from(u16::MAX) {
        return Some("too many labels".to_string());
    }
    // val[p * m + s]: 0 for none, label + 1.
    let mut val = vec![0u16; n * m];
    let mut clash: Option<(usize, usize, usize, usize)> = None;
    for s in 0..m {
        for li in 0..l {
            let r = &cov[(s * l + li) * n..(s * l + li + 1) * n];
            for (p, &c) in r.iter().enumerate() {
                if c == 0 {
                    continue;
                }
                let v = &mut val[p * m + s];
                if *v != 0 && clash.is_none_or(|(q, ..)| p < q) {
                    clash = Some((p, s, usize::from(*v) - 1, li));
                }
                *v = li as u16 + 1;
            }
        }
    }
    if let Some((p, s, l1, l2)) = clash {
        return Some(format!(
            "{} tagged character {p} both {} and {}",
            ctx.annotators[present[s].0], ctx.labels[l1], ctx.labels[l2]
        ));
    }
    let v = l + 1;
    let mat = &mut t.overall.pairs[m];
    let same_none = (m * (m - 1)) as u64;
    for unit in val.chunks_exact(m) {
        if unit.iter().all(|&x| x == 0) {
            mat[0] += same_none;
            continue;
        }
        for (i, &x) in unit.iter().enumerate() {
            for (j, &y) in unit.iter().enumerate() {
                if i != j {
                    mat[usize::from(x) * v + usize::from(y)] += 1;
                }
            }
        }
    }
    None
}

/// A document's `said_by` links (quote id, speaker id) whose ends exist.
fn said_by_links(d: &Document) -> HashSet<(&str, &str)> {
    d.relations()
        .filter(|r| r.kind == names::SAID_BY)
        .filter(|r| d.annotation(&r.from).is_some() && d.annotation(&r.to).is_some())
        .map(|r| (r.from.as_str(), r.to.as_str()))
        .collect()
}

/// Links of A whose quote and speaker are matched to the ends of a link of B.
fn matched_links(la: &HashSet<(&str, &str)>, lb: &HashSet<(&str, &str)>, ids: &IdMatching<'_>) -> u64 {
    la.iter()
        .filter(|(q, s)| match (ids.get(q), ids.get(s)) {
            (Some(q2), Some(s2)) => lb.contains(&(*q2, *s2)),
            _ => false,
        })
        .count() as u64
}
