//! The same model at other class ratios, and the A/B verdicts built on it.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::counts;
use imbalance_lab::sim::ranking::{average_precision, average_precision_weighted};
use imbalance_lab::sim::{
    LossKind, Measure, Profile, Scenario, Verdict, analyse, loss_crossover, ratio_of, verdict,
};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * a.abs().max(b.abs()).max(1e-300)
}

#[test]
fn a_profile_at_its_own_ratio_gives_back_the_measured_numbers() {
    for (neg, pos, acc0, acc1, thr) in [
        (20_000, 300, 0.999, 0.5, 0.5),
        (5_000, 5_000, 0.98, 0.9, 0.3),
        (700, 9_000, 0.2, 0.7, 0.8),
        (1_000, 10, 1.0, 0.0, 0.05),
    ] {
        let s = Scenario {
            neg,
            pos,
            acc0,
            acc1,
            threshold: thr,
            ..Scenario::default()
        };
        let a = analyse(&s);
        let profile = Profile::new(&a.losses, &a.metrics);
        let r = ratio_of(&a.metrics.confusion).unwrap();
        for m in Measure::ALL {
            if m == Measure::AveragePrecision {
                continue;
            }
            let measured = m.of(&a.losses, &a.metrics);
            let predicted = profile.measure(m, r);
            if let Measure::Loss(k) = m
                && let Some(why) = k.loss().fixed_mix()
            {
                // At another ratio it is another loss (or it has no per-class sums).
                assert_eq!(predicted, Err(why), "{m:?}");
                continue;
            }
            match (measured, predicted) {
                (Ok(x), Ok(y)) => assert!(close(x, y, 1e-9), "{m:?} at {s:?}: {x} vs {y}"),
                (x, y) => assert_eq!(x, y, "{m:?} at {s:?}"),
            }
        }
    }
}

#[test]
fn hand_computed_rates_give_the_textbook_metrics() {
    // TPR 0.8, FPR 0.1 at 9 negatives per positive: per 10 samples TP 0.8, FN 0.2, FP 0.9,
    // TN 8.1. precision 0.8 / 1.7, F1 1.6 / 2.7, accuracy 8.9 / 10,
    // MCC (0.8*8.1 - 0.9*0.2) / sqrt(1.7 * 1 * 9 * 8.3).
    let p = Profile {
        neg_loss: Some([0.1, 0.1, 0.075, 0.01, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
        pos_loss: Some([1.0, 2.0, 0.25, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
        fpr: Some(0.1),
        tpr: Some(0.8),
        roc_auc: Ok(0.9),
    };
    let v = |m| p.measure(m, 9.0).unwrap();
    assert!(close(v(Measure::Precision), 0.8 / 1.7, 1e-15));
    assert!(close(v(Measure::F1), 1.6 / 2.7, 1e-15));
    assert!(close(v(Measure::Accuracy), 0.89, 1e-15));
    assert!(close(v(Measure::Recall), 0.8, 1e-15));
    assert!(close(v(Measure::BalancedAccuracy), 0.85, 1e-15));
    assert!(close(
        v(Measure::Mcc),
        (0.8 * 8.1 - 0.18) / (1.7 * 9.0 * 8.3f64).sqrt(),
        1e-14
    ));
    assert!(close(
        v(Measure::Loss(LossKind::Bce)),
        (0.9 + 1.0) / 10.0,
        1e-15
    ));
    assert!(close(
        v(Measure::Loss(LossKind::WeightedBce)),
        (0.9 + 2.0) / 10.0,
        1e-15
    ));
    assert_eq!(p.measure(Measure::RocAuc, 1234.0), Ok(0.9));
}

#[test]
fn weighting_negatives_equals_repeating_them() {
    let a = analyse(&Scenario {
        neg: 3_000,
        pos: 400,
        acc0: 0.9,
        acc1: 0.7,
        ..Scenario::default()
    });
    let (neg, pos) = (&a.neg.to_vec(), &a.pos.to_vec());
    assert_eq!(
        average_precision_weighted(neg, pos, 1.0),
        average_precision(neg, pos)
    );
    let mut tripled: Vec<f64> = neg.iter().flat_map(|&x| [x, x, x]).collect();
    tripled.sort_by(f64::total_cmp);
    let w = average_precision_weighted(neg, pos, 3.0).unwrap();
    let t = average_precision(&tripled, pos).unwrap();
    assert!(close(w, t, 1e-12), "{w} vs {t}");
}

/// The seed notebook's two models on 10,000 positives and `neg` negatives.
fn notebook(neg: u32, acc0: f64, acc1: f64) -> imbalance_lab::sim::Analysis {
    analyse(&Scenario {
        neg,
        pos: 10_000,
        acc0,
        acc1,
        ..Scenario::default()
    })
}

#[test]
fn bce_changes_sides_as_the_ratio_moves_and_recall_does_not() {
    let a = notebook(1_000_000, 0.999, 0.5);
    let b = notebook(1_000_000, 0.98, 0.9);
    let (pa, pb) = (
        Profile::new(&a.losses, &a.metrics),
        Profile::new(&b.losses, &b.metrics),
    );
    let bce = Measure::Loss(LossKind::Bce);
    // The notebook: at 1:100 BCE prefers A (0.3139 < 0.3152); balanced, it prefers B.
    assert_eq!(
        verdict(bce, pa.measure(bce, 100.0), pb.measure(bce, 100.0)),
        Verdict::A
    );
    assert_eq!(
        verdict(bce, pa.measure(bce, 1.0), pb.measure(bce, 1.0)),
        Verdict::B
    );
    // The balanced numbers agree with the notebook's balanced runs within sampling noise.
    let (ba, bb) = (pa.measure(bce, 1.0).unwrap(), pb.measure(bce, 1.0).unwrap());
    assert!(
        close(ba, 0.65362, 0.01) && close(bb, 0.33302, 0.01),
        "{ba} {bb}"
    );
    // Recall ignores the ratio: B at every ratio.
    for r in [1.0, 100.0, 10_000.0] {
        let m = Measure::Recall;
        assert_eq!(verdict(m, pa.measure(m, r), pb.measure(m, r)), Verdict::B);
    }
    // The crossover lies between 1:1 and 1:100, and the means are equal there.
    let x = loss_crossover(&pa, &pb, LossKind::Bce).unwrap();
    assert!(x > 1.0 && x < 100.0, "{x}");
    assert!(close(
        pa.loss(LossKind::Bce, x).unwrap(),
        pb.loss(LossKind::Bce, x).unwrap(),
        1e-12
    ));
}

#[test]
fn verdicts_follow_the_direction_of_each_measure() {
    let loss = Measure::Loss(LossKind::Focal);
    assert_eq!(verdict(loss, Ok(0.1), Ok(0.2)), Verdict::A);
    assert_eq!(verdict(Measure::F1, Ok(0.1), Ok(0.2)), Verdict::B);
    assert_eq!(verdict(Measure::F1, Ok(0.5), Ok(0.5)), Verdict::Tie);
    assert_eq!(
        verdict(
            Measure::F1,
            Ok(0.5),
            Err(imbalance_lab::sim::Undefined::NoPositives)
        ),
        Verdict::Undefined
    );
}

#[test]
fn empty_classes_make_other_ratios_undefined_not_nan() {
    let a = analyse(&counts(100, 0));
    let p = Profile::new(&a.losses, &a.metrics);
    for m in Measure::ALL {
        for r in [1.0, 10_000.0] {
            assert!(p.measure(m, r).is_err(), "{m:?}");
        }
    }
}
