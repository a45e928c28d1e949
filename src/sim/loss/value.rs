//! Each loss's value on fixed predictions, from the per-class sums: its reductions (SPEC
//! section 2), a set-level value (the Tversky index), or the reason it has none.

use super::sums::{ClassLoss, Sum};
use super::{Form, LossKind, LossParams, PerLoss};
use crate::sim::metrics::{Metric, Undefined};
use crate::sim::params::Class;

/// One loss under every reduction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reduction {
    /// `sum / (neg + pos)`: PyTorch 'mean', Keras 'sum_over_batch_size'.
    pub mean: Metric,
    /// Sum over all samples.
    pub sum: f64,
    /// Sum over the negatives.
    pub neg_sum: f64,
    /// Sum over the positives.
    pub pos_sum: f64,
}

impl Reduction {
    /// The reductions of a loss whose classes sum to `neg_sum` and `pos_sum`.
    pub fn new(neg_sum: f64, pos_sum: f64, samples: u64) -> Self {
        let sum = neg_sum + pos_sum;
        let mean = if samples == 0 {
            Err(Undefined::NoSamples)
        } else {
            Ok(sum / samples as f64)
        };
        Reduction {
            mean,
            sum,
            neg_sum,
            pos_sum,
        }
    }

    /// The share of the loss one class carries, in [0, 1]; undefined when the loss is 0.
    pub fn share(&self, class: Class) -> Metric {
        if self.sum <= 0.0 {
            return Err(Undefined::ZeroLoss);
        }
        Ok(self.class_sum(class) / self.sum)
    }

    /// One class's sum.
    pub fn class_sum(&self, class: Class) -> f64 {
        match class {
            Class::Negative => self.neg_sum,
            Class::Positive => self.pos_sum,
        }
    }
}

/// A loss's value on fixed predictions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LossValue {
    /// A sum over the samples, under every reduction.
    Summed(Reduction),
    /// A value of the whole set, with no sum over samples (the Tversky loss).
    Set(f64),
    /// No value, and why.
    Undefined(Undefined),
}

impl LossValue {
    /// The value a table shows as the loss: the mean of a summed loss, a set-level value.
    pub fn mean(&self) -> Metric {
        match self {
            LossValue::Summed(r) => r.mean,
            LossValue::Set(v) => Ok(*v),
            LossValue::Undefined(why) => Err(*why),
        }
    }

    /// The reductions, or why the loss has none.
    pub fn reduction(&self) -> Result<&Reduction, Undefined> {
        match self {
            LossValue::Summed(r) => Ok(r),
            LossValue::Set(_) => Err(Undefined::SetLevel),
            LossValue::Undefined(why) => Err(*why),
        }
    }

    /// The sum over all samples.
    pub fn sum(&self) -> Metric {
        self.reduction().map(|r| r.sum)
    }

    /// One class's sum.
    pub fn class_sum(&self, class: Class) -> Metric {
        self.reduction().map(|r| r.class_sum(class))
    }

    /// The two classes' sums `[negatives, positives]`, 0 for a loss that has none.
    pub fn class_sums(&self) -> [f64; 2] {
        self.reduction()
            .map_or([0.0; 2], |r| [r.neg_sum, r.pos_sum])
    }

    /// The share of the loss one class carries.
    pub fn share(&self, class: Class) -> Metric {
        self.reduction().and_then(|r| r.share(class))
    }
}

/// Every loss of a scenario, in the order of `LossKind::ALL`.
pub type Losses = PerLoss<LossValue>;

/// Every loss from the per-class sums: no pass over the samples. `params` holds the losses'
/// parameters (as they are) and the classes' counts.
pub fn losses(neg: &ClassLoss, pos: &ClassLoss, params: &LossParams) -> Losses {
    PerLoss::new(|kind| loss_value(kind, neg, pos, params))
}

/// One loss from the per-class sums.
pub fn loss_value(
    kind: LossKind,
    neg: &ClassLoss,
    pos: &ClassLoss,
    params: &LossParams,
) -> LossValue {
    let samples = (params.counts[0] + params.counts[1]) as u64;
    match kind.loss().form {
        Form::Set(value) => {
            if samples == 0 {
                return LossValue::Undefined(Undefined::NoSamples);
            }
            let soft = SoftCounts {
                tp: pos.prob,
                fp: neg.prob,
                fn_: params.counts[1] - pos.prob,
            };
            LossValue::Set(value(&soft, params))
        }
        Form::Sample { sum, .. } => match kind.loss().shape_at(params) {
            Err(why) => LossValue::Undefined(why),
            Ok(shape) => {
                let class = |c: &ClassLoss, class: Class| {
                    let w = shape.weight(class);
                    let term = c.get(sum);
                    // A weight of 1 keeps a sum's bits (`1 * x == x`).
                    if shape.poly != 0.0 {
                        w * (term + shape.poly * c.get(Sum::Rest))
                    } else {
                        w * term
                    }
                };
                LossValue::Summed(Reduction::new(
                    class(neg, Class::Negative),
                    class(pos, Class::Positive),
                    samples,
                ))
            }
        },
    }
}

/// The soft confusion counts of a set: `TP_s = sum p y`, `FP_s = sum p (1 - y)`,
/// `FN_s = sum (1 - p) y`, on the unclipped probabilities.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SoftCounts {
    /// Soft true positives.
    pub tp: f64,
    /// Soft false positives.
    pub fp: f64,
    /// Soft false negatives.
    pub fn_: f64,
}
