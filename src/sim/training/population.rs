//! The model each loss trains on the whole population: the `(w, b)` minimising
//! `neg E_0[l(w x + b, 0)] + pos E_1[l(w x + b, 1)]`, with no sampling noise (SPEC section 6).
//!
//! The objective is used per sample of the mix (divided by `neg + pos`): the same minimiser,
//! and values of order 1 whatever the counts. Expectations are `quadrature`'s, exact to about
//! 1e-15; the minimiser is `newton`'s, from the closed-form optimum of the cross-entropies (where
//! it only confirms that the gradient vanishes) and, for focal, from balanced CE's.

use super::newton::{Newton, Objective, Progress};
use super::optimal::optimal_logit;
use super::problem::{Binormal, LossParams, Model, NoOptimum};
use super::quadrature::{NormalRule, truncated_nodes};
use crate::sim::loss::Shape;
use crate::sim::params::Class;
use crate::sim::{LossKind, Metric, Undefined};

/// A trained model and how it was found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// The minimiser.
    pub model: Model,
    /// The objective there: the expected loss per sample of the mix.
    pub loss: f64,
    /// Newton steps taken.
    pub steps: u32,
}

impl Fit {
    /// Where `newton` stands, if `progress` says it has converged there (the population's fit and
    /// the sample's trainer end the same way).
    pub(crate) fn reached(newton: &Newton, progress: Progress) -> Result<Fit, NoOptimum> {
        match progress {
            Progress::Converged => Ok(Fit {
                model: newton.model,
                loss: newton.at.value,
                steps: newton.steps,
            }),
            Progress::Moving | Progress::Stuck => Err(NoOptimum::NotConverged),
        }
    }
}

/// A class's expected loss at `model`, per sample of that class, with its gradient and Hessian
/// in `(w, b)`.
pub fn class_objective(
    pop: &Binormal,
    shape: &Shape,
    class: Class,
    model: &Model,
    rule: &NormalRule,
) -> Objective {
    let mean = pop.mean(class);
    let mut o = Objective::default();
    if let Some(c) = shape.kink(class) {
        return kinked_objective(mean, shape, class, c, model);
    }
    for (t, wt) in rule.nodes() {
        let x = mean + t;
        o.add(wt, x, shape.at(class, model.logit(x)));
    }
    o.symmetrised()
}

/// Where a class's loss is 0 below a probability `c` (the asymmetric loss's negatives): the
/// expectation over the side where `p(x) > c` only, by Gauss-Legendre on that side (the loss is
/// smooth there, not across the boundary `x_c = (logit c - b) / w`). At `gamma = 0` the loss's
/// slope jumps at the boundary, and the boundary moves with `(w, b)`: the Hessian gains that
/// jump's term, `s0 phi(x_c) / |w| (x_c, 1)(x_c, 1)^T`, `s0 = weight c (1 - c)`.
fn kinked_objective(mean: f64, shape: &Shape, class: Class, c: f64, model: &Model) -> Objective {
    let mut o = Objective::default();
    let lc = super::optimal::logit(c);
    let (lo, hi) = if model.w > 0.0 {
        ((lc - model.b) / model.w, f64::INFINITY)
    } else if model.w < 0.0 {
        (f64::NEG_INFINITY, (lc - model.b) / model.w)
    } else if model.b > lc {
        (f64::NEG_INFINITY, f64::INFINITY)
    } else {
        return o;
    };
    let width = (0.4 / model.w.abs()).min(0.25);
    for (x, wt) in truncated_nodes(mean, lo, hi, width) {
        o.add(wt, x, shape.at(class, model.logit(x)));
    }
    let xc = if model.w > 0.0 { lo } else { hi };
    if shape.gamma[class as usize] == 0.0 && xc.is_finite() {
        let d = xc - mean;
        let density = 0.398_942_280_401_432_7 * libm::exp(-0.5 * d * d);
        let k = shape.weight(class) * c * (1.0 - c) * density / model.w.abs();
        o.hess[0][0] += k * xc * xc;
        o.hess[0][1] += k * xc;
        o.hess[1][1] += k;
    }
    o.symmetrised()
}

/// The population objective per sample of the mix, `(neg E_0 + pos E_1) / (neg + pos)`, with its
/// gradient and Hessian; all zero when there are no samples.
pub fn objective(pop: &Binormal, kind: LossKind, params: &LossParams, model: &Model) -> Objective {
    Shape::of(kind, &pop.params(params))
        .map_or_else(|_| Objective::default(), |s| objective_of(pop, &s, model))
}

fn objective_of(pop: &Binormal, shape: &Shape, model: &Model) -> Objective {
    let rule = NormalRule::for_slope(model.w);
    let mut o = Objective::default();
    let total = pop.total();
    for class in [Class::Negative, Class::Positive] {
        let share = pop.count(class) / total;
        if share > 0.0 {
            o.add_scaled(share, &class_objective(pop, shape, class, model, rule));
        }
    }
    o
}

/// A class's expected loss (per sample of the class) for `model`: the loss a validation set of
/// that class would show without sampling noise, computed from the logit, unclipped.
pub fn expected_class_loss(
    pop: &Binormal,
    model: &Model,
    kind: LossKind,
    params: &LossParams,
    class: Class,
) -> Metric {
    let shape = Shape::of(kind, &pop.params(params))?;
    let rule = NormalRule::for_slope(model.w);
    Ok(class_objective(pop, &shape, class, model, rule).value)
}

/// The expected loss per sample of the mix for `model` (the 'mean' reduction on the
/// population); undefined when the mix is empty.
pub fn expected_loss(pop: &Binormal, model: &Model, kind: LossKind, params: &LossParams) -> Metric {
    if pop.total() == 0.0 {
        return Err(Undefined::NoSamples);
    }
    let mut sum = 0.0;
    for c in [Class::Negative, Class::Positive] {
        if pop.count(c) > 0.0 {
            sum += pop.count(c) * expected_class_loss(pop, model, kind, params, c)?;
        }
    }
    Ok(sum / pop.total())
}

/// Why the population objective has no finite minimiser, if it has none: an empty class, or a
/// class the loss gives no weight (the loss then falls for ever as `b` runs to infinity).
pub fn existence(pop: &Binormal, shape: &Shape) -> Result<(), NoOptimum> {
    pop.prior_log_odds()?;
    for class in [Class::Positive, Class::Negative] {
        if shape.weight(class) <= 0.0 {
            return Err(NoOptimum::ZeroWeight(class));
        }
    }
    Ok(())
}

/// The model `kind` trains on the population.
///
/// Closed forms (the tests check the numerical optimum against them): BCE gives `w = d`,
/// `b = -d^2 / 2 + ln(pos / neg)` (the true posterior); weighted BCE adds `ln(pos_weight)` to `b`,
/// balanced CE `ln(alpha / (1 - alpha))`. At `d = 0` the feature says nothing: every loss gives
/// `w = 0` and `b` = the logit of the loss-optimal prediction `p*(q)` at the prior
/// `q = pos / (neg + pos)` (`optimal.rs`): `ln(pos / neg)` plus the same shift for the
/// cross-entropies, focal's numerical value for focal. Those are returned exactly, not solved for.
pub fn fit_population(
    pop: &Binormal,
    kind: LossKind,
    params: &LossParams,
) -> Result<Fit, NoOptimum> {
    let shape = Shape::of(kind, &pop.params(params))?;
    existence(pop, &shape)?;
    let d = pop.d();
    let prior = pop.prior_log_odds()?;
    if d == 0.0 {
        let q = pop.count(Class::Positive) / pop.total();
        let model = Model {
            w: 0.0,
            b: optimal_logit(&shape, q)?,
        };
        let loss = objective_of(pop, &shape, &model).value;
        return Ok(Fit {
            model,
            loss,
            steps: 0,
        });
    }
    // The cross-entropies' closed form (with their class-weight and logit shifts); the others
    // start at the class-weighted cross-entropy's (focal's gamma = 0 case).
    let shift = shape
        .logit_offset()
        .unwrap_or_else(|| libm::log(shape.weight[1] / shape.weight[0]));
    let start = Model {
        w: d,
        b: -d * d / 2.0 + prior + shift,
    };
    fit_population_from(pop, kind, params, start)
}

/// Damped Newton on the population objective from `start` (what `fit_population` runs; public
/// so the tests can start it far from the optimum).
pub fn fit_population_from(
    pop: &Binormal,
    kind: LossKind,
    params: &LossParams,
    start: Model,
) -> Result<Fit, NoOptimum> {
    let shape = Shape::of(kind, &pop.params(params))?;
    existence(pop, &shape)?;
    let eval = |m: Model| objective_of(pop, &shape, &m);
    let mut newton = Newton::new(start, eval(start));
    let progress = newton.run(200, eval);
    Fit::reached(&newton, progress)
}
