//! 95 % Wilson score intervals for the shares at the threshold: recall, precision,
//! specificity.

use crate::sim::generator::Interval;
use crate::sim::metrics::{Confusion, Undefined};

/// The confidence level of every interval the page shows.
pub const LEVEL: f64 = 0.95;

/// The standard normal's 0.975 quantile to full double precision: the double nearest
/// 1.95996398454005423552 (mpmath). scipy's `norm.ppf(0.975)` and `norm.isf(0.025)` (which
/// statsmodels uses) are each one ulp off, on either side.
pub const Z_95: f64 = 1.959_963_984_540_054_3;

/// A share `k / n` and its 95 % interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Share {
    /// Successes.
    pub k: u64,
    /// Trials (the share's denominator), at least 1.
    pub n: u64,
    /// `k / n`.
    pub estimate: f64,
    /// The Wilson score interval.
    pub interval: Interval,
}

/// The Wilson score interval of `k` successes in `n > 0` trials (`k <= n`), written as
/// statsmodels' `proportion_confint(k, n, method="wilson")` computes it and clamped to [0, 1]
/// like it; the ends are exactly 0 at `k = 0` and 1 at `k = n`, their closed forms, where the
/// formula's rounding leaves 1 - 1e-16. `None` when `n` is 0.
pub fn wilson(k: u64, n: u64) -> Option<Share> {
    if n == 0 {
        return None;
    }
    let k = k.min(n);
    let (q, nf) = (k as f64 / n as f64, n as f64);
    let z2 = Z_95 * Z_95;
    let denom = 1.0 + z2 / nf;
    let center = (q + z2 / (2.0 * nf)) / denom;
    let dist = Z_95 * (q * (1.0 - q) / nf + z2 / (4.0 * nf * nf)).sqrt() / denom;
    Some(Share {
        k,
        n,
        estimate: q,
        interval: Interval {
            lo: if k == 0 {
                0.0
            } else {
                (center - dist).max(0.0)
            },
            hi: if k == n {
                1.0
            } else {
                (center + dist).min(1.0)
            },
        },
    })
}

/// The three shares at the threshold with their intervals, or why a share does not exist.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateIntervals {
    /// TP of TP + FN.
    pub recall: Result<Share, Undefined>,
    /// TP of TP + FP.
    pub precision: Result<Share, Undefined>,
    /// TN of TN + FP.
    pub specificity: Result<Share, Undefined>,
}

impl RateIntervals {
    /// The intervals for the counts at the page's threshold.
    pub fn new(c: &Confusion) -> Self {
        let share = |k, n, why| wilson(k, n).ok_or(why);
        RateIntervals {
            recall: share(c.tp, c.positives(), Undefined::NoPositives),
            precision: share(c.tp, c.tp + c.fp, Undefined::NoPredictedPositives),
            specificity: share(c.tn, c.negatives(), Undefined::NoNegatives),
        }
    }
}
