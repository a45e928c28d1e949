//! The worker's replies (or the engine's here), each handed to the part of the client it
//! concerns; the exact numbers' own replies are handled here.

use std::rc::Rc;
use std::sync::Arc;

use js_sys::Uint8Array;
use leptos::prelude::*;

use super::Client;
use crate::protocol::FromWorker;
use crate::sim::engine::Answer;
use crate::ui::signals::Shared;

impl Client {
    pub(super) fn receive(self: &Rc<Self>, reply: FromWorker) {
        if !self.live() {
            return;
        }
        match reply {
            FromWorker::Progress(p) => self.progress.exact.set(Some(p)),
            FromWorker::Answer(answer) => self.answer(*answer),
            FromWorker::CsvPiece(bytes, done) => {
                self.csv_piece(Uint8Array::from(&bytes[..]), done);
            }
            FromWorker::CsvDone => self.csv_done(),
            FromWorker::TrainStep(step) => self.train_step(*step),
            FromWorker::SpreadSample(s) => self.spread_sample(*s),
            FromWorker::Detected(d) => self.detected(*d),
            FromWorker::ImportProgress(id, p) => self.import_progress(id, p),
            FromWorker::Imported(summary) => self.imported(*summary),
            FromWorker::ImportFailed(id, message) => self.import_failed(id, message),
            FromWorker::NotHeld => self.not_held(),
            FromWorker::Decided(d) => {
                // Only the newest job's panel is shown: an older one is already stale.
                if self.decisions.answered(self, d.id) {
                    self.progress.decision.set(Ok(Shared(Arc::new(*d))));
                }
            }
            FromWorker::Words(w) => {
                if self.words.answered(self, w.id) {
                    self.progress.words.set(Some(Shared(Arc::new(*w))));
                }
            }
            FromWorker::Failed => self.fail(),
        }
    }

    /// The exact numbers of the request on its way.
    fn answer(self: &Rc<Self>, answer: Answer) {
        self.progress.exact.set(None);
        // An answer the page has moved away from in every input (a drag of the class
        // ratio, say) would only re-run every layer to keep its estimates: dropped.
        let now = self.derived.request.get_untracked();
        if answer.useful_for(&now) {
            self.derived.answer.set(Some(Shared(Arc::new(answer))));
        }
        self.send_next();
    }

    /// The request on its way was about imported predictions the engine no longer holds.
    fn not_held(self: &Rc<Self>) {
        self.progress.exact.set(None);
        self.lose_import(
            "The worker no longer holds the imported predictions; import the file again.",
        );
        self.send_next();
    }
}
