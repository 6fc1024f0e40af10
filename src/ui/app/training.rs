//! Learning from the annotator's own tags: training the suggestion model on
//! a thread with a progress bar, keeping it beside the project file, and
//! loading it from there the first time suggestions are made.

use std::sync::Arc;

use super::QuotebenchApp;
use super::suggestions::SuggestError;
use crate::format::{load_model, model_path};
use crate::model::{Document, names};
use crate::ui::suggestions::train_job::TrainJob;

impl QuotebenchApp {
    /// Starts training on every document that has tagged quotes.
    pub(super) fn train_suggestions(&mut self) -> Result<(), SuggestError> {
        let s = &mut self.session;
        if s.suggestions.training.is_some() {
            return Err(SuggestError::Training);
        }
        let examples: Vec<Document> =
            s.ws.project
                .documents
                .iter()
                .filter(|d| d.label_count(names::QUOTE) > 0)
                .cloned()
                .collect();
        if examples.is_empty() {
            return Err(SuggestError::NothingToLearn);
        }
        let save_to = s.ws.path.as_deref().map(model_path);
        self.message = format!("Learning from {} documents…", examples.len());
        s.suggestions.training = Some(TrainJob::start(examples, save_to));
        Ok(())
    }

    /// Takes the trained model once it is there: the next Suggest uses it.
    pub(super) fn poll_training(&mut self, ctx: &egui::Context) {
        let s = &mut self.session;
        let Some(job) = &s.suggestions.training else {
            return;
        };
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
        let Some(done) = job.poll() else { return };
        s.suggestions.training = None;
        let Some(t) = done else {
            self.message = "The training stopped without a model.".into();
            return;
        };
        s.suggestions.model = Some(Arc::new(t.model));
        s.suggestions.model_looked = true;
        let n = t.documents;
        self.message = match t.saved {
            Some(Ok(p)) => format!(
                "Learned from {n} documents; the model is kept beside the project ({}). Suggest now uses it.",
                p.display()
            ),
            Some(Err(e)) => format!("Learned from {n} documents, but the model could not be saved: {e}"),
            None => format!(
                "Learned from {n} documents; save the project to keep the model beside it. Suggest now uses it."
            ),
        };
    }

    /// The progress of a training.
    pub(super) fn training_progress(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.session.suggestions.training else {
            return;
        };
        let (done, total) = job.progress();
        egui::Window::new("Learning from your tags")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::RIGHT_BOTTOM, [-16.0, -140.0])
            .show(ctx, |ui| {
                ui.label("Training the suggestion model");
                ui.add(egui::ProgressBar::new(done as f32 / total as f32).show_percentage());
            });
    }

    /// Loads the model kept beside the project file, once per project.
    pub(super) fn look_for_model(&mut self) {
        let s = &mut self.session.suggestions;
        if s.model.is_some() || s.model_looked {
            return;
        }
        s.model_looked = true;
        let Some(path) = self.session.ws.path.as_deref() else {
            return;
        };
        let file = model_path(path);
        if !file.exists() {
            return;
        }
        match load_model(&file) {
            Ok(m) => self.session.suggestions.model = Some(Arc::new(m)),
            Err(e) => self.message = format!("The trained model beside the project was not used: {e}"),
        }
    }
}
