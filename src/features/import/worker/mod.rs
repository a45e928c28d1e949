//! Importing a reader's predictions (SPEC section 7) where the numbers are, in the worker: the
//! file is read a chunk at a time, fed to the parser, and handed to the engine as a data set;
//! the page gets a summary with a preview of each class, the same kind of preview its synthetic
//! classes have. (The parser is in the worker's module only: without a worker, no import.)
//!
//! The parts: `job` (what the page asks), `detection` (a look at the first bytes), `importer`
//! (the parser fed a chunk at a time), `summary` (what the page learns), `part` and `joining`
//! (a large file read by two workers, and their rows joined), `in_memory` and `warm_up` (the
//! same import on bytes held in memory, for the tests and to warm the code up), `wire` (the
//! number encodings they share).

mod detection;
mod importer;
mod in_memory;
mod job;
mod joining;
pub mod part;
mod part_rows;
mod summary;
mod warm_up;
mod wire;

pub use detection::{Detection, MAX_COLUMNS};
pub use importer::{Importer, Read};
pub use in_memory::{Second, import_bytes, import_bytes_in_parts};
pub use job::ImportJob;
pub use joining::Joining;
pub use part::{PartJob, PartRead, split_point};
pub use summary::{ImportSummary, preview};
pub use warm_up::{made_up_file, warm_up};

/// Bytes read from the file at a time; progress is reported after each.
pub const CHUNK: u64 = 4 << 20;
/// The bytes detection looks at.
pub const HEAD: u64 = 64 << 10;
