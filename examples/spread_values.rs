//! Prints every loss's per-sample results of a retraining spread (boundary, recall and precision
//! on the population, and each sample's seed), as JSON, for `scripts/fixtures/spread_numpy.py`:
//!
//! ```text
//! cargo run --example spread_values -- SEP NEG POS THR K N SEED
//! ```
//!
//! The losses' parameters are the page's defaults. Numbers are written in the shortest form
//! that reads back to the same double; `null` where a value does not exist.

use imbalance_lab::format::exact;
use imbalance_lab::sim::training::spread::{Quantity, SpreadRequest, spread};
use imbalance_lab::sim::training::{Binormal, LossParams};
use imbalance_lab::sim::{LossKind, Scenario};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: spread_values SEP NEG POS THR K N SEED";
    let [sep, neg, pos, thr, k, n, seed] = args.as_slice() else {
        panic!("{usage}");
    };
    let number = |s: &String| s.parse::<f64>().expect(usage);
    let count = |s: &String| s.parse::<u32>().expect(usage);
    let r = SpreadRequest {
        population: Binormal::new(number(sep), count(neg), count(pos)),
        params: LossParams::from_scenario(&Scenario::default()),
        threshold: number(thr),
        k: count(k),
        n: count(n),
        seed: seed.parse().expect(usage),
    };
    let (samples, _) = spread(&r);
    let seeds: Vec<String> = (0..r.k).map(|i| r.sample_seed(i).to_string()).collect();
    let mut losses = Vec::new();
    for kind in LossKind::ALL {
        let column = |q: Quantity| {
            let values: Vec<String> = samples
                .iter()
                .map(|s| match s.get(kind) {
                    Ok(o) => q.of(o).map_or("null".into(), exact),
                    Err(_) => "null".into(),
                })
                .collect();
            format!(r#""{}": [{}]"#, q.key(), values.join(", "))
        };
        let columns: Vec<String> = Quantity::ALL.into_iter().map(column).collect();
        losses.push(format!(
            r#"    "{}": {{ {} }}"#,
            kind.key(),
            columns.join(", ")
        ));
    }
    println!(
        "{{ \"seeds\": [{}],\n  \"losses\": {{\n{}\n  }} }}",
        seeds.join(", "),
        losses.join(",\n")
    );
}
