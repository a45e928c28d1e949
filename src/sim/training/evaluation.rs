//! A model's metrics at the page's threshold on the whole population, exactly (SPEC section 6).
//!
//! The model predicts positive where `p(x) >= t`, i.e. on one side of the decision boundary
//! `x_t = (logit t - b) / w`; recall and the false positive rate are normal tails beyond it.
//! Precision is a ratio of two tails that both underflow 38 standard deviations out, so it is
//! computed from the logarithm of their ratio, which stays finite (asymptotic series of the
//! tail past 30 standard deviations). Limits are taken as in exact arithmetic: `p < 1` for
//! every finite logit, so `t = 1` predicts nothing positive and `t = 0` everything.

use super::optimal::logit;
use super::problem::{Binormal, Model};
use crate::sim::params::Class;
use crate::sim::params::clamp_or;
use crate::sim::{Metric, Undefined};

/// Where a model predicts positive at a threshold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Boundary {
    /// Where `x >= x_t` (`w > 0`).
    PositiveAbove(f64),
    /// Where `x <= x_t` (`w < 0`).
    PositiveBelow(f64),
    /// Everywhere (`t = 0`, or `w = 0` and `sigmoid(b) >= t`).
    AllPositive,
    /// Nowhere (`t = 1`, or `w = 0` and `sigmoid(b) < t`).
    AllNegative,
}

/// The decision boundary `x_t`, where `p(x) = t`, and its side (threshold clamped to [0, 1],
/// NaN read as 0.5). A boundary too far out for a double (`|w|` below about 1e-300) is the
/// limit: all or nothing.
pub fn boundary(model: &Model, t: f64) -> Boundary {
    let t = clamp_or(t, 0.0, 1.0, 0.5);
    if t == 0.0 {
        return Boundary::AllPositive;
    }
    if t == 1.0 {
        return Boundary::AllNegative;
    }
    let lt = logit(t);
    let all = |positive: bool| {
        if positive {
            Boundary::AllPositive
        } else {
            Boundary::AllNegative
        }
    };
    if model.w == 0.0 {
        return all(model.b >= lt);
    }
    let x = (lt - model.b) / model.w;
    match (x.is_finite(), model.w > 0.0) {
        (true, true) => Boundary::PositiveAbove(x),
        (true, false) => Boundary::PositiveBelow(x),
        // The side that holds everything, or nothing, of the line.
        (false, above) => all((x < 0.0) == above),
    }
}

/// `1 - Phi(x)`, accurate in the upper tail (erfc, not `1 - erf`).
pub fn normal_tail(x: f64) -> f64 {
    0.5 * libm::erfc(x / core::f64::consts::SQRT_2)
}

/// Past this many standard deviations, tails come from their asymptotic series.
const FAR: f64 = 30.0;

/// `ln(1 - Phi(x))` for `x >= FAR`: `-x^2 / 2 - ln x - ln sqrt(2 pi)` plus the log of the series
/// `1 - 1/x^2 + 3/x^4 - ...`, here without its first part (the caller combines them).
fn far_series(x: f64) -> f64 {
    let y = 1.0 / (x * x);
    // Truncation error below 10395 / 30^12 ~ 2e-14.
    libm::log(1.0 - y * (1.0 - 3.0 * y * (1.0 - 5.0 * y * (1.0 - 7.0 * y * (1.0 - 9.0 * y)))))
}

/// `ln(1 - Phi(x))`, finite for every finite `x`.
pub fn ln_normal_tail(x: f64) -> f64 {
    if x < FAR {
        libm::log(normal_tail(x))
    } else {
        -0.5 * x * x - libm::log(x) - 0.918_938_533_204_672_8 + far_series(x)
    }
}

/// `ln(tail(a) / tail(c))` for `c = a - shift`, without forming either tail far out.
fn ln_tail_ratio(a: f64, shift: f64) -> f64 {
    let c = a - shift;
    if a.min(c) < FAR {
        return ln_normal_tail(a) - ln_normal_tail(c);
    }
    // (c^2 - a^2) / 2 = -shift (a + c) / 2, halved first so that a + c cannot overflow.
    -shift * (a / 2.0 + c / 2.0) - libm::log(a / c) + far_series(a) - far_series(c)
}

/// A model's metrics on the population at a threshold: the expected shares of the mix, with
/// undefined values where SPEC section 3's counts would divide by 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PopulationMetrics {
    /// Where the model predicts positive.
    pub boundary: Boundary,
    /// `P(p >= t | positive) = 1 - Phi(x_t - d)` for `w > 0`.
    pub recall: Metric,
    /// `P(p >= t | negative) = 1 - Phi(x_t)` for `w > 0`.
    pub fpr: Metric,
    /// `pos recall / (pos recall + neg fpr)`.
    pub precision: Metric,
    /// `2 pos recall / (pos (1 + recall) + neg fpr)`, i.e. `2 TP / (2 TP + FP + FN)`.
    pub f1: Metric,
    /// `(pos recall + neg (1 - fpr)) / (neg + pos)`.
    pub accuracy: Metric,
}

/// The metrics of `model` on `pop` at threshold `t`.
pub fn population_metrics(pop: &Binormal, model: &Model, t: f64) -> PopulationMetrics {
    let boundary = boundary(model, t);
    let (neg, pos, d) = (
        pop.count(Class::Negative),
        pop.count(Class::Positive),
        pop.d(),
    );
    // (recall, fpr, specificity, ln(fpr / recall)): the FPR's tail starts at a, the recall's at
    // a - s d, s = +1 above the boundary, -1 below.
    let (recall, fpr, spec, ln_ratio) = match boundary {
        Boundary::AllPositive => (1.0, 1.0, 0.0, 0.0),
        Boundary::AllNegative => (0.0, 0.0, 1.0, f64::NAN),
        Boundary::PositiveAbove(x) => {
            let r = ln_tail_ratio(x, d);
            (normal_tail(x - d), normal_tail(x), normal_tail(-x), r)
        }
        Boundary::PositiveBelow(x) => {
            let r = ln_tail_ratio(-x, -d);
            (normal_tail(d - x), normal_tail(-x), normal_tail(x), r)
        }
    };
    let none = boundary == Boundary::AllNegative;
    let precision = if none {
        Err(Undefined::NoPredictedPositives)
    } else if pos == 0.0 {
        Ok(0.0)
    } else if neg == 0.0 {
        Ok(1.0)
    } else {
        // exp may overflow to infinity: precision 0, the right limit. ln_ratio is finite here.
        Ok(1.0 / (1.0 + neg / pos * libm::exp(ln_ratio)))
    };
    let f1 = if pos > 0.0 {
        Ok(2.0 * pos * recall / (pos * (1.0 + recall) + neg * fpr))
    } else if none || neg == 0.0 {
        Err(Undefined::NoPositivesNorPredicted)
    } else {
        Ok(0.0)
    };
    let total = neg + pos;
    PopulationMetrics {
        boundary,
        recall: if pos > 0.0 {
            Ok(recall)
        } else {
            Err(Undefined::NoPositives)
        },
        fpr: if neg > 0.0 {
            Ok(fpr)
        } else {
            Err(Undefined::NoNegatives)
        },
        precision: if total > 0.0 {
            precision
        } else {
            Err(Undefined::NoPredictedPositives)
        },
        f1,
        accuracy: if total > 0.0 {
            Ok((pos * recall + neg * spec) / total)
        } else {
            Err(Undefined::NoSamples)
        },
    }
}
