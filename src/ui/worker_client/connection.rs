//! The connection: the worker, started the first time one is needed (or its module on the
//! page's thread, if none can start; or the page's own engine, if that cannot load either),
//! what is sent to it, and the queue of requests for exact numbers.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::thread::Thread;
use super::{Client, Runs};
use crate::protocol::{FromWorker, ToWorker};
use crate::sim::engine::{Engine, Request, SYNTHETIC, all_exact};
use crate::worker::js::{reply_from_js, to_js};
use crate::worker::serve;

type Handler = Closure<dyn FnMut(MessageEvent)>;

/// How long a request that needs new draws waits for its control to be still.
pub(super) const HOLD: std::time::Duration = std::time::Duration::from_millis(80);

/// Where the numbers are computed: in the worker; in its module on the page's thread when no
/// worker can start; or by the page's own engine (the exact numbers only) when that module
/// cannot load either, or before the worker is first needed.
pub(super) enum Compute {
    /// The worker, and its message and error handlers (kept alive while it runs).
    Worker {
        worker: Worker,
        _handlers: [Handler; 2],
    },
    Thread(Thread),
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
        if self.post(&to_js(&message)) {
            return;
        }
        if let Compute::Here(engine) = &*self.compute.borrow() {
            let (engine, this) = (Rc::clone(engine), Rc::clone(self));
            // After this frame: the estimate is painted first.
            set_timeout(
                move || serve(&mut engine.borrow_mut(), message, &mut |m| this.receive(m)),
                std::time::Duration::from_millis(0),
            );
        }
    }

    /// Posts `message` to the worker or to its module here; false if neither runs (the page's
    /// own engine computes).
    pub(super) fn post(&self, message: &JsValue) -> bool {
        match &mut *self.compute.borrow_mut() {
            Compute::Worker { worker: w, .. } => drop(w.post_message(message)),
            Compute::Thread(t) => t.post(message),
            Compute::Here(_) => return false,
        }
        true
    }

    /// A reply from the worker (or from its module here), as it was posted.
    pub(super) fn reply(self: &Rc<Self>, data: &JsValue) {
        match reply_from_js(data) {
            (FromWorker::CsvPiece(_, done), Some(bytes)) => self.csv_piece(bytes, done),
            (reply, _) => self.receive(reply),
        }
    }

    /// Starts the worker the first time one is needed; if none can start (a sandboxed frame
    /// cannot), its module on the page's thread.
    pub(super) fn try_worker(self: &Rc<Self>) {
        if self.worker_tried.replace(true) {
            return;
        }
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let Ok(worker) = Worker::new_with_options("./worker.js", &options) else {
            return self.start_thread();
        };
        let this = Rc::clone(self);
        let on_message = Handler::new(move |e: MessageEvent| this.reply(&e.data()));
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

    /// The worker could not start or died: its module runs on the page's thread from now on.
    /// If that module could not load, the page's own engine computes the exact numbers, and
    /// the page says what is missing. Either way the request in flight is sent again (imported
    /// predictions were the worker's: they are gone).
    pub(super) fn fail(self: &Rc<Self>) {
        // Once each: an error event and an unreadable reply can both report the same failure.
        let worker = match &*self.compute.borrow() {
            Compute::Here(_) => return,
            Compute::Worker { .. } => true,
            Compute::Thread(_) => false,
        };
        self.stop_worker();
        for jobs in [&self.decisions, &self.words] {
            jobs.drop_pending();
        }
        if worker {
            self.lose_import(
                "The page's worker stopped, and imported predictions live there: the page shows \
                 the synthetic scenario again. Import the file again.",
            );
            self.start_thread();
            for jobs in [&self.decisions, &self.words] {
                jobs.resend(self);
            }
        } else {
            *self.compute.borrow_mut() = here();
            self.progress.runs.set(Runs::Engine);
            // Nothing can write the words or the panel: none stays on screen to go stale.
            self.progress.words.set(None);
            self.progress.decision.set(Err(NO_DECISION));
            self.lose_import(NO_IMPORT);
        }
        let in_flight = self.queue.borrow().in_flight();
        if let Some(r) = in_flight {
            self.send(ToWorker::Exact(r));
        }
        if self.csv_parts.borrow_mut().take().is_some() {
            self.progress.csv.set(None);
        }
    }
}

/// Why the decision panel is missing, when neither the worker nor its module can run.
pub(super) const NO_DECISION: &str = "The decision panel is computed by the worker's module \
     (engine-worker.js), which could not load here.";
/// Why nothing can be imported then.
pub(super) const NO_IMPORT: &str =
    "Importing needs the worker's module (engine-worker.js), which could not load here.";
