//! Expectations over a normal law, exact to about 1e-15: the trapezoidal rule on the density.
//!
//! For a function analytic in a strip `|Im x| < a`, the trapezoidal rule with step `h` on the
//! whole line errs by about `e^(-2 pi a / h)` (Trefethen and Weideman, "The exponentially
//! convergent trapezoidal rule", SIAM Review 2014); cutting the line at 12 standard deviations
//! drops a further `phi(12) ~ 2e-32` of mass. The losses of logit `w x + b` have their nearest
//! poles at `Im x = pi / |w|` (where `1 + e^z = 0`), so a step with `|w| h <= 0.4` puts the
//! error near `e^(-2 pi (0.8 pi / |w|) / h) <= e^(-39.5) ~ 7e-18`, with `a` a fifth short of the
//! poles. Gauss-Hermite converges only like `e^(-c a sqrt n)` for such integrands: it would need
//! hundreds of nodes too, and they would not be shared between slopes.

use std::sync::OnceLock;

use crate::sim::fastmath;

/// The rule integrates over `mean ± HALF_WIDTH` standard deviations.
pub const HALF_WIDTH: f64 = 12.0;

/// The largest step, for slopes up to 3.2 (nodes 1/8 apart: 193 of them).
const COARSEST: i32 = 3;

/// The smallest step, 2^-12: accurate for slopes up to about 1,600 (98,305 nodes).
const FINEST: i32 = 12;

/// The trapezoidal rule for `E f(mean + t)`, `t ~ N(0, 1)`, on nodes `t = k h`.
#[derive(Clone, Debug, PartialEq)]
pub struct NormalRule {
    step: f64,
    offsets: Vec<f64>,
    weights: Vec<f64>,
}

impl NormalRule {
    /// The rule with step `step` (positive) over `±HALF_WIDTH`.
    pub fn with_step(step: f64) -> Self {
        let k = (HALF_WIDTH / step).floor() as i64;
        let inv_sqrt_2pi = 0.398_942_280_401_432_7;
        let (offsets, weights) = (-k..=k)
            .map(|i| {
                let t = i as f64 * step;
                (t, step * inv_sqrt_2pi * fastmath::exp(-0.5 * t * t))
            })
            .unzip();
        NormalRule {
            step,
            offsets,
            weights,
        }
    }

    /// The step that keeps `|w| h <= 0.4` (see the module docs): a power of two between 1/8 and
    /// 2^-12, so nearby slopes share a rule and the nodes of a coarse rule are among a finer's.
    pub fn step_for_slope(w: f64) -> f64 {
        let w = if w.is_finite() { w.abs() } else { f64::MAX };
        let mut k = COARSEST;
        while k < FINEST && libm::ldexp(1.0, -k) * w > 0.4 {
            k += 1;
        }
        libm::ldexp(1.0, -k)
    }

    /// The rule for expectations of a function of `w x + b`: built once per step and kept for
    /// the life of the program (ten rules at most, 3 MB if every one is ever needed).
    pub fn for_slope(w: f64) -> &'static Self {
        static RULES: [OnceLock<NormalRule>; (FINEST - COARSEST + 1) as usize] =
            [const { OnceLock::new() }; (FINEST - COARSEST + 1) as usize];
        let step = Self::step_for_slope(w);
        let k = -libm::ilogb(step) - COARSEST;
        RULES[k as usize].get_or_init(|| Self::with_step(step))
    }

    /// The step between nodes.
    pub fn step(&self) -> f64 {
        self.step
    }

    /// `(t, weight)` for each node: `E f(mean + t) ~ sum weight f(mean + t)`.
    pub fn nodes(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.offsets
            .iter()
            .copied()
            .zip(self.weights.iter().copied())
    }

    /// `E f(x)` for `x ~ N(mean, 1)`.
    pub fn expect(&self, mean: f64, mut f: impl FnMut(f64) -> f64) -> f64 {
        self.nodes().map(|(t, wt)| wt * f(mean + t)).sum()
    }
}

/// Gauss-Legendre's 8 nodes and weights on [-1, 1] (the positive half; the rule is symmetric).
const LEGENDRE: [(f64, f64); 4] = [
    (0.183_434_642_495_649_8, 0.362_683_783_378_362),
    (0.525_532_409_916_329, 0.313_706_645_877_887_3),
    (0.796_666_477_413_626_7, 0.222_381_034_453_374_5),
    (0.960_289_856_497_536_3, 0.101_228_536_290_376_3),
];

/// `(x, weight)` nodes for `E[f(x) 1{lo < x < hi}]`, `x ~ N(mean, 1)`, by composite 8-point
/// Gauss-Legendre on panels at most `width` wide, within `mean ± HALF_WIDTH`: for a function
/// that is smooth on the interval but not across its ends (the asymmetric loss's margin), where
/// the trapezoidal rule would converge only like `h^2`.
pub fn truncated_nodes(mean: f64, lo: f64, hi: f64, width: f64) -> Vec<(f64, f64)> {
    let (lo, hi) = (lo.max(mean - HALF_WIDTH), hi.min(mean + HALF_WIDTH));
    if hi <= lo || hi.is_nan() || lo.is_nan() {
        return Vec::new();
    }
    let panels = ((hi - lo) / width).ceil().clamp(1.0, 100_000.0) as usize;
    let h = (hi - lo) / panels as f64;
    let inv_sqrt_2pi = 0.398_942_280_401_432_7;
    let mut out = Vec::with_capacity(8 * panels);
    for i in 0..panels {
        let centre = lo + (i as f64 + 0.5) * h;
        for (t, w) in LEGENDRE {
            for x in [centre - t * h / 2.0, centre + t * h / 2.0] {
                let d = x - mean;
                out.push((x, w * h / 2.0 * inv_sqrt_2pi * fastmath::exp(-0.5 * d * d)));
            }
        }
    }
    out
}
