//! One chunk of a class's samples at a time: the per-sample values every pass needs, computed
//! in stages without branches, which compile to SIMD.

use super::sums::clip;
use crate::sim::generator::ClassScores;
use crate::sim::kernels;
use crate::sim::params::Class;

/// Samples handled together: small enough to stay in the L1 cache, long enough for SIMD.
pub(super) const CHUNK: usize = 256;

/// One chunk's per-sample values, computed in stages without branches.
pub(super) struct Stage {
    pub(super) raw: [f64; CHUNK],
    pub(super) p_t: [f64; CHUNK],
    pub(super) rest: [f64; CHUNK],
    pub(super) ce: [f64; CHUNK],
    pub(super) factor: [f64; CHUNK],
}

impl Default for Stage {
    fn default() -> Self {
        Stage {
            raw: [0.0; CHUNK],
            p_t: [0.0; CHUNK],
            rest: [0.0; CHUNK],
            ce: [0.0; CHUNK],
            factor: [0.0; CHUNK],
        }
    }
}

impl Stage {
    /// The `n` samples from `start` on: their probabilities and `(p_t, 1 - p_t)`.
    pub(super) fn fill_split(&mut self, scores: &ClassScores, start: usize, n: usize) {
        scores.fill(start..start + n, &mut self.raw[..n]);
        match scores.class {
            Class::Positive => {
                for i in 0..n {
                    let q = clip(self.raw[i]);
                    (self.p_t[i], self.rest[i]) = (q, 1.0 - q);
                }
            }
            Class::Negative => {
                for i in 0..n {
                    let q = clip(self.raw[i]);
                    (self.p_t[i], self.rest[i]) = (1.0 - q, q);
                }
            }
        }
    }

    /// As `fill_split`, and each sample's cross-entropy. Clipped to [1e-7, 1 - 1e-7]: every
    /// value is positive and normal.
    pub(super) fn fill(&mut self, scores: &ClassScores, start: usize, n: usize) {
        self.fill_split(scores, start, n);
        kernels::neg_ln(&self.p_t[..n], &mut self.ce[..n]);
    }

    /// Each sample's modulating factor `(1 - p_t)^gamma`.
    pub(super) fn modulate(&mut self, gamma: f64, n: usize) {
        let factor = &mut self.factor[..n];
        if gamma.fract() == 0.0 && gamma <= 64.0 {
            // `modulating`'s repeated squaring, one step at a time over the whole chunk: the
            // same multiplications in the same order for each sample, so they vectorise.
            let (mut base, mut e) = (self.rest, gamma as u32);
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
            kernels::pow_slice(&self.rest[..n], gamma, factor);
        }
    }
}
