//! A large file is imported by two workers side by side: the page's worker reads the file up to
//! a row near its middle while a second worker, which it starts, reads and sorts the rest; the
//! first then joins the second's rows to its own (`import::Rows::join`), and the result is the
//! one a single parser would have read. This is their conversation, on the same wire as the
//! page's (numbers, and a file beside the first message):
//!
//! - to the second worker: `PartJob` (the import job and where its part starts), with the file;
//!   later `SEND` for each class of scores, once the first is ready to take it;
//! - back: `Progress` (bytes read) now and then; `Read` (the part's counts and skipped rows, or
//!   the error that stopped it) when its rows are read and sorted; then each model's classes as
//!   `Scores` slices, in order (negatives, then positives, model by model): a class for each
//!   `SEND`, or all at once when the part holds `SLICE` scores or fewer.
//!
//! Whether the part is used at all is decided by the first worker once it reaches the split:
//! only if a row starts there (`Importer::at_record_start`); otherwise it reads on itself.

use super::ImportJob;
use super::part_rows::{read_rows, write_rows};
use crate::import::{ImportError, PartError, Rows};
use crate::sim::engine::Reader;

/// Files from this size on are read by two workers (smaller ones are read before a second
/// worker would have started).
pub const TWO_WORKERS_FROM: u64 = 8 << 20;

/// The most scores one `Scores` message carries (8 MB): the second worker's rows cross a slice
/// at a time, so that neither side holds a second copy of them all.
pub const SLICE: usize = 1 << 20;

const PART: f64 = 20.0;
/// The first worker is ready for the rows.
pub const SEND: f64 = 21.0;
const PROGRESS: f64 = 22.0;
const READ: f64 = 23.0;
const SCORES: f64 = 24.0;

/// The second worker's job: the import job, and the byte its part starts at.
#[derive(Clone, Debug, PartialEq)]
pub struct PartJob {
    /// The page's job (its choices; the second worker detects on the same first bytes).
    pub job: ImportJob,
    /// Where the part starts: just after a newline.
    pub start: u64,
}

impl PartJob {
    /// The job as numbers (the file travels beside them).
    pub fn encode(&self) -> Vec<f64> {
        let mut out = vec![PART, self.start as f64];
        self.job.write(&mut out);
        out
    }

    /// The job back from `encode`'s numbers; `None` for anything else.
    pub fn decode(v: &[f64]) -> Option<Self> {
        let [tag, start, rest @ ..] = v else {
            return None;
        };
        (*tag == PART).then_some(())?;
        let start = Reader::new(&[*start]).whole()?;
        Some(PartJob {
            job: ImportJob::read(rest)?,
            start,
        })
    }
}

/// A part read and sorted, as the first worker learns of it before its scores: the rows
/// without their scores (`Rows::classes` empty), and each class's length.
#[derive(Clone, Debug, PartialEq)]
pub struct PartRead {
    /// The rows, without their scores.
    pub rows: Rows,
    /// `[negatives, positives]` for each model: the scores that follow in `Scores` messages.
    pub lengths: Vec<[usize; 2]>,
}

impl PartRead {
    /// A part's rows as the second worker announces them, and its scores as it then sends
    /// them: model by model, negatives then positives.
    pub fn of(mut rows: Rows) -> (Self, Vec<(usize, usize, Vec<f64>)>) {
        let classes = std::mem::take(&mut rows.classes);
        let lengths = classes.iter().map(|[n, p]| [n.len(), p.len()]).collect();
        let mut scores = Vec::new();
        for (m, model) in classes.into_iter().enumerate() {
            for (c, class) in model.into_iter().enumerate() {
                scores.push((m, c, class));
            }
        }
        (PartRead { rows, lengths }, scores)
    }
}

/// What the second worker says back. Its scores follow `Read` in messages of their own, a
/// `scores_header` and then up to `SLICE` scores, read straight into the first worker's
/// memory.
#[derive(Clone, Debug, PartialEq)]
pub enum FromPart {
    /// Bytes of the part read so far.
    Progress(u64),
    /// The part is read and sorted, or what stopped it.
    Read(Result<PartRead, PartError>),
}

/// The start of a message of scores of one class of one model (`class` 0 for the negatives).
pub fn scores_header(model: usize, class: usize) -> [f64; 3] {
    [SCORES, model as f64, class as f64]
}

/// Which model's class a message of scores holds, from its first three numbers.
pub fn scores_of(header: [f64; 3]) -> Option<(usize, usize)> {
    match header {
        [SCORES, m @ (0.0 | 1.0), c @ (0.0 | 1.0)] => Some((m as usize, c as usize)),
        _ => None,
    }
}

impl FromPart {
    /// What the second worker says once its part is read (or stopped), and the scores it then
    /// sends.
    pub fn read(part: Result<Rows, PartError>) -> (Self, Vec<(usize, usize, Vec<f64>)>) {
        match part {
            Ok(rows) => {
                let (read, scores) = PartRead::of(rows);
                (FromPart::Read(Ok(read)), scores)
            }
            Err(e) => (FromPart::Read(Err(e)), Vec::new()),
        }
    }

    /// The message as numbers.
    pub fn encode(&self) -> Vec<f64> {
        match self {
            FromPart::Progress(n) => vec![PROGRESS, *n as f64],
            FromPart::Read(Ok(read)) => {
                let mut out = vec![READ, 1.0];
                write_rows(&mut out, read);
                out
            }
            FromPart::Read(Err(PartError { error, data_rows })) => {
                let (code, n) = match error {
                    ImportError::LineTooLong { line } => (0.0, *line),
                    ImportError::TooManyRows { limit } => (1.0, *limit),
                    // A part meets no other error; one that did would not decode, and the
                    // first worker then reads the part itself, and meets it.
                    _ => (2.0, 0),
                };
                vec![READ, 0.0, code, n as f64, *data_rows as f64]
            }
        }
    }

    /// The message back from `encode`'s numbers; `None` for anything else.
    pub fn decode(v: &[f64]) -> Option<Self> {
        let (&tag, rest) = v.split_first()?;
        match tag {
            PROGRESS => {
                let mut r = Reader::new(rest);
                let n = r.whole()?;
                r.end(FromPart::Progress(n))
            }
            READ => match rest.split_first()? {
                (&1.0, rest) => read_rows(rest).map(|read| FromPart::Read(Ok(read))),
                (&0.0, rest) => {
                    let mut r = Reader::new(rest);
                    let error = match (r.whole()?, r.whole()?) {
                        (0, line) => ImportError::LineTooLong { line },
                        (1, limit) => ImportError::TooManyRows { limit },
                        _ => return None,
                    };
                    let data_rows = r.whole()?;
                    r.end(FromPart::Read(Err(PartError { error, data_rows })))
                }
                _ => None,
            },
            _ => None,
        }
    }
}

/// Where a second worker may start reading a file of `len` bytes: just after the first newline
/// in `around`, the bytes from `mid` on. `None` when there is none (a line longer than the
/// bytes looked at) or it is the file's end. Whether a row really starts there (not inside a
/// quoted field) is only known once the first part is read: `Importer::at_record_start`.
pub fn split_point(around: &[u8], mid: u64, len: u64) -> Option<u64> {
    let newline = around.iter().position(|&b| b == b'\n')? as u64;
    let split = mid + newline + 1;
    (split < len).then_some(split)
}
