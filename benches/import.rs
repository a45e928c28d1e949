//! `cargo bench --bench import`: parsing an imported file of 1,000,000 rows (a label and two
//! models' probabilities, written with shortest round-trip digits as pandas and Rust write
//! them), fed in 1 MiB chunks as the worker feeds it; and the same scores as logits.

use std::hint::black_box;
use std::time::{Duration, Instant};

use imbalance_lab::features::import::parse::{HEAD_BYTES, Overrides, Parser, detect};
use imbalance_lab::sim::{Class, UnitDraws};

const ROWS: u32 = 1_000_000;
const CHUNK: usize = 1 << 20;

/// A file of `ROWS` rows, one in ten positive, scores from the app's own generator; logits
/// instead of probabilities with `logit`.
fn file(logit: bool) -> Vec<u8> {
    let a = UnitDraws::generate(1, Class::Negative, ROWS);
    let b = UnitDraws::generate(2, Class::Positive, ROWS);
    let mut out = String::from("label,model_a,model_b\n");
    // Unsorted, as a real file is: the draws are sorted, so interleave from both ends.
    for i in 0..ROWS as usize {
        let j = if i % 2 == 0 {
            i / 2
        } else {
            ROWS as usize - 1 - i / 2
        };
        let (pa, pb) = (a.as_slice()[j], b.as_slice()[i]);
        let label = u8::from(i % 10 == 3);
        if logit {
            let z = |p: f64| (p / (1.0 - p)).ln();
            out += &format!("{label},{},{}\n", z(pa), z(pb));
        } else {
            out += &format!("{label},{pa},{pb}\n");
        }
    }
    out.into_bytes()
}

fn parse(bytes: &[u8]) -> u64 {
    let head = &bytes[..HEAD_BYTES];
    let detected = detect(head, bytes.len() as u64, &Overrides::default()).unwrap();
    let mut parser = Parser::new(detected.options.unwrap());
    for chunk in bytes.chunks(CHUNK) {
        parser.feed(chunk).unwrap();
    }
    parser.finish().unwrap().rows
}

fn main() {
    println!("imbalance-lab import, {ROWS} rows (label + 2 scores), 1 MiB chunks");
    println!(
        "{:<24} {:>8} {:>9} {:>9} {:>12} {:>8}",
        "file", "MB", "median ms", "min ms", "rows/s", "MB/s"
    );
    for (name, logit) in [("probabilities", false), ("logits", true)] {
        let bytes = file(logit);
        let mut times = Vec::new();
        let start = Instant::now();
        while times.len() < 5 || start.elapsed() < Duration::from_secs(3) {
            let t = Instant::now();
            assert_eq!(black_box(parse(black_box(&bytes))), u64::from(ROWS));
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let mb = bytes.len() as f64 / 1e6;
        println!(
            "{name:<24} {mb:>8.1} {:>9.1} {:>9.1} {:>12.0} {:>8.0}",
            median * 1e3,
            times[0] * 1e3,
            f64::from(ROWS) / median,
            mb / median
        );
    }
}
