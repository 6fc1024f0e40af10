//! spaCy's DocBin (`.spacy`), exported as spaCy 3.8 writes it
//! (`spacy/tokens/_serialize.py`): a zlib-compressed MessagePack map with
//! `version` "0.1", `attrs` (ORTH, ENT_IOB, ENT_TYPE), `tokens` (one u64
//! row a token, little-endian), `spaces` (one byte a token), `lengths`
//! (tokens a document, i32), `strings` (every token text, label and span
//! id), `cats`, `flags`, `span_groups` and `user_data`, one entry a document.
//!
//! - Tokens: see [`tokens`]: every span edge is a token edge, so the
//!   spans' char offsets are exact (`Span.start_char`, `end_char`).
//! - `doc.spans["sc"]` (spancat's default key): every fragment of every
//!   annotation, its label the span's `label_`, the annotation's id its
//!   `id_` (the fragments of a discontinuous quote share it).
//! - `doc.ents`: those spans that overlap none before them.
//! - `doc.user_data["quotebench"]`: the document's id and title, each
//!   annotation `{id, label, fragments: [[start, end]], attributes, note}`
//!   and each relation `{id, kind, from, to, attributes}` (ids as in
//!   `Span.id_`, offsets in chars). spaCy keeps user data with a DocBin
//!   (`DocBin.get_docs` restores it whatever `store_user_data` says).
//!
//! Labels and strings become ids as spaCy's `StringStore` makes them
//! ([`hash`]). [`read_docbin`] reads such a file back (our tests; any
//! DocBin spaCy 3 writes).

mod hash;
pub mod msgpack;
mod read;
mod symbols;
mod tokens;
mod write;

pub use read::{DocBinDoc, DocBinError, DocBinSpan, read_docbin};
pub(super) use write::export;

/// `DocBin.version`.
const VERSION: &str = "0.1";
/// spaCy's attribute ids (`spacy.attrs`): ORTH, ENT_IOB, ENT_TYPE.
const ORTH: i64 = 65;
const ATTRS: [i64; 3] = [ORTH, 77, 78];
/// `Token.ent_iob`: 1 inside, 2 outside, 3 beginning.
const ENT_I: u8 = 1;
const ENT_O: u8 = 2;
const ENT_B: u8 = 3;
/// The span group every span is written to (spaCy's `spancat` default).
const SPAN_GROUP: &str = "sc";
/// Our key in `doc.user_data`.
const USER_DATA_KEY: &str = "quotebench";
