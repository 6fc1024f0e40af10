//! A day as the report's date filters take it, `YYYY-MM-DD` (the window's
//! filter fields and `quotebench report --date-from/--date-to` alike).

/// Whether `s` reads as a day `YYYY-MM-DD` (month 01–12, day 01–31).
pub fn is_day(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    (1..=12).contains(&num(5..7)) && (1..=31).contains(&num(8..10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_read_and_anything_else_is_refused() {
        assert!(is_day("2016-11-08"));
        assert!(!is_day("2016-13-08"));
        assert!(!is_day("2016-11-00"));
        assert!(!is_day("2016-11"));
        assert!(!is_day("２０16-11-08"));
        assert!(!is_day("2016/11/08"));
        assert!(!is_day("𝟚𝟘𝟙𝟞-11-08"));
    }
}
