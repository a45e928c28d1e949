//! The push parser: feed it the file chunk by chunk, in order, then finish.

use crate::sim::{Class, MAX_COUNT};

use super::errors::ImportError;
use super::fields::{MAX_RECORD_BYTES, Splitter, find, text};
use super::imported::{Imported, split_classes};
use super::options::Options;
use super::rows::Rows;
use super::scores::{BadScore, probability};
use super::skipped::{RowError, RowProblem, Skipped};
use super::sniff::BOM;

/// The most data rows a file may have.
pub const MAX_ROWS: u64 = MAX_COUNT as u64;

/// The most fields a row read by the fast path may have (more: the splitter reads them).
const FAST_FIELDS: usize = 8;

/// What is wrong with a row, cheap to make: its text is only read if the row is listed.
#[derive(Clone, Copy)]
enum Fault {
    Fields,
    Label,
    Score(BadScore),
    UnclosedQuote,
}

/// Reads a file's rows with given `Options`, one chunk at a time from its first byte (the
/// chunk detection read included): chunks may split a line, a quoted field or a character
/// anywhere, and the file is never held whole.
#[derive(Clone, Debug)]
pub struct Parser {
    options: Options,
    splitter: Splitter,
    /// Bytes of a byte order mark matched at the start of the file; 3 once past it.
    bom: usize,
    header_pending: bool,
    consumed: u64,
    /// Each model's probabilities, one a row read, in file order.
    scores: [Vec<f64>; 2],
    /// Bit `i` is set when row `i` is positive.
    positive: Vec<u64>,
    rows: u64,
    positives: u64,
    /// Rows under the header, skipped ones included.
    data_rows: u64,
    /// The first row's label, to name the class when it is the only one.
    first_label: Option<String>,
    skipped: Skipped,
    failed: Option<ImportError>,
}

impl Parser {
    /// A parser for a file laid out as `options` says.
    pub fn new(options: Options) -> Self {
        let mut parser = Parser {
            header_pending: options.header.is_some(),
            splitter: Splitter::new(options.delimiter),
            options,
            bom: 0,
            consumed: 0,
            scores: [Vec::new(), Vec::new()],
            positive: Vec::new(),
            rows: 0,
            positives: 0,
            data_rows: 0,
            first_label: None,
            skipped: Skipped::default(),
            failed: None,
        };
        parser.reserve(parser.options.expected_rows);
        parser
    }

    /// A parser for the part of a file that starts at `Splitter::at_record_start` after its
    /// header, read by a second worker while the first reads what comes before; about
    /// `expected_rows` rows. Its lines are counted from 1: `Rows::join` moves them to the
    /// file's.
    pub fn part(options: Options, expected_rows: u64) -> Self {
        let mut parser = Parser::new(Options {
            expected_rows,
            ..options
        });
        parser.header_pending = false;
        parser.bom = BOM.len();
        parser
    }

    /// Whether all that was fed ends with a complete row (or header), outside any quoted field,
    /// with nothing held back or failed: what follows can then be read by a `part` parser and
    /// joined.
    pub fn at_record_start(&self) -> bool {
        self.bom == BOM.len()
            && !self.header_pending
            && self.failed.is_none()
            && self.splitter.at_record_start()
    }

    /// The options the file is read with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Makes room for the expected rows and a twentieth more up front. Vectors that grow by
    /// doubling would, in the browser (where a copy holds old and new at once and freed memory
    /// stays with the page), take up to 455 MiB at 10,000,000 rows instead of 173 MiB.
    fn reserve(&mut self, rows: u64) {
        let rows = (rows + rows / 20).min(MAX_ROWS) as usize;
        for scores in &mut self.scores[..self.options.scores.len()] {
            scores.reserve_exact(rows.saturating_sub(scores.len()));
        }
        self.positive
            .reserve_exact((rows / 64 + 1).saturating_sub(self.positive.len()));
    }

    /// Bytes fed so far, for a progress bar.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    /// Rows imported so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Rows under the header read so far, skipped ones included.
    pub fn data_rows(&self) -> u64 {
        self.data_rows
    }

    /// Reads the next chunk of the file. An `Err` is final: the file cannot be imported.
    pub fn feed(&mut self, mut chunk: &[u8]) -> Result<(), ImportError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        self.consumed += chunk.len() as u64;
        if self.bom < BOM.len() {
            // A byte order mark may itself be split between chunks: hold its start back until
            // it is whole (dropped) or broken (text after all).
            let held = self.bom;
            let n = chunk
                .iter()
                .zip(&BOM[held..])
                .take_while(|(a, b)| a == b)
                .count();
            if held + n == BOM.len() {
                self.bom = BOM.len();
                chunk = &chunk[n..];
            } else if n == chunk.len() {
                self.bom += n;
                return Ok(());
            } else {
                self.bom = BOM.len();
                self.split(&BOM[..held])?;
            }
        }
        self.split(chunk)
    }

    /// After the last chunk: the imported scores, or why there are none.
    pub fn finish(self) -> Result<Imported, ImportError> {
        let options = self.options.clone();
        self.finish_rows()?.imported(options)
    }

    /// After the last chunk: the rows read, split by class, before the checks that need the
    /// whole file (a part's rows are joined to the rows before them first).
    pub fn finish_rows(mut self) -> Result<Rows, ImportError> {
        if self.bom < BOM.len() {
            let held = self.bom;
            self.bom = BOM.len();
            self.split(&BOM[..held])?;
        }
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        if self.splitter.finish() {
            self.record()?;
        }
        let positives = self.positives;
        let classes = self
            .scores
            .into_iter()
            .take(self.options.scores.len())
            .map(|all| {
                let (neg, pos) = split_classes(all, &self.positive, positives as usize);
                [neg, pos]
            })
            .collect();
        Ok(Rows {
            classes,
            rows: self.rows,
            positives,
            data_rows: self.data_rows,
            header_read: self.options.header.is_some() && !self.header_pending,
            first_label: self.first_label,
            skipped: self.skipped,
            next_line: self.splitter.line(),
            sorted: false,
        })
    }

    fn fail(&mut self, e: ImportError) -> Result<(), ImportError> {
        self.failed = Some(e.clone());
        Err(e)
    }

    /// Splits `bytes` into records and reads each one that completes: plain rows straight from
    /// the bytes (`fast_row`), anything else through the splitter.
    fn split(&mut self, bytes: &[u8]) -> Result<(), ImportError> {
        let mut pos = 0;
        loop {
            if !self.header_pending
                && self.first_label.is_some()
                && self.options.fields <= FAST_FIELDS
            {
                self.splitter.begin();
                if self.splitter.at_record_start() {
                    while let Some(n) = self.fast_row(&bytes[pos..]) {
                        pos += n;
                    }
                }
            }
            match self.splitter.next(bytes, &mut pos) {
                Ok(true) => self.record()?,
                Ok(false) => return Ok(()),
                Err(e) => return self.fail(ImportError::LineTooLong { line: e.line }),
            }
        }
    }

    /// Reads the row at the start of `rest` if it is a plain one, a good row whose line is
    /// whole in `rest` and holds no quote: its fields are read where they lie, with the same
    /// readers as the splitter's fields (which differ only in white space before a field,
    /// which the readers trim). Returns the bytes taken, newline included; `None` leaves the
    /// row to the splitter, which reads, or lists, anything else the same way as before. Most
    /// of a file's rows go this way, at about twice the speed.
    #[inline]
    fn fast_row(&mut self, rest: &[u8]) -> Option<usize> {
        let n = find(rest, b'\n', b'\n')?;
        if n + 1 > MAX_RECORD_BYTES || self.data_rows >= MAX_ROWS {
            return None;
        }
        let line = &rest[..n];
        let o = &self.options;
        let mut fields: [&[u8]; FAST_FIELDS] = [&[]; FAST_FIELDS];
        let mut count = 0;
        let mut at = 0;
        loop {
            let r = &line[at..];
            if count == o.fields {
                return None;
            }
            match find(r, o.delimiter, b'"') {
                Some(k) if r[k] == b'"' => return None,
                Some(k) => {
                    fields[count] = &r[..k];
                    at += k + 1;
                }
                None => {
                    fields[count] = r;
                    count += 1;
                    break;
                }
            }
            count += 1;
        }
        if count != o.fields {
            return None;
        }
        let (class, p) = read_fields(o, |i| fields[i]).ok()?;
        self.data_rows += 1;
        self.splitter.skip_line();
        self.push(class, p);
        Some(n + 1)
    }

    /// Reads the splitter's current record: the header, a row, or a row skipped.
    fn record(&mut self) -> Result<(), ImportError> {
        if self.splitter.is_blank() {
            return Ok(());
        }
        if self.header_pending {
            self.header_pending = false;
            return Ok(());
        }
        self.data_rows += 1;
        if self.data_rows > MAX_ROWS {
            return self.fail(ImportError::TooManyRows { limit: MAX_ROWS });
        }
        match self.read_row() {
            Ok((class, p)) => self.push(class, p),
            Err((fault, column)) => self
                .skipped
                .add(|| row_error(&self.options, &self.splitter, fault, column)),
        }
        Ok(())
    }

    /// The current record's class and probabilities, or its first fault and where.
    fn read_row(&self) -> Result<(Class, [f64; 2]), (Fault, Option<usize>)> {
        let (o, s) = (&self.options, &self.splitter);
        if s.unclosed_quote() {
            return Err((Fault::UnclosedQuote, None));
        }
        if s.len() != o.fields {
            return Err((Fault::Fields, None));
        }
        read_fields(o, |i| s.field(i))
    }

    fn push(&mut self, class: Class, p: [f64; 2]) {
        let i = self.rows as usize;
        if i.is_multiple_of(64) {
            self.positive.push(0);
        }
        if class == Class::Positive {
            self.positive[i / 64] |= 1 << (i % 64);
            self.positives += 1;
        }
        if self.first_label.is_none() {
            self.first_label = Some(text(self.splitter.field(self.options.label)));
        }
        for (scores, p) in self
            .scores
            .iter_mut()
            .zip(p)
            .take(self.options.scores.len())
        {
            scores.push(p);
        }
        self.rows += 1;
    }
}

/// A row's class and probabilities from its fields (`field(i)` is field `i`, as written), or
/// its first fault and where: the splitter's rows and `fast_row`'s are read by this one reader.
#[inline(always)]
fn read_fields<'a>(
    o: &Options,
    field: impl Fn(usize) -> &'a [u8],
) -> Result<(Class, [f64; 2]), (Fault, Option<usize>)> {
    let label = field(o.label);
    let class = match o.labels.class(label) {
        Some(c) if !label.trim_ascii().is_empty() => c,
        _ => return Err((Fault::Label, Some(o.label))),
    };
    let mut p = [0.0; 2];
    for (p, &c) in p.iter_mut().zip(&o.scores) {
        *p = probability(field(c), o.kind, o.decimal_comma())
            .map_err(|bad| (Fault::Score(bad), Some(c)))?;
    }
    Ok((class, p))
}

/// The listed form of a row's fault.
fn row_error(o: &Options, s: &Splitter, fault: Fault, column: Option<usize>) -> RowError {
    let value = column.map(|c| text(s.field(c))).unwrap_or_default();
    let problem = match fault {
        Fault::Fields => RowProblem::Fields {
            found: s.len(),
            expected: o.fields,
        },
        Fault::Label if value.is_empty() => RowProblem::Empty,
        Fault::Label => RowProblem::UnknownLabel {
            value,
            mapping: o.labels.describe(),
        },
        Fault::Score(bad) => RowProblem::score(bad, value),
        Fault::UnclosedQuote => RowProblem::UnclosedQuote,
    };
    RowError {
        line: s.line(),
        column: column.map(|c| o.column(c)),
        problem,
    }
}
