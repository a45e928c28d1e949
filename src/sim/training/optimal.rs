//! What a loss asks for: the loss-optimal prediction `p*(q)` (SPEC section 6).
//!
//! For a true probability `q` of the positive class, `p*` minimises the expected loss
//! `q l(p, 1) + (1 - q) l(p, 0)`. In the logit `z` of `p` the cross-entropies' optimum is
//! `logit q + ln(w_1 / w_0)` (class weights `w_1`, `w_0`): BCE `p* = q`, weighted BCE
//! `odds(p*) = pos_weight odds(q)`, balanced CE `odds(p*) = alpha / (1 - alpha) odds(q)`. Focal
//! has no closed form: its expected loss's derivative in `z` goes from `-q alpha` (at
//! `z -> -inf`) to `(1 - q)(1 - alpha)` (at `+inf`) with one sign change (its inverse,
//! `q(p*)`, is increasing: Charoenphakdee et al., "On focal loss for class-posterior
//! probability estimation", CVPR 2021), found by bisection in `z`.

use super::problem::{LossParams, NoOptimum, sigmoid};
use crate::sim::LossKind;
use crate::sim::loss::Shape;
use crate::sim::params::Class;

/// The true probabilities the page tabulates: 0.05, 0.10, ..., 0.95.
pub const Q_GRID: [f64; 19] = [
    0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85,
    0.9, 0.95,
];

/// `ln(q / (1 - q))`.
pub fn logit(q: f64) -> f64 {
    libm::log(q) - libm::log1p(-q)
}

/// Why `q` or the loss leaves `p*` outside (0, 1), if they do: `q` at 0 or 1 (or NaN), or a class
/// of weight 0 (alpha = 0 or 1, where `p*` is the limit 0 or 1).
fn existence(shape: &Shape, q: f64) -> Result<(), NoOptimum> {
    if q.is_nan() || q <= 0.0 {
        return Err(NoOptimum::NoPositives);
    }
    if q >= 1.0 {
        return Err(NoOptimum::NoNegatives);
    }
    for class in [Class::Positive, Class::Negative] {
        if shape.weight(class) <= 0.0 {
            return Err(NoOptimum::ZeroWeight(class));
        }
    }
    Ok(())
}

/// The derivative in `z` of the expected loss at true probability `q`.
fn slope(shape: &Shape, q: f64, z: f64) -> f64 {
    q * shape.at(Class::Positive, z).slope + (1.0 - q) * shape.at(Class::Negative, z).slope
}

/// The logit of `p*(q)` for a loss's shape.
pub fn optimal_logit(shape: &Shape, q: f64) -> Result<f64, NoOptimum> {
    existence(shape, q)?;
    if let Some(k) = shape.logit_offset() {
        return Ok(logit(q) + k);
    }
    // Bisection from the class-weighted cross-entropy's optimum.
    let z0 = logit(q) + libm::log(shape.weight[1] / shape.weight[0]) - shape.shift[1];
    // Bracket the sign change around the gamma = 0 optimum, widening by doubling.
    let (mut lo, mut hi, mut width) = (z0 - 1.0, z0 + 1.0, 1.0);
    for _ in 0..64 {
        if slope(shape, q, lo) < 0.0 {
            break;
        }
        width *= 2.0;
        lo -= width;
    }
    width = 1.0;
    for _ in 0..64 {
        if slope(shape, q, hi) > 0.0 {
            break;
        }
        width *= 2.0;
        hi += width;
    }
    // Bisect until the bracket is a few ulps wide.
    for _ in 0..200 {
        let mid = lo + (hi - lo) / 2.0;
        if mid <= lo || mid >= hi || hi - lo <= 4.0 * f64::EPSILON * mid.abs().max(1.0) {
            break;
        }
        let s = slope(shape, q, mid);
        if s == 0.0 {
            return Ok(mid);
        } else if s < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(lo + (hi - lo) / 2.0)
}

/// `p*(q)` for one loss: in (0, 1), or the reason it is not (`q` outside (0, 1); alpha = 0 or 1
/// for balanced CE and focal, where the infimum is approached as `p -> 0` or `1`).
pub fn optimal_prediction(kind: LossKind, params: &LossParams, q: f64) -> Result<f64, NoOptimum> {
    let shape = Shape::of(kind, params)?;
    if let Some(offset) = shape.logit_offset() {
        existence(&shape, q)?;
        // odds(p*) = k odds(q), written without the logit's round trip.
        let k = if shape.shift == [0.0; 2] {
            shape.weight[1] / shape.weight[0]
        } else {
            libm::exp(offset)
        };
        return Ok(k * q / (k * q + (1.0 - q)));
    }
    optimal_logit(&shape, q).map(sigmoid)
}

/// `p*` at each `q` of `Q_GRID`.
pub fn optimal_curve(kind: LossKind, params: &LossParams) -> Vec<Result<f64, NoOptimum>> {
    Q_GRID
        .iter()
        .map(|&q| optimal_prediction(kind, params, q))
        .collect()
}
