//! The worker's messages in and out of JavaScript. A message to the worker is a `Float64Array`;
//! a reply is `[Float64Array, Uint8Array]` (numbers, then a file's bytes, usually empty), posted
//! with both buffers transferred. Anything else reads as `FromWorker::Failed`.

use js_sys::{Array, Float64Array, Function, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use super::{FromWorker, ToWorker, serve};
use crate::sim::engine::Engine;

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
        (Ok(n), Ok(b)) => match FromWorker::decode(&n.to_vec(), Vec::new()) {
            piece @ FromWorker::CsvPiece(..) => (piece, Some(b)),
            other => (other, None),
        },
        _ => (FromWorker::Failed, None),
    }
}

/// The worker's side: answers one message from the page with `engine`, posting each reply
/// through `post(message, transfer)`.
pub fn receive(engine: &mut Engine, message: &JsValue, post: &Function) {
    let mut reply = |m: FromWorker| {
        let (message, transfer) = reply_to_js(m);
        let _ = post.call2(&JsValue::NULL, &message, &transfer);
    };
    match message
        .dyn_ref::<Float64Array>()
        .and_then(|v| ToWorker::decode(&v.to_vec()))
    {
        Some(m) => serve(engine, m, &mut reply),
        None => reply(FromWorker::Failed),
    }
}
