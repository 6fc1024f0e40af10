//! The table of interchange formats: one row per format with everything the
//! rest of the program says or does about it (its name on the command line,
//! its title in the dialogs, the files it reads, the file an export
//! proposes, what it counts, and its import and export functions). The
//! command line's `--from` / `--to` values and help, the File > Import… and
//! Export… dialogs and the "nothing found" messages all read this table.

use std::path::{Path, PathBuf};

use super::{
    ExportReport, ImportOptions, LabelMap, Sink, brat, citron, csv_export, ggt, jsonl, label_studio, spacy,
    text, xmi,
};
use crate::format::FormatError;
use crate::model::Project;

/// Reads `files` into the sink (`progress(done, total)` as it goes).
pub(crate) type ImportFn =
    fn(&[PathBuf], &ImportOptions, &mut Sink, &(dyn Fn(usize, usize) + Sync)) -> Result<(), FormatError>;
/// Writes `project` to `out`, labels renamed back through the map.
pub(crate) type ExportFn = fn(&Project, &Path, &LabelMap) -> Result<ExportReport, FormatError>;

/// One interchange format.
pub struct Interchange {
    /// Its value on the command line (`--from`, `--to`).
    pub name: &'static str,
    /// Its name in the dialogs.
    pub title: &'static str,
    /// One line on it, for `--help`.
    pub help: &'static str,
    /// The extensions of its files, read when found in a folder (files
    /// named one by one are read whatever their extension).
    pub extensions: &'static [&'static str],
    /// Extensions that mark a set of files as this format when none is given.
    pub guessed_from: &'static [&'static str],
    /// An export writes a folder, not a file.
    pub folder: bool,
    /// What the file an export proposes adds to the project's name.
    pub suffix: &'static str,
    /// What an export counts ("annotations", "spans", "quotes").
    pub unit: &'static str,
    pub(crate) import: Option<(ImportFormat, ImportFn)>,
    pub(crate) export: Option<(ExportFormat, ExportFn)>,
}

impl Interchange {
    /// The [`ImportFormat`] of this row, when it can be imported.
    pub fn import_format(&self) -> Option<ImportFormat> {
        self.import.map(|(f, _)| f)
    }

    /// The [`ExportFormat`] of this row, when it can be exported.
    pub fn export_format(&self) -> Option<ExportFormat> {
        self.export.map(|(f, _)| f)
    }

    /// The file (or folder) an export of the project named `stem` proposes.
    pub fn default_file(&self, stem: &str) -> String {
        format!("{stem}{}", self.suffix)
    }

    /// "no .ann or .txt files found": what an import of this format says
    /// when the folders it was given hold none of its files.
    pub fn nothing_found(&self) -> String {
        let dotted: Vec<String> = self.extensions.iter().map(|e| format!(".{e}")).collect();
        format!("no {} files found", dotted.join(" or "))
    }
}

const TEXT: Interchange = Interchange {
    name: "text",
    title: "Plain text",
    help: "plain text (.txt, .md): one document per file, no annotations",
    extensions: &["txt", "md", "markdown", "text"],
    guessed_from: &[],
    folder: false,
    suffix: ".txt",
    unit: "documents",
    import: Some((ImportFormat::Text, text_import)),
    export: None,
};

const BRAT: Interchange = Interchange {
    name: "brat",
    title: "brat standoff (.txt + .ann)",
    help: "brat standoff: a folder of NAME.txt + NAME.ann (PolNeAR's text/ + attributions/ too)",
    extensions: &["ann", "txt"],
    guessed_from: &["ann"],
    folder: true,
    suffix: "-brat",
    unit: "annotations",
    import: Some((ImportFormat::Brat, brat::import)),
    export: Some((ExportFormat::Brat, brat::export)),
};

const JSONL: Interchange = Interchange {
    name: "jsonl",
    title: "doccano JSONL",
    help: "doccano JSONL {\"text\", \"label\": [[start, end, LABEL]]}; import also reads Prodigy's",
    extensions: &["jsonl", "json", "ndjson"],
    guessed_from: &["jsonl", "json"],
    folder: false,
    suffix: ".doccano.jsonl",
    unit: "spans",
    import: Some((ImportFormat::Jsonl, jsonl_import)),
    export: Some((ExportFormat::Jsonl, |p, o, m| {
        jsonl::export(p, o, m, jsonl::Flavour::Doccano)
    })),
};

const PRODIGY: Interchange = Interchange {
    name: "prodigy",
    title: "Prodigy JSONL",
    help: "Prodigy JSONL {\"text\", \"spans\": [{\"start\", \"end\", \"label\"}]}",
    extensions: &["jsonl", "json", "ndjson"],
    guessed_from: &[],
    folder: false,
    suffix: ".prodigy.jsonl",
    unit: "spans",
    import: None,
    export: Some((ExportFormat::Prodigy, |p, o, m| {
        jsonl::export(p, o, m, jsonl::Flavour::Prodigy)
    })),
};

const CSV: Interchange = Interchange {
    name: "csv",
    title: "CSV quotes table",
    help: "the quotes table as CSV, one row per quote",
    extensions: &["csv"],
    guessed_from: &[],
    folder: false,
    suffix: "-quotes.csv",
    unit: "quotes",
    import: None,
    export: Some((ExportFormat::Csv, |p, o, _| csv_export::export(p, o))),
};

// issue 15: UIMA CAS XMI (INCEpTION, WebAnno, DKPro, cassis).
const XMI: Interchange = Interchange {
    name: "xmi",
    title: "UIMA CAS XMI (INCEpTION)",
    help: "UIMA CAS XMI for INCEpTION/WebAnno/cassis: a folder of NAME.xmi + TypeSystem.xml (UTF-16 offsets)",
    extensions: &["xmi"],
    guessed_from: &["xmi"],
    folder: true,
    suffix: "-xmi",
    unit: "annotations and relations",
    import: Some((ImportFormat::Xmi, xmi_import)),
    export: Some((ExportFormat::Xmi, xmi::export)),
};

// issue 15: spaCy's DocBin, for training (export only).
const SPACY: Interchange = Interchange {
    name: "spacy",
    title: "spaCy DocBin (.spacy)",
    help: "spaCy 3 DocBin (.spacy): spans in doc.spans[\"sc\"] and doc.ents, relations and attributes in doc.user_data",
    extensions: &["spacy"],
    guessed_from: &[],
    folder: false,
    suffix: ".spacy",
    unit: "spans",
    import: None,
    export: Some((ExportFormat::Spacy, spacy::export)),
};

const LABEL_STUDIO: Interchange = Interchange {
    name: "label-studio",
    title: "Label Studio JSON tasks",
    help: "Label Studio JSON tasks: regions, relations, per-region choices for attributes (offsets in chars)",
    extensions: &["json"],
    guessed_from: &[],
    folder: false,
    suffix: ".label-studio.json",
    unit: "regions",
    import: Some((ImportFormat::LabelStudio, |f, o, s, p| {
        label_studio::import(f, o, s, p);
        Ok(())
    })),
    export: Some((ExportFormat::LabelStudio, label_studio::export)),
};

const CITRON: Interchange = Interchange {
    name: "citron",
    title: "BBC Citron quotes (as the annotator \"citron\")",
    help: "BBC Citron's quote JSON {\"text\", \"quotes\": [{cue, sources, contents}]}, as the annotator \"citron\"",
    extensions: &["json"],
    guessed_from: &[],
    folder: false,
    suffix: ".citron.json",
    unit: "quotes",
    import: Some((ImportFormat::Citron, |f, o, s, p| {
        citron::import(f, o, s, p);
        Ok(())
    })),
    export: None,
};

const GGT: Interchange = Interchange {
    name: "ggt",
    title: "Gender Gap Tracker quotes (as the annotator \"ggt\")",
    help: "the Gender Gap Tracker's quote JSON (quote_index, speaker_index, verb_index), as the annotator \"ggt\"",
    extensions: &["json"],
    guessed_from: &[],
    folder: false,
    suffix: ".ggt.json",
    unit: "quotes",
    import: Some((ImportFormat::Ggt, |f, o, s, p| {
        ggt::import(f, o, s, p);
        Ok(())
    })),
    export: None,
};

/// Every interchange format, in the order menus list them.
pub const FORMATS: [&Interchange; 10] = [
    &TEXT,
    &BRAT,
    &JSONL,
    &PRODIGY,
    &CSV,
    &XMI,
    &SPACY,
    &LABEL_STUDIO,
    &CITRON,
    &GGT,
];

/// The formats [`super::import`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    Text,
    Brat,
    /// doccano or Prodigy JSONL, told apart line by line.
    Jsonl,
    /// UIMA CAS XMI (issue 15).
    Xmi,
    LabelStudio,
    /// BBC Citron's output, as one more annotator.
    Citron,
    /// The Gender Gap Tracker's quotes, as one more annotator.
    Ggt,
}

/// The formats [`super::export`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Brat,
    Jsonl,
    Prodigy,
    Csv,
    /// UIMA CAS XMI (issue 15).
    Xmi,
    LabelStudio,
    /// spaCy's DocBin (issue 15).
    Spacy,
}

impl ImportFormat {
    /// Every format that can be imported, in the table's order.
    pub fn all() -> impl Iterator<Item = ImportFormat> {
        FORMATS.into_iter().filter_map(Interchange::import_format)
    }

    /// Its row of the table.
    pub fn info(self) -> &'static Interchange {
        match self {
            ImportFormat::Text => &TEXT,
            ImportFormat::Brat => &BRAT,
            ImportFormat::Jsonl => &JSONL,
            ImportFormat::Xmi => &XMI,
            ImportFormat::LabelStudio => &LABEL_STUDIO,
            ImportFormat::Citron => &CITRON,
            ImportFormat::Ggt => &GGT,
        }
    }

    /// Its import function.
    pub(crate) fn function(self) -> Option<ImportFn> {
        self.info().import.map(|(_, f)| f)
    }

    /// The format of `files` by their extensions: the first in the table
    /// that one of them marks, else plain text.
    pub fn guess(files: &[PathBuf]) -> ImportFormat {
        let has = |ext: &str| files.iter().any(|f| super::extension(f) == ext);
        Self::all()
            .find(|f| f.info().guessed_from.iter().any(|e| has(e)))
            .unwrap_or(ImportFormat::Text)
    }
}

fn text_import(
    f: &[PathBuf],
    o: &ImportOptions,
    s: &mut Sink,
    p: &(dyn Fn(usize, usize) + Sync),
) -> Result<(), FormatError> {
    text::import(f, o, s, p);
    Ok(())
}

fn jsonl_import(
    f: &[PathBuf],
    o: &ImportOptions,
    s: &mut Sink,
    p: &(dyn Fn(usize, usize) + Sync),
) -> Result<(), FormatError> {
    jsonl::import(f, o, s, p);
    Ok(())
}

fn xmi_import(
    f: &[PathBuf],
    o: &ImportOptions,
    s: &mut Sink,
    p: &(dyn Fn(usize, usize) + Sync),
) -> Result<(), FormatError> {
    xmi::import(f, o, s, p);
    Ok(())
}

impl ExportFormat {
    /// Every format that can be exported, in the table's order.
    pub fn all() -> impl Iterator<Item = ExportFormat> {
        FORMATS.into_iter().filter_map(Interchange::export_format)
    }

    /// Its export function.
    pub(crate) fn function(self) -> Option<ExportFn> {
        self.info().export.map(|(_, f)| f)
    }

    /// Its row of the table.
    pub fn info(self) -> &'static Interchange {
        match self {
            ExportFormat::Brat => &BRAT,
            ExportFormat::Jsonl => &JSONL,
            ExportFormat::Prodigy => &PRODIGY,
            ExportFormat::Csv => &CSV,
            ExportFormat::Xmi => &XMI,
            ExportFormat::LabelStudio => &LABEL_STUDIO,
            ExportFormat::Spacy => &SPACY,
        }
    }
}

/// The command line reads its `--from` values and their help from the table.
impl clap::ValueEnum for ImportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            ImportFormat::Text,
            ImportFormat::Brat,
            ImportFormat::Jsonl,
            ImportFormat::Xmi,
            ImportFormat::LabelStudio,
            ImportFormat::Citron,
            ImportFormat::Ggt,
        ]
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let info = self.info();
        Some(clap::builder::PossibleValue::new(info.name).help(info.help))
    }
}

/// The command line reads its `--to` values and their help from the table.
impl clap::ValueEnum for ExportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            ExportFormat::Brat,
            ExportFormat::Jsonl,
            ExportFormat::Prodigy,
            ExportFormat::Csv,
            ExportFormat::Xmi,
            ExportFormat::LabelStudio,
            ExportFormat::Spacy,
        ]
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let info = self.info();
        Some(clap::builder::PossibleValue::new(info.name).help(info.help))
    }
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum;

    use super::*;

    #[test]
    fn every_row_and_every_variant_agree() {
        for f in ImportFormat::value_variants() {
            assert_eq!(f.info().import_format(), Some(*f), "{f:?}");
        }
        for f in ExportFormat::value_variants() {
            assert_eq!(f.info().export_format(), Some(*f), "{f:?}");
        }
        // The table lists each variant once; the command line offers them all.
        assert_eq!(
            ImportFormat::all().collect::<Vec<_>>(),
            ImportFormat::value_variants()
        );
        let mut exports: Vec<_> = ExportFormat::all().collect();
        exports.sort_by_key(|f| ExportFormat::value_variants().iter().position(|v| v == f));
        assert_eq!(exports, ExportFormat::value_variants());
        let mut names: Vec<_> = FORMATS.iter().map(|f| f.name).collect();
        names.dedup();
        assert_eq!(names.len(), FORMATS.len(), "names are unique");
    }

    #[test]
    fn guesses_and_messages_come_from_the_table() {
        let files = |names: &[&str]| names.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert_eq!(
            ImportFormat::guess(&files(&["a.txt", "a.ann"])),
            ImportFormat::Brat
        );
        assert_eq!(ImportFormat::guess(&files(&["a.jsonl"])), ImportFormat::Jsonl);
        assert_eq!(
            ImportFormat::guess(&files(&["a.txt", "b.md"])),
            ImportFormat::Text
        );
        assert_eq!(BRAT.nothing_found(), "no .ann or .txt files found");
        assert_eq!(ExportFormat::Csv.info().default_file("s1"), "s1-quotes.csv");
        assert_eq!(ImportFormat::from_str("jsonl", false), Ok(ImportFormat::Jsonl));
        assert_eq!(
            ExportFormat::from_str("prodigy", false),
            Ok(ExportFormat::Prodigy)
        );
    }
}
