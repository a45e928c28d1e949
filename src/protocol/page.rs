//! The page and its worker: what the page asks (`ToWorker`) and what the worker says back
//! (`FromWorker`).

use super::{Tag, message};
use crate::export::PredictionsJob;
use crate::features::decide::worker::{DecideJob, Decided};
use crate::features::import::worker::{Detection, ImportJob, ImportSummary};
use crate::features::training::job::{TrainRequest, TrainStep};
use crate::features::training::spread_job::{SpreadJob, SpreadSample};
use crate::features::words::{Words, WordsJob};
use crate::sim::engine::{Answer, Reader, Request};

/// What the page asks of the worker.
#[derive(Clone, Debug, PartialEq)]
pub enum ToWorker {
    /// The exact numbers of a request.
    Exact(Request),
    /// The predictions file: every model's scores the page holds.
    Csv(PredictionsJob),
    /// Every loss trained on a sample, step by step.
    Train(TrainRequest),
    /// Every loss retrained on K samples, a sample at a time.
    Spread(SpreadJob),
    /// Let go of the imported data set (the page went back to the synthetic scenario).
    Forget,
    /// Look at or import the file that travels beside the numbers.
    Import(ImportJob),
    /// Render the decision panel.
    Decide(Box<DecideJob>),
    /// Write the page's words.
    Words(Box<WordsJob>),
}

impl ToWorker {
    /// The message as numbers: its tag, then its payload.
    pub fn encode(&self) -> Vec<f64> {
        match self {
            ToWorker::Exact(r) => message(Tag::Exact, |out| r.write(out)),
            ToWorker::Csv(job) => message(Tag::Csv, |out| job.write(out)),
            ToWorker::Train(t) => message(Tag::Train, |out| t.write(out)),
            ToWorker::Spread(job) => message(Tag::Spread, |out| job.write(out)),
            ToWorker::Forget => message(Tag::Forget, |_| {}),
            ToWorker::Import(job) => message(Tag::Import, |out| job.write(out)),
            ToWorker::Decide(job) => message(Tag::Decide, |out| job.write(out)),
            ToWorker::Words(job) => message(Tag::Words, |out| job.write(out)),
        }
    }

    /// The number of a job the worker renders (the decision panel, the words); `None` for the
    /// other messages.
    pub fn job_id(&self) -> Option<u32> {
        match self {
            ToWorker::Decide(job) => Some(job.id),
            ToWorker::Words(job) => Some(job.id),
            _ => None,
        }
    }

    /// The message with its job's number set to `id` (any other message as it was).
    pub fn with_job_id(mut self, id: u32) -> Self {
        match &mut self {
            ToWorker::Decide(job) => job.id = id,
            ToWorker::Words(job) => job.id = id,
            _ => {}
        }
        self
    }

    /// The message back from `encode`'s numbers; `None` for anything else.
    pub fn decode(v: &[f64]) -> Option<Self> {
        let (tag, rest) = Tag::split(v)?;
        match tag {
            Tag::Exact => Request::decode(rest).map(ToWorker::Exact),
            Tag::Csv => PredictionsJob::read(rest).map(ToWorker::Csv),
            Tag::Train => TrainRequest::read(rest).map(ToWorker::Train),
            Tag::Spread => SpreadJob::read(rest).map(ToWorker::Spread),
            Tag::Forget => rest.is_empty().then_some(ToWorker::Forget),
            Tag::Import => ImportJob::read(rest).map(ToWorker::Import),
            Tag::Decide => DecideJob::read(rest).map(|j| ToWorker::Decide(Box::new(j))),
            Tag::Words => WordsJob::read(rest).map(|j| ToWorker::Words(Box::new(j))),
            _ => None,
        }
    }
}

/// What the worker says back.
#[derive(Clone, Debug, PartialEq)]
pub enum FromWorker {
    /// The share of the exact numbers' work done.
    Progress(f64),
    /// The exact numbers.
    Answer(Box<Answer>),
    /// A piece of the predictions file, and the share of the file written with it.
    CsvPiece(Vec<u8>, f64),
    /// The predictions file is complete.
    CsvDone,
    /// A step of training on a sample.
    TrainStep(Box<TrainStep>),
    /// A sample of a retraining spread.
    SpreadSample(Box<SpreadSample>),
    /// What detection found in a file's first bytes.
    Detected(Box<Detection>),
    /// The share of a file read, for the import job of this number.
    ImportProgress(u32, f64),
    /// A file was imported: the engine holds its data set.
    Imported(Box<ImportSummary>),
    /// The import job of this number failed, and why (the engine keeps what it held).
    ImportFailed(u32, String),
    /// The exact numbers of a request for a data set the engine does not hold (it held another,
    /// or it is a new worker): the page's request is answered with nothing.
    NotHeld,
    /// The decision panel, as the worker rendered it.
    Decided(Box<Decided>),
    /// The page's words, as the worker wrote them.
    Words(Box<Words>),
    /// The worker could not load or could not read a message: the page computes by itself.
    Failed,
}

/// What the page says when a reply about a file cannot be read.
const UNREADABLE: &str = "The worker's answer about this file could not be read.";

impl FromWorker {
    /// The message as numbers (its tag first) and bytes (text or a file's piece, else empty).
    pub fn encode(self) -> (Vec<f64>, Vec<u8>) {
        match self {
            FromWorker::Progress(p) => (message(Tag::Progress, |o| o.push(p)), Vec::new()),
            FromWorker::Answer(a) => (message(Tag::Answer, |o| a.write(o)), Vec::new()),
            FromWorker::CsvPiece(bytes, done) => (message(Tag::CsvPiece, |o| o.push(done)), bytes),
            FromWorker::CsvDone => (message(Tag::CsvDone, |_| {}), Vec::new()),
            FromWorker::TrainStep(t) => (message(Tag::TrainStep, |o| t.write(o)), Vec::new()),
            FromWorker::SpreadSample(s) => (message(Tag::SpreadSample, |o| s.write(o)), Vec::new()),
            FromWorker::Detected(d) => (message(Tag::Detected, |o| d.write(o)), Vec::new()),
            FromWorker::ImportProgress(id, p) => (
                message(Tag::ImportProgress, |o| o.extend([f64::from(id), p])),
                Vec::new(),
            ),
            FromWorker::Imported(s) => (message(Tag::Imported, |o| s.write(o)), Vec::new()),
            FromWorker::ImportFailed(id, text) => (
                message(Tag::ImportFailed, |o| o.push(f64::from(id))),
                text.into_bytes(),
            ),
            FromWorker::NotHeld => (message(Tag::NotHeld, |_| {}), Vec::new()),
            FromWorker::Decided(d) => with_text(Tag::Decided, |o| d.write(o)),
            FromWorker::Words(w) => with_text(Tag::WordsWritten, |o| w.write(o)),
            FromWorker::Failed => (Vec::new(), Vec::new()),
        }
    }

    /// The message back from `encode`'s parts: anything else is `Failed`, so that a worker
    /// that says something unexpected is replaced by the page's own engine.
    pub fn decode(v: &[f64], bytes: Vec<u8>) -> Self {
        let Some((tag, rest)) = Tag::split(v) else {
            return FromWorker::Failed;
        };
        let failed = FromWorker::Failed;
        // A look at a file or an import that the page cannot read fails that job only (an odd
        // file must not cost the worker and the data set it holds).
        let unreadable = || FromWorker::ImportFailed(0, UNREADABLE.into());
        match tag {
            Tag::Progress => share(rest).map_or(failed, FromWorker::Progress),
            Tag::Answer => Answer::decode(rest).map_or(failed, |a| FromWorker::Answer(Box::new(a))),
            Tag::CsvPiece => share(rest).map_or(failed, |p| FromWorker::CsvPiece(bytes, p)),
            Tag::CsvDone if rest.is_empty() => FromWorker::CsvDone,
            Tag::TrainStep => {
                TrainStep::read(rest).map_or(failed, |s| FromWorker::TrainStep(Box::new(s)))
            }
            Tag::SpreadSample => {
                SpreadSample::read(rest).map_or(failed, |s| FromWorker::SpreadSample(Box::new(s)))
            }
            Tag::Detected => {
                Detection::read(rest).map_or_else(unreadable, |d| FromWorker::Detected(Box::new(d)))
            }
            Tag::ImportProgress => match rest {
                [id, p] => match (id_of(*id), share(&[*p])) {
                    (Some(id), Some(p)) => FromWorker::ImportProgress(id, p),
                    _ => failed,
                },
                _ => failed,
            },
            Tag::Imported => ImportSummary::read(rest)
                .map_or_else(unreadable, |s| FromWorker::Imported(Box::new(s))),
            Tag::ImportFailed => match (rest, String::from_utf8(bytes)) {
                ([id], Ok(text)) => {
                    id_of(*id).map_or(failed, |id| FromWorker::ImportFailed(id, text))
                }
                _ => failed,
            },
            Tag::NotHeld if rest.is_empty() => FromWorker::NotHeld,
            Tag::Decided => {
                Decided::read(rest, bytes).map_or(failed, |d| FromWorker::Decided(Box::new(d)))
            }
            Tag::WordsWritten => {
                Words::read(rest, bytes).map_or(failed, |w| FromWorker::Words(Box::new(w)))
            }
            _ => failed,
        }
    }
}

/// A reply whose payload writes its numbers and gives its text's bytes: the tag, then both.
fn with_text(tag: Tag, write: impl FnOnce(&mut Vec<f64>) -> Vec<u8>) -> (Vec<f64>, Vec<u8>) {
    let mut numbers = vec![tag.number()];
    let bytes = write(&mut numbers);
    (numbers, bytes)
}

/// A share of work done: one number in [0, 1].
fn share(rest: &[f64]) -> Option<f64> {
    match rest {
        [p] if (0.0..=1.0).contains(p) => Some(*p),
        _ => None,
    }
}

/// A job's number.
fn id_of(v: f64) -> Option<u32> {
    Reader::new(&[v]).count()
}
