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
//! A second tagger learns cues alone, reading the first one's tags and
//! scores as features (`stacked`): it proposes the cues no suggestion
//! carries and keeps the first tagger's cues only where it agrees. How far
//! the annotator draws a cue ("has repeatedly said", "said in a
//! statement") is counted from their tags (`extent`) and applied to every
//! suggested cue, the rules' included.
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
mod stacked;
mod tagger;
mod tags;
mod tokenize;
mod words;

pub use model::{MODEL_VERSION, Model, OVERRULE_MIN_CUES, TrainedOn};

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
    let epochs = opts.epochs.max(1);
    let docs = examples.len();
    // Progress: the features, then three taggers' worth of passes (the
    // joint tagger, its two halves, the cue tagger).
    let share = docs * epochs;
    let total = docs + 3 * share;
    let mut trained_on = TrainedOn {
        documents: docs,
        ..Default::default()
    };
    // Features (as keys), gold tags and document of every paragraph.
    let mut raw: Vec<(features::Features, Vec<u8>)> = Vec::new();
    let mut doc_of: Vec<usize> = Vec::new();
    let mut cue_extent = extent::CueExtent::default();
    for (d, doc) in examples.iter().enumerate() {
        let pars = paragraphs(doc.text());
        let marks = rule_marks(&pars, &rules(doc.text()));
        let gold = gold_tags(doc, &pars);
        cue_extent.learn(doc, &pars);
        trained_on.quotes += doc.label_count(names::QUOTE);
        trained_on.cues += doc.label_count(names::CUE);
        trained_on.paragraphs += pars.len();
        trained_on.tokens += pars.iter().map(|p| p.tokens.len()).sum::<usize>();
        doc_of.extend(std::iter::repeat_n(d, pars.len()));
        raw.extend(all_features(&pars, &marks).into_iter().zip(gold));
        progress(d + 1, total);
    }
    let (keys, index) = feature_index(raw.iter().flat_map(|(f, _)| f.keys.iter()), opts.min_count);
    let seqs: Vec<Sequence> = raw
        .iter()
        .map(|(f, gold)| Sequence::of(f, &index, gold.clone()))
        .collect();
    let all: Vec<&Sequence> = seqs.iter().collect();
    let weights = perceptron::train(&all, keys.len(), epochs, opts.seed, &|done, n| {
        progress(docs + done * share / n.max(1), total);
    });
    // The joint tags of each paragraph by a tagger that never saw it: the
    // documents in two halves, each tagged by a tagger trained on the
    // other (with one document, the joint tagger itself).
    let mut joint: Vec<(Vec<u8>, Vec<[f32; tags::N_TAGS]>, f32)> =
        vec![(Vec::new(), Vec::new(), 1.0); seqs.len()];
    for half in 0..2 {
        let others: Vec<&Sequence> = (0..seqs.len())
            .filter(|&p| doc_of[p] % 2 != half)
            .map(|p| &seqs[p])
            .collect();
        let w = if docs < 2 {
            weights.clone()
        } else {
            perceptron::train(&others, keys.len(), epochs, opts.seed, &|done, n| {
                let base = docs + share + half * share / 2;
                progress(base + done * share / 2 / n.max(1), total);
            })
        };
        let mine: Vec<usize> = (0..seqs.len()).filter(|&p| doc_of[p] % 2 == half).collect();
        let ems: Vec<Vec<[f32; tags::N_TAGS]>> = mine.iter().map(|&p| w.emissions(&seqs[p].feats)).collect();
        let scale = stacked::median_gap(ems.iter().flatten());
        for (&p, em) in mine.iter().zip(ems) {
            joint[p] = (w.viterbi(&em, None).0, em, scale);
        }
    }
    // The unit of the joint tagger's scores, for tagging with it later.
    let joint_scale = score_unit(&weights, &seqs);
    drop(seqs);
    // The cue tagger: the features and the joint tags, cues alone as gold
    // (every other tag is O to it).
    let stacked: Vec<(features::Features, Vec<u8>)> = raw
        .into_iter()
        .zip(&joint)
        .map(|((f, gold), j)| {
            let gold = gold
                .into_iter()
                .map(|t| {
                    if tags::Part::of(t) == Some(tags::Part::Cue) {
                        t
                    } else {
                        tags::O
                    }
                })
                .collect();
            let view = stacked::Joint {
                tags: &j.0,
                em: &j.1,
                scale: j.2,
            };
            (stacked::with_joint_tags(&f, &view), gold)
        })
        .collect();
    let (cue_keys, cue_index) =
        feature_index(stacked.iter().flat_map(|(f, _)| f.keys.iter()), opts.min_count);
    let cue_seqs: Vec<Sequence> = stacked
        .into_iter()
        .map(|(f, gold)| Sequence::of(&f, &cue_index, gold))
        .collect();
    let cue_all: Vec<&Sequence> = cue_seqs.iter().collect();
    let cue_weights = perceptron::train(&cue_all, cue_keys.len(), epochs, opts.seed, &|done, n| {
        progress(docs + 2 * share + done * share / n.max(1), total);
    });
    progress(total, total);
    let scale = score_unit(&cue_weights, &cue_seqs);
    Model::new(
        opts.clone(),
        trained_on,
        (&keys, weights, joint_scale),
        (&cue_keys, cue_weights, scale),
        cue_extent,
    )
}

/// How far apart a tagger's scores for O and for a cue's start usually
/// are (the median over the training tokens): the unit of its scores, so
/// that [`TrainOptions::cue_bias`] and the cue tagger's reading of the
/// joint tagger mean the same whatever the size of the examples the
/// weights grew on.
fn score_unit(w: &perceptron::Weights, seqs: &[Sequence]) -> f32 {
    let em: Vec<[f32; tags::N_TAGS]> = seqs.iter().flat_map(|s| w.emissions(&s.feats)).collect();
    stacked::median_gap(em.iter())
}

#[cfg(test)]
mod tests;
