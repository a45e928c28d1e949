//! The generator and losses against closed-form expectations and the seed notebook
//! (SPEC sections 1, 2 and 4).

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{expected_ce, expected_focal2};
use imbalance_lab::sim::LossKind;
use imbalance_lab::sim::{Class, Scenario, analyse, score_interval};

/// E[loss] of a scenario from the closed forms: (mean BCE, focal sum at alpha 0.25, gamma 2).
fn expected(neg: f64, pos: f64, acc0: f64, acc1: f64) -> (f64, f64) {
    let bce = neg * expected_ce(Class::Negative, acc0) + pos * expected_ce(Class::Positive, acc1);
    let focal = 0.75 * neg * expected_focal2(Class::Negative, acc0)
        + 0.25 * pos * expected_focal2(Class::Positive, acc1);
    (bce / (neg + pos), focal)
}

fn scenario(neg: u32, pos: u32, acc0: f64, acc1: f64) -> Scenario {
    Scenario {
        neg,
        pos,
        acc0,
        acc1,
        ..Scenario::default()
    }
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

#[test]
fn closed_forms_reproduce_the_spec_table() {
    // SPEC section 4's closed-form columns, to the digits printed there.
    let (bce, focal) = expected(1e6, 1e4, 0.999, 0.5);
    assert!((bce - 0.314099).abs() < 5e-7, "{bce}");
    assert!((focal - 31709.3).abs() < 0.05, "{focal}");
    let (bce, focal) = expected(1e6, 1e4, 0.98, 0.9);
    assert!((bce - 0.315145).abs() < 5e-7, "{bce}");
    assert!((focal - 32314.8).abs() < 0.05, "{focal}");
    assert!((expected(1e4, 1e4, 0.999, 0.5).0 - 0.65362).abs() < 5e-6);
    assert!((expected(1e4, 1e4, 0.98, 0.9).0 - 0.33302).abs() < 5e-6);
}

#[test]
fn notebook_scenarios_within_sampling_noise() {
    // (neg, pos, acc0, acc1, notebook BCE mean, notebook recall, notebook precision, tolerance)
    let cases = [
        (
            1_000_000, 10_000, 0.999, 0.5, 0.313947, 0.5049, 0.8397, 0.003,
        ),
        (
            1_000_000, 10_000, 0.98, 0.9, 0.3151517, 0.8949, 0.3097, 0.003,
        ),
        (10_000, 10_000, 0.999, 0.5, 0.65621394, 0.5015, 0.9976, 0.01),
        (10_000, 10_000, 0.98, 0.9, 0.33528897, 0.9, 0.9772, 0.01),
    ];
    for (neg, pos, acc0, acc1, nb_bce, nb_recall, nb_precision, tol) in cases {
        let a = analyse(&scenario(neg, pos, acc0, acc1));
        let bce = a.losses.get(LossKind::Bce).mean().unwrap();
        let (closed, _) = expected(f64::from(neg), f64::from(pos), acc0, acc1);
        assert!(rel(bce, closed) < tol, "{acc0}/{acc1}: {bce} vs E {closed}");
        assert!(
            rel(bce, nb_bce) < tol,
            "{acc0}/{acc1}: {bce} vs notebook {nb_bce}"
        );
        let m = a.metrics;
        // Recall and precision have binomial noise: about 1/sqrt(pos) absolute.
        assert!(
            (m.recall.unwrap() - nb_recall).abs() < 0.02,
            "{:?}",
            m.recall
        );
        assert!(
            (m.precision.unwrap() - nb_precision).abs() < 0.03,
            "{:?}",
            m.precision
        );
    }
}

#[test]
fn representative_a_matches_the_issue_tolerances() {
    let a = analyse(&scenario(1_000_000, 10_000, 0.999, 0.5));
    let bce = a.losses.get(LossKind::Bce).mean().unwrap();
    assert!(rel(bce, 0.3141) < 0.003, "{bce}");
    // The notebook's focal "loss" is TFA's sum over all samples, not a mean.
    let focal = a.losses.get(LossKind::Focal).sum().unwrap();
    assert!(rel(focal, 31_630.0) < 0.01, "{focal}");
    assert!(rel(focal, 31_709.3) < 0.01, "{focal}");
    // The point of the app: the negatives carry most of the BCE at 1:100.
    let share = a.losses.get(LossKind::Bce).share(Class::Negative).unwrap();
    assert!((share - 0.9685).abs() < 0.005, "{share}");
}

#[test]
fn every_accuracy_is_honoured_with_both_rules() {
    let n = 200_000;
    for acc in [0.0, 0.05, 0.3, 0.49, 0.5, 0.51, 0.8, 0.999, 1.0] {
        let a = analyse(&Scenario {
            threshold: 0.5,
            ..scenario(n, n, acc, acc)
        });
        let c = a.metrics.confusion;
        // P(correct at 0.5) = acc: binomial standard error at most 0.0012 here.
        let correct0 = c.tn as f64 / f64::from(n);
        let correct1 = c.tp as f64 / f64::from(n);
        assert!((correct0 - acc).abs() < 0.006, "acc0 {acc}: {correct0}");
        assert!((correct1 - acc).abs() < 0.006, "acc1 {acc}: {correct1}");
        for (class, scores) in [(Class::Negative, &a.neg), (Class::Positive, &a.pos)] {
            let i = score_interval(class, acc);
            assert!(scores.iter().all(|p| i.lo <= p && p <= i.hi));
            // Sampled mean CE against the closed form (relative SE below 0.3 % here).
            let ce = match class {
                Class::Negative => a.losses.get(LossKind::Bce).class_sums()[0],
                Class::Positive => a.losses.get(LossKind::Bce).class_sums()[1],
            } / f64::from(n);
            let want = expected_ce(class, acc);
            assert!(rel(ce, want) < 0.015, "{class:?} acc {acc}: {ce} vs {want}");
        }
    }
}

#[test]
fn intervals_follow_spec_section_1() {
    let cases = [
        (Class::Negative, 1.0, 0.0, 0.5),
        (Class::Negative, 0.5, 0.0, 1.0),
        (Class::Negative, 0.0, 0.5, 1.0),
        (Class::Negative, 0.25, 1.0 - 0.5 / 0.75, 1.0),
        (Class::Positive, 1.0, 0.5, 1.0),
        (Class::Positive, 0.5, 0.0, 1.0),
        (Class::Positive, 0.0, 0.0, 0.5),
        (Class::Positive, 0.8, 1.0 - 0.5 / 0.8, 1.0),
        // Out of range is clamped, NaN is 0.5.
        (Class::Positive, 7.0, 0.5, 1.0),
        (Class::Negative, f64::NAN, 0.0, 1.0),
    ];
    for (class, acc, lo, hi) in cases {
        let i = score_interval(class, acc);
        assert_eq!((i.lo, i.hi), (lo, hi), "{class:?} {acc}");
    }
}

#[test]
fn sorted_draws_are_uniform() {
    // Kolmogorov-Smirnov against U(0, 1): sorted draws give the statistic directly. 1.63/sqrt(n)
    // is the 1 % critical value; a biased transform (say, a missing final exponential) fails.
    let n = 100_000;
    for seed in 1..=5 {
        let u = imbalance_lab::sim::UnitDraws::generate(seed, Class::Positive, n);
        let d = u
            .as_slice()
            .iter()
            .enumerate()
            .map(|(i, &x)| (x - i as f64 / n as f64).max((i + 1) as f64 / n as f64 - x))
            .fold(0.0, f64::max);
        assert!(d < 1.63 / f64::from(n).sqrt(), "seed {seed}: D = {d}");
    }
}

#[test]
fn every_preset_lands_on_its_closed_form_bce() {
    use imbalance_lab::sim::PRESETS;
    for preset in PRESETS {
        let a = analyse(&preset.scenario(1));
        let (bce, _) = expected(
            f64::from(preset.neg),
            f64::from(preset.pos),
            preset.acc0,
            preset.acc1,
        );
        let got = a.losses.get(LossKind::Bce).mean().unwrap();
        // Sampling noise: about 1 % at 20,000 samples, far less at a million.
        assert!(rel(got, bce) < 0.01, "{}: {got} vs {bce}", preset.name);
        // The metrics at 0.5 are the accuracies the preset names, within sampling noise.
        let recall = a.metrics.recall.unwrap();
        assert!(
            (recall - preset.acc1).abs() < 0.05,
            "{}: recall {recall}",
            preset.name
        );
    }
}
