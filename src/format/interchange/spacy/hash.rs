//! spaCy's string ids: `StringStore` gives a symbol (`spacy.symbols.IDS`)
//! its fixed id and any other string the 64-bit MurmurHash2 (MurmurHash64A,
//! seed 1) of its UTF-8 bytes (`spacy.strings.hash_string`).

use super::symbols::SYMBOLS;

/// The id spaCy gives `s` (`spacy.strings.get_string_id`).
pub fn string_id(s: &str) -> u64 {
    match SYMBOLS.binary_search_by(|(k, _)| (*k).cmp(s)) {
        Ok(i) => SYMBOLS[i].1,
        Err(_) => murmur64a(s.as_bytes(), 1),
    }
}

/// MurmurHash64A (Austin Appleby's MurmurHash2, 64-bit, little-endian
/// blocks), as `murmurhash.mrmr.hash64` computes it.
pub fn murmur64a(key: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h = seed ^ (key.len() as u64).wrapping_mul(M);
    let mut blocks = key.chunks_exact(8);
    for b in &mut blocks {
        let mut k = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        for (i, b) in tail.iter().enumerate() {
            h ^= u64::from(*b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The figures spaCy 3.8.18 prints for
    /// `from spacy.strings import get_string_id; get_string_id(s)`.
    #[test]
    fn ids_are_spacys() {
        assert_eq!(string_id("Quote"), 13_858_673_371_138_663_832);
        assert_eq!(string_id("😀"), 13_900_606_239_988_879_105);
        assert_eq!(string_id("reporters"), 4_840_200_909_761_349_420);
        assert_eq!(string_id("quotebench:fragment"), 8_634_896_863_236_928_435);
        assert_eq!(
            string_id("市长李明说：“我们会继续努力。”"),
            5_354_666_092_438_329_001
        );
        assert_eq!(string_id("agent"), 401, "a symbol keeps its fixed id");
        assert_eq!(string_id(""), 0);
    }

    #[test]
    fn symbols_are_sorted_for_the_search() {
        assert!(SYMBOLS.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
