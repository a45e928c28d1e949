//! Independent references, written from the definitions with none of the library's code: the
//! losses by their naive formulas, expectations by Simpson's rule, and a Nelder-Mead minimiser.

use imbalance_lab::sim::LossKind;
use imbalance_lab::sim::training::{Binormal, LossParams, Model};

/// `|a - b| <= tol (1 + |b|)`.
pub fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

/// `m` with parameter `i` (0: `w`, 1: `b`) moved by `e`: one side of a central difference.
pub fn nudged(m: Model, i: usize, e: f64) -> Model {
    let mut v = m;
    if i == 0 {
        v.w += e
    } else {
        v.b += e
    }
    v
}

/// `1 - Phi(x)`.
pub fn tail(x: f64) -> f64 {
    0.5 * libm::erfc(x / std::f64::consts::SQRT_2)
}

/// One sample's loss from SPEC section 2's table in the logit: `ln(1 + e^-z)` is the positives'
/// cross-entropy (fine for |z| < 700, all these tests reach).
pub fn naive_loss(kind: LossKind, p: &LossParams, positive: bool, z: f64) -> f64 {
    let prob = 1.0 / (1.0 + (-z).exp());
    let (ce, p_t, a_t) = if positive {
        ((-z).exp().ln_1p(), prob, p.alpha)
    } else {
        (z.exp().ln_1p(), 1.0 - prob, 1.0 - p.alpha)
    };
    match kind {
        LossKind::Bce => ce,
        LossKind::WeightedBce => {
            if positive {
                p.pos_weight * ce
            } else {
                ce
            }
        }
        LossKind::BalancedCe => a_t * ce,
        LossKind::Focal => a_t * (1.0 - p_t).powf(p.gamma) * ce,
        _ => unreachable!("the four losses of section 2; the others have their own fixture"),
    }
}

/// `E f(x)`, `x ~ N(mean, 1)`, by composite Simpson over `mean ± 12` with 6,000 intervals.
pub fn simpson(mean: f64, f: impl Fn(f64) -> f64) -> f64 {
    let (n, half) = (6000, 12.0);
    let h = 2.0 * half / n as f64;
    let g = |t: f64| (-0.5 * t * t).exp() / (2.0 * std::f64::consts::PI).sqrt() * f(mean + t);
    let mut sum = g(-half) + g(half);
    for i in 1..n {
        sum += if i % 2 == 1 { 4.0 } else { 2.0 } * g(-half + i as f64 * h);
    }
    sum * h / 3.0
}

/// The population objective per sample of the mix, by Simpson and the naive losses.
pub fn objective(pop: &Binormal, kind: LossKind, p: &LossParams, m: &Model) -> f64 {
    let (neg, pos) = (f64::from(pop.neg), f64::from(pop.pos));
    let e0 = simpson(0.0, |x| naive_loss(kind, p, false, m.w * x + m.b));
    let e1 = simpson(pop.sep, |x| naive_loss(kind, p, true, m.w * x + m.b));
    (neg * e0 + pos * e1) / (neg + pos)
}

/// Nelder-Mead on two variables (reflection 1, expansion 2, contraction 1/2, shrink 1/2), from
/// `start` with steps `scale`, restarted from its result until a restart no longer improves it.
pub fn nelder_mead(f: impl Fn([f64; 2]) -> f64, start: [f64; 2], scale: f64) -> [f64; 2] {
    let mut best = start;
    let mut step = scale;
    for _ in 0..6 {
        let next = nelder_mead_once(&f, best, step);
        let moved = (next[0] - best[0]).abs() + (next[1] - best[1]).abs();
        best = next;
        if moved < 1e-12 {
            break;
        }
        step = (moved * 10.0).clamp(1e-6, scale);
    }
    best
}

fn nelder_mead_once(f: &impl Fn([f64; 2]) -> f64, start: [f64; 2], step: f64) -> [f64; 2] {
    let mut s: Vec<([f64; 2], f64)> = [
        start,
        [start[0] + step, start[1]],
        [start[0], start[1] + step],
    ]
    .into_iter()
    .map(|x| (x, f(x)))
    .collect();
    let lerp =
        |a: [f64; 2], b: [f64; 2], t: f64| [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
    for _ in 0..5000 {
        s.sort_by(|a, b| a.1.total_cmp(&b.1));
        let size = (1..3)
            .map(|i| (s[i].0[0] - s[0].0[0]).abs() + (s[i].0[1] - s[0].0[1]).abs())
            .fold(0.0, f64::max);
        if size < 1e-13 {
            break;
        }
        let c = [(s[0].0[0] + s[1].0[0]) / 2.0, (s[0].0[1] + s[1].0[1]) / 2.0];
        let r = lerp(c, s[2].0, -1.0);
        let fr = f(r);
        if fr < s[0].1 {
            let e = lerp(c, s[2].0, -2.0);
            let fe = f(e);
            s[2] = if fe < fr { (e, fe) } else { (r, fr) };
        } else if fr < s[1].1 {
            s[2] = (r, fr);
        } else {
            let k = lerp(c, s[2].0, 0.5);
            let fk = f(k);
            if fk < s[2].1 {
                s[2] = (k, fk);
            } else {
                for i in 1..3 {
                    let x = lerp(s[0].0, s[i].0, 0.5);
                    s[i] = (x, f(x));
                }
            }
        }
    }
    s.sort_by(|a, b| a.1.total_cmp(&b.1));
    s[0].0
}
