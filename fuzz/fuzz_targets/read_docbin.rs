//! Any bytes as a spaCy DocBin (`format::interchange::read_docbin`, the
//! reader of what `--to spacy` writes): zlib, MessagePack, the DocBin's
//! arrays; an error, never a panic (issue 15).

#![no_main]

use libfuzzer_sys::fuzz_target;
use quotebench::format::interchange::read_docbin;

fuzz_target!(|data: &[u8]| {
    let _ = read_docbin(data);
});
