//! The part of MessagePack that spaCy's DocBin uses (via `srsly`): nil,
//! booleans, integers, strings, binary, arrays and maps (keys of any type:
//! `user_data` keys may be arrays). Written by hand, about a hundred lines,
//! rather than adding `rmp` for so little; read back for the tests and for
//! [`super::read_docbin`].

/// A MessagePack value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Nil,
    Bool(bool),
    Int(i64),
    Str(String),
    Bin(Vec<u8>),
    Array(Vec<Value>),
    Map(Vec<(Value, Value)>),
}

impl Value {
    /// The value of `key` in a map with string keys.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(m) => m
                .iter()
                .find(|(k, _)| matches!(k, Value::Str(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
    pub fn as_bin(&self) -> Option<&[u8]> {
        match self {
            Value::Bin(b) => Some(b),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_map(&self) -> Option<&[(Value, Value)]> {
        match self {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.to_string())
    }
}

/// Appends `v` to `out`, in the shortest form (as msgpack-python writes).
pub fn encode(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Nil => out.push(0xc0),
        Value::Bool(b) => out.push(if *b { 0xc3 } else { 0xc2 }),
        Value::Int(i) => encode_int(*i, out),
        Value::Str(s) => {
            let n = s.len();
            if n < 32 {
                out.push(0xa0 | n as u8);
            } else {
                length(n, [0xd9, 0xda, 0xdb], out);
            }
            out.extend_from_slice(s.as_bytes());
        }
        Value::Bin(b) => {
            length(b.len(), [0xc4, 0xc5, 0xc6], out);
            out.extend_from_slice(b);
        }
        Value::Array(a) => {
            if a.len() < 16 {
                out.push(0x90 | a.len() as u8);
            } else {
                length(a.len(), [0, 0xdc, 0xdd], out);
            }
            for x in a {
                encode(x, out);
            }
        }
        Value::Map(m) => {
            if m.len() < 16 {
                out.push(0x80 | m.len() as u8);
            } else {
                length(m.len(), [0, 0xde, 0xdf], out);
            }
            for (k, x) in m {
                encode(k, out);
                encode(x, out);
            }
        }
    }
}

/// A length with the 8-, 16- or 32-bit marker (`0` where there is none).
fn length(n: usize, markers: [u8; 3], out: &mut Vec<u8>) {
    if n < 256 && markers[0] != 0 {
        out.extend_from_slice(&[markers[0], n as u8]);
    } else if n < 65_536 {
        out.push(markers[1]);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    } else {
        out.push(markers[2]);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    }
}

fn encode_int(i: i64, out: &mut Vec<u8>) {
    match i {
        0..=127 => out.push(i as u8),
        -32..=-1 => out.push(i as u8),
        128..=255 => out.extend_from_slice(&[0xcc, i as u8]),
        256..=65_535 => {
            out.push(0xcd);
            out.extend_from_slice(&(i as u16).to_be_bytes());
        }
        65_536..=4_294_967_295 => {
            out.push(0xce);
            out.extend_from_slice(&(i as u32).to_be_bytes());
        }
        _ if i > 0 => {
            out.push(0xcf);
            out.extend_from_slice(&(i as u64).to_be_bytes());
        }
        -128..=-33 => out.extend_from_slice(&[0xd0, i as u8]),
        -32_768..=-129 => {
            out.push(0xd1);
            out.extend_from_slice(&(i as i16).to_be_bytes());
        }
        -2_147_483_648..=-32_769 => {
            out.push(0xd2);
            out.extend_from_slice(&(i as i32).to_be_bytes());
        }
        _ => {
            out.push(0xd3);
            out.extend_from_slice(&i.to_be_bytes());
        }
    }
}

/// Nesting deeper than this is refused (no stack overflow on hostile files).
const MAX_DEPTH: usize = 64;

/// Reads one value from the start of `bytes`; an error says at which byte.
pub fn decode(bytes: &[u8]) -> Result<Value, String> {
    let mut r = Reader { bytes, at: 0 };
    let v = r.value(0)?;
    if r.at != bytes.len() {
        return Err(format!(
            "{} bytes left after the value at byte {}",
            bytes.len() - r.at,
            r.at
        ));
    }
    Ok(v)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else {
            return Err(format!("cut short at byte {} (wanted {n} more)", self.at));
        };
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn uint(&mut self, n: usize) -> Result<u64, String> {
        Ok(self
            .take(n)?
            .iter()
            .fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    }
    fn value(&mut self, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err(format!("nested deeper than {MAX_DEPTH} at byte {}", self.at));
        }
        let at = self.at;
        let m = self.take(1)?[0];
        let int = |u: u64| i64::try_from(u).map_err(|_| format!("integer past i64 at byte {at}"));
        Ok(match m {
            0x00..=0x7f => Value::Int(i64::from(m)),
            0x80..=0x8f => self.map(usize::from(m & 0x0f), depth)?,
            0x90..=0x9f => self.array(usize::from(m & 0x0f), depth)?,
            0xa0..=0xbf => self.str(usize::from(m & 0x1f))?,
            0xc0 => Value::Nil,
            0xc2 => Value::Bool(false),
            0xc3 => Value::Bool(true),
            0xc4..=0xc6 => {
                let n = self.uint(1 << (m - 0xc4))? as usize;
                Value::Bin(self.take(n)?.to_vec())
            }
            0xcc..=0xcf => {
                let u = self.uint(1 << (m - 0xcc))?;
                Value::Int(int(u)?)
            }
            0xd0 => Value::Int(i64::from(self.take(1)?[0] as i8)),
            0xd1 => Value::Int(i64::from(self.uint(2)? as u16 as i16)),
            0xd2 => Value::Int(i64::from(self.uint(4)? as u32 as i32)),
            0xd3 => Value::Int(self.uint(8)? as i64),
            0xd9..=0xdb => {
                let n = self.uint(1 << (m - 0xd9))? as usize;
                self.str(n)?
            }
            0xdc | 0xdd => {
                let n = self.uint(2 << (m - 0xdc))? as usize;
                self.array(n, depth)?
            }
            0xde | 0xdf => {
                let n = self.uint(2 << (m - 0xde))? as usize;
                self.map(n, depth)?
            }
            0xe0..=0xff => Value::Int(i64::from(m as i8)),
            _ => return Err(format!("unsupported MessagePack type 0x{m:02x} at byte {at}")),
        })
    }
    fn str(&mut self, n: usize) -> Result<Value, String> {
        let at = self.at;
        let s = std::str::from_utf8(self.take(n)?)
            .map_err(|e| format!("a string at byte {at} is not UTF-8: {e}"))?;
        Ok(Value::Str(s.to_string()))
    }
    fn array(&mut self, n: usize, depth: usize) -> Result<Value, String> {
        // Each element takes at least one byte: a larger count is a lie.
        let mut a = Vec::with_capacity(n.min(self.bytes.len() - self.at));
        for _ in 0..n {
            a.push(self.value(depth + 1)?);
        }
        Ok(Value::Array(a))
    }
    fn map(&mut self, n: usize, depth: usize) -> Result<Value, String> {
        let mut m = Vec::with_capacity(n.min(self.bytes.len() - self.at));
        for _ in 0..n {
            let k = self.value(depth + 1)?;
            let v = self.value(depth + 1)?;
            m.push((k, v));
        }
        Ok(Value::Map(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_width_round_trips() {
        let long = "x".repeat(70_000);
        let values = vec![
            Value::Nil,
            Value::Bool(true),
            Value::Int(0),
            Value::Int(127),
            Value::Int(128),
            Value::Int(65_536),
            Value::Int(i64::MAX),
            Value::Int(-1),
            Value::Int(-33),
            Value::Int(-40_000),
            Value::Int(i64::MIN),
            Value::from("café 🚀"),
            Value::Str(long.clone()),
            Value::Bin(vec![0, 1, 2]),
            Value::Array((0..20).map(Value::Int).collect()),
            Value::Map(vec![(
                Value::Array(vec![Value::from("._."), Value::Int(3)]),
                Value::Bin(vec![]),
            )]),
        ];
        let v = Value::Array(values);
        let mut out = Vec::new();
        encode(&v, &mut out);
        assert_eq!(decode(&out), Ok(v));
    }

    #[test]
    fn known_bytes_as_msgpack_python_writes_them() {
        let mut out = Vec::new();
        encode(&Value::Map(vec![(Value::from("a"), Value::Int(300))]), &mut out);
        assert_eq!(out, [0x81, 0xa1, b'a', 0xcd, 0x01, 0x2c]);
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(decode(&[0xdd, 0xff, 0xff, 0xff, 0xff]).is_err());
        assert!(decode(&[0xc1]).is_err());
        assert!(decode(&[0xa3, b'a']).is_err());
        assert!(decode(&[0x91; 200]).is_err());
    }
}
