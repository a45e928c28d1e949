//! The second worker of a large import, in JavaScript terms (wasm only; the conversation itself
//! is `protocol::{ToPart, FromPart}`): the first worker starts it (`Helper::spawn`, the same
//! `worker.js`) and hears it through an inbox; the second worker answers a part's job with
//! `read_part`.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use js_sys::{Array, Float64Array, Function};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::file::{read_bytes, read_part_rows};
use crate::features::import::worker::part::{PartJob, PartRead, SLICE};
use crate::features::import::worker::{HEAD, ImportJob, Importer};
use crate::protocol::{FromPart, ToPart, scores_header, scores_of};
use crate::worker::js::with_file;

/// What the first worker hears from the second.
pub enum Heard {
    /// The part is read (or what stopped it).
    Read(Result<PartRead, crate::features::import::parse::PartError>),
    /// A slice of one class's scores: model, class, and the message (header first).
    Scores(usize, usize, Float64Array),
    /// The second worker failed to start, died, or said something unreadable.
    Lost,
}

#[derive(Default)]
struct Inbox {
    heard: VecDeque<Heard>,
    /// Bytes of its part the second worker has read.
    progress: u64,
    waker: Option<Waker>,
}

/// A second worker, terminated when dropped.
pub struct Helper {
    worker: Worker,
    inbox: Rc<RefCell<Inbox>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

impl Helper {
    /// Starts a second worker (`None` where a worker cannot start one).
    pub fn spawn() -> Option<Helper> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options("./worker.js", &options).ok()?;
        let inbox: Rc<RefCell<Inbox>> = Rc::default();
        let to = Rc::clone(&inbox);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let heard = heard(e.data());
            let mut inbox = to.borrow_mut();
            match heard {
                Some(FromPartOrScores::Progress(n)) => {
                    inbox.progress = n;
                    return;
                }
                Some(FromPartOrScores::Heard(h)) => inbox.heard.push_back(h),
                None => inbox.heard.push_back(Heard::Lost),
            }
            if let Some(w) = inbox.waker.take() {
                w.wake();
            }
        });
        let to = Rc::clone(&inbox);
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let mut inbox = to.borrow_mut();
            inbox.heard.push_back(Heard::Lost);
            if let Some(w) = inbox.waker.take() {
                w.wake();
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Helper {
            worker,
            inbox,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Asks it to read `file` from `start` on, with `job`'s choices.
    pub fn read(&self, job: &ImportJob, start: u64, file: &Blob) {
        let part = ToPart::Part(PartJob {
            job: job.clone(),
            start,
        });
        if self
            .worker
            .post_message(&with_file(&part.encode(), file))
            .is_err()
        {
            self.lost();
        }
    }

    /// Tells it to send the next class of its scores.
    pub fn send(&self) {
        let send = Float64Array::from(&ToPart::Send.encode()[..]);
        if self.worker.post_message(&send).is_err() {
            self.lost();
        }
    }

    fn lost(&self) {
        self.inbox.borrow_mut().heard.push_back(Heard::Lost);
    }

    /// Bytes of its part read so far.
    pub fn progress(&self) -> u64 {
        self.inbox.borrow().progress
    }

    /// The next thing it says.
    pub fn next(&self) -> impl Future<Output = Heard> + use<> {
        Next(Rc::clone(&self.inbox))
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        // Its memory (a second copy of half the file's scores) goes with it.
        self.worker.terminate();
    }
}

struct Next(Rc<RefCell<Inbox>>);

impl Future for Next {
    type Output = Heard;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Heard> {
        let mut inbox = self.0.borrow_mut();
        match inbox.heard.pop_front() {
            Some(h) => Poll::Ready(h),
            None => {
                inbox.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

enum FromPartOrScores {
    Progress(u64),
    Heard(Heard),
}

/// A message from the second worker: scores are kept as they came (read straight into the
/// first worker's memory later), the rest decoded.
fn heard(data: JsValue) -> Option<FromPartOrScores> {
    let numbers = data.dyn_into::<Float64Array>().ok()?;
    if numbers.length() >= 3 {
        let header = [0, 1, 2].map(|i| numbers.get_index(i));
        if let Some((m, c)) = scores_of(header) {
            let h = Heard::Scores(m, c, numbers);
            return Some(FromPartOrScores::Heard(h));
        }
    }
    Some(match FromPart::decode(&numbers.to_vec())? {
        FromPart::Progress(n) => FromPartOrScores::Progress(n),
        FromPart::Read(r) => FromPartOrScores::Heard(Heard::Read(r)),
    })
}

thread_local! {
    /// The second worker's scores, read and sorted, waiting for `ToPart::Send`s: a class a time.
    static WAITING: RefCell<VecDeque<(usize, usize, Vec<f64>)>> = RefCell::default();
}

/// Posts a message as numbers, its buffer transferred.
fn post_numbers(post: &Function, numbers: &Float64Array) {
    let _ = post.call2(&JsValue::NULL, numbers, &Array::of1(&numbers.buffer()));
}

/// The second worker's side: answers the first worker's message (a part's job comes with its
/// file; without one it is lost).
pub fn answer(message: ToPart, file: Option<Blob>, post: &Function) {
    match (message, file) {
        (ToPart::Part(job), Some(file)) => {
            wasm_bindgen_futures::spawn_local(read_part(job, file, post.clone()));
        }
        (ToPart::Part(_), None) => post_numbers(post, &Float64Array::new_with_length(0)),
        // The next class, in slices; the first worker asks again once it has taken it in.
        (ToPart::Send, _) => {
            if let Some(class) = WAITING.with(|w| w.borrow_mut().pop_front()) {
                send_class(post, class);
            }
        }
    }
}

/// One class's scores, in slices of at most `SLICE`.
fn send_class(post: &Function, (m, c, scores): (usize, usize, Vec<f64>)) {
    for piece in scores.chunks(SLICE) {
        let out = Float64Array::new_with_length(3 + piece.len() as u32);
        out.subarray(0, 3).copy_from(&scores_header(m, c));
        out.subarray(3, out.length()).copy_from(piece);
        post_numbers(post, &out);
    }
}

/// Reads, and sorts, the part of `file` that `job` names, and says so; then sends its scores
/// (at once if they are few, else a class for each of the first worker's `ToPart::Send`s).
async fn read_part(part: PartJob, file: Blob, post: Function) {
    let say = |m: FromPart| post_numbers(&post, &Float64Array::from(&m.encode()[..]));
    // Unreadable: an empty message reads as the part lost, and the first worker reads it.
    let lost = || post_numbers(&post, &Float64Array::new_with_length(0));
    let len = file.size() as u64;
    let Some(head) = read_bytes(&file, 0, HEAD.min(len)).await else {
        return lost();
    };
    let progress = |i: &Importer| say(FromPart::Progress(i.consumed()));
    let Ok(read) = read_part_rows(&part.job, &file, &head, part.start, progress).await else {
        return lost();
    };
    let (said, scores) = FromPart::read(read);
    let scores: VecDeque<_> = scores.into_iter().filter(|s| !s.2.is_empty()).collect();
    say(said);
    // A part of a million scores at most (8 MB: a file of about 1,000,000 rows) is sent at
    // once, without waiting to be asked for each class; a larger one waits, so that no more
    // than one of its classes is ever on its way.
    if scores.iter().map(|s| s.2.len()).sum::<usize>() <= SLICE {
        for class in scores {
            send_class(&post, class);
        }
    } else {
        WAITING.with(|w| *w.borrow_mut() = scores);
    }
}
