//! The command line, headless: no subcommand opens the window; each
//! subcommand reads and writes files through [`quotebench::format`] and
//! prints what it did. Errors are `anyhow` errors with context, as ripgrep
//! does: they keep their type (a [`FormatError`]'s [`FormatError::hint`] is
//! printed with the flag that follows it) and become text only in
//! [`main`](crate).
//!
//! A leaf: this module belongs to the binary (`src/main.rs` declares it), so
//! the library cannot import it at all; nothing in `model`, `format`,
//! `review` or `ui` does (`grep -rn "cli::" src/model src/format src/review
//! src/ui` finds nothing). It may import any layer of the library (`format`,
//! `review`, `model`, and `ui`'s entry points to open the window), but no
//! `ui` internals.

mod agree;
mod find;
mod git;
mod interchange;
mod project;
mod report;
mod stats;
mod suggest;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use quotebench::format::interchange::{ExportFormat, ImportFormat, LabelMap};
use quotebench::format::{FormatError, Hint, TextEncoding};

/// PolNeAR's map, in every subcommand's help that takes `--map`.
fn polnear_help() -> String {
    format!("--map polnear stands for {}", LabelMap::polnear().to_field())
}

#[derive(Debug, Parser)]
#[command(
    name = "quotebench",
    version,
    about = "Annotate quotes, speakers, cues and claims in news articles"
)]
pub struct Cli {
    /// A project (.qb.ron) or plain-text file to open in the window; none opens the tagged sample.
    pub path: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new project from a plain-text article.
    New {
        /// The article, UTF-8 text.
        text_file: PathBuf,
        /// Where to write the project (.qb.ron).
        #[arg(short, long)]
        output: PathBuf,
        /// The document title (default: the first line of the text). The project and
        /// its document are named after TEXT_FILE (`s1.txt` -> `s1`).
        #[arg(long)]
        title: Option<String>,
        /// Who will annotate it (default: $USER).
        #[arg(long)]
        annotator: Option<String>,
        /// Overwrite OUTPUT if it exists.
        #[arg(long)]
        force: bool,
        /// The text's encoding.
        #[arg(long, value_enum, default_value_t = TextEncoding::Utf8)]
        encoding: TextEncoding,
    },
    /// Validate a project: offsets, covered text, ids, labels, relations. Exit 0 when clean.
    Check { project: PathBuf },
    /// Counts per label and the people quoted, per document.
    Stats {
        project: PathBuf,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Make a project from plain text, brat standoff or doccano/Prodigy JSONL files or folders.
    #[command(after_help = polnear_help())]
    Import {
        /// The format (default: guessed from the files' extensions).
        #[arg(long = "from", value_enum)]
        from: Option<ImportFormat>,
        /// Files or folders to import.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the project (.qb.ron); with several annotators,
        /// PROJECT_ANNOTATOR.qb.ron for each.
        #[arg(short, long)]
        output: PathBuf,
        /// Rename a label (or relation kind) FROM=TO, e.g. Source=Speaker; repeat it;
        /// `polnear` stands for PolNeAR's map.
        #[arg(long = "map", value_name = "FROM=TO")]
        map: Vec<String>,
        /// Import only this annotator's files (brat NAME_ANNOTATOR.ann); otherwise who annotated them.
        #[arg(long)]
        annotator: Option<String>,
        /// Overwrite the output if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write a project as brat standoff (a folder), doccano or Prodigy JSONL, or the quotes table as CSV.
    #[command(after_help = polnear_help())]
    Export {
        /// The format.
        #[arg(long = "to", value_enum)]
        to: ExportFormat,
        /// The project (.qb.ron).
        project: PathBuf,
        /// The file to write (a folder for brat).
        #[arg(short, long)]
        output: PathBuf,
        /// Rename labels back on the way out: FROM=TO writes TO as FROM (the --map used to import).
        #[arg(long = "map", value_name = "FROM=TO")]
        map: Vec<String>,
        /// Overwrite the output if it exists.
        #[arg(long)]
        force: bool,
    },
    /// How far annotators agree: span F1, kappa and alpha per label, said_by links, persons.
    #[command(after_help = polnear_help())]
    Agree {
        /// Project files (.qb.ron), brat folders or .ann files, at least two annotators
        /// (one brat folder each: plain NAME.ann files take the folder's name).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        /// Measure only this label; repeat it (default: every label used).
        #[arg(long = "label", value_name = "LABEL")]
        labels: Vec<String>,
        /// Rename brat labels FROM=TO on reading; `polnear` stands for PolNeAR's map.
        #[arg(long = "map", value_name = "FROM=TO")]
        map: Vec<String>,
    },
    /// Propose quotes, speakers and cues, and write the project with every suggestion at or above
    /// a confidence accepted (with its links, kind, person and origin).
    Suggest {
        /// A project (.qb.ron), or a plain-text article (a new project of one document).
        input: PathBuf,
        /// Where to write the project (.qb.ron).
        #[arg(short, long)]
        output: PathBuf,
        /// Accept suggestions at or above this confidence, from 0 to 1.
        #[arg(long, value_name = "X", default_value_t = suggest::DEFAULT_MIN_CONFIDENCE, value_parser = suggest::parse_confidence)]
        min_confidence: f32,
        /// Train a model on these annotated projects and add its suggestions to the rules'.
        #[arg(long, value_name = "GOLD.qb.ron", num_args = 1..)]
        train: Vec<PathBuf>,
        /// Print the counts per document as JSON.
        #[arg(long)]
        json: bool,
        /// Overwrite OUTPUT if it exists.
        #[arg(long)]
        force: bool,
        /// The encoding of a plain-text INPUT.
        #[arg(long, value_enum, default_value_t = TextEncoding::Utf8)]
        encoding: TextEncoding,
    },
    /// List where a text or regular expression occurs in a project's documents (DOC:LINE:COLUMN),
    /// or with --tag write the project with every match tagged. Exit 0 when something matched, 1 when nothing did.
    Find {
        /// The project (.qb.ron).
        project: PathBuf,
        /// The text to find (literally, unless --regex).
        pattern: String,
        /// PATTERN is a regular expression (Rust `regex` syntax).
        #[arg(long)]
        regex: bool,
        /// Upper and lower case differ.
        #[arg(long)]
        match_case: bool,
        /// Only matches that are whole words.
        #[arg(long)]
        whole_words: bool,
        /// Tag every match with this label (matches already tagged so are skipped).
        #[arg(long, value_name = "LABEL")]
        tag: Option<String>,
        /// An attribute of the new annotations, KEY=VALUE, e.g. person="Cressida Dick"; repeat it.
        #[arg(long = "attr", value_name = "KEY=VALUE", requires = "tag")]
        attrs: Vec<String>,
        /// Where to write the tagged project (.qb.ron).
        #[arg(short, long, requires = "tag")]
        output: Option<PathBuf>,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        /// Overwrite OUTPUT if it exists.
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Open the window on colleagues' files side by side (Review > Compare with…) to curate a gold version.
    #[command(after_help = polnear_help())]
    Compare {
        /// Project files (.qb.ron), brat folders or .ann files, at least two annotators
        /// (one brat folder each: plain NAME.ann files take the folder's name).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Rename brat labels FROM=TO on reading; `polnear` stands for PolNeAR's map.
        #[arg(long = "map", value_name = "FROM=TO")]
        map: Vec<String>,
    },

    // issue 14: the report
    /// The source audit: quotes per person, by person and document attributes, outlet, month and
    /// kind, with the quotes without a speaker; as text, JSON, CSV or one self-contained HTML page.
    Report {
        /// Project files (.qb.ron), counted together.
        #[arg(required = true)]
        projects: Vec<PathBuf>,
        /// Count by: person, kind, outlet, month, person.ATTR, doc.ATTR, or an attribute name
        /// (a person attribute when the tag set or register has it); repeat it.
        /// Default: person, kind, every person attribute, outlet, month.
        #[arg(long = "by", value_name = "DIMENSION")]
        by: Vec<String>,
        /// Write JSON (every figure with its quotes).
        #[arg(long, group = "report_format")]
        json: bool,
        /// Write the tables as CSV.
        #[arg(long, group = "report_format")]
        csv: bool,
        /// Write one self-contained HTML page (inline SVG charts, no scripts).
        #[arg(long, group = "report_format")]
        html: bool,
        /// Where to write it (default: stdout); the format follows its extension without a flag.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Overwrite OUTPUT if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// Count only documents with this status (e.g. done); repeat it.
        #[arg(long = "status", value_name = "STATUS")]
        statuses: Vec<String>,
        /// Count only documents of this outlet; repeat it.
        #[arg(long = "outlet", value_name = "OUTLET")]
        outlets: Vec<String>,
        /// Count only documents dated on or after this day.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date_from: Option<String>,
        /// Count only documents dated on or before this day.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date_to: Option<String>,
        /// The labels counted as quotes (default: Quote); repeat it.
        #[arg(long = "label", value_name = "LABEL")]
        labels: Vec<String>,
        /// Count only quotes made by this annotator (provenance, or the project's annotator); repeat it.
        #[arg(long = "annotator", value_name = "NAME")]
        annotators: Vec<String>,
        /// The page's title (default: "Source audit: " and the project names).
        #[arg(long)]
        title: Option<String>,
    },

    // issue 17: teams on git
    /// Three-way merge of a project file by document, annotation, relation and person id and by
    /// field: git's merge driver (`merge-file %O %A %B`). Writes OURS (or OUT); exit 0 when clean,
    /// 1 when conflicts are left in the file to settle, 2 on bad input (nothing written).
    MergeFile {
        /// The common version (git's %O).
        base: PathBuf,
        /// Our version (git's %A); the result is written here unless -o.
        ours: PathBuf,
        /// Their version (git's %B).
        theirs: PathBuf,
        /// Write the merge here instead of over OURS.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// What changed between two versions of a project, in words; with --textconv, one version as
    /// lines for git's textconv (so `git log -p` reads like a changelog).
    Diff {
        /// OLD NEW, or with --textconv one FILE.
        #[arg(required = true, num_args = 1..=2)]
        paths: Vec<PathBuf>,
        /// Machine-readable output.
        #[arg(long, conflicts_with = "textconv")]
        json: bool,
        /// Write one version as an outline (git's diff.quotebench.textconv).
        #[arg(long)]
        textconv: bool,
    },
    /// Set a git repository up for project files: .gitattributes, the merge driver and diff
    /// textconv in its config, and the windows' .NAME.lock files in .gitignore.
    GitSetup {
        /// A folder in the repository (default: the current one).
        #[arg(default_value = ".")]
        repo: PathBuf,
        /// The command git should run (default: this program's path).
        #[arg(long)]
        program: Option<String>,
    },
}

/// Runs a headless subcommand; `Ok` holds the exit code (1: `check` found
/// problems), an error is printed by [`report`] and exits with 2.
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::New {
            text_file,
            output,
            title,
            annotator,
            force,
            encoding,
        } => project::new_project(&text_file, &output, title, annotator, force, encoding)?,
        Command::Check { project } => return project::check(&project),
        Command::Stats { project, json } => project::stats(&project, json)?,
        Command::Import {
            from,
            paths,
            output,
            map,
            annotator,
            force,
        } => interchange::import(from, &paths, &output, &map, annotator, force)?,
        Command::Export {
            to,
            project,
            output,
            map,
            force,
        } => interchange::export(to, &project, &output, &map, force)?,
        Command::Agree {
            paths,
            json,
            labels,
            map,
        } => agree::agree(&paths, json, &labels, &map)?,
        Command::Suggest {
            input,
            output,
            min_confidence,
            train,
            json,
            force,
            encoding,
        } => suggest::suggest(suggest::SuggestArgs {
            input: &input,
            output: &output,
            min_confidence,
            train: &train,
            json,
            force,
            encoding,
        })?,
        Command::Compare { paths, map } => return compare_window(paths, &map),
        Command::Find {
            project,
            pattern,
            regex,
            match_case,
            whole_words,
            tag,
            attrs,
            output,
            json,
            force,
        } => {
            return find::find(find::FindArgs {
                project: &project,
                pattern: &pattern,
                regex,
                match_case,
                whole_words,
                tag: tag.as_deref(),
                attrs: &attrs,
                output: output.as_deref(),
                json,
                force,
            });
        }
        // issue 14: the report
        Command::Report {
            projects,
            by,
            json,
            csv,
            html,
            output,
            force,
            statuses,
            outlets,
            date_from,
            date_to,
            labels,
            annotators,
            title,
        } => report::report(report::ReportArgs {
            projects: &projects,
            by: &by,
            format: if json {
                Some(report::Output::Json)
            } else if csv {
                Some(report::Output::Csv)
            } else if html {
                Some(report::Output::Html)
            } else {
                None
            },
            output: output.as_deref(),
            force,
            statuses: &statuses,
            outlets: &outlets,
            date_from,
            date_to,
            labels: &labels,
            annotators: &annotators,
            title,
        })?,
        // issue 17: teams on git
        Command::MergeFile {
            base,
            ours,
            theirs,
            output,
        } => return git::merge_file(&base, &ours, &theirs, output.as_deref()),
        Command::Diff {
            paths,
            json,
            textconv,
        } => return git::diff(&paths, json, textconv),
        Command::GitSetup { repo, program } => return git::git_setup(&repo, program.as_deref()),
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints an error with its causes (`error: CONTEXT: CAUSE`) and, when the
/// format layer knows what may help, a hint in the command line's terms.
pub fn report(error: &anyhow::Error) -> ExitCode {
    eprintln!("error: {error:#}");
    if let Some(hint) = error.downcast_ref::<FormatError>().and_then(FormatError::hint) {
        let flag = match hint {
            Hint::ReadAsWindows1252 => "add --encoding windows-1252",
        };
        eprintln!("hint: {hint}: {flag}");
    }
    ExitCode::from(2)
}

#[cfg(feature = "gui")]
fn compare_window(paths: Vec<PathBuf>, map: &[String]) -> anyhow::Result<ExitCode> {
    let map = LabelMap::parse(map)?;
    Ok(quotebench::ui::run_window_with(
        None,
        Some(quotebench::review::CompareRequest {
            paths,
            include_open: false,
            map,
        }),
    ))
}

#[cfg(not(feature = "gui"))]
fn compare_window(_: Vec<PathBuf>, _: &[String]) -> anyhow::Result<ExitCode> {
    anyhow::bail!("this build has no window (built without the `gui` feature)")
}

/// Prints a line to stdout; a closed pipe (`quotebench stats P | head`) is not an error.
fn emit(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// "1 problem", "2 problems".
fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
