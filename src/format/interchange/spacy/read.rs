//! Reading a DocBin back: the texts, tokens, span groups, entities and user
//! data, with errors that say which document and what (no panic on any
//! input; a file that decompresses past a limit is refused).

use std::collections::HashMap;
use std::io::Read as _;

use super::hash::string_id;
use super::msgpack::{Value, decode};
use super::{ENT_B, ENT_I, ORTH};

/// A DocBin that could not be read: what and where.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct DocBinError(pub String);

/// One span of a group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocBinSpan {
    pub group: String,
    pub label: String,
    /// `Span.id_`.
    pub id: String,
    /// Tokens `start..end`.
    pub start: usize,
    pub end: usize,
    /// Chars `start_char..end_char`.
    pub start_char: usize,
    pub end_char: usize,
}

/// One document of a DocBin.
#[derive(Clone, Debug, PartialEq)]
pub struct DocBinDoc {
    pub text: String,
    /// Each token's chars `start..end`.
    pub tokens: Vec<(usize, usize)>,
    pub spans: Vec<DocBinSpan>,
    /// `doc.ents`: label, start char, end char.
    pub ents: Vec<(String, usize, usize)>,
    pub user_data: Option<Value>,
}

/// Decompressed DocBins larger than this are refused (a zip bomb).
const MAX_BYTES: u64 = 1 << 30;

/// Reads the bytes of a `.spacy` file.
pub fn read_docbin(bytes: &[u8]) -> Result<Vec<DocBinDoc>, DocBinError> {
    let err = |m: String| DocBinError(m);
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(bytes)
        .take(MAX_BYTES)
        .read_to_end(&mut raw)
        .map_err(|e| err(format!("not zlib-compressed, as a DocBin is: {e}")))?;
    let msg = decode(&raw).map_err(|e| err(format!("the DocBin's MessagePack: {e}")))?;
    let field = |k: &str| msg.get(k).ok_or_else(|| err(format!("no \"{k}\" field")));
    let version = field("version")?.as_str().unwrap_or("?");
    if version != super::VERSION {
        return Err(err(format!(
            "DocBin version {version:?}; this reader knows {:?}",
            super::VERSION
        )));
    }
    let attrs: Vec<i64> = field("attrs")?
        .as_array()
        .ok_or_else(|| err("\"attrs\" is not a list".into()))?
        .iter()
        .map(|a| {
            a.as_int()
                .ok_or_else(|| err("an attribute id is not an integer".into()))
        })
        .collect::<Result<_, _>>()?;
    let col = |id: i64| attrs.iter().position(|&a| a == id);
    let orth = col(ORTH).ok_or_else(|| err("no ORTH column in \"attrs\"".into()))?;
    let (iob, ent_type) = (col(77), col(78));
    let bin = |k: &str| -> Result<&[u8], DocBinError> {
        field(k)?
            .as_bin()
            .ok_or_else(|| err(format!("\"{k}\" is not binary")))
    };
    let tokens: Vec<u64> = bin("tokens")?
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
        .collect();
    let spaces = bin("spaces")?;
    let lengths: Vec<i32> = bin("lengths")?
        .chunks_exact(4)
        .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    let mut strings: HashMap<u64, String> = HashMap::new();
    for s in field("strings")?.as_array().unwrap_or_default() {
        if let Some(s) = s.as_str() {
            strings.insert(string_id(s), s.to_string());
        }
    }
    let string = |id: u64, doc: usize| -> Result<String, DocBinError> {
        if id == 0 {
            return Ok(String::new());
        }
        strings
            .get(&id)
            .cloned()
            .ok_or_else(|| err(format!("document {doc}: string id {id} is not in \"strings\"")))
    };
    let width = attrs.len().max(1);
    let span_groups = field("span_groups")
        .ok()
        .and_then(Value::as_array)
        .unwrap_or_default();
    let user_data = msg.get("user_data").and_then(Value::as_array).unwrap_or_default();
    let mut docs = Vec::with_capacity(lengths.len());
    let mut row = 0usize;
    for (d, &n) in lengths.iter().enumerate() {
        let n = usize::try_from(n).map_err(|_| err(format!("document {d}: a negative length")))?;
        if (row + n) * width > tokens.len() || row + n > spaces.len() {
            return Err(err(format!(
                "document {d}: {n} tokens, past the end of \"tokens\" or \"spaces\""
            )));
        }
        let mut text = String::new();
        let mut offsets = Vec::with_capacity(n);
        let mut at = 0;
        let mut ents: Vec<(String, usize, usize)> = Vec::new();
        for t in row..row + n {
            let word = string(tokens[t * width + orth], d)?;
            let len = word.chars().count();
            text.push_str(&word);
            offsets.push((at, at + len));
            match iob.map(|c| tokens[t * width + c] as u8) {
                Some(ENT_B) => {
                    let label = ent_type.map(|c| tokens[t * width + c]).unwrap_or(0);
                    ents.push((string(label, d)?, at, at + len));
                }
                Some(ENT_I) => {
                    if let Some(e) = ents.last_mut() {
                        e.2 = at + len;
                    }
                }
                _ => {}
            }
            at += len;
            if spaces[t] != 0 {
                text.push(' ');
                at += 1;
            }
        }
        row += n;
        let mut spans = Vec::new();
        if let Some(Value::Bin(b)) = span_groups.get(d)
            && !b.is_empty()
        {
            let groups = decode(b).map_err(|e| err(format!("document {d}: span groups: {e}")))?;
            let items: Vec<(Value, Vec<String>)> = match groups {
                Value::Map(m) => m
                    .into_iter()
                    .map(|(k, v)| {
                        let keys = v
                            .as_array()
                            .unwrap_or_default()
                            .iter()
                            .filter_map(Value::as_str)
                            .map(String::from);
                        (k, keys.collect())
                    })
                    .collect(),
                Value::Array(a) => a.into_iter().map(|g| (g, Vec::new())).collect(),
                _ => {
                    return Err(err(format!(
                        "document {d}: span groups are neither a map nor a list"
                    )));
                }
            };
            for (g, keys) in items {
                let g = g
                    .as_bin()
                    .ok_or_else(|| err(format!("document {d}: a span group is not binary")))?;
                let g = decode(g).map_err(|e| err(format!("document {d}: a span group: {e}")))?;
                let name = keys
                    .first()
                    .cloned()
                    .or_else(|| g.get("name").and_then(Value::as_str).map(String::from))
                    .unwrap_or_default();
                for s in g.get("spans").and_then(Value::as_array).unwrap_or_default() {
                    let b = s.as_bin().filter(|b| b.len() == 40).ok_or_else(|| {
                        err(format!(
                            "document {d}: group {name:?}: a span is not 40 bytes (>QQQllll)"
                        ))
                    })?;
                    let q = |i: usize| {
                        u64::from_be_bytes([
                            b[i],
                            b[i + 1],
                            b[i + 2],
                            b[i + 3],
                            b[i + 4],
                            b[i + 5],
                            b[i + 6],
                            b[i + 7],
                        ])
                    };
                    let l =
                        |i: usize| i32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]).max(0) as usize;
                    spans.push(DocBinSpan {
                        group: name.clone(),
                        id: string(q(0), d)?,
                        label: string(q(16), d)?,
                        start: l(24),
                        end: l(28),
                        start_char: l(32),
                        end_char: l(36),
                    });
                }
            }
        }
        let user_data = match user_data.get(d) {
            Some(Value::Bin(b)) => Some(decode(b).map_err(|e| err(format!("document {d}: user_data: {e}")))?),
            _ => None,
        };
        docs.push(DocBinDoc {
            text,
            tokens: offsets,
            spans,
            ents,
            user_data,
        });
    }
    Ok(docs)
}
