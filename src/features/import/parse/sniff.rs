//! The first look at a file: is it text at all, which delimiter, and its first rows as text.

use super::errors::ImportError;
use super::fields::Splitter;

/// The UTF-8 byte order mark, which some editors and spreadsheets write first.
pub const BOM: [u8; 3] = [0xef, 0xbb, 0xbf];

/// The delimiters detected, in order of preference when several split the rows equally well:
/// a tab or `;` in a file split by `,` is rarer than a `,` in a file split by `;` (as a decimal
/// mark) or by tabs.
pub const DELIMITERS: [u8; 3] = [b'\t', b';', b','];

/// How many records detection reads at most.
const SAMPLE_RECORDS: usize = 2000;

/// How many records decide the delimiter.
const SNIFF_RECORDS: usize = 200;

/// The start of a file, checked to be text that could be a table; the UTF-8 byte order mark
/// is dropped.
pub fn text_start(head: &[u8], whole: bool) -> Result<&[u8], ImportError> {
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return Err(ImportError::Utf16);
    }
    let text = head.strip_prefix(&BOM).unwrap_or(head);
    // Workbooks are zip archives (xlsx, ods) or OLE files (xls).
    if text.starts_with(b"PK\x03\x04") || text.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        return Err(ImportError::Spreadsheet);
    }
    if let Some(at) = text.iter().position(|&b| b == 0) {
        let offset = (at + head.len() - text.len()) as u64;
        return Err(ImportError::Binary { offset });
    }
    match text.trim_ascii_start().first() {
        None => return Err(ImportError::Empty),
        Some(b'{' | b'[') => return Err(ImportError::Json),
        Some(b'<') => return Err(ImportError::Markup),
        Some(_) => {}
    }
    if let Err(e) = std::str::from_utf8(text) {
        // A chunk may end inside a character: that is only an error at the end of the file.
        if e.error_len().is_some() || whole {
            let line = 1 + text[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            return Err(ImportError::NotUtf8 { line: line as u64 });
        }
    }
    if !text.contains(&b'\n') && text.trim_ascii_end().contains(&b'\r') {
        return Err(ImportError::CarriageReturns);
    }
    Ok(text)
}

/// The first records of a file split with one delimiter, blank lines left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Each record's line and its fields as text (trimmed).
    pub rows: Vec<(u64, Vec<String>)>,
    /// The bytes those records take, from the start of `text`.
    pub bytes: usize,
}

impl Table {
    /// Reads up to `limit` records of `text`; the last one only if `whole` (else it may be cut
    /// short by the end of the chunk).
    pub fn read(
        text: &[u8],
        delimiter: u8,
        whole: bool,
        limit: usize,
    ) -> Result<Self, ImportError> {
        let mut splitter = Splitter::new(delimiter);
        let (mut table, mut pos) = (Table::default(), 0);
        while table.rows.len() < limit {
            let complete = splitter
                .next(text, &mut pos)
                .map_err(|e| ImportError::LineTooLong { line: e.line })?;
            if !(complete || whole && splitter.finish()) {
                break;
            }
            table.bytes = pos;
            if !splitter.is_blank() {
                table.rows.push((splitter.line(), splitter.texts()));
            }
        }
        Ok(table)
    }
}

/// The most common number of fields among `rows`, and how many rows have it.
pub fn usual_width(rows: &[(u64, Vec<String>)]) -> (usize, usize) {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for (_, fields) in rows {
        match counts.iter_mut().find(|(w, _)| *w == fields.len()) {
            Some((_, n)) => *n += 1,
            None => counts.push((fields.len(), 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(w, n)| (n, w))
        .unwrap_or((0, 0))
}

/// The delimiter that splits the most records into the same number (two or more) of fields;
/// `OneColumn` if none splits them at all.
pub fn delimiter(text: &[u8], whole: bool) -> Result<u8, ImportError> {
    let mut best = (0, b',');
    for d in DELIMITERS {
        let (width, records) = usual_width(&Table::read(text, d, whole, SNIFF_RECORDS)?.rows);
        if width >= 2 && records > best.0 {
            best = (records, d);
        }
    }
    match best {
        (0, _) => Err(ImportError::OneColumn),
        (_, d) => Ok(d),
    }
}

/// The first records of `text` under `delimiter`, for detection.
pub fn sample(text: &[u8], delimiter: u8, whole: bool) -> Result<Table, ImportError> {
    Table::read(text, delimiter, whole, SAMPLE_RECORDS)
}
