//! Reading test files: whole, in chunks, and their messages.

use imbalance_lab::features::import::parse::{
    HEAD_BYTES, ImportError, Imported, Options, Overrides, Parser, detect, parse_all,
};

/// A file `label,p` of `n` good rows: labels 0 and 1 in turn, probabilities `k / n`.
pub fn probabilities(n: u32) -> String {
    let rows: String = (0..n)
        .map(|k| format!("{},{}\n", k % 2, f64::from(k) / f64::from(n)))
        .collect();
    format!("label,p\n{rows}")
}

/// A file read with detection's choices.
pub fn read(text: &str) -> Result<Imported, ImportError> {
    parse_all(text.as_bytes(), &Overrides::default())
}

/// The file-level message of a file that must fail.
pub fn error(bytes: &[u8], overrides: &Overrides) -> String {
    match parse_all(bytes, overrides) {
        Ok(i) => panic!("imported {} rows of a bad file", i.rows),
        Err(e) => e.message(),
    }
}

/// The messages of the rows skipped in a file that must import.
pub fn skipped(text: &str) -> Vec<String> {
    let imported = read(text).unwrap_or_else(|e| panic!("{}", e.message()));
    imported.skipped.first.iter().map(|e| e.message()).collect()
}

/// Detection's options for a file.
pub fn options(bytes: &[u8], overrides: &Overrides) -> Options {
    let d = detect(bytes, bytes.len() as u64, overrides).unwrap_or_else(|e| panic!("{e}"));
    d.options.unwrap_or_else(|e| panic!("{e}"))
}

/// The file fed to a parser in chunks that end at `cuts` (increasing offsets), with detection
/// run on the first `HEAD_BYTES` as the worker runs it.
pub fn read_chunked(
    bytes: &[u8],
    cuts: &[usize],
    overrides: &Overrides,
) -> Result<Imported, ImportError> {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    let options = detect(head, bytes.len() as u64, overrides)?.options?;
    let mut parser = Parser::new(options);
    let mut start = 0;
    for &cut in cuts.iter().chain([bytes.len()].iter()) {
        let cut = cut.clamp(start, bytes.len());
        parser.feed(&bytes[start..cut])?;
        start = cut;
    }
    parser.finish()
}

/// One model's scores, negatives then positives, in file order.
pub fn scores(imported: &Imported, model: usize) -> (Vec<f64>, Vec<f64>) {
    let m = &imported.models[model];
    (m.neg.clone(), m.pos.clone())
}
