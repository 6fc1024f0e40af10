//! Frame times of the whole app against two plain-egui baselines, and the
//! cost of opening and saving a big project. See benches/README.md.
//!
//! `cargo bench --bench frames` (release). Each case prints, last, one line
//! `BENCH <case> median_ms=<x> ratio=<ours/naive> floor=<ours/plain>`.

use std::collections::HashSet;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, Event, FontId, Pos2, Rect, Ui, vec2};
use quotebench::format::interchange::{ImportFormat, ImportOptions, LabelMap, import};
use quotebench::format::{load_project, parse_project, save_project};
use quotebench::model::{Annotation, Document, Edit, Fragment, Project, TagSet};
use quotebench::ui::{QuotebenchApp, Workspace};

#[path = "../tests/common/mod.rs"]
mod common;

const WIDTH: f32 = 1280.0;
const HEIGHT: f32 = 800.0;
const DOC_BYTES: usize = 1024 * 1024;
const SPANS: usize = 20_000;
/// Set in the child process that measures the peak memory of an open.
const CHILD_ENV: &str = "QUOTEBENCH_BENCH_OPEN";

/// PolNeAR's train set beside the checkout; absent: `None` with a message,
/// and a failure under CI (see `tests/common`).
fn shared() -> Option<PathBuf> {
    common::shared_dir("corpora/polnear/train")
}

// ---------------------------------------------------------------------------
// A headless egui frame: what eframe does each frame, minus the GPU upload.

struct Headless {
    ctx: egui::Context,
    time: f64,
}

impl Headless {
    /// A fresh context that has run one empty frame (fonts loaded), so a
    /// first-frame figure measures the document, not egui's start-up.
    fn new() -> Self {
        let mut h = Headless {
            ctx: egui::Context::default(),
            time: 0.0,
        };
        h.frame(Vec::new(), |ui| {
            ui.label("warm");
        });
        h
    }

    fn frame(&mut self, events: Vec<Event>, mut f: impl FnMut(&mut Ui)) -> Duration {
        self.time += 1.0 / 60.0;
        let raw = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(WIDTH, HEIGHT))),
            time: Some(self.time),
            focused: true,
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let mut out = self.ctx.run_ui(raw, |ui| f(ui));
        let prims = self
            .ctx
            .tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        let took = start.elapsed();
        assert_eq!(out.pixels_per_point, 1.0);
        black_box(prims);
        out.textures_delta.clear();
        took
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn report(case: &str, ours: f64, naive: Option<f64>, plain: Option<f64>) {
    let mut line = format!("BENCH {case} median_ms={ours:.3}");
    if let Some(n) = naive {
        line.push_str(&format!(" ratio={:.3}", ours / n));
    }
    if let Some(p) = plain {
        line.push_str(&format!(" floor={:.3}", ours / p));
    }
    println!("{line}");
}

fn detail(case: &str, what: &str, v: f64) {
    println!("  {case}: {what} median {v:.3} ms");
}

// ---------------------------------------------------------------------------
// The three ways of showing a document.

/// Renders a frame of one of the contenders.
trait Contender {
    fn ui(&mut self, ui: &mut Ui);
    /// Adds a span (and `undo` removes it again) before the next frame.
    fn add_span(&mut self, start: usize, end: usize);
    fn undo(&mut self);
}

struct Ours {
    app: QuotebenchApp,
}

impl Ours {
    fn new(project: Project) -> Self {
        Ours {
            app: QuotebenchApp::with_workspace(Workspace::new(project, None)),
        }
    }
}

impl Contender for Ours {
    fn ui(&mut self, ui: &mut Ui) {
        self.app.frame_ui(ui);
    }
    fn add_span(&mut self, start: usize, end: usize) {
        let d = self.app.ws().document().expect("a document");
        let a = annotation(d, "bench-added".into(), "Quote", start, end);
        self.app
            .ws_mut()
            .perform(
                Edit::AddAnnotation {
                    doc: 0,
                    annotation: a,
                },
                "Tag Quote",
                None,
            )
            .expect("added");
    }
    fn undo(&mut self) {
        self.app
            .ws_mut()
            .undo()
            .expect("undo applies")
            .expect("a step to undo");
    }
}

/// A plain egui app: one label of a `LayoutJob` with a section per
/// highlight, rebuilt when the spans change, in a scroll area.
struct Naive {
    text: String,
    /// (start byte, end byte, colour)
    spans: Vec<(usize, usize, Color32)>,
    undo: Vec<Vec<(usize, usize, Color32)>>,
    job: Option<Arc<LayoutJob>>,
    to_byte: Vec<usize>,
}

impl Naive {
    fn new(project: &Project) -> Self {
        let d = &project.documents[0];
        let text = d.text().to_string();
        let to_byte: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        let colors = quotebench::ui::article_view::label_colors(&project.tagset, false);
        let spans = d
            .annotations()
            .flat_map(|a| {
                let c = colors.get(&a.label).copied().unwrap_or(Color32::GRAY);
                a.fragments.iter().map(move |f| (f.start, f.end, c))
            })
            .map(|(s, e, c)| (to_byte[s], to_byte[e], c))
            .collect();
        Naive {
            text,
            spans,
            undo: Vec::new(),
            job: None,
            to_byte,
        }
    }

    /// Sections at every span boundary; a piece takes the colour of the last span covering it.
    fn build_job(&self) -> LayoutJob {
        let mut bounds: Vec<usize> = vec![0, self.text.len()];
        for &(s, e, _) in &self.spans {
            bounds.push(s);
            bounds.push(e);
        }
        bounds.sort_unstable();
        bounds.dedup();
        let mut starts: Vec<usize> = (0..self.spans.len()).collect();
        starts.sort_by_key(|&i| self.spans[i].0);
        let mut active: Vec<usize> = Vec::new();
        let mut next = 0;
        let mut job = LayoutJob::default();
        let font = FontId::proportional(16.0);
        for w in bounds.windows(2) {
            let (a, b) = (w[0], w[1]);
            while next < starts.len() && self.spans[starts[next]].0 <= a {
                active.push(starts[next]);
                next += 1;
            }
            active.retain(|&i| self.spans[i].1 > a);
            let background = active
                .last()
                .map_or(Color32::TRANSPARENT, |&i| self.spans[i].2.gamma_multiply(0.3));
            job.append(
                &self.text[a..b],
                0.0,
                TextFormat {
                    font_id: font.clone(),
                    color: Color32::PLACEHOLDER,
                    background,
                    ..Default::default()
                },
            );
        }
        job
    }
}

impl Contender for Naive {
    fn ui(&mut self, ui: &mut Ui) {
        if self.job.is_none() {
            self.job = Some(Arc::new(self.build_job()));
        }
        let job = self.job.clone().expect("built");
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
                ui.add(egui::Label::new(egui::WidgetText::LayoutJob(job)));
            });
        });
    }
    fn add_span(&mut self, start: usize, end: usize) {
        self.undo.push(self.spans.clone());
        let (s, e) = (self.to_byte[start], self.to_byte[end]);
        self.spans.push((s, e, Color32::from_rgb(224, 160, 48)));
        self.job = None;
    }
    fn undo(&mut self) {
        if let Some(s) = self.undo.pop() {
            self.spans = s;
            self.job = None;
        }
    }
}

/// The floor: one label of the bare text in a scroll area.
struct Plain {
    text: String,
}

impl Contender for Plain {
    fn ui(&mut self, ui: &mut Ui) {
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
                ui.label(self.text.as_str());
            });
        });
    }
    fn add_span(&mut self, _: usize, _: usize) {}
    fn undo(&mut self) {}
}

// ---------------------------------------------------------------------------
// Measurements shared by the contenders.

fn steady(c: &mut dyn Contender, warm: usize, n: usize) -> f64 {
    let mut h = Headless::new();
    for _ in 0..warm {
        h.frame(Vec::new(), |ui| c.ui(ui));
    }
    median((0..n).map(|_| ms(h.frame(Vec::new(), |ui| c.ui(ui)))).collect())
}

fn wheel(dy: f32) -> Vec<Event> {
    vec![
        Event::PointerMoved(Pos2::new(640.0, 400.0)),
        Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        },
    ]
}

fn scrolling(c: &mut dyn Contender, warm: usize, n: usize) -> f64 {
    let mut h = Headless::new();
    for _ in 0..warm {
        h.frame(wheel(-40.0), |ui| c.ui(ui));
    }
    median((0..n).map(|_| ms(h.frame(wheel(-40.0), |ui| c.ui(ui)))).collect())
}

/// Medians of the frame after adding a span and of the frame after undoing it.
fn edit_undo(c: &mut dyn Contender, warm: usize, n: usize, at: usize) -> (f64, f64) {
    let mut h = Headless::new();
    for _ in 0..warm {
        h.frame(Vec::new(), |ui| c.ui(ui));
    }
    let (mut edits, mut undos) = (Vec::new(), Vec::new());
    for i in 0..warm + n {
        c.add_span(at + i % 7, at + 20 + i % 5);
        let e = ms(h.frame(Vec::new(), |ui| c.ui(ui)));
        h.frame(Vec::new(), |ui| c.ui(ui));
        c.undo();
        let u = ms(h.frame(Vec::new(), |ui| c.ui(ui)));
        h.frame(Vec::new(), |ui| c.ui(ui));
        if i >= warm {
            edits.push(e);
            undos.push(u);
        }
    }
    (median(edits), median(undos))
}

/// First frame with the document, in a fresh context, `n` times.
fn open(make: &mut dyn FnMut() -> Box<dyn Contender>, n: usize) -> f64 {
    let mut v = Vec::new();
    for _ in 0..n {
        let mut h = Headless::new();
        let mut c = make();
        v.push(ms(h.frame(Vec::new(), |ui| c.ui(ui))));
    }
    median(v)
}

// ---------------------------------------------------------------------------
// The documents.

/// ~1 MiB of unique paragraphs: PolNeAR train articles, or generated text.
fn big_text() -> (String, &'static str) {
    let dir = shared().map(|d| d.join("text"));
    let mut text = String::with_capacity(DOC_BYTES + 4096);
    let mut source = "generated";
    if let Some(Ok(entries)) = dir.map(std::fs::read_dir) {
        let mut files: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        let mut seen = HashSet::new();
        'files: for f in files {
            let Ok(article) = std::fs::read_to_string(&f) else {
                continue;
            };
            for para in article.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
                if !seen.insert(para.to_string()) {
                    continue;
                }
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(para);
                if text.len() >= DOC_BYTES {
                    break 'files;
                }
            }
        }
        if text.len() >= DOC_BYTES {
            source = "PolNeAR train articles";
        } else {
            text.clear();
        }
    }
    if text.is_empty() {
        const WORDS: &[&str] = &[
            "the",
            "minister",
            "said",
            "that",
            "police",
            "would",
            "not",
            "consider",
            "routine",
            "patrols",
            "in",
            "London",
            "according",
            "to",
            "a",
            "spokesperson",
            "for",
            "mayor",
            "who",
            "told",
            "committee",
            "figures",
            "show",
            "more",
            "than",
            "offences",
            "were",
            "recorded",
            "last",
            "year",
            "and",
            "critics",
            "argue",
            "policy",
            "has",
            "failed",
            "residents",
            "described",
        ];
        let mut rng = Lcg(7);
        let mut n = 0;
        while text.len() < DOC_BYTES {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            n += 1;
            text.push_str(&format!("Paragraph {n}:"));
            for _ in 0..rng.range(30, 150) {
                text.push(' ');
                text.push_str(WORDS[rng.range(0, WORDS.len())]);
            }
            text.push('.');
        }
    }
    let mut cut = DOC_BYTES.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    (text, source)
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    /// In `[lo, hi)`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() as usize) % (hi - lo).max(1)
    }
}

fn annotation(d: &Document, id: String, label: &str, start: usize, end: usize) -> Annotation {
    let text = d.slice(quotebench::model::CharRange { start, end }).to_string();
    Annotation {
        id,
        label: label.into(),
        fragments: vec![Fragment { start, end, text }],
        attributes: Default::default(),
        note: String::new(),
        created: "2024-01-01T00:00:00Z".into(),
        modified: "2024-01-01T00:00:00Z".into(),
        annotators: Vec::new(),
        origin: None,
    }
}

/// The 1 MiB document with 20,000 spans: 16,000 apart, 4,000 nested in or
/// overlapping one of them.
fn big_project() -> Project {
    let (text, source) = big_text();
    let probe = Document::new("big", "Big", text.clone());
    let len = probe.char_len();
    println!(
        "document (b): {source}, {} bytes, {len} chars, {} paragraphs",
        text.len(),
        text.split('\n').count()
    );
    let labels = ["Quote", "Speaker", "Cue", "Claim"];
    let mut rng = Lcg(42);
    let apart = SPANS * 4 / 5;
    let slot = len / apart;
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(SPANS);
    for i in 0..apart {
        let base = i * slot;
        let l = rng.range(4, slot.clamp(5, 60));
        let s = base + rng.range(0, slot - l);
        spans.push((s, s + l));
    }
    for k in 0..SPANS - apart {
        let (s, e) = spans[k * 4];
        if k % 2 == 0 {
            // nested
            let a = s + rng.range(0, (e - s) / 2);
            let b = (a + 1 + rng.range(0, e - a - 1)).min(e);
            spans.push((a, b.max(a + 1)));
        } else {
            // overlapping: starts inside, ends beyond
            let a = s + rng.range(1, (e - s).max(2));
            let b = (e + rng.range(1, 30)).min(len);
            spans.push((a.min(b - 1), b));
        }
    }
    let anns: Vec<Annotation> = spans
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| annotation(&probe, format!("b-{i:06}"), labels[i % 4], s, e))
        .collect();
    let (doc, dup_a, _) = Document::from_parts("big".into(), "Big".into(), None, text, anns, Vec::new());
    assert!(dup_a.is_empty());
    assert_eq!(doc.annotation_count(), SPANS);
    let nested_or_overlapping = spans[apart..].len();
    println!("document (b): {SPANS} spans, {nested_or_overlapping} nested or overlapping");
    Project {
        people: Default::default(),
        name: "Bench".into(),
        annotator: "bench".into(),
        tagset: TagSet::default(),
        documents: vec![doc],
        conflicts: Vec::new(),
    }
}

// ---------------------------------------------------------------------------
// The cases.

fn sample_steady() {
    let project = parse_project(quotebench::SAMPLE_PROJECT, "sample.qb.ron")
        .expect("sample")
        .project;
    let ours = steady(&mut Ours::new(project.clone()), 30, 300);
    let naive = steady(&mut Naive::new(&project), 30, 300);
    let plain = steady(
        &mut Plain {
            text: project.documents[0].text().to_string(),
        },
        30,
        300,
    );
    detail("sample-steady", "naive", naive);
    detail("sample-steady", "plain", plain);
    report("sample-steady", ours, Some(naive), Some(plain));
}

fn big_cases(project: &Project, wants: &dyn Fn(&str) -> bool) {
    let text = project.documents[0].text().to_string();
    // For profiling: QUOTEBENCH_BENCH_OURS_ONLY=1 skips the baselines.
    let baselines = std::env::var_os("QUOTEBENCH_BENCH_OURS_ONLY").is_none();

    if wants("article-1mib-open") {
        let ours = open(&mut || Box::new(Ours::new(project.clone())), 9);
        let (naive, plain) = if baselines {
            let naive = open(&mut || Box::new(Naive::new(project)), 3);
            let plain = open(&mut || Box::new(Plain { text: text.clone() }), 3);
            detail("article-1mib-open", "naive", naive);
            detail("article-1mib-open", "plain", plain);
            (Some(naive), Some(plain))
        } else {
            (None, None)
        };
        report("article-1mib-open", ours, naive, plain);
    }

    // Idle repaint.
    if wants("article-1mib-steady") {
        let ours = steady(&mut Ours::new(project.clone()), 20, 200);
        let (naive, plain) = if baselines {
            let naive = steady(&mut Naive::new(project), 10, 60);
            let plain = steady(&mut Plain { text: text.clone() }, 10, 60);
            detail("article-1mib-steady", "naive", naive);
            detail("article-1mib-steady", "plain", plain);
            (Some(naive), Some(plain))
        } else {
            (None, None)
        };
        report("article-1mib-steady", ours, naive, plain);
    }

    // A wheel event each frame.
    if wants("article-1mib-scroll") {
        let mut o = Ours::new(project.clone());
        let ours = scrolling(&mut o, 20, 200);
        // The wheel did move the article: its first char is now above the window.
        let top = o.app.view().screen_pos_of_char(0).map(|p| p.y);
        assert!(
            top.is_some_and(|y| y < -1000.0),
            "the article did not scroll: {top:?}"
        );
        let (naive, plain) = if baselines {
            let naive = scrolling(&mut Naive::new(project), 10, 60);
            let plain = scrolling(&mut Plain { text: text.clone() }, 10, 60);
            detail("article-1mib-scroll", "naive", naive);
            detail("article-1mib-scroll", "plain", plain);
            (Some(naive), Some(plain))
        } else {
            (None, None)
        };
        report("article-1mib-scroll", ours, naive, plain);
    }

    // After an edit and after its undo; the span is in view (near the top).
    if wants("article-1mib-edit") || wants("article-1mib-undo") {
        let (oe, ou) = edit_undo(&mut Ours::new(project.clone()), 5, 60, 200);
        let (ne, nu) = if baselines {
            let (ne, nu) = edit_undo(&mut Naive::new(project), 2, 8, 200);
            detail("article-1mib-edit", "naive", ne);
            detail("article-1mib-undo", "naive", nu);
            (Some(ne), Some(nu))
        } else {
            (None, None)
        };
        report("article-1mib-edit", oe, ne, None);
        report("article-1mib-undo", ou, nu, None);
    }

    if wants("article-1mib-find") {
        find_case(project, baselines);
    }
    if wants("article-1mib-links") {
        links_case(project, baselines);
    }
}

/// Find a common word in the 1 MiB article (issue 13): from the frame
/// whose keystroke completes the query to the end of the first frame that
/// paints the highlights (the search runs on its own thread and wakes the
/// window; the frames in between are counted). The naive way: find the
/// word with `str::match_indices` and show it as one label whose
/// `LayoutJob` has a section per match and span, laid out again.
fn find_case(project: &Project, baselines: bool) {
    const WORD: &str = "the";
    let key = |key, modifiers| Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    };
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..15 {
        let mut o = Ours::new(project.clone());
        let mut h = Headless::new();
        for _ in 0..3 {
            h.frame(Vec::new(), |ui| o.ui(ui));
        }
        // Ctrl+F opens the bar; the next frame gives its field the keyboard.
        h.frame(vec![key(egui::Key::F, egui::Modifiers::COMMAND)], |ui| o.ui(ui));
        h.frame(Vec::new(), |ui| o.ui(ui));
        let start = Instant::now();
        h.frame(vec![Event::Text(WORD.into())], |ui| o.ui(ui));
        while o.app.find().highlights(0).is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no highlights after 10 s"
            );
            h.frame(Vec::new(), |ui| o.ui(ui));
        }
        times.push(ms(start.elapsed()));
        found = o.app.find().results().total();
    }
    assert!(found > 1000, "a common word: {found} matches");
    println!("  article-1mib-find: {found} matches of {WORD:?}");
    let ours = median(times);
    let naive = baselines.then(|| {
        let v = (0..3)
            .map(|_| {
                let mut n = Naive::new(project);
                let mut h = Headless::new();
                h.frame(Vec::new(), |ui| n.ui(ui));
                let start = Instant::now();
                let text = n.text.clone();
                let hits = text
                    .match_indices(WORD)
                    .map(|(b, m)| (b, b + m.len(), Color32::YELLOW));
                n.spans.extend(hits);
                n.job = None;
                h.frame(Vec::new(), |ui| n.ui(ui));
                ms(start.elapsed())
            })
            .collect();
        let naive = median(v);
        detail("article-1mib-find", "naive", naive);
        naive
    });
    report("article-1mib-find", ours, naive, None);
}

/// issue 13: a caret key each frame on the 1 MiB article (Down, Page Down,
/// Ctrl+Right, Shift+Down, End, Right, in turn): the move, the scroll that
/// keeps the caret in sight and the frame, timed on the frame of the key.
/// `ratio` is against the steady frame of the same app.
fn caret_case(project: &Project, wants: &dyn Fn(&str) -> bool) {
    if !wants("article-1mib-caret") {
        return;
    }
    let key = |key: egui::Key, modifiers: egui::Modifiers| Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    };
    let keys = [
        key(egui::Key::ArrowDown, egui::Modifiers::NONE),
        key(egui::Key::PageDown, egui::Modifiers::NONE),
        key(egui::Key::ArrowRight, egui::Modifiers::COMMAND),
        key(egui::Key::ArrowDown, egui::Modifiers::SHIFT),
        key(egui::Key::End, egui::Modifiers::NONE),
        key(egui::Key::ArrowRight, egui::Modifiers::NONE),
    ];
    let mut o = Ours::new(project.clone());
    let mut h = Headless::new();
    for _ in 0..20 {
        h.frame(Vec::new(), |ui| o.ui(ui));
    }
    let (mut times, mut after) = (Vec::new(), Vec::new());
    for i in 0..240 {
        times.push(ms(h.frame(vec![keys[i % keys.len()].clone()], |ui| o.ui(ui))));
        // The frame the move asks for (the new selection painted).
        after.push(ms(h.frame(Vec::new(), |ui| o.ui(ui))));
    }
    // The keys did move the caret: 40 Page Downs go tens of thousands of chars in.
    let caret = o.app.ws().caret;
    assert!(caret > 20_000, "the caret did not move: {caret}");
    let steady_ms = steady(&mut o, 5, 100);
    detail("article-1mib-caret", "steady frame", steady_ms);
    detail("article-1mib-caret", "frame after a move", median(after));
    println!("  article-1mib-caret: the caret went to char {caret}");
    let ours = median(times);
    println!(
        "BENCH article-1mib-caret median_ms={ours:.3} ratio={:.3}",
        ours / steady_ms
    );
}

/// Show-speakers mode on and a quote near the top selected (its connectors
/// drawn), steady frame: every quote linked to the speaker before it, so
/// the badges name persons.
fn links_case(project: &Project, baselines: bool) {
    use quotebench::model::{Relation, names};
    use quotebench::ui::commands::Command;
    let d = &project.documents[0];
    let anns: Vec<Annotation> = d.annotations_in_order().cloned().collect();
    let mut rels = Vec::new();
    let mut speaker: Option<&str> = None;
    for a in &anns {
        match a.label.as_str() {
            names::SPEAKER => speaker = Some(&a.id),
            names::QUOTE => {
                if let Some(s) = speaker {
                    rels.push(Relation {
                        id: format!("r-{}", a.id),
                        kind: names::SAID_BY.into(),
                        from: a.id.clone(),
                        to: s.into(),
                        attributes: Default::default(),
                    });
                }
            }
            _ => {}
        }
    }
    let n = rels.len();
    let linked_quotes: std::collections::HashSet<String> = rels.iter().map(|r| r.from.clone()).collect();
    let (doc, _, _) = Document::from_parts(
        d.id.clone(),
        d.title.clone(),
        None,
        d.text().to_string(),
        anns,
        rels,
    );
    // A linked quote that is the innermost span under its second char (so
    // the pointer there is on it, not on a span nested in it).
    let quote = doc
        .annotations_in_order()
        .filter(|a| a.label == names::QUOTE && linked_quotes.contains(&a.id))
        .find(|a| doc.innermost_at(a.hull().start + 1).is_some_and(|b| b.id == a.id))
        .map(|a| a.id.clone())
        .expect("a quote");
    let linked = Project {
        people: Default::default(),
        documents: vec![doc],
        ..project.clone()
    };
    println!("article-1mib-links: {n} said_by links, show speakers on, the pointer on {quote}");
    let mut app = Ours::new(linked.clone());
    app.app.run_command(Command::ShowSpeakers);
    assert!(app.app.link_settings().show_speakers);
    // Bring the quote into view, then rest the pointer on it: its
    // connectors and its speaker's edge marker are drawn every frame.
    let mut h = Headless::new();
    let start = app
        .app
        .ws()
        .document()
        .and_then(|d| d.annotation(&quote))
        .map(|a| a.hull().start);
    app.app.view_mut().scroll_to_char(start.expect("the quote"));
    for _ in 0..5 {
        h.frame(Vec::new(), |ui| app.ui(ui));
    }
    let at = app
        .app
        .view()
        .screen_pos_of_char(start.expect("the quote") + 1)
        .expect("the quote is on screen");
    let hover = || vec![Event::PointerMoved(at)];
    for _ in 0..20 {
        h.frame(hover(), |ui| app.ui(ui));
    }
    let ours = median((0..200).map(|_| ms(h.frame(hover(), |ui| app.ui(ui)))).collect());
    // The same with the quote selected instead: the inspector's own link
    // list (outside this part) adds its cost.
    app.app.ws_mut().select_annotation(Some(quote));
    let selected = steady(&mut app, 10, 60);
    detail("article-1mib-links", "quote selected (inspector shown)", selected);
    let naive = if baselines {
        let naive = steady(&mut Naive::new(&linked), 10, 60);
        detail("article-1mib-links", "naive", naive);
        Some(naive)
    } else {
        None
    };
    report("article-1mib-links", ours, naive, None);
}

/// All 840 PolNeAR train articles in one project: the first annotator's
/// version of each text.
fn polnear_project(train: PathBuf) -> Project {
    let t = Instant::now();
    let opts = ImportOptions {
        format: Some(ImportFormat::Brat),
        map: LabelMap::polnear(),
        annotator: None,
    };
    let r = import(&[train], &opts, &|_, _| {}).expect("PolNeAR imports");
    let mut projects = r.projects.into_iter();
    let mut merged = projects.next().expect("one annotator at least");
    let mut ids: HashSet<String> = merged.documents.iter().map(|d| d.id.clone()).collect();
    for p in projects {
        for l in p.tagset.labels {
            if merged.tagset.label(&l.name).is_none() {
                merged.tagset.labels.push(l);
            }
        }
        for d in p.documents {
            if ids.contains(&d.id) {
                continue;
            }
            ids.insert(d.id.clone());
            merged.documents.push(d);
        }
    }
    merged.documents.sort_by(|a, b| a.id.cmp(&b.id));
    merged.annotator = "polnear".into();
    let anns: usize = merged.documents.iter().map(Document::annotation_count).sum();
    let rels: usize = merged.documents.iter().map(|d| d.relations().count()).sum();
    println!(
        "project-840: {} documents, {anns} annotations, {rels} relations (import and merge {:.1} s)",
        merged.documents.len(),
        t.elapsed().as_secs_f64()
    );
    merged
}

fn project_cases() {
    // Absent: skipped with a message; under CI a failure.
    let Some(train) = shared() else {
        println!("project-840: skipped, ../shared/corpora/polnear/train is absent");
        return;
    };
    let project = polnear_project(train);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("polnear-train.qb.ron");
    save_project(&project, &path).expect("saved");
    let file_mb = std::fs::metadata(&path).expect("file").len() as f64 / (1024.0 * 1024.0);

    let loaded = load_project(&path).expect("loads");
    assert_eq!(loaded.project.documents.len(), project.documents.len());
    // Save -> open -> save gives the same bytes.
    let again = dir.path().join("again.qb.ron");
    save_project(&loaded.project, &again).expect("saved");
    assert!(std::fs::read(&path).expect("file") == std::fs::read(&again).expect("file"));
    drop(loaded);
    let v: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            let p = load_project(&path).expect("loads");
            let took = ms(t.elapsed());
            drop(black_box(p));
            took
        })
        .collect();
    report("project-840-open", median(v), None, None);

    let save_path = dir.path().join("saved.qb.ron");
    save_project(&project, &save_path).expect("saved");
    let v: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            save_project(&project, &save_path).expect("saved");
            ms(t.elapsed())
        })
        .collect();
    report("project-840-save", median(v), None, None);

    let out = std::process::Command::new(std::env::current_exe().expect("exe"))
        .env(CHILD_ENV, &path)
        .output()
        .expect("child runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let peak_kb: f64 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM_KB="))
        .and_then(|v| v.trim().parse().ok())
        .expect("the child reports its peak");
    let base_kb: f64 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("BASE_KB="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0.0);
    let peak_mb = peak_kb / 1024.0;
    println!(
        "  project-840-rss: the child's peak before opening was {:.1} MB",
        base_kb / 1024.0
    );
    println!(
        "BENCH project-840-rss peak_mb={peak_mb:.1} file_mb={file_mb:.1} ratio={:.2}",
        peak_mb / file_mb
    );
}

fn vm_hwm_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn main() {
    if let Ok(path) = std::env::var(CHILD_ENV) {
        let base = vm_hwm_kb().unwrap_or(0);
        let p = load_project(Path::new(&path)).expect("loads");
        black_box(&p);
        println!("BASE_KB={base}");
        println!("VmHWM_KB={}", vm_hwm_kb().unwrap_or(0));
        return;
    }
    // `cargo test --all-targets` runs this without `--bench`: one frame, as a smoke test.
    if !std::env::args().any(|a| a == "--bench") {
        let project = parse_project(quotebench::SAMPLE_PROJECT, "sample.qb.ron")
            .expect("sample")
            .project;
        let mut ours = Ours::new(project);
        Headless::new().frame(Vec::new(), |ui| ours.ui(ui));
        println!("benches/frames.rs: one frame ran; measure with `cargo bench --bench frames`");
        return;
    }
    // `cargo bench -- NAME` runs the cases whose name contains NAME.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wants = |name: &str| {
        filter
            .as_deref()
            .is_none_or(|f| name.contains(f) || f.contains(name))
    };
    let start = Instant::now();
    if wants("sample-steady") {
        sample_steady();
    }
    if wants("article-1mib") {
        let project = big_project();
        big_cases(&project, &wants);
        caret_case(&project, &wants);
    }
    if wants("project-840") {
        project_cases();
    }
    if wants("article-1mib-rtl") {
        rtl_case();
    }
    if wants("report-840-frame") {
        report_view_case(); // issue 14: report view
    }
    println!("total {:.1} s", start.elapsed().as_secs_f64());
}

// ---------------------------------------------------------------------------
// issue 13: access — a right-to-left article.

/// ~1 MiB of Arabic and Hebrew paragraphs with English and numbers in
/// them (generated: every paragraph holds a right-to-left run, most lines
/// are reordered), 20,000 spans as in document (b): 16,000 apart, 4,000
/// nested in one of them.
fn rtl_project() -> Project {
    const SENTENCES: [&str; 6] = [
        "وقال الوزير إن الخطة ستنجح في النهاية",
        "The minister said «مرحبا بكم في المؤتمر» on Monday",
        "أعلنت الحكومة عن ميزانية جديدة بقيمة مليار دولار",
        "אמר השר: התוכנית תצליח בסופו של דבר",
        "הממשלה הודיעה על תקציב חדש",
        "وأكد المتحدث أن الشرطة لن تتراجع",
    ];
    let mut text = String::with_capacity(DOC_BYTES + 4096);
    let mut rng = Lcg(7);
    let mut n = 0usize;
    while text.len() < DOC_BYTES {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        for _ in 0..rng.range(3, 9) {
            text.push_str(SENTENCES[rng.range(0, SENTENCES.len())]);
            n += 1;
            text.push_str(&format!(" {n}. "));
        }
    }
    let probe = Document::new("rtl", "RTL", text.clone());
    let len = probe.char_len();
    let apart = SPANS * 4 / 5;
    let slot = len / apart;
    let mut spans: Vec<(usize, usize)> = (0..apart)
        .map(|i| {
            let l = rng.range(4, slot.clamp(5, 30));
            let s = i * slot + rng.range(0, slot - l);
            (s, s + l)
        })
        .collect();
    for k in 0..SPANS - apart {
        let (s, e) = spans[k * 4];
        spans.push((s + 1, (s + 3).min(e)));
    }
    let labels = ["Quote", "Speaker", "Cue", "Claim"];
    let anns: Vec<Annotation> = spans
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| annotation(&probe, format!("r-{i:06}"), labels[i % 4], s, e))
        .collect();
    let (doc, _, _) = Document::from_parts("rtl".into(), "RTL".into(), None, text, anns, Vec::new());
    println!(
        "document (rtl): generated, {} bytes, {len} chars, {} spans",
        doc.text().len(),
        doc.annotation_count()
    );
    Project {
        people: Default::default(),
        name: "Bench".into(),
        annotator: "bench".into(),
        tagset: TagSet::default(),
        documents: vec![doc],
        conflicts: Vec::new(),
    }
}

/// A headless context with the window's fonts (Hebrew and Arabic letters).
fn headless_with_fonts() -> Headless {
    let mut h = Headless::new();
    quotebench::ui::fonts::install(&h.ctx);
    h.frame(Vec::new(), |ui| {
        ui.label("warm مرحبا שלום");
    });
    h
}

/// `article-1mib-rtl`: the right-to-left article's first frame, idle
/// repaint and a wheel event each frame; the ratio is the steady frame
/// against the naive view of the same text.
fn rtl_case() {
    let project = rtl_project();
    let first = median(
        (0..5)
            .map(|_| {
                let mut h = headless_with_fonts();
                let mut c = Ours::new(project.clone());
                ms(h.frame(Vec::new(), |ui| c.ui(ui)))
            })
            .collect(),
    );
    let run = |c: &mut dyn Contender, events: &dyn Fn() -> Vec<Event>, warm: usize, n: usize| {
        let mut h = headless_with_fonts();
        for _ in 0..warm {
            h.frame(events(), |ui| c.ui(ui));
        }
        median((0..n).map(|_| ms(h.frame(events(), |ui| c.ui(ui)))).collect())
    };
    let ours = run(&mut Ours::new(project.clone()), &Vec::new, 20, 200);
    let scroll = run(&mut Ours::new(project.clone()), &|| wheel(-40.0), 20, 200);
    let naive = run(&mut Naive::new(&project), &Vec::new, 5, 30);
    detail("article-1mib-rtl", "ours, first frame", first);
    detail("article-1mib-rtl", "ours, scroll", scroll);
    detail("article-1mib-rtl", "naive, steady", naive);
    report("article-1mib-rtl", ours, Some(naive), None);
}

// ---------------------------------------------------------------------------
// issue 14: report view — the report window over the 840-article project.

/// `report-840-frame`: a frame of the report window (charts, tables, the
/// quotes of the biggest figure listed) over the 840 PolNeAR articles once
/// its figures are computed; the first frame (which computes them) is a
/// detail line.
fn report_view_case() {
    let Some(train) = shared() else {
        println!("report-840-frame: skipped, ../shared/corpora/polnear/train is absent");
        return;
    };
    let ws = Workspace::new(polnear_project(train), None);
    let mut view = quotebench::ui::report::ReportView::default();
    view.toggle();
    let mut h = headless_with_fonts();
    let frame = |h: &mut Headless, view: &mut quotebench::ui::report::ReportView| {
        let mut actions = quotebench::ui::actions::Actions::default();
        ms(h.frame(Vec::new(), |ui| view.window(&ui.ctx().clone(), &ws, &mut actions)))
    };
    let first = frame(&mut h, &mut view);
    let figures = view.report().expect("computed");
    println!(
        "  report-840-frame: {} documents, {} quotes, {} tables",
        figures.documents,
        figures.quotes.len(),
        figures.tables.len()
    );
    view.pick = Some(quotebench::ui::report::Pick::Total);
    for _ in 0..20 {
        frame(&mut h, &mut view);
    }
    let steady = median((0..200).map(|_| frame(&mut h, &mut view)).collect());
    assert_eq!(view.computations(), 1, "computed once, not per frame");
    detail("report-840-frame", "first frame (computes the figures)", first);
    report("report-840-frame", steady, None, None);
}
