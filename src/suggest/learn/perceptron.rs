//! A structured averaged perceptron over BIO tags with first-order
//! transitions, decoded exactly by Viterbi (I only after its own B or I).
//! Training order is fixed (a seeded shuffle), so the same examples always
//! give the same weights.

use super::features::KeyMap;
use super::tags::{N_TAGS, allowed};

/// Weights: per feature (by index) one weight per tag, and transitions from
/// the start (row `N_TAGS`) or a tag to a tag.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    pub emit: Vec<f32>,
    pub trans: Vec<f32>,
}

pub const TRANS_LEN: usize = (N_TAGS + 1) * N_TAGS;

impl Weights {
    pub fn zeros(n_features: usize) -> Self {
        Self {
            emit: vec![0.0; n_features * N_TAGS],
            trans: vec![0.0; TRANS_LEN],
        }
    }

    /// Emission scores of each token (`feats[i]` are feature indices).
    pub fn emissions(&self, feats: &[Vec<u32>]) -> Vec<[f32; N_TAGS]> {
        feats
            .iter()
            .map(|fs| {
                let mut s = [0.0f32; N_TAGS];
                for &f in fs {
                    let row = &self.emit[f as usize * N_TAGS..(f as usize + 1) * N_TAGS];
                    for t in 0..N_TAGS {
                        s[t] += row[t];
                    }
                }
                s
            })
            .collect()
    }

    fn trans(&self, from: Option<u8>, to: u8) -> f32 {
        let row = from.map_or(N_TAGS, |f| f as usize);
        self.trans[row * N_TAGS + to as usize]
    }

    /// The best tag sequence and its score; `forced[i]` pins token `i`.
    pub fn viterbi(&self, em: &[[f32; N_TAGS]], forced: Option<&[Option<u8>]>) -> (Vec<u8>, f32) {
        let n = em.len();
        if n == 0 {
            return (Vec::new(), 0.0);
        }
        let ok = |i: usize, t: u8| forced.and_then(|f| f[i]).is_none_or(|p| p == t);
        let mut score = vec![[f32::NEG_INFINITY; N_TAGS]; n];
        let mut back = vec![[0u8; N_TAGS]; n];
        for t in 0..N_TAGS as u8 {
            if allowed(None, t) && ok(0, t) {
                score[0][t as usize] = self.trans(None, t) + em[0][t as usize];
            }
        }
        for i in 1..n {
            for t in 0..N_TAGS as u8 {
                if !ok(i, t) {
                    continue;
                }
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0u8;
                for p in 0..N_TAGS as u8 {
                    let prev = score[i - 1][p as usize];
                    if prev == f32::NEG_INFINITY || !allowed(Some(p), t) {
                        continue;
                    }
                    let s = prev + self.trans(Some(p), t);
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
                if best > f32::NEG_INFINITY {
                    score[i][t as usize] = best + em[i][t as usize];
                    back[i][t as usize] = arg;
                }
            }
        }
        let (mut t, best) = score[n - 1]
            .iter()
            .enumerate()
            .fold((0u8, f32::NEG_INFINITY), |acc, (t, &s)| {
                if s > acc.1 { (t as u8, s) } else { acc }
            });
        let mut tags = vec![0u8; n];
        for i in (0..n).rev() {
            tags[i] = t;
            if i > 0 {
                t = back[i][t as usize];
            }
        }
        (tags, best)
    }
}

/// One training sequence: feature indices per token and the gold tags.
pub struct Sequence {
    pub feats: Vec<Vec<u32>>,
    pub gold: Vec<u8>,
}

impl Sequence {
    /// The indices of `f`'s keys that `index` holds, token by token.
    pub fn of(f: &super::features::Features, index: &KeyMap<u32>, gold: Vec<u8>) -> Self {
        Self {
            feats: (0..f.len())
                .map(|i| f.of(i).iter().filter_map(|k| index.get(k).copied()).collect())
                .collect(),
            gold,
        }
    }
}

/// Averaged perceptron training: `epochs` passes in a seeded order.
/// `progress(done, total)` after each sequence's update, counted over all
/// epochs.
pub fn train(
    seqs: &[&Sequence],
    n_features: usize,
    epochs: usize,
    seed: u64,
    progress: &dyn Fn(usize, usize),
) -> Weights {
    let mut w = Weights::zeros(n_features);
    // Sum of c * update, for the average w - u / c.
    let mut u = Weights::zeros(n_features);
    let mut c: f32 = 1.0;
    let mut order: Vec<usize> = (0..seqs.len()).collect();
    let mut rng = seed | 1;
    let total = seqs.len() * epochs;
    let mut done = 0;
    for _ in 0..epochs {
        // Fisher-Yates with xorshift: the same order for the same seed.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &s in &order {
            let seq = seqs[s];
            let em = w.emissions(&seq.feats);
            let (pred, _) = w.viterbi(&em, None);
            if pred != seq.gold {
                let bump = |w: &mut Weights, u: &mut Weights, idx: usize, d: f32, emit: bool| {
                    if emit {
                        w.emit[idx] += d;
                        u.emit[idx] += c * d;
                    } else {
                        w.trans[idx] += d;
                        u.trans[idx] += c * d;
                    }
                };
                for i in 0..pred.len() {
                    let (g, p) = (seq.gold[i], pred[i]);
                    if g != p {
                        for &f in &seq.feats[i] {
                            bump(&mut w, &mut u, f as usize * N_TAGS + g as usize, 1.0, true);
                            bump(&mut w, &mut u, f as usize * N_TAGS + p as usize, -1.0, true);
                        }
                    }
                    let gp = if i == 0 { N_TAGS } else { seq.gold[i - 1] as usize };
                    let pp = if i == 0 { N_TAGS } else { pred[i - 1] as usize };
                    if (gp, g) != (pp, p) {
                        bump(&mut w, &mut u, gp * N_TAGS + g as usize, 1.0, false);
                        bump(&mut w, &mut u, pp * N_TAGS + p as usize, -1.0, false);
                    }
                }
            }
            c += 1.0;
            done += 1;
            if done % 64 == 0 || done == total {
                progress(done, total);
            }
        }
    }
    for (a, b) in w.emit.iter_mut().zip(&u.emit) {
        *a -= b / c;
    }
    for (a, b) in w.trans.iter_mut().zip(&u.trans) {
        *a -= b / c;
    }
    w
}

/// Feature keys seen at least `min_count` times, in key order, with their index.
pub fn feature_index<'a>(all: impl Iterator<Item = &'a u64>, min_count: u32) -> (Vec<u64>, KeyMap<u32>) {
    let mut counts: KeyMap<u32> = KeyMap::default();
    for &k in all {
        *counts.entry(k).or_default() += 1;
    }
    let mut keys: Vec<u64> = counts
        .into_iter()
        .filter(|&(_, n)| n >= min_count)
        .map(|(k, _)| k)
        .collect();
    keys.sort_unstable();
    let index = keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
    (keys, index)
}
