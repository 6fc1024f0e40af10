//! Writing a project as a folder of XMI files with their `TypeSystem.xml`
//! (see the module above for the shape).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use super::names::escape_attr;
use super::typesystem::TypeSystem;
use super::utf16::Utf16Offsets;
use super::{CAS_NS, CUSTOM_NS, METADATA_NS, NEXT_PART, XMI_NS};
use crate::format::FormatError;
use crate::format::interchange::{ExportReport, LabelMap, file_name_of, write_file};
use crate::model::{Document, Project};

/// What one export could not say exactly, for the report's notes.
#[derive(Default)]
struct Lost {
    split: usize,
    notes: usize,
    aside: usize,
    unsayable_chars: usize,
    progress: usize,
}

pub(in crate::format::interchange) fn export(
    project: &Project,
    out: &Path,
    map: &LabelMap,
) -> Result<ExportReport, FormatError> {
    if out.is_file() {
        return Err(FormatError::Io {
            path: out.display().to_string(),
            action: "export to",
            source: std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "XMI export writes a folder, and this is a file",
            ),
        });
    }
    let ts = TypeSystem::of(project, map);
    let mut report = ExportReport::default();
    let mut lost = Lost::default();
    // Everything is made before anything is written: a project that cannot
    // be said leaves no half-written folder.
    let mut files: Vec<(String, String)> = vec![("TypeSystem.xml".to_string(), ts.to_xml())];
    let mut names_used = HashSet::from(["typesystem".to_string()]);
    for doc in &project.documents {
        let base = file_name_of(&doc.id);
        let mut name = base.clone();
        let mut k = 1;
        while !names_used.insert(name.to_lowercase()) {
            k += 1;
            name = format!("{base}-{k}");
        }
        let (xmi, items) = document_xmi(doc, &ts, map, &mut lost);
        report.items += items;
        files.push((format!("{name}.xmi"), xmi));
    }
    std::fs::create_dir_all(out).map_err(|source| FormatError::Io {
        path: out.display().to_string(),
        action: "create the folder",
        source,
    })?;
    for (name, content) in &files {
        write_file(&out.join(name), content.as_bytes())?;
        report.files_written += 1;
    }
    let mut note = |n: usize, what: &str| {
        if n > 0 {
            report.notes.push(format!("{n} {what}"));
        }
    };
    note(
        lost.split,
        "discontinuous annotations were written as parts linked by NextPart relations (put back together on import)",
    );
    note(
        lost.notes,
        "annotations' notes are not part of this format and were left out",
    );
    note(
        lost.aside,
        "annotations kept aside because they did not fit their text were left out",
    );
    note(
        lost.unsayable_chars,
        "characters XML 1.0 cannot hold (control characters) were written as U+FFFD",
    );
    note(
        lost.progress,
        "documents' status and attributes are not part of this format and were left out",
    );
    if !ts.renamed.is_empty() {
        report
            .notes
            .push(format!("names made UIMA identifiers: {}", ts.renamed.join(", ")));
    }
    Ok(report)
}

/// One document's XMI and the number of annotations and relations in it.
fn document_xmi(doc: &Document, ts: &TypeSystem, map: &LabelMap, lost: &mut Lost) -> (String, usize) {
    let text = doc.text();
    let u16s = Utf16Offsets::new(text);
    lost.aside += doc.set_aside().len();
    lost.progress += usize::from(!doc.status().is_new() || !doc.attributes().is_empty());
    let mut body = String::new();
    let mut members: Vec<usize> = vec![2];
    let mut unsayable = 0;
    let mut esc = |s: &str| {
        let mut o = String::new();
        escape_attr(s, &mut o, &mut unsayable);
        o
    };
    // 0: NULL, 1: the Sofa, 2: the metadata, then the annotations.
    let _ = writeln!(
        body,
        "<type2:DocumentMetaData xmi:id=\"2\" sofa=\"1\" begin=\"0\" end=\"{}\" language=\"x-unspecified\" documentTitle=\"{}\" documentId=\"{}\"/>",
        u16s.len(),
        esc(&doc.title),
        esc(&doc.id)
    );
    let mut next_id = 3;
    let mut anns: Vec<_> = doc.annotations().collect();
    anns.sort_by(|a, b| {
        let key =
            |x: &crate::model::Annotation| (x.fragments.first().map(|f| (f.start, f.end)), x.id.clone());
        key(a).cmp(&key(b))
    });
    // The xmi:id and UTF-16 range of each annotation's first part.
    let mut first: std::collections::HashMap<&str, (usize, usize, usize)> = Default::default();
    let mut items = 0;
    let mut links: Vec<(usize, usize, usize, usize)> = Vec::new();
    for a in anns {
        let label = map.map_back(&a.label);
        let Some(layer) = ts.spans.get(label) else {
            continue;
        };
        items += 1;
        lost.split += usize::from(a.fragments.len() > 1);
        lost.notes += usize::from(!a.note.trim().is_empty());
        let mut features = String::new();
        for (k, v) in &a.attributes {
            if let (Some(f), false) = (layer.features.get(k), v.is_empty()) {
                let _ = write!(features, " {f}=\"{}\"", esc(v));
            }
        }
        let mut previous: Option<(usize, usize, usize)> = None;
        for f in &a.fragments {
            let (b, e) = (u16s.of_char(f.start), u16s.of_char(f.end));
            let id = next_id;
            next_id += 1;
            members.push(id);
            let _ = writeln!(
                body,
                "<custom:{} xmi:id=\"{id}\" sofa=\"1\" begin=\"{b}\" end=\"{e}\"{features}/>",
                layer.short
            );
            first.entry(a.id.as_str()).or_insert((id, b, e));
            if let Some((p, _, _)) = previous {
                links.push((p, id, b, e));
            }
            previous = Some((id, b, e));
        }
    }
    for (governor, dependent, b, e) in links {
        let id = next_id;
        next_id += 1;
        members.push(id);
        let _ = writeln!(
            body,
            "<custom:{NEXT_PART} xmi:id=\"{id}\" sofa=\"1\" begin=\"{b}\" end=\"{e}\" Governor=\"{governor}\" Dependent=\"{dependent}\"/>"
        );
    }
    let mut relations: Vec<_> = doc.relations().collect();
    relations.sort_by(|a, b| a.id.cmp(&b.id));
    for r in relations {
        let (Some(&(g, _, _)), Some(&(d, b, e))) = (first.get(r.from.as_str()), first.get(r.to.as_str()))
        else {
            continue;
        };
        let Some(layer) = ts.relations.get(map.map_back(&r.kind)) else {
            continue;
        };
        items += 1;
        let mut features = String::new();
        for (k, v) in &r.attributes {
            if let (Some(f), false) = (layer.features.get(k), v.is_empty()) {
                let _ = write!(features, " {f}=\"{}\"", esc(v));
            }
        }
        let id = next_id;
        next_id += 1;
        members.push(id);
        let _ = writeln!(
            body,
            "<custom:{} xmi:id=\"{id}\" sofa=\"1\" begin=\"{b}\" end=\"{e}\" Governor=\"{g}\" Dependent=\"{d}\"{features}/>",
            layer.short
        );
    }
    let mut s = String::with_capacity(body.len() + text.len() * 2 + 512);
    let _ = write!(
        s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xmi:XMI xmlns:xmi=\"{XMI_NS}\" xmlns:cas=\"{CAS_NS}\" xmlns:tcas=\"http:///uima/tcas.ecore\" xmlns:type2=\"{METADATA_NS}\" xmlns:custom=\"{CUSTOM_NS}\" xmi:version=\"2.0\">\n<cas:NULL xmi:id=\"0\"/>\n"
    );
    s.push_str(&body);
    let _ = writeln!(
        s,
        "<cas:Sofa xmi:id=\"1\" sofaNum=\"1\" sofaID=\"_InitialView\" mimeType=\"text\" sofaString=\"{}\"/>",
        esc(text)
    );
    let members: Vec<String> = members.iter().map(usize::to_string).collect();
    let _ = writeln!(s, "<cas:View sofa=\"1\" members=\"{}\"/>", members.join(" "));
    s.push_str("</xmi:XMI>\n");
    lost.unsayable_chars += unsayable;
    (s, items)
}
