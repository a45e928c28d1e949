//! What each loss does to the model, read off the population models and `p*(q)` (issue 25,
//! part 3). On the binormal population BCE trains the true posterior, so comparing a loss's
//! model with BCE's sorts the losses into four kinds:
//!
//! - the same slope `w` as BCE's and another intercept: the loss only moves the threshold. Its
//!   decisions at `t` are BCE's at `t' = sigmoid(logit t - (b - b_bce))`, and it is BCE with
//!   `pos_weight = e^(b - b_bce)` (weighted BCE, alpha-balanced CE, class-balanced, logit
//!   adjustment);
//! - margins that do not cancel (`shift_0 != -shift_1`, LDAM): the slope changes too;
//! - another slope from a reshaped per-sample loss (focal, asymmetric, Poly-1): its outputs are
//!   no longer probabilities, but where `p*(q)` rises they map back to one, `q(p)`;
//! - no finite optimum (Tversky, Dice): the model sharpens towards a hard boundary.
//!
//! `q(p)` needs no search: `p` is optimal for `q` where the expected loss's slope in the logit,
//! `q l1'(z) + (1 - q) l0'(z)`, vanishes, so `q = l0' / (l0' - l1')` at `z = logit p`.

use super::optimal::logit;
use super::problem::{NoOptimum, sigmoid};
use super::view::TrainingView;
use crate::sim::LossKind;
use crate::sim::loss::Shape;
use crate::sim::params::Class;

/// How close a slope must be to BCE's, relatively, to count as the same.
pub const SAME_SLOPE: f64 = 1e-9;

/// The outputs `p` at which the page maps a reshaping loss back to a probability.
pub const P_GRID: [f64; 5] = [0.1, 0.25, 0.5, 0.75, 0.9];

/// What a loss does to the model, compared with BCE's.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// BCE's slope, the intercept moved by `shift = b - b_bce` (0: BCE's own model).
    Threshold {
        /// `b - b_bce`.
        shift: f64,
    },
    /// Per-class margins `[D0, D1]` in logit units, which change the slope as well.
    Margins {
        /// The negatives' and the positives' margins.
        margins: [f64; 2],
    },
    /// Another slope: the outputs are reshaped probabilities.
    Reshapes {
        /// The true probability `q(p)` at each of `P_GRID`'s outputs; `None` where no `q` in
        /// (0, 1) asks for that output, or where `p*(q)` does not rise.
        calibrated: [Option<f64>; P_GRID.len()],
        /// The range of `q` over which `p*(q)` fails to rise on the view's grid, if any.
        not_monotone: Option<(f64, f64)>,
    },
    /// No finite optimum: the model sharpens towards positive where `x >= boundary`.
    Sharpens {
        /// The boundary `x*`, or why there is none.
        boundary: Result<f64, NoOptimum>,
    },
    /// No model here, and why.
    Untrained(NoOptimum),
}

/// `e^shift`: the pos_weight whose weighted BCE moves BCE's intercept by `shift`.
pub fn pos_weight(shift: f64) -> f64 {
    libm::exp(shift)
}

/// The threshold on BCE's probabilities that makes BCE's decisions those of a model whose
/// intercept is BCE's plus `shift`, at threshold `t`.
pub fn bce_threshold(t: f64, shift: f64) -> f64 {
    sigmoid(logit(t.clamp(0.0, 1.0)) - shift)
}

/// What `kind` does to the model of `view`'s population.
pub fn effect(view: &TrainingView, kind: LossKind) -> Effect {
    let trained = match view.trained.get(kind) {
        Ok(t) => t,
        Err(NoOptimum::SetLevel) => {
            return Effect::Sharpens {
                boundary: view.sharpened,
            };
        }
        Err(why) => return Effect::Untrained(*why),
    };
    let bce = match view.trained.get(LossKind::Bce) {
        Ok(t) => t.model,
        Err(why) => return Effect::Untrained(*why),
    };
    let Ok(shape) = Shape::of(kind, &view.params) else {
        return Effect::Untrained(NoOptimum::NotConverged);
    };
    let m = trained.model;
    if (m.w - bce.w).abs() <= SAME_SLOPE * bce.w.abs() {
        return Effect::Threshold { shift: m.b - bce.b };
    }
    if shape.shift[0] != -shape.shift[1] {
        return Effect::Margins {
            margins: shape.shift.map(|s| -s),
        };
    }
    let not_monotone = not_increasing(view.optimal.get(kind));
    let calibrated = P_GRID.map(|p| {
        calibrated(&shape, p).filter(|q| not_monotone.is_none_or(|(lo, hi)| *q < lo || *q > hi))
    });
    Effect::Reshapes {
        calibrated,
        not_monotone,
    }
}

/// The true probability `q` for which the output `p` is the loss's optimum: where the expected
/// loss's slope `q l1'(z) + (1 - q) l0'(z)` vanishes. `None` if no `q` in (0, 1) has it.
pub fn calibrated(shape: &Shape, p: f64) -> Option<f64> {
    let z = logit(p);
    let (pos, neg) = (
        shape.at(Class::Positive, z).slope,
        shape.at(Class::Negative, z).slope,
    );
    let q = neg / (neg - pos);
    (q > 0.0 && q < 1.0).then_some(q)
}

/// The span of `x` over which the points' `y` fails to rise strictly, from the first point
/// where it stops rising to the last; `None` if it rises throughout.
pub fn not_increasing(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let falls: Vec<usize> = points
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[1].1 <= w[0].1)
        .map(|(i, _)| i)
        .collect();
    let (first, last) = (falls.first()?, falls.last()?);
    Some((points[*first].0, points[last + 1].0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::loss::{ASL_GN, ASL_M, CB_BETA, LA_TAU, LDAM_M, POLY_EPS};
    use crate::sim::training::optimal_prediction;
    use crate::sim::training::{Binormal, LossParams};

    fn view(neg: u32, pos: u32, params: &LossParams) -> TrainingView {
        TrainingView::compute(&Binormal::new(2.0, neg, pos), params, 0.5)
    }

    fn shift(e: &Effect) -> f64 {
        match e {
            Effect::Threshold { shift } => *shift,
            other => panic!("not a threshold move: {other:?}"),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    /// Each loss lands in its kind at the defaults and at other settings.
    #[test]
    fn each_loss_is_classified() {
        for (neg, pos, gamma) in [(900, 100, 2.0), (99, 1, 1.0), (500, 500, 3.5)] {
            let v = view(neg, pos, &LossParams::new(4.0, 0.3, gamma));
            for kind in LossKind::ALL {
                let e = effect(&v, kind);
                let ok = match kind {
                    LossKind::Bce => e == Effect::Threshold { shift: 0.0 },
                    LossKind::WeightedBce
                    | LossKind::BalancedCe
                    | LossKind::ClassBalanced
                    | LossKind::LogitAdjusted => matches!(e, Effect::Threshold { .. }),
                    LossKind::Ldam => matches!(e, Effect::Margins { .. }),
                    LossKind::Focal | LossKind::Poly1 => {
                        matches!(
                            e,
                            Effect::Reshapes {
                                not_monotone: None,
                                ..
                            }
                        )
                    }
                    // Its p*(q) reaches 1 at high q (below).
                    LossKind::Asymmetric => matches!(e, Effect::Reshapes { .. }),
                    LossKind::Tversky => matches!(e, Effect::Sharpens { boundary: Ok(_) }),
                };
                assert!(ok, "{} at {neg}:{pos}, gamma {gamma}: {e:?}", kind.key());
            }
        }
    }

    /// Parameters that make a loss BCE make it move nothing; an empty class trains nothing.
    #[test]
    fn bce_in_disguise_and_empty_classes() {
        let p = LossParams::new(1.0, 0.5, 0.0)
            .with(LDAM_M, 0.0)
            .with(POLY_EPS, 0.0)
            .with(ASL_GN, 0.0)
            .with(ASL_M, 0.0);
        let v = view(900, 100, &p);
        for kind in [LossKind::Ldam, LossKind::Poly1, LossKind::Asymmetric] {
            assert!(shift(&effect(&v, kind)).abs() < 1e-9, "{}", kind.key());
        }
        let empty = view(100, 0, &LossParams::default());
        for kind in LossKind::ALL {
            assert!(
                matches!(
                    effect(&empty, kind),
                    Effect::Untrained(_) | Effect::Sharpens { boundary: Err(_) }
                ),
                "{}",
                kind.key()
            );
        }
    }

    /// The equivalent pos_weight is each threshold-moving loss's closed form.
    #[test]
    fn equivalent_pos_weight_is_the_closed_form() {
        let (neg, pos) = (950.0, 50.0);
        for (beta, tau, pw, alpha) in [(0.999, 1.0, 7.0, 0.25), (0.9, 0.4, 0.2, 0.8)] {
            let p = LossParams::new(pw, alpha, 2.0)
                .with(CB_BETA, beta)
                .with(LA_TAU, tau);
            let v = view(neg as u32, pos as u32, &p);
            let weight = |kind| pos_weight(shift(&effect(&v, kind)));
            let e = |n: f64| (1.0 - libm::pow(beta, n)) / (1.0 - beta);
            // Class-balanced: w1 / w0 = E_0 / E_1.
            assert!(close(weight(LossKind::ClassBalanced), e(neg) / e(pos)));
            // Logit adjustment: b = -d^2/2 + (1 - tau) ln(pos/neg), so (neg / pos)^tau.
            assert!(close(
                weight(LossKind::LogitAdjusted),
                libm::pow(neg / pos, tau)
            ));
            assert!(close(weight(LossKind::WeightedBce), pw));
            assert!(close(weight(LossKind::BalancedCe), alpha / (1.0 - alpha)));
        }
    }

    /// BCE at `bce_threshold` decides as weighted BCE does at the page's threshold.
    #[test]
    fn the_equivalent_threshold_gives_the_same_boundary() {
        let v = view(900, 100, &LossParams::new(9.0, 0.25, 2.0));
        let s = shift(&effect(&v, LossKind::WeightedBce));
        assert!(close(bce_threshold(0.5, s), 0.1));
        let bce = v.trained.get(LossKind::Bce).as_ref().unwrap().model;
        let weighted = v.trained.get(LossKind::WeightedBce).as_ref().unwrap().model;
        let t = 0.3;
        let x_bce = (logit(bce_threshold(t, s)) - bce.b) / bce.w;
        let x_weighted = (logit(t) - weighted.b) / weighted.w;
        assert!(close(x_bce, x_weighted), "{x_bce} {x_weighted}");
        assert_eq!(bce_threshold(0.0, s), 0.0);
        assert_eq!(bce_threshold(1.0, s), 1.0);
    }

    /// LDAM's margins are `m (n_min / n_c)^(1/4)`: the rarer class gets m.
    #[test]
    fn ldam_reports_its_margins() {
        let v = view(1600, 100, &LossParams::default().with(LDAM_M, 2.0));
        let Effect::Margins { margins } = effect(&v, LossKind::Ldam) else {
            panic!("LDAM moves margins");
        };
        assert!(
            close(margins[1], 2.0) && close(margins[0], 1.0),
            "{margins:?}"
        );
    }

    /// `q(p)` inverts `p*(q)`: the map back lands on the probability asked.
    #[test]
    fn the_map_back_inverts_the_optimal_prediction() {
        let p = LossParams::default().with_counts(900.0, 100.0);
        for kind in [LossKind::Focal, LossKind::Asymmetric, LossKind::Poly1] {
            let shape = Shape::of(kind, &p).unwrap();
            for q in [0.02, 0.2, 0.5, 0.8, 0.95] {
                let pstar = optimal_prediction(kind, &p, q).unwrap();
                let back = calibrated(&shape, pstar).unwrap();
                assert!(
                    (back - q).abs() < 1e-9,
                    "{}: {q} -> {pstar} -> {back}",
                    kind.key()
                );
            }
        }
        // The asymmetric loss never outputs less than its margin: no q asks for it.
        let asl = Shape::of(LossKind::Asymmetric, &p).unwrap();
        assert_eq!(calibrated(&asl, 0.04), None);
    }

    /// A negative's asymmetric loss stays finite as p -> 1 (`-(1 - m)^gn ln m`): above the `q` at
    /// which the expected loss still falls at p = 1, `p*` is 1 and does not rise. That `q` is
    /// `N'(1) / (1 + N'(1))`, `N'(1) = gn (1 - m)^(gn - 1) (-ln m) + (1 - m)^gn / m`.
    #[test]
    fn the_asymmetric_loss_stops_rising_where_it_reaches_one() {
        for (gn, m) in [(4.0, 0.05), (2.0, 0.2)] {
            let p = LossParams::default().with(ASL_GN, gn).with(ASL_M, m);
            let v = view(900, 100, &p);
            let slope =
                gn * libm::pow(1.0 - m, gn - 1.0) * -libm::log(m) + libm::pow(1.0 - m, gn) / m;
            let q_c = slope / (1.0 + slope);
            let Effect::Reshapes {
                not_monotone: Some((lo, hi)),
                calibrated,
            } = effect(&v, LossKind::Asymmetric)
            else {
                panic!("the asymmetric loss stops rising at {gn}, {m}");
            };
            assert!(lo > q_c && lo - 0.01 < q_c, "{lo} against {q_c}");
            assert_eq!(hi, 0.995);
            assert!(calibrated.iter().flatten().all(|q| *q < q_c));
        }
    }

    /// Monotonicity is read off the grid: a dip or a flat step is reported where it is.
    #[test]
    fn a_grid_that_does_not_rise_is_caught() {
        let rising = [(0.1, 0.2), (0.2, 0.3), (0.3, 0.9)];
        assert_eq!(not_increasing(&rising), None);
        let dip = [(0.1, 0.2), (0.2, 0.5), (0.3, 0.4), (0.4, 0.6), (0.5, 0.7)];
        assert_eq!(not_increasing(&dip), Some((0.2, 0.3)));
        let flat = [(0.1, 0.2), (0.2, 0.2), (0.3, 0.4), (0.4, 0.4)];
        assert_eq!(not_increasing(&flat), Some((0.1, 0.4)));
        assert_eq!(not_increasing(&[]), None);
    }
}
