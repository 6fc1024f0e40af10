//! The logical <-> visual maps on the scripts and mixes a newsroom meets.

use super::*;

fn order(text: &str, lines: &[usize]) -> VisualOrder {
    let o = visual_order(text, lines);
    // Always a permutation that keeps each line's chars on that line.
    let mut seen = o.visual_to_logical.clone();
    seen.sort_unstable();
    assert_eq!(seen, (0..text.chars().count()).collect::<Vec<_>>());
    let l2v = o.logical_to_visual();
    for (v, &l) in o.visual_to_logical.iter().enumerate() {
        assert_eq!(l2v[l], v);
    }
    o
}

fn rev(r: std::ops::Range<usize>) -> Vec<usize> {
    r.rev().collect()
}

#[test]
fn only_text_with_a_right_to_left_char_needs_reordering() {
    assert!(!has_rtl("Ms Dick said: “no comment”"));
    assert!(!has_rtl("東京 and 👩\u{200d}👩\u{200d}👧 and café and Ωμέγα"));
    assert!(!has_rtl(""));
    assert!(has_rtl("مرحبا"));
    assert!(has_rtl("He said שלום."));
    assert!(has_rtl("a\u{200F}b"), "a right-to-left mark");
}

#[test]
fn an_arabic_line_reads_right_to_left() {
    let text = "مرحبا بالعالم";
    let o = order(text, &[]);
    assert!(o.rtl);
    assert_eq!(o.visual_to_logical, rev(0..13));
    assert!(o.rtl_chars.iter().all(|&r| r));
}

#[test]
fn a_hebrew_line_reads_right_to_left() {
    let o = order("שלום עולם", &[9]);
    assert!(o.rtl);
    assert_eq!(o.visual_to_logical, rev(0..9));
}

#[test]
fn combining_marks_stay_after_their_base_letter() {
    // Hebrew with points: clusters שָׁ ל וֹ ם.
    let o = order("שָׁלוֹם", &[]);
    assert_eq!(o.visual_to_logical, vec![6, 4, 5, 3, 0, 1, 2]);
    // Arabic with harakat: مَ رْ حَ بً ا.
    let o = order("مَرْحَبًا", &[]);
    assert_eq!(o.visual_to_logical, vec![8, 6, 7, 4, 5, 2, 3, 0, 1]);
}

#[test]
fn an_emoji_with_its_skin_tone_is_not_split_in_a_hebrew_line() {
    let o = order("שלום 👍🏽 עולם", &[]);
    assert_eq!(o.visual_to_logical, vec![11, 10, 9, 8, 7, 5, 6, 4, 3, 2, 1, 0]);
}

#[test]
fn an_english_sentence_quoting_arabic_with_digits() {
    // Base left to right; the Arabic word and the number after it form one
    // right-to-left run, inside which the number still reads 123.
    let text = "He said مرحبا 123 today";
    let o = order(text, &[]);
    assert!(!o.rtl);
    let mut want: Vec<usize> = (0..8).collect();
    want.extend([14, 15, 16, 13, 12, 11, 10, 9, 8]);
    want.extend(17..23);
    assert_eq!(o.visual_to_logical, want);
    let lines = visual_lines(text, &o);
    assert_eq!(lines, vec!["He said 123 ابحرم today".to_string()]);
}

#[test]
fn digits_in_an_arabic_line_keep_their_order() {
    let o = order("العدد 123 هنا", &[]);
    assert!(o.rtl);
    assert_eq!(
        o.visual_to_logical,
        vec![12, 11, 10, 9, 6, 7, 8, 5, 4, 3, 2, 1, 0]
    );
}

#[test]
fn each_wrapped_line_is_reordered_on_its_own() {
    // Right-to-left paragraph wrapped after "אבג ": the first line's words
    // stay on the first (top) line, read from the right.
    let o = order("אבג דהו", &[4, 3]);
    assert_eq!(o.visual_to_logical, vec![3, 2, 1, 0, 6, 5, 4]);
    assert_eq!(o.line_lens, vec![4, 3]);
    // Left-to-right paragraph with a Hebrew phrase cut by the wrap.
    let o = order("abc אבג דהו xyz", &[8, 7]);
    assert_eq!(
        o.visual_to_logical,
        vec![0, 1, 2, 3, 6, 5, 4, 7, 10, 9, 8, 11, 12, 13, 14]
    );
}

#[test]
fn brackets_face_the_other_way_in_a_right_to_left_run() {
    let text = "(שלום) [x]";
    let o = order(text, &[]);
    let lines = visual_lines(text, &o);
    // Read from the right: "(שלום) [x]" with the brackets still opening
    // on the right of what they hold.
    assert_eq!(lines, vec!["[x] (םולש)".to_string()]);
}

#[test]
fn latin_text_keeps_its_order() {
    let text = "Plain English, 42 words.";
    let o = order(text, &[10, 14]);
    assert!(!o.rtl);
    assert_eq!(o.visual_to_logical, (0..24).collect::<Vec<_>>());
    assert_eq!(visual_lines(text, &o).concat(), text);
}

#[test]
fn pieces_are_words_of_a_right_to_left_run_and_whole_left_to_right_stretches() {
    let text = "He said مرحبا بكم 123 today";
    let o = order(text, &[]);
    let p = pieces(text, &o);
    let chars: Vec<char> = text.chars().collect();
    let shown: Vec<String> = p[0].iter().map(|&p| piece_text(&chars, p)).collect();
    // Left to right on screen: the English, the number, then the Arabic
    // words from the last to the first, each handed over in logical order.
    assert_eq!(shown, vec!["He said ", "123", " ", "بكم", " ", "مرحبا", " today"]);
    assert!(!p[0][0].rtl && p[0][3].rtl && !p[0][1].rtl);
    // A lone bracket in a right-to-left run is mirrored.
    let text = "(שלום)";
    let o = order(text, &[]);
    let chars: Vec<char> = text.chars().collect();
    let shown: Vec<String> = pieces(text, &o)[0]
        .iter()
        .map(|&p| piece_text(&chars, p))
        .collect();
    assert_eq!(shown, vec!["(", "שלום", ")"]);
}

#[test]
fn lines_break_after_spaces_and_long_words_are_cut() {
    // Every char 1 wide: "aaa bbb ccc" at width 8 -> "aaa bbb " and "ccc".
    let w = |s: &str| s.chars().count() as f32;
    assert_eq!(break_lines("aaa bbb ccc", 8.0, w), vec![8, 3]);
    assert_eq!(break_lines("aaa bbb ccc", 100.0, w), vec![11]);
    assert_eq!(break_lines("", 10.0, w), vec![0]);
    // A 10-char word at width 4: cut in fours, the rest ("ij ") goes on
    // with the next word when it fits.
    assert_eq!(break_lines("abcdefghij xy", 4.0, w), vec![4, 4, 3, 2]);
    assert_eq!(break_lines("abcdefghij x", 5.0, w), vec![5, 5, 2]);
    // Never cuts a cluster: a word of emoji with skin tones.
    let e = "👍🏽👍🏽👍🏽";
    let lens = break_lines(e, 2.5, w);
    assert!(lens.iter().all(|l| l % 2 == 0), "{lens:?}");
    assert_eq!(lens.iter().sum::<usize>(), 6);
}

#[test]
fn the_line_rule_matches_the_crate_on_every_line() {
    // `line_levels` must equal unicode-bidi's own `reordered_levels` for
    // each line of a mixed paragraph with tabs and trailing spaces.
    let text = "abc אבג\tdef  מילה 12 word ، كلمة  ";
    let info = ParagraphBidiInfo::new(text, None);
    let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
    for (a, b) in [(0, 8), (8, 17), (17, bytes.len() - 1), (0, bytes.len() - 1)] {
        let line = bytes[a]..bytes[b];
        assert_eq!(
            line_levels(&info, line.clone()),
            info.reordered_levels(line.clone())[line].to_vec(),
            "chars {a}..{b}"
        );
    }
}
