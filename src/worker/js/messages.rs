//! The messages between the page and its worker as JavaScript values: numbers as a
//! `Float64Array`, a reply's bytes as a `Uint8Array`, a file as the `Blob` it came in.

use js_sys::{Array, Float64Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

use crate::protocol::{FromWorker, Tag, ToWorker};

/// A message to the worker, as the page posts it.
pub fn to_js(message: &ToWorker) -> JsValue {
    Float64Array::from(&message.encode()[..]).into()
}

/// A message's numbers with a file beside them (`ToWorker::Import`, `ToPart::Part`):
/// `[Float64Array, Blob]`.
pub fn with_file(numbers: &[f64], file: &Blob) -> JsValue {
    Array::of2(&Float64Array::from(numbers), file).into()
}

/// A message's numbers as a worker receives them, and the file beside them if there is one.
pub(super) fn numbers_from_js(value: &JsValue) -> (Vec<f64>, Option<Blob>) {
    let (numbers, file) = match value.dyn_ref::<Array>() {
        Some(parts) => (parts.get(0), parts.get(1).dyn_into::<Blob>().ok()),
        None => (value.clone(), None),
    };
    let numbers = numbers.dyn_into::<Float64Array>().ok();
    (numbers.map_or_else(Vec::new, |n| n.to_vec()), file)
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
            let text = Tag::split(&numbers).is_some_and(|(tag, _)| tag.carries_text());
            let bytes = if text { b.to_vec() } else { Vec::new() };
            match FromWorker::decode(&numbers, bytes) {
                piece @ FromWorker::CsvPiece(..) => (piece, Some(b)),
                other => (other, None),
            }
        }
        _ => (FromWorker::Failed, None),
    }
}
