//! The page's own numbers for a large class: a preview of its first `PREVIEW` draws, scaled to
//! the class, and marked as estimates until the engine's exact numbers replace them.

use crate::sim::Measure;
use crate::sim::loss::{ClassLoss, SUMS};
use crate::sim::metrics::Confusion;
use crate::sim::params::{Class, Scenario};

/// The most draws a class's preview holds. A class this small or smaller is its own preview,
/// so its numbers on the page are exact at once.
pub const PREVIEW: u32 = 1 << 16;

/// A value the page shows, and whether it is exact (else a preview's estimate).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimated<T> {
    /// The value.
    pub value: T,
    /// Whether it is the exact value rather than an estimate.
    pub exact: bool,
}

impl<T> Estimated<T> {
    /// An exact value.
    pub fn exact(value: T) -> Self {
        Estimated { value, exact: true }
    }

    /// A value that is exact only if `exact`.
    pub fn new(value: T, exact: bool) -> Self {
        Estimated { value, exact }
    }
}

/// Which parts of a model's numbers are exact (the rest are estimates).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ExactParts {
    /// Each of the loss sums (`Sum`'s order): whether it is exact.
    pub sums: [bool; SUMS.len()],
    /// The confusion matrix and every metric at the threshold.
    pub confusion: bool,
    /// ROC AUC and average precision.
    pub ranking: bool,
}

impl ExactParts {
    /// Whether a measure's value is exact.
    pub fn of(&self, m: Measure) -> bool {
        match m {
            Measure::Loss(kind) => self.sums[kind.loss().reads() as usize],
            Measure::RocAuc | Measure::AveragePrecision => self.ranking,
            _ => self.confusion,
        }
    }
}

/// How a preview stands for its class: each preview draw counts `weight` samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    /// Samples per preview draw of the negatives and of the positives (1 when exact).
    pub weight: [f64; 2],
    /// The classes' true counts.
    pub count: [u64; 2],
}

impl Weights {
    /// The preview size of a class of `n` samples.
    pub fn preview_size(n: u32) -> u32 {
        n.min(PREVIEW)
    }

    /// The weights of a scenario's previews.
    pub fn of(s: &Scenario) -> Self {
        let w = |n: u32| {
            let m = Self::preview_size(n);
            if m == 0 {
                1.0
            } else {
                f64::from(n) / f64::from(m)
            }
        };
        Weights {
            weight: [w(s.neg), w(s.pos)],
            count: [u64::from(s.neg), u64::from(s.pos)],
        }
    }

    /// Whether `class` is its own preview, so that its estimates are exact.
    pub fn exact(&self, class: Class) -> bool {
        self.count[class as usize] <= u64::from(PREVIEW)
    }

    /// A preview count of `class` scaled to the whole class (never more than the class).
    pub fn count(&self, class: Class, preview: u64) -> u64 {
        let c = class as usize;
        ((preview as f64 * self.weight[c]).round() as u64).min(self.count[c])
    }

    /// A preview's loss sums scaled to the whole class.
    pub fn loss(&self, class: Class, l: ClassLoss) -> ClassLoss {
        l.scaled(self.weight[class as usize])
    }

    /// A preview's confusion matrix scaled to the whole classes; each class still adds up.
    pub fn confusion(&self, c: Confusion) -> Confusion {
        let fp = self.count(Class::Negative, c.fp);
        let tp = self.count(Class::Positive, c.tp);
        Confusion {
            tp,
            fp,
            tn: self.count[0] - fp,
            fn_: self.count[1] - tp,
        }
    }

    /// Average precision's weight of a negative against a positive in the preview.
    pub fn negative_weight(&self) -> f64 {
        self.weight[0] / self.weight[1]
    }
}
