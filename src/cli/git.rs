//! Teams on git (issue 17): `merge-file` (git's merge driver, `%O %A %B`),
//! `diff` (two versions in words, or one as an outline for git's
//! `textconv`) and `git-setup` (the attributes and config that use them).

use std::path::{Path, PathBuf};
use std::process::{Command as Process, ExitCode};

use anyhow::{Context, bail};
use quotebench::format::{
    Backup, MergeFilesError, RealIo, declared_format_version, merge_files, parse_project, read_text_file,
    write_atomic_with,
};
use quotebench::model::{Project, changes_between, outline};

use super::{emit, plural};

/// One side of a merge, read, with its declared version (`None` when its
/// top does not read: the parse then says what is wrong and where).
fn read_side(role: &str, path: &Path) -> anyhow::Result<(String, Option<u32>)> {
    let shown = path.display().to_string();
    let text = read_text_file(path).with_context(|| format!("reading {role} {shown}"))?;
    if text.trim().is_empty() {
        bail!("{role} {shown} is empty");
    }
    let version = declared_format_version(&text);
    Ok((text, version))
}

/// `quotebench merge-file BASE OURS THEIRS [-o OUT]`: 0 when clean, 1 when
/// a conflict (kept in the file), a clash on the project or something set
/// aside needs a person; an error (exit 2) with nothing written when an
/// input is missing or bad.
pub fn merge_file(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let missing_base = std::fs::metadata(base).map(|m| m.len() == 0).unwrap_or(true);
    if missing_base {
        bail!(
            "{}: no common version (BASE is missing or empty: the file was added on both sides); \
             nothing was merged and {} is unchanged: keep one side (git checkout --ours/--theirs) \
             or copy the other's documents in by hand",
            base.display(),
            ours.display()
        );
    }
    let sides = [("BASE", base), ("OURS", ours), ("THEIRS", theirs)];
    let mut texts = Vec::with_capacity(3);
    for (role, path) in sides {
        texts.push(read_side(role, path)?);
    }
    if let (Some(bv), Some(ov), Some(tv)) = (texts[0].1, texts[1].1, texts[2].1)
        && (bv != ov || ov != tv)
    {
        bail!(
            "the three versions have different format versions (BASE {bv} in {}, OURS {ov} in {}, \
             THEIRS {tv} in {}): open and save each with this build first; {} is unchanged",
            base.display(),
            ours.display(),
            theirs.display(),
            ours.display()
        );
    }
    let shown: Vec<String> = sides.iter().map(|(_, p)| p.display().to_string()).collect();
    let files = [0, 1, 2].map(|i| (texts[i].0.as_str(), shown[i].as_str()));
    let merged = merge_files(&files).map_err(|e| match e {
        MergeFilesError::Side { side, error } => {
            anyhow::Error::new(error).context(format!("{} does not parse", sides[side].0))
        }
        MergeFilesError::Write(error) => anyhow::Error::new(error).context("writing the merged project"),
    })?;
    let out = output.unwrap_or(ours);
    write_atomic_with(&mut RealIo, out, merged.text.as_bytes(), Backup::Skip)?;
    let shown = out.display();
    for (old, new) in &merged.renamed {
        eprintln!("{shown}: label {old} renamed to {new} on both sides' annotations");
    }
    for (doc, c) in &merged.conflicts {
        eprintln!("{shown}: conflict in document {doc}: {}", c.describe());
    }
    for c in &merged.project_conflicts {
        eprintln!(
            "{shown}: conflict on the project: {} (ours stands until settled)",
            c.describe()
        );
    }
    for p in &merged.problems {
        eprintln!("{shown}: {p}");
    }
    if merged.needs_a_person() {
        eprintln!(
            "{shown}: merged with {} to settle (open it: the review panel lists them)",
            plural(
                merged.conflicts.len() + merged.project_conflicts.len(),
                "conflict"
            )
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn load(path: &Path) -> anyhow::Result<Project> {
    let shown = path.display().to_string();
    let text = read_text_file(path)?;
    if text.trim().is_empty() {
        // git hands an empty file for a side where the file does not exist.
        return Ok(Project::default());
    }
    Ok(parse_project(&text, &shown)?.project)
}

/// `quotebench diff A B [--json]`, or `diff --textconv FILE` (the outline
/// git diffs line by line).
pub fn diff(paths: &[PathBuf], json: bool, textconv: bool) -> anyhow::Result<ExitCode> {
    if textconv {
        let [file] = paths else {
            bail!("--textconv takes one file");
        };
        print!("{}", outline(&load(file)?));
        return Ok(ExitCode::SUCCESS);
    }
    let [a, b] = paths else {
        bail!("diff takes two files: the old version and the new one");
    };
    let changes = changes_between(&load(a)?, &load(b)?);
    if json {
        emit(&serde_json::to_string_pretty(&changes).context("writing the changes as JSON")?);
    } else {
        let mut doc = String::new();
        for c in &changes {
            if !c.document.is_empty() && c.document != doc {
                emit(&format!("In {}:", c.document));
                doc.clone_from(&c.document);
            }
            let indent = if c.document.is_empty() { "" } else { "  " };
            emit(&format!("{indent}{} {}", c.sign, c.text));
        }
        if changes.is_empty() {
            emit("no changes");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The `.gitattributes` line that routes project files to the driver.
pub const ATTRIBUTES_LINE: &str = "*.qb.ron merge=quotebench diff=quotebench";

/// `quotebench git-setup [REPO]`: `.gitattributes`, the merge driver and the
/// diff textconv in the repository's config, and `.*.lock` in
/// `.gitignore` (an open window's lock beside a project). Running it again
/// changes nothing.
pub fn git_setup(repo: &Path, program: Option<&str>) -> anyhow::Result<ExitCode> {
    let exe = match program {
        Some(p) => p.to_string(),
        None => std::env::current_exe()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| "quotebench".into()),
    };
    let quoted = if exe.contains(' ') {
        format!("\"{exe}\"")
    } else {
        exe
    };
    let top = Process::new("git")
        .arg("-C")
        .arg(repo)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .context("running git")?;
    if !top.status.success() {
        bail!("{} is not in a git repository", repo.display());
    }
    let top = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
    append_line(&top.join(".gitattributes"), ATTRIBUTES_LINE)?;
    append_line(&top.join(".gitignore"), ".*.lock")?;
    let config = [
        (
            "merge.quotebench.name",
            "Quotebench annotations (by id and field)".to_string(),
        ),
        ("merge.quotebench.driver", format!("{quoted} merge-file %O %A %B")),
        ("diff.quotebench.textconv", format!("{quoted} diff --textconv")),
    ];
    for (key, value) in &config {
        let ok = Process::new("git")
            .arg("-C")
            .arg(&top)
            .args(["config", key, value])
            .status()
            .context("running git config")?
            .success();
        if !ok {
            bail!("git config {key} failed");
        }
        emit(&format!("git config {key} '{value}'"));
    }
    emit(&format!(
        "{}: {ATTRIBUTES_LINE}",
        top.join(".gitattributes").display()
    ));
    emit(&format!("{}: .*.lock", top.join(".gitignore").display()));
    Ok(ExitCode::SUCCESS)
}

/// Adds `line` to a text file unless it holds it already.
fn append_line(path: &Path, line: &str) -> anyhow::Result<()> {
    let old = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    if old.lines().any(|l| l.trim() == line) {
        return Ok(());
    }
    let mut new = old;
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    new.push_str(line);
    new.push('\n');
    std::fs::write(path, new).with_context(|| format!("writing {}", path.display()))
}
