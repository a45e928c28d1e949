//! The import under way: the parser fed the file a chunk at a time (the whole file, or one of
//! two parts), and the rows read becoming the engine's data set and the page's summary.

use super::{ImportJob, ImportSummary, preview};
use crate::features::import::parse::{Options, Parser, PartError, Rows, detect};
use crate::sim::engine::DataSet;

/// An import under way: the whole file, or the first part of it while a second worker reads
/// the rest (`part`), the two joined by `Read::join` or `Joining`.
pub struct Importer {
    id: u32,
    parser: Parser,
}

impl Importer {
    /// Detects the file's layout from its first bytes (`head`, the whole file's length `len`)
    /// with the reader's choices, or says why it cannot be read.
    pub fn start(job: &ImportJob, head: &[u8], len: u64) -> Result<Self, String> {
        let options = Self::options(job, head, len)?;
        // The parser reserves room for the rows detection expects (`Options::expected_rows`):
        // for the whole file, also when a second worker reads its second part, so that the
        // second part's rows join the first's in place.
        let parser = Parser::new(options);
        Ok(Importer { id: job.id, parser })
    }

    /// The importer of the file's bytes from `start` on, which must be where a row starts
    /// (the second worker's part: the same detection on the same first bytes, so the same
    /// choices). Its rows are the ones `finish_part` returns.
    pub fn part(job: &ImportJob, head: &[u8], len: u64, start: u64) -> Result<Self, String> {
        let options = Self::options(job, head, len)?;
        let share = len.saturating_sub(start) as f64 / len.max(1) as f64;
        let expected = (options.expected_rows as f64 * share).ceil() as u64;
        Ok(Importer {
            id: job.id,
            parser: Parser::part(options, expected),
        })
    }

    fn options(job: &ImportJob, head: &[u8], len: u64) -> Result<Options, String> {
        let detected = detect(head, len, &job.overrides).map_err(|e| e.message())?;
        detected.options.map_err(|e| e.message())
    }

    /// Feeds the next chunk.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), String> {
        // More than `parse::MAX_ROWS` rows is one of the parser's errors.
        self.parser.feed(chunk).map_err(|e| e.message())
    }

    /// Bytes fed so far (the progress is the worker's: both workers' bytes over the file's).
    pub fn consumed(&self) -> u64 {
        self.parser.consumed()
    }

    /// Whether what was fed ends where a row starts, outside any quoted field: a second
    /// worker's part that starts here can be joined.
    pub fn at_record_start(&self) -> bool {
        self.parser.at_record_start()
    }

    /// After a part's last chunk: its rows, each class sorted (the second worker sorts its
    /// rows while the first sorts its own), or the error that stopped it (its line counted
    /// from the part's first).
    pub fn finish_part(self) -> Result<Rows, PartError> {
        // An error met while feeding stopped the count where it was.
        let data_rows = self.parser.data_rows();
        let mut rows = self
            .parser
            .finish_rows()
            .map_err(|error| PartError { error, data_rows })?;
        rows.sort();
        Ok(rows)
    }

    /// After the last chunk: the data set for the engine and the summary for the page.
    pub fn finish(self) -> Result<(DataSet, ImportSummary), String> {
        self.rows()?.complete()
    }

    /// After the last chunk (of the first part): the rows read, for `Read::complete` once the
    /// second part, if any, has joined them.
    pub fn rows(self) -> Result<Read, String> {
        let options: Options = self.parser.options().clone();
        let rows = self.parser.finish_rows().map_err(|e| e.message())?;
        Ok(Read {
            id: self.id,
            options,
            rows,
        })
    }
}

/// A file's rows once read (the second part's joined, if a second worker read one), before
/// they become the engine's data set.
pub struct Read {
    id: u32,
    options: Options,
    /// The rows.
    pub rows: Rows,
}

impl Read {
    /// The message of an error that stopped the second part, as one parser would give it.
    pub fn later_error(&self, e: PartError) -> String {
        self.rows.later_error(e).message()
    }

    /// Joins the rest of the file as a part parser read it (or the error that stopped it):
    /// what the first worker does when no second worker could read that part.
    pub fn join(&mut self, later: Result<Rows, PartError>) -> Result<(), String> {
        let later = later.map_err(|e| self.later_error(e))?;
        self.rows.join(later).map_err(|e| e.message())
    }

    /// The data set for the engine and the summary for the page.
    pub fn complete(self) -> Result<(DataSet, ImportSummary), String> {
        let imported = self.rows.imported(self.options).map_err(|e| e.message())?;
        let names: Vec<String> = imported.models.iter().map(|m| m.name.clone()).collect();
        let labels = imported.labels.describe();
        let (kind, skipped) = (imported.kind, imported.skipped.clone());
        let mut models = imported.models.into_iter().map(|m| {
            let (neg, pos) = m.into_classes();
            [neg, pos]
        });
        let a = models.next().ok_or("The file has no score column.")?;
        let b = models.next().unwrap_or_else(|| a.clone());
        let counts = [a[0].len(), a[1].len()].map(|n| n as u32);
        let summary = ImportSummary {
            id: self.id,
            counts,
            names,
            kind,
            labels,
            skipped: skipped.count,
            skipped_text: if skipped.count == 0 {
                String::new()
            } else {
                skipped.summary()
            },
            previews: [&a, &b].map(|m| [preview(&m[0]), preview(&m[1])]),
        };
        Ok((
            DataSet {
                id: self.id,
                models: [a, b],
            },
            summary,
        ))
    }
}
