//! The least-cost threshold against a plain loop over every threshold, and by hand.

use imbalance_lab::sim::decision::{Best, CostCurve, Costs, Runs, best_threshold};
use imbalance_lab::sim::{ClassScores, Confusion};
use proptest::prelude::*;

use super::{classes, scores};

/// Every threshold at which the counts change, tried with a plain loop from the largest down,
/// a smaller one kept only when strictly cheaper (ties to the largest threshold).
fn brute(neg: &[f64], pos: &[f64], costs: &Costs) -> Best {
    let mut candidates: Vec<f64> = neg.iter().chain(pos).copied().collect();
    candidates.sort_by(|a, b| b.total_cmp(a));
    candidates.dedup();
    let max = candidates.first().copied().unwrap_or(0.0);
    let nothing = if max < 1.0 { 1.0 } else { max.next_up() };
    let mut best: Option<Best> = None;
    for t in std::iter::once(nothing).chain(candidates) {
        let count = |v: &[f64]| v.iter().filter(|&&p| p >= t).count() as u64;
        let (fp, tp) = (count(neg), count(pos));
        let confusion = Confusion {
            tp,
            fp,
            tn: neg.len() as u64 - fp,
            fn_: pos.len() as u64 - tp,
        };
        let cost = costs.of(&confusion);
        if best.is_none_or(|b| cost < b.cost) {
            best = Some(Best {
                threshold: t,
                cost,
                confusion,
            });
        }
    }
    best.unwrap()
}

const NEG: [f64; 4] = [0.1, 0.4, 0.6, 0.8];
const POS: [f64; 3] = [0.3, 0.7, 0.9];

#[test]
fn three_points_a_true_positive_minus_one_a_false_positive() {
    // Downwards: t = 0.9 earns 3; 0.7: 6 - 1; 0.3: 9 - 3 = 6, the most; 0.1: 9 - 4.
    let (neg, pos) = classes(&NEG, &POS);
    let best = best_threshold(&Runs::new(&neg, &pos), &Costs::new(1.0, 0.0, 3.0));
    assert_eq!(best.threshold, 0.3);
    assert_eq!(best.cost, -6.0);
    let c = best.confusion;
    assert_eq!((c.tp, c.fp, c.tn, c.fn_), (3, 3, 1, 0));
}

#[test]
fn errors_counted_alike_tie_and_the_largest_threshold_wins() {
    // FP + FN: 3 with nothing positive, 2 at 0.9, 3 at 0.8, 2 at 0.7, then 3, 4, 3, 4.
    let (neg, pos) = classes(&NEG, &POS);
    let best = best_threshold(&Runs::new(&neg, &pos), &Costs::default());
    assert_eq!((best.threshold, best.cost), (0.9, 2.0));
}

#[test]
fn predicting_nothing_is_a_candidate_above_every_score() {
    // Only false positives cost: nothing positive costs 0, as does t = 0.9 (above every
    // negative); nothing positive is the larger threshold.
    let (neg, pos) = classes(&NEG, &POS);
    let best = best_threshold(&Runs::new(&neg, &pos), &Costs::new(1.0, 0.0, 0.0));
    assert_eq!(
        (best.threshold, best.cost, best.confusion.tp),
        (1.0, 0.0, 0)
    );
    // A score of 1 exactly: the threshold that predicts nothing is just above it.
    let (neg, pos) = classes(&[1.0], &[0.5]);
    let best = best_threshold(&Runs::new(&neg, &pos), &Costs::new(1.0, 0.0, 0.0));
    assert_eq!(best.threshold, 1.0f64.next_up());
    assert_eq!(Confusion::at(&neg, &pos, best.threshold), best.confusion);
    // No samples at all: nothing to decide, at no cost.
    let (neg, pos) = classes(&[], &[]);
    let best = best_threshold(&Runs::new(&neg, &pos), &Costs::default());
    assert_eq!((best.threshold, best.cost), (1.0, 0.0));
}

#[test]
fn costs_are_clamped_to_finite_non_negative_values() {
    let c = Costs::new(f64::NAN, -2.0, f64::INFINITY);
    assert_eq!((c.fp, c.fn_, c.tp_reward), (0.0, 0.0, 1e12));
}

#[test]
fn the_curve_spans_zero_to_one_and_never_beats_the_best() {
    let (neg, pos) = classes(&NEG, &POS);
    let costs = Costs::new(2.0, 5.0, 1.0);
    let curve = CostCurve::new(&neg, &pos, &Runs::new(&neg, &pos), &costs, 256);
    assert_eq!(curve.points.len(), 256);
    assert_eq!((curve.points[0].0, curve.points[255].0), (0.0, 1.0));
    for &(t, cost) in &curve.points {
        assert_eq!(cost, costs.of(&Confusion::at(&neg, &pos, t)));
        assert!(cost >= curve.best.cost, "{t}: {cost}");
    }
    assert_eq!(curve.best, best_threshold(&Runs::new(&neg, &pos), &costs));
    assert_eq!(
        CostCurve::new(&neg, &pos, &Runs::new(&neg, &pos), &costs, 0)
            .points
            .len(),
        2
    );
}

fn cost() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(1.0), Just(3.0), 0.0..=100.0]
}

proptest! {
    #[test]
    fn the_best_threshold_is_brute_force_s(
        neg in scores(40), pos in scores(40), fp in cost(), fn_ in cost(), tp in cost(),
    ) {
        let costs = Costs::new(fp, fn_, tp);
        let (n, p): (ClassScores, ClassScores) = classes(&neg, &pos);
        let fast = best_threshold(&Runs::new(&n, &p), &costs);
        let slow = brute(&neg, &pos, &costs);
        prop_assert_eq!(fast.threshold.to_bits(), slow.threshold.to_bits());
        prop_assert_eq!(fast, slow);
        prop_assert_eq!(Confusion::at(&n, &p, fast.threshold), fast.confusion);
    }
}
