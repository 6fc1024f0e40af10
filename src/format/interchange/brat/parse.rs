//! brat's line syntax: one `.ann` line into a [`Record`], the covered-text
//! field cut by fragment, and the percent-escapes of attribute values.

use std::fmt::Write as _;

use thiserror::Error;

/// Why a line is not a brat line we can read; the caller adds the file and
/// line number.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub(super) enum LineError {
    #[error("not a brat line: no tab after an id such as T1")]
    NoTab,
    #[error(
        "not a brat annotation line (it should start with an id such as T1, R1, E1, A1, N1 or #1, then a tab)"
    )]
    UnknownId,
    /// The id is known, its fields are not.
    #[error("{id}: {what}")]
    Fields { id: String, what: FieldError },
}

/// What is wrong with the fields after a known id.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub(super) enum FieldError {
    #[error("expected a label and offsets such as `Quote 10 52`")]
    NoLabelAndOffsets,
    #[error("fragment {part:?} ends before it starts")]
    EndsBeforeStart { part: String },
    #[error("offsets {offsets:?} are not START END pairs")]
    NotOffsetPairs { offsets: String },
    #[error("expected `Type Arg1:T1 Arg2:T2`")]
    Relation,
    #[error("expected `Type:T1 Role:T2 ...`")]
    EventTrigger,
    #[error("argument {arg:?} is not Role:ID")]
    EventArgument { arg: String },
    #[error("expected `Name T1` or `Name T1 Value`")]
    Attribute,
    #[error("expected `Type T1 Database:ID<TAB>text`")]
    Norm,
    #[error("expected `AnnotatorNotes T1<TAB>text`")]
    Note,
    #[error("expected `Equiv T1 T2 ...`")]
    Equiv,
}

/// A brat line, parsed.
#[derive(Debug)]
pub(super) enum Record {
    Text {
        id: String,
        label: String,
        fragments: Vec<(usize, usize)>,
        field: Option<String>,
        /// Blank and malformed lines right after it: `(line, content)`.
        trailing: Vec<(usize, String)>,
    },
    Relation {
        id: String,
        kind: String,
        from: String,
        to: String,
    },
    Event {
        id: String,
        kind: String,
        trigger: String,
        args: Vec<(String, String)>,
    },
    Attribute {
        name: String,
        target: String,
        value: Option<String>,
    },
    Norm {
        target: String,
        value: String,
    },
    Note {
        target: String,
        text: String,
    },
    Equiv {
        kind: String,
        members: Vec<String>,
    },
}

/// Items with the (1-based) line they were read from.
pub(super) type Lines<T> = Vec<(usize, T)>;

/// Parses every line of an `.ann` file: the records with their line numbers
/// (1-based), and the malformed lines with why. Blank and malformed lines
/// right after a T line are kept with it too, in case they are the rest of
/// its covered text (a raw line break in the field).
pub(super) fn parse_records(content: &str) -> (Lines<Record>, Lines<LineError>) {
    let mut records: Vec<(usize, Record)> = Vec::new();
    let mut after_text = false;
    let mut malformed: Vec<(usize, LineError)> = Vec::new();
    for (i, line) in content.split('\n').enumerate() {
        let n = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let blank = line.trim().is_empty();
        let parsed = if blank { None } else { Some(parse_line(line)) };
        let error = match parsed {
            Some(Ok(rec)) => {
                after_text = matches!(rec, Record::Text { .. });
                records.push((n, rec));
                continue;
            }
            Some(Err(msg)) => Some(msg),
            None => None,
        };
        if after_text && let Some((_, Record::Text { trailing, .. })) = records.last_mut() {
            trailing.push((n, line.to_string()));
        }
        if let Some(msg) = error {
            malformed.push((n, msg));
        }
    }
    (records, malformed)
}

/// One line, by the letter its id starts with.
pub(super) fn parse_line(line: &str) -> Result<Record, LineError> {
    let Some((id, rest)) = line.split_once('\t') else {
        return Err(LineError::NoTab);
    };
    let id = id.trim();
    let parsed = match id.chars().next() {
        Some('T') => parse_text(id, rest),
        Some('R') => parse_relation(id, rest),
        Some('E') => parse_event(id, rest),
        Some('A' | 'M') => parse_attribute(rest),
        Some('N') => parse_norm(rest),
        Some('#') => parse_note(rest),
        Some('*') => parse_equiv(rest),
        _ => return Err(LineError::UnknownId),
    };
    parsed.map_err(|what| LineError::Fields {
        id: id.to_string(),
        what,
    })
}

/// `T12<TAB>Label 0 5;10 20<TAB>covered text`.
fn parse_text(id: &str, rest: &str) -> Result<Record, FieldError> {
    let (spec, field) = match rest.split_once('\t') {
        Some((s, f)) => (s, Some(f.to_string())),
        None => (rest, None),
    };
    let Some((label, offsets)) = spec.trim().split_once(' ') else {
        return Err(FieldError::NoLabelAndOffsets);
    };
    let mut fragments = Vec::new();
    for part in offsets.split(';') {
        let nums: Vec<&str> = part.split_whitespace().collect();
        let parsed = match nums.as_slice() {
            [s, e] => s.parse::<usize>().ok().zip(e.parse::<usize>().ok()),
            _ => None,
        };
        match parsed {
            Some((s, e)) if s <= e => fragments.push((s, e)),
            Some(_) => {
                return Err(FieldError::EndsBeforeStart {
                    part: part.to_string(),
                });
            }
            None => {
                return Err(FieldError::NotOffsetPairs {
                    offsets: offsets.to_string(),
                });
            }
        }
    }
    Ok(Record::Text {
        id: id.to_string(),
        label: label.to_string(),
        fragments,
        field,
        trailing: Vec::new(),
    })
}

/// `R3<TAB>Type Arg1:T1 Arg2:T2`.
fn parse_relation(id: &str, rest: &str) -> Result<Record, FieldError> {
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    let arg = |t: &str| t.split_once(':').map(|(_, r)| r.to_string());
    match tokens.as_slice() {
        [kind, a, b] => match (arg(a), arg(b)) {
            (Some(from), Some(to)) => Ok(Record::Relation {
                id: id.to_string(),
                kind: kind.to_string(),
                from,
                to,
            }),
            _ => Err(FieldError::Relation),
        },
        _ => Err(FieldError::Relation),
    }
}

/// `E1<TAB>Type:T4 Role:T3 ...`.
fn parse_event(id: &str, rest: &str) -> Result<Record, FieldError> {
    let mut tokens = rest.split_whitespace();
    let Some((kind, trigger)) = tokens.next().and_then(|t| t.split_once(':')) else {
        return Err(FieldError::EventTrigger);
    };
    let mut args = Vec::new();
    for t in tokens {
        match t.split_once(':') {
            Some((role, r)) if !role.is_empty() && !r.is_empty() => {
                args.push((role.to_string(), r.to_string()))
            }
            _ => return Err(FieldError::EventArgument { arg: t.to_string() }),
        }
    }
    Ok(Record::Event {
        id: id.to_string(),
        kind: kind.to_string(),
        trigger: trigger.to_string(),
        args,
    })
}

/// `A1<TAB>Name T3 [Value]` (and `M1`).
fn parse_attribute(rest: &str) -> Result<Record, FieldError> {
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    match tokens.as_slice() {
        [name, target] => Ok(Record::Attribute {
            name: name.to_string(),
            target: target.to_string(),
            value: None,
        }),
        [name, target, value] => Ok(Record::Attribute {
            name: name.to_string(),
            target: target.to_string(),
            value: Some(value.to_string()),
        }),
        _ => Err(FieldError::Attribute),
    }
}

/// `N1<TAB>Type T1 Database:ID<TAB>text`.
fn parse_norm(rest: &str) -> Result<Record, FieldError> {
    let (spec, text) = rest.split_once('\t').unwrap_or((rest, ""));
    let tokens: Vec<&str> = spec.split_whitespace().collect();
    match tokens.as_slice() {
        [kind, target, reference] => Ok(Record::Norm {
            target: target.to_string(),
            value: format!("{kind} {reference} {text}").trim_end().to_string(),
        }),
        _ => Err(FieldError::Norm),
    }
}

/// `#1<TAB>AnnotatorNotes T1<TAB>text`.
fn parse_note(rest: &str) -> Result<Record, FieldError> {
    let (spec, text) = rest.split_once('\t').unwrap_or((rest, ""));
    let tokens: Vec<&str> = spec.split_whitespace().collect();
    match tokens.as_slice() {
        [_, target] => Ok(Record::Note {
            target: target.to_string(),
            text: text.to_string(),
        }),
        _ => Err(FieldError::Note),
    }
}

/// `*<TAB>Equiv T1 T2 ...`.
fn parse_equiv(rest: &str) -> Result<Record, FieldError> {
    let mut tokens = rest.split_whitespace();
    let kind = tokens.next().unwrap_or_default().to_string();
    let members: Vec<String> = tokens.map(str::to_string).collect();
    if kind.is_empty() || members.len() < 2 {
        return Err(FieldError::Equiv);
    }
    Ok(Record::Equiv { kind, members })
}

/// The covered-text field cut into its fragments' texts by their lengths
/// (the field joins them with one space).
pub(super) fn split_field(field: &str, fragments: &[(usize, usize)]) -> Vec<String> {
    let chars: Vec<char> = field.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for &(s, e) in fragments {
        let end = (at + (e - s)).min(chars.len());
        out.push(chars[at.min(end)..end].iter().collect());
        at = end + 1;
    }
    out
}

/// An attribute name or value brat can hold: white space and `%` are
/// percent-encoded (`Cressida%20Dick`), which [`unescape`] undoes on import.
pub(super) fn escape(s: &str) -> (String, bool) {
    if !s.contains(|c: char| c.is_whitespace() || c == '%') {
        return (s.to_string(), false);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '%' || c.is_whitespace() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    (out, true)
}

/// Undoes [`escape`] for the sequences it writes (`%20`, `%25`, ... of white
/// space and `%`); anything else stays as written.
pub(super) fn unescape(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    match String::from_utf8(out) {
        Ok(decoded) if decoded.contains(|c: char| c.is_whitespace() || c == '%') => decoded,
        _ => s.to_string(),
    }
}
