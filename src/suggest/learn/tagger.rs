//! One trained tagger: its feature keys and weights, checked, and the
//! emission scores of a paragraph's features. The model holds two: one
//! over quotes, speakers and cues together, one that learned cues alone.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::features::{Features, KeyMap};
use super::pack;
use super::perceptron::{TRANS_LEN, Weights};
use super::tags::N_TAGS;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Tagger {
    /// Feature keys, sorted; feature `i`'s weights are `emit[i * 7..][..7]`.
    #[serde(with = "pack::u64s")]
    keys: Vec<u64>,
    #[serde(with = "pack::f32s")]
    emit: Vec<f32>,
    #[serde(with = "pack::f32s")]
    trans: Vec<f32>,
    /// Each key's weights, built on first use: one lookup per feature,
    /// the weights beside the key.
    #[serde(skip)]
    index: OnceLock<KeyMap<[f32; N_TAGS]>>,
}

impl PartialEq for Tagger {
    fn eq(&self, o: &Self) -> bool {
        self.keys == o.keys && self.emit == o.emit && self.trans == o.trans
    }
}

impl Tagger {
    /// Keeps the features whose weights are not all (near) zero: the
    /// others carry nothing.
    pub fn new(keys: &[u64], weights: Weights) -> Self {
        let mut k2 = Vec::new();
        let mut e2 = Vec::new();
        for (i, &k) in keys.iter().enumerate() {
            let row = &weights.emit[i * N_TAGS..(i + 1) * N_TAGS];
            if row.iter().any(|w| w.abs() > 1e-3) {
                k2.push(k);
                e2.extend_from_slice(row);
            }
        }
        Self {
            keys: k2,
            emit: e2,
            trans: weights.trans,
            index: OnceLock::new(),
        }
    }

    /// The number of features with weights.
    pub fn feature_count(&self) -> usize {
        self.keys.len()
    }

    /// Whether the tables fit together: `Err` says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        if self.emit.len() != self.keys.len() * N_TAGS {
            return Err(format!(
                "{} feature keys but {} weights (expected {})",
                self.keys.len(),
                self.emit.len(),
                self.keys.len() * N_TAGS
            ));
        }
        if self.trans.len() != TRANS_LEN {
            return Err(format!(
                "{} transition weights (expected {TRANS_LEN})",
                self.trans.len()
            ));
        }
        if !self.keys.windows(2).all(|w| w[0] < w[1]) {
            return Err("the feature keys are not sorted".into());
        }
        if !self.emit.iter().chain(&self.trans).all(|w| w.is_finite()) {
            return Err("a weight is not a finite number".into());
        }
        Ok(())
    }

    /// Whether the tables can be indexed (a tagger that did not come
    /// through `check` must tag nothing rather than panic).
    pub fn usable(&self) -> bool {
        self.trans.len() == TRANS_LEN && self.emit.len() == self.keys.len() * N_TAGS
    }

    fn index(&self) -> &KeyMap<[f32; N_TAGS]> {
        self.index.get_or_init(|| {
            self.keys
                .iter()
                .zip(self.emit.chunks_exact(N_TAGS))
                .map(|(&k, row)| {
                    let mut w = [0.0; N_TAGS];
                    w.copy_from_slice(row);
                    (k, w)
                })
                .collect()
        })
    }

    /// The transitions, for Viterbi.
    pub fn transitions(&self) -> Weights {
        Weights {
            emit: Vec::new(),
            trans: self.trans.clone(),
        }
    }

    /// Emission scores of each token from its feature keys, with `bias`
    /// added to the tags in `biased`.
    pub fn emissions(&self, f: &Features, bias: f32, biased: &[u8]) -> Vec<[f32; N_TAGS]> {
        let index = self.index();
        (0..f.len())
            .map(|i| {
                let mut s = [0.0f32; N_TAGS];
                for k in f.of(i) {
                    if let Some(row) = index.get(k) {
                        for (t, w) in s.iter_mut().zip(row) {
                            *t += w;
                        }
                    }
                }
                if bias != 0.0 {
                    for &t in biased {
                        s[t as usize] += bias;
                    }
                }
                s
            })
            .collect()
    }
}
