//! What the joint tagger said of each token, as features for the cue
//! tagger: a cue is the word that introduces a content, so where the
//! joint tagger sees contents and sources tells the cue tagger where to
//! look. In training the joint tags come from taggers that never saw the
//! paragraph (two halves, each tagged by a tagger trained on the other),
//! so that the cue tagger learns how far to trust them.

// Templates 60 and up: the base features use fewer.
use super::features::{Features, key};
use super::tags::{N_TAGS, O, Part, TAG_NAMES};

fn bucket(d: Option<usize>) -> &'static [u8] {
    match d {
        None => b"none",
        Some(0) => b"0",
        Some(1) => b"1",
        Some(2) => b"2",
        Some(3..=4) => b"3-4",
        Some(5..=8) => b"5-8",
        Some(_) => b"9+",
    }
}

/// Distance from each token to the nearest token of `part` on its left
/// (`rev` false) or right (`rev` true).
fn nearest(tags: &[u8], part: Part, rev: bool) -> Vec<Option<usize>> {
    let n = tags.len();
    let mut out = vec![None; n];
    let mut last: Option<usize> = None;
    for k in 0..n {
        let i = if rev { n - 1 - k } else { k };
        out[i] = last.map(|l| l.abs_diff(i));
        if Part::of(tags[i]) == Some(part) {
            last = Some(i);
        }
    }
    out
}

/// A score gap in units of the tagger's usual gap, in eight bins.
fn level(gap: f32, scale: f32) -> &'static [u8] {
    let v = gap / scale.max(1e-6);
    if v < -2.0 {
        b"<-2"
    } else if v < -1.0 {
        b"-2..-1"
    } else if v < -0.5 {
        b"-1..-.5"
    } else if v < 0.0 {
        b"-.5..0"
    } else if v < 0.5 {
        b"0...5"
    } else if v < 1.0 {
        b".5..1"
    } else if v < 2.0 {
        b"1..2"
    } else {
        b">2"
    }
}

/// The median gap between O and a cue's start over `em`: the unit that
/// makes one tagger's scores comparable with another's.
pub fn median_gap<'a>(em: impl Iterator<Item = &'a [f32; N_TAGS]>) -> f32 {
    let mut gaps: Vec<f32> = em
        .map(|e| (e[O as usize] - e[Part::Cue.begin() as usize]).abs())
        .filter(|g| g.is_finite())
        .collect();
    if gaps.is_empty() {
        return 1.0;
    }
    let mid = gaps.len() / 2;
    let (_, m, _) = gaps.select_nth_unstable_by(mid, f32::total_cmp);
    m.max(1e-3)
}

/// What the joint tagger made of a paragraph: its tags, its scores, and
/// the unit of those scores ([`median_gap`]).
pub struct Joint<'a> {
    pub tags: &'a [u8],
    pub em: &'a [[f32; N_TAGS]],
    pub scale: f32,
}

/// `base` with, for each token, features of what the joint tagger said.
pub fn with_joint_tags(base: &Features, joint: &Joint) -> Features {
    let tags = joint.tags;
    let n = base.len().min(tags.len()).min(joint.em.len());
    let tag = |j: isize| -> &[u8] {
        if j < 0 || j as usize >= n {
            b"-"
        } else {
            TAG_NAMES[tags[j as usize] as usize].as_bytes()
        }
    };
    let q_left = nearest(tags, Part::Quote, false);
    let q_right = nearest(tags, Part::Quote, true);
    let s_left = nearest(tags, Part::Speaker, false);
    let s_right = nearest(tags, Part::Speaker, true);
    let mut out = Features {
        keys: Vec::with_capacity(base.keys.len() + n * 11),
        starts: Vec::with_capacity(base.len() + 1),
    };
    for i in 0..base.len() {
        out.starts.push(out.keys.len() as u32);
        out.keys.extend_from_slice(base.of(i));
        if i >= n {
            continue;
        }
        let ii = i as isize;
        let e = &joint.em[i];
        let o = e[O as usize];
        let cue = level(
            e[Part::Cue.begin() as usize].max(e[Part::Cue.inside() as usize]) - o,
            joint.scale,
        );
        let quote = level(
            e[Part::Quote.begin() as usize].max(e[Part::Quote.inside() as usize]) - o,
            joint.scale,
        );
        out.keys.push(key(60, &[tag(ii)]));
        out.keys.push(key(61, &[tag(ii - 1)]));
        out.keys.push(key(62, &[tag(ii + 1)]));
        out.keys.push(key(63, &[tag(ii - 1), tag(ii), tag(ii + 1)]));
        out.keys.push(key(64, &[bucket(q_left[i]), bucket(q_right[i])]));
        out.keys.push(key(65, &[bucket(s_left[i]), bucket(q_right[i])]));
        out.keys.push(key(66, &[bucket(q_left[i]), bucket(s_right[i])]));
        out.keys.push(key(67, &[tag(ii), bucket(q_right[i])]));
        out.keys.push(key(68, &[cue]));
        out.keys.push(key(69, &[quote]));
        out.keys
            .push(key(70, &[cue, bucket(q_right[i]), bucket(q_left[i])]));
    }
    out.starts.push(out.keys.len() as u32);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(n: usize) -> Features {
        Features {
            keys: (0..n as u64).collect(),
            starts: (0..=n as u32).collect(),
        }
    }

    #[test]
    fn each_token_keeps_its_features_and_gains_the_joint_tags() {
        let base = features(4);
        // O, B-Cue, B-Quote, I-Quote
        let em = [[0.0; N_TAGS]; 4];
        let joint = |tags: &'static [u8]| Joint {
            tags,
            em: &em,
            scale: 1.0,
        };
        let f = with_joint_tags(&base, &joint(&[0, 5, 1, 2]));
        assert_eq!(f.len(), 4);
        for i in 0..4 {
            assert_eq!(f.of(i)[0], i as u64);
            assert_eq!(f.of(i).len(), 12);
        }
        // The same tags around give the same keys; other tags, others.
        let g = with_joint_tags(&base, &joint(&[0, 5, 1, 2]));
        assert_eq!(f.keys, g.keys);
        let h = with_joint_tags(&base, &joint(&[0, 0, 0, 0]));
        assert_ne!(f.of(1), h.of(1));
        // A score far above the usual gap is another feature than one below.
        let mut sure = em;
        sure[1][Part::Cue.begin() as usize] = 10.0;
        let s = with_joint_tags(
            &base,
            &Joint {
                tags: &[0, 5, 1, 2],
                em: &sure,
                scale: 1.0,
            },
        );
        assert_ne!(f.of(1), s.of(1));
        assert_eq!(f.of(0), s.of(0));
    }

    #[test]
    fn the_unit_is_the_median_gap() {
        let mut em = [[0.0; N_TAGS]; 3];
        for (e, g) in em.iter_mut().zip([1.0, 3.0, 9.0]) {
            e[Part::Cue.begin() as usize] = g;
        }
        assert_eq!(median_gap(em.iter()), 3.0);
        assert_eq!(median_gap([].iter()), 1.0);
    }

    #[test]
    fn distances_to_the_nearest_content_on_each_side() {
        assert_eq!(
            nearest(&[0, 1, 2, 0, 0], Part::Quote, false),
            vec![None, None, Some(1), Some(1), Some(2)]
        );
        assert_eq!(
            nearest(&[0, 1, 2, 0, 0], Part::Quote, true),
            vec![Some(1), Some(1), None, None, None]
        );
        // Tags shorter than the features (never in use): no panic.
        let em = [[0.0; N_TAGS]; 1];
        let f = with_joint_tags(
            &features(3),
            &Joint {
                tags: &[0],
                em: &em,
                scale: 1.0,
            },
        );
        assert_eq!(f.len(), 3);
    }
}
