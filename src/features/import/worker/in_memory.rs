//! Importing a file held in memory, in the worker's chunks and, for a large file, in two parts
//! with their messages on the wire: the native tests' way in, and the warm-up's.

use super::{CHUNK, HEAD, ImportJob, ImportSummary, Importer, Joining};
use crate::protocol::FromPart;
use crate::sim::engine::DataSet;

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
