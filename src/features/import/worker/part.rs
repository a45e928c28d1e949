//! A large file is imported by two workers side by side: the page's worker reads the file up to
//! a row near its middle while a second worker, which it starts, reads and sorts the rest; the
//! first then joins the second's rows to its own (`parse::Rows::join`), and the result is the
//! one a single parser would have read. Their conversation is `protocol::{ToPart, FromPart}`:
//! the part's job, its progress, its rows when read, then its scores a class at a time, each
//! class when the first worker asks for it, or all at once when the part holds `SLICE` scores
//! or fewer.
//!
//! Whether the part is used at all is decided by the first worker once it reaches the split:
//! only if a row starts there (`Importer::at_record_start`); otherwise it reads on itself.

use super::ImportJob;
use super::part_rows::{read_rows, write_rows};
use crate::features::import::parse::{PartError, Rows};
use crate::protocol::FromPart;
use crate::sim::engine::Reader;

/// Files from this size on are read by two workers (smaller ones are read before a second
/// worker would have started).
pub const TWO_WORKERS_FROM: u64 = 8 << 20;

/// The most scores one `Scores` message carries (8 MB): the second worker's rows cross a slice
/// at a time, so that neither side holds a second copy of them all.
pub const SLICE: usize = 1 << 20;

/// The second worker's job: the import job, and the byte its part starts at.
#[derive(Clone, Debug, PartialEq)]
pub struct PartJob {
    /// The page's job (its choices; the second worker detects on the same first bytes).
    pub job: ImportJob,
    /// Where the part starts: just after a newline.
    pub start: u64,
}

impl PartJob {
    /// Writes the job's numbers after `out`'s (`protocol::ToPart::Part`; the file travels
    /// beside them).
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        out.push(self.start as f64);
        self.job.write(out);
    }

    /// The job back from `write`'s numbers; `None` for anything else.
    pub(crate) fn read(v: &[f64]) -> Option<Self> {
        let (&start, rest) = v.split_first()?;
        let start = Reader::new(&[start]).whole()?;
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

    /// Writes the part's rows after `out`'s (`protocol::FromPart::Read`).
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        write_rows(out, self);
    }

    /// The rows back from `write`'s numbers; `None` for anything else.
    pub(crate) fn read(v: &[f64]) -> Option<Self> {
        read_rows(v)
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
