//! Wilson intervals by their closed forms and symmetries, and the "too small" judgement.

use imbalance_lab::sim::decision::{MIN_COUNT, RateIntervals, Support, Z_95, wilson};
use imbalance_lab::sim::{Confusion, Interval, Undefined};
use proptest::prelude::*;

#[test]
fn z_is_the_double_nearest_the_normal_quantile() {
    // Parsing rounds correctly: to the double nearest the 20 digits (mpmath's).
    assert_eq!(Some(Z_95), "1.95996398454005423552".parse().ok());
    // scipy's two values are one ulp either side.
    assert_eq!(
        (Z_95.next_down(), Z_95.next_up()),
        (1.959963984540054, 1.9599639845400545)
    );
}

#[test]
fn closed_forms_at_the_ends() {
    // k = 0: the interval is [0, z^2 / (n + z^2)].
    let z2 = Z_95 * Z_95;
    let s = wilson(0, 20).unwrap();
    assert_eq!(s.interval.lo, 0.0);
    assert!((s.interval.hi - z2 / (20.0 + z2)).abs() < 1e-15);
    let s = wilson(20, 20).unwrap();
    assert_eq!(s.interval.hi, 1.0);
    assert!((s.interval.lo - 20.0 / (20.0 + z2)).abs() < 1e-15);
    assert_eq!(wilson(0, 0), None);
    // k = n / 2: centred on 1/2.
    let s = wilson(50, 100).unwrap();
    assert!((s.interval.lo + s.interval.hi - 1.0).abs() < 1e-15);
}

#[test]
fn the_brief_s_example_is_too_small_to_rank_models() {
    // 12 positives, 10 found: recall 0.83, interval about 0.55 to 0.95.
    let c = Confusion {
        tp: 10,
        fp: 3,
        tn: 5_000,
        fn_: 2,
    };
    let r = RateIntervals::new(&c);
    let recall = r.recall.unwrap();
    assert_eq!((recall.k, recall.n), (10, 12));
    let i = recall.interval;
    assert!(
        (0.55..0.56).contains(&i.lo) && (0.95..0.96).contains(&i.hi),
        "{i:?}"
    );
    let judgement = recall.support();
    assert!(judgement.few && judgement.wide && judgement.too_small());
    assert_eq!(judgement.count, 12);
    // 5,003 negatives: specificity is known to within a fraction of a percent.
    let spec = r.specificity.unwrap().support();
    assert!(!spec.too_small() && spec.width() < 0.01);
}

#[test]
fn empty_denominators_say_why() {
    let r = RateIntervals::new(&Confusion {
        tp: 0,
        fp: 0,
        tn: 0,
        fn_: 0,
    });
    assert_eq!(r.recall, Err(Undefined::NoPositives));
    assert_eq!(r.precision, Err(Undefined::NoPredictedPositives));
    assert_eq!(r.specificity, Err(Undefined::NoNegatives));
}

#[test]
fn support_thresholds() {
    let narrow = Interval { lo: 0.5, hi: 0.55 };
    assert!(!Support::new(MIN_COUNT, narrow).too_small());
    assert!(Support::new(MIN_COUNT - 1, narrow).few);
    assert!(Support::new(1_000, Interval { lo: 0.5, hi: 0.65 }).wide);
}

proptest! {
    #[test]
    fn the_interval_holds_the_estimate_and_mirrors(n in 1u64..100_000, frac in 0.0..=1.0f64) {
        let k = (frac * n as f64).round() as u64;
        let s = wilson(k, n).unwrap();
        let i = s.interval;
        prop_assert!(0.0 <= i.lo && i.lo <= s.estimate && s.estimate <= i.hi && i.hi <= 1.0);
        // Failures' interval is the mirror image.
        let m = wilson(n - k, n).unwrap().interval;
        prop_assert!((i.lo - (1.0 - m.hi)).abs() < 1e-12 && (i.hi - (1.0 - m.lo)).abs() < 1e-12);
    }
}
