//! Two models on the same validation set: which one each loss and metric prefers, and at which
//! class ratio a loss changes its mind.

use super::composition::{Measure, Profile};
use super::loss::LossKind;
use super::metrics::Metric;

/// The class ratios (negatives per positive) the comparison is shown at.
pub const RATIOS: [f64; 5] = [1.0, 10.0, 100.0, 1_000.0, 10_000.0];

/// Which model a measure prefers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Model A is better.
    A,
    /// Model B is better.
    B,
    /// Equal, to 1 part in 10^12.
    Tie,
    /// At least one value is undefined.
    Undefined,
}

/// Which of two values of `m` is better.
pub fn verdict(m: Measure, a: Metric, b: Metric) -> Verdict {
    let (Ok(a), Ok(b)) = (a, b) else {
        return Verdict::Undefined;
    };
    if (a - b).abs() <= 1e-12 * a.abs().max(b.abs()) {
        return Verdict::Tie;
    }
    if (a > b) == m.higher_is_better() {
        Verdict::A
    } else {
        Verdict::B
    }
}

/// The class ratio at which the two models' mean `kind` loss is equal, if there is one in
/// (0, inf): below it one model has the lower loss, above it the other.
///
/// The mean at ratio r is (r n + p) / (r + 1), so the difference changes sign once, at
/// r = (p_B - p_A) / (n_A - n_B).
pub fn loss_crossover(a: &Profile, b: &Profile, kind: LossKind) -> Option<f64> {
    // A loss that is another loss at another ratio has no crossover to find by mixing.
    if kind.loss().fixed_mix().is_some() {
        return None;
    }
    let i = kind.index();
    let (na, pa) = (a.neg_loss?[i], a.pos_loss?[i]);
    let (nb, pb) = (b.neg_loss?[i], b.pos_loss?[i]);
    let r = (pb - pa) / (na - nb);
    (r.is_finite() && r > 0.0).then_some(r)
}
