//! How far the probabilities are from frequencies: the Brier score, the expected calibration
//! error (ECE) and the reliability diagram, over `BINS` equal-width bins of `p`.
//!
//! The log loss needs no code here: it is the page's BCE mean (`sim/loss/sums.rs`), Keras-clipped
//! to `[1e-7, 1 - 1e-7]`. scikit-learn's `log_loss` clips at the double's machine epsilon instead,
//! so the two agree unless a score lies within 1e-7 of 0 or 1: by about 1e-7 a sample at the right
//! end, by up to 20 nats at the wrong one (`ln(1e-7)` against `ln(2.2e-16)`).

use crate::sim::generator::ClassScores;
use crate::sim::metrics::{Metric, Undefined};

/// Number of bins (SPEC 8).
pub const BINS: usize = 15;

/// The upper edge of bin `k`, `k / 15`: numpy's `linspace(0, 1, 16)[k + 1]`, which is
/// `(k + 1) * (1 / 15)`, and here the same double as `(k + 1) / 15` for every `k` (checked
/// with numpy).
fn upper_edge(k: usize) -> f64 {
    (k + 1) as f64 / BINS as f64
}

/// The bin of a probability, as `sklearn.calibration.calibration_curve(strategy='uniform')`
/// bins: `np.searchsorted(inner_edges, p)` (side 'left'), the number of inner edges strictly
/// below `p`. So bin 0 is `[0, 1/15]`, bin `k` is `(k/15, (k+1)/15]`: an exact edge belongs
/// to the bin below it, and `p = 1` to the last bin.
pub fn bin_of(p: f64) -> usize {
    (0..BINS - 1).filter(|&k| upper_edge(k) < p).count()
}

/// One bin of the reliability diagram.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bin {
    /// Lower edge (exclusive, except 0 for the first bin).
    pub lo: f64,
    /// Upper edge (inclusive).
    pub hi: f64,
    /// Samples in the bin.
    pub count: u64,
    /// Positives in the bin.
    pub positives: u64,
    /// Mean probability in the bin; `NoSamples` when empty.
    pub mean_p: Metric,
    /// Share of positives in the bin; `NoSamples` when empty.
    pub fraction_positive: Metric,
}

/// The calibration of a model's probabilities on the two classes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Calibration {
    /// The reliability diagram, bin by bin (empty bins included, unlike scikit-learn's
    /// `calibration_curve`, which drops them).
    pub bins: [Bin; BINS],
    /// `mean (p - y)^2`, on the raw probabilities (scikit-learn's `brier_score_loss`).
    pub brier: Metric,
    /// `sum_b (n_b / N) |mean(y)_b - mean(p)_b|`.
    pub ece: Metric,
}

/// Scores mapped at a time: small enough for the L1 cache, as in `sim/loss/sums.rs`.
const CHUNK: usize = 256;

/// The sum of `p` and of `(p - y)^2` over `range` of a class: in chunks, with four running
/// sums each, so the additions do not wait on one another.
fn sums(scores: &ClassScores, range: std::ops::Range<usize>, y: f64) -> (f64, f64) {
    let (mut sum, mut squares) = ([0.0; 4], [0.0; 4]);
    let mut buf = [0.0; CHUNK];
    let mut start = range.start;
    while start < range.end {
        let end = (start + CHUNK).min(range.end);
        let part = &mut buf[..end - start];
        scores.fill(start..end, part);
        let mut quads = part.chunks_exact(4);
        for q in &mut quads {
            for k in 0..4 {
                sum[k] += q[k];
                squares[k] += (q[k] - y) * (q[k] - y);
            }
        }
        for (k, &p) in quads.remainder().iter().enumerate() {
            sum[k] += p;
            squares[k] += (p - y) * (p - y);
        }
        start = end;
    }
    (sum.iter().sum(), squares.iter().sum())
}

/// Per bin of one class: count and sum of `p`; and the class's sum of squared errors against
/// its label `y`.
fn accumulate(
    scores: &ClassScores,
    y: f64,
    counts: &mut [u64; BINS],
    sums_p: &mut [f64; BINS],
) -> f64 {
    let mut squares = 0.0;
    let mut start = 0;
    for k in 0..BINS {
        // The scores are sorted: bin k is a range, found by binary search (the last bin takes
        // everything above the last inner edge).
        let end = if k + 1 == BINS {
            scores.len()
        } else {
            scores.partition_point(|p| p <= upper_edge(k))
        };
        let (sum, sq) = sums(scores, start..end, y);
        counts[k] += (end - start) as u64;
        sums_p[k] += sum;
        squares += sq;
        start = end;
    }
    squares
}

impl Calibration {
    /// The bins, Brier score and ECE: one pass over each class.
    pub fn new(neg: &ClassScores, pos: &ClassScores) -> Self {
        let (mut counts, mut sums) = ([0u64; BINS], [0.0; BINS]);
        let mut pos_counts = [0u64; BINS];
        let neg_squares = accumulate(neg, 0.0, &mut counts, &mut sums);
        let pos_squares = accumulate(pos, 1.0, &mut pos_counts, &mut sums);
        let n = (neg.len() + pos.len()) as u64;
        let mean = |num: f64, den: u64| {
            if den == 0 {
                Err(Undefined::NoSamples)
            } else {
                Ok(num / den as f64)
            }
        };
        let bins = std::array::from_fn(|k| {
            let count = counts[k] + pos_counts[k];
            Bin {
                lo: if k == 0 { 0.0 } else { upper_edge(k - 1) },
                hi: upper_edge(k),
                count,
                positives: pos_counts[k],
                mean_p: mean(sums[k], count),
                fraction_positive: mean(pos_counts[k] as f64, count),
            }
        });
        let ece = mean(
            bins.iter()
                .filter_map(|b: &Bin| {
                    let gap = (b.fraction_positive.ok()? - b.mean_p.ok()?).abs();
                    Some(b.count as f64 * gap)
                })
                .sum(),
            n,
        );
        Calibration {
            bins,
            brier: mean(neg_squares + pos_squares, n),
            ece,
        }
    }
}
