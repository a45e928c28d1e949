//! The curves the page draws: metrics against the threshold, ROC, PR, and score histograms.
//! All come from binary searches in the sorted scores, so none needs a pass over the samples.

use super::generator::ClassScores;
use super::metrics::Confusion;

/// The confusion matrix at `steps + 1` evenly spaced thresholds from 0 to 1.
pub fn threshold_sweep(
    neg: &ClassScores,
    pos: &ClassScores,
    steps: usize,
) -> Vec<(f64, Confusion)> {
    let steps = steps.max(1);
    (0..=steps)
        .map(|k| {
            let t = k as f64 / steps as f64;
            (t, Confusion::at(neg, pos, t))
        })
        .collect()
}

/// ROC points (false positive rate, true positive rate), from threshold 0 (everything positive,
/// the point (1, 1)) to 1; empty when either class is.
pub fn roc_points(sweep: &[(f64, Confusion)]) -> Vec<(f64, f64)> {
    sweep
        .iter()
        .filter_map(|(_, c)| Some((c.fall_out().ok()?, c.recall().ok()?)))
        .collect()
}

/// PR points (recall, precision) wherever precision is defined; empty without positives.
pub fn pr_points(sweep: &[(f64, Confusion)]) -> Vec<(f64, f64)> {
    sweep
        .iter()
        .filter_map(|(_, c)| Some((c.recall().ok()?, c.precision().ok()?)))
        .collect()
}

/// Counts of the scores in `bins` equal bins over [0, 1]; the last bin includes 1.
pub fn histogram(scores: &ClassScores, bins: usize) -> Vec<u64> {
    let bins = bins.max(1);
    let edge = |k: usize| {
        if k == bins {
            scores.len()
        } else {
            scores.partition_point(|p| p < k as f64 / bins as f64)
        }
    };
    (0..bins).map(|k| (edge(k + 1) - edge(k)) as u64).collect()
}
