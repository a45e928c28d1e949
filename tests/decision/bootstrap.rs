//! The bootstrap's weighted walk against a naive bootstrap that materialises each resample
//! from the same draws, sorts it and calls `ranking.rs`.

use imbalance_lab::sim::decision::{Bootstrap, Resampler, Runs, percentile};
use imbalance_lab::sim::ranking::{average_precision, roc_auc};
use imbalance_lab::sim::{ClassScores, Undefined};
use proptest::prelude::*;

use super::{classes, scores};

/// `resamples` resamples the slow way: per resample, the negatives' indices, then the
/// positives', from one `Resampler`.
fn naive(neg: &[f64], pos: &[f64], seed: u64, resamples: usize) -> (Vec<f64>, Vec<f64>) {
    let mut draws = Resampler::new(seed);
    let mut pick = |values: &[f64]| {
        let mut out: Vec<f64> = (0..values.len())
            .map(|_| values[draws.index(values.len() as u32)])
            .collect();
        out.sort_by(f64::total_cmp);
        out
    };
    let (mut aucs, mut aps) = (Vec::new(), Vec::new());
    for _ in 0..resamples {
        let n = pick(neg);
        let p = pick(pos);
        aucs.push(roc_auc(&n, &p).unwrap());
        aps.push(average_precision(&n, &p).unwrap());
    }
    (aucs, aps)
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

fn sorted(v: &[f64]) -> Vec<f64> {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn the_weighted_walk_is_the_naive_bootstrap_bit_for_bit(
        neg in scores(50), pos in scores(20), seed in any::<u64>(),
    ) {
        prop_assume!(!neg.is_empty() && !pos.is_empty());
        let (n, p) = classes(&neg, &pos);
        let mut boot = Bootstrap::new(&Runs::new(&n, &p), seed, 20).unwrap();
        prop_assert_eq!(boot.run(100), 20);
        let (aucs, aps) = naive(&sorted(&neg), &sorted(&pos), seed, 20);
        let (fast_auc, fast_ap) = boot.values();
        prop_assert_eq!(bits(fast_auc), bits(&aucs));
        prop_assert_eq!(bits(fast_ap), bits(&aps));
    }
}

#[test]
fn a_larger_rare_class_case_is_bit_for_bit_too() {
    // 5,000 negatives on a grid of 200 values (ties everywhere), 40 positives.
    let neg: Vec<f64> = (0..5_000)
        .map(|i| ((i * 7919) % 200) as f64 / 250.0)
        .collect();
    let pos: Vec<f64> = (0..40)
        .map(|i| 0.3 + ((i * 31) % 40) as f64 / 60.0)
        .collect();
    let (n, p) = classes(&neg, &pos);
    let mut boot = Bootstrap::new(&Runs::new(&n, &p), 7, 30).unwrap();
    boot.run(30);
    let (aucs, aps) = naive(&sorted(&neg), &sorted(&pos), 7, 30);
    assert_eq!(bits(boot.values().0), bits(&aucs));
    assert_eq!(bits(boot.values().1), bits(&aps));
}

#[test]
fn slices_do_not_change_the_results() {
    let neg: Vec<f64> = (0..300).map(|i| (i as f64 * 0.618).fract() * 0.7).collect();
    let pos: Vec<f64> = (0..17)
        .map(|i| 0.2 + (i as f64 * 0.414).fract() * 0.8)
        .collect();
    let (n, p) = classes(&neg, &pos);
    let mut whole = Bootstrap::new(&Runs::new(&n, &p), 3, 100).unwrap();
    assert_eq!(whole.interval(), None);
    assert_eq!(whole.run(1_000), 100);
    assert!(whole.is_finished());
    assert_eq!(whole.run(5), 0);
    let mut sliced = Bootstrap::new(&Runs::new(&n, &p), 3, 100).unwrap();
    while !sliced.is_finished() {
        sliced.run(7);
    }
    assert_eq!(sliced.values(), whole.values());
    let i = whole.interval().unwrap();
    assert_eq!(i.resamples, 100);
    let (aucs, _) = whole.values();
    assert_eq!(Some(i.roc_auc.lo), percentile(&sorted(aucs), 0.025));
    assert!(i.roc_auc.lo <= i.roc_auc.hi && i.average_precision.lo <= i.average_precision.hi);
    // Another seed, other resamples.
    let mut other = Bootstrap::new(&Runs::new(&n, &p), 4, 100).unwrap();
    other.run(100);
    assert_ne!(other.values(), whole.values());
}

#[test]
fn both_classes_are_needed() {
    let (n, p) = classes(&[0.1], &[]);
    assert_eq!(
        Bootstrap::new(&Runs::new(&n, &p), 1, 10).err(),
        Some(Undefined::NoPositives)
    );
    let (n, p) = classes(&[], &[0.1]);
    assert_eq!(
        Bootstrap::new(&Runs::new(&n, &p), 1, 10).err(),
        Some(Undefined::NoNegatives)
    );
}

#[test]
fn one_sample_a_class_always_resamples_itself() {
    let (n, p): (ClassScores, ClassScores) = classes(&[0.4], &[0.6]);
    let mut boot = Bootstrap::new(&Runs::new(&n, &p), 1, 5).unwrap();
    boot.run(5);
    assert_eq!(boot.values(), (&[1.0; 5][..], &[1.0; 5][..]));
}

#[test]
fn the_resampler_s_stream_is_pinned() {
    // Golden values: a change here changes every published interval.
    let mut r = Resampler::new(1);
    let got: Vec<usize> = (0..8).map(|_| r.index(1_000_000)).collect();
    assert_eq!(got, GOLDEN);
    let mut r = Resampler::new(1);
    assert!((0..1000).all(|_| r.index(1) == 0));
    let mut r = Resampler::new(2);
    let mut seen = [0u32; 7];
    for _ in 0..70_000 {
        seen[r.index(7)] += 1;
    }
    assert!(
        seen.iter().all(|&c| (9_500..10_500).contains(&c)),
        "{seen:?}"
    );
}

/// Seed 1's first eight indices below 1,000,000; a Python re-implementation of SplitMix64,
/// Xoshiro256++ (Blackman and Vigna's reference), the long jump and the halves gives the same.
const GOLDEN: [usize; 8] = [
    776870, 689904, 334679, 967347, 549818, 299705, 439454, 793628,
];

#[test]
fn the_paired_fast_path_draws_the_stream_of_single_indices() {
    // Large n make Lemire's rejection common (2^32 mod n is about n / 2 here), so the fast
    // path's hand-over to the rejection loop is exercised; odd counts leave a spare half.
    for (n, m) in [(3_000_000_000u32, 2_147_483_649u32), (7, 1_000_000), (1, 5)] {
        let (mut fast, mut slow) = (Resampler::new(9), Resampler::new(9));
        let mut got = Vec::new();
        for draws in [1001, 10, 0, 3] {
            fast.each_index(n, draws, |i| got.push(i));
            fast.each_index(m, 7, |i| got.push(i));
        }
        let mut want = Vec::new();
        for draws in [1001, 10, 0, 3] {
            want.extend((0..draws).map(|_| slow.index(n)));
            want.extend((0..7).map(|_| slow.index(m)));
        }
        assert_eq!(got, want, "n {n}");
        assert!(got[..1001].iter().all(|&i| i < n as usize));
    }
}
