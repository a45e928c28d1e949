//! Calibration against a plain loop over the samples, and the binning at the edges.

use imbalance_lab::sim::decision::{BINS, Calibration, bin_of};
use imbalance_lab::sim::{Metric, Undefined};
use proptest::prelude::*;

use super::{classes, close, scores};

#[test]
fn an_exact_edge_belongs_to_the_bin_below_it_as_in_scikit_learn() {
    assert_eq!(bin_of(0.0), 0);
    assert_eq!(bin_of(1.0 / 15.0), 0);
    assert_eq!(bin_of((1.0f64 / 15.0).next_up()), 1);
    for k in 1..=BINS {
        assert_eq!(bin_of(k as f64 / 15.0), k - 1, "edge {k}");
    }
    assert_eq!(bin_of(1.0), BINS - 1);
    // Outside [0, 1] (scikit-learn refuses those): the end bins.
    assert_eq!((bin_of(-0.5), bin_of(1.5)), (0, BINS - 1));
}

#[test]
fn no_samples_means_no_numbers() {
    let (neg, pos) = classes(&[], &[]);
    let c = Calibration::new(&neg, &pos);
    assert_eq!(
        (c.brier, c.ece),
        (Err(Undefined::NoSamples), Err(Undefined::NoSamples))
    );
    assert!(c.bins.iter().all(|b| b.count == 0 && b.mean_p.is_err()));
    assert_eq!((c.bins[0].lo, c.bins[BINS - 1].hi), (0.0, 1.0));
}

#[test]
fn a_perfectly_calibrated_split_has_no_calibration_error() {
    // Bin 3, (0.2, 0.2667]: four scores of 0.25, one of them positive; bin 14: two positives
    // at 1.
    let (neg, pos) = classes(&[0.25, 0.25, 0.25], &[0.25, 1.0, 1.0]);
    let c = Calibration::new(&neg, &pos);
    assert_eq!(c.ece, Ok(0.0));
    // Brier: three negatives at 0.0625, one positive at 0.5625, two at 0.
    assert!(close(
        c.brier.unwrap(),
        (3.0 * 0.0625 + 0.5625) / 6.0,
        1e-15
    ));
    assert_eq!((c.bins[3].count, c.bins[3].positives), (4, 1));
    assert_eq!(
        (c.bins[14].count, c.bins[14].fraction_positive),
        (2, Ok(1.0))
    );
}

fn agree(a: Metric, b: Option<f64>) -> bool {
    match (a, b) {
        (Ok(x), Some(y)) => close(x, y, 1e-12) || (x - y).abs() < 1e-15,
        (Err(_), None) => true,
        _ => false,
    }
}

proptest! {
    #[test]
    fn the_bins_brier_and_ece_are_a_plain_loop_s(neg in scores(60), pos in scores(60)) {
        let (n, p) = classes(&neg, &pos);
        let c = Calibration::new(&n, &p);
        let (mut count, mut positives, mut sum_p) = ([0u64; BINS], [0u64; BINS], [0.0; BINS]);
        let mut squares = 0.0;
        for (y, &s) in neg.iter().map(|s| (0.0, s)).chain(pos.iter().map(|s| (1.0, s))) {
            let b = bin_of(s);
            count[b] += 1;
            positives[b] += y as u64;
            sum_p[b] += s;
            squares += (s - y) * (s - y);
        }
        let total = (neg.len() + pos.len()) as f64;
        let mut ece = 0.0;
        for b in 0..BINS {
            let bin = &c.bins[b];
            prop_assert_eq!((bin.count, bin.positives), (count[b], positives[b]));
            let mean = (count[b] > 0).then(|| sum_p[b] / count[b] as f64);
            let frac = (count[b] > 0).then(|| positives[b] as f64 / count[b] as f64);
            prop_assert!(agree(bin.mean_p, mean), "{:?} {:?}", bin.mean_p, mean);
            prop_assert!(agree(bin.fraction_positive, frac));
            if let (Some(m), Some(f)) = (mean, frac) {
                ece += count[b] as f64 / total * (f - m).abs();
            }
        }
        let some = |v: f64| (total > 0.0).then_some(v);
        prop_assert!(agree(c.brier, some(squares / total)));
        prop_assert!(agree(c.ece, some(ece)));
    }
}
