//! Every call the window makes into the suggestion layer, in one place: the
//! engine, turning a suggestion into an edit, a rejection, and which
//! suggestions are still pending. Each is one line to change when the
//! layer underneath changes.

use crate::model::{Document, Edit, Project, TagSet};
use crate::suggest::learn::{Model, TrainOptions};
use crate::suggest::{Context, Suggestion, Target, accept as file};

pub use crate::suggest::accept::AcceptError;
pub use crate::suggest::accept_above::AcceptedAbove;

/// The engine: the rules' suggestions for `text`, and what a model trained
/// on the annotator's own tags adds to them, in reading order.
pub fn suggest(text: &str, ctx: &Context, model: Option<&Model>) -> Vec<Suggestion> {
    let mut out = crate::suggest::rules::suggest(text, ctx);
    if let Some(m) = model {
        m.extend(text, &mut out);
        out.sort_by_key(|s| (s.hull().start, s.hull().end));
    }
    out
}

/// What the engine knows of the project besides each text (its people).
pub fn context_of(project: &Project) -> Context {
    crate::suggest::all::context_of(project)
}

/// A model trained on the Quote, Speaker and Cue annotations of `examples`.
pub fn train(examples: &[&Document], progress: &dyn Fn(usize, usize)) -> Model {
    crate::suggest::learn::train(examples, &TrainOptions::default(), progress)
}

/// One undoable edit that tags `s` in document `doc` (`d`): the quote with
/// its speaker, cue, links, person and origin.
pub fn accept(doc: usize, d: &Document, tags: &TagSet, s: &Suggestion) -> Result<Edit, AcceptError> {
    file::accept(doc, d, tags, s)
}

/// The edit that records the rejection of `s` (the project file keeps it).
pub fn reject(doc: usize, d: &Document, s: &Suggestion) -> Edit {
    file::reject(doc, d, s)
}

/// Every suggestion of `found` at or above `min` accepted in `d` as one
/// edit (most confident first, overlaps dropped), with counts.
pub fn accept_above(
    doc: usize,
    d: &Document,
    tags: &TagSet,
    found: Vec<Suggestion>,
    min: f32,
) -> AcceptedAbove {
    crate::suggest::accept_above::accept_above(doc, d, tags, found, min)
}

/// The suggestions of `found` still to decide on in `d`: neither tagged nor rejected.
pub fn pending(d: &Document, found: &[Suggestion]) -> Vec<Suggestion> {
    found.iter().filter(|s| file::is_pending(d, s)).cloned().collect()
}

/// The label a suggestion's target is tagged with.
pub fn label_of(t: Target) -> &'static str {
    file::label_of(t)
}
