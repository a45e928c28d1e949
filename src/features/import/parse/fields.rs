//! Splitting bytes into records and fields (RFC 4180), fed chunk by chunk.
//!
//! The splitter is a small state machine whose whole state survives between chunks, so a
//! record, a field, a quoted field or a `""` escape may be cut anywhere by a chunk boundary and
//! nothing is ever read twice. The current record's fields are copied, unescaped, into one
//! reused buffer: no allocation per row once it has grown to the longest record.
//!
//! Leniency, where RFC 4180 says a file is malformed: a `"` inside an unquoted field is kept as
//! text; spaces before an opening quote are dropped; text after a closing quote joins the field
//! (`"ab"c` is `abc`); `\r` before `\n` stays in the last field (readers trim fields, so `\r\n`
//! and `\n` read the same).

/// How many bytes one record may span: more means a quote left open or not a table at all, and
/// reading on would hold the whole rest of the file in memory.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// At the start of a field: a `"` here opens a quoted field.
    FieldStart,
    /// Inside an unquoted field.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// Just after a `"` inside a quoted field: a second `"` is an escaped quote, anything else
    /// closes the field.
    QuoteInQuoted,
}

/// A record that grew past `MAX_RECORD_BYTES`; `line` is where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overlong {
    /// The line the record starts on (1-based).
    pub line: u64,
}

/// Splits a stream of bytes into records of fields, with line numbers.
#[derive(Clone, Debug)]
pub struct Splitter {
    delimiter: u8,
    state: State,
    /// The current record's fields, unescaped, end to end.
    bytes: Vec<u8>,
    /// Where each finished field of the current record ends in `bytes`.
    ends: Vec<usize>,
    /// The line the current record starts on, 1-based, as an editor counts them.
    line: u64,
    /// Newlines inside the current record's quoted fields.
    inner_lines: u64,
    /// Input bytes the current record has taken so far.
    taken: usize,
    /// Whether the current record is complete (the next call starts a new one).
    complete: bool,
}

impl Splitter {
    /// A splitter for fields separated by `delimiter`.
    pub fn new(delimiter: u8) -> Self {
        Splitter {
            delimiter,
            state: State::FieldStart,
            bytes: Vec::new(),
            ends: Vec::new(),
            line: 1,
            inner_lines: 0,
            taken: 0,
            complete: false,
        }
    }

    /// Reads `chunk` from `*pos` on until a record is complete (`Ok(true)`; read it with
    /// `field` and friends, and call again for the next) or the chunk is used up (`Ok(false)`:
    /// feed the next chunk, or call `finish` at the end of the input).
    pub fn next(&mut self, chunk: &[u8], pos: &mut usize) -> Result<bool, Overlong> {
        if self.complete {
            self.start_record();
        }
        let start = *pos;
        let done = self.scan(chunk, pos);
        self.taken += *pos - start;
        if self.taken > MAX_RECORD_BYTES {
            return Err(Overlong { line: self.line });
        }
        Ok(done)
    }

    /// At the end of the input: completes a last record that has no newline, if there is one
    /// (`true`). Whether it ended inside a quoted field is `unclosed_quote`.
    pub fn finish(&mut self) -> bool {
        if self.complete {
            self.start_record();
        }
        if self.taken == 0 {
            return false;
        }
        self.ends.push(self.bytes.len());
        self.complete = true;
        true
    }

    fn start_record(&mut self) {
        self.line += self.inner_lines + 1;
        self.inner_lines = 0;
        self.taken = 0;
        self.bytes.clear();
        self.ends.clear();
        self.state = State::FieldStart;
        self.complete = false;
    }

    /// The state machine, one run of bytes at a time: an unquoted field up to its end, a quoted
    /// field up to its next quote.
    fn scan(&mut self, chunk: &[u8], pos: &mut usize) -> bool {
        let d = self.delimiter;
        while *pos < chunk.len() {
            let b = chunk[*pos];
            match self.state {
                State::FieldStart if b == b'"' => {
                    self.state = State::Quoted;
                    *pos += 1;
                }
                // Spaces before an opening quote (`0, "0.5"`): readers trim fields anyway.
                State::FieldStart if (b == b' ' || b == b'\t') && b != d => *pos += 1,
                State::FieldStart | State::Unquoted => {
                    let rest = &chunk[*pos..];
                    let Some(n) = find(rest, d, b'\n') else {
                        self.bytes.extend_from_slice(rest);
                        *pos = chunk.len();
                        self.state = State::Unquoted;
                        return false;
                    };
                    self.bytes.extend_from_slice(&rest[..n]);
                    *pos += n + 1;
                    self.ends.push(self.bytes.len());
                    self.state = State::FieldStart;
                    if rest[n] == b'\n' {
                        self.complete = true;
                        return true;
                    }
                }
                State::Quoted => {
                    let rest = &chunk[*pos..];
                    let n = find(rest, b'"', b'"').unwrap_or(rest.len());
                    self.inner_lines += rest[..n].iter().filter(|&&b| b == b'\n').count() as u64;
                    self.bytes.extend_from_slice(&rest[..n]);
                    *pos += n;
                    if n < rest.len() {
                        *pos += 1;
                        self.state = State::QuoteInQuoted;
                    }
                }
                State::QuoteInQuoted if b == b'"' => {
                    self.bytes.push(b'"');
                    self.state = State::Quoted;
                    *pos += 1;
                }
                // The field is closed: a delimiter or newline ends it, anything else joins it.
                State::QuoteInQuoted => self.state = State::Unquoted,
            }
        }
        false
    }

    /// Starts the next record if the current one is complete (as `next` does first): a
    /// caller that reads a row by itself (`Parser`'s fast path) can then check
    /// `at_record_start`.
    pub fn begin(&mut self) {
        if self.complete {
            self.start_record();
        }
    }

    /// Counts a line that a caller read by itself, at a record start.
    pub fn skip_line(&mut self) {
        debug_assert!(self.at_record_start());
        self.line += 1;
    }

    /// Whether everything fed so far ended with a complete record: the next byte starts a new
    /// one. A file split here can be read in two parts (the second by another worker) and
    /// joined; not inside a quoted field, where a newline is part of a field.
    pub fn at_record_start(&self) -> bool {
        self.taken == 0 && !self.complete && self.state == State::FieldStart
    }

    /// The line the current record starts on (1-based).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Whether the last record ended inside a quoted field (only at the end of the input).
    pub fn unclosed_quote(&self) -> bool {
        self.state == State::Quoted
    }

    /// The number of fields of the current record.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the current record has no fields (never, once complete).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i` of the current record, unescaped, untrimmed; empty past the last field.
    #[inline(always)]
    pub fn field(&self, i: usize) -> &[u8] {
        match self.ends.get(i) {
            Some(&end) => &self.bytes[if i == 0 { 0 } else { self.ends[i - 1] }..end],
            None => &[],
        }
    }

    /// Whether the current record is a blank line: one field of white space at most.
    pub fn is_blank(&self) -> bool {
        self.len() == 1 && self.field(0).trim_ascii().is_empty()
    }

    /// The current record's fields as text (invalid UTF-8 replaced), trimmed.
    pub fn texts(&self) -> Vec<String> {
        (0..self.len()).map(|i| text(self.field(i))).collect()
    }
}

/// The index of the first byte of `bytes` that is `a` or `b`. Eight bytes at a time (SWAR):
/// fields run to tens of bytes, and this scan touches every byte of the file.
pub fn find(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let (a8, b8) = (ONES * u64::from(a), ONES * u64::from(b));
    let mut words = bytes.chunks_exact(8);
    for (i, word) in words.by_ref().enumerate() {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let (x, y) = (w ^ a8, w ^ b8);
        // A byte of x or y is zero where w holds a or b; the lowest flag is always exact (a
        // borrow can only raise flags above a true zero byte).
        let zero = (x.wrapping_sub(ONES) & !x | y.wrapping_sub(ONES) & !y) & HIGHS;
        if zero != 0 {
            return Some(8 * i + zero.trailing_zeros() as usize / 8);
        }
    }
    let tail = words.remainder();
    let start = bytes.len() - tail.len();
    tail.iter()
        .position(|&c| c == a || c == b)
        .map(|p| start + p)
}

/// A field as text for messages and previews: trimmed, invalid UTF-8 replaced.
pub fn text(field: &[u8]) -> String {
    String::from_utf8_lossy(field.trim_ascii()).into_owned()
}
