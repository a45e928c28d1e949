//! What a training problem is made of: the population (generator `binormal` and the mix), the
//! losses' parameters, the logistic model, and the reasons a loss can have no optimum.

pub use crate::sim::loss::{LossParams, PerLoss};
use crate::sim::metrics::Undefined;
use crate::sim::params::{Class, Param, Scenario};

/// The separation `d` of the two classes' means: 0 to 6, 2 by default.
pub const SEP: Param = Param {
    key: "sep",
    name: "separation d",
    min: 0.0,
    max: 6.0,
    default: 2.0,
};

/// The training population of SPEC section 6: negatives `x ~ N(0, 1)`, positives
/// `x ~ N(sep, 1)`, mixed `neg : pos`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Binormal {
    /// Separation `d` of the means, in `SEP`'s range (out of range is clamped, NaN is the
    /// default).
    pub sep: f64,
    /// Weight of the negatives in the mix (a count).
    pub neg: u32,
    /// Weight of the positives in the mix (a count).
    pub pos: u32,
}

impl Binormal {
    /// The population with separation `sep`, mixed `neg : pos`.
    pub const fn new(sep: f64, neg: u32, pos: u32) -> Self {
        Binormal { sep, neg, pos }
    }

    /// The population at the scenario's mix, with separation `sep`.
    pub fn from_scenario(s: &Scenario, sep: f64) -> Self {
        Binormal::new(sep, s.neg, s.pos)
    }

    /// The separation as the maths uses it: clamped to `SEP`'s range.
    pub fn d(&self) -> f64 {
        SEP.read(self.sep)
    }

    /// The mean of a class's feature.
    pub fn mean(&self, class: Class) -> f64 {
        match class {
            Class::Negative => 0.0,
            Class::Positive => self.d(),
        }
    }

    /// The count of a class, as a weight.
    pub fn count(&self, class: Class) -> f64 {
        f64::from(match class {
            Class::Negative => self.neg,
            Class::Positive => self.pos,
        })
    }

    /// `neg + pos`, as a weight.
    pub fn total(&self) -> f64 {
        self.count(Class::Negative) + self.count(Class::Positive)
    }

    /// The losses' parameters on this population's class counts (what class-balanced, logit
    /// adjustment and LDAM read).
    pub fn params(&self, p: &LossParams) -> LossParams {
        p.with_counts(self.count(Class::Negative), self.count(Class::Positive))
    }

    /// `ln(pos / neg)`: the prior log-odds; undefined when a class is empty.
    pub fn prior_log_odds(&self) -> Result<f64, NoOptimum> {
        match (self.neg, self.pos) {
            (0, 0) => Err(NoOptimum::NoSamples),
            (_, 0) => Err(NoOptimum::NoPositives),
            (0, _) => Err(NoOptimum::NoNegatives),
            (neg, pos) => Ok(libm::log(f64::from(pos) / f64::from(neg))),
        }
    }

    /// The logit of the true posterior, `d x - d^2 / 2 + ln(pos / neg)`.
    pub fn posterior_logit(&self, x: f64) -> Result<f64, NoOptimum> {
        let d = self.d();
        Ok(d * x - d * d / 2.0 + self.prior_log_odds()?)
    }

    /// The best ROC AUC any score can reach, `Phi(d / sqrt 2)` (the posterior's).
    pub fn best_auc(&self) -> f64 {
        0.5 * libm::erfc(-self.d() / 2.0)
    }
}

/// The logistic model `p(x) = sigmoid(w x + b)`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Model {
    /// Slope of the logit.
    pub w: f64,
    /// Intercept of the logit.
    pub b: f64,
}

impl Model {
    /// The logit `w x + b`.
    pub fn logit(&self, x: f64) -> f64 {
        self.w * x + self.b
    }

    /// The probability `sigmoid(w x + b)`.
    pub fn probability(&self, x: f64) -> f64 {
        sigmoid(self.logit(x))
    }
}

/// `1 / (1 + e^-z)`, without overflow for any `z`.
pub fn sigmoid(z: f64) -> f64 {
    let e = crate::sim::fastmath::exp(-z.abs());
    if z >= 0.0 {
        1.0 / (1.0 + e)
    } else {
        e / (1.0 + e)
    }
}

/// Why a loss has no optimum (no finite `w`, `b`, or no `p*` inside (0, 1)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoOptimum {
    /// There are no samples at all.
    NoSamples,
    /// No positives: the loss falls for ever as `b -> -inf` (every prediction 0).
    NoPositives,
    /// No negatives: the loss falls for ever as `b -> +inf` (every prediction 1).
    NoNegatives,
    /// The loss gives this class weight 0 (alpha = 0 or 1): it falls for ever as the
    /// predictions move towards the other class.
    ZeroWeight(Class),
    /// A threshold on `x` separates the sample's classes: the loss falls for ever as
    /// `|w| -> inf` (as for an unregularised logistic regression on separable data).
    Separated,
    /// The minimiser stopped before it converged (never seen in the tests; a guard).
    NotConverged,
    /// A set-level loss (Tversky): trained, the model sharpens without end towards a hard
    /// boundary (`tversky_boundary`).
    SetLevel,
}

impl From<Undefined> for NoOptimum {
    /// Why a loss with no shape at these parameters trains no model.
    fn from(why: Undefined) -> Self {
        match why {
            Undefined::NoSamples => NoOptimum::NoSamples,
            Undefined::NoPositives => NoOptimum::NoPositives,
            Undefined::NoNegatives => NoOptimum::NoNegatives,
            Undefined::SetLevel => NoOptimum::SetLevel,
            _ => NoOptimum::NotConverged,
        }
    }
}

impl NoOptimum {
    /// A short explanation for the page.
    pub fn reason(self) -> &'static str {
        match self {
            NoOptimum::NoSamples => "there are no samples",
            NoOptimum::NoPositives => "there are no positives: the best model predicts 0",
            NoOptimum::NoNegatives => "there are no negatives: the best model predicts 1",
            NoOptimum::ZeroWeight(Class::Positive) => {
                "alpha = 0 gives the positives no weight: the best model predicts 0"
            }
            NoOptimum::ZeroWeight(Class::Negative) => {
                "alpha = 1 gives the negatives no weight: the best model predicts 1"
            }
            NoOptimum::Separated => {
                "a threshold separates the classes: the slope grows without bound"
            }
            NoOptimum::NotConverged => "the minimiser did not converge",
            NoOptimum::SetLevel => {
                "a set-level loss has no finite optimum: the model sharpens towards a hard boundary"
            }
        }
    }
}
