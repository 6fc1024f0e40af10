//! Features of each token, hashed to 64-bit keys: the word and its
//! neighbours, prefixes and suffixes, shape, capitals, whether it stands inside quote
//! marks, word-class flags, the distance to the nearest speech or thought
//! verb in its sentence, and what the rules tagged it (and its neighbours).

use super::tags::{RuleMarks, TAG_NAMES};
use super::tokenize::{Paragraph, TokKind};
use super::words::{self, PRONOUN, SPEECH, THOUGHT, TITLE};

/// The features of a paragraph: token `i`'s keys are
/// `keys[starts[i]..starts[i + 1]]`.
#[derive(Clone, Debug, Default)]
pub struct Features {
    pub keys: Vec<u64>,
    pub starts: Vec<u32>,
}

impl Features {
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
    pub fn of(&self, i: usize) -> &[u64] {
        &self.keys[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

/// Feature keys are FNV hashes already: a map over them needs no second
/// hash (std's SipHash was a tenth of the time spent tagging).
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fnv_step(self.0, b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A map keyed by feature keys.
pub type KeyMap<V> = std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// One byte of FNV-1a.
fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
}

/// FNV-1a over a template number and the parts of a feature.
pub fn key(template: u8, parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| h = fnv_step(h, b);
    eat(template);
    for p in parts {
        for &b in *p {
            eat(b);
        }
        eat(0xff);
    }
    h
}

/// What is worked out once per token before the features.
struct TokenInfo {
    lower: String,
    shape: String,
    flags: u8,
    lemma: Option<&'static str>,
    /// 0 outside quote marks, 1 inside, 2 an opening mark, 3 a closing mark.
    quote: u8,
    sentence: u32,
    cap: u8,
}

fn shape(s: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in s.chars() {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if last != Some(m) {
            out.push(m);
            last = Some(m);
        }
        if out.chars().count() >= 5 {
            break;
        }
    }
    out
}

fn infos(par: &Paragraph) -> Vec<TokenInfo> {
    let mut inside = false;
    let mut sentence = 0u32;
    let mut ends_sentence = false;
    let mut out: Vec<TokenInfo> = Vec::with_capacity(par.tokens.len());
    for t in &par.tokens {
        let lower = t.text.to_lowercase();
        let quote = if t.kind == TokKind::Quote {
            let open = match t.text.as_str() {
                "“" | "„" | "«" | "``" => true,
                "”" | "»" => false,
                _ => !inside,
            };
            inside = open;
            if open { 2 } else { 3 }
        } else {
            u8::from(inside)
        };
        // A sentence ends after . ! ? (and the marks closing it), unless the
        // word before the full stop is a title or an initial.
        if ends_sentence && !(t.kind == TokKind::Quote && quote == 3) && t.text != ")" {
            sentence += 1;
            ends_sentence = false;
        }
        if matches!(t.text.as_str(), "." | "!" | "?" | "...") {
            let prev = out.last();
            let abbrev =
                prev.is_some_and(|p| p.flags & TITLE != 0 || (p.lower.chars().count() == 1 && p.cap == 1));
            ends_sentence = !abbrev;
        }
        let first = t.text.chars().next().unwrap_or(' ');
        let cap = if t.text.chars().all(char::is_uppercase) && t.text.chars().count() > 1 {
            2
        } else {
            u8::from(first.is_uppercase())
        };
        let class = words::class(&lower);
        out.push(TokenInfo {
            flags: class.flags,
            lemma: class.lemma,
            shape: shape(&t.text),
            lower,
            quote,
            sentence,
            cap,
        });
    }
    out
}

fn bucket(d: usize) -> &'static [u8] {
    match d {
        0 => b"0",
        1 => b"1",
        2 => b"2",
        3 => b"3",
        4..=6 => b"4-6",
        7..=12 => b"7-12",
        13..=25 => b"13-25",
        _ => b"26+",
    }
}

/// The features of every token of `par`, given the rules' marks on it
/// (`rule_tags[i]`, `rule_kinds[i]`).
pub fn paragraph_features(
    par: &Paragraph,
    par_index: usize,
    rule_tags: &[u8],
    rule_kinds: &[u8],
) -> Features {
    let par_pos = [par_index.min(2) as u8];
    let info = infos(par);
    let n = info.len();
    let verb = |i: usize| info[i].flags & (SPEECH | THOUGHT) != 0 && info[i].quote == 0;
    // Nearest verb to the left and right within the sentence.
    let mut left = vec![None; n];
    let mut last: Option<usize> = None;
    for i in 0..n {
        if last.is_some_and(|l| info[l].sentence != info[i].sentence) {
            last = None;
        }
        left[i] = last.map(|l| i - l);
        if verb(i) {
            last = Some(i);
        }
    }
    let mut right = vec![None; n];
    let mut next: Option<usize> = None;
    for i in (0..n).rev() {
        if next.is_some_and(|r| info[r].sentence != info[i].sentence) {
            next = None;
        }
        right[i] = next.map(|r| r - i);
        if verb(i) {
            next = Some(i);
        }
    }
    let sentence_start: Vec<usize> = {
        let mut v = vec![0; n];
        for i in 1..n {
            v[i] = if info[i].sentence == info[i - 1].sentence {
                v[i - 1]
            } else {
                i
            };
        }
        v
    };
    // Tokens to the sentence's end and to the next comma in it.
    let mut to_end = vec![0usize; n];
    let mut to_comma = vec![None; n];
    for i in (0..n).rev() {
        let same = i + 1 < n && info[i + 1].sentence == info[i].sentence;
        to_end[i] = if same { to_end[i + 1] + 1 } else { 0 };
        to_comma[i] = if same {
            if par.tokens[i + 1].text == "," {
                Some(1)
            } else {
                to_comma[i + 1].map(|d: usize| d + 1)
            }
        } else {
            None
        };
    }
    let mut f = Features {
        keys: Vec::with_capacity(n * 40),
        starts: Vec::with_capacity(n + 1),
    };
    let word = |j: isize| -> &[u8] {
        if j < 0 {
            b"<s>"
        } else if j as usize >= n {
            b"</s>"
        } else {
            info[j as usize].lower.as_bytes()
        }
    };
    let rtag = |j: isize| -> &[u8] {
        if j < 0 || j as usize >= n {
            b"-"
        } else {
            TAG_NAMES[rule_tags.get(j as usize).copied().unwrap_or(0) as usize].as_bytes()
        }
    };
    for i in 0..n {
        f.starts.push(f.keys.len() as u32);
        let t = &info[i];
        let ii = i as isize;
        let k = &mut f.keys;
        let q = [b'0' + t.quote];
        let fl = [t.flags];
        let cap = [b'0' + t.cap];
        k.push(key(0, &[]));
        k.push(key(1, &[t.lower.as_bytes()]));
        if t.cap > 0 {
            k.push(key(2, &[par.tokens[i].text.as_bytes()]));
        }
        let chars: Vec<char> = t.lower.chars().collect();
        let suf = |m: usize| -> String { chars[chars.len().saturating_sub(m)..].iter().collect() };
        k.push(key(3, &[suf(3).as_bytes()]));
        k.push(key(4, &[suf(2).as_bytes()]));
        k.push(key(5, &[t.shape.as_bytes()]));
        k.push(key(6, &[&cap, &q]));
        k.push(key(7, &[&q]));
        k.push(key(8, &[&fl]));
        k.push(key(9, &[&fl, &q]));
        k.push(key(10, &[word(ii - 1)]));
        k.push(key(11, &[word(ii + 1)]));
        k.push(key(12, &[word(ii - 2)]));
        k.push(key(13, &[word(ii + 2)]));
        k.push(key(14, &[word(ii - 1), word(ii)]));
        k.push(key(15, &[word(ii), word(ii + 1)]));
        let fl_prev = [if i > 0 { info[i - 1].flags } else { 0 }];
        let fl_next = [if i + 1 < n { info[i + 1].flags } else { 0 }];
        k.push(key(16, &[&fl_prev]));
        k.push(key(17, &[&fl_next]));
        let l = left[i].map_or(&b"none"[..], bucket);
        let r = right[i].map_or(&b"none"[..], bucket);
        k.push(key(18, &[l]));
        k.push(key(19, &[r]));
        k.push(key(20, &[l, r, &q]));
        let from_start = bucket(i - sentence_start[i]);
        k.push(key(21, &[from_start]));
        k.push(key(22, &[from_start, r]));
        let sh_prev = if i > 0 {
            info[i - 1].shape.as_bytes()
        } else {
            b"<s>"
        };
        let sh_next = if i + 1 < n {
            info[i + 1].shape.as_bytes()
        } else {
            b"</s>"
        };
        k.push(key(23, &[sh_prev, t.shape.as_bytes(), sh_next]));
        k.push(key(24, &[rtag(ii)]));
        k.push(key(25, &[rtag(ii - 1)]));
        k.push(key(26, &[rtag(ii + 1)]));
        k.push(key(27, &[rtag(ii - 1), rtag(ii), rtag(ii + 1)]));
        k.push(key(28, &[rtag(ii), &q]));
        let kind = [b'0' + rule_kinds.get(i).copied().unwrap_or(0)];
        k.push(key(29, &[&kind, rtag(ii)]));
        k.push(key(30, &[rtag(ii), t.lower.as_bytes()]));
        if t.flags & PRONOUN != 0 || t.flags & TITLE != 0 {
            k.push(key(31, &[&fl, r, l]));
        }
        k.push(key(32, &[&[u8::from(i == 0), u8::from(i + 1 == n)]]));
        let prev_q = [if i > 0 { b'0' + info[i - 1].quote } else { b'-' }];
        let next_q = [if i + 1 < n { b'0' + info[i + 1].quote } else { b'-' }];
        k.push(key(33, &[&prev_q, &q, &next_q]));
        k.push(key(34, &[&par_pos, rtag(ii)]));
        k.push(key(38, &[bucket(to_end[i]), &q]));
        k.push(key(39, &[to_comma[i].map_or(&b"none"[..], bucket)]));
        // The word's first letters: what inflections of one verb share
        // ("support", "supporting", "supported"), so that a form the
        // examples never showed reads like the ones they did.
        if chars.len() > 4 {
            let prefix = |m: usize| -> String { chars[..m.min(chars.len())].iter().collect() };
            k.push(key(42, &[prefix(4).as_bytes()]));
            k.push(key(43, &[prefix(5).as_bytes(), &q]));
        }
        k.push(key(40, &[word(ii - 3)]));
        k.push(key(41, &[word(ii + 3)]));
        if let Some(lemma) = t.lemma {
            k.push(key(35, &[lemma.as_bytes(), &q]));
        }
        // The lemma of the nearest verb on each side.
        if let Some(d) = left[i] {
            let lemma = info[i - d].lemma.unwrap_or("").as_bytes();
            k.push(key(36, &[lemma]));
        }
        if let Some(d) = right[i] {
            let lemma = info[i + d].lemma.unwrap_or("").as_bytes();
            k.push(key(37, &[lemma, bucket(d)]));
        }
    }
    f.starts.push(f.keys.len() as u32);
    f
}

/// The features of every paragraph, with the rules' marks.
pub fn all_features(pars: &[Paragraph], marks: &RuleMarks) -> Vec<Features> {
    pars.iter()
        .enumerate()
        .map(|(i, p)| {
            let empty = Vec::new();
            let tags = marks.tags.get(i).unwrap_or(&empty);
            let kinds = marks.kinds.get(i).unwrap_or(&empty);
            paragraph_features(p, i, tags, kinds)
        })
        .collect()
}
