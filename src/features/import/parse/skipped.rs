//! Rows that cannot be read: each is skipped, and the result says where and why.

use std::fmt::{self, Write};

use super::errors::{Column, count, in_words, quoted};
use super::scores::{BadScore, NotNumber};

/// How many skipped rows a result lists (it counts them all).
pub const LISTED_ROWS: usize = 20;

/// Why one row was skipped.
#[derive(Clone, Debug, PartialEq)]
pub enum RowProblem {
    /// A cell is empty.
    Empty,
    /// A score cell holds text that is no number.
    NotNumber(String),
    /// A score cell holds NaN or an infinity.
    NotFinite(String),
    /// A probability outside [0, 1] (in probability mode).
    OutOfRange(String),
    /// A label the mapping has no class for.
    UnknownLabel {
        /// The value.
        value: String,
        /// The mapping, in words.
        mapping: String,
    },
    /// The row has another number of fields than the file's rows.
    Fields {
        /// Fields in this row.
        found: usize,
        /// Fields a row of this file has.
        expected: usize,
    },
    /// The row starts a quoted field that the file never closes.
    UnclosedQuote,
}

impl RowProblem {
    /// The problem of a bad score cell holding `value`.
    pub fn score(bad: BadScore, value: String) -> Self {
        match bad {
            BadScore::NotNumber(NotNumber::Empty) => RowProblem::Empty,
            BadScore::NotNumber(NotNumber::Text) => RowProblem::NotNumber(value),
            BadScore::NotNumber(NotNumber::NotFinite) => RowProblem::NotFinite(value),
            BadScore::OutOfRange => RowProblem::OutOfRange(value),
        }
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowProblem::Empty => write!(f, "the cell is empty"),
            RowProblem::NotNumber(v) => write!(f, "{} is not a number", quoted(v)),
            RowProblem::NotFinite(v) => write!(f, "{} is not a finite number", quoted(v)),
            RowProblem::OutOfRange(v) => {
                write!(f, "{v} is not a probability (not between 0 and 1)")
            }
            RowProblem::UnknownLabel { value, mapping } => {
                write!(f, "{} is not one of the labels ({mapping})", quoted(value))
            }
            RowProblem::Fields { found, expected } => {
                let found = count(*found as u64, "field");
                write!(f, "{found} where the file's rows have {expected}")
            }
            RowProblem::UnclosedQuote => {
                write!(f, "a quoted field starts in this row and is never closed")
            }
        }
    }
}

/// One skipped row: where, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    /// The line the row starts on (1-based, the header counted).
    pub line: u64,
    /// The cell at fault; `None` when it is the whole row.
    pub column: Option<Column>,
    /// What is wrong.
    pub problem: RowProblem,
}

impl RowError {
    /// The message: `line 7, column "score": "abc" is not a number`.
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// What is wrong, without the line: `, column "score": "abc" is not a number`.
    fn what(&self) -> String {
        match &self.column {
            Some(c) => format!(", {c}: {}", self.problem),
            None => format!(": {}", self.problem),
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}{}", self.line, self.what())
    }
}

/// The rows that were skipped: how many, and the first `LISTED_ROWS` of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Skipped {
    /// Rows skipped in all.
    pub count: u64,
    /// The first of them, in file order.
    pub first: Vec<RowError>,
}

impl Skipped {
    /// Counts a skipped row; builds its error (which may allocate) only while it is listed.
    pub fn add(&mut self, error: impl FnOnce() -> RowError) {
        self.count += 1;
        if self.first.len() < LISTED_ROWS {
            self.first.push(error());
        }
    }

    /// A summary: `3 rows skipped: line 4, ...; lines 9 and 12, ...`. The rows listed with the
    /// same fault (the same column, the same problem and value) share one entry; the hint about
    /// logits is given once.
    pub fn summary(&self) -> String {
        let mut groups: Vec<(String, Vec<u64>)> = Vec::new();
        for e in &self.first {
            let what = e.what();
            match groups.iter_mut().find(|(w, _)| *w == what) {
                Some((_, lines)) => lines.push(e.line),
                None => groups.push((what, vec![e.line])),
            }
        }
        let entries: Vec<String> = groups
            .iter()
            .map(|(what, lines)| {
                let word = if lines.len() == 1 { "line" } else { "lines" };
                let lines: Vec<String> = lines.iter().map(u64::to_string).collect();
                format!("{word} {}{what}", in_words(&lines))
            })
            .collect();
        let mut text = format!(
            "{} skipped: {}",
            count(self.count, "row"),
            entries.join("; ")
        );
        let unlisted = self.count.saturating_sub(self.first.len() as u64);
        if unlisted > 0 {
            let _ = write!(text, "; {} more not listed", count(unlisted, "row"));
        }
        let out_of_range = |e: &RowError| matches!(e.problem, RowProblem::OutOfRange(_));
        if self.first.iter().any(out_of_range) {
            text.push_str("; if the scores are logits, import them as logits");
        }
        text
    }
}
