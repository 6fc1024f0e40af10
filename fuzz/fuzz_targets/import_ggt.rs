//! Any bytes as a file imported with `--from ggt`: the reader must
//! return (documents and issues, or an error), never panic, overflow or run
//! out of stack (issue 15). The bytes go through a file because the
//! importers read files, as the command line and the window do.

#![no_main]

use libfuzzer_sys::fuzz_target;
use quotebench::format::interchange::{ImportFormat, ImportOptions, import};

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("quotebench-fuzz-{}.json", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let opts = ImportOptions {
        format: Some(ImportFormat::Ggt),
        ..Default::default()
    };
    let _ = import(std::slice::from_ref(&path), &opts, &|_, _| {});
});
