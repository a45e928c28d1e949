//! Importing a reader's predictions (SPEC section 7) where the numbers are, in the worker: the
//! file is read a chunk at a time, fed to the parser, and handed to the engine as a data set;
//! the page gets a summary with a preview of each class, the same kind of preview its synthetic
//! classes have. (The parser is in the worker's module only: without a worker, no import.)

use crate::import::{ImportError, Options, Overrides, Parser, PartError, Rows, ScoreKind, detect};
use crate::sim::ClassScores;
use crate::sim::engine::{DataSet, PREVIEW, Reader};

/// Bytes read from the file at a time; progress is reported after each.
pub const CHUNK: u64 = 4 << 20;
/// The bytes detection looks at.
pub const HEAD: u64 = 64 << 10;

/// What to do with a file: look at its first bytes (`detect`), or import it all. The file
/// travels beside the message.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportJob {
    /// The number the answer carries (and requests name the data set by; never 0, the
    /// synthetic scenario's).
    pub id: u32,
    /// Only detect: the page shows what was found before anything is imported.
    pub detect: bool,
    /// The reader's choices on top of detection.
    pub overrides: Overrides,
    /// The page's gamma and threshold: once the file is in, the worker computes its exact
    /// numbers for them while the page shows the preview, so the page's request finds them
    /// ready.
    pub settings: [f64; 2],
}

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
            Err(e) => {
                return Detection {
                    id: job.id,
                    problem: Some(e.message()),
                    ..Detection::default()
                };
            }
        };
        if d.fields > MAX_COLUMNS {
            return Detection {
                id: job.id,
                problem: Some(format!(
                    "The file has {} columns; the page reads files of at most {MAX_COLUMNS}: a \
                     label column and one or two score columns.",
                    d.fields
                )),
                ..Detection::default()
            };
        }
        let columns: Vec<String> = (0..d.fields)
            .map(|i| match d.header.as_ref().and_then(|h| h.get(i)) {
                Some(name) if !name.is_empty() => name.clone(),
                _ => format!("column {}", i + 1),
            })
            .collect();
        let delimiter = match d.delimiter {
            b'\t' => "tabs".to_string(),
            b',' => "commas".to_string(),
            b';' => "semicolons".to_string(),
            other => format!("\u{201c}{}\u{201d}", other as char),
        };
        let layout = format!(
            "about {} rows, fields separated by {delimiter}, {}",
            crate::format::grouped(d.estimated_rows),
            if d.header.is_some() {
                "a header line"
            } else {
                "no header line"
            }
        );
        let o = d.options.as_ref().ok();
        // The label column, also when the reader must still choose something (its values are
        // the choice): detection's, the reader's, a column named like one, or the first.
        let label = o.map(|o| o.label).or(job.overrides.label).or_else(|| {
            let named = d.header.as_ref().and_then(|h| {
                h.iter()
                    .position(|n| crate::import::labels::is_label_name(n))
            });
            Some(named.unwrap_or(0))
        });
        let values: Vec<(String, u64)> = label
            .and_then(|l| d.columns.get(l))
            .map(|c| c.values.iter().map(|(l, n)| (l.text.clone(), *n)).collect())
            .unwrap_or_default();
        let read = o.map_or(Vec::new(), |o| {
            d.preview.iter().map(|r| as_read(o, r)).collect()
        });
        // As the file spells it (the mapping may hold the vocabulary's spelling, `true` for
        // `True`), so that the page's choice shows it.
        let positive = o.map(|o| {
            let is_positive =
                |v: &str| o.labels.class(v.as_bytes()) == Some(crate::sim::Class::Positive);
            values
                .iter()
                .find(|(v, _)| is_positive(v))
                .map_or_else(|| o.labels.positive.text.clone(), |(v, _)| v.clone())
        });
        Detection {
            id: job.id,
            problem: d.options.as_ref().err().map(ImportError::message),
            layout,
            columns,
            raw: d.preview.clone(),
            read,
            label,
            values,
            positive,
            scores: o.map_or(Vec::new(), |o| o.scores.clone()),
            kind: o.map(|o| o.kind),
        }
    }
}

/// A first row as the page reads it: the class, then each model's probability.
fn as_read(o: &crate::import::Options, row: &[String]) -> Vec<String> {
    let field = |c: usize| row.get(c).map_or(&b""[..], |f| f.as_bytes());
    let mut out = vec![match o.labels.class(field(o.label)) {
        Some(crate::sim::Class::Positive) => "positive".to_string(),
        Some(crate::sim::Class::Negative) => "negative".to_string(),
        None => "skipped: not a label".to_string(),
    }];
    for &c in &o.scores {
        out.push(
            match crate::import::scores::probability(field(c), o.kind, o.decimal_comma()) {
                Ok(p) => crate::format::significant(p, 6),
                Err(_) => "skipped: not a score".to_string(),
            },
        );
    }
    out
}

/// What the page learns of an imported file: its counts, names and kinds, the rows skipped, and
/// each model's classes as previews (all of a class up to `PREVIEW` scores, else `PREVIEW`
/// evenly spaced quantiles of it).
#[derive(Clone, Debug, PartialEq)]
pub struct ImportSummary {
    /// The data set's number.
    pub id: u32,
    /// Negatives and positives imported.
    pub counts: [u32; 2],
    /// The models' names (one or two).
    pub names: Vec<String>,
    /// What the score columns held.
    pub kind: ScoreKind,
    /// Which label value is positive, and which negative, in words.
    pub labels: String,
    /// Rows skipped.
    pub skipped: u64,
    /// The skipped rows in words (the first of them with line and column), or empty.
    pub skipped_text: String,
    /// `[model][class]` sorted previews; model B repeats model A's with one score column.
    pub previews: [[Vec<f64>; 2]; 2],
}

impl ImportSummary {
    /// The request the page will make for this data set at these settings (gamma, threshold):
    /// the file's counts, none of the generator's settings (as `ui::derived` builds it).
    pub fn expected_request(&self, [gamma, threshold]: [f64; 2]) -> crate::sim::engine::Request {
        let scenario = crate::sim::Scenario {
            neg: self.counts[0],
            pos: self.counts[1],
            acc0: 0.5,
            acc1: 0.5,
            seed: 0,
            gamma,
            threshold,
            ..crate::sim::Scenario::default()
        };
        crate::sim::engine::Request {
            data: self.id,
            ..crate::sim::engine::Request::synthetic(scenario, [0.5, 0.5])
        }
    }

    /// Rows imported.
    pub fn rows(&self) -> u64 {
        u64::from(self.counts[0]) + u64::from(self.counts[1])
    }

    /// Whether the file has a second score column (a model B of its own).
    pub fn two_models(&self) -> bool {
        self.names.len() > 1
    }
}

/// `PREVIEW` evenly spaced quantiles of a sorted class (all of it when it is that small).
pub fn preview(scores: &ClassScores) -> Vec<f64> {
    let n = scores.len();
    let m = n.min(PREVIEW as usize);
    // In u64: in the worker `usize` is 32 bits, and (2i + 1) n overflows it past 65,536 rows.
    let (n64, m64) = (n as u64, m as u64);
    (0..m64)
        .map(|i| scores.get((((2 * i + 1) * n64) / (2 * m64)) as usize))
        .collect()
}

/// An import under way: the whole file, or the first part of it while a second worker reads
/// the rest (`part`), the two joined by `Read::join` or `part::Joining`.
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
        // More than `import::MAX_ROWS` rows is one of the parser's errors.
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

/// Imports a whole file held in memory, in the worker's chunks (the native tests' way in).
pub fn import_bytes(job: &ImportJob, bytes: &[u8]) -> Result<(DataSet, ImportSummary), String> {
    let head = &bytes[..bytes.len().min(HEAD as usize)];
    let mut importer = Importer::start(job, head, bytes.len() as u64)?;
    for chunk in bytes.chunks(CHUNK as usize) {
        importer.feed(chunk)?;
    }
    importer.finish()
}

/// What the second worker does in `import_bytes_in_parts`.
#[derive(Clone, Copy, Debug)]
pub enum Second {
    /// It reads its part and sends its scores in slices of this many.
    Sends(usize),
    /// It is lost before it says anything: the first worker reads the part itself.
    Lost,
}

/// Imports a whole file held in memory as the worker does when a second worker reads the
/// file from byte `split` on (the native tests' way in), their messages on the wire: the
/// first part up to `split`, then, if a row starts there, the second part on its own, sorted
/// and joined; else the first part reads on to the end, as the worker does when the split
/// falls inside a quoted field.
pub fn import_bytes_in_parts(
    job: &ImportJob,
    bytes: &[u8],
    split: usize,
    second: Second,
) -> Result<(DataSet, ImportSummary), String> {
    use super::part::{FromPart, Joining};
    let head = &bytes[..bytes.len().min(HEAD as usize)];
    let len = bytes.len() as u64;
    let split = split.min(bytes.len());
    let mut first = Importer::start(job, head, len)?;
    for chunk in bytes[..split].chunks(CHUNK as usize) {
        first.feed(chunk)?;
    }
    if !first.at_record_start() {
        for chunk in bytes[split..].chunks(CHUNK as usize) {
            first.feed(chunk)?;
        }
        return first.finish();
    }
    let mut read = first.rows()?;
    // The second worker (or the first, if the second is lost).
    let mut later = Importer::part(job, head, len, split as u64)?;
    for chunk in bytes[split..].chunks(CHUNK as usize) {
        // A part's error is kept by its parser and returned by `finish_part`, line and all.
        if later.feed(chunk).is_err() {
            break;
        }
    }
    let slice = match second {
        Second::Sends(slice) => slice,
        Second::Lost => {
            read.join(later.finish_part())?;
            return read.complete();
        }
    };
    let (said, scores) = FromPart::read(later.finish_part());
    // The first worker, hearing it.
    let Some(FromPart::Read(heard)) = FromPart::decode(&said.encode()) else {
        return Err("The second worker's answer was lost.".into());
    };
    let part = heard.map_err(|e| read.later_error(e))?;
    let mut joining = Joining::new(read, part)?;
    for (m, c, class) in scores {
        for piece in class.chunks(slice.max(1)) {
            joining.receive(m, c, piece.len(), |to| to.copy_from_slice(piece))?;
        }
    }
    joining.complete()
}

/// Where a second worker may start reading a file of `len` bytes: just after the first newline
/// in `around`, the bytes from `mid` on. `None` when there is none (a line longer than the
/// bytes looked at) or it is the file's end. Whether a row really starts there (not inside a
/// quoted field) is only known once the first part is read: `Importer::at_record_start`.
pub fn split_point(around: &[u8], mid: u64, len: u64) -> Option<u64> {
    let newline = around.iter().position(|&b| b == b'\n')? as u64;
    let split = mid + newline + 1;
    (split < len).then_some(split)
}

/// The most columns a file shown before importing may have (the page lists each).
pub const MAX_COLUMNS: usize = 200;

/// Text fields on the wire: joined by the unit separator, which no name or message holds.
const SEPARATOR: char = '\u{1f}';

pub(super) fn write_text(out: &mut Vec<f64>, text: &str) {
    out.push(text.len() as f64);
    out.extend(text.bytes().map(f64::from));
}

pub(super) fn read_text(r: &mut Reader) -> Option<String> {
    let n = r.whole()? as usize;
    let bytes = (0..n)
        .map(|_| r.whole().and_then(|b| u8::try_from(b).ok()))
        .collect::<Option<Vec<u8>>>()?;
    String::from_utf8(bytes).ok()
}

/// An optional text: 0, or 1 and the text.
pub(super) fn write_optional_text(out: &mut Vec<f64>, text: Option<&str>) {
    match text {
        None => out.push(0.0),
        Some(t) => {
            out.push(1.0);
            write_text(out, t);
        }
    }
}

pub(super) fn read_optional_text(r: &mut Reader) -> Option<Option<String>> {
    match r.whole()? {
        0 => Some(None),
        1 => read_text(r).map(Some),
        _ => None,
    }
}

fn kind_code(kind: ScoreKind) -> f64 {
    match kind {
        ScoreKind::Probability => 0.0,
        ScoreKind::Logit => 1.0,
    }
}

fn kind_of(code: u64) -> Option<ScoreKind> {
    match code {
        0 => Some(ScoreKind::Probability),
        1 => Some(ScoreKind::Logit),
        _ => None,
    }
}

/// An optional small number: 0 for none, else the value + 1.
fn write_option(out: &mut Vec<f64>, v: Option<u64>) {
    out.push(v.map_or(0.0, |v| v as f64 + 1.0));
}

fn read_option(r: &mut Reader) -> Option<Option<u64>> {
    let v = r.whole()?;
    Some(v.checked_sub(1))
}

impl ImportJob {
    pub(super) fn write(&self, out: &mut Vec<f64>) {
        let o = &self.overrides;
        out.push(f64::from(self.id));
        out.push(f64::from(u8::from(self.detect)));
        out.extend(self.settings);
        write_option(out, o.delimiter.map(u64::from));
        write_option(out, o.header.map(u64::from));
        write_option(out, o.label.map(|l| l as u64));
        write_option(out, o.kind.map(|k| kind_code(k) as u64));
        match &o.scores {
            None => out.push(0.0),
            Some(s) => {
                out.push(s.len() as f64 + 1.0);
                out.extend(s.iter().map(|&c| c as f64));
            }
        }
        write_optional_text(out, o.positive.as_deref());
    }

    pub(super) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let id = r.count()?;
        let detect = match r.whole()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let settings = [r.real()?, r.real()?];
        let delimiter = read_option(&mut r)?.map(u8::try_from).transpose().ok()?;
        let header = read_option(&mut r)?.map(|h| h == 1);
        let label = read_option(&mut r)?.map(|l| l as usize);
        let kind = match read_option(&mut r)? {
            None => None,
            Some(k) => Some(kind_of(k)?),
        };
        let scores = match r.whole()? {
            0 => None,
            n if n <= 3 => Some(
                (1..n)
                    .map(|_| r.whole().map(|c| c as usize))
                    .collect::<Option<Vec<_>>>()?,
            ),
            _ => return None,
        };
        let positive = read_optional_text(&mut r)?;
        let job = ImportJob {
            id,
            detect,
            settings,
            overrides: Overrides {
                delimiter,
                header,
                label,
                scores,
                positive,
                kind,
            },
        };
        r.end(job)
    }
}

impl ImportSummary {
    pub(super) fn write(&self, out: &mut Vec<f64>) {
        out.extend([
            f64::from(self.id),
            f64::from(self.counts[0]),
            f64::from(self.counts[1]),
            kind_code(self.kind),
            self.skipped as f64,
        ]);
        let sep = SEPARATOR.to_string();
        write_text(out, &self.names.join(&sep));
        write_text(out, &self.labels);
        write_text(out, &self.skipped_text);
        for class in self.previews.iter().flatten() {
            out.push(class.len() as f64);
            out.extend(class);
        }
    }

    pub(super) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let id = r.count()?;
        let counts = [r.count()?, r.count()?];
        let kind = kind_of(r.whole()?)?;
        let skipped = r.whole()?;
        let names: Vec<String> = read_text(&mut r)?
            .split(SEPARATOR)
            .map(String::from)
            .collect();
        let labels = read_text(&mut r)?;
        let skipped_text = read_text(&mut r)?;
        let mut class = || -> Option<Vec<f64>> {
            let n = r.whole()? as usize;
            (n <= PREVIEW as usize).then_some(())?;
            let class = r.take(n)?;
            class
                .iter()
                .all(|p| (0.0..=1.0).contains(p))
                .then(|| class.to_vec())
        };
        let previews = [[class()?, class()?], [class()?, class()?]];
        let summary = ImportSummary {
            id,
            counts,
            names,
            kind,
            labels,
            skipped,
            skipped_text,
            previews,
        };
        (1..=2).contains(&summary.names.len()).then_some(())?;
        // Each preview is its class whole up to PREVIEW scores, else PREVIEW of them.
        let whole = |c: usize| (summary.counts[c] as usize).min(PREVIEW as usize);
        let fits = summary.counts.iter().all(|&c| c <= crate::sim::MAX_COUNT)
            && summary
                .previews
                .iter()
                .all(|m| (0..2).all(|c| m[c].len() == whole(c)));
        fits.then_some(())?;
        r.end(summary)
    }
}

fn write_table(out: &mut Vec<f64>, rows: &[Vec<String>]) {
    out.push(rows.len() as f64);
    for row in rows {
        out.push(row.len() as f64);
        for cell in row {
            write_text(out, cell);
        }
    }
}

fn read_table(r: &mut Reader) -> Option<Vec<Vec<String>>> {
    let n = r.whole()?;
    (n <= 1_000).then_some(())?;
    (0..n)
        .map(|_| {
            let m = r.whole()?;
            (m <= 1_000).then_some(())?;
            (0..m).map(|_| read_text(r)).collect()
        })
        .collect()
}

impl Detection {
    pub(super) fn write(&self, out: &mut Vec<f64>) {
        out.push(f64::from(self.id));
        write_optional_text(out, self.problem.as_deref());
        write_text(out, &self.layout);
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

    pub(super) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let id = r.count()?;
        let problem = read_optional_text(&mut r)?;
        let layout = read_text(&mut r)?;
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

/// A made-up predictions file of `rows` rows, as a model's export looks: a header, then a
/// label and two probabilities of 17 digits a row, one row in ten positive.
pub fn made_up_file(rows: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(22 + rows * 42);
    out.extend_from_slice(b"label,model_a,model_b\n");
    let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..rows {
        out.push(if i % 10 == 0 { b'1' } else { b'0' });
        for _ in 0..2 {
            out.extend_from_slice(b",0.");
            for _ in 0..17 {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                out.push(b'0' + (s % 10) as u8);
            }
        }
        out.push(b'\n');
    }
    out
}

/// Imports a made-up file of `rows` rows the way a large file is read (two parts, sorted,
/// joined) and computes its exact numbers, all thrown away; the made-up file's page numbers
/// (gamma 2, threshold 0.5). Why: a browser compiles a wasm function fully only once it has
/// run for a while, and a call already running keeps its first, slower code to its end; a
/// large import runs its sort, merge and passes once each, long calls all. Run while the
/// worker waits, a few of these have that code compiled before a reader's file comes.
pub fn warm_up(rows: usize) -> Result<ImportSummary, String> {
    let bytes = made_up_file(rows);
    let job = ImportJob {
        id: u32::MAX,
        settings: [2.0, 0.5],
        ..ImportJob::default()
    };
    // Where a second worker would start, as a large file's import finds it (the made-up file
    // has no quotes: a row starts there, and both parts are read and joined).
    let (mid, len) = (bytes.len() / 2, bytes.len() as u64);
    let split = split_point(&bytes[mid..], mid as u64, len).ok_or("no row past the middle")?;
    let (data, summary) = import_bytes_in_parts(
        &job,
        &bytes,
        split as usize,
        Second::Sends(super::part::SLICE),
    )?;
    let mut engine = crate::sim::engine::Engine::default();
    engine.hold(data);
    engine
        .compute(&summary.expected_request(job.settings), &mut |_| {})
        .ok_or("no answer")?;
    // A large class's sort (a radix sort, from RADIX_FROM scores), which the made-up file's
    // small classes do not reach.
    let mut scores: Vec<f64> = (0..crate::sim::generator::RADIX_FROM)
        .map(|i| ((i * 7_919) % 10_007) as f64 / 10_007.0)
        .collect();
    crate::sim::generator::sort_scores(&mut scores);
    Ok(summary)
}
