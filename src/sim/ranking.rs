//! Threshold-free metrics: ROC AUC and average precision, from the two sorted classes.
//!
//! Both walk the smaller class in order and find each value's place in the larger one by
//! galloping search from where the previous one stopped: O(m log(n / m)) for m <= n, which is a
//! plain merge when the classes are balanced and far less when one class is rare.

use super::generator::ClassScores;
use super::metrics::{Metric, Undefined};

/// The threshold-free metrics of a scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ranking {
    /// Mann-Whitney: P(a positive scores above a negative), ties counting one half.
    pub roc_auc: Metric,
    /// scikit-learn's `average_precision_score`: sum of (R_n - R_{n-1}) P_n over distinct
    /// thresholds, without interpolation.
    pub average_precision: Metric,
}

impl Ranking {
    /// Both metrics for the two classes.
    pub fn new(neg: &ClassScores, pos: &ClassScores) -> Self {
        Ranking {
            roc_auc: roc_auc(&neg.scores, &pos.scores),
            average_precision: average_precision(&neg.scores, &pos.scores),
        }
    }
}

/// The first index `i >= from` with `!below(sorted[i])`, where `below` holds on a prefix.
fn gallop(sorted: &[f64], from: usize, below: impl Fn(f64) -> bool) -> usize {
    let mut step = 1;
    let mut lo = from;
    while lo + step <= sorted.len() && below(sorted[lo + step - 1]) {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(sorted.len());
    lo + sorted[lo..hi].partition_point(|&x| below(x))
}

/// For every value of `small`, counts the values of `large` strictly below it and equal to it;
/// returns `2 * below + equal`, summed (twice the Mann-Whitney U of `small` over `large`).
fn twice_u(small: &[f64], large: &[f64]) -> u128 {
    let mut total = 0u128;
    let (mut lt, mut le) = (0, 0);
    for &x in small {
        lt = gallop(large, lt, |y| y < x);
        le = gallop(large, le.max(lt), |y| y <= x);
        total += 2 * lt as u128 + (le - lt) as u128;
    }
    total
}

/// ROC AUC of the sorted negative and positive scores.
pub fn roc_auc(neg: &[f64], pos: &[f64]) -> Metric {
    if pos.is_empty() {
        return Err(Undefined::NoPositives);
    }
    if neg.is_empty() {
        return Err(Undefined::NoNegatives);
    }
    let pairs = 2 * neg.len() as u128 * pos.len() as u128;
    let twice_u_pos = if pos.len() <= neg.len() {
        twice_u(pos, neg)
    } else {
        // Every pair is below, equal or above: U(pos over neg) = pairs - U(neg over pos).
        pairs - twice_u(neg, pos)
    };
    Ok(twice_u_pos as f64 / pairs as f64)
}

/// Average precision of the sorted negative and positive scores.
pub fn average_precision(neg: &[f64], pos: &[f64]) -> Metric {
    average_precision_weighted(neg, pos, 1.0)
}

/// Average precision with every negative counted `neg_weight` times: the value the same model
/// would score on a validation set with `neg_weight` times as many negatives per positive.
///
/// Recall only moves at thresholds equal to a positive's score, so the sum runs over the
/// distinct positive scores x: (positives at x / P) * precision at threshold x.
pub fn average_precision_weighted(neg: &[f64], pos: &[f64], neg_weight: f64) -> Metric {
    if pos.is_empty() {
        return Err(Undefined::NoPositives);
    }
    let mut sum = 0.0;
    let (mut i, mut neg_below) = (0, 0);
    while i < pos.len() {
        let x = pos[i];
        let end = gallop(pos, i, |y| y <= x);
        neg_below = gallop(neg, neg_below, |y| y < x);
        let tp = (pos.len() - i) as f64;
        let fp = neg_weight * (neg.len() - neg_below) as f64;
        sum += (end - i) as f64 * tp / (tp + fp);
        i = end;
    }
    Ok(sum / pos.len() as f64)
}
