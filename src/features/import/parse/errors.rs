//! What can go wrong with a file, in plain sentences that say what and where.
//!
//! A file-level `ImportError` means nothing was imported (the page keeps its current view); a
//! `RowError` (`skipped.rs`) means one row was skipped and the rest imported. Lines are 1-based
//! and count the header line, as a text editor shows them; a column is named by its header,
//! else its 1-based number.

use std::fmt;

use crate::format::grouped;

use super::skipped::Skipped;

/// A column as the reader knows it: its header name, else its number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// 0-based index.
    pub index: usize,
    /// The header's name for it, if the file has a header and the name is not empty.
    pub name: Option<String>,
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) => write!(f, "column {}", quoted(name)),
            None => write!(f, "column {}", self.index + 1),
        }
    }
}

/// A value in double quotes, control characters escaped, cut short if long.
pub fn quoted(value: &str) -> String {
    const LONG: usize = 40;
    match value.char_indices().nth(LONG) {
        Some((cut, _)) => format!("{:?}…", &value[..cut]),
        None => format!("{value:?}"),
    }
}

/// Why a file cannot be imported at all.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// No bytes, or nothing but white space.
    Empty,
    /// A header line and no rows under it.
    HeaderOnly,
    /// A zero byte: not a text file.
    Binary {
        /// Where the first zero byte is (0-based byte offset).
        offset: u64,
    },
    /// Bytes that are not UTF-8.
    NotUtf8 {
        /// The line they are on.
        line: u64,
    },
    /// A UTF-16 byte order mark.
    Utf16,
    /// A JSON document.
    Json,
    /// A spreadsheet (xlsx, a zip archive; or an old xls).
    Spreadsheet,
    /// HTML or XML.
    Markup,
    /// Lines end with a carriage return alone (classic Mac OS).
    CarriageReturns,
    /// Every line is one field: no delimiter found.
    OneColumn,
    /// No column holds labels.
    NoLabelColumn,
    /// No column besides the labels holds numbers.
    NoScoreColumn,
    /// More than two columns could hold scores.
    TooManyScoreColumns {
        /// The candidates.
        columns: Vec<Column>,
    },
    /// The label column's values are not a known pair: the reader must say which is positive.
    LabelValues {
        /// The label column.
        column: Column,
        /// Each value seen in the first rows, with how many rows hold it (the first few).
        values: Vec<(String, u64)>,
        /// Whether there are more values than `values` lists.
        more: bool,
        /// How many rows were looked at.
        rows: u64,
    },
    /// No row read has as many fields as the header.
    Ragged {
        /// The first row's line.
        line: u64,
        /// Its number of fields.
        found: usize,
        /// The header's.
        expected: usize,
    },
    /// A choice the reader made does not fit the file.
    BadChoice(String),
    /// A record longer than `MAX_RECORD_BYTES`, or than the whole chunk detection reads.
    LineTooLong {
        /// The line it starts on.
        line: u64,
    },
    /// More rows than the app takes.
    TooManyRows {
        /// The limit.
        limit: u64,
    },
    /// Every row that was read is of one class.
    SingleClass {
        /// The label they share.
        label: String,
        /// Which class it is.
        positive: bool,
        /// How many rows.
        rows: u64,
    },
    /// Every row was skipped.
    NoGoodRows(Skipped),
}

impl ImportError {
    /// The message a reader sees.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// What the app imports, said after what a file is instead.
const TABLE: &str = "import a CSV or TSV file with a label column and one or two score columns";

// The messages that take nothing from the file.
const EMPTY: &str = "The file is empty.";
const HEADER_ONLY: &str = "The file has a header line and no rows under it.";
const UTF16: &str = "The file is UTF-16 text: save it as UTF-8 and import it again.";
const SPREADSHEET: &str =
    "The file is a spreadsheet workbook, not CSV: save the sheet as CSV and import that.";
const CARRIAGE_RETURNS: &str = "The file's lines end with a carriage return alone (classic Mac \
                                OS): save it with Windows or Unix line ends.";
const ONE_COLUMN: &str = "Every line holds a single field: the file needs a label column and \
                          one or two score columns, separated by commas, semicolons or tabs.";
const NO_LABEL_COLUMN: &str = "No column holds labels: a label column holds two values such as \
                               0/1, -1/1, true/false, yes/no or pos/neg. Choose the label column.";
const NO_SCORE_COLUMN: &str = "No column besides the labels holds numbers: the file needs one or \
                               two columns of scores (probabilities or logits).";

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => f.write_str(EMPTY),
            ImportError::HeaderOnly => f.write_str(HEADER_ONLY),
            ImportError::Binary { offset } => write!(
                f,
                "The file holds binary data (a zero byte at byte {}), not text: {TABLE}.",
                grouped(offset + 1)
            ),
            ImportError::NotUtf8 { line } => write!(
                f,
                "Line {line} is not UTF-8 text: save the file as UTF-8 (\"CSV UTF-8\" in a \
                 spreadsheet) and import it again."
            ),
            ImportError::Utf16 => f.write_str(UTF16),
            ImportError::Json => write!(f, "The file is JSON, not a table: {TABLE}."),
            ImportError::Spreadsheet => f.write_str(SPREADSHEET),
            ImportError::Markup => write!(f, "The file is HTML or XML, not a table: {TABLE}."),
            ImportError::CarriageReturns => f.write_str(CARRIAGE_RETURNS),
            ImportError::OneColumn => f.write_str(ONE_COLUMN),
            ImportError::NoLabelColumn => f.write_str(NO_LABEL_COLUMN),
            ImportError::NoScoreColumn => f.write_str(NO_SCORE_COLUMN),
            ImportError::TooManyScoreColumns { columns } => {
                let names: Vec<String> = columns.iter().map(Column::to_string).collect();
                let n = columns.len();
                write!(
                    f,
                    "{n} columns could hold scores ({}): choose one or two.",
                    names.join(", ")
                )
            }
            ImportError::LabelValues {
                column,
                values,
                more,
                rows,
            } => label_values(f, column, values, *more, *rows),
            ImportError::Ragged {
                line,
                found,
                expected,
            } => write!(
                f,
                "Line {line} has {} where the header has {expected}, and no row read has \
                 {expected}: check the delimiter and the header.",
                count(*found as u64, "field")
            ),
            ImportError::BadChoice(why) => write!(f, "{why}"),
            ImportError::LineTooLong { line } => write!(
                f,
                "Line {line} starts a row far too long for a row of scores: a quote left open, \
                 or not a table."
            ),
            ImportError::TooManyRows { limit } => write!(
                f,
                "The file has more than {} rows, the most the app takes.",
                grouped(*limit)
            ),
            ImportError::SingleClass {
                label,
                positive,
                rows,
            } => write!(
                f,
                "Every row read ({}) has the label {} ({}): the metrics need both classes.",
                count(*rows, "row"),
                quoted(label),
                if *positive { "positive" } else { "negative" }
            ),
            ImportError::NoGoodRows(skipped) => {
                let summary = skipped.summary();
                write!(f, "No row of the file could be read ({summary}).")
            }
        }
    }
}

/// The label column's values are no known pair: what they are, and what to do.
fn label_values(
    f: &mut fmt::Formatter<'_>,
    column: &Column,
    values: &[(String, u64)],
    more: bool,
    rows: u64,
) -> fmt::Result {
    let listed: Vec<String> = values
        .iter()
        .map(|(v, n)| format!("{} ({})", quoted(v), count(*n, "row")))
        .collect();
    let column = capitalised(&column.to_string());
    let first = format!("in the first {}", count(rows, "row"));
    match (&listed[..], more) {
        ([], _) => write!(f, "{column} is empty {first}")?,
        ([one], false) => write!(f, "{column} holds only {one} {first}")?,
        ([a, b], false) => write!(
            f,
            "{column} holds {a} and {b}, which are not a known pair of labels"
        )?,
        (all, more) => {
            let (n, etc) = match more {
                true => (format!("more than {}", all.len()), ", …"),
                false => (all.len().to_string(), ""),
            };
            let (last, rest) = all.split_last().expect("two or more");
            let list = match etc {
                "" => in_words(all),
                _ => format!("{}, {last}{etc}", rest.join(", ")),
            };
            write!(
                f,
                "{column} holds {n} values {first}: {list}; a label column holds two"
            )?
        }
    }
    write!(
        f,
        ": choose which value is positive (every other value then counts as negative)."
    )
}

/// `3 rows`, `1 row`, with thousands separators.
pub fn count(n: u64, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {what}{s}", grouped(n))
}

/// A list in words: `a`, `a and b`, `a, b and c`.
pub fn in_words(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
    }
}

/// `column 2` -> `Column 2`, to start a sentence.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|first| first.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl std::error::Error for ImportError {}
