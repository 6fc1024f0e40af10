//! The trained model: two taggers (quotes, speakers and cues together;
//! cues alone) and how the annotator draws cues, and tagging a text with it.

use serde::{Deserialize, Serialize};

use crate::model::CharRange;
use crate::suggest::Suggestion;

use super::TrainOptions;
use super::decode::{self, Span};
use super::extent::CueExtent;
use super::features::all_features;
use super::perceptron::Weights;
use super::stacked;
use super::tagger::Tagger;
use super::tags::{N_TAGS, O, Part, rule_marks};
use super::tokenize::{Paragraph, covered, paragraphs};

/// The version of the model's layout; a file with another is refused.
/// 2: a second tagger for cues alone (reading the first one's tags), and
/// the cues' extent.
pub const MODEL_VERSION: u32 = 2;

/// The cue tagger overrules the rules' cues (drops those it does not
/// find) only once it learned from this many cues. With fewer it is less
/// often right than the rules: on PolNeAR, from about 40 articles (some
/// 950 cues) on, dropping them helped; from 3 or 10 articles it cost 6
/// and 5 points of cue F1 (`QB_LEARN_TRAIN_N`, see benches/learn.rs).
pub const OVERRULE_MIN_CUES: usize = 1000;

/// The tags a bias is added to: every tag but O, and the cue tags.
const ALL_BUT_O: [u8; N_TAGS - 1] = [1, 2, 3, 4, 5, 6];
const CUE_TAGS: [u8; 2] = [5, 6];

/// What a model was trained on, for the window and the command line to show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainedOn {
    pub documents: usize,
    pub paragraphs: usize,
    pub tokens: usize,
    /// Quote annotations in the examples.
    pub quotes: usize,
    /// Cue annotations in the examples (0 in files from before it was kept).
    #[serde(default)]
    pub cues: usize,
}

/// A tagger trained on the annotator's own tags. Serialisable (weights
/// packed as base64); `format::suggest_model` saves and loads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub version: u32,
    pub options: TrainOptions,
    pub trained_on: TrainedOn,
    /// Quotes, speakers and cues together: the quotes the rules missed.
    tagger: Tagger,
    /// Cues alone (more often right about cues than the joint tagger):
    /// the cues no suggestion carries, and a check on the joint tagger's.
    cues: Tagger,
    /// The unit of the joint tagger's scores (as the cue tagger reads them).
    joint_scale: f32,
    /// The unit of [`TrainOptions::cue_bias`] for the cue tagger.
    cue_scale: f32,
    /// How far the annotator draws a cue.
    cue_extent: CueExtent,
}

impl Model {
    pub(super) fn new(
        options: TrainOptions,
        trained_on: TrainedOn,
        (keys, weights, joint_scale): (&[u64], Weights, f32),
        (cue_keys, cue_weights, cue_scale): (&[u64], Weights, f32),
        cue_extent: CueExtent,
    ) -> Self {
        Self {
            version: MODEL_VERSION,
            options,
            trained_on,
            tagger: Tagger::new(keys, weights),
            cues: Tagger::new(cue_keys, cue_weights),
            joint_scale,
            cue_scale,
            cue_extent,
        }
    }

    /// The number of features with weights, both taggers together.
    pub fn feature_count(&self) -> usize {
        self.tagger.feature_count() + self.cues.feature_count()
    }

    /// The unit of the cue bias (for the bench to print).
    pub fn cue_scale(&self) -> f32 {
        self.cue_scale
    }

    /// Whether the tables fit together (a file that parsed may still not):
    /// `Err` says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        if self.version != MODEL_VERSION {
            return Err(format!(
                "model layout {} (this version reads {MODEL_VERSION}); train it again",
                self.version
            ));
        }
        if !(self.cue_scale.is_finite() && self.cue_scale > 0.0) {
            return Err(format!(
                "the cue scale {} is not a positive number",
                self.cue_scale
            ));
        }
        self.tagger.check()?;
        self.cues.check().map_err(|e| format!("the cue tagger: {e}"))
    }

    /// The rules' suggestions on `text` (`found`, as given to
    /// [`Model::suggest`]) with what the model adds, and every cue drawn
    /// as far as the annotator draws cues. Deterministic; any text.
    pub fn extend(&self, text: &str, found: &mut Vec<Suggestion>) {
        let pars = paragraphs(text);
        let added = self.suggest_in(&pars, text, found.as_mut_slice());
        found.extend(added);
        self.grow_cues_in(&pars, found);
    }

    /// Each suggestion's cue grown as the annotator draws cues (see
    /// [`CueExtent`]), never into its own quote or speaker. A cue alone
    /// that another suggestion also carries grows as that one's does, so
    /// that the two stay one cue.
    pub fn grow_cues(&self, text: &str, found: &mut [Suggestion]) {
        self.grow_cues_in(&paragraphs(text), found);
    }

    fn grow_cues_in(&self, pars: &[Paragraph], found: &mut [Suggestion]) {
        if self.cue_extent == CueExtent::default() {
            return;
        }
        let alone = |s: &Suggestion| s.target == crate::suggest::Target::Cue;
        // The cues that come with a quote: as found -> as grown (the first
        // quote's growth where two quotes share a cue).
        let mut grown_with_quote: std::collections::HashMap<CharRange, CharRange> = Default::default();
        for s in found.iter_mut().filter(|s| !alone(s)) {
            let Some(cue) = s.cue else {
                continue;
            };
            let mut blocked = s.fragments.clone();
            blocked.extend(s.speaker);
            let grown = self.cue_extent.grow(pars, cue, &blocked);
            grown_with_quote.entry(cue).or_insert(grown);
            s.cue = Some(grown);
        }
        for s in found.iter_mut().filter(|s| alone(s)) {
            let Some(cue) = s.cue else {
                continue;
            };
            let grown = match grown_with_quote.get(&cue) {
                Some(&grown) => grown,
                None => self.cue_extent.grow(pars, cue, &[]),
            };
            s.cue = Some(grown);
            s.fragments = vec![grown];
        }
    }

    /// What the model adds to the rules' suggestions on `text`: the
    /// attributions whose content overlaps none of the rules' fragments,
    /// and the cues the cue tagger found that no suggestion carries (as
    /// [`crate::suggest::Target::Cue`]), with a confidence from the score
    /// margin. The cue tagger has the last word on every cue: the rules'
    /// cues and the joint tagger's are redrawn as the cue tagger's span
    /// over them, or dropped (the quote stays) where it found none; the
    /// rules' only once it learned from [`OVERRULE_MIN_CUES`] cues.
    /// Deterministic; any text.
    pub fn suggest(&self, text: &str, rules: &mut [Suggestion]) -> Vec<Suggestion> {
        self.suggest_in(&paragraphs(text), text, rules)
    }

    /// [`Model::suggest`] on `text` already split into `pars`.
    fn suggest_in(&self, pars: &[Paragraph], text: &str, rules: &mut [Suggestion]) -> Vec<Suggestion> {
        // A model that did not come through `check` (deserialised
        // elsewhere) proposes nothing rather than index out of its tables.
        if !self.tagger.usable() || !self.cues.usable() {
            return Vec::new();
        }
        let marks = rule_marks(pars, rules);
        let feats = all_features(pars, &marks);
        let joint = self.tagger.transitions();
        let cue_trans = self.cues.transitions();
        let chars: Vec<char> = text.chars().collect();
        let text_of = |r: CharRange| -> String {
            chars
                .get(r.start..r.end.min(chars.len()))
                .unwrap_or(&[])
                .iter()
                .collect()
        };
        let sure = |margin: f32| 1.0 / (1.0 + (-margin / self.options.confidence_scale).exp());
        // The rules' suggestions by the paragraph their cue starts in.
        let mut rule_cues: Vec<Vec<usize>> = vec![Vec::new(); pars.len()];
        for (i, s) in rules.iter().enumerate() {
            if let Some((p, _, _)) = s.cue.and_then(|c| covered(pars, c).first().copied()) {
                rule_cues[p].push(i);
            }
        }
        let overrule = self.trained_on.cues >= OVERRULE_MIN_CUES;
        let mut out = Vec::new();
        for ((par, f), in_par) in pars.iter().zip(&feats).zip(&rule_cues) {
            let em = self.tagger.emissions(f, self.options.recall_bias, &ALL_BUT_O);
            let (tags, best) = joint.viterbi(&em, None);
            let view = stacked::Joint {
                tags: &tags,
                em: &em,
                scale: self.joint_scale,
            };
            let with_joint = stacked::with_joint_tags(f, &view);
            let cue_em = self
                .cues
                .emissions(&with_joint, self.options.cue_bias * self.cue_scale, &CUE_TAGS);
            let (cue_tags, cue_best) = cue_trans.viterbi(&cue_em, None);
            let cues: Vec<Span> = decode::spans(&cue_tags)
                .into_iter()
                .filter(|s| s.part == Part::Cue)
                .collect();
            // The cue tagger's span over `c`, if it found one there.
            let redrawn = |c: CharRange| -> Option<CharRange> {
                cues.iter()
                    .map(|k| decode::chars(par, k))
                    .find(|k| k.overlaps(&c))
            };
            for &i in in_par {
                rules[i].cue = rules[i]
                    .cue
                    .and_then(|c| redrawn(c).or(Some(c).filter(|_| !overrule)));
            }
            let first = out.len();
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
                let margin = best - forced_out(&joint, &em, &found.contents, tags.len());
                let prior = decode::prior(par, &found);
                let confidence = prior * (0.75 + 0.25 * sure(margin));
                if confidence >= self.options.min_confidence {
                    let mut s = decode::suggestion(&text_of, par, &found, confidence);
                    // A cue the cue tagger did not find is more often wrong
                    // than right: the quote goes without it.
                    s.cue = s.cue.filter(|&c| redrawn(c).is_some());
                    out.push(s);
                }
            }
            // Cues no suggestion carries (their quote was found by no one,
            // or the rules framed it without a cue), or only suggestions
            // less sure than the cue is (so that the cue stays when they
            // fall below a threshold): each is a suggestion of its own.
            for cue in &cues {
                let r = decode::chars(par, cue);
                let carries = |s: &Suggestion| s.cue.is_some_and(|c| c.overlaps(&r));
                let carriers = || {
                    in_par
                        .iter()
                        .map(|&i| &rules[i])
                        .chain(&out[first..])
                        .filter(|s| carries(s))
                };
                // A cue alone is never surer than its prior: a carrier that
                // sure settles it without tagging the paragraph again.
                let most = carriers().map(|s| s.confidence).fold(f32::NEG_INFINITY, f32::max);
                if most >= decode::LONE_CUE_PRIOR {
                    continue;
                }
                let margin = cue_best - forced_out(&cue_trans, &cue_em, &[*cue], cue_tags.len());
                let confidence = decode::LONE_CUE_PRIOR * (0.75 + 0.25 * sure(margin));
                if most >= confidence {
                    continue;
                }
                // The less sure ones then share the cue as the tagger drew it.
                for s in out[first..].iter_mut().filter(|s| carries(s)) {
                    s.cue = Some(r);
                }
                if confidence >= self.options.min_confidence {
                    let carried = most > f32::NEG_INFINITY;
                    out.push(decode::lone_cue(&text_of, r, confidence, carried));
                }
            }
        }
        out
    }
}

/// The best score with the tokens of `spans` forced to O.
fn forced_out(w: &Weights, em: &[[f32; N_TAGS]], spans: &[Span], n: usize) -> f32 {
    let mut forced = vec![None; n];
    for s in spans {
        for f in forced.iter_mut().take(s.end).skip(s.start) {
            *f = Some(O);
        }
    }
    w.viterbi(em, Some(&forced)).1
}
