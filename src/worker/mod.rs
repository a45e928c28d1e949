//! The conversation between the page and its Web Worker, written once: the messages, their
//! form on the wire, what the worker does with each (`serve`), and the pieces a predictions
//! file is written in. The page's side keeps one request in flight (`queue`). All of it is
//! pure and tested natively; `js` (wasm only) moves the messages in and out of JavaScript, and
//! `worker.js` only loads the module and forwards messages.

pub mod decide;
pub mod formulas;
pub mod import;
#[cfg(target_arch = "wasm32")]
pub mod js;
pub mod queue;
pub mod train;
pub mod words;

use std::ops::Range;

use crate::export::{prediction_rows, predictions_csv};
use crate::sim::engine::{Answer, Engine, Request};
pub use import::{Detection, ImportJob, ImportSummary};
pub use train::{TrainRequest, TrainRun, TrainStep};

/// Rows of the predictions file in one piece: a piece is written between two frames (or in one
/// message from the worker), so no frame waits for millions of rows.
pub const CSV_ROWS: usize = 100_000;

/// The row ranges a predictions file of `rows` rows is written in; always at least one (the
/// first piece carries the header, even with no rows).
pub fn csv_pieces(rows: usize) -> impl Iterator<Item = Range<usize>> {
    (0..rows.div_ceil(CSV_ROWS).max(1)).map(move |i| i * CSV_ROWS..((i + 1) * CSV_ROWS).min(rows))
}

/// What the page asks of the worker.
#[derive(Clone, Debug, PartialEq)]
pub enum ToWorker {
    /// The exact numbers of a request.
    Exact(Request),
    /// The predictions file of a request's scenario.
    Csv(Request),
    /// Every loss trained on a sample, step by step.
    Train(TrainRequest),
    /// Let go of the imported data set (the page went back to the synthetic scenario).
    Forget,
}

/// What the worker says back.
#[derive(Clone, Debug, PartialEq)]
pub enum FromWorker {
    /// The share of the exact numbers' work done.
    Progress(f64),
    /// The exact numbers.
    Answer(Box<Answer>),
    /// A piece of the predictions file, and the share of the file written with it.
    CsvPiece(Vec<u8>, f64),
    /// The predictions file is complete.
    CsvDone,
    /// A step of training on a sample.
    TrainStep(TrainStep),
    /// What detection found in a file's first bytes.
    Detected(Box<Detection>),
    /// The share of a file read, for the import job of this number.
    ImportProgress(u32, f64),
    /// A file was imported: the engine holds its data set.
    Imported(Box<ImportSummary>),
    /// The import job of this number failed, and why (the engine keeps what it held).
    ImportFailed(u32, String),
    /// The exact numbers of a request for a data set the engine does not hold (it held another,
    /// or it is a new worker): the page's request is answered with nothing.
    NotHeld,
    /// The decision panel, as the worker rendered it.
    Decided(Box<decide::Decided>),
    /// The page's words, as the worker wrote them.
    Explained(Box<words::Explained>),
    /// The worker could not load or could not read a message: the page computes by itself.
    Failed,
}

const EXACT: f64 = 1.0;
const CSV: f64 = 2.0;
const PROGRESS: f64 = 3.0;
const ANSWER: f64 = 4.0;
const CSV_PIECE: f64 = 5.0;
const CSV_DONE: f64 = 6.0;
const TRAIN: f64 = 7.0;
const TRAIN_STEP: f64 = 8.0;
const IMPORT: f64 = 9.0;
const IMPORT_PROGRESS: f64 = 10.0;
const IMPORTED: f64 = 11.0;
const IMPORT_FAILED: f64 = 12.0;
const DETECTED: f64 = 13.0;
const NOT_HELD: f64 = 14.0;
const FORGET: f64 = 15.0;
/// The kind of the one reply whose bytes are text (the page's side reads them).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) const IMPORT_FAILED_TAG: f64 = IMPORT_FAILED;

impl ImportJob {
    /// The job as numbers (the file travels beside them).
    pub fn encode(&self) -> Vec<f64> {
        let mut out = vec![IMPORT];
        self.write(&mut out);
        out
    }

    /// The job back from `encode`'s numbers; `None` for anything else.
    pub fn decode(v: &[f64]) -> Option<Self> {
        match v.split_first()? {
            (&IMPORT, rest) => ImportJob::read(rest),
            _ => None,
        }
    }
}

impl ToWorker {
    /// The message as numbers: its kind, then its request.
    pub fn encode(&self) -> Vec<f64> {
        let mut out = Vec::new();
        match self {
            ToWorker::Exact(r) => out.extend(std::iter::once(EXACT).chain(r.encode())),
            ToWorker::Csv(r) => out.extend(std::iter::once(CSV).chain(r.encode())),
            ToWorker::Train(t) => {
                out.push(TRAIN);
                t.write(&mut out);
            }
            ToWorker::Forget => out.push(FORGET),
        }
        out
    }

    /// The message back from `encode`'s numbers; `None` for anything else.
    pub fn decode(v: &[f64]) -> Option<Self> {
        let (&tag, rest) = v.split_first()?;
        match tag {
            EXACT => Request::decode(rest).map(ToWorker::Exact),
            CSV => Request::decode(rest).map(ToWorker::Csv),
            TRAIN => TrainRequest::read(rest).map(ToWorker::Train),
            FORGET if rest.is_empty() => Some(ToWorker::Forget),
            _ => None,
        }
    }
}

impl FromWorker {
    /// The message as numbers (its kind first) and bytes (a file's piece, else empty).
    pub fn encode(self) -> (Vec<f64>, Vec<u8>) {
        match self {
            FromWorker::Progress(p) => (vec![PROGRESS, p], Vec::new()),
            FromWorker::Answer(a) => {
                let mut out = vec![ANSWER];
                out.extend(a.encode());
                (out, Vec::new())
            }
            FromWorker::CsvPiece(bytes, done) => (vec![CSV_PIECE, done], bytes),
            FromWorker::CsvDone => (vec![CSV_DONE], Vec::new()),
            FromWorker::TrainStep(t) => {
                let mut out = vec![TRAIN_STEP];
                t.write(&mut out);
                (out, Vec::new())
            }
            FromWorker::Detected(d) => {
                let mut out = vec![DETECTED];
                d.write(&mut out);
                (out, Vec::new())
            }
            FromWorker::ImportProgress(id, p) => {
                (vec![IMPORT_PROGRESS, f64::from(id), p], Vec::new())
            }
            FromWorker::Imported(summary) => {
                let mut out = vec![IMPORTED];
                summary.write(&mut out);
                (out, Vec::new())
            }
            FromWorker::ImportFailed(id, message) => {
                (vec![IMPORT_FAILED, f64::from(id)], message.into_bytes())
            }
            FromWorker::NotHeld => (vec![NOT_HELD], Vec::new()),
            FromWorker::Decided(d) => d.encode(),
            FromWorker::Explained(w) => w.encode(),
            FromWorker::Failed => (Vec::new(), Vec::new()),
        }
    }

    /// The message back from `encode`'s parts: anything else is `Failed`, so that a worker
    /// that says something unexpected is replaced by the page's own engine.
    pub fn decode(v: &[f64], bytes: Vec<u8>) -> Self {
        let share = |p: f64| (0.0..=1.0).contains(&p).then_some(p);
        match v {
            [PROGRESS, p] => share(*p).map_or(FromWorker::Failed, FromWorker::Progress),
            [ANSWER, rest @ ..] => {
                Answer::decode(rest).map_or(FromWorker::Failed, |a| FromWorker::Answer(Box::new(a)))
            }
            [CSV_PIECE, p] => {
                share(*p).map_or(FromWorker::Failed, |p| FromWorker::CsvPiece(bytes, p))
            }
            [CSV_DONE] => FromWorker::CsvDone,
            [TRAIN_STEP, rest @ ..] => {
                TrainStep::read(rest).map_or(FromWorker::Failed, FromWorker::TrainStep)
            }
            // A look at a file or an import that the page cannot read fails that job only (an
            // odd file must not cost the worker and the data set it holds).
            [DETECTED, rest @ ..] => Detection::read(rest)
                .map_or(FromWorker::ImportFailed(0, UNREADABLE.into()), |d| {
                    FromWorker::Detected(Box::new(d))
                }),
            [IMPORT_PROGRESS, id, p] => match (id_of(*id), share(*p)) {
                (Some(id), Some(p)) => FromWorker::ImportProgress(id, p),
                _ => FromWorker::Failed,
            },
            [IMPORTED, rest @ ..] => ImportSummary::read(rest)
                .map_or(FromWorker::ImportFailed(0, UNREADABLE.into()), |s| {
                    FromWorker::Imported(Box::new(s))
                }),
            [IMPORT_FAILED, id] => match (id_of(*id), String::from_utf8(bytes)) {
                (Some(id), Ok(m)) => FromWorker::ImportFailed(id, m),
                _ => FromWorker::Failed,
            },
            [NOT_HELD] => FromWorker::NotHeld,
            [decide::DECIDED, ..] => decide::Decided::decode(v, bytes)
                .map_or(FromWorker::Failed, |d| FromWorker::Decided(Box::new(d))),
            [words::EXPLAINED, ..] => words::Explained::decode(v, bytes)
                .map_or(FromWorker::Failed, |w| FromWorker::Explained(Box::new(w))),
            _ => FromWorker::Failed,
        }
    }
}

/// What the page says when a reply about a file cannot be read.
const UNREADABLE: &str = "The worker's answer about this file could not be read.";

fn id_of(v: f64) -> Option<u32> {
    (v >= 0.0 && v.fract() == 0.0 && v <= f64::from(u32::MAX)).then_some(v as u32)
}

/// What the worker does with a message: every reply, in order, through `reply`.
pub fn serve(engine: &mut Engine, message: ToWorker, reply: &mut dyn FnMut(FromWorker)) {
    match message {
        ToWorker::Exact(r) => match engine.compute(&r, &mut |p| reply(FromWorker::Progress(p))) {
            Some(answer) => reply(FromWorker::Answer(Box::new(answer))),
            None => reply(FromWorker::NotHeld),
        },
        ToWorker::Csv(r) => {
            for piece in csv_pieces(prediction_rows(&r.scenario)) {
                reply(csv_piece(engine, &r, piece));
            }
            reply(FromWorker::CsvDone);
        }
        ToWorker::Train(t) => train::train(&t, &mut |step| reply(FromWorker::TrainStep(step))),
        ToWorker::Forget => engine.forget(),
    }
}

/// One piece of a request's predictions file, with the share of the file written with it.
pub fn csv_piece(engine: &mut Engine, r: &Request, piece: Range<usize>) -> FromWorker {
    let rows = prediction_rows(&r.scenario);
    // An empty file is complete with its first piece, the header.
    let done = if rows == 0 {
        1.0
    } else {
        piece.end as f64 / rows as f64
    };
    FromWorker::CsvPiece(predictions_csv(engine, r, piece), done)
}
