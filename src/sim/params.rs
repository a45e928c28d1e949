//! The scenario: every parameter a reader can change, with its default and its valid range.

use crate::sim::loss::ExtraParams;

/// Probabilities are clipped to `[EPS, 1 - EPS]` before any logarithm (Keras' epsilon).
pub const EPS: f64 = 1e-7;

/// The largest count of samples allowed in one class.
pub const MAX_COUNT: u32 = 10_000_000;

/// The largest class ratio the page explores: 10,000 negatives per positive.
pub const RATIO_MAX: f64 = 10_000.0;

/// Negatives per positive, if both classes have samples. The one definition of the class
/// ratio: the scenario's, a confusion matrix's and the sliders' all come from it.
pub fn ratio(neg: u64, pos: u64) -> Option<f64> {
    (neg > 0 && pos > 0).then(|| neg as f64 / pos as f64)
}

/// A sample's true label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// Label 0, usually the majority.
    Negative,
    /// Label 1, usually the rare class the model is for.
    Positive,
}

impl Class {
    /// The label as the number a loss function sees.
    pub fn label(self) -> u8 {
        match self {
            Class::Negative => 0,
            Class::Positive => 1,
        }
    }
}

/// Everything that determines the page's numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scenario {
    /// Number of negatives (label 0), `0..=MAX_COUNT`.
    pub neg: u32,
    /// Number of positives (label 1), `0..=MAX_COUNT`.
    pub pos: u32,
    /// Share of negatives classified correctly at threshold 0.5, in `[0, 1]`.
    pub acc0: f64,
    /// Share of positives classified correctly at threshold 0.5, in `[0, 1]`.
    pub acc1: f64,
    /// Focal / balanced CE weight of the positives, in `[0, 1]` (negatives get `1 - alpha`).
    pub alpha: f64,
    /// Focal exponent, in `[0, 10]`.
    pub gamma: f64,
    /// Weight of the positives' term in weighted BCE, in `[0.01, 100]`.
    pub pos_weight: f64,
    /// A sample is predicted positive when `p >= threshold`; in `[0, 1]`.
    pub threshold: f64,
    /// Seed of the synthetic predictions.
    pub seed: u64,
    /// The parameters of SPEC section 9's losses.
    pub extra: ExtraParams,
}

impl Default for Scenario {
    /// "Representative A" of the blog post "Unbalanced Validation Data Losses": 1 positive in
    /// 101, a model that is nearly always right on negatives and a coin toss on positives.
    fn default() -> Self {
        Scenario {
            neg: 1_000_000,
            pos: 10_000,
            acc0: 0.999,
            acc1: 0.5,
            alpha: 0.25,
            gamma: 2.0,
            pos_weight: 1.0,
            threshold: 0.5,
            seed: 1,
            extra: ExtraParams::default(),
        }
    }
}

impl Scenario {
    /// Number of samples of one class.
    pub fn count(&self, class: Class) -> u32 {
        match class {
            Class::Negative => self.neg,
            Class::Positive => self.pos,
        }
    }

    /// Accuracy of one class at threshold 0.5.
    pub fn acc(&self, class: Class) -> f64 {
        match class {
            Class::Negative => self.acc0,
            Class::Positive => self.acc1,
        }
    }

    /// Total number of samples.
    pub fn total(&self) -> u64 {
        u64::from(self.neg) + u64::from(self.pos)
    }

    /// Negatives per positive, if both classes have samples.
    pub fn ratio(&self) -> Option<f64> {
        ratio(u64::from(self.neg), u64::from(self.pos))
    }

    /// The class ratio where a slider shows it: an empty class puts it at the end of the
    /// track it has gone off (no negatives: 1; no positives: `RATIO_MAX`).
    pub fn ratio_on_slider(&self) -> f64 {
        match self.ratio() {
            Some(r) => r,
            None if self.neg == 0 => 1.0,
            None => RATIO_MAX,
        }
    }

    /// Sets the class ratio (negatives per positive), keeping the total.
    pub fn set_ratio(&mut self, ratio: f64) {
        self.split(self.total() as f64, ratio);
    }

    /// Sets the total, keeping the class ratio (or keeping one class empty if it was; an
    /// empty scenario gets 100 negatives per positive).
    pub fn set_total(&mut self, total: f64) {
        let total = total.round().clamp(0.0, f64::from(MAX_COUNT)) as u32;
        match (self.neg, self.pos) {
            (0, 0) => self.split(f64::from(total), 100.0),
            (_, 0) => self.neg = total,
            (0, _) => self.pos = total,
            _ => self.split(f64::from(total), self.ratio_on_slider()),
        }
    }

    /// Splits `total` samples at `ratio` negatives per positive, each class within
    /// `MAX_COUNT`.
    fn split(&mut self, total: f64, ratio: f64) {
        let total = total.round().clamp(0.0, f64::from(MAX_COUNT));
        let neg = (total * ratio / (ratio + 1.0)).round();
        self.neg = neg as u32;
        self.pos = (total - neg) as u32;
    }
}

/// `v` clamped to `[lo, hi]`, or `default` when it is NaN: how out-of-range input is read.
pub fn clamp_or(v: f64, lo: f64, hi: f64, default: f64) -> f64 {
    if v.is_nan() { default } else { v.clamp(lo, hi) }
}

/// A parameter a reader sets (a loss's, or the training population's): its key in links, its
/// name, its range and its default.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Param {
    /// The key in links (`alpha`, `gamma`, `pw`, `sep`).
    pub key: &'static str,
    /// The name the page shows.
    pub name: &'static str,
    /// The least value.
    pub min: f64,
    /// The greatest value.
    pub max: f64,
    /// The value a link without the key gets.
    pub default: f64,
}

impl Param {
    /// `v` in this parameter's range: clamped, NaN the default.
    pub fn read(&self, v: f64) -> f64 {
        clamp_or(v, self.min, self.max, self.default)
    }
}
