//! The four losses as functions of the logit `z`, without clipping (as PyTorch's
//! `BCEWithLogitsLoss` and torchvision's `sigmoid_focal_loss`), with their first two derivatives.
//!
//! Each loss is a class weight times one function of the margin `m` (`m = z` for a positive,
//! `m = -z` for a negative):
//!
//! ```text
//! g(m)   = u^gamma s                                   u = sigmoid(-m), p = sigmoid(m),
//! g'(m)  = -u^gamma (gamma p s + u)                    s = softplus(-m) = -ln p (the CE)
//! g''(m) = p u^gamma (gamma^2 p s + (2 gamma + 1) u - gamma u s)
//! ```
//!
//! with `gamma = 0` for every loss but focal (then `g = s`, `g' = -u`, `g'' = p u`). The class
//! weights are (1, 1) for BCE, (1, `pos_weight`) for weighted BCE and (`1 - alpha`, `alpha`) for
//! balanced CE and focal. `u^gamma` is `exp(-gamma softplus(m))`: no power of a number that may
//! underflow, and exactly 1 at `gamma = 0`.

use super::problem::{LossParams, clamp_or};
use crate::sim::params::Class;
use crate::sim::{LossKind, fastmath};

/// A loss reduced to what its value depends on: the weight of each class and the focal exponent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shape {
    /// Weight of a negative's term.
    pub neg_weight: f64,
    /// Weight of a positive's term.
    pub pos_weight: f64,
    /// Focal exponent (0 for all but focal).
    pub gamma: f64,
}

impl Shape {
    /// The shape of one loss; parameters out of their ranges are clamped (NaN is the default),
    /// as the page reads them from a link.
    pub fn of(kind: LossKind, params: &LossParams) -> Self {
        let alpha = clamp_or(params.alpha, 0.0, 1.0, 0.25);
        let (neg_weight, pos_weight, gamma) = match kind {
            LossKind::Bce => (1.0, 1.0, 0.0),
            LossKind::WeightedBce => (1.0, clamp_or(params.pos_weight, 0.01, 100.0, 1.0), 0.0),
            LossKind::BalancedCe => (1.0 - alpha, alpha, 0.0),
            LossKind::Focal => (1.0 - alpha, alpha, clamp_or(params.gamma, 0.0, 10.0, 2.0)),
        };
        Shape {
            neg_weight,
            pos_weight,
            gamma,
        }
    }

    /// The weight of one class's term.
    pub fn weight(&self, class: Class) -> f64 {
        match class {
            Class::Negative => self.neg_weight,
            Class::Positive => self.pos_weight,
        }
    }

    /// One sample's loss and its first two derivatives with respect to the logit `z`.
    #[inline]
    pub fn at(&self, class: Class, z: f64) -> Terms {
        let a = self.weight(class);
        match class {
            Class::Positive => {
                let g = margin(z, self.gamma);
                Terms {
                    value: a * g.value,
                    slope: a * g.slope,
                    curvature: a * g.curvature,
                }
            }
            // d/dz g(-z) = -g'(-z); the curvature keeps its sign.
            Class::Negative => {
                let g = margin(-z, self.gamma);
                Terms {
                    value: a * g.value,
                    slope: -a * g.slope,
                    curvature: a * g.curvature,
                }
            }
        }
    }
}

/// A function's value and first two derivatives at one point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Terms {
    /// The value.
    pub value: f64,
    /// The first derivative.
    pub slope: f64,
    /// The second derivative.
    pub curvature: f64,
}

/// `g(m)`, `g'(m)`, `g''(m)` of the module docs, finite for every finite `m` and `gamma` in
/// [0, 10].
#[inline]
pub fn margin(m: f64, gamma: f64) -> Terms {
    // One exponential serves both sigmoids and both softpluses: e = e^-|m| is in (0, 1].
    let e = fastmath::exp(-m.abs());
    let log1p = libm::log1p(e);
    let s = (-m).max(0.0) + log1p; // softplus(-m) = -ln p
    let (p, u) = if m >= 0.0 {
        (1.0 / (1.0 + e), e / (1.0 + e))
    } else {
        (e / (1.0 + e), 1.0 / (1.0 + e))
    };
    if gamma == 0.0 {
        return Terms {
            value: s,
            slope: -u,
            curvature: p * u,
        };
    }
    let ug = fastmath::exp(-gamma * (m.max(0.0) + log1p)); // u^gamma = e^(-gamma softplus(m))
    let gps = gamma * p * s;
    Terms {
        value: ug * s,
        slope: -ug * (gps + u),
        curvature: p * ug * (gamma * gps + (2.0 * gamma + 1.0) * u - gamma * u * s),
    }
}
