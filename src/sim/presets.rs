//! Named scenarios a reader can start from: the four of the blog post "Unbalanced Validation
//! Data Losses" (a notebook that compares BCE and focal loss at 1:100 and 1:1) and three
//! common shapes of imbalance.

use super::params::Scenario;

/// A named starting point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preset {
    /// Short name for the button.
    pub name: &'static str,
    /// One line on what it is.
    pub about: &'static str,
    /// Negatives.
    pub neg: u32,
    /// Positives.
    pub pos: u32,
    /// Accuracy on the negatives.
    pub acc0: f64,
    /// Accuracy on the positives.
    pub acc1: f64,
}

impl Preset {
    /// The scenario: this preset's counts and accuracies, the default loss settings and
    /// threshold, and the given seed.
    pub fn scenario(&self, seed: u64) -> Scenario {
        Scenario {
            neg: self.neg,
            pos: self.pos,
            acc0: self.acc0,
            acc1: self.acc1,
            seed,
            ..Scenario::default()
        }
    }
}

/// Every preset, in the order the page lists them.
pub const PRESETS: [Preset; 7] = [
    Preset {
        name: "Blog post A, 1:100",
        about: "model A of the blog post 'Unbalanced Validation Data Losses': nearly always right on negatives, a coin toss on positives",
        neg: 1_000_000,
        pos: 10_000,
        acc0: 0.999,
        acc1: 0.5,
    },
    Preset {
        name: "Blog post B, 1:100",
        about: "model B of the blog post 'Unbalanced Validation Data Losses': a little worse on negatives, far better on positives",
        neg: 1_000_000,
        pos: 10_000,
        acc0: 0.98,
        acc1: 0.9,
    },
    Preset {
        name: "Blog post A, balanced",
        about: "model A on a balanced validation set",
        neg: 10_000,
        pos: 10_000,
        acc0: 0.999,
        acc1: 0.5,
    },
    Preset {
        name: "Blog post B, balanced",
        about: "model B on a balanced validation set",
        neg: 10_000,
        pos: 10_000,
        acc0: 0.98,
        acc1: 0.9,
    },
    Preset {
        name: "Rare disease screen",
        about: "1 person in 100 has the disease; the screen finds 80 % of them",
        neg: 99_000,
        pos: 1_000,
        acc0: 0.95,
        acc1: 0.8,
    },
    Preset {
        name: "Card fraud",
        about: "0.17 % of transactions are fraud (492 in 284,807, as in the well-known card data set)",
        neg: 284_315,
        pos: 492,
        acc0: 0.999,
        acc1: 0.75,
    },
    Preset {
        name: "Balanced",
        about: "as many positives as negatives, 90 % right on each",
        neg: 10_000,
        pos: 10_000,
        acc0: 0.9,
        acc1: 0.9,
    },
];
