//! The agreement coefficients themselves, computed from integer counts:
//! Cohen's kappa, Fleiss' kappa, Krippendorff's alpha (nominal) and F1.
//! Every function returns a [`Figure`]: a value, or why there is none.

use std::collections::BTreeMap;

/// One agreement figure: a value, or the reason it cannot be computed.
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    Value(f64),
    /// Undefined, with the reason (shown in the text report; `null` in JSON).
    Undefined(String),
}

impl Figure {
    /// The value, if the figure is defined.
    pub fn value(&self) -> Option<f64> {
        match self {
            Figure::Value(v) => Some(*v),
            Figure::Undefined(_) => None,
        }
    }

    /// The reason the figure is undefined, if it is.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Figure::Value(_) => None,
            Figure::Undefined(r) => Some(r),
        }
    }

    fn undefined(reason: &str) -> Figure {
        Figure::Undefined(reason.to_string())
    }
}

/// F1 of `matched` one-to-one matches between `a` and `b` items: 2M/(|A|+|B|).
pub fn f1(matched: u64, a: u64, b: u64) -> Figure {
    if a + b == 0 {
        return Figure::undefined("neither annotator has any");
    }
    Figure::Value(2.0 * matched as f64 / (a + b) as f64)
}

/// Cohen's kappa of two binary codings of `n` units, where `a` units are 1
/// for the first coder, `b` for the second and `both` for both.
pub fn cohen_kappa_binary(n: u64, a: u64, b: u64, both: u64) -> Figure {
    if n == 0 {
        return Figure::undefined("no shared characters");
    }
    if (a == 0 && b == 0) || (a == n && b == n) {
        return Figure::undefined("expected agreement is 1 (both coders gave every unit the same code)");
    }
    let nf = n as f64;
    let agree = both + (n + both - a - b);
    let po = agree as f64 / nf;
    let (pa, pb) = (a as f64 / nf, b as f64 / nf);
    let pe = pa * pb + (1.0 - pa) * (1.0 - pb);
    Figure::Value((po - pe) / (1.0 - pe))
}

/// Cohen's kappa over nominal categories: `same` of `n` paired items agree;
/// `a` and `b` count each coder's use of each category.
pub fn cohen_kappa_nominal<K: Ord>(n: u64, same: u64, a: &BTreeMap<K, u64>, b: &BTreeMap<K, u64>) -> Figure {
    if n == 0 {
        return Figure::undefined("no paired items");
    }
    let nf = n as f64;
    let expected: u64 = a.iter().map(|(k, ca)| ca * b.get(k).copied().unwrap_or(0)).sum();
    if expected == n * n {
        return Figure::undefined("expected agreement is 1 (one category only)");
    }
    let po = same as f64 / nf;
    let pe = expected as f64 / (nf * nf);
    Figure::Value((po - pe) / (1.0 - pe))
}

/// Fleiss' kappa (1971) of binary codings by `k` coders: `hist[c]` units had
/// `c` coders saying 1 (`hist.len() == k + 1`).
pub fn fleiss_kappa_binary(hist: &[u64]) -> Figure {
    let k = hist.len().saturating_sub(1) as u64;
    if k < 2 {
        return Figure::undefined("fewer than two coders");
    }
    let units: u64 = hist.iter().sum();
    if units == 0 {
        return Figure::undefined("no document every annotator has");
    }
    let ones: u64 = hist.iter().enumerate().map(|(c, h)| c as u64 * h).sum();
    if ones == 0 || ones == units * k {
        return Figure::undefined("expected agreement is 1 (every coder gave every unit the same code)");
    }
    // Σ_i Σ_j n_ij(n_ij − 1), in integers.
    let agreeing_pairs: u64 = hist
        .iter()
        .enumerate()
        .map(|(c, h)| {
            let c = c as u64;
            h * (c * c.saturating_sub(1) + (k - c) * (k - c).saturating_sub(1))
        })
        .sum();
    let p_bar = agreeing_pairs as f64 / (units as f64 * (k * (k - 1)) as f64);
    let p1 = ones as f64 / (units * k) as f64;
    let pe = p1 * p1 + (1.0 - p1) * (1.0 - p1);
    Figure::Value((p_bar - pe) / (1.0 - pe))
}

/// Ordered pairs of values within units, grouped by how many values the
/// unit had (`m`): the integer form of Krippendorff's coincidence matrix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coincidences {
    /// Number of distinct values.
    pub values: usize,
    /// `pairs[m][c * values + k]`: ordered pairs (c, k) of two different
    /// coders' values within units that have `m` values.
    pub pairs: Vec<Vec<u64>>,
}

impl Coincidences {
    pub fn new(values: usize, max_coders: usize) -> Self {
        Coincidences {
            values,
            pairs: vec![vec![0; values * values]; max_coders + 1],
        }
    }

    /// Adds `other`'s counts (same shape) to these.
    pub fn add(&mut self, other: &Coincidences) {
        for (mine, theirs) in self.pairs.iter_mut().zip(&other.pairs) {
            for (x, y) in mine.iter_mut().zip(theirs) {
                *x += y;
            }
        }
    }

    /// The counts for binary codes from `hist[m][c]` (units with `m` values
    /// of which `c` are 1).
    pub fn from_binary_hist(hist: &[Vec<u64>]) -> Self {
        let mut out = Coincidences::new(2, hist.len().saturating_sub(1));
        for (m, row) in hist.iter().enumerate() {
            let m = m as u64;
            for (c, h) in row.iter().enumerate() {
                let c = c as u64;
                if c > m {
                    continue;
                }
                let p = &mut out.pairs[m as usize];
                p[0] += h * (m - c) * (m - c).saturating_sub(1);
                p[1] += h * (m - c) * c;
                p[2] += h * c * (m - c);
                p[3] += h * c * c.saturating_sub(1);
            }
        }
        out
    }

    /// Krippendorff's alpha, nominal: 1 − (n−1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.
    pub fn krippendorff_alpha(&self) -> Figure {
        let v = self.values;
        let mut o = vec![0.0f64; v * v];
        for (m, p) in self.pairs.iter().enumerate() {
            if m < 2 {
                continue;
            }
            let w = (m - 1) as f64;
            for (x, &y) in o.iter_mut().zip(p) {
                *x += y as f64 / w;
            }
        }
        let nc: Vec<f64> = (0..v).map(|c| (0..v).map(|k| o[c * v + k]).sum()).collect();
        let n: f64 = nc.iter().sum();
        if n < 2.0 {
            return Figure::undefined("fewer than two pairable values");
        }
        let mut observed = 0.0;
        let mut expected = 0.0;
        for c in 0..v {
            for k in 0..v {
                if c != k {
                    observed += o[c * v + k];
                    expected += nc[c] * nc[k];
                }
            }
        }
        if expected == 0.0 {
            return Figure::undefined("only one value was used (no variation to agree on)");
        }
        Figure::Value(1.0 - (n - 1.0) * observed / expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(f: &Figure, x: f64) -> bool {
        f.value().is_some_and(|v| (v - x).abs() < 1e-12)
    }

    #[test]
    fn cohen_kappa_of_ten_units() {
        // A = 1111100000, B = 1110000011: both=3, a=5, b=5, agree=3+3=6.
        // po = 0.6, pe = 0.25 + 0.25 = 0.5, kappa = 0.2.
        assert!(close(&cohen_kappa_binary(10, 5, 5, 3), 0.2));
        // Identical codings: kappa 1.
        assert!(close(&cohen_kappa_binary(10, 4, 4, 4), 1.0));
        // Nobody used the label: undefined.
        assert!(cohen_kappa_binary(10, 0, 0, 0).value().is_none());
        assert!(cohen_kappa_binary(0, 0, 0, 0).value().is_none());
    }

    #[test]
    fn fleiss_kappa_by_hand() {
        // 3 coders, 4 units: counts of 1s = 3, 0, 2, 1.
        // P_i = 1, 1, 1/3, 1/3 -> P̄ = 2/3; p1 = 6/12 = 0.5 -> Pe = 0.5; kappa = 1/3.
        let hist = [1, 1, 1, 1];
        assert!(close(&fleiss_kappa_binary(&hist), 1.0 / 3.0));
        assert!(fleiss_kappa_binary(&[4, 0, 0, 0]).value().is_none());
    }

    #[test]
    fn alpha_of_two_coders_ten_units() {
        // A = 1111100000, B = 1110000011 (as above): per unit m = 2.
        // Units: (1,1)x3, (1,0)x2, (0,0)x3, (0,1)x2.
        let mut hist = vec![vec![0u64; 3]; 3];
        hist[2][2] = 3;
        hist[2][1] = 4;
        hist[2][0] = 3;
        let co = Coincidences::from_binary_hist(&hist);
        // o00 = 6, o01 = o10 = 4, o11 = 6; n0 = n1 = 10, n = 20.
        // alpha = 1 − 19·8 / (2·10·10) = 1 − 152/200 = 0.24.
        assert!(close(&co.krippendorff_alpha(), 0.24));
    }

    #[test]
    fn alpha_with_a_missing_value() {
        // Three coders; unit 1: (1, 1, missing), unit 2: (0, 0, 1), unit 3: (0, missing, missing).
        let mut hist = vec![vec![0u64; 4]; 4];
        hist[2][2] = 1;
        hist[3][1] = 1;
        hist[1][0] = 1; // not pairable: dropped
        let co = Coincidences::from_binary_hist(&hist);
        // unit 1: o11 += 2; unit 2 (m=3): o00 += 2/2, o01 += 2/2, o10 += 2/2.
        // o00 = 1, o01 = o10 = 1, o11 = 2; n0 = 2, n1 = 3, n = 5.
        // alpha = 1 − 4·2 / (2·2·3) = 1 − 8/12 = 1/3.
        assert!(close(&co.krippendorff_alpha(), 1.0 / 3.0));
    }

    #[test]
    fn alpha_undefined_with_one_value() {
        let mut hist = vec![vec![0u64; 3]; 3];
        hist[2][0] = 10;
        let f = Coincidences::from_binary_hist(&hist).krippendorff_alpha();
        assert!(f.value().is_none() && f.reason().is_some());
        let empty = Coincidences::new(2, 2);
        assert!(empty.krippendorff_alpha().value().is_none());
    }

    #[test]
    fn nominal_kappa_and_f1() {
        let a: BTreeMap<&str, u64> = [("x", 2), ("y", 2)].into_iter().collect();
        let b: BTreeMap<&str, u64> = [("x", 3), ("y", 1)].into_iter().collect();
        // po = 3/4, pe = (2·3 + 2·1)/16 = 0.5, kappa = 0.5.
        assert!(close(&cohen_kappa_nominal(4, 3, &a, &b), 0.5));
        assert!(close(&f1(3, 4, 6), 0.6));
        assert!(f1(0, 0, 0).value().is_none());
    }
}
