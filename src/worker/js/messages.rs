//! The messages between the page and its worker as JavaScript values: numbers as a
//! `Float64Array`, a reply's bytes as a `Uint8Array`, a file as the `Blob` it came in.

use js_sys::{Array, Float64Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

use crate::worker::decide::DECIDED;
use crate::worker::import::ImportJob;
use crate::worker::words::EXPLAINED;
use crate::worker::{FromWorker, IMPORT_FAILED_TAG, ToWorker};

/// A message to the worker, as the page posts it.
pub fn to_js(message: &ToWorker) -> JsValue {
    Float64Array::from(&message.encode()[..]).into()
}

/// A reply, as the worker posts it, and the buffers to transfer with it.
pub fn reply_to_js(reply: FromWorker) -> (JsValue, Array) {
    let (numbers, bytes) = reply.encode();
    let numbers = Float64Array::from(&numbers[..]);
    let bytes = Uint8Array::from(&bytes[..]);
    let transfer = Array::of2(&numbers.buffer(), &bytes.buffer());
    (Array::of2(&numbers, &bytes).into(), transfer)
}

/// A reply as the page receives it, and a file's piece as the JavaScript array it came in
/// (kept there: copying millions of rows into the module and out again would be wasted work;
/// the reply's own bytes are then empty).
pub fn reply_from_js(value: &JsValue) -> (FromWorker, Option<Uint8Array>) {
    let Some(parts) = value.dyn_ref::<Array>() else {
        return (FromWorker::Failed, None);
    };
    let numbers = parts.get(0).dyn_into::<Float64Array>();
    let bytes = parts.get(1).dyn_into::<Uint8Array>();
    match (numbers, bytes) {
        (Ok(n), Ok(b)) => {
            let numbers = n.to_vec();
            // A message's text crosses as bytes; a file's piece stays in JavaScript.
            let text = matches!(
                numbers.first(),
                Some(&IMPORT_FAILED_TAG | &DECIDED | &EXPLAINED)
            );
            let bytes = if text { b.to_vec() } else { Vec::new() };
            match FromWorker::decode(&numbers, bytes) {
                piece @ FromWorker::CsvPiece(..) => (piece, Some(b)),
                other => (other, None),
            }
        }
        _ => (FromWorker::Failed, None),
    }
}

/// An import's message to the worker: `[Float64Array, Blob]`, the job and the file.
pub fn import_to_js(job: &ImportJob, file: &Blob) -> JsValue {
    Array::of2(&Float64Array::from(&job.encode()[..]), file).into()
}
