//! Training on a sample: the runs sent, and the steps that come back.

use leptos::prelude::*;

use super::{Client, client};
use crate::features::training::job::{TrainRequest, TrainRun, TrainStep};
use crate::protocol::ToWorker;

/// Trains every loss on a sample in the worker (or here, if there is none), step by step.
pub fn train(r: TrainRequest) {
    let Some(c) = client() else { return };
    c.progress.training.set(Some(TrainRun::new(r)));
    let (sent, started) = c.runs.get();
    c.runs.set((sent + 1, started));
    c.send(ToWorker::Train(r));
}

/// Stops following the training run: the page keeps the step it has.
pub fn stop_training() {
    if let Some(c) = client() {
        c.progress
            .training
            .update(|t| t.iter_mut().for_each(|run| run.following = false));
    }
}

impl Client {
    /// A step of a training run, kept if it is the newest run's.
    pub(super) fn train_step(&self, step: TrainStep) {
        let (sent, mut started) = self.runs.get();
        if step.step == 0 {
            started += 1;
            self.runs.set((sent, started));
        }
        // A stopped run keeps the steps it had (`push` refuses more).
        if started == sent {
            self.progress.training.update(|t| {
                if let Some(run) = t {
                    run.push(step);
                }
            });
        }
    }
}
