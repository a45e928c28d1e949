//! The worker's side of an import (`import_file`): the file read a chunk at a time with its
//! progress reported, a large one by two workers, each reading and sorting its own part, and
//! the second's rows joined to the first's.

mod file;
pub(crate) mod helper;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Blob;

use crate::features::import::worker::part::TWO_WORKERS_FROM;
use crate::features::import::worker::{
    Detection, HEAD, ImportJob, ImportSummary, Importer, Joining, split_point,
};
use crate::protocol::FromWorker;
use crate::sim::engine::{DataSet, Engine};
use crate::worker::js::schedule::now;
use file::{UNREADABLE, read_bytes, read_part_rows, read_range};
use helper::{Heard, Helper};

/// What an import says when the second worker is lost after it said it had read its part.
const STOPPED: &str =
    "The second worker stopped before it sent all its rows: import the file again.";

/// How often an import reports its progress, at the most (ms).
const PROGRESS_MS: f64 = 250.0;

thread_local! {
    /// A second worker started when a large file was looked at, ready for its import.
    static HELPER: RefCell<Option<Helper>> = const { RefCell::new(None) };
    /// The newest import job: an older one still reading never replaces its data set.
    pub(crate) static NEWEST: Cell<u32> = const { Cell::new(0) };
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
pub(crate) async fn import_file(
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
    let helper = helper_for(len);
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
    let (mut helper, end) = split_with(helper, &job, &file, len).await;
    // Every 250 ms at most: each report is a frame the page paints while both cores parse.
    let reported = Cell::new(now());
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
    hold(&engine, &job, done, reply);
}

/// Starts `helper`, if any, on the part of `file` after the first newline past the middle:
/// the helper (none if it has no such part) and where this worker's part ends.
async fn split_with(
    helper: Option<Helper>,
    job: &ImportJob,
    file: &Blob,
    len: u64,
) -> (Option<Helper>, u64) {
    let mut split = None;
    if helper.is_some() {
        let mid = len / 2;
        if let Some(around) = read_bytes(file, mid, (mid + HEAD).min(len)).await {
            split = split_point(&around, mid, len);
        }
    }
    match (helper, split) {
        (Some(h), Some(s)) => {
            h.read(job, s, file);
            (Some(h), s)
        }
        _ => (None, len),
    }
}

/// An import's end: the data set to the engine and the summary to the page, unless a newer
/// import has started; else why it failed.
fn hold(
    engine: &RefCell<Engine>,
    job: &ImportJob,
    done: Result<(DataSet, ImportSummary), String>,
    reply: impl Fn(FromWorker),
) {
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
        Err(message) => reply(FromWorker::ImportFailed(job.id, message)),
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
