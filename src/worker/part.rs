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

use crate::import::{Column, ImportError, PartError, RowError, RowProblem, Rows, Skipped};
use crate::sim::engine::Reader;

use super::import::{
    ImportJob, ImportSummary, Read, read_optional_text, read_text, write_optional_text, write_text,
};
use crate::sim::engine::DataSet;

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

/// The rows as numbers, without their scores (each class's length instead).
fn write_rows(out: &mut Vec<f64>, read: &PartRead) {
    let rows = &read.rows;
    out.extend(
        [
            rows.rows,
            rows.positives,
            rows.data_rows,
            u64::from(rows.header_read),
            rows.next_line,
            u64::from(rows.sorted),
            rows.skipped.count,
            rows.skipped.first.len() as u64,
        ]
        .map(|v| v as f64),
    );
    for e in &rows.skipped.first {
        write_row_error(out, e);
    }
    write_optional_text(out, rows.first_label.as_deref());
    out.push(read.lengths.len() as f64);
    for &n in read.lengths.iter().flatten() {
        out.push(n as f64);
    }
}

fn read_rows(v: &[f64]) -> Option<PartRead> {
    let mut r = Reader::new(v);
    let [
        rows,
        positives,
        data_rows,
        header_read,
        next_line,
        sorted,
        count,
        listed,
    ] = [(); 8].map(|()| r.whole());
    let flag = |v: Option<u64>| match v? {
        0 => Some(false),
        1 => Some(true),
        _ => None,
    };
    let (header_read, sorted) = (flag(header_read)?, flag(sorted)?);
    let listed = listed?;
    (listed <= crate::import::LISTED_ROWS as u64).then_some(())?;
    let first = (0..listed)
        .map(|_| read_row_error(&mut r))
        .collect::<Option<Vec<_>>>()?;
    let first_label = read_optional_text(&mut r)?;
    let models = r.whole()?;
    (1..=2).contains(&models).then_some(())?;
    let (rows, positives, count) = (rows?, positives?, count?);
    // Each model's classes hold the part's rows: no length past them (nor past a `usize`).
    let mut length = || usize::try_from(r.whole()?).ok();
    let lengths = (0..models)
        .map(|_| Some([length()?, length()?]))
        .collect::<Option<Vec<_>>>()?;
    let fits = positives <= rows
        && rows <= crate::import::MAX_ROWS
        && listed <= count
        && lengths
            .iter()
            .all(|&[n, p]| n as u64 == rows - positives && p as u64 == positives);
    fits.then_some(())?;
    let rows = Rows {
        classes: Vec::new(),
        rows,
        positives,
        data_rows: data_rows?,
        header_read,
        first_label,
        skipped: Skipped { count, first },
        next_line: next_line?,
        sorted,
    };
    r.end(PartRead { rows, lengths })
}

fn write_row_error(out: &mut Vec<f64>, e: &RowError) {
    out.push(e.line as f64);
    match &e.column {
        None => out.push(0.0),
        Some(c) => {
            out.push(c.index as f64 + 1.0);
            write_optional_text(out, c.name.as_deref());
        }
    }
    match &e.problem {
        RowProblem::Empty => out.push(0.0),
        RowProblem::NotNumber(v) => {
            out.push(1.0);
            write_text(out, v);
        }
        RowProblem::NotFinite(v) => {
            out.push(2.0);
            write_text(out, v);
        }
        RowProblem::OutOfRange(v) => {
            out.push(3.0);
            write_text(out, v);
        }
        RowProblem::UnknownLabel { value, mapping } => {
            out.push(4.0);
            write_text(out, value);
            write_text(out, mapping);
        }
        RowProblem::Fields { found, expected } => {
            out.extend([5.0, *found as f64, *expected as f64]);
        }
        RowProblem::UnclosedQuote => out.push(6.0),
    }
}

fn read_row_error(r: &mut Reader) -> Option<RowError> {
    let line = r.whole()?;
    let column = match r.whole()? {
        0 => None,
        i => Some(Column {
            index: i as usize - 1,
            name: read_optional_text(r)?,
        }),
    };
    let problem = match r.whole()? {
        0 => RowProblem::Empty,
        1 => RowProblem::NotNumber(read_text(r)?),
        2 => RowProblem::NotFinite(read_text(r)?),
        3 => RowProblem::OutOfRange(read_text(r)?),
        4 => RowProblem::UnknownLabel {
            value: read_text(r)?,
            mapping: read_text(r)?,
        },
        5 => RowProblem::Fields {
            found: r.whole()? as usize,
            expected: r.whole()? as usize,
        },
        6 => RowProblem::UnclosedQuote,
        _ => return None,
    };
    Some(RowError {
        line,
        column,
        problem,
    })
}

/// The first worker's side of the join: its own rows, read and sorted, and the second
/// worker's joined to them as they arrive, one class at a time (the one being received is the
/// only copy of the second worker's scores the first holds).
pub struct Joining {
    read: Read,
    lengths: Vec<[usize; 2]>,
    /// The class being received: model, class.
    next: Option<(usize, usize)>,
    buffer: Vec<f64>,
}

impl Joining {
    /// Joins the part's counts and skipped rows to `read` (the first part's rows, sorted);
    /// its scores are then `receive`d.
    pub fn new(mut read: Read, part: PartRead) -> Result<Self, String> {
        read.rows.sort();
        let models = read.rows.classes.len();
        if part.lengths.len() != models || !part.rows.sorted {
            return Err("The second worker read the file otherwise.".into());
        }
        read.rows.join_counts(part.rows).map_err(|e| e.message())?;
        let mut joining = Joining {
            read,
            lengths: part.lengths,
            next: Some((0, 0)),
            buffer: Vec::new(),
        };
        joining.skip_empty();
        Ok(joining)
    }

    /// The class expected next (model, class), if any.
    pub fn wanted(&self) -> Option<(usize, usize)> {
        self.next
    }

    /// `n` scores of `model`'s `class`, written into place by `fill`; an error if that class
    /// is not the one expected or it has fewer scores left.
    pub fn receive(
        &mut self,
        model: usize,
        class: usize,
        n: usize,
        fill: impl FnOnce(&mut [f64]),
    ) -> Result<(), String> {
        let order = || "The second worker's scores came out of order.".to_string();
        if self.next != Some((model, class)) {
            return Err(order());
        }
        // `next` names a class `lengths` has.
        let want = self.lengths[model][class];
        if self.buffer.len() + n > want {
            return Err(order());
        }
        if self.buffer.capacity() < want {
            self.buffer.reserve_exact(want - self.buffer.len());
        }
        let at = self.buffer.len();
        self.buffer.resize(at + n, 0.0);
        fill(&mut self.buffer[at..]);
        if self.buffer.len() == want {
            let scores = std::mem::take(&mut self.buffer);
            self.read.rows.add_class(model, class, &scores, true);
            self.next = Some(after((model, class)));
            self.skip_empty();
        }
        Ok(())
    }

    /// Moves past classes with no scores (and to `None` after the last).
    fn skip_empty(&mut self) {
        while let Some((m, c)) = self.next {
            match self.lengths.get(m) {
                None => self.next = None,
                Some(l) if l[c] == 0 => self.next = Some(after((m, c))),
                Some(_) => return,
            }
        }
    }

    /// Once every class is in: the data set for the engine and the summary for the page.
    pub fn complete(self) -> Result<(DataSet, ImportSummary), String> {
        if self.next.is_some() {
            return Err("The second worker's scores did not all arrive.".into());
        }
        self.read.complete()
    }
}

/// The class that comes after `(model, class)`: a model's positives after its negatives, then
/// the next model's negatives.
fn after((m, c): (usize, usize)) -> (usize, usize) {
    if c == 0 { (m, 1) } else { (m + 1, 0) }
}
