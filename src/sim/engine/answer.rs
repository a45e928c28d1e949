//! The engine's answer to a request: every exact number of the view, and which of the page's
//! inputs each part still answers (alpha and pos_weight need no pass, so they never make an
//! answer stale; gamma leaves the cross-entropy sums valid).

use super::request::{LossKey, ModelId, ModelKey, Request};
use crate::sim::loss::{ClassLoss, Sum};
use crate::sim::metrics::Confusion;
use crate::sim::params::Class;
use crate::sim::ranking::Ranks;

/// One model's exact results.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelAnswer {
    /// The loss sums of the negatives and the positives.
    pub loss: [ClassLoss; 2],
    /// The confusion matrix at the threshold.
    pub confusion: Confusion,
    /// ROC AUC, average precision, and average precision at the comparison's ratios.
    pub ranks: Ranks,
}

/// Model A's score histograms and threshold sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct Curves {
    /// Histograms of the negatives' and the positives' scores, `BINS` bins each.
    pub histograms: [Vec<u64>; 2],
    /// Confusion matrices at `SWEEP + 1` thresholds.
    pub sweep: Vec<(f64, Confusion)>,
}

/// The exact numbers of one request.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// What they were computed for.
    pub request: Request,
    /// Models A and B, in `ModelId` order.
    pub models: [ModelAnswer; 2],
    /// Model A's curves.
    pub curves: Curves,
}

impl Answer {
    fn model(&self, model: ModelId) -> &ModelAnswer {
        &self.models[model.index()]
    }

    /// A model's loss sums over `class`, if they were computed for these inputs.
    pub fn loss(&self, key: LossKey, model: ModelId, class: Class) -> Option<ClassLoss> {
        (self.request.loss_key(model, class) == key).then(|| self.model(model).loss[class as usize])
    }

    /// One of a model's sums over `class`, if computed for its inputs: each depends on its own
    /// parameters only, so an answer for another gamma still has the cross-entropy.
    pub fn sum(&self, key: LossKey, model: ModelId, class: Class, sum: Sum) -> Option<f64> {
        let own = self.request.loss_key(model, class);
        (own.sum(sum) == key.sum(sum)).then(|| self.model(model).loss[class as usize].get(sum))
    }

    /// A model's ranks, if computed for these inputs.
    pub fn ranks(&self, key: ModelKey, model: ModelId) -> Option<Ranks> {
        (self.request.model_key(model) == key).then_some(self.model(model).ranks)
    }

    /// A model's confusion matrix, if computed for these inputs and threshold.
    pub fn confusion(&self, key: ModelKey, threshold: f64, model: ModelId) -> Option<Confusion> {
        (self.request.model_key(model) == key
            && self.request.scenario.threshold.to_bits() == threshold.to_bits())
        .then_some(self.model(model).confusion)
    }

    /// Model A's curves, if computed for these inputs.
    pub fn curves(&self, key: ModelKey) -> Option<&Curves> {
        (self.request.model_key(ModelId::A) == key).then_some(&self.curves)
    }

    /// Whether every number of `r` is exact in this answer.
    pub fn exact_for(&self, r: &Request) -> bool {
        ModelId::ALL.iter().all(|&m| {
            [Class::Negative, Class::Positive]
                .iter()
                .all(|&c| self.loss(r.loss_key(m, c), m, c).is_some())
                && self
                    .confusion(r.model_key(m), r.scenario.threshold, m)
                    .is_some()
        })
    }
}

impl Answer {
    /// Whether any part of this answer is exact for `r`. One that is not (an answer to a
    /// request the page has since moved away from, in every input) changes nothing on the page.
    pub fn useful_for(&self, r: &Request) -> bool {
        let classes = [Class::Negative, Class::Positive];
        // Every other part's inputs include one of these (ranks and confusion: both classes').
        ModelId::ALL.iter().any(|&m| {
            classes
                .iter()
                .any(|&c| self.sum(r.loss_key(m, c), m, c, Sum::Ce).is_some())
        })
    }
}

/// Whether the page has every number of `r` exactly: each class fits its preview, or the
/// engine's answer is exact for `r`.
pub fn all_exact(r: &Request, answer: Option<&Answer>) -> bool {
    r.exact_on_page() || answer.is_some_and(|a| a.exact_for(r))
}
