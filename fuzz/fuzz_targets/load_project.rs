//! Any bytes, read the way `format::load_project` reads a file: refused
//! unless UTF-8, a byte-order mark dropped, then `format::parse_project`.
//! Whatever the bytes, reading must return (a project or an error), never
//! panic, overflow or run out of stack.

#![no_main]

use libfuzzer_sys::fuzz_target;
use quotebench::format::{Decoding, decode_text, parse_project};

fuzz_target!(|data: &[u8]| {
    // As `format::read_text_file` does after reading the bytes: the one decoder.
    let Ok(decoded) = decode_text(data, Decoding::DATA, "fuzz.qb.ron") else {
        return;
    };
    let _ = parse_project(&decoded.text, "fuzz.qb.ron");
});
