//! The fast sums behind every loss on fixed predictions, and their reductions (SPEC section 2).
//!
//! A class's loss under every shape is a multiple of two sums over its samples: the
//! cross-entropy sum and the focal sum at the current gamma (`ClassLoss`). So alpha and
//! pos_weight cost no pass over the samples, and gamma costs one.

use super::{LossKind, LossParams, PerLoss};
use crate::sim::generator::ClassScores;
use crate::sim::kernels;
use crate::sim::metrics::{Metric, Undefined};
use crate::sim::params::{Class, EPS};

/// Clips a probability to `[EPS, 1 - EPS]`, as Keras does before taking logarithms.
pub fn clip(p: f64) -> f64 {
    p.clamp(EPS, 1.0 - EPS)
}

/// `(p_t, 1 - p_t)` for a clipped probability `q`: the probability given to the true class and
/// the rest. Computed so that neither side goes through an extra subtraction.
pub fn split(class: Class, q: f64) -> (f64, f64) {
    match class {
        Class::Positive => (q, 1.0 - q),
        Class::Negative => (1.0 - q, q),
    }
}

/// The two sums over one class that every loss is made of.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClassLoss {
    /// Sum of the cross-entropy, `-ln p_t`.
    pub ce: f64,
    /// Sum of `(1 - p_t)^gamma` times the cross-entropy: the focal loss before alpha.
    pub focal: f64,
}

/// Samples handled together: small enough to stay in the L1 cache, long enough for SIMD.
const CHUNK: usize = 256;

/// From this many samples on, a class's sums are two halves added (see `ClassLoss::new`).
pub const SPLIT: usize = 1 << 17;

impl ClassLoss {
    /// Both sums in one pass over the class, sharing each sample's logarithm. Depends on the
    /// scores and gamma only: alpha and pos_weight scale these sums later.
    ///
    /// Each chunk is computed in stages (the true-class probabilities, their logarithms, the
    /// modulating factors) that have no branch and compile to SIMD, then summed in sample order,
    /// so the sums have the same bits as a plain loop over `per_sample_loss`'s arithmetic.
    ///
    /// A class of `SPLIT` samples or more is summed as two halves, each from zero, then added:
    /// natively the halves run on two threads at once, in the browser one after the other,
    /// with the same bits.
    pub fn new(scores: &ClassScores, gamma: f64) -> Self {
        let len = scores.len();
        if len < SPLIT {
            return Self::range(scores, gamma, 0..len);
        }
        let mid = (len / 2).next_multiple_of(CHUNK);
        let (a, b) = kernels::both(
            || Self::range(scores, gamma, 0..mid),
            || Self::range(scores, gamma, mid..len),
        );
        ClassLoss {
            ce: a.ce + b.ce,
            focal: a.focal + b.focal,
        }
    }

    /// The sums over the samples of `range`, in order.
    fn range(scores: &ClassScores, gamma: f64, range: std::ops::Range<usize>) -> Self {
        let (mut ce, mut focal) = (0.0, 0.0);
        let (mut sample_ce, mut factor) = ([0.0; CHUNK], [0.0; CHUNK]);
        for start in range.clone().step_by(CHUNK) {
            let n = CHUNK.min(range.end - start);
            stage(scores, gamma, start, &mut sample_ce[..n], &mut factor[..n]);
            for i in 0..n {
                ce += sample_ce[i];
                focal += factor[i] * sample_ce[i];
            }
        }
        ClassLoss { ce, focal }
    }
}

/// The per-sample cross-entropy and modulating factor of the samples from `start` on (as many
/// as `sample_ce` holds, at most `CHUNK`), in stages without branches that compile to SIMD.
fn stage(
    scores: &ClassScores,
    gamma: f64,
    start: usize,
    sample_ce: &mut [f64],
    factor: &mut [f64],
) {
    let n = sample_ce.len();
    let (mut chunk, mut p_t, mut rest) = ([0.0; CHUNK], [0.0; CHUNK], [0.0; CHUNK]);
    scores.fill(start..start + n, &mut chunk[..n]);
    match scores.class {
        Class::Positive => {
            for i in 0..n {
                let q = clip(chunk[i]);
                (p_t[i], rest[i]) = (q, 1.0 - q);
            }
        }
        Class::Negative => {
            for i in 0..n {
                let q = clip(chunk[i]);
                (p_t[i], rest[i]) = (1.0 - q, q);
            }
        }
    }
    // Clipped to [1e-7, 1 - 1e-7]: every value is positive and normal.
    kernels::neg_ln(&p_t[..n], sample_ce);
    if gamma.fract() == 0.0 && gamma <= 64.0 {
        // `modulating`'s repeated squaring, one step at a time over the whole chunk: the same
        // multiplications in the same order for each sample, without its per-sample loop, so
        // they vectorise.
        let (mut base, mut e) = (rest, gamma as u32);
        factor.fill(1.0);
        while e > 0 {
            if e & 1 == 1 {
                for i in 0..n {
                    factor[i] *= base[i];
                }
            }
            for b in &mut base[..n] {
                *b *= *b;
            }
            e >>= 1;
        }
    } else {
        // gamma * ln(rest) >= 10 ln(1e-7) > -708: inside exp's branch-free range.
        kernels::pow_slice(&rest[..n], gamma, factor);
    }
}

/// One loss under every reduction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reduction {
    /// `sum / (neg + pos)`: PyTorch 'mean', Keras 'sum_over_batch_size'.
    pub mean: Metric,
    /// Sum over all samples.
    pub sum: f64,
    /// Sum over the negatives.
    pub neg_sum: f64,
    /// Sum over the positives.
    pub pos_sum: f64,
}

impl Reduction {
    fn new(neg_sum: f64, pos_sum: f64, samples: u64) -> Self {
        let sum = neg_sum + pos_sum;
        let mean = if samples == 0 {
            Err(Undefined::NoSamples)
        } else {
            Ok(sum / samples as f64)
        };
        Reduction {
            mean,
            sum,
            neg_sum,
            pos_sum,
        }
    }

    /// The share of the loss one class carries, in [0, 1]; undefined when the loss is 0.
    pub fn share(&self, class: Class) -> Metric {
        if self.sum <= 0.0 {
            return Err(Undefined::ZeroLoss);
        }
        Ok(match class {
            Class::Negative => self.neg_sum,
            Class::Positive => self.pos_sum,
        } / self.sum)
    }
}

/// Every loss of a scenario, in the order of `LossKind::ALL`.
pub type Losses = PerLoss<Reduction>;

/// Every loss from the per-class sums and the number of samples: no pass over the samples. A
/// loss that reads gamma takes the focal sums (already at the page's gamma), the others the
/// cross-entropy sums; the weights are the shape's at these parameters, as they are. A weight
/// of 1 keeps a sum's bits (`1 * x == x`).
pub fn losses(neg: ClassLoss, pos: ClassLoss, samples: u64, alpha: f64, pos_weight: f64) -> Losses {
    // The gamma here changes no weight: the focal sums carry it.
    let params = LossParams::new(pos_weight, alpha, 0.0);
    PerLoss::new(|kind: LossKind| {
        let shape = (kind.loss().shape)(&params);
        let (n, p) = if kind.loss().modulated() {
            (neg.focal, pos.focal)
        } else {
            (neg.ce, pos.ce)
        };
        Reduction::new(shape.neg_weight * n, shape.pos_weight * p, samples)
    })
}

#[cfg(test)]
mod tests {
    use super::super::shape::modulating;
    use super::*;
    use crate::sim::UnitDraws;
    use crate::sim::fastmath;

    /// The chunked, staged sums have the bits of a plain loop over each sample, for whole
    /// gammas (repeated squaring) and fractional ones (exp of ln), and for a class large enough
    /// to be summed in two halves.
    #[test]
    fn sums_match_a_plain_loop_bit_for_bit() {
        let cases = [
            (3_001, &[0.0, 1.0, 2.0, 3.0, 5.0, 7.0, 2.5, 0.3][..]),
            (200_003, &[2.0, 2.5][..]),
        ];
        for (class, (size, gammas)) in [Class::Negative, Class::Positive]
            .into_iter()
            .flat_map(|c| cases.map(|case| (c, case)))
        {
            let draws = UnitDraws::generate(7, class, size);
            let scores = ClassScores::new(class, 0.8, &draws);
            for &gamma in gammas {
                // Large classes are two halves, each summed from zero.
                let mid = if size as usize >= SPLIT {
                    (size as usize / 2).next_multiple_of(CHUNK)
                } else {
                    size as usize
                };
                let (mut ce, mut focal) = ([0.0; 2], [0.0; 2]);
                for (i, p) in scores.iter().enumerate() {
                    let half = usize::from(i >= mid);
                    let q = clip(p);
                    let (p_t, rest) = match class {
                        Class::Positive => (q, 1.0 - q),
                        Class::Negative => (1.0 - q, q),
                    };
                    let sample = -fastmath::ln(p_t);
                    ce[half] += sample;
                    focal[half] += modulating(rest, gamma) * sample;
                }
                let (ce, focal) = if mid < size as usize {
                    (ce[0] + ce[1], focal[0] + focal[1])
                } else {
                    (ce[0], focal[0])
                };
                let fast = ClassLoss::new(&scores, gamma);
                assert_eq!(fast.ce.to_bits(), ce.to_bits(), "{class:?} ce");
                assert_eq!(
                    fast.focal.to_bits(),
                    focal.to_bits(),
                    "{class:?} gamma {gamma}"
                );
            }
        }
    }
}
