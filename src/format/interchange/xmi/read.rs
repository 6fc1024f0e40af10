//! Reading XMI: ours, INCEpTION's and DKPro's (see the module above).
//! Every problem is an issue naming the file and line; the rest is kept.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use roxmltree::{Document as Xml, Node};

use super::utf16::{Utf16Error, Utf16Offsets};
use super::{CAS_NS, NEXT_PART, XMI_NS};
use crate::format::interchange::{
    DraftDocument, ImportOptions, NormalisedText, Sink, default_annotator, id_prefix,
};
use crate::model::{Annotation, CharRange, Fragment, Relation, TextIndex};

/// Features that are the annotation's frame, not its attributes.
const FRAME: [&str; 5] = ["begin", "end", "sofa", "Governor", "Dependent"];

/// Packages whose types are structure, not annotations.
const NOT_ANNOTATIONS: [&str; 3] = [
    "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type",
    "de.tudarmstadt.ukp.dkpro.core.api.metadata.type",
    "uima.tcas",
];

pub(in crate::format::interchange) fn import(
    files: &[PathBuf],
    opts: &crate::format::interchange::ImportOptions,
    sink: &mut Sink,
    progress: &(dyn Fn(usize, usize) + Sync),
) {
    let total = files.len();
    let originals = original_names(files);
    for (done, path) in files.iter().enumerate() {
        progress(done, total);
        match std::fs::read_to_string(path) {
            Ok(content) => read_file(path, &content, opts, &originals, sink),
            Err(e) => sink.issue(path, None, format!("skipped: {e}")),
        }
    }
    progress(total, total);
}

/// The labels and relation kinds our export had to make UIMA identifiers
/// (`Attribution.Content` as the type `webanno.custom.Attribution_Content`),
/// by type short name: the `TypeSystem.xml` beside the files gives each
/// type's original name as its description. A description that is not the
/// name of its type (INCEpTION's own prose) is not taken.
fn original_names(files: &[PathBuf]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let folders: std::collections::BTreeSet<&Path> = files.iter().filter_map(|f| f.parent()).collect();
    for folder in folders {
        let Ok(text) = std::fs::read_to_string(folder.join("TypeSystem.xml")) else {
            continue;
        };
        let Ok(xml) = Xml::parse(&text) else {
            continue;
        };
        for t in xml
            .descendants()
            .filter(|n| n.tag_name().name() == "typeDescription")
        {
            let child = |name: &str| {
                t.children()
                    .find(|c| c.tag_name().name() == name)
                    .and_then(|c| c.text())
                    .map(str::trim)
            };
            let (Some(name), Some(desc)) = (child("name"), child("description")) else {
                continue;
            };
            let Some(short) = name.strip_prefix("webanno.custom.") else {
                continue;
            };
            let id = super::names::identifier(desc);
            let suffixed = short.strip_prefix(id.as_str()).is_some_and(|rest| {
                rest.strip_prefix('_')
                    .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
            });
            if !desc.is_empty() && desc != short && (short == id || suffixed) {
                out.insert(short.to_string(), desc.to_string());
            }
        }
    }
    out
}

/// A span element as read.
struct SpanIn {
    xmi_id: String,
    label: String,
    /// Char offsets in the raw sofa text.
    start: usize,
    end: usize,
    attributes: BTreeMap<String, String>,
    line: usize,
}

/// A relation element as read.
struct RelationIn {
    kind: String,
    governor: String,
    dependent: String,
    attributes: BTreeMap<String, String>,
    line: usize,
}

fn read_file(
    path: &Path,
    content: &str,
    opts: &ImportOptions,
    originals: &HashMap<String, String>,
    sink: &mut Sink,
) {
    let xml = match Xml::parse(content) {
        Ok(x) => x,
        Err(e) => {
            let pos = e.pos();
            sink.issue(
                path,
                Some(pos.row as usize),
                format!("not well-formed XML ({e}); the file was skipped"),
            );
            return;
        }
    };
    let root = xml.root_element();
    let line_of = |n: Node| xml.text_pos_at(n.range().start).row as usize;
    if root.tag_name().namespace() != Some(XMI_NS) || root.tag_name().name() != "XMI" {
        sink.issue(
            path,
            Some(line_of(root)),
            format!(
                "not UIMA CAS XMI: the root element is <{}>, not <xmi:XMI>; the file was skipped",
                root.tag_name().name()
            ),
        );
        return;
    }
    let sofas: Vec<Node> = root
        .children()
        .filter(|n| {
            n.is_element() && n.tag_name().namespace() == Some(CAS_NS) && n.tag_name().name() == "Sofa"
        })
        .collect();
    let Some(sofa) = sofas
        .iter()
        .find(|s| s.attribute("sofaID") == Some("_InitialView"))
        .or(sofas.first())
    else {
        sink.issue(
            path,
            Some(1),
            "no text: the file has no cas:Sofa; the file was skipped",
        );
        return;
    };
    let Some(raw) = sofa.attribute("sofaString") else {
        sink.issue(
            path,
            Some(line_of(*sofa)),
            "the cas:Sofa has no sofaString (a text held elsewhere is not read); the file was skipped",
        );
        return;
    };
    let sofa_id = sofa.attribute((XMI_NS, "id")).unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (mut doc_id, mut title) = (stem.clone(), String::new());
    let u16s = Utf16Offsets::new(raw);
    let mut spans: Vec<SpanIn> = Vec::new();
    let mut relations: Vec<RelationIn> = Vec::new();
    let mut other_views = 0;
    for n in root.children().filter(Node::is_element) {
        let ns = n.tag_name().namespace().unwrap_or_default();
        if ns == XMI_NS || ns == CAS_NS {
            continue;
        }
        if n.attribute("sofa").is_some_and(|s| s != sofa_id) {
            other_views += 1;
            continue;
        }
        let tag = n.tag_name().name();
        let package = package_of(ns);
        let short = if ns == super::CUSTOM_NS {
            originals.get(tag).map_or(tag, String::as_str)
        } else {
            tag
        };
        if short == "DocumentMetaData" {
            if let Some(id) = n.attribute("documentId").filter(|s| !s.trim().is_empty()) {
                doc_id = id.to_string();
            }
            title = n.attribute("documentTitle").unwrap_or_default().to_string();
            continue;
        }
        if NOT_ANNOTATIONS.contains(&package.as_str()) {
            continue;
        }
        let attributes: BTreeMap<String, String> = n
            .attributes()
            .filter(|a| a.namespace().is_none() && !FRAME.contains(&a.name()) && !a.value().is_empty())
            .map(|a| (a.name().to_string(), a.value().to_string()))
            .collect();
        let line = line_of(n);
        if let (Some(g), Some(d)) = (n.attribute("Governor"), n.attribute("Dependent")) {
            relations.push(RelationIn {
                kind: short.to_string(),
                governor: g.to_string(),
                dependent: d.to_string(),
                attributes,
                line,
            });
            continue;
        }
        let (Some(b), Some(e)) = (n.attribute("begin"), n.attribute("end")) else {
            continue;
        };
        let mut attributes = attributes;
        // DKPro's named entities keep their label in `value`.
        let label = match (short, attributes.remove("value")) {
            ("NamedEntity", Some(v)) => v,
            (_, Some(v)) => {
                attributes.insert("value".into(), v);
                short.to_string()
            }
            _ => short.to_string(),
        };
        match (offset(b, &u16s), offset(e, &u16s)) {
            (Ok(start), Ok(end)) if start <= end => spans.push(SpanIn {
                xmi_id: n.attribute((XMI_NS, "id")).unwrap_or_default().to_string(),
                label: opts.map.map(&label).to_string(),
                start,
                end,
                attributes,
                line,
            }),
            (Ok(_), Ok(_)) => sink.issue(
                path,
                Some(line),
                format!("the {short} {b}..{e} ends before it starts; it was skipped"),
            ),
            (Err(why), _) | (_, Err(why)) => sink.issue(
                path,
                Some(line),
                format!("the {short} {b}..{e} (UTF-16 offsets): {why}; it was skipped"),
            ),
        }
    }
    if other_views > 0 {
        sink.issue(
            path,
            None,
            format!("{other_views} annotations of other views than the text's were not read"),
        );
    }
    let annotator = default_annotator(opts);
    let prefix = id_prefix("xmi", &annotator, &doc_id);
    let norm = NormalisedText::new(raw);
    for n in &norm.notes {
        sink.issue(path, None, format!("note: {n}"));
    }
    let mut draft = DraftDocument {
        annotator,
        title: if title.trim().is_empty() {
            crate::format::first_line_title(&norm.text).unwrap_or_else(|| doc_id.clone())
        } else {
            title
        },
        id: doc_id,
        file: path.to_path_buf(),
        ..Default::default()
    };
    let ctx = Ctx {
        path,
        prefix: &prefix,
    };
    let owner = add_annotations(&mut draft, spans, &relations, &norm, &ctx, sink);
    add_relations(&mut draft, relations, &owner, opts, &ctx, sink);
    draft.text = norm.text;
    sink.drafts.push(draft);
}

struct Ctx<'a> {
    path: &'a Path,
    prefix: &'a str,
}

/// `http:///webanno/custom.ecore` -> `webanno.custom`.
fn package_of(ns: &str) -> String {
    ns.trim_start_matches("http://")
        .trim_start_matches('/')
        .trim_end_matches(".ecore")
        .replace('/', ".")
}

/// A UTF-16 offset as a char offset of the text.
fn offset(v: &str, u16s: &Utf16Offsets) -> Result<usize, String> {
    let u: usize = v.trim().parse().map_err(|_| format!("{v:?} is not an offset"))?;
    u16s.to_char(u).map_err(|e| match e {
        Utf16Error::PastEnd { len } => format!("{u} is past the end of the text ({len} UTF-16 units)"),
        Utf16Error::InsideChar => {
            format!("{u} falls inside a character (between the halves of a surrogate pair)")
        }
    })
}

/// Makes annotations of the spans, parts linked by `NextPart` put back
/// together; returns the annotation id of every span's xmi:id.
fn add_annotations(
    draft: &mut DraftDocument,
    spans: Vec<SpanIn>,
    relations: &[RelationIn],
    norm: &NormalisedText,
    ctx: &Ctx,
    sink: &mut Sink,
) -> HashMap<String, String> {
    let index: HashMap<&str, usize> = spans
        .iter()
        .enumerate()
        .map(|(k, s)| (s.xmi_id.as_str(), k))
        .collect();
    // previous[k]: the part span k continues.
    let mut previous: Vec<Option<usize>> = vec![None; spans.len()];
    for r in relations.iter().filter(|r| r.kind == NEXT_PART) {
        match (index.get(r.governor.as_str()), index.get(r.dependent.as_str())) {
            (Some(&g), Some(&d)) if spans[g].label == spans[d].label && g != d && previous[d].is_none() => {
                previous[d] = Some(g)
            }
            _ => sink.issue(
                ctx.path,
                Some(r.line),
                "a NextPart does not link two parts of one label; the parts were kept apart",
            ),
        }
    }
    let root_of = |mut k: usize| {
        // A cycle of parts stops after as many steps as there are spans.
        for _ in 0..spans.len() {
            match previous[k] {
                Some(p) => k = p,
                None => break,
            }
        }
        k
    };
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for k in 0..spans.len() {
        groups.entry(root_of(k)).or_default().push(k);
    }
    let norm_index = TextIndex::new(&norm.text);
    let mut owner = HashMap::new();
    for (root, members) in groups {
        let head = &spans[root];
        let id = format!("{}x{}", ctx.prefix, head.xmi_id);
        let mut fragments: Vec<Fragment> = members
            .iter()
            .map(|&k| {
                let (start, end) = (norm.map(spans[k].start), norm.map(spans[k].end));
                Fragment {
                    start,
                    end,
                    text: norm_index.slice(&norm.text, CharRange { start, end }).to_string(),
                }
            })
            .collect();
        fragments.sort_by_key(|f| (f.start, f.end));
        for &k in &members {
            owner.insert(spans[k].xmi_id.clone(), id.clone());
        }
        draft
            .origin
            .insert(id.clone(), (ctx.path.to_path_buf(), Some(head.line)));
        draft.annotations.push(Annotation {
            id,
            label: head.label.clone(),
            fragments,
            attributes: head.attributes.clone(),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            annotators: Vec::new(),
            origin: None,
        });
    }
    owner
}

fn add_relations(
    draft: &mut DraftDocument,
    relations: Vec<RelationIn>,
    owner: &HashMap<String, String>,
    opts: &ImportOptions,
    ctx: &Ctx,
    sink: &mut Sink,
) {
    for (k, r) in relations.into_iter().enumerate() {
        if r.kind == NEXT_PART {
            continue;
        }
        let (Some(from), Some(to)) = (owner.get(&r.governor), owner.get(&r.dependent)) else {
            sink.issue(
                ctx.path,
                Some(r.line),
                format!(
                    "the {} relation names xmi:id {} and {}, which are not both annotations read; it was skipped",
                    r.kind, r.governor, r.dependent
                ),
            );
            continue;
        };
        let id = format!("{}r{}", ctx.prefix, k + 1);
        draft
            .origin
            .insert(id.clone(), (ctx.path.to_path_buf(), Some(r.line)));
        draft.relations.push(Relation {
            id,
            kind: opts.map.map(&r.kind).to_string(),
            from: from.clone(),
            to: to.clone(),
            attributes: r.attributes,
        });
    }
}
