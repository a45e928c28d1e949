//! The predictions file: written in pieces by the worker (or here between frames), so no frame
//! waits for millions of rows, and saved once the last piece is in.

use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use leptos::prelude::*;

use super::connection::Compute;
use super::{Client, client};
use crate::export::prediction_rows;
use crate::protocol::{FromWorker, ToWorker};
use crate::sim::engine::Request;
use crate::ui::download::{save_parts, yield_to_browser};
use crate::worker::js::to_js;
use crate::worker::{csv_piece, csv_pieces};

/// Downloads the predictions of the page's scenario as CSV.
pub fn save_predictions(r: Request) {
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
            let _ = w.post_message(&to_js(&ToWorker::Csv(r)));
            return;
        }
        Compute::Here(engine) => Rc::clone(engine),
    };
    leptos::task::spawn_local(async move {
        for piece in csv_pieces(prediction_rows(&r.scenario)) {
            let reply = csv_piece(&mut engine.borrow_mut(), &r, piece);
            c.receive(reply);
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
