//! A seeded finite sample of the binormal population, the same bits natively and in wasm.
//!
//! Standard normals come from Marsaglia's polar method on Xoshiro256++ draws: integer
//! operations, IEEE arithmetic, `fastmath::ln` (libm's bits) and `sqrt` (correctly rounded
//! everywhere by IEEE 754), so no platform function can change a value. Each class has its own
//! stream, the seed's stream long-jumped 2^192 steps (negatives) and then jumped 2^128 more
//! (positives): past the predictions' two streams (`rng.rs`, at 0 and 2^128), so a sample never
//! shares a draw with them, and changing one class's count leaves the other's rows be.

use std::fmt::Write;
use std::sync::Arc;

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{Rng, SeedableRng};

use super::newton::Objective;
use super::problem::{Binormal, Model, NoOptimum};
use crate::sim::loss::SPLIT;
use crate::sim::loss::Shape;
use crate::sim::params::Class;
use crate::sim::{fastmath, kernels};

/// The largest sample the page trains on.
pub const MAX_SAMPLE: u32 = 1_000_000;

/// The training data CSV's first line.
pub const CSV_HEADER: &str = "label,x\n";

/// The stream of one class's rows (see the module docs).
pub fn sample_stream(seed: u64, class: Class) -> Xoshiro256PlusPlus {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    rng.long_jump();
    if class == Class::Positive {
        rng.jump();
    }
    rng
}

/// Standard normal draws by the polar method, two per accepted pair.
struct Normals {
    rng: Xoshiro256PlusPlus,
    spare: Option<f64>,
}

impl Normals {
    fn next(&mut self) -> f64 {
        if let Some(x) = self.spare.take() {
            return x;
        }
        // 53 random bits each, uniform on [-1, 1); pairs outside the unit disc (or at its
        // centre) are drawn again: about 21 % of them.
        const SCALE: f64 = 1.0 / (1u64 << 52) as f64;
        loop {
            let u = (self.rng.next_u64() >> 11) as f64 * SCALE - 1.0;
            let v = (self.rng.next_u64() >> 11) as f64 * SCALE - 1.0;
            let s = u * u + v * v;
            if s < 1.0 && s > 0.0 {
                let f = (-2.0 * fastmath::ln(s) / s).sqrt();
                self.spare = Some(v * f);
                return u * f;
            }
        }
    }
}

/// `n` standard normals from a class's stream of `seed`.
pub fn standard_normals(seed: u64, class: Class, n: usize) -> Vec<f64> {
    let mut normals = Normals {
        rng: sample_stream(seed, class),
        spare: None,
    };
    (0..n).map(|_| normals.next()).collect()
}

/// A sample's rows: each class's feature values, in draw order.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    /// The seed the rows were drawn from.
    pub seed: u64,
    /// The separation the positives were drawn at.
    pub sep: f64,
    neg: Arc<Vec<f64>>,
    pos: Arc<Vec<f64>>,
}

impl Sample {
    /// How `n` rows split at the mix: `round(n neg / (neg + pos))` negatives (halves up), the
    /// rest positives; `n` is capped at `MAX_SAMPLE`.
    pub fn split(n: u32, pop: &Binormal) -> (u32, u32) {
        let n = u64::from(n.min(MAX_SAMPLE));
        let (neg, total) = (u64::from(pop.neg), u64::from(pop.neg) + u64::from(pop.pos));
        if total == 0 {
            return (0, 0);
        }
        let n_neg = (2 * n * neg + total) / (2 * total);
        (n_neg as u32, (n - n_neg) as u32)
    }

    /// `n` rows of `pop` at its mix, drawn from `seed`.
    pub fn generate(pop: &Binormal, n: u32, seed: u64) -> Self {
        let (n_neg, n_pos) = Self::split(n, pop);
        let d = pop.d();
        let mut pos = standard_normals(seed, Class::Positive, n_pos as usize);
        for x in &mut pos {
            *x += d;
        }
        Sample {
            seed,
            sep: d,
            neg: Arc::new(standard_normals(seed, Class::Negative, n_neg as usize)),
            pos: Arc::new(pos),
        }
    }

    /// One class's feature values.
    pub fn x(&self, class: Class) -> &[f64] {
        match class {
            Class::Negative => &self.neg,
            Class::Positive => &self.pos,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.neg.len() + self.pos.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Why the loss has no finite minimiser on these rows, if it has none: an empty class, a
    /// class of weight 0, or classes that a threshold on `x` separates (then `|w| -> inf`
    /// lowers every loss for ever; ties at the threshold included).
    pub fn existence(&self, shape: &Shape) -> Result<(), NoOptimum> {
        match (self.neg.is_empty(), self.pos.is_empty()) {
            (true, true) => return Err(NoOptimum::NoSamples),
            (false, true) => return Err(NoOptimum::NoPositives),
            (true, false) => return Err(NoOptimum::NoNegatives),
            (false, false) => {}
        }
        for class in [Class::Positive, Class::Negative] {
            if shape.weight(class) <= 0.0 {
                return Err(NoOptimum::ZeroWeight(class));
            }
        }
        let range = |v: &[f64]| {
            v.iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
                    (lo.min(x), hi.max(x))
                })
        };
        let ((neg_lo, neg_hi), (pos_lo, pos_hi)) = (range(&self.neg), range(&self.pos));
        if neg_hi <= pos_lo || pos_hi <= neg_lo {
            return Err(NoOptimum::Separated);
        }
        Ok(())
    }

    /// The mean loss over the rows at `model`, with its gradient and Hessian: one pass.
    ///
    /// A class of `SPLIT` rows or more is summed as two halves, each from zero, then added
    /// (as `ClassLoss::new` does): natively on two threads at once, in the browser one after
    /// the other, with the same bits.
    pub fn objective(&self, shape: &Shape, model: &Model) -> Objective {
        let mut total = Objective::default();
        for class in [Class::Negative, Class::Positive] {
            let x = self.x(class);
            let sum = |x: &[f64]| class_sum(shape, class, model, x);
            if x.len() >= SPLIT {
                let (a, b) = x.split_at(x.len() / 2);
                let (a, b) = kernels::both(|| sum(a), || sum(b));
                total.add_scaled(1.0, &a);
                total.add_scaled(1.0, &b);
            } else {
                total.add_scaled(1.0, &sum(x));
            }
        }
        let mut mean = Objective::default();
        if !self.is_empty() {
            mean.add_scaled(1.0 / self.len() as f64, &total);
        }
        mean.symmetrised()
    }

    /// Appends CSV rows `label,x` for rows `range` (negatives first, then positives), `x` in the
    /// shortest form that reads back to the same double.
    pub fn csv_rows(&self, range: std::ops::Range<usize>, out: &mut Vec<u8>) {
        let mut line = String::with_capacity(32);
        let n_neg = self.neg.len();
        for i in range.start..range.end.min(self.len()) {
            let (label, x) = if i < n_neg {
                (0, self.neg[i])
            } else {
                (1, self.pos[i - n_neg])
            };
            line.clear();
            let _ = writeln!(line, "{label},{x}");
            out.extend_from_slice(line.as_bytes());
        }
    }

    /// The whole training data file, header first.
    pub fn csv(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len() * 24 + CSV_HEADER.len());
        out.extend_from_slice(CSV_HEADER.as_bytes());
        self.csv_rows(0..self.len(), &mut out);
        out
    }
}

/// The loss summed over one class's rows `x`, with its gradient and Hessian. Chunks are summed
/// apart, then added: the rounding error grows with the number of chunks rather than of rows.
fn class_sum(shape: &Shape, class: Class, model: &Model, x: &[f64]) -> Objective {
    let mut total = Objective::default();
    for chunk in x.chunks(1024) {
        let mut part = Objective::default();
        for &x in chunk {
            part.add(1.0, x, shape.at(class, model.logit(x)));
        }
        total.add_scaled(1.0, &part);
    }
    total
}
