//! The threshold that costs least: `cost(t) = c_fp FP(t) + c_fn FN(t) - r_tp TP(t)`, a sample
//! predicted positive when `p >= t`.

use super::runs::Runs;
use crate::sim::generator::ClassScores;
use crate::sim::metrics::Confusion;

/// The largest cost or reward a decision takes: 1e12 per sample times 1e7 samples stays far
/// from overflow, so no cost is ever infinite or NaN.
pub const MAX_COST: f64 = 1e12;

/// What each outcome costs, or earns.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Costs {
    /// The cost of a false positive.
    pub fp: f64,
    /// The cost of a false negative.
    pub fn_: f64,
    /// The reward of a true positive (subtracted from the cost).
    pub tp_reward: f64,
}

impl Default for Costs {
    /// SPEC 8's defaults: every error costs 1, a true positive earns nothing.
    fn default() -> Self {
        Costs {
            fp: 1.0,
            fn_: 1.0,
            tp_reward: 0.0,
        }
    }
}

/// A value in `[0, MAX_COST]`; NaN counts as 0.
fn bounded(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(0.0, MAX_COST)
    }
}

impl Costs {
    /// Costs clamped to `[0, MAX_COST]` (NaN counts as 0). They must not be negative: the search
    /// for the best threshold relies on a false positive never lowering the cost.
    pub fn new(fp: f64, fn_: f64, tp_reward: f64) -> Self {
        Costs {
            fp: bounded(fp),
            fn_: bounded(fn_),
            tp_reward: bounded(tp_reward),
        }
    }

    /// The cost of a confusion matrix, always evaluated as `(c_fp FP + c_fn FN) - r_tp TP`, so
    /// equal counts give equal bits and ties are exact.
    pub fn of(&self, c: &Confusion) -> f64 {
        self.fp * c.fp as f64 + self.fn_ * c.fn_ as f64 - self.tp_reward * c.tp as f64
    }
}

/// The threshold with the least cost, and what happens there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Best {
    /// Predict positive when `p >= threshold`. A sample's score where the counts change; for
    /// "predict nothing positive", 1 when every score is below 1, else the next double above
    /// the largest score.
    pub threshold: f64,
    /// The cost there.
    pub cost: f64,
    /// The counts there.
    pub confusion: Confusion,
}

/// The least-cost threshold over every threshold at which the counts change: each distinct
/// score, and "above every score" (nothing predicted positive). One pass over the runs: O(runs)
/// a cost change (natively 0.03 ms at 10,000 positives, 2.5 ms at a million).
///
/// Ties go to the largest threshold: the answer then depends on the data and the costs alone
/// (not on where the slider is), and among equally good choices it flags the fewest samples.
///
/// Only the positives' distinct scores and "above every score" need trying: going down from a
/// positive's score to the next one, the thresholds in between only add false positives, and
/// with `c_fp >= 0` (and IEEE rounding, which is monotone) each costs at least as much as the
/// positive's score above them, which is larger and so wins a tie.
pub fn best_threshold(runs: &Runs, costs: &Costs) -> Best {
    let (n, p) = (runs.negatives as u64, runs.positives() as u64);
    let at = |start: u64, lt: u64| Confusion {
        tp: p - start,
        fp: n - lt,
        tn: lt,
        fn_: start,
    };
    // Upwards through the runs: a later threshold is larger, so it takes the place of the best
    // on a tie (`<=`); predicting nothing, the largest, comes last.
    let (mut best, mut best_cost) = (None, f64::INFINITY);
    let mut start = 0;
    for run in &runs.runs {
        let cost = costs.of(&at(start, u64::from(run.lt)));
        if cost <= best_cost {
            (best, best_cost) = (Some((start, run.lt)), cost);
        }
        start = u64::from(run.end);
    }
    let nothing = at(p, n);
    let cost = costs.of(&nothing);
    match best {
        Some((start, lt)) if best_cost < cost => Best {
            threshold: runs.positives.get(start as usize),
            cost: best_cost,
            confusion: at(start, u64::from(lt)),
        },
        _ => Best {
            threshold: runs.above_all,
            cost,
            confusion: nothing,
        },
    }
}

/// The cost against the threshold for a chart, and the exact best point.
#[derive(Clone, Debug, PartialEq)]
pub struct CostCurve {
    /// `(t, cost(t))` at evenly spaced `t` from 0 to 1.
    pub points: Vec<(f64, f64)>,
    /// The least-cost threshold (which may fall between the points).
    pub best: Best,
}

impl CostCurve {
    /// The cost at `points` (at least 2) evenly spaced thresholds from 0 to 1, by two binary
    /// searches each, and the best threshold (`runs` are those of `neg` and `pos`).
    pub fn new(
        neg: &ClassScores,
        pos: &ClassScores,
        runs: &Runs,
        costs: &Costs,
        points: usize,
    ) -> Self {
        let steps = points.max(2) - 1;
        let points = (0..=steps)
            .map(|k| {
                let t = k as f64 / steps as f64;
                (t, costs.of(&Confusion::at(neg, pos, t)))
            })
            .collect();
        CostCurve {
            points,
            best: best_threshold(runs, costs),
        }
    }
}
