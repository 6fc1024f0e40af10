//! The fast way to read one document of a file in the saved layout: its
//! annotation and relation lines, exactly as `write.rs` puts them out, are
//! read by hand (ron spent most of an open's time on them), its text is
//! taken as it stands, and ron reads what is left (the few header lines,
//! review decisions, rejections, conflicts).
//!
//! Anything that is not what the writer writes is left to ron: a line the
//! hand reader does not take (an `origin`, a hand-edited spacing) is read
//! by ron alone, and a document whose frame differs is read whole by ron
//! (`None` here). The result is the same either way; the tests hold the
//! hand reader to ron on every line the writer makes.

use std::collections::BTreeMap;

use super::DocumentFile;
use crate::model::{Annotation, Fragment, Relation};

/// Where the text field starts: header lines before it are single lines.
const TEXT: &str = "\n            text: ";
const ANNOTATIONS: &str = ",\n            annotations: [\n";
const RELATIONS: &str = "            relations: [\n";
const BLOCK_END: &str = "            ],\n";
const ITEM: &str = "                ";

/// One document's `( ... )` as the writer lays it out, read; `None` when
/// its frame is not the writer's (then ron reads it whole).
pub(super) fn read_document(part: &str, options: &ron::Options) -> Option<DocumentFile> {
    let text_at = part.find(TEXT)? + TEXT.len();
    let (text, after_text) = text_literal(&part[text_at..])?;
    let (annotation_lines, rest) = block(after_text.strip_prefix(ANNOTATIONS)?)?;
    let (relation_lines, tail) = block(rest.strip_prefix(RELATIONS)?)?;
    let annotations = annotation_lines
        .iter()
        .map(|l| annotation(l).or_else(|| options.from_str(l).ok()))
        .collect::<Option<Vec<Annotation>>>()?;
    let relations = relation_lines
        .iter()
        .map(|l| relation(l).or_else(|| options.from_str(l).ok()))
        .collect::<Option<Vec<Relation>>>()?;
    // The rest, with an empty text in place of the long one, to ron.
    let mut frame = String::with_capacity(text_at + tail.len() + 4);
    frame.push_str(&part[..text_at]);
    frame.push_str("\"\",\n");
    frame.push_str(tail);
    let mut d: DocumentFile = options.from_str(&frame).ok()?;
    if !d.text.is_empty() || !d.annotations.is_empty() || !d.relations.is_empty() {
        return None; // the rest held these fields once more: ron decides
    }
    d.text = text;
    d.annotations = annotations;
    d.relations = relations;
    Some(d)
}

/// The lines of a list block up to its `],` line, each without its indent
/// and trailing comma, and what follows the block.
fn block(s: &str) -> Option<(Vec<&str>, &str)> {
    let mut lines = Vec::new();
    let mut rest = s;
    loop {
        if let Some(after) = rest.strip_prefix(BLOCK_END) {
            return Some((lines, after));
        }
        let end = rest.find('\n')?;
        let line = rest[..end].strip_prefix(ITEM)?.strip_suffix(',')?;
        lines.push(line);
        rest = &rest[end + 1..];
    }
}

/// The text literal at the start of `s` and what follows it. A raw string
/// and a quoted one without escapes are the text as they stand; one with
/// escapes goes to ron.
fn text_literal(s: &str) -> Option<(String, &str)> {
    if let Some(raw) = s.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw[hashes..].strip_prefix('"')?;
        let mut close = String::with_capacity(hashes + 1);
        close.push('"');
        close.push_str(&raw[..hashes]);
        let end = body.find(&close)?;
        return Some((body[..end].to_string(), &body[end + close.len()..]));
    }
    let body = s.strip_prefix('"')?;
    let end = body.find(['"', '\\'])?;
    if body.as_bytes()[end] == b'"' {
        return Some((body[..end].to_string(), &body[end + 1..]));
    }
    let mut cur = Cursor(s);
    let len = s.len() - {
        cur.skip_string()?;
        cur.0.len()
    };
    let text = ron::from_str::<String>(&s[..len]).ok()?;
    Some((text, &s[len..]))
}

/// An annotation line as `write::push_annotation` writes it, without an
/// origin (those lines go to ron).
fn annotation(line: &str) -> Option<Annotation> {
    let mut c = Cursor(line);
    c.eat("(id: ")?;
    let id = c.string()?;
    c.eat(", label: ")?;
    let label = c.string()?;
    c.eat(", fragments: [")?;
    let fragments = c.list(']', |c| {
        c.eat("(start: ")?;
        let start = c.number()?;
        c.eat(", end: ")?;
        let end = c.number()?;
        c.eat(", text: ")?;
        let text = c.string()?;
        c.eat(")")?;
        Some(Fragment { start, end, text })
    })?;
    c.eat(", attributes: ")?;
    let attributes = c.map()?;
    c.eat(", note: ")?;
    let note = c.string()?;
    c.eat(", created: ")?;
    let created = c.string()?;
    c.eat(", modified: ")?;
    let modified = c.string()?;
    let annotators = if c.eat(", annotators: [").is_some() {
        c.list(']', Cursor::string)?
    } else {
        Vec::new()
    };
    c.eat(")")?;
    c.0.is_empty().then_some(Annotation {
        id,
        label,
        fragments,
        attributes,
        note,
        created,
        modified,
        annotators,
        origin: None,
    })
}

/// A relation line as `write::push_relation` writes it.
fn relation(line: &str) -> Option<Relation> {
    let mut c = Cursor(line);
    c.eat("(id: ")?;
    let id = c.string()?;
    c.eat(", kind: ")?;
    let kind = c.string()?;
    c.eat(", from: ")?;
    let from = c.string()?;
    c.eat(", to: ")?;
    let to = c.string()?;
    let attributes = if c.eat(", attributes: ").is_some() {
        c.map()?
    } else {
        BTreeMap::new()
    };
    c.eat(")")?;
    c.0.is_empty().then_some(Relation {
        id,
        kind,
        from,
        to,
        attributes,
    })
}

/// What is left of a line being read.
struct Cursor<'a>(&'a str);

impl Cursor<'_> {
    fn eat(&mut self, token: &str) -> Option<()> {
        self.0 = self.0.strip_prefix(token)?;
        Some(())
    }

    /// Items read by `item`, separated by ", ", up to `close`.
    fn list<T>(&mut self, close: char, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        // Most lists (fragments, annotators) hold one item: room for one,
        // not the four a pushed-to empty Vec takes (a tenth of an open's memory).
        let mut items = Vec::with_capacity(1);
        if let Some(rest) = self.0.strip_prefix(close) {
            self.0 = rest;
            return Some(items);
        }
        loop {
            items.push(item(self)?);
            if let Some(rest) = self.0.strip_prefix(close) {
                self.0 = rest;
                return Some(items);
            }
            self.eat(", ")?;
        }
    }

    /// `{"k": "v", ...}`; a key given twice keeps its last value, as with ron.
    fn map(&mut self) -> Option<BTreeMap<String, String>> {
        self.eat("{")?;
        let pairs = self.list('}', |c| {
            let k = c.string()?;
            c.eat(": ")?;
            Some((k, c.string()?))
        })?;
        Some(pairs.into_iter().collect())
    }

    fn number(&mut self) -> Option<usize> {
        let digits = self.0.bytes().take_while(u8::is_ascii_digit).count();
        let n = self.0[..digits].parse().ok()?;
        self.0 = &self.0[digits..];
        Some(n)
    }

    /// A double-quoted string with the escapes `char::escape_debug` makes
    /// (what ron writes); any other escape is left to ron (`None`).
    fn string(&mut self) -> Option<String> {
        let body = self.0.strip_prefix('"')?;
        let plain = body.find(['"', '\\'])?;
        if body.as_bytes()[plain] == b'"' {
            self.0 = &body[plain + 1..];
            return Some(body[..plain].to_string());
        }
        let mut out = String::with_capacity(body.len().min(64));
        let mut rest = body;
        loop {
            let at = rest.find(['"', '\\'])?;
            out.push_str(&rest[..at]);
            if rest.as_bytes()[at] == b'"' {
                self.0 = &rest[at + 1..];
                return Some(out);
            }
            let mut chars = rest[at + 1..].chars();
            out.push(match chars.next()? {
                '\\' => '\\',
                '"' => '"',
                '\'' => '\'',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                '0' => '\0',
                'u' => {
                    let hex = chars.as_str().strip_prefix('{')?;
                    let end = hex.find('}')?;
                    let digits = &hex[..end];
                    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit())
                    {
                        return None;
                    }
                    let c = char::from_u32(u32::from_str_radix(digits, 16).ok()?)?;
                    chars = hex[end + 1..].chars();
                    c
                }
                _ => return None,
            });
            rest = chars.as_str();
        }
    }

    /// Past a double-quoted string, escapes and all.
    fn skip_string(&mut self) -> Option<()> {
        let mut escaped = false;
        let body = self.0.strip_prefix('"')?;
        for (i, c) in body.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    self.0 = &body[i + 1..];
                    return Some(());
                }
                _ => {}
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::format::project_file::write::{push_annotation, push_relation, push_str_lit};

    fn by_ron<T: serde::de::DeserializeOwned>(s: &str) -> T {
        ron::from_str(s).expect("ron reads what the writer writes")
    }

    /// Every document of the tricky project (emoji, CJK, combining marks,
    /// right-to-left text, control chars, quotes and backslashes in every
    /// string; origins, decisions, rejections) reads as ron reads it.
    #[test]
    fn documents_read_by_hand_equal_ron() {
        let project = crate::format::project_file::ron_identity::project();
        let text = crate::format::project_file::project_to_string(&project).expect("writes");
        let layout = super::super::read::saved_layout(&text).expect("the saved layout");
        assert_eq!(layout.documents.len(), project.documents.len());
        let options = ron::Options::default();
        for part in &layout.documents {
            let fast = read_document(part, &options).expect("the writer's frame");
            let slow: DocumentFile = by_ron(part);
            assert_eq!(
                ron::to_string(&fast).expect("ron"),
                ron::to_string(&slow).expect("ron"),
                "{part}"
            );
        }
    }

    /// The hand reader takes the lines the writer makes without an origin
    /// itself (not through ron).
    #[test]
    fn plain_lines_are_read_by_hand() {
        let project = crate::format::project_file::ron_identity::project();
        let mut read = 0;
        for d in &project.documents {
            for a in d.annotations_for_file() {
                let mut line = String::new();
                push_annotation(&mut line, a);
                assert_eq!(annotation(&line).is_some(), a.origin.is_none(), "{line}");
                if let Some(back) = annotation(&line) {
                    assert_eq!(&back, a);
                    read += 1;
                }
            }
            for r in d.relations_for_file() {
                let mut line = String::new();
                push_relation(&mut line, r);
                assert_eq!(relation(&line).as_ref(), Some(r), "{line}");
            }
        }
        assert!(read > 10, "{read} annotations read by hand");
    }

    /// What the writer does not make goes to ron, and a frame that differs
    /// is ron's whole.
    #[test]
    fn anything_else_is_left_to_ron() {
        assert_eq!(
            annotation(
                "(id:  \"a\", label: \"Quote\", fragments: [], attributes: {}, note: \"\", created: \"\", modified: \"\")"
            ),
            None
        );
        assert_eq!(
            annotation(
                "(label: \"Quote\", id: \"a\", fragments: [], attributes: {}, note: \"\", created: \"\", modified: \"\")"
            ),
            None
        );
        assert_eq!(Cursor("\"a\\x41\"").string(), None);
        assert_eq!(Cursor("\"a\\u{d800}\"").string(), None);
        assert_eq!(Cursor("\"open").string(), None);
        // A document with a spacing of its own is read by ron.
        let part = "(\n id: \"d\", text: \"t\", annotations: [], relations: [])";
        assert!(read_document(part, &ron::Options::default()).is_none());
        // A trailing field repeated after the lists is ron's to refuse.
        let part = "(\n            id: \"d\",\n            text: \"t\",\n            annotations: [\n            ],\n            relations: [\n            ],\n            text: \"u\",\n        )";
        assert!(read_document(part, &ron::Options::default()).is_none());
    }

    proptest! {
        /// Any string the writer escapes reads back by hand as itself and as ron reads it.
        #[test]
        fn strings_read_back(s in any::<String>()) {
            let mut lit = String::new();
            push_str_lit(&mut lit, &s);
            let mut c = Cursor(&lit);
            prop_assert_eq!(c.string(), Some(s.clone()));
            prop_assert!(c.0.is_empty());
            prop_assert_eq!(by_ron::<String>(&lit), s);
        }

        /// Any relation line reads by hand as ron reads it.
        #[test]
        fn relations_read_back(id in any::<String>(), kind in "\\PC*", attrs in proptest::collection::btree_map(any::<String>(), any::<String>(), 0..3)) {
            let r = Relation { id: id.clone(), kind, from: id.clone(), to: id, attributes: attrs };
            let mut line = String::new();
            push_relation(&mut line, &r);
            prop_assert_eq!(relation(&line), Some(r.clone()));
            prop_assert_eq!(by_ron::<Relation>(&line), r);
        }
    }
}
