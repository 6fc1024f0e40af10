//! What `quotebench check` and open -> save -> open do with any file: parse,
//! validate, write the project back, read that again. A project that opened
//! must save, and the saved file must open to the same project, and saving
//! that must give the same bytes (the file layout is deterministic).

#![no_main]

use libfuzzer_sys::fuzz_target;
use quotebench::format::{parse_project, project_to_string};
use quotebench::model::validate;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(loaded) = parse_project(text, "fuzz.qb.ron") else {
        return;
    };
    let project = loaded.project;
    let _ = validate(&project);
    for problem in &loaded.problems {
        let _ = problem.to_string();
    }
    let saved = match project_to_string(&project) {
        Ok(s) => s,
        Err(e) => panic!("a project that opened cannot be saved: {e}"),
    };
    let reloaded = match parse_project(&saved, "saved.qb.ron") {
        Ok(l) => l,
        Err(e) => panic!("the saved file does not open: {e}\n{saved}"),
    };
    assert!(
        reloaded.project == project,
        "the saved file opens to another project\nsaved:\n{saved}"
    );
    let _ = validate(&reloaded.project);
    let again = project_to_string(&reloaded.project).expect("saves once, saves twice");
    assert_eq!(again, saved, "saving the reopened project gives other bytes");
});
