//! The loss-optimal prediction p*(q): closed forms, brute force, and the stationarity condition.

use imbalance_lab::sim::LossKind;
use imbalance_lab::sim::loss::FIRST;
use imbalance_lab::sim::params::Class;
use imbalance_lab::sim::training::*;

const PARAMS: [LossParams; 5] = [
    LossParams::new(1.0, 0.25, 2.0),
    LossParams::new(0.01, 0.01, 0.5),
    LossParams::new(100.0, 0.99, 10.0),
    LossParams::new(3.0, 0.5, 5.0),
    LossParams::new(1.0, 0.75, 1.0),
];

/// The focal expected loss at true probability q, straight from SPEC section 2 in p.
fn focal_risk(p: &LossParams, q: f64, x: f64) -> f64 {
    let l1 = -p.alpha * (1.0 - x).powf(p.gamma) * x.ln();
    let l0 = -(1.0 - p.alpha) * x.powf(p.gamma) * (-x).ln_1p();
    q * l1 + (1.0 - q) * l0
}

/// argmin over p by grids: 100,001 points on (0, 1), then five finer grids around the best.
fn brute_force(f: impl Fn(f64) -> f64) -> f64 {
    let (mut lo, mut hi, mut n) = (0.0, 1.0, 100_000);
    let mut best = 0.5;
    for _ in 0..6 {
        let h = (hi - lo) / n as f64;
        best = (1..n)
            .map(|i| lo + i as f64 * h)
            .min_by(|&a, &b| f(a).total_cmp(&f(b)))
            .unwrap();
        (lo, hi, n) = ((best - 2.0 * h).max(0.0), (best + 2.0 * h).min(1.0), 1000);
    }
    best
}

#[test]
fn the_grid_is_the_spec_s() {
    assert_eq!(Q_GRID.len(), 19);
    for (i, q) in Q_GRID.iter().enumerate() {
        assert_eq!(*q, (i + 1) as f64 / 20.0);
    }
    assert_eq!((Q_GRID[0], Q_GRID[18]), (0.05, 0.95));
}

#[test]
fn cross_entropies_follow_their_closed_forms() {
    let odds = |p: f64| p / (1.0 - p);
    for p in PARAMS {
        let k = p.alpha / (1.0 - p.alpha);
        for q in Q_GRID {
            let bce = optimal_prediction(LossKind::Bce, &p, q).unwrap();
            assert!((bce - q).abs() <= 1e-16, "{q}");
            let w = optimal_prediction(LossKind::WeightedBce, &p, q).unwrap();
            assert!(
                (odds(w) / odds(q) / p.pos_weight - 1.0).abs() < 1e-12,
                "{p:?} {q}"
            );
            let b = optimal_prediction(LossKind::BalancedCe, &p, q).unwrap();
            assert!((odds(b) / odds(q) / k - 1.0).abs() < 1e-12, "{p:?} {q}");
        }
        // Near 0 and 1, where odds lose digits: p* = 1 / (1 + (1 - q) / (k q)).
        for q in [1e-9, 0.3333, 1.0 - 1e-9] {
            assert_eq!(optimal_prediction(LossKind::Bce, &p, q), Ok(q));
            for (kind, k) in [
                (LossKind::WeightedBce, p.pos_weight),
                (LossKind::BalancedCe, k),
            ] {
                let got = optimal_prediction(kind, &p, q).unwrap();
                let want = 1.0 / (1.0 + (1.0 - q) / (k * q));
                assert!((got - want).abs() <= 1e-15 * want, "{kind:?} {p:?} {q}");
            }
        }
    }
}

#[test]
fn focal_matches_brute_force_and_its_stationarity_condition() {
    for p in PARAMS {
        let mut last = 0.0;
        for (q, got) in Q_GRID.into_iter().zip(optimal_curve(LossKind::Focal, &p)) {
            let got = got.unwrap();
            let want = brute_force(|x| focal_risk(&p, q, x));
            assert!(
                (got - want).abs() < 1e-7,
                "{p:?} q {q}: {got} vs brute force {want}"
            );
            // d/dp [q l1 + (1 - q) l0] = 0 solved for q: q = l0' / (l0' - l1').
            let (a, g, x) = (p.alpha, p.gamma, got);
            let l1 = a * (g * (1.0 - x).powf(g - 1.0) * x.ln() - (1.0 - x).powf(g) / x);
            let l0 = -(1.0 - a) * (g * x.powf(g - 1.0) * (-x).ln_1p() - x.powf(g) / (1.0 - x));
            let q_back = l0 / (l0 - l1);
            assert!((q_back - q).abs() < 1e-12, "{p:?} q {q}: {q_back}");
            // p* rises with q.
            assert!(got > last, "{p:?} q {q}");
            last = got;
        }
    }
}

#[test]
fn focal_at_gamma_zero_is_balanced_ce() {
    for alpha in [0.01, 0.25, 0.5, 0.99] {
        let p = LossParams {
            alpha,
            gamma: 0.0,
            ..LossParams::default()
        };
        let f = optimal_curve(LossKind::Focal, &p);
        let b = optimal_curve(LossKind::BalancedCe, &p);
        for (f, b) in f.iter().zip(&b) {
            assert!((f.unwrap() - b.unwrap()).abs() < 1e-15);
        }
    }
}

#[test]
fn outside_the_open_interval_there_is_a_reason() {
    for kind in FIRST {
        let p = LossParams::default();
        assert_eq!(
            optimal_prediction(kind, &p, 0.0),
            Err(NoOptimum::NoPositives)
        );
        assert_eq!(
            optimal_prediction(kind, &p, f64::NAN),
            Err(NoOptimum::NoPositives)
        );
        assert_eq!(
            optimal_prediction(kind, &p, 1.0),
            Err(NoOptimum::NoNegatives)
        );
    }
    for (alpha, class) in [(0.0, Class::Positive), (1.0, Class::Negative)] {
        for gamma in [0.0, 2.0, 10.0] {
            let p = LossParams {
                alpha,
                gamma,
                ..LossParams::default()
            };
            for kind in [LossKind::BalancedCe, LossKind::Focal] {
                for r in optimal_curve(kind, &p) {
                    assert_eq!(r, Err(NoOptimum::ZeroWeight(class)));
                }
            }
            assert!(optimal_curve(LossKind::Bce, &p).iter().all(Result::is_ok));
        }
    }
    // Parameters beyond their ranges are clamped, never NaN.
    let wild = LossParams::new(1e9, 7.0, f64::NAN);
    for kind in FIRST {
        for r in optimal_curve(kind, &wild) {
            assert!(r.map_or(true, |v| (0.0..=1.0).contains(&v)));
        }
    }
}
