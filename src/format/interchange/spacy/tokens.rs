//! The tokens of a DocBin: Unicode word boundaries (UAX #29: words, each
//! punctuation mark, each CJK ideograph, whitespace runs, an emoji sequence
//! whole), cut again at every span edge so that each span is a run of whole
//! tokens. A single space after a token becomes that token's trailing
//! space (spaCy's `spaces`); other whitespace is a token, as spaCy's own
//! tokenizer makes it. Offsets are chars, as Python's `str` counts them.

use unicode_segmentation::UnicodeSegmentation;

/// One token: chars `start..end`, followed by one space when `space`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub space: bool,
}

/// Tokens of `text` such that every offset in `starts` is a token's start
/// and every offset in `ends` a token's end (both sorted, deduplicated;
/// offsets past the text are ignored). The tokens and their spaces spell
/// `text` exactly.
pub fn tokenise(text: &str, starts: &[usize], ends: &[usize]) -> Vec<Token> {
    let mut cuts: Vec<usize> = starts.iter().chain(ends).copied().collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut cut = cuts.iter().copied().peekable();
    let is = |set: &[usize], x: usize| set.binary_search(&x).is_ok();
    let mut tokens: Vec<Token> = Vec::new();
    let mut at = 0usize;
    for segment in text.split_word_bounds() {
        let chars: Vec<char> = segment.chars().collect();
        let (s, e) = (at, at + chars.len());
        at = e;
        // The segment cut at the span edges inside it.
        let mut piece_start = s;
        while let Some(&c) = cut.peek() {
            if c <= piece_start {
                cut.next();
                continue;
            }
            if c >= e {
                break;
            }
            push(
                &mut tokens,
                &chars[piece_start - s..c - s],
                piece_start,
                starts,
                ends,
                is,
            );
            piece_start = c;
            cut.next();
        }
        push(
            &mut tokens,
            &chars[piece_start - s..],
            piece_start,
            starts,
            ends,
            is,
        );
    }
    tokens
}

fn push(
    tokens: &mut Vec<Token>,
    piece: &[char],
    start: usize,
    starts: &[usize],
    ends: &[usize],
    is: impl Fn(&[usize], usize) -> bool,
) {
    if piece.is_empty() {
        return;
    }
    let end = start + piece.len();
    let mut token_start = start;
    // A space straight after a token is its trailing space, unless a span
    // starts at the space or ends after it (then the space is a token).
    if piece[0] == ' '
        && piece.iter().all(|c| c.is_whitespace())
        && !is(starts, start)
        && !is(ends, start + 1)
        && let Some(last) = tokens.last_mut()
        && last.end == start
        && !last.space
    {
        last.space = true;
        token_start += 1;
    }
    if token_start < end {
        tokens.push(Token {
            start: token_start,
            end,
            space: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelled(text: &str, tokens: &[Token]) -> String {
        let chars: Vec<char> = text.chars().collect();
        tokens
            .iter()
            .map(|t| {
                let mut s: String = chars[t.start..t.end].iter().collect();
                if t.space {
                    s.push(' ');
                }
                s
            })
            .collect()
    }

    #[test]
    fn words_punctuation_and_spaces() {
        let text = "“We won,” she said.\n\nOK  then";
        let t = tokenise(text, &[], &[]);
        assert_eq!(spelled(text, &t), text);
        let words: Vec<String> = t
            .iter()
            .map(|t| text.chars().skip(t.start).take(t.end - t.start).collect())
            .collect();
        assert_eq!(
            words,
            [
                "“", "We", "won", ",", "”", "she", "said", ".", "\n", "\n", "OK", " ", "then"
            ]
        );
        assert!(t[1].space && !t[2].space && t[4].space);
    }

    #[test]
    fn span_edges_are_token_edges_in_every_script() {
        let text = "Zoë Noël 🚀👩‍👩‍👧 市长李明说 قال الوزير";
        let n = text.chars().count();
        // Every cut, at every char: the tokens still spell the text and
        // every edge asked for is a token edge.
        for at in 0..=n {
            let t = tokenise(text, &[at], &[at]);
            assert_eq!(spelled(text, &t), text, "cut at {at}");
            if at < n {
                assert!(t.iter().any(|t| t.start == at), "a token starts at {at}");
            }
            if at > 0 {
                assert!(t.iter().any(|t| t.end == at), "a token ends at {at}");
            }
        }
    }

    #[test]
    fn a_span_at_a_space_makes_the_space_a_token() {
        let text = "a b";
        let t = tokenise(text, &[1], &[2]);
        assert_eq!(
            t,
            [
                Token {
                    start: 0,
                    end: 1,
                    space: false
                },
                Token {
                    start: 1,
                    end: 2,
                    space: false
                },
                Token {
                    start: 2,
                    end: 3,
                    space: false
                }
            ]
        );
    }
}
