//! The rows a parser read, before the checks that need the whole file; and joining the rows of
//! two parts of one file, read side by side by two workers, into what one parser reading the
//! whole file would have read.

use crate::sim::generator::sort_scores;

use super::errors::ImportError;
use super::imported::{Imported, ModelScores};
use super::options::Options;
use super::parser::MAX_ROWS;
use super::skipped::{LISTED_ROWS, Skipped};

/// The rows of a file, or of a part of one, read by one parser.
#[derive(Clone, Debug, PartialEq)]
pub struct Rows {
    /// Each model's probabilities by class, `[negatives, positives]`: in file order, or each
    /// class sorted (`sorted`).
    pub classes: Vec<[Vec<f64>; 2]>,
    /// Rows read.
    pub rows: u64,
    /// Of which positive.
    pub positives: u64,
    /// Rows under the header, skipped ones included.
    pub data_rows: u64,
    /// Whether a header line was read (a part after the first reads none).
    pub header_read: bool,
    /// The first row's label, to name the class when it is the only one.
    pub first_label: Option<String>,
    /// The rows skipped, with their lines (counted from the part's first line).
    pub skipped: Skipped,
    /// The line the next record starts on: where a part that follows begins.
    pub next_line: u64,
    /// Whether each class is sorted (as `f64::total_cmp` orders).
    pub sorted: bool,
}

impl Rows {
    /// Sorts each class, as the engine will want it: a part's worker does this for its own
    /// rows while the other worker sorts its own, and `join` then merges.
    pub fn sort(&mut self) {
        if self.sorted {
            return;
        }
        for class in self.classes.iter_mut().flatten() {
            sort_scores(class);
        }
        self.sorted = true;
    }

    /// Appends the rows of the part of the file that starts at `self.next_line` (its own
    /// lines counted from 1), as if one parser had read both: counts add up, its skipped rows
    /// follow with their lines moved, sorted classes are merged (else appended). A file of
    /// more than `MAX_ROWS` rows is refused, as the one parser would refuse it.
    pub fn join(&mut self, mut later: Rows) -> Result<(), ImportError> {
        let classes = std::mem::take(&mut later.classes);
        let merge = self.sorted && later.sorted;
        self.join_counts(later)?;
        for (m, model) in classes.into_iter().enumerate() {
            for (c, scores) in model.into_iter().enumerate() {
                self.add_class(m, c, &scores, merge);
            }
        }
        self.sorted = merge;
        Ok(())
    }

    /// `join` without the scores, which then come one class at a time (`add_class`): the
    /// first worker receives the second's classes one by one and never holds more than one.
    pub fn join_counts(&mut self, later: Rows) -> Result<(), ImportError> {
        let offset = self.next_line - 1;
        self.data_rows += later.data_rows;
        if self.data_rows > MAX_ROWS {
            return Err(ImportError::TooManyRows { limit: MAX_ROWS });
        }
        self.rows += later.rows;
        self.positives += later.positives;
        if self.first_label.is_none() {
            self.first_label = later.first_label;
        }
        self.skipped.count += later.skipped.count;
        let room = LISTED_ROWS.saturating_sub(self.skipped.first.len());
        self.skipped
            .first
            .extend(later.skipped.first.into_iter().take(room).map(|mut e| {
                e.line += offset;
                e
            }));
        self.next_line = later.next_line + offset;
        Ok(())
    }

    /// Adds the later part's scores of one class of one model: merged when both are sorted
    /// (`merge`), else appended.
    pub fn add_class(&mut self, model: usize, class: usize, scores: &[f64], merge: bool) {
        if let Some(mine) = self.classes.get_mut(model).and_then(|m| m.get_mut(class)) {
            if merge {
                merge_sorted(mine, scores);
            } else {
                mine.extend_from_slice(scores);
            }
        }
    }

    /// The file's predictions, or why there are none: no rows, only skipped ones, one class.
    pub fn imported(self, options: Options) -> Result<Imported, ImportError> {
        if self.data_rows == 0 {
            return Err(match self.header_read {
                true => ImportError::HeaderOnly,
                false => ImportError::Empty,
            });
        }
        if self.rows == 0 {
            return Err(ImportError::NoGoodRows(self.skipped));
        }
        if self.positives == 0 || self.positives == self.rows {
            return Err(ImportError::SingleClass {
                label: self.first_label.unwrap_or_default(),
                positive: self.positives > 0,
                rows: self.rows,
            });
        }
        let models = options
            .model_names()
            .into_iter()
            .zip(self.classes)
            .map(|(name, [neg, pos])| ModelScores { name, neg, pos })
            .collect();
        Ok(Imported {
            rows: self.rows,
            models,
            kind: options.kind,
            labels: options.labels,
            skipped: self.skipped,
        })
    }
}

/// What stopped the reading of a part: the error (its line counted from the part's first), and
/// the rows under the header read before it.
#[derive(Clone, Debug, PartialEq)]
pub struct PartError {
    /// The error.
    pub error: ImportError,
    /// Rows read before it, skipped ones included.
    pub data_rows: u64,
}

impl Rows {
    /// The error that stopped the part after these rows, as one parser reading the whole file
    /// would have met it: its line the file's, or too many rows if the file had passed
    /// `MAX_ROWS` before it.
    pub fn later_error(&self, e: PartError) -> ImportError {
        if self.data_rows + e.data_rows > MAX_ROWS {
            return ImportError::TooManyRows { limit: MAX_ROWS };
        }
        e.error.in_file_from(self.next_line)
    }
}

impl ImportError {
    /// The error as the whole file's, for a part whose lines start at `first_line` of it.
    pub fn in_file_from(self, first_line: u64) -> Self {
        match self {
            ImportError::LineTooLong { line } => ImportError::LineTooLong {
                line: line + first_line - 1,
            },
            other => other,
        }
    }
}

/// Merges sorted `b` into sorted `a`, from the back, in `a`'s own memory (it grows by `b`'s
/// length and nothing else is allocated): one pass.
pub fn merge_sorted(a: &mut Vec<f64>, b: &[f64]) {
    let (n, m) = (a.len(), b.len());
    a.resize(n + m, 0.0);
    let (mut i, mut j) = (n, m);
    for k in (0..n + m).rev() {
        // Ties take `b`'s first from the back: `a`'s copies stay in front, as a stable sort
        // of `a` then `b` would leave them (equal bits, so it matters only for clarity).
        if j == 0 {
            break;
        }
        if i > 0 && a[i - 1].total_cmp(&b[j - 1]).is_gt() {
            a[k] = a[i - 1];
            i -= 1;
        } else {
            a[k] = b[j - 1];
            j -= 1;
        }
    }
}
