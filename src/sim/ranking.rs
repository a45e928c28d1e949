//! Threshold-free metrics: ROC AUC and average precision, from the two sorted classes.
//!
//! Both walk the smaller class in order and find each value's place in the larger one by
//! galloping search from where the previous one stopped: O(m log(n / m)) for m <= n, which is a
//! plain merge when the classes are balanced and far less when one class is rare.

use super::Class;
use super::compare::RATIOS;
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
        let (roc_auc, [average_precision]) = ranks(neg, pos, [1.0]);
        Ranking {
            roc_auc,
            average_precision,
        }
    }
}

/// A model's threshold-free numbers: ROC AUC and average precision, and average precision at
/// each of `RATIOS` (the value the model would score with `r` negatives per positive).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ranks {
    /// ROC AUC and average precision, with each negative counted as the caller weighs it.
    pub ranking: Ranking,
    /// Average precision at each of `RATIOS`.
    pub ap_at_ratios: [Metric; RATIOS.len()],
}

impl Ranks {
    /// Every number of a model's ranks in one walk; each negative counts `neg_weight` times
    /// in its own ROC AUC and average precision (a preview's weight; 1 for the whole class).
    pub fn new(neg: &ClassScores, pos: &ClassScores, neg_weight: f64) -> Self {
        let mut weights = [neg_weight; RATIOS.len() + 1];
        weights[1..].copy_from_slice(&ratio_weights(neg, pos));
        let (roc_auc, [average_precision, ap_at_ratios @ ..]) = ranks(neg, pos, weights);
        Ranks {
            ranking: Ranking {
                roc_auc,
                average_precision,
            },
            ap_at_ratios,
        }
    }
}

/// ROC AUC and average precision alone, each negative counted `neg_weight` times: the same
/// bits as `Ranks::new`'s, with one weight to carry through the walk instead of six.
pub fn ranking_weighted(neg: &ClassScores, pos: &ClassScores, neg_weight: f64) -> Ranking {
    let (roc_auc, [average_precision]) = ranks(neg, pos, [neg_weight]);
    Ranking {
        roc_auc,
        average_precision,
    }
}

/// Every `step`-th of a sorted class's scores, the middle one of each block of `step` (the
/// last, shorter block's middle or its last score): still sorted, spread over the class.
fn every(scores: &ClassScores, step: usize, class: Class) -> ClassScores {
    let last = scores.len().saturating_sub(1);
    let kept = (0..scores.len().div_ceil(step))
        .map(|i| scores.get((i * step + step / 2).min(last)))
        .collect();
    ClassScores::from_scores(class, kept)
}

/// At most `most` evenly spaced scores of each class, and the factor a negative's weight
/// against a positive is scaled by on them (each kept score stands for its class's count over
/// the kept count); `None` when both classes fit. A cheaper estimate's sample, where one is
/// shown anyway (a class larger than its preview).
pub fn sample(
    neg: &ClassScores,
    pos: &ClassScores,
    most: usize,
) -> Option<(ClassScores, ClassScores, f64)> {
    let step = |c: &ClassScores| c.len().div_ceil(most.max(1)).max(1);
    let (neg_step, pos_step) = (step(neg), step(pos));
    if neg_step == 1 && pos_step == 1 {
        return None;
    }
    let n = every(neg, neg_step, Class::Negative);
    let p = every(pos, pos_step, Class::Positive);
    // Each kept score stands for this many of its class (1 for an empty class, never read).
    let stands = |all: &ClassScores, kept: &ClassScores| match kept.len() {
        0 => 1.0,
        k => all.len() as f64 / k as f64,
    };
    let weight = stands(neg, &n) / stands(pos, &p);
    Some((n, p, weight))
}

/// `ranking_weighted`'s estimate on `sample`'s scores: with `most` at least each class's size,
/// the same bits as `ranking_weighted`.
pub fn ranking_sampled(
    neg: &ClassScores,
    pos: &ClassScores,
    neg_weight: f64,
    most: usize,
) -> Ranking {
    match sample(neg, pos, most) {
        None => ranking_weighted(neg, pos, neg_weight),
        Some((n, p, weight)) => ranking_weighted(&n, &p, neg_weight * weight),
    }
}

/// `ap_at_ratios`'s estimate on `sample`'s scores (each ratio's weight is worked out from the
/// kept counts, so it needs no scaling): the same numbers the sampled ranking's walk would
/// give at each ratio.
pub fn ap_at_ratios_sampled(
    neg: &ClassScores,
    pos: &ClassScores,
    most: usize,
) -> [Metric; RATIOS.len()] {
    match sample(neg, pos, most) {
        None => ap_at_ratios(neg, pos),
        Some((n, p, _)) => ap_at_ratios(&n, &p),
    }
}

/// Average precision at each of `RATIOS` alone: the same bits as `Ranks::new`'s.
pub fn ap_at_ratios(neg: &ClassScores, pos: &ClassScores) -> [Metric; RATIOS.len()] {
    average_precisions(neg, pos, ratio_weights(neg, pos))
}

/// The weight of a negative at each of `RATIOS`: `r * pos / neg`, so the negatives count as
/// `r` per positive.
fn ratio_weights(neg: &ClassScores, pos: &ClassScores) -> [f64; RATIOS.len()] {
    RATIOS.map(|r| {
        if neg.is_empty() {
            1.0
        } else {
            r * pos.len() as f64 / neg.len() as f64
        }
    })
}

/// Values in ascending order, read by index: a slice, or a class's scores (computed from their
/// draws as they are read).
pub trait Sorted {
    /// Number of values.
    fn count(&self) -> usize;
    /// The `i`-th smallest value.
    fn at(&self, i: usize) -> f64;
}

impl Sorted for [f64] {
    fn count(&self) -> usize {
        self.len()
    }
    fn at(&self, i: usize) -> f64 {
        self[i]
    }
}

impl Sorted for Vec<f64> {
    fn count(&self) -> usize {
        self.len()
    }
    fn at(&self, i: usize) -> f64 {
        self[i]
    }
}

impl Sorted for ClassScores {
    fn count(&self) -> usize {
        self.len()
    }
    fn at(&self, i: usize) -> f64 {
        self.get(i)
    }
}

/// The first index in `lo..hi` whose value is not `below`, where `below` holds on a prefix.
fn partition<S: Sorted + ?Sized>(
    sorted: &S,
    mut lo: usize,
    mut hi: usize,
    below: &impl Fn(f64) -> bool,
) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if below(sorted.at(mid)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The first index `i >= from` with `!below(sorted[i])`, where `below` holds on a prefix.
pub(crate) fn gallop<S: Sorted + ?Sized>(
    sorted: &S,
    from: usize,
    below: impl Fn(f64) -> bool,
) -> usize {
    let n = sorted.count();
    let mut step = 1;
    let mut lo = from;
    while lo + step <= n && below(sorted.at(lo + step - 1)) {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(n);
    partition(sorted, lo, hi, &below)
}

/// For every value of `small`, counts the values of `large` strictly below it and equal to it;
/// returns `2 * below + equal`, summed (twice the Mann-Whitney U of `small` over `large`).
fn twice_u<A: Sorted + ?Sized, B: Sorted + ?Sized>(small: &A, large: &B) -> u128 {
    let mut total = 0u128;
    let (mut lt, mut le) = (0, 0);
    for i in 0..small.count() {
        let x = small.at(i);
        lt = gallop(large, lt, |y| y < x);
        le = gallop(large, le.max(lt), |y| y <= x);
        total += 2 * lt as u128 + (le - lt) as u128;
    }
    total
}

/// ROC AUC of the sorted negative and positive scores.
pub fn roc_auc<S: Sorted + ?Sized>(neg: &S, pos: &S) -> Metric {
    let (n, p) = (neg.count(), pos.count());
    if p == 0 {
        return Err(Undefined::NoPositives);
    }
    if n == 0 {
        return Err(Undefined::NoNegatives);
    }
    let pairs = 2 * n as u128 * p as u128;
    let twice_u_pos = if p <= n {
        twice_u(pos, neg)
    } else {
        // Every pair is below, equal or above: U(pos over neg) = pairs - U(neg over pos).
        pairs - twice_u(neg, pos)
    };
    Ok(twice_u_pos as f64 / pairs as f64)
}

/// Average precision of the sorted negative and positive scores.
pub fn average_precision<S: Sorted + ?Sized>(neg: &S, pos: &S) -> Metric {
    average_precision_weighted(neg, pos, 1.0)
}

/// Average precision with every negative counted `neg_weight` times: the value the same model
/// would score on a validation set with `neg_weight` times as many negatives per positive.
pub fn average_precision_weighted<S: Sorted + ?Sized>(neg: &S, pos: &S, neg_weight: f64) -> Metric {
    let [ap] = average_precisions(neg, pos, [neg_weight]);
    ap
}

/// Average precision under each of several negative weights, in one walk over the classes
/// (each value has the bits `average_precision_weighted` gives it alone).
pub fn average_precisions<S: Sorted + ?Sized, const K: usize>(
    neg: &S,
    pos: &S,
    neg_weights: [f64; K],
) -> [Metric; K] {
    walk(neg, pos, neg_weights, false).1
}

/// ROC AUC, and average precision under each of `neg_weights`: in one walk when the positives
/// are the rarer class (the usual case), else by `roc_auc` and `average_precisions`. Each value
/// has the bits `roc_auc` and `average_precision_weighted` give it alone: AUC counts the same
/// integers, and each positive value's precision term is the same expression.
pub fn ranks<S: Sorted + ?Sized, const K: usize>(
    neg: &S,
    pos: &S,
    neg_weights: [f64; K],
) -> (Metric, [Metric; K]) {
    let (n, p) = (neg.count(), pos.count());
    if p == 0 || p > n {
        return (roc_auc(neg, pos), average_precisions(neg, pos, neg_weights));
    }
    let (twice_u, aps) = walk(neg, pos, neg_weights, true);
    let pairs = 2 * n as u128 * p as u128;
    (Ok(twice_u as f64 / pairs as f64), aps)
}

/// One walk over the runs of equal positive scores, finding each run's place among the
/// negatives: average precision under each weight (recall only moves at thresholds equal to a
/// positive's score, so the sum runs over the distinct positive scores x: (positives at x / P)
/// times precision at threshold x), and with `auc`, twice the Mann-Whitney U of the positives
/// over the negatives (0 without).
fn walk<S: Sorted + ?Sized, const K: usize>(
    neg: &S,
    pos: &S,
    neg_weights: [f64; K],
    auc: bool,
) -> (u128, [Metric; K]) {
    let (n, p) = (neg.count(), pos.count());
    if p == 0 {
        return (0, [Err(Undefined::NoPositives); K]);
    }
    let (mut twice_u, mut sums) = (0u128, [0.0; K]);
    let (mut i, mut lt, mut le) = (0, 0, 0);
    while i < p {
        // The run of positives equal to x, and the negatives below (and equal to) it.
        let x = pos.at(i);
        let end = gallop(pos, i, |y| y <= x);
        lt = gallop(neg, lt, |y| y < x);
        let run = end - i;
        if auc {
            le = gallop(neg, le.max(lt), |y| y <= x);
            twice_u += run as u128 * (2 * lt as u128 + (le - lt) as u128);
        }
        let tp = (p - i) as f64;
        let (at_x, above) = (run as f64, (n - lt) as f64);
        for (sum, w) in sums.iter_mut().zip(neg_weights) {
            *sum += at_x * tp / (tp + w * above);
        }
        i = end;
    }
    (twice_u, sums.map(|sum| Ok(sum / p as f64)))
}
