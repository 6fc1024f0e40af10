//! Reading a project file in the saved layout a block at a time (issue 16):
//! the documents of each block are parsed in parallel and the block is then
//! dropped, so an open never holds the whole file's text beside the project
//! it becomes (a 280 MB file would cost 280 MB more at the peak).
//!
//! Anything this reader does not expect (another layout, a version before
//! the people register, text that is not UTF-8, a part that does not parse)
//! makes it give up; the caller then reads the file whole, which gives the
//! same project or the error with its line:column.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use super::locate::IdPositions;
use super::read::{
    CLOSE, NEXT, OPEN, ParsedDocument, Progress, START, SavedLayout, assemble, cut_documents, located,
    parse_head, read_part, ron_options, to_model,
};
use super::{LoadedProject, MAX_FILE_BYTES, ProjectFile};
use crate::format::disk_check::DiskState;
use xxhash_rust::xxh64::Xxh64;

/// How much of the file is read before its documents are parsed: enough
/// documents to keep both cores busy, little beside the project (the 840
/// PolNeAR articles peaked at about 124-134 MB with 1 MiB blocks, 128-136
/// with 4 MiB, 161-163 with 16 MiB, as fast).
const BLOCK: usize = 1 << 20;

/// The project at `path` read block by block, or `None` when the file is
/// not one this reader takes (see the module's text): read it whole then.
pub(super) fn load_in_blocks(path: &Path, progress: Progress<'_>) -> Option<LoadedProject> {
    load_in_blocks_of(path, progress, BLOCK).map(|r| r.loaded)
}

/// A project read in blocks, with the file it was read from (still open)
/// and what that file held: its length, time and hash.
pub(super) struct ReadInBlocks {
    pub(super) loaded: LoadedProject,
    pub(super) file: std::fs::File,
    pub(super) state: DiskState,
}

/// As [`load_in_blocks`], keeping the file open and its state.
pub(super) fn open_in_blocks(path: &Path, progress: Progress<'_>) -> Option<ReadInBlocks> {
    load_in_blocks_of(path, progress, BLOCK)
}

/// As [`open_in_blocks`], reading `block` bytes at a time (tests use tiny
/// blocks, so that documents straddle them).
fn load_in_blocks_of(path: &Path, progress: Progress<'_>, block: usize) -> Option<ReadInBlocks> {
    let mut file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return None;
    }
    let mut reader = Blocks {
        file: &mut file,
        buf: Vec::new(),
        read: 0,
        hasher: Xxh64::new(0),
        at_end: false,
    };
    // The top of the file, up to the documents' list.
    let at = loop {
        if let Some(at) = memchr::memmem::find(&reader.buf, OPEN.as_bytes()) {
            break at;
        }
        if reader.at_end {
            return None;
        }
        reader.fill(reader.buf.len() + block)?;
    };
    let head_text = std::str::from_utf8(&reader.buf[..=at]).ok()?;
    let head_text = head_text
        .strip_prefix('\u{feff}')
        .unwrap_or(head_text)
        .to_string();
    let head = parse_head_text(&head_text)?;
    let mut lines_before = memchr::memchr_iter(b'\n', &reader.buf[..at + OPEN.len()]).count();
    reader.buf.drain(..at + OPEN.len());

    let options = ron_options();
    let mut ids = IdPositions::default();
    let mut documents: Vec<ParsedDocument> = Vec::new();
    let mut first = true;
    let mut want = block;
    loop {
        reader.fill(want)?;
        // The complete documents read: up to the start of the last one begun
        // (which may go on in the next block), or all at the end.
        let cut = if reader.at_end {
            reader.buf.len()
        } else {
            match memchr::memmem::rfind(&reader.buf, NEXT.as_bytes()) {
                Some(i) => i + 1,
                None => {
                    // One document longer than a block: read on.
                    want = reader.buf.len() + block;
                    continue;
                }
            }
        };
        want = block;
        let region = std::str::from_utf8(&reader.buf[..cut]).ok()?;
        let body = if reader.at_end {
            region.trim_end().strip_suffix(CLOSE)?
        } else {
            region
        };
        if first && !body.is_empty() && !body.starts_with(START) {
            return None;
        }
        first = false;
        let parts = cut_documents(body)?;
        // The total is not known before the end: estimated from the bytes
        // read so far (exact at the end).
        let through = documents.len() + parts.len();
        let total = if reader.at_end {
            through
        } else {
            let read = reader.read - (reader.buf.len() - cut) as u64;
            ((through as u64 * size) / read.max(1)) as usize
        };
        let counted = Counted {
            progress,
            done: std::sync::atomic::AtomicUsize::new(documents.len()),
            total: total.max(through),
        };
        let parsed = parse_parts(&parts, &options, &head, &counted)?;
        // Where each problem's item stands: in its document's part.
        let mut counted_to = 0;
        for (part, doc) in parts.iter().zip(&parsed) {
            let wanted: HashSet<&str> = doc
                .repaired
                .iter()
                .chain(&doc.checked)
                .filter_map(|p| p.id.as_deref())
                .collect();
            if wanted.is_empty() {
                continue;
            }
            let start = part.as_ptr() as usize - region.as_ptr() as usize;
            lines_before += memchr::memchr_iter(b'\n', &region.as_bytes()[counted_to..start]).count();
            counted_to = start;
            ids.add_part(&doc.document.id, part, &wanted, lines_before);
        }
        lines_before += memchr::memchr_iter(b'\n', &region.as_bytes()[counted_to..]).count();
        documents.extend(parsed);
        reader.buf.drain(..cut);
        if reader.at_end {
            break;
        }
    }
    let state = DiskState {
        len: reader.read,
        modified: meta.modified().ok(),
        hash: reader.hasher.digest(),
    };
    let (project, problems) = assemble(&path.display().to_string(), (head, documents)).ok()?;
    // The top's own problems (the tag set's) are looked for in the top.
    let documents: HashSet<&str> = project.documents.iter().map(|d| d.id.as_str()).collect();
    let on_top: HashSet<&str> = problems
        .iter()
        .filter(|p| !documents.contains(p.document.as_str()))
        .filter_map(|p| p.id.as_deref())
        .collect();
    ids.add_whole(&head_text, &on_top);
    Some(ReadInBlocks {
        loaded: located(project, problems, &ids),
        file,
        state,
    })
}

/// The file read a block at a time into `buf`.
struct Blocks<'a> {
    file: &'a mut std::fs::File,
    buf: Vec<u8>,
    /// Bytes read from the file so far, and their hash.
    read: u64,
    hasher: Xxh64,
    at_end: bool,
}

impl Blocks<'_> {
    /// Reads on until `buf` holds at least `want` bytes or the file ends;
    /// `None` on a read error (the whole read then reports it).
    fn fill(&mut self, want: usize) -> Option<()> {
        while !self.at_end && self.buf.len() < want {
            let from = self.buf.len();
            self.buf.resize(want, 0);
            let got = self.file.read(&mut self.buf[from..]);
            let n = match &got {
                Ok(n) => *n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => 0,
                Err(_) => return None,
            };
            self.buf.truncate(from + n);
            self.read += n as u64;
            self.hasher.update(&self.buf[from..]);
            self.at_end = matches!(got, Ok(0));
        }
        Some(())
    }
}

/// The top of the file alone, when it is of a version this reader takes:
/// with the people register (4) and not newer than this build reads.
fn parse_head_text(head: &str) -> Option<ProjectFile> {
    let layout = SavedLayout {
        head,
        documents: Vec::new(),
    };
    parse_head(&layout, &ron_options()).filter(|file| file.format_version >= 4)
}

/// Progress told a document at a time: `done` so far of about `total`.
struct Counted<'a> {
    progress: Progress<'a>,
    done: std::sync::atomic::AtomicUsize,
    total: usize,
}

/// The parts parsed in parallel into the model; `None` if any fails.
fn parse_parts(
    parts: &[&str],
    options: &ron::Options,
    head: &ProjectFile,
    counted: &Counted<'_>,
) -> Option<Vec<ParsedDocument>> {
    use rayon::prelude::*;
    parts
        .par_iter()
        .map(|part| {
            let doc = to_model(read_part(part, options)?, &head.tagset);
            let done = counted.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            (counted.progress)(done, counted.total.max(done));
            Some(doc)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::format::project_file::{parse_project, project_to_string, ron_identity};

    /// A file in the saved layout with problems of every kind the loader
    /// locates: an id used twice, a relation to a missing annotation, a
    /// label the tag set lacks, an annotation off the end of its text.
    fn faulty_file() -> String {
        let text = project_to_string(&ron_identity::project()).expect("written");
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let ann = lines
            .iter()
            .position(|l| l.trim_start().starts_with("(id: ") && l.contains("fragments: ["))
            .expect("an annotation line");
        lines.insert(ann + 1, lines[ann].clone());
        let unknown = lines[ann]
            .replacen("label: \"", "label: \"NoSuchLabel", 1)
            .replacen("(id: \"", "(id: \"unknown-", 1);
        lines.insert(ann + 2, unknown);
        let off = lines[ann]
            .replacen("(id: \"", "(id: \"off-", 1)
            .replacen("start: ", "start: 9999", 1)
            .replacen("end: ", "end: 99999", 1);
        lines.insert(ann + 3, off);
        let rel = lines
            .iter()
            .rposition(|l| l.contains(" from: \""))
            .expect("a relation line");
        let dangling =
            lines[rel]
                .replacen("(id: \"", "(id: \"dangling-", 1)
                .replacen(" to: \"", " to: \"missing-", 1);
        lines.insert(rel + 1, dangling);
        lines.join("\n") + "\n"
    }

    fn write(dir: &tempfile::TempDir, name: &str, text: &[u8]) -> std::path::PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("written");
        path
    }

    #[test]
    fn blocks_of_any_size_read_what_the_whole_text_reads_problems_and_places_too() {
        let dir = tempfile::tempdir().expect("temp dir");
        let text = faulty_file();
        let path = write(&dir, "p.qb.ron", text.as_bytes());
        let whole = parse_project(&text, &path.display().to_string()).expect("parses whole");
        // The faults put in, each found and placed (line:column).
        for (kind, id) in [
            ("DuplicateId", "a0-"),
            ("UnknownLabel(\"NoSuchLabel", "unknown-a0-"),
            ("OutOfRange", "off-a0-"),
            ("MissingEndpoint(\"missing-", "dangling-r-"),
        ] {
            let found = whole.problems.iter().find(|p| {
                format!("{:?}", p.problem.kind).starts_with(kind)
                    && p.problem.id.as_deref().is_some_and(|i| i.starts_with(id))
            });
            let found = found.unwrap_or_else(|| panic!("{kind} of {id}: {:?}", whole.problems));
            assert!(found.line.is_some() && found.column.is_some(), "{found:?}");
        }
        for block in [1, 7, 64, 1000, 4096, BLOCK] {
            let read = load_in_blocks_of(&path, &|_, _| {}, block)
                .expect("taken by the block reader")
                .loaded;
            assert!(read.project == whole.project, "block {block}: the same project");
            assert_eq!(
                read.problems, whole.problems,
                "block {block}: the same problems, placed alike"
            );
        }
    }

    #[test]
    fn progress_counts_up_to_every_document_and_never_past_its_total() {
        let dir = tempfile::tempdir().expect("temp dir");
        let project = ron_identity::project();
        let path = write(
            &dir,
            "p.qb.ron",
            project_to_string(&project).expect("written").as_bytes(),
        );
        let seen = Mutex::new(Vec::new());
        let read = load_in_blocks_of(&path, &|n, of| seen.lock().expect("lock").push((n, of)), 200)
            .expect("taken by the block reader")
            .loaded;
        assert!(read.project == project);
        let mut seen = seen.into_inner().expect("lock");
        seen.sort();
        let n = project.documents.len();
        let done: Vec<usize> = seen.iter().map(|s| s.0).collect();
        assert_eq!(done, (1..=n).collect::<Vec<_>>(), "each document once: {seen:?}");
        assert_eq!(seen.last(), Some(&(n, n)));
        assert!(seen.iter().all(|&(done, of)| done <= of), "{seen:?}");
        assert!(
            seen.iter().any(|&(_, of)| of != n),
            "estimated before the end: {seen:?}"
        );
    }

    #[test]
    fn files_it_does_not_take_are_left_to_the_whole_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let text = project_to_string(&ron_identity::project()).expect("written");
        let declared = {
            let at = text.find("format_version: ").expect("declared");
            &text[at..at + text[at..].find(',').expect("a comma after it")]
        };
        let cases: Vec<(&str, Vec<u8>)> = vec![
            (
                "not the saved layout",
                text.replace("\n        (\n", "\n      (\n").into_bytes(),
            ),
            (
                "version 3",
                text.replacen(declared, "format_version: 3", 1).into_bytes(),
            ),
            (
                "newer",
                text.replacen(declared, "format_version: 99", 1).into_bytes(),
            ),
            ("truncated", text.as_bytes()[..text.len() * 2 / 3].to_vec()),
            (
                "cut before the documents",
                text.as_bytes()[..text.find(OPEN).expect("list")].to_vec(),
            ),
            ("not UTF-8", {
                let mut b = text.clone().into_bytes();
                let at = text.rfind("text: \"").expect("a text") + 7;
                b[at] = 0xff;
                b
            }),
            (
                "a document broken",
                text.replacen("fragments: [", "fragments: [[", 1).into_bytes(),
            ),
            ("empty", Vec::new()),
        ];
        assert_ne!(
            declared, "format_version: 3",
            "the written version is a newer one"
        );
        for (what, bytes) in cases {
            let path = write(&dir, "p.qb.ron", &bytes);
            assert!(
                load_in_blocks_of(&path, &|_, _| {}, 64).is_none(),
                "{what}: left to the whole read"
            );
        }
        assert!(load_in_blocks(&dir.path().join("absent.qb.ron"), &|_, _| {}).is_none());
    }

    #[test]
    fn a_project_without_documents_and_one_with_a_bom_are_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut project = ron_identity::project();
        let text = format!("\u{feff}{}", project_to_string(&project).expect("written"));
        let path = write(&dir, "bom.qb.ron", text.as_bytes());
        let read = load_in_blocks_of(&path, &|_, _| {}, 100).expect("taken");
        assert!(read.loaded.project == project);
        assert_eq!(
            read.state.hash,
            crate::format::xxh64(text.as_bytes(), 0),
            "the BOM is hashed too"
        );
        assert_eq!(read.state.len, text.len() as u64);
        project.documents.clear();
        let path = write(
            &dir,
            "none.qb.ron",
            project_to_string(&project).expect("written").as_bytes(),
        );
        let read = load_in_blocks_of(&path, &|_, _| {}, 100).expect("taken").loaded;
        assert!(read.project == project && read.problems.is_empty());
    }
}
