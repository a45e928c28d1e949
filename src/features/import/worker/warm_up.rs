//! A made-up file imported while the worker waits, so that a reader's large file finds the
//! import's code compiled fully.

use super::in_memory::{Second, import_bytes_in_parts};
use super::part::SLICE;
use super::{ImportJob, ImportSummary, split_point};

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
    let (data, summary) =
        import_bytes_in_parts(&job, &bytes, split as usize, Second::Sends(SLICE))?;
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
