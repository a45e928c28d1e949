//! Prints a training sample as the page's CSV (`label,x`), for `scripts/fixtures/training_sklearn.py`:
//!
//! ```text
//! cargo run --example training_rows -- SEP NEG POS N SEED
//! ```

use std::io::Write;

use imbalance_lab::sim::training::{Binormal, Sample};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: training_rows SEP NEG POS N SEED";
    let [sep, neg, pos, n, seed] = args.as_slice() else {
        panic!("{usage}");
    };
    let number = |s: &String| s.parse::<f64>().expect(usage);
    let count = |s: &String| s.parse::<u32>().expect(usage);
    let pop = Binormal::new(number(sep), count(neg), count(pos));
    let sample = Sample::generate(&pop, count(n), seed.parse().expect(usage));
    std::io::stdout().write_all(&sample.csv()).expect("stdout");
}
