//! The page's client of its Web Worker (`worker.js`, a wasm module of its own): the exact
//! numbers when a class is larger than its preview, imported files, the predictions file,
//! training on a sample, the decision panel and the page's words. If no worker can start (a
//! sandboxed frame cannot), the worker's module runs on the page's thread; if that cannot load
//! either, the page's own engine computes the exact numbers between frames (the words, the
//! decision panel and imports then are missing, and the page says so). What is sent and what
//! comes back are `crate::protocol`'s, what the worker does with it `crate::worker`'s; this
//! folder only connects them to the page:
//! - `connection.rs`: the worker (or the engine here), and the exact numbers' queue;
//! - `notice.rs`: what the page says when its work runs without a worker;
//! - `receive.rs`: the worker's replies;
//! - `import.rs`, `csv.rs`, `training.rs`, `spread.rs`: importing a file, the predictions file,
//!   training, the retraining spread;
//! - `jobs.rs`: the jobs the worker renders (the decision panel, the words).

mod connection;
mod csv;
mod import;
mod jobs;
mod notice;
mod receive;
mod spread;
mod training;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Array;
use leptos::prelude::*;

use super::derived::Derived;
use super::signals::{PageSignals, Shared};
use crate::features::decide::worker::{DecideJob, Decided};
use crate::features::import::worker::Detection;
use crate::features::training::job::TrainRun;
use crate::features::training::spread_job::SpreadRun;
use crate::features::words::Words;
use crate::sim::engine::DrawsKey;
use crate::state::Layout;
use crate::worker::queue::Queue;
use connection::{Compute, HOLD, here};
use jobs::Jobs;
use notice::Runs;

pub use csv::save_predictions;
pub use import::{forget_data, forget_file, send_file};
pub use jobs::{decide, decision_is_current, request_words};
pub use spread::retrain;
pub use training::{stop_training, train};

/// What the page shows about work in progress.
#[derive(Clone, Copy)]
pub struct Progress {
    /// Share of the exact numbers' work done, while some are being computed.
    pub exact: RwSignal<Option<f64>>,
    /// Share of the predictions file written, while it is.
    pub csv: RwSignal<Option<f64>>,
    /// The newest run of training on a sample, with its steps so far.
    pub training: RwSignal<Option<TrainRun>>,
    /// The newest retraining spread, with its samples so far.
    pub spread: RwSignal<Option<SpreadRun>>,
    /// An import: the share of the file read while it is read, or what went wrong.
    pub import: RwSignal<ImportStatus>,
    /// What the worker found in the file the reader chose, before importing it.
    pub detection: RwSignal<Option<Detection>>,
    /// The decision panel as the worker last rendered it, or why there is none.
    pub decision: RwSignal<Result<Shared<Decided>, &'static str>>,
    /// The page's words as the worker last wrote them.
    pub words: RwSignal<Option<Shared<Words>>>,
}

/// Where an import stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ImportStatus {
    /// Nothing under way.
    #[default]
    Idle,
    /// The share of the file read.
    Reading(f64),
    /// The file could not be imported; the page kept what it showed.
    Failed(String),
}

struct Client {
    compute: RefCell<Compute>,
    /// Where the worker's work runs (the page says so when not in a worker).
    runs_in: Cell<Runs>,
    worker_tried: Cell<bool>,
    queue: RefCell<Queue>,
    /// The draws of the last request sent (seed and counts), and a request held back because
    /// it needs new draws.
    drawn: Cell<Option<[DrawsKey; 2]>>,
    held: Cell<Option<TimeoutHandle>>,
    /// Training runs sent, and runs whose first step came back: a step belongs to the newest
    /// run only when the two are equal (an older run's last steps may still be on their way).
    runs: Cell<(u32, u32)>,
    /// Retraining spreads asked for (each job's number).
    spreads: Cell<u32>,
    /// The predictions file's pieces, while it is being written.
    csv_parts: RefCell<Option<Array>>,
    /// Jobs about files sent (each has its own number), and the newest look and the newest
    /// import the page waits for (0: none); the name of the file being imported.
    jobs: Cell<u32>,
    detecting: Cell<u32>,
    importing: Cell<u32>,
    import_name: RefCell<String>,
    /// The decision panel's jobs, and the newest one asked for.
    decisions: Jobs,
    decide_last: Cell<Option<DecideJob>>,
    /// The words' jobs.
    words: Jobs,
    page: PageSignals,
    derived: Derived,
    progress: Progress,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
}

fn client() -> Option<Rc<Client>> {
    CLIENT.with(|c| c.borrow().clone())
}

/// Starts the page's client of the worker and keeps it fed with the page's state.
pub fn connect(page: PageSignals, derived: Derived) -> Progress {
    let progress = Progress {
        exact: RwSignal::new(None),
        csv: RwSignal::new(None),
        training: RwSignal::new(None),
        spread: RwSignal::new(None),
        import: RwSignal::new(ImportStatus::Idle),
        detection: RwSignal::new(None),
        decision: RwSignal::new(Err("Working out the decision panel…")),
        words: RwSignal::new(None),
    };
    let new = Rc::new(Client {
        compute: RefCell::new(here()),
        runs_in: Cell::new(Runs::Worker),
        worker_tried: Cell::new(false),
        drawn: Cell::new(None),
        held: Cell::new(None),
        runs: Cell::new((0, 0)),
        spreads: Cell::new(0),
        queue: RefCell::new(Queue::default()),
        csv_parts: RefCell::new(None),
        jobs: Cell::new(0),
        detecting: Cell::new(0),
        importing: Cell::new(0),
        import_name: RefCell::new(String::new()),
        decisions: Jobs::default(),
        decide_last: Cell::new(None),
        words: Jobs::default(),
        page,
        derived,
        progress,
    });
    CLIENT.with(|c| *c.borrow_mut() = Some(new));
    // Only while a shown panel reads the predictions: an embed of the focal curve never starts
    // the worker. The first request waits for the first paint: the worker's module is a quarter
    // of a megabyte, and fetched sooner it slowed the page's first screen on a slow network.
    Effect::new(move |first: Option<()>| {
        let r = derived.request.get();
        if page.layout.with(Layout::reads_predictions) {
            let want = move || {
                if let Some(c) = client() {
                    c.want(r);
                }
            };
            match first {
                None => request_animation_frame(move || set_timeout(want, HOLD)),
                Some(()) => want(),
            }
        }
    });
    progress
}

/// Stops the worker and forgets the page (when the app is torn down).
pub fn disconnect() {
    if let Some(c) = CLIENT.with(|c| c.borrow_mut().take()) {
        for held in [&c.held, &c.decisions.held, &c.words.held] {
            cancel(held);
        }
        c.stop_worker();
        notice::unsay();
        // Drops the worker's handlers, which hold the client.
        *c.compute.borrow_mut() = here();
    }
}

/// Clears a request or job held back, if there is one.
fn cancel(held: &Cell<Option<TimeoutHandle>>) {
    if let Some(h) = held.take() {
        h.clear();
    }
}

impl Client {
    /// Whether this client still serves a page (not torn down): work that was already
    /// scheduled (a held request, the engine here, a piece of the CSV) finds out before it
    /// touches the page's signals.
    fn live(self: &Rc<Self>) -> bool {
        client().is_some_and(|c| Rc::ptr_eq(&c, self))
    }
}
