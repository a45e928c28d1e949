//! Whether an estimate rests on enough samples to rank models by: the data behind a sentence
//! like "with 12 positives, recall's 95 % interval is 0.55 to 0.93: too wide to rank models".

use crate::sim::generator::Interval;

/// Fewer samples than this behind an estimate are too few (the usual rule of thumb for a
/// normal approximation, and the point where a 95 % interval of a share is about 0.3 wide).
pub const MIN_COUNT: u64 = 30;

/// An interval wider than this cannot tell apart models a few points apart.
pub const MAX_WIDTH: f64 = 0.1;

/// How much an estimate can be trusted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Support {
    /// The samples behind the estimate (a share's denominator; for ROC AUC, the smaller class).
    pub count: u64,
    /// Its 95 % interval.
    pub interval: Interval,
    /// `count < MIN_COUNT`.
    pub few: bool,
    /// The interval is wider than `MAX_WIDTH`.
    pub wide: bool,
}

impl Support {
    /// The judgement for an estimate from `count` samples with interval `interval`.
    pub fn new(count: u64, interval: Interval) -> Self {
        Support {
            count,
            interval,
            few: count < MIN_COUNT,
            wide: interval.hi - interval.lo > MAX_WIDTH,
        }
    }

    /// The interval's width.
    pub fn width(&self) -> f64 {
        self.interval.hi - self.interval.lo
    }

    /// Too few samples or too wide an interval: the page should say so.
    pub fn too_small(&self) -> bool {
        self.few || self.wide
    }
}

impl super::intervals::Share {
    /// The judgement of a Wilson share: its denominator and interval.
    pub fn support(&self) -> Support {
        Support::new(self.n, self.interval)
    }
}
