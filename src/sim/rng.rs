//! Seeded, portable random draws.
//!
//! Xoshiro256++ (`rand_xoshiro`) is documented as portable and value-stable; everything on top
//! of its `u64` stream is written here with integer and IEEE operations (`fastmath`), so the
//! same seed gives the same bits natively and in every browser.

use std::sync::Arc;

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{Rng, SeedableRng};

use super::params::Class;
use super::{fastmath, kernels};

/// The stream of one class. Negatives use the seed's stream, positives the same stream jumped
/// 2^128 steps ahead, so the two never overlap and regenerating one class leaves the other be.
pub fn class_stream(seed: u64, class: Class) -> Xoshiro256PlusPlus {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    if class == Class::Positive {
        rng.jump();
    }
    rng
}

/// A uniform draw in (0, 1]: 53 random bits, never 0, so its logarithm is finite.
fn open_unit(rng: &mut Xoshiro256PlusPlus) -> f64 {
    const SCALE: f64 = 1.0 / (1u64 << 53) as f64;
    ((rng.next_u64() >> 11) + 1) as f64 * SCALE
}

/// `n` independent U(0, 1) draws of one class, in ascending order.
///
/// They are made sorted rather than sorted afterwards: the partial sums of `n + 1` standard
/// exponentials, each divided by the last, have exactly the joint law of the order statistics
/// of `n` uniforms (Renyi's representation; Devroye 1986, section V.3). One pass, no sort, and
/// sorted scores make every threshold query a binary search.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitDraws(Arc<Vec<f64>>);

impl UnitDraws {
    /// Draws `n` sorted uniforms from the class's stream of `seed`.
    ///
    /// In passes over the draws: the random bits one after the other (the stream is
    /// sequential), their logarithms (branch-free, SIMD, and natively on both halves at once),
    /// the running sum in order, the division by the total. Each value goes through the same
    /// operations in the same order as drawing and summing one value at a time: the same bits.
    pub fn generate(seed: u64, class: Class, n: u32) -> Self {
        let mut rng = class_stream(seed, class);
        let n = n as usize;
        // Large classes get capacity in steps of 2^20 values (8 MB): while a count is dragged,
        // each new allocation fits the block the previous draws just freed, so memory stays at
        // about two copies instead of growing with every distinct size.
        const STEP: usize = 1 << 20;
        let mut draws = Vec::with_capacity(if n >= STEP {
            n.next_multiple_of(STEP)
        } else {
            n
        });
        // n spacings, then one more exponential for the total. open_unit is in [2^-53, 1]:
        // positive and normal.
        draws.extend((0..n).map(|_| open_unit(&mut rng)));
        let last = -fastmath::ln(open_unit(&mut rng));
        kernels::on_halves(&mut draws, kernels::neg_ln_in_place);
        let mut sum = 0.0;
        for d in &mut draws {
            sum += *d;
            *d = sum;
        }
        let total = sum + last;
        kernels::on_halves(&mut draws, |part| {
            for d in part {
                *d /= total;
            }
        });
        UnitDraws(Arc::new(draws))
    }

    /// The draws, shared (a clone of the handle, not of the values).
    pub fn shared(&self) -> Arc<Vec<f64>> {
        Arc::clone(&self.0)
    }

    /// The draws, ascending, each in [0, 1].
    pub fn as_slice(&self) -> &[f64] {
        &self.0
    }

    /// Number of draws.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no draws.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The passes (and, natively, the two threads) give the bits of drawing and summing one
    /// value at a time, for a class large enough to be split.
    #[test]
    fn draws_match_one_value_at_a_time_bit_for_bit() {
        let n = 300_001;
        let mut rng = class_stream(3, Class::Positive);
        let mut sums = Vec::new();
        let mut sum = 0.0;
        for _ in 0..n {
            sum += -fastmath::ln(open_unit(&mut rng));
            sums.push(sum);
        }
        let total = sum + -fastmath::ln(open_unit(&mut rng));
        let draws = UnitDraws::generate(3, Class::Positive, n as u32);
        assert_eq!(draws.len(), n);
        for (i, (d, s)) in draws.as_slice().iter().zip(&sums).enumerate() {
            assert_eq!(d.to_bits(), (s / total).to_bits(), "draw {i}");
        }
    }
}
