//! The worker's messages in and out of JavaScript. A message to the worker is a `Float64Array`;
//! a reply is `[Float64Array, Uint8Array]` (numbers, then a file's bytes, usually empty), posted
//! with both buffers transferred. Anything else reads as `FromWorker::Failed`.
//!
//! The parts: `messages` (the messages as JavaScript values), `schedule` (the warm-up and the
//! bootstrap, between messages); `receive` is where each message from the page comes in. The
//! import's side (reading the file, the second worker) is the import's: `features::import::js`.

mod messages;
pub(crate) mod schedule;

use js_sys::Function;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

pub use messages::{reply_from_js, reply_to_js, to_js, with_file};

use super::{csv_file, serve};
use crate::export::trained_scores;
use crate::features::import::js::{helper, import_file};
use crate::features::training::spread_job::run_in_turn;
use crate::features::words::write_words;
use crate::protocol::{FromWorker, ToPart, ToWorker};
use crate::sim::engine::Engine;
use messages::numbers_from_js;
use schedule::{DECIDER, LAST_MESSAGE, bootstrap_on, now, warm_up_when_quiet};

/// The worker's side: answers one message from the page with `engine`, posting each reply
/// through `post(message, transfer)`. An import runs on while other messages are answered (its
/// file is read between them).
pub fn receive(engine: &Rc<RefCell<Engine>>, message: &JsValue, post: &Function) {
    LAST_MESSAGE.with(|t| t.set(now()));
    let (numbers, file) = numbers_from_js(message);
    // A second worker's job, when this worker is one.
    if let Some(part) = ToPart::decode(&numbers) {
        return helper::answer(part, file, post);
    }
    warm_up_when_quiet();
    let post = post.clone();
    let reply = move |m: FromWorker| {
        let (message, transfer) = reply_to_js(m);
        let _ = post.call2(&JsValue::NULL, &message, &transfer);
    };
    match (ToWorker::decode(&numbers), file) {
        (Some(ToWorker::Import(job)), Some(file)) => {
            wasm_bindgen_futures::spawn_local(import_file(Rc::clone(engine), job, file, reply));
        }
        (Some(ToWorker::Words(job)), _) => {
            let words = write_words(&mut engine.borrow_mut(), &job);
            reply(FromWorker::Words(Box::new(words)));
        }
        (Some(ToWorker::Spread(job)), _) => run_in_turn(job, reply),
        // The judged trained model's column takes a fit and a sample: worker-only code, so
        // that the page's module (which serves the rest itself without a worker) holds none.
        (Some(ToWorker::Csv(job)), _) => {
            let trained = job
                .trained
                .and_then(|(kind, t)| trained_scores(&job.request.scenario, &t, kind).ok());
            for piece in csv_file(&mut engine.borrow_mut(), &job, trained) {
                reply(piece);
            }
            reply(FromWorker::CsvDone);
        }
        (Some(ToWorker::Decide(job)), _) => {
            let decided = DECIDER.with(|d| d.borrow_mut().decide(&mut engine.borrow_mut(), &job));
            reply(FromWorker::Decided(Box::new(decided)));
            bootstrap_on(reply);
        }
        (Some(message), _) => {
            let mut reply = reply;
            serve(&mut engine.borrow_mut(), message, &mut reply);
        }
        (None, _) => reply(FromWorker::Failed),
    }
}
