//! Where the exact numbers come from when a class is larger than its preview: the engine in a
//! Web Worker (`worker.js`, a wasm module of its own), or, if no worker can start, the same
//! engine here between frames (imported predictions need the worker). What is sent, what
//! comes back and what the worker does with it are `crate::worker`'s; this file only connects
//! them to the page.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use js_sys::{Array, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::derived::Derived;
use super::download::{save_parts, yield_to_browser};
use super::state::Page;
use super::state::Shared;
use crate::export::prediction_rows;
use crate::import::Overrides;
use crate::sim::engine::{DrawsKey, Engine, Request, SYNTHETIC, all_exact};
use crate::worker::Detection;
use crate::worker::decide::{DecideJob, Decided};
use crate::worker::import::ImportJob;
use crate::worker::js::import_to_js;
use crate::worker::js::{reply_from_js, to_js};
use crate::worker::queue::Queue;
use crate::worker::words::{ExplainJob, Explained};
use crate::worker::{FromWorker, ToWorker, TrainRequest, TrainRun, csv_piece, csv_pieces, serve};

/// What the page shows about work in progress.
#[derive(Clone, Copy)]
pub struct Progress {
    /// Share of the exact numbers' work done, while some are being computed.
    pub exact: RwSignal<Option<f64>>,
    /// Share of the predictions file written, while it is.
    pub csv: RwSignal<Option<f64>>,
    /// The newest run of training on a sample, with its steps so far.
    pub training: RwSignal<Option<TrainRun>>,
    /// An import: the share of the file read while it is read, or what went wrong.
    pub import: RwSignal<ImportStatus>,
    /// What the worker found in the file the reader chose, before importing it.
    pub detection: RwSignal<Option<Detection>>,
    /// The decision panel as the worker last rendered it, or why there is none.
    pub decision: RwSignal<Result<Shared<Decided>, &'static str>>,
    /// The page's words as the worker last wrote them.
    pub words: RwSignal<Option<Shared<Explained>>>,
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

type Handler = Closure<dyn FnMut(MessageEvent)>;

/// How long a request that needs new draws waits for its control to be still.
const HOLD: std::time::Duration = std::time::Duration::from_millis(80);

enum Backend {
    /// The worker, and its message and error handlers (kept alive while it runs).
    Worker {
        worker: Worker,
        _handlers: [Handler; 2],
    },
    Here(Rc<RefCell<Engine>>),
}

struct Client {
    backend: RefCell<Backend>,
    worker_tried: Cell<bool>,
    queue: RefCell<Queue>,
    /// The draws of the last request sent (seed and counts), and a request held back because
    /// it needs new draws.
    drawn: Cell<Option<[DrawsKey; 2]>>,
    held: Cell<Option<TimeoutHandle>>,
    /// Training runs sent, and runs whose first step came back: a step belongs to the newest
    /// run only when the two are equal (an older run's last steps may still be on their way).
    runs: Cell<(u32, u32)>,
    /// The predictions file's pieces, while it is being written.
    csv_parts: RefCell<Option<Array>>,
    /// Data sets asked for, and the name of the file being imported.
    /// Jobs about files sent (each has its own number), and the newest look and the newest
    /// import the page waits for (0: none).
    jobs: Cell<u32>,
    detecting: Cell<u32>,
    importing: Cell<u32>,
    import_name: RefCell<String>,
    /// The decision panel's jobs, and the newest one asked for.
    decisions: Jobs,
    decide_last: Cell<Option<DecideJob>>,
    /// The words' jobs.
    words: Jobs,
    page: Page,
    derived: Derived,
    progress: Progress,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
}

fn client() -> Option<Rc<Client>> {
    CLIENT.with(|c| c.borrow().clone())
}

fn here() -> Backend {
    Backend::Here(Rc::new(RefCell::new(Engine::new())))
}

/// Starts the exact numbers' source for the page and keeps it fed with the page's state.
pub fn connect(page: Page, derived: Derived) -> Progress {
    let progress = Progress {
        exact: RwSignal::new(None),
        csv: RwSignal::new(None),
        training: RwSignal::new(None),
        import: RwSignal::new(ImportStatus::Idle),
        detection: RwSignal::new(None),
        decision: RwSignal::new(Err("Working out the decision panel…")),
        words: RwSignal::new(None),
    };
    let new = Rc::new(Client {
        backend: RefCell::new(here()),
        worker_tried: Cell::new(false),
        drawn: Cell::new(None),
        held: Cell::new(None),
        runs: Cell::new((0, 0)),
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
    Effect::new(move |_| {
        let r = derived.request.get();
        if let Some(c) = client() {
            c.want(r);
        }
    });
    progress
}

/// Stops the worker and forgets the page (when the app is torn down).
pub fn disconnect() {
    if let Some(c) = CLIENT.with(|c| c.borrow_mut().take()) {
        let held = [&c.held, &c.decisions.held, &c.words.held];
        for h in held.into_iter().filter_map(Cell::take) {
            h.clear();
        }
        c.stop_worker();
        // Drops the worker's handlers, which hold the client.
        *c.backend.borrow_mut() = here();
    }
}

impl Client {
    /// Whether the page has every number of `r` exactly.
    fn exact(&self, r: &Request) -> bool {
        self.derived
            .answer
            .with_untracked(|a| all_exact(r, a.as_ref().map(|a| &*a.0)))
    }

    /// Asks for `r` unless the page already has everything it needs for it. A request that
    /// needs new draws (a count or the seed moved) waits until its control has been still for
    /// `HOLD`: drawing a million samples on the other core during a drag would take the CPU
    /// the browser needs to paint each frame, for numbers the next input makes stale.
    fn want(self: &Rc<Self>, r: Request) {
        if let Some(held) = self.held.take() {
            held.clear();
        }
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

    /// Whether this client still serves a page (not torn down): work that was already
    /// scheduled (a held request, the engine here, a piece of the CSV) finds out before it
    /// touches the page's signals.
    fn live(self: &Rc<Self>) -> bool {
        client().is_some_and(|c| Rc::ptr_eq(&c, self))
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

    fn send_exact(self: &Rc<Self>, r: Request) {
        self.drawn.set(Some(r.draws_keys()));
        self.send(ToWorker::Exact(r));
    }

    fn send(self: &Rc<Self>, message: ToWorker) {
        // The first time: start the worker (the message waits in it until the module loads).
        self.try_worker();
        match &*self.backend.borrow() {
            Backend::Worker { worker: w, .. } => {
                let _ = w.post_message(&to_js(&message));
            }
            Backend::Here(engine) => {
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
    fn try_worker(self: &Rc<Self>) {
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
        *self.backend.borrow_mut() = Backend::Worker {
            worker,
            _handlers: [on_message, on_error],
        };
    }

    fn stop_worker(&self) {
        if let Backend::Worker { worker: w, .. } = &*self.backend.borrow() {
            w.set_onmessage(None);
            w.set_onerror(None);
            w.terminate();
        }
    }

    fn receive(self: &Rc<Self>, reply: FromWorker) {
        if !self.live() {
            return;
        }
        match reply {
            FromWorker::Progress(p) => self.progress.exact.set(Some(p)),
            FromWorker::Answer(answer) => {
                self.progress.exact.set(None);
                // An answer the page has moved away from in every input (a drag of the class
                // ratio, say) would only re-run every layer to keep its estimates: dropped.
                let now = self.derived.request.get_untracked();
                if answer.useful_for(&now) {
                    self.derived.answer.set(Some(Shared(Arc::new(*answer))));
                }
                let next = self.queue.borrow_mut().answered(|r| self.exact(r));
                if let Some(r) = next {
                    self.send_exact(r);
                }
            }
            FromWorker::CsvPiece(bytes, done) => {
                self.csv_piece(Uint8Array::from(&bytes[..]), done);
            }
            FromWorker::CsvDone => {
                if let Some(parts) = self.csv_parts.borrow_mut().take() {
                    save_parts("imbalance-lab-predictions.csv", &parts, "text/csv");
                }
                self.progress.csv.set(None);
            }
            FromWorker::TrainStep(step) => {
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
            FromWorker::Detected(d) => {
                if d.id == self.detecting.get() {
                    self.progress.detection.set(Some(*d));
                }
            }
            FromWorker::ImportProgress(id, p) => {
                if id == self.importing.get() {
                    self.progress.import.set(ImportStatus::Reading(p));
                }
            }
            FromWorker::Imported(summary) => {
                if summary.id == self.importing.replace(0) {
                    self.progress.import.set(ImportStatus::Idle);
                    self.page.show_import(*summary, self.import_name.take());
                }
            }
            FromWorker::ImportFailed(id, message) => {
                // 0: a reply about some file that could not be read.
                if id == 0 || id == self.importing.get() || id == self.detecting.get() {
                    self.importing.set(0);
                    self.progress.import.set(ImportStatus::Failed(message));
                }
            }
            FromWorker::NotHeld => {
                self.progress.exact.set(None);
                self.lose_import(
                    "The worker no longer holds the imported predictions; import the file again.",
                );
                let next = self.queue.borrow_mut().answered(|r| self.exact(r));
                if let Some(r) = next {
                    self.send_exact(r);
                }
            }
            FromWorker::Decided(d) => {
                // Only the newest job's panel is shown: an older one is already stale.
                if self.decisions.answered(self, d.id) {
                    self.progress.decision.set(Ok(Shared(Arc::new(*d))));
                }
            }
            FromWorker::Explained(w) => {
                if self.words.answered(self, w.id) {
                    self.progress.words.set(Some(Shared(Arc::new(*w))));
                }
            }
            FromWorker::Failed => self.fail(),
        }
    }

    /// Posts a job the worker renders (encoded: its tag, then its number).
    fn post_job(&self, jobs: &Jobs, job: &[f64], draws: [DrawsKey; 2]) {
        if let Backend::Worker { worker: w, .. } = &*self.backend.borrow() {
            jobs.busy.set(job[1] as u32);
            jobs.drawn.set(Some(draws));
            let _ = w.post_message(&js_sys::Float64Array::from(job));
        }
    }

    /// A piece of the predictions file, and the share of the file written with it.
    fn csv_piece(self: &Rc<Self>, bytes: Uint8Array, done: f64) {
        if !self.live() {
            return;
        }
        if let Some(parts) = &*self.csv_parts.borrow() {
            parts.push(&bytes);
        }
        self.progress.csv.set(Some(done));
    }

    /// Imported predictions the engine no longer holds: back to the synthetic scenario, saying
    /// why; a look or an import under way ends with the same words.
    fn lose_import(&self, why: &str) {
        let lost = self.page.data.with_untracked(Option::is_some);
        let importing = self.importing.replace(0) != 0;
        let pending = self.detecting.replace(0) != 0 || importing;
        if lost || pending {
            self.progress.detection.set(None);
            self.progress.import.set(ImportStatus::Failed(why.into()));
        }
        if lost {
            self.page.back_to_synthetic();
        }
    }

    /// The worker could not start or died: the engine runs here from now on, beginning with
    /// the request that was in flight (imported predictions were the worker's: they are gone).
    fn fail(self: &Rc<Self>) {
        // Once: an error event and an unreadable reply can both report the same failure.
        if matches!(&*self.backend.borrow(), Backend::Here(_)) {
            return;
        }
        self.stop_worker();
        *self.backend.borrow_mut() = here();
        // Nothing the worker was asked for comes back: the words it wrote go with it (they
        // would be stale at the first change).
        for jobs in [&self.decisions, &self.words] {
            jobs.busy.set(0);
            jobs.next.take();
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

/// Downloads the predictions of the page's scenario as CSV, written in pieces by the worker
/// (or here between frames), so no frame waits for millions of rows.
pub fn save_predictions(r: Request) {
    let Some(c) = client() else { return };
    if c.progress.csv.get_untracked().is_some() {
        return;
    }
    c.progress.csv.set(Some(0.0));
    *c.csv_parts.borrow_mut() = Some(Array::new());
    if !r.exact_on_page() {
        c.try_worker();
    }
    let engine = match &*c.backend.borrow() {
        Backend::Worker { worker: w, .. } => {
            let _ = w.post_message(&to_js(&ToWorker::Csv(r)));
            return;
        }
        Backend::Here(engine) => Rc::clone(engine),
    };
    leptos::task::spawn_local(async move {
        for piece in csv_pieces(prediction_rows(&r.scenario)) {
            let reply = csv_piece(&mut engine.borrow_mut(), &r, piece);
            c.receive(reply);
            yield_to_browser().await;
        }
        c.receive(FromWorker::CsvDone);
    });
}

/// Sends a file (or pasted text, as a Blob) to the worker: `detect` looks at its first bytes
/// and answers with what it found (`Progress::detection`); otherwise the whole file is imported
/// and then shown instead of the synthetic scenario. The parser lives in the worker's module
/// only, so without a worker nothing can be imported (the page says so).
pub fn send_file(file: &Blob, name: &str, detect: bool, overrides: Overrides) {
    let Some(c) = client() else { return };
    let id = c.jobs.get() + 1;
    c.jobs.set(id);
    if detect {
        c.detecting.set(id);
        c.progress.import.set(ImportStatus::Idle);
    } else {
        c.detecting.set(0);
        c.importing.set(id);
        *c.import_name.borrow_mut() = name.to_string();
        c.progress.import.set(ImportStatus::Reading(0.0));
    }
    c.try_worker();
    let settings = c.page.scenario.with_untracked(|s| [s.gamma, s.threshold]);
    let job = ImportJob {
        id,
        detect,
        overrides,
        settings,
    };
    match &*c.backend.borrow() {
        // An import is posted once the page has painted what the click changed: two workers
        // then take both cores, and a frame painted beside them takes longer than 50 ms.
        Backend::Worker { worker: w, .. } if !detect => {
            let (w, message) = (w.clone(), import_to_js(&job, file));
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        let _ = w.post_message(&message);
                    },
                    std::time::Duration::ZERO,
                )
            });
        }
        Backend::Worker { worker: w, .. } => {
            let _ = w.post_message(&import_to_js(&job, file));
        }
        Backend::Here(_) => {
            c.detecting.set(0);
            c.importing.set(0);
            c.progress.import.set(ImportStatus::Failed(
                "Importing needs the page's Web Worker (worker.js), which could not start here."
                    .into(),
            ));
        }
    }
}

/// Tells the worker to let go of the imported data set (the page went back to the synthetic
/// scenario): up to hundreds of megabytes for a large file.
pub fn forget_data() {
    if let Some(c) = client()
        && let Backend::Worker { worker: w, .. } = &*c.backend.borrow()
    {
        let _ = w.post_message(&to_js(&ToWorker::Forget));
    }
}

/// Forgets the file the reader was looking at: a look still on its way is dropped.
pub fn forget_file() {
    if let Some(c) = client() {
        c.detecting.set(0);
        c.progress.detection.set(None);
    }
}

/// Jobs of one kind that the worker renders (the decision panel, the words), encoded (their
/// tag, their number, then the request): the newest asked for, the one on its way (0: none),
/// the next one waiting, one held back because it needs new draws, and the draws of the last
/// sent. One job is on its way at a time, and only the newest waits; a job that needs new
/// draws waits, like the exact numbers, until its control has been still for `HOLD`.
#[derive(Default)]
struct Jobs {
    newest: RefCell<Vec<f64>>,
    busy: Cell<u32>,
    next: RefCell<Option<(Vec<f64>, [DrawsKey; 2])>>,
    held: Cell<Option<TimeoutHandle>>,
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
        if let Some(held) = jobs.held.take() {
            held.clear();
        }
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
    fn answered(&self, c: &Client, id: u32) -> bool {
        if id == self.busy.get() {
            self.busy.set(0);
            if let Some((next, draws)) = self.next.take() {
                c.post_job(self, &next, draws);
            }
        }
        id == self.newest_id()
    }
}

/// Whether jobs the worker renders can be asked for: with no worker, says why through `no`.
fn rendering(no: impl FnOnce(&Client)) -> Option<Rc<Client>> {
    let c = client()?;
    c.try_worker();
    if matches!(&*c.backend.borrow(), Backend::Here(_)) {
        no(&c);
        return None;
    }
    Some(c)
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
    if let Some(id) = Jobs::ask(&c, |c| &c.decisions, job.encode(), draws) {
        c.decide_last.set(Some(DecideJob { id, ..job }));
    }
}

/// Asks the worker for the page's words (`job`'s id is set here).
pub fn explain(job: ExplainJob) {
    if let Some(c) = rendering(|_| {}) {
        Jobs::ask(&c, |c| &c.words, job.encode(), job.request.draws_keys());
    }
}

/// Whether the decision panel's answer `id` answers the newest job sent, and that job asked
/// about these data, settings and training sample (a job not yet sent, held or waiting for the
/// panel to be seen, makes the answer on screen stale).
pub fn decision_is_current(
    id: u32,
    request: &Request,
    settings: &crate::page::DecisionSettings,
    training: &crate::page::TrainingSettings,
) -> bool {
    client().and_then(|c| c.decide_last.get()).is_some_and(|j| {
        j.id == id && j.request == *request && j.settings == *settings && j.training == *training
    })
}

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
