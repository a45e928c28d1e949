//! The page's worker and a second worker that reads the part of a large file from a row near
//! its middle (`features::import::worker::part` says how the two share the work):
//!
//! - to the second worker: `ToPart::Part` (the import job and where its part starts), with the
//!   file beside it; later `ToPart::Send` for each class of scores, once the first worker is
//!   ready to take it;
//! - back: `FromPart::Progress` (bytes read) now and then; `FromPart::Read` (the part's counts
//!   and skipped rows, or the error that stopped it) when its rows are read and sorted; then
//!   each model's classes as `Scores` slices (a `scores_header`, then the scores), negatives
//!   then positives, model by model. An empty message says the part is lost (the first worker
//!   then reads it itself).

use super::{Tag, message};
use crate::features::import::parse::{ImportError, PartError};
use crate::features::import::worker::{PartJob, PartRead};
use crate::sim::engine::Reader;

/// What the page's worker asks of the second one.
#[derive(Clone, Debug, PartialEq)]
pub enum ToPart {
    /// Read and sort the part of the file that travels beside the numbers.
    Part(PartJob),
    /// The first worker is ready for the next class of scores.
    Send,
}

impl ToPart {
    /// The message as numbers.
    pub fn encode(&self) -> Vec<f64> {
        match self {
            ToPart::Part(part) => message(Tag::Part, |out| part.write(out)),
            ToPart::Send => message(Tag::Send, |_| {}),
        }
    }

    /// The message back from `encode`'s numbers; `None` for anything else.
    pub fn decode(v: &[f64]) -> Option<Self> {
        match Tag::split(v)? {
            (Tag::Part, rest) => PartJob::read(rest).map(ToPart::Part),
            (Tag::Send, []) => Some(ToPart::Send),
            _ => None,
        }
    }
}

/// What the second worker says back, but its scores (`scores_header`).
#[derive(Clone, Debug, PartialEq)]
pub enum FromPart {
    /// Bytes of the part read so far.
    Progress(u64),
    /// The part is read and sorted, or what stopped it.
    Read(Result<PartRead, PartError>),
}

impl FromPart {
    /// The message as numbers.
    pub fn encode(&self) -> Vec<f64> {
        match self {
            FromPart::Progress(n) => message(Tag::PartProgress, |out| out.push(*n as f64)),
            FromPart::Read(Ok(read)) => message(Tag::PartRead, |out| {
                out.push(1.0);
                read.write(out);
            }),
            FromPart::Read(Err(PartError { error, data_rows })) => {
                let (code, n) = match error {
                    ImportError::LineTooLong { line } => (0.0, *line),
                    ImportError::TooManyRows { limit } => (1.0, *limit),
                    // A part meets no other error; one that did would not decode, and the
                    // first worker then reads the part itself, and meets it.
                    _ => (2.0, 0),
                };
                let numbers = [0.0, code, n as f64, *data_rows as f64];
                message(Tag::PartRead, |out| out.extend(numbers))
            }
        }
    }

    /// The message back from `encode`'s numbers; `None` for anything else.
    pub fn decode(v: &[f64]) -> Option<Self> {
        match Tag::split(v)? {
            (Tag::PartProgress, rest) => {
                let mut r = Reader::new(rest);
                let n = r.whole()?;
                r.end(FromPart::Progress(n))
            }
            (Tag::PartRead, [1.0, rest @ ..]) => {
                PartRead::read(rest).map(|r| FromPart::Read(Ok(r)))
            }
            (Tag::PartRead, [0.0, rest @ ..]) => {
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
        }
    }
}

/// The start of a message of scores of one class of one model (`class` 0 for the negatives).
pub fn scores_header(model: usize, class: usize) -> [f64; 3] {
    [Tag::Scores.number(), model as f64, class as f64]
}

/// Which model's class a message of scores holds, from its first three numbers.
pub fn scores_of(header: [f64; 3]) -> Option<(usize, usize)> {
    match header {
        [tag, m @ (0.0 | 1.0), c @ (0.0 | 1.0)] if tag == Tag::Scores.number() => {
            Some((m as usize, c as usize))
        }
        _ => None,
    }
}
