//! Seeded, portable random draws.
//!
//! Xoshiro256++ (`rand_xoshiro`) is documented as portable and value-stable; everything on top
//! of its `u64` stream is written here with integer and IEEE operations (`fastmath`), so the
//! same seed gives the same bits natively and in every browser.

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{Rng, SeedableRng};

use super::fastmath;
use super::params::Class;

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

/// A standard exponential draw.
fn exp1(rng: &mut Xoshiro256PlusPlus) -> f64 {
    -fastmath::ln(open_unit(rng))
}

/// `n` independent U(0, 1) draws of one class, in ascending order.
///
/// They are made sorted rather than sorted afterwards: the partial sums of `n + 1` standard
/// exponentials, each divided by the last, have exactly the joint law of the order statistics
/// of `n` uniforms (Renyi's representation; Devroye 1986, section V.3). One pass, no sort, and
/// sorted scores make every threshold query a binary search.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitDraws(Vec<f64>);

impl UnitDraws {
    /// Draws `n` sorted uniforms from the class's stream of `seed`.
    pub fn generate(seed: u64, class: Class, n: u32) -> Self {
        let mut rng = class_stream(seed, class);
        let mut draws = Vec::with_capacity(n as usize);
        let mut sum = 0.0;
        for _ in 0..n {
            sum += exp1(&mut rng);
            draws.push(sum);
        }
        let total = sum + exp1(&mut rng);
        for d in &mut draws {
            *d /= total;
        }
        UnitDraws(draws)
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
