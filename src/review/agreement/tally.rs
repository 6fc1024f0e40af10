//! Integer counts behind every figure, one [`Tally`] per document; tallies
//! add up, so pooled figures are computed from summed counts (never by
//! averaging per-document figures).

use std::collections::BTreeMap;

use super::coefficients::{Coincidences, Figure, cohen_kappa_binary, cohen_kappa_nominal, f1};
use super::{LabelFigures, PairFigures, PairLabelFigures, PersonFigures, RelationFigures, Section};

/// Counts for one pair of annotators and one label.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PairLabelTally {
    pub spans_a: u64,
    pub spans_b: u64,
    pub exact: u64,
    pub overlap: u64,
    /// Character positions both annotators coded.
    pub units: u64,
    pub ones_a: u64,
    pub ones_b: u64,
    pub ones_both: u64,
}

/// Counts of `said_by` links for one pair.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RelationTally {
    pub links_a: u64,
    pub links_b: u64,
    pub exact: u64,
    pub overlap: u64,
}

/// Persons of the quotes matched by overlap, for one pair.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonTally {
    pub n: u64,
    pub same: u64,
    pub a: BTreeMap<Option<String>, u64>,
    pub b: BTreeMap<Option<String>, u64>,
}

/// Counts for one pair of annotators.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PairTally {
    /// Documents both have.
    pub documents: u64,
    /// Indexed like the report's labels.
    pub labels: Vec<PairLabelTally>,
    pub said_by: RelationTally,
    pub person: PersonTally,
}

/// Everything counted over some documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    /// Indexed like the report's pairs.
    pub pairs: Vec<PairTally>,
    /// Per label, `hist[m][c]`: character positions with `m` coders of which
    /// `c` coded 1.
    pub hist: Vec<Vec<Vec<u64>>>,
    /// Values none, label 1, ... over the documents kept for the overall alpha.
    pub overall: Coincidences,
    /// Documents counted in `overall`.
    pub overall_documents: u64,
}

impl Tally {
    /// Zero counts for `annotators` coders, `pairs` pairs and `labels` labels.
    pub fn new(annotators: usize, pairs: usize, labels: usize) -> Self {
        Tally {
            pairs: vec![
                PairTally {
                    labels: vec![PairLabelTally::default(); labels],
                    ..PairTally::default()
                };
                pairs
            ],
            hist: vec![vec![vec![0; annotators + 1]; annotators + 1]; labels],
            overall: Coincidences::new(labels + 1, annotators),
            overall_documents: 0,
        }
    }

    /// Adds `other`'s counts (same shape) to these.
    pub fn add(&mut self, other: &Tally) {
        for (p, q) in self.pairs.iter_mut().zip(&other.pairs) {
            p.documents += q.documents;
            for (x, y) in p.labels.iter_mut().zip(&q.labels) {
                x.spans_a += y.spans_a;
                x.spans_b += y.spans_b;
                x.exact += y.exact;
                x.overlap += y.overlap;
                x.units += y.units;
                x.ones_a += y.ones_a;
                x.ones_b += y.ones_b;
                x.ones_both += y.ones_both;
            }
            p.said_by.links_a += q.said_by.links_a;
            p.said_by.links_b += q.said_by.links_b;
            p.said_by.exact += q.said_by.exact;
            p.said_by.overlap += q.said_by.overlap;
            p.person.n += q.person.n;
            p.person.same += q.person.same;
            for (k, v) in &q.person.a {
                *p.person.a.entry(k.clone()).or_default() += v;
            }
            for (k, v) in &q.person.b {
                *p.person.b.entry(k.clone()).or_default() += v;
            }
        }
        for (h, g) in self.hist.iter_mut().zip(&other.hist) {
            for (row, grow) in h.iter_mut().zip(g) {
                for (x, y) in row.iter_mut().zip(grow) {
                    *x += y;
                }
            }
        }
        self.overall.add(&other.overall);
        self.overall_documents += other.overall_documents;
    }

    /// The figures these counts give. `no_overall`: why the overall alpha
    /// is undefined when no document was kept for it.
    pub fn figures(
        &self,
        annotators: &[String],
        pairs: &[(usize, usize)],
        labels: &[String],
        no_overall: &str,
    ) -> Section {
        let k = annotators.len();
        let pairs = self
            .pairs
            .iter()
            .zip(pairs)
            .map(|(t, &(a, b))| pair_figures(t, &annotators[a], &annotators[b], labels))
            .collect();
        let labels = labels
            .iter()
            .zip(&self.hist)
            .map(|(label, hist)| {
                let fleiss_units: u64 = hist.get(k).map_or(0, |row| row.iter().sum());
                let fleiss_kappa = match hist.get(k) {
                    Some(row) if fleiss_units > 0 => super::coefficients::fleiss_kappa_binary(row),
                    _ => Figure::Undefined("no document every annotator has".to_string()),
                };
                LabelFigures {
                    label: label.clone(),
                    fleiss_units,
                    fleiss_kappa,
                    krippendorff_alpha: Coincidences::from_binary_hist(hist).krippendorff_alpha(),
                }
            })
            .collect();
        let overall_alpha = if self.overall_documents == 0 {
            Figure::Undefined(no_overall.to_string())
        } else {
            self.overall.krippendorff_alpha()
        };
        Section {
            pairs,
            labels,
            overall_alpha,
            overall_documents: self.overall_documents,
        }
    }
}

fn pair_figures(t: &PairTally, a: &str, b: &str, labels: &[String]) -> PairFigures {
    let none = |what: &str| Figure::Undefined(format!("{a} and {b} share no document{what}"));
    let labels = labels
        .iter()
        .zip(&t.labels)
        .map(|(label, l)| {
            let (f1_exact, f1_overlap, cohen_kappa) = if t.documents == 0 {
                (none(""), none(""), none(""))
            } else {
                (
                    f1(l.exact, l.spans_a, l.spans_b),
                    f1(l.overlap, l.spans_a, l.spans_b),
                    cohen_kappa_binary(l.units, l.ones_a, l.ones_b, l.ones_both),
                )
            };
            PairLabelFigures {
                label: label.clone(),
                counts: l.clone(),
                f1_exact,
                f1_overlap,
                cohen_kappa,
            }
        })
        .collect();
    let r = &t.said_by;
    let said_by = RelationFigures {
        counts: r.clone(),
        f1_exact: f1(r.exact, r.links_a, r.links_b),
        f1_overlap: f1(r.overlap, r.links_a, r.links_b),
    };
    let p = &t.person;
    let person = PersonFigures {
        n: p.n,
        same: p.same,
        agreement: if p.n == 0 {
            Figure::Undefined("no quotes matched by overlap".to_string())
        } else {
            Figure::Value(p.same as f64 / p.n as f64)
        },
        cohen_kappa: cohen_kappa_nominal(p.n, p.same, &p.a, &p.b),
    };
    PairFigures {
        a: a.to_string(),
        b: b.to_string(),
        documents: t.documents,
        labels,
        said_by,
        person,
    }
}
