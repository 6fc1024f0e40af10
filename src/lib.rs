//! Quotebench: a desktop workbench for annotating quotes, speakers, cues and
//! claims in news articles.
//!
//! Layers, data flowing one way: [`format`] reads files into the [`model`];
//! [`ui`] draws the model and turns user actions into [`model::Edit`]s;
//! [`format`] writes the model back; [`review`] lines up colleagues' files
//! and measures agreement; [`report`] counts who gets quoted (the source
//! audit), importing only [`model`]; [`suggest`] proposes quotes, speakers, cues and
//! claims from the text (rules, and a model trained on the user's tags),
//! importing only [`model`]; [`search`] finds text in documents and tags
//! what it found (one undoable edit), importing only [`model`] and `regex`.
//! The command line (`src/cli`) belongs to the
//! binary, not to this library: nothing here can import it.

/// The allocator of every binary that links this library (the app, its
/// tests and benches): mimalloc. Opening a project builds hundreds of
/// thousands of small strings and maps on several threads at once, and
/// glibc's allocator spent a third of an open in `malloc_consolidate` and
/// friends (`cargo bench --bench scale -- project-840`: 534 ms with glibc,
/// 324 ms with mimalloc; the three-way merge model 240 -> 122 ms).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod format;
pub mod memory;
pub mod model;
pub mod report;
pub mod review;
pub mod search;
pub mod suggest;
#[cfg(feature = "gui")]
pub mod ui;

/// The sample article shipped with the app, verbatim.
pub const SAMPLE_TEXT: &str = include_str!("../assets/armed-police-london-2018.txt");
/// The sample article's tagged project (gold data).
pub const SAMPLE_PROJECT: &str = include_str!("../assets/sample.qb.ron");
