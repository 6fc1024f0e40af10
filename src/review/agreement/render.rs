//! The report as JSON (a stable shape for scripts) and as text tables.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::{AgreementReport, Figure, PairFigures, Section};

fn fig(f: &Figure) -> Value {
    f.value().map_or(Value::Null, Value::from)
}

fn pair_json(p: &PairFigures) -> Value {
    let mut labels = Map::new();
    for l in &p.labels {
        labels.insert(
            l.label.clone(),
            json!({
                "f1_exact": fig(&l.f1_exact),
                "f1_overlap": fig(&l.f1_overlap),
                "cohen_kappa": fig(&l.cohen_kappa),
                "spans_a": l.counts.spans_a,
                "spans_b": l.counts.spans_b,
                "exact_matches": l.counts.exact,
                "overlap_matches": l.counts.overlap,
            }),
        );
    }
    let r = &p.said_by;
    json!({
        "a": p.a,
        "b": p.b,
        "documents": p.documents,
        "labels": labels,
        "relations": {"said_by": {
            "f1_exact": fig(&r.f1_exact),
            "f1_overlap": fig(&r.f1_overlap),
            "links_a": r.counts.links_a,
            "links_b": r.counts.links_b,
            "exact_matches": r.counts.exact,
            "overlap_matches": r.counts.overlap,
        }},
        "person": {
            "n": p.person.n,
            "same": p.person.same,
            "agreement": fig(&p.person.agreement),
            "cohen_kappa": fig(&p.person.cohen_kappa),
        },
    })
}

/// `pairs`, `labels` and `overall` of one section.
fn section_json(s: &Section, out: &mut Map<String, Value>) {
    out.insert(
        "pairs".into(),
        Value::Array(s.pairs.iter().map(pair_json).collect()),
    );
    let mut labels = Map::new();
    for l in &s.labels {
        labels.insert(
            l.label.clone(),
            json!({
                "fleiss_kappa": fig(&l.fleiss_kappa),
                "krippendorff_alpha": fig(&l.krippendorff_alpha),
            }),
        );
    }
    out.insert("labels".into(), Value::Object(labels));
    out.insert(
        "overall".into(),
        json!({"krippendorff_alpha": fig(&s.overall_alpha), "documents": s.overall_documents}),
    );
}

impl AgreementReport {
    /// The report as JSON: `annotators`, `pairs`, `labels`, `overall`,
    /// `documents` (each with the same `pairs`, `labels`, `overall`) and
    /// `left_out`; an undefined figure is `null`.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("annotators".into(), json!(self.annotators));
        out.insert("measured_labels".into(), json!(self.labels));
        section_json(&self.section, &mut out);
        let docs: Vec<Value> = self
            .documents
            .iter()
            .map(|d| {
                let mut m = Map::new();
                m.insert("id".into(), json!(d.id));
                m.insert("title".into(), json!(d.title));
                m.insert("annotators".into(), json!(d.annotators));
                section_json(&d.section, &mut m);
                if let (Some(why), Some(Value::Object(o))) = (&d.overall_left_out, m.get_mut("overall")) {
                    o.insert("left_out".into(), json!(why));
                }
                Value::Object(m)
            })
            .collect();
        out.insert("documents".into(), Value::Array(docs));
        let left: Vec<Value> = self
            .left_out
            .iter()
            .map(|l| json!({"annotator": l.annotator, "source": l.source, "document": l.document, "reason": l.reason}))
            .collect();
        out.insert("left_out".into(), Value::Array(left));
        Value::Object(out)
    }

    /// The report as text tables: pooled figures first, then each document;
    /// undefined figures show as `n/a` with their reasons listed.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "Annotators: {}", self.annotators.join(", "));
        let _ = writeln!(s, "Labels: {}", self.labels.join(", "));
        let _ = writeln!(s, "\n== All documents ({}), pooled ==", self.documents.len());
        section_text(&self.section, &mut s);
        if self.annotators.len() > 2 {
            let measure = super::PairMeasure::default();
            let _ = writeln!(s, "\nPair matrix per label ({}, pooled):", measure.name());
            for m in self.section.matrices(&self.annotators, &self.labels, measure) {
                let _ = writeln!(s, "\n{}", m.summary_line());
                s.push_str(&m.to_text());
            }
        }
        let out: Vec<_> = self
            .documents
            .iter()
            .filter_map(|d| d.overall_left_out.as_ref().map(|w| (d, w)))
            .collect();
        if !out.is_empty() {
            let _ = writeln!(s, "Left out of the overall alpha:");
            for (d, why) in out {
                let _ = writeln!(s, "  {} ({}): {why}", d.id, d.title);
            }
        }
        for d in &self.documents {
            let _ = writeln!(s, "\n== Document {} ({}) ==", d.id, d.title);
            let _ = writeln!(s, "Annotators: {}", d.annotators.join(", "));
            section_text(&d.section, &mut s);
        }
        s
    }
}

fn cell(f: &Figure, notes: &mut Vec<String>, what: impl FnOnce() -> String) -> String {
    match f {
        Figure::Value(v) => format!("{v:.4}"),
        Figure::Undefined(why) => {
            let line = format!("{}: {why}", what());
            let n = match notes.iter().position(|x| *x == line) {
                Some(i) => i + 1,
                None => {
                    notes.push(line);
                    notes.len()
                }
            };
            format!("n/a[{n}]")
        }
    }
}

fn section_text(sec: &Section, s: &mut String) {
    let mut notes: Vec<String> = Vec::new();
    let _ = writeln!(s, "\nPer label, all annotators (character level):");
    let _ = writeln!(
        s,
        "  {:<24} {:>14} {:>14}",
        "label", "Fleiss kappa", "Kripp. alpha"
    );
    for l in &sec.labels {
        let fk = cell(&l.fleiss_kappa, &mut notes, || {
            format!("{} Fleiss' kappa", l.label)
        });
        let ka = cell(&l.krippendorff_alpha, &mut notes, || {
            format!("{} Krippendorff's alpha", l.label)
        });
        let _ = writeln!(s, "  {:<24} {fk:>14} {ka:>14}", l.label);
    }
    let oa = cell(&sec.overall_alpha, &mut notes, || "overall alpha".to_string());
    let _ = writeln!(
        s,
        "  {:<24} {:>14} {oa:>14}   ({} documents)",
        "overall (none + labels)", "", sec.overall_documents
    );
    let _ = writeln!(s, "\nPer pair and label:");
    let _ = writeln!(
        s,
        "  {:<28} {:<18} {:>7} {:>7} {:>9} {:>10} {:>9}",
        "pair", "label", "spans A", "spans B", "F1 exact", "F1 overlap", "kappa"
    );
    for p in &sec.pairs {
        let pair = format!("{} / {}", p.a, p.b);
        for l in &p.labels {
            let what = |f: &str| format!("{pair} {} {f}", l.label);
            let fe = cell(&l.f1_exact, &mut notes, || what("F1 exact"));
            let fo = cell(&l.f1_overlap, &mut notes, || what("F1 overlap"));
            let ck = cell(&l.cohen_kappa, &mut notes, || what("Cohen's kappa"));
            let _ = writeln!(
                s,
                "  {pair:<28} {:<18} {:>7} {:>7} {fe:>9} {fo:>10} {ck:>9}",
                l.label, l.counts.spans_a, l.counts.spans_b
            );
        }
    }
    let _ = writeln!(
        s,
        "\nPer pair, said_by links and persons of quotes matched by overlap:"
    );
    let _ = writeln!(
        s,
        "  {:<28} {:>7} {:>7} {:>9} {:>10} {:>7} {:>9} {:>9}",
        "pair", "links A", "links B", "F1 exact", "F1 overlap", "quotes", "agree", "kappa"
    );
    for p in &sec.pairs {
        let pair = format!("{} / {}", p.a, p.b);
        let r = &p.said_by;
        let fe = cell(&r.f1_exact, &mut notes, || format!("{pair} said_by F1 exact"));
        let fo = cell(&r.f1_overlap, &mut notes, || format!("{pair} said_by F1 overlap"));
        let ag = cell(&p.person.agreement, &mut notes, || {
            format!("{pair} person agreement")
        });
        let pk = cell(&p.person.cohen_kappa, &mut notes, || {
            format!("{pair} person kappa")
        });
        let _ = writeln!(
            s,
            "  {pair:<28} {:>7} {:>7} {fe:>9} {fo:>10} {:>7} {ag:>9} {pk:>9}",
            r.counts.links_a, r.counts.links_b, p.person.n
        );
    }
    if !notes.is_empty() {
        let _ = writeln!(s, "\nn/a:");
        for (i, n) in notes.iter().enumerate() {
            let _ = writeln!(s, "  [{}] {n}", i + 1);
        }
    }
}
