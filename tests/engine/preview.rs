//! The preview the page computes itself: when it is exact, and how close its estimates are.

use imbalance_lab::sim::engine::{Engine, PREVIEW};
use imbalance_lab::sim::loss::LossParams;
use imbalance_lab::sim::{Class, ClassLoss, ClassScores, Confusion, Ranks, UnitDraws};

use super::helpers::request;
use crate::common::counts;

#[test]
fn small_classes_are_their_own_preview() {
    let fits = |neg, pos| request(counts(neg, pos), [0.9, 0.9]).exact_on_page();
    assert!(fits(PREVIEW, PREVIEW));
    assert!(!fits(PREVIEW + 1, 10));
    assert!(!fits(10, PREVIEW + 1));
}

#[test]
fn a_preview_estimate_is_close_and_a_whole_class_is_exact() {
    use imbalance_lab::sim::engine::Weights;
    use imbalance_lab::sim::ranking::average_precision_weighted;
    let s = counts(1_000_000, 10_000);
    let w = Weights::of(&s);
    assert_eq!(w.weight[1], 1.0);
    assert!((w.weight[0] - 1_000_000.0 / f64::from(PREVIEW)).abs() < 1e-12);
    let preview = |c: Class| {
        ClassScores::new(
            c,
            s.acc(c),
            &UnitDraws::generate(s.seed, c, Weights::preview_size(s.count(c))),
        )
    };
    let (n, p) = (preview(Class::Negative), preview(Class::Positive));
    let exact = Engine::new()
        .compute(&request(s, [0.98, 0.9]), &mut |_| {})
        .unwrap();
    // The positives fit: their numbers are the exact ones to the bit.
    assert_eq!(
        w.loss(
            Class::Positive,
            ClassLoss::of(&p, &LossParams::from_scenario(&s))
        ),
        exact.models[0].loss[1]
    );
    // The negatives' estimate is within a percent (a sample of 65,536 of a million).
    let est = w.loss(
        Class::Negative,
        ClassLoss::of(&n, &LossParams::from_scenario(&s)),
    );
    let truth = exact.models[0].loss[0];
    assert!((est.ce / truth.ce - 1.0).abs() < 0.01, "{est:?} {truth:?}");
    let c = w.confusion(Confusion::at(&n, &p, s.threshold));
    assert_eq!((c.tp + c.fn_, c.fp + c.tn), (10_000, 1_000_000));
    assert_eq!(c.tp, exact.models[0].confusion.tp);
    let fp = exact.models[0].confusion.fp as f64;
    assert!((c.fp as f64 - fp).abs() < 0.15 * fp + 50.0, "{c:?} {fp}");
    let ap = average_precision_weighted(&n, &p, w.negative_weight()).unwrap();
    let ap_exact = exact.models[0].ranks.ranking.average_precision.unwrap();
    assert!((ap - ap_exact).abs() < 0.01, "{ap} {ap_exact}");
}

#[test]
fn the_preview_s_ranking_alone_has_the_bits_of_the_full_walk() {
    use imbalance_lab::sim::ranking::{ap_at_ratios, ranking_weighted};
    for (neg, pos, seed) in [
        (65_536, 65_536, 3),
        (65_536, 700, 9),
        (40, 3_000, 1),
        (0, 10, 2),
    ] {
        let scores =
            |c: Class, n: u32, acc: f64| ClassScores::new(c, acc, &UnitDraws::generate(seed, c, n));
        let (n, p) = (
            scores(Class::Negative, neg, 0.97),
            scores(Class::Positive, pos, 0.6),
        );
        for w in [1.0, 15.3] {
            let all = Ranks::new(&n, &p, w);
            assert_eq!(ranking_weighted(&n, &p, w), all.ranking);
            assert_eq!(ap_at_ratios(&n, &p), all.ap_at_ratios);
        }
    }
}

#[test]
fn a_sampled_ranking_estimate_is_the_full_walk_when_small_and_close_when_large() {
    use imbalance_lab::sim::ranking::{
        ap_at_ratios, ap_at_ratios_sampled, ranking_sampled, ranking_weighted,
    };
    let scores = |c: Class, n: u32, acc: f64, seed: u64| {
        ClassScores::new(c, acc, &UnitDraws::generate(seed, c, n))
    };
    // Classes no larger than the sample: the same bits.
    let (n, p) = (
        scores(Class::Negative, 16_384, 0.9, 4),
        scores(Class::Positive, 300, 0.7, 4),
    );
    assert_eq!(
        ranking_sampled(&n, &p, 3.5, 16_384),
        ranking_weighted(&n, &p, 3.5)
    );
    // A preview four times larger than the sample, of each class, and one of a single class
    // (classes that overlap, so that a negative's weight moves average precision): within a
    // hundredth of the whole walk's numbers, under a preview's weight too.
    for (neg, pos, w) in [
        (65_536, 65_536, 1.0),
        (65_536, 900, 15.3),
        (65_536, 40_000, 0.2),
    ] {
        let (n, p) = (
            scores(Class::Negative, neg, 0.7, 7),
            scores(Class::Positive, pos, 0.6, 7),
        );
        let (got, want) = (
            ranking_sampled(&n, &p, w, 16_384),
            ranking_weighted(&n, &p, w),
        );
        let near = |a: imbalance_lab::sim::Metric, b: imbalance_lab::sim::Metric| {
            (a.unwrap() - b.unwrap()).abs() < 0.01
        };
        assert!(
            near(got.roc_auc, want.roc_auc),
            "{neg} {pos}: {got:?} {want:?}"
        );
        assert!(
            near(got.average_precision, want.average_precision),
            "{neg} {pos}: {got:?} {want:?}"
        );
        assert_ne!(got, want, "a sample, not the whole walk");
        // The A/B panel's average precision at other ratios, on the same sample: close too.
        let (got, want) = (ap_at_ratios_sampled(&n, &p, 16_384), ap_at_ratios(&n, &p));
        for (g, w) in got.into_iter().zip(want) {
            assert!(near(g, w), "{neg} {pos}: {g:?} {w:?}");
        }
    }
}
