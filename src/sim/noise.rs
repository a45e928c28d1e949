//! How much a mean loss moves from one seed (one validation set of the same size and mix) to
//! another: its standard error, from each class's spread of the per-sample loss. The classes'
//! counts are fixed and a class's samples are independent draws, so the variance of the mean
//! is `(n0 s0^2 + n1 s1^2) / N^2`.

/// Samples per class a spread is estimated from: evenly spaced through the class's sorted
/// scores, so the sample follows the class's distribution closely at any size.
pub const SPREAD_SAMPLES: usize = 4_096;

/// The `j`-th of `m` evenly spaced indices into `n` sorted samples (the middle of its stretch).
/// Computed in 64 bits: `j * n` passes 2^32 for classes of millions, and a worker's `usize` is
/// 32 bits.
pub fn spread_index(j: usize, n: usize, m: usize) -> usize {
    ((j as u64 * n as u64 + n as u64 / 2) / m as u64) as usize
}

/// The sample variance of `f(i)` over evenly spaced indices `i` of `n` sorted samples: `Some(0)`
/// for an empty class (it adds nothing to a mean), `None` for a single sample (its spread cannot
/// be estimated).
pub fn spread(n: usize, f: impl Fn(usize) -> f64) -> Option<f64> {
    let m = n.min(SPREAD_SAMPLES);
    match n {
        0 => return Some(0.0),
        1 => return None,
        _ => {}
    }
    let (mut sum, mut sq) = (0.0, 0.0);
    for j in 0..m {
        let v = f(spread_index(j, n, m));
        sum += v;
        sq += v * v;
    }
    let mean = sum / m as f64;
    Some(((sq / m as f64 - mean * mean) * m as f64 / (m - 1) as f64).max(0.0))
}

/// The standard error of a mean over `counts` samples of classes with these variances; `None`
/// when a class's variance is unknown or there are no samples.
pub fn standard_error(counts: [f64; 2], variance: [Option<f64>; 2]) -> Option<f64> {
    let n = counts[0] + counts[1];
    let [v0, v1] = variance;
    (n > 0.0).then_some(())?;
    Some((counts[0] * v0? + counts[1] * v1?).sqrt() / n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_stay_in_range_and_spread_evenly_for_ten_million() {
        let n = 10_000_000;
        let m = SPREAD_SAMPLES;
        let idx: Vec<usize> = (0..m).map(|j| spread_index(j, n, m)).collect();
        assert!(idx.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(idx[0], n / m / 2);
        assert!(*idx.last().unwrap() < n && *idx.last().unwrap() > n - n / m);
    }

    #[test]
    fn the_spread_of_a_uniform_is_a_twelfth() {
        // Evenly spaced points of U(0, 1): variance 1/12.
        let n = 1_000_000;
        let v = spread(n, |i| (i as f64 + 0.5) / n as f64).unwrap();
        assert!((v - 1.0 / 12.0).abs() < 1e-4, "{v}");
        assert_eq!(spread(0, |_| 1.0), Some(0.0));
        assert_eq!(spread(1, |_| 1.0), None);
        assert_eq!(standard_error([4.0, 0.0], [Some(1.0), None]), None);
        assert_eq!(standard_error([0.0, 0.0], [Some(1.0), Some(1.0)]), None);
        assert_eq!(
            standard_error([4.0, 0.0], [Some(1.0), Some(0.0)]),
            Some(0.5)
        );
    }
}
