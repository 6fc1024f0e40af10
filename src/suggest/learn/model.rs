//! The trained model: feature keys and weights, and tagging a text with it.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::model::CharRange;
use crate::suggest::Suggestion;

use super::TrainOptions;
use super::decode::{self, Span};
use super::extent::CueExtent;
use super::features::{Features, all_features};
use super::pack;
use super::perceptron::{TRANS_LEN, Weights};
use super::tags::{N_TAGS, O, Part, rule_marks};
use super::tokenize::paragraphs;

/// The version of the model's layout; a file with another is refused.
pub const MODEL_VERSION: u32 = 1;

/// What a model was trained on, for the window and the command line to show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainedOn {
    pub documents: usize,
    pub paragraphs: usize,
    pub tokens: usize,
    /// Quote annotations in the examples.
    pub quotes: usize,
}

/// A tagger trained on the annotator's own tags. Serialisable (weights
/// packed as base64); `format::suggest_model` saves and loads it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Model {
    pub version: u32,
    pub options: TrainOptions,
    pub trained_on: TrainedOn,
    /// Feature keys, sorted; feature `i`'s weights are `emit[i * 7..][..7]`.
    #[serde(with = "pack::u64s")]
    keys: Vec<u64>,
    #[serde(with = "pack::f32s")]
    emit: Vec<f32>,
    #[serde(with = "pack::f32s")]
    trans: Vec<f32>,
    /// How far the annotator draws a cue (older files have none: cues
    /// are then left as found).
    #[serde(default)]
    cue_extent: CueExtent,
    #[serde(skip)]
    index: OnceLock<HashMap<u64, u32>>,
}

impl PartialEq for Model {
    fn eq(&self, o: &Self) -> bool {
        self.version == o.version
            && self.options == o.options
            && self.trained_on == o.trained_on
            && self.keys == o.keys
            && self.emit == o.emit
            && self.trans == o.trans
            && self.cue_extent == o.cue_extent
    }
}

impl Model {
    pub(super) fn new(
        options: TrainOptions,
        trained_on: TrainedOn,
        keys: Vec<u64>,
        weights: Weights,
        cue_extent: CueExtent,
    ) -> Self {
        // Features whose weights all came out (near) zero carry nothing: drop them.
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
            version: MODEL_VERSION,
            options,
            trained_on,
            keys: k2,
            emit: e2,
            trans: weights.trans,
            cue_extent,
            index: OnceLock::new(),
        }
    }

    /// The number of features with weights.
    pub fn feature_count(&self) -> usize {
        self.keys.len()
    }

    /// Whether the tables fit together (a file that parsed may still not):
    /// `Err` says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        if self.version != MODEL_VERSION {
            return Err(format!(
                "model layout {} (this version reads {MODEL_VERSION})",
                self.version
            ));
        }
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

    fn index(&self) -> &HashMap<u64, u32> {
        self.index.get_or_init(|| {
            self.keys
                .iter()
                .enumerate()
                .map(|(i, &k)| (k, i as u32))
                .collect()
        })
    }

    fn weights(&self) -> Weights {
        Weights {
            emit: Vec::new(),
            trans: self.trans.clone(),
        }
    }

    /// Emission scores of each token from its feature keys.
    fn emissions(&self, f: &Features) -> Vec<[f32; N_TAGS]> {
        let index = self.index();
        (0..f.len())
            .map(|i| {
                let mut s = [0.0f32; N_TAGS];
                for k in f.of(i) {
                    if let Some(&i) = index.get(k) {
                        let row = self.emit.get(i as usize * N_TAGS..(i as usize + 1) * N_TAGS);
                        for (t, w) in row.into_iter().flatten().enumerate() {
                            s[t] += w;
                        }
                    }
                }
                s
            })
            .collect()
    }

    /// The rules' suggestions on `text` (`found`, as given to
    /// [`Model::suggest`]) with what the model adds, and every cue drawn
    /// as far as the annotator draws cues. Deterministic; any text.
    pub fn extend(&self, text: &str, found: &mut Vec<Suggestion>) {
        let added = self.suggest(text, found);
        found.extend(added);
        self.grow_cues(text, found);
    }

    /// Each suggestion's cue grown as the annotator draws cues (see
    /// [`CueExtent`]), never into its own quote or speaker.
    pub fn grow_cues(&self, text: &str, found: &mut [Suggestion]) {
        if self.cue_extent == CueExtent::default() {
            return;
        }
        let pars = paragraphs(text);
        for s in found.iter_mut() {
            let Some(cue) = s.cue else {
                continue;
            };
            let alone = s.target == crate::suggest::Target::Cue;
            let mut blocked: Vec<CharRange> = if alone { Vec::new() } else { s.fragments.clone() };
            blocked.extend(s.speaker);
            let grown = self.cue_extent.grow(&pars, cue, &blocked);
            s.cue = Some(grown);
            if alone {
                s.fragments = vec![grown];
            }
        }
    }

    /// What the model adds to the rules' suggestions on `text`: the
    /// attributions whose content overlaps none of the rules' fragments,
    /// and the cues it tagged that no suggestion carries (as
    /// [`crate::suggest::Target::Cue`]), with a confidence from the score
    /// margin. Deterministic; any text.
    pub fn suggest(&self, text: &str, rules: &[Suggestion]) -> Vec<Suggestion> {
        // A model that did not come through `check` (deserialised
        // elsewhere) proposes nothing rather than index out of its tables.
        if self.trans.len() != TRANS_LEN || self.emit.len() != self.keys.len() * N_TAGS {
            return Vec::new();
        }
        let pars = paragraphs(text);
        let marks = rule_marks(&pars, rules);
        let feats = all_features(&pars, &marks);
        let trans = self.weights();
        let chars: Vec<char> = text.chars().collect();
        let text_of = |r: CharRange| -> String {
            chars
                .get(r.start..r.end.min(chars.len()))
                .unwrap_or(&[])
                .iter()
                .collect()
        };
        let mut out = Vec::new();
        for (par, f) in pars.iter().zip(&feats) {
            let mut em = self.emissions(f);
            if self.options.recall_bias != 0.0 {
                for e in &mut em {
                    for s in e.iter_mut().skip(1) {
                        *s += self.options.recall_bias;
                    }
                }
            }
            let (tags, best) = trans.viterbi(&em, None);
            for mut found in decode::group(&decode::spans(&tags)) {
                if self.options.extend_clauses {
                    decode::extend_to_sentence_end(par, &tags, &mut found);
                }
                let frags: Vec<CharRange> = found.contents.iter().map(|s| decode::chars(par, s)).collect();
                if frags.iter().any(|r| decode::rules_found(rules, r)) {
                    continue;
                }
                if found.contents.iter().map(|s| s.end - s.start).sum::<usize>() < self.options.min_tokens {
                    continue;
                }
                let margin = best - forced_out(&trans, &em, &found.contents, tags.len());
                let sure = 1.0 / (1.0 + (-margin / self.options.confidence_scale).exp());
                let prior = decode::prior(par, &found);
                let confidence = prior * (0.75 + 0.25 * sure);
                if confidence >= self.options.min_confidence {
                    out.push(decode::suggestion(&text_of, par, &found, confidence));
                }
            }
            // Cues the model tagged that no suggestion carries (their quote
            // was found by no one, or the rules framed it without a cue):
            // each is a suggestion of its own.
            for cue in decode::spans(&tags).iter().filter(|s| s.part == Part::Cue) {
                let r = decode::chars(par, cue);
                let carried = |s: &Suggestion| s.cue.is_some_and(|c| c.overlaps(&r));
                if rules.iter().chain(&out).any(carried) {
                    continue;
                }
                let margin = best - forced_out(&trans, &em, &[*cue], tags.len());
                let sure = 1.0 / (1.0 + (-margin / self.options.confidence_scale).exp());
                let confidence = decode::LONE_CUE_PRIOR * (0.75 + 0.25 * sure);
                if confidence >= self.options.min_confidence {
                    out.push(decode::lone_cue(&text_of, r, confidence));
                }
            }
        }
        out
    }
}

/// The best score with the contents' tokens forced to O.
fn forced_out(w: &Weights, em: &[[f32; N_TAGS]], contents: &[Span], n: usize) -> f32 {
    let mut forced = vec![None; n];
    for s in contents {
        for f in forced.iter_mut().take(s.end).skip(s.start) {
            *f = Some(O);
        }
    }
    w.viterbi(em, Some(&forced)).1
}
