//! Which class drives training: each class's share of the loss's gradient (the focal-loss
//! paper's argument, Lin et al. 2017, section 3: the many easy negatives dominate the gradient
//! of cross-entropy, and `(1 - p_t)^gamma` takes that away).
//!
//! What is computed, for a model `(w, b)` and a loss `l`: the total magnitude of the loss's
//! derivative in the logit over each class of the population,
//!
//! ```text
//! G_0 = neg E_0[ |dl/dz (w x + b, 0)| ],   G_1 = pos E_1[ |dl/dz (w x + b, 1)| ]
//! ```
//!
//! and the shares `G_0 / (G_0 + G_1)` and `G_1 / (G_0 + G_1)`. The derivative in the logit is what
//! every sample sends back through the network (the derivatives in `w` and `b` are it times `x`
//! and 1); it has one sign within a class (negatives push `z` down, positives up), so the
//! magnitudes add up to each class's pull. To plot the negatives' share against gamma, call
//! `gradient_shares` with `LossKind::Focal` at each gamma, at a fixed model (say BCE's) or at
//! the focal model trained at that gamma (`fit_population`).

use super::problem::{Binormal, LossParams, Model};
use super::quadrature::NormalRule;
use crate::sim::loss::Shape;
use crate::sim::params::Class;
use crate::sim::{LossKind, Metric, Undefined};

/// Each class's total gradient magnitude, `G_0` and `G_1` of the module docs (in units of
/// samples: counts times expectations).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradientShares {
    /// `neg E_0[|dl/dz|]`.
    pub neg: f64,
    /// `pos E_1[|dl/dz|]`.
    pub pos: f64,
}

impl GradientShares {
    /// One class's share of the total, in [0, 1]; undefined when the total is 0 (no samples, or
    /// only samples the loss gives weight 0: then the loss itself is 0).
    pub fn share(&self, class: Class) -> Metric {
        let total = self.neg + self.pos;
        if total <= 0.0 {
            return Err(Undefined::ZeroLoss);
        }
        Ok(match class {
            Class::Negative => self.neg,
            Class::Positive => self.pos,
        } / total)
    }
}

/// `G_0` and `G_1` for `model` under loss `kind` on the population.
pub fn gradient_shares(
    pop: &Binormal,
    model: &Model,
    kind: LossKind,
    params: &LossParams,
) -> GradientShares {
    let Ok(shape) = Shape::of(kind, &pop.params(params)) else {
        // A set-level loss has no per-sample gradient to share out.
        return GradientShares { neg: 0.0, pos: 0.0 };
    };
    let rule = NormalRule::for_slope(model.w);
    let pull = |class: Class| {
        let n = pop.count(class);
        if n == 0.0 {
            return 0.0;
        }
        n * rule.expect(pop.mean(class), |x| {
            shape.at(class, model.logit(x)).slope.abs()
        })
    };
    GradientShares {
        neg: pull(Class::Negative),
        pos: pull(Class::Positive),
    }
}
