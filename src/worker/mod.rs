//! The page's Web Worker: what it does with each message (`serve`; the messages themselves are
//! `protocol`'s); the jobs it runs are each feature's (`features::*::worker`, `job`, `words`).
//! The page's side keeps one request in flight (`queue`). All of it is pure and tested natively
//! but `js` (wasm only), which moves the messages in and out of JavaScript and schedules the
//! work between them; `worker.js` only loads the module and forwards messages.

#[cfg(target_arch = "wasm32")]
pub mod js;
pub mod queue;

use std::ops::Range;

use crate::export::{CSV_HEADER, PredictionsFile, PredictionsJob, TrainedScores};
use crate::features::training::job as train;
use crate::protocol::{FromWorker, ToWorker};
use crate::sim::engine::Engine;

/// Rows of the predictions file in one piece: a piece is written between two frames (or in one
/// message from the worker), so no frame waits for millions of rows.
pub const CSV_ROWS: usize = 100_000;

/// The row ranges a predictions file of `rows` rows is written in; always at least one (the
/// first piece carries the header, even with no rows).
pub fn csv_pieces(rows: usize) -> impl Iterator<Item = Range<usize>> {
    (0..rows.div_ceil(CSV_ROWS).max(1)).map(move |i| i * CSV_ROWS..((i + 1) * CSV_ROWS).min(rows))
}

/// What the worker does with a message: every reply, in order, through `reply`.
pub fn serve(engine: &mut Engine, message: ToWorker, reply: &mut dyn FnMut(FromWorker)) {
    match message {
        ToWorker::Exact(r) => match engine.compute(&r, &mut |p| reply(FromWorker::Progress(p))) {
            Some(answer) => reply(FromWorker::Answer(Box::new(answer))),
            None => reply(FromWorker::NotHeld),
        },
        ToWorker::Csv(job) => {
            for piece in csv_file(engine, &job, None) {
                reply(piece);
            }
            reply(FromWorker::CsvDone);
        }
        ToWorker::Train(t) => {
            train::train(&t, &mut |step| reply(FromWorker::TrainStep(Box::new(step))))
        }
        ToWorker::Forget => engine.forget(),
        // The worker's own jobs, which `js::receive` runs: they need the file beside the
        // message, the decision panel's state between messages, or code (the words, the
        // retraining spread) which the page's module must not hold (the page serves the rest
        // itself when it has no worker).
        ToWorker::Import(_) | ToWorker::Decide(_) | ToWorker::Words(_) | ToWorker::Spread(_) => {
            reply(FromWorker::Failed)
        }
    }
}

/// A predictions file's pieces, each with the share of the file written with it: the columns
/// are gathered once, then written a piece at a time. `trained` is the judged trained model's
/// scores, which only the worker computes (`js::receive`): `serve`, which the page runs itself
/// when it has no worker, gives none, so the page's module holds no training code for it. A
/// data set the engine no longer holds gives the header alone.
pub fn csv_file(
    engine: &mut Engine,
    job: &PredictionsJob,
    trained: Option<TrainedScores>,
) -> impl Iterator<Item = FromWorker> + use<> {
    let file = PredictionsFile::new(engine, job, trained);
    let rows = file.as_ref().map_or(0, PredictionsFile::rows);
    csv_pieces(rows).map(move |piece| {
        // An empty file is complete with its first piece, the header.
        let done = if rows == 0 {
            1.0
        } else {
            piece.end as f64 / rows as f64
        };
        let bytes = match &file {
            Some(f) => f.piece(piece),
            None => CSV_HEADER.as_bytes().to_vec(),
        };
        FromWorker::CsvPiece(bytes, done)
    })
}
