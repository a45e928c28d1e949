//! The fast sums behind every loss on fixed predictions (SPEC sections 2 and 9).
//!
//! A class's loss under every loss of the list is made of a few sums over its samples
//! (`ClassLoss`), each computed by one pass (`Pass`) that depends on the scores and on its own
//! parameters only: the cross-entropy, `1 - p_t` and `p` sums on none, the focal sum on gamma,
//! the asymmetric loss's on its exponent and margin, logit adjustment's and LDAM's on their
//! shifts. So alpha, pos_weight, beta, eps and the Tversky weights cost no pass over the
//! samples, and every other parameter costs one pass of its own loss.

use super::shape::LIFT_TINY;
use super::stage::{CHUNK, Stage};
use super::{LossKind, LossParams};
use crate::sim::generator::ClassScores;
use crate::sim::kernels;
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

/// One of the sums over a class that the losses on fixed predictions are made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sum {
    /// The cross-entropy, `-ln p_t`.
    Ce,
    /// `(1 - p_t)^gamma` times the cross-entropy: focal before alpha.
    Focal,
    /// `1 - p_t` (Poly-1's extra term).
    Rest,
    /// The probability `p`, unclipped (the Tversky index's soft counts).
    Prob,
    /// The asymmetric loss's term.
    Asl,
    /// Logit adjustment's term.
    Adjusted,
    /// LDAM's term.
    Margin,
}

impl Sum {
    /// The pass that computes it.
    pub fn pass(self) -> Pass {
        match self {
            Sum::Ce | Sum::Focal | Sum::Rest | Sum::Prob => Pass::Base,
            Sum::Asl => Pass::Asl,
            Sum::Adjusted => Pass::Adjusted,
            Sum::Margin => Pass::Margin,
        }
    }

    /// The bits of the parameters its value depends on (beside the scores).
    pub fn key(self, p: &SumParams) -> [u64; 2] {
        match self {
            Sum::Ce | Sum::Rest | Sum::Prob => [0; 2],
            Sum::Focal => [p.gamma.to_bits(), 0],
            Sum::Asl => p.asl.map(f64::to_bits),
            Sum::Adjusted => [p.adjusted.to_bits(), 0],
            Sum::Margin => [p.margin.to_bits(), 0],
        }
    }
}

/// A pass over a class's samples, and the sums it gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pass {
    /// The cross-entropy, focal, `1 - p_t` and `p` sums: one logarithm a sample.
    Base,
    /// The asymmetric loss's sum.
    Asl,
    /// Logit adjustment's sum.
    Adjusted,
    /// LDAM's sum.
    Margin,
}

impl Pass {
    /// Every pass.
    pub const ALL: [Pass; 4] = [Pass::Base, Pass::Asl, Pass::Adjusted, Pass::Margin];

    /// The sum whose parameters are the pass's (the base pass's: the focal sum's gamma).
    pub fn sum(self) -> Sum {
        match self {
            Pass::Base => Sum::Focal,
            Pass::Asl => Sum::Asl,
            Pass::Adjusted => Sum::Adjusted,
            Pass::Margin => Sum::Margin,
        }
    }

    /// The bits of the parameters the pass depends on.
    pub fn key(self, p: &SumParams) -> [u64; 2] {
        self.sum().key(p)
    }

    /// Runs the pass over `scores`, writing its sums into `out` (and no others).
    pub fn run(self, scores: &ClassScores, p: &SumParams, out: &mut ClassLoss) {
        match self {
            Pass::Base => {
                let b = base(scores, p.gamma);
                (out.ce, out.focal, out.rest, out.prob) = (b.ce, b.focal, b.rest, b.prob);
            }
            Pass::Asl => out.asl = asl(scores, p.asl),
            Pass::Adjusted => out.adjusted = shifted(scores, p.adjusted),
            Pass::Margin => out.margin = shifted(scores, p.margin),
        }
    }
}

/// What one class's passes depend on, at the page's parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SumParams {
    /// The focal exponent.
    pub gamma: f64,
    /// The asymmetric loss's exponent and probability margin for this class.
    pub asl: [f64; 2],
    /// `e^-shift` of logit adjustment for this class (1 where it is undefined).
    pub adjusted: f64,
    /// `e^-shift` of LDAM for this class.
    pub margin: f64,
}

impl SumParams {
    /// The passes' parameters for `class`, from the losses' shapes at `params` (as given).
    pub fn of(params: &LossParams, class: Class) -> Self {
        let c = class as usize;
        let shape = |kind: LossKind| kind.loss().shape_at(params).ok();
        let asl = shape(LossKind::Asymmetric).map_or([0.0; 2], |s| {
            [s.gamma[c], if c == 0 { s.lift } else { 0.0 }]
        });
        let k = |kind| shape(kind).map_or(1.0, |s| crate::sim::fastmath::exp(-s.shift[c]));
        SumParams {
            gamma: params.gamma,
            asl,
            adjusted: k(LossKind::LogitAdjusted),
            margin: k(LossKind::Ldam),
        }
    }
}

/// The sums over one class that every loss on fixed predictions is made of.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ClassLoss {
    /// Sum of the cross-entropy, `-ln p_t`.
    pub ce: f64,
    /// Sum of `(1 - p_t)^gamma` times the cross-entropy: the focal loss before alpha.
    pub focal: f64,
    /// Sum of `1 - p_t`.
    pub rest: f64,
    /// Sum of the unclipped probabilities `p`.
    pub prob: f64,
    /// Sum of the asymmetric loss's terms.
    pub asl: f64,
    /// Sum of logit adjustment's terms.
    pub adjusted: f64,
    /// Sum of LDAM's terms.
    pub margin: f64,
}

/// From this many samples on, a class's sums are two halves added (see `ClassLoss::new`).
pub const SPLIT: usize = 1 << 17;

impl ClassLoss {
    /// Every sum, one pass after another.
    pub fn new(scores: &ClassScores, params: &SumParams) -> Self {
        let mut out = ClassLoss::default();
        for pass in Pass::ALL {
            pass.run(scores, params, &mut out);
        }
        out
    }

    /// The cross-entropy sum alone (the base pass at gamma 0).
    pub fn cross_entropy(scores: &ClassScores) -> f64 {
        base(scores, 0.0).ce
    }

    /// Every sum at the page's parameters (`params` as given), for a class of `scores`.
    pub fn of(scores: &ClassScores, params: &LossParams) -> Self {
        Self::new(scores, &SumParams::of(params, scores.class))
    }

    /// Copies from `part` the sums that `pass` computes.
    pub fn take(&mut self, pass: Pass, part: &ClassLoss) {
        for sum in SUMS.into_iter().filter(|s| s.pass() == pass) {
            *self.slot(sum) = part.get(sum);
        }
    }

    /// One of the sums.
    pub fn get(&self, sum: Sum) -> f64 {
        match sum {
            Sum::Ce => self.ce,
            Sum::Focal => self.focal,
            Sum::Rest => self.rest,
            Sum::Prob => self.prob,
            Sum::Asl => self.asl,
            Sum::Adjusted => self.adjusted,
            Sum::Margin => self.margin,
        }
    }

    /// One of the sums, to write.
    pub fn slot(&mut self, sum: Sum) -> &mut f64 {
        match sum {
            Sum::Ce => &mut self.ce,
            Sum::Focal => &mut self.focal,
            Sum::Rest => &mut self.rest,
            Sum::Prob => &mut self.prob,
            Sum::Asl => &mut self.asl,
            Sum::Adjusted => &mut self.adjusted,
            Sum::Margin => &mut self.margin,
        }
    }

    /// Every sum times `w` (a preview standing for its class).
    pub fn scaled(&self, w: f64) -> Self {
        let mut out = *self;
        for sum in SUMS {
            *out.slot(sum) = self.get(sum) * w;
        }
        out
    }
}

/// Every sum, in `ClassLoss`'s order.
pub const SUMS: [Sum; 7] = [
    Sum::Ce,
    Sum::Focal,
    Sum::Rest,
    Sum::Prob,
    Sum::Asl,
    Sum::Adjusted,
    Sum::Margin,
];

/// `f` over the halves `0..mid` and `mid..len` of a class of `SPLIT` samples or more, each from
/// zero, then added: natively on two threads at once, in the browser one after the other, with
/// the same bits. A smaller class is one range.
fn halves<T: Send>(
    len: usize,
    f: impl Fn(std::ops::Range<usize>) -> T + Sync,
    add: impl FnOnce(T, T) -> T,
) -> T {
    if len < SPLIT {
        return f(0..len);
    }
    let mid = (len / 2).next_multiple_of(CHUNK);
    let (a, b) = kernels::both(|| f(0..mid), || f(mid..len));
    add(a, b)
}

/// The base pass's four sums.
#[derive(Clone, Copy, Debug, Default)]
struct Base {
    ce: f64,
    focal: f64,
    rest: f64,
    prob: f64,
}

/// The cross-entropy, focal, `1 - p_t` and `p` sums in one pass, sharing each sample's
/// logarithm. Each chunk is computed in stages with no branch, which compile to SIMD, then
/// summed in sample order, so the sums have the bits of a plain loop over `Shape`'s arithmetic.
fn base(scores: &ClassScores, gamma: f64) -> Base {
    let range = |range: std::ops::Range<usize>| {
        let mut s = Base::default();
        let mut st = Stage::default();
        for start in range.clone().step_by(CHUNK) {
            let n = CHUNK.min(range.end - start);
            st.fill(scores, start, n);
            st.modulate(gamma, n);
            for i in 0..n {
                s.ce += st.ce[i];
                s.focal += st.factor[i] * st.ce[i];
                s.rest += st.rest[i];
                s.prob += st.raw[i];
            }
        }
        s
    };
    halves(scores.len(), range, |a, b| Base {
        ce: a.ce + b.ce,
        focal: a.focal + b.focal,
        rest: a.rest + b.rest,
        prob: a.prob + b.prob,
    })
}

/// The asymmetric loss's sum at `[gamma, margin]`: the focal form for a margin of 0, else each
/// negative's `lifted_on`, in SIMD stages (the shifted probability's power by `Stage::modulate`
/// from `LIFT_TINY` up, its logarithm by the kernel).
fn asl(scores: &ClassScores, [gamma, lift]: [f64; 2]) -> f64 {
    if lift > 0.0 && scores.class == Class::Negative {
        let range = |r: std::ops::Range<usize>| {
            let mut st = Stage::default();
            let mut s = 0.0;
            for start in r.clone().step_by(CHUNK) {
                let n = CHUNK.min(r.end - start);
                // A negative's `rest` is its clipped probability q; shifted, q - m from 0 up.
                st.fill_split(scores, start, n);
                for i in 0..n {
                    let shifted = (st.rest[i] - lift).max(0.0);
                    st.p_t[i] = 1.0 - shifted;
                    st.rest[i] = shifted.max(LIFT_TINY);
                }
                kernels::neg_ln(&st.p_t[..n], &mut st.ce[..n]);
                st.modulate(gamma, n);
                for i in 0..n {
                    s += st.factor[i] * st.ce[i];
                }
            }
            s
        };
        return halves(scores.len(), range, |a, b| a + b);
    }
    base(scores, gamma).focal
}

/// The sum of `softplus(-(m + s))` with `k = e^-s` (`shifted_on`), in SIMD stages.
fn shifted(scores: &ClassScores, k: f64) -> f64 {
    let range = |r: std::ops::Range<usize>| {
        let mut st = Stage::default();
        let (mut v, mut x) = ([0.0; CHUNK], [0.0; CHUNK]);
        let mut s = 0.0;
        for start in r.clone().step_by(CHUNK) {
            let n = CHUNK.min(r.end - start);
            st.fill_split(scores, start, n);
            for i in 0..n {
                x[i] = k * st.rest[i] / st.p_t[i];
                v[i] = 1.0 + x[i];
            }
            kernels::neg_ln(&v[..n], &mut st.ce[..n]);
            for i in 0..n {
                // `shifted_on`: ln v, with the rounding of 1 + x corrected.
                s += -st.ce[i] - ((v[i] - 1.0) - x[i]) / v[i];
            }
        }
        s
    };
    halves(scores.len(), range, |a, b| a + b)
}

#[cfg(test)]
#[path = "sums_tests.rs"]
mod tests;
