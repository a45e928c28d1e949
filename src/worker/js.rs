//! The worker's messages in and out of JavaScript. A message to the worker is a `Float64Array`;
//! a reply is `[Float64Array, Uint8Array]` (numbers, then a file's bytes, usually empty), posted
//! with both buffers transferred. Anything else reads as `FromWorker::Failed`.

use js_sys::{Array, Float64Array, Function, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use super::decide::{DECIDE, DECIDED, DecideJob, Decider};
use super::helper::{Heard, Helper};
use super::import::Joining;
use super::import::part::TWO_WORKERS_FROM;
use super::import::{CHUNK, Detection, HEAD, ImportJob, ImportSummary, Importer, split_point};
use super::words::{EXPLAIN, EXPLAINED, ExplainJob, explain};
use super::{FromWorker, IMPORT_FAILED_TAG, ToWorker, serve};
use crate::import::{PartError, Rows};
use crate::sim::engine::{DataSet, Engine};

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

/// Chunks of a file being read ahead of the one parsed.
const READ_AHEAD: usize = 3;

/// Bytes `start..end` of a file, as a promise the browser fulfils on its own threads.
fn read(file: &Blob, start: u64, end: u64) -> Option<JsFuture> {
    let slice = file.slice_with_f64_and_f64(start as f64, end as f64).ok()?;
    Some(JsFuture::from(slice.array_buffer()))
}

/// Bytes `start..end` of a file, copied into the module.
pub(super) async fn read_bytes(file: &Blob, start: u64, end: u64) -> Option<Vec<u8>> {
    let value = read(file, start, end)?.await.ok()?;
    Some(Uint8Array::new(&value).to_vec())
}

/// Why reading a range of a file stopped.
pub(super) enum ReadFailed {
    /// The file could not be read.
    File,
    /// The parser refused it (the message; the parser keeps the error too).
    Rows(String),
}

impl ReadFailed {
    /// What the import says.
    fn message(self) -> String {
        match self {
            ReadFailed::File => UNREADABLE.into(),
            ReadFailed::Rows(message) => message,
        }
    }
}

/// Feeds bytes `start..end` of a file to `importer` a chunk at a time, the next chunks asked
/// for before this one is parsed (the browser reads them meanwhile), calling `after` after
/// each.
pub(super) async fn read_range(
    file: &Blob,
    start: u64,
    end: u64,
    importer: &mut Importer,
    mut after: impl FnMut(&Importer),
) -> Result<(), ReadFailed> {
    let mut buffer = Vec::new();
    // Reads asked for ahead of the parse: the browser reads a file on its own threads, and one
    // chunk ahead left the parse waiting for it.
    let mut ahead = std::collections::VecDeque::new();
    let mut asked = start;
    let mut reads = 0;
    let mut ask = |ahead: &mut std::collections::VecDeque<_>| {
        while ahead.len() < READ_AHEAD && asked < end {
            // Small first chunks, a quarter then a half of the size: the parse starts sooner,
            // and the next read is in before the parse of the one before it is done.
            let size = CHUNK >> (2 - reads.min(2));
            reads += 1;
            ahead.push_back(read(file, asked, (asked + size).min(end)));
            asked = (asked + size).min(end);
        }
    };
    ask(&mut ahead);
    let mut at = start;
    while at < end {
        let Some(Ok(chunk)) = (match ahead.pop_front().flatten() {
            Some(f) => Some(f.await),
            None => None,
        }) else {
            return Err(ReadFailed::File);
        };
        let bytes = Uint8Array::new(&chunk);
        buffer.resize(bytes.length() as usize, 0);
        bytes.copy_to(&mut buffer);
        at += buffer.len() as u64;
        ask(&mut ahead);
        importer.feed(&buffer).map_err(ReadFailed::Rows)?;
        after(importer);
    }
    Ok(())
}

/// Reads the part of `file` from `start` on (where a row starts) as a second worker does, with
/// the detection made on `head` (the file's first bytes), calling `after` after each chunk:
/// its rows, each class sorted, or the row error that stopped it; `Err` with a message if the
/// part could not be read at all.
pub(super) async fn read_part_rows(
    job: &ImportJob,
    file: &Blob,
    head: &[u8],
    start: u64,
    after: impl FnMut(&Importer),
) -> Result<Result<Rows, PartError>, String> {
    let len = file.size() as u64;
    let mut importer = Importer::part(job, head, len, start)?;
    // A row error stops the part's parser, which keeps it: `finish_part` returns it.
    if let Err(ReadFailed::File) = read_range(file, start, len, &mut importer, after).await {
        return Err(UNREADABLE.into());
    }
    Ok(importer.finish_part())
}

/// What an import says when its file cannot be read.
const UNREADABLE: &str = "The file could not be read.";

/// What an import says when the second worker is lost after it said it had read its part.
const STOPPED: &str =
    "The second worker stopped before it sent all its rows: import the file again.";

/// How often an import reports its progress, at the most (ms).
const PROGRESS_MS: f64 = 250.0;

thread_local! {
    /// A second worker started when a large file was looked at, ready for its import.
    static HELPER: RefCell<Option<Helper>> = const { RefCell::new(None) };
    /// The newest import job: an older one still reading never replaces its data set.
    static NEWEST: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// The second worker for a file of `len` bytes: the one started when a file was last looked
/// at, or a new one; none for a small file (and the one waiting, if any, is ended: every job
/// about a file takes it).
fn helper_for(len: u64) -> Option<Helper> {
    let waiting = HELPER.with(|h| h.borrow_mut().take());
    (len >= TWO_WORKERS_FROM).then(|| waiting.or_else(Helper::spawn))?
}

/// Counts a part joined, where the end-to-end tests can see it
/// (`globalThis.imbalanceLab.joined`): that a large file really was read by two workers.
fn count_joined() {
    let lab = js_sys::Reflect::get(&js_sys::global(), &"imbalanceLab".into());
    if let Ok(lab) = lab.and_then(|l| l.dyn_into::<js_sys::Object>()) {
        let joined = js_sys::Reflect::get(&lab, &"joined".into())
            .ok()
            .and_then(|j| j.as_f64())
            .unwrap_or(0.0);
        let _ = js_sys::Reflect::set(&lab, &"joined".into(), &(joined + 1.0).into());
    }
}

/// The worker's side of an import: reads the file a chunk at a time, reporting progress, and
/// hands the data set to the engine. A large file is read by two workers: this one up to a
/// row near the middle, a second one (`helper`) the rest, each sorting its own rows; the
/// second's rows are then joined to these.
async fn import_file(
    engine: Rc<RefCell<Engine>>,
    job: ImportJob,
    file: Blob,
    reply: impl Fn(FromWorker),
) {
    let failed = |message: String| FromWorker::ImportFailed(job.id, message);
    let len = file.size() as u64;
    let Some(head) = read_bytes(&file, 0, HEAD.min(len)).await else {
        return reply(failed(UNREADABLE.into()));
    };
    // A large file's second worker starts when the file is looked at, while the reader looks
    // at the preview, and waits for its import.
    let mut helper = helper_for(len);
    if job.detect {
        HELPER.with(|h| *h.borrow_mut() = helper);
        return reply(FromWorker::Detected(Box::new(Detection::of(
            &job, &head, len,
        ))));
    }
    NEWEST.with(|n| n.set(job.id));
    let mut importer = match Importer::start(&job, &head, len) {
        Ok(i) => i,
        Err(message) => return reply(failed(message)),
    };
    // Where the second worker starts: after the first newline past the middle.
    let mut split = None;
    if helper.is_some() {
        let mid = len / 2;
        if let Some(around) = read_bytes(&file, mid, (mid + HEAD).min(len)).await {
            split = split_point(&around, mid, len);
        }
    }
    match (&helper, split) {
        (Some(h), Some(s)) => h.read(&job, s, &file),
        _ => helper = None,
    }
    let end = split.unwrap_or(len);
    // Every 250 ms at most: each report is a frame the page paints while both cores parse.
    let reported = std::cell::Cell::new(now());
    // The bytes read by both workers.
    let progress = |bytes: u64| {
        if now() - reported.get() < PROGRESS_MS {
            return;
        }
        reported.set(now());
        reply(FromWorker::ImportProgress(
            job.id,
            (bytes as f64 / len.max(1) as f64).min(1.0),
        ));
    };
    let theirs = |h: &Option<Helper>| h.as_ref().map_or(0, Helper::progress);
    let read = read_range(&file, 0, end, &mut importer, |i| {
        progress(i.consumed() + theirs(&helper))
    });
    if let Err(e) = read.await {
        return reply(failed(e.message()));
    }
    // A split inside a quoted field: this worker reads on, and the second one's part is not
    // used.
    if helper.is_some() && !importer.at_record_start() {
        helper = None;
        let read = read_range(&file, end, len, &mut importer, |i| progress(i.consumed()));
        if let Err(e) = read.await {
            return reply(failed(e.message()));
        }
    }
    let done = match helper {
        None => importer.finish(),
        Some(helper) => join(importer, helper, &job, (&file, &head), end, progress).await,
    };
    match done {
        // A newer import has started: this one's data set is not the one the page waits for.
        Ok(_) if NEWEST.with(|n| n.get()) != job.id => {}
        Ok((data, summary)) => {
            let mut engine = engine.borrow_mut();
            engine.hold(data);
            let expected = summary.expected_request(job.settings);
            reply(FromWorker::Imported(Box::new(summary)));
            // While the page shows the preview: the passes its request will need, cached.
            let _ = engine.compute(&expected, &mut |_| {});
        }
        Err(message) => reply(failed(message)),
    }
}

/// This worker's rows (read up to `end`, where a row starts) joined with the second worker's,
/// which read the rest: sorted here while it sorts its own, then taken in a class at a time
/// and merged. If it was lost before it had read its part, this worker reads that part itself
/// (detecting on `head`, the file's first bytes, as the second worker did).
async fn join(
    importer: Importer,
    helper: Helper,
    job: &ImportJob,
    (file, head): (&Blob, &[u8]),
    end: u64,
    progress: impl Fn(u64),
) -> Result<(DataSet, ImportSummary), String> {
    let mut read = importer.rows()?;
    read.rows.sort();
    let part = match helper.next().await {
        Heard::Read(Ok(part)) => part,
        Heard::Read(Err(e)) => return Err(read.later_error(e)),
        Heard::Scores(..) | Heard::Lost => {
            drop(helper);
            let later =
                read_part_rows(job, file, head, end, |i| progress(end + i.consumed())).await?;
            read.join(later)?;
            return read.complete();
        }
    };
    let mut joining = Joining::new(read, part)?;
    // A class at a time (a small part came whole, unasked): no more than one class of a
    // large file, 40 MB at 10,000,000 rows, is ever on its way.
    while joining.wanted().is_some() {
        let class = joining.wanted();
        helper.send();
        while joining.wanted() == class {
            match helper.next().await {
                Heard::Scores(m, c, numbers) => {
                    let n = numbers.length() as usize - 3;
                    joining.receive(m, c, n, |to| {
                        numbers.subarray(3, numbers.length()).copy_to(to)
                    })?;
                }
                _ => return Err(STOPPED.into()),
            }
        }
    }
    drop(helper);
    count_joined();
    joining.complete()
}

/// The worker's side: answers one message from the page with `engine`, posting each reply
/// through `post(message, transfer)`. An import runs on while other messages are answered (its
/// file is read between them).
pub fn receive(engine: &Rc<RefCell<Engine>>, message: &JsValue, post: &Function) {
    LAST_MESSAGE.with(|t| t.set(now()));
    // A second worker's job, when this worker is one.
    if super::helper::answer(message, post) {
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

thread_local! {
    /// The decision panel's state, and whether its bootstrap is being run on.
    static DECIDER: RefCell<Decider> = RefCell::default();
    static BOOTSTRAPPING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// When the last message from the page arrived (`now()`).
    static LAST_MESSAGE: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    /// Whether the import's code is being warmed up, or was.
    static WARMING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// How long the bootstrap stays paused after a message: during a drag the worker answers each
/// input at once instead of finishing a slice first.
const QUIET_MS: f64 = 150.0;

/// Milliseconds on the worker's monotonic clock (`performance.now()`; the wall clock if it has
/// none): a wall clock set back would stretch a slice.
fn now() -> f64 {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &"performance".into())
        .ok()
        .and_then(|p| {
            let f = js_sys::Reflect::get(&p, &"now".into()).ok()?;
            f.dyn_into::<Function>().ok()?.call0(&p).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

/// How long the page's worker waits without a message before it warms up the import's code:
/// a second, so that it does not run beside the page's first load (with half a second it did,
/// and the first load's exact numbers came about 150 ms later).
const WARM_QUIET_MS: f64 = 1000.0;
/// The warm-up's rounds, each a made-up file of `WARM_ROWS` rows (10-20 ms in the browser's
/// first, baseline code): the messages that come meanwhile are answered between them.
const WARM_ROUNDS: usize = 6;
const WARM_ROWS: usize = 5_000;

/// Once, after the page's first message: when the worker has had none for `WARM_QUIET_MS`,
/// imports small made-up files a round at a time (`import::warm_up`), so that a reader's
/// large file finds the import's code compiled fully (a cold first import of 1,000,000 rows
/// took about 100 ms more). Stops if an import starts first.
fn warm_up_when_quiet() {
    if WARMING.with(|w| w.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        for _ in 0..WARM_ROUNDS {
            while let Some(wait) = until_quiet(WARM_QUIET_MS) {
                let _ = next_task(wait).await;
            }
            if NEWEST.with(|n| n.get()) != 0 {
                return;
            }
            let _ = super::import::warm_up(WARM_ROWS);
            let _ = next_task(0).await;
        }
    });
}

/// How many more milliseconds until no message from the page has come for `ms` (`None`: none
/// has for that long already).
fn until_quiet(ms: f64) -> Option<i32> {
    let quiet = now() - LAST_MESSAGE.with(std::cell::Cell::get);
    (quiet < ms).then(|| (ms - quiet).ceil() as i32)
}

/// A promise fulfilled after `ms` milliseconds and the messages already waiting.
fn next_task(ms: i32) -> JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        if let Ok(f) = js_sys::Reflect::get(&global, &"setTimeout".into())
            && let Ok(f) = f.dyn_into::<Function>()
        {
            let _ = f.call2(&global, &resolve, &JsValue::from(ms));
        }
    });
    JsFuture::from(promise)
}

/// Runs the decision panel's bootstrap on in slices of about 12 ms, answering the messages
/// that arrive in between (and pausing while they keep coming), and sends the panel again
/// every 200 ms and when it is done.
fn bootstrap_on(reply: impl Fn(FromWorker) + 'static) {
    if BOOTSTRAPPING.with(|b| b.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut sent = now();
        while DECIDER.with(|d| d.borrow().busy()) {
            if let Some(wait) = until_quiet(QUIET_MS) {
                let _ = next_task(wait).await;
                continue;
            }
            let _ = next_task(0).await;
            let end = now() + 12.0;
            let moved = DECIDER.with(|d| d.borrow_mut().advance(|| now() < end));
            let finished = !DECIDER.with(|d| d.borrow().busy());
            // The panel is rendered only when it is sent.
            if moved && (finished || now() - sent > 200.0) {
                sent = now();
                if let Some(decided) = DECIDER.with(|d| d.borrow_mut().again()) {
                    reply(FromWorker::Decided(Box::new(decided)));
                }
            }
        }
        BOOTSTRAPPING.with(|b| b.set(false));
    });
}
