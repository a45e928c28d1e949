//! The predictions file: written in pieces by the worker (or here between frames), so no frame
//! waits for millions of rows, and saved once the last piece is in.

use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use leptos::prelude::*;

use super::connection::Compute;
use super::{Client, client};
use crate::export::PredictionsJob;
use crate::protocol::{FromWorker, ToWorker};
use crate::ui::download::{save_parts, yield_to_browser};
use crate::worker::csv_file;
use crate::worker::js::to_js;

/// Downloads the predictions file: every model's scores the page holds.
pub fn save_predictions(job: PredictionsJob) {
    let r = job.request;
    let Some(c) = client() else { return };
    if c.progress.csv.get_untracked().is_some() {
        return;
    }
    c.progress.csv.set(Some(0.0));
    *c.csv_parts.borrow_mut() = Some(Array::new());
    if !r.exact_on_page() {
        c.try_worker();
    }
    let engine = match &*c.compute.borrow() {
        Compute::Worker { worker: w, .. } => {
            let _ = w.post_message(&to_js(&ToWorker::Csv(job)));
            return;
        }
        Compute::Here(engine) => Rc::clone(engine),
    };
    leptos::task::spawn_local(async move {
        // A piece is written each time the loop asks for one, with the browser free between.
        // Without a worker there is no trained model's column (its scores are the worker's).
        let pieces = csv_file(&mut engine.borrow_mut(), &job, None);
        for piece in pieces {
            c.receive(piece);
            yield_to_browser().await;
        }
        c.receive(FromWorker::CsvDone);
    });
}

impl Client {
    /// A piece of the predictions file, and the share of the file written with it.
    pub(super) fn csv_piece(self: &Rc<Self>, bytes: Uint8Array, done: f64) {
        if !self.live() {
            return;
        }
        if let Some(parts) = &*self.csv_parts.borrow() {
            parts.push(&bytes);
        }
        self.progress.csv.set(Some(done));
    }

    /// The predictions file is complete: saved.
    pub(super) fn csv_done(&self) {
        if let Some(parts) = self.csv_parts.borrow_mut().take() {
            save_parts("imbalance-lab-predictions.csv", &parts, "text/csv");
        }
        self.progress.csv.set(None);
    }
}
