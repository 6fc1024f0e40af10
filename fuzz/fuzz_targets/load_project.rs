//! Any bytes, read the way `format::load_project` reads a file: refused
//! unless UTF-8, a byte-order mark dropped, then `format::parse_project`.
//! Whatever the bytes, reading must return (a project or an error), never
//! panic, overflow or run out of stack.

#![no_main]

use libfuzzer_sys::fuzz_target;
use quotebench::format::parse_project;

fuzz_target!(|data: &[u8]| {
    // As `format::read_text_file` does after reading the bytes.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let _ = parse_project(text, "fuzz.qb.ron");
});
