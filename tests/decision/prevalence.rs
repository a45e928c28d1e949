//! Metrics at the deployment prevalence against the composition panel's maths and closed
//! forms; the odds shifts against their definitions and the training module's optimum.

use imbalance_lab::sim::decision::{AtDeployment, OddsShift, Weighted};
use imbalance_lab::sim::training::{LossParams, Q_GRID, optimal_curve};
use imbalance_lab::sim::{Confusion, LossKind, Measure, Metric, Profile, Undefined};
use proptest::prelude::*;

use super::close;

fn confusion(tp: u64, fp: u64, tn: u64, fn_: u64) -> Confusion {
    Confusion { tp, fp, tn, fn_ }
}

/// The composition panel's profile of `c`: only the rates matter for these measures.
fn profile(c: &Confusion) -> Profile {
    Profile {
        neg_loss: None,
        pos_loss: None,
        fpr: Some(c.fp as f64 / c.negatives() as f64),
        tpr: Some(c.tp as f64 / c.positives() as f64),
        roc_auc: Err(Undefined::NoSamples),
    }
}

fn agree(a: Metric, b: Metric) -> bool {
    match (a, b) {
        (Ok(x), Ok(y)) => close(x, y, 1e-12) || (x - y).abs() < 1e-15,
        (a, b) => a == b,
    }
}

fn all(d: &AtDeployment) -> [Metric; 7] {
    d.named().map(|(_, m)| m)
}

proptest! {
    #[test]
    fn the_reweighted_metrics_are_the_composition_panel_s(
        tp in 0u64..500, fp in 0u64..50_000, tn in 0u64..50_000, fn_ in 0u64..500,
        pi_d in prop_oneof![Just(0.5), Just(0.01), 1e-6..1.0 - 1e-6],
    ) {
        let c = confusion(tp, fp, tn, fn_);
        prop_assume!(c.positives() > 0 && c.negatives() > 0);
        let d = AtDeployment::new(&c, pi_d);
        let (prof, ratio) = (profile(&c), (1.0 - pi_d) / pi_d);
        for (m, got) in [
            (Measure::Precision, d.precision),
            (Measure::Recall, d.recall),
            (Measure::F1, d.f1),
            (Measure::Accuracy, d.accuracy),
            (Measure::BalancedAccuracy, d.balanced_accuracy),
            (Measure::Mcc, d.mcc),
        ] {
            let want = prof.measure(m, ratio);
            prop_assert!(agree(got, want), "{:?}: {:?} vs {:?}", m, got, want);
        }
        prop_assert!(agree(d.specificity, Ok(tn as f64 / c.negatives() as f64)));
        // Closed forms in the rates.
        let (tpr, fpr) = (prof.tpr.unwrap(), prof.fpr.unwrap());
        prop_assert!(agree(d.accuracy, Ok(pi_d * tpr + (1.0 - pi_d) * (1.0 - fpr))));
        if tp + fp > 0 {
            let want = pi_d * tpr / (pi_d * tpr + (1.0 - pi_d) * fpr);
            prop_assert!(agree(d.precision, Ok(want)));
        }
        // The weighted counts keep the total.
        let w = d.counts.unwrap();
        prop_assert!(close(w.tp + w.fp + w.tn + w.fn_, (tp + fp + tn + fn_) as f64, 1e-12));
    }

    #[test]
    fn no_metric_is_ever_nan_or_infinite(
        tp in 0u64..5, fp in 0u64..5, tn in 0u64..5, fn_ in 0u64..5,
        pi_d in prop_oneof![Just(0.0), Just(1.0), Just(f64::NAN), Just(1e-320), -1.0..2.0],
        p in prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0],
    ) {
        let c = confusion(tp, fp, tn, fn_);
        let d = AtDeployment::new(&c, pi_d);
        prop_assert!((0.0..=1.0).contains(&d.prevalence));
        for v in all(&d).into_iter().flatten() {
            prop_assert!(v.is_finite() && (-1.0..=1.0).contains(&v), "{:?}", d);
        }
        if let Ok(shift) = OddsShift::prior(&c, pi_d) {
            for v in [shift.apply(p), shift.threshold_on_scores(p)].into_iter().flatten() {
                prop_assert!((0.0..=1.0).contains(&v));
            }
        }
    }

    #[test]
    fn a_shifted_threshold_selects_the_same_samples(
        p in 0.0..=1.0f64, t in 0.0..=1.0f64, pi_d in 0.001..0.999f64,
        pos in 1u64..1000, neg in 1u64..100_000,
    ) {
        let shift = OddsShift::prior(&confusion(pos, neg, 0, 0), pi_d).unwrap();
        let t_orig = shift.threshold_on_scores(t).unwrap();
        // Rounding near 0 or 1 is magnified by the factor (or its inverse).
        let k = shift.factor();
        let tol = 1e-15 * (1.0 + k.max(1.0 / k));
        prop_assume!((p - t_orig).abs() > tol);
        prop_assert_eq!(shift.apply(p).unwrap() >= t, p >= t_orig);
        // And the shift back undoes it.
        let back = shift.inverse().apply(shift.apply(p).unwrap()).unwrap();
        prop_assert!((back - p).abs() <= tol, "{} {}", back, p);
    }
}

#[test]
fn at_the_validation_prevalence_nothing_changes() {
    let c = confusion(40, 300, 9_700, 10);
    let d = AtDeployment::new(&c, 50.0 / 10_050.0);
    for (got, want) in all(&d).into_iter().zip([
        c.precision(),
        c.recall(),
        c.f1(),
        c.specificity(),
        c.accuracy(),
        c.balanced_accuracy(),
        c.mcc(),
    ]) {
        assert!(agree(got, want), "{got:?} {want:?}");
    }
    // NaN counts as the validation prevalence.
    assert_eq!(AtDeployment::new(&c, f64::NAN), d);
}

#[test]
fn a_class_the_deployment_lacks_has_no_rates() {
    let c = confusion(40, 300, 9_700, 10);
    let none = AtDeployment::new(&c, 0.0);
    assert_eq!(none.recall, Err(Undefined::NoPositives));
    assert_eq!(none.precision, Ok(0.0));
    assert!(agree(none.specificity, c.specificity()));
    assert_eq!(none.mcc, Err(Undefined::NoPositives));
    assert_eq!(none.balanced_accuracy, Err(Undefined::NoPositives));
    let all_pos = AtDeployment::new(&c, 1.0);
    assert_eq!(all_pos.specificity, Err(Undefined::NoNegatives));
    assert_eq!(all_pos.precision, Ok(1.0));
    assert_eq!(all_pos.recall, c.recall());
    assert_eq!(AtDeployment::new(&c, 7.0), all_pos);
}

#[test]
fn a_class_the_validation_set_lacks_cannot_be_reweighted() {
    // No positives: unknowable at any pi_d > 0, fine at 0.
    let c = confusion(0, 30, 70, 0);
    assert_eq!(
        Weighted::at_prevalence(&c, 0.2),
        Err(Undefined::NoPositives)
    );
    assert!(
        all(&AtDeployment::new(&c, 0.2))
            .iter()
            .all(|m| *m == Err(Undefined::NoPositives))
    );
    assert_eq!(AtDeployment::new(&c, 0.0).specificity, Ok(0.7));
    // No negatives.
    let c = confusion(8, 0, 0, 2);
    assert_eq!(
        Weighted::at_prevalence(&c, 0.2),
        Err(Undefined::NoNegatives)
    );
    assert_eq!(AtDeployment::new(&c, 1.0).recall, Ok(0.8));
    // Nothing at all.
    let d = AtDeployment::new(&Confusion::default(), 0.3);
    assert!(all(&d).iter().all(|m| *m == Err(Undefined::NoSamples)));
    assert_eq!(
        OddsShift::prior(&Confusion::default(), 0.3),
        Err(Undefined::NoPositives)
    );
    assert_eq!(OddsShift::prior(&c, 0.3), Err(Undefined::NoNegatives));
}

#[test]
fn the_prior_correction_moves_the_base_rate_to_the_new_prevalence() {
    // 100 positives, 9,900 negatives: pi = 0.01. A calibrated score equal to the base rate
    // becomes the new base rate; the odds factor is (0.2 / 0.8) / (1 / 99).
    let c = confusion(60, 900, 9_000, 40);
    let shift = OddsShift::prior(&c, 0.2).unwrap();
    assert!(close(shift.factor(), 0.25 * 99.0, 1e-15));
    assert!(close(shift.apply(0.01).unwrap(), 0.2, 1e-15));
    assert_eq!(shift.apply(0.0), Ok(0.0));
    assert_eq!(shift.apply(1.0), Ok(1.0));
    // odds(0.5) = 1 -> 24.75: p' = 24.75 / 25.75.
    assert!(close(shift.apply(0.5).unwrap(), 24.75 / 25.75, 1e-15));
    // The page's threshold 0.5 on corrected probabilities is odds 1 / 24.75 on the scores.
    let t = shift.threshold_on_scores(0.5).unwrap();
    assert!(close(t, 1.0 / 25.75, 1e-15));
    // The extremes: every score goes to 0 (or 1), except one that contradicts it.
    let zero = OddsShift::prior(&c, 0.0).unwrap();
    assert_eq!(
        (zero.apply(0.3), zero.apply(1.0)),
        (Ok(0.0), Err(Undefined::NoPositives))
    );
    let one = OddsShift::prior(&c, 1.0).unwrap();
    assert_eq!(
        (one.apply(0.3), one.apply(0.0)),
        (Ok(1.0), Err(Undefined::NoNegatives))
    );
    assert_eq!(one.factor(), f64::INFINITY);
}

#[test]
fn undoing_pos_weight_recovers_the_true_probability() {
    for w in [0.2, 3.0, 100.0] {
        let params = LossParams::new(w, 0.25, 2.0);
        let undo = OddsShift::undo_pos_weight(w).unwrap();
        for (&q, p) in Q_GRID
            .iter()
            .zip(optimal_curve(LossKind::WeightedBce, &params))
        {
            let got = undo.apply(p.unwrap()).unwrap();
            assert!(close(got, q, 1e-12), "w {w}, q {q}: {got}");
        }
    }
    assert_eq!(OddsShift::undo_pos_weight(0.0), None);
    assert_eq!(OddsShift::undo_pos_weight(f64::NAN), None);
}

#[test]
fn undoing_undersampling_recovers_the_true_probability() {
    // Keeping a fraction r of the negatives turns P(y = 1 | x) = q into q / (q + r (1 - q)).
    for r in [0.01, 0.5, 1.0] {
        let undo = OddsShift::undo_undersampling(r).unwrap();
        for &q in &Q_GRID {
            let trained = q / (q + r * (1.0 - q));
            assert!(
                close(undo.apply(trained).unwrap(), q, 1e-12),
                "r {r}, q {q}"
            );
        }
    }
    for r in [0.0, 1.5, f64::NAN] {
        assert_eq!(OddsShift::undo_undersampling(r), None);
    }
}
