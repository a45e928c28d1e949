//! The numerics under the population fit: the loss's gradient and Hessian against finite
//! differences, and the normal quadrature against closed forms and itself.

use imbalance_lab::sim::loss::FIRST;
use imbalance_lab::sim::params::Class;
use imbalance_lab::sim::training::quadrature::NormalRule;
use imbalance_lab::sim::training::*;

use super::reference::{self, nudged};

#[test]
fn gradient_and_hessian_match_finite_differences() {
    let pop = Binormal::new(2.0, 100, 3);
    let models = [
        Model { w: 2.0, b: -4.0 },
        Model { w: 0.3, b: 1.0 },
        Model { w: -1.5, b: -0.5 },
        Model { w: 5.0, b: -20.0 },
    ];
    for gamma in [0.0, 0.5, 2.0, 2.5, 10.0] {
        let p = LossParams::new(7.0, 0.3, gamma);
        for kind in FIRST {
            for m in models {
                let o = objective(&pop, kind, &p, &m);
                let h = 1e-5;
                for i in 0..2 {
                    let at = |s: f64| objective(&pop, kind, &p, &nudged(m, i, s));
                    let (hi, lo) = (at(h), at(-h));
                    let fd = (hi.value - lo.value) / (2.0 * h);
                    let case = format!("{kind:?} gamma {gamma} {m:?} param {i}");
                    let scale = o.grad[0].abs() + o.grad[1].abs() + o.value;
                    assert!(
                        (fd - o.grad[i]).abs() <= 1e-7 * scale,
                        "{case}: {fd} vs {:?}",
                        o.grad
                    );
                    for j in 0..2 {
                        let fd = (hi.grad[j] - lo.grad[j]) / (2.0 * h);
                        let scale = o.hess[0][0].abs() + o.hess[1][1].abs() + scale;
                        assert!(
                            (fd - o.hess[i][j]).abs() <= 1e-7 * scale,
                            "{case} {j}: {fd} vs {:?}",
                            o.hess
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn quadrature_is_exact_to_rounding() {
    // E Phi(a x + c) = Phi(c / sqrt(1 + a^2)) for x ~ N(0, 1).
    for step in [0.125, NormalRule::step_for_slope(6.0)] {
        let rule = NormalRule::with_step(step);
        for (a, c) in [(0.5, 0.3), (2.0, -1.0), (6.0, 4.0), (-3.0, 0.0)] {
            let got = rule.expect(0.0, |x| 1.0 - reference::tail(a * x + c));
            let want = 1.0 - reference::tail(c / (1.0f64 + a * a).sqrt());
            assert!((got - want).abs() < 2e-15, "a {a} c {c}: {got} vs {want}");
        }
    }
    // Halving the step changes nothing: the rule has converged, also near the losses' poles.
    let pop = Binormal::new(3.0, 5, 2);
    let p = LossParams::new(3.0, 0.3, 2.5);
    for w in [0.1, 1.0, 3.2, 6.0, 12.0, -8.0] {
        let m = Model {
            w,
            b: -w * 1.5 + 0.3,
        };
        let h = NormalRule::step_for_slope(w);
        for kind in FIRST {
            let shape = Shape::of(kind, &p).unwrap();
            for class in [Class::Negative, Class::Positive] {
                let at = |step: f64| {
                    let rule = NormalRule::with_step(step);
                    population::class_objective(&pop, &shape, class, &m, &rule)
                };
                let (a, b) = (at(h), at(h / 2.0));
                let diffs = [
                    a.value - b.value,
                    a.grad[0] - b.grad[0],
                    a.grad[1] - b.grad[1],
                    a.hess[0][0] - b.hess[0][0],
                    a.hess[1][1] - b.hess[1][1],
                ];
                let size = a.value + a.grad[0].abs() + a.hess[0][0].abs();
                for diff in diffs {
                    assert!(
                        diff.abs() <= 1e-14 * size,
                        "{kind:?} {class:?} w {w}: {diff:e}"
                    );
                }
            }
        }
    }
}
