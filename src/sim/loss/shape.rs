//! What a loss is made of: a weight for each class and a focal exponent. From a shape follow the
//! loss's value on a clipped probability (the fixed predictions' tables) and its value and first
//! two derivatives on the logit `z`, without clipping (as PyTorch's `BCEWithLogitsLoss` and
//! torchvision's `sigmoid_focal_loss`: what training needs).
//!
//! On the logit, each loss is a class weight times one function of the margin `m` (`m = z` for a
//! positive, `m = -z` for a negative):
//!
//! ```text
//! g(m)   = u^gamma s                                   u = sigmoid(-m), p = sigmoid(m),
//! g'(m)  = -u^gamma (gamma p s + u)                    s = softplus(-m) = -ln p (the CE)
//! g''(m) = p u^gamma (gamma^2 p s + (2 gamma + 1) u - gamma u s)
//! ```
//!
//! with `gamma = 0` for every loss but focal (then `g = s`, `g' = -u`, `g'' = p u`). Each loss's
//! file says its class weights. `u^gamma` is `exp(-gamma softplus(m))`: no power of a number that
//! may underflow, and exactly 1 at `gamma = 0`.

use super::sums::{clip, split};
use super::{LossKind, LossParams};
use crate::sim::fastmath;
use crate::sim::params::Class;

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
    /// A cross-entropy with these class weights (no focal exponent).
    pub const fn weighted(neg_weight: f64, pos_weight: f64) -> Self {
        Shape {
            neg_weight,
            pos_weight,
            gamma: 0.0,
        }
    }

    /// The shape of one loss for training: its parameters clamped to their ranges first (NaN
    /// the default), as a link is read.
    pub fn of(kind: LossKind, params: &LossParams) -> Self {
        (kind.loss().shape)(&params.clamped())
    }

    /// The weight of one class's term.
    pub fn weight(&self, class: Class) -> f64 {
        match class {
            Class::Negative => self.neg_weight,
            Class::Positive => self.pos_weight,
        }
    }

    /// One sample's loss on a probability, clipped to `[EPS, 1 - EPS]` first (SPEC section 2):
    /// `weight (1 - p_t)^gamma (-ln p_t)`.
    pub fn on_probability(&self, class: Class, p: f64) -> f64 {
        let (p_t, rest) = split(class, clip(p));
        self.weight(class) * modulating(rest, self.gamma) * -fastmath::ln(p_t)
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

/// `x^gamma` for `x` in [0, 1]; whole exponents by repeated squaring (exact enough and much
/// faster than `pow`, and gamma = 2 is the default), others by `exp(gamma ln x)`.
pub(super) fn modulating(x: f64, gamma: f64) -> f64 {
    if gamma.fract() == 0.0 && gamma <= 64.0 {
        let (mut base, mut e, mut acc) = (x, gamma as u32, 1.0);
        while e > 0 {
            if e & 1 == 1 {
                acc *= base;
            }
            base *= base;
            e >>= 1;
        }
        acc
    } else {
        fastmath::pow(x, gamma)
    }
}
