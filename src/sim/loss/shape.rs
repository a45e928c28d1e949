//! What a per-sample loss is made of: a weight, a focal exponent and a logit shift for each
//! class, Poly-1's extra term, and the asymmetric loss's probability margin on the negatives.
//! From a shape follow the loss's value on a clipped probability (the fixed predictions' tables)
//! and its value and first two derivatives on the logit `z`, without clipping (as PyTorch's
//! `BCEWithLogitsLoss` and torchvision's `sigmoid_focal_loss`: what training needs).
//!
//! On the logit, each class's term is its weight times one function of the margin
//! `m = z + shift_1` for a positive and `m = -z + shift_0` for a negative:
//!
//! ```text
//! g(m)   = u^gamma s + eps u                           u = sigmoid(-m), p = sigmoid(m),
//! g'(m)  = -u^gamma (gamma p s + u) - eps p u          s = softplus(-m) = -ln p (the CE)
//! g''(m) = p u^gamma (gamma^2 p s + (2 gamma + 1) u - gamma u s) + eps p u (p - u)
//! ```
//!
//! (`gamma = 0` but for focal and the asymmetric loss, `eps = 0` but for Poly-1, shifts 0 but
//! for logit adjustment and LDAM). `u^gamma` is `exp(-gamma softplus(m))`: no power of a number
//! that may underflow, and exactly 1 at `gamma = 0`. The asymmetric loss's negatives with a
//! margin `c > 0` are their own function of `p = sigmoid(z)`: `-(p - c)^gamma ln(1 - p + c)`
//! above `c`, 0 below (`lifted`).

use super::sums::{clip, split};
use super::{LossKind, LossParams};
use crate::sim::fastmath;
use crate::sim::metrics::Undefined;
use crate::sim::params::Class;

/// A per-sample loss reduced to what its value depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shape {
    /// Each class's weight, `[negatives, positives]`.
    pub weight: [f64; 2],
    /// Each class's focal exponent.
    pub gamma: [f64; 2],
    /// Each class's shift of its margin, in logit units.
    pub shift: [f64; 2],
    /// Poly-1's `eps`: the weight of `1 - p_t` added to each sample's term.
    pub poly: f64,
    /// The asymmetric loss's probability margin on the negatives (0: none).
    pub lift: f64,
}

impl Shape {
    /// A cross-entropy with these class weights.
    pub const fn weighted(neg_weight: f64, pos_weight: f64) -> Self {
        Shape {
            weight: [neg_weight, pos_weight],
            gamma: [0.0; 2],
            shift: [0.0; 2],
            poly: 0.0,
            lift: 0.0,
        }
    }

    /// The shape of one loss for training: its parameters clamped to their ranges first (NaN
    /// the default), as a link is read. A set-level loss has none.
    pub fn of(kind: LossKind, params: &LossParams) -> Result<Self, Undefined> {
        kind.loss().shape_at(&params.clamped())
    }

    /// The weight of one class's term.
    pub fn weight(&self, class: Class) -> f64 {
        self.weight[class as usize]
    }

    /// The probability below which a class's loss is exactly 0, if there is one (the asymmetric
    /// loss's negatives, below its margin): its expectation is not smooth across it.
    pub fn kink(&self, class: Class) -> Option<f64> {
        (class == Class::Negative && self.lift > 0.0).then_some(self.lift)
    }

    /// `Some(k)` when the loss is a weighted cross-entropy whose shifts move every logit alike
    /// (`shift_0 = -shift_1`): its optimum is the cross-entropy's, `logit(q) + k` (BCE: `k = 0`).
    pub fn logit_offset(&self) -> Option<f64> {
        let plain = self.gamma == [0.0; 2] && self.poly == 0.0 && self.lift == 0.0;
        (plain && self.shift[0] == -self.shift[1])
            .then(|| libm::log(self.weight[1] / self.weight[0]) - self.shift[1])
    }

    /// One sample's loss on a probability, clipped to `[EPS, 1 - EPS]` first (SPEC sections 2
    /// and 9). The fast sums (`sums.rs`) use the same arithmetic.
    pub fn on_probability(&self, class: Class, p: f64) -> f64 {
        let q = clip(p);
        let (p_t, rest) = split(class, q);
        let c = class as usize;
        let term = if class == Class::Negative && self.lift > 0.0 {
            lifted_on(q, self.lift, self.gamma[c])
        } else if self.shift[c] != 0.0 {
            shifted_on(p_t, rest, fastmath::exp(-self.shift[c]))
        } else {
            modulating(rest, self.gamma[c]) * -fastmath::ln(p_t)
        };
        let term = if self.poly != 0.0 {
            term + self.poly * rest
        } else {
            term
        };
        self.weight[c] * term
    }

    /// One sample's loss and its first two derivatives with respect to the logit `z`.
    #[inline]
    pub fn at(&self, class: Class, z: f64) -> Terms {
        let c = class as usize;
        let a = self.weight[c];
        if class == Class::Negative && self.lift > 0.0 {
            let g = lifted(z, self.lift, self.gamma[c]);
            return Terms {
                value: a * g.value,
                slope: a * g.slope,
                curvature: a * g.curvature,
            };
        }
        // d/dz g(-z + s) = -g'(-z + s); the curvature keeps its sign.
        let sign = match class {
            Class::Positive => 1.0,
            Class::Negative => -1.0,
        };
        let m = sign * z + self.shift[c];
        let mut g = margin(m, self.gamma[c]);
        if self.poly != 0.0 {
            let h = first_term(m);
            g.value += self.poly * h.value;
            g.slope += self.poly * h.slope;
            g.curvature += self.poly * h.curvature;
        }
        Terms {
            value: a * g.value,
            slope: sign * a * g.slope,
            curvature: a * g.curvature,
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

/// `g(m)`, `g'(m)`, `g''(m)` of the module docs (with `eps = 0`), finite for every finite `m`
/// and `gamma` in [0, 10].
#[inline]
pub fn margin(m: f64, gamma: f64) -> Terms {
    // One exponential serves both sigmoids and both softpluses: e = e^-|m| is in (0, 1].
    let e = fastmath::exp(-m.abs());
    let log1p = libm::log1p(e);
    let s = (-m).max(0.0) + log1p; // softplus(-m) = -ln p
    let (p, u) = sigmoids(m, e);
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

/// `(sigmoid(m), sigmoid(-m))` from `e = e^-|m|`, neither through a subtraction from 1.
fn sigmoids(m: f64, e: f64) -> (f64, f64) {
    if m >= 0.0 {
        (1.0 / (1.0 + e), e / (1.0 + e))
    } else {
        (e / (1.0 + e), 1.0 / (1.0 + e))
    }
}

/// Poly-1's term `u = 1 - p_t = sigmoid(-m)` and its derivatives in `m`.
fn first_term(m: f64) -> Terms {
    let (p, u) = sigmoids(m, fastmath::exp(-m.abs()));
    Terms {
        value: u,
        slope: -p * u,
        curvature: p * u * (p - u),
    }
}

/// Below this, the asymmetric loss's shifted probability counts as 0 (its term and derivatives
/// are then below 1e-150: no power of it can overflow).
const LIFT_FLOOR: f64 = 1e-150;

/// The asymmetric loss on a negative with margin `c > 0`, in the logit `z`: with
/// `p = sigmoid(z)` and `q = p - c`, `L = -q^gamma ln(1 - q)` for `q > 0`, else 0.
fn lifted(z: f64, c: f64, gamma: f64) -> Terms {
    let (p, u) = sigmoids(z, fastmath::exp(-z.abs()));
    let q = p - c;
    if q <= LIFT_FLOOR {
        return Terms {
            value: 0.0,
            slope: 0.0,
            curvature: 0.0,
        };
    }
    let a = u + c; // 1 - q, without the subtraction
    let ce = -libm::log(a);
    let (qg, inv_a) = (fastmath::pow(q, gamma), 1.0 / a);
    // dL/dq and d2L/dq2; the gamma terms vanish at gamma = 0 (never 0 times a power of 1/q).
    let (d1, d2) = if gamma == 0.0 {
        (inv_a, inv_a * inv_a)
    } else {
        let (q1, q2) = (qg / q, qg / q / q);
        (
            gamma * q1 * ce + qg * inv_a,
            gamma * (gamma - 1.0) * q2 * ce + 2.0 * gamma * q1 * inv_a + qg * inv_a * inv_a,
        )
    };
    let dq = p * u; // dq/dz
    Terms {
        value: qg * ce,
        slope: d1 * dq,
        curvature: d2 * dq * dq + d1 * dq * (u - p),
    }
}

/// The least shifted probability the asymmetric loss raises to its power (on fixed
/// predictions): it keeps `gamma ln x` inside the fast `exp`'s range. Below it the term is under
/// 1e-30 (and exactly 0 at 0, where `-ln 1 = 0`).
pub(super) const LIFT_TINY: f64 = 1e-30;

/// The asymmetric loss on a negative of clipped probability `q`, margin `c`:
/// `-(q - c)^gamma ln(1 - q + c)`, 0 when `q <= c`. The fast sums use the same arithmetic.
pub(super) fn lifted_on(q: f64, c: f64, gamma: f64) -> f64 {
    let shifted = (q - c).max(0.0);
    // Times -ln 1 = 0: a negative below the margin costs exactly nothing.
    modulating(shifted.max(LIFT_TINY), gamma) * -fastmath::ln(1.0 - shifted)
}

/// `softplus(-(m + s))` for a clipped probability with `e^-m = rest / p_t`, and `k = e^-s`:
/// `ln(1 + x)` with `x = k rest / p_t`, its rounding in `1 + x` corrected (a log1p from `ln`).
#[inline]
pub(super) fn shifted_on(p_t: f64, rest: f64, k: f64) -> f64 {
    let x = k * rest / p_t;
    let v = 1.0 + x;
    fastmath::ln(v) - ((v - 1.0) - x) / v
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
