//! The jobs the worker renders: the decision panel and the page's words. They need the worker
//! or its module on the page's thread (the page's own engine renders neither).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;

use super::connection::{Compute, HOLD, NO_DECISION};
use super::{Client, cancel, client};
use crate::features::decide::worker::DecideJob;
use crate::features::words::WordsJob;
use crate::protocol::ToWorker;
use crate::sim::engine::{DrawsKey, Request};
use crate::state::{DecisionSettings, TrainingSettings};
use crate::worker::js::to_js;

/// Jobs of one kind that the worker renders (the decision panel, the words), as the messages
/// that carry them: the newest asked for, the number of the one on its way (0: none), the next
/// one waiting, one held back because it needs new draws, and the draws of the last sent. One job is on its way at a time, and only the newest waits; a job that needs new
/// draws waits, like the exact numbers, until its control has been still for `HOLD`.
#[derive(Default)]
pub(super) struct Jobs {
    newest: RefCell<Option<ToWorker>>,
    busy: Cell<u32>,
    next: RefCell<Option<(ToWorker, [DrawsKey; 2])>>,
    pub(super) held: Cell<Option<TimeoutHandle>>,
    drawn: Cell<Option<[DrawsKey; 2]>>,
}

impl Jobs {
    /// The newest job's number (0: none yet).
    fn newest_id(&self) -> u32 {
        let newest = self.newest.borrow();
        newest.as_ref().and_then(ToWorker::job_id).unwrap_or(0)
    }

    /// Asks for `job` (its number set here); `None` when it is the newest job again (an
    /// effect that ran again for nothing), which is neither asked twice nor taken back if held.
    fn ask(
        c: &Rc<Client>,
        pick: fn(&Client) -> &Jobs,
        job: ToWorker,
        draws: [DrawsKey; 2],
    ) -> Option<u32> {
        let jobs = pick(c);
        // The same job but for its number: asked already.
        let unnumbered = |m: &ToWorker| m.clone().with_job_id(0);
        if (jobs.newest.borrow().as_ref()).is_some_and(|n| unnumbered(n) == unnumbered(&job)) {
            return None;
        }
        cancel(&jobs.held);
        let id = jobs.newest_id() + 1;
        let job = job.with_job_id(id);
        *jobs.newest.borrow_mut() = Some(job.clone());
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

    /// Sends the newest job again (to the worker's module here, once the worker died), unless
    /// it is held back: it goes by itself then.
    pub(super) fn resend(&self, c: &Client) {
        let newest = self.newest.borrow().clone();
        if let (Some(job), None, Some(draws)) = (newest, self.held.get(), self.drawn.get()) {
            c.post_job(self, &job, draws);
        }
    }
}

impl Client {
    /// Posts a job the worker renders.
    fn post_job(&self, jobs: &Jobs, job: &ToWorker, draws: [DrawsKey; 2]) {
        if let Compute::Worker { worker: w, .. } = &*self.compute.borrow() {
            jobs.busy.set(job.job_id().unwrap_or(0));
            jobs.drawn.set(Some(draws));
            let _ = w.post_message(&to_js(job));
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

/// Asks the worker for the decision panel of `job` (its id is set here).
pub fn decide(job: DecideJob) {
    let Some(c) = rendering(|c| c.progress.decision.set(Err(NO_DECISION))) else {
        return;
    };
    let draws = job.request.draws_keys();
    let message = ToWorker::Decide(Box::new(job));
    if let Some(id) = Jobs::ask(&c, |c| &c.decisions, message, draws) {
        c.decide_last.set(Some(DecideJob { id, ..job }));
    }
}

/// Asks the worker for the page's words (`job`'s id is set here).
pub fn request_words(job: WordsJob) {
    if let Some(c) = rendering(|_| {}) {
        let draws = job.request.draws_keys();
        Jobs::ask(&c, |c| &c.words, ToWorker::Words(Box::new(job)), draws);
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
