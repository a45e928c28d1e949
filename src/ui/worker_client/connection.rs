//! The connection: the worker, started the first time one is needed (or its module on the
//! page's thread, if none can start; or the page's own engine, if that cannot load either),
//! what is sent to it, and the queue of requests for exact numbers.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::Client;
use super::notice::{Runs, say};
use crate::protocol::{FromWorker, ToWorker};
use crate::sim::engine::{Engine, Request, SYNTHETIC, all_exact};
use crate::worker::js::{reply_from_js, to_js};
use crate::worker::serve;

type Handler = Closure<dyn FnMut(MessageEvent)>;

#[wasm_bindgen]
extern "C" {
    /// the start-up script's (index.html) stand-in for a Worker (it throws where the page has none: a test's page).
    #[wasm_bindgen(catch, js_namespace = imbalanceLab, js_name = pageWorker)]
    fn page_worker() -> Result<Worker, JsValue>;
}

/// How long a request that needs new draws waits for its control to be still.
pub(super) const HOLD: std::time::Duration = std::time::Duration::from_millis(80);

/// Where the numbers are computed: in the worker, or here on the page when no worker runs.
pub(super) enum Compute {
    /// The worker, and its message and error handlers (kept alive while it runs). Where no
    /// worker can start, the start-up script's `pageWorker` stands in for one (`Runs::Thread`).
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

    /// Starts the worker the first time one is needed; if none can start (a sandboxed frame
    /// cannot), its module on the page's thread.
    pub(super) fn try_worker(self: &Rc<Self>) {
        if self.worker_tried.replace(true) {
            return;
        }
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        match Worker::new_with_options("./worker.js", &options) {
            Ok(worker) => self.use_worker(worker),
            Err(_) => drop(self.on_page_thread()),
        }
    }

    /// Runs the worker's module on the page's thread, through `imbalanceLab.pageWorker`
    /// (the start-up script in index.html): an object used as a Worker is (`postMessage` in, message events out, a task
    /// later each way, so neither side runs inside the other's call), which imports the module
    /// only now (it is nearly as large as the page's own) and says `null` if it cannot, as a
    /// worker that failed does. Being Worker-shaped, it needs no code of its own here: the
    /// page's first load stays within its budget. False where the page has no such function.
    fn on_page_thread(self: &Rc<Self>) -> bool {
        let Ok(worker) = page_worker() else {
            self.ran(Runs::Engine);
            return false;
        };
        self.ran(Runs::Thread);
        self.use_worker(worker);
        true
    }

    /// Notes where the work runs now, and says so.
    fn ran(&self, runs: Runs) {
        self.runs_in.set(runs);
        say(runs);
    }

    fn use_worker(self: &Rc<Self>, worker: Worker) {
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

    /// The worker could not start or died: its module runs on the page's thread from now on;
    /// if that fails too, the page's own engine computes the exact numbers and the page says
    /// what is missing. Either way the request in flight goes again (imported predictions were
    /// the worker's: they are gone).
    pub(super) fn fail(self: &Rc<Self>) {
        // Once: an error event and an unreadable reply can both report the same failure.
        if matches!(&*self.compute.borrow(), Compute::Here(_)) {
            return;
        }
        self.stop_worker();
        *self.compute.borrow_mut() = here();
        for jobs in [&self.decisions, &self.words] {
            jobs.drop_pending();
        }
        let died = self.runs_in.get() == Runs::Worker;
        if died {
            self.lose_import(
                "The page's worker stopped, and imported predictions live there: the page shows \
                 the synthetic scenario again. Import the file again.",
            );
        }
        if died && self.on_page_thread() {
            for jobs in [&self.decisions, &self.words] {
                jobs.resend(self);
            }
        } else {
            // Nothing can write the words or the panel now: none stays on screen to go stale.
            self.ran(Runs::Engine);
            self.progress.words.set(None);
            self.progress.decision.set(Err(NO_DECISION));
            self.lose_import(NO_IMPORT);
        }
        let in_flight = self.queue.borrow().in_flight();
        if let Some(r) = in_flight {
            self.send(ToWorker::Exact(r));
        }
        // A retraining under way starts over where the work runs now (or says it cannot).
        self.send_spread();
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
