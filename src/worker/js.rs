//! The worker's messages in and out of JavaScript. A message to the worker is a `Float64Array`;
//! a reply is `[Float64Array, Uint8Array]` (numbers, then a file's bytes, usually empty), posted
//! with both buffers transferred. Anything else reads as `FromWorker::Failed`.

use js_sys::{Array, Float64Array, Function, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, FileReaderSync};

use super::import::{CHUNK, Detection, HEAD, ImportJob, Importer};
use super::{FromWorker, IMPORT_FAILED_TAG, ToWorker, serve};
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
        (Ok(n), Ok(b)) => {
            let numbers = n.to_vec();
            // A message's text crosses as bytes; a file's piece stays in JavaScript.
            let text = numbers.first() == Some(&IMPORT_FAILED_TAG);
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

/// The worker's side of an import: reads the file a chunk at a time (a worker may block on
/// `FileReaderSync`), reporting progress after each, and hands the data set to the engine.
fn import_file(
    engine: &mut Engine,
    job: &ImportJob,
    file: &Blob,
    reply: &mut dyn FnMut(FromWorker),
) {
    let unreadable = || FromWorker::ImportFailed(job.id, "The file could not be read.".into());
    let Ok(reader) = FileReaderSync::new() else {
        return reply(unreadable());
    };
    let len = file.size() as u64;
    let mut buffer = Vec::new();
    let read = |start: u64, end: u64, buffer: &mut Vec<u8>| -> bool {
        let Ok(slice) = file.slice_with_f64_and_f64(start as f64, end as f64) else {
            return false;
        };
        let Ok(bytes) = reader.read_as_array_buffer(&slice) else {
            return false;
        };
        let bytes = Uint8Array::new(&bytes);
        buffer.resize(bytes.length() as usize, 0);
        bytes.copy_to(buffer);
        true
    };
    if !read(0, HEAD.min(len), &mut buffer) {
        return reply(unreadable());
    }
    if job.detect {
        return reply(FromWorker::Detected(Box::new(Detection::of(
            job, &buffer, len,
        ))));
    }
    let mut importer = match Importer::start(job, &buffer, len) {
        Ok(i) => i,
        Err(message) => return reply(FromWorker::ImportFailed(job.id, message)),
    };
    let mut start = 0;
    while start < len {
        let end = (start + CHUNK).min(len);
        if !read(start, end, &mut buffer) {
            return reply(unreadable());
        }
        match importer.feed(&buffer) {
            Ok(done) => reply(FromWorker::ImportProgress(job.id, done)),
            Err(message) => return reply(FromWorker::ImportFailed(job.id, message)),
        }
        start = end;
    }
    drop(buffer);
    match importer.finish() {
        Ok((data, summary)) => {
            engine.hold(data);
            let expected = summary.expected_request(job.settings);
            reply(FromWorker::Imported(Box::new(summary)));
            // While the page shows the preview: the passes its request will need, cached.
            let _ = engine.compute(&expected, &mut |_| {});
        }
        Err(message) => reply(FromWorker::ImportFailed(job.id, message)),
    }
}

/// The worker's side: answers one message from the page with `engine`, posting each reply
/// through `post(message, transfer)`.
pub fn receive(engine: &mut Engine, message: &JsValue, post: &Function) {
    let mut reply = |m: FromWorker| {
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
            Some(job) => import_file(engine, &job, &file, &mut reply),
            None => reply(FromWorker::Failed),
        };
    }
    match message
        .dyn_ref::<Float64Array>()
        .and_then(|v| ToWorker::decode(&v.to_vec()))
    {
        Some(m) => serve(engine, m, &mut reply),
        None => reply(FromWorker::Failed),
    }
}
