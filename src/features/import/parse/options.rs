//! How to read a file: what detection found, with the reader's choices on top.

use super::errors::{Column, ImportError};
use super::labels::LabelMap;
use super::scores::ScoreKind;

/// The reader's choices; `None` leaves a choice to detection.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    /// The field delimiter (any byte but `"`, `\r` and `\n`).
    pub delimiter: Option<u8>,
    /// Whether the first line is a header.
    pub header: Option<bool>,
    /// The label column, 0-based.
    pub label: Option<usize>,
    /// The score columns, 0-based: one, or two (models A and B).
    pub scores: Option<Vec<usize>>,
    /// The label value of the positive class; the other value seen is then negative (with more
    /// than two values seen, every other value is).
    pub positive: Option<String>,
    /// Whether the scores are probabilities or logits.
    pub kind: Option<ScoreKind>,
}

/// Everything the parser needs to read a file's rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// The field delimiter.
    pub delimiter: u8,
    /// The header's column names, if the first line is a header.
    pub header: Option<Vec<String>>,
    /// How many fields a row has.
    pub fields: usize,
    /// The label column, 0-based.
    pub label: usize,
    /// The score columns, 0-based: model A's, and model B's if there is one.
    pub scores: Vec<usize>,
    /// Which label values are which class.
    pub labels: LabelMap,
    /// What the scores are.
    pub kind: ScoreKind,
    /// About how many rows the file has (detection's estimate): the parser reserves room for
    /// them up front.
    pub expected_rows: u64,
}

impl Options {
    /// Column `index` as the reader knows it: by its header name, else its number.
    pub fn column(&self, index: usize) -> Column {
        column(self.header.as_deref(), index)
    }

    /// The models' names: their columns' header names, else `column 2` and the like.
    pub fn model_names(&self) -> Vec<String> {
        self.scores
            .iter()
            .map(|&i| match self.column(i).name {
                Some(name) => name,
                None => format!("column {}", i + 1),
            })
            .collect()
    }

    /// Whether a score may be written with a decimal comma: only when commas do not split the
    /// fields.
    pub fn decimal_comma(&self) -> bool {
        self.delimiter != b','
    }
}

/// Column `index` under a header's names (an empty name counts as none).
pub fn column(header: Option<&[String]>, index: usize) -> Column {
    let name = header
        .and_then(|names| names.get(index))
        .filter(|name| !name.is_empty())
        .cloned();
    Column { index, name }
}

/// A delimiter the reader chose, if it can be one.
pub fn check_delimiter(d: u8) -> Result<u8, ImportError> {
    match d {
        b'"' | b'\r' | b'\n' => Err(ImportError::BadChoice(format!(
            "{:?} cannot separate fields: choose a comma, a semicolon or a tab.",
            char::from(d)
        ))),
        _ => Ok(d),
    }
}

/// A column the reader chose, if the file has it.
pub fn check_column(index: usize, fields: usize) -> Result<usize, ImportError> {
    if index < fields {
        Ok(index)
    } else {
        Err(ImportError::BadChoice(format!(
            "There is no column {}: the rows have {fields} fields.",
            index + 1
        )))
    }
}

/// Score columns the reader chose, if they can be: one or two, in the file, apart from the
/// labels and from each other.
pub fn check_scores(
    scores: &[usize],
    label: usize,
    fields: usize,
) -> Result<Vec<usize>, ImportError> {
    let bad = |why: &str| Err(ImportError::BadChoice(why.to_string()));
    if scores.is_empty() || scores.len() > 2 {
        return bad("Choose one or two score columns.");
    }
    for &s in scores {
        check_column(s, fields)?;
    }
    if scores.contains(&label) {
        return bad("The label column cannot also be a score column.");
    }
    if scores.len() == 2 && scores[0] == scores[1] {
        return bad("Choose two different score columns, or one.");
    }
    Ok(scores.to_vec())
}
