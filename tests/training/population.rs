//! The population fit: closed forms, an independent minimiser, finite differences, the
//! quadrature's accuracy, and every case without an optimum.

use imbalance_lab::sim::loss::FIRST;
use imbalance_lab::sim::params::Class;
use imbalance_lab::sim::training::*;
use imbalance_lab::sim::{LossKind, Undefined};

use super::reference::{self, close, nelder_mead};

const MIXES: [(u32, u32); 6] = [(1, 1), (100, 1), (1, 3), (10_000, 1), (1, 10_000), (7, 2)];
const SEPS: [f64; 6] = [0.25, 1.0, 2.0, 3.5, 5.0, 6.0];
const PARAMS: [LossParams; 4] = [
    LossParams::new(0.01, 0.01, 2.0),
    LossParams::new(3.0, 0.25, 2.0),
    LossParams::new(100.0, 0.9, 2.0),
    LossParams::new(1.0, 0.5, 2.0),
];

/// SPEC section 6's closed form for the cross-entropies.
fn closed_form(pop: &Binormal, kind: LossKind, p: &LossParams) -> Model {
    let d = pop.sep;
    let shift = match kind {
        LossKind::Bce => 0.0,
        LossKind::WeightedBce => p.pos_weight.ln(),
        LossKind::BalancedCe => (p.alpha / (1.0 - p.alpha)).ln(),
        _ => unreachable!(),
    };
    Model {
        w: d,
        b: -d * d / 2.0 + (f64::from(pop.pos) / f64::from(pop.neg)).ln() + shift,
    }
}

#[test]
fn cross_entropies_reach_their_closed_forms_from_anywhere() {
    let kinds = [LossKind::Bce, LossKind::WeightedBce, LossKind::BalancedCe];
    let mut far = [Model::default(), Model { w: -1.0, b: 5.0 }]
        .into_iter()
        .cycle();
    for (d, (neg, pos), p) in [0.25, 2.0, 6.0].iter().flat_map(|&d| {
        MIXES
            .iter()
            .flat_map(move |&m| PARAMS[..3].iter().map(move |p| (d, m, p)))
    }) {
        let pop = Binormal { sep: d, neg, pos };
        for kind in kinds {
            let want = closed_form(&pop, kind, p);
            // From the closed form (what fit_population does) and from far away, in turn from
            // w = b = 0 and from the wrong side.
            for start in [None, far.next()] {
                let fit = match start {
                    None => fit_population(&pop, kind, p),
                    Some(s) => fit_population_from(&pop, kind, p, s),
                }
                .unwrap_or_else(|e| panic!("{kind:?} d {d} {neg}:{pos} {p:?}: {e:?}"));
                let m = fit.model;
                assert!(
                    close(m.w, want.w, 1e-9) && close(m.b, want.b, 1e-9),
                    "{kind:?} d {d} {neg}:{pos} {p:?} from {start:?}: {m:?} vs {want:?}"
                );
            }
        }
    }
}

#[test]
fn focal_at_gamma_zero_is_balanced_ce() {
    for (d, (neg, pos)) in SEPS.iter().flat_map(|&d| MIXES.map(|m| (d, m))) {
        let pop = Binormal { sep: d, neg, pos };
        for alpha in [0.01, 0.25, 0.5, 0.9] {
            let p = LossParams {
                alpha,
                gamma: 0.0,
                ..LossParams::default()
            };
            let focal = fit_population(&pop, LossKind::Focal, &p).unwrap().model;
            let want = closed_form(&pop, LossKind::BalancedCe, &p);
            assert!(close(focal.w, want.w, 1e-9) && close(focal.b, want.b, 1e-9));
        }
    }
}

#[test]
fn focal_matches_an_independent_minimiser() {
    // (d, neg, pos, alpha, gamma)
    let cases = [
        (2.0, 100, 1, 0.25, 2.0),
        (1.0, 1, 1, 0.25, 2.0),
        (2.0, 1, 3, 0.5, 5.0),
        (3.0, 10, 1, 0.75, 0.5),
        (1.5, 100, 1, 0.25, 10.0),
    ];
    for (sep, neg, pos, alpha, gamma) in cases {
        let pop = Binormal { sep, neg, pos };
        let p = LossParams {
            alpha,
            gamma,
            ..LossParams::default()
        };
        let fit = fit_population(&pop, LossKind::Focal, &p).unwrap();
        let f = |v: [f64; 2]| {
            reference::objective(&pop, LossKind::Focal, &p, &Model { w: v[0], b: v[1] })
        };
        // From the BCE optimum, as a user would start.
        let nm = nelder_mead(f, [sep, -sep * sep / 2.0], 0.5);
        let case = format!("d {sep} {neg}:{pos} alpha {alpha} gamma {gamma}: {fit:?} vs {nm:?}");
        assert!(
            close(fit.model.w, nm[0], 2e-6) && close(fit.model.b, nm[1], 2e-6),
            "{case}"
        );
        // The library's value at its optimum is the independent integral's, and no lower than
        // the independent minimum.
        let ours = f([fit.model.w, fit.model.b]);
        assert!(
            close(fit.loss, ours, 1e-9),
            "{case}: {} vs {ours}",
            fit.loss
        );
        assert!(ours <= f(nm) * (1.0 + 1e-12), "{case}");
    }
}

#[test]
fn objective_and_expected_loss_match_an_independent_integral() {
    let pop = Binormal::new(2.0, 30, 7);
    let p = LossParams::new(4.0, 0.3, 2.5);
    for m in [
        Model { w: 2.0, b: -1.0 },
        Model { w: -0.7, b: 0.4 },
        Model { w: 6.0, b: -9.0 },
    ] {
        for kind in FIRST {
            let want = reference::objective(&pop, kind, &p, &m);
            let got = objective(&pop, kind, &p, &m).value;
            assert!(close(got, want, 1e-10), "{kind:?} {m:?}: {got} vs {want}");
            assert!(close(
                expected_loss(&pop, &m, kind, &p).unwrap(),
                got,
                1e-15
            ));
        }
    }
    let empty = Binormal::new(2.0, 0, 0);
    assert_eq!(
        expected_loss(&empty, &Model::default(), LossKind::Bce, &p),
        Err(Undefined::NoSamples)
    );
}

#[test]
fn zero_separation_gives_a_flat_model_at_the_prior() {
    for (neg, pos) in MIXES {
        let pop = Binormal { sep: 0.0, neg, pos };
        let q = f64::from(pos) / f64::from(neg + pos);
        for p in PARAMS {
            for kind in FIRST {
                let fit = fit_population(&pop, kind, &p).unwrap();
                assert_eq!(fit.model.w, 0.0);
                // The prior log-odds plus the class-weight shift; focal: the logit of p*(q).
                let want = match kind {
                    LossKind::Focal => optimal_logit(&Shape::of(kind, &p).unwrap(), q).unwrap(),
                    _ => closed_form(&pop, kind, &p).b,
                };
                assert!(close(fit.model.b, want, 1e-12), "{kind:?} {neg}:{pos}");
                // Newton from elsewhere finds the same.
                let far = fit_population_from(&pop, kind, &p, Model { w: 1.0, b: 0.0 }).unwrap();
                assert!(
                    far.model.w.abs() < 1e-9 && close(far.model.b, want, 1e-9),
                    "{kind:?} {far:?}"
                );
            }
        }
    }
}

#[test]
fn no_optimum_is_a_reason_not_a_number() {
    let p = LossParams::default();
    for kind in FIRST {
        let fit = |neg, pos| fit_population(&Binormal { sep: 2.0, neg, pos }, kind, &p);
        assert_eq!(fit(0, 0), Err(NoOptimum::NoSamples));
        assert_eq!(fit(5, 0), Err(NoOptimum::NoPositives));
        assert_eq!(fit(0, 5), Err(NoOptimum::NoNegatives));
    }
    let pop = Binormal::new(2.0, 10, 1);
    for (alpha, class) in [(0.0, Class::Positive), (1.0, Class::Negative)] {
        let p = LossParams { alpha, ..p };
        for kind in [LossKind::BalancedCe, LossKind::Focal] {
            assert_eq!(
                fit_population(&pop, kind, &p),
                Err(NoOptimum::ZeroWeight(class))
            );
        }
        // The other two ignore alpha.
        assert!(fit_population(&pop, LossKind::Bce, &p).is_ok());
        assert!(fit_population(&pop, LossKind::WeightedBce, &p).is_ok());
    }
    for e in [
        NoOptimum::NoSamples,
        NoOptimum::ZeroWeight(Class::Positive),
        NoOptimum::Separated,
    ] {
        assert!(!e.reason().is_empty());
    }
}

#[test]
fn extreme_settings_converge_to_a_true_minimum() {
    let mut cases = Vec::new();
    for (neg, pos) in [(10_000, 1), (1, 10_000), (1, 1)] {
        for (pw, alpha, gamma) in [
            (100.0, 0.25, 10.0),
            (0.01, 0.01, 10.0),
            (100.0, 0.99, 0.0),
            (1.0, 0.5, 7.3),
        ] {
            for sep in [6.0, 0.01] {
                cases.push((sep, neg, pos, LossParams::new(pw, alpha, gamma)));
            }
        }
    }
    for (sep, neg, pos, p) in cases {
        let pop = Binormal { sep, neg, pos };
        for kind in FIRST {
            let case = format!("{kind:?} d {sep} {neg}:{pos} {p:?}");
            let fit = fit_population(&pop, kind, &p).unwrap_or_else(|e| panic!("{case}: {e:?}"));
            let m = fit.model;
            assert!(
                m.w.is_finite() && m.b.is_finite() && fit.loss.is_finite(),
                "{case}"
            );
            assert!(fit.steps <= 40, "{case}: {} steps", fit.steps);
            // A minimum: the loss rises in every direction around it.
            for (dw, db) in [
                (1.0, 0.0),
                (-1.0, 0.0),
                (0.0, 1.0),
                (0.0, -1.0),
                (0.7, -0.7),
            ] {
                let e = 1e-4 * (1.0 + m.w.abs() + m.b.abs());
                let moved = Model {
                    w: m.w + e * dw,
                    b: m.b + e * db,
                };
                assert!(
                    expected_loss(&pop, &moved, kind, &p).unwrap() >= fit.loss,
                    "{case}"
                );
            }
        }
    }
}

#[test]
fn each_trained_model_balances_the_two_classes_gradients() {
    // At a loss's own optimum d/db = 0: the classes' pulls on the logit cancel, so each carries
    // half of the gradient (for every loss, mix and gamma).
    for (sep, neg, pos) in [(2.0, 100, 1), (1.0, 1, 4), (6.0, 10_000, 1)] {
        let pop = Binormal { sep, neg, pos };
        for gamma in [0.0, 2.0, 10.0] {
            let p = LossParams::new(5.0, 0.25, gamma);
            for kind in FIRST {
                let m = fit_population(&pop, kind, &p).unwrap().model;
                let s = gradient_shares(&pop, &m, kind, &p)
                    .share(Class::Negative)
                    .unwrap();
                assert!(
                    (s - 0.5).abs() < 1e-9,
                    "{kind:?} d {sep} {neg}:{pos} gamma {gamma}: {s}"
                );
            }
        }
    }
}

#[test]
fn focal_takes_the_gradient_away_from_the_negatives_at_the_bce_model() {
    // The focal paper's point at 1:100: at the BCE-trained model, easy negatives carry half of
    // BCE's gradient, and less and less of focal's as gamma grows (alpha 0.5 leaves only gamma).
    let pop = Binormal::new(2.0, 100, 1);
    let bce = fit_population(&pop, LossKind::Bce, &LossParams::default())
        .unwrap()
        .model;
    let mut last = 1.0;
    for gamma in [0.0, 0.5, 1.0, 2.0, 5.0, 10.0] {
        let p = LossParams {
            alpha: 0.5,
            gamma,
            ..LossParams::default()
        };
        let g = gradient_shares(&pop, &bce, LossKind::Focal, &p);
        // Against an independent integral of the naive loss's derivative.
        for (class, got, mean) in [(false, g.neg, 0.0), (true, g.pos, 2.0)] {
            let count = if class { 1.0 } else { 100.0 };
            let h = 1e-5;
            let want = count
                * reference::simpson(mean, |x| {
                    let z = bce.w * x + bce.b;
                    ((reference::naive_loss(LossKind::Focal, &p, class, z + h)
                        - reference::naive_loss(LossKind::Focal, &p, class, z - h))
                        / (2.0 * h))
                        .abs()
                });
            assert!(close(got, want, 1e-7), "gamma {gamma}: {got} vs {want}");
        }
        let share = g.share(Class::Negative).unwrap();
        if gamma == 0.0 {
            assert!((share - 0.5).abs() < 1e-9);
        }
        assert!(share < last, "gamma {gamma}: {share}");
        last = share;
    }
    assert!(last < 0.2, "{last}");
    let none = gradient_shares(
        &Binormal::new(2.0, 0, 0),
        &bce,
        LossKind::Bce,
        &LossParams::default(),
    );
    assert_eq!(none.share(Class::Negative), Err(Undefined::ZeroLoss));
}
