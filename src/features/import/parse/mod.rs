//! Importing a reader's own predictions (SPEC section 7): a CSV or TSV file of labels and one
//! or two columns of scores, read into per-class probabilities for the engine.
//!
//! Two steps, both pure (no web types), so the browser's worker and the native tests run the
//! same code:
//!
//! 1. `detect(head, file_len, &overrides)` looks at the file's first chunk and returns what it
//!    found (`Detected`: the delimiter, the header, a preview of the first rows, a summary of
//!    each column) and the `Options` to read the rows with, or the choice the reader must make.
//!    The reader's `Overrides` replace any detected choice; detection runs again with them.
//! 2. `Parser::new(options)` is fed the whole file chunk by chunk (`feed`), in any sizes, and
//!    `finish` returns the `Imported` scores or a file-level `ImportError`. Rows that cannot be
//!    read are skipped and listed (`Skipped`); no NaN or infinity is ever imported.
//!
//! `parse_all` does both for bytes in memory.
//!
//! # Format
//! RFC 4180 fields: `"` quotes a field, `""` is a quote inside one, and a quoted field may
//! hold delimiters and newlines. UTF-8 with or without a byte order mark; lines end with `\n`
//! or `\r\n`; blank lines are passed over; white space around a field is ignored. Lines are
//! counted from 1 as a text editor counts them, header included.
//!
//! # Detection rules (each one overridable)
//! - **Not a table**: a file that is empty, holds a zero byte, is not UTF-8, starts with a
//!   UTF-16 byte order mark, a zip or OLE signature (a spreadsheet workbook), `{` or `[` (JSON)
//!   or `<` (HTML, XML), or ends its lines with `\r` alone, is rejected with its own message.
//! - **Delimiter**: of tab, `;` and `,`, the one that splits the most of the first 200 lines
//!   into the same number (two or more) of fields; ties go to tab, then `;` (a `,` is often the
//!   decimal mark in files split by `;`).
//! - **Header**: the first line is a header if one of its fields is not a number in a column
//!   where most of the lines below hold numbers (a score column's name). A file of one line is
//!   a header if a field is neither a number nor a known label word.
//! - **Fields**: a row has as many fields as the header, else as most of the first rows; a row
//!   with another number is skipped (and if no row read fits the header, the file is refused).
//! - **Label column**: the first whose header name is `label`, `y`, `target`, `class`, `truth`
//!   or the like; else the first whose values are one of the known pairs, positive first:
//!   `1/0`, `1/-1`, `true/false`, `yes/no`, `pos/neg`, `positive/negative` (text in any case,
//!   numbers in any spelling: `1.0`, `+1`); else the first column that is not numeric and
//!   holds at most ten values.
//! - **Label mapping**: the known pair that holds all but a few (at least 19 in 20) of the
//!   column's cells; the few others are row errors. Else (other values, or a third value in
//!   more than a few rows) the reader is asked which value is positive, told the values seen
//!   and how many rows hold each. With a chosen positive value, the most common other value is
//!   negative if it holds all but a few of the other cells; else every other value is (one
//!   class against the rest, as "is it a 0" on digits).
//! - **Score columns**: the numeric columns (most cells numbers, NaN included) other than the
//!   label column and row numbers (values counting up by one, or a header `id`, `index`, ...):
//!   one or two, model A then model B, named by their header names (else `column 2` and the
//!   like).
//! - **Score kind**: logits if more than a tenth of the scores in the first chunk lie outside
//!   [0, 1], else probabilities (a few stray values are row errors, and say how to switch). A
//!   logit `z` becomes `1 / (1 + e^-z)` (scipy's `expit`); in probability mode a value outside
//!   [0, 1] is a row error.
//! - **Numbers**: Rust's `f64` parser (shortest round-trip spellings read back bit for bit);
//!   NaN, infinities and empty cells are row errors. In files split by `;` or tabs, `0,25` (one
//!   comma, no point) reads as 0.25, as spreadsheets write it where the comma is the decimal
//!   mark.
//!
//! Detection reads at most the first 2,000 lines of the chunk it is given (64 KiB is plenty).
//!
//! # After the last row
//! A file whose rows are all of one class, or none of whose rows could be read, is refused; so
//! is one of more than `MAX_ROWS` rows (as soon as the parser reaches it).
//!
//! # Cost
//! The parser scans bytes eight at a time and allocates nothing per row; each model keeps one
//! `f64` a row (split by class at the end) and each row one bit for its class, in vectors
//! reserved up front for the rows detection expects. 10,000,000 rows of two models take about
//! 173 MiB in the browser; 1,000,000 rows parse in about a quarter of a second there
//! (`benches/import.rs` times them natively).

pub mod detect;
pub mod errors;
pub mod fields;
pub mod imported;
pub mod labels;
pub mod options;
pub mod parser;
pub mod rows;
pub mod scores;
pub mod skipped;
pub mod sniff;

pub use detect::{ColumnSummary, Detected, PREVIEW_ROWS, detect};
pub use errors::{Column, ImportError};
pub use imported::{Imported, ModelScores};
pub use labels::{Label, LabelMap};
pub use options::{Options, Overrides};
pub use parser::{MAX_ROWS, Parser};
pub use rows::{PartError, Rows};
pub use scores::{ScoreKind, sigmoid};
pub use skipped::{LISTED_ROWS, RowError, RowProblem, Skipped};

/// How much of a file detection reads: enough for 2,000 lines of a few scores.
pub const HEAD_BYTES: usize = 64 * 1024;

/// Detects and parses a whole file in memory, in one chunk (for tests and small files).
pub fn parse_all(bytes: &[u8], overrides: &Overrides) -> Result<Imported, ImportError> {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    let options = detect(head, bytes.len() as u64, overrides)?.options?;
    let mut parser = Parser::new(options);
    parser.feed(bytes)?;
    parser.finish()
}
