//! The `uniform` generator of SPEC section 1: where a class's probabilities lie for a given
//! accuracy, and the class's sorted probabilities with their cross-entropy sum.

use super::params::Class;
use super::rng::UnitDraws;

/// A closed interval of probabilities, `lo <= hi`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// Lower end.
    pub lo: f64,
    /// Upper end.
    pub hi: f64,
}

/// The interval a class's probabilities are drawn from, uniformly, at accuracy `acc`.
///
/// For `acc >= 0.5` this is the seed notebook's rule; below 0.5 the mirrored rule, which keeps
/// P(correct at 0.5) = acc. Both give U(0, 1) at acc = 0.5. An accuracy outside [0, 1] is
/// clamped, and NaN counts as 0.5.
pub fn score_interval(class: Class, acc: f64) -> Interval {
    let acc = if acc.is_nan() {
        0.5
    } else {
        acc.clamp(0.0, 1.0)
    };
    let (lo, hi) = match class {
        Class::Negative if acc >= 0.5 => (0.0, 0.5 / acc),
        Class::Negative => (1.0 - 0.5 / (1.0 - acc), 1.0),
        Class::Positive if acc >= 0.5 => (1.0 - 0.5 / acc, 1.0),
        Class::Positive => (0.0, 0.5 / (1.0 - acc)),
    };
    Interval { lo, hi }
}

/// One class's synthetic probabilities at one accuracy.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassScores {
    /// Which class these samples belong to.
    pub class: Class,
    /// Where the probabilities were drawn from.
    pub interval: Interval,
    /// The probabilities, ascending.
    pub scores: Vec<f64>,
}

impl ClassScores {
    /// Maps sorted unit draws onto the class's interval: an increasing map, so the scores stay
    /// sorted, and no logarithm, so an accuracy change costs one cheap pass.
    pub fn new(class: Class, acc: f64, unit: &UnitDraws) -> Self {
        let interval = score_interval(class, acc);
        let width = interval.hi - interval.lo;
        let scores = unit
            .as_slice()
            .iter()
            .map(|&u| interval.lo + width * u)
            .collect();
        ClassScores {
            class,
            interval,
            scores,
        }
    }

    /// A class from given probabilities (any order); NaN counts as 0.5 so nothing downstream
    /// sees it. Used for hand-made cases and imported predictions.
    pub fn from_scores(class: Class, mut scores: Vec<f64>) -> Self {
        for p in &mut scores {
            if p.is_nan() {
                *p = 0.5;
            }
        }
        scores.sort_unstable_by(f64::total_cmp);
        let interval = Interval {
            lo: scores.first().copied().unwrap_or(0.0),
            hi: scores.last().copied().unwrap_or(1.0),
        };
        ClassScores {
            class,
            interval,
            scores,
        }
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.scores.len()
    }

    /// Whether the class has no samples.
    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }

    /// How many of the samples have `p >= t`, i.e. are predicted positive at threshold `t`.
    pub fn count_at_or_above(&self, t: f64) -> u64 {
        (self.scores.len() - self.scores.partition_point(|&p| p < t)) as u64
    }
}
