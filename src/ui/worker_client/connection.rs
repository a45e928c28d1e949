//! The connection: the worker, started the first time one is needed (or the engine here, if
//! none can start), what is sent to it, and the queue of requests for exact numbers.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::Client;
use crate::protocol::{FromWorker, ToWorker};
use crate::sim::engine::{Engine, Request, SYNTHETIC, all_exact};
use crate::worker::js::{reply_from_js, to_js};
use crate::worker::serve;

type Handler = Closure<dyn FnMut(MessageEvent)>;

/// How long a request that needs new draws waits for its control to be still.
pub(super) const HOLD: std::time::Duration = std::time::Duration::from_millis(80);

/// Where the numbers are computed: in the worker, or here on the page when no worker runs.
pub(super) enum Compute {
    /// The worker, and its message and error handlers (kept alive while it runs).
    Worker {
        worker: Worker,
        _handlers: [Handler; 2],
    },
    Here(Rc<RefCell<Engine>>),
}

pub(super) fn here() -> Compute {
    Compute::Here(Rc::new(RefCell::new(Engine::new())))
}

impl Client {
    /// Whether the page has every number of `r` exactly.
    pub(super) fn exact(&self, r: &Request) -> bool {
        self.derived
            .answer
            .with_untracked(|a| all_exact(r, a.as_ref().map(|a| &*a.0)))
    }

    /// Asks for `r` unless the page already has everything it needs for it. A request that
    /// needs new draws (a count or the seed moved) waits until its control has been still for
    /// `HOLD`: drawing a million samples on the other core during a drag would take the CPU
    /// the browser needs to paint each frame, for numbers the next input makes stale.
    pub(super) fn want(self: &Rc<Self>, r: Request) {
        super::cancel(&self.held);
        // Imported predictions are drawn by no one: their request goes at once (held, a new
        // data set's exact numbers came 80 ms later than they could).
        let draws = r.data == SYNTHETIC;
        if draws && self.drawn.get().is_some_and(|d| d != r.draws_keys()) && !self.exact(&r) {
            // What waited is older than what is held: only the newest goes next.
            self.queue.borrow_mut().drop_waiting();
            let this = Rc::clone(self);
            let later = move || {
                this.held.set(None);
                this.want_now(r);
            };
            if let Ok(handle) = set_timeout_with_handle(later, HOLD) {
                self.held.set(Some(handle));
                return;
            }
        }
        self.want_now(r);
    }

    fn want_now(self: &Rc<Self>, r: Request) {
        if !self.live() {
            return;
        }
        let send = self.queue.borrow_mut().want(r, self.exact(&r));
        if let Some(r) = send {
            self.send_exact(r);
        }
    }

    /// The request on its way was answered (or cannot be): the next one waiting goes, if the
    /// page still lacks some of its numbers.
    pub(super) fn send_next(self: &Rc<Self>) {
        let next = self.queue.borrow_mut().answered(|r| self.exact(r));
        if let Some(r) = next {
            self.send_exact(r);
        }
    }

    fn send_exact(self: &Rc<Self>, r: Request) {
        self.drawn.set(Some(r.draws_keys()));
        self.send(ToWorker::Exact(r));
    }

    pub(super) fn send(self: &Rc<Self>, message: ToWorker) {
        // The first time: start the worker (the message waits in it until the module loads).
        self.try_worker();
        match &*self.compute.borrow() {
            Compute::Worker { worker: w, .. } => {
                let _ = w.post_message(&to_js(&message));
            }
            Compute::Here(engine) => {
                let (engine, this) = (Rc::clone(engine), Rc::clone(self));
                // After this frame: the estimate is painted first.
                set_timeout(
                    move || serve(&mut engine.borrow_mut(), message, &mut |m| this.receive(m)),
                    std::time::Duration::from_millis(0),
                );
            }
        }
    }

    /// Starts the worker the first time one is needed; if none can start, the engine stays here.
    pub(super) fn try_worker(self: &Rc<Self>) {
        if self.worker_tried.replace(true) {
            return;
        }
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let Ok(worker) = Worker::new_with_options("./worker.js", &options) else {
            return;
        };
        let this = Rc::clone(self);
        let on_message = Handler::new(move |e: MessageEvent| match reply_from_js(&e.data()) {
            (FromWorker::CsvPiece(_, done), Some(bytes)) => this.csv_piece(bytes, done),
            (reply, _) => this.receive(reply),
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let this = Rc::clone(self);
        let on_error = Handler::new(move |_| this.receive(FromWorker::Failed));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *self.compute.borrow_mut() = Compute::Worker {
            worker,
            _handlers: [on_message, on_error],
        };
    }

    pub(super) fn stop_worker(&self) {
        if let Compute::Worker { worker: w, .. } = &*self.compute.borrow() {
            w.set_onmessage(None);
            w.set_onerror(None);
            w.terminate();
        }
    }

    /// The worker could not start or died: the engine runs here from now on, beginning with
    /// the request that was in flight (imported predictions were the worker's: they are gone).
    pub(super) fn fail(self: &Rc<Self>) {
        // Once: an error event and an unreadable reply can both report the same failure.
        if matches!(&*self.compute.borrow(), Compute::Here(_)) {
            return;
        }
        self.stop_worker();
        *self.compute.borrow_mut() = here();
        // Nothing the worker was asked for comes back: the words it wrote go with it (they
        // would be stale at the first change).
        for jobs in [&self.decisions, &self.words] {
            jobs.drop_pending();
        }
        self.progress.words.set(None);
        self.progress.decision.set(Err(
            "The page's worker stopped; the decision panel needs it. Reload the page.",
        ));
        self.lose_import(
            "The page's worker stopped, and imported predictions live there: the page shows the \
             synthetic scenario again. Reload the page to import the file again.",
        );
        let in_flight = self.queue.borrow().in_flight();
        if let Some(r) = in_flight {
            self.send(ToWorker::Exact(r));
        }
        if self.csv_parts.borrow_mut().take().is_some() {
            self.progress.csv.set(None);
        }
    }
}
