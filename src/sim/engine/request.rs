//! What the exact numbers are asked for, and the named keys that say which inputs each cached
//! layer depends on.

use super::preview::PREVIEW;
use crate::sim::loss::{LossParams, Pass, SUMS, Sum, SumParams};
use crate::sim::params::{Class, Scenario};

/// Model A or model B.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ModelId {
    /// The scenario's own accuracies.
    A,
    /// Model B's accuracies, on the same draws.
    B,
}

impl ModelId {
    /// Both, in the order the page shows them.
    pub const ALL: [ModelId; 2] = [ModelId::A, ModelId::B];

    /// The place of this model's results in a `[_; 2]`.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// What the exact numbers depend on: the scenario, model B's accuracies, and where the
/// scores come from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Request {
    /// The scenario (model A's accuracies among it). With imported scores, its counts are the
    /// file's classes and its accuracies and seed play no part.
    pub scenario: Scenario,
    /// Model B's accuracies on the negatives and the positives.
    pub model_b: [f64; 2],
    /// `SYNTHETIC`, or the number of an imported data set the engine holds.
    pub data: u32,
}

/// `Request::data` for the scenario's own generated scores.
pub const SYNTHETIC: u32 = 0;

impl Request {
    /// A model's accuracy on `class`.
    pub fn acc(&self, model: ModelId, class: Class) -> f64 {
        match model {
            ModelId::A => self.scenario.acc(class),
            ModelId::B => self.model_b[class as usize],
        }
    }

    /// A request for the scenario's own scores.
    pub fn synthetic(scenario: Scenario, model_b: [f64; 2]) -> Self {
        Request {
            scenario,
            model_b,
            data: SYNTHETIC,
        }
    }

    /// Whether every class fits its preview, so that the page's own numbers are exact and no
    /// engine is needed.
    pub fn exact_on_page(&self) -> bool {
        self.scenario.neg <= PREVIEW && self.scenario.pos <= PREVIEW
    }

    /// The inputs of one class's draws (or of its imported scores).
    pub fn draws_key(&self, class: Class) -> DrawsKey {
        DrawsKey {
            data: self.data,
            seed: self.scenario.seed,
            count: self.scenario.count(class),
        }
    }

    /// The inputs of both classes' draws.
    pub fn draws_keys(&self) -> [DrawsKey; 2] {
        [Class::Negative, Class::Positive].map(|c| self.draws_key(c))
    }

    /// What the passes over `class` depend on, at the scenario's parameters.
    pub fn sum_params(&self, class: Class) -> SumParams {
        SumParams::of(&LossParams::from_scenario(&self.scenario), class)
    }

    /// The inputs of a model's loss sums over `class`.
    pub fn loss_key(&self, model: ModelId, class: Class) -> LossKey {
        let params = self.sum_params(class);
        LossKey {
            draws: self.draws_key(class),
            acc: self.acc(model, class).to_bits(),
            sums: SUMS.map(|sum| sum.key(&params)),
        }
    }

    /// The inputs of a model's ranking (and of model A's curves).
    pub fn model_key(&self, model: ModelId) -> ModelKey {
        let s = &self.scenario;
        ModelKey {
            data: self.data,
            seed: s.seed,
            counts: [s.neg, s.pos],
            acc: [Class::Negative, Class::Positive].map(|c| self.acc(model, c).to_bits()),
        }
    }
}

/// What one class's draws depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DrawsKey {
    /// `SYNTHETIC`, or the imported data set.
    pub data: u32,
    /// The seed.
    pub seed: u64,
    /// The class's count.
    pub count: u32,
}

/// What one class's loss sums depend on (floats as bits, so equal means bit-identical).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LossKey {
    /// The class's draws.
    pub draws: DrawsKey,
    /// The model's accuracy on the class.
    pub acc: u64,
    /// Each sum's own parameters (`Sum::key`), in `SUMS`' order.
    pub sums: [[u64; 2]; SUMS.len()],
}

/// What one pass over a class depends on: the draws, the accuracy and its own parameters.
pub type PassKey = (DrawsKey, u64, [u64; 2]);

impl LossKey {
    /// The inputs of one sum (those of the pass that computes it).
    pub fn sum(&self, sum: Sum) -> PassKey {
        (self.draws, self.acc, self.sums[sum as usize])
    }

    /// The inputs of one pass.
    pub fn pass(&self, pass: Pass) -> PassKey {
        self.sum(pass.sum())
    }
}

/// What one model's ranking, confusion matrix (with the threshold) and curves depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ModelKey {
    /// `SYNTHETIC`, or the imported data set.
    pub data: u32,
    /// The seed.
    pub seed: u64,
    /// Negatives and positives.
    pub counts: [u32; 2],
    /// The model's accuracies on the negatives and the positives (as bits).
    pub acc: [u64; 2],
}
