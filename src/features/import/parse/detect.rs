//! Detection: a file's layout from its first chunk, for the preview and for the parser.
//!
//! The rules are written out in the module docs (`mod.rs`); each step takes the reader's
//! override when there is one, so the preview and the choices are redone together whenever
//! the reader changes one.

use super::errors::{Column, ImportError};
use super::labels::{Label, LabelMap, VOCABULARIES, is_label_name};
use super::options::{Options, Overrides, check_column, check_delimiter, check_scores, column};
use super::scores::{NotNumber, ScoreKind, number};
use super::sniff;

/// How many data rows the preview shows.
pub const PREVIEW_ROWS: usize = 10;

/// How many distinct values a column summary keeps.
pub const MAX_VALUES: usize = 10;

/// Whether `part` of `all` cells is all but a few: at least 19 in 20.
fn most(part: u64, all: u64) -> bool {
    20 * part >= 19 * all
}

/// Header names that mark a row number or identifier, never a score.
const ID_NAMES: [&str; 6] = ["id", "index", "idx", "row", "#", "unnamed: 0"];

/// What the first rows of one column hold.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnSummary {
    /// The column.
    pub column: Column,
    /// Cells that are not empty.
    pub filled: u64,
    /// Cells that hold numbers (NaN and infinities included: bad scores, but scores).
    pub numbers: u64,
    /// The smallest and the largest of the finite numbers.
    pub range: Option<(f64, f64)>,
    /// How many of those numbers lie outside [0, 1]: no probabilities.
    pub outside_unit: u64,
    /// The first `MAX_VALUES` distinct values, each with how many cells hold it.
    pub values: Vec<(Label, u64)>,
    /// Whether there are more distinct values than `values` lists.
    pub more: bool,
    /// Whether the values count up by one from row to row: row numbers, not scores.
    pub counts_rows: bool,
}

impl ColumnSummary {
    /// Whether most of its cells hold numbers.
    pub fn is_numeric(&self) -> bool {
        self.filled > 0 && 2 * self.numbers > self.filled
    }

    fn add(&mut self, value: &str, decimal_comma: bool, previous: &mut Option<f64>) {
        let parsed = number(value.as_bytes(), decimal_comma);
        let n = parsed.ok();
        self.counts_rows &= matches!((n, *previous), (Some(x), p) if x.fract() == 0.0
            && p.is_none_or(|p| x == p + 1.0));
        *previous = n;
        if value.is_empty() {
            return;
        }
        self.filled += 1;
        self.numbers += u64::from(matches!(parsed, Ok(_) | Err(NotNumber::NotFinite)));
        if let Some(x) = n {
            let (lo, hi) = self.range.unwrap_or((x, x));
            self.range = Some((lo.min(x), hi.max(x)));
            self.outside_unit += u64::from(!(0.0..=1.0).contains(&x));
        }
        let label = Label::new(value);
        match self.values.iter().position(|(v, _)| v.same(&label)) {
            Some(i) => self.values[i].1 += 1,
            None if self.values.len() < MAX_VALUES => self.values.push((label, 1)),
            None => self.more = true,
        }
    }

    /// The known pair of labels that holds all but a few of the cells (`MOST`), if one does:
    /// the few are row errors, not a reason to ask the reader.
    fn vocabulary(&self) -> Option<LabelMap> {
        // Reversed, as `max_by_key` keeps the last of equals: the first pair wins a tie.
        VOCABULARIES
            .iter()
            .rev()
            .map(|&(pos, neg)| LabelMap::pair(pos, neg))
            .map(|map| (self.cells(|v| map.class(v.text.as_bytes()).is_some()), map))
            .filter(|&(fit, _)| fit > 0 && most(fit, self.filled))
            .max_by_key(|&(fit, _)| fit)
            .map(|(_, map)| map)
    }

    /// How many cells hold a value that `keep` keeps.
    fn cells(&self, keep: impl Fn(&Label) -> bool) -> u64 {
        self.values
            .iter()
            .filter(|(v, _)| keep(v))
            .map(|(_, n)| n)
            .sum()
    }
}

/// What detection found in a file's first chunk.
#[derive(Clone, Debug, PartialEq)]
pub struct Detected {
    /// The field delimiter.
    pub delimiter: u8,
    /// The header's column names, if the first line is a header.
    pub header: Option<Vec<String>>,
    /// How many fields a row has.
    pub fields: usize,
    /// The first data rows, each field as text.
    pub preview: Vec<Vec<String>>,
    /// Each column's values in the rows read.
    pub columns: Vec<ColumnSummary>,
    /// How many data rows detection read.
    pub rows: u64,
    /// About how many data rows the whole file has: its length over the first rows' length.
    pub estimated_rows: u64,
    /// How to read the rows, or what the reader must choose first.
    pub options: Result<Options, ImportError>,
}

/// Detects the layout of a file from its first chunk `head` (the whole file if `file_len`
/// bytes fit in it), taking the reader's `overrides` where given. An `Err` means the file is
/// no table at all; a table whose columns need the reader's choices has them in `options`.
pub fn detect(head: &[u8], file_len: u64, overrides: &Overrides) -> Result<Detected, ImportError> {
    let whole = head.len() as u64 >= file_len;
    let text = sniff::text_start(head, whole)?;
    if !whole && !text.contains(&b'\n') {
        // Not one line ends in the chunk: not a table of scores.
        return Err(ImportError::LineTooLong { line: 1 });
    }
    let delimiter = match overrides.delimiter {
        Some(d) => check_delimiter(d)?,
        None => sniff::delimiter(text, whole)?,
    };
    let decimal_comma = delimiter != b',';
    let table = sniff::sample(text, delimiter, whole)?;
    if table.rows.is_empty() {
        return Err(match whole {
            true => ImportError::Empty,
            false => ImportError::LineTooLong { line: 1 },
        });
    }
    let has_header = overrides
        .header
        .unwrap_or_else(|| looks_like_header(&table.rows, decimal_comma));
    let header = has_header.then(|| table.rows[0].1.clone());
    let data = &table.rows[usize::from(has_header)..];
    if data.is_empty() {
        return Err(ImportError::HeaderOnly);
    }
    let fields = header
        .as_ref()
        .map_or_else(|| sniff::usual_width(data).0, Vec::len);
    let ragged = data.iter().all(|(_, r)| r.len() != fields);
    let columns: Vec<ColumnSummary> = (0..fields)
        .map(|c| summarise(column(header.as_deref(), c), data, fields, decimal_comma))
        .collect();
    let rows = data.len() as u64;
    // The file's lines (its length past the BOM over the first lines' length), less the
    // header; all the data rows when the chunk is the whole file and every line was read.
    let bom = (head.len() - text.len()) as u64;
    let estimated_rows = match table.bytes {
        0 => rows,
        bytes if whole && bytes >= text.len() => rows,
        bytes => {
            let lines = (file_len.saturating_sub(bom) as f64 * table.rows.len() as f64
                / bytes as f64)
                .round() as u64;
            lines.saturating_sub(u64::from(has_header)).max(rows)
        }
    };
    let options = match data.first() {
        Some((line, row)) if ragged => Err(ImportError::Ragged {
            line: *line,
            found: row.len(),
            expected: fields,
        }),
        _ => choose(
            overrides,
            delimiter,
            header.clone(),
            &columns,
            (rows, estimated_rows),
        ),
    };
    Ok(Detected {
        delimiter,
        header,
        fields,
        preview: data
            .iter()
            .take(PREVIEW_ROWS)
            .map(|(_, r)| r.clone())
            .collect(),
        columns,
        rows,
        estimated_rows,
        options,
    })
}

/// Whether a field could be a number, NaN and infinities included (so that a first row with
/// a NaN score is not taken for a header).
fn numberish(field: &str, decimal_comma: bool) -> bool {
    matches!(
        number(field.as_bytes(), decimal_comma),
        Ok(_) | Err(NotNumber::NotFinite)
    )
}

/// The first row is a header if one of its fields is not a number where the rows below hold
/// numbers (a score column's name). With no rows below, if a field is neither a number nor a
/// known label word.
fn looks_like_header(rows: &[(u64, Vec<String>)], decimal_comma: bool) -> bool {
    let (first, below) = (&rows[0].1, &rows[1..]);
    let text = |f: &String| !f.is_empty() && !numberish(f, decimal_comma);
    if below.is_empty() {
        let word = |f: &String| {
            VOCABULARIES.iter().any(|(p, n)| {
                Label::new(p).matches(f.as_bytes()) || Label::new(n).matches(f.as_bytes())
            })
        };
        return first.iter().any(|f| text(f) && !word(f));
    }
    first.iter().enumerate().any(|(c, f)| {
        let cells = below
            .iter()
            .filter_map(|(_, r)| r.get(c))
            .filter(|v| !v.is_empty());
        let numbers_below = || {
            let (filled, numbers) = cells.fold((0, 0), |(f, n), v| {
                (f + 1, n + usize::from(numberish(v, decimal_comma)))
            });
            2 * numbers > filled
        };
        text(f) && numbers_below()
    })
}

/// One column's summary over the data rows that have the file's number of fields.
fn summarise(
    column: Column,
    data: &[(u64, Vec<String>)],
    fields: usize,
    decimal_comma: bool,
) -> ColumnSummary {
    let c = column.index;
    let mut s = ColumnSummary {
        column,
        filled: 0,
        numbers: 0,
        range: None,
        outside_unit: 0,
        values: Vec::new(),
        more: false,
        counts_rows: data.len() >= 3,
    };
    let mut previous = None;
    for (_, row) in data.iter().filter(|(_, r)| r.len() == fields) {
        s.add(&row[c], decimal_comma, &mut previous);
    }
    s
}

/// The options: each choice the reader's if made, else detected.
fn choose(
    o: &Overrides,
    delimiter: u8,
    header: Option<Vec<String>>,
    columns: &[ColumnSummary],
    (rows, expected_rows): (u64, u64),
) -> Result<Options, ImportError> {
    let fields = columns.len();
    if fields < 2 {
        return Err(ImportError::OneColumn);
    }
    // No column of numbers: no scores, whichever column holds the labels.
    if o.scores.is_none() && !columns.iter().any(ColumnSummary::is_numeric) {
        return Err(ImportError::NoScoreColumn);
    }
    let label = match o.label {
        Some(c) => check_column(c, fields)?,
        None => pick_label(columns)?,
    };
    let summary = &columns[label];
    let labels = match &o.positive {
        Some(p) => chosen_mapping(p, summary)?,
        None => summary
            .vocabulary()
            .ok_or_else(|| ImportError::LabelValues {
                column: summary.column.clone(),
                values: summary
                    .values
                    .iter()
                    .map(|(v, n)| (v.text.clone(), *n))
                    .collect(),
                more: summary.more,
                rows,
            })?,
    };
    let scores = match &o.scores {
        Some(s) => check_scores(s, label, fields)?,
        None => pick_scores(columns, label)?,
    };
    // Logits when more than a tenth of the scores are no probabilities: a few stray values
    // in a file of probabilities are row errors, not a reason to read it all as logits.
    let (numbers, outside) = scores.iter().fold((0, 0), |(n, out), &s| {
        (n + columns[s].numbers, out + columns[s].outside_unit)
    });
    let kind = o.kind.unwrap_or(match 10 * outside > numbers {
        true => ScoreKind::Logit,
        false => ScoreKind::Probability,
    });
    Ok(Options {
        delimiter,
        header,
        fields,
        label,
        scores,
        labels,
        kind,
        expected_rows,
    })
}

/// The label column: the first whose header names it (`label`, `y`, `target`, `class`, ...),
/// else the first whose values are a known pair (0/1, yes/no, ...), else the first that is not
/// numeric and holds few values (not names or identifiers).
fn pick_label(columns: &[ColumnSummary]) -> Result<usize, ImportError> {
    let named = |s: &ColumnSummary| s.column.name.as_deref().is_some_and(is_label_name);
    let paired = |s: &ColumnSummary| s.vocabulary().is_some();
    let text = |s: &ColumnSummary| s.filled > 0 && !s.is_numeric() && !s.more;
    [named, paired, text]
        .iter()
        .find_map(|rule| columns.iter().position(rule))
        .ok_or(ImportError::NoLabelColumn)
}

/// The score columns: the numeric columns but the label's and row numbers; one or two.
fn pick_scores(columns: &[ColumnSummary], label: usize) -> Result<Vec<usize>, ImportError> {
    let id = |s: &ColumnSummary| {
        s.counts_rows
            || s.column
                .name
                .as_deref()
                .is_some_and(|n| ID_NAMES.iter().any(|id| id.eq_ignore_ascii_case(n)))
    };
    let found: Vec<usize> = (0..columns.len())
        .filter(|&c| c != label && columns[c].is_numeric() && !id(&columns[c]))
        .collect();
    match found.len() {
        0 => Err(ImportError::NoScoreColumn),
        1 | 2 => Ok(found),
        _ => Err(ImportError::TooManyScoreColumns {
            columns: found.iter().map(|&c| columns[c].column.clone()).collect(),
        }),
    }
}

/// The reader's positive value. The negative is the most common other value if it holds all
/// but a few of the other cells (the few are then row errors); else every other value is
/// negative (one class against the rest).
fn chosen_mapping(positive: &str, summary: &ColumnSummary) -> Result<LabelMap, ImportError> {
    if positive.trim().is_empty() {
        return Err(ImportError::BadChoice(
            "Choose a label value for the positive class.".to_string(),
        ));
    }
    let positive = Label::new(positive);
    let others = summary.filled - summary.cells(|v| positive.same(v));
    let negative = summary
        .values
        .iter()
        .rev()
        .filter(|(v, _)| !positive.same(v))
        .max_by_key(|&&(_, n)| n)
        .filter(|&&(_, n)| most(n, others))
        .map(|(v, _)| v.clone());
    Ok(LabelMap { positive, negative })
}
