//! The scores' sort: the radix sort of large arrays gives exactly `f64::total_cmp`'s order,
//! bit for bit, whatever the numbers (NaN, signed zeros, infinities, subnormals, ties).

#![cfg(not(target_arch = "wasm32"))]

use imbalance_lab::sim::generator::sort_scores;
use proptest::prelude::*;

fn reference(v: &[f64]) -> Vec<u64> {
    let mut w = v.to_vec();
    w.sort_unstable_by(f64::total_cmp);
    w.iter().map(|x| x.to_bits()).collect()
}

fn sorted(v: &[f64]) -> Vec<u64> {
    let mut w = v.to_vec();
    sort_scores(&mut w);
    w.iter().map(|x| x.to_bits()).collect()
}

/// `n` numbers from a seeded stream, drawn from `pick`.
fn stream(n: usize, seed: u64, pick: impl Fn(u64) -> f64) -> Vec<f64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            pick(s)
        })
        .collect()
}

#[test]
fn large_arrays_sort_as_total_cmp_does() {
    let specials = [
        0.0,
        -0.0,
        1.0,
        f64::NAN,
        -f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        5e-324,
        -5e-324,
    ];
    let cases: Vec<Vec<f64>> = vec![
        // Probabilities, the usual case: all in [0, 1], many ties.
        stream(100_000, 1, |s| (s >> 11) as f64 / (1u64 << 53) as f64),
        stream(70_000, 2, |s| ((s >> 40) % 1000) as f64 / 1000.0),
        // Any bits at all, and the special values mixed in.
        stream(50_000, 3, f64::from_bits),
        stream(40_000, 4, |s| specials[(s >> 33) as usize % specials.len()]),
        // Already sorted, reversed, constant.
        (0..30_000).map(f64::from).collect(),
        (0..30_000).rev().map(|i| -f64::from(i)).collect(),
        vec![0.25; 20_000],
    ];
    for v in &cases {
        assert_eq!(sorted(v), reference(v));
    }
}

proptest! {
    #[test]
    fn any_array_sorts_as_total_cmp_does(v in proptest::collection::vec(any::<f64>(), 0..300)) {
        prop_assert_eq!(sorted(&v), reference(&v));
    }
}
