//! Agreement: `quotebench agree` on small hand-made projects whose texts
//! have emoji, CJK and combining marks (char offsets, not bytes), and the
//! library's figures on PolNeAR's annotator-training set against reference
//! values from `scripts/agreement_reference.py` (sklearn, statsmodels,
//! krippendorff; skipped when the corpus is absent, a failure then under CI).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use quotebench::format::colleagues::read_colleagues;
use quotebench::format::interchange::LabelMap;
use quotebench::format::save_project;
use quotebench::model::{Annotation, Document, Fragment, Project, Relation, TagSet};
use quotebench::review::agreement::{AgreementOptions, agreement};
use quotebench::review::{ReviewSet, layers_of};
use serde_json::Value;

const TEXT: &str = "Zoe\u{301} Ōno said: “東京 is 👍🏽 fine, 本当に”, and then she left. Kim said nothing.";

/// The char offset of `needle` in TEXT.
fn at(needle: &str) -> usize {
    let byte = TEXT.find(needle).expect("needle in TEXT");
    TEXT[..byte].chars().count()
}

fn ann(id: &str, label: &str, frags: &[(usize, usize)]) -> Annotation {
    let chars: Vec<char> = TEXT.chars().collect();
    Annotation {
        id: id.to_string(),
        label: label.to_string(),
        fragments: frags
            .iter()
            .map(|&(start, end)| Fragment {
                start,
                end,
                text: chars[start..end].iter().collect(),
            })
            .collect(),
        attributes: Default::default(),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        annotators: Vec::new(),
        origin: None,
    }
}

fn said_by(id: &str, quote: &str, speaker: &str) -> Relation {
    Relation {
        id: id.to_string(),
        kind: "said_by".to_string(),
        from: quote.to_string(),
        to: speaker.to_string(),
        attributes: Default::default(),
    }
}

fn project(annotator: &str, anns: Vec<Annotation>, rels: Vec<Relation>) -> Project {
    let (doc, _, _) = Document::from_parts("doc".into(), "Doc".into(), None, TEXT.to_string(), anns, rels);
    Project {
        people: Default::default(),
        name: "agreement test".to_string(),
        annotator: annotator.to_string(),
        tagset: TagSet::default(),
        documents: vec![doc],
        conflicts: Vec::new(),
    }
}

/// Two annotators: the same speaker; quotes that overlap but end apart.
fn write_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let zoe = (at("Zoe"), at(" said"));
    let q_start = at("東京");
    let a_end = at("”");
    let b_end = at(", 本当に");
    let a = project(
        "ana",
        vec![
            ann("a-s", "Speaker", &[zoe]),
            ann("a-q", "Quote", &[(q_start, a_end)]),
        ],
        vec![said_by("a-r", "a-q", "a-s")],
    );
    let b = project(
        "bo",
        vec![
            ann("b-s", "Speaker", &[zoe]),
            ann("b-q", "Quote", &[(q_start, b_end)]),
            ann("b-c", "Cue", &[(at("said"), at(": “"))]),
        ],
        vec![said_by("b-r", "b-q", "b-s")],
    );
    let (pa, pb) = (dir.join("ana.qb.ron"), dir.join("bo.qb.ron"));
    save_project(&a, &pa).expect("save a");
    save_project(&b, &pb).expect("save b");
    (pa, pb)
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_quotebench"))
        .args(args)
        .output()
        .expect("run quotebench");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

#[test]
fn cli_json_on_two_small_projects() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pa, pb) = write_pair(dir.path());
    let (code, stdout, stderr) = run(&["agree", &pa.to_string_lossy(), &pb.to_string_lossy(), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(v["annotators"], serde_json::json!(["ana", "bo"]));
    let p = &v["pairs"][0];
    assert_eq!((p["a"].as_str(), p["b"].as_str()), (Some("ana"), Some("bo")));
    let (q, s, c) = (
        &p["labels"]["Quote"],
        &p["labels"]["Speaker"],
        &p["labels"]["Cue"],
    );
    assert_eq!(num(&q["f1_exact"]), 0.0);
    assert_eq!(num(&q["f1_overlap"]), 1.0);
    assert_eq!(num(&s["f1_exact"]), 1.0);
    assert_eq!(num(&c["f1_exact"]), 0.0);
    // Quote kappa by hand over the text's chars (not bytes).
    let n = TEXT.chars().count() as f64;
    let (qa, qb) = (
        (at("”") - at("東京")) as f64,
        (at(", 本当に") - at("東京")) as f64,
    );
    let po = (n - (qa - qb)) / n;
    let pe = (qa / n) * (qb / n) + (1.0 - qa / n) * (1.0 - qb / n);
    assert!((num(&q["cohen_kappa"]) - (po - pe) / (1.0 - pe)).abs() < 1e-12);
    // Speakers agree exactly, the Cue only bo tagged.
    assert!((num(&s["cohen_kappa"]) - 1.0).abs() < 1e-12);
    assert_eq!(num(&c["cohen_kappa"]), 0.0);
    // said_by: the quotes match by overlap only.
    let r = &p["relations"]["said_by"];
    assert_eq!((num(&r["f1_exact"]), num(&r["f1_overlap"])), (0.0, 1.0));
    assert_eq!(p["person"]["n"].as_u64(), Some(1));
    assert_eq!(num(&p["person"]["agreement"]), 1.0);
    // Shape: labels, overall, documents, left_out.
    for label in ["Quote", "Speaker", "Cue"] {
        assert!(v["labels"][label].get("fleiss_kappa").is_some());
        assert!(v["labels"][label].get("krippendorff_alpha").is_some());
    }
    assert!(v["overall"]["krippendorff_alpha"].is_f64());
    assert_eq!(v["documents"][0]["id"].as_str(), Some("doc"));
    assert!(v["documents"][0]["pairs"][0]["labels"]["Quote"].is_object());
    assert!(v["left_out"].as_array().is_some_and(Vec::is_empty));
}

#[test]
fn cli_text_label_restriction_and_nulls() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pa, pb) = write_pair(dir.path());
    let (pa, pb) = (
        pa.to_string_lossy().into_owned(),
        pb.to_string_lossy().into_owned(),
    );
    let (code, stdout, stderr) = run(&["agree", &pa, &pb, "--label", "Claim", "--label", "Quote"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Labels: Claim, Quote"), "{stdout}");
    // Nobody tagged a Claim: its figures are n/a, with the reason.
    assert!(stdout.contains("n/a[1]"), "{stdout}");
    assert!(stdout.contains("neither annotator has any"), "{stdout}");
    let (_, json, _) = run(&["agree", &pa, &pb, "--label", "Claim", "--json"]);
    let v: Value = serde_json::from_str(&json).expect("json");
    assert!(v["pairs"][0]["labels"]["Claim"]["f1_exact"].is_null());
    assert!(v["pairs"][0]["labels"]["Claim"]["cohen_kappa"].is_null());
    assert!(v["labels"]["Claim"]["krippendorff_alpha"].is_null());
    assert!(v["pairs"][0]["labels"].get("Quote").is_none());
}

#[test]
fn cli_fails_with_one_annotator_or_unreadable_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pa, _) = write_pair(dir.path());
    let pa = pa.to_string_lossy().into_owned();
    let (code, _, stderr) = run(&["agree", &pa, &pa]);
    // The same file twice is two layers of one person ("ana", "ana (2)"): allowed.
    assert_eq!(code, 0, "{stderr}");
    let (code, _, _) = run(&["agree", &pa]);
    assert_eq!(code, 2);
    let bad = dir.path().join("bad.qb.ron");
    std::fs::write(&bad, "not ron").expect("write");
    let (code, _, stderr) = run(&["agree", &pa, &bad.to_string_lossy()]);
    assert_eq!(code, 2, "{stderr}");
}

// ---------------------------------------------------------------------------
// PolNeAR against the Python reference

/// PolNeAR's annotator-training set; skipped where it is absent, a failure under CI.
fn training() -> Option<PathBuf> {
    common::shared_dir("corpora/polnear/annotator-training")
}

/// (a, b, label, figure, value) from `python3 scripts/agreement_reference.py --rust`
/// (all labels; overall alpha from `--labels Quote,Speaker,Cue`). Pair-less
/// rows ("", "") are the all-annotator figures.
const REFERENCE: &[(&str, &str, &str, &str, f64)] = &[
    ("", "", "Attribution", "fleiss_kappa", 0.6798058225420698),
    ("", "", "Attribution", "krippendorff_alpha", 0.6798090839058945),
    (
        "",
        "",
        "Attribution-no-source",
        "fleiss_kappa",
        0.21589996125700223,
    ),
    (
        "",
        "",
        "Attribution-no-source",
        "krippendorff_alpha",
        0.2159079477715926,
    ),
    ("", "", "Cue", "fleiss_kappa", 0.6641533864859782),
    ("", "", "Cue", "krippendorff_alpha", 0.6641568072789643),
    ("", "", "Discard", "fleiss_kappa", 0.5774017234845442),
    ("", "", "Discard", "krippendorff_alpha", 0.5774060278936439),
    ("", "", "Discuss", "fleiss_kappa", 0.0007269791873593925),
    ("", "", "Discuss", "krippendorff_alpha", 0.0007371573639691764),
    ("", "", "Quote", "fleiss_kappa", 0.8470908863211329),
    ("", "", "Quote", "krippendorff_alpha", 0.8470924437893463),
    ("", "", "Speaker", "fleiss_kappa", 0.7289904340833615),
    ("", "", "Speaker", "krippendorff_alpha", 0.7289931944733257),
    ("4b22", "4e07", "Attribution", "cohen_kappa", 0.6859497258809958),
    ("4b22", "4e07", "Attribution", "f1_exact", 0.7628865979381443),
    ("4b22", "4e07", "Attribution-no-source", "cohen_kappa", 0.0),
    ("4b22", "4e07", "Attribution-no-source", "f1_exact", 0.0),
    ("4b22", "4e07", "Cue", "cohen_kappa", 0.6609243987362936),
    ("4b22", "4e07", "Cue", "f1_exact", 0.7474747474747475),
    ("4b22", "4e07", "Discard", "cohen_kappa", 0.0),
    ("4b22", "4e07", "Discard", "f1_exact", 0.0),
    ("4b22", "4e07", "Discuss", "cohen_kappa", 0.0),
    ("4b22", "4e07", "Discuss", "f1_exact", 0.0),
    ("4b22", "4e07", "Quote", "cohen_kappa", 0.8485152186745328),
    ("4b22", "4e07", "Quote", "f1_exact", 0.5233644859813084),
    ("4b22", "4e07", "Speaker", "cohen_kappa", 0.8526329230180215),
    ("4b22", "4e07", "Speaker", "f1_exact", 0.8172043010752689),
    ("4b22", "5fec", "Attribution", "cohen_kappa", 0.702611519706479),
    ("4b22", "5fec", "Attribution", "f1_exact", 0.7706422018348624),
    (
        "4b22",
        "5fec",
        "Attribution-no-source",
        "cohen_kappa",
        0.4897399620019981,
    ),
    ("4b22", "5fec", "Attribution-no-source", "f1_exact", 0.5),
    ("4b22", "5fec", "Cue", "cohen_kappa", 0.6908137927819273),
    ("4b22", "5fec", "Cue", "f1_exact", 0.7610619469026548),
    ("4b22", "5fec", "Discard", "cohen_kappa", 0.6822049777145534),
    ("4b22", "5fec", "Discard", "f1_exact", 0.0),
    ("4b22", "5fec", "Quote", "cohen_kappa", 0.887254042766666),
    ("4b22", "5fec", "Quote", "f1_exact", 0.672566371681416),
    ("4b22", "5fec", "Speaker", "cohen_kappa", 0.6923636349579743),
    ("4b22", "5fec", "Speaker", "f1_exact", 0.7961165048543689),
    ("4b22", "6b86", "Attribution", "cohen_kappa", 0.7289394260015689),
    ("4b22", "6b86", "Attribution", "f1_exact", 0.7307692307692307),
    (
        "4b22",
        "6b86",
        "Attribution-no-source",
        "cohen_kappa",
        -0.0010736932907935426,
    ),
    ("4b22", "6b86", "Attribution-no-source", "f1_exact", 0.0),
    ("4b22", "6b86", "Cue", "cohen_kappa", 0.6976530913263272),
    ("4b22", "6b86", "Cue", "f1_exact", 0.7102803738317757),
    ("4b22", "6b86", "Discard", "cohen_kappa", 0.7018640426388056),
    ("4b22", "6b86", "Discard", "f1_exact", 0.5),
    ("4b22", "6b86", "Discuss", "cohen_kappa", 0.0),
    ("4b22", "6b86", "Discuss", "f1_exact", 0.0),
    ("4b22", "6b86", "Quote", "cohen_kappa", 0.8682083087574367),
    ("4b22", "6b86", "Quote", "f1_exact", 0.6355140186915887),
    ("4b22", "6b86", "Speaker", "cohen_kappa", 0.8316303128101374),
    ("4b22", "6b86", "Speaker", "f1_exact", 0.84),
    ("4b22", "d473", "Attribution", "cohen_kappa", 0.8365790436639207),
    ("4b22", "d473", "Attribution", "f1_exact", 0.8627450980392157),
    (
        "4b22",
        "d473",
        "Attribution-no-source",
        "cohen_kappa",
        0.4551940722028718,
    ),
    ("4b22", "d473", "Attribution-no-source", "f1_exact", 0.5),
    ("4b22", "d473", "Cue", "cohen_kappa", 0.811022546322339),
    ("4b22", "d473", "Cue", "f1_exact", 0.8490566037735849),
    ("4b22", "d473", "Discard", "cohen_kappa", 1.0),
    ("4b22", "d473", "Discard", "f1_exact", 1.0),
    ("4b22", "d473", "Discuss", "cohen_kappa", 0.0),
    ("4b22", "d473", "Discuss", "f1_exact", 0.0),
    ("4b22", "d473", "Quote", "cohen_kappa", 0.9434116117619065),
    ("4b22", "d473", "Quote", "f1_exact", 0.7169811320754716),
    ("4b22", "d473", "Speaker", "cohen_kappa", 0.8414828255625868),
    ("4b22", "d473", "Speaker", "f1_exact", 0.865979381443299),
    ("4b22", "ef2d", "Attribution", "cohen_kappa", 0.6797814298589766),
    ("4b22", "ef2d", "Attribution", "f1_exact", 0.7317073170731707),
    ("4b22", "ef2d", "Attribution-no-source", "cohen_kappa", 0.0),
    ("4b22", "ef2d", "Attribution-no-source", "f1_exact", 0.0),
    ("4b22", "ef2d", "Cue", "cohen_kappa", 0.6639868576415626),
    ("4b22", "ef2d", "Cue", "f1_exact", 0.72),
    ("4b22", "ef2d", "Discard", "cohen_kappa", 0.8509133980228691),
    ("4b22", "ef2d", "Discard", "f1_exact", 0.0),
    ("4b22", "ef2d", "Quote", "cohen_kappa", 0.8733237268032943),
    ("4b22", "ef2d", "Quote", "f1_exact", 0.672),
    ("4b22", "ef2d", "Speaker", "cohen_kappa", 0.676558904392211),
    ("4b22", "ef2d", "Speaker", "f1_exact", 0.7796610169491526),
    ("4e07", "5fec", "Attribution", "cohen_kappa", 0.5956800064800049),
    ("4e07", "5fec", "Attribution", "f1_exact", 0.7291666666666666),
    ("4e07", "5fec", "Attribution-no-source", "cohen_kappa", 0.0),
    ("4e07", "5fec", "Attribution-no-source", "f1_exact", 0.0),
    ("4e07", "5fec", "Cue", "cohen_kappa", 0.5772618474071167),
    ("4e07", "5fec", "Cue", "f1_exact", 0.7142857142857143),
    ("4e07", "5fec", "Discard", "cohen_kappa", 0.0),
    ("4e07", "5fec", "Discard", "f1_exact", 0.0),
    ("4e07", "5fec", "Discuss", "cohen_kappa", 0.0),
    ("4e07", "5fec", "Discuss", "f1_exact", 0.0),
    ("4e07", "5fec", "Quote", "cohen_kappa", 0.7929529932693966),
    ("4e07", "5fec", "Quote", "f1_exact", 0.5471698113207547),
    ("4e07", "5fec", "Speaker", "cohen_kappa", 0.6403617174722562),
    ("4e07", "5fec", "Speaker", "f1_exact", 0.7446808510638298),
    ("4e07", "6b86", "Attribution", "cohen_kappa", 0.631930919043183),
    ("4e07", "6b86", "Attribution", "f1_exact", 0.7252747252747253),
    ("4e07", "6b86", "Attribution-no-source", "cohen_kappa", 0.0),
    ("4e07", "6b86", "Attribution-no-source", "f1_exact", 0.0),
    ("4e07", "6b86", "Cue", "cohen_kappa", 0.6210884600517332),
    ("4e07", "6b86", "Cue", "f1_exact", 0.717391304347826),
    ("4e07", "6b86", "Discard", "cohen_kappa", 0.0),
    ("4e07", "6b86", "Discard", "f1_exact", 0.0),
    ("4e07", "6b86", "Discuss", "cohen_kappa", -0.006077388797568251),
    ("4e07", "6b86", "Discuss", "f1_exact", 0.0),
    ("4e07", "6b86", "Quote", "cohen_kappa", 0.8330436000571705),
    ("4e07", "6b86", "Quote", "f1_exact", 0.52),
    ("4e07", "6b86", "Speaker", "cohen_kappa", 0.7183667329305399),
    ("4e07", "6b86", "Speaker", "f1_exact", 0.7912087912087912),
    ("4e07", "d473", "Attribution", "cohen_kappa", 0.7794698226387627),
    ("4e07", "d473", "Attribution", "f1_exact", 0.8314606741573034),
    ("4e07", "d473", "Attribution-no-source", "cohen_kappa", 0.0),
    ("4e07", "d473", "Attribution-no-source", "f1_exact", 0.0),
    ("4e07", "d473", "Cue", "cohen_kappa", 0.7450639569164965),
    ("4e07", "d473", "Cue", "f1_exact", 0.8131868131868132),
    ("4e07", "d473", "Discard", "cohen_kappa", 0.0),
    ("4e07", "d473", "Discard", "f1_exact", 0.0),
    ("4e07", "d473", "Discuss", "cohen_kappa", -0.007582210272259138),
    ("4e07", "d473", "Discuss", "f1_exact", 0.0),
    ("4e07", "d473", "Quote", "cohen_kappa", 0.8678101878229434),
    ("4e07", "d473", "Quote", "f1_exact", 0.5656565656565656),
    ("4e07", "d473", "Speaker", "cohen_kappa", 0.7698728120696502),
    ("4e07", "d473", "Speaker", "f1_exact", 0.8409090909090909),
    ("4e07", "ef2d", "Attribution", "cohen_kappa", 0.4786103472600268),
    ("4e07", "ef2d", "Attribution", "f1_exact", 0.6363636363636364),
    ("4e07", "ef2d", "Cue", "cohen_kappa", 0.4786103472600268),
    ("4e07", "ef2d", "Cue", "f1_exact", 0.6363636363636364),
    ("4e07", "ef2d", "Discard", "cohen_kappa", 0.0),
    ("4e07", "ef2d", "Discard", "f1_exact", 0.0),
    ("4e07", "ef2d", "Discuss", "cohen_kappa", 0.0),
    ("4e07", "ef2d", "Discuss", "f1_exact", 0.0),
    ("4e07", "ef2d", "Quote", "cohen_kappa", 0.745505412733947),
    ("4e07", "ef2d", "Quote", "f1_exact", 0.4745762711864407),
    ("4e07", "ef2d", "Speaker", "cohen_kappa", 0.5300409795629297),
    ("4e07", "ef2d", "Speaker", "f1_exact", 0.6788990825688074),
    ("5fec", "6b86", "Attribution", "cohen_kappa", 0.6595281666114792),
    ("5fec", "6b86", "Attribution", "f1_exact", 0.7378640776699029),
    (
        "5fec",
        "6b86",
        "Attribution-no-source",
        "cohen_kappa",
        0.6663131920794503,
    ),
    (
        "5fec",
        "6b86",
        "Attribution-no-source",
        "f1_exact",
        0.6666666666666666,
    ),
    ("5fec", "6b86", "Cue", "cohen_kappa", 0.6589883116453519),
    ("5fec", "6b86", "Cue", "f1_exact", 0.7358490566037735),
    ("5fec", "6b86", "Discard", "cohen_kappa", 0.5201163709735365),
    ("5fec", "6b86", "Discard", "f1_exact", 0.0),
    ("5fec", "6b86", "Discuss", "cohen_kappa", 0.0),
    ("5fec", "6b86", "Discuss", "f1_exact", 0.0),
    ("5fec", "6b86", "Quote", "cohen_kappa", 0.824591739119197),
    ("5fec", "6b86", "Quote", "f1_exact", 0.6226415094339622),
    ("5fec", "6b86", "Speaker", "cohen_kappa", 0.7531970606111297),
    ("5fec", "6b86", "Speaker", "f1_exact", 0.7524752475247525),
    ("5fec", "d473", "Attribution", "cohen_kappa", 0.7691122911841627),
    ("5fec", "d473", "Attribution", "f1_exact", 0.8316831683168316),
    (
        "5fec",
        "d473",
        "Attribution-no-source",
        "cohen_kappa",
        0.4633721336994735,
    ),
    ("5fec", "d473", "Attribution-no-source", "f1_exact", 0.5),
    ("5fec", "d473", "Cue", "cohen_kappa", 0.7508045000486645),
    ("5fec", "d473", "Cue", "f1_exact", 0.819047619047619),
    ("5fec", "d473", "Discard", "cohen_kappa", 0.6822049777145534),
    ("5fec", "d473", "Discard", "f1_exact", 0.0),
    ("5fec", "d473", "Discuss", "cohen_kappa", 0.0),
    ("5fec", "d473", "Discuss", "f1_exact", 0.0),
    ("5fec", "d473", "Quote", "cohen_kappa", 0.8836909077677793),
    ("5fec", "d473", "Quote", "f1_exact", 0.6666666666666666),
    ("5fec", "d473", "Speaker", "cohen_kappa", 0.7449175095666183),
    ("5fec", "d473", "Speaker", "f1_exact", 0.8571428571428571),
    ("5fec", "ef2d", "Attribution", "cohen_kappa", 0.6094184744967266),
    ("5fec", "ef2d", "Attribution", "f1_exact", 0.6885245901639344),
    ("5fec", "ef2d", "Attribution-no-source", "cohen_kappa", 0.0),
    ("5fec", "ef2d", "Attribution-no-source", "f1_exact", 0.0),
    ("5fec", "ef2d", "Cue", "cohen_kappa", 0.5966471226761927),
    ("5fec", "ef2d", "Cue", "f1_exact", 0.6774193548387096),
    ("5fec", "ef2d", "Discard", "cohen_kappa", 0.8161783530627678),
    ("5fec", "ef2d", "Discard", "f1_exact", 0.3333333333333333),
    ("5fec", "ef2d", "Quote", "cohen_kappa", 0.8442840251140973),
    ("5fec", "ef2d", "Quote", "f1_exact", 0.5967741935483871),
    ("5fec", "ef2d", "Speaker", "cohen_kappa", 0.7927070397061661),
    ("5fec", "ef2d", "Speaker", "f1_exact", 0.7563025210084033),
    ("6b86", "d473", "Attribution", "cohen_kappa", 0.779524874920534),
    ("6b86", "d473", "Attribution", "f1_exact", 0.7916666666666666),
    (
        "6b86",
        "d473",
        "Attribution-no-source",
        "cohen_kappa",
        -0.0011098005346963369,
    ),
    ("6b86", "d473", "Attribution-no-source", "f1_exact", 0.0),
    ("6b86", "d473", "Cue", "cohen_kappa", 0.7412009819191598),
    ("6b86", "d473", "Cue", "f1_exact", 0.7676767676767676),
    ("6b86", "d473", "Discard", "cohen_kappa", 0.7018640426388056),
    ("6b86", "d473", "Discard", "f1_exact", 0.5),
    ("6b86", "d473", "Discuss", "cohen_kappa", 0.023366930079468995),
    ("6b86", "d473", "Discuss", "f1_exact", 0.0),
    ("6b86", "d473", "Quote", "cohen_kappa", 0.85710764688377),
    ("6b86", "d473", "Quote", "f1_exact", 0.7272727272727273),
    ("6b86", "d473", "Speaker", "cohen_kappa", 0.7068299813771797),
    ("6b86", "d473", "Speaker", "f1_exact", 0.8210526315789474),
    ("6b86", "ef2d", "Attribution", "cohen_kappa", 0.7177637500451834),
    ("6b86", "ef2d", "Attribution", "f1_exact", 0.717948717948718),
    ("6b86", "ef2d", "Attribution-no-source", "cohen_kappa", 0.0),
    ("6b86", "ef2d", "Attribution-no-source", "f1_exact", 0.0),
    ("6b86", "ef2d", "Cue", "cohen_kappa", 0.7099196474084747),
    ("6b86", "ef2d", "Cue", "f1_exact", 0.711864406779661),
    ("6b86", "ef2d", "Discard", "cohen_kappa", 0.6144075784711094),
    ("6b86", "ef2d", "Discard", "f1_exact", 0.0),
    ("6b86", "ef2d", "Discuss", "cohen_kappa", 0.0),
    ("6b86", "ef2d", "Discuss", "f1_exact", 0.0),
    ("6b86", "ef2d", "Quote", "cohen_kappa", 0.8100600660989329),
    ("6b86", "ef2d", "Quote", "f1_exact", 0.6949152542372882),
    ("6b86", "ef2d", "Speaker", "cohen_kappa", 0.7475895581658641),
    ("6b86", "ef2d", "Speaker", "f1_exact", 0.7413793103448276),
    ("d473", "ef2d", "Attribution", "cohen_kappa", 0.637520614472258),
    ("d473", "ef2d", "Attribution", "f1_exact", 0.782608695652174),
    ("d473", "ef2d", "Attribution-no-source", "cohen_kappa", 0.0),
    ("d473", "ef2d", "Attribution-no-source", "f1_exact", 0.0),
    ("d473", "ef2d", "Cue", "cohen_kappa", 0.6200295239480742),
    ("d473", "ef2d", "Cue", "f1_exact", 0.7692307692307693),
    ("d473", "ef2d", "Discard", "cohen_kappa", 0.8509133980228691),
    ("d473", "ef2d", "Discard", "f1_exact", 0.0),
    ("d473", "ef2d", "Discuss", "cohen_kappa", 0.0),
    ("d473", "ef2d", "Discuss", "f1_exact", 0.0),
    ("d473", "ef2d", "Quote", "cohen_kappa", 0.8278823716394027),
    ("d473", "ef2d", "Quote", "f1_exact", 0.7350427350427351),
    ("d473", "ef2d", "Speaker", "cohen_kappa", 0.6588444041605517),
    ("d473", "ef2d", "Speaker", "f1_exact", 0.7787610619469026),
    ("", "", "", "overall_alpha", 0.7989342520365733),
];

/// Pairs where neither annotator used the label: the reference has no
/// Cohen's kappa or F1 there, and neither must we.
const UNDEFINED: &[(&str, &str, &str)] = &[
    ("4b22", "5fec", "Discuss"),
    ("4b22", "ef2d", "Discuss"),
    ("4e07", "ef2d", "Attribution-no-source"),
    ("5fec", "ef2d", "Discuss"),
];

#[test]
fn polnear_training_matches_the_python_reference() {
    let Some(dir) = training() else { return };
    let layers = layers_of(
        read_colleagues(&[dir], &LabelMap::polnear())
            .expect("open")
            .projects,
    );
    let set = ReviewSet::build(layers);
    assert_eq!(set.annotators, ["4b22", "4e07", "5fec", "6b86", "d473", "ef2d"]);
    assert_eq!(set.documents.len(), 4);
    let all = agreement(&set, &AgreementOptions::default());
    let three = agreement(
        &set,
        &AgreementOptions {
            labels: Some(vec!["Quote".into(), "Speaker".into(), "Cue".into()]),
        },
    );
    let mut checked = 0;
    for &(a, b, label, figure, expected) in REFERENCE {
        let got = match (a, figure) {
            (_, "overall_alpha") => three.section.overall_alpha.value(),
            ("", _) => {
                let l = all
                    .section
                    .labels
                    .iter()
                    .find(|l| l.label == label)
                    .expect("label");
                match figure {
                    "fleiss_kappa" => l.fleiss_kappa.value(),
                    _ => l.krippendorff_alpha.value(),
                }
            }
            _ => {
                let p = all
                    .section
                    .pairs
                    .iter()
                    .find(|p| p.a == a && p.b == b)
                    .expect("pair");
                let l = p.labels.iter().find(|l| l.label == label).expect("pair label");
                match figure {
                    "cohen_kappa" => l.cohen_kappa.value(),
                    _ => l.f1_exact.value(),
                }
            }
        };
        let got = got.unwrap_or_else(|| panic!("{a}/{b} {label} {figure}: undefined, expected {expected}"));
        assert!(
            (got - expected).abs() < 5e-7,
            "{a}/{b} {label} {figure}: {got} against the reference {expected}"
        );
        checked += 1;
    }
    assert_eq!(checked, REFERENCE.len());
    // Per-label figures do not depend on which other labels are measured.
    for l in &three.section.labels {
        let m = all
            .section
            .labels
            .iter()
            .find(|x| x.label == l.label)
            .expect("label");
        assert_eq!(l.krippendorff_alpha, m.krippendorff_alpha);
    }
    // With every label, the Attribution trigger overlaps the Cue: no overall alpha.
    assert!(all.section.overall_alpha.value().is_none());
    assert!(all.documents.iter().all(|d| d.overall_left_out.is_some()));
    for &(a, b, label) in UNDEFINED {
        let p = all
            .section
            .pairs
            .iter()
            .find(|p| p.a == a && p.b == b)
            .expect("pair");
        let l = p.labels.iter().find(|l| l.label == label).expect("pair label");
        assert!(l.cohen_kappa.value().is_none() && l.f1_exact.value().is_none());
    }
}
