//! A part's rows on the wire, without their scores: the counts, the skipped rows (each with
//! its line, column and problem) and each class's length.

use super::part::PartRead;
use super::wire::{read_optional_text, read_text, write_optional_text, write_text};
use crate::features::import::parse::{Column, RowError, RowProblem, Rows, Skipped};
use crate::sim::engine::Reader;

/// The rows as numbers, without their scores (each class's length instead).
pub(super) fn write_rows(out: &mut Vec<f64>, read: &PartRead) {
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

pub(super) fn read_rows(v: &[f64]) -> Option<PartRead> {
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
    (listed <= crate::features::import::parse::LISTED_ROWS as u64).then_some(())?;
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
        && rows <= crate::features::import::parse::MAX_ROWS
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
