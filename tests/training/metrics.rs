//! A model's exact metrics at a threshold: the formulas, every side and limit, far tails, and a
//! large sample counted by hand.

use imbalance_lab::sim::Undefined;
use imbalance_lab::sim::params::Class;
use imbalance_lab::sim::training::*;

use super::reference::tail;

fn logit(t: f64) -> f64 {
    (t / (1.0 - t)).ln()
}

#[test]
fn a_rising_model_follows_the_spec_s_formulas() {
    let pop = Binormal::new(2.0, 100, 1);
    let (neg, pos) = (100.0, 1.0);
    for m in [Model { w: 2.0, b: -6.6 }, Model { w: 0.7, b: -2.8 }] {
        for t in [0.01, 0.1, 0.5, 0.9] {
            let x_t = (logit(t) - m.b) / m.w;
            let r = population_metrics(&pop, &m, t);
            assert_eq!(r.boundary, Boundary::PositiveAbove(r_x(&r)));
            assert!((r_x(&r) - x_t).abs() < 1e-12);
            let (recall, fpr) = (tail(x_t - 2.0), tail(x_t));
            let precision = pos * recall / (pos * recall + neg * fpr);
            let f1 = 2.0 * precision * recall / (precision + recall);
            let acc = (pos * recall + neg * (1.0 - fpr)) / (neg + pos);
            for (got, want) in [
                (r.recall, recall),
                (r.fpr, fpr),
                (r.precision, precision),
                (r.f1, f1),
                (r.accuracy, acc),
            ] {
                let got = got.unwrap();
                assert!(
                    (got - want).abs() <= 1e-13 * want.max(1e-300),
                    "{m:?} t {t}: {got} vs {want}"
                );
            }
        }
    }
}

fn r_x(r: &PopulationMetrics) -> f64 {
    match r.boundary {
        Boundary::PositiveAbove(x) | Boundary::PositiveBelow(x) => x,
        b => panic!("{b:?}"),
    }
}

#[test]
fn a_falling_model_predicts_positive_below_its_boundary() {
    let pop = Binormal::new(1.5, 3, 1);
    let m = Model { w: -1.0, b: 0.5 };
    let r = population_metrics(&pop, &m, 0.5);
    assert_eq!(r.boundary, Boundary::PositiveBelow(0.5));
    // Positive where x <= 0.5.
    let (recall, fpr) = (1.0 - tail(0.5 - 1.5), 1.0 - tail(0.5));
    assert!((r.recall.unwrap() - recall).abs() < 1e-15);
    assert!((r.fpr.unwrap() - fpr).abs() < 1e-15);
    let precision = recall / (recall + 3.0 * fpr);
    assert!((r.precision.unwrap() - precision).abs() < 1e-15);
}

#[test]
fn flat_models_and_extreme_thresholds_are_all_or_nothing() {
    let pop = Binormal::new(2.0, 9, 1);
    let all = |r: &PopulationMetrics| {
        assert_eq!((r.recall, r.fpr), (Ok(1.0), Ok(1.0)));
        assert!((r.precision.unwrap() - 0.1).abs() < 1e-15);
        assert!((r.f1.unwrap() - 2.0 * 0.1 / 1.1).abs() < 1e-15);
    };
    let none = |r: &PopulationMetrics| {
        assert_eq!((r.recall, r.fpr), (Ok(0.0), Ok(0.0)));
        assert_eq!(r.precision, Err(Undefined::NoPredictedPositives));
        assert_eq!(r.f1, Ok(0.0));
        assert!((r.accuracy.unwrap() - 0.9).abs() < 1e-15);
    };
    let flat = Model { w: 0.0, b: 0.0 };
    let r = population_metrics(&pop, &flat, 0.5);
    assert_eq!(r.boundary, Boundary::AllPositive); // p = 0.5 >= 0.5
    all(&r);
    none(&population_metrics(&pop, &flat, 0.6));
    for m in [flat, Model { w: 3.0, b: -1.0 }, Model { w: -3.0, b: 50.0 }] {
        let r = population_metrics(&pop, &m, 0.0);
        assert_eq!(r.boundary, Boundary::AllPositive);
        all(&r);
        let r = population_metrics(&pop, &m, 1.0);
        assert_eq!(r.boundary, Boundary::AllNegative);
        none(&r);
    }
    // NaN reads as 0.5; out of range is clamped.
    assert_eq!(boundary(&flat, f64::NAN), Boundary::AllPositive);
    assert_eq!(boundary(&flat, 7.0), Boundary::AllNegative);
    // A boundary beyond the doubles is the limit.
    let tiny = Model { w: 1e-310, b: 0.0 };
    assert_eq!(boundary(&tiny, 0.9), Boundary::AllNegative);
    assert_eq!(
        boundary(&Model { w: -1e-310, b: 0.0 }, 0.9),
        Boundary::AllNegative
    );
    assert_eq!(
        boundary(&Model { w: -1e-310, b: 0.0 }, 0.1),
        Boundary::AllPositive
    );
}

#[test]
fn far_tails_keep_precision_finite_and_right() {
    // The log tail against erfc where erfc still has it (down to 1e-300).
    for x in [0.0, 5.0, 29.0, 29.999, 30.0, 30.001, 33.0, 37.0] {
        let want = tail(x).ln();
        assert!(
            (ln_normal_tail(x) - want).abs() <= 1e-13 * want.abs().max(1.0),
            "{x}"
        );
    }
    assert!((ln_normal_tail(-40.0)).abs() < 1e-300);
    // Boundary at 35 sd: the tails still exist in doubles, so precision can be checked directly.
    let pop = Binormal::new(2.0, 1000, 1);
    let m = Model { w: 1.0, b: -35.0 };
    let (recall, fpr) = (tail(33.0), tail(35.0));
    let want = recall / (recall + 1000.0 * fpr);
    let got = population_metrics(&pop, &m, 0.5).precision.unwrap();
    assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    // Further out both tails underflow, precision tends to 1 (positives' tail is heavier) and
    // stays a number; at d = 0 it is the positives' share.
    for b in [-40.0, -1e3, -1e10, -1e200] {
        let r = population_metrics(&pop, &Model { w: 1.0, b }, 0.5);
        assert!(r.recall.unwrap() < 1e-300 && r.fpr.unwrap() < 1e-300);
        assert_eq!(r.precision, Ok(1.0), "b {b}");
        let r = population_metrics(&Binormal { sep: 0.0, ..pop }, &Model { w: 1.0, b }, 0.5);
        assert!((r.precision.unwrap() - 1.0 / 1001.0).abs() < 1e-15, "b {b}");
        // A falling model predicts the negatives' side far out: precision 0.
        let r = population_metrics(&pop, &Model { w: -1.0, b }, 0.5);
        assert!(r.precision.unwrap() < 1e-30, "b {b}");
    }
}

#[test]
fn empty_classes_give_reasons() {
    let m = Model { w: 1.0, b: 0.0 };
    let r = population_metrics(&Binormal::new(2.0, 5, 0), &m, 0.5);
    assert_eq!(r.recall, Err(Undefined::NoPositives));
    assert_eq!((r.precision, r.f1), (Ok(0.0), Ok(0.0)));
    let r = population_metrics(&Binormal::new(2.0, 0, 5), &m, 0.5);
    assert_eq!(r.fpr, Err(Undefined::NoNegatives));
    assert_eq!(r.precision, Ok(1.0));
    let r = population_metrics(&Binormal::new(2.0, 0, 0), &m, 0.5);
    assert_eq!(r.accuracy, Err(Undefined::NoSamples));
    assert_eq!(r.f1, Err(Undefined::NoPositivesNorPredicted));
    let r = population_metrics(&Binormal::new(2.0, 5, 0), &m, 1.0);
    assert_eq!(r.f1, Err(Undefined::NoPositivesNorPredicted));
}

#[test]
fn no_metric_is_ever_nan() {
    let models = [
        -1e300, -50.0, -1.0, -1e-300, 0.0, 1e-300, 1e-8, 1.0, 50.0, 1e300,
    ];
    let pops = [
        (0.0, 1, 1),
        (6.0, 10_000, 1),
        (6.0, 1, 10_000),
        (2.0, 0, 3),
        (2.0, 3, 0),
    ];
    for (sep, neg, pos) in pops {
        let pop = Binormal { sep, neg, pos };
        for &w in &models {
            for &b in &models {
                for t in [0.0, 1e-300, 0.3, 0.5, 1.0 - 1e-16, 1.0] {
                    let r = population_metrics(&pop, &Model { w, b }, t);
                    for v in [r.recall, r.fpr, r.precision, r.f1, r.accuracy]
                        .into_iter()
                        .flatten()
                    {
                        assert!((0.0..=1.0).contains(&v), "{w} {b} {t}: {r:?}");
                    }
                }
            }
        }
    }
}
#[test]
fn a_large_sample_counted_by_hand_agrees() {
    // The trained models' exact metrics against a million rows: directions and sides right.
    let pop = Binormal::new(1.5, 3, 1);
    let sample = Sample::generate(&pop, 1_000_000, 11);
    for m in [Model { w: 1.5, b: -2.0 }, Model { w: -0.8, b: 0.3 }] {
        let exact = population_metrics(&pop, &m, 0.4);
        let count = |class: Class| {
            let x = sample.x(class);
            x.iter().filter(|&&x| m.probability(x) >= 0.4).count() as f64 / x.len() as f64
        };
        let (recall, fpr) = (count(Class::Positive), count(Class::Negative));
        // Binomial standard errors: below 0.0009 here; 5 of them.
        assert!(
            (exact.recall.unwrap() - recall).abs() < 0.0045,
            "{m:?}: {exact:?} vs {recall}"
        );
        assert!(
            (exact.fpr.unwrap() - fpr).abs() < 0.0026,
            "{m:?}: {exact:?} vs {fpr}"
        );
    }
}
