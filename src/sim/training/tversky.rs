//! What the Tversky loss trains on the population (SPEC section 9): no finite model. Its index
//! is a ratio of sums linear in the predictions, so with the smoothing dropped it rises for ever
//! as the model sharpens (`w` grows, the predictions go to 0 or 1) towards the hard boundary `x*`
//! that maximises the hard index `TP / (TP + a FP + b FN)` at the population's counts. This finds
//! that boundary: a scan, then bisection on the index's derivative around the scan's best point.

use super::evaluation::normal_tail;
use super::problem::{Binormal, Model, NoOptimum};
use crate::sim::loss::{TV_A, TV_B, hard_index};
use crate::sim::params::Class;

/// Points of the scan over `[-SPAN, d + SPAN]`.
const SCAN: usize = 4800;
/// How far past the classes' means the scan reaches, in standard deviations.
const SPAN: f64 = 12.0;

/// The hard Tversky index of predicting positive where `x >= boundary`.
pub fn hard_index_at(pop: &Binormal, a: f64, b: f64, boundary: f64) -> f64 {
    let (neg, pos, d) = (
        pop.count(Class::Negative),
        pop.count(Class::Positive),
        pop.d(),
    );
    let recall = normal_tail(boundary - d);
    let tp = pos * recall;
    let fp = neg * normal_tail(boundary);
    let fn_ = pos * normal_tail(d - boundary);
    hard_index(tp, fp, fn_, a, b)
}

/// The boundary `x*` the Tversky loss sharpens towards, with weights `a` (false positives) and
/// `b` (false negatives), each clamped to its range. None is finite when a class is empty, when
/// `a` or `b` is 0 (the index then favours predicting nothing, or everything, positive), or
/// when the best cut lies at the end of the scanned range.
pub fn tversky_boundary(pop: &Binormal, a: f64, b: f64) -> Result<f64, NoOptimum> {
    pop.prior_log_odds()?;
    let (a, b) = (TV_A.read(a), TV_B.read(b));
    if a <= 0.0 || b <= 0.0 {
        return Err(NoOptimum::SetLevel);
    }
    let (lo, hi) = (-SPAN, pop.d() + SPAN);
    let at = |i: usize| lo + (hi - lo) * i as f64 / SCAN as f64;
    let f = |x: f64| hard_index_at(pop, a, b, x);
    let best = (0..=SCAN)
        .max_by(|&i, &j| f(at(i)).total_cmp(&f(at(j))))
        .unwrap_or(0);
    if best == 0 || best == SCAN {
        return Err(NoOptimum::SetLevel);
    }
    // The index is flat at its maximum: its value pins the maximiser down to only about 1e-8.
    // The sign of its derivative does to the last bits: bisect on that.
    Ok(bisect(|x| rise(pop, a, b, x), at(best - 1), at(best + 1)))
}

/// A number with the sign of the index's derivative at `x`: `TP' D - TP D'`, with
/// `D = TP + a FP + b FN` and `TP' = -pos phi(x - d)`, `FP' = -neg phi(x)`, `FN' = -TP'`.
fn rise(pop: &Binormal, a: f64, b: f64, x: f64) -> f64 {
    let (neg, pos, d) = (
        pop.count(Class::Negative),
        pop.count(Class::Positive),
        pop.d(),
    );
    let phi = |t: f64| libm::exp(-0.5 * t * t);
    let tp = pos * normal_tail(x - d);
    let den = tp + a * neg * normal_tail(x) + b * pos * normal_tail(d - x);
    let dtp = -pos * phi(x - d);
    let dden = dtp - a * neg * phi(x) - b * dtp;
    dtp * den - tp * dden
}

/// Where `g` goes from rising to falling in `[lo, hi]`, to a few ulps.
fn bisect(g: impl Fn(f64) -> f64, mut lo: f64, mut hi: f64) -> f64 {
    for _ in 0..200 {
        let mid = lo + (hi - lo) / 2.0;
        if mid <= lo || mid >= hi {
            break;
        }
        if g(mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo + (hi - lo) / 2.0
}

/// A model whose boundary at threshold 0.5 is `x`: for the metrics at the Tversky boundary.
pub fn hard_model(x: f64) -> Model {
    Model { w: 1.0, b: -x }
}
