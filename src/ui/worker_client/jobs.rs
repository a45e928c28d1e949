//! The jobs the worker renders: the decision panel and the page's words. They need the worker
//! (the engine here renders neither).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;

use super::connection::{Compute, HOLD};
use super::{Client, cancel, client};
use crate::features::decide::worker::DecideJob;
use crate::features::words::WordsJob;
use crate::protocol::ToWorker;
use crate::sim::engine::{DrawsKey, Request};
use crate::state::{DecisionSettings, TrainingSettings};

/// Jobs of one kind that the worker renders (the decision panel, the words), encoded (their
/// tag, their number, then the request): the newest asked for, the one on its way (0: none),
/// the next one waiting, one held back because it needs new draws, and the draws of the last
/// sent. One job is on its way at a time, and only the newest waits; a job that needs new
/// draws waits, like the exact numbers, until its control has been still for `HOLD`.
#[derive(Default)]
pub(super) struct Jobs {
    newest: RefCell<Vec<f64>>,
    busy: Cell<u32>,
    next: RefCell<Option<(Vec<f64>, [DrawsKey; 2])>>,
    pub(super) held: Cell<Option<TimeoutHandle>>,
    drawn: Cell<Option<[DrawsKey; 2]>>,
}

impl Jobs {
    /// The newest job's number (0: none yet).
    fn newest_id(&self) -> u32 {
        self.newest.borrow().get(1).map_or(0, |&id| id as u32)
    }

    /// Asks for `job` (its number set here); `None` when it is the newest job again (an
    /// effect that ran again for nothing), which is neither asked twice nor taken back if held.
    fn ask(
        c: &Rc<Client>,
        pick: fn(&Client) -> &Jobs,
        mut job: Vec<f64>,
        draws: [DrawsKey; 2],
    ) -> Option<u32> {
        let jobs = pick(c);
        if jobs.newest.borrow().get(2..) == job.get(2..) {
            return None;
        }
        cancel(&jobs.held);
        let id = jobs.newest_id() + 1;
        job[1] = f64::from(id);
        *jobs.newest.borrow_mut() = job.clone();
        // What waited is older than this job: only the newest goes next.
        *jobs.next.borrow_mut() = None;
        let go = {
            let c = Rc::clone(c);
            move || {
                let jobs = pick(&c);
                jobs.held.set(None);
                if jobs.busy.get() != 0 {
                    *jobs.next.borrow_mut() = Some((job.clone(), draws));
                } else {
                    c.post_job(jobs, &job, draws);
                }
            }
        };
        let new_draws = jobs.drawn.get().is_some_and(|d| d != draws);
        if new_draws && let Ok(handle) = set_timeout_with_handle(go.clone(), HOLD) {
            jobs.held.set(Some(handle));
        } else {
            go();
        }
        Some(id)
    }

    /// A reply to job `id` came: the first answer to the job on its way (later ones may
    /// bring progress) lets the next job go. Whether `id` is the newest job's.
    pub(super) fn answered(&self, c: &Client, id: u32) -> bool {
        if id == self.busy.get() {
            self.busy.set(0);
            if let Some((next, draws)) = self.next.take() {
                c.post_job(self, &next, draws);
            }
        }
        id == self.newest_id()
    }

    /// The worker is gone: nothing on its way comes back, and nothing waiting goes.
    pub(super) fn drop_pending(&self) {
        self.busy.set(0);
        self.next.take();
    }
}

impl Client {
    /// Posts a job the worker renders (encoded: its tag, then its number).
    fn post_job(&self, jobs: &Jobs, job: &[f64], draws: [DrawsKey; 2]) {
        if let Compute::Worker { worker: w, .. } = &*self.compute.borrow() {
            jobs.busy.set(job[1] as u32);
            jobs.drawn.set(Some(draws));
            let _ = w.post_message(&js_sys::Float64Array::from(job));
        }
    }
}

/// Whether jobs the worker renders can be asked for: with no worker, says why through `no`.
fn rendering(no: impl FnOnce(&Client)) -> Option<Rc<Client>> {
    let c = client()?;
    c.try_worker();
    if matches!(&*c.compute.borrow(), Compute::Here(_)) {
        no(&c);
        return None;
    }
    Some(c)
}

/// A decision job's message as numbers.
fn decide_numbers(job: &DecideJob) -> Vec<f64> {
    ToWorker::Decide(Box::new(*job)).encode()
}

/// Asks the worker for the decision panel of `job` (its id is set here).
pub fn decide(job: DecideJob) {
    let Some(c) = rendering(|c| {
        c.progress.decision.set(Err(
            "The decision panel is computed in the page's Web Worker (worker.js), which could \
             not start here.",
        ))
    }) else {
        return;
    };
    let draws = job.request.draws_keys();
    if let Some(id) = Jobs::ask(&c, |c| &c.decisions, decide_numbers(&job), draws) {
        c.decide_last.set(Some(DecideJob { id, ..job }));
    }
}

/// Asks the worker for the page's words (`job`'s id is set here).
pub fn request_words(job: WordsJob) {
    if let Some(c) = rendering(|_| {}) {
        let numbers = ToWorker::Words(Box::new(job)).encode();
        Jobs::ask(&c, |c| &c.words, numbers, job.request.draws_keys());
    }
}

/// Whether the decision panel's answer `id` answers the newest job sent, and that job asked
/// about these data, settings and training sample (a job not yet sent, held or waiting for the
/// panel to be seen, makes the answer on screen stale).
pub fn decision_is_current(
    id: u32,
    request: &Request,
    settings: &DecisionSettings,
    training: &TrainingSettings,
) -> bool {
    client().and_then(|c| c.decide_last.get()).is_some_and(|j| {
        j.id == id && j.request == *request && j.settings == *settings && j.training == *training
    })
}
