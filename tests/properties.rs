//! Identities that must hold for every scenario, extremes included, and the fast paths against
//! brute force. Counts are kept small so brute force stays cheap; the code paths are the same.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{brute_average_precision, brute_roc_auc};
use imbalance_lab::sim::loss::{LossParams, LossValue};
use imbalance_lab::sim::{
    Class, ClassLoss, ClassScores, Confusion, LossKind, Metric, Ranking, Scenario, UnitDraws,
    analyse, losses, per_sample_loss,
};
use proptest::prelude::*;

/// A unit-interval parameter that often sits exactly on an extreme.
fn unit() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(0.5), Just(1.0), 0.0..=1.0]
}

fn count() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0u32), Just(1), 0u32..2_000]
}

prop_compose! {
    fn scenario()(
        neg in count(), pos in count(), acc0 in unit(), acc1 in unit(), alpha in unit(),
        gamma in prop_oneof![Just(0.0), Just(2.0), Just(10.0), 0.0..=10.0],
        pos_weight in prop_oneof![Just(0.01), Just(100.0), 0.01..=100.0],
        threshold in unit(), seed in any::<u64>(),
    ) -> Scenario {
        Scenario { neg, pos, acc0, acc1, alpha, gamma, pos_weight, threshold, seed, extra: Default::default() }
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-11 * a.abs().max(b.abs()).max(1e-300)
}

fn check_metric(m: Metric, lo: f64) -> Result<(), TestCaseError> {
    if let Ok(v) = m {
        prop_assert!(v.is_finite() && (lo..=1.0).contains(&v), "{v}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn everything_finite_and_reductions_consistent(s in scenario()) {
        let a = analyse(&s);
        for kind in LossKind::ALL {
            let r = match a.losses.get(kind) {
                LossValue::Summed(r) => r,
                // The Tversky loss of a set is in [0, 1].
                LossValue::Set(v) => {
                    prop_assert!((0.0..=1.0).contains(v), "{:?}: {}", kind, v);
                    continue;
                }
                // Logit adjustment with an empty class, the Tversky loss of no samples.
                LossValue::Undefined(_) => {
                    let empty = s.neg == 0 || s.pos == 0;
                    prop_assert!(
                        (kind == LossKind::LogitAdjusted && empty) || s.total() == 0,
                        "{:?} at {:?}", kind, s
                    );
                    continue;
                }
            };
            prop_assert!(r.sum.is_finite() && r.neg_sum.is_finite() && r.pos_sum.is_finite());
            prop_assert!(r.neg_sum >= 0.0 && r.pos_sum >= 0.0);
            prop_assert_eq!(r.sum, r.neg_sum + r.pos_sum);
            match r.mean {
                Ok(mean) => prop_assert!(close(mean * s.total() as f64, r.sum)),
                Err(_) => prop_assert_eq!(s.total(), 0),
            }
            for class in [Class::Negative, Class::Positive] {
                check_metric(r.share(class), 0.0)?;
            }
        }
        let m = a.metrics;
        for v in [m.accuracy, m.precision, m.recall, m.f1, m.specificity,
                  m.balanced_accuracy, m.roc_auc, m.average_precision] {
            check_metric(v, 0.0)?;
        }
        check_metric(m.mcc, -1.0)?;
        prop_assert_eq!(m.recall.is_err(), s.pos == 0);
        prop_assert_eq!(m.roc_auc.is_err(), s.pos == 0 || s.neg == 0);
    }

    #[test]
    fn loss_identities(s in scenario()) {
        let a = analyse(&s);
        let (neg, pos) = (&a.neg, &a.pos);
        // focal with gamma 0 is balanced CE.
        let at = |pw: f64, alpha: f64, gamma: f64| LossParams::new(pw, alpha, gamma)
            .with_counts(f64::from(s.neg), f64::from(s.pos));
        let of = |p: &LossParams| losses(&ClassLoss::of(neg, p), &ClassLoss::of(pos, p), p);
        let g0 = of(&at(1.0, s.alpha, 0.0));
        prop_assert_eq!(g0.get(LossKind::Focal), g0.get(LossKind::BalancedCe));
        // balanced CE with alpha 0.5 is half of BCE; weighted BCE with pos_weight 1 is BCE.
        let half = of(&at(1.0, 0.5, s.gamma));
        prop_assert_eq!(half.get(LossKind::BalancedCe).sum().unwrap(), half.get(LossKind::Bce).sum().unwrap() / 2.0);
        prop_assert_eq!(half.get(LossKind::WeightedBce), half.get(LossKind::Bce));
        // Each fast per-class sum equals the sum of the per-sample definition.
        let params = LossParams::from_scenario(&s);
        for kind in LossKind::ALL.into_iter().filter(|k| k.loss().shape_at(&params).is_ok()) {
            let r = a.losses.get(kind);
            for (scores, want) in [(neg, r.class_sums()[0]), (pos, r.class_sums()[1])] {
                let brute: f64 = scores.iter()
                    .map(|p| per_sample_loss(kind, scores.class, p, &params).unwrap_or(0.0))
                    .sum();
                prop_assert!(close(brute, want), "{:?} {:?}: {} vs {}", kind, scores.class, brute, want);
            }
        }
    }

    #[test]
    fn metrics_equal_brute_force_counts(s in scenario()) {
        let a = analyse(&s);
        let above = |v: &[f64]| v.iter().filter(|&&p| p >= s.threshold).count() as u64;
        let c = a.metrics.confusion;
        prop_assert_eq!(c.tp, above(&a.pos.to_vec()));
        prop_assert_eq!(c.fp, above(&a.neg.to_vec()));
        prop_assert_eq!(c.tn + c.fp, u64::from(s.neg));
        prop_assert_eq!(c.tp + c.fn_, u64::from(s.pos));
        if s.neg > 0 && s.pos > 0 && s.neg * s.pos <= 400_000 {
            let auc = brute_roc_auc(&a.neg.to_vec(), &a.pos.to_vec());
            prop_assert!(close(a.metrics.roc_auc.unwrap(), auc));
        }
        if s.pos > 0 {
            let ap = brute_average_precision(&a.neg.to_vec(), &a.pos.to_vec());
            prop_assert!(close(a.metrics.average_precision.unwrap(), ap));
        }
    }

    #[test]
    fn ranking_handles_ties_like_scikit_learn(
        neg in prop::collection::vec(0u8..=20, 0..60),
        pos in prop::collection::vec(0u8..=20, 0..60),
        t in 0u8..=21,
    ) {
        // Scores on a coarse grid, so many values tie within and across classes.
        let grid = |v: &[u8]| v.iter().map(|&k| f64::from(k) / 20.0).collect::<Vec<_>>();
        let (n, p) = (grid(&neg), grid(&pos));
        let neg_s = ClassScores::from_scores(Class::Negative, n.clone());
        let pos_s = ClassScores::from_scores(Class::Positive, p.clone());
        let r = Ranking::new(&neg_s, &pos_s);
        if !n.is_empty() && !p.is_empty() {
            prop_assert!(close(r.roc_auc.unwrap(), brute_roc_auc(&n, &p)));
        }
        if !p.is_empty() {
            prop_assert!(close(r.average_precision.unwrap(), brute_average_precision(&n, &p)));
        }
        let c = Confusion::at(&neg_s, &pos_s, f64::from(t) / 20.0);
        let thr = f64::from(t) / 20.0;
        prop_assert_eq!(c.tp as usize, p.iter().filter(|&&x| x >= thr).count());
        prop_assert_eq!(c.fp as usize, n.iter().filter(|&&x| x >= thr).count());
    }

    #[test]
    fn draws_are_sorted_reproducible_and_independent_per_class(
        seed in any::<u64>(), n in 0u32..5_000, m in 0u32..5_000,
    ) {
        let a = UnitDraws::generate(seed, Class::Negative, n);
        prop_assert!(a.as_slice().windows(2).all(|w| w[0] <= w[1]));
        prop_assert!(a.as_slice().iter().all(|&u| (0.0..=1.0).contains(&u)));
        prop_assert_eq!(&a, &UnitDraws::generate(seed, Class::Negative, n));
        // The positives do not depend on how many negatives there are.
        let s1 = Scenario { neg: n, pos: 50, seed, ..Scenario::default() };
        let s2 = Scenario { neg: m, ..s1 };
        prop_assert_eq!(analyse(&s1).pos.to_vec(), analyse(&s2).pos.to_vec());
    }
}
