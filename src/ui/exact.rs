//! Where the exact numbers come from when a class is larger than its preview: the engine in a
//! Web Worker (`worker.js`, the same wasm module), or, if no worker can start, the same engine
//! here between frames. One request is in flight at a time; while it runs, the newest state
//! waits and goes next, so a drag never queues up stale work.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use js_sys::{Array, Float64Array, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::download::save_parts;
use super::state::{Derived, Shared};
use crate::export::{CSV_HEADER, prediction_rows, predictions_csv};
use crate::sim::engine::{Engine, Exact, Request, settled};

/// Rows of the predictions file written between two frames when there is no worker.
const CSV_ROWS: usize = 100_000;

/// What the page shows about work in progress.
#[derive(Clone, Copy)]
pub struct Progress {
    /// Share of the exact numbers' work done, while some are being computed.
    pub exact: RwSignal<Option<f64>>,
    /// Share of the predictions file written, while it is.
    pub csv: RwSignal<Option<f64>>,
}

type Handler = Closure<dyn FnMut(MessageEvent)>;

enum Backend {
    Worker(Worker),
    Here(Rc<RefCell<Engine>>),
}

struct Client {
    backend: RefCell<Backend>,
    busy: Cell<bool>,
    worker_tried: Cell<bool>,
    /// The request in flight, to resend if the worker fails.
    current: Cell<Option<Request>>,
    next: Cell<Option<Request>>,
    csv_parts: RefCell<Option<Array>>,
    derived: Derived,
    progress: Progress,
    // Keeps the worker's message handlers alive.
    _handlers: RefCell<Vec<Handler>>,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
}

fn client() -> Option<Rc<Client>> {
    CLIENT.with(|c| c.borrow().clone())
}

fn start_worker() -> Option<Worker> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    Worker::new_with_options("./worker.js", &options).ok()
}

/// Starts the exact numbers' source for the page and keeps it fed with the page's state.
pub fn connect(derived: Derived) -> Progress {
    let progress = Progress {
        exact: RwSignal::new(None),
        csv: RwSignal::new(None),
    };
    let new = Rc::new(Client {
        backend: RefCell::new(Backend::Here(Rc::new(RefCell::new(Engine::new())))),
        busy: Cell::new(false),
        worker_tried: Cell::new(false),
        current: Cell::new(None),
        next: Cell::new(None),
        csv_parts: RefCell::new(None),
        derived,
        progress,
        _handlers: RefCell::new(Vec::new()),
    });
    CLIENT.with(|c| *c.borrow_mut() = Some(new));
    Effect::new(move |_| {
        let r = derived.request.get();
        if let Some(c) = client() {
            c.want(r);
        }
    });
    progress
}

impl Client {
    /// Asks for `r` unless the page already has everything it needs for it.
    fn want(self: &Rc<Self>, r: Request) {
        let settled = self
            .derived
            .exact
            .with_untracked(|e| settled(&r, e.as_ref().map(|e| &*e.0)));
        if settled {
            self.next.set(None);
            return;
        }
        if self.busy.get() {
            self.next.set(Some(r));
        } else {
            self.send(r);
        }
    }

    fn send(self: &Rc<Self>, r: Request) {
        self.busy.set(true);
        self.current.set(Some(r));
        // The first time: start the worker (the request waits in its queue until it is ready).
        self.try_worker();
        match &*self.backend.borrow() {
            Backend::Worker(w) => {
                let msg = Array::of2(&"exact".into(), &Float64Array::from(&r.encode()[..]).into());
                let _ = w.post_message(&msg);
            }
            Backend::Here(engine) => {
                let engine = Rc::clone(engine);
                let this = Rc::clone(self);
                // After this frame: the estimate is painted first.
                set_timeout(
                    move || {
                        let exact = engine.borrow_mut().compute(&r, &mut |_| {});
                        this.answered(exact);
                    },
                    std::time::Duration::from_millis(0),
                );
            }
        }
    }

    /// Starts the worker the first time one is needed; if none can start, the engine stays here.
    fn try_worker(self: &Rc<Self>) {
        if self.worker_tried.replace(true) {
            return;
        }
        let Some(worker) = start_worker() else {
            return;
        };
        let this = Rc::clone(self);
        let on_message = Handler::new(move |e: MessageEvent| {
            this.message(e.data());
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let this = Rc::clone(self);
        let on_error = Handler::new(move |_| this.fail());
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self._handlers.borrow_mut().extend([on_message, on_error]);
        *self.backend.borrow_mut() = Backend::Worker(worker);
    }

    /// The worker could not start or died: the engine runs here from now on.
    fn fail(self: &Rc<Self>) {
        if let Backend::Worker(w) = &*self.backend.borrow() {
            w.terminate();
        }
        *self.backend.borrow_mut() = Backend::Here(Rc::new(RefCell::new(Engine::new())));
        if let Some(r) = self.current.take() {
            self.send(r);
        }
        if self.csv_parts.borrow_mut().take().is_some() {
            self.progress.csv.set(None);
        }
    }

    fn message(self: &Rc<Self>, data: JsValue) {
        let msg = Array::from(&data);
        match msg.get(0).as_string().as_deref() {
            Some("progress") => {
                if let Some(p) = msg.get(1).as_f64() {
                    self.progress.exact.set(Some(p));
                }
            }
            Some("exact") => {
                let v = Float64Array::new(&msg.get(1)).to_vec();
                match Exact::decode(&v) {
                    Some(exact) => self.answered(exact),
                    None => self.fail(),
                }
            }
            Some("csv") => {
                if let Some(parts) = &*self.csv_parts.borrow() {
                    parts.push(&msg.get(1));
                }
                self.progress.csv.set(msg.get(2).as_f64());
            }
            Some("csv-done") => {
                if let Some(parts) = self.csv_parts.borrow_mut().take() {
                    save_parts("imbalance-lab-predictions.csv", &parts, "text/csv");
                }
                self.progress.csv.set(None);
            }
            Some("error") => self.fail(),
            _ => {}
        }
    }

    fn answered(self: &Rc<Self>, exact: Exact) {
        self.busy.set(false);
        self.current.set(None);
        self.progress.exact.set(None);
        self.derived.exact.set(Some(Shared(Arc::new(exact))));
        if let Some(r) = self.next.take() {
            self.want(r);
        }
    }
}

/// Downloads the predictions of the page's scenario as CSV, written in pieces by the worker
/// (or here between frames), so no frame waits for millions of rows.
pub fn save_predictions(r: Request) {
    let Some(c) = client() else { return };
    if c.progress.csv.get_untracked().is_some() {
        return;
    }
    c.progress.csv.set(Some(0.0));
    let rows = prediction_rows(&r.scenario);
    if !r.fits_preview() {
        c.try_worker();
    }
    let backend = match &*c.backend.borrow() {
        Backend::Worker(w) => Ok(w.clone()),
        Backend::Here(e) => Err(Rc::clone(e)),
    };
    match backend {
        Ok(worker) => {
            let parts = Array::new();
            if rows == 0 {
                parts.push(&Uint8Array::from(CSV_HEADER.as_bytes()));
            }
            *c.csv_parts.borrow_mut() = Some(parts);
            let msg = Array::of3(
                &"csv".into(),
                &Float64Array::from(&r.encode()[..]).into(),
                &JsValue::from_f64(rows as f64),
            );
            let _ = worker.post_message(&msg);
        }
        Err(engine) => leptos::task::spawn_local(async move {
            let parts = Array::new();
            let mut start = 0;
            loop {
                let end = (start + CSV_ROWS).min(rows);
                let bytes = predictions_csv(&mut engine.borrow_mut(), &r, start..end);
                parts.push(&Uint8Array::from(&bytes[..]));
                c.progress.csv.set(Some(end as f64 / rows.max(1) as f64));
                if end >= rows {
                    break;
                }
                start = end;
                super::download::yield_to_browser().await;
            }
            save_parts("imbalance-lab-predictions.csv", &parts, "text/csv");
            c.progress.csv.set(None);
        }),
    }
}
