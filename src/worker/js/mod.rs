//! The worker's messages in and out of JavaScript. A message to the worker is a `Float64Array`;
//! a reply is `[Float64Array, Uint8Array]` (numbers, then a file's bytes, usually empty), posted
//! with both buffers transferred. Anything else reads as `FromWorker::Failed`.
//!
//! The parts: `messages` (the messages as JavaScript values), `file` (reading a file the page
//! handed over), `import` (the import, across two workers for a large file), `helper` (the
//! second worker), `schedule` (the warm-up and the bootstrap, between messages); `receive` is
//! where each message from the page comes in.

mod file;
mod helper;
mod import;
mod messages;
mod schedule;

use js_sys::{Array, Float64Array, Function};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

pub use messages::{import_to_js, reply_from_js, reply_to_js, to_js};

use super::decide::{DECIDE, DecideJob};
use super::import::ImportJob;
use super::words::{EXPLAIN, ExplainJob, explain};
use super::{FromWorker, ToWorker, serve};
use crate::sim::engine::Engine;
use import::import_file;
use schedule::{DECIDER, LAST_MESSAGE, bootstrap_on, now, warm_up_when_quiet};

/// The worker's side: answers one message from the page with `engine`, posting each reply
/// through `post(message, transfer)`. An import runs on while other messages are answered (its
/// file is read between them).
pub fn receive(engine: &Rc<RefCell<Engine>>, message: &JsValue, post: &Function) {
    LAST_MESSAGE.with(|t| t.set(now()));
    // A second worker's job, when this worker is one.
    if helper::answer(message, post) {
        return;
    }
    warm_up_when_quiet();
    let post = post.clone();
    let reply = move |m: FromWorker| {
        let (message, transfer) = reply_to_js(m);
        let _ = post.call2(&JsValue::NULL, &message, &transfer);
    };
    if let Some(parts) = message.dyn_ref::<Array>()
        && let (Ok(numbers), Ok(file)) = (
            parts.get(0).dyn_into::<Float64Array>(),
            parts.get(1).dyn_into::<Blob>(),
        )
    {
        return match ImportJob::decode(&numbers.to_vec()) {
            Some(job) => {
                wasm_bindgen_futures::spawn_local(import_file(Rc::clone(engine), job, file, reply));
            }
            None => reply(FromWorker::Failed),
        };
    }
    let numbers = message.dyn_ref::<Float64Array>().map(Float64Array::to_vec);
    if let Some(v) = numbers.as_deref()
        && v.first() == Some(&DECIDE)
    {
        return match DecideJob::decode(v) {
            Some(job) => {
                let decided =
                    DECIDER.with(|d| d.borrow_mut().decide(&mut engine.borrow_mut(), &job));
                reply(FromWorker::Decided(Box::new(decided)));
                bootstrap_on(reply);
            }
            None => reply(FromWorker::Failed),
        };
    }
    if let Some(v) = numbers.as_deref()
        && v.first() == Some(&EXPLAIN)
    {
        return reply(match ExplainJob::decode(v) {
            Some(job) => FromWorker::Explained(Box::new(explain(&mut engine.borrow_mut(), &job))),
            None => FromWorker::Failed,
        });
    }
    let mut reply = reply;
    match numbers.and_then(|v| ToWorker::decode(&v)) {
        Some(m) => serve(&mut engine.borrow_mut(), m, &mut reply),
        None => reply(FromWorker::Failed),
    }
}
