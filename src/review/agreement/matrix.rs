//! The pairs' figures for one label laid out as a matrix (annotators ×
//! annotators), with a one-line summary, so that six annotators read as six
//! small tables instead of 90 rows.

use std::fmt::Write as _;

use super::{Figure, PairLabelFigures, Section};

/// Which pairwise figure a matrix shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PairMeasure {
    #[default]
    F1Exact,
    F1Overlap,
    CohenKappa,
}

impl PairMeasure {
    pub const ALL: [PairMeasure; 3] = [Self::F1Exact, Self::F1Overlap, Self::CohenKappa];

    pub fn name(self) -> &'static str {
        match self {
            Self::F1Exact => "F1 exact",
            Self::F1Overlap => "F1 overlap",
            Self::CohenKappa => "Cohen's kappa",
        }
    }

    fn of(self, l: &PairLabelFigures) -> &Figure {
        match self {
            Self::F1Exact => &l.f1_exact,
            Self::F1Overlap => &l.f1_overlap,
            Self::CohenKappa => &l.cohen_kappa,
        }
    }
}

/// One label's pairwise figures, annotator by annotator.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelMatrix {
    pub label: String,
    pub measure: PairMeasure,
    pub annotators: Vec<String>,
    /// `cells[a][b]`: the figure of the pair (a, b), the same as (b, a);
    /// `None` on the diagonal and for pairs that share no document.
    pub cells: Vec<Vec<Option<Figure>>>,
}

/// What a matrix says in one line.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixSummary {
    /// Pairs with a defined figure.
    pub defined: usize,
    /// Pairs in all.
    pub pairs: usize,
    pub mean: Option<f64>,
    /// The lowest and highest figure, with their pair.
    pub lowest: Option<(f64, String, String)>,
    pub highest: Option<(f64, String, String)>,
}

impl Section {
    /// One matrix per label of `labels`, of `measure`.
    pub fn matrices(
        &self,
        annotators: &[String],
        labels: &[String],
        measure: PairMeasure,
    ) -> Vec<LabelMatrix> {
        let index = |name: &str| annotators.iter().position(|a| a == name);
        labels
            .iter()
            .map(|label| {
                let k = annotators.len();
                let mut cells = vec![vec![None; k]; k];
                for p in &self.pairs {
                    let (Some(a), Some(b)) = (index(&p.a), index(&p.b)) else {
                        continue;
                    };
                    if let Some(l) = p.labels.iter().find(|l| &l.label == label) {
                        let f = measure.of(l).clone();
                        cells[a][b] = Some(f.clone());
                        cells[b][a] = Some(f);
                    }
                }
                LabelMatrix {
                    label: label.clone(),
                    measure,
                    annotators: annotators.to_vec(),
                    cells,
                }
            })
            .collect()
    }
}

impl LabelMatrix {
    /// Mean, lowest and highest over the pairs a < b.
    pub fn summary(&self) -> MatrixSummary {
        let k = self.annotators.len();
        let mut values: Vec<(f64, usize, usize)> = Vec::new();
        let mut pairs = 0;
        for a in 0..k {
            for b in a + 1..k {
                let Some(f) = &self.cells[a][b] else { continue };
                pairs += 1;
                if let Some(v) = f.value() {
                    values.push((v, a, b));
                }
            }
        }
        let named =
            |&(v, a, b): &(f64, usize, usize)| (v, self.annotators[a].clone(), self.annotators[b].clone());
        MatrixSummary {
            defined: values.len(),
            pairs,
            mean: (!values.is_empty()).then(|| values.iter().map(|v| v.0).sum::<f64>() / values.len() as f64),
            lowest: values.iter().min_by(|x, y| x.0.total_cmp(&y.0)).map(named),
            highest: values.iter().min_by(|x, y| y.0.total_cmp(&x.0)).map(named),
        }
    }

    /// "Quote: mean F1 exact 0.8120 over 15 pairs; lowest 0.6000 (ana / bo),
    /// highest 0.9500 (cy / dan)".
    pub fn summary_line(&self) -> String {
        let s = self.summary();
        let mut out = format!("{}: ", self.label);
        match s.mean {
            None => {
                let _ = write!(
                    out,
                    "no pair has a defined {} ({} pairs)",
                    self.measure.name(),
                    s.pairs
                );
            }
            Some(mean) => {
                let _ = write!(
                    out,
                    "mean {} {mean:.4} over {} of {} pairs",
                    self.measure.name(),
                    s.defined,
                    s.pairs
                );
                if let (Some(lo), Some(hi)) = (&s.lowest, &s.highest) {
                    let _ = write!(
                        out,
                        "; lowest {:.4} ({} / {}), highest {:.4} ({} / {})",
                        lo.0, lo.1, lo.2, hi.0, hi.1, hi.2
                    );
                }
            }
        }
        out
    }

    /// The matrix as a text table, columns numbered like the rows.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let w = self
            .annotators
            .iter()
            .map(|a| a.chars().count())
            .max()
            .unwrap_or(0)
            .max(4)
            + 3;
        let _ = write!(s, "  {:<w$}", "");
        for i in 0..self.annotators.len() {
            let _ = write!(s, " {:>7}", i + 1);
        }
        s.push('\n');
        for (a, name) in self.annotators.iter().enumerate() {
            let _ = write!(s, "  {:<w$}", format!("{} {name}", a + 1));
            for b in 0..self.annotators.len() {
                let c = match &self.cells[a][b] {
                    _ if a == b => "—".to_string(),
                    Some(Figure::Value(v)) => format!("{v:.3}"),
                    Some(Figure::Undefined(_)) => "n/a".to_string(),
                    None => "".to_string(),
                };
                let _ = write!(s, " {c:>7}");
            }
            s.push('\n');
        }
        s
    }
}
