//! UIMA names for our labels, kinds and attributes: a type or feature name
//! is a Java identifier, so anything else is made one (and said).

use std::collections::BTreeMap;

/// Features every annotation has, or relations have: attributes may not
/// take these names.
const RESERVED: [&str; 6] = ["begin", "end", "sofa", "Governor", "Dependent", "language"];

/// `name` as a Java identifier: letters, digits and `_`, not starting with
/// a digit; empty as `_`.
pub(super) fn identifier(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '_' { c } else { '_' })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// A feature's name for the attribute `name`.
pub(super) fn feature(name: &str) -> String {
    let id = identifier(name);
    if RESERVED.contains(&id.as_str()) {
        format!("{id}_")
    } else {
        id
    }
}

/// Unique type names for a set of names (labels and relation kinds share
/// one namespace): each its identifier, `_2`, `_3` … on a clash.
#[derive(Default)]
pub(super) struct TypeNames {
    by_name: BTreeMap<String, String>,
    taken: Vec<String>,
}

impl TypeNames {
    pub fn new(reserved: &[&str]) -> Self {
        TypeNames {
            by_name: BTreeMap::new(),
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The short type name of `name`, made once.
    pub fn of(&mut self, name: &str) -> String {
        if let Some(t) = self.by_name.get(name) {
            return t.clone();
        }
        let base = identifier(name);
        let mut t = base.clone();
        let mut n = 1;
        while self.taken.contains(&t) {
            n += 1;
            t = format!("{base}_{n}");
        }
        self.taken.push(t.clone());
        self.by_name.insert(name.to_string(), t.clone());
        t
    }

    /// The names that had to change, as "name -> Type".
    pub fn renamed(&self) -> Vec<String> {
        self.by_name
            .iter()
            .filter(|(n, t)| n != t)
            .map(|(n, t)| format!("{n:?} -> {t}"))
            .collect()
    }
}

/// `s` escaped for an XML attribute value: markup, and line ends and tabs as
/// character references (an attribute's raw line break reads back as a
/// space). Chars XML 1.0 cannot hold at all become U+FFFD (one UTF-16 unit,
/// as they were: offsets stay), counted in `replaced`.
pub(super) fn escape_attr(s: &str, out: &mut String, replaced: &mut usize) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                *replaced += 1;
                out.push('\u{FFFD}');
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_identifiers_once_and_uniquely() {
        assert_eq!(identifier("Quote"), "Quote");
        assert_eq!(identifier("said by"), "said_by");
        assert_eq!(identifier("2nd"), "_2nd");
        assert_eq!(identifier("東京"), "東京");
        assert_eq!(feature("begin"), "begin_");
        let mut t = TypeNames::new(&["NextPart"]);
        assert_eq!(t.of("said by"), "said_by");
        assert_eq!(t.of("said-by"), "said_by_2");
        assert_eq!(t.of("NextPart"), "NextPart_2");
        assert_eq!(t.of("said by"), "said_by");
        assert_eq!(t.renamed().len(), 3, "{:?}", t.renamed());
    }

    #[test]
    fn attribute_values_keep_line_breaks_and_markup() {
        let (mut s, mut n) = (String::new(), 0);
        escape_attr("a<b>&\"c\"\n\t\r\u{1}", &mut s, &mut n);
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;c&quot;&#10;&#9;&#13;\u{FFFD}");
        assert_eq!(n, 1);
    }
}
