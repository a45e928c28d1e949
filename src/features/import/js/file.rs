//! Reading a file the page handed over: a range of its bytes, or a range fed to an importer a
//! chunk at a time with the next chunks read meanwhile.

use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use crate::features::import::parse::{PartError, Rows};
use crate::features::import::worker::{CHUNK, ImportJob, Importer};

/// Chunks of a file being read ahead of the one parsed.
const READ_AHEAD: usize = 3;

/// Bytes `start..end` of a file, as a promise the browser fulfils on its own threads.
fn read(file: &Blob, start: u64, end: u64) -> Option<JsFuture> {
    let slice = file.slice_with_f64_and_f64(start as f64, end as f64).ok()?;
    Some(JsFuture::from(slice.array_buffer()))
}

/// Bytes `start..end` of a file, copied into the module.
pub(super) async fn read_bytes(file: &Blob, start: u64, end: u64) -> Option<Vec<u8>> {
    let value = read(file, start, end)?.await.ok()?;
    Some(Uint8Array::new(&value).to_vec())
}

/// Why reading a range of a file stopped.
pub(super) enum ReadFailed {
    /// The file could not be read.
    File,
    /// The parser refused it (the message; the parser keeps the error too).
    Rows(String),
}

impl ReadFailed {
    /// What the import says.
    pub(super) fn message(self) -> String {
        match self {
            ReadFailed::File => UNREADABLE.into(),
            ReadFailed::Rows(message) => message,
        }
    }
}

/// Feeds bytes `start..end` of a file to `importer` a chunk at a time, the next chunks asked
/// for before this one is parsed (the browser reads them meanwhile), calling `after` after
/// each.
pub(super) async fn read_range(
    file: &Blob,
    start: u64,
    end: u64,
    importer: &mut Importer,
    mut after: impl FnMut(&Importer),
) -> Result<(), ReadFailed> {
    let mut buffer = Vec::new();
    // Reads asked for ahead of the parse: the browser reads a file on its own threads, and one
    // chunk ahead left the parse waiting for it.
    let mut ahead = std::collections::VecDeque::new();
    let mut asked = start;
    let mut reads = 0;
    let mut ask = |ahead: &mut std::collections::VecDeque<_>| {
        while ahead.len() < READ_AHEAD && asked < end {
            // Small first chunks, a quarter then a half of the size: the parse starts sooner,
            // and the next read is in before the parse of the one before it is done.
            let size = CHUNK >> (2 - reads.min(2));
            reads += 1;
            ahead.push_back(read(file, asked, (asked + size).min(end)));
            asked = (asked + size).min(end);
        }
    };
    ask(&mut ahead);
    let mut at = start;
    while at < end {
        let Some(Ok(chunk)) = (match ahead.pop_front().flatten() {
            Some(f) => Some(f.await),
            None => None,
        }) else {
            return Err(ReadFailed::File);
        };
        let bytes = Uint8Array::new(&chunk);
        buffer.resize(bytes.length() as usize, 0);
        bytes.copy_to(&mut buffer);
        at += buffer.len() as u64;
        ask(&mut ahead);
        importer.feed(&buffer).map_err(ReadFailed::Rows)?;
        after(importer);
    }
    Ok(())
}

/// Reads the part of `file` from `start` on (where a row starts) as a second worker does, with
/// the detection made on `head` (the file's first bytes), calling `after` after each chunk:
/// its rows, each class sorted, or the row error that stopped it; `Err` with a message if the
/// part could not be read at all.
pub(super) async fn read_part_rows(
    job: &ImportJob,
    file: &Blob,
    head: &[u8],
    start: u64,
    after: impl FnMut(&Importer),
) -> Result<Result<Rows, PartError>, String> {
    let len = file.size() as u64;
    let mut importer = Importer::part(job, head, len, start)?;
    // A row error stops the part's parser, which keeps it: `finish_part` returns it.
    if let Err(ReadFailed::File) = read_range(file, start, len, &mut importer, after).await {
        return Err(UNREADABLE.into());
    }
    Ok(importer.finish_part())
}

/// What an import says when its file cannot be read.
pub(super) const UNREADABLE: &str = "The file could not be read.";
