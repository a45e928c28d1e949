//! A look at a file's first bytes before it is imported: what detection found, with every text
//! the page shows already written, and its form on the wire.

use super::ImportJob;
use super::wire::{
    kind_code, kind_of, read_option, read_optional_text, read_table, read_text, write_option,
    write_optional_text, write_table, write_text,
};
use crate::features::import::parse::{Detected, ImportError, Options, ScoreKind, detect};
use crate::sim::Class;
use crate::sim::engine::Reader;

/// The most columns a file shown before importing may have (the page lists each).
pub const MAX_COLUMNS: usize = 200;

/// What detection found in a file's first bytes, as the page shows it: every text already
/// written, so the page carries none of the parser.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Detection {
    /// The job's number.
    pub id: u32,
    /// Why the file cannot be imported as chosen (`None`: it can).
    pub problem: Option<String>,
    /// The layout in words: rows, delimiter, header.
    pub layout: String,
    /// Which rows the counts shown before importing cover: detection reads only the file's
    /// first `HEAD` bytes.
    pub counted: String,
    /// Each column's name (its header's, else "column 3").
    pub columns: Vec<String>,
    /// The first rows as written.
    pub raw: Vec<Vec<String>>,
    /// The same rows as read: the class, then each model's probability.
    pub read: Vec<Vec<String>>,
    /// The label column.
    pub label: Option<usize>,
    /// The label column's values, each with the rows that hold it (in the first bytes).
    pub values: Vec<(String, u64)>,
    /// The positive class's value.
    pub positive: Option<String>,
    /// The score columns: model A's, and B's.
    pub scores: Vec<usize>,
    /// What the scores are.
    pub kind: Option<ScoreKind>,
}

impl Detection {
    /// Detection on a file's first bytes `head` (of `len` in all) with the reader's choices.
    pub fn of(job: &ImportJob, head: &[u8], len: u64) -> Self {
        let d = match detect(head, len, &job.overrides) {
            Ok(d) => d,
            Err(e) => return Detection::refused(job, e.message()),
        };
        if d.fields > MAX_COLUMNS {
            return Detection::refused(
                job,
                format!(
                    "The file has {} columns; the page reads files of at most {MAX_COLUMNS}: a \
                     label column and one or two score columns.",
                    d.fields
                ),
            );
        }
        let o = d.options.as_ref().ok();
        let label = label_column(&d, job);
        let values: Vec<(String, u64)> = label
            .and_then(|l| d.columns.get(l))
            .map(|c| c.values.iter().map(|(l, n)| (l.text.clone(), *n)).collect())
            .unwrap_or_default();
        let read = o.map_or(Vec::new(), |o| {
            d.preview.iter().map(|r| as_read(o, r)).collect()
        });
        let positive = o.map(|o| positive_value(o, &values));
        Detection {
            id: job.id,
            problem: d.options.as_ref().err().map(ImportError::message),
            layout: layout(&d),
            counted: counted(&d, head.len() as u64, len),
            columns: column_names(&d),
            raw: d.preview.clone(),
            read,
            label,
            values,
            positive,
            scores: o.map_or(Vec::new(), |o| o.scores.clone()),
            kind: o.map(|o| o.kind),
        }
    }

    /// A file that cannot be shown: the reason, and nothing else.
    fn refused(job: &ImportJob, problem: String) -> Self {
        Detection {
            id: job.id,
            problem: Some(problem),
            ..Detection::default()
        }
    }
}

/// Which rows the preview's counts cover: all of them, or the first ones only (detection reads
/// at most the first `HEAD` bytes, `read` of the file's `len`, and counts a sample of their
/// lines).
fn counted(d: &Detected, read: u64, len: u64) -> String {
    use crate::format::grouped;
    if read >= len && d.rows >= d.estimated_rows {
        return format!("The counts below are of all {} rows.", grouped(d.rows));
    }
    format!(
        "The counts below are of the first {} rows only, the ones the page looks at before \
         importing; importing reads every row.",
        grouped(d.rows)
    )
}

/// Each column's name: its header's, else "column 3".
fn column_names(d: &Detected) -> Vec<String> {
    (0..d.fields)
        .map(|i| match d.header.as_ref().and_then(|h| h.get(i)) {
            Some(name) if !name.is_empty() => name.clone(),
            _ => format!("column {}", i + 1),
        })
        .collect()
}

/// The layout in words: rows, delimiter, header.
fn layout(d: &Detected) -> String {
    let delimiter = match d.delimiter {
        b'\t' => "tabs".to_string(),
        b',' => "commas".to_string(),
        b';' => "semicolons".to_string(),
        other => format!("\u{201c}{}\u{201d}", other as char),
    };
    format!(
        "about {} rows, fields separated by {delimiter}, {}",
        crate::format::grouped(d.estimated_rows),
        if d.header.is_some() {
            "a header line"
        } else {
            "no header line"
        }
    )
}

/// The label column, also when the reader must still choose something (its values are the
/// choice): detection's, the reader's, a column named like one, or the first.
fn label_column(d: &Detected, job: &ImportJob) -> Option<usize> {
    let o = d.options.as_ref().ok();
    o.map(|o| o.label).or(job.overrides.label).or_else(|| {
        let named = d.header.as_ref().and_then(|h| {
            h.iter()
                .position(|n| crate::features::import::parse::labels::is_label_name(n))
        });
        Some(named.unwrap_or(0))
    })
}

/// The positive class's value as the file spells it (the mapping may hold the vocabulary's
/// spelling, `true` for `True`), so that the page's choice shows it.
fn positive_value(o: &Options, values: &[(String, u64)]) -> String {
    let is_positive = |v: &str| o.labels.class(v.as_bytes()) == Some(Class::Positive);
    values
        .iter()
        .find(|(v, _)| is_positive(v))
        .map_or_else(|| o.labels.positive.text.clone(), |(v, _)| v.clone())
}

/// A first row as the page reads it: the class, then each model's probability.
fn as_read(o: &Options, row: &[String]) -> Vec<String> {
    let field = |c: usize| row.get(c).map_or(&b""[..], |f| f.as_bytes());
    let mut out = vec![match o.labels.class(field(o.label)) {
        Some(Class::Positive) => "positive".to_string(),
        Some(Class::Negative) => "negative".to_string(),
        None => "skipped: not a label".to_string(),
    }];
    for &c in &o.scores {
        out.push(
            match crate::features::import::parse::scores::probability(
                field(c),
                o.kind,
                o.decimal_comma(),
            ) {
                Ok(p) => crate::format::significant(p, 6),
                Err(_) => "skipped: not a score".to_string(),
            },
        );
    }
    out
}

impl Detection {
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        out.push(f64::from(self.id));
        write_optional_text(out, self.problem.as_deref());
        write_text(out, &self.layout);
        write_text(out, &self.counted);
        write_table(out, std::slice::from_ref(&self.columns));
        write_table(out, &self.raw);
        write_table(out, &self.read);
        write_option(out, self.label.map(|l| l as u64));
        out.push(self.values.len() as f64);
        for (v, n) in &self.values {
            write_text(out, v);
            out.push(*n as f64);
        }
        write_optional_text(out, self.positive.as_deref());
        out.push(self.scores.len() as f64);
        out.extend(self.scores.iter().map(|&c| c as f64));
        write_option(out, self.kind.map(|k| kind_code(k) as u64));
    }

    pub(crate) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let id = r.count()?;
        let problem = read_optional_text(&mut r)?;
        let layout = read_text(&mut r)?;
        let counted = read_text(&mut r)?;
        let columns = read_table(&mut r)?.into_iter().next()?;
        let raw = read_table(&mut r)?;
        let read = read_table(&mut r)?;
        let label = read_option(&mut r)?.map(|l| l as usize);
        let n = r.whole()?;
        (n <= 1_000).then_some(())?;
        let values = (0..n)
            .map(|_| Some((read_text(&mut r)?, r.whole()?)))
            .collect::<Option<Vec<_>>>()?;
        let positive = read_optional_text(&mut r)?;
        let k = r.whole()?;
        (k <= 2).then_some(())?;
        let scores = (0..k)
            .map(|_| r.whole().map(|c| c as usize))
            .collect::<Option<Vec<_>>>()?;
        let kind = match read_option(&mut r)? {
            None => None,
            Some(k) => Some(kind_of(k)?),
        };
        r.end(Detection {
            id,
            problem,
            layout,
            counted,
            columns,
            raw,
            read,
            label,
            values,
            positive,
            scores,
            kind,
        })
    }
}
