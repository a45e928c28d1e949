//! The retraining spread: the job sent, and the samples that come back. The spread's maths is
//! the worker's only: a page whose worker's module cannot load says so instead.

use leptos::prelude::*;

use super::connection::Compute;
use super::{Client, client};
use crate::features::training::spread_job::{SpreadJob, SpreadRun, SpreadSample};
use crate::protocol::ToWorker;
use crate::sim::training::spread::SpreadRequest;

/// Why no spread can be computed where the worker's module cannot load.
const NO_SPREAD: &str = "Retraining is computed by the worker's module (engine-worker.js), \
     which could not load here.";

/// Retrains every loss on the request's samples in the worker, a sample a message.
pub fn retrain(request: SpreadRequest) {
    let Some(c) = client() else { return };
    let id = c.spreads.get() + 1;
    c.spreads.set(id);
    c.progress.spread.set(Some(SpreadRun::new(id, request)));
    c.send_spread();
}

impl Client {
    /// Sends the run the page follows (again, after the worker failed), or says why it cannot.
    pub(super) fn send_spread(self: &std::rc::Rc<Self>) {
        let Some(run) = self
            .progress
            .spread
            .get_untracked()
            .filter(SpreadRun::running)
        else {
            return;
        };
        self.try_worker();
        if matches!(&*self.compute.borrow(), Compute::Here(_)) {
            self.progress
                .spread
                .update(|r| r.iter_mut().for_each(|r| r.failed = Some(NO_SPREAD)));
            return;
        }
        // A run sent again starts over: the samples it had are dropped.
        let fresh = SpreadRun::new(run.id, run.request);
        self.progress.spread.set(Some(fresh));
        self.send(ToWorker::Spread(SpreadJob {
            id: run.id,
            request: run.request,
        }));
    }

    /// A sample of a spread, kept if it is the newest run's next one.
    pub(super) fn spread_sample(&self, s: SpreadSample) {
        self.progress.spread.update(|run| {
            if let Some(run) = run {
                run.push(s);
            }
        });
    }
}
