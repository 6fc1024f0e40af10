//! Right-to-left text in visual order, the pure half (no egui): which
//! paragraphs need it, and where each char of a wrapped paragraph goes on
//! its line (UAX #9 through the `unicode-bidi` crate).
//!
//! egui lays glyphs out in logical order, so an Arabic or Hebrew line reads
//! backwards. The article view lays a paragraph out once as usual (to learn
//! where it wraps), then asks [`visual_order`] for each line's order and
//! lays the reordered lines out again (see `article_bidi`). Everything the
//! model sees stays in logical char offsets: these maps go both ways.
//!
//! Reordering works on grapheme clusters, not chars: a reversed run keeps a
//! base letter before its combining marks (Hebrew points, Arabic harakat)
//! and an emoji before its modifiers, as fonts expect them.

use unicode_bidi::{Level, ParagraphBidiInfo};
use unicode_segmentation::UnicodeSegmentation;

/// True when `text` holds a char that can make some of it run right to
/// left: a strong right-to-left letter (Hebrew, Arabic, Syriac, Thaana, NKo,
/// ...) or an explicit right-to-left mark or control. Text without one lays
/// out exactly as before. A byte test first: every such char is encoded
/// with a lead byte of 0xD6 or more, so Latin text is one pass over bytes.
pub fn has_rtl(text: &str) -> bool {
    text.bytes().any(|b| b >= 0xD6) && text.chars().any(is_rtl_char)
}

fn is_rtl_char(c: char) -> bool {
    matches!(
        c as u32,
        0x0590..=0x08FF
            | 0xFB1D..=0xFDFF
            | 0xFE70..=0xFEFF
            | 0x10800..=0x10FFF
            | 0x1E800..=0x1EFFF
            | 0x200F
            | 0x202B
            | 0x202E
            | 0x2067
    )
}

/// Where the chars of a paragraph's lines go on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualOrder {
    /// The paragraph's base direction is right to left (its first strong
    /// char is Hebrew or Arabic, UAX #9 P2/P3): its lines align right.
    pub rtl: bool,
    /// For each visual position, line after line and left to right within
    /// a line, the logical char index (from the paragraph's start). A line
    /// holds the same char indices in both orders.
    pub visual_to_logical: Vec<usize>,
    /// Per logical char: it runs right to left (odd resolved level).
    pub rtl_chars: Vec<bool>,
    /// The char count of each line (they add up to the paragraph's).
    pub line_lens: Vec<usize>,
    /// Per line, its grapheme clusters in visual order, as (first logical
    /// char, char count).
    pub clusters: Vec<Vec<(usize, usize)>>,
}

impl VisualOrder {
    /// The inverse map: for each logical char, its visual position.
    pub fn logical_to_visual(&self) -> Vec<usize> {
        let mut out = vec![0; self.visual_to_logical.len()];
        for (v, &l) in self.visual_to_logical.iter().enumerate() {
            out[l] = v;
        }
        out
    }
}

/// The visual order of `text` (one paragraph, no line break in it) laid
/// out in lines of `line_lens` chars each, in order. Lens that do not add
/// up to the text's char count are clamped (the last line takes the rest).
pub fn visual_order(text: &str, line_lens: &[usize]) -> VisualOrder {
    let info = ParagraphBidiInfo::new(text, None);
    let byte_of: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let n = byte_of.len() - 1;
    let one_line = [n];
    let line_lens = if line_lens.is_empty() {
        &one_line[..]
    } else {
        line_lens
    };
    let mut visual_to_logical = Vec::with_capacity(n);
    let mut rtl_chars = vec![false; n];
    let mut start = 0;
    let mut lens = Vec::with_capacity(line_lens.len().max(1));
    let mut visual_clusters = Vec::with_capacity(line_lens.len().max(1));
    for (k, &len) in line_lens.iter().enumerate() {
        let end = if k + 1 == line_lens.len() {
            n
        } else {
            (start + len).min(n)
        };
        if start >= end {
            continue;
        }
        lens.push(end - start);
        let (bs, be) = (byte_of[start], byte_of[end]);
        let line_levels = line_levels(&info, bs..be);
        let level = |c: usize| line_levels[byte_of[c] - bs];
        for c in start..end {
            rtl_chars[c] = level(c).is_rtl();
        }
        // Grapheme clusters of the line, as (first char, char count).
        let mut clusters: Vec<(usize, usize)> = Vec::new();
        let mut c = start;
        for g in text[bs..be].graphemes(true) {
            let len = g.chars().count();
            clusters.push((c, len));
            c += len;
        }
        let cluster_levels: Vec<Level> = clusters.iter().map(|&(c, _)| level(c)).collect();
        let mut line = Vec::with_capacity(clusters.len());
        for i in ParagraphBidiInfo::reorder_visual(&cluster_levels) {
            let (first, len) = clusters[i];
            visual_to_logical.extend(first..first + len);
            line.push((first, len));
        }
        visual_clusters.push(line);
        start = end;
    }
    VisualOrder {
        rtl: info.paragraph_level.is_rtl(),
        visual_to_logical,
        rtl_chars,
        line_lens: lens,
        clusters: visual_clusters,
    }
}

/// The resolved levels of the bytes `line` of the paragraph, with the line
/// rule L1 of UAX #9 applied: whitespace at the line's end and before a tab
/// takes the paragraph's level (so trailing spaces of a right-to-left line
/// go to its left end). The same as `reordered_levels(line)[line]` without
/// copying the whole paragraph's levels for every line.
fn line_levels(info: &ParagraphBidiInfo<'_>, line: std::ops::Range<usize>) -> Vec<Level> {
    use unicode_bidi::BidiClass::{B, BN, FSI, LRE, LRI, LRO, PDF, PDI, RLE, RLI, RLO, S, WS};
    let mut levels = info.levels[line.clone()].to_vec();
    let classes = &info.original_classes[line];
    let mut trailing = true;
    for i in (0..levels.len()).rev() {
        match classes[i] {
            B | S => {
                levels[i] = info.paragraph_level;
                trailing = true;
            }
            WS | FSI | LRI | RLI | PDI | BN | LRE | RLE | LRO | RLO | PDF => {
                if trailing {
                    levels[i] = info.paragraph_level;
                }
            }
            _ => trailing = false,
        }
    }
    levels
}

/// The glyph to draw for `c` in a right-to-left run (UAX #9 L4): paired
/// brackets and comparison signs face the other way.
pub fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        '≤' => '≥',
        '≥' => '≤',
        '⁅' => '⁆',
        '⁆' => '⁅',
        '〈' => '〉',
        '〉' => '〈',
        _ => c,
    }
}

/// The text of each line in visual order, mirrored where it runs right to
/// left: what the second layout draws, one row per line.
pub fn visual_lines(text: &str, order: &VisualOrder) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::with_capacity(order.line_lens.len());
    let mut v = 0;
    for &len in &order.line_lens {
        let line = order.visual_to_logical[v..v + len]
            .iter()
            .map(|&l| {
                let c = chars[l];
                if order.rtl_chars[l] { mirrored(c) } else { c }
            })
            .collect();
        lines.push(line);
        v += len;
    }
    lines
}

/// A stretch of a line that is drawn as one unit: logical chars
/// `[start, end)`. A right-to-left piece is either one word of Hebrew or
/// Arabic letters (given to the shaper in logical order: it draws them right
/// to left, joined) or a single other char (a space, a mirrored bracket).
/// A left-to-right piece is drawn as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub rtl: bool,
}

/// Each line's pieces, left to right on screen.
pub fn pieces(text: &str, order: &VisualOrder) -> Vec<Vec<Piece>> {
    let chars: Vec<char> = text.chars().collect();
    let word = |c: usize| {
        chars
            .get(c)
            .is_some_and(|&ch| is_rtl_char(ch) && !ch.is_whitespace())
    };
    order
        .clusters
        .iter()
        .map(|line| {
            let mut out: Vec<Piece> = Vec::new();
            for &(first, len) in line {
                let rtl = order.rtl_chars[first];
                if let Some(p) = out.last_mut()
                    && p.rtl == rtl
                {
                    if !rtl && p.end == first {
                        p.end = first + len;
                        continue;
                    }
                    if rtl && first + len == p.start && word(first) && word(p.start) {
                        p.start = first;
                        continue;
                    }
                }
                out.push(Piece {
                    start: first,
                    end: first + len,
                    rtl,
                });
            }
            out
        })
        .collect()
}

/// The text a piece is laid out from: logical order (the shaper turns a
/// Hebrew or Arabic word itself), a lone right-to-left char mirrored.
pub fn piece_text(chars: &[char], p: Piece) -> String {
    let s = &chars[p.start..p.end];
    if p.rtl && s.len() == 1 {
        mirrored(s[0]).to_string()
    } else {
        s.iter().collect()
    }
}

/// Char counts of the lines `text` wraps into at `max_width`: greedy, at
/// the breaks after whitespace (a line keeps its trailing spaces, as egui's
/// own wrapping does); a word wider than a line is cut between grapheme
/// clusters. `width_of` measures a piece of text in logical order.
pub fn break_lines(text: &str, max_width: f32, mut width_of: impl FnMut(&str) -> f32) -> Vec<usize> {
    let mut lines = Vec::new();
    let (mut line_chars, mut line_width) = (0usize, 0.0f32);
    for token in tokens(text) {
        let body = token.trim_end();
        let (w, body_w) = (width_of(token), width_of(body));
        let n = token.chars().count();
        if line_chars > 0 && line_width + body_w > max_width {
            lines.push(line_chars);
            (line_chars, line_width) = (0, 0.0);
        }
        if line_chars == 0 && body_w > max_width && max_width.is_finite() {
            // One word longer than a line: cut it, a share of its width per cluster.
            let clusters: Vec<usize> = token.graphemes(true).map(|g| g.chars().count()).collect();
            let per = w / clusters.len().max(1) as f32;
            let fit = ((max_width / per.max(0.01)) as usize).max(1);
            for chunk in clusters.chunks(fit) {
                lines.push(chunk.iter().sum());
            }
            // The last chunk goes on with the next words.
            if let Some(last) = lines.pop() {
                line_chars = last;
                line_width = per * (last as f32);
            }
            continue;
        }
        line_chars += n;
        line_width += w;
    }
    if line_chars > 0 || lines.is_empty() {
        lines.push(line_chars);
    }
    lines
}

/// The text cut after each run of whitespace.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let body = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let end = rest[body..]
            .find(|c: char| !c.is_whitespace())
            .map_or(rest.len(), |i| body + i);
        let (token, tail) = rest.split_at(end);
        rest = tail;
        Some(token)
    })
}

#[cfg(test)]
#[path = "bidi_order_tests.rs"]
mod tests;
