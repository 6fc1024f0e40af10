//! Where the problems found in a project file stand in it (line:column of
//! the item's `id:`), for the messages that send a user there.

use std::collections::{HashMap, HashSet};

use crate::model::{Problem, Project};

/// Where each `id: "ID"` asked about stands in the file (1-based
/// line:column), found in one pass so that a file with thousands of
/// problems still opens fast; ids nobody asked about are skipped without
/// being decoded or stored. Keyed by (document id, id); the document is
/// empty for ids found in the whole text (a file read whole).
#[derive(Default)]
pub(super) struct IdPositions(HashMap<(String, String), Vec<(usize, usize)>>);

impl IdPositions {
    /// The places of the ids `problems` name: in their documents' parts
    /// when the file was read in parts, else (and for a problem whose
    /// document has no part) in the whole text.
    pub(super) fn of(text: &str, project: &Project, problems: &[Problem], parts: &[&str]) -> Self {
        let mut whole: HashSet<&str> = HashSet::new();
        let mut by_part: HashMap<usize, HashSet<&str>> = HashMap::new();
        let index: HashMap<&str, usize> = if parts.len() == project.documents.len() {
            let mut m = HashMap::new();
            for (i, d) in project.documents.iter().enumerate().rev() {
                m.insert(d.id.as_str(), i);
            }
            m
        } else {
            HashMap::new()
        };
        // (Parts are slices of `text`; anything else is looked for whole.)
        let within = |part: &str| {
            let (at, end) = (part.as_ptr() as usize, text.as_ptr() as usize + text.len());
            at >= text.as_ptr() as usize && at + part.len() <= end
        };
        for p in problems {
            let Some(id) = p.id.as_deref() else { continue };
            match index.get(p.document.as_str()).filter(|&&i| within(parts[i])) {
                Some(&i) => by_part.entry(i).or_default().insert(id),
                None => whole.insert(id),
            };
        }
        // Found in the whole text: under no document.
        let mut found = IdPositions::default();
        found.add_whole(text, &whole);
        let mut order: Vec<usize> = by_part.keys().copied().collect();
        order.sort_unstable();
        // Lines before each part, counted from the previous one.
        let (mut counted_to, mut lines_before) = (0, 0);
        for i in order {
            let part = parts[i];
            let start = part.as_ptr() as usize - text.as_ptr() as usize;
            lines_before += memchr::memchr_iter(b'\n', &text.as_bytes()[counted_to..start]).count();
            counted_to = start;
            found.add_part(&project.documents[i].id, part, &by_part[&i], lines_before);
        }
        found
    }

    /// The places of the `wanted` ids in `text`, under no document (a
    /// whole file, or the top of a file read in blocks).
    pub(super) fn add_whole(&mut self, text: &str, wanted: &HashSet<&str>) {
        if wanted.is_empty() {
            return;
        }
        for (id, places) in IdPositions::scan(text, wanted) {
            self.0.insert((String::new(), id), places);
        }
    }

    /// The places of the `wanted` ids in `part`, document `document`'s part
    /// of the file, which starts after `lines_before` lines. A document id
    /// that comes twice keeps the places found in its first part.
    pub(super) fn add_part(
        &mut self,
        document: &str,
        part: &str,
        wanted: &HashSet<&str>,
        lines_before: usize,
    ) {
        for (id, places) in IdPositions::scan(part, wanted) {
            let places = places.into_iter().map(|(l, c)| (l + lines_before, c)).collect();
            self.0.entry((document.to_string(), id)).or_insert(places);
        }
    }

    /// Each wanted id's places in `text`, in order.
    fn scan(text: &str, wanted: &HashSet<&str>) -> HashMap<String, Vec<(usize, usize)>> {
        let mut map: HashMap<String, Vec<(usize, usize)>> = Default::default();
        // Lines are counted only up to each hit, from the previous one.
        let (mut counted_to, mut line_no) = (0, 1);
        for at in memchr::memmem::find_iter(text.as_bytes(), "id:") {
            // Only the field `id`, not `...id:` inside another name.
            if text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            let after = &text[at + 3..];
            let rest = after.trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
            let Some(lit) = string_literal(rest) else {
                continue;
            };
            let body = &lit[1..lit.len() - 1];
            let id = if body.contains('\\') {
                match ron::from_str::<String>(lit) {
                    Ok(id) if wanted.contains(id.as_str()) => id,
                    _ => continue,
                }
            } else if wanted.contains(body) {
                body.to_string()
            } else {
                continue;
            };
            line_no += memchr::memchr_iter(b'\n', &text.as_bytes()[counted_to..at]).count();
            counted_to = at;
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..at].chars().count() + 1;
            map.entry(id).or_default().push((line_no, column));
        }
        map
    }

    /// The `nth` occurrence (from 0; the first if there are fewer).
    pub(super) fn locate(&self, document: &str, id: &str, nth: usize) -> Option<(usize, usize)> {
        let hits = self
            .0
            .get(&(document.to_string(), id.to_string()))
            .or_else(|| self.0.get(&(String::new(), id.to_string())))?;
        hits.get(nth).or(hits.first()).copied()
    }
}

/// The double-quoted string literal at the start of `s`, quotes included.
fn string_literal(s: &str) -> Option<&str> {
    let body = s.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(&s[..i + 2]),
            _ => {}
        }
    }
    None
}
