//! A model trained on the annotator's own tags, beside the rules: it adds
//! the quotes, speakers and cues the rules miss (indirect quotes, unusual
//! cues, an outlet's habits).
//!
//! A token tagger: BIO over Quote (content), Speaker (source) and Cue, one
//! sequence per paragraph, trained as a structured averaged perceptron and
//! decoded by Viterbi. Its features are the word and its neighbours,
//! suffixes, shape, capitals, whether a token is inside quote marks,
//! word-class flags, the distance to the nearest speech or thought verb,
//! and the rules' own tags. Tagged spans are grouped into attributions by
//! nearness (content to the nearest cue, source to that cue); only those
//! whose content the rules did not find are returned.
//!
//! Deterministic (a seeded order, no threads in training). Nothing here
//! reads or writes files: `format::suggest_model` saves a [`Model`].
//!
//! May import: `std`, `serde`, `crate::model`, `crate::suggest` (the
//! [`Suggestion`] type, the rules, the lexicon). Nothing else.

mod decode;
mod extent;
mod features;
mod model;
mod pack;
mod perceptron;
mod tagger;
mod tags;
mod tokenize;
mod words;

pub use model::{MODEL_VERSION, Model, TrainedOn};

use serde::{Deserialize, Serialize};

use crate::model::{Document, names};
use crate::suggest::Suggestion;

use features::all_features;
use perceptron::{Sequence, feature_index};
use tags::{gold_tags, rule_marks};
use tokenize::paragraphs;

/// How to train, and how the trained model proposes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainOptions {
    /// Passes over the examples.
    pub epochs: usize,
    /// Features seen fewer times than this are left out.
    pub min_count: u32,
    /// The seed of the example order.
    pub seed: u64,
    /// Contents shorter than this many tokens are not proposed.
    pub min_tokens: usize,
    /// How a score margin turns into confidence: margin / scale through
    /// the logistic function.
    pub confidence_scale: f32,
    /// Carry a reported clause that stops short on to its sentence's end.
    #[serde(default)]
    pub extend_clauses: bool,
    /// Added to the score of every tag but O when tagging: above 0 the
    /// model proposes more (recall) and is less often right (precision).
    #[serde(default)]
    pub recall_bias: f32,
    /// Additions below this confidence are not proposed.
    pub min_confidence: f32,
    /// Added to the cue tagger's cue scores, in units of its usual gap
    /// between O and a cue: it then finds more cues than it would left
    /// alone, since a cue alone is right more often than not.
    #[serde(default = "default_cue_bias")]
    pub cue_bias: f32,
}

fn default_cue_bias() -> f32 {
    0.09
}

impl Default for TrainOptions {
    fn default() -> Self {
        Self {
            epochs: 20,
            min_count: 2,
            seed: 0x005e_ed0f_7a95,
            min_tokens: 3,
            confidence_scale: 200.0,
            min_confidence: 0.5,
            extend_clauses: true,
            recall_bias: 0.0,
            cue_bias: default_cue_bias(),
        }
    }
}

/// The rules' suggestions on a text, as [`train`] reads them (the model
/// must be given the same at [`Model::suggest`]).
pub fn rules_on(text: &str) -> Vec<Suggestion> {
    crate::suggest::rules::suggest(text, &crate::suggest::Context::default())
}

/// Trains on the Quote, Speaker and Cue annotations of `examples`, reading
/// the rules' own suggestions as features. `progress(done, total)` is
/// called as it goes. Deterministic: the same examples and options give
/// the same model.
pub fn train(examples: &[&Document], opts: &TrainOptions, progress: &dyn Fn(usize, usize)) -> Model {
    train_with_rules(examples, &rules_on, opts, progress)
}

/// [`train`] with another source of rule suggestions (tests use none or
/// hand-made ones). The model must then be used with the same rules.
pub fn train_with_rules(
    examples: &[&Document],
    rules: &dyn Fn(&str) -> Vec<Suggestion>,
    opts: &TrainOptions,
    progress: &dyn Fn(usize, usize),
) -> Model {
    let total = examples.len() * (1 + 2 * opts.epochs.max(1));
    let mut trained_on = TrainedOn {
        documents: examples.len(),
        ..Default::default()
    };
    // Features (as keys) and gold tags of every paragraph.
    let mut raw: Vec<(features::Features, Vec<u8>)> = Vec::new();
    let mut cue_extent = extent::CueExtent::default();
    for (d, doc) in examples.iter().enumerate() {
        let pars = paragraphs(doc.text());
        let marks = rule_marks(&pars, &rules(doc.text()));
        let gold = gold_tags(doc, &pars);
        cue_extent.learn(doc, &pars);
        trained_on.quotes += doc.label_count(names::QUOTE);
        trained_on.paragraphs += pars.len();
        trained_on.tokens += pars.iter().map(|p| p.tokens.len()).sum::<usize>();
        raw.extend(all_features(&pars, &marks).into_iter().zip(gold));
        progress(d + 1, total);
    }
    let (keys, index) = feature_index(raw.iter().flat_map(|(f, _)| f.keys.iter()), opts.min_count);
    let mut seqs: Vec<Sequence> = raw
        .into_iter()
        .map(|(f, gold)| Sequence {
            feats: (0..f.len())
                .map(|i| f.of(i).iter().filter_map(|k| index.get(k).copied()).collect())
                .collect(),
            gold,
        })
        .collect();
    let docs = examples.len();
    let epochs = opts.epochs.max(1);
    // Two taggers, one after the other, each half of the progress after
    // the features.
    let share = docs * epochs;
    let weights = perceptron::train(&seqs, keys.len(), epochs, opts.seed, &|done, all| {
        progress(docs + done * share / all.max(1), total);
    });
    // The cue tagger learns cues alone: every other tag is O to it.
    for t in seqs.iter_mut().flat_map(|s| s.gold.iter_mut()) {
        if tags::Part::of(*t) != Some(tags::Part::Cue) {
            *t = tags::O;
        }
    }
    let cue_weights = perceptron::train(&seqs, keys.len(), epochs, opts.seed, &|done, all| {
        progress(docs + share + done * share / all.max(1), total);
    });
    progress(total, total);
    let scale = cue_scale(&cue_weights, &seqs);
    Model::new(
        opts.clone(),
        trained_on,
        &keys,
        weights,
        (cue_weights, scale),
        cue_extent,
    )
}

/// How far apart the cue tagger's scores for O and for a cue's start
/// usually are (the median over the training tokens): the unit of
/// [`TrainOptions::cue_bias`], so that the bias means the same whatever
/// the size of the examples the weights grew on.
fn cue_scale(w: &perceptron::Weights, seqs: &[Sequence]) -> f32 {
    let mut gaps: Vec<f32> = seqs
        .iter()
        .flat_map(|s| w.emissions(&s.feats))
        .map(|e| (e[tags::O as usize] - e[tags::Part::Cue.begin() as usize]).abs())
        .filter(|g| g.is_finite())
        .collect();
    if gaps.is_empty() {
        return 1.0;
    }
    let mid = gaps.len() / 2;
    let (_, m, _) = gaps.select_nth_unstable_by(mid, f32::total_cmp);
    m.max(1e-3)
}

#[cfg(test)]
mod tests;
